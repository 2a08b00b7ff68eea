"""Situation reports (report.h): what the claims of a dataset say about the
forces in every region on one date, entry by entry, through the library's
ft_situation, so that Dataset.estimates_frame(), the CSV export and
`forcetrack report` list the same entries with the same figures.
"""

import dataclasses

from . import errors
from . import estimate as _estimate
from . import times
from ._native import encode, ffi, lib, owned_or_raise, text


def parse_format(name):
    """The ft_format a name ("text", "md", "csv", ...) names."""
    f = ffi.new("ft_format *")
    if not isinstance(name, str) or lib.ft_format_parse(encode(name, "format"), f) < 0:
        raise errors.Error(errors.EINVAL, "unknown format %r; the library knows text, md, html, json, csv, "
                           "geojson and svg" % (name,))
    return f[0]


@dataclasses.dataclass(frozen=True)
class Entry:
    """One entry: an actor in a region (at `depth` in its region tree) for a
    measure."""

    region: str
    region_name: str
    depth: int
    actor: str
    actor_name: str
    measure: str


class Situation:
    """The entries of a situation report and their figures. Iterating gives
    (Entry, Estimate) pairs, each estimate computed when it is reached, so
    that a report of any size holds one estimate at a time."""

    def __init__(self, dataset, at, known_on, options):
        self._dataset = dataset
        o = ffi.new("ft_situation_options *", {"version": lib.FT_SITUATION_OPTIONS_VERSION})
        o.at = times.optional(at, "at")
        o.known_on = times.optional(known_on, "known_on")
        # The report sets `at` and `known_on` of every figure itself.
        self._estimate_options = ffi.new("ft_estimate_options *")
        _estimate.fill_estimate_options(self._estimate_options, None, None, **options)
        o.estimate = self._estimate_options
        out = ffi.new("ft_situation **")
        err = ffi.new("ft_error *")
        errors.check(lib.ft_situation_new(dataset._check_open("make a situation report"), o, out, err), err)
        self._c = ffi.gc(out[0], lib.ft_situation_free)
        day = ffi.new("ft_time *")
        self.date = times.Time._of(day) if lib.ft_situation_date(self._c, 0, day) == 0 else None
        self.known_on = times.Time._of(day) if lib.ft_situation_known_on(self._c, 0, day) == 0 else None

    def __len__(self):
        return lib.ft_situation_entry_count(self._c)

    def entry(self, i):
        e = lib.ft_situation_entry_at(self._c, i)
        if e == ffi.NULL:
            raise IndexError("entry %d of %d" % (i, len(self)))
        return Entry(text(lib.ft_region_id(e.region)), text(lib.ft_region_name(e.region)), e.depth,
                     text(lib.ft_actor_id(e.actor)), text(lib.ft_actor_name(e.actor)), text(e.measure))

    def estimate(self, i, column=0):
        """The figure of entry `i` on the report's date (column 0), or 7 or
        30 days before (columns 1 and 2)."""
        self._dataset._check_open("estimate")
        est = ffi.gc(ffi.new("ft_estimate *", {"version": lib.FT_ESTIMATE_VERSION}), lib.ft_estimate_clear)
        err = ffi.new("ft_error *")
        errors.check(lib.ft_situation_estimate(self._c, i, column, est, err), err)
        return _estimate.Estimate(est, self._dataset, self)

    def __iter__(self):
        for i in range(len(self)):
            yield self.entry(i), self.estimate(i)

    def render(self, format="text"):
        """The report in a format the library writes ("text", "json", ...)."""
        f = parse_format(format)
        self._dataset._check_open("render a situation report")
        err = ffi.new("ft_error *")
        return owned_or_raise(lib.ft_situation_render(self._c, f, ffi.NULL, err), err)

    def to_frame(self):
        from . import frames

        return frames.situation_frame(self)

    def __repr__(self):
        return "<Situation on %s (as known on %s): %d entries>" % (self.date, self.known_on, len(self))
