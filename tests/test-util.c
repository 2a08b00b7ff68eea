/*
 * The shared CUnit runner and file helpers used by every suite.
 */
#include "test-util.h"

#include <CUnit/Basic.h>
#include <glib.h>
#include <stdio.h>

int ft_test_run(const char *suite_name, const ft_test *tests)
{
	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
		return 2;
	}
	CU_pSuite suite = CU_add_suite(suite_name, NULL, NULL);
	if (!suite) {
		fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	for (const ft_test *t = tests; t->name; t++) {
		if (!CU_add_test(suite, t->name, t->fn)) {
			fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
			CU_cleanup_registry();
			return 2;
		}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	unsigned failures = CU_get_number_of_failures();
	unsigned tests_failed = CU_get_number_of_tests_failed();
	int error = CU_get_error() != CUE_SUCCESS;
	CU_cleanup_registry();
	return (failures || tests_failed || error) ? 1 : 0;
}

char *ft_test_source_path(const char *relative)
{
	return g_build_filename(FT_SOURCE_DIR, relative, NULL);
}

char *ft_test_read_file(const char *path, size_t *len)
{
	char *text = NULL;
	gsize n = 0;
	if (!g_file_get_contents(path, &text, &n, NULL))
		return NULL;
	if (len)
		*len = n;
	return text;
}
