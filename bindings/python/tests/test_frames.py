"""pandas frames: the columns of the CSV export in its order, nullable
integers for what can be absent, datetime columns, values worked out by
hand from the example dataset, and the situation report's entries equal
to `forcetrack report --format json` of the same date."""

import datetime as dt
import io
import json

import pandas as pd
import pytest

import forcetrack
from conftest import BUILDUP, cli, tiny

# The columns of the CSV export (the csv-geojson brief; docs/reports.md).
CLAIM_COLUMNS = [
    "id", "subject", "subject_name", "region", "region_name", "unit", "measure", "qualifier", "value", "low",
    "high", "kind", "date_start", "date_end", "date_prec", "reported", "source", "source_original",
    "source_office", "reliability", "credibility", "supersedes", "disputes", "retracted", "quote", "url", "note",
    "tags",
]
ESTIMATE_COLUMNS = [
    "date", "known_on", "actor", "actor_name", "region", "region_name", "depth", "measure", "best", "low", "high",
    "open_below", "open_above", "credible", "number_of_sources", "claims", "contested", "pairs", "inconsistent",
    "method", "dataset_sha256",
]


def test_claims_frame_columns_and_types(buildup):
    frame = buildup.claims_frame()
    assert list(frame.columns) == CLAIM_COLUMNS
    assert len(frame) == 7 and frame["id"].tolist()[:2] == ["c-ua-94k", "c-ru-125k"]
    for column in ("value", "low", "high"):
        assert str(frame[column].dtype) == "Int64", column
    for column in ("date_start", "date_end", "reported", "retracted"):
        assert str(frame[column].dtype) == "datetime64[ns]", column
    assert str(frame["credibility"].dtype) == "int64"


def test_claims_frame_rows_keep_the_hedge(buildup):
    frame = buildup.claims_frame().set_index("id")
    hur = frame.loc["c-hur-92k"]
    # "at least 92,000", reported 2021-11-20, no observed time; by budanov
    # (graded C in the file), carried by no outlet.
    assert (hur["qualifier"], hur["value"], hur["kind"]) == ("at-least", 92000, "observation")
    assert hur["low"] is pd.NA and hur["high"] is pd.NA
    assert pd.isna(hur["date_start"]) and pd.isna(hur["date_end"]) and hur["date_prec"] is None
    assert hur["reported"] == pd.Timestamp("2021-11-20")
    assert (hur["source"], hur["source_original"], hur["reliability"], hur["credibility"]) == \
        ("budanov", "Kyrylo Budanov, chief of Defence Intelligence of Ukraine", "C", 2)
    us = frame.loc["c-us-175k"]
    # "up to 175,000", a projection observed January to March 2022: the
    # first day of January and the last of March, at month precision.
    assert (us["qualifier"], us["value"], us["kind"], us["date_prec"]) == ("at-most", 175000, "projection", "month")
    assert us["date_start"] == pd.Timestamp("2022-01-01") and us["date_end"] == pd.Timestamp("2022-03-31")
    ua = frame.loc["c-ua-94k"]
    assert (ua["subject"], ua["subject_name"], ua["region_name"]) == ("RU", "Russia", "Near Ukraine's borders")
    assert ua["date_start"] == ua["date_end"] == pd.Timestamp("2021-12-01") and ua["date_prec"] == "day"
    assert ua["tags"] == "seed-article; build-up" and ua["source_office"] == "Daily Mail (MailOnline)"


def test_claims_frame_of_a_built_dataset():
    ds = tiny(("o1", "Outlet one"), ("o2", "Outlet two"))
    ds.add_claim("a", "s", "RU", "r", forcetrack.Quantity.range(10, 20), "2022-03-01T10:00+02:00",
                 observed=("2022-02-27T22:30Z", None))
    ds.add_claim("b", "s", "RU", "r", forcetrack.Quantity.range(10, 20, value=15), "2022-03", via=["o1", "o2"],
                 supersedes=["a"], retracted="2022-04-02")
    frame = ds.claims_frame().set_index("id")
    a, b = frame.loc["a"], frame.loc["b"]
    assert a["value"] is pd.NA and (a["low"], a["high"]) == (10, 20)
    # 10:00 at +02:00 is 08:00 UTC; the open end of the observed span is empty.
    assert a["reported"] == pd.Timestamp("2022-03-01 08:00")
    assert a["date_start"] == pd.Timestamp("2022-02-27") and pd.isna(a["date_end"]) and a["date_prec"] == "minute"
    assert (b["value"], b["low"], b["high"]) == (15, 10, 20)
    assert b["reported"] == pd.Timestamp("2022-03-01")  # a month stands at its first instant
    assert b["source_office"] == "Outlet one; Outlet two" and b["supersedes"] == "a"
    assert b["retracted"] == pd.Timestamp("2022-04-02")


def test_estimates_frame_is_the_situation_report(buildup):
    frame = buildup.estimates_frame(at="2021-12-03")
    assert list(frame.columns) == ESTIMATE_COLUMNS
    entries = [json.loads(line) for line in
               cli("report", BUILDUP, "--at", "2021-12-03", "--format", "json").splitlines()]
    assert len(frame) == len(entries) == 4
    for (_, row), e in zip(frame.iterrows(), entries):
        assert (row["actor"], row["region"], row["measure"], row["method"]) == \
            (e["actor"], e["region"], e["measure"], e["method"])
        assert (row["best"], row["low"], row["high"]) == (e["best"], e["low"], e["high"])
        assert (row["number_of_sources"], row["claims"], row["pairs"]) == (e["voices"], e["claims"], e["pairs"])
        assert (row["open_below"], row["open_above"], row["credible"], row["contested"], row["inconsistent"]) == \
            (e["open_below"], e["open_above"], not e["not_credible"], e["contested"], e["inconsistent"])
        assert row["date"] == pd.Timestamp(e["at"]) and row["known_on"] == pd.Timestamp(e["known_on"])
    first = frame.iloc[0]
    # RU in ua-border at 2021-12-03, as known then: c-mod-94300 (observed
    # 3 December, age 0) is voice ua-gov's latest; about 94,300, d = 9,430:
    # best 94,300, range 84,870-103,730; c-us-175k is a projection.
    assert (first["actor"], first["region"], first["depth"], first["actor_name"]) == \
        ("RU", "ua-border", 0, "Russia")
    assert (first["best"], first["low"], first["high"], first["number_of_sources"]) == (94300, 84870, 103730, 1)
    assert frame["region"].tolist() == ["ua-border", "ua-border", "UA", "donbas"]
    assert frame["depth"].tolist() == [0, 0, 0, 1]
    assert str(frame["best"].dtype) == "Int64" and str(frame["date"].dtype) == "datetime64[ns]"
    assert frame["open_below"].dtype == bool


def test_estimates_frame_without_an_estimate_has_na(buildup):
    # As known on 30 November, on 1 December: RU in ua-border is c-hur-92k
    # alone, "92,000 or more"; the entries are those with a claim known then.
    frame = buildup.estimates_frame(at="2021-12-01", known_on="2021-11-30")
    assert frame[["actor", "region", "measure"]].values.tolist() == [["RU", "ua-border", "personnel"]]
    assert (frame["best"][0], bool(frame["open_above"][0])) == (92000, True)
    assert frame["known_on"][0] == pd.Timestamp("2021-11-30")
    # Projections asked for: c-us-175k's "at most 175,000" counts too.
    with_projections = buildup.estimates_frame(at="2022-01-15", include_projections=True)
    row = with_projections.iloc[0]
    assert (row["best"], row["low"], row["high"], bool(row["open_below"])) == (94300, 0, 175000, True)
    # A date before any claim was made has no entry at all.
    assert len(buildup.estimates_frame(at="2021-01-01")) == 0


def test_frames_agree_with_the_csv_export_when_the_library_has_it(buildup):
    # The CSV writers come with the export (lib/report/csv.c): where this
    # build's library has them, the frames' columns and values are the
    # CSV's, read back by pandas.
    try:
        csv = buildup.render_claims("csv")
    except forcetrack.Error as e:
        assert "no csv" in str(e)
        pytest.skip("this build's library has no CSV writer yet (%s)" % e)
    read = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    frame = buildup.claims_frame()
    assert list(read.columns) == list(frame.columns)

    def text(value):
        if value is None or value is pd.NA or value is pd.NaT:
            return ""
        return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) else str(value)

    for column in CLAIM_COLUMNS:
        if column in ("reported", "retracted"):
            continue  # the CSV keeps the text as written, the frame its instant
        assert read[column].tolist() == [text(v) for v in frame[column]], column
    situation = buildup.situation(at="2021-12-03")
    read = pd.read_csv(io.StringIO(situation.render("csv")), dtype=str, keep_default_na=False)
    frame = situation.to_frame()
    assert list(read.columns) == list(frame.columns)
    for column in ESTIMATE_COLUMNS:
        flags = frame[column].dtype == bool  # 0/1 in the CSV
        values = [("1" if v else "0") if flags else text(v) for v in frame[column]]
        assert read[column].tolist() == values, column


def test_datetimes_outside_pandas_range_stay_python_datetimes():
    ds = tiny()
    ds.add_claim("old", "s", "RU", "r", 5, "1500-06-01")
    frame = ds.claims_frame()
    assert frame["reported"].dtype == object
    assert frame["reported"][0] == dt.datetime(1500, 6, 1)


GROUP_COLUMNS = [
    "date", "known_on", "actor", "region", "measure", "best", "low", "high", "open_below", "open_above",
    "credible", "number_of_sources", "claims", "contested", "pairs", "inconsistent", "method", "problem",
    "dataset_sha256",
]


def test_groups_frame_is_every_group_as_estimate_gives_it(buildup):
    frame = buildup.groups_frame("2021-12-03")
    assert list(frame.columns) == GROUP_COLUMNS
    assert str(frame["best"].dtype) == "Int64" and str(frame["claims"].dtype) == "int64"
    # The groups the claims name, tree by tree: RU's personnel on the
    # border, then UA's in Donbas, then RU's battalion groups.
    assert list(zip(frame["actor"], frame["region"], frame["measure"])) == [
        ("RU", "ua-border", "personnel"), ("UA", "donbas", "personnel"), ("RU", "ua-border", "btg")]
    # "about 125,000" alone, with the 10% tolerance: 125,000 within
    # 112,500 (125,000 x 0.9) and 137,500 (x 1.1).
    ua = frame[frame["actor"] == "UA"].iloc[0]
    assert (ua["best"], ua["low"], ua["high"], ua["claims"]) == (125000, 112500, 137500, 1)
    for row in frame.itertuples():
        est = buildup.estimate(row.actor, row.region, at="2021-12-03", measure=row.measure)
        assert (row.best, row.low, row.high) == (est.best, est.low, est.high)
        assert (row.claims, row.number_of_sources, row.pairs) == (est.claims, est.voices, est.pairs)
        assert (row.contested, row.inconsistent, row.credible) == (est.contested, est.inconsistent, est.credible)
        assert row.problem is None and row.dataset_sha256 == buildup.content_hash
    pd.testing.assert_frame_equal(frame, buildup.groups_frame("2021-12-03", threads=1))
    pd.testing.assert_frame_equal(frame, buildup.groups_frame("2021-12-03", threads=3))
    flat = buildup.groups_frame("2021-12-03", rollup=False, method="median")
    assert set(flat["method"]) == {"median"} and len(flat) == 3


def test_groups_frame_refuses_bad_threads(buildup):
    with pytest.raises(ValueError, match="threads"):
        buildup.groups_frame("2021-12-03", threads=-1)
    with pytest.raises(forcetrack.Error):
        buildup.groups_frame("not a date")
