"""Estimates through the binding: the worked examples of docs/estimation.md
section 10 (iii), figure by figure, and every field the binding reads out
of the C structs equal to what `forcetrack estimate --json` prints for the
same query (a separate process and the library's own JSON writer, so a
struct read at a wrong offset shows here)."""

import pickle

import pytest

import forcetrack
from conftest import BUILDUP, SPRING, cli, cli_json, tiny


def test_a_what_was_known_on_30_november(buildup):
    est = buildup.estimate("RU", "ua-border", at="2021-12-01", known_on="2021-11-30")
    # Only c-hur-92k was reported by then: at least 92,000, age 10 days,
    # weight 0.48 x 0.5^(10/14) = 0.2926; best 92,000, open above.
    assert (est.best, est.low, est.high) == (92000, 92000, 92000)
    assert (est.open_above, est.open_below, est.claims, est.voices) == (True, False, 1, 1)
    assert str(est) == "92,000 or more"
    counted = [c for c in est.contributions if c.status == "counted"]
    assert [c.claim for c in counted] == ["c-hur-92k"]
    assert counted[0].weight == pytest.approx(0.48 * 0.5 ** (10 / 14))
    assert (counted[0].low, counted[0].high) == (92000, None)  # "at least" states no high
    statuses = {c.claim: c.status for c in est.contributions}
    assert statuses["c-ua-94k"] == statuses["c-mod-94300"] == statuses["c-us-175k"] == "not-yet-reported"
    assert est.known_on == forcetrack.Time("2021-11-30") and est.at == forcetrack.Time("2021-12-01")


def test_b_what_we_know_now_about_1_december(buildup):
    est = buildup.estimate("RU", "ua-border", at="2021-12-01")
    # c-ua-94k, about 94,000: d = 9,400, entries 84,600 and 103,400,
    # weight 0.48; best (84,600 + 103,400 + 1) // 2 = 94,000.
    assert (est.best, est.low, est.high, est.claims, est.voices, est.contested) == \
        (94000, 84600, 103400, 1, 1, False)
    statuses = {c.claim: c.status for c in est.contributions}
    assert statuses == {"c-ua-94k": "counted", "c-hur-92k": "same-voice", "c-mod-94300": "not-yet-observed",
                        "c-us-175k": "projection"}
    assert est.known_on is None and est.method == "weighted"


def test_c_six_weeks_later_with_projections(buildup):
    est = buildup.estimate("RU", "ua-border", at="2022-01-15", include_projections=True)
    # c-mod-94300: age 42 days, weight 0.48 x 0.125 = 0.06, entries 84,870
    # and 103,730; c-us-175k: weight 0.48, entries open below and 175,000.
    # W = 0.54 reached at 84,870 exactly: best (84,870 + 103,730 + 1) // 2 =
    # 94,300. Only c-us-175k is current (0.06 < 0.24): low 0, open below,
    # high 175,000.
    assert (est.best, est.low, est.high, est.open_below, est.open_above) == (94300, 0, 175000, True, False)
    assert (est.claims, est.voices, est.contested) == (2, 2, False)
    weights = {c.claim: c.weight for c in est.contributions if c.status == "counted"}
    assert weights == {"c-mod-94300": pytest.approx(0.06), "c-us-175k": pytest.approx(0.48)}
    current = [c.claim for c in est.contributions if c.current]
    assert current == ["c-us-175k"]


def test_d_a_roll_up(buildup):
    est = buildup.estimate("UA", "UA", at="2021-12-01")
    # c-ru-125k counts at (UA, donbas): about 125,000, d = 12,500, weight
    # D x 4 = 0.4 x 0.4 = 0.16; (UA, UA) has no own figure, its total is
    # its region parts: 125,000 (112,500-137,500).
    assert (est.best, est.low, est.high, est.claims, est.voices) == (125000, 112500, 137500, 1, 1)
    c = est.contributions[0]
    assert (c.claim, c.actor, c.region, c.stance, c.weight) == ("c-ru-125k", "UA", "donbas", "adversary",
                                                                pytest.approx(0.16))
    top = est.parts[0]
    assert (top.actor, top.region, top.own) == ("UA", "UA", None)
    assert (top.total.best, top.total.low, top.total.high) == (125000, 112500, 137500)
    donbas = [p for p in est.parts if p.region == "donbas"][0]
    assert donbas.own.best == 125000


QUERIES = [
    (BUILDUP, "RU", "ua-border", {"at": "2021-12-01"}, []),
    (BUILDUP, "RU", "ua-border", {"at": "2021-12-01", "known_on": "2021-11-30"}, ["--known-on", "2021-11-30"]),
    (BUILDUP, "RU", "ua-border", {"at": "2022-01-15", "include_projections": True}, ["--include-projections"]),
    (BUILDUP, "UA", "UA", {"at": "2021-12-01"}, []),
    (BUILDUP, "RU", "ua-border", {"at": "2021-12-03", "measure": "btg"}, ["--measure", "btg"]),
    (SPRING, "RU", "ua-border", {"at": "2021-04-20"}, []),
    (SPRING, "RU", "ua-border", {"at": "2021-04-20", "method": "median", "max_pairs": 2},
     ["--method", "median", "--max-pairs", "2"]),
    (SPRING, "RU", "ua-border", {"at": "2021-04-20", "rollup": False, "staleness_days": 10},
     ["--no-rollup", "--staleness", "10"]),
    (SPRING, "RU", "crimea", {"at": "2021-04-26", "half_life_days": 3.5}, ["--half-life", "3.5"]),
]


def weights_approx(items):
    """The JSON writes weights with 15 significant digits; the struct holds
    the double."""
    for item in items:
        item["weight"] = pytest.approx(item["weight"], rel=1e-13)
    return items


def figure_dict(f):
    if f is None:
        return None
    return {"best": f.best, "low": f.low, "high": f.high, "open_below": f.open_below, "open_above": f.open_above,
            "not_credible": f.not_credible}


@pytest.mark.parametrize("path,actor,region,options,flags", QUERIES)
def test_every_field_equals_the_programs_json(path, actor, region, options, flags):
    expected = cli_json("estimate", path, "--actor", actor, "--region", region, "--at", options["at"], *flags)
    with forcetrack.load(path) as ds:
        est = ds.estimate(actor, region, **options)
        for key in ("actor", "region", "measure", "method", "best", "low", "high", "claims", "voices",
                    "open_below", "open_above", "not_credible", "contested", "pairs", "inconsistent"):
            assert getattr(est, key) == expected[key], key
        assert str(est.at) == expected["at"]
        assert (str(est.known_on) if est.known_on else None) == expected["known_on"]
        assert [{"claim": c.claim, "source": c.source, "source_name": c.source_name, "voice": c.voice,
                 "weight": c.weight, "status": c.status, "stance": c.stance, "credible": c.credible,
                 "current": c.current, "qualifier": c.qualifier, "node": {"actor": c.actor, "region": c.region},
                 "low": c.low, "high": c.high, "central": c.central, "rule": c.rule}
                for c in est.contributions] == weights_approx(expected["contributions"])
        assert [{"a": d.a, "b": d.b, "weight": d.weight, "disputes": d.disputes, "disjoint": d.disjoint}
                for d in est.disagreements] == weights_approx(expected["disagreements"])
        assert [{"actor": p.actor, "region": p.region, "own": figure_dict(p.own), "total": figure_dict(p.total),
                 "inconsistent": p.inconsistent} for p in est.parts] == expected["parts"]
        # The library's own renderings are the program's, byte for byte.
        assert est.to_dict() == cli_json("estimate", path, "--actor", actor, "--region", region,
                                         "--at", options["at"], *flags)
        assert est.report() == cli("estimate", path, "--actor", actor, "--region", region, "--at", options["at"],
                                   *flags)


def test_the_spring_estimate_is_contested(spring):
    est = spring.estimate("RU", "ua-border", at="2021-04-20")
    # `forcetrack estimate` (above) says: 100,000 (range 82,000-132,000),
    # 7 voices, 9 claims, 4 disagreeing pairs.
    assert (est.best, est.low, est.high, est.voices, est.claims, est.pairs) == (100000, 82000, 132000, 7, 9, 4)
    assert est.contested and len(est.disagreements) == 4
    assert "CONTESTED" in repr(est)


def test_repr_and_html_say_the_figure(buildup):
    est = buildup.estimate("RU", "ua-border", at="2021-12-01")
    assert repr(est) == ("<Estimate RU in ua-border (personnel) at 2021-12-01: about 94,000 (84,600-103,400); "
                         "1 claim, 1 voice>")
    page = est._repr_html_()
    assert "about 94,000 (84,600-103,400)" in page and "<code>c-hur-92k</code>" in page and "same-voice" in page


def test_html_escapes_the_datasets_text():
    import conftest

    # tests/data/reports/hostile.json: names and quotes with <script>,
    # </svg>, &, quotes and controls. None of it reaches the page raw.
    with forcetrack.load(conftest.source_path("tests", "data", "reports", "hostile.json")) as ds:
        pages = [est._repr_html_() for _, est in ds.situation()]
        assert pages
        for page in pages:
            for raw in ("<script", "</svg>", "<svg"):
                assert raw not in page
    ds = tiny(("h", '<script>alert(1)</script> & "x"'))
    ds.add_claim("c", "h", "RU", "r", 10, "2022-03-01")
    page = ds.estimate("RU", "r", at="2022-03-01")._repr_html_()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in page and "<script" not in page


def test_the_tolerance_of_about():
    ds = tiny()
    ds.add_claim("c", "s", "RU", "r", forcetrack.Quantity.about(1000), "2022-03-01")
    # d = floor(1,000 x 0.2 + 0.5) = 200: [800, 1,200]; by default 0.10: [900, 1,100].
    assert (ds.estimate("RU", "r", at="2022-03-01", tolerance=0.2).low,
            ds.estimate("RU", "r", at="2022-03-01", tolerance=0.2).high) == (800, 1200)
    assert ds.estimate("RU", "r", at="2022-03-01").low == 900


def test_wrong_queries_are_refused(buildup):
    with pytest.raises(forcetrack.UnknownId, match='unknown actor "RUS" \\(did you mean "RU"\\?\\)'):
        buildup.estimate("RUS", "ua-border", at="2021-12-01")
    with pytest.raises(TypeError):
        buildup.estimate("RU", "ua-border")  # `at` is required
    with pytest.raises(forcetrack.Error, match="unknown method 'mean'"):
        buildup.estimate("RU", "ua-border", at="2021-12-01", method="mean")
    with pytest.raises(forcetrack.Error) as info:
        buildup.estimate("RU", "ua-border", at="2021-12-01", staleness_days=10 ** 7)
    assert info.value.code == forcetrack.errors.EINVAL
    ru = buildup.actors["RU"]
    assert buildup.estimate(ru, buildup.regions["ua-border"], at="2021-12-01").best == 94000
    nothing = buildup.estimate("BY", "ua-border", at="2021-12-01")
    assert (nothing.has_value, nothing.best, str(nothing)) == (False, None, "no estimate")


def test_an_estimate_outlives_its_dataset_only_with_what_it_read():
    with forcetrack.load(BUILDUP) as ds:
        est = ds.estimate("RU", "ua-border", at="2021-12-01")
        parts = est.parts
    assert est.best == 94000 and parts[0].total.best == 94000
    with pytest.raises(ValueError, match="the dataset is closed"):
        est.contributions
    with pytest.raises(TypeError, match="cannot be pickled; send its figures"):
        pickle.dumps(est)
