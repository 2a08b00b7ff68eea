"""forcetrack.Error: a failure the library reported, with everything its
ft_error record holds (code, message, file, line, column, JSON path), so
that a notebook can say where a file breaks a rule as the command line
does. Programmer errors the binding catches before calling the library
(a wrong type, an unknown keyword) are the usual TypeError and ValueError.
"""

from ._native import ffi, lib, text

# The codes, by the names the C API gives them.
OK = lib.FT_OK
EINVAL = lib.FT_EINVAL
EIO = lib.FT_EIO
ESYNTAX = lib.FT_ESYNTAX
EFORMAT = lib.FT_EFORMAT
EVERSION = lib.FT_EVERSION
EREF = lib.FT_EREF
EDUPLICATE = lib.FT_EDUPLICATE
ELOOP = lib.FT_ELOOP
ELIMIT = lib.FT_ELIMIT
ETORN = lib.FT_ETORN
ESUSPECT = lib.FT_ESUSPECT


class Error(Exception):
    """A failure of the library: `code` (a negative FT_E... value), `name`
    (ft_strerror of it: "unknown reference"), `message` (the rule broken, in
    words), `file`, `line`, `column` (0 when unknown) and `path` (a JSON
    path such as "claims[17].region", or ""). str() is the one line the
    command line prints: "buildup.json: claims[17].region: unknown region
    ..."."""

    def __init__(self, code, message, file="", line=0, column=0, path="", line_text=None):
        self.code = code
        self.name = text(lib.ft_strerror(code))
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        super().__init__(line_text if line_text is not None else message)

    def __str__(self):
        return self.args[0] if self.args else self.message

    def __reduce__(self):
        # An Error raised in a Dask task travels back to the client.
        return (Error, (self.code, self.message, self.file, self.line, self.column, self.path, str(self)))

    def __repr__(self):
        return "forcetrack.Error(%s, %r)" % (self.name, str(self))


def from_c(err):
    """The Error of a filled ft_error record."""
    size = lib.ft_error_format(err, ffi.NULL, 0)
    buf = ffi.new("char[]", size + 1)
    lib.ft_error_format(err, buf, size + 1)
    return Error(
        err.code,
        ffi.string(err.text).decode("utf-8", "replace"),
        ffi.string(err.file).decode("utf-8", "replace"),
        err.line,
        err.column,
        ffi.string(err.path).decode("utf-8", "replace"),
        ffi.string(buf).decode("utf-8", "replace"),
    )


def check(rc, err):
    """Raises the Error in `err` when `rc` is a failure (negative)."""
    if rc < 0:
        if err.code == 0:
            err.code = rc
        raise from_c(err)
    return rc


class UnknownId(Error, KeyError):
    """An id the dataset does not hold, asked for by the caller: a
    forcetrack.Error of code FT_EREF that is also a KeyError, so that
    `ds.actors["XX"]` fails as a mapping does. The message suggests the
    nearest id, as the library's own messages do."""

    def __reduce__(self):
        return (UnknownId, (self.code, self.message, self.file, self.line, self.column, self.path, str(self)))


def invalid(message):
    """An Error of code FT_EINVAL for a refusal the binding makes itself on
    the library's behalf (an unknown id, an unknown name of a kind)."""
    return Error(EINVAL, message)
