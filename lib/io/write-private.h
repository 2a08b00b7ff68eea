/*
 * What the two writers share: io/write.c saves a dataset as one document,
 * io/write-lines.c as JSON Lines (docs/format.md section 7) and appends lines
 * to such a file. Both write each entity as the same canonical JSON object
 * (the key order and the defaults left out of docs/format.md 9g); only the
 * layout around it differs. Both hand their output to a file through the
 * same buffer, and replace a file the same atomic way.
 */
#ifndef FT_IO_WRITE_PRIVATE_H
#define FT_IO_WRITE_PRIVATE_H

#include <glib.h>
#include <jansson.h>
#include <sys/stat.h>

#include "forcetrack/io.h"
#include "model/dataset-private.h"

/* Any one entity's description, for code that handles every kind. */
/* Fills `out` with entity `i` of `kind` (as ft_actor_describe and the
 * others do) and returns the member of `out` that was filled. */
const void *ft__describe_at(const ft_dataset *ds, ft__kind kind, size_t i, ft__desc *out);

/*
 * The canonical JSON object of an entity, built from its description:
 * defined keys in the order of docs/format.md 9g with defaults and empty
 * arrays left out, then the extensions. `path` names the entity in
 * messages ("claims[17]", or "claim" for a line). Returns a new reference,
 * or NULL with FT_EFORMAT in `err` (text that is not UTF-8, an extension
 * value that is not JSON: what the model's own checks let through only
 * when a description bypassed them).
 */
json_t *ft__entity_json(ft__kind kind, const void *desc, const char *path, ft_error *err);

/*
 * The dataset metadata as JSON: `*dataset` is the `dataset` object, or
 * NULL when the dataset has none of its fields or extensions; `*top` is an
 * object holding the document's top-level extensions in their order, or
 * NULL when there are none. Returns 0, or a negative code with `err`
 * filled and both NULL.
 */
int ft__info_json(const ft_dataset_info *info, json_t **dataset, json_t **top, ft_error *err);

/* Output is handed to the file in pieces of about this size. */
#define FT__FLUSH_SIZE ((size_t)64 * 1024)

/* Where output goes: kept in `buf` (fd -1), handed to `fd` in pieces, or
 * with `sum` fed to that checksum in pieces and let go (the content hash,
 * io/snapshot-write.c). */
typedef struct ft__writer {
	GString *buf;
	int fd;
	const char *path;
	ft_error *err;
	GChecksum *sum;
} ft__writer;

/* Hands the output to the file once enough has gathered (or always when
 * `all`); a writer without a file keeps it. Returns 0 or FT_EIO. */
int ft__writer_flush(ft__writer *w, int all);

/* Writes a whole encoding of `ds` through `w`. */
typedef int (*ft__write_fn)(ft__writer *w, const ft_dataset *ds);

/* The two encodings: a document (io/write.c), JSON Lines (io/write-lines.c). */
int ft__write_document(ft__writer *w, const ft_dataset *ds);
int ft__write_lines(ft__writer *w, const ft_dataset *ds);
/* The snapshot (io/snapshot-write.c): built whole in memory, then handed on. */
int ft__write_snapshot(ft__writer *w, const ft_dataset *ds);

/* The encoding as a string (ft_free), or NULL with `err` filled. */
char *ft__save_string(const ft_dataset *ds, ft__write_fn write, ft_error *err);

/* Replaces `path` atomically with the encoding, under its lock (see
 * io/replace.c for links, permissions, owners and failures). */
int ft__save_file(const ft_dataset *ds, const char *path, ft__write_fn write, ft_error *err);

/* Writes all of `len` bytes, through short writes and interruptions.
 * Returns 0, or -1 with errno set. */
int ft__write_all(int fd, const char *data, size_t len);
/* The same at offset `at` (pwrite), leaving the file position alone. */
int ft__pwrite_all(int fd, const char *data, size_t len, off_t at);

/* Fills `err` with FT_EIO: "cannot write "PATH": the reason". */
int ft__write_error(ft_error *err, const char *path, int errnum);

/* One entity's JSON Lines line, {"actor":{...}} and a newline, appended to
 * `out`. Takes no reference to `obj`. */
void ft__lines_emit(GString *out, ft__kind kind, json_t *obj);

/*
 * A writer's exclusive hold on an existing file (io/lock.c): `fd` is open
 * on it with the flags asked for, flock(LOCK_EX) is held on it, and `st`
 * is its fstat under the lock. A path that is not a regular file is
 * opened but not locked.
 */
typedef struct ft__lock {
	int fd;
	struct stat st;
} ft__lock;

/* Opens `path` with `flags` (O_RDONLY, O_RDWR) and waits for its lock,
 * opening it again when it was replaced meanwhile. Returns 0, or -1 with
 * errno set (ENOENT: there is no such file) and lock->fd -1. */
int ft__lock_file(const char *path, int flags, ft__lock *lock);

/* Lets go of the lock and closes the file; nothing when lock->fd is -1. */
void ft__unlock_file(ft__lock *lock);

/*
 * Fault injection for tests: when set, called at named points of a write
 * ("append:written": the batch is written and synced, not committed;
 * "save:written": the new contents are written and synced, not yet in
 * place; "save:loaded": a rewrite holds the lock and has loaded the file;
 * "lock:wait": about to wait for a lock). A test makes its child process
 * stop there, to see what a crash at that moment leaves.
 */
extern void (*ft__io_hook)(const char *point);
void ft__io_point(const char *point);

#endif
