/* folio — bylines: "Glenn Charbonneau, P.T." -> name + credentials. */
#include <ctype.h>
#include <string.h>

#include "doc_private.h"

/* Credentials seen on clinic sites, compared without dots and case:
 * "P.T." == "PT" == "pt". Extend freely. */
static const char *const credentials[] = {
	"pt",   "dpt",  "mpt",  "mscpt", "bscpt", "mpht", "pht",  "ptd",  "rpt",  "cpt",
	"ocs",  "scs",  "ncs",  "fcamt", "fcamp", "cafci", "rmt", "lmt",  "dc",   "md",
	"do",   "rn",   "np",   "pa",    "pac",   "phd",  "msc",  "ms",   "ma",   "ba",
	"bsc",  "bkin", "mkin", "ckin",  "atc",   "at",   "ot",   "otr",  "otrl", "cscs",
	"rd",   "rdn",  "lac",  "dacm",  "dom",   "nd",   "dds",  "dmd",  "od",   "pharmd",
	"mph",  "mba",  "faaompt", "cert", "mdt", "cmp", "ppt", "erg", "ost", "do(mp)",
	NULL,
};

int folio_is_credential(const char *s, size_t len)
{
	char key[16];
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.' || c == ' ')
			continue;
		if (!isalnum(c) && c != '(' && c != ')')
			return 0;
		if (k + 1 >= sizeof(key))
			return 0;
		key[k++] = (char)tolower(c);
	}
	key[k] = '\0';
	if (k == 0)
		return 0;
	for (size_t i = 0; credentials[i]; i++)
		if (strcmp(key, credentials[i]) == 0)
			return 1;
	return 0;
}

static size_t trim_end(const char *s, size_t len)
{
	while (len > 0 && (isspace((unsigned char)s[len - 1]) || s[len - 1] == ','))
		len--;
	return len;
}

/* Finds where the credentials start: after the last ',' whose tail is all
 * credentials, or at trailing credential words ("Jane Doe PT DPT"). */
static size_t credentials_start(const char *s, size_t len)
{
	size_t start = len;
	/* Walk words backwards; each word (split on spaces and commas) must be
	 * a credential for the tail to count. */
	size_t end = len;
	while (end > 0) {
		size_t e = trim_end(s, end);
		if (e == 0)
			break;
		size_t b = e;
		while (b > 0 && !isspace((unsigned char)s[b - 1]) && s[b - 1] != ',')
			b--;
		if (!folio_is_credential(s + b, e - b))
			break;
		start = b;
		end = b;
	}
	return start;
}

folio_status folio_split_byline(folio_doc *doc, const char *byline, const char **name,
                                const char **creds, folio_error *err)
{
	*name = NULL;
	*creds = NULL;
	if (byline == NULL)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "an empty byline");
	size_t len = strlen(byline);
	size_t bad = 0;
	if (!folio_utf8_valid(byline, len, &bad))
		return folio_error_set(err, FOLIO_ERR_UTF8, NULL, 0, 0, "invalid UTF-8 in a byline");
	const char *s = byline;
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	len = trim_end(s, len);
	size_t cs = credentials_start(s, len);
	/* Never take the whole byline as credentials: "MD" alone is a name. */
	if (cs == 0)
		cs = len;
	size_t name_len = trim_end(s, cs);
	if (name_len == 0)
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0, "a byline without a name");
	*name = folio_doc_strndup(doc, s, name_len);
	if (cs < len) {
		const char *c = s + cs;
		size_t clen = len - cs;
		*creds = folio_doc_strndup(doc, c, clen);
	}
	if (*name == NULL || (cs < len && *creds == NULL))
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	return FOLIO_OK;
}
