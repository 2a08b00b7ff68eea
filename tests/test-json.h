/*
 * Reading members of JSON the suites parsed back (test_cli.c from the
 * program's --json output, test_report.c from the library's reports):
 * an integer member, asserted to be one, and a string member, with a
 * placeholder that no expected value equals when it is not a string.
 */
#ifndef FT_TEST_JSON_H
#define FT_TEST_JSON_H

#include <CUnit/CUnit.h>
#include <jansson.h>

static inline json_int_t int_member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	CU_ASSERT(json_is_integer(v));
	return json_integer_value(v);
}

static inline const char *str_member(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(not a string)";
}

#endif
