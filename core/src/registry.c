/* folio — the plugin registry: loading, refusing, discovering and finding
 * exporter plugins. */
#define _GNU_SOURCE /* dladdr */
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "folio/profile.h"
#include "registry_private.h"

folio_registry *folio_registry_new(void)
{
	folio_registry *reg = calloc(1, sizeof(*reg));
	if (reg == NULL)
		return NULL;
	reg->empty_profile = folio_profile_new();
	if (reg->empty_profile == NULL) {
		free(reg);
		return NULL;
	}
	reg->profile = reg->empty_profile;
	return reg;
}

static void entry_free(folio_plugin_entry *e)
{
	if (e->init_done && e->init_status == FOLIO_OK && e->plugin->fini != NULL)
		e->plugin->fini(e->state);
	pthread_mutex_destroy(&e->init_lock);
	if (e->handle != NULL)
		dlclose(e->handle);
	free(e->origin);
	free(e);
}

void folio_registry_free(folio_registry *reg)
{
	if (reg == NULL)
		return;
	for (size_t i = 0; i < reg->count; i++)
		entry_free(reg->entries[i]);
	free(reg->entries);
	for (size_t i = 0; i < reg->asset_count; i++)
		free(reg->asset_dirs[i]);
	free(reg->asset_dirs);
	folio_profile_free(reg->empty_profile);
	free(reg->defaults);
	free(reg);
}

void folio_registry_set_log(folio_registry *reg, folio_log_fn fn, void *userdata)
{
	reg->log = fn;
	reg->log_userdata = userdata;
}

void folio_registry_set_profile(folio_registry *reg, const folio_profile *profile)
{
	reg->profile = profile ? profile : reg->empty_profile;
}

void folio_registry_warn(const folio_registry *reg, const char *fmt, ...)
{
	if (reg->log == NULL)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	reg->log(reg->log_userdata, msg);
}

folio_status folio_registry_add_asset_dir(folio_registry *reg, const char *dir)
{
	for (size_t i = 0; i < reg->asset_count; i++)
		if (strcmp(reg->asset_dirs[i], dir) == 0)
			return FOLIO_OK;
	char **dirs = realloc(reg->asset_dirs, (reg->asset_count + 1) * sizeof(*dirs));
	if (dirs == NULL)
		return FOLIO_ERR_NOMEM;
	reg->asset_dirs = dirs;
	char *copy = strdup(dir);
	if (copy == NULL)
		return FOLIO_ERR_NOMEM;
	reg->asset_dirs[reg->asset_count++] = copy;
	return FOLIO_OK;
}

int folio_registry_find_asset(const folio_registry *reg, const char *relpath, char *buf, size_t n)
{
	if (relpath == NULL || relpath[0] == '/' || strstr(relpath, "..") != NULL)
		return 0;
	for (size_t i = 0; i < reg->asset_count; i++) {
		int w = snprintf(buf, n, "%s/%s", reg->asset_dirs[i], relpath);
		if (w < 0 || (size_t)w >= n)
			continue;
		if (access(buf, R_OK) == 0)
			return 1;
	}
	return 0;
}

/* ---- checking a descriptor ------------------------------------------------------ */

static int valid_name(const char *s)
{
	if (s == NULL || s[0] == '\0' || strlen(s) > 32)
		return 0;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '_'))
			return 0;
	}
	return 1;
}

/* The options table: entries of one size, at least the fields this ABI
 * reads (a size that is not a multiple of the alignment would misplace every
 * entry after the first); names valid and unique, enums with choices. The
 * defaults are checked against their own specs when options are parsed. */
enum { OPTION_SPEC_MAX = 1024 }; /* bytes an entry may grow to: more is not a size */

static const char *check_option_table(const folio_plugin *p)
{
	const folio_option_spec *first = p->options;
	if (first == NULL || first->name == NULL)
		return NULL;
	if (first->size < offsetof(folio_option_spec, max) + sizeof(first->max) ||
	    first->size > OPTION_SPEC_MAX || first->size % _Alignof(folio_option_spec) != 0)
		return "its option table's entries have a wrong size for this ABI";
	const folio_option_spec *o;
	for (size_t i = 0; (o = folio_plugin_option(p, i)) != NULL; i++) {
		if (o->size != first->size)
			return "its option table's entries differ in size";
		if (!valid_name(o->name))
			return "an option has an invalid name";
		if ((unsigned)o->type > FOLIO_OPT_ENUM)
			return "an option has an unknown type";
		if (o->type == FOLIO_OPT_ENUM && (o->choices == NULL || o->choices[0] == NULL))
			return "an enum option lists no choices";
		for (size_t j = 0; j < i; j++)
			if (strcmp(o->name, folio_plugin_option(p, j)->name) == 0)
				return "two options share a name";
	}
	return NULL;
}

static const char *check_descriptor(const folio_plugin *p)
{
	if (p == NULL)
		return "its entry point returned no descriptor";
	if (p->abi_version != FOLIO_PLUGIN_ABI_VERSION)
		return NULL; /* reported with the numbers by the caller */
	if (p->size < offsetof(folio_plugin, render) + sizeof(p->render))
		return "its descriptor is too short for this ABI";
	if (!valid_name(p->name))
		return "its format name is missing or invalid";
	if (p->render == NULL)
		return "it has no render function";
	if (p->extension == NULL || p->media_type == NULL || p->summary == NULL)
		return "its descriptor lacks an extension, media type or summary";
	return check_option_table(p);
}

static folio_status insert_entry(folio_registry *reg, folio_plugin_entry *e, folio_error *err)
{
	if (reg->count == reg->capacity) {
		size_t cap = reg->capacity ? reg->capacity * 2 : 8;
		folio_plugin_entry **entries = realloc(reg->entries, cap * sizeof(*entries));
		if (entries == NULL)
			return folio_error_set(err, FOLIO_ERR_NOMEM, NULL, 0, 0, "out of memory");
		reg->entries = entries;
		reg->capacity = cap;
	}
	size_t at = 0;
	while (at < reg->count && strcmp(reg->entries[at]->plugin->name, e->plugin->name) < 0)
		at++;
	memmove(reg->entries + at + 1, reg->entries + at, (reg->count - at) * sizeof(*reg->entries));
	reg->entries[at] = e;
	reg->count++;
	return FOLIO_OK;
}

/* Takes ownership of handle (closed on refusal). */
static folio_status add_plugin(folio_registry *reg, const folio_plugin *p, const char *origin,
                               void *handle, folio_error *err)
{
	const char *who = origin ? origin : "built-in plugin";
	const char *why = check_descriptor(p);
	folio_status st = FOLIO_OK;
	if (p != NULL && p->abi_version != FOLIO_PLUGIN_ABI_VERSION) {
		st = folio_error_set(err, FOLIO_ERR_PLUGIN, who, 0, 0,
		                     "plugin built for ABI version %u, this folio speaks %u",
		                     p->abi_version, FOLIO_PLUGIN_ABI_VERSION);
	} else if (why != NULL) {
		st = folio_error_set(err, FOLIO_ERR_PLUGIN, who, 0, 0, "not a usable plugin: %s",
		                     why);
	} else if (folio_registry_find(reg, p->name) != NULL) {
		size_t i = 0;
		while (strcmp(reg->entries[i]->plugin->name, p->name) != 0)
			i++;
		const char *first = reg->entries[i]->origin;
		st = folio_error_set(err, FOLIO_ERR_PLUGIN, who, 0, 0,
		                     "format '%s' is already provided by %s", p->name,
		                     first ? first : "a built-in plugin");
	}
	folio_plugin_entry *e = NULL;
	if (st == FOLIO_OK) {
		e = calloc(1, sizeof(*e));
		if (e == NULL)
			st = folio_error_set(err, FOLIO_ERR_NOMEM, who, 0, 0, "out of memory");
	}
	if (st == FOLIO_OK) {
		e->plugin = p;
		e->handle = handle;
		pthread_mutex_init(&e->init_lock, NULL);
		e->origin = origin ? strdup(origin) : NULL;
		if (origin != NULL && e->origin == NULL)
			st = folio_error_set(err, FOLIO_ERR_NOMEM, who, 0, 0, "out of memory");
		else
			st = insert_entry(reg, e, err);
		if (st != FOLIO_OK) {
			e->handle = NULL;
			entry_free(e);
		}
	}
	if (st != FOLIO_OK && handle != NULL)
		dlclose(handle);
	return st;
}

folio_status folio_registry_add(folio_registry *reg, const folio_plugin *plugin, folio_error *err)
{
	return add_plugin(reg, plugin, NULL, NULL, err);
}

/* The same file loaded twice (two folders on the path pointing at one
 * place) is not a duplicate worth a warning. */
static int already_loaded(const folio_registry *reg, const char *real)
{
	for (size_t i = 0; i < reg->count; i++)
		if (reg->entries[i]->origin && strcmp(reg->entries[i]->origin, real) == 0)
			return 1;
	return 0;
}

/* Why another user could have written what st describes, or NULL: a file or
 * folder writable by every user (a folder with the sticky bit excepted:
 * there only its owner may replace a file), writable by a group not the
 * user's own, or owned by someone but the user or root. */
static const char *foreign_writable(const struct stat *st, int is_dir)
{
	if ((st->st_mode & S_IWOTH) && !(is_dir && (st->st_mode & S_ISVTX)))
		return "writable by every user";
	if ((st->st_mode & S_IWGRP) && st->st_gid != getegid() && st->st_gid != 0)
		return "writable by a group of other users";
	if (st->st_uid != geteuid() && st->st_uid != 0)
		return "owned by another user";
	return NULL;
}

/* The folder of path ("." when it has none) into dir. */
static void folder_of(const char *path, char *dir, size_t n)
{
	snprintf(dir, n, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, n, ".");
	else
		slash[slash == dir ? 1 : 0] = '\0';
}

/* Refuses, before dlopen runs any of its code, a plugin that another user
 * could have written or replaced: the file, or the folder it lies in (both
 * the folder named and, through symbolic links, the real one), fails
 * foreign_writable. path is the name given, real the resolved path. */
static folio_status check_plugin_owner(const char *path, const char *real, folio_error *err)
{
	struct stat st;
	if (stat(real, &st) != 0)
		return folio_error_set(err, FOLIO_ERR_PLUGIN, real, 0, 0, "cannot open plugin: %m");
	if (!S_ISREG(st.st_mode))
		return folio_error_set(err, FOLIO_ERR_PLUGIN, real, 0, 0,
		                       "not loaded: not a regular file");
	const char *why = foreign_writable(&st, 0);
	if (why != NULL)
		return folio_error_set(err, FOLIO_ERR_PLUGIN, real, 0, 0, "not loaded: the file is %s",
		                       why);
	const char *names[2] = {real, path};
	for (int i = 0; i < 2; i++) {
		char dir[PATH_MAX];
		folder_of(names[i], dir, sizeof(dir));
		if (stat(dir, &st) != 0)
			continue;
		why = foreign_writable(&st, 1);
		if (why != NULL)
			return folio_error_set(err, FOLIO_ERR_PLUGIN, real, 0, 0,
			                       "not loaded: its folder %s is %s", dir, why);
	}
	return FOLIO_OK;
}

folio_status folio_registry_load_file(folio_registry *reg, const char *path, folio_error *err)
{
	char real[PATH_MAX];
	if (realpath(path, real) == NULL)
		return folio_error_set(err, FOLIO_ERR_PLUGIN, path, 0, 0, "cannot open plugin: %m");
	if (already_loaded(reg, real))
		return FOLIO_OK;
	folio_status checked = check_plugin_owner(path, real, err);
	if (checked != FOLIO_OK)
		return checked;
	/* RTLD_LOCAL: plugins never see each other's symbols. */
	void *handle = dlopen(real, RTLD_NOW | RTLD_LOCAL);
	if (handle == NULL) {
		const char *why = dlerror();
		return folio_error_set(err, FOLIO_ERR_PLUGIN, real, 0, 0, "not a loadable library: %s",
		                       why ? why : "unknown reason");
	}
	void *sym = dlsym(handle, FOLIO_PLUGIN_ENTRY_NAME);
	if (sym == NULL) {
		dlclose(handle);
		return folio_error_set(err, FOLIO_ERR_PLUGIN, real, 0, 0,
		                       "not a folio plugin: no %s symbol", FOLIO_PLUGIN_ENTRY_NAME);
	}
	folio_plugin_entry_fn entry;
	/* POSIX guarantees this conversion works for dlsym results. */
	memcpy(&entry, &sym, sizeof(entry));
	return add_plugin(reg, entry(), real, handle, err);
}

static int is_plugin_file_name(const char *name)
{
	size_t len = strlen(name);
	return strncmp(name, "folio-", 6) == 0 && len > 9 && strcmp(name + len - 3, ".so") == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The "folio-*.so" names in dir, sorted; NULL when the folder can't be read. */
static char **list_plugin_files(const char *dir, size_t *count)
{
	*count = 0;
	DIR *d = opendir(dir);
	if (d == NULL)
		return NULL;
	char **names = NULL;
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!is_plugin_file_name(de->d_name))
			continue;
		if (*count == cap) {
			cap = cap ? cap * 2 : 16;
			char **grown = realloc(names, cap * sizeof(*names));
			if (grown == NULL)
				break;
			names = grown;
		}
		names[*count] = strdup(de->d_name);
		if (names[*count] != NULL)
			(*count)++;
	}
	closedir(d);
	if (*count)
		qsort(names, *count, sizeof(*names), cmp_str);
	return names;
}

size_t folio_registry_load_dir(folio_registry *reg, const char *dir)
{
	struct stat st;
	if (dir == NULL || dir[0] == '\0' || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	if (st.st_mode & S_IWOTH)
		folio_registry_warn(reg,
		                    "plugin folder %s is writable by every user: anyone could put "
		                    "code there that folio would run",
		                    dir);
	size_t count = 0;
	char **names = list_plugin_files(dir, &count);
	size_t loaded = 0;
	for (size_t i = 0; i < count; i++) {
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		folio_error err;
		folio_error_clear(&err);
		size_t before = reg->count;
		if (folio_registry_load_file(reg, path, &err) != FOLIO_OK) {
			char msg[1200];
			folio_registry_warn(reg, "skipping plugin %s",
			                    folio_error_format(&err, msg, sizeof(msg)));
		} else if (reg->count > before) {
			loaded++;
		}
		free(names[i]);
	}
	free(names);
	return loaded;
}

/* ---- discovery ------------------------------------------------------------------- */

/* The folder libfolio (or the program it is linked into) was loaded from,
 * resolved; 0 when it cannot be told. */
static int library_dir(char *out, size_t n)
{
	Dl_info info;
	if (dladdr((void *)&folio_registry_new, &info) == 0 || info.dli_fname == NULL)
		return 0;
	char real[PATH_MAX];
	if (realpath(info.dli_fname, real) == NULL)
		return 0;
	char *slash = strrchr(real, '/');
	if (slash == NULL)
		return 0;
	*slash = '\0';
	return snprintf(out, n, "%s", real) < (int)n;
}

/* 1 when a and b name the same folder (the same inode: no realpath, whose
 * readlink per path component cost more than the rest of the lookup). */
static int same_dir(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

struct found_dirs {
	char plugins[PATH_MAX];
	char assets[PATH_MAX];
};
typedef struct found_dirs found_dirs;

/* The build tree's folders when libfolio runs from it; else the folders
 * beside the installed library (relocatable); else the configured ones. */
static void default_dirs(found_dirs *d)
{
	char lib[PATH_MAX];
	if (library_dir(lib, sizeof(lib))) {
		if (same_dir(lib, FOLIO_BUILD_LIB_DIR) || same_dir(lib, FOLIO_BUILD_BIN_DIR)) {
			snprintf(d->plugins, sizeof(d->plugins), "%s", FOLIO_BUILD_PLUGIN_DIR);
			snprintf(d->assets, sizeof(d->assets), "%s", FOLIO_SOURCE_ASSET_DIR);
			return;
		}
		int w1 = snprintf(d->plugins, sizeof(d->plugins), "%s/%s", lib, FOLIO_LIB_TO_PLUGINS);
		int w2 = snprintf(d->assets, sizeof(d->assets), "%s/%s", lib, FOLIO_LIB_TO_ASSETS);
		struct stat st;
		if (w1 > 0 && (size_t)w1 < sizeof(d->plugins) && w2 > 0 &&
		    (size_t)w2 < sizeof(d->assets) && stat(d->plugins, &st) == 0)
			return;
	}
	snprintf(d->plugins, sizeof(d->plugins), "%s", FOLIO_INSTALL_PLUGIN_DIR);
	snprintf(d->assets, sizeof(d->assets), "%s", FOLIO_INSTALL_ASSET_DIR);
}

/* The default folders, worked out on first use and kept with the registry
 * (discovery needs them twice, and each lookup resolves a path); NULL when
 * out of memory. */
static const found_dirs *registry_defaults(folio_registry *reg)
{
	if (reg->defaults == NULL) {
		reg->defaults = malloc(sizeof(*reg->defaults));
		if (reg->defaults != NULL)
			default_dirs(reg->defaults);
	}
	return reg->defaults;
}

/* Calls fn on each non-empty ':'-separated entry of list. */
static void each_path_entry(folio_registry *reg, const char *list,
                            void (*fn)(folio_registry *, const char *, void *), void *ctx)
{
	if (list == NULL)
		return;
	const char *p = list;
	while (*p) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > 0 && len < PATH_MAX) {
			char dir[PATH_MAX];
			memcpy(dir, p, len);
			dir[len] = '\0';
			fn(reg, dir, ctx);
		}
		p += len;
		if (*p == ':')
			p++;
	}
}

static void load_dir_into(folio_registry *reg, const char *dir, void *ctx)
{
	size_t *loaded = ctx;
	*loaded += folio_registry_load_dir(reg, dir);
}

static void add_asset_into(folio_registry *reg, const char *dir, void *ctx)
{
	(void)ctx;
	folio_registry_add_asset_dir(reg, dir);
}

/* The plugin folders, in discovery order, each handed to fn. */
static void each_plugin_dir(folio_registry *reg, const char *const *dirs, size_t n,
                            void (*fn)(folio_registry *, const char *, void *), void *ctx)
{
	for (size_t i = 0; i < n; i++)
		fn(reg, dirs[i], ctx);
	each_path_entry(reg, getenv("FOLIO_PLUGIN_PATH"), fn, ctx);
	const found_dirs *d = registry_defaults(reg);
	if (d != NULL)
		fn(reg, d->plugins, ctx);
}

static void add_default_assets(folio_registry *reg)
{
	const found_dirs *d = registry_defaults(reg);
	each_path_entry(reg, getenv("FOLIO_ASSET_PATH"), add_asset_into, NULL);
	if (d != NULL)
		folio_registry_add_asset_dir(reg, d->assets);
}

size_t folio_registry_discover(folio_registry *reg, const char *const *dirs, size_t n)
{
	size_t loaded = 0;
	each_plugin_dir(reg, dirs, n, load_dir_into, &loaded);
	add_default_assets(reg);
	return loaded;
}

/* Which file a format's plugin is expected in: "folio-" + the name without
 * dots + ".so" ("tar.gz" -> "folio-targz.so"). */
typedef struct one_plugin {
	const char *format;
	char file[80];
	int found;
} one_plugin;

static void load_one_into(folio_registry *reg, const char *dir, void *ctx)
{
	one_plugin *one = ctx;
	if (one->found)
		return;
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/%s", dir, one->file) >= (int)sizeof(path) ||
	    access(path, R_OK) != 0)
		return;
	folio_error err;
	if (folio_registry_load_file(reg, path, &err) != FOLIO_OK) {
		char msg[1200];
		folio_registry_warn(reg, "skipping plugin %s", folio_error_format(&err, msg, sizeof(msg)));
		return;
	}
	one->found = folio_registry_find(reg, one->format) != NULL;
}

int folio_registry_discover_format(folio_registry *reg, const char *const *dirs, size_t n,
                                   const char *format)
{
	one_plugin one = {.format = format};
	char stem[64];
	size_t k = 0;
	for (const char *p = format; *p; p++) {
		if (*p == '/' || *p == '\\' || k + 1 >= sizeof(stem))
			return 0;
		if (*p != '.')
			stem[k++] = *p;
	}
	stem[k] = '\0';
	if (k == 0)
		return 0;
	snprintf(one.file, sizeof(one.file), "folio-%s.so", stem);
	add_default_assets(reg);
	each_plugin_dir(reg, dirs, n, load_one_into, &one);
	const folio_plugin *p = folio_registry_find(reg, format);
	return p != NULL && !(p->flags & FOLIO_PLUGIN_CONTAINER);
}

/* ---- finding ------------------------------------------------------------------------ */

size_t folio_registry_count(const folio_registry *reg)
{
	return reg->count;
}

const folio_plugin *folio_registry_at(const folio_registry *reg, size_t i)
{
	return i < reg->count ? reg->entries[i]->plugin : NULL;
}

const char *folio_registry_origin(const folio_registry *reg, size_t i)
{
	return i < reg->count ? reg->entries[i]->origin : NULL;
}

const folio_plugin *folio_registry_find(const folio_registry *reg, const char *name)
{
	for (size_t i = 0; name != NULL && i < reg->count; i++)
		if (strcmp(reg->entries[i]->plugin->name, name) == 0)
			return reg->entries[i]->plugin;
	return NULL;
}

folio_plugin_entry *folio_registry_entry(const folio_registry *reg, const folio_plugin *plugin)
{
	for (size_t i = 0; i < reg->count; i++)
		if (reg->entries[i]->plugin == plugin)
			return reg->entries[i];
	return NULL;
}

const folio_plugin *folio_registry_find_for_path(const folio_registry *reg, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t blen = strlen(base);
	const folio_plugin *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < reg->count; i++) {
		const char *ext = reg->entries[i]->plugin->extension;
		size_t elen = strlen(ext);
		/* ".ext" must end the name, after at least one other character. */
		if (elen == 0 || blen < elen + 2 || base[blen - elen - 1] != '.')
			continue;
		if (strcasecmp(base + blen - elen, ext) == 0 && elen > best_len) {
			best = reg->entries[i]->plugin;
			best_len = elen;
		}
	}
	return best;
}

