/*
 * Time values and intervals (docs/format.md section 2). A value such as "2021-12"
 * stands for the whole span it covers at the precision it was written with,
 * so this module turns text into that span (first microsecond in UTC plus a
 * precision), answers questions about spans (end, order, containment,
 * overlap), and writes a value back exactly as it was read. Parsing and
 * formatting run once per claim on datasets of millions of claims, so they
 * work on the caller's buffers and the stack and never allocate; calendar
 * arithmetic (month lengths, leap years, day numbers) is left to GDate.
 */
#include "forcetrack/time.h"
#include "values/time-private.h"

#include <stdio.h>
#include <string.h>

#include "base/error-private.h"

#define US_PER_SECOND INT64_C(1000000)
#define US_PER_MINUTE (60 * US_PER_SECOND)
#define US_PER_HOUR   (60 * US_PER_MINUTE)
#define US_PER_DAY    (24 * US_PER_HOUR)

/* GDate counts days from 0001-01-01 (day 1); the epoch 1970-01-01 is day
 * 719163 in that count. The format's years run from 0001 to 9999, whose
 * last day, 9999-12-31, is day 3652059 (9999 * 365 days plus 2424 leap
 * days: 2499 multiples of 4, less 99 of 100, plus 24 of 400). */
#define EPOCH_JULIAN 719163
#define LAST_JULIAN  3652059

/* An offset is at most 23:59 either way. */
#define MAX_OFFSET_MIN (23 * 60 + 59)

/* Every well-formed value starts within a day of 0001-01-01T00:00Z ..
 * 9999-12-31T23:59:59.999999Z (the offset can push it just outside), so
 * this bound keeps the arithmetic below far from int64 overflow. */
#define MAX_ABS_START_US (INT64_C(1) << 62)

static const char expected_forms[] =
    "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.ffffff]](Z|\xc2\xb1hh:mm)";

/* Reads `n` decimal digits at `p`; -1 when any of them is not a digit. The
 * scan stops at the first non-digit, so it never reads past the NUL. */
static int read_digits(const char *p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* Writes `v` as exactly `n` decimal digits (zero-padded) at `p`. */
static char *put_digits(char *p, int64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + (int)(v % 10));
		v /= 10;
	}
	return p + n;
}

/* Division rounding towards minus infinity, so that times before 1970 land
 * on the day they belong to rather than the day after. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if (a % b != 0 && (a < 0) != (b < 0))
		q--;
	return q;
}

static int64_t sat_add(int64_t a, int64_t b)
{
	if (b > 0 && a > INT64_MAX - b)
		return INT64_MAX;
	if (b < 0 && a < INT64_MIN - b)
		return INT64_MIN;
	return a + b;
}

static const int64_t pow10_us[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};

static int syntax_error(ft_error *err, const char *text, const char *rule)
{
	/* A value with a look-alike ("2021‐12", U+2010 for '-') names its code
	 * points: the quote alone would look right. */
	return ft__error_set(err, FT_EFORMAT, NULL, "invalid time value \"%s\"%s: %s", FT__Q(text),
	                     FT__NON_ASCII(text), rule);
}

/*
 * The calendar part of a value: refuses years outside 0001-9999, months
 * outside 01-12 and days a month does not have, and gives the GDate day
 * number of the date. The message says which part is impossible, since
 * "2021-02-29" is wrong for a reason a person may not see at once.
 */
static int check_date(const char *text, int year, int month, int day, uint32_t *julian, ft_error *err)
{
	if (year < 1) {
		return ft__error_set(err, FT_EFORMAT, NULL,
		                     "impossible date \"%s\": years run from 0001 to 9999", FT__Q(text));
	}
	if (month < 1 || month > 12) {
		return ft__error_set(err, FT_EFORMAT, NULL, "impossible date \"%s\": there is no month %02d",
		                     FT__Q(text), month);
	}
	if (!g_date_valid_dmy((GDateDay)day, (GDateMonth)month, (GDateYear)year)) {
		int days = g_date_get_days_in_month((GDateMonth)month, (GDateYear)year);
		return ft__error_set(err, FT_EFORMAT, NULL,
		                     "impossible date \"%s\": %04d-%02d has no day %02d (it has %d days)",
		                     FT__Q(text), year, month, day, days);
	}
	GDate date;
	g_date_clear(&date, 1);
	g_date_set_dmy(&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
	*julian = g_date_get_julian(&date);
	return 0;
}

int ft_time_parse(const char *text, ft_time *out, ft_error *err)
{
	if (!text || !out)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_time_parse: NULL argument");
	/* A refused value leaves no half-parsed time behind. */
	memset(out, 0, sizeof *out);

	const char *p = text;
	int year = read_digits(p, 4);
	int month = 1, day = 1, hour = 0, minute = 0, second = 0;
	int64_t frac_us = 0;
	int frac_digits = 0, offset_min = 0, zulu = 0;
	ft_precision precision;

	if (year < 0)
		return syntax_error(err, text, expected_forms);
	if (p[4] == '\0') {
		precision = FT_PRECISION_YEAR;
		goto date;
	}
	if (p[4] != '-' || (month = read_digits(p + 5, 2)) < 0)
		return syntax_error(err, text, expected_forms);
	if (p[7] == '\0') {
		precision = FT_PRECISION_MONTH;
		goto date;
	}
	if (p[7] != '-' || (day = read_digits(p + 8, 2)) < 0)
		return syntax_error(err, text, expected_forms);
	if (p[10] == '\0') {
		precision = FT_PRECISION_DAY;
		goto date;
	}
	if (p[10] == 't')
		return syntax_error(err, text, "write the 'T' and 'Z' in upper case");
	if (p[10] != 'T' || (hour = read_digits(p + 11, 2)) < 0 || p[13] != ':' ||
	    (minute = read_digits(p + 14, 2)) < 0)
		return syntax_error(err, text, expected_forms);
	precision = FT_PRECISION_MINUTE;
	p += 16;
	if (*p == ':') {
		if ((second = read_digits(p + 1, 2)) < 0)
			return syntax_error(err, text, expected_forms);
		precision = FT_PRECISION_SECOND;
		p += 3;
		if (*p == '.') {
			p++;
			while (p[frac_digits] >= '0' && p[frac_digits] <= '9') {
				if (frac_digits == 6)
					return syntax_error(err, text,
					                    "fractional seconds finer than microseconds");
				frac_us = frac_us * 10 + (p[frac_digits] - '0');
				frac_digits++;
			}
			if (frac_digits == 0)
				return syntax_error(err, text, expected_forms);
			frac_us *= pow10_us[6 - frac_digits];
			p += frac_digits;
		}
	}
	if (*p == 'Z') {
		zulu = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh = read_digits(p + 1, 2), om = -1;
		if (oh < 0 || p[3] != ':' || (om = read_digits(p + 4, 2)) < 0)
			return syntax_error(err, text, expected_forms);
		if (oh > 23 || om > 59) {
			char rule[80];
			snprintf(rule, sizeof rule,
			         "offset %c%02d:%02d is out of range (hours 00-23, minutes 00-59)", *p, oh,
			         om);
			return syntax_error(err, text, rule);
		}
		/* RFC 3339 gives -00:00 the meaning "local time unknown", which
		 * is not a time a claim can be placed at. */
		if (*p == '-' && oh == 0 && om == 0)
			return syntax_error(err, text,
			                    "the offset -00:00 is not accepted; write Z or +00:00");
		offset_min = (oh * 60 + om) * (*p == '-' ? -1 : 1);
		p += 6;
	} else if (*p == 'z') {
		return syntax_error(err, text, "write the 'T' and 'Z' in upper case");
	} else if (*p == '\0') {
		return syntax_error(err, text, "a time of day needs Z or an offset");
	} else {
		return syntax_error(err, text, expected_forms);
	}
	if (*p != '\0')
		return syntax_error(err, text, expected_forms);

date:;
	uint32_t julian = 0;
	int rc = check_date(text, year, month, day, &julian, err);
	if (rc)
		return rc;
	if (hour > 23 || minute > 59 || second > 59) {
		const char *rule = hour > 23 ? "hours run from 00 to 23"
		                   : minute > 59
		                       ? "minutes run from 00 to 59"
		                       : "seconds run from 00 to 59 (leap seconds are not accepted)";
		return ft__error_set(err, FT_EFORMAT, NULL, "impossible time \"%s\": %s", FT__Q(text), rule);
	}

	int64_t days = (int64_t)julian - EPOCH_JULIAN;
	out->start_us = days * US_PER_DAY + hour * US_PER_HOUR + minute * US_PER_MINUTE +
	                second * US_PER_SECOND + frac_us - offset_min * US_PER_MINUTE;
	out->offset_min = (int16_t)offset_min;
	out->precision = (uint8_t)precision;
	out->frac_digits = (uint8_t)frac_digits;
	out->zulu = (uint8_t)zulu;
	return 0;
}

/*
 * Splits a microsecond count into the GDate day number and the
 * microseconds into that day. Returns 0 when the day lies outside
 * 0001-01-01 .. 9999-12-31, which no well-formed value does.
 */
static int split_us(int64_t us, uint32_t *julian, int64_t *in_day)
{
	if (us > MAX_ABS_START_US || us < -MAX_ABS_START_US)
		return 0;
	int64_t days = floor_div(us, US_PER_DAY);
	int64_t j = days + EPOCH_JULIAN;
	if (j < 1 || j > LAST_JULIAN)
		return 0;
	*julian = (uint32_t)j;
	*in_day = us - days * US_PER_DAY;
	return 1;
}

size_t ft_time_format(const ft_time *t, char buf[FT_TIME_BUFSIZE])
{
	if (!buf)
		return 0;
	buf[0] = '\0';
	if (!t || t->precision == FT_PRECISION_NONE || t->precision > FT_PRECISION_SECOND)
		return 0;
	if (t->offset_min > MAX_OFFSET_MIN || t->offset_min < -MAX_OFFSET_MIN ||
	    t->start_us > MAX_ABS_START_US || t->start_us < -MAX_ABS_START_US)
		return 0;

	/* Dates are UTC; a time of day is written in the offset it was read
	 * with, so its fields are those of the local clock. */
	int has_clock = t->precision >= FT_PRECISION_MINUTE;
	int64_t local = t->start_us + (has_clock ? t->offset_min * US_PER_MINUTE : 0);
	uint32_t julian;
	int64_t in_day;
	if (!split_us(local, &julian, &in_day))
		return 0;
	GDate date;
	g_date_clear(&date, 1);
	g_date_set_julian(&date, julian);

	char *p = buf;
	p = put_digits(p, g_date_get_year(&date), 4);
	if (t->precision >= FT_PRECISION_MONTH) {
		*p++ = '-';
		p = put_digits(p, g_date_get_month(&date), 2);
	}
	if (t->precision >= FT_PRECISION_DAY) {
		*p++ = '-';
		p = put_digits(p, g_date_get_day(&date), 2);
	}
	if (has_clock) {
		*p++ = 'T';
		p = put_digits(p, in_day / US_PER_HOUR, 2);
		*p++ = ':';
		p = put_digits(p, in_day / US_PER_MINUTE % 60, 2);
	}
	if (t->precision == FT_PRECISION_SECOND) {
		*p++ = ':';
		p = put_digits(p, in_day / US_PER_SECOND % 60, 2);
		int digits = t->frac_digits > 6 ? 6 : t->frac_digits;
		if (digits > 0) {
			*p++ = '.';
			p = put_digits(p, in_day % US_PER_SECOND / pow10_us[6 - digits], digits);
		}
	}
	if (has_clock) {
		if (t->zulu) {
			*p++ = 'Z';
		} else {
			int off = t->offset_min;
			*p++ = off < 0 ? '-' : '+';
			if (off < 0)
				off = -off;
			p = put_digits(p, off / 60, 2);
			*p++ = ':';
			p = put_digits(p, off % 60, 2);
		}
	}
	*p = '\0';
	return (size_t)(p - buf);
}

int ft__time_is_canonical(const ft_time *t)
{
	if (t->precision == FT_PRECISION_NONE)
		return 1;
	if (t->precision > FT_PRECISION_SECOND || t->zulu > 1 || t->frac_digits > 6 ||
	    t->start_us > MAX_ABS_START_US || t->start_us < -MAX_ABS_START_US)
		return 0;
	int has_clock = t->precision >= FT_PRECISION_MINUTE;
	/* A date is UTC, written without an offset; a time of day has one
	 * within +-23:59, and Z only for offset zero. */
	if (!has_clock && (t->offset_min || t->zulu))
		return 0;
	if (t->offset_min > MAX_OFFSET_MIN || t->offset_min < -MAX_OFFSET_MIN || (t->zulu && t->offset_min))
		return 0;
	/* Fraction digits only at second precision. */
	if (t->precision != FT_PRECISION_SECOND && t->frac_digits)
		return 0;
	uint32_t julian;
	int64_t in_day;
	if (!split_us(t->start_us + t->offset_min * US_PER_MINUTE, &julian, &in_day))
		return 0;
	/* What the precision leaves out is zero: the start of the year, the
	 * month, the day, the minute, or the last fraction digit written. */
	static const int64_t unit[] = {0, US_PER_DAY, US_PER_DAY, US_PER_DAY, US_PER_MINUTE};
	int64_t step = t->precision == FT_PRECISION_SECOND ? pow10_us[6 - t->frac_digits] : unit[t->precision];
	if (in_day % step != 0)
		return 0;
	if (t->precision <= FT_PRECISION_MONTH) {
		GDate date;
		g_date_clear(&date, 1);
		g_date_set_julian(&date, julian);
		if (g_date_get_day(&date) != 1 || (t->precision == FT_PRECISION_YEAR && g_date_get_month(&date) != 1))
			return 0;
	}
	return 1;
}

int ft_time_is_set(const ft_time *t)
{
	return t && t->precision != FT_PRECISION_NONE;
}

/* An unset time has no span; it answers as an unbounded one, which is what
 * an open interval bound needs (ft_interval_start/end build on this). */
int64_t ft_time_start(const ft_time *t)
{
	if (!ft_time_is_set(t))
		return INT64_MIN;
	return t->start_us;
}

/* The first microsecond after the month (or year) that contains the UTC
 * time `start`, found through GDate so that month lengths and leap years
 * come from GLib. */
static int64_t next_period_start(int64_t start, int whole_year)
{
	uint32_t julian;
	int64_t in_day;
	if (!split_us(start, &julian, &in_day))
		return start;
	GDate date;
	g_date_clear(&date, 1);
	g_date_set_julian(&date, julian);
	g_date_set_day(&date, 1);
	if (whole_year) {
		g_date_set_month(&date, G_DATE_JANUARY);
		g_date_add_years(&date, 1);
	} else {
		g_date_add_months(&date, 1);
	}
	return ((int64_t)g_date_get_julian(&date) - EPOCH_JULIAN) * US_PER_DAY;
}

int64_t ft_time_end(const ft_time *t)
{
	if (!ft_time_is_set(t))
		return INT64_MAX;
	switch (t->precision) {
	case FT_PRECISION_YEAR: return next_period_start(t->start_us, 1) - 1;
	case FT_PRECISION_MONTH: return next_period_start(t->start_us, 0) - 1;
	case FT_PRECISION_DAY: return sat_add(t->start_us, US_PER_DAY - 1);
	case FT_PRECISION_MINUTE: return sat_add(t->start_us, US_PER_MINUTE - 1);
	default: {
		/* "05.250" claims no more than its last written digit: the
		 * millisecond 05.250000 .. 05.250999. */
		int digits = t->frac_digits > 6 ? 6 : t->frac_digits;
		return sat_add(t->start_us, pow10_us[6 - digits] - 1);
	}
	}
}

int ft_time_compare(const ft_time *a, const ft_time *b)
{
	int64_t sa = ft_time_start(a), sb = ft_time_start(b);
	if (sa != sb)
		return sa < sb ? -1 : 1;
	int pa = a ? a->precision : 0, pb = b ? b->precision : 0;
	if (pa != pb)
		return pa < pb ? -1 : 1;
	return 0;
}

int ft_time_contains(const ft_time *outer, const ft_time *inner)
{
	if (!ft_time_is_set(outer) || !ft_time_is_set(inner))
		return 0;
	return ft_time_start(outer) <= ft_time_start(inner) && ft_time_end(inner) <= ft_time_end(outer);
}

/* The first and last microsecond of the format's years, 0001-01-01 and
 * 9999-12-31 in UTC. */
#define FIRST_US ((int64_t)(1 - EPOCH_JULIAN) * US_PER_DAY)
#define LAST_US  ((int64_t)(LAST_JULIAN - EPOCH_JULIAN + 1) * US_PER_DAY - 1)

ft_time ft_time_from_us(int64_t us)
{
	ft_time t;
	memset(&t, 0, sizeof t);
	if (us < FIRST_US || us > LAST_US)
		return t;
	t.start_us = us;
	t.precision = FT_PRECISION_SECOND;
	t.zulu = 1;
	int64_t frac = us - floor_div(us, US_PER_SECOND) * US_PER_SECOND;
	if (frac != 0) {
		int digits = 6;
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		t.frac_digits = (uint8_t)digits;
	}
	return t;
}

int64_t ft_interval_start(const ft_interval *iv)
{
	return iv ? ft_time_start(&iv->from) : INT64_MIN;
}

int64_t ft_interval_end(const ft_interval *iv)
{
	return iv ? ft_time_end(&iv->to) : INT64_MAX;
}

int ft_interval_check(const ft_interval *iv, ft_error *err)
{
	if (!iv)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_interval_check: NULL argument");
	if (!ft_time_is_set(&iv->from) && !ft_time_is_set(&iv->to))
		return ft__error_set(err, FT_EFORMAT, NULL, "an interval needs \"from\", \"to\" or both");
	/* Starts are compared, not the full spans: {"from": "2021-12", "to":
	 * "2021-12-01"} is odd but names a real stretch of time. */
	if (ft_time_is_set(&iv->from) && ft_time_is_set(&iv->to) && iv->from.start_us > iv->to.start_us) {
		char from[FT_TIME_BUFSIZE], to[FT_TIME_BUFSIZE];
		ft_time_format(&iv->from, from);
		ft_time_format(&iv->to, to);
		return ft__error_set(err, FT_EFORMAT, NULL,
		                     "interval starts after it ends: from \"%s\" is later than to \"%s\"",
		                     from, to);
	}
	return 0;
}

int ft_interval_contains(const ft_interval *iv, const ft_time *t)
{
	if (!iv || !ft_time_is_set(t))
		return 0;
	return ft_interval_start(iv) <= ft_time_start(t) && ft_time_end(t) <= ft_interval_end(iv);
}

int ft_interval_overlaps(const ft_interval *a, const ft_interval *b)
{
	if (!a || !b)
		return 0;
	return ft_interval_start(a) <= ft_interval_end(b) && ft_interval_start(b) <= ft_interval_end(a);
}

ft_time ft_time_day(int64_t us)
{
	ft_time t = {0, 0, FT_PRECISION_NONE, 0, 0};
	if (us < FIRST_US || us > LAST_US)
		return t;
	/* Floor division: the day of a time before 1970 begins earlier. */
	t.start_us = floor_div(us, US_PER_DAY) * US_PER_DAY;
	t.precision = FT_PRECISION_DAY;
	return t;
}

void ft__time_date_of_us(int64_t us, GDate *out)
{
	int64_t julian = floor_div(us, US_PER_DAY) + EPOCH_JULIAN;
	g_date_clear(out, 1);
	g_date_set_julian(out, (guint32)CLAMP(julian, 1, LAST_JULIAN));
}

int64_t ft__time_us_of_date(const GDate *d)
{
	return ((int64_t)g_date_get_julian(d) - EPOCH_JULIAN) * US_PER_DAY;
}

int ft_time_day_nearest(int64_t us, ft_time *out)
{
	if (!out)
		return -1;
	ft_time day = ft_time_day(us);
	if (!ft_time_is_set(&day) && us > FIRST_US - US_PER_DAY && us < LAST_US + US_PER_DAY)
		day = ft_time_day(us < FIRST_US ? FIRST_US : LAST_US);
	if (!ft_time_is_set(&day))
		return -1;
	*out = day;
	return 0;
}
