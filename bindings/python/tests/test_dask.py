"""Past one machine: a JSON Lines collection estimated on a Dask
LocalCluster of two worker processes, partitioned by (subject root, region
root, measure), gives the frame the serial estimates_frame gives; and a
Dataset handed to a task is refused with a clear message."""

import random

import pandas as pd
import pytest

import forcetrack
from conftest import tiny
from forcetrack import Quantity, partition

AT = "2022-01-10"


def make_collection(path, claims=600, seed=20211201):
    """A collection of several actor and region trees, sources of several
    voices, every quantity shape, supersedes and disputes within a group,
    written as JSON Lines through the binding."""
    rng = random.Random(seed)
    ds = forcetrack.Dataset()
    ds.set_info(id="dask-test", title="Groups for Dask")
    states = ["S1", "S2", "S3"]
    for i, s in enumerate(states):
        ds.add_actor(s, "State %d" % (i + 1), kind="state", opposes=states[:i][-1:])
        for child in "ab":
            ds.add_actor(s + child, "Group %s of %s" % (child, s), kind="armed-group", parent=s)
    regions = {"T1": None, "C1": "T1", "C2": "T1", "A1": "C1", "A2": "C1", "T2": None, "C3": "T2", "T3": None}
    for r, parent in regions.items():
        ds.add_region(r, "Region " + r, parent=parent)
    sources = []
    for s in states:
        ds.add_source("mod-" + s, "Ministry of " + s, kind="government", actor=s, reliability=rng.choice("ABCD"))
        ds.add_source("spox-" + s, "Spokesman of " + s, kind="person", parent="mod-" + s)
        sources += ["mod-" + s, "spox-" + s]
    for k in range(4):
        ds.add_source("media%d" % k, "Outlet %d" % k, kind="media", reliability="BCDEF"[k])
        sources.append("media%d" % k)
    actors = [a for s in states for a in (s, s + "a", s + "b")]
    last = {}  # (source, subject, region, measure) -> the last claim's id
    days = sorted(rng.randrange(0, 100) for _ in range(claims))
    for i, day in enumerate(days):
        reported = pd.Timestamp("2021-10-01") + pd.Timedelta(days=day)
        subject, region = rng.choice(actors), rng.choice(list(regions))
        measure = rng.choice(["personnel", "personnel", "tanks", "btg"])
        source = rng.choice(sources)
        n = rng.randrange(50, 5000) * (100 if measure == "personnel" else 1)
        quantity = rng.choice([Quantity.exact(n), Quantity.about(n), Quantity.at_least(n), Quantity.at_most(n),
                               Quantity.range(n, n * 2), Quantity.range(n, n * 2, value=n + n // 2)])
        kind = "projection" if rng.random() < 0.05 else "observation"
        observed = None
        if rng.random() < 0.5:
            observed = (reported - pd.Timedelta(days=rng.randrange(0, 20))).date()
        group = (source, subject, region, measure)
        supersedes = [last[group]] if group in last and rng.random() < 0.3 else []
        ident = "c%04d" % i
        ds.add_claim(ident, source, subject, region, quantity, reported.date(), measure=measure, kind=kind,
                     observed=observed, credibility=rng.randrange(1, 7), supersedes=supersedes)
        last[group] = ident
    ds.save(path, encoding="lines")
    return ds


def sorted_frame(frame):
    # Each partition is a dataset of its own, and its rows cite its own
    # content hash: the figures are compared, not which data they cite.
    frame = frame.drop(columns=["dataset_sha256"])
    return frame.sort_values(["region", "actor", "measure"], kind="stable").reset_index(drop=True)


def test_groups_on_two_workers_equal_the_serial_frame(tmp_path):
    from dask.distributed import Client, LocalCluster

    path = tmp_path / "collection.jsonl"
    serial = make_collection(path).estimates_frame(at=AT)
    assert len(serial) > 50 and serial["best"].notna().sum() > 20
    # Blocks of about 16 KB: the 600 claims arrive in several blocks, and
    # the shuffle spreads the groups over four partitions.
    lazy = partition.dask_estimates_frame(str(path), at=AT, npartitions=4, blocksize=16 << 10)
    assert lazy.npartitions == 4
    cluster = client = None
    try:
        cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
        assert len(client.scheduler_info()["workers"]) == 2
        gathered = client.compute(lazy).result(timeout=120)
        # A Dataset never crosses to a worker.
        with forcetrack.load(path) as ds:
            with pytest.raises(Exception, match="cannot be pickled or sent to another process"):
                client.submit(len, ds).result(timeout=60)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    pd.testing.assert_frame_equal(sorted_frame(gathered), sorted_frame(serial))


def test_the_partition_helpers_alone(tmp_path):
    # The same without Dask: the collection's lines split in two blocks,
    # keyed, each group estimated apart, equal the serial frame.
    path = tmp_path / "collection.jsonl"
    serial = make_collection(path, claims=200, seed=7).estimates_frame(at=AT)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    blocks = [partition.split_block(lines[:100], 0), partition.split_block(lines[100:], 1)]
    entities = partition.merge_entities(blocks)
    assert entities.root("actor", "S2b") == "S2" and entities.root("region", "A2") == "T1"
    claims = pd.concat([partition.keyed_claims(b, entities) for b in blocks], ignore_index=True)
    assert len(claims) == 200
    frames = [partition.estimate_claims(group, entities, AT) for _, group in claims.groupby(list(partition.KEY))]
    pd.testing.assert_frame_equal(sorted_frame(pd.concat(frames, ignore_index=True)), sorted_frame(serial))
    with pytest.raises(ValueError, match="needs `at`"):
        partition.dask_estimates_frame(str(path), at=None)


def test_references_across_groups():
    ds = tiny(("t", "T"))
    ds.add_claim("a", "s", "RU", "r", 10, "2022-01-01")
    ds.add_claim("b", "t", "RU", "r", 50, "2022-01-02", measure="tanks", disputes=["a"])
    ds.add_claim("c", "t", "RU", "r", 20, "2022-01-02", disputes=["a"])
    text = ds.to_lines()
    part = partition.split_block(text.splitlines(), 0)
    entities = partition.merge_entities([part])
    claims = partition.keyed_claims(part, entities)
    # b (tanks) disputes a (personnel): no node holds both, so its
    # partition leaves the dispute out and gives the serial figure.
    tanks = partition.estimate_claims(claims[claims["measure"] == "tanks"], entities, AT)
    serial = ds.estimates_frame(at=AT)
    assert tanks["best"].tolist() == [50] == serial[serial["measure"] == "tanks"]["best"].tolist()
    # c disputes a at the same node: both are in the personnel partition,
    # and the pair is counted there as in the whole dataset.
    personnel = partition.estimate_claims(claims[claims["measure"] == "personnel"], entities, AT)
    assert personnel["pairs"].tolist() == [1] == serial[serial["measure"] == "personnel"]["pairs"].tolist()
    # A supersession across groups cannot be decided in a partition.
    ds.add_claim("d", "s", "RU", "r", 5, "2022-01-03", measure="btg", supersedes=["a"])
    part = partition.split_block(ds.to_lines().splitlines(), 0)
    claims = partition.keyed_claims(part, entities)
    with pytest.raises(forcetrack.Error, match='unknown claim "a".*cannot be estimated by partitions'):
        partition.estimate_claims(claims[claims["measure"] == "btg"], entities, AT)
