/*
 * Writers of one file exclude each other (io/write-private.h, ft__lock):
 * an append (io/append.c) and a save that replaces an existing file
 * (io/write.c) first take an exclusive flock(2) on the file and hold it
 * until they are done, so that two appends cannot both check their ids
 * against the same old contents, and a rewrite cannot drop a line
 * appended between its load and its rename. flock, not fcntl: an fcntl
 * lock belongs to the process and is released when the process closes
 * any descriptor of the file (a load opening and closing it would drop
 * it), while a flock belongs to the open file description and lasts
 * until this one is closed, or the process dies. The lock is advisory: it
 * binds the writers that take it (this library, and any program that
 * flocks the file), not an editor. A writer waits for the lock as long as
 * it takes. Because a save replaces the file by a rename, the file a
 * waiter opened may no longer be the one the path names when it gets the
 * lock: it then lets go and opens the path again.
 */
#include "io/write-private.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* A path replaced this many times while waiting is given up on (EAGAIN):
 * something replaces it in a loop, and waiting longer will not help. */
#define MAX_REOPEN 1000

void (*ft__io_hook)(const char *point);

void ft__io_point(const char *point)
{
	if (ft__io_hook)
		ft__io_hook(point);
}

int ft__lock_file(const char *path, int flags, ft__lock *lock)
{
	lock->fd = -1;
	for (int tries = 0; tries < MAX_REOPEN; tries++) {
		struct stat now;
		int fd = open(path, flags | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return -1;
		if (fstat(fd, &lock->st) < 0)
			goto fail;
		if (!S_ISREG(lock->st.st_mode)) {
			/* Nothing to replace and nothing to lock: the caller
			 * decides what a directory or a device means. */
			lock->fd = fd;
			return 0;
		}
		ft__io_point("lock:wait");
		while (flock(fd, LOCK_EX) < 0)
			if (errno != EINTR)
				goto fail;
		/* Still the file the path names? A save may have renamed a
		 * new one over it while this waited. */
		if (stat(path, &now) == 0 && now.st_dev == lock->st.st_dev && now.st_ino == lock->st.st_ino) {
			/* The size and times as they are under the lock. */
			if (fstat(fd, &lock->st) < 0)
				goto fail;
			lock->fd = fd;
			return 0;
		}
		close(fd);
		continue;
	fail:;
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	errno = EAGAIN;
	return -1;
}

void ft__unlock_file(ft__lock *lock)
{
	/* Closing the one descriptor of the open file description releases
	 * the flock. */
	if (lock->fd >= 0)
		close(lock->fd);
	lock->fd = -1;
}
