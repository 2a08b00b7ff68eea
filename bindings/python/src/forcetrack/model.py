"""The entities of a dataset as plain Python values (docs/format.md sections
3-6): Actor, Region, Unit, Source and Claim dataclasses, read back from the
library with ft_*_describe, and Quantity and Interval, the hedge and the
observed span of a claim. They are snapshots: they hold no C pointer and
stay valid after their dataset is closed, and they pickle.

Also the other direction: the description structs the add_* functions of a
Dataset fill from keyword arguments (`Descriptions`), with every cffi buffer
kept alive until the library has copied it.
"""

import dataclasses
import json
from typing import Optional, Tuple

from . import errors
from .times import Time
from ._native import encode, ffi, lib, text


# ---- Named values ----------------------------------------------------------


class _Names:
    """The spellings of one enumeration of the format, both ways, through
    the library's own _name and _parse functions."""

    def __init__(self, what, name_fn, parse_fn, c_type, values):
        self.what = what
        self._name = name_fn
        self._parse = parse_fn
        self._c_type = c_type
        self.spellings = [text(name_fn(v)) for v in values if name_fn(v) != ffi.NULL]

    def name(self, value):
        return text(self._name(value))

    def parse(self, spelling):
        """The value of a spelling; a forcetrack.Error (FT_EFORMAT) suggests
        the nearest spelling for a typo."""
        out = ffi.new(self._c_type + " *")
        if self._parse(encode(spelling, self.what), out) < 0:
            raise errors.Error(errors.EFORMAT, "unknown %s %r%s; it is one of %s" % (
                self.what, spelling, suggestion(spelling, self.spellings), ", ".join(self.spellings)))
        return out[0]


def suggestion(word, candidates):
    """' (did you mean "x"?)' for the candidate the library's rule picks, or ''."""
    if not candidates or not isinstance(word, str) or "\0" in word:
        return ""
    keep = [ffi.new("char[]", c.encode("utf-8")) for c in candidates]
    array = ffi.new("const char *[]", keep)
    found = lib.ft_suggest(word.encode("utf-8"), array, len(keep))
    return ' (did you mean "%s"?)' % text(found) if found != ffi.NULL else ""


QUALIFIERS = _Names("qualifier", lib.ft_qualifier_name, lib.ft_qualifier_parse, "ft_qualifier", range(8))
RELIABILITIES = _Names("reliability", lib.ft_reliability_name, lib.ft_reliability_parse, "ft_reliability", range(1, 8))
ACTOR_KINDS = _Names("actor kind", lib.ft_actor_kind_name, lib.ft_actor_kind_parse, "ft_actor_kind", range(16))
REGION_KINDS = _Names("region kind", lib.ft_region_kind_name, lib.ft_region_kind_parse, "ft_region_kind", range(16))
ECHELONS = _Names("echelon", lib.ft_echelon_name, lib.ft_echelon_parse, "ft_echelon", range(32))
SOURCE_KINDS = _Names("source kind", lib.ft_source_kind_name, lib.ft_source_kind_parse, "ft_source_kind", range(32))
CLAIM_KINDS = _Names("claim kind", lib.ft_claim_kind_name, lib.ft_claim_kind_parse, "ft_claim_kind", range(8))


# ---- Quantities and intervals ------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Quantity:
    """A figure with its hedge, as the source put it: `qualifier` is "exact",
    "approx", "at-least", "at-most" or "range" (None: no figure, which only
    a denial may have); `value` the stated figure (a range's central one,
    when it has one); `low` and `high` a range's bounds. str() writes it as
    an analyst reads it: "about 94,000", "up to 175,000", "169,000-190,000"."""

    qualifier: Optional[str]
    value: Optional[int] = None
    low: Optional[int] = None
    high: Optional[int] = None

    @classmethod
    def exact(cls, n):
        return cls("exact", n)

    @classmethod
    def about(cls, n):
        return cls("approx", n)

    @classmethod
    def at_least(cls, n):
        return cls("at-least", n)

    @classmethod
    def at_most(cls, n):
        return cls("at-most", n)

    @classmethod
    def range(cls, low, high, value=None):
        return cls("range", value, low, high)

    @classmethod
    def none(cls):
        return cls(None)

    def _to_c(self):
        q = ffi.new("ft_quantity *")
        if self.qualifier is None:
            return q[0]
        q.qualifier = QUALIFIERS.parse(self.qualifier)
        if self.value is not None:
            q.has_value = 1
            q.value = _count(self.value, "the quantity's value")
        if self.qualifier == "range":
            q.low = _count(self.low, "a range's low")
            q.high = _count(self.high, "a range's high")
        elif self.low is not None or self.high is not None:
            raise ValueError("only a range has low and high; %s states one figure, its value" % self.qualifier)
        return q[0]

    @classmethod
    def _of(cls, q):
        if q.qualifier == lib.FT_QUALIFIER_NONE:
            return cls(None)
        value = q.value if q.has_value else None
        if q.qualifier == lib.FT_QUALIFIER_RANGE:
            return cls("range", value, q.low, q.high)
        return cls(QUALIFIERS.name(q.qualifier), value)

    def __str__(self):
        q = ffi.new("ft_quantity *", self._to_c())
        size = lib.ft_quantity_format(q, ffi.NULL, 0)
        buf = ffi.new("char[]", size + 1)
        lib.ft_quantity_format(q, buf, size + 1)
        return ffi.string(buf).decode("utf-8")


def _count(n, what):
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("%s must be an int, not %s" % (what, type(n).__name__))
    if n < 0:
        raise ValueError("%s must not be negative (%d)" % (what, n))
    return n


def quantity_of(value):
    """A Quantity from what add_claim takes: a Quantity, an int (exact), or
    None (no figure)."""
    if value is None:
        return Quantity(None)
    if isinstance(value, Quantity):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Quantity.exact(value)
    raise TypeError("a quantity is a forcetrack.Quantity or an int, not %s" % type(value).__name__)


@dataclasses.dataclass(frozen=True)
class Interval:
    """A span of time, both bounds inclusive at their precision; None is an
    open bound."""

    start: Optional[Time]
    end: Optional[Time]

    def __str__(self):
        return "%s to %s" % (self.start or "(open)", self.end or "(open)")


# ---- The entities ------------------------------------------------------------


def _frozen_dict():
    return dataclasses.field(default_factory=dict, hash=False)


@dataclasses.dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str = "other"
    code: Optional[str] = None
    aliases: Tuple[str, ...] = ()
    parent: Optional[str] = None
    members: Tuple[str, ...] = ()
    opposes: Tuple[str, ...] = ()
    extensions: dict = _frozen_dict()


@dataclasses.dataclass(frozen=True)
class Region:
    id: str
    name: str
    kind: str = "other"
    code: Optional[str] = None
    parent: Optional[str] = None
    borders: Tuple[str, ...] = ()
    geometry: Optional[dict] = dataclasses.field(default=None, hash=False)
    extensions: dict = _frozen_dict()


@dataclasses.dataclass(frozen=True)
class Unit:
    id: str
    name: str
    actor: str
    echelon: Optional[str] = None
    type: Optional[str] = None
    parent: Optional[str] = None
    strength: Optional[int] = None
    garrison: Optional[str] = None
    sidc: Optional[str] = None
    extensions: dict = _frozen_dict()


@dataclasses.dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str = "other"
    actor: Optional[str] = None
    parent: Optional[str] = None
    reliability: str = "F"
    url: Optional[str] = None
    extensions: dict = _frozen_dict()


@dataclasses.dataclass(frozen=True)
class Claim:
    """One claim. `quantity` keeps the hedge; `observed` is None when the
    claim gives no observed time (it was observed "as of reported"), a Time
    when it gives one value, or an Interval."""

    id: str
    source: str
    subject: str
    region: str
    quantity: Quantity
    reported: Time
    measure: str = "personnel"
    via: Tuple[str, ...] = ()
    unit: Optional[str] = None
    kind: str = "observation"
    observed: object = None
    credibility: int = 6
    supersedes: Tuple[str, ...] = ()
    disputes: Tuple[str, ...] = ()
    retracted: Optional[Time] = None
    quote: Optional[str] = None
    url: Optional[str] = None
    note: Optional[str] = None
    tags: Tuple[str, ...] = ()
    extensions: dict = _frozen_dict()
    observed_extensions: dict = _frozen_dict()

    def __repr__(self):
        return "<Claim %s: %s on %s in %s, %s (%s), reported %s>" % (
            self.id, self.source, self.subject, self.region, self.quantity, self.measure, self.reported)


# ---- Reading back --------------------------------------------------------------


def _strings(array, n):
    return tuple(text(array[i]) for i in range(n))


def _extensions(array, n):
    return {text(array[i].key): json.loads(text(array[i].json)) for i in range(n)}


def describe_actor(p):
    d = ffi.new("ft_actor_desc *", {"version": lib.FT_DESC_VERSION})
    lib.ft_actor_describe(p, d)
    return Actor(text(d.id), text(d.name), ACTOR_KINDS.name(d.kind), text(d.code),
                 _strings(d.aliases, d.n_aliases), text(d.parent), _strings(d.members, d.n_members),
                 _strings(d.opposes, d.n_opposes), _extensions(d.extensions, d.n_extensions))


def describe_region(p):
    d = ffi.new("ft_region_desc *", {"version": lib.FT_DESC_VERSION})
    lib.ft_region_describe(p, d)
    geometry = text(d.geometry)
    return Region(text(d.id), text(d.name), REGION_KINDS.name(d.kind), text(d.code), text(d.parent),
                  _strings(d.borders, d.n_borders), json.loads(geometry) if geometry is not None else None,
                  _extensions(d.extensions, d.n_extensions))


def describe_unit(p):
    d = ffi.new("ft_unit_desc *", {"version": lib.FT_DESC_VERSION})
    lib.ft_unit_describe(p, d)
    return Unit(text(d.id), text(d.name), text(d.actor), ECHELONS.name(d.echelon), text(d.type),
                text(d.parent), d.strength if d.has_strength else None, text(d.garrison), text(d.sidc),
                _extensions(d.extensions, d.n_extensions))


def describe_source(p):
    d = ffi.new("ft_source_desc *", {"version": lib.FT_DESC_VERSION})
    lib.ft_source_describe(p, d)
    return Source(text(d.id), text(d.name), SOURCE_KINDS.name(d.kind), text(d.actor), text(d.parent),
                  RELIABILITIES.name(d.reliability), text(d.url), _extensions(d.extensions, d.n_extensions))


def _observed(d):
    # `from` is a keyword in Python: the field is read with getattr.
    start = Time._of(getattr(d.observed, "from"))
    if d.observed_form == lib.FT_OBSERVED_NONE:
        return None
    if d.observed_form == lib.FT_OBSERVED_TIME:
        return start
    return Interval(start, Time._of(d.observed.to))


def describe_claim(p):
    d = ffi.new("ft_claim_desc *", {"version": lib.FT_DESC_VERSION})
    lib.ft_claim_describe(p, d)
    return Claim(
        id=text(d.id), source=text(d.source), subject=text(d.subject), region=text(d.region),
        quantity=Quantity._of(d.quantity), reported=Time._of(d.reported),
        measure=text(lib.ft_claim_measure(p)), via=_strings(d.via, d.n_via), unit=text(d.unit),
        kind=CLAIM_KINDS.name(d.kind), observed=_observed(d), credibility=lib.ft_claim_credibility(p),
        supersedes=_strings(d.supersedes, d.n_supersedes), disputes=_strings(d.disputes, d.n_disputes),
        retracted=Time._of(d.retracted), quote=text(d.quote), url=text(d.url), note=text(d.note),
        tags=_strings(d.tags, d.n_tags), extensions=_extensions(d.extensions, d.n_extensions),
        observed_extensions=_extensions(d.observed_extensions, d.n_observed_extensions),
    )


# ---- Descriptions for adding -----------------------------------------------------


class Descriptions:
    """Fills description structs from Python values, keeping every buffer
    it allocates alive as long as the object lives: the library reads the
    strings and arrays during the add_* call, which copies them."""

    def __init__(self):
        self._keep = []

    def new(self, c_type):
        d = ffi.new(c_type + " *", {"version": lib.FT_DESC_VERSION})
        self._keep.append(d)
        return d

    def string(self, value, what):
        if value is None:
            return ffi.NULL
        s = ffi.new("char[]", encode(value, what))
        self._keep.append(s)
        return s

    def strings(self, values, what):
        """A `const char *const *` array and its length."""
        if values is None:
            return ffi.NULL, 0
        if isinstance(values, str):
            raise TypeError("%s is a list of str, not one str" % what)
        items = [self.string(v, what) for v in values]
        if not items:
            return ffi.NULL, 0
        array = ffi.new("const char *[]", items)
        self._keep.append(array)
        return array, len(items)

    def extensions(self, values, what):
        """An ft_extension array from a dict of "x-" keys to JSON values."""
        if not values:
            return ffi.NULL, 0
        array = ffi.new("ft_extension[]", len(values))
        for i, (key, value) in enumerate(values.items()):
            array[i].key = self.string(key, what + " key")
            array[i].json = self.string(json.dumps(value, ensure_ascii=False), what + " value")
        self._keep.append(array)
        return array, len(values)
