"""The situation report of a large JSON Lines collection, estimated on a
Dask cluster and written as one CSV-like frame.

    /usr/bin/python3 bindings/python/examples/dask_estimates.py COLLECTION.jsonl --at 2022-02-15 \\
        [--workers 2] [--partitions 8] [--scheduler tcp://HOST:8786] [-o estimates.parquet|.csv]

Without --scheduler it starts a LocalCluster of --workers processes on this
machine; with one it uses that cluster, whose workers need the library and
this package (FORCETRACK_LIBRARY, PYTHONPATH) and the collection's path.
The claims are partitioned by (subject root, region root, measure) and each
partition becomes a small dataset inside its task (forcetrack.partition):
only text and frames travel. With --check it also computes the frame in
this process and says whether the two are equal.
"""

import argparse
import sys
import time

import forcetrack
from forcetrack import partition


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collection", help="a JSON Lines file (or a glob of them)")
    parser.add_argument("--at", required=True, help="the date of the report, e.g. 2022-02-15")
    parser.add_argument("--known-on", help="only what was reported by the end of this date")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    parser.add_argument("--partitions", type=int, default=None, help="partitions after the shuffle")
    parser.add_argument("--scheduler", help="the address of a running Dask scheduler")
    parser.add_argument("-o", "--output", help="write the frame here (.csv or .parquet) instead of a summary")
    parser.add_argument("--check", action="store_true", help="compare with the serial frame of this process")
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        start = time.perf_counter()
        lazy = partition.dask_estimates_frame(args.collection, at=args.at, known_on=args.known_on,
                                              npartitions=args.partitions)
        frame = client.compute(lazy).result()
        frame = frame.sort_values(["region", "actor", "measure"], kind="stable").reset_index(drop=True)
        print("%d entries from %d partitions in %.2f s" % (len(frame), lazy.npartitions,
                                                         time.perf_counter() - start), file=sys.stderr)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    if args.output:
        if args.output.endswith(".parquet"):
            frame.to_parquet(args.output)
        else:
            frame.to_csv(args.output, index=False)
    else:
        print(frame[["region", "actor", "measure", "best", "low", "high", "number_of_sources"]].to_string())
    if args.check:
        with forcetrack.load(args.collection) as ds:
            serial = ds.estimates_frame(at=args.at, known_on=args.known_on)
        serial = serial.sort_values(["region", "actor", "measure"], kind="stable").reset_index(drop=True)
        # Each partition's rows cite its own data's hash (dataset_sha256),
        # the serial rows the whole collection's: compare the figures.
        same = serial.drop(columns=["dataset_sha256"]).equals(frame.drop(columns=["dataset_sha256"]))
        print("serial frame %s" % ("equal" if same else "DIFFERENT"), file=sys.stderr)
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
