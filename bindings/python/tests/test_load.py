"""Loading and reading a dataset: counts, order, lookups, the hedges and
times kept as written, errors carrying the library's record, the
lifetime of a Dataset, and that it refuses to travel to another process."""

import datetime as dt
import pickle

import pytest

import forcetrack
from conftest import BUILDUP, SPRING, cli, source_path


def test_counts_and_order_are_the_files(buildup):
    # examples/data/buildup-2021-12.json holds 7 actors, 6 regions, no
    # unit, 17 sources and 7 claims (as `forcetrack stats` says).
    assert (len(buildup.actors), len(buildup.regions), len(buildup.units), len(buildup.sources), len(buildup)) == \
        (7, 6, 0, 17, 7)
    assert buildup.actors.ids() == ["RU", "UA", "DPR", "LPR", "BY", "NATO", "US"]
    assert [c.id for c in buildup] == ["c-ua-94k", "c-ru-125k", "c-hur-92k", "c-mod-94300", "c-us-175k",
                                       "c-us-100btg", "c-us-50btg"]
    assert buildup.claims[0].id == "c-ua-94k" and buildup.claims[-1].id == "c-us-50btg"
    assert buildup.info["title"] == "Russian build-up near Ukraine, December 2021"
    assert buildup.info["created"] == forcetrack.Time("2021-12-01")


def test_entities_are_plain_values(buildup):
    ru = buildup.actors["RU"]
    assert ru == forcetrack.Actor("RU", "Russia", "state", "RUS", ("Russian Federation", "Росія", "Россия"),
                                  None, (), ("UA",), {})
    assert buildup.actors["DPR"].parent == "RU"
    crimea = buildup.regions["crimea"]
    assert crimea.parent == "ua-border" and crimea.kind == "admin1"
    assert crimea.geometry == {"type": "Point", "coordinates": [34.1, 45.0]}
    assert crimea.extensions["x-name-uk"] == "Крим"
    budanov = buildup.sources["budanov"]
    assert (budanov.kind, budanov.parent, budanov.reliability, budanov.actor) == ("person", "ua-hur", "C", "UA")
    assert "RU" in buildup.actors and "XX" not in buildup.actors and "RU" not in buildup.sources


def test_the_hedge_and_the_times_are_kept(buildup):
    hur = buildup.claims["c-hur-92k"]
    assert hur.quantity == forcetrack.Quantity("at-least", 92000)
    assert str(hur.quantity) == "at least 92,000"
    assert hur.observed is None  # "as of reported"
    assert hur.reported.text == "2021-11-20" and hur.reported.precision == "day"
    us = buildup.claims["c-us-175k"]
    assert (us.quantity.qualifier, us.quantity.value, us.kind) == ("at-most", 175000, "projection")
    assert str(us.quantity) == "up to 175,000"
    # Observed January to March 2022: two month values, the span from the
    # first microsecond of January to the last of March.
    assert us.observed == forcetrack.Interval(forcetrack.Time("2022-01"), forcetrack.Time("2022-03"))
    assert us.observed.start.precision == "month"
    assert us.observed.start.start == dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc)
    assert us.observed.end.end == dt.datetime(2022, 3, 31, 23, 59, 59, 999999, tzinfo=dt.timezone.utc)
    ua = buildup.claims["c-ua-94k"]
    assert ua.quantity == forcetrack.Quantity.about(94000) and str(ua.quantity) == "about 94,000"
    assert ua.observed == forcetrack.Time("2021-12-01")
    assert ua.via and ua.credibility == 2 and ua.quote.startswith("Vladimir Putin has sent some 94,000 troops")


def test_an_unknown_id_suggests_the_nearest(buildup):
    with pytest.raises(KeyError) as info:
        buildup.regions["donbass"]
    e = info.value
    assert isinstance(e, forcetrack.Error) and e.code == forcetrack.errors.EREF
    assert str(e) == 'unknown region "donbass" (did you mean "donbas"?)'
    with pytest.raises(IndexError):
        buildup.claims[7]


def test_a_rule_broken_names_the_file_and_the_path():
    path = source_path("tests", "data", "invalid", "unknown-region-typo", "input.json")
    with open(source_path("tests", "data", "invalid", "unknown-region-typo", "error"), encoding="utf-8") as f:
        expected = f.read().strip()  # "input.json: claims[0].region: unknown region ..."
    with pytest.raises(forcetrack.Error) as info:
        forcetrack.load(path)
    e = info.value
    assert (e.code, e.name, e.path, e.line, e.column) == (forcetrack.errors.EREF, "unknown reference",
                                                           "claims[0].region", 0, 0)
    assert e.message == 'unknown region "donbass" (did you mean "donbas"?)'
    assert e.file == path
    assert str(e) == path[: -len("input.json")] + expected


def test_a_syntax_error_names_the_line_and_column():
    path = source_path("tests", "data", "invalid", "trailing-comma", "input.json")
    with open(path, "rb") as f:
        data = f.read()
    with pytest.raises(forcetrack.Error) as info:
        forcetrack.loads(data, "input.json")
    e = info.value
    # tests/data/invalid/trailing-comma/error: input.json:8:77: invalid JSON ...
    assert (e.code, e.file, e.line, e.column) == (forcetrack.errors.ESYNTAX, "input.json", 8, 77)
    assert str(e) == "input.json:8:77: invalid JSON: string or '}' expected near '}'"


def test_a_closed_dataset_refuses_and_snapshots_stay(buildup):
    claim = buildup.claims["c-ua-94k"]
    with forcetrack.load(BUILDUP) as ds:
        actor = ds.actors["RU"]
    assert ds.closed
    with pytest.raises(ValueError, match="the dataset is closed"):
        len(ds)
    with pytest.raises(ValueError, match="the dataset is closed"):
        ds.estimate("RU", "ua-border", at="2021-12-01")
    ds.close()  # twice is allowed
    assert actor.name == "Russia" and claim.quantity.value == 94000
    assert repr(ds) == "<forcetrack.Dataset (closed)>"


def test_a_dataset_refuses_to_pickle(buildup):
    with pytest.raises(TypeError, match="cannot be pickled or sent to another process: send the file's path"):
        pickle.dumps(buildup)
    # What it hands out is plain data and travels.
    claim = buildup.claims["c-us-175k"]
    assert pickle.loads(pickle.dumps(claim)) == claim
    e = forcetrack.Error(forcetrack.errors.EREF, "x", "f.json", 0, 0, "claims[0]", "f.json: claims[0]: x")
    back = pickle.loads(pickle.dumps(e))
    assert (back.code, back.path, str(back)) == (e.code, "claims[0]", "f.json: claims[0]: x")


def test_saving_is_canonical_and_round_trips(buildup, tmp_path):
    with open(BUILDUP, encoding="utf-8") as f:
        original = f.read()
    # The example is canonical: saving gives its bytes back.
    assert buildup.to_json() == original
    buildup.save(tmp_path / "copy.json")
    assert (tmp_path / "copy.json").read_text(encoding="utf-8") == original
    buildup.save(tmp_path / "copy.jsonl")
    lines = (tmp_path / "copy.jsonl").read_text(encoding="utf-8")
    assert lines == buildup.to_lines() and lines.startswith('{"forcetrack":"1.0"')
    # JSON Lines writes `opposes` on the later actor's line (it is
    # symmetric), so the round trip is checked in that encoding.
    with forcetrack.load(tmp_path / "copy.jsonl") as again:
        assert again.to_lines() == lines
    with forcetrack.loads(lines, "copy.jsonl", encoding="lines") as again:
        assert list(again) == list(buildup)


def test_the_content_hash_is_the_sha256_of_the_json_lines(buildup):
    import hashlib
    # The same value test_snapshot.c checked with sha256sum for this file.
    assert buildup.content_hash == "9792ec20d66623945d0c34d4acbec7bc5cfc015baa169749c14d842582ef1a65"
    assert buildup.content_hash == hashlib.sha256(buildup.to_lines().encode("utf-8")).hexdigest()


def test_a_snapshot_loads_to_the_same_estimate(tmp_path):
    # The snapshot `forcetrack snapshot` writes of the spring example loads
    # (by its content, and by its encoding named) to the same dataset as
    # the JSON: the same JSON Lines, and for every (subject, region) of a
    # claim the same estimate, field for field, on a date where several
    # claims count.
    snap = tmp_path / "spring.ftsnap"
    cli("snapshot", SPRING, str(snap))
    with forcetrack.load(SPRING) as original, forcetrack.load(snap) as loaded, \
            forcetrack.load(snap, encoding="snapshot") as named:
        assert loaded.to_lines() == original.to_lines() == named.to_lines()
        assert loaded.content_hash == original.content_hash
        groups = sorted({(c.subject, c.region) for c in original})
        assert len(groups) > 1
        figures = 0
        for subject, region in groups:
            a = original.estimate(subject, region, at="2021-04-20")
            b = loaded.estimate(subject, region, at="2021-04-20")
            assert (a.best, a.low, a.high, a.claims, a.voices, str(a)) == \
                (b.best, b.low, b.high, b.claims, b.voices, str(b))
            assert [(c.claim, c.status, c.weight) for c in a.contributions] == \
                [(c.claim, c.status, c.weight) for c in b.contributions]
            figures += a.best is not None
        assert figures > 0
    # A snapshot named as another encoding is refused, not misread.
    with pytest.raises(forcetrack.Error):
        forcetrack.load(snap, encoding="document")
