/* folio pdf plugin — the structure tree of a tagged PDF, through libharu's
 * object model (see tags.h). */
#include "tags.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pdf_tags {
	HPDF_Doc pdf;
	HPDF_MMgr mmgr;
	HPDF_Xref xref;
	HPDF_Dict root;        /* StructTreeRoot */
	HPDF_Array nums;       /* the parent tree's /Nums */
	struct tag_elem {
		HPDF_Dict dict;
		const char *role; /* the caller's (static) string */
		int parent;       /* -1 for the Document element */
		HPDF_Page pg;     /* the element's /Pg: its MCIDs there are plain numbers */
		size_t first;     /* the first content of its subtree (NO_CONTENT: none yet) */
	} *elems;            /* [0] the Document element */
	size_t nelems, cap_elems;
	/* The content of the elements in the order it was drawn: marked
	 * content (obj an MCR dictionary, or NULL and mcid a number on the
	 * element's /Pg) and annotations (an OBJR dictionary). */
	struct tag_kid {
		int elem;
		int mcid;
		HPDF_Dict obj;
	} *kids;
	size_t nkids, cap_kids;
	struct tag_page {
		HPDF_Page page;
		HPDF_Array parents; /* the page's parent-tree array, by MCID */
		int next_mcid;
	} *pages;
	size_t npages, cap_pages;
	int next_key;          /* the parent tree's next key */
	int marking;           /* inside BDC ... EMC */
	HPDF_STATUS error;
};

static HPDF_STATUS fail(pdf_tags *t, HPDF_STATUS st)
{
	if (t->error == HPDF_OK)
		t->error = st ? st : HPDF_FAILD_TO_ALLOC_MEM;
	return t->error;
}

/* A new dictionary, made indirect (in the cross-reference table). */
static HPDF_Dict indirect_dict(pdf_tags *t)
{
	HPDF_Dict d = HPDF_Dict_New(t->mmgr);
	if (d == NULL || HPDF_Xref_Add(t->xref, d) != HPDF_OK) {
		fail(t, HPDF_FAILD_TO_ALLOC_MEM);
		return NULL;
	}
	return d;
}

void *pdf_text_string(HPDF_MMgr mmgr, const char *s)
{
	size_t n = strlen(s);
	int ascii = 1;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F;
	if (ascii)
		return HPDF_String_New(mmgr, s, NULL);
	/* UTF-16BE: at most two units per byte of UTF-8, plus the mark. */
	unsigned char *u = malloc(2 * 2 * n + 2);
	if (u == NULL)
		return NULL;
	size_t o = 0;
	u[o++] = 0xFE;
	u[o++] = 0xFF;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned long cp;
		size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (i + len > n)
			len = 1;
		cp = len == 1 ? c : c & (0xFF >> (len + 1));
		for (size_t k = 1; k < len; k++)
			cp = cp << 6 | ((unsigned char)s[i + k] & 0x3F);
		if (len == 1 && c >= 0x80)
			cp = 0xFFFD; /* the caller's text is validated; never here */
		i += len;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			unsigned long hi = 0xD800 | (cp >> 10), lo = 0xDC00 | (cp & 0x3FF);
			u[o++] = (unsigned char)(hi >> 8);
			u[o++] = (unsigned char)hi;
			u[o++] = (unsigned char)(lo >> 8);
			u[o++] = (unsigned char)lo;
		} else {
			u[o++] = (unsigned char)(cp >> 8);
			u[o++] = (unsigned char)cp;
		}
	}
	void *b = HPDF_Binary_New(mmgr, u, (HPDF_UINT)o);
	free(u);
	return b;
}

static HPDF_STATUS add_text(pdf_tags *t, HPDF_Dict d, const char *key, const char *value)
{
	void *s = pdf_text_string(t->mmgr, value);
	if (s == NULL)
		return fail(t, HPDF_FAILD_TO_ALLOC_MEM);
	HPDF_STATUS st = HPDF_Dict_Add(d, key, s);
	return st == HPDF_OK ? HPDF_OK : fail(t, st);
}

static HPDF_Dict sub_dict(pdf_tags *t, HPDF_Dict parent, const char *key)
{
	HPDF_Dict d = HPDF_Dict_GetItem(parent, key, HPDF_OCLASS_DICT);
	if (d != NULL)
		return d;
	d = HPDF_Dict_New(t->mmgr);
	if (d == NULL || HPDF_Dict_Add(parent, key, d) != HPDF_OK) {
		fail(t, HPDF_FAILD_TO_ALLOC_MEM);
		return NULL;
	}
	return d;
}

#define NO_CONTENT ((size_t)-1)

/* A new structure element of role under parent (NULL: the tree's root).
 * Its /K is written by pdf_tags_finish, when the order of its content is
 * known. */
static HPDF_Dict new_elem(pdf_tags *t, const char *role, HPDF_Dict parent)
{
	HPDF_Dict e = indirect_dict(t);
	if (e == NULL)
		return NULL;
	/* /Type /StructElem is optional: left out, as the file is not small. */
	HPDF_STATUS st = HPDF_Dict_AddName(e, "S", role);
	st = st ? st : HPDF_Dict_Add(e, "P", parent ? parent : t->root);
	if (st != HPDF_OK) {
		fail(t, st);
		return NULL;
	}
	return e;
}

/* Records content of element elem (obj, or mcid on the element's page);
 * its subtree's first content is this one if it has none yet. */
static HPDF_STATUS add_kid(pdf_tags *t, int elem, int mcid, HPDF_Dict obj)
{
	if (t->nkids == t->cap_kids) {
		size_t cap = t->cap_kids ? t->cap_kids * 2 : 64;
		struct tag_kid *k = realloc(t->kids, cap * sizeof(*k));
		if (k == NULL)
			return fail(t, HPDF_FAILD_TO_ALLOC_MEM);
		t->kids = k;
		t->cap_kids = cap;
	}
	t->kids[t->nkids] = (struct tag_kid){elem, mcid, obj};
	for (int e = elem; e >= 0 && t->elems[e].first == NO_CONTENT; e = t->elems[e].parent)
		t->elems[e].first = t->nkids;
	t->nkids++;
	return HPDF_OK;
}

pdf_tags *pdf_tags_new(HPDF_Doc pdf, const char *lang)
{
	pdf_tags *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->pdf = pdf;
	t->mmgr = pdf->mmgr;
	t->xref = pdf->xref;
	HPDF_Dict catalog = pdf->catalog;
	t->root = indirect_dict(t);
	HPDF_Dict tree = HPDF_Dict_New(t->mmgr);
	t->nums = HPDF_Array_New(t->mmgr);
	HPDF_Dict mark_info = HPDF_Dict_New(t->mmgr);
	if (t->root == NULL || tree == NULL || t->nums == NULL || mark_info == NULL) {
		free(t);
		return NULL;
	}
	HPDF_STATUS st = HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	st = st ? st : HPDF_Dict_Add(tree, "Nums", t->nums);
	st = st ? st : HPDF_Dict_Add(t->root, "ParentTree", tree);
	st = st ? st : HPDF_Dict_Add(catalog, "StructTreeRoot", t->root);
	st = st ? st : HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
	st = st ? st : HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
	if (st == HPDF_OK && lang != NULL && lang[0] != '\0')
		st = add_text(t, catalog, "Lang", lang);
	HPDF_Dict prefs = st == HPDF_OK ? sub_dict(t, catalog, "ViewerPreferences") : NULL;
	if (st == HPDF_OK && prefs != NULL)
		st = HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
	if (st != HPDF_OK)
		fail(t, st);
	t->elems = malloc(16 * sizeof(*t->elems));
	if (t->elems == NULL) {
		free(t);
		return NULL;
	}
	t->cap_elems = 16;
	t->elems[0] = (struct tag_elem){new_elem(t, "Document", NULL), "Document", -1, NULL,
	                                NO_CONTENT};
	t->nelems = 1;
	return t;
}

void pdf_tags_free(pdf_tags *t)
{
	if (t != NULL) {
		free(t->pages);
		free(t->elems);
		free(t->kids);
	}
	free(t);
}

static struct tag_page *find_page(pdf_tags *t, HPDF_Page page)
{
	for (size_t i = t->npages; i-- > 0;)
		if (t->pages[i].page == page)
			return &t->pages[i];
	fail(t, HPDF_INVALID_PAGE);
	return NULL;
}

HPDF_STATUS pdf_tags_page(pdf_tags *t, HPDF_Page page)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->npages == t->cap_pages) {
		size_t cap = t->cap_pages ? t->cap_pages * 2 : 8;
		struct tag_page *p = realloc(t->pages, cap * sizeof(*p));
		if (p == NULL)
			return fail(t, HPDF_FAILD_TO_ALLOC_MEM);
		t->pages = p;
		t->cap_pages = cap;
	}
	struct tag_page *tp = &t->pages[t->npages];
	tp->page = page;
	tp->next_mcid = 0;
	tp->parents = HPDF_Array_New(t->mmgr);
	if (tp->parents == NULL)
		return fail(t, HPDF_FAILD_TO_ALLOC_MEM);
	t->npages++;
	HPDF_STATUS st = HPDF_Array_AddNumber(t->nums, t->next_key);
	st = st ? st : HPDF_Array_Add(t->nums, tp->parents);
	st = st ? st : HPDF_Dict_AddNumber(page, "StructParents", t->next_key);
	st = st ? st : HPDF_Dict_AddName(page, "Tabs", "S");
	t->next_key++;
	return st == HPDF_OK ? HPDF_OK : fail(t, st);
}

int pdf_tags_add(pdf_tags *t, int parent, const char *role, const pdf_tag_attrs *a)
{
	if (t->error != HPDF_OK)
		return -1;
	if (parent < 0 || (size_t)parent >= t->nelems) {
		fail(t, HPDF_INVALID_PARAMETER);
		return -1;
	}
	if (t->nelems == t->cap_elems) {
		size_t cap = t->cap_elems * 2;
		struct tag_elem *e = realloc(t->elems, cap * sizeof(*e));
		if (e == NULL) {
			fail(t, HPDF_FAILD_TO_ALLOC_MEM);
			return -1;
		}
		t->elems = e;
		t->cap_elems = cap;
	}
	HPDF_Dict e = new_elem(t, role, t->elems[parent].dict);
	if (e == NULL)
		return -1;
	HPDF_STATUS st = HPDF_OK;
	if (a != NULL && a->alt != NULL)
		st = add_text(t, e, "Alt", a->alt);
	if (st == HPDF_OK && a != NULL && a->lang != NULL && a->lang[0] != '\0')
		st = add_text(t, e, "Lang", a->lang);
	if (st == HPDF_OK && a != NULL && a->actual != NULL)
		st = add_text(t, e, "ActualText", a->actual);
	if (st == HPDF_OK && a != NULL && a->scope != NULL) {
		HPDF_Dict attr = HPDF_Dict_New(t->mmgr);
		st = attr ? HPDF_Dict_AddName(attr, "O", "Table") : HPDF_FAILD_TO_ALLOC_MEM;
		st = st ? st : HPDF_Dict_AddName(attr, "Scope", a->scope);
		st = st ? st : HPDF_Dict_Add(e, "A", attr);
	}
	if (st != HPDF_OK) {
		fail(t, st);
		return -1;
	}
	t->elems[t->nelems] = (struct tag_elem){e, role, parent, NULL, NO_CONTENT};
	return (int)t->nelems++;
}

static struct tag_elem *elem_at(pdf_tags *t, int elem)
{
	if (elem < 0 || (size_t)elem >= t->nelems) {
		fail(t, HPDF_INVALID_PARAMETER);
		return NULL;
	}
	return &t->elems[elem];
}

static HPDF_STATUS write_op(pdf_tags *t, HPDF_Page page, const char *op)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_STATUS st = HPDF_Stream_WriteStr(attr->stream, op);
	return st == HPDF_OK ? HPDF_OK : fail(t, st);
}

HPDF_STATUS pdf_tags_mark_begin(pdf_tags *t, HPDF_Page page, int elem)
{
	return pdf_tags_mark_begin_actual(t, page, elem, NULL);
}

HPDF_STATUS pdf_tags_mark_begin_actual(pdf_tags *t, HPDF_Page page, int elem, const char *actual)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->marking || elem == 0)
		return fail(t, HPDF_INVALID_OPERATION);
	struct tag_page *tp = find_page(t, page);
	struct tag_elem *te = tp ? elem_at(t, elem) : NULL;
	if (te == NULL)
		return t->error;
	HPDF_Dict e = te->dict;
	HPDF_Dict mcr = NULL;
	HPDF_STATUS st = HPDF_OK;
	if (te->pg == NULL) {
		/* The element's page: its marked content there needs no MCR. */
		te->pg = page;
		st = HPDF_Dict_Add(e, "Pg", page);
	} else if (te->pg != page) {
		mcr = HPDF_Dict_New(t->mmgr);
		if (mcr == NULL)
			return fail(t, HPDF_FAILD_TO_ALLOC_MEM);
		st = HPDF_Dict_AddName(mcr, "Type", "MCR");
		st = st ? st : HPDF_Dict_Add(mcr, "Pg", page);
		st = st ? st : HPDF_Dict_AddNumber(mcr, "MCID", tp->next_mcid);
	}
	st = st ? st : add_kid(t, elem, tp->next_mcid, mcr);
	st = st ? st : HPDF_Array_Add(tp->parents, e);
	if (st != HPDF_OK)
		return fail(t, st);
	char op[160];
	snprintf(op, sizeof(op), "/%s <</MCID %d%s%s>> BDC\n", te->role, tp->next_mcid++,
	         actual ? " /ActualText " : "", actual ? actual : "");
	t->marking = 1;
	return write_op(t, page, op);
}

HPDF_STATUS pdf_tags_mark_end(pdf_tags *t, HPDF_Page page)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (!t->marking)
		return fail(t, HPDF_INVALID_OPERATION);
	t->marking = 0;
	return write_op(t, page, "EMC\n");
}

HPDF_STATUS pdf_tags_artifact_begin(pdf_tags *t, HPDF_Page page, const char *kind)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->marking)
		return fail(t, HPDF_INVALID_OPERATION);
	char op[96];
	snprintf(op, sizeof(op), "/Artifact <</Type /%s>> BDC\n", kind);
	t->marking = 1;
	return write_op(t, page, op);
}

HPDF_STATUS pdf_tags_artifact_end(pdf_tags *t, HPDF_Page page)
{
	return pdf_tags_mark_end(t, page);
}

HPDF_STATUS pdf_tags_annot(pdf_tags *t, HPDF_Page page, int elem, HPDF_Annotation annot,
                           const char *contents)
{
	if (t->error != HPDF_OK)
		return t->error;
	struct tag_elem *te = elem_at(t, elem);
	if (te == NULL)
		return t->error;
	HPDF_Dict e = te->dict;
	HPDF_Dict objr = HPDF_Dict_New(t->mmgr);
	if (objr == NULL)
		return fail(t, HPDF_FAILD_TO_ALLOC_MEM);
	HPDF_STATUS st = HPDF_Dict_AddName(objr, "Type", "OBJR");
	st = st ? st : HPDF_Dict_Add(objr, "Obj", annot);
	st = st ? st : HPDF_Dict_Add(objr, "Pg", page);
	st = st ? st : add_kid(t, elem, -1, objr);
	st = st ? st : HPDF_Dict_AddNumber(annot, "StructParent", t->next_key);
	st = st ? st : HPDF_Array_AddNumber(t->nums, t->next_key);
	st = st ? st : HPDF_Array_Add(t->nums, e);
	if (st == HPDF_OK && contents != NULL)
		st = add_text(t, annot, "Contents", contents);
	t->next_key++;
	return st == HPDF_OK ? HPDF_OK : fail(t, st);
}

/* The /K of every element with content: its child elements (in the order
 * they were added: reading order) merged with its own content (in the order
 * it was drawn), each child placed by the first content of its subtree.
 * Elements nothing was drawn for are left out of the tree. */
static HPDF_STATUS write_kids(pdf_tags *t)
{
	size_t n = t->nelems;
	/* Counting sorts: per element, its children and its own content. */
	size_t *cstart = calloc(n + 1, sizeof(*cstart)), *kstart = calloc(n + 1, sizeof(*kstart));
	size_t *child = malloc(n * sizeof(*child)), *own = malloc((t->nkids + 1) * sizeof(*own));
	HPDF_STATUS st = HPDF_OK;
	if (cstart == NULL || kstart == NULL || child == NULL || own == NULL) {
		st = fail(t, HPDF_FAILD_TO_ALLOC_MEM);
		goto done;
	}
	for (size_t e = 1; e < n; e++)
		if (t->elems[e].first != NO_CONTENT)
			cstart[t->elems[e].parent + 1]++;
	for (size_t k = 0; k < t->nkids; k++)
		kstart[t->kids[k].elem + 1]++;
	for (size_t e = 0; e < n; e++) {
		cstart[e + 1] += cstart[e];
		kstart[e + 1] += kstart[e];
	}
	for (size_t e = 1; e < n; e++)
		if (t->elems[e].first != NO_CONTENT)
			child[cstart[t->elems[e].parent]++] = e;
	for (size_t k = 0; k < t->nkids; k++)
		own[kstart[t->kids[k].elem]++] = k;
	/* The fills moved each start to the next element's: shift back. */
	for (size_t e = n; e > 0; e--) {
		cstart[e] = cstart[e - 1];
		kstart[e] = kstart[e - 1];
	}
	cstart[0] = kstart[0] = 0;
	for (size_t e = 0; e < n && st == HPDF_OK; e++) {
		if (e > 0 && t->elems[e].first == NO_CONTENT)
			continue;
		HPDF_Array k = HPDF_Array_New(t->mmgr);
		if (k == NULL || HPDF_Dict_Add(t->elems[e].dict, "K", k) != HPDF_OK) {
			st = fail(t, HPDF_FAILD_TO_ALLOC_MEM);
			break;
		}
		size_t c = cstart[e], ce = cstart[e + 1], o = kstart[e], oe = kstart[e + 1];
		while (st == HPDF_OK && (c < ce || o < oe)) {
			if (c < ce && (o == oe || t->elems[child[c]].first < own[o])) {
				st = HPDF_Array_Add(k, t->elems[child[c++]].dict);
			} else {
				const struct tag_kid *kid = &t->kids[own[o++]];
				st = kid->obj ? HPDF_Array_Add(k, kid->obj)
				              : HPDF_Array_AddNumber(k, kid->mcid);
			}
		}
		if (st != HPDF_OK)
			fail(t, st);
	}
	if (st == HPDF_OK) {
		HPDF_Array root = HPDF_Array_New(t->mmgr);
		st = root ? HPDF_Array_Add(root, t->elems[0].dict) : HPDF_FAILD_TO_ALLOC_MEM;
		st = st ? st : HPDF_Dict_Add(t->root, "K", root);
		if (st != HPDF_OK)
			fail(t, st);
	}
done:
	free(cstart);
	free(kstart);
	free(child);
	free(own);
	return t->error;
}

HPDF_STATUS pdf_tags_finish(pdf_tags *t)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->marking)
		return fail(t, HPDF_INVALID_OPERATION);
	if (write_kids(t) != HPDF_OK)
		return t->error;
	HPDF_STATUS st = HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", t->next_key);
	return st == HPDF_OK ? HPDF_OK : fail(t, st);
}
