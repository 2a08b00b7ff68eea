#!/usr/bin/python3
"""Checks docs/forcetrack-1.0.schema.json against the repository's datasets.

Usage: check_schema.py SOURCE_DIR

Every valid dataset in the repository must pass the schema:
  examples/data/*.json
  tests/data/valid/*/input.json
and every invalid document that a schema can refuse must fail it:
  tests/schema/cases/*.json                 (schema-only fixtures)
  tests/data/invalid/*/input.json           (cases whose folder holds a file
                                             named `schema-fails`)

Prints one line per file, "ok" or "FAIL", then "N passed, M failed", and
exits 1 on any failure. It also fails when it finds fewer valid datasets or
schema cases than the repository is known to hold, so that a wrong path
cannot make the test pass by checking nothing.

Uses the system's jsonschema (Debian's python3-jsonschema 4.10 or later).
"""

import glob
import json
import os
import sys

MIN_VALID = 5
MIN_CASES = 12


def load_json(path):
    """Parses a file as strict JSON: UTF-8 without a byte-order mark, no
    repeated keys, no NaN or Infinity. Raises ValueError on any of them."""

    def pairs(members):
        obj = {}
        for key, value in members:
            if key in obj:
                raise ValueError("repeated key %r" % key)
            obj[key] = value
        return obj

    def constant(name):
        raise ValueError("%s is not JSON" % name)

    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        raise ValueError("UTF-8 byte-order mark")
    return json.loads(data.decode("utf-8"), object_pairs_hook=pairs, parse_constant=constant)


def first_error(validator, instance):
    """The most relevant schema error as "path: message", or None."""
    from jsonschema.exceptions import best_match

    error = best_match(validator.iter_errors(instance))
    if error is None:
        return None
    where = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p for p in error.absolute_path)
    message = error.message
    if len(message) > 160:
        message = message[:157] + "..."
    return "%s: %s" % (where.lstrip(".") or "(document)", message)


def main(argv):
    if len(argv) != 2:
        print("usage: check_schema.py SOURCE_DIR", file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])

    try:
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError
    except ImportError as e:
        print("FAIL cannot import jsonschema (Draft202012Validator): %s" % e)
        print("0 passed, 1 failed")
        return 1

    passed = 0
    failed = 0

    def report(ok, rel, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print("%s %s%s" % ("ok  " if ok else "FAIL", rel, (": " + detail) if detail else ""))

    schema_path = os.path.join(root, "docs", "forcetrack-1.0.schema.json")
    try:
        schema = load_json(schema_path)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, SchemaError) as e:
        report(False, "docs/forcetrack-1.0.schema.json", "not a valid draft 2020-12 schema: %s" % e)
        print("%d passed, %d failed" % (passed, failed))
        return 1
    report(True, "docs/forcetrack-1.0.schema.json", "a valid draft 2020-12 schema")
    validator = Draft202012Validator(schema)

    def rel(path):
        return os.path.relpath(path, root)

    # Valid datasets: each must pass.
    valid = sorted(glob.glob(os.path.join(root, "examples", "data", "*.json")))
    valid += sorted(glob.glob(os.path.join(root, "tests", "data", "valid", "*", "input.json")))
    for path in valid:
        try:
            doc = load_json(path)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            report(False, rel(path), "cannot be read as JSON: %s" % e)
            continue
        err = first_error(validator, doc)
        report(err is None, rel(path), "valid dataset refused: %s" % err if err else "")

    # Invalid documents: each must fail, and must be JSON (a file that is not
    # JSON would fail any schema and prove nothing about this one).
    invalid = []
    cases = sorted(glob.glob(os.path.join(root, "tests", "schema", "cases", "*.json")))
    invalid += cases
    for marker in sorted(glob.glob(os.path.join(root, "tests", "data", "invalid", "*", "schema-fails"))):
        invalid.append(os.path.join(os.path.dirname(marker), "input.json"))
    for path in invalid:
        if not os.path.isfile(path):
            report(False, rel(path), "missing (its folder is marked schema-fails)")
            continue
        try:
            doc = load_json(path)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            report(False, rel(path), "not JSON, so the schema cannot be tested on it: %s" % e)
            continue
        err = first_error(validator, doc)
        report(err is not None, rel(path), "refused: %s" % err if err else "invalid document passed the schema")

    if len(valid) < MIN_VALID:
        report(False, "tests/data/valid", "found %d valid datasets, expected at least %d" % (len(valid), MIN_VALID))
    if len(cases) < MIN_CASES:
        report(False, "tests/schema/cases", "found %d schema cases, expected at least %d" % (len(cases), MIN_CASES))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
