"""The file format of what a build keeps in ``.cache/``: safe to load, checked before it is trusted.

A cache file is ``MAGIC``, a digest and a MessagePack body. Reading it can only ever make plain
values (numbers, text, bytes, lists, tuples, sets, dicts, dates) and the engine's own frozen data
classes named in ``TYPES``, built field by field: unlike pickle, a crafted file cannot run code.
The digest covers the body and the engine version (sitegen's code, Python's and the libraries'
versions), so a truncated, corrupted or foreign file is refused as a whole and the build starts
afresh. Every problem loading one is a ``CacheProblem``: never a crash.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import msgpack

MAGIC = b"sitegen-cache 1\n"
_TUPLE, _FROZENSET, _SET, _DICT, _DATE, _RECORD = range(1, 7)
TYPES: dict[str, type] = {}  # the data classes a cache file may hold, by name


class CacheProblem(Exception):
    """The cache file is missing, unreadable, corrupted or from another engine: start afresh.
    ``expected``: nothing is wrong (no cache yet, or the engine changed), so nobody need be told."""

    def __init__(self, reason: str, expected: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.expected = reason, expected


def cacheable(cls: type) -> type:
    """Class decorator: allow instances of this data class in cache files."""
    TYPES[cls.__name__] = cls
    return cls


def _encode(value: Any) -> msgpack.ExtType:
    if isinstance(value, tuple):
        return msgpack.ExtType(_TUPLE, _pack(list(value)))
    if isinstance(value, frozenset):
        return msgpack.ExtType(_FROZENSET, _pack(sorted(value, key=repr)))
    if isinstance(value, set):
        return msgpack.ExtType(_SET, _pack(sorted(value, key=repr)))
    if isinstance(value, dict):  # keys that are not text (tuples...): as a list of pairs
        return msgpack.ExtType(_DICT, _pack([[k, v] for k, v in value.items()]))
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return msgpack.ExtType(_DATE, value.isoformat().encode())
    if dataclasses.is_dataclass(value) and type(value).__name__ in TYPES:
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return msgpack.ExtType(_RECORD, _pack([type(value).__name__, fields]))
    raise TypeError(f"cannot keep a {type(value).__name__} in the cache")


def _decode(code: int, data: bytes) -> Any:
    if code == _DATE:
        return dt.date.fromisoformat(data.decode())
    value = _unpack(data)
    if code == _TUPLE:
        return tuple(value)
    if code == _FROZENSET:
        return frozenset(value)
    if code == _SET:
        return set(value)
    if code == _DICT:
        return {k: v for k, v in value}
    if code == _RECORD:
        name, fields = value
        cls = TYPES.get(name)
        if cls is None:
            raise CacheProblem(f"unknown record type {name!r}")
        return cls(**fields)
    raise CacheProblem(f"unknown value code {code}")


def _pack(value: Any) -> bytes:
    return msgpack.packb(value, default=_encode, strict_types=True, use_bin_type=True)


def _unpack(data: bytes) -> Any:
    return msgpack.unpackb(data, ext_hook=_decode, raw=False, strict_map_key=False)


def _digest(engine: str, body: bytes) -> bytes:
    return hashlib.blake2b(engine.encode() + b"\0" + body, digest_size=16).digest()


def _header(engine: str) -> bytes:
    return MAGIC + engine.encode("ascii") + b"\n"


def save(path: Path, engine: str, value: Any) -> None:
    """Write ``value`` atomically (a unique temporary file renamed over ``path``)."""
    body = _pack(value)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(_header(engine) + _digest(engine, body) + body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path: Path, engine: str) -> Any:
    """The value saved in ``path`` by this engine, or CacheProblem saying why it cannot be used."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CacheProblem("none yet", expected=True) from None
    except OSError as exc:
        raise CacheProblem(f"unreadable ({exc.strerror})") from exc
    if not data.startswith(MAGIC):
        raise CacheProblem("not a cache file")
    header = _header(engine)
    if not data.startswith(header):
        raise CacheProblem("made by another version of the engine or its libraries", expected=True)
    head = len(header) + 16
    body = data[head:]
    if len(data) < head or data[len(header):head] != _digest(engine, body):
        raise CacheProblem("damaged (its checksum does not match)")
    try:
        return _unpack(body)
    except CacheProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a bad body raises, the cache is not used
        raise CacheProblem(f"unreadable ({type(exc).__name__})") from exc
