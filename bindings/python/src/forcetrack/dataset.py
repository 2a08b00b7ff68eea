"""Datasets: loading, saving, reading, building, estimating.

A Dataset owns one ft_dataset. It is released when the object is garbage
collected, or at once by close() or the end of a `with` block; after that
every use raises ValueError, and the entities, estimates and frames taken
from it keep what they had read. C objects never leave the process: a
Dataset refuses to pickle, so that a Dask or multiprocessing task that was
handed one fails at once with a message saying what to send instead.

Every check is the library's: add_claim refuses what a load would refuse,
with the same message and JSON path, as a forcetrack.Error. The binding
only adds what the C API leaves to its caller: turning ids into entities
(an unknown id is a forcetrack.UnknownId, with the library's "did you
mean"), and names of kinds into enum values.
"""

import os

from . import errors
from . import estimate as _estimate
from . import model
from . import times
from ._native import encode, ffi, lib, owned_or_raise, text


class _Entities:
    """The actors (regions, units, sources, claims) of a dataset: len(),
    iteration in dataset order, `in`, and lookup by id (view["RU"]) or by
    index (view[0]); each gives a fresh model dataclass."""

    def __init__(self, dataset, kind, describe):
        self._dataset = dataset
        self._kind = kind
        self._count = getattr(lib, "ft_dataset_%s_count" % kind)
        self._at = getattr(lib, "ft_dataset_%s_at" % kind)
        self._find = getattr(lib, "ft_dataset_find_%s" % kind)
        self._id = getattr(lib, "ft_%s_id" % kind)
        self._describe = describe

    def __len__(self):
        return self._count(self._dataset._check_open("count entities"))

    def __iter__(self):
        ds = self._dataset._check_open("iterate")
        for i in range(self._count(ds)):
            yield self._describe(self._at(ds, i))

    def __getitem__(self, key):
        if isinstance(key, int) and not isinstance(key, bool):
            n = len(self)
            if key < 0:
                key += n
            if not 0 <= key < n:
                raise IndexError("%s index %d out of range (%d)" % (self._kind, key, n))
            return self._describe(self._at(self._dataset._handle(), key))
        return self._describe(self.pointer(key))

    def __contains__(self, key):
        if isinstance(key, str) and "\0" not in key:
            return self._find(self._dataset._check_open("look up"), key.encode("utf-8")) != ffi.NULL
        return False

    def get(self, key, default=None):
        return self[key] if key in self else default

    def ids(self):
        ds = self._dataset._check_open("list ids")
        return [text(self._id(self._at(ds, i))) for i in range(self._count(ds))]

    def pointer(self, key):
        """The C entity of an id (or of a dataclass of this kind, by its id);
        UnknownId when there is none."""
        ident = getattr(key, "id", key)
        if not isinstance(ident, str):
            raise TypeError("a %s is given by its id (a str) or its %s object, not %s"
                            % (self._kind, self._kind.capitalize(), type(key).__name__))
        p = ffi.NULL if "\0" in ident else self._find(self._dataset._check_open("look up"), ident.encode("utf-8"))
        if p == ffi.NULL:
            message = "unknown %s %s%s" % (self._kind, _quoted(ident), model.suggestion(ident, self.ids()))
            raise errors.UnknownId(errors.EREF, message)
        return p

    def __repr__(self):
        return "<%d %ss>" % (len(self), self._kind)


def _quoted(s):
    return '"%s"' % s.encode("unicode_escape").decode("ascii").replace('"', '\\"')


def _encoding(value):
    names = {None: lib.FT_ENCODING_AUTO, "auto": lib.FT_ENCODING_AUTO, "document": lib.FT_ENCODING_DOCUMENT,
             "lines": lib.FT_ENCODING_LINES, "snapshot": lib.FT_ENCODING_SNAPSHOT}
    if value not in names:
        raise ValueError("encoding is 'document', 'lines', 'snapshot' or None (decide by the content), not %r"
                         % (value,))
    return names[value]


def _load_options(encoding, recover_torn, threads, max_size, max_string, max_line):
    o = ffi.new("ft_load_options *", {"version": lib.FT_LOAD_OPTIONS_VERSION})
    o.encoding = _encoding(encoding)
    o.recover_torn = 1 if recover_torn else 0
    o.threads = threads
    for field, value in (("max_size", max_size), ("max_string", max_string), ("max_line", max_line)):
        if value is not None:
            setattr(o, field, value)
    return o


def load(path, *, encoding=None, recover_torn=False, threads=0, max_size=None, max_string=None, max_line=None):
    """Loads a dataset from a file, a JSON document, JSON Lines or a binary
    snapshot (`forcetrack snapshot`, mapped rather than parsed), decided by
    the content unless `encoding` says. Every rule is checked; the first
    problem is a forcetrack.Error naming the file, the line and column or
    the JSON path, and the rule. `threads`: JSON Lines parse threads (0: one
    per core)."""
    opts = _load_options(encoding, recover_torn, threads, max_size, max_string, max_line)
    err = ffi.new("ft_error *")
    p = lib.ft_dataset_load_file(encode(os.fspath(path), "path"), opts, err)
    if p == ffi.NULL:
        raise errors.from_c(err)
    return Dataset._adopt(p)


def loads(data, name=None, *, encoding=None, recover_torn=False, threads=0, max_size=None, max_string=None,
          max_line=None):
    """Loads a dataset from a str or bytes, as load() loads a file; errors
    call the input `name` ("<buffer>" by default)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("loads() takes a str or bytes, not %s" % type(data).__name__)
    opts = _load_options(encoding, recover_torn, threads, max_size, max_string, max_line)
    err = ffi.new("ft_error *")
    buf = ffi.from_buffer(data)
    p = lib.ft_dataset_load_buffer(buf, len(buf), encode(name, "name") or ffi.NULL, opts, err)
    if p == ffi.NULL:
        raise errors.from_c(err)
    return Dataset._adopt(p)


class Dataset:
    """A dataset: actors, regions, units, sources and claims.

    Dataset() is a new, empty one to add entities to; load() and loads()
    read one. `ds.actors`, `ds.regions`, `ds.units`, `ds.sources` and
    `ds.claims` list and look up entities; len(ds) and iter(ds) are the
    claims'.
    """

    def __init__(self):
        self._ptr = ffi.gc(lib.ft_dataset_new(), lib.ft_dataset_free)
        self._views()

    @classmethod
    def _adopt(cls, p):
        ds = cls.__new__(cls)
        ds._ptr = ffi.gc(p, lib.ft_dataset_free)
        ds._views()
        return ds

    def _views(self):
        self.actors = _Entities(self, "actor", model.describe_actor)
        self.regions = _Entities(self, "region", model.describe_region)
        self.units = _Entities(self, "unit", model.describe_unit)
        self.sources = _Entities(self, "source", model.describe_source)
        self.claims = _Entities(self, "claim", model.describe_claim)

    # ---- Lifetime

    def _check_open(self, doing):
        if self._ptr is None:
            raise ValueError("cannot %s: the dataset is closed" % doing)
        return self._ptr

    def _handle(self):
        return self._check_open("use the dataset")

    @property
    def closed(self):
        return self._ptr is None

    def close(self):
        """Releases the C dataset now (it is also released when the object
        is collected). Closing twice is allowed."""
        if self._ptr is not None:
            ffi.release(self._ptr)
            self._ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __reduce__(self):
        raise TypeError(
            "a forcetrack.Dataset holds C objects and cannot be pickled or sent to another process: "
            "send the file's path, or its JSON Lines, and load it inside the task (forcetrack.loads)")

    # ---- Reading

    def __len__(self):
        return len(self.claims)

    def __iter__(self):
        return iter(self.claims)

    @property
    def info(self):
        """The dataset's metadata as a dict: id, title, description,
        license, created, updated (Time or None), authors, extensions,
        document_extensions."""
        d = ffi.new("ft_dataset_info *", {"version": lib.FT_DESC_VERSION})
        lib.ft_dataset_describe(self._handle(), d)
        return {
            "id": text(d.id), "title": text(d.title), "description": text(d.description),
            "license": text(d.license), "created": times.Time._of(d.created), "updated": times.Time._of(d.updated),
            "authors": list(model._strings(d.authors, d.n_authors)),
            "extensions": model._extensions(d.extensions, d.n_extensions),
            "document_extensions": model._extensions(d.document_extensions, d.n_document_extensions),
        }

    def __repr__(self):
        if self._ptr is None:
            return "<forcetrack.Dataset (closed)>"
        info = self.info
        name = info["title"] or info["id"] or "untitled"
        return "<forcetrack.Dataset %r: %d actors, %d regions, %d units, %d sources, %d claims>" % (
            name, len(self.actors), len(self.regions), len(self.units), len(self.sources), len(self.claims))

    # ---- Building

    def _add(self, fn, desc, describe):
        err = ffi.new("ft_error *")
        p = fn(self._check_open("add to the dataset"), desc, err)
        if p == ffi.NULL:
            raise errors.from_c(err)
        return describe(p)

    def set_info(self, *, id=None, title=None, description=None, license=None, created=None, updated=None,
                 authors=(), extensions=None, document_extensions=None):
        """Replaces the dataset's metadata, all of it."""
        keep = model.Descriptions()
        d = keep.new("ft_dataset_info")
        d.id, d.title = keep.string(id, "id"), keep.string(title, "title")
        d.description, d.license = keep.string(description, "description"), keep.string(license, "license")
        d.created = times.optional(created, "created")
        d.updated = times.optional(updated, "updated")
        d.authors, d.n_authors = keep.strings(authors, "authors")
        d.extensions, d.n_extensions = keep.extensions(extensions, "extensions")
        d.document_extensions, d.n_document_extensions = keep.extensions(document_extensions, "document_extensions")
        err = ffi.new("ft_error *")
        errors.check(lib.ft_dataset_set_info(self._handle(), d, err), err)

    def add_actor(self, id, name, *, kind="other", code=None, aliases=(), parent=None, members=(), opposes=(),
                  extensions=None):
        """Adds an actor; returns it as an Actor. Parents and opposed actors
        must be added first."""
        keep = model.Descriptions()
        d = keep.new("ft_actor_desc")
        d.id, d.name = keep.string(id, "id"), keep.string(name, "name")
        d.kind = model.ACTOR_KINDS.parse(kind)
        d.code, d.parent = keep.string(code, "code"), keep.string(parent, "parent")
        d.aliases, d.n_aliases = keep.strings(aliases, "aliases")
        d.members, d.n_members = keep.strings(members, "members")
        d.opposes, d.n_opposes = keep.strings(opposes, "opposes")
        d.extensions, d.n_extensions = keep.extensions(extensions, "extensions")
        return self._add(lib.ft_dataset_add_actor, d, model.describe_actor)

    def add_region(self, id, name, *, kind="other", code=None, parent=None, borders=(), geometry=None,
                   extensions=None):
        """Adds a region; `geometry` is a GeoJSON geometry (a dict, or its
        JSON text)."""
        import json

        keep = model.Descriptions()
        d = keep.new("ft_region_desc")
        d.id, d.name = keep.string(id, "id"), keep.string(name, "name")
        d.kind = model.REGION_KINDS.parse(kind)
        d.code, d.parent = keep.string(code, "code"), keep.string(parent, "parent")
        d.borders, d.n_borders = keep.strings(borders, "borders")
        if geometry is not None and not isinstance(geometry, str):
            geometry = json.dumps(geometry)
        d.geometry = keep.string(geometry, "geometry")
        d.extensions, d.n_extensions = keep.extensions(extensions, "extensions")
        return self._add(lib.ft_dataset_add_region, d, model.describe_region)

    def add_unit(self, id, name, actor, *, echelon=None, type=None, parent=None, strength=None, garrison=None,
                 sidc=None, extensions=None):
        """Adds a unit of `actor`."""
        keep = model.Descriptions()
        d = keep.new("ft_unit_desc")
        d.id, d.name, d.actor = keep.string(id, "id"), keep.string(name, "name"), keep.string(actor, "actor")
        if echelon is not None:
            d.echelon = model.ECHELONS.parse(echelon)
        d.type, d.parent = keep.string(type, "type"), keep.string(parent, "parent")
        if strength is not None:
            d.has_strength, d.strength = 1, model._count(strength, "strength")
        d.garrison, d.sidc = keep.string(garrison, "garrison"), keep.string(sidc, "sidc")
        d.extensions, d.n_extensions = keep.extensions(extensions, "extensions")
        return self._add(lib.ft_dataset_add_unit, d, model.describe_unit)

    def add_source(self, id, name, *, kind="other", actor=None, parent=None, reliability="F", url=None,
                   extensions=None):
        """Adds a source; `reliability` is its Admiralty grade, "A" to "F"."""
        keep = model.Descriptions()
        d = keep.new("ft_source_desc")
        d.id, d.name = keep.string(id, "id"), keep.string(name, "name")
        d.kind = model.SOURCE_KINDS.parse(kind)
        d.actor, d.parent = keep.string(actor, "actor"), keep.string(parent, "parent")
        d.reliability = model.RELIABILITIES.parse(reliability)
        d.url = keep.string(url, "url")
        d.extensions, d.n_extensions = keep.extensions(extensions, "extensions")
        return self._add(lib.ft_dataset_add_source, d, model.describe_source)

    def add_claim(self, id, source, subject, region, quantity, reported, *, via=(), unit=None, measure=None,
                  kind="observation", observed=None, credibility=6, supersedes=(), disputes=(), retracted=None,
                  quote=None, url=None, note=None, tags=(), extensions=None, observed_extensions=None):
        """Adds a claim: `source` says `quantity` (a Quantity, or an int for
        an exact figure, or None for a denial without one) of `subject`'s
        forces in `region`, made public at `reported`. `observed` is a time
        (one value), a (start, end) pair or Interval (None for an open
        side), or None (as of reported). The claims it supersedes or
        disputes must be in the dataset already."""
        keep = model.Descriptions()
        d = keep.new("ft_claim_desc")
        d.id, d.source = keep.string(id, "id"), keep.string(source, "source")
        d.via, d.n_via = keep.strings(via, "via")
        d.subject, d.unit = keep.string(subject, "subject"), keep.string(unit, "unit")
        d.region, d.measure = keep.string(region, "region"), keep.string(measure, "measure")
        d.quantity = model.quantity_of(quantity)._to_c()
        d.kind = model.CLAIM_KINDS.parse(kind)
        if observed is not None:
            if isinstance(observed, model.Interval):
                observed = (observed.start, observed.end)
            if isinstance(observed, tuple):
                if len(observed) != 2:
                    raise ValueError("observed is one time or a (start, end) pair")
                d.observed_form = lib.FT_OBSERVED_INTERVAL
                setattr(d.observed, "from", times.optional(observed[0], "observed start"))
                d.observed.to = times.optional(observed[1], "observed end")
            else:
                d.observed_form = lib.FT_OBSERVED_TIME
                t = times.to_c(observed, "observed")
                setattr(d.observed, "from", t)
                d.observed.to = t
        d.reported = times.to_c(reported, "reported")
        if isinstance(credibility, bool) or not isinstance(credibility, int):
            raise TypeError("credibility is an int from 1 to 6")
        d.credibility = credibility
        d.supersedes, d.n_supersedes = keep.strings(supersedes, "supersedes")
        d.disputes, d.n_disputes = keep.strings(disputes, "disputes")
        d.retracted = times.optional(retracted, "retracted")
        d.quote, d.url, d.note = keep.string(quote, "quote"), keep.string(url, "url"), keep.string(note, "note")
        d.tags, d.n_tags = keep.strings(tags, "tags")
        d.extensions, d.n_extensions = keep.extensions(extensions, "extensions")
        d.observed_extensions, d.n_observed_extensions = keep.extensions(observed_extensions, "observed_extensions")
        return self._add(lib.ft_dataset_add_claim, d, model.describe_claim)

    # ---- Saving

    def save(self, path, *, encoding=None):
        """Saves atomically, as a canonical JSON document, or as JSON Lines
        when `encoding` is "lines" (None: lines for a name ending in
        .jsonl, else a document)."""
        path = os.fspath(path)
        if encoding is None:
            encoding = "lines" if path.endswith(".jsonl") else "document"
        fn = {"document": lib.ft_dataset_save_file, "lines": lib.ft_dataset_save_lines_file}.get(encoding)
        if fn is None:
            raise ValueError("encoding is 'document', 'lines' or None, not %r" % (encoding,))
        err = ffi.new("ft_error *")
        errors.check(fn(self._handle(), encode(path, "path"), err), err)

    def _save_string(self, fn):
        err = ffi.new("ft_error *")
        return owned_or_raise(fn(self._handle(), err), err)

    def to_json(self):
        """The canonical JSON document, as a str."""
        return self._save_string(lib.ft_dataset_save_string)

    def to_lines(self):
        """The dataset as JSON Lines, as a str."""
        return self._save_string(lib.ft_dataset_save_lines_string)

    @property
    def content_hash(self):
        """The SHA-256 of the dataset's canonical JSON Lines, in hex: what
        `forcetrack stats` prints and every situation report carries."""
        out = ffi.new("char[65]")
        err = ffi.new("ft_error *")
        errors.check(lib.ft_dataset_content_hash(self._handle(), out, err), err)
        return ffi.string(out).decode("ascii")

    # ---- Estimating

    def _query(self, actor, region, measure):
        return (self.actors.pointer(actor), self.regions.pointer(region),
                ffi.NULL if measure is None else encode(measure, "measure"))

    def estimate(self, actor, region, *, at, known_on=None, measure=None, method=None, rollup=True,
                 staleness_days=None, tolerance=None, include_projections=False, half_life_days=None,
                 max_pairs=None):
        """The estimate of `actor`'s forces (an id or an Actor) in `region`
        at `at`, as known on `known_on` (None: everything in the dataset).
        `measure` defaults to personnel; `method` is "weighted" (the
        default), "median" or "latest"; rollup=False counts only claims
        about exactly this actor and region. The other options are the
        library's (docs/estimation.md), None meaning its default."""
        opts = ffi.new("ft_estimate_options *")
        _estimate.fill_estimate_options(
            opts, at, known_on, rollup=rollup, method=method, staleness_days=staleness_days, tolerance=tolerance,
            include_projections=include_projections, half_life_days=half_life_days, max_pairs=max_pairs)
        a, r, m = self._query(actor, region, measure)
        return _estimate.compute_estimate(self, a, r, m, opts)

    def timeline(self, actor, region, start, end, *, step_days=7, known_on=None, hindsight=False, measure=None,
                 threshold=None, window_days=None, all_contributions=False, keep_pairs=False, **options):
        """Estimates every `step_days` days from the day `start` begins in to
        `end`, each point as known on its own date unless `known_on` fixes
        one date or `hindsight` lets every point know everything; alerts
        where best moves by more than `threshold` (0.10) within
        `window_days` (30). Estimate options as for estimate()."""
        if known_on is not None and hindsight:
            raise ValueError("known_on and hindsight exclude each other")
        opts = ffi.new("ft_timeline_options *", {"version": lib.FT_TIMELINE_OPTIONS_VERSION})
        setattr(opts, "from", times.to_c(start, "start"))
        opts.to = times.to_c(end, "end")
        if isinstance(step_days, bool) or not isinstance(step_days, int) or step_days <= 0:
            raise ValueError("step_days must be a positive int")
        opts.step_days = step_days
        _estimate.fill_estimate_options(opts.estimate, None, known_on, **options)
        if threshold is not None:
            opts.threshold = threshold
        if window_days is not None:
            opts.window_days = window_days
        opts.all_contributions = 1 if all_contributions else 0
        opts.hindsight = 1 if hindsight else 0
        opts.keep_pairs = 1 if keep_pairs else 0
        a, r, m = self._query(actor, region, measure)
        return _estimate.compute_timeline(self, a, r, m, opts)

    # ---- Situation reports and frames

    def situation(self, at=None, known_on=None, **options):
        """The situation report on `at` (None: the day of the latest claim
        reported): every (region, actor, measure) with claims known then."""
        from .situation import Situation

        return Situation(self, at, known_on, options)

    def report(self, at=None, known_on=None, *, format="text", **options):
        """The situation report as text ("text"; or "json", and whatever
        other formats the library has), as `forcetrack report` writes it."""
        return self.situation(at, known_on, **options).render(format)

    def render_claims(self, format):
        """Every claim written by the library in `format` ("md", "csv": the
        formats ft_dataset_write_claims has)."""
        from .situation import parse_format

        err = ffi.new("ft_error *")
        return owned_or_raise(lib.ft_dataset_render_claims(self._handle(), parse_format(format), ffi.NULL, err), err)

    def claims_frame(self):
        """Every claim, one row each: the columns of the CSV export."""
        from . import frames

        return frames.claims_frame(self)

    def groups_frame(self, at, known_on=None, *, threads=0, method=None, rollup=True, staleness_days=None,
                     tolerance=None, include_projections=False, half_life_days=None, max_pairs=None):
        """A frame with one row per (subject, region, measure) group that the
        claims name, its figure at `at` as known on `known_on`: the library's
        ft_estimate_groups, on `threads` threads (0: one per processor),
        each tree of groups read off one evaluation. The figures are those
        estimate() gives each group; estimate options as for estimate()."""
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
            raise ValueError("threads must be an int, 0 or more")
        opts = ffi.new("ft_estimate_options *")
        _estimate.fill_estimate_options(
            opts, at, known_on, rollup=rollup, method=method, staleness_days=staleness_days, tolerance=tolerance,
            include_projections=include_projections, half_life_days=half_life_days, max_pairs=max_pairs)
        from . import frames

        return frames.groups_frame(self, opts, threads)

    def estimates_frame(self, at=None, known_on=None, **options):
        """The situation report on `at` as a frame, one row per entry: the
        columns of the CSV export."""
        return self.situation(at, known_on, **options).to_frame()
