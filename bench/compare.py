#!/usr/bin/python3
"""compare.py: the plain-Python side of `ft-bench compare` (bench/README.md).

Run it with /usr/bin/python3; it needs the standard library only.

    /usr/bin/python3 bench/compare.py [--json] [--out MEDIANS.tsv] [--no-gc] FILE.jsonl

What it computes. It reads a forcetrack JSON Lines file (a header line, then
one entity a line: {"actor": {...}}, ..., {"claim": {...}}) with the json
module, keeps the claims, and then, for every (subject, region, measure)
among the claims, the median of each source's latest figure:

- a claim's figure is its "value" when it has one, else the midpoint of its
  "low" and "high", rounded half up: (low + high + 1) // 2;
- denials are skipped (most state no figure); a group whose claims are all
  denials has no median;
- a source's latest claim in a group is the one with the greatest
  (reported, observed start) pair, compared as ISO 8601 strings (a claim
  without "observed" was observed when reported; an open start sorts
  first); on a tie the later line wins;
- the median of the sorted figures is the middle one, or the midpoint of
  the two middle ones rounded half up, (a + b + 1) // 2, as the library
  rounds.

It prints the time it took to load (read and parse every line, keep the
claims) and to compute (group, pick the latest, take the medians), and its
peak resident size. With --out it then writes one line per group (subject,
region, measure, median or nothing, tab-separated), untimed, so that
ft-bench can compare the two sides group by group.

How this differs from the library's rules (docs/estimation.md), which
ft-bench runs as ft_estimate_compute with method "median", rollup 0, at
2023-12-31 with everything known, staleness off and projections counted, so
that the two look at the same claims:

- voices: here every source is its own voice; the library makes sources
  under one root one voice (a spokesperson inside a ministry speaks for the
  ministry), and keeps one claim per voice;
- which claim of a voice counts: here the latest reported, compared as
  strings ("2021-12" sorts before "2021-12-05"); the library takes the
  latest observed span (start, then end), then reported, compared as spans;
- bounds: here "at least N", "at most N" and "about N" all vote N, and a
  range without a central figure votes its midpoint; in the library only
  central figures vote, "at least"/"at most" only clamp the median, and a
  range's midpoint is used only when no counted claim has a central figure
  (then from the largest low and the smallest high);
- supersedes and retracted are ignored here; the library drops superseded
  and retracted claims;
- here there is no date, no low/high range, no weights, no disagreements and
  no record of why each claim counted or not, all of which the library
  computes and keeps for every estimate.

It is meant as the straightforward script a user would write, not a slow
one: one pass to load, one pass over the claims with dictionaries, one sort
per group. It leaves Python's cyclic garbage collector on, as Python does by
default; with a million claims held as dicts the collector's passes take
most of the load time, and --no-gc (gc.disable() before loading, the usual
remedy for bulk loads) shows the script without them.
"""

import argparse
import gc
import json
import resource
import sys
import time


def figure_of(claim):
    """The claim's figure: its value, else the midpoint of its range."""
    if "value" in claim:
        return claim["value"]
    return (claim["low"] + claim["high"] + 1) // 2


def observed_start(claim):
    """The start of the observed time as written (the reported time when
    there is none; "" for an open start)."""
    obs = claim.get("observed")
    if obs is None:
        return claim["reported"]
    if isinstance(obs, str):
        return obs
    return obs.get("from", "")


def load(path):
    claims = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            entity = json.loads(line)
            claim = entity.get("claim")
            if claim is not None:
                claims.append(claim)
    return claims


def medians(claims):
    # (subject, region, measure) -> {source: ((reported, observed), figure)}
    latest = {}
    for claim in claims:
        group = (claim["subject"], claim["region"], claim.get("measure", "personnel"))
        by_source = latest.setdefault(group, {})
        if claim.get("kind") == "denial":
            continue
        key = (claim["reported"], observed_start(claim))
        source = claim["source"]
        previous = by_source.get(source)
        if previous is None or key >= previous[0]:
            by_source[source] = (key, figure_of(claim))
    result = {}
    for group, by_source in latest.items():
        figures = sorted(figure for _, figure in by_source.values())
        n = len(figures)
        if n == 0:
            result[group] = None
        elif n % 2:
            result[group] = figures[n // 2]
        else:
            result[group] = (figures[n // 2 - 1] + figures[n // 2] + 1) // 2
    return result


def main():
    parser = argparse.ArgumentParser(
        description="Median of each source's latest figure per (subject, region, measure).")
    parser.add_argument("file", help="a forcetrack JSON Lines file")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--out", help="write each group's median here (tab-separated), untimed")
    parser.add_argument("--no-gc", action="store_true",
                        help="turn the cyclic garbage collector off while loading and computing")
    args = parser.parse_args()
    if args.no_gc:
        gc.disable()

    t0 = time.perf_counter()
    claims = load(args.file)
    t1 = time.perf_counter()
    result = medians(claims)
    t2 = time.perf_counter()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux
    with_value = sum(1 for m in result.values() if m is not None)
    figures = {
        "claims": len(claims),
        "groups": len(result),
        "with_value": with_value,
        "load_seconds": t1 - t0,
        "compute_seconds": t2 - t1,
        "peak_rss_mb": peak_mb,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print("%d claims, %d groups, %d with a median; load %.3f s, compute %.3f s, total %.3f s; "
              "peak RSS %.1f MB" % (len(claims), len(result), with_value, t1 - t0, t2 - t1, t2 - t0,
                                    peak_mb))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for (subject, region, measure), m in result.items():
                out.write("%s\t%s\t%s\t%s\n" % (subject, region, measure, "" if m is None else m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
