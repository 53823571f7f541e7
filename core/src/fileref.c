/* folio — files an article refers to, confined to the article's folder.
 *
 * realpath() resolves the folder and the reference (symbolic links, "..",
 * "."); the result must start with the folder's real path and a '/'. The file
 * is then opened with O_NOFOLLOW (the last component cannot be swapped for a
 * link after the check) and O_NONBLOCK (a FIFO cannot block the open), and
 * fstat() must say it is a regular file no bigger than the cap.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "folio/fileref.h"
#include "folio/import.h"
#include "fileref_private.h"

static char *article_dir(const char *article)
{
	const char *slash = article ? strrchr(article, '/') : NULL;
	char *dir;

	if (slash == NULL)
		return realpath(".", NULL);
	if (slash == article)
		return realpath("/", NULL);
	dir = strndup(article, (size_t)(slash - article));
	if (dir == NULL)
		return NULL;
	char *real = realpath(dir, NULL);
	free(dir);
	return real;
}

static int refuse(folio_error *err, const char *ref, folio_status code, const char *why)
{
	folio_error_set(err, code, ref, 0, 0, "%s", why);
	return -1;
}

static int ref_open(const char *article, const char *ref, size_t max, char **resolved,
                    folio_error *err);

/* Errors name the reference as the article's folder joined with it, as
 * written ("articles/../secret.md"). */
int folio_ref_open(const char *article, const char *ref, size_t max, char **resolved,
                   folio_error *err)
{
	int fd = ref_open(article, ref, max, resolved, err);
	const char *slash = article ? strrchr(article, '/') : NULL;
	if (fd < 0 && err != NULL && ref != NULL && ref[0] != '/' && slash != NULL) {
		char shown[sizeof err->file];
		snprintf(shown, sizeof shown, "%.*s/%s", (int)(slash - article), article, ref);
		snprintf(err->file, sizeof err->file, "%s", shown);
	}
	return fd;
}

static int ref_open(const char *article, const char *ref, size_t max, char **resolved,
                    folio_error *err)
{
	if (resolved)
		*resolved = NULL;
	if (ref == NULL || ref[0] == '\0')
		return refuse(err, ref, FOLIO_ERR_IO, "an empty file name");
	if (ref[0] == '/')
		return refuse(err, ref, FOLIO_ERR_IO,
		              "an absolute path; an article may only use files in its own folder");
	char *dir = article_dir(article);
	if (dir == NULL)
		return refuse(err, ref, FOLIO_ERR_IO, "cannot resolve the article's folder");
	size_t dlen = strlen(dir);
	size_t plen = dlen + strlen(ref) + 2;
	char *joined = malloc(plen);
	if (joined == NULL) {
		free(dir);
		return refuse(err, ref, FOLIO_ERR_NOMEM, "out of memory");
	}
	snprintf(joined, plen, "%s/%s", dir, ref);
	char *real = realpath(joined, NULL);
	int e = errno;
	free(joined);
	if (real == NULL) {
		free(dir);
		folio_error_set(err, FOLIO_ERR_IO, ref, 0, 0, "cannot open the file: %s", strerror(e));
		return -1;
	}
	int inside = strncmp(real, dir, dlen) == 0 &&
	             (real[dlen] == '/' || (dlen == 1 && dir[0] == '/')) && real[dlen] != '\0';
	free(dir);
	if (!inside) {
		free(real);
		return refuse(err, ref, FOLIO_ERR_IO,
		              "outside the article's folder (an article may only use files in its "
		              "own folder)");
	}
	int fd = open(real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		free(real);
		folio_error_set(err, FOLIO_ERR_IO, ref, 0, 0, "cannot open the file: %s", strerror(e));
		return -1;
	}
	struct stat st;
	const char *why = NULL;
	folio_status code = FOLIO_ERR_IO;
	if (fstat(fd, &st) != 0)
		why = "cannot read the file", code = FOLIO_ERR_IO;
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	if (why == NULL && (unsigned long long)st.st_size > max) {
		folio_error_set(err, FOLIO_ERR_LIMIT, ref, 0, 0,
		                "the file is %lld bytes, over the limit of %zu bytes",
		                (long long)st.st_size, max);
		close(fd);
		free(real);
		return -1;
	}
	if (why != NULL) {
		close(fd);
		free(real);
		return refuse(err, ref, code, why);
	}
	/* Regular: reads never block, but clear O_NONBLOCK all the same. */
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if (resolved)
		*resolved = real;
	else
		free(real);
	return fd;
}

int folio_open_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

char *folio_read_fd(int fd, const char *name, size_t max, size_t *len, folio_error *err)
{
	size_t n = 0, cap = 4096;
	char *buf = malloc(cap + 1);

	while (buf != NULL) {
		if (n == cap) {
			char *p;

			if (cap > max)
				break; /* n > max: refused below */
			cap *= 2;
			p = realloc(buf, cap + 1);
			if (p == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			folio_error_set(err, FOLIO_ERR_IO, name, 0, 0, "cannot read the file: %s",
			                strerror(errno));
			free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (buf == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, name, 0, 0, "out of memory reading the file");
		return NULL;
	}
	if (n > max) {
		folio_error_set(err, FOLIO_ERR_LIMIT, name, 0, 0, "over the limit of %zu bytes", max);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *folio_ref_read(const char *article, const char *ref, size_t max, size_t *len,
                     char **resolved, folio_error *err)
{
	int fd = folio_ref_open(article, ref, max, resolved, err);
	char *buf;

	if (fd < 0)
		return NULL;
	buf = folio_read_fd(fd, ref, max, len, err);
	close(fd);
	if (buf == NULL && resolved) {
		free(*resolved);
		*resolved = NULL;
	}
	return buf;
}

folio_doc *folio_import_ref(const char *article, const char *ref, folio_error *err)
{
	size_t len = 0;
	char *resolved = NULL;
	char *data = folio_ref_read(article, ref, FOLIO_DEFAULT_MAX_INPUT, &len, &resolved, err);
	if (data == NULL)
		return NULL;
	folio_doc *doc = folio_import_memory(data, len, resolved, NULL, err);
	free(data);
	free(resolved);
	return doc;
}
