/* folio — plugin options: typed, checked by the host before render runs.
 *
 * Values are layered: the plugin's defaults, then the profile's
 * `options: {format: {...}}`, then the caller's "name=value" settings.
 */
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/profile.h"
#include "registry_private.h"

typedef struct option_value {
	const folio_option_spec *spec;
	char *text;  /* the value as given (owned); NULL = unset */
	long number; /* INT, and BOOL as 0/1 */
	int set;     /* from the user, not the default */
} option_value;

struct folio_options {
	const folio_plugin *plugin;
	size_t count;
	option_value *values;
};

const folio_option_spec *folio_plugin_option(const folio_plugin *p, size_t i)
{
	if (p == NULL || p->options == NULL || p->options->name == NULL)
		return NULL;
	const folio_option_spec *o = (const folio_option_spec *)(const void *)((const char *)p->options +
	                                                                      i * p->options->size);
	return o->name != NULL ? o : NULL;
}

static size_t spec_count(const folio_plugin *p)
{
	size_t n = 0;
	while (folio_plugin_option(p, n) != NULL)
		n++;
	return n;
}

/* "paper, margin, font-size" — for messages. */
static void list_names(const folio_plugin *p, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	const folio_option_spec *o;
	for (size_t i = 0; (o = folio_plugin_option(p, i)) != NULL; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", o->name);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	if (used == 0)
		snprintf(buf, n, "none");
}

static void list_choices(const folio_option_spec *s, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; s->choices[i] != NULL; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", s->choices[i]);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}

typedef struct bool_word {
	const char *word;
	int value;
} bool_word;

static const bool_word bool_words[] = {
	{"true", 1}, {"yes", 1}, {"on", 1},  {"1", 1},
	{"false", 0}, {"no", 0}, {"off", 0}, {"0", 0},
};

static int parse_bool(const char *s, long *out)
{
	for (size_t i = 0; i < sizeof(bool_words) / sizeof(bool_words[0]); i++) {
		if (strcasecmp(s, bool_words[i].word) == 0) {
			*out = bool_words[i].value;
			return 1;
		}
	}
	return 0;
}

/* Checks text against the spec and stores it into v. where names the
 * setting's origin for messages ("-O", "profile"). */
static folio_status set_value(const folio_plugin *p, option_value *v, const char *text,
                              const char *where, folio_error *err)
{
	const folio_option_spec *s = v->spec;
	long number = 0;
	char extra[512];
	switch (s->type) {
	case FOLIO_OPT_BOOL:
		if (!parse_bool(text, &number))
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "%s: format '%s', option '%s' takes a boolean "
			                       "(true/false, yes/no, on/off), not '%s'",
			                       where, p->name, s->name, text);
		break;
	case FOLIO_OPT_INT: {
		char *end = NULL;
		errno = 0;
		number = strtol(text, &end, 10);
		if (text[0] == '\0' || end == NULL || *end != '\0' || errno != 0)
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "%s: format '%s', option '%s' takes an integer, not '%s'",
			                       where, p->name, s->name, text);
		if ((s->min != 0 || s->max != 0) && (number < s->min || number > s->max))
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "%s: format '%s', option '%s' must be between %ld and "
			                       "%ld, not %ld",
			                       where, p->name, s->name, s->min, s->max, number);
		break;
	}
	case FOLIO_OPT_ENUM: {
		int found = 0;
		for (size_t i = 0; s->choices[i] != NULL; i++)
			if (strcmp(s->choices[i], text) == 0)
				found = 1;
		if (!found) {
			list_choices(s, extra, sizeof(extra));
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "%s: format '%s', option '%s' accepts %s; not '%s'",
			                       where, p->name, s->name, extra, text);
		}
		break;
	}
	case FOLIO_OPT_STRING:
		break;
	}
	char *copy = strdup(text);
	if (copy == NULL)
		return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
	free(v->text);
	v->text = copy;
	v->number = number;
	return FOLIO_OK;
}

static option_value *find_value(const folio_options *o, const char *name)
{
	for (size_t i = 0; o != NULL && i < o->count; i++)
		if (strcmp(o->values[i].spec->name, name) == 0)
			return &o->values[i];
	return NULL;
}

/* One "name=value" (or a bare "name" for a boolean: true) from where. */
static folio_status apply(folio_options *o, const char *name, size_t name_len, const char *value,
                          const char *where, folio_error *err)
{
	char key[128];
	const folio_plugin *p = o->plugin;
	if (name_len == 0 || name_len >= sizeof(key))
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "%s: an option needs a name (NAME=VALUE)", where);
	memcpy(key, name, name_len);
	key[name_len] = '\0';
	option_value *v = find_value(o, key);
	if (v == NULL) {
		char names[512];
		char hint[96] = "";
		list_names(p, names, sizeof(names));
		for (size_t i = 0; i < o->count && hint[0] == '\0'; i++)
			if (folio_edit_distance(key, o->values[i].spec->name) <= 2)
				snprintf(hint, sizeof(hint), "; did you mean '%s'?",
				         o->values[i].spec->name);
		return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
		                       "%s: format '%s' has no option '%s' (it accepts: %s)%s", where,
		                       p->name, key, names, hint);
	}
	if (value == NULL) {
		if (v->spec->type != FOLIO_OPT_BOOL)
			return folio_error_set(err, FOLIO_ERR_USAGE, NULL, 0, 0,
			                       "%s: format '%s', option '%s' needs a value (%s=...)",
			                       where, p->name, key, key);
		value = "true";
	}
	folio_status st = set_value(p, v, value, where, err);
	if (st == FOLIO_OK)
		v->set = 1;
	return st;
}

static folio_status apply_defaults(folio_options *o, folio_error *err)
{
	for (size_t i = 0; i < o->count; i++) {
		option_value *v = &o->values[i];
		if (v->spec->default_value == NULL)
			continue;
		folio_status st = set_value(o->plugin, v, v->spec->default_value, "default", err);
		if (st != FOLIO_OK)
			return st;
	}
	return FOLIO_OK;
}

static folio_status apply_profile(folio_options *o, const folio_profile *prof, folio_error *err)
{
	const char *fmt = o->plugin->name;
	size_t n = prof ? folio_profile_option_count(prof, fmt) : 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = folio_profile_option_name(prof, fmt, i);
		const char *value = folio_profile_option_value(prof, fmt, i);
		folio_status st = apply(o, name, strlen(name), value, "profile", err);
		if (st != FOLIO_OK)
			return st;
	}
	return FOLIO_OK;
}

folio_options *folio_options_parse(const folio_registry *reg, const folio_plugin *plugin,
                                   const char *const *settings, size_t count, folio_error *err)
{
	folio_options *o = calloc(1, sizeof(*o));
	if (o == NULL) {
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	o->plugin = plugin;
	o->count = spec_count(plugin);
	o->values = calloc(o->count ? o->count : 1, sizeof(*o->values));
	if (o->values == NULL) {
		free(o);
		folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < o->count; i++)
		o->values[i].spec = folio_plugin_option(plugin, i);
	folio_status st = apply_defaults(o, err);
	if (st == FOLIO_OK)
		st = apply_profile(o, reg ? reg->profile : NULL, err);
	for (size_t i = 0; st == FOLIO_OK && i < count; i++) {
		const char *eq = strchr(settings[i], '=');
		size_t name_len = eq ? (size_t)(eq - settings[i]) : strlen(settings[i]);
		st = apply(o, settings[i], name_len, eq ? eq + 1 : NULL, "-O", err);
	}
	if (st != FOLIO_OK) {
		folio_options_free(o);
		return NULL;
	}
	return o;
}

void folio_options_free(folio_options *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->count; i++)
		free(o->values[i].text);
	free(o->values);
	free(o);
}

int folio_opt_bool(const folio_options *o, const char *name)
{
	const option_value *v = find_value(o, name);
	return v && v->spec->type == FOLIO_OPT_BOOL && v->text ? (int)v->number : 0;
}

long folio_opt_int(const folio_options *o, const char *name)
{
	const option_value *v = find_value(o, name);
	return v && v->spec->type == FOLIO_OPT_INT && v->text ? v->number : 0;
}

const char *folio_opt_string(const folio_options *o, const char *name)
{
	const option_value *v = find_value(o, name);
	return v ? v->text : NULL;
}

int folio_opt_is_set(const folio_options *o, const char *name)
{
	const option_value *v = find_value(o, name);
	return v ? v->set : 0;
}
