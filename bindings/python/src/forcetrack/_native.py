"""The shared library, loaded and checked, and the few helpers every module
needs to call it: errors, strings, owned strings.

The library is found through the FORCETRACK_LIBRARY environment variable (a
path), else by its SONAME through the dynamic loader's own search
(LD_LIBRARY_PATH, the cache, the system directories); never with
ctypes.util.find_library, which guesses from any libforcetrack.so it finds.
Before any function is used, the library's ft_version() must have the
major and minor version the declarations were written for, and the layout
record that the build measured from the real headers (_layout.json; see
tools/gen_layout.py) must agree with cffi's layout of every struct, the
size of every enum and the value of every constant. Any difference is an
ImportError that names what differs: a binding that reads a struct at the
wrong offset would return wrong figures without a word.
"""

import json
import os

import cffi

from . import _cdef

ffi = cffi.FFI()
ffi.cdef(_cdef.CDEF)

LAYOUT_FILE = "_layout.json"


def soname(version=_cdef.VERSION):
    """The SONAME of the library the declarations were written for:
    libforcetrack.so.0.MINOR before 1.0, libforcetrack.so.MAJOR after."""
    major, minor = version
    return "libforcetrack.so.%d.%d" % (major, minor) if major == 0 else "libforcetrack.so.%d" % major


def _open_library():
    path = os.environ.get("FORCETRACK_LIBRARY")
    name = path if path else soname()
    try:
        return ffi.dlopen(name)
    except OSError as e:
        if path:
            raise ImportError("forcetrack: cannot load FORCETRACK_LIBRARY=%s: %s" % (path, e)) from None
        raise ImportError(
            "forcetrack: cannot load %s (%s); install the library, or set FORCETRACK_LIBRARY "
            "to the path of libforcetrack.so (e.g. build/libforcetrack.so)" % (name, e)
        ) from None


def check_version(text, version=_cdef.VERSION):
    """Raises ImportError unless the version string `text` ("0.2.1") has the
    major and minor version of `version`."""
    parts = text.split(".")
    try:
        found = (int(parts[0]), int(parts[1]))
    except (IndexError, ValueError):
        raise ImportError("forcetrack: the library's version %r is not MAJOR.MINOR.PATCH" % text) from None
    if found != tuple(version):
        raise ImportError(
            "forcetrack: the library is version %s, but this binding was written for %d.%d: "
            "use the binding of the library's version" % (text, version[0], version[1])
        )


def find_layout(package_path):
    """The layout record's path: FORCETRACK_LAYOUT, else _layout.json in one
    of the package's directories (the build writes it into
    build/bindings/python/forcetrack/, which joins the package when
    build/bindings/python is on sys.path)."""
    path = os.environ.get("FORCETRACK_LAYOUT")
    if path:
        return path
    for directory in package_path:
        candidate = os.path.join(directory, LAYOUT_FILE)
        if os.path.exists(candidate):
            return candidate
    raise ImportError(
        "forcetrack: no %s beside the package (%s): the build writes it to "
        "build/bindings/python/forcetrack/; put build/bindings/python on PYTHONPATH, "
        "or set FORCETRACK_LAYOUT to the file" % (LAYOUT_FILE, os.pathsep.join(package_path))
    )


def layout_differences(layout, version=_cdef.VERSION):
    """What the layout record `layout` (the parsed _layout.json) says that the
    declarations do not: a list of sentences, empty when they agree."""
    problems = []
    if tuple(layout.get("version", ())) != tuple(version):
        problems.append("the headers measured are version %s, the declarations %s" % (layout.get("version"), version))
    typedefs, _, _ = ffi.list_types()
    structs = {}
    enums = {}
    constants = {}
    for name in typedefs:
        t = ffi.typeof(name)
        if t.kind == "struct" and t.fields is not None:
            structs[name] = t
        elif t.kind == "enum":
            enums[name] = t
            constants.update({k: v for k, v in t.relements.items()})
    measured = layout.get("structs", {})
    for name in sorted(set(structs) | set(measured)):
        if name not in measured:
            problems.append("struct %s: not measured from the headers" % name)
            continue
        if name not in structs:
            problems.append("struct %s: measured, but not declared in the binding" % name)
            continue
        m = measured[name]
        if ffi.sizeof(structs[name]) != m["size"]:
            problems.append(
                "struct %s: %d bytes in the binding, %d in the headers" % (name, ffi.sizeof(structs[name]), m["size"])
            )
        ours = {f: [t.offset, ffi.sizeof(t.type)] for f, t in structs[name].fields}
        if ours != m["fields"]:
            for f in sorted(set(ours) | set(m["fields"])):
                if ours.get(f) != m["fields"].get(f):
                    problems.append(
                        "struct %s: field %s at [offset, size] %s in the binding, %s in the headers"
                        % (name, f, ours.get(f), m["fields"].get(f))
                    )
    for name in sorted(set(enums) | set(layout.get("enums", {}))):
        size = layout.get("enums", {}).get(name)
        if name not in enums or size != ffi.sizeof(enums[name]):
            problems.append("enum %s: %s bytes in the binding, %s in the headers" % (
                name, ffi.sizeof(enums[name]) if name in enums else None, size))
    for name, value in sorted(layout.get("constants", {}).items()):
        ours = constants[name] if name in constants else getattr(lib, name, None)
        if ours != value:
            problems.append("%s is %s in the binding, %s in the headers" % (name, ours, value))
    return problems


def _check_layout(package_path):
    path = find_layout(package_path)
    try:
        with open(path, encoding="utf-8") as f:
            layout = json.load(f)
    except (OSError, ValueError) as e:
        raise ImportError("forcetrack: cannot read the layout record %s: %s" % (path, e)) from None
    problems = layout_differences(layout)
    if problems:
        raise ImportError(
            "forcetrack: the binding's declarations do not match the headers measured in %s: %s"
            % (path, "; ".join(problems))
        )


lib = _open_library()


def init(package_path):
    """Checks the library's version and the layout record; run once by the
    package's __init__ before anything calls the library."""
    check_version(ffi.string(lib.ft_version()).decode("ascii"))
    _check_layout(package_path)


# ---- Helpers every module uses ----------------------------------------------


def text(p):
    """A C string from the library as str (None for NULL). The library's
    strings are UTF-8."""
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8")


def owned_text(p):
    """A string the library handed over (ft_free releases it) as str."""
    if p == ffi.NULL:
        return None
    try:
        return ffi.string(p).decode("utf-8")
    finally:
        lib.ft_free(p)


def owned_or_raise(p, err):
    """What a function that hands over a string (or NULL with `err`
    filled) returned, as str; the forcetrack.Error of `err` on NULL."""
    if p == ffi.NULL:
        from . import errors

        errors.check(err.code or lib.FT_EINVAL, err)
    return owned_text(p)


def encode(value, what):
    """A Python str as the UTF-8 bytes the library reads; None stays None.
    A NUL inside would cut the string short in C, so it is refused."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    if "\0" in value:
        raise ValueError("%s holds a NUL character, which the library's strings cannot" % what)
    return value.encode("utf-8")


def new_error():
    return ffi.new("ft_error *")
