/* folio — what website builders add around an article, as data.
 *
 * The rules below are what Wix, Squarespace, WordPress, Weebly and GoDaddy
 * put around a blog post when someone copies the page: page markers, menus,
 * share buttons, comment forms, counters, footers, cookie banners. To teach
 * folio a new one, add a row; import_clip.c never compares strings itself.
 * Patterns are folded (see clip_fold): lowercase, ASCII apostrophe.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "clip_private.h"
#include "frontmatter_private.h"

#define ANY  CLIP_ANYWHERE
#define HEAD CLIP_HEAD

static const clip_rule rules[] = {
    /* page markers and skip links */
    {CLIP_EXACT, "top of page", CLIP_START, ANY, "Wix", "page marker"},
    {CLIP_EXACT, "haut de page", CLIP_START, ANY, "Wix", "page marker"},
    {CLIP_EXACT, "bottom of page", CLIP_END, ANY, "Wix", "page marker"},
    {CLIP_EXACT, "bas de page", CLIP_END, ANY, "Wix", "page marker"},
    {CLIP_EXACT, "skip to content", CLIP_START, ANY, "WordPress, Squarespace", "skip link"},
    {CLIP_EXACT, "skip to main content", CLIP_START, ANY, "GoDaddy, Weebly", "skip link"},
    {CLIP_EXACT, "aller au contenu", CLIP_START, ANY, "WordPress", "skip link"},
    {CLIP_EXACT, "aller au contenu principal", CLIP_START, ANY, "WordPress", "skip link"},
    {CLIP_EXACT, "passer au contenu", CLIP_START, ANY, "Squarespace", "skip link"},
    /* what follows the article */
    {CLIP_EXACT, "recent posts", CLIP_END, ANY, "Wix", "recent posts"},
    {CLIP_EXACT, "articles récents", CLIP_END, ANY, "Wix", "recent posts"},
    {CLIP_EXACT, "related posts", CLIP_END, ANY, "WordPress, Wix", "related posts"},
    {CLIP_EXACT, "articles similaires", CLIP_END, ANY, "WordPress", "related posts"},
    {CLIP_EXACT, "articles connexes", CLIP_END, ANY, "WordPress", "related posts"},
    {CLIP_EXACT, "leave a reply", CLIP_END, ANY, "WordPress", "comment form"},
    {CLIP_EXACT, "leave a comment", CLIP_END, ANY, "WordPress, Squarespace", "comment form"},
    {CLIP_EXACT, "laisser un commentaire", CLIP_END, ANY, "WordPress", "comment form"},
    {CLIP_EXACT, "laisser une réponse", CLIP_END, ANY, "WordPress", "comment form"},
    {CLIP_EXACT, "log in to leave a comment", CLIP_END, ANY, "Wix", "comment form"},
    {CLIP_EXACT, "connectez-vous pour laisser un commentaire.", CLIP_END, ANY, "Wix",
     "comment form"},
    {CLIP_PREFIX, "write a comment", CLIP_END, ANY, "Wix", "comment form"},
    {CLIP_PREFIX, "écrire un commentaire", CLIP_END, ANY, "Wix", "comment form"},
    {CLIP_PREFIX, "rédiger un commentaire", CLIP_END, ANY, "Wix", "comment form"},
    {CLIP_EXACT, "post comment", CLIP_DROP, ANY, "WordPress", "comment button"},
    {CLIP_EXACT, "publier un commentaire", CLIP_DROP, ANY, "WordPress", "comment button"},
    {CLIP_EXACT, "comments", CLIP_END, ANY, "Squarespace, Weebly", "comments section"},
    {CLIP_EXACT, "commentaires", CLIP_END, ANY, "Squarespace, Weebly", "comments section"},
    {CLIP_EXACT, "author", CLIP_END, ANY, "Weebly", "blog sidebar"},
    {CLIP_EXACT, "auteur", CLIP_END, ANY, "Weebly", "blog sidebar"},
    {CLIP_EXACT, "archives", CLIP_END, ANY, "Weebly", "blog sidebar"},
    {CLIP_EXACT, "categories", CLIP_END, ANY, "Weebly", "blog sidebar"},
    {CLIP_EXACT, "catégories", CLIP_END, ANY, "Weebly", "blog sidebar"},
    {CLIP_EXACT, "post a comment", CLIP_END, ANY, "Blogger", "comment form"},
    {CLIP_EXACT, "add comment", CLIP_END, ANY, "all", "comment form"},
    {CLIP_EXACT, "ajouter un commentaire", CLIP_END, ANY, "all", "comment form"},
    {CLIP_SHORT, "required fields are marked", CLIP_END, ANY, "WordPress", "comment form"},
    {CLIP_SHORT, "les champs obligatoires sont indiqués", CLIP_END, ANY, "WordPress",
     "comment form"},
    {CLIP_SHORT, "comments are closed", CLIP_END, ANY, "WordPress", "comment form"},
    {CLIP_SHORT, "les commentaires sont fermés", CLIP_END, ANY, "WordPress", "comment form"},
    {CLIP_GLOB, "# thoughts on *", CLIP_END, ANY, "WordPress", "comment thread"},
    {CLIP_GLOB, "# responses to *", CLIP_END, ANY, "WordPress", "comment thread"},
    {CLIP_GLOB, "# réflexions sur *", CLIP_END, ANY, "WordPress", "comment thread"},
    {CLIP_EXACT, "reply", CLIP_DROP, ANY, "all", "comment reply link"},
    {CLIP_EXACT, "répondre", CLIP_DROP, ANY, "all", "comment reply link"},
    {CLIP_EXACT, "permalink", CLIP_DROP, ANY, "all", "comment link"},
    /* what sites put after an article, whatever their builder: a heading
     * over other articles or the author's other posts */
    {CLIP_SHORT, "related posts", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "related articles", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "related stories", CLIP_END, ANY, "all", "related posts"},
    {CLIP_EXACT, "related", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "you may also like", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "you might also like", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "recommended from", CLIP_END, ANY, "Medium", "related posts"},
    {CLIP_SHORT, "more from", CLIP_END, ANY, "Medium, news", "related posts"},
    {CLIP_SHORT, "more stories", CLIP_END, ANY, "news", "related posts"},
    {CLIP_SHORT, "read next", CLIP_END, ANY, "news", "related posts"},
    {CLIP_EXACT, "most popular", CLIP_END, ANY, "news", "related posts"},
    {CLIP_EXACT, "most read", CLIP_END, ANY, "news", "related posts"},
    {CLIP_EXACT, "popular posts", CLIP_END, ANY, "all", "related posts"},
    {CLIP_EXACT, "latest posts", CLIP_END, ANY, "all", "related posts"},
    {CLIP_EXACT, "blog archive", CLIP_END, ANY, "Blogger", "blog sidebar"},
    {CLIP_SHORT, "à lire aussi", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "lire aussi", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "sur le même sujet", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "vous aimerez aussi", CLIP_END, ANY, "all", "related posts"},
    {CLIP_SHORT, "dans la même catégorie", CLIP_END, ANY, "all", "related posts"},
    {CLIP_EXACT, "les plus lus", CLIP_END, ANY, "news", "related posts"},
    /* links between posts */
    {CLIP_EXACT, "see all", CLIP_DROP, ANY, "Wix", "link"},
    {CLIP_EXACT, "voir tout", CLIP_DROP, ANY, "Wix", "link"},
    {CLIP_EXACT, "read more", CLIP_DROP, ANY, "all", "link"},
    {CLIP_EXACT, "lire la suite", CLIP_DROP, ANY, "all", "link"},
    {CLIP_EXACT, "previous", CLIP_DROP, ANY, "Squarespace", "link"},
    {CLIP_EXACT, "next", CLIP_DROP, ANY, "Squarespace", "link"},
    {CLIP_EXACT, "précédent", CLIP_DROP, ANY, "Squarespace", "link"},
    {CLIP_EXACT, "suivant", CLIP_DROP, ANY, "Squarespace", "link"},
    {CLIP_EXACT, "older post", CLIP_DROP, ANY, "Squarespace", "link"},
    {CLIP_EXACT, "newer post", CLIP_DROP, ANY, "Squarespace", "link"},
    {CLIP_EXACT, "back to blog", CLIP_DROP, ANY, "all", "link"},
    {CLIP_EXACT, "retour au blog", CLIP_DROP, ANY, "all", "link"},
    {CLIP_EXACT, "all posts", CLIP_DROP, ANY, "Wix", "link"},
    {CLIP_EXACT, "tous les articles", CLIP_DROP, ANY, "Wix", "link"},
    {CLIP_EXACT, "rss feed", CLIP_DROP, ANY, "Weebly", "link"},
    {CLIP_EXACT, "flux rss", CLIP_DROP, ANY, "Weebly", "link"},
    {CLIP_PREFIX, "← ", CLIP_DROP, ANY, "WordPress", "link to another post"},
    {CLIP_GLOB, "* →", CLIP_DROP, ANY, "WordPress", "link to another post"},
    /* share and like buttons */
    {CLIP_SHORT, "share on ", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_SHORT, "share to ", CLIP_DROP, ANY, "Blogger", "share button"},
    {CLIP_SHORT, "share via ", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_SHORT, "partager sur ", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_SHORT, "partager par ", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_SHORT, "opens in new window", CLIP_DROP, ANY, "WordPress", "share button"},
    {CLIP_GLOB, "share #", CLIP_DROP, ANY, "all", "share counter"},
    {CLIP_GLOB, "partager #", CLIP_DROP, ANY, "all", "share counter"},
    {CLIP_EXACT, "email this", CLIP_DROP, ANY, "Blogger", "share button"},
    {CLIP_EXACT, "envoyer par e-mail", CLIP_DROP, ANY, "Blogger", "share button"},
    {CLIP_EXACT, "envoyer par courriel", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "x (twitter)", CLIP_DROP, ANY, "Wix", "share button"},
    {CLIP_EXACT, "blogthis!", CLIP_DROP, ANY, "Blogger", "share button"},
    {CLIP_EXACT, "copier le lien", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "pin", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "listen", CLIP_DROP, ANY, "Medium", "audio button"},
    {CLIP_EXACT, "follow", CLIP_DROP, ANY, "Medium", "follow button"},
    {CLIP_EXACT, "suivre", CLIP_DROP, ANY, "all", "follow button"},
    {CLIP_EXACT, "whatsapp", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "reddit", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "x", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "share", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "share this:", CLIP_DROP, ANY, "WordPress", "share buttons"},
    {CLIP_EXACT, "share this post", CLIP_DROP, ANY, "Wix", "share buttons"},
    {CLIP_EXACT, "partager", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "partager :", CLIP_DROP, ANY, "WordPress", "share buttons"},
    {CLIP_EXACT, "partager cet article", CLIP_DROP, ANY, "Wix", "share buttons"},
    {CLIP_EXACT, "facebook", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "twitter", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "linkedin", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "pinterest", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "instagram", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "link copied!", CLIP_DROP, ANY, "Wix", "share button"},
    {CLIP_EXACT, "lien copié !", CLIP_DROP, ANY, "Wix", "share button"},
    {CLIP_EXACT, "lien copié", CLIP_DROP, ANY, "Wix", "share button"},
    {CLIP_EXACT, "copy link", CLIP_DROP, ANY, "Wix", "share button"},
    {CLIP_EXACT, "pin it", CLIP_DROP, ANY, "Squarespace", "share button"},
    {CLIP_EXACT, "tweet", CLIP_DROP, ANY, "Squarespace", "share button"},
    {CLIP_EXACT, "email", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "courriel", CLIP_DROP, ANY, "all", "share button"},
    {CLIP_EXACT, "print", CLIP_DROP, ANY, "WordPress", "share button"},
    {CLIP_EXACT, "imprimer", CLIP_DROP, ANY, "WordPress", "share button"},
    {CLIP_EXACT, "like", CLIP_DROP, ANY, "all", "like button"},
    {CLIP_EXACT, "j'aime", CLIP_DROP, ANY, "all", "like button"},
    {CLIP_EXACT, "like this:", CLIP_DROP, ANY, "WordPress", "like button"},
    {CLIP_EXACT, "like loading...", CLIP_DROP, ANY, "WordPress", "like button"},
    {CLIP_EXACT, "subscribe", CLIP_DROP, ANY, "all", "subscribe button"},
    {CLIP_EXACT, "s'abonner", CLIP_DROP, ANY, "all", "subscribe button"},
    /* blog furniture */
    {CLIP_PREFIX, "posted in ", CLIP_DROP, ANY, "WordPress", "categories"},
    {CLIP_PREFIX, "publié dans ", CLIP_DROP, ANY, "WordPress", "categories"},
    {CLIP_PREFIX, "categories:", CLIP_DROP, ANY, "WordPress", "categories"},
    {CLIP_PREFIX, "catégories :", CLIP_DROP, ANY, "WordPress", "categories"},
    {CLIP_PREFIX, "catégories:", CLIP_DROP, ANY, "WordPress", "categories"},
    {CLIP_PREFIX, "filed under", CLIP_DROP, ANY, "WordPress", "categories"},
    {CLIP_PREFIX, "tags:", CLIP_DROP, ANY, "WordPress", "tags"},
    {CLIP_PREFIX, "tagged ", CLIP_DROP, ANY, "WordPress", "tags"},
    {CLIP_PREFIX, "étiquettes :", CLIP_DROP, ANY, "WordPress", "tags"},
    {CLIP_PREFIX, "étiquettes:", CLIP_DROP, ANY, "WordPress", "tags"},
    {CLIP_PREFIX, "mots-clés :", CLIP_DROP, ANY, "WordPress", "tags"},
    /* footers */
    {CLIP_PREFIX, "powered by ", CLIP_DROP, ANY, "all", "builder credit"},
    {CLIP_PREFIX, "proudly powered by ", CLIP_DROP, ANY, "WordPress", "builder credit"},
    {CLIP_PREFIX, "propulsé par ", CLIP_DROP, ANY, "all", "builder credit"},
    {CLIP_PREFIX, "fièrement propulsé par ", CLIP_DROP, ANY, "WordPress", "builder credit"},
    {CLIP_PREFIX, "made with squarespace", CLIP_DROP, ANY, "Squarespace", "builder credit"},
    {CLIP_PREFIX, "create your own unique website", CLIP_DROP, ANY, "Weebly", "builder credit"},
    {CLIP_PREFIX, "©", CLIP_DROP, ANY, "all", "copyright footer"},
    {CLIP_PREFIX, "copyright ", CLIP_DROP, ANY, "all", "copyright footer"},
    {CLIP_GLOB, "(c) #*", CLIP_DROP, ANY, "all", "copyright footer"},
    {CLIP_GLOB, "*all rights reserved*", CLIP_DROP, ANY, "GoDaddy", "copyright footer"},
    {CLIP_GLOB, "*tous droits réservés*", CLIP_DROP, ANY, "GoDaddy", "copyright footer"},
    /* newsletter boxes */
    {CLIP_SHORT, "newsletter", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "infolettre", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "sign up", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "subscribe to", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "inscrivez-vous", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "abonnez-vous", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "enter your email", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "email address", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "adresse e-mail", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "adresse courriel", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "votre e-mail", CLIP_DROP, ANY, "all", "newsletter box"},
    {CLIP_SHORT, "votre courriel", CLIP_DROP, ANY, "all", "newsletter box"},
    /* a form's field labels: "Name *", "Email *" */
    {CLIP_GLOB, "* \\*", CLIP_DROP, ANY, "all", "form field"},
    /* a wiki's tagline under the page's title */
    {CLIP_EXACT, "from wikipedia, the free encyclopedia", CLIP_DROP, ANY, "MediaWiki", "tagline"},
    {CLIP_EXACT, "de wikipedia, l'encyclopedie libre", CLIP_DROP, ANY, "MediaWiki", "tagline"},
    {CLIP_EXACT, "de wikipédia, l'encyclopédie libre", CLIP_DROP, ANY, "MediaWiki", "tagline"},
    /* cookie banners */
    {CLIP_SHORT, "manage preferences", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_SHORT, "privacy policy", CLIP_DROP, ANY, "all", "footer link"},
    {CLIP_SHORT, "politique de confidentialité", CLIP_DROP, ANY, "all", "footer link"},
    {CLIP_SHORT, "mentions légales", CLIP_DROP, ANY, "all", "footer link"},
    {CLIP_SHORT, "terms of use", CLIP_DROP, ANY, "all", "footer link"},
    {CLIP_SHORT, "terms of service", CLIP_DROP, ANY, "all", "footer link"},
    {CLIP_PREFIX, "this website uses cookies", CLIP_DROP, ANY, "GoDaddy", "cookie banner"},
    {CLIP_PREFIX, "this site uses cookies", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_PREFIX, "we use cookies", CLIP_DROP, ANY, "Squarespace", "cookie banner"},
    {CLIP_PREFIX, "ce site utilise des cookies", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_PREFIX, "ce site web utilise des cookies", CLIP_DROP, ANY, "GoDaddy", "cookie banner"},
    {CLIP_PREFIX, "ce site utilise des témoins", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_PREFIX, "nous utilisons des cookies", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_EXACT, "accept", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_EXACT, "accept all", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_EXACT, "decline", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_EXACT, "accepter", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_EXACT, "tout accepter", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_EXACT, "refuser", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_EXACT, "got it", CLIP_DROP, ANY, "all", "cookie banner"},
    {CLIP_EXACT, "cookie settings", CLIP_DROP, ANY, "all", "cookie banner"},
    /* navigation menus: only above the article, where a lone "Services" is a menu */
    {CLIP_EXACT, "menu", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "open menu", CLIP_DROP, HEAD, "Squarespace", "menu"},
    {CLIP_EXACT, "close menu", CLIP_DROP, HEAD, "Squarespace", "menu"},
    {CLIP_EXACT, "open menu close menu", CLIP_DROP, HEAD, "Squarespace", "menu"},
    {CLIP_EXACT, "home", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "about", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "about us", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "services", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "our services", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "team", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "our team", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "blog", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "faq", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "contact", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "contact us", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "book now", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "book online", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "book an appointment", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "cart", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "search", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "log in", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "sign in", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "more", CLIP_DROP, HEAD, "Wix", "menu"},
    {CLIP_EXACT, "accueil", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "à propos", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "équipe", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "notre équipe", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "nos services", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "nous joindre", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "contactez-nous", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "réserver", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "réserver en ligne", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "prendre rendez-vous", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "rendez-vous", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "panier", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "rechercher", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "se connecter", CLIP_DROP, HEAD, "all", "menu"},
    {CLIP_EXACT, "plus", CLIP_DROP, HEAD, "Wix", "menu"},
};

/* Counter words after a number, longest first where one is a prefix of
 * another ("comments" before "comment"). */
typedef struct counter_word {
	const char *word; /* folded */
	const char *key;  /* folio_doc_set_extra key */
} counter_word;

static const counter_word counter_words[] = {
    {"views", "views"},
    {"view", "views"},
    {"vues", "views"},
    {"vue", "views"},
    {"comments", "comments"},
    {"comment", "comments"},
    {"commentaires", "comments"},
    {"commentaire", "comments"},
    {"likes", "likes"},
    {"like", "likes"},
    {"j'aime", "likes"},
    {"shares", "shares"},
    {"share", "shares"},
    {"partages", "shares"},
    {"partage", "shares"},
    {"followers", "followers"},
    {"abonnés", "followers"},
    {"claps", "likes"},
    {"minutes read", "reading-time-minutes"},
    {"minute read", "reading-time-minutes"},
    {"mins read", "reading-time-minutes"},
    {"min read", "reading-time-minutes"},
    {"minutes de lecture", "reading-time-minutes"},
    {"minute de lecture", "reading-time-minutes"},
    {"min de lecture", "reading-time-minutes"},
    {"min. de lecture", "reading-time-minutes"},
};

/* Labels before an author's name (raw text, compared case-insensitively for
 * ASCII; the glued Wix label is matched as is). */
static const char *const byline_labels[] = {
    "Writer's picture",
    "Writer’s picture",
    "Photo du rédacteur",
    "Photo de l'auteur",
    "Photo de l’auteur",
    "Written by ",
    "Posted by ",
    "Published by ",
    "Author: ",
    "Écrit par ",
    "Rédigé par ",
    "Publié par ",
    "Auteur : ",
    "Auteure : ",
    "Auteur: ",
    "By: ",
    "By : ",
    "Article by ",
    "Par : ",
    "By ",
    "Par ",
};

typedef struct date_label {
	const char *label;
	int updated;
} date_label;

static const date_label date_labels[] = {
    {"Updated: ", 1},     {"Updated on ", 1},  {"Last updated: ", 1}, {"Updated ", 1},
    {"Last modified on ", 1}, {"Last modified: ", 1},
    {"Mis à jour : ", 1}, {"Mis à jour: ", 1}, {"Mis à jour le ", 1}, {"Mise à jour : ", 1},
    {"Posted on ", 0},    {"Posted: ", 0},     {"Published on ", 0},  {"Published: ", 0},
    {"Published ", 0},    {"Publié le ", 0},   {"Publié : ", 0},      {"Posted ", 0},
    {"Date: ", 0},        {"Date : ", 0},
};

/* ---- folding ------------------------------------------------------------ */

size_t clip_skip_bullet(const char *s, size_t len)
{
	static const char *const bullets[] = {"•", "-", "*", "–", "·", "▪"};
	for (size_t i = 0; i < sizeof(bullets) / sizeof(bullets[0]); i++) {
		size_t b = strlen(bullets[i]);
		if (len > b && memcmp(s, bullets[i], b) == 0 && s[b] == ' ')
			return b + 1;
	}
	return 0;
}

size_t clip_fold(const char *s, size_t len, char *out, size_t n)
{
	size_t skip = clip_skip_bullet(s, len);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s + skip;
	utf8proc_ssize_t left = (utf8proc_ssize_t)(len - skip);
	size_t k = 0;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t used = utf8proc_iterate(p, left, &cp);
		if (used <= 0)
			return (size_t)-1;
		p += used;
		left -= used;
		if (cp == 0x2019 || cp == 0x2018)
			cp = '\'';
		else if (cp == 0x2026) /* the one-character ellipsis as three dots */
			cp = '.';
		cp = utf8proc_tolower(cp);
		if (k + 4 >= n)
			return (size_t)-1;
		k += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + k);
	}
	out[k] = '\0';
	return k;
}

/* ---- matching ------------------------------------------------------------ */

/* '*' any run, '#' one or more digits, '\\' makes the next character
 * literal; iterative with one backtrack point for '*' (O(len * pattern) at
 * worst, and lines here are short). */
static int glob_match(const char *pat, const char *s, const char *end)
{
	const char *star_p = NULL, *star_s = NULL;
	while (s < end || *pat) {
		if (*pat == '*') {
			star_p = ++pat;
			star_s = s;
			continue;
		}
		if (*pat == '#' && s < end && isdigit((unsigned char)*s)) {
			while (s < end && isdigit((unsigned char)*s))
				s++;
			pat++;
			continue;
		}
		if (*pat == '\\' && pat[1] && s < end && pat[1] == *s) {
			pat += 2;
			s++;
			continue;
		}
		if (*pat && *pat != '\\' && s < end && *pat == *s) {
			pat++;
			s++;
			continue;
		}
		if (star_p == NULL || star_s >= end)
			return 0;
		pat = star_p;
		s = ++star_s;
	}
	return 1;
}

/* A short line holding pattern p where a word starts. */
static int short_has(const char *p, size_t plen, const char *f, size_t len)
{
	size_t words = 0;
	for (size_t i = 0; i < len; i++)
		words += f[i] != ' ' && (i == 0 || f[i - 1] == ' ');
	if (words > CLIP_SHORT_WORDS || plen > len)
		return 0;
	for (size_t i = 0; i + plen <= len; i++) {
		unsigned char before = i > 0 ? (unsigned char)f[i - 1] : ' ';
		if ((isalnum(before) || before >= 0x80) || memcmp(f + i, p, plen) != 0)
			continue;
		return 1;
	}
	return 0;
}

static int rule_matches(const clip_rule *r, const char *f, size_t len)
{
	size_t plen = strlen(r->pattern);
	switch (r->match) {
	case CLIP_EXACT:
		return plen == len && memcmp(r->pattern, f, len) == 0;
	case CLIP_PREFIX:
		return len >= plen && memcmp(r->pattern, f, plen) == 0;
	case CLIP_GLOB:
		return glob_match(r->pattern, f, f + len);
	case CLIP_SHORT:
		return short_has(r->pattern, plen, f, len);
	}
	return 0;
}

const clip_rule *clip_match_rule(const char *f, size_t len)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rule_matches(&rules[i], f, len))
			return &rules[i];
	return NULL;
}

/* ---- counters ------------------------------------------------------------ */

static size_t counter_word_at(const char *f, size_t left, const char **key)
{
	for (size_t i = 0; i < sizeof(counter_words) / sizeof(counter_words[0]); i++) {
		size_t w = strlen(counter_words[i].word);
		if (w > left || memcmp(f, counter_words[i].word, w) != 0)
			continue;
		/* The word must end here: at the end, a blank, a digit (Wix glues
		 * "views0 comments") or a separator. */
		unsigned char next = w < left ? (unsigned char)f[w] : ' ';
		if (isalpha(next) || next >= 0x80)
			continue;
		*key = counter_words[i].key;
		return w;
	}
	return 0;
}

static size_t skip_separators(const char *f, size_t i, size_t len)
{
	for (;;) {
		if (i < len && (f[i] == ' ' || f[i] == '|' || f[i] == ',' || f[i] == ':')) {
			i++;
		} else if (i + 1 < len && memcmp(f + i, "·", 2) == 0) {
			i += 2;
		} else if (i + 2 < len && memcmp(f + i, "•", 3) == 0) {
			i += 3;
		} else {
			return i;
		}
	}
}

/* A thousands separator inside a number: "1,234" or "1 234" (French; NBSP
 * is already a space here): the separator, then exactly three digits. */
static int thousands_gap(const char *f, size_t i, size_t len)
{
	if ((f[i] != ',' && f[i] != ' ') || i == 0 || !isdigit((unsigned char)f[i - 1]))
		return 0;
	for (size_t k = 1; k <= 3; k++)
		if (i + k >= len || !isdigit((unsigned char)f[i + k]))
			return 0;
	return i + 4 >= len || !isdigit((unsigned char)f[i + 4]);
}

/* "Reading time: 3 mins read", "Estimated reading time: 6 minutes", "Temps
 * de lecture : 4 min": a labelled reading time, the number and a unit after
 * the label. Returns 1 (and records it) when folded line f is one. */
static int labelled_reading_time(const char *f, size_t len, clip_record_fn record, void *ctx)
{
	static const char *const labels[] = {"estimated reading time", "reading time", "read time",
	                                     "temps de lecture"};
	static const char *const units[] = {"minutes read", "minute read", "mins read",
	                                    "min read",     "minutes",     "minute",
	                                    "mins",         "min.",        "min"};
	size_t i = 0;
	for (size_t k = 0; i == 0 && k < sizeof(labels) / sizeof(labels[0]); k++)
		if (len > strlen(labels[k]) && memcmp(f, labels[k], strlen(labels[k])) == 0)
			i = strlen(labels[k]);
	if (i == 0)
		return 0;
	i = skip_separators(f, i, len);
	char num[8];
	size_t k = 0;
	while (i < len && isdigit((unsigned char)f[i]) && k + 1 < sizeof(num))
		num[k++] = f[i++];
	num[k] = '\0';
	while (i < len && f[i] == ' ')
		i++;
	if (k == 0)
		return 0;
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++)
		if (len - i == strlen(units[u]) && memcmp(f + i, units[u], len - i) == 0) {
			if (record != NULL)
				record(ctx, "reading-time-minutes", num);
			return 1;
		}
	return 0;
}

int clip_parse_counters(const char *f, size_t len, clip_record_fn record, void *ctx)
{
	if (labelled_reading_time(f, len, record, ctx))
		return 1;
	/* Two passes: check the whole line first, so that nothing is recorded
	 * from a line that turns out to be prose ("3 views of the knee"). */
	for (int pass = 0; pass < 2; pass++) {
		size_t i = skip_separators(f, 0, len);
		int count = 0;
		while (i < len) {
			char num[24];
			size_t k = 0;
			while (i < len &&
			       (isdigit((unsigned char)f[i]) || thousands_gap(f, i, len))) {
				if (isdigit((unsigned char)f[i]) && k + 1 < sizeof(num))
					num[k++] = f[i];
				i++;
			}
			num[k] = '\0';
			/* "No comments", "Aucun commentaire": a zero in words. */
			static const char *const zeros[] = {"no ", "aucun ", "aucune "};
			for (size_t z = 0; k == 0 && z < sizeof(zeros) / sizeof(zeros[0]); z++)
				if (len - i > strlen(zeros[z]) &&
				    memcmp(f + i, zeros[z], strlen(zeros[z])) == 0) {
					i += strlen(zeros[z]);
					num[k++] = '0';
					num[k] = '\0';
				}
			if (k == 0)
				return 0;
			while (i < len && f[i] == ' ')
				i++;
			const char *key = NULL;
			size_t w = counter_word_at(f + i, len - i, &key);
			if (w == 0)
				return 0;
			i = skip_separators(f, i + w, len);
			if (pass == 1 && record != NULL && record(ctx, key, num) != 0)
				return 0;
			count++;
		}
		if (count == 0)
			return 0;
	}
	return 1;
}

/* ---- labels ---------------------------------------------------------------- */

static int starts_with_ci(const char *s, size_t len, const char *label)
{
	size_t n = strlen(label);
	if (n > len)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)label[i]))
			return 0;
	return 1;
}

size_t clip_byline_label(const char *s, size_t len)
{
	size_t skip = clip_skip_bullet(s, len);
	for (size_t i = 0; i < sizeof(byline_labels) / sizeof(byline_labels[0]); i++) {
		size_t n = strlen(byline_labels[i]);
		if (starts_with_ci(s + skip, len - skip, byline_labels[i]))
			return skip + n;
		/* The label alone on its line ("By", then the name below). */
		if (byline_labels[i][n - 1] == ' ' && len - skip == n - 1 &&
		    clip_find_word(s + skip, n - 1, byline_labels[i]) == (size_t)-1) {
			size_t k = 0;
			while (k < n - 1 && tolower((unsigned char)s[skip + k]) ==
			                        tolower((unsigned char)byline_labels[i][k]))
				k++;
			if (k == n - 1)
				return len;
		}
	}
	/* "ByJ.R. Stone": the label glued to the name. */
	if (len - skip > 3 && memcmp(s + skip, "By", 2) == 0 && isupper((unsigned char)s[skip + 2]))
		return skip + 2;
	return 0;
}

size_t clip_date_label(const char *s, size_t len, int *updated)
{
	*updated = 0;
	for (size_t i = 0; i < sizeof(date_labels) / sizeof(date_labels[0]); i++)
		if (starts_with_ci(s, len, date_labels[i].label)) {
			*updated = date_labels[i].updated;
			return strlen(date_labels[i].label);
		}
	return 0;
}

size_t clip_find_word(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (starts_with_ci(s + i, len - i, needle))
			return i;
	return (size_t)-1;
}

/* ---- dates ------------------------------------------------------------------ */

/* dd/dd/dddd (or with '.' or '-'): both small numbers, so the order is ours to
 * choose. Returns 1 and rewrites it as YYYY-MM-DD into out. */
static int slash_date(const char *s, size_t len, int day_first, char out[11])
{
	int v[3] = {0, 0, 0};
	size_t digits[3] = {0, 0, 0};
	size_t part = 0;
	for (size_t i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (++digits[part] > 4)
				return 0;
			v[part] = v[part] * 10 + (s[i] - '0');
		} else if ((s[i] == '/' || s[i] == '.' || s[i] == '-') && part < 2 &&
		           digits[part]) {
			part++;
		} else {
			return 0;
		}
	}
	/* "11/08/23": a two-digit year, with slashes only (dots and dashes
	 * so short are as often versions or scores) */
	int short_year = digits[2] == 2 && memchr(s, '/', len) != NULL;
	if (part != 2 || digits[0] > 2 || digits[1] > 2 || (digits[2] != 4 && !short_year))
		return 0;
	if (short_year)
		v[2] += v[2] < 70 ? 2000 : 1900;
	int day = day_first ? v[0] : v[1];
	int month = day_first ? v[1] : v[0];
	if (v[0] > 12 || v[1] > 12) { /* unambiguous: let the common parser decide */
		day = v[0] > 12 ? v[0] : v[1];
		month = v[0] > 12 ? v[1] : v[0];
	}
	if (month < 1 || month > 12 || day < 1 || day > 31)
		return 0;
	char iso[16];
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", v[2], month, day);
	const char *why = NULL;
	return folio_date_normalize(iso, out, 11, &why);
}

int clip_parse_date(const char *s, size_t len, int day_first, char out[11])
{
	if (len == 0 || len > 60)
		return 0;
	char buf[64];
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* A trailing separator ("Mar 5, 2021 ·") is not part of the date. */
	while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '.' || buf[len - 1] == ','))
		buf[--len] = '\0';
	if (slash_date(buf, len, day_first, out))
		return 1;
	/* The common parser wants at least a year, a month and a day; refuse
	 * bare numbers it would not ("2021" alone is a year, not a date). */
	const char *why = NULL;
	return folio_date_normalize(buf, out, 11, &why);
}

/* A separator between words in clip_find_date: a blank, or '/', '|', '@',
 * '(', ')' with a letter or a blank beside it ("Lee/June 12", "(0410 HKT)"),
 * so that "05/03/2021" stays one word. */
static int date_gap(const char *s, size_t len, size_t i)
{
	unsigned char ch = (unsigned char)s[i];
	if (ch == ' ')
		return 1;
	if (strchr("/|@()", ch) == NULL || ch == '\0')
		return 0;
	unsigned char before = i > 0 ? (unsigned char)s[i - 1] : ' ';
	unsigned char after = i + 1 < len ? (unsigned char)s[i + 1] : ' ';
	return !isdigit(before) || !isdigit(after);
}

int clip_find_date(const char *s, size_t len, int day_first, char out[11], size_t *at, size_t *dlen)
{
	enum { MAX_WORDS = 40, SPAN = 6 };
	size_t start[MAX_WORDS], end[MAX_WORDS], n = 0, i = 0;
	if (len > 200)
		return 0;
	while (i < len && n < MAX_WORDS) {
		while (i < len && date_gap(s, len, i))
			i++;
		if (i == len)
			break;
		start[n] = i;
		while (i < len && !date_gap(s, len, i))
			i++;
		end[n++] = i;
	}
	for (size_t w = 0; w < n; w++)
		for (size_t k = n - w < SPAN ? n - w : SPAN; k >= 1; k--) {
			size_t a = start[w], b = end[w + k - 1];
			while (b > a && (s[b - 1] == ':' || s[b - 1] == ';'))
				b--; /* "February 1, 2016: 12:41 PM" */
			if (!clip_parse_date(s + a, b - a, day_first, out))
				continue;
			if (at)
				*at = a;
			if (dlen)
				*dlen = b - a;
			return 1;
		}
	return 0;
}
