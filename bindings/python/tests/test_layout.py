"""The binding's declarations against the real headers, and how the library
is found: the layout record the build measured agrees with cffi's layout
of every struct, and a record that disagrees, a library of another
version, or no library at all stops the import with a message naming what
is wrong."""

import copy
import json
import os
import subprocess
import sys

import pytest

import forcetrack
from forcetrack import _cdef, _native


def layout():
    with open(_native.find_layout(forcetrack.__path__), encoding="utf-8") as f:
        return json.load(f)


def test_every_declared_struct_is_measured_and_agrees():
    record = layout()
    assert _native.layout_differences(record) == []
    # The structs the estimates and the descriptions are read through are
    # all in the record, with every field the declarations give them.
    for name in ("ft_error", "ft_time", "ft_quantity", "ft_claim_desc", "ft_estimate_options", "ft_estimate",
                 "ft_contribution", "ft_estimate_part", "ft_timeline_options", "ft_situation_entry"):
        fields = [f for f, _ in _native.ffi.typeof(name).fields]
        assert sorted(record["structs"][name]["fields"]) == sorted(fields), name
    # The version macros the binding mirrors (cffi cannot expand the _INIT
    # macros) are the headers' values.
    assert record["constants"]["FT_DESC_VERSION"] == _native.lib.FT_DESC_VERSION == 1
    assert record["constants"]["FT_LOAD_OPTIONS_VERSION"] == _native.lib.FT_LOAD_OPTIONS_VERSION == 2
    assert record["constants"]["FT_RENDER_OPTIONS_VERSION"] == 2
    assert record["version"] == list(_cdef.VERSION)


def test_a_struct_that_differs_is_named():
    record = copy.deepcopy(layout())
    record["structs"]["ft_estimate_options"]["size"] += 8
    record["structs"]["ft_contribution"]["fields"]["weight"][0] += 8
    problems = _native.layout_differences(record)
    assert any(p.startswith("struct ft_estimate_options: ") and "bytes in the binding" in p for p in problems)
    assert any("struct ft_contribution: field weight" in p for p in problems)
    del record["structs"]["ft_alert"]
    assert "struct ft_alert: not measured from the headers" in _native.layout_differences(record)
    record["constants"]["FT_ESTIMATE_VERSION"] = 2
    assert "FT_ESTIMATE_VERSION is 1 in the binding, 2 in the headers" in _native.layout_differences(record)


def run_import(env, tmp_path):
    """Imports forcetrack in a new interpreter with `env`, from another
    directory; its exit status and stderr."""
    env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p)
    done = subprocess.run([sys.executable, "-c", "import forcetrack"], env=env, cwd=str(tmp_path),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return done.returncode, done.stderr.decode("utf-8")


def test_import_refuses_a_layout_that_differs(tmp_path):
    record = layout()
    record["structs"]["ft_estimate"]["fields"]["pairs"][0] += 4
    bad = tmp_path / "_layout.json"
    bad.write_text(json.dumps(record))
    env = dict(os.environ, FORCETRACK_LAYOUT=str(bad))
    rc, stderr = run_import(env, tmp_path)
    assert rc != 0
    assert "ImportError" in stderr and "struct ft_estimate: field pairs" in stderr


def test_import_without_a_layout_record_says_where_it_comes_from(tmp_path):
    env = dict(os.environ)
    env.pop("FORCETRACK_LAYOUT", None)
    # Only the sources: the build directory, where the record is, is not on the path.
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(forcetrack.__file__))
    rc, stderr = run_import(env, tmp_path)
    assert rc != 0
    assert "no _layout.json beside the package" in stderr and "FORCETRACK_LAYOUT" in stderr


def test_a_library_of_another_version_is_refused():
    with pytest.raises(ImportError, match="version 0.3.0, but this binding was written for 0.2"):
        _native.check_version("0.3.0")
    with pytest.raises(ImportError, match="version 1.2.0"):
        _native.check_version("1.2.0")
    _native.check_version("0.2.7")  # a patch release keeps the ABI
    assert forcetrack.library_version.startswith("0.2.")


def test_the_library_is_found_by_its_soname(tmp_path):
    # Without FORCETRACK_LIBRARY the loader looks for libforcetrack.so.0.2
    # itself: found through LD_LIBRARY_PATH here, not by a guess.
    library = os.environ["FORCETRACK_LIBRARY"]
    assert _native.soname() == "libforcetrack.so.0.2"
    assert os.path.exists(os.path.join(os.path.dirname(library), "libforcetrack.so.0.2"))
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.dirname(library))
    del env["FORCETRACK_LIBRARY"]
    assert run_import(env, tmp_path) == (0, "")
    installed = subprocess.run(["/sbin/ldconfig", "-p"], stdout=subprocess.PIPE).stdout.decode()
    if "libforcetrack.so.0.2 " not in installed:  # else the system's would load
        env["LD_LIBRARY_PATH"] = str(tmp_path)
        rc, stderr = run_import(env, tmp_path)
        assert rc != 0 and "cannot load libforcetrack.so.0.2" in stderr and "FORCETRACK_LIBRARY" in stderr


def test_a_wrong_library_path_is_named(tmp_path):
    env = dict(os.environ, FORCETRACK_LIBRARY=str(tmp_path / "nothing.so"))
    rc, stderr = run_import(env, tmp_path)
    assert rc != 0 and "cannot load FORCETRACK_LIBRARY=%s" % (tmp_path / "nothing.so") in stderr
