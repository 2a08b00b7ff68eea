/*
 * Replacing a file atomically with a save (ft__save_file), a rewrite
 * (ft_dataset_rewrite_file) or a caller's own contents (ft_file_replace,
 * which the forcetrack program's -o uses for its reports): the new
 * contents are written to a file in the
 * same directory, synced and renamed over the old one, while the old one's
 * lock (io/lock.c) keeps appends out. The file respects what it replaces:
 *
 * - A symbolic link is followed (at most MAX_LINKS deep, relative targets
 *   from the link's directory) and its target is replaced; the link stays.
 * - A file with more than one hard link is refused: a rename would give
 *   this name new contents and leave the other names the old ones, and
 *   writing in place to keep them would not be atomic. The message says so.
 * - The permission bits are kept, but never set-user-id or set-group-id,
 *   which no file this library creates carries; owner and group are kept
 *   where the process may set them (the group alone when only that is
 *   permitted, neither for an unprivileged process that may not).
 *
 * Where the system has O_TMPFILE (Linux), the new contents go to an unnamed
 * file, which a kill or a crash during the write leaves nowhere: it has no
 * name to leave behind. It gets a name once complete: the target's own
 * when there is no target yet (linkat fails rather than replace one); else
 * a temporary ".NAME.XXXXXX" renamed over the target at once, the
 * catchable signals held back between the two calls so that an interrupt
 * or a terminate cannot land between them (a SIGKILL or a power loss there
 * still can: the window is two system calls). Elsewhere, or where the
 * filesystem refuses O_TMPFILE or the link, the temporary file is named
 * from the start, as before, and removed on any failure the process lives
 * through.
 */
#define _GNU_SOURCE /* O_TMPFILE, AT_EMPTY_PATH */

#include "io/write-private.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error-private.h"
#include "forcetrack/io.h"

/* Symbolic links followed before giving up with ELOOP (Linux's limit). */
#define MAX_LINKS 40

/* The bits a replacement may carry over: never set-user-id or -group-id. */
#define KEPT_MODE (07777 & ~(mode_t)(S_ISUID | S_ISGID))

/*
 * Makes the rename durable. Some filesystems cannot sync a directory and
 * say so with EINVAL; the rename has happened there all the same.
 */
static int sync_directory(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int saved = errno;
	close(fd);
	if (rc < 0 && saved != EINVAL) {
		errno = saved;
		return -1;
	}
	return 0;
}

/*
 * The file `path` names once its symbolic links are followed (a new
 * string), or NULL with errno set (ELOOP past MAX_LINKS). A dangling
 * link names the file it would create.
 */
static char *resolve_links(const char *path)
{
	char *p = g_strdup(path);
	for (int depth = 0; depth <= MAX_LINKS; depth++) {
		struct stat st;
		if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode))
			return p; /* no such file (yet), or not a link */
		char *target = g_file_read_link(p, NULL);
		if (!target)
			break;
		if (!g_path_is_absolute(target)) {
			char *dir = g_path_get_dirname(p);
			char *joined = g_build_filename(dir, target, NULL);
			g_free(dir);
			g_free(target);
			target = joined;
		}
		g_free(p);
		p = target;
	}
	g_free(p);
	errno = ELOOP;
	return NULL;
}

/* A fresh temporary name beside `target`: ".NAME.XXXXXX". */
static char *temp_name(const char *dir, const char *base)
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char suffix[7];
	for (int i = 0; i < 6; i++)
		suffix[i] = chars[g_random_int_range(0, (gint32)sizeof chars - 1)];
	suffix[6] = '\0';
	return g_strdup_printf("%s%c.%s.%s", dir, G_DIR_SEPARATOR, base, suffix);
}

/* Gives the unnamed file `fd` the name `name`; -1 with errno (EEXIST when
 * the name is taken). */
static int link_unnamed(int fd, const char *name)
{
#ifdef AT_EMPTY_PATH
	/* Needs CAP_DAC_READ_SEARCH; /proc/self/fd does not. */
	if (linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH) == 0)
		return 0;
	if (errno == EEXIST)
		return -1;
#endif
	char proc[64];
	g_snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
}

/*
 * Puts the unnamed file `fd` in place of `target` (see the top of this
 * file). Returns 0, or -1 with errno and nothing changed; *cannot is set
 * when the system cannot link it at all (try a named file instead).
 */
static int place_unnamed(int fd, const char *target, const char *dir, const char *base, int exists,
                         int *cannot)
{
	*cannot = 0;
	if (!exists) {
		if (link_unnamed(fd, target) == 0)
			return 0;
		if (errno != EEXIST) {
			*cannot = 1;
			return -1;
		}
		/* Created meanwhile by someone else: replace it as usual. */
	}
	sigset_t held, old;
	sigemptyset(&held);
	sigaddset(&held, SIGINT);
	sigaddset(&held, SIGTERM);
	sigaddset(&held, SIGHUP);
	sigaddset(&held, SIGQUIT);
	sigaddset(&held, SIGTSTP);
	int rc = -1;
	for (int tries = 0; tries < 100 && rc < 0; tries++) {
		char *tmp = temp_name(dir, base);
		pthread_sigmask(SIG_BLOCK, &held, &old);
		if (link_unnamed(fd, tmp) == 0) {
			rc = rename(tmp, target);
			int saved = errno;
			if (rc < 0)
				unlink(tmp);
			errno = saved;
			pthread_sigmask(SIG_SETMASK, &old, NULL);
			g_free(tmp);
			return rc;
		}
		int saved = errno;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		g_free(tmp);
		errno = saved;
		if (errno != EEXIST) {
			*cannot = 1;
			return -1;
		}
	}
	return -1;
}

/* Gives the new file the old one's owner, group and permission bits
 * (without set-user-id and set-group-id). */
static int copy_attributes(int fd, const struct stat *old)
{
	if (fchown(fd, old->st_uid, old->st_gid) < 0) {
		if (errno != EPERM)
			return -1;
		/* Not permitted to give the file away: the group may be one
		 * of the process's own. */
		if (fchown(fd, (uid_t)-1, old->st_gid) < 0 && errno != EPERM)
			return -1;
	}
	return fchmod(fd, old->st_mode & KEPT_MODE);
}

/* What goes into the file: a dataset's encoding, or what a caller's
 * function writes. */
typedef struct contents {
	const ft_dataset *ds;
	ft__write_fn write_fn; /* NULL: file_fn */
	ft_file_fn file_fn;
	void *payload;
} contents;

/* Writes `c` into `fd`, which is `path`'s new contents. */
static int write_contents(const contents *c, int fd, const char *path, ft_error *err)
{
	if (c->write_fn) {
		ft__writer w = {g_string_sized_new(FT__FLUSH_SIZE + FT__FLUSH_SIZE / 4), fd, path, err, NULL};
		int rc = c->write_fn(&w, c->ds);
		g_string_free(w.buf, TRUE);
		return rc;
	}
	/* The caller's stream has a descriptor of its own, so that closing
	 * it leaves `fd` to be synced and placed. */
	int copy = dup(fd);
	FILE *fp = copy >= 0 ? fdopen(copy, "w") : NULL;
	if (!fp) {
		int saved = errno;
		if (copy >= 0)
			close(copy);
		return ft__write_error(err, path, saved);
	}
	int rc = c->file_fn(fp, c->payload, err);
	int failed = fflush(fp) != 0 || ferror(fp);
	int saved = errno;
	if (fclose(fp) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	if (rc != 0)
		return rc;
	return failed ? ft__write_error(err, path, saved ? saved : EIO) : 0;
}

/*
 * Writes `c` and puts it in place of `target`, which the caller holds
 * locked when it exists (`old` is then its fstat). With `unnamed`, an
 * O_TMPFILE file is tried first; *fallback is set when it cannot be used
 * and a named one should be tried instead (nothing is written to `err`
 * then).
 */
static int write_and_place(const contents *c, const char *path, const char *target, const struct stat *old,
                           int unnamed, int *fallback, ft_error *err)
{
	char *dir = g_path_get_dirname(target);
	char *base = g_path_get_basename(target);
	char *tmp = NULL;
	int fd = -1;
	int rc = 0;
	int cannot = 0;
	/* A new file is made 0666 under the umask; a replacement starts
	 * 0600 and gets the old bits once its owner is set, so it is never
	 * more open than the file it replaces. */
	mode_t mode = old ? 0600 : 0666;

	*fallback = 0;
	if (unnamed) {
#ifdef O_TMPFILE
		fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
#else
		errno = EOPNOTSUPP;
#endif
		if (fd < 0) {
			*fallback = 1;
			goto cleanup;
		}
	} else {
		tmp = g_strdup_printf("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
		fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, (int)mode);
		if (fd < 0) {
			g_free(tmp);
			tmp = NULL;
			rc = ft__write_error(err, path, errno);
			goto cleanup;
		}
	}
	if (old && copy_attributes(fd, old) < 0) {
		rc = ft__write_error(err, path, errno);
		goto cleanup;
	}

	rc = write_contents(c, fd, path, err);
	if (rc)
		goto cleanup;
	if (fsync(fd) < 0) {
		rc = ft__write_error(err, path, errno);
		goto cleanup;
	}
	ft__io_point("save:written");
	if (unnamed) {
		if (place_unnamed(fd, target, dir, base, old != NULL, &cannot) < 0) {
			if (cannot) {
				*fallback = 1;
				goto cleanup;
			}
			rc = ft__write_error(err, path, errno);
			goto cleanup;
		}
	} else if (rename(tmp, target) < 0) {
		rc = ft__write_error(err, path, errno);
		goto cleanup;
	} else {
		g_free(tmp);
		tmp = NULL;
	}
	if (close(fd) < 0 && !rc)
		rc = ft__write_error(err, path, errno);
	fd = -1;
	if (!rc && sync_directory(dir) < 0)
		rc = ft__write_error(err, path, errno);

cleanup:
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
	g_free(tmp);
	g_free(base);
	g_free(dir);
	return rc;
}

/*
 * Replaces `target` (what `path` names, links followed) with `c`. `old` is
 * the locked file being replaced, or NULL when there is none. When syncing
 * the directory fails after the rename, the new contents are in place but
 * may not survive a crash: that is FT_EIO too.
 */
static int replace_file(const contents *c, const char *path, const char *target, const struct stat *old,
                        ft_error *err)
{
	if (old && old->st_nlink > 1) {
		int rc =
		    ft__error_set(err, FT_EIO, NULL,
		                  "cannot replace \"%s\": it has %ju hard links, and the others would keep "
		                  "the old contents (save to a copy, or remove the other links)",
		                  path, (uintmax_t)old->st_nlink);
		ft__error_set_file(err, path);
		return rc;
	}
	int fallback = 0;
	int rc = write_and_place(c, path, target, old, 1, &fallback, err);
	if (fallback)
		rc = write_and_place(c, path, target, old, 0, &fallback, err);
	return rc;
}

/*
 * Takes the lock of an existing `target`, so that a save does not replace
 * a file in the middle of an append to it: the append would go to the old
 * file, and be lost. Returns 0 with lock->fd -1 when there is no such file
 * yet (there is nothing to lock), or FT_EIO.
 */
static int lock_target(const char *path, const char *target, ft__lock *lock, ft_error *err)
{
	int locked = ft__lock_file(target, O_RDONLY, lock) == 0;
	/* A file this process may write but not read is locked all the same. */
	if (!locked && errno == EACCES)
		locked = ft__lock_file(target, O_WRONLY, lock) == 0;
	if (locked) {
		if (S_ISDIR(lock->st.st_mode)) {
			ft__unlock_file(lock);
			return ft__write_error(err, path, EISDIR);
		}
		if (!S_ISREG(lock->st.st_mode)) /* a device: replaced, not locked */
			ft__unlock_file(lock);
		return 0;
	}
	if (errno == ENOENT)
		return 0;
	return ft__write_error(err, path, errno);
}

/* Puts `c` in place of `path`, holding the lock of the file it replaces. */
static int replace_path(const contents *c, const char *path, ft_error *err)
{
	ft__lock lock = {-1, {0}};
	char *target = resolve_links(path);
	if (!target)
		return ft__write_error(err, path, errno);
	int rc = lock_target(path, target, &lock, err);
	if (rc == 0)
		rc = replace_file(c, path, target, lock.fd >= 0 ? &lock.st : NULL, err);
	ft__unlock_file(&lock);
	g_free(target);
	return rc;
}

int ft__save_file(const ft_dataset *ds, const char *path, ft__write_fn write_fn, ft_error *err)
{
	if (!ds || !path || !*path)
		return ft__error_set(err, FT_EINVAL, NULL, "%s",
		                     !ds ? "no dataset to save" : "no path to save to");
	contents c = {ds, write_fn, NULL, NULL};
	return replace_path(&c, path, err);
}

int ft_file_replace(const char *path, ft_file_fn fn, void *payload, ft_error *err)
{
	ft_error_clear(err);
	if (!path || !*path || !fn)
		return ft__error_set(err, FT_EINVAL, NULL, "ft_file_replace: %s",
		                     !fn ? "no function to write the contents" : "no path to write");
	contents c = {NULL, NULL, fn, payload};
	return replace_path(&c, path, err);
}

int ft_dataset_rewrite_file(const char *path, const ft_load_options *opts, ft_error *err)
{
	ft__lock lock = {-1, {0}};
	ft_dataset *ds = NULL;
	FILE *fp = NULL;
	char *target = NULL;
	int copy = -1;
	int rc;
	ft_encoding encoding = opts ? opts->encoding : FT_ENCODING_AUTO;

	ft_error_clear(err);
	if (!path || !*path)
		return ft__error_set(err, FT_EINVAL, NULL, "no path to rewrite");
	target = resolve_links(path);
	if (!target || ft__lock_file(target, O_RDONLY, &lock) < 0) {
		rc = ft__error_set(err, FT_EIO, NULL, "cannot open: %s", g_strerror(errno));
		ft__error_set_file(err, path);
		goto cleanup;
	}
	if (!S_ISREG(lock.st.st_mode)) {
		rc = ft__error_set(err, FT_EIO, NULL, "cannot rewrite: %s",
		                   S_ISDIR(lock.st.st_mode) ? "it is a directory" : "not a regular file");
		ft__error_set_file(err, path);
		goto cleanup;
	}
	/* Loaded and replaced under one hold of the lock: an append waits
	 * for the new file and goes there, instead of going to the old one
	 * between the load and the rename. */
	if (encoding == FT_ENCODING_AUTO && ft_encoding_detect(target, &encoding, err) != 0) {
		rc = err ? err->code : FT_EIO;
		goto cleanup;
	}
	if ((copy = dup(lock.fd)) < 0 || lseek(copy, 0, SEEK_SET) < 0 || !(fp = fdopen(copy, "rb"))) {
		rc = ft__error_set(err, FT_EIO, NULL, "cannot read: %s", g_strerror(errno));
		ft__error_set_file(err, path);
		goto cleanup;
	}
	copy = -1;
	ds = ft_dataset_load_stream(fp, path, opts, err);
	if (!ds) {
		rc = err && err->code ? err->code : FT_EFORMAT;
		goto cleanup;
	}
	ft__io_point("save:loaded");
	ft_error_clear(err); /* a torn end recovered is not a failure */
	contents c = {ds,
	              encoding == FT_ENCODING_LINES      ? ft__write_lines
	              : encoding == FT_ENCODING_SNAPSHOT ? ft__write_snapshot
	                                                 : ft__write_document,
	              NULL, NULL};
	rc = replace_file(&c, path, target, &lock.st, err);

cleanup:
	if (fp)
		fclose(fp);
	if (copy >= 0)
		close(copy);
	ft_dataset_free(ds);
	ft__unlock_file(&lock);
	g_free(target);
	return rc;
}
