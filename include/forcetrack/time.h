/*
 * Time values with their precision (docs/format.md section 2). "2021-12" is the
 * whole month of December 2021, not its first second: a value denotes the
 * span it covers at its precision, and keeps the precision, fraction digits
 * and UTC offset it was written with so that it is written back the same.
 */
#ifndef FORCETRACK_TIME_H
#define FORCETRACK_TIME_H

#include <stdint.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ft_precision {
	FT_PRECISION_NONE = 0, /* no value: an absent time or an open bound */
	FT_PRECISION_YEAR,     /* 2021 */
	FT_PRECISION_MONTH,    /* 2021-12 */
	FT_PRECISION_DAY,      /* 2021-12-01, the UTC day */
	FT_PRECISION_MINUTE,   /* 2021-12-01T10:00Z */
	FT_PRECISION_SECOND    /* 2021-12-01T10:00:05Z, 2021-12-01T10:00:05.250+03:00 */
} ft_precision;

/*
 * A time value. `start_us` is the first microsecond of the span it denotes,
 * in microseconds since 1970-01-01T00:00:00Z. `offset_min` is the UTC offset
 * it was written with (minutes east of UTC), `zulu` is 1 when it was written
 * with "Z", and `frac_digits` (0-6) the number of fraction digits written.
 * A zero-initialised ft_time has precision FT_PRECISION_NONE: no value.
 */
typedef struct ft_time {
	int64_t start_us;
	int16_t offset_min;
	uint8_t precision;
	uint8_t frac_digits;
	uint8_t zulu;
} ft_time;

/* Room for any formatted time value, with its terminating NUL. */
#define FT_TIME_BUFSIZE 40

/*
 * Parses a time value. Returns 0, or FT_EFORMAT with a message naming the
 * rule broken ("impossible date 2021-02-30", "a time of day needs Z or an
 * offset") in `err` (may be NULL). Fractions finer than microseconds,
 * leap seconds (:60) and the offset -00:00 are refused.
 */
FT_EXTERN int ft_time_parse(const char *text, ft_time *out, ft_error *err);

/*
 * Writes the value as it was read: same precision, offset and fraction
 * digits. Returns the length written; writes "" for a value with
 * FT_PRECISION_NONE. `buf` must hold FT_TIME_BUFSIZE bytes.
 */
FT_EXTERN size_t ft_time_format(const ft_time *t, char buf[FT_TIME_BUFSIZE]);

/* 1 when `t` holds a value (precision is not FT_PRECISION_NONE). */
FT_EXTERN int ft_time_is_set(const ft_time *t);

/* The first and the last microsecond of the span `t` denotes (inclusive). */
FT_EXTERN int64_t ft_time_start(const ft_time *t);
FT_EXTERN int64_t ft_time_end(const ft_time *t);

/*
 * Orders by start, then by precision (coarser first), so a sort is stable
 * and meaningful: 2021-12 < 2021-12-01 < 2021-12-01T10:00Z.
 */
FT_EXTERN int ft_time_compare(const ft_time *a, const ft_time *b);

/* 1 when the span of `inner` lies wholly inside the span of `outer`. */
FT_EXTERN int ft_time_contains(const ft_time *outer, const ft_time *inner);

/* A time value made from microseconds since the epoch, precision SECOND,
 * written in UTC with "Z" and the fraction digits the value needs. */
FT_EXTERN ft_time ft_time_from_us(int64_t us);

/* The UTC day that contains the microsecond `us`, at day precision. */
FT_EXTERN ft_time ft_time_day(int64_t us);

/*
 * An interval, both bounds inclusive at their precision: {"from": "2021-11",
 * "to": "2022-02"} covers November 2021 to the last microsecond of February
 * 2022. A bound with FT_PRECISION_NONE is open.
 */
typedef struct ft_interval {
	ft_time from;
	ft_time to;
} ft_interval;

/* First and last microsecond covered; INT64_MIN / INT64_MAX for open bounds. */
FT_EXTERN int64_t ft_interval_start(const ft_interval *iv);
FT_EXTERN int64_t ft_interval_end(const ft_interval *iv);

/* Returns 0, or FT_EFORMAT when `from` starts later than `to` or neither
 * bound is set. */
FT_EXTERN int ft_interval_check(const ft_interval *iv, ft_error *err);

/* 1 when the whole span of `t` lies inside the interval. */
FT_EXTERN int ft_interval_contains(const ft_interval *iv, const ft_time *t);

/* 1 when the two intervals share at least one microsecond. */
FT_EXTERN int ft_interval_overlaps(const ft_interval *a, const ft_interval *b);

#ifdef __cplusplus
}
#endif

#endif
