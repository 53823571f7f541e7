/* Tests for the bundle writers, driven directly (not through a plugin):
 * SHA-256 against FIPS 180-4 vectors, DOS times, entry-name checks, zip
 * structure (UTF-8 flag, Unix attributes, CRC, deflate vs store, ZIP64 with
 * 70,000 entries), tar headers (checksums, pax for long names), determinism,
 * write errors, and entries prepared on other threads (prepare/add_prepared)
 * giving the same bytes as plain adds.
 *
 * With FOLIO_ZIP64_OUT set, the 70,000-entry zip is also written to that
 * path so tests/e2e/bundle_zip64.sh can hand it to unzip, 7z and Python. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "bundle.h"

/* ---- helpers ---- */

static uint32_t rd16(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8;
}
static uint32_t rd32(const unsigned char *p)
{
	return rd16(p) | rd16(p + 2) << 16;
}
static uint64_t rd64(const unsigned char *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* Bytes of a finished archive, taken from a memory sink (caller frees). */
typedef struct blob {
	unsigned char *p;
	size_t len;
} blob;

static blob take(folio_sink *mem)
{
	blob b;
	b.p = folio_sink_memory_take(mem, &b.len);
	assert_non_null(b.p);
	folio_sink_abort(mem);
	return b;
}

/* Finds the classic end record (the archives here have no comment). */
static const unsigned char *eocd(const blob *b)
{
	assert_true(b->len >= 22);
	const unsigned char *e = b->p + b->len - 22;
	assert_int_equal(rd32(e), 0x06054b50);
	return e;
}

/* ---- SHA-256 ---- */

static void sha_vectors(void **state)
{
	(void)state;
	static const struct {
		const char *in, *hex;
	} v[] = {
	    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
	     "klmnopqrlmnopqrsmnopqrstnopqrstu",
	     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	};
	char hex[65];
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		bundle_sha256_hex(v[i].in, strlen(v[i].in), hex);
		assert_string_equal(hex, v[i].hex);
	}
}

/* One million 'a' fed in uneven pieces, so every buffering path runs. */
static void sha_million_a(void **state)
{
	(void)state;
	static const size_t pieces[] = {1, 63, 64, 65, 127, 1000, 7};
	char a[1000];
	memset(a, 'a', sizeof(a));
	bundle_sha256 c;
	bundle_sha256_init(&c);
	size_t done = 0;
	for (size_t i = 0; done < 1000000; i++) {
		size_t n = pieces[i % 7];
		if (n > 1000000 - done)
			n = 1000000 - done;
		bundle_sha256_update(&c, a, n);
		done += n;
	}
	unsigned char d[32];
	bundle_sha256_final(&c, d);
	static const unsigned char want[32] = {0xcd, 0xc7, 0x6e, 0x5c, 0x99, 0x14, 0xfb, 0x92,
	                                       0x81, 0xa1, 0xc7, 0xe2, 0x84, 0xd7, 0x3e, 0x67,
	                                       0xf1, 0x80, 0x9a, 0x48, 0xa4, 0x97, 0x20, 0x0e,
	                                       0x04, 0x6d, 0x39, 0xcc, 0xc7, 0x11, 0x2c, 0xd0};
	assert_memory_equal(d, want, 32);
}

/* ---- DOS time and names ---- */

static void dos_times(void **state)
{
	(void)state;
	/* 2024-05-01 12:00:00 UTC */
	assert_int_equal(bundle_dos_datetime(1714564800),
	                 (uint32_t)((44u << 9 | 5u << 5 | 1u) << 16 | 12u << 11));
	/* 2000-02-29 23:59:59 UTC: a leap day, odd seconds round down */
	assert_int_equal(bundle_dos_datetime(951868799),
	                 (uint32_t)((20u << 9 | 2u << 5 | 29u) << 16 | 23u << 11 | 59u << 5 | 29u));
	/* before 1980 clamps to 1980-01-01 00:00 */
	assert_int_equal(bundle_dos_datetime(0), (uint32_t)((0u << 9 | 1u << 5 | 1u) << 16));
	assert_int_equal(bundle_dos_datetime(-5), bundle_dos_datetime(315532800));
	/* far future clamps to 2107-12-31 23:59:58 */
	assert_int_equal(
	    bundle_dos_datetime(INT64_C(1) << 40),
	    (uint32_t)((127u << 9 | 12u << 5 | 31u) << 16 | 23u << 11 | 59u << 5 | 29u));
}

static void names(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "a", "a/b.pdf", "slug/images/x-1.png", "caf\xc3\xa9/x", "a/.hidden", "a/..b"};
	static const char *const bad[] = {"",      "/etc/passwd", "../x", "a/../b", "a/..",
	                                  "./a",   "a//b",        "a/",   "a\\b",   "a\nb",
	                                  "a\x7f", "\xff\xfe",    "a/./b"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(bundle_name_safe(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(bundle_name_safe(bad[i]));
}

/* ---- zip ---- */

static blob small_zip(const char *text, const unsigned char *noise, size_t noise_len)
{
	folio_error err;
	folio_sink *mem = folio_sink_memory();
	bundle_zip *z = bundle_zip_open(mem, 1714564800, &err);
	assert_non_null(z);
	assert_int_equal(bundle_zip_add(z, "d/text.txt", text, strlen(text), &err), FOLIO_OK);
	assert_int_equal(bundle_zip_add(z, "d/noise.bin", noise, noise_len, &err), FOLIO_OK);
	assert_int_equal(bundle_zip_add(z, "d/empty", "", 0, &err), FOLIO_OK);
	assert_int_equal(bundle_zip_finish(z, &err), FOLIO_OK);
	return take(mem);
}

/* Checks one central entry against what was added; returns the next one. */
static const unsigned char *check_central(const blob *b, const unsigned char *c, const char *name,
                                          const void *data, size_t len, unsigned method)
{
	assert_int_equal(rd32(c), 0x02014b50);
	assert_int_equal(rd16(c + 4) >> 8, 3);          /* made by Unix */
	assert_int_equal(rd16(c + 8) & 0x0800, 0x0800); /* UTF-8 names */
	assert_int_equal(rd16(c + 8) & 0x0008, 0);      /* sizes known: no descriptor */
	assert_int_equal(rd16(c + 10), method);
	assert_int_equal(rd32(c + 16), crc32(0, data, (uInt)len));
	assert_int_equal(rd32(c + 24), len);
	assert_int_equal(rd32(c + 38), (uint32_t)0100644 << 16);
	assert_int_equal(rd16(c + 28), strlen(name));
	assert_memory_equal(c + 46, name, strlen(name));
	/* the local header agrees, and the data inflates back */
	const unsigned char *l = b->p + rd32(c + 42);
	assert_int_equal(rd32(l), 0x04034b50);
	assert_int_equal(rd32(l + 14), rd32(c + 16));
	const unsigned char *body = l + 30 + rd16(l + 26) + rd16(l + 28);
	unsigned char *out = malloc(len + 1);
	if (method == 8) {
		z_stream s = {0};
		assert_int_equal(inflateInit2(&s, -15), Z_OK);
		s.next_in = (Bytef *)body;
		s.avail_in = rd32(c + 20);
		s.next_out = out;
		s.avail_out = (uInt)len + 1;
		assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
		assert_int_equal(s.total_out, len);
		inflateEnd(&s);
		assert_true(rd32(c + 20) < len); /* deflate only when it wins */
	} else {
		memcpy(out, body, len);
		assert_int_equal(rd32(c + 20), len);
	}
	assert_memory_equal(out, data, len);
	free(out);
	return c + 46 + rd16(c + 28) + rd16(c + 30) + rd16(c + 32);
}

static void zip_structure(void **state)
{
	(void)state;
	char text[4000];
	for (size_t i = 0; i + 1 < sizeof(text); i++)
		text[i] = "stretch the neck gently, "[i % 25];
	text[sizeof(text) - 1] = '\0';
	unsigned char noise[3000];
	uint32_t x = 2463534242u; /* xorshift: incompressible and repeatable */
	for (size_t i = 0; i < sizeof(noise); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		noise[i] = (unsigned char)x;
	}
	blob b = small_zip(text, noise, sizeof(noise));
	const unsigned char *e = eocd(&b);
	assert_int_equal(rd16(e + 10), 3);
	const unsigned char *c = b.p + rd32(e + 16);
	c = check_central(&b, c, "d/text.txt", text, strlen(text), 8);
	c = check_central(&b, c, "d/noise.bin", noise, sizeof(noise), 0);
	c = check_central(&b, c, "d/empty", "", 0, 0);
	assert_ptr_equal(c, e);
	/* same input, same bytes */
	blob again = small_zip(text, noise, sizeof(noise));
	assert_int_equal(again.len, b.len);
	assert_memory_equal(again.p, b.p, b.len);
	free(again.p);
	free(b.p);
}

static void zip_refuses_unsafe_names(void **state)
{
	(void)state;
	folio_error err;
	folio_sink *mem = folio_sink_memory();
	bundle_zip *z = bundle_zip_open(mem, 0, &err);
	assert_int_equal(bundle_zip_add(z, "../evil", "x", 1, &err), FOLIO_ERR_USAGE);
	assert_non_null(strstr(err.message, "../evil"));
	assert_int_equal(bundle_zip_add(z, "/abs", "x", 1, &err), FOLIO_ERR_USAGE);
	bundle_zip_discard(z);
	folio_sink_abort(mem);
}

/* A sink that fails after a number of bytes: the writer must report it. */
static folio_status failing_write(void *ctx, const void *data, size_t len, folio_error *err)
{
	(void)data;
	size_t *left = ctx;
	if (len > *left)
		return folio_error_set(err, FOLIO_ERR_IO, NULL, 0, 0, "disk full (test)");
	*left -= len;
	return FOLIO_OK;
}
static folio_status failing_close(void *ctx, folio_error *err)
{
	(void)ctx;
	(void)err;
	return FOLIO_OK;
}
static void failing_abort(void *ctx)
{
	(void)ctx;
}
static const folio_sink_ops failing_ops = {sizeof(folio_sink_ops), failing_write, failing_close,
                                           failing_abort};

static void zip_write_error(void **state)
{
	(void)state;
	size_t left = 40; /* room for less than one header and name */
	folio_error err;
	folio_sink *s = folio_sink_new(&failing_ops, &left);
	bundle_zip *z = bundle_zip_open(s, 0, &err);
	assert_int_equal(bundle_zip_add(z, "a/long-enough-name.txt", "hello", 5, &err),
	                 FOLIO_ERR_IO);
	assert_non_null(strstr(err.message, "disk full"));
	bundle_zip_discard(z);
	folio_sink_abort(s);
}

/* More than 65,535 entries: the classic end record overflows, so the ZIP64
 * end record and locator must be there and hold the true count. */
static void zip64_many_entries(void **state)
{
	(void)state;
	enum { N = 70000 };
	folio_error err;
	folio_sink *mem = folio_sink_memory();
	bundle_zip *z = bundle_zip_open(mem, 1714564800, &err);
	char name[64], data[32];
	for (unsigned i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "many/%05u.txt", i);
		int n = snprintf(data, sizeof(data), "entry %u\n", i);
		assert_int_equal(bundle_zip_add(z, name, data, (size_t)n, &err), FOLIO_OK);
	}
	assert_int_equal(bundle_zip_finish(z, &err), FOLIO_OK);
	blob b = take(mem);
	const unsigned char *e = eocd(&b);
	assert_int_equal(rd16(e + 8), 0xffff);
	assert_int_equal(rd16(e + 10), 0xffff);
	const unsigned char *loc = e - 20;
	assert_int_equal(rd32(loc), 0x07064b50);
	const unsigned char *e64 = b.p + rd64(loc + 8);
	assert_ptr_equal(e64, loc - 56);
	assert_int_equal(rd32(e64), 0x06064b50);
	assert_int_equal(rd64(e64 + 24), N);
	assert_int_equal(rd64(e64 + 32), N);
	/* the central directory starts where the record says, and the last
	 * entry in it is the last one added */
	assert_int_equal(rd32(b.p + rd64(e64 + 48)), 0x02014b50);
	assert_int_equal(rd64(e64 + 48) + rd64(e64 + 40), (uint64_t)(e64 - b.p));
	const char *out = getenv("FOLIO_ZIP64_OUT");
	if (out != NULL && out[0] != '\0') {
		FILE *f = fopen(out, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(b.p, 1, b.len, f), b.len);
		assert_int_equal(fclose(f), 0);
	}
	free(b.p);
}

/* A sink that keeps only small writes (headers, small entries, the central
 * directory) with their offsets, so a > 4 GiB archive can be checked
 * without holding it. */
typedef struct sparse {
	uint64_t offset;
	unsigned char *kept; /* the small writes, concatenated */
	uint64_t *at;        /* where each kept byte was in the archive */
	size_t len, cap;
} sparse;

static folio_status sparse_write(void *ctx, const void *data, size_t len, folio_error *err)
{
	(void)err;
	sparse *s = ctx;
	if (len < 65536) {
		if (s->len + len > s->cap) {
			s->cap = (s->len + len) * 2;
			s->kept = realloc(s->kept, s->cap);
			s->at = realloc(s->at, s->cap * sizeof(*s->at));
			assert_non_null(s->kept);
			assert_non_null(s->at);
		}
		memcpy(s->kept + s->len, data, len);
		for (size_t i = 0; i < len; i++)
			s->at[s->len + i] = s->offset + i;
		s->len += len;
	}
	s->offset += len;
	return FOLIO_OK;
}
static folio_status sparse_close(void *ctx, folio_error *err)
{
	(void)ctx;
	(void)err;
	return FOLIO_OK;
}
static void sparse_abort(void *ctx)
{
	(void)ctx;
}
static const folio_sink_ops sparse_ops = {sizeof(folio_sink_ops), sparse_write, sparse_close,
                                          sparse_abort};

/* The CRC-32 of n zero bytes, by doubling with crc32_combine (n >= 1000). */
static uint32_t crc_of_zeros(uint64_t n)
{
	static const unsigned char z1000[1000];
	uLong c = crc32(0, z1000, 1);
	uint64_t len = 1;
	while (len * 2 <= n - 1000) {
		c = crc32_combine(c, c, (z_off_t)len);
		len *= 2;
	}
	assert_int_equal(len, n - 1000); /* callers pass 2^k + 1000 */
	return (uint32_t)crc32_combine(c, crc32(0, z1000, 1000), 1000);
}

/* Past 4 GiB: an entry over 0xFFFFFFFF bytes (stored: zlib's counters are
 * 32-bit) and an entry that starts beyond 4 GiB both need ZIP64 extra
 * fields, and the end needs the ZIP64 records. The big entry is zero pages
 * from calloc, so it costs address space, not memory. */
static void zip64_big_archive(void **state)
{
	(void)state;
	const size_t big = (size_t)0x100000000ull + 1000; /* 4 GiB + 1000 */
	unsigned char *zeros = calloc(1, big);
	if (zeros == NULL) {
		skip(); /* no address space for it here */
		return;
	}
	sparse sp = {0};
	folio_error err;
	folio_sink *s = folio_sink_new(&sparse_ops, &sp);
	bundle_zip *z = bundle_zip_open(s, 1714564800, &err);
	assert_int_equal(bundle_zip_add(z, "big/zeros.bin", zeros, big, &err), FOLIO_OK);
	assert_int_equal(bundle_zip_add(z, "big/after.txt", "after\n", 6, &err), FOLIO_OK);
	assert_int_equal(bundle_zip_finish(z, &err), FOLIO_OK);
	free(zeros);
	/* local header of the big entry: sizes in a ZIP64 extra */
	const unsigned char *l = sp.kept;
	assert_int_equal(rd32(l), 0x04034b50);
	assert_int_equal(rd16(l + 4), 45);
	assert_int_equal(rd32(l + 18), 0xffffffff);
	assert_int_equal(rd32(l + 22), 0xffffffff);
	const unsigned char *x = l + 30 + rd16(l + 26);
	assert_int_equal(rd16(x), 1);
	assert_int_equal(rd64(x + 4), big);
	assert_int_equal(rd64(x + 12), big);
	/* the end: classic record points to ZIP64 ones */
	const unsigned char *e = sp.kept + sp.len - 22;
	assert_int_equal(rd32(e), 0x06054b50);
	assert_int_equal(rd32(e + 16), 0xffffffff); /* central directory offset > 4 GiB */
	const unsigned char *e64 = e - 20 - 56;
	assert_int_equal(rd32(e64), 0x06064b50);
	assert_int_equal(rd64(e64 + 32), 2);
	uint64_t cd_at = rd64(e64 + 48);
	assert_true(cd_at > big);
	/* find the central directory among the kept bytes */
	size_t i = 0;
	while (i < sp.len && sp.at[i] != cd_at)
		i++;
	assert_true(i < sp.len);
	const unsigned char *c1 = sp.kept + i;
	assert_int_equal(rd32(c1), 0x02014b50);
	assert_int_equal(rd32(c1 + 16), crc_of_zeros(big));
	assert_int_equal(rd32(c1 + 20), 0xffffffff);
	assert_int_equal(rd32(c1 + 24), 0xffffffff);
	const unsigned char *c1x = c1 + 46 + rd16(c1 + 28);
	assert_int_equal(rd16(c1x), 1);
	assert_int_equal(rd16(c1x + 2), 16); /* both sizes, offset 0 fits */
	const unsigned char *c2 = c1x + 4 + 16;
	assert_int_equal(rd32(c2), 0x02014b50);
	assert_int_equal(rd32(c2 + 42), 0xffffffff); /* its offset is past 4 GiB */
	const unsigned char *c2x = c2 + 46 + rd16(c2 + 28);
	assert_int_equal(rd16(c2x), 1);
	assert_int_equal(rd16(c2x + 2), 8);
	uint64_t off2 = rd64(c2x + 4);
	assert_true(off2 > big);
	/* and the small entry's local header really is there */
	for (i = 0; i < sp.len && sp.at[i] != off2; i++)
		;
	assert_true(i < sp.len);
	assert_int_equal(rd32(sp.kept + i), 0x04034b50);
	folio_sink_abort(s);
	free(sp.kept);
	free(sp.at);
}

/* ---- entries prepared ahead (the archive ops batch uses) ---- */

/* Text that deflates, noise that does not (like a PDF's compressed streams),
 * an empty entry, and text again: each prepared entry must come out as the
 * plain add writes it, deflated or stored. */
enum { PREP_ENTRIES = 6 };
typedef struct prep_set {
	const char *name[PREP_ENTRIES];
	unsigned char *data[PREP_ENTRIES];
	size_t len[PREP_ENTRIES];
} prep_set;

static void prep_set_make(prep_set *ps)
{
	static const char *const names[PREP_ENTRIES] = {"a/a.txt",  "a/a.pdf", "a/empty",
	                                                "b/b.html", "b/b.pdf", "b/b.txt"};
	static const size_t lens[PREP_ENTRIES] = {5000, 30000, 0, 70000, 1, 4000};
	uint32_t x = 88172645u;
	for (size_t i = 0; i < PREP_ENTRIES; i++) {
		ps->name[i] = names[i];
		ps->len[i] = lens[i];
		ps->data[i] = malloc(lens[i] + 1);
		assert_non_null(ps->data[i]);
		for (size_t k = 0; k < lens[i]; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			ps->data[i][k] = strstr(names[i], ".pdf")
			                     ? (unsigned char)x
			                     : (unsigned char)"do the chin tuck "[k % 17];
		}
	}
}

static void prep_set_free(prep_set *ps)
{
	for (size_t i = 0; i < PREP_ENTRIES; i++)
		free(ps->data[i]);
}

static blob plain_zip(const prep_set *ps)
{
	folio_error err;
	folio_sink *mem = folio_sink_memory();
	bundle_zip *z = bundle_zip_open(mem, 1714564800, &err);
	assert_non_null(z);
	for (size_t i = 0; i < PREP_ENTRIES; i++)
		assert_int_equal(bundle_zip_add(z, ps->name[i], ps->data[i], ps->len[i], &err),
		                 FOLIO_OK);
	assert_int_equal(bundle_zip_finish(z, &err), FOLIO_OK);
	return take(mem);
}

/* Prepared through the ops table, the way folio batch does it. */
static void zip_prepared_same_bytes(void **state)
{
	(void)state;
	const folio_archive_ops *ops = &bundle_zip_ops;
	assert_true(ops->size >= offsetof(folio_archive_ops, entry_free) + sizeof(ops->entry_free));
	assert_non_null(ops->prep_new);
	assert_non_null(ops->prepare);
	prep_set ps;
	prep_set_make(&ps);
	blob want = plain_zip(&ps);

	folio_error err;
	folio_sink *mem = folio_sink_memory();
	folio_archive *a = ops->open(NULL, mem, 1714564800, &err);
	assert_non_null(a);
	folio_archive_prep *p = ops->prep_new(a, &err);
	assert_non_null(p);
	folio_archive_entry *e[PREP_ENTRIES];
	for (size_t i = 0; i < PREP_ENTRIES; i++) {
		/* prepare copies what it needs: the data is gone before the add */
		unsigned char *copy = malloc(ps.len[i] + 1);
		memcpy(copy, ps.data[i], ps.len[i]);
		e[i] = ops->prepare(p, copy, ps.len[i], &err);
		assert_non_null(e[i]);
		memset(copy, 0xAA, ps.len[i]);
		free(copy);
	}
	ops->prep_free(p); /* entries outlive their prep */
	for (size_t i = 0; i < PREP_ENTRIES; i++)
		assert_int_equal(ops->add_prepared(a, ps.name[i], e[i], &err), FOLIO_OK);
	assert_int_equal(ops->finish(a, &err), FOLIO_OK);
	blob got = take(mem);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.p, want.p, want.len);

	/* and the entries are what check_central expects: text deflated, noise
	 * and the empty entry stored */
	const unsigned char *end = eocd(&got);
	const unsigned char *c = got.p + rd32(end + 16);
	static const unsigned methods[PREP_ENTRIES] = {8, 0, 0, 8, 0, 8};
	for (size_t i = 0; i < PREP_ENTRIES; i++)
		c = check_central(&got, c, ps.name[i], ps.data[i], ps.len[i], methods[i]);
	assert_ptr_equal(c, end);
	free(got.p);
	free(want.p);
	prep_set_free(&ps);
}

/* Several threads prepare at once, each with its own prep reused entry after
 * entry (deflateReset, not a new stream); the entries then go in, in order,
 * after a plain one: the same bytes as plain adds. */
typedef struct prep_job {
	bundle_zip_prep *prep;
	const prep_set *ps;
	size_t first, step, rounds;
	bundle_zip_entry **out; /* rounds * PREP_ENTRIES slots */
} prep_job;

static void *prep_thread(void *arg)
{
	prep_job *j = arg;
	folio_error err;
	for (size_t k = j->first; k < j->rounds * PREP_ENTRIES; k += j->step) {
		size_t i = k % PREP_ENTRIES;
		j->out[k] = bundle_zip_prepare(j->prep, j->ps->data[i], j->ps->len[i], &err);
	}
	return NULL;
}

static void zip_prepared_in_threads(void **state)
{
	(void)state;
	enum { ROUNDS = 20, THREADS = 3 };
	prep_set ps;
	prep_set_make(&ps);
	folio_error err;
	char name[64];
	bundle_zip_entry *entries[ROUNDS * PREP_ENTRIES] = {0};
	folio_sink *mem = folio_sink_memory();
	bundle_zip *z = bundle_zip_open(mem, 1714564800, &err);
	/* an entry of the plain kind first: both ways mix in one archive */
	assert_int_equal(bundle_zip_add(z, "first.txt", "first\n", 6, &err), FOLIO_OK);
	prep_job jobs[THREADS];
	pthread_t th[THREADS];
	for (size_t t = 0; t < THREADS; t++) {
		jobs[t] =
		    (prep_job){bundle_zip_prep_new(z, &err), &ps, t, THREADS, ROUNDS, entries};
		assert_non_null(jobs[t].prep);
		assert_int_equal(pthread_create(&th[t], NULL, prep_thread, &jobs[t]), 0);
	}
	for (size_t t = 0; t < THREADS; t++) {
		pthread_join(th[t], NULL);
		bundle_zip_prep_free(jobs[t].prep);
	}
	for (size_t k = 0; k < ROUNDS * PREP_ENTRIES; k++) {
		assert_non_null(entries[k]);
		snprintf(name, sizeof(name), "%02zu/%s", k / PREP_ENTRIES,
		         ps.name[k % PREP_ENTRIES]);
		assert_int_equal(bundle_zip_add_prepared(z, name, entries[k], &err), FOLIO_OK);
	}
	assert_int_equal(bundle_zip_finish(z, &err), FOLIO_OK);
	blob got = take(mem);
	/* the same archive with plain adds: ROUNDS copies of the set under
	 * numbered names, after the same first entry */
	mem = folio_sink_memory();
	z = bundle_zip_open(mem, 1714564800, &err);
	assert_int_equal(bundle_zip_add(z, "first.txt", "first\n", 6, &err), FOLIO_OK);
	for (size_t k = 0; k < ROUNDS * PREP_ENTRIES; k++) {
		snprintf(name, sizeof(name), "%02zu/%s", k / PREP_ENTRIES,
		         ps.name[k % PREP_ENTRIES]);
		assert_int_equal(bundle_zip_add(z, name, ps.data[k % PREP_ENTRIES],
		                                ps.len[k % PREP_ENTRIES], &err),
		                 FOLIO_OK);
	}
	assert_int_equal(bundle_zip_finish(z, &err), FOLIO_OK);
	blob want = take(mem);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.p, want.p, got.len);
	free(got.p);
	free(want.p);
	prep_set_free(&ps);
}

/* The ways an entry leaves without being written: add_prepared refuses an
 * unsafe name (and still frees the entry), entry_free drops one, and a
 * write error is reported. Leaks show under the sanitizers. */
static void zip_prepared_errors(void **state)
{
	(void)state;
	folio_error err;
	folio_sink *mem = folio_sink_memory();
	bundle_zip *z = bundle_zip_open(mem, 0, &err);
	bundle_zip_prep *p = bundle_zip_prep_new(z, &err);
	bundle_zip_entry *e = bundle_zip_prepare(p, "hello", 5, &err);
	assert_int_equal(bundle_zip_add_prepared(z, "../evil", e, &err), FOLIO_ERR_USAGE);
	assert_non_null(strstr(err.message, "../evil"));
	bundle_zip_entry_free(bundle_zip_prepare(p, "dropped", 7, &err));
	bundle_zip_discard(z);
	folio_sink_abort(mem);

	size_t left = 40;
	folio_sink *s = folio_sink_new(&failing_ops, &left);
	z = bundle_zip_open(s, 0, &err);
	e = bundle_zip_prepare(p, "hello", 5, &err); /* a prep outlives its archive */
	assert_int_equal(bundle_zip_add_prepared(z, "a/long-enough-name.txt", e, &err),
	                 FOLIO_ERR_IO);
	assert_non_null(strstr(err.message, "disk full"));
	bundle_zip_discard(z);
	folio_sink_abort(s);
	bundle_zip_prep_free(p);
}

/* tar.gz compresses the whole stream: it has no prepare ops, and batch adds
 * to it the plain way. */
static void tar_has_no_prepare(void **state)
{
	(void)state;
	assert_null(bundle_tar_ops.prep_new);
	assert_null(bundle_tar_ops.prepare);
	assert_null(bundle_tar_ops.add_prepared);
}

/* ---- tar ---- */

/* Inflates a gzip blob (caller frees). */
static blob gunzip(const blob *gz)
{
	blob out = {malloc(1 << 20), 0};
	z_stream s = {0};
	assert_int_equal(inflateInit2(&s, 31), Z_OK);
	s.next_in = gz->p;
	s.avail_in = (uInt)gz->len;
	s.next_out = out.p;
	s.avail_out = 1 << 20;
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	out.len = s.total_out;
	inflateEnd(&s);
	return out;
}

static void check_tar_header(const unsigned char *h, const char *name_prefix, char type)
{
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	assert_int_equal(strtoul((const char *)h + 148, NULL, 8), sum);
	assert_memory_equal(h + 257,
	                    "ustar\0"
	                    "00",
	                    8);
	assert_int_equal(h[156], type);
	assert_string_equal((const char *)h + 100, "0000644");
	assert_string_equal((const char *)h + 108, "0000000");
	assert_string_equal((const char *)h + 265, "root");
	assert_int_equal(strtoull((const char *)h + 136, NULL, 8), 1714564800);
	assert_memory_equal(h, name_prefix, strlen(name_prefix));
}

static void tar_layout(void **state)
{
	(void)state;
	char longname[200];
	memset(longname, 'n', sizeof(longname));
	memcpy(longname, "dir/", 4);
	longname[150] = '\0';
	folio_error err;
	folio_sink *mem = folio_sink_memory();
	bundle_tar *t = bundle_tar_open(mem, 1714564800, &err);
	assert_non_null(t);
	assert_int_equal(bundle_tar_add(t, "dir/a.txt", "hello\n", 6, &err), FOLIO_OK);
	assert_int_equal(bundle_tar_add(t, longname, "x", 1, &err), FOLIO_OK);
	assert_int_equal(bundle_tar_add(t, "a/../b", "x", 1, &err), FOLIO_ERR_USAGE);
	assert_int_equal(bundle_tar_finish(t, &err), FOLIO_OK);
	blob gz = take(mem);
	assert_int_equal(gz.p[0], 0x1f);
	assert_int_equal(gz.p[1], 0x8b);
	blob tar = gunzip(&gz);
	/* "160" = 4 ("path") + 150 (the name) + 3 (" =\n") + 3 (its own digits).
	 * a.txt: header + one data block; the pax header + its block; the long
	 * entry + one block; two zero blocks */
	assert_int_equal(tar.len, 8 * 512);
	check_tar_header(tar.p, "dir/a.txt", '0');
	assert_memory_equal(tar.p + 512, "hello\n", 6);
	check_tar_header(tar.p + 1024, "PaxHeaders/", 'x');
	char rec[200];
	snprintf(rec, sizeof(rec), "160 path=%s\n", longname);
	assert_memory_equal(tar.p + 1536, rec, strlen(rec));
	check_tar_header(tar.p + 2048, "dir/nnn", '0');
	for (size_t i = 6 * 512; i < tar.len; i++)
		assert_int_equal(tar.p[i], 0);
	free(tar.p);
	free(gz.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sha_vectors),
	    cmocka_unit_test(sha_million_a),
	    cmocka_unit_test(dos_times),
	    cmocka_unit_test(names),
	    cmocka_unit_test(zip_structure),
	    cmocka_unit_test(zip_refuses_unsafe_names),
	    cmocka_unit_test(zip_write_error),
	    cmocka_unit_test(zip64_many_entries),
	    cmocka_unit_test(zip64_big_archive),
	    cmocka_unit_test(zip_prepared_same_bytes),
	    cmocka_unit_test(zip_prepared_in_threads),
	    cmocka_unit_test(zip_prepared_errors),
	    cmocka_unit_test(tar_has_no_prepare),
	    cmocka_unit_test(tar_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
