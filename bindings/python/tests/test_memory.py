"""Memory: 10^4 cycles of load, estimate, read and free keep the resident
size flat, so that every C object the binding makes is released (by the
garbage collector as well as by close())."""

import ctypes
import gc

import forcetrack
from conftest import BUILDUP

CYCLES = 10_000
WARM_UP = 1_000
# A leak of one estimate's contributions (a few hundred bytes) or of one
# dataset (tens of kilobytes) per cycle would grow the resident size by
# megabytes over 10^4 cycles; the allocator's own noise is far below this.
ALLOWED_GROWTH = 2 << 20

_libc = ctypes.CDLL("libc.so.6")


def resident_bytes():
    """The resident size, after freed memory is handed back to the system
    (malloc_trim), so that it counts what is held."""
    gc.collect()
    _libc.malloc_trim(0)
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * _libc.getpagesize()


def cycle(i):
    with open(BUILDUP, "rb") as f:
        data = f.read()
    if i % 2:
        ds = forcetrack.loads(data, "buildup.json")  # released by the collector
    else:
        ds = forcetrack.load(BUILDUP)
    est = ds.estimate("RU", "ua-border", at="2021-12-01", known_on="2021-12-03")
    assert est.best == 94000 and len(est.contributions) == 4 and est.parts[0].total.best == 94000
    tl = ds.timeline("RU", "ua-border", "2021-11-20", "2021-12-04", step_days=7)
    assert len(tl) == 3
    if i % 2 == 0:
        ds.close()


def test_ten_thousand_cycles_keep_memory_flat():
    for i in range(WARM_UP):
        cycle(i)
    before = resident_bytes()
    for i in range(CYCLES):
        cycle(i)
    after = resident_bytes()
    assert after - before < ALLOWED_GROWTH, "resident size grew by %d bytes over %d cycles" % (
        after - before, CYCLES)
