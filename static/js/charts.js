// Makes each static chart (an SVG in <picture>) interactive with Vega when it nears the screen.
// Vega is loaded only then, from the site itself. Vega runs with its expression interpreter
// (ast: true), so the site's Content-Security-Policy needs no 'unsafe-eval'; vega-embed's and
// vega-tooltip's injected <style>s are turned off (their rules live in site.css).
//
// A chart may be driven by a form of the page's own controls (<form data-chart="NAME">, whose
// <select> and <input> elements the chart's Vega signals are bound to by id). site.css shows the
// form only where scripts run, and this script hides it again if the chart cannot run. Elements
// marked data-chart="NAME" data-signal="SIGNAL" show that signal's value as it changes (their text
// without JavaScript is the default scenario).
//
// For print, every <details> (the data tables) is opened, and closed again afterwards.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  var script = document.currentScript;
  var figures = document.querySelectorAll("figure.chart[data-vega-light]");
  if (!figures.length) return;
  if (!("IntersectionObserver" in window) || !window.fetch) {
    document.querySelectorAll("form[data-chart]").forEach(function (form) { form.hidden = true; });
    return;
  }

  // A range control shows its value beside it (its <output for=...>) and says it to screen readers.
  function showRange(input) {
    var decimals = Number(input.dataset.decimals || 0);
    var text = (input.dataset.prefix || "") + Number(input.value).toFixed(decimals) + (input.dataset.suffix || "");
    input.setAttribute("aria-valuetext", text);
    var output = input.form && input.form.querySelector('output[for="' + input.id + '"]');
    if (output) output.textContent = text;
  }

  function chartName(figure) { return figure.id.replace(/^chart-/, ""); }

  function formFor(figure) {
    return document.querySelector('form[data-chart="' + chartName(figure) + '"]');
  }

  // The page's elements that show the chart's signals: kept in step with the view.
  function showSignals(figure, view) {
    document.querySelectorAll('[data-chart="' + chartName(figure) + '"][data-signal]').forEach(function (element) {
      var signal = element.dataset.signal;
      var target = element.querySelector(".data-number") || element;
      function write(_, value) { target.textContent = String(value); }
      write(null, view.signal(signal));
      view.addSignalListener(signal, write);
    });
  }

  // Vega shows a tooltip when a pointer moves over a mark and hides it when the pointer leaves. A
  // tap sends no move, and its pointer leaves as the finger lifts: so a tap is passed to Vega as a
  // move to where it landed, the touch pointer's leaving is kept from it, and a tap anywhere else
  // (or a scroll) passes it a leave, which hides the tooltip.
  var tapped = null;
  function touchTooltips(container) {
    ["pointerout", "pointerleave"].forEach(function (type) {
      container.addEventListener(type, function (event) {
        if (event.pointerType === "touch") event.stopImmediatePropagation();
      }, true);
    });
    container.addEventListener("pointerup", function (event) {
      if (event.pointerType !== "touch") return;
      if (tapped && tapped !== event.target) leave();
      tapped = event.target;
      event.target.dispatchEvent(new PointerEvent("pointermove", {
        bubbles: true, cancelable: true, clientX: event.clientX, clientY: event.clientY, pointerType: "mouse"
      }));
    });
  }
  function leave() {
    if (!tapped) return;
    var element = tapped;
    tapped = null;
    // Vega hides its tooltip on the mouse leaving the mark (mouseout, not pointerout).
    element.dispatchEvent(new MouseEvent("mouseout", { bubbles: true }));
  }
  document.addEventListener("pointerdown", function (event) {
    if (tapped && !(event.target.closest && event.target.closest(".chart-interactive") === tapped.closest(".chart-interactive"))) leave();
  }, true);
  window.addEventListener("scroll", function () { if (tapped) leave(); }, { passive: true });

  // vega-tooltip puts the tooltip beside the pointer, which on a phone can be off the screen: once
  // it is placed, it is moved back inside (8 px from each edge). Moving it changes its style again,
  // which is then inside and so left alone.
  function keepOnScreen(tooltip) {
    new MutationObserver(function () {
      if (!tooltip.classList.contains("visible")) return;
      var box = tooltip.getBoundingClientRect();
      var margin = 8;
      var left = Math.max(margin, Math.min(box.left, window.innerWidth - box.width - margin));
      var top = Math.max(margin, Math.min(box.top, window.innerHeight - box.height - margin));
      if (Math.abs(left - box.left) > 0.5) tooltip.style.left = left + "px";
      if (Math.abs(top - box.top) > 0.5) tooltip.style.top = top + "px";
    }).observe(tooltip, { attributes: true, attributeFilter: ["style", "class"] });
  }
  new MutationObserver(function (changes, observer) {
    var tooltip = document.getElementById("vg-tooltip-element");
    if (tooltip) {
      observer.disconnect();
      keepOnScreen(tooltip);
    }
  }).observe(document.body, { childList: true, subtree: true });  // vega-tooltip adds it near the chart

  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  var libraries = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(element);
    });
  }

  function loadVega() {
    if (!libraries) {
      libraries = loadScript(script.dataset.vega).then(function () { return loadScript(script.dataset.vegaEmbed); });
    }
    return libraries;
  }

  function activate(figure) {
    var view = figure.querySelector(".chart-view");
    var url = dark.matches ? figure.dataset.vegaDark : figure.dataset.vegaLight;
    return loadVega()
      .then(function () { return fetch(url); })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      })
      .then(function (spec) {
        // In the page before Vega runs: a chart as wide as its container needs a container.
        var target = document.createElement("div");
        target.className = "chart-interactive";
        view.appendChild(target);
        var title = figure.querySelector(".chart-title");
        var picture = figure.querySelector(".chart-view img");
        if (picture) spec.description = picture.alt;
        return window.vegaEmbed(target, spec, {
          mode: "vega",
          renderer: "svg",
          actions: false,
          ast: true,
          defaultStyle: false,
          tooltip: { disableDefaultStyle: true, theme: dark.matches ? "dark" : "light" },
          description: title ? title.textContent : ""
        }).then(function (result) {
          if (figure._vegaView) {
            // A chart drawn again (the colour scheme changed): its old view's tooltip goes with it.
            if (tapped && figure.contains(tapped)) leave();
            figure._vegaView.finalize();
          }
          figure._vegaView = result.view;
          // vega-embed adds a form for bindings even when a chart has none (ours bind to the page's).
          target.querySelectorAll(".vega-bindings").forEach(function (form) {
            if (!form.children.length) form.remove();
          });
          touchTooltips(target);
          view.replaceChildren(target);
          figure.classList.add("is-interactive");
          showSignals(figure, result.view);
          var form = formFor(figure);
          if (form) form.removeAttribute("aria-busy");
        }, function (error) {
          target.remove();
          throw error;
        });
      })
      .catch(function (error) {
        // The static SVG stays in place: the chart still reads, it is just not interactive. Its form,
        // if it has one, would change nothing: it is hidden again, and the text keeps the default.
        figure.classList.add("is-static");
        var form = formFor(figure);
        if (form) form.hidden = true;
        if (window.console) console.warn("chart stays static:", error.message);
      });
  }

  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting && !entry.target._vegaStarted) {
        entry.target._vegaStarted = true;
        observer.unobserve(entry.target);
        activate(entry.target);
      }
    });
  }, { rootMargin: "300px 0px" });
  // Nothing is fetched before the reader interacts: a chart that happens to be near the first screen
  // does not cost Vega's ~580 KB on a page that is only opened and read.
  var interactions = ["scroll", "wheel", "keydown", "pointerdown", "pointermove", "touchstart"];
  function start() {
    interactions.forEach(function (type) { window.removeEventListener(type, start, true); });
    figures.forEach(function (figure) { observer.observe(figure); });
  }
  interactions.forEach(function (type) { window.addEventListener(type, start, { capture: true, passive: true }); });

  // A chart's own form (shown by site.css only where scripts run): using it starts the chart at once.
  figures.forEach(function (figure) {
    var form = formFor(figure);
    if (!form) return;
    form.querySelectorAll('input[type="range"]').forEach(showRange);
    form.addEventListener("input", function (event) {
      if (event.target.type === "range") showRange(event.target);
      if (!figure._vegaView && !figure._vegaStarted) {
        figure._vegaStarted = true;
        form.setAttribute("aria-busy", "true");
        observer.unobserve(figure);
        activate(figure);
      }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  });

  // Follow the reader's colour scheme if it changes while the page is open.
  dark.addEventListener("change", function () {
    figures.forEach(function (figure) { if (figure._vegaView) activate(figure); });
  });
})();
