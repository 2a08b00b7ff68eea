"""Reads the CSV and GeoJSON exports the way their users do, with pandas
and json, and checks them against the library's JSON of the same queries
and against the datasets themselves.

    csv_geojson_check.py SOURCE_DIR WORK_DIR

SOURCE_DIR holds tests/data/reports (the golden files) and the datasets;
WORK_DIR what tests/consumers/csv-geojson.sh made there: the library's
JSON of each query (estimates.jsonl, timeline.json, hostile.jsonl) and the
hostile exports (hostile-claims.csv, hostile-estimates.csv,
hostile.geojson). Exits 1 naming every difference.
"""

import json
import math
import os
import sys

import pandas as pd

FORMULA = tuple("=+-@\t\r\n")

problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def read_csv(path):
    """Every cell as the text it holds ('' for an empty one), as a
    spreadsheet shows it."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def number(cell):
    return None if cell == "" else int(cell)


def flag(cell):
    check(cell in ("0", "1"), "a flag is 0 or 1, not %r" % cell)
    return cell == "1"


def as_text(value):
    """What a text cell must read back as: the dataset's text, with the
    leading ' of OWASP's rule when a spreadsheet would run it."""
    if value is None:
        return ""
    return "'" + value if value.startswith(FORMULA) else value


def same_figure(where, row, est):
    """A row of an estimates or timeline table against an estimate object
    of `forcetrack estimate --json`."""
    for column in ("best", "low", "high"):
        check(number(row[column]) == est[column],
              "%s: %s %r, the JSON says %r" % (where, column, row[column], est[column]))
    pairs = [("open_below", est["open_below"]), ("open_above", est["open_above"]),
             ("credible", not est["not_credible"]), ("contested", est["contested"])]
    for column, value in pairs:
        check(flag(row[column]) == value, "%s: %s %r, the JSON says %r" % (where, column, row[column], value))
    for column, key in (("number_of_sources", "voices"), ("claims", "claims"), ("pairs", "pairs")):
        check(number(row[column]) == est[key], "%s: %s %r, the JSON says %r" % (where, column, row[column], est[key]))
    check(row["actor"] == est["actor"] and row["region"] == est["region"] and row["measure"] == est["measure"],
          "%s: %s/%s/%s, the JSON is of %s/%s/%s" % (where, row["actor"], row["region"], row["measure"],
                                                     est["actor"], est["region"], est["measure"]))
    check(row["date"] == est["at"], "%s: date %r, the JSON's at %r" % (where, row["date"], est["at"]))
    check(row["known_on"] == (est["known_on"] or ""),
          "%s: known_on %r, the JSON's %r" % (where, row["known_on"], est["known_on"]))


def check_estimates(name, csv_path, jsonl_path, dataset):
    table = read_csv(csv_path)
    with open(jsonl_path, encoding="utf-8") as f:
        estimates = [json.loads(line) for line in f]
    check(len(table) == len(estimates), "%s: %d rows, the JSON has %d entries" % (name, len(table), len(estimates)))
    actors = {a["id"]: a["name"] for a in dataset.get("actors", [])}
    regions = {r["id"]: r["name"] for r in dataset.get("regions", [])}
    for i, (row, est) in enumerate(zip(table.to_dict("records"), estimates)):
        where = "%s row %d" % (name, i + 1)
        same_figure(where, row, est)
        check(flag(row["inconsistent"]) == est["inconsistent"], where + ": inconsistent")
        check(row["method"] == est["method"], where + ": method")
        check(row["actor_name"] == as_text(actors[est["actor"]]), where + ": actor_name %r" % row["actor_name"])
        check(row["region_name"] == as_text(regions[est["region"]]), where + ": region_name %r" % row["region_name"])
    return table


def check_claims(name, csv_path, dataset):
    """Every claim of the dataset, field by field, in dataset order."""
    table = read_csv(csv_path)
    claims = dataset["claims"]
    check(len(table) == len(claims), "%s: %d rows for %d claims" % (name, len(table), len(claims)))
    actors = {a["id"]: a for a in dataset.get("actors", [])}
    regions = {r["id"]: r for r in dataset.get("regions", [])}
    sources = {s["id"]: s for s in dataset.get("sources", [])}
    for row, claim in zip(table.to_dict("records"), claims):
        where = "%s, claim %s" % (name, claim["id"])
        source = sources[claim["source"]]
        qualifier = claim.get("qualifier", "range" if "low" in claim else "exact" if "value" in claim else "")
        expected = {
            "id": claim["id"],
            "subject": claim["subject"],
            "subject_name": as_text(actors[claim["subject"]]["name"]),
            "region": claim["region"],
            "region_name": as_text(regions[claim["region"]]["name"]),
            "unit": claim.get("unit", ""),
            "measure": claim.get("measure", "personnel"),
            "qualifier": qualifier,
            "value": str(claim["value"]) if "value" in claim else "",
            "low": str(claim["low"]) if "low" in claim else "",
            "high": str(claim["high"]) if "high" in claim else "",
            "kind": claim.get("kind", "observation"),
            "reported": claim["reported"],
            "source": claim["source"],
            "source_original": as_text(source["name"]),
            "source_office": as_text("; ".join(sources[v]["name"] for v in claim.get("via", []))),
            "reliability": source.get("reliability", "F"),
            "credibility": str(claim.get("credibility", 6)),
            "supersedes": " ".join(claim.get("supersedes", [])),
            "disputes": " ".join(claim.get("disputes", [])),
            "retracted": claim.get("retracted", ""),
            "quote": as_text(claim.get("quote")),
            "url": as_text(claim.get("url")),
            "note": as_text(claim.get("note")),
            "tags": as_text("; ".join(claim.get("tags", []))),
        }
        for column, value in expected.items():
            check(row[column] == value, "%s: %s %r, expected %r" % (where, column, row[column], value))
        # A day observed is that day; an absent observed time leaves the
        # three date cells empty.
        observed = claim.get("observed")
        if observed is None:
            check((row["date_start"], row["date_end"], row["date_prec"]) == ("", "", ""), where + ": dates")
        elif isinstance(observed, str) and len(observed) == 10:
            check((row["date_start"], row["date_end"], row["date_prec"]) == (observed, observed, "day"),
                  where + ": dates %r" % [row["date_start"], row["date_end"], row["date_prec"]])
    return table


def check_timeline(csv_path, json_path):
    table = read_csv(csv_path)
    with open(json_path, encoding="utf-8") as f:
        timeline = json.load(f)
    points = timeline["points"]
    check(len(table) == len(points), "timeline: %d rows, %d points" % (len(table), len(points)))
    alerts = {a["to"]: a["change"] for a in timeline["alerts"]}
    for row, point in zip(table.to_dict("records"), points):
        where = "timeline, %s" % point["at"]
        same_figure(where, row, point)
        check(number(row["alert"]) == alerts.get(point["at"]),
              "%s: alert %r, the JSON's %r" % (where, row["alert"], alerts.get(point["at"])))
    check(len(alerts) > 0, "timeline: the JSON has no alert to compare")


def check_numbers(path, columns):
    """Read without dtypes, the figures are numbers to pandas: integers, or
    floats only where a cell is empty (NaN)."""
    table = pd.read_csv(path)
    for column in columns:
        kind = table[column].dtype.kind
        check(kind in "if", "%s: %s is read as %s, not as numbers" % (path, column, table[column].dtype))
        if kind == "f":
            check(all(math.isnan(v) or v == int(v) for v in table[column]), "%s: %s holds fractions" % (path, column))


def check_geojson(path, dataset):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    for markup in "<>&":
        check(markup not in raw, "%s holds a raw %r" % (path, markup))
    doc = json.loads(raw)
    check(doc["type"] == "FeatureCollection", path + ": not a FeatureCollection")
    actors = {a["id"]: a["name"] for a in dataset["actors"]}
    regions = {r["id"]: r for r in dataset["regions"]}
    for feature in doc["features"]:
        p = feature["properties"]
        check(p["region_name"] == regions[p["region"]]["name"], "%s: region_name %r" % (path, p["region_name"]))
        check(p["actor_name"] == actors[p["actor"]], "%s: actor_name %r" % (path, p["actor_name"]))
        check(feature["geometry"] == regions[p["region"]]["geometry"], "%s: the geometry of %s" % (path, p["region"]))
    return doc


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    source, work = sys.argv[1], sys.argv[2]
    reports = os.path.join(source, "tests", "data", "reports")
    buildup = load(os.path.join(source, "examples", "data", "buildup-2021-12.json"))
    hostile = load(os.path.join(reports, "hostile.json"))

    check_estimates("buildup-2021-12-estimates.csv", os.path.join(reports, "buildup-2021-12-estimates.csv"),
                    os.path.join(work, "estimates.jsonl"), buildup)
    check_numbers(os.path.join(reports, "buildup-2021-12-estimates.csv"), ["best", "low", "high", "number_of_sources"])
    check_claims("buildup-2021-12-claims.csv", os.path.join(reports, "buildup-2021-12-claims.csv"), buildup)
    check_numbers(os.path.join(reports, "buildup-2021-12-claims.csv"), ["value", "credibility"])
    check_timeline(os.path.join(reports, "spring-2021-timeline.csv"), os.path.join(work, "timeline.json"))
    check_numbers(os.path.join(reports, "spring-2021-timeline.csv"), ["best", "low", "high", "alert"])

    claims = check_claims("hostile-claims.csv", os.path.join(work, "hostile-claims.csv"), hostile)
    # Each hostile cell that would run as a formula reads back with its '.
    cells = [v for row in claims.to_dict("records") for v in row.values()]
    check(all(not v.startswith(FORMULA) for v in cells), "hostile-claims.csv: a cell runs as a formula")
    for guarded in ("'+cmd|", "'@SUM(", "'-2+3+cmd|", "'=1+1 ", "'=HYPERLINK("):
        check(any(v.startswith(guarded) for v in cells), "hostile-claims.csv: no cell begins with %r" % guarded)
    check_estimates("hostile-estimates.csv", os.path.join(work, "hostile-estimates.csv"),
                    os.path.join(work, "hostile.jsonl"), hostile)

    doc = check_geojson(os.path.join(work, "hostile.geojson"), hostile)
    check(len(doc["features"]) == 2, "hostile.geojson: %d features, not 2" % len(doc["features"]))
    doc = check_geojson(os.path.join(reports, "spring-2021.geojson"), load(os.path.join(source, "examples", "data",
                                                                                      "spring-2021.json")))
    check(len(doc["features"]) == 4, "spring-2021.geojson: %d features, not 4" % len(doc["features"]))

    for p in problems:
        print("csv_geojson_check: " + p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print("csv_geojson_check: ok")


main()
