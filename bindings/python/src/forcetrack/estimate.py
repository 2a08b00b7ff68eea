"""Estimates and timelines (docs/estimation.md) as Python objects.

An Estimate holds the library's ft_estimate: its figures (best, low, high,
flags, voices, claims, pairs) are copied when it is made, and its
contributions, disagreements and roll-up parts are read from the C struct
the first time they are asked for, then kept, so that estimating every
group of a large dataset costs what the figures cost and no more. Those
lists point into the dataset, so reading them needs the dataset open; an
estimate whose dataset was closed keeps what it had read and refuses the
rest (ValueError). A Timeline holds its points the same way.

Everything an estimate says comes from the library: the figures from the
struct, the words from ft_estimate_format and the reports from the
library's renderers. Text from the dataset in the HTML view goes through
one function, _h (html.escape), before it is shown.
"""

import dataclasses
import functools
import html
import json
import math
from typing import Optional, Tuple

from . import errors
from . import times
from .times import Time
from ._native import ffi, lib, owned_or_raise, text

# The most contributions the HTML view of an estimate lists before saying
# how many more there are.
HTML_MAX_ROWS = 20


# ---- Options --------------------------------------------------------------------


def _days(value, what, allow_negative=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("%s must be a number of days, not %s" % (what, type(value).__name__))
    if not allow_negative and value <= 0:
        raise ValueError("%s must be positive (%r)" % (what, value))
    return value


def fill_estimate_options(o, at=None, known_on=None, *, rollup=True, method=None, staleness_days=None,
                          tolerance=None, include_projections=False, half_life_days=None, max_pairs=None):
    """Fills an ft_estimate_options (version set, every field zero: the
    library's defaults) from keyword arguments. staleness_days=None is the
    library's 90 days; math.inf (or any negative number) is no horizon."""
    o.version = lib.FT_ESTIMATE_OPTIONS_VERSION
    if at is not None:
        o.at = times.to_c(at, "at")
    o.known_on = times.optional(known_on, "known_on")
    o.no_rollup = 0 if rollup else 1
    if method is not None:
        out = ffi.new("ft_method *")
        if not isinstance(method, str) or lib.ft_method_parse(method.encode("ascii", "replace"), out) < 0:
            raise errors.Error(errors.EINVAL, "unknown method %r; it is weighted, median or latest" % (method,))
        o.method = out[0]
    if staleness_days is not None:
        _days(staleness_days, "staleness_days", allow_negative=True)
        if staleness_days == math.inf or staleness_days < 0:
            o.staleness_days = -1
        else:
            if staleness_days != int(staleness_days) or staleness_days == 0:
                raise ValueError("staleness_days must be a whole positive number of days, or math.inf")
            o.staleness_days = min(int(staleness_days), lib.FT_DAYS_MAX + 1)
    if tolerance is not None:
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
            raise TypeError("tolerance must be a number in [0, 1)")
        o.approx_tolerance = tolerance
    o.include_projections = 1 if include_projections else 0
    if half_life_days is not None:
        o.half_life_days = _days(half_life_days, "half_life_days")
    if max_pairs is not None:
        if isinstance(max_pairs, bool) or not isinstance(max_pairs, int) or max_pairs <= 0:
            raise ValueError("max_pairs must be a positive int")
        o.max_pairs = max_pairs
    return o


# ---- What an estimate lists ----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Contribution:
    """One candidate claim and what became of it (the "contributions" of
    `forcetrack estimate --json`): `low` and `high` are the bounds it states
    (None for a side it does not state), `actor` and `region` its node."""

    claim: str
    source: str
    source_name: str
    voice: Optional[str]
    weight: float
    status: str
    stance: str
    credible: bool
    current: bool
    qualifier: Optional[str]
    actor: str
    region: str
    low: Optional[int]
    high: Optional[int]
    central: Optional[int]
    rule: str


def _contribution(c):
    claim = c.claim
    source = lib.ft_claim_source(claim)
    voice = c.voice if c.voice != ffi.NULL else lib.ft_source_root(source)
    # The struct marks a side the claim does not state with 0 or
    # UINT64_MAX; the JSON report writes it as null, and so does this.
    q = lib.ft_claim_quantity(claim)
    has_low = q.qualifier not in (lib.FT_QUALIFIER_AT_MOST, lib.FT_QUALIFIER_NONE)
    has_high = q.qualifier not in (lib.FT_QUALIFIER_AT_LEAST, lib.FT_QUALIFIER_NONE) and c.high != 2**64 - 1
    return Contribution(
        claim=text(lib.ft_claim_id(claim)), source=text(lib.ft_source_id(source)),
        source_name=text(lib.ft_source_name(source)), voice=text(lib.ft_source_id(voice)),
        weight=c.weight, status=text(lib.ft_status_name(c.status)), stance=text(lib.ft_stance_name(c.stance)),
        credible=bool(c.credible), current=bool(c.current), qualifier=text(lib.ft_qualifier_name(c.qualifier)),
        actor=text(lib.ft_actor_id(lib.ft_claim_subject(claim))),
        region=text(lib.ft_region_id(lib.ft_claim_region(claim))),
        low=c.low if has_low else None, high=c.high if has_high else None,
        central=c.central if c.has_central else None, rule=text(c.rule),
    )


@dataclasses.dataclass(frozen=True)
class Disagreement:
    """Two current claims of different voices that disagree: `a` comes
    before `b` in the dataset."""

    a: str
    b: str
    weight: float
    disputes: bool
    disjoint: bool


@dataclasses.dataclass(frozen=True)
class Figure:
    """A figure of a roll-up node, its own or its total, with its flags and
    the library's words for it."""

    best: int
    low: int
    high: int
    open_below: bool
    open_above: bool
    not_credible: bool
    text: str

    def __str__(self):
        return self.text


@dataclasses.dataclass(frozen=True)
class Part:
    """A node of the roll-up: an (actor, region) pair with the figure of its
    own claims (`own`) and its total, None where it has none."""

    actor: str
    region: str
    own: Optional[Figure]
    total: Optional[Figure]
    inconsistent: bool


def _format(fn, *args):
    size = fn(*args, ffi.NULL, 0)
    buf = ffi.new("char[]", size + 1)
    fn(*args, buf, size + 1)
    return ffi.string(buf).decode("utf-8")


def _part(p):
    own = total = None
    if p.has_own:
        own = Figure(p.own_best, p.own_low, p.own_high, bool(p.own_open_below), bool(p.own_open_above),
                     bool(p.own_not_credible), _format(lib.ft_estimate_part_format, p, 1))
    if p.has_total:
        total = Figure(p.best, p.low, p.high, bool(p.open_below), bool(p.open_above), bool(p.not_credible),
                       _format(lib.ft_estimate_part_format, p, 0))
    return Part(text(lib.ft_actor_id(p.actor)), text(lib.ft_region_id(p.region)), own, total,
                bool(p.inconsistent))


def _h(value):
    """Text for the HTML view: the one place it is escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def _no_pickle(self):
    raise TypeError(
        "a forcetrack.%s points into its dataset's C memory and cannot be pickled; send its "
        "figures (to_dict()) or a frame instead" % type(self).__name__)


class _Reports:
    """report(), to_json() and to_dict(): the library's own text and JSON
    of an estimate or a timeline, as `forcetrack estimate` and `forcetrack
    timeline` print them. A subclass names the renderers and what it is."""

    _renderers = ("", "")
    _what = ""

    def _render(self, name):
        self._dataset._check_open("render " + self._what)
        err = ffi.new("ft_error *")
        return owned_or_raise(getattr(lib, name)(self._c, ffi.NULL, err), err)

    def report(self):
        """The text report the command line prints."""
        return self._render(self._renderers[0])

    def to_json(self):
        """The JSON the command line prints with --json, as a str."""
        return self._render(self._renderers[1])

    def to_dict(self):
        """The same JSON, parsed: plain data that pickles and travels."""
        return json.loads(self.to_json())


# ---- Estimates ---------------------------------------------------------------------------


class Estimate(_Reports):
    """The estimate of one actor in one region for one measure at a date.

    best, low, high: ints, or None when no claim counted (there is no
    estimate, not an estimate of zero; `has_value` says which).
    open_below, open_above, not_credible, contested, inconsistent: bools.
    claims, voices, pairs: counts. actor, region, measure, at, known_on,
    method: what it was computed for (at and known_on as Time, known_on None
    when everything was known). contributions, disagreements, parts: lists.
    str() is the figure in words ("94,000 (range 84,600-103,400)"),
    report() the text of `forcetrack estimate`, to_json() its --json.
    """

    _renderers = ("ft_estimate_render_text", "ft_estimate_render_json")
    _what = "an estimate"

    def __init__(self, c, dataset, owner=None):
        """`c` is an ft_estimate * that holds an estimate: this object's own
        (freed with it) or, with `owner`, borrowed from that object (a
        Timeline), which is kept alive."""
        self._c = c
        self._dataset = dataset
        self._owner = owner
        self._lists = {}
        self.has_value = bool(c.has_value)
        self.best = c.best if c.has_value else None
        self.low = c.low if c.has_value else None
        self.high = c.high if c.has_value else None
        # As the reports write the flags: a side is open only on a figure.
        self.open_below = bool(c.has_value and c.open_below)
        self.open_above = bool(c.has_value and c.open_above)
        self.not_credible = bool(c.has_value and c.not_credible)
        self.contested = bool(c.contested)
        self.inconsistent = bool(c.inconsistent)
        self.claims = c.claims
        self.voices = c.voices
        self.pairs = c.pairs
        self.actor = text(lib.ft_actor_id(lib.ft_estimate_actor(c)))
        self.region = text(lib.ft_region_id(lib.ft_estimate_region(c)))
        self.measure = text(lib.ft_estimate_measure(c))

    # What follows is read when first asked for: estimating every group of
    # a large dataset then costs the figures above and no more.

    @functools.cached_property
    def at(self):
        return Time._of(lib.ft_estimate_options_of(self._c).at)

    @functools.cached_property
    def known_on(self):
        return Time._of(lib.ft_estimate_options_of(self._c).known_on)

    @functools.cached_property
    def method(self):
        return text(lib.ft_method_name(lib.ft_estimate_options_of(self._c).method))

    @functools.cached_property
    def text(self):
        """The figure in the library's words (ft_estimate_format), which may
        quote a claim's hedge: it needs the dataset open."""
        self._dataset._check_open("write an estimate's figure")
        return _format(lib.ft_estimate_format, self._c)

    @property
    def credible(self):
        """The opposite of not_credible, as the CSV export's column says it."""
        return not self.not_credible

    def _read(self, name, count, at, convert):
        if name not in self._lists:
            self._dataset._check_open("read the %s of an estimate" % name)
            self._lists[name] = [convert(at(self._c, i)) for i in range(count(self._c))]
        return self._lists[name]

    @property
    def contributions(self):
        return self._read("contributions", lib.ft_estimate_contribution_count, lib.ft_estimate_contribution_at,
                          _contribution)

    @property
    def disagreements(self):
        return self._read("disagreements", lib.ft_estimate_disagreement_count, lib.ft_estimate_disagreement_at,
                          lambda d: Disagreement(text(lib.ft_claim_id(d.a)), text(lib.ft_claim_id(d.b)),
                                                 d.weight, bool(d.disputes), bool(d.disjoint)))

    @property
    def parts(self):
        return self._read("parts", lib.ft_estimate_part_count, lib.ft_estimate_part_at, _part)

    def __str__(self):
        return self.text

    def __repr__(self):
        known = ", as known on %s" % self.known_on if self.known_on else ""
        try:
            figure = self.text
        except ValueError:  # its dataset was closed before its words were read
            figure = "%s (%s-%s)" % (self.best, self.low, self.high) if self.has_value else "no estimate"
        return "<Estimate %s in %s (%s) at %s%s: %s; %d claim%s, %d voice%s%s>" % (
            self.actor, self.region, self.measure, self.at, known, figure, self.claims,
            "" if self.claims == 1 else "s", self.voices, "" if self.voices == 1 else "s",
            ", CONTESTED" if self.contested else "")

    def _repr_html_(self):
        flags = [word for on, word in ((self.contested, "contested (%d pairs)" % self.pairs),
                                       (self.inconsistent, "inconsistent")) if on]
        known = "as known on %s" % self.known_on if self.known_on else "everything known"
        rows = []
        listed = self.contributions[:HTML_MAX_ROWS]
        for c in listed:
            rows.append("<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%.3f</td><td>%s</td></tr>" % (
                _h(c.claim), _h(c.source_name), _h(c.status), _h(c.stance), c.weight, _h(c.rule)))
        more = len(self.contributions) - len(listed)
        if more > 0:
            rows.append('<tr><td colspan="6">and %d more</td></tr>' % more)
        return (
            '<div class="forcetrack-estimate">'
            "<p><b>%s</b> in <b>%s</b>, %s, at %s (%s, %s)</p>"
            "<p><b>%s</b>: %d claim%s, %d voice%s%s</p>"
            "<table><thead><tr><th>claim</th><th>source</th><th>status</th><th>stance</th>"
            "<th>weight</th><th>rule</th></tr></thead><tbody>%s</tbody></table></div>"
            % (_h(self.actor), _h(self.region), _h(self.measure), _h(self.at), _h(known), _h(self.method),
               _h(self.text), self.claims, "" if self.claims == 1 else "s", self.voices,
               "" if self.voices == 1 else "s", "".join("; " + _h(f) for f in flags), "".join(rows)))

    __reduce__ = _no_pickle


def compute_estimate(dataset, actor, region, measure, opts):
    """Runs ft_estimate_compute; the Estimate owns the C struct."""
    est = ffi.gc(ffi.new("ft_estimate *", {"version": lib.FT_ESTIMATE_VERSION}), lib.ft_estimate_clear)
    err = ffi.new("ft_error *")
    errors.check(lib.ft_estimate_compute(dataset._check_open("estimate"), actor, region, measure, opts, est, err),
                 err)
    return Estimate(est, dataset)


# ---- Timelines ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Alert:
    """A build-up alert: between points `start` and `end` (indexes into the
    timeline's points, and their dates), best moved by `change` (`relative`
    of the earlier best, None for a rise from 0); `claims` are the ids of
    the claims that moved it."""

    start: int
    end: int
    start_date: Time
    end_date: Time
    change: int
    relative: Optional[float]
    claims: Tuple[str, ...]


class Timeline(_Reports):
    """Estimates on a grid of days, with build-up alerts. Iterating gives
    (date, Estimate) pairs; `points` is the list of them, `alerts` the
    alerts; to_frame() is the timeline as the CSV export writes it."""

    _renderers = ("ft_timeline_render_text", "ft_timeline_render_json")
    _what = "a timeline"

    def __init__(self, c, dataset):
        self._c = c
        self._dataset = dataset
        opts = lib.ft_timeline_options_of(c)
        self.points = [(Time._of(lib.ft_timeline_point_time(c, i)), Estimate(lib.ft_timeline_point_at(c, i), dataset, self))
                       for i in range(lib.ft_timeline_point_count(c))]
        self.alerts = []
        for i in range(lib.ft_timeline_alert_count(c)):
            a = lib.ft_timeline_alert_at(c, i)
            start = getattr(a, "from")  # a keyword in Python
            self.alerts.append(Alert(
                start, a.to, self.points[start][0], self.points[a.to][0], a.change,
                # The library's relative change of a rise from 0 is
                # infinite; the JSON report writes null, and so does this.
                a.relative if math.isfinite(a.relative) else None,
                tuple(text(lib.ft_claim_id(a.claims[k])) for k in range(a.n_claims))))
        self.step_days = opts.step_days
        self.hindsight = bool(opts.hindsight)
        self.known_on = Time._of(opts.estimate.known_on)
        self.actor = text(lib.ft_actor_id(lib.ft_timeline_actor(c)))
        self.region = text(lib.ft_region_id(lib.ft_timeline_region(c)))
        self.measure = text(lib.ft_timeline_measure(c))
        self.method = text(lib.ft_method_name(opts.estimate.method))

    def __len__(self):
        return len(self.points)

    def __iter__(self):
        return iter(self.points)

    def __getitem__(self, i):
        return self.points[i]

    def to_frame(self):
        """One row per point, the columns of the CSV export (frames.py)."""
        from . import frames

        return frames.timeline_frame(self)

    def __repr__(self):
        if not self.points:
            return "<Timeline: no points>"
        return "<Timeline %s in %s (%s), %s to %s every %d days: %d points, %d alert%s>" % (
            self.actor, self.region, self.measure, self.points[0][0], self.points[-1][0], self.step_days,
            len(self.points), len(self.alerts), "" if len(self.alerts) == 1 else "s")

    def _repr_html_(self):
        alerts = {a.end: a for a in self.alerts}
        rows = []
        for i, (date, est) in enumerate(self.points):
            alert = alerts.get(i)
            rows.append("<tr><td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%s</td></tr>" % (
                _h(date), _h(est.text), est.voices, est.claims,
                _h("%+d since %s" % (alert.change, alert.start_date)) if alert else ""))
        return ('<div class="forcetrack-timeline"><p>%s</p><table><thead><tr><th>date</th><th>estimate</th>'
                "<th>voices</th><th>claims</th><th>alert</th></tr></thead><tbody>%s</tbody></table></div>"
                % (_h(repr(self)), "".join(rows)))

    __reduce__ = _no_pickle


def compute_timeline(dataset, actor, region, measure, opts):
    tl = ffi.gc(ffi.new("ft_timeline *", {"version": lib.FT_TIMELINE_VERSION}), lib.ft_timeline_clear)
    err = ffi.new("ft_error *")
    errors.check(lib.ft_timeline_compute(dataset._check_open("compute a timeline"), actor, region, measure, opts,
                                         tl, err), err)
    return Timeline(tl, dataset)
