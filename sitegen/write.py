"""Write the built site: a whole new site into a fresh folder, swapped in only when all is written;
or, for an incremental build, just the changed files, each replaced atomically."""

from __future__ import annotations

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
    target = root.joinpath(*pure.parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise UnsafePath(f"refusing to write '{relative}' outside the output folder")
    return target


def write_tree(folder: Path, files: dict[str, bytes], assets: tuple[Asset, ...]) -> None:
    """Write ``files`` and copy ``assets`` into ``folder``, which must be empty."""
    for relative, data in sorted(files.items()):
        write_file(folder, relative, data)
    for asset in assets:
        target = safe_join(folder, asset.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset.source, target)


def new_staging(output: Path) -> Path:
    """An empty folder beside ``output`` to build a whole new site into."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=output.parent))
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    return staging


def write_file(folder: Path, relative: str, data: bytes) -> None:
    """One file of a new site (worker processes write their pages straight into the staging folder)."""
    target = safe_join(folder, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` by the finished ``staging`` folder."""
    retired = output.parent / f".site-old-{staging.name.rsplit('-', 1)[-1]}"
    if output.exists():
        os.rename(output, retired)
    os.rename(staging, output)
    shutil.rmtree(retired, ignore_errors=True)


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


def _replace_file(target: Path, write) -> None:  # noqa: ANN001 - a callable writing to a path
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    write(partial)
    os.replace(partial, target)
