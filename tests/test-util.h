/*
 * The small harness every CUnit suite shares: register a suite from a
 * NULL-terminated table, run it, and turn the outcome into an honest exit
 * status (CU_basic_run_tests alone returns success even when assertions
 * fail). Also paths into the source tree for data-driven tests.
 */
#ifndef FT_TEST_UTIL_H
#define FT_TEST_UTIL_H

#include <CUnit/CUnit.h>

typedef struct ft_test {
	const char *name;
	void (*fn)(void);
} ft_test;

/* Runs the tests of one suite; returns the process exit status. */
int ft_test_run(const char *suite, const ft_test *tests);

/* A path under the source tree (tests/data/...); release with g_free. */
char *ft_test_source_path(const char *relative);

/* Reads a whole file into a NUL-terminated string (g_free), or NULL. */
char *ft_test_read_file(const char *path, size_t *len);

#endif
