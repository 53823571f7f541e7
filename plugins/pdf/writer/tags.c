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

enum { TAGS_MAX_DEPTH = 64 };

struct pdf_tags {
	HPDF_Doc pdf;
	HPDF_MMgr mmgr;
	HPDF_Xref xref;
	HPDF_Dict root;        /* StructTreeRoot */
	HPDF_Array nums;       /* the parent tree's /Nums */
	HPDF_Dict stack[TAGS_MAX_DEPTH + 1]; /* [0] the Document element */
	const char *roles[TAGS_MAX_DEPTH + 1];
	int depth;
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

/* A new structure element of role under parent (NULL: the tree's root). */
static HPDF_Dict new_elem(pdf_tags *t, const char *role, HPDF_Dict parent)
{
	HPDF_Dict e = indirect_dict(t);
	HPDF_Array kids = HPDF_Array_New(t->mmgr);
	if (e == NULL || kids == NULL) {
		fail(t, HPDF_FAILD_TO_ALLOC_MEM);
		return NULL;
	}
	HPDF_STATUS st = HPDF_Dict_AddName(e, "Type", "StructElem");
	st = st ? st : HPDF_Dict_AddName(e, "S", role);
	st = st ? st : HPDF_Dict_Add(e, "P", parent ? parent : t->root);
	st = st ? st : HPDF_Dict_Add(e, "K", kids);
	if (st == HPDF_OK) {
		HPDF_Array pk = HPDF_Dict_GetItem(parent ? parent : t->root, "K", HPDF_OCLASS_ARRAY);
		st = pk ? HPDF_Array_Add(pk, e) : HPDF_INVALID_OBJECT;
	}
	if (st != HPDF_OK) {
		fail(t, st);
		return NULL;
	}
	return e;
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
	HPDF_Array root_kids = HPDF_Array_New(t->mmgr);
	HPDF_Dict mark_info = HPDF_Dict_New(t->mmgr);
	if (t->root == NULL || tree == NULL || t->nums == NULL || root_kids == NULL ||
	    mark_info == NULL) {
		free(t);
		return NULL;
	}
	HPDF_STATUS st = HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	st = st ? st : HPDF_Dict_Add(t->root, "K", root_kids);
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
	t->roles[0] = "Document";
	t->stack[0] = new_elem(t, "Document", NULL);
	return t;
}

void pdf_tags_free(pdf_tags *t)
{
	if (t != NULL)
		free(t->pages);
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

HPDF_STATUS pdf_tags_begin(pdf_tags *t, const char *role, const pdf_tag_attrs *a)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->depth >= TAGS_MAX_DEPTH || t->marking)
		return fail(t, HPDF_INVALID_OPERATION);
	HPDF_Dict e = new_elem(t, role, t->stack[t->depth]);
	if (e == NULL)
		return t->error;
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
	if (st != HPDF_OK)
		return fail(t, st);
	t->depth++;
	t->stack[t->depth] = e;
	t->roles[t->depth] = role;
	return HPDF_OK;
}

HPDF_STATUS pdf_tags_end(pdf_tags *t)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->depth == 0 || t->marking)
		return fail(t, HPDF_INVALID_OPERATION);
	t->depth--;
	return HPDF_OK;
}

int pdf_tags_depth(const pdf_tags *t)
{
	return t->depth;
}

static HPDF_STATUS write_op(pdf_tags *t, HPDF_Page page, const char *op)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_STATUS st = HPDF_Stream_WriteStr(attr->stream, op);
	return st == HPDF_OK ? HPDF_OK : fail(t, st);
}

HPDF_STATUS pdf_tags_mark_begin(pdf_tags *t, HPDF_Page page)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->marking || t->depth == 0)
		return fail(t, HPDF_INVALID_OPERATION);
	struct tag_page *tp = find_page(t, page);
	if (tp == NULL)
		return t->error;
	HPDF_Dict e = t->stack[t->depth];
	HPDF_Dict mcr = HPDF_Dict_New(t->mmgr);
	if (mcr == NULL)
		return fail(t, HPDF_FAILD_TO_ALLOC_MEM);
	HPDF_STATUS st = HPDF_Dict_AddName(mcr, "Type", "MCR");
	st = st ? st : HPDF_Dict_Add(mcr, "Pg", page);
	st = st ? st : HPDF_Dict_AddNumber(mcr, "MCID", tp->next_mcid);
	HPDF_Array kids = HPDF_Dict_GetItem(e, "K", HPDF_OCLASS_ARRAY);
	st = st ? st : kids ? HPDF_Array_Add(kids, mcr) : HPDF_INVALID_OBJECT;
	st = st ? st : HPDF_Array_Add(tp->parents, e);
	if (st != HPDF_OK)
		return fail(t, st);
	char op[96];
	snprintf(op, sizeof(op), "/%s <</MCID %d>> BDC\n", t->roles[t->depth], tp->next_mcid++);
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

HPDF_STATUS pdf_tags_annot(pdf_tags *t, HPDF_Page page, HPDF_Annotation annot,
                           const char *contents)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->depth == 0)
		return fail(t, HPDF_INVALID_OPERATION);
	HPDF_Dict e = t->stack[t->depth];
	HPDF_Dict objr = HPDF_Dict_New(t->mmgr);
	if (objr == NULL)
		return fail(t, HPDF_FAILD_TO_ALLOC_MEM);
	HPDF_STATUS st = HPDF_Dict_AddName(objr, "Type", "OBJR");
	st = st ? st : HPDF_Dict_Add(objr, "Obj", annot);
	st = st ? st : HPDF_Dict_Add(objr, "Pg", page);
	HPDF_Array kids = HPDF_Dict_GetItem(e, "K", HPDF_OCLASS_ARRAY);
	st = st ? st : kids ? HPDF_Array_Add(kids, objr) : HPDF_INVALID_OBJECT;
	st = st ? st : HPDF_Dict_AddNumber(annot, "StructParent", t->next_key);
	st = st ? st : HPDF_Array_AddNumber(t->nums, t->next_key);
	st = st ? st : HPDF_Array_Add(t->nums, e);
	if (st == HPDF_OK && contents != NULL)
		st = add_text(t, annot, "Contents", contents);
	t->next_key++;
	return st == HPDF_OK ? HPDF_OK : fail(t, st);
}

HPDF_STATUS pdf_tags_finish(pdf_tags *t)
{
	if (t->error != HPDF_OK)
		return t->error;
	if (t->depth != 0 || t->marking)
		return fail(t, HPDF_INVALID_OPERATION);
	HPDF_STATUS st = HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", t->next_key);
	return st == HPDF_OK ? HPDF_OK : fail(t, st);
}
