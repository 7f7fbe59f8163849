"""Write the built site. The only module that writes outputs.

* The published site (``site/``) is never changed in place: every build assembles a complete new
  tree beside it (``.site-new-*``), hard-linking the files that did not change from the current
  site, and then swaps the two folders in one atomic step. A reader, a deploy or an interrupted
  build therefore sees the old site or the new one, never a mix, and ``site/`` is never missing.
  Whatever an interrupted build leaves beside it is removed by the next build (``remove_leftovers``).
* ``serve`` writes into a folder of its own under ``.cache/``; there, changed files are replaced
  one by one (``update_output``), each atomically, which is fast enough for every keystroke.
* ``BuildLock`` keeps two builds of one project from running at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .model import Asset


class UnsafePath(ValueError):
    """An output path that would land outside the output folder."""


def safe_join(root: Path, relative: str) -> Path:
    """``root / relative``, refusing absolute paths, '..' and anything else that leaves ``root``."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafePath(f"refusing to write '{relative}' outside the output folder")
    # Checked by its text alone: the output folders are made by the build and hold no symbolic
    # links (files are copied or hard-linked into them), so no path can lead out through one.
    return root.joinpath(*pure.parts)


def copy_file(source: Path, target: Path) -> None:
    """An asset of content/ or static/, copied into a new site."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


STAGING_PREFIX = ".site-new-"  # beside the output; unique names, so two folders never collide


def new_staging(output: Path) -> Path:
    """An empty folder beside ``output`` to build a whole new site into."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=output.parent))
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    return staging


def carry_over(source: Path, target: Path) -> None:
    """Put an unchanged file of the current site into the new one: a hard link (no copy, and the
    current site's file is never written to again), or a copy where links are not possible."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def remove_leftovers(output: Path) -> list[Path]:
    """Delete what interrupted builds left beside ``output``: half-built new sites and old sites
    that were swapped out but not yet deleted. Call it holding the build lock."""
    found = sorted(output.parent.glob(f"{STAGING_PREFIX}*")) if output.parent.exists() else []
    for folder in found:
        shutil.rmtree(folder, ignore_errors=True)
    return found


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False  # the kernel or filesystem cannot do it
    raise OSError(code, os.strerror(code), str(first))


def publish(staging: Path, output: Path) -> None:
    """Make the finished ``staging`` folder the output; afterwards ``staging`` holds the old site
    (or nothing), for the caller to delete. ``output`` exists at every moment once it has existed."""
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        return
    # No atomic exchange here: two renames, with the old site kept until the new one is in place.
    retired = staging.with_name(staging.name + "-old")
    os.rename(output, retired)
    os.rename(staging, output)
    os.rename(retired, staging)


def write_file(folder: Path, relative: str, data: bytes) -> None:
    """One file of a new site (worker processes write their pages straight into the staging folder)."""
    target = safe_join(folder, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def update_output(output: Path, changed: dict[str, bytes], copies: list[Asset], removed: list[str]) -> None:
    """Change an existing output folder in place (incremental builds): every file is written beside
    its target and renamed over it, so a reader never sees half a file; removed files' empty
    folders go too, leaving the tree a clean build would make."""
    targets = {relative: safe_join(output, relative) for relative in [*changed, *(a.output for a in copies), *removed]}
    for relative, data in sorted(changed.items()):
        _replace_file(targets[relative], lambda path, data=data: path.write_bytes(data))
    for asset in copies:
        _replace_file(targets[asset.output], lambda path, source=asset.source: shutil.copyfile(source, path))
    root = output.resolve()
    for relative in removed:
        target = targets[relative]
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


PARTIAL_SUFFIX = ".partial"


def _replace_file(target: Path, write) -> None:  # noqa: ANN001 - a callable writing to a path
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")
    write(partial)
    os.replace(partial, target)


def remove_partial_files(folder: Path) -> None:
    """Delete half-written files an interrupted in-place update left in ``folder``."""
    for path in folder.rglob(f".*{PARTIAL_SUFFIX}"):
        path.unlink(missing_ok=True)


class BuildLock:
    """One build of a project at a time: an exclusive lock on a file in the project's cache folder.
    The operating system releases it when the process ends, however it ends, so a lock is never
    left behind by a crashed or killed build."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 - held for the build's whole life
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            owner = handle.read().strip() or "unknown"
            handle.close()
            raise LockedError(owner) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()  # closing releases the lock
            self._file = None


class LockedError(Exception):
    """Another process holds the build lock."""

    def __init__(self, owner: str) -> None:
        super().__init__(owner)
        self.owner = owner
