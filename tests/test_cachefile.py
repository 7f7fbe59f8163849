"""The cache file format (cachefile.py): every value a build keeps comes back exactly, and no file,
however damaged or crafted, does more than make plain values and the whitelisted data classes, or
is refused with CacheProblem."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import random
import struct
from pathlib import Path

import msgpack
import pytest

from sitegen import buildstate, cachefile
from sitegen.cachefile import CacheProblem, cacheable
from sitegen.errors import Problem
from sitegen.model import Heading, LinkRef, Project
from tests.conftest import page

ENGINE = "test-engine"
buildstate._allow_state_types()  # Heading, LinkRef, Problem...: what the build's state holds


@cacheable
@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: tuple = ()


@cacheable
@dataclasses.dataclass
class Note:
    text: str
    points: list[Point] = dataclasses.field(default_factory=list)
    scratch: object = cachefile.transient(default="fresh")


class Exploit:
    """Would leave a trace if a cache file could make one."""

    made = 0

    def __init__(self, *args: object) -> None:
        Exploit.made += 1


EVERY_KIND = {
    "none": None, "true": True, "false": False, "int": 7, "negative": -(2**63), "big": 2**64 - 1, "float": 1.5,
    "text": "Kizilsu – 克孜勒苏 \U0001f600", "empty text": "", "bytes": b"\x00\xff", "list": [1, "a", [2, (3,)]],
    "empty list": [], "tuple": (1, "a", (2, [3])), "empty tuple": (), "one tuple": ((),),
    "frozenset": frozenset({"b", "a", (1, 2)}), "empty frozenset": frozenset(), "set": {3, 1, 2}, "empty set": set(),
    "date": dt.date(2021, 11, 3), "dates": (dt.date.min, dt.date.max),
    "tuple keys": {("page", "a.md"): "/a/", ("glossary", "/"): ()}, "int keys": {1: "one", -2: "minus two"},
    "mixed keys": {None: 0, True: 1, 2.5: 2, b"k": 3, dt.date(2020, 1, 1): 4, frozenset({1}): 5},
    "nested dict": {"a": {"b": {"c": [{"d": ()}]}}},
    "records": (Point(1), Point(2, (Point(3),)), Heading(2, "id", "Title", (Heading(3, "sub", "Sub"),)),
                LinkRef("a.md#x", 3, "/a/", "x"), Problem("content/a.md", None, "bad", warning=True)),
    "record in key": {Point(1, ("a",)): "point"},
}


def roundtrip(value: object) -> object:
    return cachefile._unpack(cachefile._pack(value))


def same(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True, () != [] only by type)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(k, j) for k, j in zip(a, b, strict=True)) \
            and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (set, frozenset)):
        return a == b and all(any(same(x, y) for y in b) for x in a)
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return a == b


@pytest.mark.parametrize("name", EVERY_KIND)
def test_every_kind_of_value_comes_back_exactly(name):
    value = EVERY_KIND[name]
    assert same(roundtrip(value), value)


def test_everything_at_once_through_a_file(tmp_path):
    path = tmp_path / "cache/state.bin"
    cachefile.save(path, ENGINE, EVERY_KIND)
    assert same(cachefile.load(path, ENGINE), EVERY_KIND)
    assert list(tmp_path.glob("cache/*")) == [path]  # no temporary file left behind


def test_a_dict_subclass_comes_back_as_a_dict_and_sets_are_written_in_one_order():
    value = roundtrip(collections.OrderedDict([("b", 1), ("a", 2)]))
    assert type(value) is dict and list(value.items()) == [("b", 1), ("a", 2)]
    assert cachefile._pack({"a", "b", "c", "d"}) == cachefile._pack({"d", "c", "b", "a"})


def test_transient_fields_are_not_saved_and_get_their_default_back():
    note = Note("n", [Point(1)], scratch=object())
    back = roundtrip(note)
    assert back == Note("n", [Point(1)]) and back.scratch == "fresh"
    assert b"scratch" not in cachefile._pack(note)


def test_a_transient_field_must_come_after_the_saved_ones():
    @dataclasses.dataclass
    class Wrong:
        a: int = cachefile.transient(default=0)
        b: int = 0

    with pytest.raises(TypeError):
        cacheable(Wrong)


@pytest.mark.parametrize("value", [object(), dt.datetime(2021, 1, 1), Exploit(), Path("a"), Project(Path("a")),
                                   type("Str", (str,), {})("text"), [object()], {"a": {1: object()}}])
def test_what_cannot_be_kept_is_refused_when_saving(value, tmp_path):
    with pytest.raises(TypeError):
        cachefile.save(tmp_path / "state.bin", ENGINE, value)
    assert list(tmp_path.iterdir()) == []


def test_a_data_class_that_only_shares_a_whitelisted_name_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Point:  # noqa: F811 - not the cacheable one
        x: int

    with pytest.raises(TypeError):
        cachefile._pack(Point(1))


# Loading: whatever is in the file, a value made of plain values and whitelisted classes, or CacheProblem.


def write(path: Path, body: bytes, engine: str = ENGINE) -> Path:
    """A file with a good header and digest around ``body``: as if crafted by someone who knows the format."""
    path.write_bytes(cachefile._header(engine) + cachefile._digest(engine, body) + body)
    return path


def refused(path: Path) -> CacheProblem:
    with pytest.raises(CacheProblem) as caught:
        cachefile.load(path, ENGINE)
    return caught.value


def ext(code: int, payload: bytes = b"") -> msgpack.ExtType:
    return msgpack.ExtType(code, payload)


def raw(value: object) -> bytes:
    """MessagePack of ``value`` as it is (ExtType instances as extension values), without the module's encoding."""
    return msgpack.packb(value, use_bin_type=True)


TUPLE, RECORD, DATE = ext(cachefile._TUPLE), cachefile._RECORD, cachefile._DATE


def test_a_missing_file_or_another_engines_is_expected_and_a_damaged_one_is_not(tmp_path):
    path = tmp_path / "state.bin"
    assert refused(path).expected
    cachefile.save(path, "another engine", [1])
    assert refused(path).expected
    path.write_bytes(b"sitegen-cache 1\nold format")
    assert refused(path).expected
    path.write_bytes(b"\x80\x04\x95 a pickle")
    assert not refused(path).expected
    (tmp_path / "folder.bin").mkdir()
    assert not refused(tmp_path / "folder.bin").expected


def test_every_truncation_and_every_flipped_byte_is_refused(tmp_path):
    path = tmp_path / "state.bin"
    cachefile.save(path, ENGINE, {"a": (1, Point(2, (dt.date(2021, 1, 1),))), "b": [frozenset({"x"})]})
    data = path.read_bytes()
    for end in range(len(data)):
        path.write_bytes(data[:end])
        refused(path)
    for at in range(len(data)):
        damaged = bytearray(data)
        damaged[at] ^= 0x41
        path.write_bytes(bytes(damaged))
        refused(path)


@pytest.mark.parametrize("body", [
    raw([ext(RECORD, b"Exploit"), 1]),  # a class that is not whitelisted...
    raw([ext(RECORD, b"Path"), "/tmp/x"]),
    raw([ext(RECORD, b"os.system"), "touch /tmp/x"]),
    raw([ext(RECORD, b"\xff\xfe"), 1]),
    raw([ext(RECORD, b"Point")]),  # ...or a whitelisted one given too few or too many fields
    raw([ext(RECORD, b"Point"), 1, 2, 3]),
    raw(ext(cachefile._TUPLE)),  # a mark that is not first in its array
    raw([1, TUPLE]),
    raw([TUPLE, TUPLE]),
    raw({"a": TUPLE}),
    raw({TUPLE: 1}),
    raw([ext(RECORD, b"Point")] * 2),
    raw(ext(99)),  # an extension nobody wrote
    raw([ext(99), 1]),
    raw([ext(cachefile._TUPLE, b"x"), 1]),
    raw(ext(DATE, b"2021-13-01")),  # no such date
    raw(ext(DATE, b"\xff")),
    raw([ext(cachefile._FROZENSET), [1]]),  # unhashable members and keys
    raw([ext(cachefile._SET), {"a": 1}]),
    bytes([0x81, 0x91, 0x01, 0x02]),  # {[1]: 2}
    bytes([0xC1]),  # never used in MessagePack
    raw([1, 2]) + b"\x00",  # more after the value
    b"",
    bytes([0xDD]) + struct.pack(">I", 2**32 - 1),  # huge lengths: an array, a map, text, bytes, an extension
    bytes([0xDF]) + struct.pack(">I", 2**32 - 1),
    bytes([0xDB]) + struct.pack(">I", 2**32 - 1) + b"abc",
    bytes([0xC6]) + struct.pack(">I", 2**32 - 1) + b"abc",
    bytes([0xC9]) + struct.pack(">I", 2**32 - 1) + b"\x05abc",
    bytes([0x91]) * 100_000 + b"\x01",  # nested far too deeply
])
def test_a_crafted_body_is_refused(body, tmp_path):
    made = Exploit.made
    problem = refused(write(tmp_path / "state.bin", body))
    assert not problem.expected and problem.reason
    assert Exploit.made == made


def test_a_crafted_body_makes_a_whitelisted_class_through_its_own_init(tmp_path):
    body = raw([ext(RECORD, b"Point"), [ext(cachefile._TUPLE), 5], (1, 2)])
    assert same(cachefile.load(write(tmp_path / "state.bin", body), ENGINE), Point((5,), [1, 2]))


def plain(value: object) -> bool:
    """Made only of plain values and whitelisted data classes."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value) in (list, tuple, set, frozenset) and all(plain(item) for item in value)
    if isinstance(value, dict):
        return type(value) is dict and all(plain(k) and plain(v) for k, v in value.items())
    if dataclasses.is_dataclass(value):
        return cachefile.TYPES.get(type(value).__name__) is type(value) and all(
            plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    return type(value) in (type(None), bool, int, float, str, bytes, dt.date)


def test_random_damage_to_a_body_gives_plain_values_or_cache_problem(tmp_path):
    """Bodies with good digests: a valid one with bytes changed, cut or repeated, and random bytes."""
    good = cachefile._pack(EVERY_KIND)
    chance = random.Random(5)
    path = tmp_path / "state.bin"
    for attempt in range(3000):
        body = bytearray(good)
        for _ in range(chance.randint(1, 4)):
            at = chance.randrange(len(body))
            action = chance.random()
            if action < 0.6:
                body[at] = chance.randrange(256)
            elif action < 0.8:
                del body[at:at + chance.randint(1, 20)]
            else:
                body[at:at] = body[at:at + chance.randint(1, 20)]
        if attempt % 10 == 0:
            body = bytearray(chance.randbytes(chance.randint(0, 64)))
        write(path, bytes(body))
        try:
            value = cachefile.load(path, ENGINE)
        except CacheProblem:
            continue
        assert plain(value)


# The build's state file.


def test_a_state_of_the_wrong_shape_means_a_fresh_build(make_site, run, capsys):
    root = make_site({"content/a.md": page("A")})
    assert run(root, "build", "--quiet").code == 0
    project = Project(root)
    path = root / ".cache/build/state.bin"
    engine = buildstate.engine_version()
    buildstate._allow_state_types()
    good = cachefile.load(path, engine)
    options = good["options"]
    assert buildstate.load_state(project, engine, options).content.entries
    for key, wrong in [("content", {"a.md": "text"}), ("content", ["a.md"]), ("records", ([], {"a": ([5], "d", frozenset())})),
                       ("records", (["k"], {})), ("records", (["k", "v"], {"a": ([-1], "d", frozenset())})),
                       ("records", "x"), ("inputs", {}), ("warnings", ("text",)), ("pages", "1")]:
        cachefile.save(path, engine, {**good, key: wrong})
        capsys.readouterr()
        state = buildstate.load_state(project, engine, options)
        assert state.content.entries == {} and state.records == {} and state.outputs == {}, key
        assert "could not be used (incomplete" in capsys.readouterr().err
    cachefile.save(path, engine, good)
    assert buildstate.load_state(project, engine, options).records


def test_the_state_keeps_each_pages_text_and_html_once(make_site, run):
    body = "A paragraph about *Kizilsu* that only this page has, long enough to find."
    root = make_site({"content/a.md": page("A", body), "content/b.md": page("B", "See [A](a.md).")})
    assert run(root, "build", "--quiet").code == 0
    state = (root / ".cache/build/state.bin").read_bytes()
    assert state.count(b"about *Kizilsu* that") == 1  # the Markdown: in the front matter's body, not as the text too
    assert state.count(b"<em>Kizilsu</em>") == 1  # in the conversion, not again in a finished page
    engine = buildstate.engine_version()
    buildstate._allow_state_types()
    options = cachefile.load(root / ".cache/build/state.bin", engine)["options"]
    entry = buildstate.load_state(Project(root), engine, options).content.entries["a.md"]
    assert entry.page is None and entry.basis is None and len(entry.text_digest) == 16
    (root / "content/b.md").write_text(page("B", "Read [A](a.md)."))
    assert run(root, "build", "--quiet").code == 0
    assert "Read" in (root / "site/b/index.html").read_text()
    assert "<em>Kizilsu</em>" in (root / "site/a/index.html").read_text()
