"""What the binding's tests share: the source tree, the forcetrack program
(FORCETRACK_CLI, the build's, set by CTest) whose JSON the binding's results
are compared with, and the example datasets."""

import json
import os
import subprocess

import pytest

SOURCE_DIR = os.environ.get("FT_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILDUP = os.path.join(SOURCE_DIR, "examples", "data", "buildup-2021-12.json")
SPRING = os.path.join(SOURCE_DIR, "examples", "data", "spring-2021.json")


def source_path(*parts):
    return os.path.join(SOURCE_DIR, *parts)


def cli(*args):
    """The forcetrack program's standard output for `args`."""
    program = os.environ.get("FORCETRACK_CLI")
    if not program:
        raise RuntimeError("FORCETRACK_CLI is not set: run the tests through ctest, or set it to build/forcetrack")
    done = subprocess.run([program] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return done.stdout.decode("utf-8")


def cli_json(*args):
    return json.loads(cli(*args, "--json"))


def tiny(*sources):
    """A dataset of one actor RU, one region r and sources s (named S) and
    any others given as (id, name) pairs, to add claims to."""
    import forcetrack

    ds = forcetrack.Dataset()
    ds.add_actor("RU", "Russia")
    ds.add_region("r", "R")
    for ident, name in (("s", "S"),) + sources:
        ds.add_source(ident, name)
    return ds


@pytest.fixture
def buildup():
    import forcetrack

    with forcetrack.load(BUILDUP) as ds:
        yield ds


@pytest.fixture
def spring():
    import forcetrack

    with forcetrack.load(SPRING) as ds:
        yield ds
