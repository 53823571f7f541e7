/* folio bundles — private interfaces shared by the zip and tar.gz plugins and
 * their tests. Nothing here is exported from the plugins (hidden visibility).
 *
 * Both writers take whole entries from memory (see bundle.c for why) and
 * write sequentially to a sink that stays the caller's, so they never seek.
 */
#ifndef FOLIO_BUNDLE_PRIVATE_H
#define FOLIO_BUNDLE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "folio/plugin.h"

/* ---- sha256.c: FIPS 180-4 SHA-256 ---- */
typedef struct bundle_sha256 {
	uint32_t h[8];
	uint64_t bytes;        /* message length so far */
	unsigned char buf[64]; /* a partial block */
	size_t used;
} bundle_sha256;

void bundle_sha256_init(bundle_sha256 *c);
void bundle_sha256_update(bundle_sha256 *c, const void *data, size_t len);
void bundle_sha256_final(bundle_sha256 *c, unsigned char out[32]);
/* The digest of data as 64 lowercase hex digits plus a NUL. */
void bundle_sha256_hex(const void *data, size_t len, char out[65]);

/* ---- names ---- */
/* 1 when name may be an archive entry: valid UTF-8, relative, '/'-separated,
 * no empty, "." or ".." component, no backslash or control character, at most
 * 65535 bytes. */
int bundle_name_safe(const char *name);

/* ---- zip.c: a zip writer over zlib ---- */
typedef struct bundle_zip bundle_zip;
/* Starts a zip on out (borrowed: never closed or aborted here); every entry
 * gets mtime (seconds since the epoch, converted to a DOS time in UTC). */
bundle_zip *bundle_zip_open(folio_sink *out, int64_t mtime, folio_error *err);
/* Adds one entry, deflated or stored, whichever is smaller. */
folio_status bundle_zip_add(bundle_zip *z, const char *name, const void *data, size_t len,
                            folio_error *err);
/* Adding in two halves (folio_archive_ops' prepare/add_prepared): a prep is
 * one thread's deflater (made on z's thread, then used by one thread at a
 * time, independent of z); bundle_zip_prepare deflates and checksums data
 * into a self-contained entry (data may be freed at once), on any thread;
 * bundle_zip_add_prepared writes it under name, exactly as bundle_zip_add
 * would have, and frees it whatever the result. */
typedef struct bundle_zip_prep bundle_zip_prep;
typedef struct bundle_zip_entry bundle_zip_entry;
bundle_zip_prep *bundle_zip_prep_new(const bundle_zip *z, folio_error *err);
void bundle_zip_prep_free(bundle_zip_prep *p);
bundle_zip_entry *bundle_zip_prepare(bundle_zip_prep *p, const void *data, size_t len,
                                     folio_error *err);
folio_status bundle_zip_add_prepared(bundle_zip *z, const char *name, bundle_zip_entry *e,
                                     folio_error *err);
void bundle_zip_entry_free(bundle_zip_entry *e);
/* Writes the central directory (with ZIP64 records when over the classic
 * limits) and frees z, whatever the result. */
folio_status bundle_zip_finish(bundle_zip *z, folio_error *err);
void bundle_zip_discard(bundle_zip *z);
/* The DOS date (high 16 bits) and time (low 16 bits) for t, in UTC, clamped
 * to 1980-01-01..2107-12-31. */
uint32_t bundle_dos_datetime(int64_t t);

/* ---- tar.c: POSIX ustar through a gzip filter ---- */
typedef struct bundle_tar bundle_tar;
/* Starts a gzip-compressed tar on out (borrowed). */
bundle_tar *bundle_tar_open(folio_sink *out, int64_t mtime, folio_error *err);
folio_status bundle_tar_add(bundle_tar *t, const char *name, const void *data, size_t len,
                            folio_error *err);
/* Writes the end-of-archive blocks and the gzip trailer; frees t. */
folio_status bundle_tar_finish(bundle_tar *t, folio_error *err);
void bundle_tar_discard(bundle_tar *t);

/* The archive capability of each plugin (also what bundle_render drives). */
extern const folio_archive_ops bundle_zip_ops;
extern const folio_archive_ops bundle_tar_ops;

/* ---- bundle.c: what goes in a bundle ---- */
extern const folio_option_spec bundle_options[];
/* Renders the article in several formats plus its images and a manifest into
 * one archive written with ops. On failure nothing useful is left in sink
 * (the caller aborts it). */
folio_status bundle_render(const folio_archive_ops *ops, const folio_doc *doc,
                           const folio_options *options, folio_sink *sink, const folio_host *host,
                           folio_error *err);

#endif
