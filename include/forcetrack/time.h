/**
 * @file
 * Time values with their precision (docs/format.md section 2). "2021-12" is the
 * whole month of December 2021, not its first second: a value denotes the
 * span it covers at its precision, and keeps the precision, fraction digits
 * and UTC offset it was written with so that it is written back the same.
 *
 * Time values and intervals are plain data that the caller owns and may
 * copy freely; no function here keeps a pointer to them.
 */
#ifndef FORCETRACK_TIME_H
#define FORCETRACK_TIME_H

#include <stdint.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How precisely a time value was given, from none to the second. */
typedef enum ft_precision {
	FT_PRECISION_NONE = 0, /**< no value: an absent time or an open bound */
	FT_PRECISION_YEAR,     /**< 2021 */
	FT_PRECISION_MONTH,    /**< 2021-12 */
	FT_PRECISION_DAY,      /**< 2021-12-01, the UTC day */
	FT_PRECISION_MINUTE,   /**< 2021-12-01T10:00Z */
	FT_PRECISION_SECOND    /**< 2021-12-01T10:00:05Z, 2021-12-01T10:00:05.250+03:00 */
} ft_precision;

/**
 * A time value. A zero-initialised ft_time has precision FT_PRECISION_NONE:
 * no value.
 */
typedef struct ft_time {
	int64_t start_us;    /**< the first microsecond of the span it denotes, since 1970-01-01T00:00:00Z */
	int16_t offset_min;  /**< the UTC offset it was written with, in minutes east of UTC */
	uint8_t precision;   /**< an ft_precision */
	uint8_t frac_digits; /**< the number of fraction digits written (0-6) */
	uint8_t zulu;        /**< 1 when it was written with "Z" */
} ft_time;

/** Room for any formatted time value, with its terminating NUL. */
#define FT_TIME_BUFSIZE 40

/**
 * Parses a time value. Fractions finer than microseconds, leap seconds
 * (:60) and the offset -00:00 are refused.
 * @param text the value, such as "2021-12" or "2021-12-01T10:00+02:00"
 * @param out  the parsed value; zeroed (no value) when the text is refused
 * @param err  filled on failure; may be NULL
 * @return 0; FT_EFORMAT with a message naming the rule broken ("impossible
 *         date 2021-02-30", "a time of day needs Z or an offset"), or
 *         FT_EINVAL for a NULL `text` or `out`
 */
FT_EXTERN int ft_time_parse(const char *text, ft_time *out, ft_error *err);

/**
 * Writes the value as it was read: same precision, offset and fraction
 * digits.
 * @param t   the value; NULL, FT_PRECISION_NONE or a value out of range
 *            writes ""
 * @param buf where the text goes: FT_TIME_BUFSIZE bytes; NULL writes nothing
 * @return the length written
 */
FT_EXTERN size_t ft_time_format(const ft_time *t, char buf[FT_TIME_BUFSIZE]);

/**
 * Whether a time holds a value.
 * @param t the time; NULL is allowed
 * @return 1 when `t` holds a value (precision is not FT_PRECISION_NONE), else 0
 */
FT_EXTERN int ft_time_is_set(const ft_time *t);

/**
 * The first microsecond of the span `t` denotes.
 * @param t the time
 * @return microseconds since the epoch; INT64_MIN when `t` is NULL or
 *         holds no value, which is what an open lower bound needs
 */
FT_EXTERN int64_t ft_time_start(const ft_time *t);

/**
 * The last microsecond of the span `t` denotes (inclusive): the end of the
 * year, month, day, minute or second, or of the last fraction digit
 * written ("10:00:05.250" ends at 10:00:05.250999).
 * @param t the time
 * @return microseconds since the epoch; INT64_MAX when `t` is NULL or
 *         holds no value, which is what an open upper bound needs
 */
FT_EXTERN int64_t ft_time_end(const ft_time *t);

/**
 * Orders by start, then by precision (coarser first), so a sort is stable
 * and meaningful: 2021-12 < 2021-12-01 < 2021-12-01T10:00Z. A value that
 * is not set sorts first.
 * @param a the first time
 * @param b the second time
 * @return -1, 0 or 1 as `a` sorts before, with or after `b`
 */
FT_EXTERN int ft_time_compare(const ft_time *a, const ft_time *b);

/**
 * Whether one span lies inside another.
 * @param outer the span that may contain
 * @param inner the span that may be contained
 * @return 1 when both are set and the span of `inner` lies wholly inside
 *         the span of `outer`, else 0
 */
FT_EXTERN int ft_time_contains(const ft_time *outer, const ft_time *inner);

/**
 * A time value made from microseconds since the epoch, precision SECOND,
 * written in UTC with "Z" and the fraction digits the value needs.
 * @param us microseconds since 1970-01-01T00:00:00Z
 * @return the time value; no value (precision FT_PRECISION_NONE) when `us`
 *         lies outside the format's years 0001-9999 (UTC)
 */
FT_EXTERN ft_time ft_time_from_us(int64_t us);

/**
 * The UTC day that contains a microsecond.
 * @param us microseconds since 1970-01-01T00:00:00Z
 * @return the day, at day precision; no value (precision
 *         FT_PRECISION_NONE) when `us` lies outside the format's years
 *         0001-9999 (UTC)
 */
FT_EXTERN ft_time ft_time_day(int64_t us);

/**
 * The UTC day that contains a microsecond, or the nearest day a time value
 * can name when `us` lies less than a day outside the years 0001-9999 (an
 * offset puts the start or end of a value written on 0001-01-01 or
 * 9999-12-31 up to 23:59 beyond them): what a report dated by such a
 * value is dated by.
 * @param us microseconds since 1970-01-01T00:00:00Z
 * @param out the day, at day precision (not changed on failure)
 * @return 0, or -1 when `us` lies further out (or `out` is NULL)
 */
FT_EXTERN int ft_time_day_nearest(int64_t us, ft_time *out);

/**
 * An interval, both bounds inclusive at their precision: {"from": "2021-11",
 * "to": "2022-02"} covers November 2021 to the last microsecond of February
 * 2022. A bound with FT_PRECISION_NONE is open.
 */
typedef struct ft_interval {
	ft_time from; /**< the first bound, or open */
	ft_time to;   /**< the last bound, or open */
} ft_interval;

/**
 * The first microsecond an interval covers.
 * @param iv the interval
 * @return microseconds since the epoch; INT64_MIN for an open `from` or a
 *         NULL `iv`
 */
FT_EXTERN int64_t ft_interval_start(const ft_interval *iv);

/**
 * The last microsecond an interval covers (inclusive).
 * @param iv the interval
 * @return microseconds since the epoch; INT64_MAX for an open `to` or a
 *         NULL `iv`
 */
FT_EXTERN int64_t ft_interval_end(const ft_interval *iv);

/**
 * Checks that an interval is one the format allows.
 * @param iv  the interval
 * @param err filled on failure; may be NULL
 * @return 0; FT_EFORMAT when `from` starts later than `to` or neither
 *         bound is set; FT_EINVAL for a NULL `iv`
 */
FT_EXTERN int ft_interval_check(const ft_interval *iv, ft_error *err);

/**
 * Whether a time lies inside an interval.
 * @param iv the interval
 * @param t  the time
 * @return 1 when `t` is set and its whole span lies inside the interval, else 0
 */
FT_EXTERN int ft_interval_contains(const ft_interval *iv, const ft_time *t);

/**
 * Whether two intervals overlap.
 * @param a the first interval
 * @param b the second interval
 * @return 1 when the two share at least one microsecond, else 0 (also when
 *         either is NULL)
 */
FT_EXTERN int ft_interval_overlaps(const ft_interval *a, const ft_interval *b);

#ifdef __cplusplus
}
#endif

#endif
