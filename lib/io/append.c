/*
 * Appending entity lines to a JSON Lines file (ft_lines_file_append), and
 * recovering one that an append left unfinished (ft_lines_file_recover).
 * The new lines are checked against the file as a reader would check
 * them, and added canonically, all or none, while the file's lock
 * (io/lock.c) keeps every other writer out from the check to the end of
 * the write. The batch is committed by its first byte: the lines are
 * written at the end of the file with the first byte, always the "{" of
 * the first line, written as NUL, and synced; then that one byte is
 * written as "{" and synced. A crash before the second sync leaves a
 * line that begins with NUL, which no committed file holds (JSON text has
 * no raw NUL), and the reader (io/read-lines.c) knows it and everything
 * after it as an append that was never committed: refused, or dropped by
 * recover_torn. A filesystem that extends a file with zeros at a crash
 * leaves the same NUL. A write that fails (a full disk, a size limit) is
 * undone at once: the file is truncated back to its old size.
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

/* What the end of a file is like: whole, or left so by an append. */
typedef enum tail_kind {
	TAIL_WHOLE,      /* empty, or ends in "\n" with every line committed */
	TAIL_NO_NEWLINE, /* the last line is whole JSON but lacks its "\n" */
	TAIL_TORN,       /* the last line lacks its "\n" and is not JSON: torn */
	TAIL_PENDING     /* from a line that begins with NUL: never committed */
} tail_kind;

typedef struct tail {
	tail_kind kind;
	off_t cut;       /* where the damage begins (the last line, the batch) */
	long first_line; /* its line number, as a reader counts */
	long lines;      /* the lines it spans (a last line without "\n" counts) */
} tail;

/*
 * Reads the file of `fd` (`size` bytes) to find how it ends, counting
 * lines as a reader counts them. Returns 0, or -1 with errno set.
 */
static int scan_tail(int fd, off_t size, tail *t)
{
	char chunk[64 * 1024];
	off_t at = 0, start = 0; /* where the chunk, and the current line, begin */
	long lines = 0;          /* "\n" seen so far */
	int line_start = 1;
	memset(t, 0, sizeof *t);
	t->kind = TAIL_WHOLE;
	t->cut = size;
	while (at < size) {
		size_t want = (size_t)(size - at) < sizeof chunk ? (size_t)(size - at) : sizeof chunk;
		ssize_t got = pread(fd, chunk, want, at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break; /* shorter than fstat said: what was read is the file */
		for (ssize_t i = 0; i < got; i++) {
			if (line_start && chunk[i] == '\0' && t->kind != TAIL_PENDING) {
				t->kind = TAIL_PENDING;
				t->cut = at + i;
				t->first_line = lines + 1;
			}
			line_start = chunk[i] == '\n';
			if (line_start) {
				lines++;
				start = at + i + 1;
			}
		}
		at += got;
	}
	size = at;
	if (t->kind == TAIL_PENDING) {
		t->lines = lines - (t->first_line - 1) + !line_start;
		return 0;
	}
	if (size == 0 || line_start)
		return 0;
	/* The last line lacks its "\n": whole JSON, or torn. */
	size_t len = (size_t)(size - start);
	char *text = g_malloc(len);
	json_t *whole = NULL;
	if (pread(fd, text, len, start) == (ssize_t)len)
		whole = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	g_free(text);
	t->kind = whole ? TAIL_NO_NEWLINE : TAIL_TORN;
	json_decref(whole);
	t->cut = start;
	t->first_line = lines + 1;
	t->lines = 1;
	return 0;
}

/* The refusal of an append to a file whose end `t` describes. */
static int tail_error(const tail *t, const char *path, ft_error *err)
{
	int rc;
	if (t->kind == TAIL_NO_NEWLINE)
		rc = ft__error_set(err, FT_ETORN, NULL,
		                   "the file's last line %ld does not end in a newline: add one before "
		                   "appending (recovery adds it)",
		                   t->first_line);
	else if (t->kind == TAIL_TORN)
		rc =
		    ft__error_set(err, FT_ETORN, NULL,
		                  "the file ends in a torn line %ld (an append that did not finish): drop it "
		                  "with recovery first (forcetrack append --recover)",
		                  t->first_line);
	else if (t->lines == 1)
		rc = ft__error_set(err, FT_ETORN, NULL,
		                   "line %ld is an append that was never committed: drop it with recovery "
		                   "first (forcetrack append --recover)",
		                   t->first_line);
	else
		rc = ft__error_set(err, FT_ETORN, NULL,
		                   "lines %ld to %ld are an append that was never committed: drop them with "
		                   "recovery first (forcetrack append --recover)",
		                   t->first_line, t->first_line + t->lines - 1);
	ft__error_set_file(err, path);
	err->line = t->first_line > INT_MAX ? INT_MAX : (int)t->first_line;
	return rc;
}

/* A stream reading the locked file from its start, through a descriptor
 * of its own that shares the lock's open file (closing it keeps the
 * lock). NULL with errno set. */
static FILE *open_stream(int fd)
{
	if (lseek(fd, 0, SEEK_SET) < 0)
		return NULL;
	int copy = dup(fd);
	if (copy < 0)
		return NULL;
	FILE *fp = fdopen(copy, "rb");
	if (!fp)
		close(copy);
	return fp;
}

/* 1 when the whole file is one JSON object: a document, which lines
 * cannot be appended to (an empty file, or text that is no JSON, is
 * not one). Read only when a load as JSON Lines has failed. */
static int is_document(int fd)
{
	FILE *fp = open_stream(fd);
	if (!fp)
		return 0;
	json_t *root = json_loadf(fp, 0, NULL);
	fclose(fp);
	int document = json_is_object(root);
	json_decref(root);
	return document;
}

/*
 * Loads the locked file as JSON Lines (dropping a torn end with
 * `recover`). A file that is a document is said to be one, whatever the
 * reader found wrong with it as lines. NULL with `err` filled.
 */
static ft_dataset *load_locked(const ft__lock *lock, const char *path, int recover, int *document,
                               ft_error *err)
{
	*document = 0;
	ft_load_options opts = FT_LOAD_OPTIONS_INIT;
	opts.encoding = FT_ENCODING_LINES;
	opts.recover_torn = recover;
	FILE *fp = open_stream(lock->fd);
	if (!fp) {
		ft__error_set(err, FT_EIO, NULL, "cannot read: %s", g_strerror(errno));
		ft__error_set_file(err, path);
		return NULL;
	}
	ft_dataset *ds = ft_dataset_load_stream(fp, path, &opts, err);
	fclose(fp);
	if (!ds && is_document(lock->fd)) {
		*document = 1;
		ft_error_clear(err);
		ft__error_set(err, FT_EFORMAT, NULL,
		              "this is a JSON document, not JSON Lines: lines can only be appended to a "
		              "JSON Lines file (forcetrack convert writes one)");
		ft__error_set_file(err, path);
	}
	if (!ds && err && !err->code)
		ft__error_set(err, FT_EFORMAT, NULL, "could not be loaded");
	return ds;
}

/* Takes the lock on `path` for writing; FT_EIO in `err` when it cannot. */
static int lock_for_writing(const char *path, ft__lock *lock, ft_error *err)
{
	if (ft__lock_file(path, O_RDWR, lock) < 0) {
		int rc = ft__error_set(err, FT_EIO, NULL, "cannot open for appending: %s", g_strerror(errno));
		ft__error_set_file(err, path);
		return rc;
	}
	if (!S_ISREG(lock->st.st_mode)) {
		ft__unlock_file(lock);
		int rc = ft__error_set(err, FT_EIO, NULL, "cannot append: not a regular file");
		ft__error_set_file(err, path);
		return rc;
	}
	return 0;
}

/*
 * Writes the canonical lines `out` at `at`, the end of the file, and
 * commits them by their first byte (see the top of this file). On any
 * failure the file is truncated back to `at` and FT_EIO is returned; if
 * even that fails, the NUL first byte still marks the batch as never
 * committed. `out` is changed.
 */
static int write_batch(int fd, off_t at, GString *out, const char *path, ft_error *err)
{
	g_assert(out->len > 0 && out->str[0] == '{');
	out->str[0] = '\0';
	if (ft__pwrite_all(fd, out->str, out->len, at) < 0 || fsync(fd) < 0)
		goto fail;
	ft__io_point("append:written");
	if (ft__pwrite_all(fd, "{", 1, at) < 0 || fsync(fd) < 0)
		goto fail;
	return 0;

fail:;
	int saved = errno;
	if (ftruncate(fd, at) == 0)
		(void)fsync(fd);
	return ft__write_error(err, path, saved);
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

/* Takes the file's lock (lock_for_writing) and finds how it ends under
 * it, for an append or a recovery; 0, or a code with `e` filled. */
static int lock_and_scan(const char *path, ft__lock *lock, tail *t, ft_error *e)
{
	int rc = lock_for_writing(path, lock, e);
	if (rc)
		return rc;
	if (scan_tail(lock->fd, lock->st.st_size, t) < 0) {
		rc = ft__error_set(e, FT_EIO, NULL, "cannot read: %s", g_strerror(errno));
		ft__error_set_file(e, path);
	}
	return rc;
}

int ft_lines_file_append(const char *path, const char *lines, size_t len, const char *name, ft_error *err)
{
	ft__lock lock = {-1, {0}};
	ft_dataset *ds = NULL;
	GString *out = NULL;
	ft_error e;
	tail t;
	int document;
	int rc;

	ft_error_clear(err);
	ft_error_clear(&e);
	if (!path || !*path || (!lines && len))
		return ft__error_set(err, FT_EINVAL, NULL, "%s",
		                     path && *path ? "NULL lines" : "no path to append to");
	if (!name)
		name = "<lines>";

	/* From the check to the end of the write, no other writer. */
	rc = lock_and_scan(path, &lock, &t, &e);
	if (rc)
		goto cleanup;
	ds = load_locked(&lock, path, 0, &document, &e);
	if (!ds || t.kind != TAIL_WHOLE) {
		/* A document is said to be one; a torn or unfinished end
		 * is said with the way out of it. */
		if (!document && t.kind != TAIL_WHOLE && (ds || e.code == FT_ETORN))
			rc = tail_error(&t, path, &e);
		else
			rc = e.code;
		goto cleanup;
	}
	out = g_string_new(NULL);
	rc = check_lines(ds, lines ? lines : "", len, name, out, &e);
	if (rc || out->len == 0)
		goto cleanup;
	rc = write_batch(lock.fd, lock.st.st_size, out, path, &e);

cleanup:
	ft__unlock_file(&lock);
	if (out)
		g_string_free(out, TRUE);
	ft_dataset_free(ds);
	if (rc && err)
		*err = e;
	return rc;
}

int ft_lines_file_recover(const char *path, ft_recovery *out, ft_error *err)
{
	ft__lock lock = {-1, {0}};
	ft_dataset *ds = NULL;
	ft_recovery done = {0, 0, 0, 0};
	ft_error e;
	tail t;
	int document;
	int rc;

	ft_error_clear(err);
	ft_error_clear(&e);
	if (out)
		*out = done;
	if (!path || !*path)
		return ft__error_set(err, FT_EINVAL, NULL, "no path to recover");
	rc = lock_and_scan(path, &lock, &t, &e);
	if (rc)
		goto cleanup;
	/* Only what an append left unfinished is dropped, and only when
	 * what comes before it loads: anything else wrong with the file is
	 * reported, and nothing is changed. */
	ds = load_locked(&lock, path, 1, &document, &e);
	if (!ds) {
		rc = e.code;
		goto cleanup;
	}
	if (t.kind == TAIL_WHOLE)
		goto cleanup;
	done.first_line = t.first_line > INT_MAX ? INT_MAX : (int)t.first_line;
	if (t.kind == TAIL_NO_NEWLINE) {
		if (ft__pwrite_all(lock.fd, "\n", 1, lock.st.st_size) < 0 || fsync(lock.fd) < 0) {
			rc = ft__write_error(&e, path, errno);
			if (ftruncate(lock.fd, lock.st.st_size) == 0)
				(void)fsync(lock.fd);
			goto cleanup;
		}
		done.newline_added = 1;
	} else {
		if (ftruncate(lock.fd, t.cut) < 0 || fsync(lock.fd) < 0) {
			rc = ft__write_error(&e, path, errno);
			goto cleanup;
		}
		done.lines = t.lines > INT_MAX ? INT_MAX : (int)t.lines;
		done.bytes = (size_t)(lock.st.st_size - t.cut);
	}
	if (out)
		*out = done;

cleanup:
	ft__unlock_file(&lock);
	ft_dataset_free(ds);
	if (rc && err)
		*err = e;
	return rc;
}
