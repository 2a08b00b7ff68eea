"""pandas frames of claims, situation reports and timelines, with the
columns of the CSV export (docs/reports.md), in its order and with its
names, so that a frame and `pd.read_csv` of the export line up.

The types are pandas', not CSV's: figures that can be absent (a range's
bounds, best/low/high without an estimate, an alert's change) are nullable
integers (Int64, <NA> when absent); flags are bool; times are datetime64
columns, naive and in UTC (pandas' convention; this package reads a naive
datetime as UTC, so a value taken from a frame goes back as it came). A
time value coarser than its column (a claim "reported 2021-12") stands at
the first instant of its span; date_prec says the precision of the
observed span. A column holding a time before 1677 or after 2262, which
datetime64[ns] cannot hold, holds Python datetimes instead (dtype object).

pandas is imported here only, when a frame is asked for: the rest of the
binding works without it.
"""

from . import errors, times
from ._native import ffi, lib, text

CLAIM_COLUMNS = (
    "id", "subject", "subject_name", "region", "region_name", "unit", "measure", "qualifier", "value",
    "low", "high", "kind", "date_start", "date_end", "date_prec", "reported", "source", "source_original",
    "source_office", "reliability", "credibility", "supersedes", "disputes", "retracted", "quote", "url",
    "note", "tags",
)

# The columns of a figure, in the order both estimate tables have them.
FIGURE_COLUMNS = ("best", "low", "high", "open_below", "open_above", "credible", "number_of_sources", "claims",
                  "contested", "pairs")

ESTIMATE_COLUMNS = ("date", "known_on", "actor", "actor_name", "region", "region_name", "depth", "measure") + \
    FIGURE_COLUMNS + ("inconsistent", "method", "dataset_sha256")

TIMELINE_COLUMNS = ("date", "known_on", "actor", "region", "measure") + FIGURE_COLUMNS + ("alert",)

GROUP_COLUMNS = ("date", "known_on", "actor", "region", "measure") + FIGURE_COLUMNS + \
    ("inconsistent", "method", "problem", "dataset_sha256")

# The type of each column that is not text (object).
_INT = ("value", "low", "high", "best", "alert")
_DATETIME = ("date_start", "date_end", "reported", "retracted", "date", "known_on")
_BOOL = ("open_below", "open_above", "credible", "contested", "inconsistent")
_COUNT = ("credibility", "number_of_sources", "claims", "pairs", "depth")

_PRECISION_NAMES = {lib.FT_PRECISION_YEAR: "year", lib.FT_PRECISION_MONTH: "month", lib.FT_PRECISION_DAY: "day",
                    lib.FT_PRECISION_MINUTE: "minute", lib.FT_PRECISION_SECOND: "second"}


def _frame(columns, data):
    """A frame of `data` (a dict of column lists) with each column's type."""
    import pandas as pd

    out = {}
    for name in columns:
        values = data[name]
        if name in _INT:
            out[name] = pd.array(values, dtype="Int64")
        elif name in _DATETIME:
            out[name] = _datetimes(pd, values)
        elif name in _BOOL:
            out[name] = pd.array(values, dtype="bool")
        elif name in _COUNT:
            out[name] = pd.array(values, dtype="int64")
        else:
            out[name] = pd.array(values, dtype="object")
    return pd.DataFrame(out, columns=list(columns))


def empty_frame(columns):
    """A frame with `columns` and their types, and no row."""
    return _frame(columns, {name: [] for name in columns})


def _datetimes(pd, values):
    """datetime64[ns] (naive UTC) where it can hold the values, else object."""
    naive = [None if v is None else v.replace(tzinfo=None) for v in values]
    try:
        return pd.to_datetime(pd.Series(naive, dtype="object")).array if naive else pd.array([], dtype="datetime64[ns]")
    except (pd.errors.OutOfBoundsDatetime, OverflowError):
        return pd.array(naive, dtype="object")


def _start(t):
    """The first instant of a time value's span, or None."""
    p = t if ffi.typeof(t).kind == "pointer" else ffi.addressof(t)
    return times.utc_from_us(lib.ft_time_start(p)) if lib.ft_time_is_set(p) else None


def _day(us):
    """The UTC day holding microsecond `us` (as the CSV export's
    date_start and date_end are days), or None."""
    day = ffi.new("ft_time *")
    return times.utc_from_us(lib.ft_time_start(day)) if lib.ft_time_day_nearest(us, day) == 0 else None


def _joined(values, sep):
    return sep.join(values) if values else None


# ---- Claims --------------------------------------------------------------------------


def claims_frame(dataset):
    """One row per claim, every field (the columns of the claims CSV)."""
    ds = dataset._check_open("make a frame")
    data = {name: [] for name in CLAIM_COLUMNS}
    d = ffi.new("ft_claim_desc *")
    for i in range(lib.ft_dataset_claim_count(ds)):
        c = lib.ft_dataset_claim_at(ds, i)
        d.version = lib.FT_DESC_VERSION
        lib.ft_claim_describe(c, d)
        subject, region, source = lib.ft_claim_subject(c), lib.ft_claim_region(c), lib.ft_claim_source(c)
        q = lib.ft_claim_quantity(c)
        is_range = q.qualifier == lib.FT_QUALIFIER_RANGE
        row = data
        row["id"].append(text(d.id))
        row["subject"].append(text(lib.ft_actor_id(subject)))
        row["subject_name"].append(text(lib.ft_actor_name(subject)))
        row["region"].append(text(lib.ft_region_id(region)))
        row["region_name"].append(text(lib.ft_region_name(region)))
        row["unit"].append(text(d.unit))
        row["measure"].append(text(lib.ft_claim_measure(c)))
        row["qualifier"].append(text(lib.ft_qualifier_name(q.qualifier)))
        row["value"].append(q.value if q.qualifier != lib.FT_QUALIFIER_NONE and q.has_value else None)
        row["low"].append(q.low if is_range else None)
        row["high"].append(q.high if is_range else None)
        row["kind"].append(text(lib.ft_claim_kind_name(d.kind)))
        _observed(row, d)
        row["reported"].append(_start(d.reported))
        row["source"].append(text(lib.ft_source_id(source)))
        row["source_original"].append(text(lib.ft_source_name(source)))
        row["source_office"].append(_joined([text(lib.ft_source_name(lib.ft_claim_via_at(c, k)))
                                             for k in range(lib.ft_claim_via_count(c))], "; "))
        row["reliability"].append(text(lib.ft_reliability_name(lib.ft_source_reliability(source))))
        row["credibility"].append(lib.ft_claim_credibility(c))
        row["supersedes"].append(_joined([text(d.supersedes[k]) for k in range(d.n_supersedes)], " "))
        row["disputes"].append(_joined([text(d.disputes[k]) for k in range(d.n_disputes)], " "))
        row["retracted"].append(_start(d.retracted))
        row["quote"].append(text(d.quote))
        row["url"].append(text(d.url))
        row["note"].append(text(d.note))
        row["tags"].append(_joined([text(d.tags[k]) for k in range(d.n_tags)], "; "))
    return _frame(CLAIM_COLUMNS, data)


def _observed(row, d):
    """date_start, date_end and date_prec: the first and last day of the
    observed span (None for an open side) and the coarser precision of its
    bounds; all three None for a claim that gives no observed time."""
    if d.observed_form == lib.FT_OBSERVED_NONE:
        row["date_start"].append(None)
        row["date_end"].append(None)
        row["date_prec"].append(None)
        return
    start, end = ffi.addressof(d.observed, "from"), ffi.addressof(d.observed, "to")
    has_start, has_end = lib.ft_time_is_set(start), lib.ft_time_is_set(end)
    row["date_start"].append(_day(lib.ft_time_start(start)) if has_start else None)
    row["date_end"].append(_day(lib.ft_time_end(end)) if has_end else None)
    precisions = [t.precision for t, has in ((start, has_start), (end, has_end)) if has]
    row["date_prec"].append(_PRECISION_NAMES.get(min(precisions)) if precisions else None)


# ---- Estimates -----------------------------------------------------------------------


def _figure(row, est):
    """The figure columns of an Estimate."""
    row["best"].append(est.best)
    row["low"].append(est.low)
    row["high"].append(est.high)
    row["open_below"].append(est.open_below)
    row["open_above"].append(est.open_above)
    row["credible"].append(est.credible)
    row["number_of_sources"].append(est.voices)
    row["claims"].append(est.claims)
    row["contested"].append(est.contested)
    row["pairs"].append(est.pairs)


def situation_frame(situation):
    """One row per entry of a situation report, its figure on the report's
    date computed and released before the next."""
    data = {name: [] for name in ESTIMATE_COLUMNS}
    date = situation.date.start if situation.date else None
    known = situation.known_on.start if situation.known_on else None
    content_hash = situation._dataset.content_hash
    for entry, est in situation:
        data["date"].append(date)
        data["known_on"].append(known)
        for name in ("actor", "actor_name", "region", "region_name", "depth", "measure"):
            data[name].append(getattr(entry, name))
        _figure(data, est)
        data["inconsistent"].append(est.inconsistent)
        data["method"].append(est.method)
        data["dataset_sha256"].append(content_hash)
    return _frame(ESTIMATE_COLUMNS, data)


def timeline_frame(timeline):
    """One row per point of a timeline; `alert` is the change of the alert
    that ends on the point, <NA> on the others."""
    data = {name: [] for name in TIMELINE_COLUMNS}
    alerts = {a.end: a.change for a in timeline.alerts}
    for i, (date, est) in enumerate(timeline.points):
        data["date"].append(date.start)
        data["known_on"].append(est.known_on.start if est.known_on else None)
        data["actor"].append(timeline.actor)
        data["region"].append(timeline.region)
        data["measure"].append(timeline.measure)
        _figure(data, est)
        data["alert"].append(alerts.get(i))
    return _frame(TIMELINE_COLUMNS, data)


def groups_frame(dataset, opts, threads):
    """One row per (subject, region, measure) group that the claims name,
    in ft_estimate_groups' order (tree by tree), its figure with `opts` (an
    ft_estimate_options *) computed on `threads` threads (0: one per
    processor). A group the library could not estimate (its roll-up over
    the node limit) has no figure and says why in `problem`."""
    from .estimate import Estimate

    ds = dataset._check_open("make a frame")
    data = {name: [] for name in GROUP_COLUMNS}
    date = _start(opts.at)
    known = _start(opts.known_on)
    method = text(lib.ft_method_name(opts.method))
    content_hash = dataset.content_hash
    raised = []

    def take(subject, region, measure, est, problem, payload):
        # An exception must not cross the C frames: it stops the run and
        # is raised again below.
        try:
            data["date"].append(date)
            data["known_on"].append(known)
            data["actor"].append(text(lib.ft_actor_id(subject)))
            data["region"].append(text(lib.ft_region_id(region)))
            data["measure"].append(text(measure))
            if problem != ffi.NULL:
                for name in FIGURE_COLUMNS + ("inconsistent",):
                    data[name].append(None if name in _INT else 0 if name in _COUNT else False)
                data["problem"].append(text(problem.text))
            else:
                e = Estimate(est, dataset, owner=dataset)
                _figure(data, e)
                data["inconsistent"].append(e.inconsistent)
                data["problem"].append(None)
            data["method"].append(method)
            data["dataset_sha256"].append(content_hash)
            return 0
        except BaseException as exc:  # noqa: B036 (re-raised below)
            raised.append(exc)
            return 1

    callback = ffi.callback("ft_group_fn", take)
    gopts = ffi.new("ft_groups_options *", {"version": lib.FT_GROUPS_OPTIONS_VERSION, "threads": threads})
    err = ffi.new("ft_error *")
    rc = lib.ft_estimate_groups(ds, opts, gopts, callback, ffi.NULL, err)
    if raised:
        raise raised[0]
    errors.check(rc, err)
    return _frame(GROUP_COLUMNS, data)
