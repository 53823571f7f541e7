/* A full disk for tests, without root or a mount: an LD_PRELOAD shim that
 * makes files under one folder run out of space after a byte budget.
 *
 *   FOLIO_ENOSPC_DIR=/abs/folder  the folder (and everything under it)
 *   FOLIO_ENOSPC_BUDGET=N         bytes that may still be written there
 *   FOLIO_ENOSPC_AT=write|close   where the failure shows (default write):
 *                                 write(2)/pwrite(2) return a short count,
 *                                 then -1 ENOSPC (a local disk); or, as on
 *                                 NFS, every write succeeds and fsync(2)/
 *                                 close(2) of an overdrawn file return -1
 *                                 ENOSPC, and O_TMPFILE is not supported
 *   FOLIO_ENOSPC_TMPFILE=0        O_TMPFILE not supported (EOPNOTSUPP) in
 *                                 write mode too: the mkstemp fallback
 *
 * Once the budget is spent, mkdir(2) and new files there fail with ENOSPC
 * too. Descriptors are tracked from open/openat (O_TMPFILE included), creat
 * and mkstemp/mkostemp. Built only for the test suite (tests/fulldisk.cmake). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FD 4096

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char tracked[MAX_FD];   /* 1: under the folder; 2: overdrawn */
static long long budget = -1;           /* -1 until read from the environment */
static int fail_at_close;
static int no_tmpfile;
static char root[PATH_MAX];

static void setup(void)
{
	if (budget != -1)
		return;
	const char *d = getenv("FOLIO_ENOSPC_DIR");
	const char *b = getenv("FOLIO_ENOSPC_BUDGET");
	const char *at = getenv("FOLIO_ENOSPC_AT");
	budget = b ? atoll(b) : 0;
	if (budget < 0)
		budget = 0;
	fail_at_close = at != NULL && strcmp(at, "close") == 0;
	const char *t = getenv("FOLIO_ENOSPC_TMPFILE");
	no_tmpfile = fail_at_close || (t != NULL && strcmp(t, "0") == 0);
	if (d != NULL && strlen(d) < sizeof(root))
		strcpy(root, d);
}

/* Whether path (made absolute by dirfd or the working folder) lies under
 * the folder. Lexical: the tests pass plain absolute or relative paths. */
static int under(int dirfd, const char *path)
{
	setup();
	if (root[0] == '\0' || path == NULL)
		return 0;
	char abs[PATH_MAX * 2];
	if (path[0] == '/') {
		snprintf(abs, sizeof(abs), "%s", path);
	} else {
		char base[PATH_MAX];
		if (dirfd == AT_FDCWD) {
			if (getcwd(base, sizeof(base)) == NULL)
				return 0;
		} else {
			char link[64];
			snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
			ssize_t n = readlink(link, base, sizeof(base) - 1);
			if (n < 0)
				return 0;
			base[n] = '\0';
		}
		snprintf(abs, sizeof(abs), "%s/%s", base, path);
	}
	size_t n = strlen(root);
	return strncmp(abs, root, n) == 0 && (abs[n] == '/' || abs[n] == '\0');
}

static void track(int fd, int flags, int dirfd, const char *path)
{
	if (fd < 0 || fd >= MAX_FD)
		return;
	int writes = (flags & O_ACCMODE) != O_RDONLY;
	pthread_mutex_lock(&lock);
	tracked[fd] = writes && under(dirfd, path) ? 1 : 0;
	pthread_mutex_unlock(&lock);
}

/* Whether a new file or folder may be made at path. */
static int full(int dirfd, const char *path, int flags)
{
	if (!((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT)))
		return 0;
	pthread_mutex_lock(&lock);
	int out = under(dirfd, path) && budget == 0;
	pthread_mutex_unlock(&lock);
	return out;
}

static int real_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	static int (*fn)(int, const char *, int, ...);
	if (fn == NULL)
		fn = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
	return fn(dirfd, path, flags, mode);
}

static int do_open(int dirfd, const char *path, int flags, mode_t mode)
{
	if ((flags & O_TMPFILE) == O_TMPFILE && under(dirfd, path) && no_tmpfile) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if ((flags & O_CREAT) == O_CREAT || (flags & O_TMPFILE) == O_TMPFILE) {
		if (full(dirfd, path, flags)) {
			errno = ENOSPC;
			return -1;
		}
	}
	int fd = real_openat(dirfd, path, flags, mode);
	track(fd, flags, dirfd, path);
	return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		return (mode_t)va_arg(ap, int);
	return 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return do_open(AT_FDCWD, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return do_open(AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return do_open(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return do_open(dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return do_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int mkdir(const char *path, mode_t mode)
{
	static int (*fn)(const char *, mode_t);
	if (fn == NULL)
		fn = (int (*)(const char *, mode_t))dlsym(RTLD_NEXT, "mkdir");
	if (full(AT_FDCWD, path, O_CREAT)) {
		errno = ENOSPC;
		return -1;
	}
	return fn(path, mode);
}

/* mkstemp opens its file inside the C library, out of reach of open above. */
int mkstemp(char *tmpl)
{
	return mkostemp(tmpl, 0);
}

int mkstemp64(char *tmpl)
{
	return mkostemp(tmpl, 0);
}

int mkostemp(char *tmpl, int flags)
{
	static int (*fn)(char *, int);
	if (fn == NULL)
		fn = (int (*)(char *, int))dlsym(RTLD_NEXT, "mkostemp");
	if (full(AT_FDCWD, tmpl, O_CREAT | O_RDWR)) {
		errno = ENOSPC;
		return -1;
	}
	int fd = fn(tmpl, flags);
	track(fd, O_RDWR, AT_FDCWD, tmpl);
	return fd;
}

/* How many of len bytes fd may write: len when untracked; -1 (ENOSPC) when
 * nothing is left. In close mode everything is accepted and the file is
 * marked overdrawn instead. */
static ssize_t allow(int fd, size_t len)
{
	setup();
	if (fd < 0 || fd >= MAX_FD)
		return (ssize_t)len;
	pthread_mutex_lock(&lock);
	ssize_t out = (ssize_t)len;
	if (tracked[fd]) {
		if ((long long)len <= budget) {
			budget -= (long long)len;
		} else if (fail_at_close) {
			budget = 0;
			tracked[fd] = 2;
		} else if (budget > 0) {
			out = (ssize_t)budget;
			budget = 0;
		} else {
			out = -1;
		}
	}
	pthread_mutex_unlock(&lock);
	return out;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	static ssize_t (*fn)(int, const void *, size_t);
	if (fn == NULL)
		fn = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	ssize_t n = len > 0 ? allow(fd, len) : 0;
	if (n < 0) {
		errno = ENOSPC;
		return -1;
	}
	return fn(fd, buf, (size_t)n);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*fn)(int, const void *, size_t, off_t);
	if (fn == NULL)
		fn = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	ssize_t n = len > 0 ? allow(fd, len) : 0;
	if (n < 0) {
		errno = ENOSPC;
		return -1;
	}
	return fn(fd, buf, (size_t)n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off_t off)
{
	return pwrite(fd, buf, len, off);
}

static int overdrawn(int fd)
{
	if (fd < 0 || fd >= MAX_FD)
		return 0;
	pthread_mutex_lock(&lock);
	int out = tracked[fd] == 2;
	pthread_mutex_unlock(&lock);
	return out;
}

int fsync(int fd)
{
	static int (*fn)(int);
	if (fn == NULL)
		fn = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (overdrawn(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return fn(fd);
}

int close(int fd)
{
	static int (*fn)(int);
	if (fn == NULL)
		fn = (int (*)(int))dlsym(RTLD_NEXT, "close");
	int bad = overdrawn(fd);
	if (fd >= 0 && fd < MAX_FD) {
		pthread_mutex_lock(&lock);
		tracked[fd] = 0;
		pthread_mutex_unlock(&lock);
	}
	int rc = fn(fd); /* Linux closes the descriptor even when close fails */
	if (rc == 0 && bad) {
		errno = ENOSPC;
		return -1;
	}
	return rc;
}
