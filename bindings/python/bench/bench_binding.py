"""What the Python binding costs on top of the C API, and what Dask gives.

Usage (from the repository root, after the CMake build):

    build/bench/ft-bench generate 100000 /tmp/claims-1e5.jsonl --lines
    FORCETRACK_LIBRARY=build/libforcetrack.so \\
    PYTHONPATH=bindings/python/src:build/bindings/python \\
    /usr/bin/python3 bindings/python/bench/bench_binding.py /tmp/claims-1e5.jsonl [--dask]

It measures, on one loaded dataset, wall-clock (time.perf_counter), the
best of several runs:

1. one estimate (ST01 in TH1 at 2022-02-15, with roll-up: the estimate
   ft-bench run times): ft_estimate_compute and ft_estimate_clear called
   straight through cffi (the C API), Dataset.estimate() (the binding:
   options, id look-ups, the figures copied into Python), and the same with
   its contributions read into dataclasses;
2. every distinct (subject, region, measure) group of the claims, with
   roll-up, at the same date: the C API in a loop, then Dataset.estimate()
   for each;
3. the situation report's frame on that date: Dataset.estimates_frame()
   in this process, against forcetrack.partition.dask_estimates_frame() on
   a LocalCluster of two worker processes (--dask), which reads and parses
   the collection itself, so its time includes the load.
"""

import argparse
import os
import time

import forcetrack
from forcetrack import partition
from forcetrack._native import ffi, lib

AT = "2022-02-15"


def best_of(runs, fn):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def c_estimate(ds, actor, region, measure, opts, est):
    """One estimate through the C API alone: compute, then clear."""
    err = ffi.new("ft_error *")
    rc = lib.ft_estimate_compute(ds._handle(), actor, region, measure, opts, est, err)
    lib.ft_estimate_clear(est)
    assert rc == 0


def groups_of(ds):
    """The distinct (subject, region, measure) groups, in order of first claim."""
    seen = {}
    frame = ds.claims_frame()
    for key in zip(frame["subject"], frame["region"], frame["measure"]):
        seen.setdefault(key, None)
    return list(seen)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="a collection from `ft-bench generate N FILE --lines`")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement (the best is kept)")
    parser.add_argument("--dask", action="store_true", help="also time the Dask run against the serial frame")
    args = parser.parse_args()

    start = time.perf_counter()
    ds = forcetrack.load(args.file)
    print("loaded %d claims in %.2f s (library %s)" % (len(ds), time.perf_counter() - start,
                                                      forcetrack.library_version))

    opts = ffi.new("ft_estimate_options *")
    forcetrack.estimate.fill_estimate_options(opts, AT)
    est = ffi.new("ft_estimate *", {"version": lib.FT_ESTIMATE_VERSION})
    actor, region = ds.actors.pointer("ST01"), ds.regions.pointer("TH1")
    one_c = best_of(args.runs, lambda: c_estimate(ds, actor, region, ffi.NULL, opts, est))
    one_py = best_of(args.runs, lambda: ds.estimate("ST01", "TH1", at=AT))
    one_full = best_of(args.runs, lambda: ds.estimate("ST01", "TH1", at=AT).contributions)
    n_contributions = len(ds.estimate("ST01", "TH1", at=AT).contributions)
    print("one estimate (ST01 in TH1, %d candidates): C API %.2f ms, binding %.2f ms (+%.1f%%), "
          "with its contributions read %.2f ms" % (n_contributions, one_c * 1e3, one_py * 1e3,
                                                   100 * (one_py - one_c) / one_c, one_full * 1e3))

    groups = groups_of(ds)
    pointers = [(ds.actors.pointer(a), ds.regions.pointer(r), m.encode()) for a, r, m in groups]

    def all_c():
        for a, r, m in pointers:
            c_estimate(ds, a, r, m, opts, est)

    def all_py():
        for a, r, m in groups:
            ds.estimate(a, r, at=AT, measure=m)

    runs = max(1, args.runs // 2)
    t_c = best_of(runs, all_c)
    t_py = best_of(runs, all_py)
    print("all %d groups: C API %.2f s (%.0f us/group), binding %.2f s (%.0f us/group, +%.1f%%)" % (
        len(groups), t_c, 1e6 * t_c / len(groups), t_py, 1e6 * t_py / len(groups), 100 * (t_py - t_c) / t_c))

    t_frame = best_of(runs, lambda: ds.estimates_frame(at=AT))
    rows = len(ds.estimates_frame(at=AT))
    print("estimates_frame(at=%s): %d rows in %.2f s, serial, dataset loaded" % (AT, rows, t_frame))
    if args.dask:
        from dask.distributed import Client, LocalCluster

        serial_with_load = best_of(1, lambda: forcetrack.load(args.file).estimates_frame(at=AT))
        cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
        try:
            lazy = partition.dask_estimates_frame(args.file, at=AT, npartitions=8)
            t_dask = best_of(runs, lambda: client.compute(lazy).result(timeout=3600))
            got = client.compute(lazy).result(timeout=3600)
        finally:
            client.close()
            cluster.close()
        print("the same on Dask, 2 workers x 1 thread, 8 partitions, load included: %.2f s, %d rows; "
              "serial with its load %.2f s (x%.2f)" % (t_dask, len(got), serial_with_load,
                                                      serial_with_load / t_dask))
        assert len(got) == rows
    print("cpus: %d" % os.cpu_count())


if __name__ == "__main__":
    main()
