/* folio — files an article refers to (its images, its translation).
 *
 * An article may only reference files inside its own folder: the reference is
 * resolved with realpath() (every symbolic link followed) and must still lie
 * under the real path of the article's folder; it must be a regular file of
 * at most max bytes. Absolute paths, "..", URLs and FIFOs, devices or folders
 * are refused with a message saying why. */
#ifndef FOLIO_FILEREF_H
#define FOLIO_FILEREF_H

#include <stddef.h>

#include "folio/doc.h"
#include "folio/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FOLIO_REF_MAX_IMAGE (64u * 1024u * 1024u) /* bytes */

/* Opens ref (relative to the folder of the file article; article may be NULL
 * for the current folder) for reading: a file descriptor (O_CLOEXEC, opened
 * without blocking on a FIFO), or -1 with err naming ref and the reason. When
 * resolved is not NULL it receives the resolved path (caller frees). */
FOLIO_API int folio_ref_open(const char *article, const char *ref, size_t max, char **resolved,
                             folio_error *err);

/* folio_ref_open, then reads the whole file into a NUL-terminated buffer
 * (caller frees); NULL with err set on failure. */
FOLIO_API char *folio_ref_read(const char *article, const char *ref, size_t max, size_t *len,
                               char **resolved, folio_error *err);

/* Reads what is left of fd (up to its end, at most max bytes) into a
 * NUL-terminated buffer (caller frees); *len is its length without the NUL.
 * NULL with err naming name: FOLIO_ERR_IO ("cannot read the file: ..."),
 * FOLIO_ERR_LIMIT ("over the limit of max bytes") or FOLIO_ERR_NOMEM. fd
 * stays open. Every whole-file read in folio goes through here. */
FOLIO_API char *folio_read_fd(int fd, const char *name, size_t max, size_t *len,
                              folio_error *err);

/* Imports the article's `translation:` (or any other article it names) by
 * folio_ref_read, with the default input limit; NULL with err set. */
FOLIO_API folio_doc *folio_import_ref(const char *article, const char *ref, folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
