"""forcetrack: claims about military force deployments, their sources and
their hedges, turned into explained estimates, over libforcetrack.

    import forcetrack
    with forcetrack.load("examples/data/buildup-2021-12.json") as ds:
        est = ds.estimate("RU", "ua-border", at="2021-12-01")
        print(est)                      # 94,000 (range 84,600-103,400)
        frame = ds.estimates_frame(at="2021-12-03")

The library is found through FORCETRACK_LIBRARY (a path) or by its SONAME;
importing checks its version and the binding's struct layouts against the
headers the build measured (_native.py). bindings/python/README.md says
more.
"""

import pkgutil

# The layout record the build writes lives in build/bindings/python/
# forcetrack/: with that directory on sys.path it joins this package.
__path__ = pkgutil.extend_path(__path__, __name__)

from . import _native  # noqa: E402

_native.init(__path__)

from .dataset import Dataset, load, loads  # noqa: E402
from .errors import Error, UnknownId  # noqa: E402
from .estimate import Alert, Contribution, Disagreement, Estimate, Figure, Part, Timeline  # noqa: E402
from .model import Actor, Claim, Interval, Quantity, Region, Source, Unit  # noqa: E402
from .situation import Entry, Situation  # noqa: E402
from .times import Time  # noqa: E402

# The version of the library loaded ("0.2.0").
library_version = _native.text(_native.lib.ft_version())
__version__ = "%d.%d.0" % _native._cdef.VERSION

__all__ = [
    "Actor", "Alert", "Claim", "Contribution", "Dataset", "Disagreement", "Entry", "Error", "Estimate",
    "Figure", "Interval", "Part", "Quantity", "Region", "Situation", "Source", "Time", "Timeline", "Unit",
    "UnknownId", "library_version", "load", "loads",
]
