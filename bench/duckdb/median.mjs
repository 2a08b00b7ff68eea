// median.mjs: the DuckDB side of `ft-bench duckdb` (bench/README.md).
//
//     node bench/duckdb/median.mjs FILE.jsonl OUT.tsv     (after bench/duckdb/setup)
//
// DuckDB reads a forcetrack JSON Lines file with its own JSON reader
// (read_ndjson), keeps the claim lines (the header, actor, region, unit and
// source lines have no "claim" key and come out as NULL), and computes what
// bench/compare.py computes, with the same definitions: for every (subject,
// region, measure) among the claims, the median of each source's latest
// figure, where
//
// - a claim's figure is its "value", else the midpoint of "low" and "high"
//   rounded half up, (low + high + 1) // 2; denials are skipped, and a group
//   whose claims are all denials has no median;
// - a source's latest claim in a group has the greatest (reported, observed
//   start) pair, compared as strings (no "observed": the reported time; an
//   interval: its "from", "" when open); on a tie the later line wins;
// - the median is the middle figure, or the two middle ones' midpoint
//   rounded half up, (a + b + 1) // 2.
//
// It runs on two threads (DuckDB's `threads` setting), the cores the issue's
// target speaks of. It prints one JSON object: the load seconds (read_ndjson
// into a table), the query seconds, their total, the claims, the groups, how
// many got a median, the threads used and its peak resident size; then,
// untimed, it writes one line per group to OUT (subject, region, measure,
// median or nothing, tab-separated), as compare.py --out does, for ft-bench
// to compare with the library group by group.

import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const THREADS = 2;

// Only the fields the query reads. "observed" is a time string or an
// interval object, so it stays JSON and is taken apart in the query.
const CLAIM_TYPE =
  'STRUCT(subject VARCHAR, region VARCHAR, measure VARCHAR, kind VARCHAR, source VARCHAR, ' +
  'value BIGINT, low BIGINT, high BIGINT, reported VARCHAR, observed JSON)';

function sqlString(text) {
  return "'" + text.replaceAll("'", "''") + "'";
}

// The claims, in the order of their lines: `line` numbers them so that a
// tie between two claims of a source goes to the later one, as in
// compare.py. With insertion order preserved (DuckDB's default) the scan
// hands rows over in file order, also on several threads.
function loadSql(path) {
  return `
CREATE TABLE claims AS
SELECT row_number() OVER () AS line,
       claim.subject AS subject,
       claim.region AS region,
       coalesce(claim.measure, 'personnel') AS measure,
       claim.kind = 'denial' AS denial,
       claim.source AS source,
       coalesce(claim.value, (claim.low + claim.high + 1) // 2) AS figure,
       claim.reported AS reported,
       CASE
         WHEN claim.observed IS NULL THEN claim.reported
         WHEN json_type(claim.observed) = 'VARCHAR' THEN claim.observed ->> '$'
         ELSE coalesce(claim.observed ->> 'from', '')
       END AS observed_start
FROM read_ndjson(${sqlString(path)}, columns = {claim: '${CLAIM_TYPE}'})
WHERE claim IS NOT NULL`;
}

// Each source's latest figure per group (NULL when the source only
// denied), then the median of the figures of each group.
const QUERY_SQL = `
CREATE TABLE medians AS
WITH latest AS (
  SELECT subject, region, measure,
         arg_max(figure, (reported, observed_start, line)) FILTER (WHERE NOT coalesce(denial, false)) AS figure
  FROM claims
  GROUP BY subject, region, measure, source
),
figures AS (
  SELECT subject, region, measure, list_sort(list(figure) FILTER (WHERE figure IS NOT NULL)) AS f
  FROM latest
  GROUP BY subject, region, measure
)
SELECT subject, region, measure,
       CASE
         WHEN len(f) = 0 THEN NULL
         WHEN len(f) % 2 = 1 THEN f[len(f) // 2 + 1]
         ELSE (f[len(f) // 2] + f[len(f) // 2 + 1] + 1) // 2
       END AS median
FROM figures`;

async function scalar(con, sql) {
  const reader = await con.runAndReadAll(sql);
  return reader.getRows()[0][0];
}

async function main() {
  if (process.argv.length !== 4) {
    process.stderr.write('usage: node median.mjs FILE.jsonl OUT.tsv\n');
    return 2;
  }
  const [path, outPath] = process.argv.slice(2);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(THREADS) });
  const con = await instance.connect();

  const t0 = performance.now();
  await con.run(loadSql(path));
  const t1 = performance.now();
  await con.run(QUERY_SQL);
  const t2 = performance.now();

  const claims = Number(await scalar(con, 'SELECT count(*) FROM claims'));
  const groups = Number(await scalar(con, 'SELECT count(*) FROM medians'));
  const withValue = Number(await scalar(con, 'SELECT count(median) FROM medians'));
  const threads = Number(await scalar(con, "SELECT current_setting('threads')"));

  // Untimed: the medians for the group-by-group comparison.
  const reader = await con.runAndReadAll('SELECT subject, region, measure, median FROM medians');
  const lines = reader
    .getRows()
    .map(([s, r, m, median]) => `${s}\t${r}\t${m}\t${median === null ? '' : String(median)}\n`);
  writeFileSync(outPath, lines.join(''));
  con.closeSync();
  instance.closeSync();

  const figures = {
    claims,
    groups,
    with_value: withValue,
    threads,
    load_seconds: (t1 - t0) / 1e3,
    query_seconds: (t2 - t1) / 1e3,
    total_seconds: (t2 - t0) / 1e3,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024, // KiB
    duckdb_version: await versionOf(),
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
  return 0;
}

// The DuckDB library's own version, which the npm package's pins.
async function versionOf() {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const v = await scalar(con, 'SELECT version()');
  con.closeSync();
  instance.closeSync();
  return v;
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`median.mjs: ${error.message}\n`);
    process.exitCode = 1;
  },
);
