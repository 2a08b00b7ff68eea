/*
 * The shared parts of the export formats' suites: loading datasets from
 * the source tree, situation reports on a date, and golden files.
 */
#include "report-util.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

ft_dataset *report_load(const char *relative)
{
	char *path = ft_test_source_path(relative);
	ft_error err;
	ft_dataset *ds = ft_dataset_load_file(path, NULL, &err);
	if (!ds) {
		char line[1024];
		ft_error_format(&err, line, sizeof line);
		fprintf(stderr, "\n    %s does not load: %s\n", relative, line);
	}
	g_free(path);
	return ds;
}

ft_time report_time(const char *text)
{
	ft_time t;
	memset(&t, 0, sizeof t);
	CU_ASSERT_EQUAL_FATAL(ft_time_parse(text, &t, NULL), 0);
	return t;
}

ft_situation *report_situation(const ft_dataset *ds, const char *at, const char *known_on)
{
	ft_situation_options o = FT_SITUATION_OPTIONS_INIT;
	o.at = report_time(at);
	if (known_on)
		o.known_on = report_time(known_on);
	ft_situation *s = NULL;
	ft_error err;
	CU_ASSERT_EQUAL(ft_situation_new(ds, &o, &s, &err), 0);
	return s;
}

ft_situation *report_open(const char *relative, const char *at, const char *known_on, ft_dataset **ds)
{
	*ds = report_load(relative);
	CU_ASSERT_PTR_NOT_NULL_FATAL(*ds);
	ft_situation *s = report_situation(*ds, at, known_on);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

void report_estimate(const ft_dataset *ds, const char *actor, const char *region, const char *at,
                     ft_estimate *est)
{
	ft_estimate_options o = FT_ESTIMATE_OPTIONS_INIT;
	o.at = report_time(at);
	o.known_on = o.at;
	ft_error err;
	CU_ASSERT_EQUAL_FATAL(ft_estimate_compute(ds, ft_dataset_find_actor(ds, actor),
	                                          ft_dataset_find_region(ds, region), NULL, &o, est, &err),
	                      0);
}

/* The 1-based number of the first line where `a` and `b` differ. */
static size_t first_difference(const char *a, const char *b)
{
	size_t line = 1;
	for (; *a && *a == *b; a++, b++)
		line += *a == '\n';
	return line;
}

void report_golden(const char *name, const char *text)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	char *relative = g_build_filename("tests", "data", "reports", name, NULL);
	char *path = ft_test_source_path(relative);
	size_t len = 0;
	char *golden = ft_test_read_file(path, &len);
	int same = golden && len == strlen(text) && memcmp(golden, text, len) == 0;
	if (!same) {
		if (golden)
			fprintf(stderr, "\n    %s differs from the report from line %zu on\n", relative,
			        first_difference(golden, text));
		else
			fprintf(stderr, "\n    %s cannot be read\n", relative);
		const char *update = getenv("FT_UPDATE_GOLDEN");
		if (update && strcmp(update, "1") == 0 && g_file_set_contents(path, text, -1, NULL))
			fprintf(stderr,
			        "    rewrote it (FT_UPDATE_GOLDEN=1): read it before committing it\n");
	}
	CU_ASSERT(same);
	g_free(golden);
	g_free(path);
	g_free(relative);
}
