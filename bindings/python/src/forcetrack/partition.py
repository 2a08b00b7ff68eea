"""Estimates past one machine: a JSON Lines collection split into groups
that can be estimated apart, each estimated in a task of its own.

An estimate of actor A in region R for measure M reads only the claims of
M about A or an actor under it, in R or a region under it. So every claim
belongs to one group, (the root of its subject's actor tree, the root of
its region's tree, its measure), and the estimates of a group's entries
need only the group's claims and the entities (actors, regions, units,
sources: small). Partitioned by that key, a dataset is rebuilt per
partition inside each task from the JSON Lines text and estimated there;
C objects never cross a process boundary, only lines of text and frames.

The claims of a partition keep their order in the collection (the
estimator breaks some ties by dataset order), and the entities come in
theirs, so the frame gathered from the partitions is the serial
estimates_frame(at) of the whole collection, row for row once sorted
alike. A claim that disputes a claim of another group keeps only the
disputes within its partition, which changes no figure (a dispute counts
only between claims at one node); a claim that supersedes a claim of
another group cannot be resolved inside a partition, and the task fails
with the library's "unknown claim" error instead of giving another figure.

The Dask pipeline (dask_estimates_frame) uses dask.dataframe's shuffle,
which partitions by pandas' hash of the key columns: the same on every
worker. (dask.bag.groupby hashes with Python's hash(), which differs
between worker processes unless PYTHONHASHSEED is fixed on each, and
then splits groups.) The helpers above it are plain Python and pandas,
for any other engine.
"""

import json

from . import errors, frames
from .dataset import loads
from .times import Time

KEY = ("subject_root", "region_root", "measure")
CLAIM_COLUMNS = ("block", "line", "id", "subject_root", "region_root", "measure", "text")


class Entities:
    """The collection's header and entity lines, in collection order, and
    the parent of every actor and region, to find a tree's root. Plain data:
    it pickles and is sent to every task."""

    def __init__(self, header, lines, parents):
        self.header = header
        self.lines = lines
        self.parents = parents

    def root(self, kind, ident):
        """The top of the parent chain of actor or region `ident` (a loop,
        not recursion: a chain is as deep as the input)."""
        parents = self.parents[kind]
        seen = 0
        while parents.get(ident) is not None and seen <= len(parents):
            ident = parents[ident]
            seen += 1
        return ident


def split_block(lines, block):
    """Block `block` of a collection (its lines): the header, the entity
    lines as (block, line, text, kind, id, parent), and the claim lines as
    (block, line, id, subject, region, measure, text)."""
    header = None
    entities = []
    claims = []
    for i, text in enumerate(lines):
        text = text.rstrip("\r\n")
        if not text.strip():
            continue
        obj = json.loads(text)
        if "forcetrack" in obj:
            header = header or text
            continue
        (kind, body), = obj.items()
        if kind == "claim":
            claims.append((block, i, body["id"], body["subject"], body["region"], body.get("measure", "personnel"),
                           text))
        else:
            entities.append((block, i, text, kind, body.get("id"), body.get("parent")))
    return header, entities, claims


def merge_entities(parts):
    """The Entities of a collection from the split_block results of all its
    blocks, in block order."""
    header = None
    lines = []
    parents = {"actor": {}, "region": {}}
    for part_header, entities, _ in parts:
        header = header or part_header
        for _, _, text, kind, ident, parent in entities:
            lines.append(text)
            if kind in parents:
                parents[kind][ident] = parent
    if header is None:
        raise ValueError("the collection has no header line ({\"forcetrack\": ...})")
    return Entities(header, lines, parents)


def keyed_claims(part, entities):
    """The claims of one split block as a frame: their place in the
    collection (block, line), their group key and their text."""
    import pandas as pd

    _, _, claims = part
    rows = [(block, line, ident, entities.root("actor", subject), entities.root("region", region), measure, text)
            for block, line, ident, subject, region, measure, text in claims]
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    return frame.astype({"block": "int64", "line": "int64"})


def _within(ordered):
    """The claim lines of a partition, in order, with each `disputes` of a
    claim outside the partition left out. A dispute only ever matters
    between two claims at one node (docs/estimation.md sections 6 and 7),
    and a claim of another group is never at the same node, so leaving it
    out changes no figure."""
    ids = set(ordered["id"])
    lines = []
    for text in ordered["text"]:
        if '"disputes"' in text:
            obj = json.loads(text)
            body = obj["claim"]
            kept = [d for d in body.get("disputes", ()) if d in ids]
            if len(kept) != len(body.get("disputes", ())):
                if kept:
                    body["disputes"] = kept
                else:
                    del body["disputes"]
                text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
        lines.append(text)
    return lines


def estimate_claims(claims, entities, at, known_on=None, options=None):
    """The estimates frame of a dataset made of the entities and `claims`
    (a frame as keyed_claims makes, of whole groups), built and freed here.
    A claim that supersedes one of another group fails the task: its
    partition cannot know that the other claim is superseded."""
    if len(claims) == 0:
        return frames.empty_frame(frames.ESTIMATE_COLUMNS)
    ordered = claims.sort_values(["block", "line"], kind="stable")
    text = "\n".join([entities.header] + entities.lines + _within(ordered)) + "\n"
    try:
        ds = loads(text, "<partition>", encoding="lines", threads=1)
    except errors.Error as e:
        if e.code == errors.EREF and ".supersedes[" in e.path:
            raise errors.Error(e.code, e.message, e.file, e.line, e.column, e.path,
                               "%s; a claim superseding one of another group (subject root, region root, "
                               "measure) cannot be estimated by partitions" % e) from None
        raise
    with ds:
        return ds.estimates_frame(at=at, known_on=known_on, **(options or {}))


def _when(value):
    """A time argument as text, which pickles."""
    return None if value is None else str(value) if isinstance(value, Time) else value


def dask_estimates_frame(paths, at, known_on=None, npartitions=None, blocksize="16MiB", **options):
    """The estimates frame on `at` of the JSON Lines collection in `paths`
    (a path, a glob or a list) as a lazy dask DataFrame: read in blocks,
    claims shuffled by group key into `npartitions` partitions (default:
    one per block), each partition estimated by a task of its own. `at` is
    required: a dataset's default date is its latest report, which differs
    between partitions. Estimate options as for Dataset.estimate()."""
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    if at is None:
        raise ValueError("dask_estimates_frame needs `at`: each partition's latest report differs")
    blocks = db.read_text(paths, blocksize=blocksize).to_delayed()
    parts = [dask.delayed(split_block)(block, i) for i, block in enumerate(blocks)]
    entities = dask.delayed(merge_entities)(parts)
    claims = dd.from_delayed([dask.delayed(keyed_claims)(part, entities) for part in parts],
                             meta=keyed_claims((None, [], []), None), verify_meta=False)
    shuffled = claims.shuffle(on=list(KEY), npartitions=npartitions or len(blocks))
    return shuffled.map_partitions(estimate_claims, entities, _when(at), _when(known_on), options,
                                   meta=frames.empty_frame(frames.ESTIMATE_COLUMNS))
