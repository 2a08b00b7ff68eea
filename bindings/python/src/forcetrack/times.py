"""Time values with their precision (docs/format.md section 2), between
Python and the library.

A `Time` is what the library hands out: "2021-12" is the whole month, and
keeps the text it was written with. Anything that takes a time also takes
a str in the format ("2021-12", "2021-12-01T10:00+02:00"), a datetime.date
(that UTC day) or a datetime.datetime (that second, or microsecond, at its
offset). A datetime without tzinfo is taken as UTC: pandas' timestamps are
naive UTC, and the frames of this package write their datetime columns so
(see frames.py), so a value read from a frame goes back as it came.
"""

import datetime as _dt
import functools

from . import errors
from ._native import ffi, lib

_PRECISIONS = {
    lib.FT_PRECISION_YEAR: "year",
    lib.FT_PRECISION_MONTH: "month",
    lib.FT_PRECISION_DAY: "day",
    lib.FT_PRECISION_MINUTE: "minute",
    lib.FT_PRECISION_SECOND: "second",
}
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def utc_from_us(us):
    """The aware UTC datetime of microseconds since the epoch."""
    return _EPOCH + _dt.timedelta(microseconds=us)


@functools.total_ordering
class Time:
    """A time value as the library holds it: `text` as written, `precision`
    ("year" ... "second"), and `start` and `end`, the first and last
    microsecond of the span it denotes, as aware UTC datetimes."""

    __slots__ = ("_c",)

    def __init__(self, value):
        """Parses `value` (anything a time argument takes, see the module)."""
        self._c = ffi.new("ft_time *", to_c(value, "a time"))

    @classmethod
    def _of(cls, c):
        """The Time of an ft_time, a struct or a pointer to one (copied), or
        None when it holds no value."""
        p = c if ffi.typeof(c).kind == "pointer" else ffi.addressof(c)
        if p == ffi.NULL or not lib.ft_time_is_set(p):
            return None
        t = cls.__new__(cls)
        t._c = ffi.new("ft_time *", p[0])
        return t

    @property
    def text(self):
        buf = ffi.new("char[]", lib.FT_TIME_BUFSIZE)
        lib.ft_time_format(self._c, buf)
        return ffi.string(buf).decode("ascii")

    @property
    def precision(self):
        return _PRECISIONS[self._c.precision]

    @property
    def start(self):
        return utc_from_us(lib.ft_time_start(self._c))

    @property
    def end(self):
        return utc_from_us(lib.ft_time_end(self._c))

    def __str__(self):
        return self.text

    def __repr__(self):
        return "Time(%r)" % self.text

    def __eq__(self, other):
        if not isinstance(other, Time):
            return NotImplemented
        return lib.ft_time_compare(self._c, other._c) == 0 and self.text == other.text

    def __lt__(self, other):
        if not isinstance(other, Time):
            return NotImplemented
        return lib.ft_time_compare(self._c, other._c) < 0

    def __hash__(self):
        return hash(self.text)

    def __reduce__(self):
        return (Time, (self.text,))


def _text_of(value, what):
    """The format's text of a date, datetime or str."""
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp: drop the nanoseconds it may carry
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() == _dt.timedelta(0):
            if value.tzinfo is not None:
                value = value.replace(tzinfo=None)
            return value.isoformat(timespec="microseconds" if value.microsecond else "seconds") + "Z"
        return value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError("%s must be a str, datetime.date, datetime.datetime or forcetrack.Time, not %s"
                    % (what, type(value).__name__))


def to_c(value, what):
    """The ft_time (a cdata struct, copied where it is assigned) of `value`;
    a forcetrack.Error (FT_EFORMAT) names the rule a text breaks."""
    if isinstance(value, Time):
        return value._c[0]
    text = _text_of(value, what)
    if "\0" in text:
        raise ValueError("%s holds a NUL character" % what)
    out = ffi.new("ft_time *")
    err = ffi.new("ft_error *")
    rc = lib.ft_time_parse(text.encode("utf-8"), out, err)
    if rc < 0:
        e = errors.from_c(err)
        raise errors.Error(e.code, "%s: %s" % (what, e.message), line_text="%s: %s" % (what, e.message))
    return out[0]


def optional(value, what):
    """to_c for an optional time: None gives the unset ft_time."""
    return ffi.new("ft_time *")[0] if value is None else to_c(value, what)
