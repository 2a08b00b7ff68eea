"""Timelines through the binding, against `forcetrack timeline --json` of
the same query, and the alert of the spring 2021 build-up worked out by
hand; their frames."""

import datetime as dt

import pytest

import forcetrack
from conftest import SPRING, cli, cli_json


def query(spring, **options):
    return spring.timeline("RU", "ua-border", "2021-03-01", "2021-05-01", **options)


@pytest.mark.parametrize("options,flags", [
    ({}, []),
    ({"step_days": 3, "hindsight": True}, ["--step", "3d", "--hindsight"]),
    ({"known_on": "2021-04-15", "threshold": 0.3, "window_days": 14},
     ["--known-on", "2021-04-15", "--threshold", "0.3", "--window", "14d"]),
])
def test_points_and_alerts_equal_the_programs_json(spring, options, flags):
    tl = query(spring, **options)
    expected = cli_json("timeline", SPRING, "--actor", "RU", "--region", "ua-border", "--from", "2021-03-01",
                        "--to", "2021-05-01", *flags)
    assert tl.to_dict() == expected
    assert len(tl) == len(expected["points"])
    for (date, est), point in zip(tl, expected["points"]):
        assert str(date) == point["at"] == str(est.at)
        assert (str(est.known_on) if est.known_on else None) == point["known_on"]
        for key in ("best", "low", "high", "claims", "voices", "open_below", "open_above", "contested", "pairs"):
            assert getattr(est, key) == point[key], (point["at"], key)
        assert [c.claim for c in est.contributions] == [c["claim"] for c in point["contributions"]]
    assert [(str(a.start_date), str(a.end_date), a.change, a.relative, list(a.claims)) for a in tl.alerts] == \
        [(a["from"], a["to"], a["change"], pytest.approx(a["relative"], rel=1e-13), a["claims"])
         for a in expected["alerts"]]
    assert tl.report() == cli("timeline", SPRING, "--actor", "RU", "--region", "ua-border", "--from", "2021-03-01",
                              "--to", "2021-05-01", *flags)


def test_the_april_alert(spring):
    tl = query(spring)
    # The grid runs 2021-03-01, 03-08, ... to 04-26: 9 points, the last at
    # or before the start of 1 May. As known then, 5 April has 32,700 and
    # 12 April 80,000 or more: +47,300 = 47,300 / 32,700 = +144.6%, above
    # the 10% threshold within 30 days, raised by the two Mendel claims.
    assert len(tl) == 9 and str(tl[0][0]) == "2021-03-01" and str(tl[-1][0]) == "2021-04-26"
    assert [est.best for _, est in tl][4:7] == [None, 32700, 80000]
    (alert,) = tl.alerts
    assert (alert.start, alert.end, alert.change) == (5, 6, 80000 - 32700)
    assert alert.relative == pytest.approx(47300 / 32700)
    assert alert.claims == ("c-mendel-east-40k", "c-mendel-crimea-40k")
    assert repr(tl) == ("<Timeline RU in ua-border (personnel), 2021-03-01 to 2021-04-26 every 7 days: "
                        "9 points, 1 alert>")
    assert "+47300 since 2021-04-05" in tl._repr_html_()


def test_timeline_frame(spring):
    frame = query(spring).to_frame()
    assert list(frame.columns) == ["date", "known_on", "actor", "region", "measure", "best", "low", "high",
                                   "open_below", "open_above", "credible", "number_of_sources", "claims",
                                   "contested", "pairs", "alert"]
    assert len(frame) == 9
    assert str(frame["date"].dtype) == "datetime64[ns]" and str(frame["best"].dtype) == "Int64"
    assert frame["date"][5] == dt.datetime(2021, 4, 5) and frame["known_on"][5] == dt.datetime(2021, 4, 5)
    assert frame["best"].isna().tolist() == [True] * 5 + [False] * 4
    assert frame["best"][6] == 80000 and bool(frame["open_above"][6])
    # The alert's change stands on the point that ends it, and only there.
    assert frame["alert"][6] == 47300 and frame["alert"].isna().sum() == 8
    assert frame["number_of_sources"].tolist() == [0, 0, 0, 0, 0, 1, 1, 2, 5]
    hindsight = query(spring, hindsight=True).to_frame()
    assert hindsight["known_on"].isna().all()


def test_timeline_refusals(spring):
    with pytest.raises(ValueError, match="exclude each other"):
        query(spring, known_on="2021-04-01", hindsight=True)
    with pytest.raises(forcetrack.Error) as info:
        spring.timeline("RU", "ua-border", "2021-05-01", "2021-03-01")
    assert info.value.code == forcetrack.errors.EINVAL
