"""Building a dataset in Python: every add goes through the library's
checks and fails with its message and JSON path; what was built estimates
as worked out by hand, saves and loads back the same; dates come as
datetime.date, datetime.datetime or text."""

import datetime as dt

import pytest

import forcetrack
from forcetrack import Quantity


def two_voices():
    """RU with a child DPR, a region tree, two sources of two voices and a
    spokesman under one of them."""
    ds = forcetrack.Dataset()
    ds.set_info(id="built", title="Built in Python", created=dt.date(2022, 3, 1))
    ds.add_actor("UA", "Ukraine", kind="state")
    ds.add_actor("RU", "Russia", kind="state", code="RUS", opposes=["UA"], aliases=["Росія"])
    ds.add_actor("DPR", "DPR forces", kind="armed-group", parent="RU")
    ds.add_region("border", "Near the border", kind="theater")
    ds.add_region("crimea", "Crimea", kind="admin1", parent="border",
                  geometry={"type": "Point", "coordinates": [34.1, 45.0]}, extensions={"x-name-uk": "Крим"})
    ds.add_source("mod", "A ministry", kind="government", actor="UA", reliability="A")
    ds.add_source("spokesman", "Its spokesman", kind="person", parent="mod")
    ds.add_source("paper", "A paper", kind="media", reliability="B")
    return ds


def test_built_dataset_estimates_as_worked_by_hand():
    ds = two_voices()
    # Both observed on T, so age 0 and D = 1.
    # x1: exactly 1,000 from the ministry: R(A) 1.0 x C(1) 1.0 = weight 1.0.
    # x2: exactly 1,200 from the paper:    R(B) 0.8 x C(1) 1.0 = weight 0.8.
    ds.add_claim("x1", "mod", "RU", "border", 1000, "2022-03-01", observed="2022-03-01", credibility=1)
    ds.add_claim("x2", "paper", "RU", "border", Quantity.exact(1200), dt.date(2022, 3, 1),
                 observed=dt.date(2022, 3, 1), credibility=1)
    est = ds.estimate("RU", "border", at="2022-03-01")
    # Entries 1,000 (1.0), 1,000 (1.0), 1,200 (0.8), 1,200 (0.8); W = 1.8 is
    # reached at the second 1,000: best 1,000. Both weigh at least half the
    # heaviest (0.5), so both are current: low 1,000, high 1,200. [1,000,
    # 1,000] and [1,200, 1,200] do not overlap and are of two voices:
    # contested, one pair.
    assert (est.best, est.low, est.high) == (1000, 1000, 1200)
    assert (est.voices, est.claims, est.contested, est.pairs) == (2, 2, True, 1)
    assert [(c.claim, c.weight, c.status) for c in est.contributions] == [("x1", 1.0, "counted"),
                                                                         ("x2", 0.8, "counted")]
    assert est.disagreements == [forcetrack.Disagreement("x1", "x2", 0.8, False, True)]


def test_rollup_and_voices_of_a_built_dataset():
    ds = two_voices()
    # The spokesman speaks for the ministry (one voice) with its grade A.
    # s1, about 2,000, DPR in crimea, credibility 6 (C 0.5): weight 1.0 x 0.5 = 0.5.
    ds.add_claim("s1", "spokesman", "DPR", "crimea", Quantity.about(2000), "2022-03-01", credibility=6)
    est = ds.estimate("RU", "border", at="2022-03-01")
    # About 2,000: d = floor(2,000 x 0.10 + 0.5) = 200, interval [1,800,
    # 2,200], one claim: best its midpoint (1,800 + 2,200 + 1) / 2 = 2,000.
    # It counts at its own node (DPR, crimea), which rolls up into (RU, border).
    assert (est.best, est.low, est.high, est.voices) == (2000, 1800, 2200, 1)
    c = est.contributions[0]
    assert (c.voice, c.weight, c.actor, c.region, c.stance) == ("mod", 0.5, "DPR", "crimea", "adversary")
    assert [(p.actor, p.region) for p in est.parts][0] == ("RU", "border")
    assert ds.estimate("RU", "border", at="2022-03-01", rollup=False).has_value is False


def test_every_add_is_checked_by_the_library():
    ds = two_voices()
    before = ds.to_json()
    with pytest.raises(forcetrack.Error) as info:
        ds.add_actor("RU", "Russia again")
    assert info.value.code == forcetrack.errors.EDUPLICATE and info.value.path == "actors[3].id"
    assert str(info.value) == 'actors[3].id: duplicate actor id "RU" (first at actors[1])'
    with pytest.raises(forcetrack.Error) as info:
        ds.add_claim("x", "paper", "RUS", "border", 10, "2022-03-01")
    assert info.value.code == forcetrack.errors.EREF
    assert info.value.message == 'unknown actor "RUS" (did you mean "RU"?)'
    with pytest.raises(forcetrack.Error) as info:
        ds.add_claim("x", "paper", "RU", "border", Quantity.range(300, 200), "2022-03-01")
    assert (info.value.code, info.value.path) == (forcetrack.errors.EFORMAT, "claims[0].low")
    assert info.value.message == "low 300 is above high 200"
    with pytest.raises(forcetrack.Error, match='unknown actor kind .sate. \\(did you mean "state"\\?\\)'):
        ds.add_actor("BY", "Belarus", kind="sate")
    with pytest.raises(forcetrack.Error, match="^reported: impossible date \"2022-02-30\": 2022-02 has no day 30"):
        ds.add_claim("x", "paper", "RU", "border", 10, "2022-02-30")
    with pytest.raises(ValueError, match="NUL"):
        ds.add_actor("BY", "Bela\0rus")
    with pytest.raises(TypeError):
        ds.add_actor("BY", "Belarus", aliases="one string")
    # Refused adds leave the dataset as it was.
    assert ds.to_json() == before


def test_dates_as_python_values():
    ds = two_voices()
    utc_plus_2 = dt.timezone(dt.timedelta(hours=2))
    ds.add_claim("a", "paper", "RU", "border", 5, dt.datetime(2022, 3, 1, 10, 30))  # naive: UTC
    ds.add_claim("b", "paper", "RU", "border", 5, dt.datetime(2022, 3, 1, 10, 30, tzinfo=utc_plus_2))
    ds.add_claim("c", "paper", "RU", "border", 5, "2022-03", observed=(None, dt.date(2022, 2, 28)))
    ds.add_claim("d", "paper", "RU", "border", 5, dt.datetime(2022, 3, 1, 0, 0, 0, 250000, tzinfo=dt.timezone.utc))
    assert ds.claims["a"].reported.text == "2022-03-01T10:30:00Z"
    assert ds.claims["b"].reported.text == "2022-03-01T10:30:00+02:00"
    assert ds.claims["b"].reported.start == dt.datetime(2022, 3, 1, 8, 30, tzinfo=dt.timezone.utc)
    c = ds.claims["c"]
    assert c.reported.precision == "month" and c.observed == forcetrack.Interval(None, forcetrack.Time("2022-02-28"))
    assert ds.claims["d"].reported.text == "2022-03-01T00:00:00.250000Z"
    with pytest.raises(TypeError, match="at must be a str, datetime.date"):
        ds.estimate("RU", "border", at=20220301)


def test_built_dataset_saves_and_loads_back(tmp_path):
    ds = two_voices()
    ds.add_claim("x1", "mod", "RU", "border", Quantity.range(900, 1100, value=1000), "2022-03-01",
                 via=["paper"], observed=("2022-02", "2022-03-01"), quote='He said "about a thousand"',
                 tags=["t1", "t2"], extensions={"x-score": {"a": [1, 2]}}, kind="observation")
    ds.add_claim("x2", "mod", "RU", "crimea", Quantity.at_most(500), "2022-03-02", supersedes=["x1"],
                 credibility=3, retracted="2022-03-05", note="withdrawn")
    ds.save(tmp_path / "built.json")
    with forcetrack.load(tmp_path / "built.json") as back:
        assert list(back) == list(ds)
        assert list(back.regions) == list(ds.regions)
        assert back.to_json() == ds.to_json()
        assert back.info["title"] == "Built in Python"
    x1 = ds.claims["x1"]
    assert (x1.quantity, str(x1.quantity)) == (Quantity("range", 1000, 900, 1100), "900-1,100 (about 1,000)")
    assert x1.extensions == {"x-score": {"a": [1, 2]}} and x1.via == ("paper",)
    assert ds.regions["crimea"].extensions == {"x-name-uk": "Крим"}
