/*
 * Appending entity lines to a JSON Lines file (ft_lines_file_append): the new
 * lines are checked against the file as a reader would check them, then
 * added canonically with one write and synced, so that a crash leaves at
 * most a torn last line behind what was there.
 */
#include "io/write-private.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error-private.h"
#include "forcetrack/io.h"
#include "io/read-private.h"

/*
 * Refuses a file whose last line does not end in a newline: lines
 * appended behind it would be glued to it. Usually the line is torn (a
 * crash during an earlier append), which a load with recover_torn drops;
 * a line that is whole JSON only lacks its newline, which is said
 * differently because recovery would keep it. The line number is counted
 * as a reader counts it. A file that cannot be read or is empty is left
 * for the load to report.
 */
static int check_not_torn(const char *path, ft_error *err)
{
	struct stat st;
	char last;
	char *tail = NULL;
	json_t *whole = NULL;
	int rc = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
	    pread(fd, &last, 1, st.st_size - 1) != 1 || last == '\n')
		goto cleanup;

	/* Count the lines before the last, and find where it starts. */
	char chunk[64 * 1024];
	ssize_t got;
	off_t at = 0, start = 0;
	long lines = 0;
	if (lseek(fd, 0, SEEK_SET) < 0)
		goto cleanup;
	while ((got = read(fd, chunk, sizeof chunk)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			goto cleanup;
		}
		for (const char *p = chunk; (p = memchr(p, '\n', (size_t)(chunk + got - p))) != NULL; p++) {
			lines++;
			start = at + (p - chunk) + 1;
		}
		at += got;
	}
	size_t tail_len = (size_t)(st.st_size - start);
	tail = g_malloc(tail_len);
	if (pread(fd, tail, tail_len, start) == (ssize_t)tail_len)
		whole = json_loadb(tail, tail_len, JSON_REJECT_DUPLICATES, NULL);
	if (whole)
		rc = ft__error_set(
		    err, FT_ETORN, NULL,
		    "the file's last line %ld does not end in a newline: add one before appending",
		    lines + 1);
	else
		rc = ft__error_set(err, FT_ETORN, NULL,
		                   "the file ends in a torn line %ld: run with recovery first", lines + 1);
	ft__error_set_file(err, path);
	err->line = lines + 1 > INT_MAX ? INT_MAX : (int)(lines + 1);

cleanup:
	json_decref(whole);
	g_free(tail);
	close(fd);
	return rc;
}

/* The kind of the entity that `ds` holds one more of than `before` says. */
static int added_kind(const ft_dataset *ds, const size_t before[FT__KIND_COUNT])
{
	for (int k = 0; k < FT__KIND_COUNT; k++)
		if (ft__dataset_count(ds, (ft__kind)k) != before[k])
			return k;
	return -1;
}

/*
 * Checks `lines` against the dataset of `path` line by line, as a reader
 * would if they followed the file, and gathers their canonical lines in
 * `out`. Each line goes through the reader alone so that the new lines
 * keep their order whatever their kinds. `err` is not NULL.
 */
static int check_lines(ft_dataset *ds, const char *lines, size_t len, const char *name, GString *out,
                       ft_error *err)
{
	int rc;
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	ft__errlist errs;
	opts.encoding = FT_ENCODING_LINES;
	opts.threads = 1;
	opts.max_errors = 1;
	ft__errlist_init_load(&errs, name, &opts);
	const char *p = lines;
	const char *end = lines + len;
	int line = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		size_t before[FT__KIND_COUNT];
		for (int k = 0; k < FT__KIND_COUNT; k++)
			before[k] = ft__dataset_count(ds, (ft__kind)k);
		if (line == INT_MAX)
			return ft__error_set(err, FT_ELIMIT, NULL, "more than %d lines", INT_MAX);
		ft__lines_add(ds, p, (size_t)(next - p), line, &opts, &errs);
		line++;
		if (errs.count) {
			ft__errlist_copy_first(&errs, err);
			return ft__errlist_code(&errs);
		}
		int kind = added_kind(ds, before);
		if (kind < 0) {
			/* The reader refuses a line without an entity; a line
			 * it passed without adding one would be lost. */
			rc = ft__error_set(err, FT_ESYNTAX, NULL, "no entity on this line");
			ft__error_set_file(err, name);
			err->line = line;
			return rc;
		}
		char path[FT_ERROR_PATH_SIZE];
		ft__desc d;
		size_t i = before[kind];
		g_snprintf(path, sizeof path, "%s[%zu]", ft__kind_plural[kind], i);
		json_t *obj =
		    ft__entity_json((ft__kind)kind, ft__describe_at(ds, (ft__kind)kind, i, &d), path, err);
		if (!obj) {
			ft__error_set_file(err, name);
			return err->code;
		}
		ft__lines_emit(out, (ft__kind)kind, obj);
		json_decref(obj);
		p = next;
	}
	return 0;
}

int ft_lines_file_append(const char *path, const char *lines, size_t len, const char *name, ft_error *err)
{
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	ft_dataset *ds = NULL;
	GString *out = NULL;
	ft_error e;
	int fd = -1;
	int closed;
	int rc;

	ft_error_clear(err);
	ft_error_clear(&e);
	if (!path || !*path || (!lines && len))
		return ft__error_set(err, FT_EINVAL, NULL, "%s",
		                     path && *path ? "NULL lines" : "no path to append to");
	if (!name)
		name = "<lines>";

	rc = check_not_torn(path, &e);
	if (rc)
		goto cleanup;
	opts.encoding = FT_ENCODING_LINES;
	ds = ft_dataset_load_file(path, &opts, &e);
	if (!ds) {
		rc = e.code ? e.code : FT_EFORMAT;
		goto cleanup;
	}
	out = g_string_new(NULL);
	rc = check_lines(ds, lines ? lines : "", len, name, out, &e);
	if (rc || out->len == 0)
		goto cleanup;

	/* One write, so that a crash leaves the new lines whole, absent or
	 * torn at the end; never anything in the middle of the file. */
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0 || ft__write_all(fd, out->str, out->len) < 0 || fsync(fd) < 0) {
		rc = ft__write_error(&e, path, errno);
		goto cleanup;
	}
	closed = close(fd);
	fd = -1;
	if (closed < 0)
		rc = ft__write_error(&e, path, errno);

cleanup:
	if (fd >= 0)
		close(fd);
	if (out)
		g_string_free(out, TRUE);
	ft_dataset_free(ds);
	if (rc && err)
		*err = e;
	return rc;
}
