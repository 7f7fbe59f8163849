"""The file format of what a build keeps in ``.cache/``: safe to load, checked before it is trusted.

A cache file is ``MAGIC``, the engine version, a digest and a MessagePack body. Reading it can
only ever make plain values (numbers, text, bytes, lists, tuples, sets, dicts, dates) and the
engine's own data classes named in ``TYPES``, built field by field by their own ``__init__``:
unlike pickle, a crafted file cannot run code. The digest covers the body and the engine version
(sitegen's code, Python's and the libraries' versions), so a truncated, corrupted or foreign file
is refused as a whole and the build starts afresh. Every problem loading one is a
``CacheProblem``: never a crash.

The body is one MessagePack value, written by one ``packb`` and read by one ``unpackb`` (the state
of a large site holds hundreds of thousands of values: nothing is packed twice). None, booleans,
numbers, text, bytes, lists and dicts are MessagePack's own (a dict's keys may be any of these
values). A date is an extension value holding its ISO text. A tuple, set, frozenset or data class
is an array whose first item is a *mark*, an extension value that says what the array is: for a
data class its name, followed by the values of its fields in order (those marked ``transient()``
are not saved: they get their defaults back). Reading, each array is looked at as it ends, and
one that starts with a mark becomes what the mark says; a mark anywhere else means the file is
not one this module wrote.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import operator
import os
import tempfile
from pathlib import Path
from typing import Any

import msgpack

_FAMILY = b"sitegen-cache "  # then the version of the format
MAGIC = _FAMILY + b"2\n"
_DATE, _TUPLE, _FROZENSET, _SET, _RECORD = range(1, 6)  # extension codes
_TRANSIENT = "sitegen.cachefile.transient"
TYPES: dict[str, type] = {}  # the data classes a cache file may hold, by name
_SAVED: dict[type, tuple[msgpack.ExtType, Any]] = {}  # class -> (its mark, what gets its saved fields' values)


class CacheProblem(Exception):
    """The cache file is missing, unreadable, corrupted or from another engine: start afresh.
    ``expected``: nothing is wrong (no cache yet, or the engine changed), so nobody need be told."""

    def __init__(self, reason: str, expected: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.expected = reason, expected


def transient(**kwargs: Any) -> Any:  # noqa: ANN401 - a dataclasses.field
    """A data class field that is not saved in cache files: loading gives it its default
    (which it must have, and it must come after every saved field)."""
    return dataclasses.field(metadata={_TRANSIENT: True}, **kwargs)


def cacheable(cls: type) -> type:
    """Class decorator: allow instances of this data class in cache files."""
    fields = dataclasses.fields(cls)
    saved = tuple(f.name for f in fields if not f.metadata.get(_TRANSIENT))
    if any(not f.init for f in fields) or saved != tuple(f.name for f in fields[:len(saved)]):
        raise TypeError(f"{cls.__name__}: a cached data class's saved fields must come first and be set by __init__")
    TYPES[cls.__name__] = cls
    values = operator.attrgetter(*saved) if len(saved) > 1 else lambda value: tuple(getattr(value, n) for n in saved)
    _SAVED[cls] = msgpack.ExtType(_RECORD, cls.__name__.encode()), values
    return cls


_TUPLE_MARK = msgpack.ExtType(_TUPLE, b"")
_FROZENSET_MARK = msgpack.ExtType(_FROZENSET, b"")
_SET_MARK = msgpack.ExtType(_SET, b"")


def _encode(value: Any) -> Any:  # noqa: ANN401
    """``packb``'s ``default``: what to write for a value that is not plain MessagePack."""
    kind = type(value)
    if kind is tuple:
        return [_TUPLE_MARK, *value]
    found = _SAVED.get(kind)
    if found is not None and TYPES.get(kind.__name__) is kind:
        mark, values = found
        return [mark, *values(value)]
    if kind is frozenset:
        return [_FROZENSET_MARK, *sorted(value, key=repr)]  # sorted: the same state, the same bytes
    if kind is set:
        return [_SET_MARK, *sorted(value, key=repr)]
    if kind is dt.date:
        return msgpack.ExtType(_DATE, value.isoformat().encode())
    if isinstance(value, dict):  # a subclass (OrderedDict...): kept as a plain dict
        return dict(value)
    raise TypeError(f"cannot keep a {kind.__name__} in the cache")


class _Mark:
    """What a mark reads as, until the array it starts is made into its value."""

    __slots__ = ("make",)

    def __init__(self, make: type) -> None:
        self.make = make


def _pack(value: Any) -> bytes:  # noqa: ANN401
    return msgpack.packb(value, default=_encode, strict_types=True, use_bin_type=True)


def _unpack(data: bytes) -> Any:  # noqa: ANN401
    """The value ``_pack`` made ``data`` from; CacheProblem (or whatever msgpack raises) if it is not one."""
    marks = {_TUPLE: _Mark(tuple), _FROZENSET: _Mark(frozenset), _SET: _Mark(set)}
    records: dict[bytes, _Mark] = {}
    seen = [0, 0]  # marks read, marks used: a mark anywhere but first in an array is left over

    def ext(code: int, payload: bytes) -> object:
        if code == _DATE:
            return dt.date.fromisoformat(payload.decode("ascii"))
        seen[0] += 1
        if code == _RECORD:
            mark = records.get(payload)
            if mark is None:
                name = payload.decode("utf-8", "replace")
                cls = TYPES.get(name)
                if cls is None:
                    raise CacheProblem(f"unknown record type {name!r}")
                mark = records[payload] = _Mark(cls)
            return mark
        mark = marks.get(code) if not payload else None
        if mark is None:
            raise CacheProblem(f"unknown value code {code}")
        return mark

    def array(items: list) -> object:
        if items and type(items[0]) is _Mark:
            seen[1] += 1
            make = items[0].make
            del items[0]
            if make is tuple or make is frozenset or make is set:
                return make(items)
            return make(*items)  # the class's own __init__: a wrong count is a TypeError
        return items

    value = msgpack.unpackb(data, ext_hook=ext, list_hook=array, raw=False, strict_map_key=False, use_list=True)
    if seen[0] != seen[1]:
        raise CacheProblem("a value mark out of place")
    return value


def _digest(engine: str, body: bytes | memoryview) -> bytes:
    digest = hashlib.sha256(engine.encode() + b"\0")  # (processors hash it faster than blake2b)
    digest.update(body)
    return digest.digest()[:16]


def _header(engine: str) -> bytes:
    return MAGIC + engine.encode("ascii") + b"\n"


def save(path: Path, engine: str, value: Any) -> None:  # noqa: ANN401
    """Write ``value`` atomically (a unique temporary file renamed over ``path``)."""
    body = _pack(value)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(_header(engine))
            file.write(_digest(engine, body))
            file.write(body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path: Path, engine: str) -> Any:  # noqa: ANN401
    """The value saved in ``path`` by this engine, or CacheProblem saying why it cannot be used."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CacheProblem("none yet", expected=True) from None
    except OSError as exc:
        raise CacheProblem(f"unreadable ({exc.strerror})") from exc
    except MemoryError as exc:
        raise CacheProblem("too large to read") from exc
    if not data.startswith(_FAMILY):
        raise CacheProblem("not a cache file")
    header = _header(engine)
    if not data.startswith(header):  # (or another version of this format: so is the engine)
        raise CacheProblem("made by another version of the engine or its libraries", expected=True)
    head = len(header) + 16
    body = memoryview(data)[head:]
    if len(data) < head or data[len(header):head] != _digest(engine, body):
        raise CacheProblem("damaged (its checksum does not match)")
    try:
        return _unpack(body)
    except CacheProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a bad body raises, the cache is not used
        raise CacheProblem(f"unreadable ({type(exc).__name__})") from exc
