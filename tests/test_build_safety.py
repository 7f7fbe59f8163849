"""Builds that cannot be fooled or broken: edits that keep a file's size and time, damaged or
crafted caches, interrupted builds, two builds at once, chart caches tied to the engine."""

from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sitegen import buildstate, charts
from sitegen.model import ChartDefinition, Column, Dataset
from sitegen.write import BuildLock
from tests.conftest import REPO, page, tree_digest, write_files


def test_an_edit_that_keeps_size_and_modification_time_is_seen(make_site, run):
    root = make_site({"content/a.md": page("A", "Old text.")})
    assert run(root, "build", "--quiet").code == 0
    path = root / "content/a.md"
    before = path.stat()
    path.write_text(page("A", "New text."))  # the same size, as cp -p, rsync -a or tar leave it
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert run(root, "build", "--quiet").code == 0
    assert "New text." in (root / "site/a/index.html").read_text()


def test_a_recently_changed_file_is_known_by_its_bytes(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("one")
    key = buildstate.stat_key(path)
    assert len(key) == 5  # changed within the filesystem's timestamp resolution: hashed too
    path.write_text("two")
    os.utime(path, ns=(key[0], key[0]))
    assert buildstate.stat_key(path) != key
    old = time.time_ns() - 10 * 10**9
    os.utime(path, ns=(old, old))
    assert len(buildstate.stat_key(path, scanned_ns=time.time_ns() + 10 * 10**9)) == 4  # settled: times suffice


def test_a_damaged_cache_means_a_fresh_build_with_a_notice(make_site, run):
    root = make_site({"content/a.md": page("A")})
    assert run(root, "build", "--quiet").code == 0
    state = root / ".cache/build/state.bin"
    quick = root / ".cache/build/inputs.bin"
    for damage in (lambda data: data[: len(data) // 2], lambda data: data[:-3] + b"xyz", lambda data: b"\x00" * 40):
        for path in (state, quick):
            path.write_bytes(damage(path.read_bytes()))
        write_files(root, {"content/a.md": page("A", f"Text {random.random()}.")})
        result = run(root, "build")
        assert result.code == 0, result.err
        assert "could not be used" in result.err and "building afresh" in result.err
        assert result.err.count("\n") <= 2  # one notice line per file, nothing more


def test_a_crafted_pickle_in_the_cache_runs_nothing(make_site, run, tmp_path):
    root = make_site({"content/a.md": page("A")})
    assert run(root, "build", "--quiet").code == 0
    proof = tmp_path / "ran"

    class Exploit:
        def __reduce__(self):
            return (Path.touch, (proof,))

    for name in ("state.bin", "inputs.bin", "state.pickle", "inputs.pickle"):
        (root / ".cache/build" / name).write_bytes(pickle.dumps(Exploit()))
    write_files(root, {"content/a.md": page("A", "Changed.")})
    assert run(root, "build").code == 0
    assert not proof.exists()


def test_chart_outputs_are_tied_to_the_engine(monkeypatch):
    dataset = Dataset("d", "charts/data/d.csv", b"a,b\n1,2\n", "T", "D", "u", "n", (Column("a", "A", ""),),
                      ({"a": "1"},), ("s",), ("s",))
    definition = ChartDefinition("c", REPO / "charts/c.py", "charts/c.py", "T", "D", ("d",), ("s",), b"code")
    first = charts.cache_key(definition, {"d": dataset})
    monkeypatch.setattr(buildstate, "engine_version", lambda: "another engine")
    assert charts.cache_key(definition, {"d": dataset}) != first


def test_a_second_build_at_the_same_time_is_refused_with_the_owner(make_site, run):
    root = make_site({"content/a.md": page("A")})
    with BuildLock(root / ".cache/build/lock"):
        result = run(root, "build")
    assert result.code == 1
    assert f".cache/build/lock: another build of this project is running (pid {os.getpid()})" in result.err
    assert run(root, "build", "--quiet").code == 0  # the lock went with its holder


def test_leftovers_of_interrupted_builds_are_removed(make_site, run):
    root = make_site({"content/a.md": page("A")})
    assert run(root, "build", "--quiet").code == 0
    for name in (".site-new-123-abc", ".site-new-456-def-old"):
        (root / name / "a").mkdir(parents=True)
    write_files(root, {"content/a.md": page("A", "Changed.")})
    assert run(root, "build", "--quiet").code == 0
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []
    (root / ".site-new-789-x").mkdir()
    assert ".site-new-789-x/" in run(root, "clean").out


def _many_pages(count: int, text: str) -> dict[str, str]:
    return {f"content/s/p{i:04d}.md": page(f"Page {i}", f"{text} number {i}. " * 20) for i in range(count)}


def test_a_killed_build_leaves_the_old_site_or_the_new_one_never_a_mix(make_site):
    """SIGKILL and SIGINT at random moments of a build: site/ is always one whole tree, and the next
    build finishes the job (fixed seed; SITEGEN_KILL_ROUNDS runs more)."""
    root = make_site(_many_pages(300, "Old"))
    command = [sys.executable, str(REPO / "build.py"), "build", "--quiet", "--root", str(root)]
    subprocess.run(command, check=True, env={**os.environ, "SITEGEN_WORKERS": "2"})
    old = tree_digest(root / "site")
    rounds = int(os.environ.get("SITEGEN_KILL_ROUNDS", "4"))
    chance = random.Random(11)
    for round_number in range(rounds):
        write_files(root, _many_pages(300, f"New {round_number}"))
        process = subprocess.Popen(command, env={**os.environ, "SITEGEN_WORKERS": "2"})
        time.sleep(chance.uniform(0.2, 1.5))
        process.send_signal(chance.choice([signal.SIGKILL, signal.SIGINT]))
        process.wait(timeout=30)
        now = tree_digest(root / "site")
        subprocess.run(command, check=True)  # finishes (or redoes) the interrupted build
        new = tree_digest(root / "site")
        assert now in (old, new), f"round {round_number}: site/ was left half old, half new"
        assert not [p for p in root.iterdir() if p.name.startswith(".site")], "leftovers were not removed"
        old = new


def test_a_file_recorded_as_just_changed_is_checked_by_its_bytes_not_rebuilt(make_site, run, monkeypatch):
    root = make_site({"content/a.md": page("A", "Text.")})
    assert run(root, "build", "--quiet").code == 0  # the files were just written: keys carry hashes
    later = time.time_ns() + 10 * 10**9
    monkeypatch.setattr(buildstate.time, "time_ns", lambda: later)  # their times have settled since
    result = run(root, "build")
    assert "nothing changed" in result.out  # same times, same bytes: no rebuild
    path = root / "content/a.md"
    before = path.stat()
    path.write_text(page("A", "Txet."))  # same size; times restored, as cp -p would
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert "nothing changed" not in run(root, "build").out
    assert "Txet." in (root / "site/a/index.html").read_text()


def test_a_page_rendered_again_to_the_same_bytes_keeps_its_file(make_site, run):
    root = make_site({"content/a.md": page("A", "Text.")})
    assert run(root, "build", "--quiet").code == 0
    before = (root / "site/a/index.html").stat()
    pager = root / "templates/partials/pager.html"
    pager.write_text(pager.read_text() + "{# a comment: every page renders again, to the same bytes #}\n")
    assert "0 files written" in run(root, "build").out
    after = (root / "site/a/index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "nothing changed" in run(root, "build").out  # so the next build trusts it
