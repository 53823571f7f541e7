/* folio — sinks: the generic driver plus the file, standard output, memory
 * and null kinds. The gzip filter lives in sink_gzip.c.
 *
 * A sink is ops + ctx with a state, a sticky first error and a byte count, in
 * the manner of libarchive's write filters. The driver keeps the state; a
 * kind only writes, commits (close) or discards (abort), and each of close and
 * abort is called exactly once, after which ctx is gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "folio/sink.h"

typedef enum sink_state {
	SINK_OPEN = 0,
	SINK_FAILED /* the first error is in error; close will discard */
} sink_state;

struct folio_sink {
	const folio_sink_ops *ops; /* not owned: the kind's static table */
	void *ctx;                 /* owned by the kind until close/abort */
	sink_state state;
	folio_error error; /* the first error, sticky; code FOLIO_OK while open */
	uint64_t bytes;    /* bytes accepted by write */
};

/* The smallest ops table we can drive: the three callbacks of version 1. */
#define SINK_OPS_MIN_SIZE (offsetof(folio_sink_ops, abort) + sizeof(void (*)(void *)))

/* ------------------------------------------------------------------------ */
/* the driver                                                                 */

folio_sink *folio_sink_new(const folio_sink_ops *ops, void *ctx)
{
	if (ops == NULL)
		return NULL;
	if (ops->size < SINK_OPS_MIN_SIZE || !ops->write || !ops->close || !ops->abort) {
		if (ops->size >= SINK_OPS_MIN_SIZE && ops->abort)
			ops->abort(ctx);
		return NULL;
	}
	folio_sink *s = calloc(1, sizeof(*s));
	if (s == NULL) {
		ops->abort(ctx);
		return NULL;
	}
	s->ops = ops;
	s->ctx = ctx;
	s->state = SINK_OPEN;
	return s;
}

/* Records the first error; later ones are dropped (the first is the cause).
 * An error without a code (or none at all) counts as a render failure. */
static void sink_set_failed(folio_sink *s, const folio_error *e)
{
	if (s->state == SINK_FAILED)
		return;
	s->state = SINK_FAILED;
	if (e != NULL)
		s->error = *e;
	else
		folio_error_clear(&s->error);
	if (s->error.code == FOLIO_OK)
		s->error.code = FOLIO_ERR_RENDER;
	if (s->error.message[0] == '\0')
		snprintf(s->error.message, sizeof(s->error.message), "output discarded");
}

folio_status folio_sink_write(folio_sink *s, const void *data, size_t len)
{
	if (s == NULL)
		return FOLIO_ERR_USAGE;
	if (s->state == SINK_FAILED)
		return s->error.code;
	if (len == 0)
		return FOLIO_OK;
	if (data == NULL) {
		folio_error e;
		folio_error_set(&e, FOLIO_ERR_USAGE, NULL, 0, 0, "write of %zu bytes from NULL",
		                len);
		sink_set_failed(s, &e);
		return e.code;
	}
	folio_error e;
	folio_error_clear(&e);
	folio_status st = s->ops->write(s->ctx, data, len, &e);
	if (st != FOLIO_OK) {
		if (e.code == FOLIO_OK)
			e.code = st;
		sink_set_failed(s, &e);
		return s->error.code;
	}
	s->bytes += len;
	return FOLIO_OK;
}

folio_status folio_sink_puts(folio_sink *s, const char *str)
{
	if (str == NULL)
		return folio_sink_write(s, NULL, 1);
	return folio_sink_write(s, str, strlen(str));
}

folio_status folio_sink_printf(folio_sink *s, const char *fmt, ...)
{
	if (s == NULL)
		return FOLIO_ERR_USAGE;
	if (s->state == SINK_FAILED)
		return s->error.code;
	/* Most calls are short: format on the stack, and only a long result
	 * costs a second pass into the heap. */
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		folio_error e;
		folio_error_set(&e, FOLIO_ERR_USAGE, NULL, 0, 0, "bad format string \"%s\"", fmt);
		sink_set_failed(s, &e);
		return e.code;
	}
	if ((size_t)n < sizeof(small))
		return folio_sink_write(s, small, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (big == NULL) {
		folio_error e;
		folio_error_set(&e, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		sink_set_failed(s, &e);
		return e.code;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	folio_status st = folio_sink_write(s, big, (size_t)n);
	free(big);
	return st;
}

folio_status folio_sink_status(const folio_sink *s)
{
	if (s == NULL)
		return FOLIO_ERR_USAGE;
	return s->state == SINK_FAILED ? s->error.code : FOLIO_OK;
}

const folio_error *folio_sink_error(const folio_sink *s)
{
	if (s == NULL)
		return NULL;
	return &s->error;
}

void folio_sink_fail(folio_sink *s, const folio_error *err)
{
	if (s == NULL)
		return;
	sink_set_failed(s, err);
}

uint64_t folio_sink_bytes(const folio_sink *s)
{
	return s ? s->bytes : 0;
}

folio_status folio_sink_close(folio_sink *s, folio_error *err)
{
	if (s == NULL)
		return FOLIO_OK;
	folio_status st;
	if (s->state == SINK_FAILED) {
		s->ops->abort(s->ctx);
		st = s->error.code;
		if (err)
			*err = s->error;
	} else {
		folio_error e;
		folio_error_clear(&e);
		st = s->ops->close(s->ctx, &e);
		if (st != FOLIO_OK && e.code == FOLIO_OK)
			folio_error_set(&e, st, NULL, 0, 0, "closing the output failed");
		if (err)
			*err = e;
	}
	free(s);
	return st;
}

void folio_sink_abort(folio_sink *s)
{
	if (s == NULL)
		return;
	s->ops->abort(s->ctx);
	free(s);
}

/* ------------------------------------------------------------------------ */
/* file descriptors: the file kind and standard output                       */

#define FD_BUFFER_SIZE (64u * 1024u)

typedef struct fd_ctx {
	int fd;
	int owns_fd; /* 0 for standard output: never closed */
	char *path;  /* the target, for messages and the rename; owned */
	char *tmp;   /* the temporary beside it, or NULL when writing directly */
	int anon;    /* 1: an unnamed O_TMPFILE inode, named only at commit */
	char *dest;  /* when path is a symlink, the file it names; owned; else NULL */
	mode_t mode; /* for the temporary: 0666 & ~umask */
	size_t used; /* bytes waiting in buf */
	unsigned char buf[FD_BUFFER_SIZE];
} fd_ctx;

/* A thread-safe strerror (the XSI strerror_r: we do not define _GNU_SOURCE). */
static const char *errno_text(int errnum, char *buf, size_t n)
{
	if (strerror_r(errnum, buf, n) != 0)
		snprintf(buf, n, "error %d", errnum);
	return buf;
}

static folio_status io_error(folio_error *err, const char *what, const char *path, int errnum)
{
	char text[128];
	/* The path is in the message already, so the error's file stays empty. */
	return folio_error_set(err, FOLIO_ERR_IO, NULL, 0, 0, "%s %s: %s", what, path,
	                       errno_text(errnum, text, sizeof(text)));
}

/* write(2) until everything is out, through EINTR and short writes. Returns 0
 * or an errno value. */
static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			return EIO; /* should not happen for len > 0; do not spin */
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static folio_status fd_flush(fd_ctx *c, folio_error *err)
{
	int rc = write_all(c->fd, c->buf, c->used);
	c->used = 0;
	if (rc != 0)
		return io_error(err, "writing", c->path, rc);
	return FOLIO_OK;
}

static folio_status fd_write(void *ctx, const void *data, size_t len, folio_error *err)
{
	fd_ctx *c = ctx;
	if (len <= FD_BUFFER_SIZE - c->used) {
		memcpy(c->buf + c->used, data, len);
		c->used += len;
		return FOLIO_OK;
	}
	folio_status st = fd_flush(c, err);
	if (st != FOLIO_OK)
		return st;
	if (len < FD_BUFFER_SIZE) {
		memcpy(c->buf, data, len);
		c->used = len;
		return FOLIO_OK;
	}
	/* A large block goes straight out rather than through the buffer. */
	int rc = write_all(c->fd, data, len);
	if (rc != 0)
		return io_error(err, "writing", c->path, rc);
	return FOLIO_OK;
}

static void fd_ctx_free(fd_ctx *c)
{
	free(c->path);
	free(c->tmp);
	free(c->dest);
	free(c);
}

/* Discards: closes and removes the temporary; the target is left as it was. */
static void fd_abort(void *ctx)
{
	fd_ctx *c = ctx;
	if (c->owns_fd && c->fd >= 0)
		close(c->fd);
	if (c->tmp != NULL)
		unlink(c->tmp);
	fd_ctx_free(c);
}

static char *temp_template(const char *path);

/* Puts the complete file tmp in dest's place by one rename(2): at every
 * instant dest names the old file or the new one, and the target is never
 * unlinked or renamed away first (an exchange of names would leave the old
 * file under tmp if killed before tmp is removed). */
static int replace_file(const char *tmp, const char *dest)
{
	return rename(tmp, dest);
}

/* The one temporary name folio gives a finished file beside dest:
 * "dir/.base.XXXXXX" with XXXXXX a hash of base, so that a later run knows
 * the single name to look at (see clean_stale). The caller owns it. */
static char *stable_temp_name(const char *dest)
{
	char *t = temp_template(dest);
	if (t == NULL)
		return NULL;
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	const char *slash = strrchr(dest, '/');
	const char *base = slash ? slash + 1 : dest;
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a, salted with "folio" */
	for (const char *q = "folio:"; *q; q++)
		h = (h ^ (unsigned char)*q) * 0x100000001b3ull;
	for (const char *q = base; *q; q++)
		h = (h ^ (unsigned char)*q) * 0x100000001b3ull;
	char *x = t + strlen(t) - 6;
	for (int i = 0; i < 6; i++) {
		x[i] = letters[h % (sizeof(letters) - 1)];
		h /= sizeof(letters) - 1;
	}
	return t;
}

/* Removes dest's temporary left by an earlier folio that was killed in the
 * instant between naming its finished file and renaming it (SIGKILL, power
 * loss). It is provably folio's and stale when it has the stable name, is a
 * regular file of this user with one link, and no process holds the lock
 * every writer takes on its file before naming it (a lock dies with its
 * process). Anything else is left alone. */
static void clean_stale(const char *dest)
{
	char *t = stable_temp_name(dest);
	if (t == NULL)
		return;
	struct stat lst, st;
	if (lstat(t, &lst) == 0 && S_ISREG(lst.st_mode) && lst.st_uid == geteuid() &&
	    lst.st_nlink == 1) {
		int fd = open(t, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &st) == 0 &&
			    lstat(t, &lst) == 0 && st.st_dev == lst.st_dev && st.st_ino == lst.st_ino)
				unlink(t);
			close(fd);
		}
	}
	free(t);
}

/* Gives the finished unnamed inode its name. With no file at the target,
 * the inode is linked there directly: no temporary ever exists. Otherwise
 * it is linked under the stable temporary name beside the target (the
 * rename that follows at once is atomic), or, when a live writer holds that
 * name, under a random one. The lock taken first marks the file as live
 * for clean_stale. Until this point a crash, even SIGKILL, leaves nothing
 * on disk. *named is set when the target itself was linked. */
static folio_status link_anon(fd_ctx *c, int *named, folio_error *err)
{
	char proc[64];
	const char *target = c->dest ? c->dest : c->path;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", c->fd);
	*named = 0;
	(void)flock(c->fd, LOCK_EX | LOCK_NB);
	if (linkat(AT_FDCWD, proc, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0) {
		*named = 1;
		return FOLIO_OK;
	}
	c->tmp = stable_temp_name(target);
	if (c->tmp == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, c->path, 0, 0, "out of memory");
	if (linkat(AT_FDCWD, proc, AT_FDCWD, c->tmp, AT_SYMLINK_FOLLOW) == 0)
		return FOLIO_OK;
	if (errno == EEXIST) {
		clean_stale(target);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, c->tmp, AT_SYMLINK_FOLLOW) == 0)
			return FOLIO_OK;
	}
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	char *x = c->tmp + strlen(c->tmp) - 6;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	unsigned long long seed = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)getpid() << 20) ^
	                          (unsigned long long)(uintptr_t)c;
	for (int attempt = 0; attempt < 100 && errno == EEXIST; attempt++) {
		for (int i = 0; i < 6; i++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			x[i] = letters[(seed >> 33) % (sizeof(letters) - 1)];
		}
		if (linkat(AT_FDCWD, proc, AT_FDCWD, c->tmp, AT_SYMLINK_FOLLOW) == 0)
			return FOLIO_OK;
	}
	int e = errno;
	free(c->tmp);
	c->tmp = NULL;
	return io_error(err, "cannot create temporary file beside", c->path, e);
}

/* Flushes, sets the mode, closes and renames; every step is checked because
 * some file systems (NFS, quotas) report a failed write only at close. */
static folio_status fd_commit(fd_ctx *c, folio_error *err)
{
	folio_status st = fd_flush(c, err);
	if (st != FOLIO_OK)
		return st;
	if ((c->tmp != NULL || c->anon) && fchmod(c->fd, c->mode) != 0)
		return io_error(err, "cannot set the mode of", c->path, errno);
	int named = 0;
	if (c->anon) {
		st = link_anon(c, &named, err);
		if (st != FOLIO_OK)
			return st;
	}
	if (!c->owns_fd)
		return FOLIO_OK;
	if (c->anon && !named) {
		/* Named a moment ago: rename at once, so that a kill between the
		 * two leaves a complete file under the temporary name at worst. */
		if (replace_file(c->tmp, c->dest ? c->dest : c->path) != 0)
			return io_error(err, "cannot replace", c->path, errno);
		free(c->tmp);
		c->tmp = NULL;
	}
	int fd = c->fd;
	c->fd = -1;
	/* Linux closes the descriptor even when close fails: never retry. */
	if (close(fd) != 0 && errno != EINTR)
		return io_error(err, "writing", c->path, errno);
	if (c->tmp != NULL && replace_file(c->tmp, c->dest ? c->dest : c->path) != 0)
		return io_error(err, "cannot replace", c->path, errno);
	free(c->tmp);
	c->tmp = NULL; /* renamed: nothing left to clean up */
	return FOLIO_OK;
}

static folio_status fd_close(void *ctx, folio_error *err)
{
	fd_ctx *c = ctx;
	folio_status st = fd_commit(c, err);
	if (st != FOLIO_OK) {
		fd_abort(c);
		return st;
	}
	fd_ctx_free(c);
	return FOLIO_OK;
}

static const folio_sink_ops fd_ops = {
    .size = sizeof(folio_sink_ops),
    .write = fd_write,
    .close = fd_close,
    .abort = fd_abort,
};

/* The process umask, read without changing it: umask(2) can only be read by
 * setting it, which would race with other threads creating files. Linux
 * reports it in /proc/self/status ("Umask:\t0022"); when that is not there we
 * fall back to set-and-restore (racy, but only on kernels before 4.7).
 * Called once per file sink, so a umask changed between exports is seen. */
static mode_t current_umask(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	if (f != NULL) {
		char line[256];
		unsigned long mask;
		int found = 0;
		while (!found && fgets(line, sizeof(line), f) != NULL)
			found = sscanf(line, "Umask: %lo", &mask) == 1;
		fclose(f);
		if (found)
			return (mode_t)(mask & 0777);
	}
	mode_t old = umask(022);
	umask(old);
	return old;
}

/* "dir/base" -> "dir/.base.XXXXXX" (a mkstemp template beside the target). */
static char *temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dirlen = (size_t)(base - path);
	size_t baselen = strlen(base);
	/* Keep the temporary's name within NAME_MAX (255) even for a long base. */
	if (baselen > 200)
		baselen = 200;
	size_t n = dirlen + 1 + baselen + 8;
	char *t = malloc(n);
	if (t == NULL)
		return NULL;
	snprintf(t, n, "%.*s.%.*s.XXXXXX", (int)dirlen, path, (int)baselen, base);
	return t;
}

static fd_ctx *fd_ctx_new(const char *path, folio_error *err)
{
	fd_ctx *c = malloc(sizeof(*c));
	if (c != NULL) {
		c->path = strdup(path);
		if (c->path == NULL) {
			free(c);
			c = NULL;
		}
	}
	if (c == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, path, 0, 0, "out of memory");
		return NULL;
	}
	c->fd = -1;
	c->owns_fd = 1;
	c->tmp = NULL;
	c->anon = 0;
	c->dest = NULL;
	c->mode = 0644;
	c->used = 0;
	return c;
}

/* A symlink to a file stays a symlink: the file it names is replaced. NULL
 * when path is not a symlink (or cannot be resolved: then the link itself is
 * replaced, as a plain rename would). The caller owns the result. */
static char *resolve_link(const char *path)
{
	struct stat lst;
	if (lstat(path, &lst) != 0 || !S_ISLNK(lst.st_mode))
		return NULL;
	return realpath(path, NULL);
}

/* A device, FIFO or socket cannot be replaced by a rename: write to it. */
static folio_status open_direct(fd_ctx *c, folio_error *err)
{
	c->fd = open(c->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (c->fd < 0)
		return io_error(err, "cannot open", c->path, errno);
	return FOLIO_OK;
}

/* An unnamed file in the target's folder (Linux O_TMPFILE): nothing is
 * visible until link_anon names it. 0 when the file system cannot. */
static int open_anon(fd_ctx *c)
{
#if defined(__linux__)
#ifndef O_TMPFILE
#define O_TMPFILE (020000000 | O_DIRECTORY)
#endif
	const char *target = c->dest ? c->dest : c->path;
	const char *slash = strrchr(target, '/');
	char dir[4096];
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == target)
		snprintf(dir, sizeof(dir), "/");
	else if ((size_t)(slash - target) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - target), target);
	else
		return 0;
	/* The kernel applies the umask (or the folder's default ACL) as for
	 * any new file; the mode it chose is kept for the commit's fchmod. */
	c->fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	if (c->fd < 0)
		return 0;
	struct stat st;
	if (fstat(c->fd, &st) != 0) {
		close(c->fd);
		c->fd = -1;
		return 0;
	}
	c->anon = 1;
	c->mode = st.st_mode & 0777;
	return 1;
#else
	(void)c;
	return 0;
#endif
}

static folio_status open_temp(fd_ctx *c, folio_error *err)
{
	if (open_anon(c))
		return FOLIO_OK;
	c->tmp = temp_template(c->dest ? c->dest : c->path);
	if (c->tmp == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, c->path, 0, 0, "out of memory");
	/* mkstemp, not mkostemp (a GNU extension): set close-on-exec after. */
	c->fd = mkstemp(c->tmp);
	if (c->fd >= 0)
		(void)fcntl(c->fd, F_SETFD, FD_CLOEXEC);
	if (c->fd < 0) {
		int e = errno;
		free(c->tmp);
		c->tmp = NULL; /* nothing was created: nothing to unlink */
		return io_error(err, "cannot create temporary file beside", c->path, e);
	}
	c->mode = 0666 & ~current_umask();
	return FOLIO_OK;
}

folio_sink *folio_sink_file(const char *path, folio_error *err)
{
	if (path == NULL || path[0] == '\0') {
		folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no output file name");
		return NULL;
	}
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	struct stat st;
	int exists = stat(path, &st) == 0;
	if ((exists && S_ISDIR(st.st_mode)) || base[0] == '\0') {
		folio_error_set(err, FOLIO_ERR_IO, NULL, 0, 0, "%s is a directory, not a file",
		                path);
		return NULL;
	}
	fd_ctx *c = fd_ctx_new(path, err);
	if (c == NULL)
		return NULL;
	folio_status rc;
	if (exists && !S_ISREG(st.st_mode)) {
		rc = open_direct(c, err);
	} else {
		c->dest = exists ? resolve_link(path) : NULL;
		clean_stale(c->dest ? c->dest : path);
		rc = open_temp(c, err);
	}
	if (rc != FOLIO_OK) {
		fd_abort(c);
		return NULL;
	}
	folio_sink *s = folio_sink_new(&fd_ops, c);
	if (s == NULL)
		folio_error_set(err, FOLIO_ERR_NOMEM, path, 0, 0, "out of memory");
	return s;
}

folio_sink *folio_sink_stdout(void)
{
	fd_ctx *c = fd_ctx_new("standard output", NULL);
	if (c == NULL)
		return NULL;
	c->fd = STDOUT_FILENO;
	c->owns_fd = 0;
	return folio_sink_new(&fd_ops, c);
}

/* ------------------------------------------------------------------------ */
/* memory                                                                     */

typedef struct mem_ctx {
	unsigned char *data; /* owned; NULL while empty */
	size_t len, cap;
} mem_ctx;

static folio_status mem_write(void *ctx, const void *data, size_t len, folio_error *err)
{
	mem_ctx *m = ctx;
	if (len > SIZE_MAX - m->len - 1)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "output too large");
	if (m->len + len > m->cap) {
		size_t cap = m->cap ? m->cap : 256;
		while (cap < m->len + len)
			cap = cap > SIZE_MAX / 2 ? m->len + len : cap * 2;
		unsigned char *p = realloc(m->data, cap);
		if (p == NULL)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		m->data = p;
		m->cap = cap;
	}
	memcpy(m->data + m->len, data, len);
	m->len += len;
	return FOLIO_OK;
}

static void mem_abort(void *ctx)
{
	mem_ctx *m = ctx;
	free(m->data);
	free(m);
}

static folio_status mem_close(void *ctx, folio_error *err)
{
	(void)err;
	mem_abort(ctx); /* nothing to commit: the bytes were readable until now */
	return FOLIO_OK;
}

static const folio_sink_ops mem_ops = {
    .size = sizeof(folio_sink_ops),
    .write = mem_write,
    .close = mem_close,
    .abort = mem_abort,
};

folio_sink *folio_sink_memory(void)
{
	mem_ctx *m = calloc(1, sizeof(*m));
	if (m == NULL)
		return NULL;
	return folio_sink_new(&mem_ops, m);
}

/* Borrowed: valid until the next write, take, close or abort. Never NULL for
 * a memory sink (an empty sink gives ""); NULL for other kinds. */
const unsigned char *folio_sink_memory_data(const folio_sink *s, size_t *len)
{
	if (len)
		*len = 0;
	if (s == NULL || s->ops != &mem_ops)
		return NULL;
	const mem_ctx *m = s->ctx;
	if (len)
		*len = m->len;
	return m->data ? m->data : (const unsigned char *)"";
}

/* The caller owns the result (free()). The sink stays open and empty;
 * folio_sink_bytes still counts everything ever accepted. */
unsigned char *folio_sink_memory_take(folio_sink *s, size_t *len)
{
	if (len)
		*len = 0;
	if (s == NULL || s->ops != &mem_ops || s->state != SINK_OPEN)
		return NULL;
	mem_ctx *m = s->ctx;
	unsigned char *out = m->data;
	if (out == NULL)
		out = malloc(1);
	if (out == NULL)
		return NULL;
	if (len)
		*len = m->len;
	m->data = NULL;
	m->len = 0;
	m->cap = 0;
	return out;
}

/* ------------------------------------------------------------------------ */
/* null                                                                       */

static folio_status null_write(void *ctx, const void *data, size_t len, folio_error *err)
{
	(void)ctx;
	(void)data;
	(void)len;
	(void)err;
	return FOLIO_OK; /* the driver counts the bytes */
}

static folio_status null_close(void *ctx, folio_error *err)
{
	(void)ctx;
	(void)err;
	return FOLIO_OK;
}

static void null_abort(void *ctx)
{
	(void)ctx;
}

static const folio_sink_ops null_ops = {
    .size = sizeof(folio_sink_ops),
    .write = null_write,
    .close = null_close,
    .abort = null_abort,
};

folio_sink *folio_sink_null(void)
{
	return folio_sink_new(&null_ops, NULL);
}
