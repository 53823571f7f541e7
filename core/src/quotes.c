/* folio — typographic quotes (folio/present.h): straight " and ' in a
 * document's text become the marks of its language, once, in the model, so
 * that every format prints the same marks.
 *
 * Each block of running text (a heading, a paragraph, a table cell) is laid
 * out flat: its text nodes' bytes, with one 'x' standing for anything kept
 * as it is (a code span, a link that shows its address) and a '\n' for a
 * hard break. Each straight quote is judged by the characters either side
 * of it and by the quotations still open before it; the marks then go back
 * into the text nodes they came from.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "folio/present.h"

/* What a character beside a quote is. */
typedef enum cclass {
	C_NONE,  /* the start or the end of the block */
	C_SPACE, /* white space */
	C_OPEN,  /* opening punctuation, a dash, an opening quote */
	C_CLOSE, /* closing punctuation, a closing quote */
	C_DIGIT, /* 0-9 */
	C_WORD,  /* letters, marks, other numbers (and 'x', a code span) */
	C_PUNCT  /* anything else: . , ; : ! ? ... */
} cclass;

/* What a straight quote becomes. */
typedef enum qkind {
	Q_KEEP,
	Q_OPEN,   /* " opening */
	Q_CLOSE,  /* " closing */
	Q_OPEN1,  /* ' opening */
	Q_CLOSE1, /* ' closing */
	Q_APOS,   /* ’ */
	Q_PRIME1, /* ′ */
	Q_PRIME2  /* ″ */
} qkind;

typedef struct quote_at {
	size_t off;
	qkind kind;
} quote_at;

typedef struct qscan {
	const char *s;       /* the flat text */
	size_t n;
	const unsigned *seg; /* the piece each byte came from (NULL: one piece) */
	const char *mark[FOLIO_QUOTE_MARK_COUNT];
	int hebrew;          /* ' and " after a Hebrew letter are geresh and gershayim */
	quote_at *q;         /* the straight quotes found, in order */
	size_t nq, cap;
	size_t *stack;       /* indexes into q of the quotations open */
	size_t depth;
	int failed;
} qscan;

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	utf8proc_int32_t cp = -1;
	utf8proc_ssize_t k =
	    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
	*len = k > 0 ? (size_t)k : 1;
	return k > 0 ? cp : -1;
}

static size_t prev_start(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

static cclass classify(int32_t cp)
{
	if (cp < 0)
		return C_NONE;
	if (cp >= '0' && cp <= '9')
		return C_DIGIT;
	if (cp == '/' || cp == '-')
		return C_OPEN;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return C_SPACE;
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PD:
		return C_OPEN;
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PF:
		return C_CLOSE;
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_WORD;
	default:
		return C_PUNCT;
	}
}

static int is_hebrew_letter(int32_t cp)
{
	return cp >= 0x05D0 && cp <= 0x05EA;
}

/* The class of the character before i; a straight quote already judged
 * counts as what it became. */
static cclass class_before(const qscan *sc, size_t i, int32_t *cp_out)
{
	size_t len;
	*cp_out = -1;
	if (i == 0)
		return C_NONE;
	size_t p = prev_start(sc->s, i);
	if (sc->nq > 0 && sc->q[sc->nq - 1].off == p) {
		qkind k = sc->q[sc->nq - 1].kind;
		if (k == Q_OPEN || k == Q_OPEN1)
			return C_OPEN;
		if (k == Q_APOS)
			return C_WORD;
		if (k != Q_KEEP)
			return C_CLOSE;
	}
	*cp_out = cp_at(sc->s, sc->n, p, &len);
	return classify(*cp_out);
}

static cclass class_after(const qscan *sc, size_t i, int32_t *cp_out)
{
	size_t len;
	*cp_out = -1;
	if (i + 1 >= sc->n)
		return C_NONE;
	char c = sc->s[i + 1];
	if (c == '"' || c == '\'')
		return C_PUNCT;
	*cp_out = cp_at(sc->s, sc->n, i + 1, &len);
	return classify(*cp_out);
}

/* The innermost open quotation of kind open (Q_OPEN or Q_OPEN1), as a stack
 * depth + 1; 0 when none is open. */
static size_t open_at(const qscan *sc, qkind open)
{
	for (size_t d = sc->depth; d > 0; d--)
		if (sc->q[sc->stack[d - 1]].kind == open)
			return d;
	return 0;
}

/* Closes the innermost quotation of kind open: inner ' quotations left open
 * inside it were apostrophes ('cause). */
static void close_quote(qscan *sc, qkind open)
{
	size_t d = open_at(sc, open);
	if (d == 0)
		return;
	while (sc->depth >= d) {
		quote_at *o = &sc->q[sc->stack[--sc->depth]];
		if (o->kind == Q_OPEN1 && sc->depth + 1 > d)
			o->kind = Q_APOS;
	}
}

static qkind judge_double(const qscan *sc, size_t i, cclass before, int32_t bcp, cclass after,
                          int32_t acp)
{
	int open = open_at(sc, Q_OPEN) > 0;
	if (sc->hebrew && !open && is_hebrew_letter(bcp) && is_hebrew_letter(acp))
		return Q_KEEP; /* gershayim: an abbreviation */
	if (before == C_NONE || before == C_SPACE || before == C_OPEN) {
		if (after == C_NONE || after == C_SPACE || after == C_CLOSE || after == C_PUNCT) {
			if (open)
				return Q_CLOSE; /* « mot » typed as " mot " */
			/* A lone " that nothing follows is no quotation. */
			return memchr(sc->s + i + 1, '"', sc->n - i - 1) ? Q_OPEN : Q_KEEP;
		}
		return Q_OPEN;
	}
	if (before == C_DIGIT && !open)
		return Q_PRIME2; /* 30" */
	if (!open && (after == C_WORD || after == C_DIGIT || after == C_OPEN))
		return Q_OPEN;
	return Q_CLOSE;
}

static qkind judge_single(const qscan *sc, cclass before, int32_t bcp, cclass after)
{
	int open = open_at(sc, Q_OPEN1) > 0;
	switch (before) {
	case C_WORD:
		if (sc->hebrew && is_hebrew_letter(bcp) && !open)
			return Q_KEEP; /* geresh */
		if (after == C_WORD || after == C_DIGIT)
			return Q_APOS; /* don't, l'épaule */
		return open ? Q_CLOSE1 : Q_APOS; /* the patients' */
	case C_DIGIT:
		if (after == C_WORD)
			return Q_APOS; /* the 1990's */
		if (after == C_DIGIT)
			return Q_PRIME1;
		return open ? Q_CLOSE1 : Q_PRIME1; /* 5' */
	case C_NONE:
	case C_SPACE:
	case C_OPEN:
		if (after == C_DIGIT)
			return Q_APOS; /* '90s */
		if (after == C_WORD || after == C_OPEN || after == C_PUNCT)
			return Q_OPEN1; /* an apostrophe ('cause) if nothing closes it */
		return open ? Q_CLOSE1 : Q_KEEP;
	default:
		return open ? Q_CLOSE1 : Q_APOS;
	}
}

static int push_quote(qscan *sc, size_t off, qkind kind)
{
	if (sc->nq == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 16;
		quote_at *q = realloc(sc->q, cap * sizeof *q);
		size_t *st = realloc(sc->stack, cap * sizeof *st);
		if (q != NULL)
			sc->q = q;
		if (st != NULL)
			sc->stack = st;
		if (q == NULL || st == NULL) {
			sc->failed = 1;
			return -1;
		}
		sc->cap = cap;
	}
	sc->q[sc->nq] = (quote_at){off, kind};
	if (kind == Q_OPEN || kind == Q_OPEN1)
		sc->stack[sc->depth++] = sc->nq;
	sc->nq++;
	if (kind == Q_CLOSE)
		close_quote(sc, Q_OPEN);
	else if (kind == Q_CLOSE1)
		close_quote(sc, Q_OPEN1);
	return 0;
}

static int prefix_at(const char *s, size_t n, size_t i, const char *p)
{
	size_t k = strlen(p);
	if (n - i < k)
		return 0;
	for (size_t j = 0; j < k; j++) {
		char c = s[i + j];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != p[j])
			return 0;
	}
	return 1;
}

/* A URL, an e-mail-like or DOI-like token starting at i (at a word's
 * start): its length up to the next space, else 0. */
static size_t url_at(const char *s, size_t n, size_t i)
{
	static const char *const pre[] = {"http://", "https://", "ftp://", "www.", "mailto:",
	                                  "doi:", "10."};
	int hit = 0;
	for (size_t k = 0; k < sizeof pre / sizeof pre[0] && !hit; k++)
		hit = prefix_at(s, n, i, pre[k]);
	if (hit && s[i] == '1') { /* 10.NNNN/... */
		size_t j = i + 3;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		hit = j > i + 3 && j < n && s[j] == '/';
	}
	if (!hit)
		return 0;
	size_t j = i;
	while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t')
		j++;
	return j - i;
}

/* name="value": the value's quotes stay straight. Returns the length from
 * the opening quote at i through its closing one, or 0. */
static size_t attribute_at(const char *s, size_t n, size_t i)
{
	if (i == 0 || s[i - 1] != '=')
		return 0;
	for (size_t j = i + 1; j < n && s[j] != '\n'; j++)
		if (s[j] == s[i])
			return j - i + 1;
	return 0;
}

static void scan(qscan *sc)
{
	const char *s = sc->s;
	for (size_t i = 0; i < sc->n && !sc->failed; i++) {
		int32_t bcp, acp;
		cclass before = class_before(sc, i, &bcp);
		if (before == C_NONE || before == C_SPACE || before == C_OPEN) {
			size_t u = url_at(s, sc->n, i);
			if (u > 0) {
				i += u - 1;
				continue;
			}
		}
		if (s[i] != '"' && s[i] != '\'')
			continue;
		size_t a = attribute_at(s, sc->n, i);
		if (a > 0) {
			i += a - 1;
			continue;
		}
		cclass after = class_after(sc, i, &acp);
		qkind k = s[i] == '"' ? judge_double(sc, i, before, bcp, after, acp)
		                      : judge_single(sc, before, bcp, after);
		push_quote(sc, i, k);
	}
	/* An opening ' that nothing closed was an apostrophe ('cause). */
	for (size_t d = 0; d < sc->depth; d++)
		if (sc->q[sc->stack[d]].kind == Q_OPEN1)
			sc->q[sc->stack[d]].kind = Q_APOS;
	sc->depth = 0;
}

/* ---- writing the marks back ----------------------------------------------------------- */

static int same_piece(const qscan *sc, size_t a, size_t b)
{
	return sc->seg == NULL || sc->seg[a] == sc->seg[b];
}

typedef struct qout {
	char *p;
	size_t len, cap;
	int failed;
} qout;

static void out_put(qout *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *p = realloc(o->p, cap);
		if (p == NULL) {
			o->failed = 1;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static void out_str(qout *o, const char *s)
{
	out_put(o, s, strlen(s));
}

static const char *mark_of(const qscan *sc, qkind k)
{
	switch (k) {
	case Q_OPEN: return sc->mark[FOLIO_QUOTE_OPEN];
	case Q_CLOSE: return sc->mark[FOLIO_QUOTE_CLOSE];
	case Q_OPEN1: return sc->mark[FOLIO_QUOTE_INNER_OPEN];
	case Q_CLOSE1: return sc->mark[FOLIO_QUOTE_INNER_CLOSE];
	case Q_APOS: return "\xE2\x80\x99";
	case Q_PRIME1: return "\xE2\x80\xB2";
	case Q_PRIME2: return "\xE2\x80\xB3";
	default: return NULL;
	}
}

static int is_nbsp_at(const char *s, size_t n, size_t i)
{
	return (n - i >= 2 && memcmp(s + i, "\xC2\xA0", 2) == 0) ||
	       (n - i >= 3 && memcmp(s + i, "\xE2\x80\xAF", 3) == 0);
}

static int is_nbsp_before(const char *s, size_t i)
{
	return (i >= 2 && memcmp(s + i - 2, "\xC2\xA0", 2) == 0) ||
	       (i >= 3 && memcmp(s + i - 3, "\xE2\x80\xAF", 3) == 0);
}

/* Whether a closing mark at i takes the pad before it; *drop: the space
 * typed before it is replaced by the pad. */
static int pad_before(const qscan *sc, size_t from, size_t i, int *drop)
{
	const char *s = sc->s;
	*drop = 0;
	if (i == 0 || is_nbsp_before(s, i) || s[i - 1] == '\n')
		return 0;
	if (s[i - 1] == ' ') {
		*drop = i > from && same_piece(sc, i - 1, i);
		return *drop;
	}
	return 1;
}

/* Whether an opening mark ending at i takes the pad after it; *drop: the
 * space typed after it is replaced by the pad. */
static int pad_after(const qscan *sc, size_t to, size_t i, int *drop)
{
	const char *s = sc->s;
	*drop = 0;
	if (i >= sc->n || s[i] == '\n' || is_nbsp_at(s, sc->n, i))
		return 0;
	if (s[i] == ' ') {
		*drop = i < to && same_piece(sc, i - 1, i);
		return *drop;
	}
	return 1;
}

/* Writes s[from, to) with the marks in place into o. With a pad (French), an
 * opening mark takes the pad after it (replacing a space typed there) and a
 * closing mark before it; a « or » already typed gets the pad for a plain
 * space beside it. *qi walks sc->q. */
static void rewrite(const qscan *sc, size_t from, size_t to, size_t *qi, qout *o)
{
	const char *s = sc->s, *pad = sc->mark[FOLIO_QUOTE_PAD];
	int padded = pad[0] != '\0';
	size_t i = from, eaten = SIZE_MAX; /* a space an opening mark's pad replaced */
	while (*qi < sc->nq && sc->q[*qi].off < from)
		(*qi)++;
	while (i < to) {
		const char *m = NULL;
		int opening = 0, closing = 0, typed = 0, drop;
		if (*qi < sc->nq && sc->q[*qi].off == i) {
			qkind k = sc->q[(*qi)++].kind;
			m = mark_of(sc, k);
			opening = k == Q_OPEN || k == Q_OPEN1;
			closing = k == Q_CLOSE || k == Q_CLOSE1;
		} else if (padded && (unsigned char)s[i] == 0xC2 && i + 1 < to &&
		           ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB)) {
			typed = 1; /* « or » typed: only its spacing changes */
			opening = (unsigned char)s[i + 1] == 0xAB;
			closing = !opening;
			m = opening ? "\xC2\xAB" : "\xC2\xBB";
		}
		if (m == NULL) {
			out_put(o, s + i, 1);
			i++;
			continue;
		}
		/* A typed mark is padded only where a plain space stood. */
		if (padded && closing && !(i > 0 && i - 1 == eaten) && pad_before(sc, from, i, &drop) &&
		    (!typed || drop)) {
			if (drop)
				o->len--;
			out_str(o, pad);
		}
		out_str(o, m);
		i += typed ? 2 : 1;
		if (padded && opening && pad_after(sc, to, i, &drop) && (!typed || drop)) {
			out_str(o, pad);
			if (drop)
				eaten = i++;
		}
	}
}

/* ---- one block of running text ---------------------------------------------------------- */

typedef struct piece {
	folio_node *node; /* a TEXT node; NULL for what stands in for kept text */
	size_t start, end;
} piece;

typedef struct flat {
	qout text;
	unsigned *seg; /* per byte of text: its piece */
	size_t seg_cap;
	piece *pieces;
	size_t np, piece_cap;
	int failed;
} flat;

static void flat_add(flat *f, folio_node *node, const char *s, size_t len)
{
	if (f->failed)
		return;
	if (f->np == f->piece_cap) {
		size_t cap = f->piece_cap ? f->piece_cap * 2 : 16;
		piece *p = realloc(f->pieces, cap * sizeof *p);
		if (p == NULL) {
			f->failed = 1;
			return;
		}
		f->pieces = p;
		f->piece_cap = cap;
	}
	size_t start = f->text.len;
	out_put(&f->text, s, len);
	if (f->text.len + 1 > f->seg_cap) {
		size_t cap = f->text.cap;
		unsigned *sg = realloc(f->seg, cap * sizeof *sg);
		if (sg == NULL) {
			f->failed = 1;
			return;
		}
		f->seg = sg;
		f->seg_cap = cap;
	}
	if (f->text.failed) {
		f->failed = 1;
		return;
	}
	for (size_t i = start; i < f->text.len; i++)
		f->seg[i] = (unsigned)f->np;
	f->pieces[f->np++] = (piece){node, start, f->text.len};
}

/* A link that prints its own address (an autolink, a bare URL or e-mail). */
static int shows_address(const folio_node *link)
{
	char *t = folio_node_plain_text(link);
	const char *url = folio_node_url(link);
	int yes = t == NULL || (url != NULL && strcmp(t, url) == 0) ||
	          url_at(t, strlen(t), 0) > 0 || strstr(t, "://") != NULL ||
	          (strchr(t, '@') != NULL && strchr(t, ' ') == NULL);
	free(t);
	return yes;
}

static void collect(flat *f, folio_node *parent)
{
	for (folio_node *c = folio_node_first_child(parent); c != NULL; c = folio_node_next(c)) {
		size_t len = 0;
		const char *s;
		switch (folio_node_get_type(c)) {
		case FOLIO_NODE_TEXT:
			s = folio_node_literal(c, &len);
			flat_add(f, c, s ? s : "", s ? len : 0);
			break;
		case FOLIO_NODE_LINE_BREAK:
			flat_add(f, NULL, "\n", 1);
			break;
		case FOLIO_NODE_EMPH:
		case FOLIO_NODE_STRONG:
		case FOLIO_NODE_STRIKE:
			collect(f, c);
			break;
		case FOLIO_NODE_LINK:
			if (!shows_address(c))
				collect(f, c);
			else
				flat_add(f, NULL, "x", 1); /* kept as it is */
			break;
		default:
			flat_add(f, NULL, "x", 1); /* a code span, ...: a word kept as it is */
			break;
		}
	}
}

static void scan_init(qscan *sc, const char *lang, const char *s, size_t n, const unsigned *seg)
{
	memset(sc, 0, sizeof *sc);
	sc->s = s;
	sc->n = n;
	sc->seg = seg;
	for (int k = 0; k < FOLIO_QUOTE_MARK_COUNT; k++)
		sc->mark[k] = folio_present_quote(lang, (folio_quote_mark)k);
	sc->hebrew = strcmp(folio_present_lang(lang), "he") == 0;
}

static void scan_free(qscan *sc)
{
	free(sc->q);
	free(sc->stack);
}

static int has_quote_chars(const char *s, size_t n)
{
	return memchr(s, '"', n) != NULL || memchr(s, '\'', n) != NULL ||
	       (n >= 2 && (strstr(s, "\xC2\xAB") != NULL || strstr(s, "\xC2\xBB") != NULL));
}

static folio_status do_block(folio_node *block, const char *lang, folio_error *err)
{
	flat f = {0};
	qscan sc;
	folio_status st = FOLIO_OK;
	collect(&f, block);
	if (f.failed)
		goto nomem;
	if (f.text.len == 0 || !has_quote_chars(f.text.p, f.text.len))
		goto done;
	scan_init(&sc, lang, f.text.p, f.text.len, f.seg);
	scan(&sc);
	size_t qi = 0;
	for (size_t i = 0; i < f.np && !sc.failed && st == FOLIO_OK; i++) {
		const piece *p = &f.pieces[i];
		qout o = {0};
		if (p->node == NULL)
			continue;
		rewrite(&sc, p->start, p->end, &qi, &o);
		if (o.failed) {
			free(o.p);
			sc.failed = 1;
			break;
		}
		if (o.len != p->end - p->start || memcmp(o.p, f.text.p + p->start, o.len) != 0)
			st = folio_node_set_literal(p->node, o.p, o.len, err);
		free(o.p);
	}
	int failed = sc.failed;
	scan_free(&sc);
	if (failed)
		goto nomem;
	goto done;
nomem:
	st = folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
done:
	free(f.text.p);
	free(f.seg);
	free(f.pieces);
	return st;
}

char *folio_present_quotes(const char *lang, const char *s, size_t len)
{
	qscan sc;
	qout o = {0};
	size_t qi = 0;
	if (s == NULL)
		s = "";
	scan_init(&sc, lang, s, len, NULL);
	scan(&sc);
	if (!sc.failed)
		rewrite(&sc, 0, len, &qi, &o);
	out_put(&o, "", 0); /* "" has a buffer too */
	if (sc.failed || o.failed) {
		free(o.p);
		o.p = NULL;
	}
	scan_free(&sc);
	return o.p;
}

/* ---- the document ------------------------------------------------------------------------ */

typedef folio_status (*string_set_fn)(folio_node *n, const char *s, folio_error *err);

/* A string of its own (a caption, alt text, the title) made typographic. */
static folio_status do_string(const char *lang, const char *s, char **out, folio_error *err)
{
	*out = NULL;
	if (s == NULL || !has_quote_chars(s, strlen(s)))
		return FOLIO_OK;
	*out = folio_present_quotes(lang, s, strlen(s));
	if (*out == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	if (strcmp(*out, s) == 0) {
		free(*out);
		*out = NULL;
	}
	return FOLIO_OK;
}

static folio_status do_node_string(folio_node *n, const char *lang, const char *s,
                                   string_set_fn set, folio_error *err)
{
	char *t;
	folio_status st = do_string(lang, s, &t, err);
	if (st == FOLIO_OK && t != NULL)
		st = set(n, t, err);
	free(t);
	return st;
}

static folio_status do_blocks(folio_node *parent, const char *lang, folio_error *err)
{
	folio_status st = FOLIO_OK;
	for (folio_node *c = folio_node_first_child(parent); c != NULL && st == FOLIO_OK;
	     c = folio_node_next(c)) {
		switch (folio_node_get_type(c)) {
		case FOLIO_NODE_HEADING:
		case FOLIO_NODE_PARAGRAPH:
		case FOLIO_NODE_TABLE_CELL:
			st = do_block(c, lang, err);
			break;
		case FOLIO_NODE_IMAGE:
			st = do_node_string(c, lang, folio_node_alt(c), folio_node_set_alt, err);
			if (st == FOLIO_OK)
				st = do_node_string(c, lang, folio_node_title(c), folio_node_set_title,
				                    err);
			break;
		case FOLIO_NODE_LIST:
		case FOLIO_NODE_ITEM:
		case FOLIO_NODE_BLOCK_QUOTE:
		case FOLIO_NODE_TABLE:
		case FOLIO_NODE_TABLE_ROW:
			st = do_blocks(c, lang, err);
			break;
		default: /* code blocks and the reference list keep their text */
			break;
		}
	}
	return st;
}

folio_status folio_doc_typographic_quotes(folio_doc *doc, folio_error *err)
{
	static const folio_meta_field fields[] = {FOLIO_META_TITLE, FOLIO_META_SUBTITLE,
	                                          FOLIO_META_SUMMARY};
	if (doc == NULL)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "no document");
	const char *lang = folio_doc_get(doc, FOLIO_META_LANG);
	folio_status st = FOLIO_OK;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0] && st == FOLIO_OK; i++) {
		char *t;
		st = do_string(lang, folio_doc_get(doc, fields[i]), &t, err);
		if (st == FOLIO_OK && t != NULL)
			st = folio_doc_set(doc, fields[i], t, err);
		free(t);
	}
	if (st == FOLIO_OK)
		st = do_blocks(folio_doc_root(doc), lang, err);
	return st;
}
