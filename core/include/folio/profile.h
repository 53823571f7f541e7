/* folio — the clinic profile: who publishes the article.
 *
 * A YAML file with the clinic's name, address, phone, e-mail, website, opening
 * hours, logo (a PNG path, relative to the profile file), accent colour
 * (#rrggbb), disclaimer, default paper size, and per-format option defaults:
 *
 *   name: Riverside Physiotherapy
 *   accent: "#1f6f8b"
 *   paper: letter
 *   options:
 *     pdf: { font-size: 14 }
 */
#ifndef FOLIO_PROFILE_H
#define FOLIO_PROFILE_H

#include <stddef.h>

#include "folio/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_profile folio_profile;

typedef enum folio_profile_field {
	FOLIO_PROFILE_NAME = 0,
	FOLIO_PROFILE_ADDRESS,
	FOLIO_PROFILE_PHONE,
	FOLIO_PROFILE_EMAIL,
	FOLIO_PROFILE_WEBSITE,
	FOLIO_PROFILE_LOGO,       /* absolute or relative to the working directory */
	FOLIO_PROFILE_ACCENT,     /* "#rrggbb" */
	FOLIO_PROFILE_DISCLAIMER,
	FOLIO_PROFILE_PAPER,      /* "letter" or "a4" */
	FOLIO_PROFILE_TARGET_GRADE, /* reading grade target, e.g. "8" */
	FOLIO_PROFILE_HOURS,      /* opening hours: lines ("\n" between them), per language */
	FOLIO_PROFILE_FIELD_COUNT
} folio_profile_field;

/* Loads and checks a profile. Errors name the file, line and column (bad YAML,
 * an unknown key, a colour that is not #rrggbb, a logo that is missing or not
 * a PNG). The caller frees the result with folio_profile_free. */
FOLIO_API folio_profile *folio_profile_load(const char *path, folio_error *err);
/* The same from bytes; name is used in messages and logo paths are relative
 * to the working directory. */
FOLIO_API folio_profile *folio_profile_parse(const char *data, size_t len, const char *name,
                                             folio_error *err);
/* An empty profile (every field NULL). */
FOLIO_API folio_profile *folio_profile_new(void);
FOLIO_API void folio_profile_free(folio_profile *p);

/* A field's value, or NULL when not set. */
FOLIO_API const char *folio_profile_get(const folio_profile *p, folio_profile_field f);
/* The disclaimer for an article in lang: the profile's text for that tag, else
 * for its language ("fr-CA" → fr), else the English one, else the first one
 * given. *text_lang (when not NULL) is the language of the text returned, so
 * a format can mark a fallback as another language; NULL when the profile
 * gives one disclaimer for all languages (or none). */
FOLIO_API const char *folio_profile_disclaimer(const folio_profile *p, const char *lang,
                                               const char **text_lang);
/* The same for any field the profile may give per language (disclaimer,
 * hours: {en: ..., fr: ...}); a field given once is that text for every
 * language (*text_lang NULL). */
FOLIO_API const char *folio_profile_text(const folio_profile *p, folio_profile_field f,
                                         const char *lang, const char **text_lang);
/* "name", "address", ... */
FOLIO_API const char *folio_profile_field_name(folio_profile_field f);
/* The accent colour as 0xRRGGBB (a default teal when unset). */
FOLIO_API unsigned long folio_profile_accent_rgb(const folio_profile *p);

/* Option defaults for a format, in file order: count, then name/value. */
FOLIO_API size_t folio_profile_option_count(const folio_profile *p, const char *format);
FOLIO_API const char *folio_profile_option_name(const folio_profile *p, const char *format,
                                                size_t i);
FOLIO_API const char *folio_profile_option_value(const folio_profile *p, const char *format,
                                                 size_t i);

#ifdef __cplusplus
}
#endif
#endif
