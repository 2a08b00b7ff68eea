/*
 * Tests for time values and intervals (lib/values/time.c, docs/format.md section 2):
 * every written form, every way a value can be impossible or malformed,
 * writing values back as read, the span each value covers, ordering,
 * containment and intervals. Every microsecond figure is worked out by hand
 * in the comment beside it, from these anchors:
 *
 *   1970-01-01 to 2021-01-01: 51 years, 13 of them leap (1972..2020),
 *   51 * 365 + 13 = 18628 days. Jan..Nov 2021 have 334 days, so 2021-12-01
 *   is day 18962 and 2022-01-01 is day 18962 + 31 = 18993.
 *   One day is 86400 s = 86,400,000,000 us.
 */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forcetrack/time.h"
#include "test-util.h"
#include "values/time-private.h"

/* 2021-12-01T00:00Z = 18962 days * 86400 s = 1638316800 s. */
#define DEC_1_2021 INT64_C(1638316800000000)
/* 2022-01-01T00:00Z = 18993 days * 86400 s = 1640995200 s. */
#define JAN_1_2022 INT64_C(1640995200000000)
#define US_MINUTE  INT64_C(60000000)
#define US_HOUR    INT64_C(3600000000)
#define US_DAY     INT64_C(86400000000)

static ft_time parse_ok(const char *text)
{
	ft_time t;
	ft_error err;
	memset(&err, 0, sizeof err);
	int rc = ft_time_parse(text, &t, &err);
	if (rc != 0)
		fprintf(stderr, "\nunexpected failure for \"%s\": %s\n", text, err.text);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_EQUAL(err.code, 0);
	return t;
}

/* Parses `text`, expecting a refusal whose message is exactly `message`. */
static void parse_fails(const char *text, const char *message)
{
	ft_time t;
	ft_error err;
	memset(&err, 0, sizeof err);
	memset(&t, 0xab, sizeof t);
	int rc = ft_time_parse(text, &t, &err);
	CU_ASSERT_EQUAL(rc, FT_EFORMAT);
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	if (strcmp(err.text, message) != 0)
		fprintf(stderr, "\n\"%s\":\n  got      %s\n  expected %s\n", text, err.text, message);
	CU_ASSERT_STRING_EQUAL(err.text, message);
	/* A refused value leaves no half-parsed time behind. */
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_NONE);
	CU_ASSERT_FALSE(ft_time_is_set(&t));
}

#define EXPECTED_FORMS "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.ffffff]](Z|\xc2\xb1hh:mm)"

static void test_forms(void)
{
	/* Year: 2021-01-01 is day 18628, 18628 * 86400 = 1609459200 s. */
	ft_time t = parse_ok("2021");
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_YEAR);
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1609459200000000));
	CU_ASSERT_EQUAL(t.offset_min, 0);
	CU_ASSERT_EQUAL(t.frac_digits, 0);
	CU_ASSERT_EQUAL(t.zulu, 0);

	t = parse_ok("2021-12");
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_MONTH);
	CU_ASSERT_EQUAL(t.start_us, DEC_1_2021);

	t = parse_ok("2021-12-01");
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_DAY);
	CU_ASSERT_EQUAL(t.start_us, DEC_1_2021);

	/* 10:00 is 10 * 3600 = 36000 s into the day: 1638352800 s. */
	t = parse_ok("2021-12-01T10:00Z");
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_MINUTE);
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1638352800000000));
	CU_ASSERT_EQUAL(t.zulu, 1);
	CU_ASSERT_EQUAL(t.offset_min, 0);

	/* 13:00 at +03:00 is 10:00Z: the same instant as above. */
	t = parse_ok("2021-12-01T13:00+03:00");
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_MINUTE);
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1638352800000000));
	CU_ASSERT_EQUAL(t.zulu, 0);
	CU_ASSERT_EQUAL(t.offset_min, 180);

	/* 10:00:05 is 36005 s into the day: 1638352805 s. */
	t = parse_ok("2021-12-01T10:00:05Z");
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_SECOND);
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1638352805000000));
	CU_ASSERT_EQUAL(t.frac_digits, 0);

	/* .250 is 250000 us. */
	t = parse_ok("2021-12-01T10:00:05.250Z");
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_SECOND);
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1638352805250000));
	CU_ASSERT_EQUAL(t.frac_digits, 3);

	/* One digit: .5 is 500000 us. */
	t = parse_ok("2021-12-01T10:00:05.5Z");
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1638352805500000));
	CU_ASSERT_EQUAL(t.frac_digits, 1);

	/* Six digits, the finest kept. */
	t = parse_ok("2021-12-01T10:00:05.123456Z");
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1638352805123456));
	CU_ASSERT_EQUAL(t.frac_digits, 6);

	/* +00:00 is UTC but is not "Z": it is kept as written. */
	t = parse_ok("2021-12-01T10:00+00:00");
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1638352800000000));
	CU_ASSERT_EQUAL(t.zulu, 0);
	CU_ASSERT_EQUAL(t.offset_min, 0);

	/* The epoch itself is 0. */
	t = parse_ok("1970-01-01");
	CU_ASSERT_EQUAL(t.start_us, 0);
}

static void test_leap_years(void)
{
	/* 2000 is divisible by 400: leap. 2000-01-01 is 30 years after 1970
	 * with 7 leap days (1972..1996): 30 * 365 + 7 = 10957 days; plus
	 * January (31) and 28 days of February: 10957 + 59 = 11016 days,
	 * 11016 * 86400 = 951782400 s. */
	ft_time t = parse_ok("2000-02-29");
	CU_ASSERT_EQUAL(t.start_us, INT64_C(951782400000000));

	/* 2024-01-01: 18628 + 3 * 365 = 19723 days; Feb 29 is 31 + 28 days
	 * later: 19782 days, 19782 * 86400 = 1709164800 s. */
	t = parse_ok("2024-02-29");
	CU_ASSERT_EQUAL(t.start_us, INT64_C(1709164800000000));

	parse_fails("2021-02-29", "impossible date \"2021-02-29\": 2021-02 has no day 29 (it has 28 days)");
	/* 1900 is divisible by 100 but not by 400: not leap. */
	parse_fails("1900-02-29", "impossible date \"1900-02-29\": 1900-02 has no day 29 (it has 28 days)");
	parse_fails("2024-02-30", "impossible date \"2024-02-30\": 2024-02 has no day 30 (it has 29 days)");
}

static void test_impossible(void)
{
	parse_fails("2021-02-30", "impossible date \"2021-02-30\": 2021-02 has no day 30 (it has 28 days)");
	parse_fails("2021-13", "impossible date \"2021-13\": there is no month 13");
	parse_fails("2021-00", "impossible date \"2021-00\": there is no month 00");
	parse_fails("2021-13-01", "impossible date \"2021-13-01\": there is no month 13");
	parse_fails("2021-12-32", "impossible date \"2021-12-32\": 2021-12 has no day 32 (it has 31 days)");
	parse_fails("2021-11-31", "impossible date \"2021-11-31\": 2021-11 has no day 31 (it has 30 days)");
	parse_fails("2021-12-00", "impossible date \"2021-12-00\": 2021-12 has no day 00 (it has 31 days)");
	parse_fails("0000", "impossible date \"0000\": years run from 0001 to 9999");
	/* The date inside a time of day is checked too. */
	parse_fails("2021-02-30T10:00Z",
	            "impossible date \"2021-02-30T10:00Z\": 2021-02 has no day 30 (it has 28 days)");

	parse_fails("2021-12-01T24:00Z", "impossible time \"2021-12-01T24:00Z\": hours run from 00 to 23");
	parse_fails("2021-12-01T10:60Z", "impossible time \"2021-12-01T10:60Z\": minutes run from 00 to 59");
	parse_fails(
	    "2021-12-31T23:59:60Z",
	    "impossible time \"2021-12-31T23:59:60Z\": seconds run from 00 to 59 (leap seconds are not "
	    "accepted)");

	parse_fails(
	    "2021-12-01T10:00+24:00",
	    "invalid time value \"2021-12-01T10:00+24:00\": offset +24:00 is out of range (hours 00-23, "
	    "minutes 00-59)");
	parse_fails(
	    "2021-12-01T10:00-03:60",
	    "invalid time value \"2021-12-01T10:00-03:60\": offset -03:60 is out of range (hours 00-23, "
	    "minutes 00-59)");
	parse_fails(
	    "2021-12-01T10:00-00:00",
	    "invalid time value \"2021-12-01T10:00-00:00\": the offset -00:00 is not accepted; write Z "
	    "or +00:00");

	/* The edges that are possible. */
	ft_time t = parse_ok("2021-12-31T23:59:59.999999+23:59");
	CU_ASSERT_EQUAL(t.offset_min, 23 * 60 + 59);
	t = parse_ok("2021-12-31T00:00-23:59");
	CU_ASSERT_EQUAL(t.offset_min, -(23 * 60 + 59));
	t = parse_ok("2021-01-31");
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_DAY);
}

static void test_malformed(void)
{
	parse_fails("2021-12-01T10:00",
	            "invalid time value \"2021-12-01T10:00\": a time of day needs Z or an offset");
	parse_fails("2021-12-01T10:00:05",
	            "invalid time value \"2021-12-01T10:00:05\": a time of day needs Z or an offset");
	parse_fails("2021-12-01T10:00:05.250",
	            "invalid time value \"2021-12-01T10:00:05.250\": a time of day needs Z or an offset");
	parse_fails("2021-12-01t10:00Z",
	            "invalid time value \"2021-12-01t10:00Z\": write the 'T' and 'Z' in upper case");
	parse_fails("2021-12-01T10:00z",
	            "invalid time value \"2021-12-01T10:00z\": write the 'T' and 'Z' in upper case");
	parse_fails("2021-12-01T10:00:05.1234567Z",
	            "invalid time value \"2021-12-01T10:00:05.1234567Z\": fractional seconds finer than "
	            "microseconds");
	parse_fails("21-12", "invalid time value \"21-12\": " EXPECTED_FORMS);
	parse_fails("", "invalid time value \"\": " EXPECTED_FORMS);

	/* Trailing garbage after every form. */
	static const char *const garbage[] = {
	    "2021x",
	    "2021-12x",
	    "2021-12-01x",
	    "2021-12-01T10:00Zx",
	    "2021-12-01T10:00Z ",
	    "2021-12-01T10:00:05ZZ",
	    "2021-12-01T13:00+03:00:00",
	    "2021-12-01T13:00+03:001",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(garbage); i++) {
		char expected[FT_ERROR_TEXT_SIZE];
		g_snprintf(expected, sizeof expected, "invalid time value \"%s\": %s", garbage[i],
		           EXPECTED_FORMS);
		parse_fails(garbage[i], expected);
	}

	/* Near misses of the exact syntax. */
	static const char *const near[] = {
	    " 2021",
	    "+2021",
	    "02021",
	    "2021-1",
	    "2021/12",
	    "2021-12-1",
	    "2021-12-01 10:00Z",
	    "2021-12-01T",
	    "2021-12-01T10Z",
	    "2021-12-01T1:00Z",
	    "2021-12-01T10.00Z",
	    "2021-12-01T10:0Z",
	    "2021-12-01T10:00:5Z",
	    "2021-12-01T10:00:05.Z",
	    "2021-12-01T10:00:05,25Z",
	    "2021-12-01T10:00+0300",
	    "2021-12-01T10:00+03",
	    "2021-12-01T10:00+3:00",
	    "2021-12-01T10:00UTC",
	    "2021-12-01T10:00.5Z",
	    "2021-12-01Z",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(near); i++) {
		char expected[FT_ERROR_TEXT_SIZE];
		g_snprintf(expected, sizeof expected, "invalid time value \"%s\": %s", near[i],
		           EXPECTED_FORMS);
		parse_fails(near[i], expected);
	}
}

static void test_message_quoting(void)
{
	/* A long value is cut after 64 characters ("2021" and 60 'x') and
	 * "..." so the message stays one readable line within the error
	 * record. */
	char long_value[200];
	memset(long_value, 'x', sizeof long_value - 1);
	long_value[sizeof long_value - 1] = '\0';
	memcpy(long_value, "2021", 4);
	ft_time t;
	ft_error err;
	CU_ASSERT_EQUAL(ft_time_parse(long_value, &t, &err), FT_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(
	    err.text, "\"2021xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\": expected"));

	/* Control characters and quotes are escaped, not copied: U+0001 as
	 * \u0001, '"' as \", a byte that is not UTF-8 (0xFF) as \xff. */
	CU_ASSERT_EQUAL(ft_time_parse("2021\x01\"", &t, &err), FT_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "\"2021\\u0001\\\"\": expected"));
	CU_ASSERT_EQUAL(ft_time_parse("2021-\xff", &t, &err), FT_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "\"2021-\\xff\": expected"));

	/* A look-alike names its code points: U+2010 (HYPHEN, E2 80 90) is
	 * not '-', and U+0662 (ARABIC-INDIC DIGIT TWO, D9 A2) is not '2'. */
	CU_ASSERT_EQUAL(ft_time_parse("2021\xe2\x80\x90"
	                              "12",
	                              &t, &err),
	                FT_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "\"2021\xe2\x80\x90"
	                                        "12\" (it holds a non-ASCII character: U+2010): "));
	CU_ASSERT_EQUAL(ft_time_parse("\xd9\xa2"
	                              "021-1\xe2\x80\x90",
	                              &t, &err),
	                FT_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "(it holds non-ASCII characters: U+0662 U+2010): "));

	/* NULL arguments are a programmer error; err may be NULL. */
	CU_ASSERT_EQUAL(ft_time_parse(NULL, &t, &err), FT_EINVAL);
	CU_ASSERT_EQUAL(err.code, FT_EINVAL);
	CU_ASSERT_EQUAL(ft_time_parse("2021", NULL, NULL), FT_EINVAL);
	CU_ASSERT_EQUAL(ft_time_parse("2021-13", &t, NULL), FT_EFORMAT);
}

/* Parses and writes back `text`, which must come out unchanged. */
static void round_trip(const char *text)
{
	ft_time t = parse_ok(text);
	char buf[FT_TIME_BUFSIZE];
	size_t n = ft_time_format(&t, buf);
	if (strcmp(buf, text) != 0)
		fprintf(stderr, "\nround trip: \"%s\" came back as \"%s\"\n", text, buf);
	CU_ASSERT_STRING_EQUAL(buf, text);
	CU_ASSERT_EQUAL(n, strlen(text));
}

static void test_format_round_trip(void)
{
	static const char *const values[] = {
	    "2021",
	    "2021-12",
	    "2021-12-01",
	    "2021-12-01T10:00Z",
	    "2021-12-01T13:00+03:00",
	    "2021-12-01T10:00-05:30",
	    "2021-12-01T10:00+00:00",
	    "2021-12-01T10:00:05Z",
	    "2021-12-01T10:00:00Z",
	    "2021-12-01T10:00:05.250Z",
	    "2021-12-01T10:00:05.5Z",
	    "2021-12-01T10:00:05.05Z",
	    "2021-12-01T10:00:05.000Z",
	    "2021-12-01T10:00:05.123456+03:00",
	    "2021-12-01T10:00:05.000001-01:00",
	    /* The local date differs from the UTC date. */
	    "2021-12-01T00:30+01:00",
	    "2021-11-30T23:30-02:00",
	    "2021-12-31T23:59:59.999999+23:59",
	    "1969-12-31T23:59:59.5Z",
	    "1900-02-28",
	    "2000-02-29",
	    "0001",
	    "0001-01-01",
	    "9999-12-31T23:59:59.999999Z",
	    /* UTC instants just outside 0001..9999, written in an offset
	     * that brings them back inside. */
	    "0001-01-01T00:30+01:00",
	    "9999-12-31T23:30-01:00",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(values); i++)
		round_trip(values[i]);

	/* An unset time writes as "". */
	ft_time none;
	memset(&none, 0, sizeof none);
	char buf[FT_TIME_BUFSIZE];
	memset(buf, 'x', sizeof buf);
	CU_ASSERT_EQUAL(ft_time_format(&none, buf), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_FALSE(ft_time_is_set(&none));
	CU_ASSERT_FALSE(ft_time_is_set(NULL));
}

static void test_start_end(void)
{
	struct {
		const char *text;
		int64_t start, end;
	} cases[] = {
	    /* 2021: 2021-01-01 (day 18628) .. 2022-01-01 (day 18993) - 1 us. */
	    {"2021", INT64_C(1609459200000000), JAN_1_2022 - 1},
	    /* 2021-12: day 18962 .. day 18993 - 1 us. */
	    {"2021-12", DEC_1_2021, INT64_C(1640995199999999)},
	    /* 2021-02: day 18628 + 31 = 18659 (1612137600 s) .. March 1,
	     * 28 days later, day 18687 (1614556800 s) - 1 us. */
	    {"2021-02", INT64_C(1612137600000000), INT64_C(1614556799999999)},
	    /* 2024-02: day 19723 + 31 = 19754 (1706745600 s) .. March 1,
	     * 29 days later, day 19783 (1709251200 s) - 1 us. */
	    {"2024-02", INT64_C(1706745600000000), INT64_C(1709251199999999)},
	    /* 2024: 366 days, day 19723 .. 20089 (1735689600 s) - 1 us. */
	    {"2024", INT64_C(1704067200000000), INT64_C(1735689599999999)},
	    /* One day: + 86400e6 - 1. */
	    {"2021-12-01", DEC_1_2021, DEC_1_2021 + US_DAY - 1},
	    /* 10:00Z = 1638352800 s; a minute is 60e6 us. */
	    {"2021-12-01T10:00Z", INT64_C(1638352800000000), INT64_C(1638352859999999)},
	    /* The offset moves the start: 13:00+03:00 is 10:00Z. */
	    {"2021-12-01T13:00+03:00", INT64_C(1638352800000000), INT64_C(1638352859999999)},
	    /* 10:00-05:30 is 15:30Z = 1638316800 + 55800 = 1638372600 s. */
	    {"2021-12-01T10:00-05:30", INT64_C(1638372600000000), INT64_C(1638372659999999)},
	    /* A whole second. */
	    {"2021-12-01T10:00:05Z", INT64_C(1638352805000000), INT64_C(1638352805999999)},
	    /* .250 with 3 digits covers .250000 .. .250999. */
	    {"2021-12-01T10:00:05.250Z", INT64_C(1638352805250000), INT64_C(1638352805250999)},
	    /* .5 covers .500000 .. .599999. */
	    {"2021-12-01T10:00:05.5Z", INT64_C(1638352805500000), INT64_C(1638352805599999)},
	    /* Six digits cover a single microsecond. */
	    {"2021-12-01T10:00:05.123456Z", INT64_C(1638352805123456), INT64_C(1638352805123456)},
	    /* Before the epoch: -0.5 s .. -0.4 s - 1 us. */
	    {"1969-12-31T23:59:59.5Z", INT64_C(-500000), INT64_C(-400001)},
	    /* 1969: 365 days before the epoch. */
	    {"1969", -365 * US_DAY, -1},
	    /* 0001-01-01 is GDate day 1, 719162 days before the epoch
	     * (719163 - 1): -719162 * 86400 = -62135596800 s; 0001 has
	     * 365 days: end at -62135596800 + 31536000 = -62104060800 s. */
	    {"0001", INT64_C(-62135596800000000), INT64_C(-62104060800000001)},
	    /* 9999-12-31 is GDate day 3652059 (9999 * 365 + 2424 leap
	     * days), 2932896 days after the epoch: 253402214400 s; the
	     * year ends a day later at 253402300800 s. */
	    {"9999-12-31", INT64_C(253402214400000000), INT64_C(253402300799999999)},
	    /* 9999 is not leap: 9999-01-01 is 364 days before Dec 31,
	     * day 2932532: 253370764800 s. */
	    {"9999", INT64_C(253370764800000000), INT64_C(253402300799999999)},
	    /* 9999-12-01 is 30 days before Dec 31, day 2932866:
	     * 253399622400 s. */
	    {"9999-12", INT64_C(253399622400000000), INT64_C(253402300799999999)},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ft_time t = parse_ok(cases[i].text);
		CU_ASSERT_EQUAL(ft_time_start(&t), cases[i].start);
		CU_ASSERT_EQUAL(ft_time_end(&t), cases[i].end);
		if (ft_time_start(&t) != cases[i].start || ft_time_end(&t) != cases[i].end)
			fprintf(stderr, "\n%s: got %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT "\n",
			        cases[i].text, ft_time_start(&t), ft_time_end(&t));
	}

	/* An unset time has no bounds: it answers as unbounded. */
	ft_time none;
	memset(&none, 0, sizeof none);
	CU_ASSERT_EQUAL(ft_time_start(&none), INT64_MIN);
	CU_ASSERT_EQUAL(ft_time_end(&none), INT64_MAX);
}

static void test_offsets(void)
{
	/* 00:30+01:00 on Dec 1 is 23:30Z on Nov 30: 1638316800 - 1800 s. */
	ft_time t = parse_ok("2021-12-01T00:30+01:00");
	CU_ASSERT_EQUAL(t.start_us, DEC_1_2021 - 30 * US_MINUTE);
	CU_ASSERT_EQUAL(t.offset_min, 60);

	/* 23:00-02:00 on Nov 30 is 01:00Z on Dec 1: 1638316800 + 3600 s. */
	t = parse_ok("2021-11-30T23:00-02:00");
	CU_ASSERT_EQUAL(t.start_us, DEC_1_2021 + US_HOUR);
	CU_ASSERT_EQUAL(t.offset_min, -120);

	/* The same instant written three ways has one start. */
	ft_time a = parse_ok("2021-12-01T10:00Z");
	ft_time b = parse_ok("2021-12-01T15:45+05:45");
	ft_time c = parse_ok("2021-12-01T06:30-03:30");
	CU_ASSERT_EQUAL(a.start_us, b.start_us);
	CU_ASSERT_EQUAL(a.start_us, c.start_us);
	CU_ASSERT_EQUAL(b.offset_min, 345);
	CU_ASSERT_EQUAL(c.offset_min, -210);

	/* 0001-01-01T00:30+01:00 is 30 minutes before 0001-01-01T00:00Z:
	 * -62135596800 - 1800 = -62135598600 s. */
	t = parse_ok("0001-01-01T00:30+01:00");
	CU_ASSERT_EQUAL(t.start_us, INT64_C(-62135598600000000));
}

static void test_containment(void)
{
	ft_time dec = parse_ok("2021-12");
	ft_time dec1 = parse_ok("2021-12-01");
	ft_time y2021 = parse_ok("2021");

	ft_time ten = parse_ok("2021-12-01T10:00Z");
	CU_ASSERT_TRUE(ft_time_contains(&dec, &ten));
	CU_ASSERT_FALSE(ft_time_contains(&ten, &dec));
	CU_ASSERT_TRUE(ft_time_contains(&dec, &dec));
	CU_ASSERT_TRUE(ft_time_contains(&dec, &dec1));
	CU_ASSERT_FALSE(ft_time_contains(&dec1, &dec));
	CU_ASSERT_TRUE(ft_time_contains(&y2021, &dec));

	/* 2021-11-30T23:00-02:00 is 2021-12-01T01:00Z: inside the UTC day
	 * 2021-12-01, though its local date is Nov 30. */
	ft_time late = parse_ok("2021-11-30T23:00-02:00");
	CU_ASSERT_TRUE(ft_time_contains(&dec1, &late));
	/* 2021-12-01T01:00+02:00 is 2021-11-30T23:00Z: outside it. */
	ft_time early = parse_ok("2021-12-01T01:00+02:00");
	CU_ASSERT_FALSE(ft_time_contains(&dec1, &early));
	ft_time nov = parse_ok("2021-11");
	CU_ASSERT_TRUE(ft_time_contains(&nov, &early));

	/* 2022-01-01T00:30+01:00 is 2021-12-31T23:30Z: inside 2021. */
	ft_time ny = parse_ok("2022-01-01T00:30+01:00");
	CU_ASSERT_TRUE(ft_time_contains(&y2021, &ny));
	/* 2021-12-31T23:30-01:00 is 2022-01-01T00:30Z: outside 2021. */
	ft_time nye = parse_ok("2021-12-31T23:30-01:00");
	CU_ASSERT_FALSE(ft_time_contains(&y2021, &nye));

	/* The last microsecond of the year is inside; the next is not. */
	ft_time last = parse_ok("2021-12-31T23:59:59.999999Z");
	ft_time next = parse_ok("2022-01-01T00:00:00.000000Z");
	CU_ASSERT_TRUE(ft_time_contains(&y2021, &last));
	CU_ASSERT_FALSE(ft_time_contains(&y2021, &next));

	/* Fractions: "05.25" covers .250000-.259999 and so contains
	 * "05.250" (.250000-.250999), but not the other way round. */
	ft_time f2 = parse_ok("2021-12-01T10:00:05.25Z");
	ft_time f3 = parse_ok("2021-12-01T10:00:05.250Z");
	ft_time f4 = parse_ok("2021-12-01T10:00:05.2505Z");
	ft_time whole = parse_ok("2021-12-01T10:00:05Z");
	CU_ASSERT_TRUE(ft_time_contains(&f2, &f3));
	CU_ASSERT_FALSE(ft_time_contains(&f3, &f2));
	CU_ASSERT_TRUE(ft_time_contains(&f3, &f4));
	CU_ASSERT_TRUE(ft_time_contains(&whole, &f2));
	CU_ASSERT_TRUE(ft_time_contains(&ten, &whole));

	/* An unset time neither contains nor is contained. */
	ft_time none;
	memset(&none, 0, sizeof none);
	CU_ASSERT_FALSE(ft_time_contains(&none, &dec));
	CU_ASSERT_FALSE(ft_time_contains(&dec, &none));
}

static int compare_qsort(const void *a, const void *b)
{
	return ft_time_compare(a, b);
}

static void test_compare(void)
{
	ft_time a = parse_ok("2021-12");
	ft_time b = parse_ok("2021-12-01");
	ft_time c = parse_ok("2021-12-01T00:00Z");
	ft_time d = parse_ok("2021-12-01T00:00:00Z");
	ft_time e = parse_ok("2021-12-01T00:00:00.000001Z");
	ft_time f = parse_ok("2021-11-30T23:00-02:00"); /* 01:00Z */
	ft_time g = parse_ok("2021-12-01T00:59Z");

	/* Same start: coarser first. */
	CU_ASSERT(ft_time_compare(&a, &b) < 0);
	CU_ASSERT(ft_time_compare(&b, &a) > 0);
	CU_ASSERT(ft_time_compare(&b, &c) < 0);
	CU_ASSERT(ft_time_compare(&c, &d) < 0);
	/* Start decides before precision: one microsecond later sorts after
	 * the coarser values. */
	CU_ASSERT(ft_time_compare(&d, &e) < 0);
	CU_ASSERT(ft_time_compare(&e, &a) > 0);
	/* UTC start decides, not the written date: 2021-11-30T23:00-02:00
	 * is 01:00Z on Dec 1, after 00:59Z and after the month 2021-12
	 * begins, although its local date is in November. */
	CU_ASSERT(ft_time_compare(&g, &f) < 0);
	CU_ASSERT(ft_time_compare(&a, &f) < 0);
	CU_ASSERT(ft_time_compare(&f, &a) > 0);
	CU_ASSERT(ft_time_compare(&a, &a) == 0);

	/* The same instant and precision in another offset compares equal. */
	ft_time h = parse_ok("2021-12-01T13:00+03:00");
	ft_time i = parse_ok("2021-12-01T10:00Z");
	CU_ASSERT_EQUAL(ft_time_compare(&h, &i), 0);

	/* Sorting a shuffled list gives the order above. */
	ft_time list[] = {f, e, a, g, c, d, b};
	qsort(list, G_N_ELEMENTS(list), sizeof list[0], compare_qsort);
	const ft_time *expect[] = {&a, &b, &c, &d, &e, &g, &f};
	for (size_t k = 0; k < G_N_ELEMENTS(list); k++) {
		CU_ASSERT_EQUAL(list[k].start_us, expect[k]->start_us);
		CU_ASSERT_EQUAL(list[k].precision, expect[k]->precision);
	}
}

static void test_from_us(void)
{
	char buf[FT_TIME_BUFSIZE];
	/* 1638352805 s is 2021-12-01T10:00:05Z (see test_forms). */
	ft_time t = ft_time_from_us(INT64_C(1638352805000000));
	CU_ASSERT_EQUAL(t.precision, FT_PRECISION_SECOND);
	CU_ASSERT_EQUAL(t.zulu, 1);
	CU_ASSERT_EQUAL(t.offset_min, 0);
	CU_ASSERT_EQUAL(t.frac_digits, 0);
	ft_time_format(&t, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2021-12-01T10:00:05Z");

	/* 250000 us: trailing zeros dropped, two digits ".25". */
	t = ft_time_from_us(INT64_C(1638352805250000));
	CU_ASSERT_EQUAL(t.frac_digits, 2);
	ft_time_format(&t, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2021-12-01T10:00:05.25Z");

	t = ft_time_from_us(1);
	CU_ASSERT_EQUAL(t.frac_digits, 6);
	ft_time_format(&t, buf);
	CU_ASSERT_STRING_EQUAL(buf, "1970-01-01T00:00:00.000001Z");

	/* -1 us is the last microsecond of 1969. */
	t = ft_time_from_us(-1);
	CU_ASSERT_EQUAL(t.frac_digits, 6);
	ft_time_format(&t, buf);
	CU_ASSERT_STRING_EQUAL(buf, "1969-12-31T23:59:59.999999Z");

	/* -1.5 s: the fraction of the second it falls in is .5. */
	t = ft_time_from_us(-1500000);
	CU_ASSERT_EQUAL(t.frac_digits, 1);
	ft_time_format(&t, buf);
	CU_ASSERT_STRING_EQUAL(buf, "1969-12-31T23:59:58.5Z");

	/* Its span is exactly what it writes: parsing it back gives the
	 * same start and end. */
	ft_time back = parse_ok(buf);
	CU_ASSERT_EQUAL(ft_time_start(&back), ft_time_start(&t));
	CU_ASSERT_EQUAL(ft_time_end(&back), ft_time_end(&t));
}

static ft_interval interval(const char *from, const char *to)
{
	ft_interval iv;
	memset(&iv, 0, sizeof iv);
	if (from)
		iv.from = parse_ok(from);
	if (to)
		iv.to = parse_ok(to);
	return iv;
}

static void test_interval_bounds(void)
{
	/* 2021-11-01 is day 18962 - 30 = 18932: 1635724800 s. 2022-03-01 is
	 * day 18993 + 31 + 28 = 19052: 1646092800 s. */
	ft_interval iv = interval("2021-11", "2022-02");
	CU_ASSERT_EQUAL(ft_interval_start(&iv), INT64_C(1635724800000000));
	CU_ASSERT_EQUAL(ft_interval_end(&iv), INT64_C(1646092799999999));
	CU_ASSERT_EQUAL(ft_interval_check(&iv, NULL), 0);

	ft_interval open_end = interval("2021-11", NULL);
	CU_ASSERT_EQUAL(ft_interval_start(&open_end), INT64_C(1635724800000000));
	CU_ASSERT_EQUAL(ft_interval_end(&open_end), INT64_MAX);
	CU_ASSERT_EQUAL(ft_interval_check(&open_end, NULL), 0);

	ft_interval open_start = interval(NULL, "2021");
	CU_ASSERT_EQUAL(ft_interval_start(&open_start), INT64_MIN);
	CU_ASSERT_EQUAL(ft_interval_end(&open_start), JAN_1_2022 - 1);
	CU_ASSERT_EQUAL(ft_interval_check(&open_start, NULL), 0);
}

static void test_interval_check(void)
{
	ft_error err;
	ft_interval iv = interval("2022-02", "2021-11");
	CU_ASSERT_EQUAL(ft_interval_check(&iv, &err), FT_EFORMAT);
	CU_ASSERT_EQUAL(err.code, FT_EFORMAT);
	CU_ASSERT_STRING_EQUAL(
	    err.text, "interval starts after it ends: from \"2022-02\" is later than to \"2021-11\"");

	/* Bounds are written back as they were read, offsets and all. */
	iv = interval("2021-12-01T13:00+03:00", "2021-12-01T09:59Z");
	CU_ASSERT_EQUAL(ft_interval_check(&iv, &err), FT_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.text, "interval starts after it ends: from \"2021-12-01T13:00+03:00\" is "
	                                 "later than to \"2021-12-01T09:59Z\"");

	/* Starts are compared: 2021-12 and 2021-12-01 start together. */
	iv = interval("2021-12", "2021-12-01");
	CU_ASSERT_EQUAL(ft_interval_check(&iv, NULL), 0);
	/* A single instant is a valid interval. */
	iv = interval("2021-12-01T10:00Z", "2021-12-01T13:00+03:00");
	CU_ASSERT_EQUAL(ft_interval_check(&iv, NULL), 0);
	/* 10:00Z starts after the day 2021-12-01 does. */
	iv = interval("2021-12-01T10:00Z", "2021-12-01");
	CU_ASSERT_EQUAL(ft_interval_check(&iv, NULL), FT_EFORMAT);

	iv = interval(NULL, NULL);
	memset(&err, 0, sizeof err);
	CU_ASSERT_EQUAL(ft_interval_check(&iv, &err), FT_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.text, "an interval needs \"from\", \"to\" or both");

	CU_ASSERT_EQUAL(ft_interval_check(NULL, &err), FT_EINVAL);
}

static void test_interval_contains(void)
{
	ft_interval iv = interval("2021-11", "2022-02");
	struct {
		const char *text;
		int inside;
	} cases[] = {
	    {"2021-11", 1},
	    {"2022-02", 1},
	    {"2021-12", 1},
	    {"2022-02-28T23:59Z", 1},
	    /* 2022-03-01T00:30+01:00 is 2022-02-28T23:30Z: inside. */
	    {"2022-03-01T00:30+01:00", 1},
	    /* 2022-02-28T23:30-01:00 is 2022-03-01T00:30Z: outside. */
	    {"2022-02-28T23:30-01:00", 0},
	    /* 2021-10-31T23:00-02:00 is 2021-11-01T01:00Z: inside. */
	    {"2021-10-31T23:00-02:00", 1},
	    {"2021-10-31T23:59:59.999999Z", 0},
	    {"2022-03", 0},
	    /* 2021 overlaps the interval but is not inside it. */
	    {"2021", 0},
	    {"2022", 0},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ft_time t = parse_ok(cases[i].text);
		CU_ASSERT_EQUAL(ft_interval_contains(&iv, &t), cases[i].inside);
	}

	ft_time first = parse_ok("0001");
	ft_time last = parse_ok("9999");
	ft_interval to_only = interval(NULL, "2021");
	CU_ASSERT_TRUE(ft_interval_contains(&to_only, &first));
	CU_ASSERT_FALSE(ft_interval_contains(&to_only, &last));
	ft_interval from_only = interval("2021", NULL);
	CU_ASSERT_FALSE(ft_interval_contains(&from_only, &first));
	CU_ASSERT_TRUE(ft_interval_contains(&from_only, &last));

	ft_time none;
	memset(&none, 0, sizeof none);
	CU_ASSERT_FALSE(ft_interval_contains(&iv, &none));
}

static void test_interval_overlaps(void)
{
	ft_interval a = interval("2021-11", "2022-02");
	struct {
		const char *from, *to;
		int overlaps;
	} cases[] = {
	    {"2022-02-28T23:59Z", NULL, 1},
	    {"2022-03", NULL, 0},
	    {NULL, "2021-11-01", 1},
	    {NULL, "2021-10", 0},
	    /* The last microsecond of October is not shared; of November is. */
	    {NULL, "2021-10-31T23:59:59.999999Z", 0},
	    {"2021-12", "2021-12", 1},
	    {"2020", "2030", 1},
	    /* 2022-03-01T00:30+01:00 is 2022-02-28T23:30Z. */
	    {"2022-03-01T00:30+01:00", "2022-04", 1},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ft_interval b = interval(cases[i].from, cases[i].to);
		CU_ASSERT_EQUAL(ft_interval_overlaps(&a, &b), cases[i].overlaps);
		CU_ASSERT_EQUAL(ft_interval_overlaps(&b, &a), cases[i].overlaps);
	}

	/* Adjacent months touch but share no microsecond. */
	ft_interval dec = interval(NULL, "2021-12");
	ft_interval jan = interval("2022-01", NULL);
	CU_ASSERT_FALSE(ft_interval_overlaps(&dec, &jan));
	ft_interval last = interval("2021-12-31T23:59:59.999999Z", NULL);
	CU_ASSERT_TRUE(ft_interval_overlaps(&dec, &last));
	CU_ASSERT_TRUE(ft_interval_overlaps(&last, &dec));
	ft_interval after = interval("2022-01-01T00:00:00.000000Z", NULL);
	CU_ASSERT_FALSE(ft_interval_overlaps(&dec, &after));
	CU_ASSERT_FALSE(ft_interval_overlaps(&after, &dec));

	/* Two open intervals in the same direction always overlap. */
	ft_interval early = interval(NULL, "0001");
	ft_interval late = interval(NULL, "9999");
	CU_ASSERT_TRUE(ft_interval_overlaps(&early, &late));
}

static void test_day_of(void)
{
	/* 2021-12-01T10:00:05.25Z lies in the day 2021-12-01 (DEC_1_2021). */
	ft_time d = ft_time_day(DEC_1_2021 + 10 * US_HOUR + INT64_C(5250000));
	CU_ASSERT_EQUAL(d.precision, FT_PRECISION_DAY);
	CU_ASSERT_EQUAL(ft_time_start(&d), DEC_1_2021);
	CU_ASSERT_EQUAL(ft_time_end(&d), DEC_1_2021 + US_DAY - 1);
	char buf[FT_TIME_BUFSIZE];
	ft_time_format(&d, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2021-12-01");
	/* The day's first and last microsecond stay in it. */
	CU_ASSERT_EQUAL(ft_time_day(DEC_1_2021).start_us, DEC_1_2021);
	CU_ASSERT_EQUAL(ft_time_day(DEC_1_2021 + US_DAY - 1).start_us, DEC_1_2021);
	/* Before 1970 the division floors: -1 us is 1969-12-31, which starts
	 * one day before the epoch. */
	d = ft_time_day(-1);
	CU_ASSERT_EQUAL(d.start_us, -US_DAY);
	ft_time_format(&d, buf);
	CU_ASSERT_STRING_EQUAL(buf, "1969-12-31");
	/* Outside the years 0001-9999 there is no day to name (it used to
	 * overflow at INT64_MIN): no value. */
	CU_ASSERT_FALSE(ft_time_is_set((d = ft_time_day(INT64_MIN), &d)));
	CU_ASSERT_FALSE(ft_time_is_set((d = ft_time_day(INT64_MAX), &d)));
	CU_ASSERT_FALSE(ft_time_is_set((d = ft_time_from_us(INT64_MIN), &d)));
	/* The edges themselves are days: 0001-01-01 starts 719,162 days
	 * before 1970 (GDate's day 1 against the epoch's 719,163), and
	 * 9999-12-31 is day 3,652,059, 2,932,896 days after 1970. */
	d = ft_time_day(-INT64_C(719162) * US_DAY);
	ft_time_format(&d, buf);
	CU_ASSERT_STRING_EQUAL(buf, "0001-01-01");
	CU_ASSERT_FALSE(ft_time_is_set((d = ft_time_day(-INT64_C(719162) * US_DAY - 1), &d)));
	d = ft_time_day(INT64_C(2932897) * US_DAY - 1);
	ft_time_format(&d, buf);
	CU_ASSERT_STRING_EQUAL(buf, "9999-12-31");
	CU_ASSERT_FALSE(ft_time_is_set((d = ft_time_day(INT64_C(2932897) * US_DAY), &d)));

	/* The nearest day: inside the range the day itself; less than a day
	 * outside it, the edge day (0001-01-01T00:00+23:59 starts 23:59 before
	 * the first microsecond); a day or more outside, none, and `out` is
	 * left as it was. */
	CU_ASSERT_EQUAL(ft_time_day_nearest(DEC_1_2021 + 5, &d), 0);
	CU_ASSERT_EQUAL(d.start_us, DEC_1_2021);
	CU_ASSERT_EQUAL(ft_time_day_nearest(-INT64_C(719162) * US_DAY - 1, &d), 0);
	ft_time_format(&d, buf);
	CU_ASSERT_STRING_EQUAL(buf, "0001-01-01");
	CU_ASSERT_EQUAL(ft_time_day_nearest(-INT64_C(719162) * US_DAY - (23 * 60 + 59) * US_MINUTE, &d), 0);
	CU_ASSERT_STRING_EQUAL((ft_time_format(&d, buf), buf), "0001-01-01");
	CU_ASSERT_EQUAL(ft_time_day_nearest(INT64_C(2932897) * US_DAY + US_HOUR, &d), 0);
	CU_ASSERT_STRING_EQUAL((ft_time_format(&d, buf), buf), "9999-12-31");
	CU_ASSERT_EQUAL(ft_time_day_nearest(-INT64_C(719163) * US_DAY, &d), -1);
	CU_ASSERT_STRING_EQUAL((ft_time_format(&d, buf), buf), "9999-12-31");
	CU_ASSERT_EQUAL(ft_time_day_nearest(INT64_C(2932898) * US_DAY, &d), -1);
	CU_ASSERT_EQUAL(ft_time_day_nearest(INT64_MIN, &d), -1);
	CU_ASSERT_EQUAL(ft_time_day_nearest(0, NULL), -1);

	/* As a GDate and back (values/time-private.h): 2021-12-01 10:00 is the
	 * GDate 2021-12-01, whose first microsecond is DEC_1_2021; -1 us is
	 * 1969-12-31 (floor division); beyond 9999-12-31 the day clamps to
	 * it. */
	GDate g;
	ft__time_date_of_us(DEC_1_2021 + 10 * US_HOUR, &g);
	CU_ASSERT_EQUAL(g_date_get_year(&g), 2021);
	CU_ASSERT_EQUAL(g_date_get_month(&g), G_DATE_DECEMBER);
	CU_ASSERT_EQUAL(g_date_get_day(&g), 1);
	CU_ASSERT_EQUAL(ft__time_us_of_date(&g), DEC_1_2021);
	ft__time_date_of_us(-1, &g);
	CU_ASSERT_EQUAL(g_date_get_year(&g), 1969);
	CU_ASSERT_EQUAL(g_date_get_day(&g), 31);
	CU_ASSERT_EQUAL(ft__time_us_of_date(&g), -US_DAY);
	ft__time_date_of_us(INT64_C(2932897) * US_DAY + US_HOUR, &g);
	CU_ASSERT_EQUAL(g_date_get_year(&g), 9999);
	CU_ASSERT_EQUAL(g_date_get_day(&g), 31);
}

/* The definition ft__time_is_canonical replaces: formats, and parses back
 * to the same fields. */
static int round_trips(const ft_time *t)
{
	if (t->precision == FT_PRECISION_NONE)
		return 1;
	char text[FT_TIME_BUFSIZE];
	ft_time back;
	if (ft_time_format(t, text) == 0 || ft_time_parse(text, &back, NULL) != 0)
		return 0;
	return back.start_us == t->start_us && back.offset_min == t->offset_min && back.precision == t->precision &&
	       back.frac_digits == t->frac_digits && back.zulu == t->zulu;
}

/* The check on the fields alone agrees with the round trip: on values the
 * parser made (accepted), on each field made wrong by one (refused), and
 * on a million values near the edges of every rule, drawn at random with
 * a fixed seed (as many accepted as refused, so that neither side is
 * vacuous). */
static void test_canonical(void)
{
	const char *good[] = {"2021",          "2021-12",           "2021-12-01",       "0001-01-01",
	                      "9999-12-31",    "2021-12-01T10:00Z", "2021-12-01T23:59+23:59",
	                      "0001-01-01T00:00+00:00", "2021-12-01T10:00:05.250-03:30", "9999-12-31T23:59:59.999999Z"};
	for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
		ft_time t;
		CU_ASSERT_EQUAL_FATAL(ft_time_parse(good[i], &t, NULL), 0);
		CU_ASSERT(ft__time_is_canonical(&t));
		ft_time bad = t;
		bad.start_us += 1; /* a microsecond past what the precision holds */
		CU_ASSERT(!ft__time_is_canonical(&bad));
		bad = t;
		bad.zulu = (uint8_t)(t.zulu ? 2 : t.precision >= FT_PRECISION_MINUTE && t.offset_min ? 1 : 3);
		CU_ASSERT(!ft__time_is_canonical(&bad));
		bad = t;
		bad.frac_digits = (uint8_t)(t.precision == FT_PRECISION_SECOND ? 7 : 1);
		CU_ASSERT(!ft__time_is_canonical(&bad));
		bad = t;
		bad.precision = 6;
		CU_ASSERT(!ft__time_is_canonical(&bad));
	}
	/* Past the years 0001-9999, by a day. */
	ft_time edge;
	ft_time_parse("0001-01-01", &edge, NULL);
	edge.start_us -= US_DAY;
	CU_ASSERT(!ft__time_is_canonical(&edge));
	ft_time_parse("9999-12-31T23:59Z", &edge, NULL);
	edge.start_us += US_DAY;
	CU_ASSERT(!ft__time_is_canonical(&edge));

	GRand *rng = g_rand_new_with_seed(20211201);
	size_t agree = 0, accepted = 0, n = 1000000;
	const int64_t units[] = {1, 1000, 1000000, 60000000, 3600000000, US_DAY};
	for (size_t i = 0; i < n; i++) {
		ft_time t;
		/* Days around the epoch, year 1 and year 9999, at a whole unit. */
		const int64_t days[] = {-719162, 0, 18962, 2932896};
		int64_t day = days[g_rand_int_range(rng, 0, 4)] + g_rand_int_range(rng, -400, 400);
		t.start_us = day * US_DAY + units[g_rand_int_range(rng, 0, 6)] * g_rand_int_range(rng, 0, 3);
		t.offset_min = (int16_t)(g_rand_boolean(rng) ? 0 : g_rand_int_range(rng, -1500, 1500));
		t.precision = (uint8_t)g_rand_int_range(rng, 0, 7);
		t.frac_digits = (uint8_t)g_rand_int_range(rng, 0, 8);
		t.zulu = (uint8_t)g_rand_int_range(rng, 0, 3);
		if (g_rand_int_range(rng, 0, 4)) {
			/* Mostly the shape the parser makes, to reach the deeper rules. */
			if (t.precision < FT_PRECISION_MINUTE)
				t.offset_min = 0, t.zulu = 0;
			if (t.precision != FT_PRECISION_SECOND)
				t.frac_digits = 0;
			if (t.zulu)
				t.offset_min = 0, t.zulu = 1;
		}
		int want = round_trips(&t);
		agree += want == ft__time_is_canonical(&t);
		accepted += (size_t)want;
	}
	g_rand_free(rng);
	CU_ASSERT_EQUAL(agree, n);
	CU_ASSERT(accepted > n / 10 && accepted < n - n / 10);
}

static const ft_test tests[] = {
    {"canonical on the fields, as the round trip", test_canonical},
    {"day of a microsecond", test_day_of},
    {"forms", test_forms},
    {"leap years", test_leap_years},
    {"impossible values", test_impossible},
    {"malformed values", test_malformed},
    {"message quoting and NULL", test_message_quoting},
    {"format round trip", test_format_round_trip},
    {"start and end", test_start_end},
    {"offsets", test_offsets},
    {"containment", test_containment},
    {"compare", test_compare},
    {"from microseconds", test_from_us},
    {"interval bounds", test_interval_bounds},
    {"interval check", test_interval_check},
    {"interval contains", test_interval_contains},
    {"interval overlaps", test_interval_overlaps},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("time", tests);
}
