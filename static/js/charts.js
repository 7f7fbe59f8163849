// Makes each static chart (an SVG in <picture>) interactive with Vega when it nears the screen.
// Vega is loaded only then, from the site itself. Vega runs with its expression interpreter
// (ast: true), so the site's Content-Security-Policy needs no 'unsafe-eval'; vega-embed's and
// vega-tooltip's injected <style>s are turned off (their rules live in site.css).
(function () {
  "use strict";
  var script = document.currentScript;
  var figures = document.querySelectorAll("figure.chart[data-vega-light]");
  if (!figures.length || !("IntersectionObserver" in window) || !window.fetch) return;

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
          if (figure._vegaView) figure._vegaView.finalize();
          figure._vegaView = result.view;
          view.replaceChildren(target);
          figure.classList.add("is-interactive");
        }, function (error) {
          target.remove();
          throw error;
        });
      })
      .catch(function (error) {
        // The static SVG stays in place: the chart still reads, it is just not interactive.
        figure.classList.add("is-static");
        if (window.console) console.warn("chart stays static:", error.message);
      });
  }

  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
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

  // Follow the reader's colour scheme if it changes while the page is open.
  dark.addEventListener("change", function () {
    figures.forEach(function (figure) { if (figure._vegaView) activate(figure); });
  });
})();
