/*
 * extract/html.c - the article in an HTML page: which element holds the
 * body, its text as a reader sees it, and the page's metadata.
 *
 * Order of trust for the body: microdata itemprop="articleBody", JSON-LD
 * articleBody, Arc/Fusion's Fusion.globalContent object, known Korean
 * containers, then a Readability-style score: the best candidate, moved
 * up to a parent that holds more of the article, with the siblings that
 * score or read like paragraphs.  Every walk over the DOM is
 * iterative (parent/next pointers), so a page nested a million deep
 * cannot exhaust the stack.
 */
#include "extract/article.h"
#include "extract/prune.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "base/url.h"
#include "base/utf8.h"
#include "base/banned.h"

/* A body shorter than this (bytes of cleaned text) lets the next source
 * try; the longest attempt still wins if none reaches it. */
#define BODY_MIN_BYTES 200

/* Below this many bytes of text, score again without the class rules
 * (Readability's DEFAULT_CHAR_THRESHOLD is 500 characters). */
#define RETRY_BELOW_BYTES 500

static bool
name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       (n->name[0] | 0x20) == (name[0] | 0x20) &&
	       xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static bool
name_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (name_is(n, *names))
			return true;
	return false;
}

/* An attribute's value, borrowed from the DOM (NULL when absent).  Only
 * attributes prune.c keeps reach the DOM: a new name goes into its list. */
static const char *
attr(const xmlNode *n, const char *name)
{
	assert(nf_prune_keeps_attr(name, strlen(name)));
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name && (a->name[0] | 0x20) == (name[0] | 0x20) &&
		    xmlStrcasecmp(a->name, (const xmlChar *)name) == 0)
			return a->children && a->children->content
				   ? (const char *)a->children->content
				   : "";
	}
	return NULL;
}

static bool
attr_eq(const xmlNode *n, const char *name, const char *value)
{
	const char *v = attr(n, name);

	return v && strcasecmp(v, value) == 0;
}

/* True if the whitespace-separated list `list` holds `token`. */
static bool
has_token(const char *list, const char *token)
{
	size_t k = strlen(token);

	if (!list)
		return false;
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *e = p;

		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		if ((size_t)(e - p) == k && strncasecmp(p, token, k) == 0)
			return true;
		p = e;
	}
	return false;
}

/* Next node in document order, not leaving `top`; skips n's children
 * when `descend` is false. */
static xmlNode *
next_node(xmlNode *n, const xmlNode *top, bool descend)
{
	if (descend && n->children)
		return n->children;
	while (n && n != top) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Is the whole visible text of link n "기사원문" (maybe bracketed)? */
static bool
link_says_origin(const xmlNode *n)
{
	char buf[64];
	size_t k = 0;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_TEXT_NODE || !c->content)
			continue;
		for (const char *p = (const char *)c->content; *p; p++) {
			if (*p == ' ' || *p == '\n' || *p == '\t' ||
			    *p == '\r' || *p == '[' || *p == ']')
				continue;
			if (k + 1 >= sizeof(buf))
				return false;
			buf[k++] = *p;
		}
	}
	buf[k] = '\0';
	return strcmp(buf, "기사원문") == 0;
}

/* The first element named `name` in document order, or NULL. */
static xmlNode *
first_element(xmlNode *root, const char *name)
{
	for (xmlNode *n = root; n; n = next_node(n, NULL, true))
		if (n->type == XML_ELEMENT_NODE && name_is(n, name))
			return n;
	return NULL;
}

static bool
is_heading(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       (n->name[0] | 0x20) == 'h' && n->name[1] >= '1' &&
	       n->name[1] <= '6' && n->name[2] == '\0';
}

/* ---- what to skip ---------------------------------------------------- */

static const char *const skip_tags[] = {
    "script",	"style",    "noscript", "iframe", "form",   "button",
    "nav",	"aside",    "footer",	"header", "select", "input",
    "textarea", "svg",	    "canvas",	"video",  "audio",  "object",
    "embed",	"template", "head",	"title",  "meta",   "link",
    "map",	"label",    "ins",	"source", NULL,
};

static const char *const block_tags[] = {
    "p",	  "div",    "h1",     "h2",   "h3",	 "h4",	    "h5",
    "h6",	  "li",	    "ul",     "ol",   "dl",	 "dt",	    "dd",
    "blockquote", "pre",    "table",  "tr",   "section", "article", "hr",
    "address",	  "center", "figure", "main", "tbody",	 "thead",   "tfoot",
    "caption",	  "td",	    "th",     NULL,
};

/* Words of class/id values that mark boilerplate. */
static const char *const junk_words[] = {
    "ad",	"ads",	      "adv",	      "advert",	    "banner",
    "share",	"sns",	      "social",	      "comment",    "comments",
    "cmt",	"reply",      "subscribe",    "copyright",  "copyrights",
    "reporter", "byline",     "related",      "relation",   "recommend",
    "popular",	"ranking",    "rank",	      "hide",	    "hidden",
    "blind",	"ir",	      "sr-only",      "screen_out", "hashtag",
    "tag",	"tags",	      "sidebar",      "breadcrumb", "breadcrumbs",
    "widget",	"dable",      "sponsor",      "promo",	    "popup",
    "layer",	"modal",      "toolbar",      "util",	    "btn",
    "print",	"journalist", "author",	      "keyword",    "keywords",
    "navi",	"gnb",	      "lnb",	      "menu",	    "footer",
    "header",	"aside",      "more",	      "link",	    "links",
    "vod",	"player",     "subscription", "newsletter", "font",
    "date",	"info",	      "source",	      NULL,
};

/* Substrings of class/id values that mark boilerplate. */
static const char *const junk_parts[] = {
    "advert",	   "banner",	  "relat",    "recommend",  "comment",
    "copyright",   "subscribe",	  "reporter", "byline",	    "sponsor",
    "dablewidget", "adsbygoogle", "social",   "share",	    "popular",
    "most_view",   "mostview",	  "hotnews",  "journalist", "newsletter",
    NULL,
};

/* Class/id substrings that mark a photo caption, or a box that holds
 * only a photo and its caption ("articlePhotoR": <img> and <span>). */
static const char *const caption_parts[] = {
    "caption",	   "img_desc",	 "imgdesc",    "photo_desc",
    "aboutphoto",  "photo_txt",	 "phototxt",   "pic_txt",
    "img_txt",	   "photo_tit",	 "figcaption", "photo-caption",
    "txt_caption", "desc_photo", "photodesc",  "articlephoto",
    NULL,
};

/* Class/id words that mark the body, for the fallback scorer. */
static const char *const good_parts[] = {
    "article", "body",	"content", "entry", "main",   "post",
    "text",    "story", "news",	   "view",  "detail", NULL,
};

static const char *const bad_parts[] = {
    "comment", "footer", "related",   "share",	   "sidebar", "widget",
    "banner",  "ad_",	 "_ad",	      "menu",	   "nav",     "rank",
    "popular", "sns",	 "recommend", "copyright", "header",  NULL,
};

/* Case-insensitive substring test; the first-byte filter (OR 0x20 folds
 * ASCII case) keeps strncasecmp off most positions. */
static bool
contains_ci(const char *s, const char *needle)
{
	size_t k = strlen(needle);
	char first = (char)(needle[0] | 0x20);

	for (; s && *s; s++)
		if ((char)(*s | 0x20) == first &&
		    strncasecmp(s, needle, k) == 0)
			return true;
	return false;
}

/* ASCII lower case of s (as strncasecmp folds) into buf, or a heap copy
 * when it does not fit; returns the copy. */
static char *
lower_copy(char *buf, size_t size, const char *s)
{
	size_t n = strlen(s);
	char *out = n < size ? buf : nf_xmalloc(n + 1);

	for (size_t i = 0; i <= n; i++)
		out[i] =
		    (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]);
	return out;
}

/* Any of `parts` (lower case, as every list here is) in s, ASCII case
 * folded.  s is folded once and searched with strstr: this runs on the
 * class and id of every element. */
static bool
any_part(const char *s, const char *const *parts)
{
	char buf[256], *low;
	bool found = false;

	if (!s || !*s)
		return false;
	low = lower_copy(buf, sizeof(buf), s);
	for (; !found && *parts; parts++)
		found = strstr(low, *parts) != NULL;
	if (low != buf)
		free(low);
	return found;
}

/* Any word of a class/id value (split on non-alphanumerics) in `words`. */
static bool
any_word(const char *s, const char *const *words)
{
	char w[64];

	while (s && *s) {
		size_t k = 0;

		while (*s &&
		       !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			 (*s >= '0' && *s <= '9')))
			s++;
		while (*s &&
		       ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			(*s >= '0' && *s <= '9') || *s == '-')) {
			if (k + 1 < sizeof(w))
				w[k++] = *s;
			s++;
		}
		w[k] = '\0';
		if (!k)
			continue;
		for (const char *const *p = words; *p; p++)
			if (((*p)[0] | 0x20) == (w[0] | 0x20) &&
			    strcasecmp(w, *p) == 0)
				return true;
	}
	return false;
}

static bool
is_hidden(const xmlNode *n)
{
	const char *style = attr(n, "style");

	if (attr(n, "hidden") || attr_eq(n, "aria-hidden", "true"))
		return true;
	if (style) {
		char compact[256];
		size_t k = 0;

		for (const char *p = style; *p && k + 1 < sizeof(compact); p++)
			if (*p != ' ' && *p != '\t' && *p != '\n')
				compact[k++] = *p;
		compact[k] = '\0';
		if (contains_ci(compact, "display:none") ||
		    contains_ci(compact, "visibility:hidden"))
			return true;
	}
	return false;
}

/* Class/id words that keep an element whose other words look like
 * boilerplate ("widget Blog post-body", "entry-content sidebar-left"),
 * as Readability's okMaybeItsACandidate does. */
static const char *const maybe_words[] = {
    "article",
    "articlebody",
    "article-body",
    "article_body",
    "body",
    "content",
    "entry-content",
    "post-content",
    "post-body",
    "entry",
    "main",
    "story",
    "story-body",
    "post-entry",
    "inner-post-entry",
    "article-content",
    "article_content",
    "post",
    NULL,
};

/* NODE_JUNK: skipped for its class or id words only. */
enum node_kind { NODE_KEEP, NODE_SKIP, NODE_JUNK, NODE_CAPTION };

/*
 * What an element is to the renderer and the scorer.  Class and id words
 * mark boilerplate, except on <html> and <body> (WordPress themes put
 * "no_sidebar_border" or "html_header_top" there) and where a word such
 * as "entry-content" says it holds the article.  `relaxed` turns the
 * class rules off, for the retry on pages where they left too little.
 */
static enum node_kind
node_kind_of(const xmlNode *n, bool relaxed)
{
	const char *cls, *id;

	if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
		return NODE_SKIP;
	if (n->type != XML_ELEMENT_NODE)
		return NODE_KEEP;
	if (name_in(n, skip_tags) || is_hidden(n))
		return NODE_SKIP;
	if (name_is(n, "figcaption"))
		return NODE_CAPTION;
	if (name_is(n, "html") || name_is(n, "body"))
		return NODE_KEEP;
	cls = attr(n, "class");
	id = attr(n, "id");
	if (!cls && !id)
		return NODE_KEEP;
	if (any_part(cls, caption_parts) || any_part(id, caption_parts))
		return NODE_CAPTION;
	if (relaxed)
		return NODE_KEEP;
	if (any_part(cls, junk_parts) || any_part(id, junk_parts))
		return NODE_JUNK;
	if ((any_word(cls, junk_words) || any_word(id, junk_words)) &&
	    !any_word(cls, maybe_words) && !any_word(id, maybe_words))
		return NODE_JUNK;
	return NODE_KEEP;
}

/*
 * node_kind_of() is a function of the element's name and attributes alone,
 * and the scorer's passes and the renders ask it of the same elements many
 * times: the answer is kept in the node's psvi field (schema data, which
 * the HTML parser never sets), four bits per mode, bit 3 meaning "known".
 */
static enum node_kind
node_kind_ex(const xmlNode *n, bool relaxed)
{
	unsigned shift = relaxed ? 4 : 0;
	uintptr_t memo;
	enum node_kind k;

	if (n->type != XML_ELEMENT_NODE)
		return node_kind_of(n, relaxed);
	memo = (uintptr_t)n->psvi;
	if ((memo >> shift) & 8)
		return (enum node_kind)((memo >> shift) & 7);
	k = node_kind_of(n, relaxed);
	((xmlNode *)n)->psvi = (void *)(memo | ((uintptr_t)(8 | k) << shift));
	return k;
}

static enum node_kind
node_kind(const xmlNode *n)
{
	return node_kind_ex(n, false);
}

/* ---- rendering ------------------------------------------------------- */

/*
 * A data table keeps rows as lines and cells joined by " | "; a layout
 * table (nested tables, long cells, paragraphs) is just blocks.
 */
static bool
is_data_table(xmlNode *table)
{
	size_t cell_text = 0;
	int cells = 0;

	for (xmlNode *n = table->children; n; n = next_node(n, table, true)) {
		if (n->type == XML_ELEMENT_NODE &&
		    (name_is(n, "table") || name_is(n, "p") ||
		     name_is(n, "div") || name_is(n, "br")))
			return false;
		if (name_is(n, "td") || name_is(n, "th")) {
			cells++;
			cell_text = 0;
		}
		if (n->type == XML_TEXT_NODE && n->content) {
			cell_text += strlen((const char *)n->content);
			if (cell_text > 300)
				return false;
		}
	}
	return cells >= 2;
}

struct score;

struct render {
	struct nf_buf *out;
	struct nf_strv *captions; /* NULL inside a caption */
	int data_table;		  /* depth inside data tables */
	int cells;		  /* cells so far in the current row */
	size_t big; /* when nonzero, an element with class junk words but at
		       least this many bytes of text is kept (the relaxed
		       retry; needs the scorer's counts in _private) */
	bool prune; /* drop link lists (needs the scorer's counts) */
};

static size_t score_text(const xmlNode *n);
static bool is_link_list(const xmlNode *n);

static void
render_text(struct render *r, const char *s)
{
	for (; *s; s++) {
		char c = *s;

		if (c == '\n' || c == '\r' || c == '\t' || c == '\v' ||
		    c == '\f')
			c = ' ';
		nf_buf_append_char(r->out, c);
	}
}

static void render_subtree(struct render *r, xmlNode *top);

static void
render_caption(struct render *r, xmlNode *n)
{
	struct nf_buf buf = NF_BUF_INIT(0);
	struct nf_buf norm = NF_BUF_INIT(0);
	struct render sub = {&buf, NULL, 0, 0, 0, false};

	render_subtree(&sub, n);
	if (nf_article_normalize(&norm, buf.data ? buf.data : "", buf.len) ==
		NF_OK &&
	    norm.len) {
		for (size_t i = 0; i < norm.len; i++)
			if (norm.data[i] == '\n' || norm.data[i] == '\v')
				norm.data[i] = ' ';
		char *c = nf_buf_detach(&norm);

		if (nf_strv_contains(r->captions, c))
			free(c);
		else
			nf_strv_push(r->captions, c);
	}
	nf_buf_release(&buf);
	nf_buf_release(&norm);
}

/* Called on entering an element; returns whether to walk its children. */
static bool
render_enter(struct render *r, xmlNode *n)
{
	switch (node_kind(n)) {
	case NODE_SKIP:
		return false;
	case NODE_JUNK:
		if (!r->big || score_text(n) < r->big)
			return false;
		break;
	case NODE_CAPTION:
		if (r->captions)
			render_caption(r, n);
		return false;
	case NODE_KEEP:
		break;
	}
	if (r->prune && is_link_list(n))
		return false;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			render_text(r, (const char *)n->content);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (name_is(n, "br")) {
		nf_buf_append_char(r->out, r->data_table ? ' ' : '\n');
		return false;
	}
	if (name_is(n, "img")) {
		return false;
	}
	if (name_is(n, "table") && (r->data_table || is_data_table(n))) {
		r->data_table++;
		nf_buf_append_char(r->out, '\n');
		return true;
	}
	if (r->data_table && name_is(n, "tr")) {
		r->cells = 0;
		return true;
	}
	if (r->data_table && !name_is(n, "td") && !name_is(n, "th"))
		return true; /* thead, tbody, caption: no breaks inside */
	if (r->data_table && (name_is(n, "td") || name_is(n, "th"))) {
		if (r->cells++)
			nf_buf_append(r->out, " | ", 3);
		return true;
	}
	if (name_in(n, block_tags))
		nf_buf_append_char(r->out, '\n');
	return true;
}

static void
render_leave(struct render *r, xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (r->data_table && name_is(n, "table")) {
		r->data_table--;
		nf_buf_append_char(r->out, '\n');
		return;
	}
	if (r->data_table && name_is(n, "tr")) {
		nf_buf_append_char(r->out, '\v');
		return;
	}
	if (r->data_table)
		return;
	if (name_in(n, block_tags))
		nf_buf_append_char(r->out, '\n');
}

/* Render the children of `top` (not top itself). */
static void
render_subtree(struct render *r, xmlNode *top)
{
	xmlNode *n = top->children;

	while (n) {
		bool descend = render_enter(r, n);

		if (descend && n->children) {
			n = n->children;
			continue;
		}
		if (descend)
			render_leave(r, n);
		while (n && n != top) {
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == top)
				n = NULL;
			else
				render_leave(r, n);
		}
	}
	nf_buf_terminate(r->out);
}

/*
 * A rendered table row ends in '\v'; the cleaner turns those into line
 * breaks inside one paragraph.  A '\v' right before '\n' ends the table.
 */
static void
fix_row_breaks(struct nf_buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] == '\v' &&
		    (i + 1 == b->len || b->data[i + 1] == '\n' ||
		     b->data[i + 1] == '\v'))
			b->data[i] = i + 1 < b->len && b->data[i + 1] == '\v'
					 ? '\v'
					 : '\n';
}

/* ---- body candidates ------------------------------------------------- */

struct attempt {
	struct nf_article art;
	struct nf_article_byline found;
};

static void
attempt_release(struct attempt *t)
{
	nf_article_release(&t->art);
	nf_article_byline_release(&t->found);
}

/* Clean raw text into `t`; true when it is long enough to stop looking. */
static bool
attempt_text(struct attempt *t, const char *raw, size_t len)
{
	nf_article_init(&t->art);
	memset(&t->found, 0, sizeof(t->found));
	if (nf_article_clean(&t->art, &t->found, raw, len) != NF_OK)
		return false;
	return t->art.text.len >= BODY_MIN_BYTES;
}

/*
 * The body as the scorer found it: the top candidate and the siblings
 * merged with it (Readability's sibling step), in document order.
 */
struct pick {
	xmlNode *top;
	xmlNode **parts; /* malloc'd; top is one of them */
	size_t nparts;
};

static void
pick_release(struct pick *pk)
{
	free(pk->parts);
	memset(pk, 0, sizeof(*pk));
}

/* Render the parts of a pick: the top's children, and each merged
 * sibling whole (so a boilerplate sibling is still skipped). */
static bool
attempt_parts(struct attempt *t, xmlNode *const *parts, size_t nparts,
	      const xmlNode *top, size_t big, bool prune)
{
	struct nf_buf raw = NF_BUF_INIT(0);
	struct render r = {&raw, NULL, 0, 0, big, prune};
	bool ok;

	nf_article_init(&t->art);
	memset(&t->found, 0, sizeof(t->found));
	r.captions = &t->art.captions;
	for (size_t i = 0; i < nparts; i++) {
		if (parts[i] == top) {
			nf_buf_append_char(&raw, '\n');
			render_subtree(&r, parts[i]);
			nf_buf_append_char(&raw, '\n');
		} else if (render_enter(&r, parts[i])) {
			render_subtree(&r, parts[i]);
			render_leave(&r, parts[i]);
		}
	}
	nf_buf_terminate(&raw);
	fix_row_breaks(&raw);
	ok = nf_article_clean(&t->art, &t->found, raw.data ? raw.data : "",
			      raw.len) == NF_OK;
	nf_buf_release(&raw);
	return ok && t->art.text.len >= BODY_MIN_BYTES;
}

static bool
attempt_node_big(struct attempt *t, xmlNode *node, size_t big)
{
	return attempt_parts(t, &node, 1, node, big, false);
}

static bool
attempt_node(struct attempt *t, xmlNode *node)
{
	return attempt_node_big(t, node, 0);
}

static bool
attempt_pick(struct attempt *t, const struct pick *pk, size_t big)
{
	return attempt_parts(t, pk->parts, pk->nparts, pk->top, big, true);
}

/* ---- page facts collected in one walk -------------------------------- */

struct page {
	xmlDoc *doc;
	xmlNode *root;
	xmlNode *itemprop_body;
	xmlNode *known[16]; /* known containers, by priority */
	xmlNode *fusion_script;
	xmlNode *h1[4]; /* the first <h1> elements, NULL-padded */
	const char *title;
	const char *lang;
	const char *canonical;
	const char *data_date, *data_modify;
	/* itemprop dates on visible elements, and <time datetime> */
	const char *item_published, *item_modified, *time_pubdate,
	    *time_in_article;
	const char *naver_press; /* press logo alt on Naver */
	const char *origin_href; /* a portal's 기사원문 link, as written */
	xmlNode *author_el; /* first [itemprop~=author] or a[rel~=author] */
	xmlNode *scope;	    /* the one microdata Article element, if one */
	size_t nscopes;
	/* meta tags by key; borrowed from the DOM */
	struct {
		const char *key, *value;
		size_t key_len; /* a key is one word of the attribute */
	} meta[128];
	size_t nmeta;
	/* JSON-LD facts, owned */
	char *ld_headline, *ld_name, *ld_body, *ld_publisher, *ld_published,
	    *ld_modified, *ld_section;
	struct nf_strv ld_authors;
	struct nf_strv bylines; /* text of visible byline elements */
};

static const char *
meta_get(const struct page *pg, const char *key)
{
	size_t k = strlen(key);

	for (size_t i = 0; i < pg->nmeta; i++)
		if (pg->meta[i].key_len == k &&
		    strncasecmp(pg->meta[i].key, key, k) == 0 &&
		    pg->meta[i].value && *pg->meta[i].value)
			return pg->meta[i].value;
	return NULL;
}

/* Known containers in order of trust; index = priority. */
static bool
token_is(const char *t, size_t k, const char *word)
{
	return strlen(word) == k && strncasecmp(t, word, k) == 0;
}

/*
 * The class words of known body containers, best first: article_view (0),
 * story-news with article (1), article_txt (2), article_body or news_body
 * (3), text_area (4); -1 for none.  One pass over the class list: this
 * runs on every element.
 */
static int
class_rank(const char *cls)
{
	bool story = false, article = false;
	int best = -1;

	for (const char *p = cls; p && *p;) {
		const char *e;
		size_t k;
		int r = -1;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		for (e = p; *e && *e != ' ' && *e != '\t' && *e != '\n'; e++)
			;
		k = (size_t)(e - p);
		if (token_is(p, k, "article_view"))
			return 0;
		if (token_is(p, k, "story-news"))
			story = true;
		else if (token_is(p, k, "article"))
			article = true;
		else if (token_is(p, k, "article_txt"))
			r = 2;
		else if (token_is(p, k, "article_body") ||
			 token_is(p, k, "news_body"))
			r = 3;
		else if (token_is(p, k, "text_area"))
			r = 4;
		if (r >= 0 && (best < 0 || r < best))
			best = r;
		p = e;
	}
	return story && article ? 1 : best;
}

static int
known_rank(const xmlNode *n)
{
	static const char *const ids[] = {
	    "dic_area",
	    "newsct_article",
	    "articleBodyContents",
	    "article-view-content-div",
	    "articleBody",
	    "article_body",
	    "cont_newstext",
	    "newsViewArea",
	    "news_body_id",
	    "articletxt",
	    "article_txt",
	    NULL,
	};
	const char *id = attr(n, "id");
	const char *cls = attr(n, "class");
	int i, k;

	/* <body id="article_body"> (WSJ) names the page, not the body. */
	if (name_is(n, "body") || name_is(n, "html"))
		return -1;
	for (i = 0; id && ids[i]; i++)
		if (strcmp(id, ids[i]) == 0)
			return i;
	k = class_rank(cls);
	return k < 0 ? -1 : i + k;
}

static char *
json_string(const cJSON *o, const char *key)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;

	if (cJSON_IsArray(v))
		v = cJSON_GetArrayItem(v, 0);
	if (cJSON_IsString(v) && v->valuestring && *v->valuestring)
		return nf_xstrdup(v->valuestring);
	if (cJSON_IsObject(v))
		return json_string(v, "name");
	return NULL;
}

static void
set_once(char **dst, char *v)
{
	if (v && !*dst)
		*dst = v;
	else
		free(v);
}

/*
 * The schema.org types that hold one article: every *Article,
 * BlogPosting and the other *Posting types (SocialMediaPosting on
 * Tumblr, DiscussionForumPosting), and Report.
 */
static bool
ld_type_is_article(const char *t)
{
	return strstr(t, "Article") || strstr(t, "Posting") ||
	       strcmp(t, "Report") == 0;
}

static bool
ld_is_article(const cJSON *o)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");

	if (cJSON_IsString(t))
		return ld_type_is_article(t->valuestring);
	if (cJSON_IsArray(t)) {
		const cJSON *e;

		cJSON_ArrayForEach(e, t)
		{
			if (cJSON_IsString(e) &&
			    ld_type_is_article(e->valuestring))
				return true;
		}
	}
	return false;
}

static void
ld_authors(struct page *pg, const cJSON *a)
{
	if (cJSON_IsString(a) && a->valuestring) {
		nf_article_add_names(&pg->ld_authors, a->valuestring,
				     strlen(a->valuestring));
	} else if (cJSON_IsObject(a)) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(a, "name");

		if (cJSON_IsString(name) && name->valuestring)
			nf_article_add_names(&pg->ld_authors, name->valuestring,
					     strlen(name->valuestring));
	} else if (cJSON_IsArray(a)) {
		const cJSON *e;

		cJSON_ArrayForEach(e, a)
		{
			ld_authors(pg, e);
		}
	}
}

/* Walk a JSON-LD value (object, array, @graph) for Article objects.  The
 * depth cap keeps hostile nesting from recursing far. */
static void
ld_visit(struct page *pg, const cJSON *v, int depth)
{
	const cJSON *e;

	if (depth > 8 || !v)
		return;
	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(e, v)
		{
			ld_visit(pg, e, depth + 1);
		}
		return;
	}
	if (!cJSON_IsObject(v))
		return;
	ld_visit(pg, cJSON_GetObjectItemCaseSensitive(v, "@graph"), depth + 1);
	if (!ld_is_article(v))
		return;
	set_once(&pg->ld_headline, json_string(v, "headline"));
	set_once(&pg->ld_name, json_string(v, "name"));
	set_once(&pg->ld_body, json_string(v, "articleBody"));
	set_once(&pg->ld_published, json_string(v, "datePublished"));
	set_once(&pg->ld_modified, json_string(v, "dateModified"));
	set_once(&pg->ld_section, json_string(v, "articleSection"));
	set_once(&pg->ld_publisher, json_string(v, "publisher"));
	if (!pg->ld_authors.n)
		ld_authors(pg, cJSON_GetObjectItemCaseSensitive(v, "author"));
}

/*
 * Sites wrap JSON-LD in "<![CDATA[ ... ]]>", "//<![CDATA[" or an HTML
 * comment, and some end it with ';'.  The JSON is what lies between the
 * first '{' or '[' and the last '}' or ']', inside the CDATA section when
 * there is one (its own "[" would otherwise start the JSON).
 */
static void
ld_parse(struct page *pg, const xmlNode *script)
{
	xmlChar *text = xmlNodeGetContent(script);
	const char *s = (const char *)text, *start, *end;
	cJSON *json;

	if (!text)
		return;
	start = strstr(s, "<![CDATA[");
	end = start ? strstr(start + 9, "]]>") : NULL;
	start = start ? start + 9 : s;
	if (!end)
		end = start + strlen(start);
	start += strcspn(start, "{[");
	while (end > start && end[-1] != '}' && end[-1] != ']')
		end--;
	json = end > start ? cJSON_ParseWithLength(start, (size_t)(end - start))
			   : NULL;
	if (json)
		ld_visit(pg, json, 0);
	cJSON_Delete(json);
	xmlFree(text);
}

static void
collect_meta(struct page *pg, const xmlNode *n)
{
	const char *key = attr(n, "property");
	const char *value = attr(n, "content");

	if (!key)
		key = attr(n, "name");
	if (!key)
		key = attr(n, "itemprop");
	if (!key || !value)
		return;
	/* RDFa lets one tag carry several: property="og:title dc:title". */
	while (*key && pg->nmeta < sizeof(pg->meta) / sizeof(pg->meta[0])) {
		size_t k = strcspn(key, " \t\n");

		if (k) {
			pg->meta[pg->nmeta].key = key;
			pg->meta[pg->nmeta].key_len = k;
			pg->meta[pg->nmeta].value = value;
			pg->nmeta++;
		}
		key += k;
		key += strspn(key, " \t\n");
	}
}

/*
 * class="author" also marks comment authors and "about the author"
 * boxes; such an element is a byline only when its text starts with
 * "By" ("article__author": "By Scott Cunningham").
 */
static void
collect_author_byline(struct page *pg, const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = (const char *)t;

	if (!t)
		return;
	s += strspn(s, " \t\r\n");
	if (strlen(s) < 300 && strncasecmp(s, "by", 2) == 0 &&
	    strchr(" \t\r\n:", s[2]) && s[2])
		nf_strv_push(&pg->bylines, nf_xstrdup(s));
	xmlFree(t);
}

/* The element's date: its datetime or content attribute. */
static const char *
date_attr(const xmlNode *n)
{
	const char *v = attr(n, "datetime");

	return v && *v ? v : attr(n, "content");
}

static bool
inside(const xmlNode *n, const char *name)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (name_is(n, name))
			return true;
	return false;
}

/*
 * <time itemprop="datePublished" datetime="…">, <span
 * itemprop="dateModified" content="…">, <time pubdate datetime="…">, and
 * the first <time datetime> inside an <article>.  Meta tags are read
 * by collect_meta().
 */
static void
collect_dates(struct page *pg, const xmlNode *n)
{
	const char *ip = attr(n, "itemprop");
	const char *v = date_attr(n);

	if (!v || !*v || name_is(n, "meta"))
		return;
	if (!pg->item_published && has_token(ip, "datePublished"))
		pg->item_published = v;
	if (!pg->item_modified && has_token(ip, "dateModified"))
		pg->item_modified = v;
	if (!name_is(n, "time") || !attr(n, "datetime"))
		return;
	if (!pg->time_pubdate &&
	    (attr(n, "pubdate") || contains_ci(attr(n, "class"), "publish")))
		pg->time_pubdate = v;
	if (!pg->time_in_article && inside(n, "article"))
		pg->time_in_article = v;
}

static void
add_h1(struct page *pg, xmlNode *n)
{
	for (size_t i = 0; i < sizeof(pg->h1) / sizeof(pg->h1[0]); i++)
		if (!pg->h1[i]) {
			pg->h1[i] = n;
			return;
		}
}

/* An element below <body> typed as a schema.org article by microdata
 * (itemtype "https://schema.org/NewsArticle", "…/BlogPosting"). */
static bool
is_article_scope(const xmlNode *n)
{
	const char *t = attr(n, "itemtype");
	const char *slash;

	if (!t || !attr(n, "itemscope") || name_is(n, "html") ||
	    name_is(n, "body") || !contains_ci(t, "schema.org/"))
		return false;
	slash = strrchr(t, '/');
	return slash && (contains_ci(slash, "Article") ||
			 contains_ci(slash, "BlogPosting"));
}

/* Class substrings of an element holding a byline. */
static const char *const byline_parts[] = {"byline", "journalist", "reporter",
					   "writer", NULL};

static void
collect(struct page *pg)
{
	for (xmlNode *n = pg->root; n; n = next_node(n, NULL, true)) {
		const char *v;
		int rank;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (name_is(n, "html") && !pg->lang)
			pg->lang = attr(n, "lang");
		else if (name_is(n, "title") && !pg->title && n->children &&
			 n->children->content)
			pg->title = (const char *)n->children->content;
		else if (name_is(n, "meta"))
			collect_meta(pg, n);
		else if (name_is(n, "link") &&
			 has_token(attr(n, "rel"), "canonical") &&
			 !pg->canonical)
			pg->canonical = attr(n, "href");
		else if (name_is(n, "h1"))
			add_h1(pg, n);
		if (name_is(n, "script")) {
			const char *type = attr(n, "type");

			if (type && contains_ci(type, "ld+json"))
				ld_parse(pg, n);
			else if (!pg->fusion_script && n->children &&
				 n->children->content &&
				 strstr((const char *)n->children->content,
					"Fusion.globalContent"))
				pg->fusion_script = n;
			continue;
		}
		v = attr(n, "itemprop");
		if (v && has_token(v, "articleBody") && !pg->itemprop_body &&
		    !name_is(n, "meta"))
			pg->itemprop_body = n;
		if (!pg->data_date && (v = attr(n, "data-date-time")))
			pg->data_date = v;
		if (!pg->data_date && (v = attr(n, "data-published-time")))
			pg->data_date = v;
		if (!pg->data_modify && (v = attr(n, "data-modify-date-time")))
			pg->data_modify = v;
		collect_dates(pg, n);
		if (!pg->author_el && !name_is(n, "meta") &&
		    (has_token(attr(n, "itemprop"), "author") ||
		     (name_is(n, "a") && has_token(attr(n, "rel"), "author"))))
			pg->author_el = n;
		if (is_article_scope(n)) {
			pg->nscopes++;
			if (!pg->scope)
				pg->scope = n;
		}
		rank = known_rank(n);
		if (rank >= 0 && rank < 16 && !pg->known[rank])
			pg->known[rank] = n;
		v = attr(n, "class");
		/*
		 * Portals link their copy to the publisher's page: Naver's
		 * a.media_end_head_origin_link, and on Daum and others an
		 * <a> whose whole text is 기사원문.
		 */
		if (name_is(n, "a") && !pg->origin_href && attr(n, "href") &&
		    (contains_ci(v, "origin_link") || link_says_origin(n)))
			pg->origin_href = attr(n, "href");
		if (name_is(n, "img") && !pg->naver_press && n->parent &&
		    contains_ci(attr(n->parent, "class"),
				"media_end_head_top_logo"))
			pg->naver_press = attr(n, "alt");
		if (v && pg->bylines.n < 8 &&
		    any_part(v, byline_parts)) {
			xmlChar *t = xmlNodeGetContent(n);

			if (t && strlen((const char *)t) < 300)
				nf_strv_push(&pg->bylines,
					     nf_xstrdup((const char *)t));
			xmlFree(t);
		} else if (v && pg->bylines.n < 8 && contains_ci(v, "author")) {
			collect_author_byline(pg, n);
		}
	}
}

static void
page_release(struct page *pg)
{
	free(pg->ld_headline);
	free(pg->ld_name);
	free(pg->ld_body);
	free(pg->ld_publisher);
	free(pg->ld_published);
	free(pg->ld_modified);
	free(pg->ld_section);
	nf_strv_release(&pg->ld_authors);
	nf_strv_release(&pg->bylines);
}

static char *norm_dup(const char *s);
static char *decode_entities(const char *s);

/* ---- Arc/Fusion ------------------------------------------------------ */

/* Parse an HTML fragment and append its text, one block per line. */
static void
fragment_text(struct nf_buf *out, struct nf_strv *captions, const char *html)
{
	htmlDocPtr doc;
	xmlNode *root;
	size_t len = strlen(html);

	if (!len || len > INT_MAX)
		return;
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				 HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				 HTML_PARSE_COMPACT);
	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	if (root) {
		struct render r = {out, captions, 0, 0, 0, false};

		render_subtree(&r, root);
	}
	xmlFreeDoc(doc);
}

/* Arc's content_elements: text paragraphs, and image captions. */
static bool
attempt_fusion(struct attempt *t, xmlNode *script)
{
	const char *s = (const char *)script->children->content;
	const char *p = strstr(s, "Fusion.globalContent");
	const char *end = NULL;
	const cJSON *elems, *e;
	struct nf_buf raw = NF_BUF_INIT(0);
	struct nf_strv caps = {0};
	cJSON *json;
	bool ok;

	p += strlen("Fusion.globalContent");
	while (*p == ' ' || *p == '=')
		p++;
	json = cJSON_ParseWithOpts(p, &end, false);
	if (!json)
		return false;
	elems = cJSON_GetObjectItemCaseSensitive(json, "content_elements");
	cJSON_ArrayForEach(e, elems)
	{
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(e, "type");
		const cJSON *content =
		    cJSON_GetObjectItemCaseSensitive(e, "content");
		const cJSON *caption =
		    cJSON_GetObjectItemCaseSensitive(e, "caption");

		if (!cJSON_IsString(type))
			continue;
		if ((strcmp(type->valuestring, "text") == 0 ||
		     strcmp(type->valuestring, "header") == 0) &&
		    cJSON_IsString(content)) {
			fragment_text(&raw, &caps, content->valuestring);
			nf_buf_append_char(&raw, '\n');
		} else if (strcmp(type->valuestring, "image") == 0 &&
			   cJSON_IsString(caption) && *caption->valuestring) {
			struct nf_buf cap = NF_BUF_INIT(0);

			fragment_text(&cap, NULL, caption->valuestring);
			if (cap.len)
				nf_strv_push(&caps, nf_buf_detach(&cap));
			nf_buf_release(&cap);
		}
	}
	ok = attempt_text(t, raw.data ? raw.data : "", raw.len);
	/* Arc's credits.by[] names the reporters ("박선민 기자"). */
	elems = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(json, "credits"), "by");
	cJSON_ArrayForEach(e, elems)
	{
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(
			    e, "additional_properties"),
			"original"),
		    "byline");

		/* "name" is written given-name first ("선민 박"); the
		 * original byline is not. */
		if (!cJSON_IsString(name) || !*name->valuestring)
			name = cJSON_GetObjectItemCaseSensitive(e, "name");

		if (cJSON_IsString(name) && *name->valuestring)
			nf_article_add_names(&t->found.names, name->valuestring,
					     strlen(name->valuestring));
	}
	cJSON_Delete(json);
	for (size_t i = 0; i < caps.n; i++) {
		struct nf_buf norm = NF_BUF_INIT(0);

		if (nf_article_normalize(&norm, caps.v[i], strlen(caps.v[i])) ==
			NF_OK &&
		    norm.len) {
			char *c;

			for (size_t k = 0; k < norm.len; k++)
				if (norm.data[k] == '\n' ||
				    norm.data[k] == '\v')
					norm.data[k] = ' ';
			c = norm_dup(norm.data);
			if (c && !nf_strv_contains(&t->art.captions, c))
				nf_strv_push(&t->art.captions, c);
			else
				free(c);
		}
		nf_buf_release(&norm);
	}
	nf_strv_release(&caps);
	nf_buf_release(&raw);
	return ok;
}

/* ---- Readability-style fallback -------------------------------------- */

struct score {
	double score;
	double final; /* with class weight and link density; candidates */
	size_t text;  /* bytes of visible text below */
	size_t link;  /* of which inside <a> */
	size_t links; /* <a> elements below */
	bool candidate;
};

/* How many of the best candidates are looked at together. */
#define NTOP 5

static size_t
count_commas(const char *s)
{
	size_t c = 0;

	for (; *s; s++)
		if (*s == ',')
			c++;
	return c;
}

static double
class_weight(const xmlNode *n)
{
	double w = 0;
	const char *vals[2] = {attr(n, "class"), attr(n, "id")};

	for (int k = 0; k < 2; k++) {
		if (!vals[k])
			continue;
		if (any_part(vals[k], bad_parts))
			w -= 25;
		if (any_part(vals[k], good_parts))
			w += 25;
	}
	return w;
}

static void
add_score(xmlNode *n, double s)
{
	for (int level = 0; n && n->type == XML_ELEMENT_NODE && level < 5;
	     level++, n = n->parent) {
		struct score *sc = n->_private;

		if (!sc)
			return;
		sc->candidate = true;
		sc->score += level == 0	  ? s
			     : level == 1 ? s / 2
					  : s / (level * 3);
	}
}

static size_t
score_text(const xmlNode *n)
{
	const struct score *sc = n->_private;

	return sc ? sc->text : 0;
}

/*
 * Inside the chosen body, a block whose text is mostly link text is a
 * list of other pages: share buttons, tag and category links, a
 * publisher's "our other sites" menu, an inline "READ MORE: <headline>"
 * paragraph.  A long one must be nearly all links, since a paragraph
 * may link many of its words.
 */
static bool
is_link_list(const xmlNode *n)
{
	static const char *const tags[] = {
	    "p", "div", "ul", "ol", "dl", "center", "section", "table", NULL};
	const struct score *sc = n->_private;

	if (!sc || !sc->text || !sc->links || !name_in(n, tags))
		return false;
	if (sc->link * 10 > sc->text * 8)
		return true;
	return sc->text < 300 && sc->link * 2 > sc->text;
}

/* Forget the scorer's counts. */
static void
scores_clear(struct page *pg, struct score *stats)
{
	for (xmlNode *n = pg->root; n; n = next_node(n, NULL, true))
		if (n->type == XML_ELEMENT_NODE)
			n->_private = NULL;
	free(stats);
}

static double
link_density(const xmlNode *n)
{
	const struct score *sc = n->_private;

	return sc && sc->text ? (double)sc->link / (double)sc->text : 0;
}

static double
final_score(const xmlNode *n)
{
	const struct score *sc = n->_private;

	return sc && sc->candidate ? sc->final : 0;
}

static bool
is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (n = n ? n->parent : NULL; n; n = n->parent)
		if (n == a)
			return true;
	return false;
}

static size_t
element_children(const xmlNode *n)
{
	size_t k = 0;

	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			k++;
	return k;
}

/*
 * Readability's steps after scoring.  When three of the runners-up
 * (within 75% of the best) sit under one ancestor, that ancestor holds
 * the article split into parts.  A parent that scores higher than the
 * child on the way up holds more of it.  An only child is replaced by
 * its parent, so the sibling step sees the parent's siblings.
 */
static xmlNode *
refine_top(xmlNode *const *top, bool relaxed)
{
	xmlNode *best = top[0], *p;
	double last, floor;
	size_t close = 0;

	for (size_t i = 1; i < NTOP && top[i]; i++)
		if (final_score(top[i]) >= 0.75 * final_score(best))
			close++;
	if (close >= 3) {
		for (p = best->parent;
		     p && !name_is(p, "body") && p->type == XML_ELEMENT_NODE;
		     p = p->parent) {
			size_t under = 0;

			for (size_t i = 1; i < NTOP && top[i]; i++)
				if (final_score(top[i]) >=
					0.75 * final_score(best) &&
				    is_ancestor(p, top[i]))
					under++;
			if (under >= 3) {
				best = p;
				break;
			}
		}
	}
	last = final_score(best);
	floor = last / 3;
	for (p = best->parent; p && p->type == XML_ELEMENT_NODE &&
			       !name_is(p, "body") && !name_is(p, "html");
	     p = p->parent) {
		const struct score *sc = p->_private;

		if (!sc || !sc->candidate ||
		    node_kind_ex(p, relaxed) != NODE_KEEP)
			continue;
		if (sc->final < floor)
			break;
		if (sc->final > last) {
			best = p;
			break;
		}
		last = sc->final;
	}
	for (p = best->parent;
	     p && p->type == XML_ELEMENT_NODE && !name_is(p, "body") &&
	     !name_is(p, "html") && element_children(p) == 1 &&
	     node_kind_ex(p, relaxed) == NODE_KEEP;
	     p = p->parent)
		best = p;
	return best;
}

/*
 * A page whose microdata types one element as the article (itemtype
 * BlogPosting, NewsArticle) says where its body is: a pick outside that
 * element, or around it with the "more posts" boxes beside it, gives
 * way to the best candidate inside it.
 */
static xmlNode *
within_scope(const struct page *pg, xmlNode *best, bool relaxed)
{
	xmlNode *scope = pg->nscopes == 1 ? pg->scope : NULL;
	xmlNode *in = NULL;

	if (!scope || best == scope || is_ancestor(scope, best))
		return best;
	for (xmlNode *n = scope; n; n = next_node(n, scope, true)) {
		const struct score *sc = n->_private;

		if (n->type != XML_ELEMENT_NODE || !sc || !sc->candidate ||
		    node_kind_ex(n, relaxed) != NODE_KEEP || sc->final <= 0)
			continue;
		if (!in || sc->final > final_score(in))
			in = n;
	}
	return in ? in : best;
}

/* Does the text end a sentence (". " inside, or a final period)? */
static bool
has_sentence_end(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = (const char *)t;
	bool yes = false;

	for (; s && *s && !yes; s++)
		if (*s == '.') {
			const char *q = s + 1;

			while (*q == '\n' || *q == '\t' || *q == '\r')
				q++;
			yes = *q == ' ' || *q == '\0';
		}
	xmlFree(t);
	return yes;
}

/*
 * Readability's sibling step: the top's siblings that score at least
 * max(10, a fifth of the top), with a bonus for the top's class, and
 * paragraphs that read as text (long with few links, or short with
 * none and a full stop) go with it: a lede in its own box, the body
 * split by an ad slot.
 */
static void
merge_siblings(struct pick *pk, xmlNode *top, const xmlNode *scope,
	       bool relaxed)
{
	xmlNode *parent = top->parent;
	double score = final_score(top);
	double floor = score * 0.2 > 10 ? score * 0.2 : 10;
	const char *cls = attr(top, "class");
	size_t cap = 0;

	pk->top = top;
	pk->nparts = 0;
	if (!parent || parent->type != XML_ELEMENT_NODE || top == scope) {
		pk->parts = nf_xmalloc(sizeof(*pk->parts));
		pk->parts[pk->nparts++] = top;
		return;
	}
	for (xmlNode *c = parent->children; c; c = c->next) {
		const struct score *sc = c->_private;
		bool take = c == top;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!take && sc && node_kind_ex(c, relaxed) == NODE_KEEP) {
			double bonus = cls && *cls && attr_eq(c, "class", cls)
					   ? score * 0.2
					   : 0;

			if (sc->candidate && sc->final + bonus >= floor)
				take = true;
			else if (name_is(c, "p") && sc->text > 80 &&
				 link_density(c) < 0.25)
				take = true;
			else if (name_is(c, "p") && sc->text && !sc->link &&
				 sc->text <= 80 && has_sentence_end(c))
				take = true;
		}
		if (!take)
			continue;
		if (pk->nparts == cap) {
			cap = cap ? cap * 2 : 8;
			pk->parts =
			    nf_xrealloc(pk->parts, cap * sizeof(*pk->parts));
		}
		pk->parts[pk->nparts++] = c;
	}
}

/*
 * The element with the best Readability-style score.  The per-element
 * counts stay in _private (for the relaxed render) until the caller
 * passes *stats to scores_clear().
 */
static xmlNode *
best_by_score(struct page *pg, bool relaxed, struct score **stats_out)
{
	struct score *stats;
	size_t nel = 0, k = 0;
	xmlNode *top[NTOP] = {NULL};

	for (xmlNode *n = pg->root; n; n = next_node(n, NULL, true))
		if (n->type == XML_ELEMENT_NODE)
			nel++;
	stats = nf_xcalloc(nel ? nel : 1, sizeof(*stats));
	for (xmlNode *n = pg->root; n; n = next_node(n, NULL, true))
		if (n->type == XML_ELEMENT_NODE)
			n->_private = &stats[k++];

	/* Text lengths, bottom-up: each visible text node adds to all its
	 * ancestors, stopping at skipped boilerplate. */
	for (xmlNode *n = pg->root; n;) {
		bool descend = node_kind_ex(n, relaxed) == NODE_KEEP;

		if (descend && name_is(n, "a"))
			for (xmlNode *p = n->parent;
			     p && p->type == XML_ELEMENT_NODE; p = p->parent)
				((struct score *)p->_private)->links++;
		if (descend && n->type == XML_TEXT_NODE && n->content) {
			size_t len = 0;
			bool in_link = false;
			const char *s = (const char *)n->content;

			for (; *s; s++)
				if (*s != ' ' && *s != '\n' && *s != '\t' &&
				    *s != '\r')
					len++;
			for (xmlNode *p = n->parent; p; p = p->parent)
				if (name_is(p, "a"))
					in_link = true;
			for (xmlNode *p = n->parent;
			     p && p->type == XML_ELEMENT_NODE; p = p->parent) {
				struct score *sc = p->_private;

				sc->text += len;
				if (in_link)
					sc->link += len;
			}
			/* Bare text in a div (Naver, KBS) is a paragraph of
			 * its own. */
			xmlNode *blk = n->parent;

			/* Legacy pages wrap bare text in <font>, <b>. */
			for (int up = 0;
			     blk && up < 3 && blk->type == XML_ELEMENT_NODE &&
			     !name_in(blk, block_tags);
			     up++)
				blk = blk->parent;
			if (len >= 75 && blk && !in_link &&
			    !name_is(blk, "p") && !is_heading(blk) &&
			    blk->type == XML_ELEMENT_NODE &&
			    name_in(blk, block_tags))
				add_score(
				    blk,
				    1 + count_commas((const char *)n->content) +
					(len / 300 > 3 ? 3 : len / 300.0));
		}
		n = next_node(n, NULL, descend && n->type == XML_ELEMENT_NODE);
	}
	/* Paragraphs give their score to their parents. */
	for (xmlNode *n = pg->root; n; n = next_node(n, NULL, true)) {
		struct score *sc = n->_private;

		if (n->type != XML_ELEMENT_NODE || !sc)
			continue;
		if ((name_is(n, "p") || name_is(n, "pre") ||
		     name_is(n, "blockquote")) &&
		    sc->text >= 75 && node_kind_ex(n, relaxed) == NODE_KEEP) {
			xmlChar *t = xmlNodeGetContent(n);
			double s = 1 + (t ? count_commas((const char *)t) : 0) +
				   (sc->text / 300 > 3 ? 3 : sc->text / 300.0);

			xmlFree(t);
			add_score(n->parent, s);
		}
	}
	for (xmlNode *n = pg->root; n; n = next_node(n, NULL, true)) {
		struct score *sc = n->_private;

		if (n->type != XML_ELEMENT_NODE || !sc || !sc->candidate ||
		    name_is(n, "body") || name_is(n, "html") ||
		    node_kind_ex(n, relaxed) != NODE_KEEP)
			continue;
		sc->final =
		    (sc->score + class_weight(n)) * (1.0 - link_density(n));
		if (sc->final <= 0)
			continue;
		for (size_t i = 0; i < NTOP; i++) {
			if (!top[i] || sc->final > final_score(top[i])) {
				memmove(top + i + 1, top + i,
					(NTOP - 1 - i) * sizeof(*top));
				top[i] = n;
				break;
			}
		}
	}
	*stats_out = stats;
	if (!top[0])
		return NULL;
	return within_scope(pg, refine_top(top, relaxed), relaxed);
}

/* ---- metadata -------------------------------------------------------- */

static char *
norm_dup(const char *s)
{
	struct nf_buf b = NF_BUF_INIT(0);

	if (!s || nf_article_normalize(&b, s, strlen(s)) != NF_OK || !b.len) {
		nf_buf_release(&b);
		return NULL;
	}
	/* Line breaks become single spaces, none at either end. */
	size_t k = 0;

	for (size_t i = 0; i < b.len; i++) {
		char c =
		    b.data[i] == '\n' || b.data[i] == '\v' ? ' ' : b.data[i];

		if (c != ' ' || (k && b.data[k - 1] != ' '))
			b.data[k++] = c;
	}
	while (k && b.data[k - 1] == ' ')
		k--;
	b.data[k] = '\0';
	b.len = k;
	if (!b.len) {
		nf_buf_release(&b);
		return NULL;
	}
	return nf_buf_detach(&b);
}

/* Typographic entities CMSs write into JSON-LD (&rsquo;, &ndash;). */
static uint32_t
named_entity(const char *name, const char *semi)
{
	static const struct {
		const char *name;
		uint32_t cp;
	} names[] = {
	    {"ndash", 0x2013},	{"mdash", 0x2014}, {"lsquo", 0x2018},
	    {"rsquo", 0x2019},	{"ldquo", 0x201C}, {"rdquo", 0x201D},
	    {"hellip", 0x2026},
	};
	size_t n = (size_t)(semi - name);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n &&
		    memcmp(names[i].name, name, n) == 0)
			return names[i].cp;
	return 0;
}

/* Entities that survive into attribute and JSON strings (&#34;). */
static char *
decode_entities(const char *s)
{
	struct nf_buf b = NF_BUF_INIT(0);

	while (*s) {
		if (*s == '&') {
			const char *semi = strchr(s, ';');
			char enc[4];
			uint32_t cp = 0;

			if (semi && semi - s <= 10) {
				if (s[1] == '#') {
					char *endp;

					cp = (uint32_t)(s[2] == 'x' ||
								s[2] == 'X'
							    ? strtoul(s + 3,
								      &endp, 16)
							    : strtoul(s + 2,
								      &endp,
								      10));
					if (endp != semi || cp == 0 ||
					    cp > 0x10FFFF ||
					    (cp >= 0xD800 && cp <= 0xDFFF))
						cp = 0;
				} else if (strncmp(s, "&quot;", 6) == 0) {
					cp = '"';
				} else if (strncmp(s, "&amp;", 5) == 0) {
					cp = '&';
				} else if (strncmp(s, "&lt;", 4) == 0) {
					cp = '<';
				} else if (strncmp(s, "&gt;", 4) == 0) {
					cp = '>';
				} else if (strncmp(s, "&apos;", 6) == 0) {
					cp = '\'';
				} else if (strncmp(s, "&nbsp;", 6) == 0) {
					cp = 0xA0;
				} else {
					cp = named_entity(s + 1, semi);
				}
			}
			if (cp) {
				nf_buf_append(&b, enc, nf_utf8_encode(cp, enc));
				s = semi + 1;
				continue;
			}
		}
		nf_buf_append_char(&b, *s++);
	}
	return nf_buf_detach(&b);
}

static bool
is_portal(const char *site)
{
	return site && (strstr(site, "네이버") || strstr(site, "NAVER") ||
			strstr(site, "Naver") || strstr(site, "다음뉴스") ||
			strcmp(site, "다음") == 0 || strstr(site, "Daum"));
}

static void
set_date(char **dst, const char *src)
{
	char iso[NF_ARTICLE_DATE_MAX];

	if (*dst || !src)
		return;
	if (nf_article_parse_date(iso, src, strlen(src)))
		*dst = nf_xstrdup(iso);
}

static void
fill_site(struct nf_article *a, const struct page *pg)
{
	const char *cands[6] = {
	    pg->ld_publisher,
	    meta_get(pg, "og:site_name"),
	    meta_get(pg, "twitter:creator"),
	    meta_get(pg, "og:article:author"),
	    pg->naver_press,
	    meta_get(pg, "application-name"),
	};

	for (int i = 0; i < 6 && !a->site_name; i++) {
		char *s;

		if (!cands[i] || is_portal(cands[i]) ||
		    strncmp(cands[i], "http", 4) == 0 || cands[i][0] == '@')
			continue;
		s = norm_dup(cands[i]);
		if (s) {
			/* "뉴스타파 | 네이버" */
			char *bar = strstr(s, " | ");

			if (bar)
				*bar = '\0';
		}
		a->site_name = s;
	}
	/* og:article:author is the press on Naver ("뉴스타파 | 네이버"). */
	if (!a->site_name && meta_get(pg, "og:article:author")) {
		char *s = norm_dup(meta_get(pg, "og:article:author"));
		char *bar = s ? strstr(s, " | ") : NULL;

		if (bar)
			*bar = '\0';
		a->site_name = s;
	}
}

static const char *const title_seps[] = {" | ",	 " - ", " – ", " — ",
					 " :: ", " : ", " « ", " » ",
					 " · ",	 " < ", NULL};

/* Does `part` (hl bytes) stand at the start (end) of the title, cut off by a
 * separator?  Returns the separator's length, 0 when not. */
static size_t
title_part(const char *title, const char *part, size_t hl, bool at_end)
{
	size_t tl = strlen(title);

	for (int k = 0; title_seps[k]; k++) {
		size_t sl = strlen(title_seps[k]);

		if (tl < hl + sl)
			continue;
		if (!at_end && memcmp(title, part, hl) == 0 &&
		    strncmp(title + hl, title_seps[k], sl) == 0)
			return sl;
		if (at_end && memcmp(title + tl - hl, part, hl) == 0 &&
		    strncmp(title + tl - hl - sl, title_seps[k], sl) == 0)
			return sl;
	}
	return 0;
}

/* An <h1>'s text without Sphinx's trailing "¶" anchor; or NULL. */
static char *
h1_text(xmlNode *h1)
{
	xmlChar *raw = xmlNodeGetContent(h1);
	char *h = raw ? norm_dup((const char *)raw) : NULL;
	size_t hl = h ? strlen(h) : 0;

	xmlFree(raw);
	if (hl >= 2 && strcmp(h + hl - 2, "\xC2\xB6") == 0) {
		hl -= 2;
		while (hl && h[hl - 1] == ' ')
			hl--;
		h[hl] = '\0';
	}
	return h;
}

/*
 * "제목 | 블로그 이름" with no site name to strip: when one of the page's
 * <h1> is the title's first or last part, cut at a separator, the rest is
 * the site's.  A first part wins over a last part: a site's banner <h1>
 * is often the last part ("Post title — Project name").
 */
static void
title_from_h1(struct nf_article *a, xmlNode *const *h1s, size_t nh1)
{
	for (int at_end = 0; at_end < 2; at_end++) {
		for (size_t i = 0; i < nh1 && h1s[i]; i++) {
			char *h = h1_text(h1s[i]);
			size_t hl = h ? strlen(h) : 0;

			if (h && hl >= 4 && hl < strlen(a->title) &&
			    title_part(a->title, h, hl, at_end)) {
				free(a->title);
				a->title = h;
				return;
			}
			free(h);
		}
	}
}

static void
fill_title(struct nf_article *a, const struct page *pg)
{
	/* Readability's order: Dublin Core names the document itself.
	 * JSON-LD's headline is sometimes a description ("constitutional
	 * monarchy in Oceania") and its name the title: take the one the
	 * <title> holds. */
	const char *ld = pg->ld_headline;

	if (pg->ld_name && pg->title && strstr(pg->title, pg->ld_name) &&
	    (!ld || !strstr(pg->title, ld)))
		ld = pg->ld_name;
	const char *cands[] = {ld,
			       meta_get(pg, "dc:title"),
			       meta_get(pg, "dcterm:title"),
			       meta_get(pg, "og:title"),
			       meta_get(pg, "twitter:title"),
			       meta_get(pg, "parsely-title"),
			       pg->title};

	for (size_t i = 0; i < sizeof(cands) / sizeof(cands[0]) && !a->title;
	     i++) {
		if (!cands[i])
			continue;
		char *dec = decode_entities(cands[i]);

		a->title =
		    nf_article_clean_title(dec, strlen(dec), a->site_name);
		free(dec);
		if (a->title && !*a->title) {
			free(a->title);
			a->title = NULL;
		}
	}
	if (!a->title && pg->h1[0]) {
		xmlChar *t = xmlNodeGetContent(pg->h1[0]);

		if (t)
			a->title = nf_article_clean_title(
			    (const char *)t, strlen((const char *)t),
			    a->site_name);
		xmlFree(t);
	} else if (a->title) {
		title_from_h1(a, pg->h1, sizeof(pg->h1) / sizeof(pg->h1[0]));
	}
}

/*
 * Words no person's name holds: an author with one of them is an outlet
 * or a desk ("SBS 뉴스", "BBC News", "디지털뉴스부").
 */
static bool
names_outlet(const char *s)
{
	static const char *const latin[] = {"news", "media", "press", "tv",
					    NULL};

	return any_word(s, latin) || strstr(s, "뉴스") || strstr(s, "일보") ||
	       strstr(s, "신문") || strstr(s, "방송");
}

/*
 * An outlet's name, or one upper-case word (an agency: "OSEN", "AFP"),
 * is not a person's name.
 */
static void
drop_outlet_authors(struct nf_article *a)
{
	size_t k = 0;

	for (size_t i = 0; i < a->authors.n; i++) {
		const char *s = a->authors.v[i];
		size_t n = strlen(s),
		       caps = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");

		if (names_outlet(s) || (n >= 2 && n <= 6 && caps == n)) {
			free(a->authors.v[i]);
			continue;
		}
		a->authors.v[k++] = a->authors.v[i];
	}
	a->authors.n = k;
}

/*
 * The name in an [itemprop=author] or rel=author element: its
 * [itemprop=name] part when it has one, else its text, without "By ".
 */
static void
add_element_author(struct nf_strv *authors, xmlNode *el)
{
	xmlNode *src = el;
	xmlChar *t;
	char *s;
	size_t n;

	for (xmlNode *c = el->children; c; c = next_node(c, el, true))
		if (c->type == XML_ELEMENT_NODE &&
		    has_token(attr(c, "itemprop"), "name")) {
			src = c;
			break;
		}
	if (name_is(src, "meta")) {
		const char *c = attr(src, "content");

		t = c ? xmlStrdup((const xmlChar *)c) : NULL;
	} else {
		t = xmlNodeGetContent(src);
	}
	if (!t)
		return;
	s = norm_dup((const char *)t);
	xmlFree(t);
	if (!s)
		return;
	n = strlen(s);
	if (n > 3 && strncasecmp(s, "by ", 3) == 0)
		memmove(s, s + 3, (n -= 3) + 1);
	if (n >= 3 && n <= 60 && strcspn(s, "0123456789@/") == n &&
	    !nf_strv_contains(authors, s))
		nf_strv_push(authors, s);
	else
		free(s);
}

static void
fill_authors(struct nf_article *a, const struct page *pg,
	     const struct nf_article_byline *found)
{
	static const char *const keys[] = {"dc:creator",
					   "dcterm:creator",
					   "author",
					   "article:author",
					   "dable:author",
					   "byl",
					   "dc.creator",
					   "article:author_name",
					   "parsely-author",
					   "sailthru.author",
					   NULL};

	for (size_t i = 0; i < pg->ld_authors.n; i++)
		if (!nf_strv_contains(&a->authors, pg->ld_authors.v[i]))
			nf_strv_push(&a->authors,
				     nf_xstrdup(pg->ld_authors.v[i]));
	/* Each source that names only the outlet lets the next one try. */
	drop_outlet_authors(a);
	for (int k = 0; keys[k] && !a->authors.n; k++) {
		const char *v = meta_get(pg, keys[k]);

		/* article:author is often a Facebook URL or the paper. */
		if (!v || strncmp(v, "http", 4) == 0 ||
		    (a->site_name && strcmp(v, a->site_name) == 0))
			continue;
		nf_article_add_names(&a->authors, v, strlen(v));
		drop_outlet_authors(a);
	}
	if (!a->authors.n)
		for (size_t i = 0; i < found->names.n; i++)
			nf_strv_push(&a->authors,
				     nf_xstrdup(found->names.v[i]));
	for (size_t i = 0; i < pg->bylines.n && !a->authors.n; i++) {
		const char *b = pg->bylines.v[i];

		/* Only a byline that names a reporter, not the outlet. */
		if (strstr(b, "기자") || strstr(b, "특파원"))
			nf_article_add_names(&a->authors, b, strlen(b));
	}
	drop_outlet_authors(a);
	if (!a->authors.n && pg->author_el)
		add_element_author(&a->authors, pg->author_el);
	drop_outlet_authors(a);
	/* "By Jane Doe | March 3, 2024": the names before the date. */
	for (size_t i = 0; i < pg->bylines.n && !a->authors.n; i++)
		nf_article_add_byline_names(&a->authors, pg->bylines.v[i],
					    strlen(pg->bylines.v[i]));
}

static void
fill_dates(struct nf_article *a, const struct page *pg)
{
	static const char *const pub_keys[] = {"article:published_time",
					       "parsely-pub-date",
					       "og:published_time",
					       "og:regDate",
					       "dable:published_time",
					       "datePublished",
					       "pubdate",
					       "publishdate",
					       "date",
					       NULL};
	static const char *const mod_keys[] = {
	    "article:modified_time", "og:updated_time", "og:modified_time",
	    "dable:modified_time",   "dateModified",	NULL};

	set_date(&a->published, pg->ld_published);
	for (int k = 0; pub_keys[k]; k++)
		set_date(&a->published, meta_get(pg, pub_keys[k]));
	set_date(&a->published, pg->data_date);
	set_date(&a->published, pg->item_published);
	set_date(&a->published, pg->time_pubdate);
	set_date(&a->modified, pg->ld_modified);
	for (int k = 0; mod_keys[k]; k++)
		set_date(&a->modified, meta_get(pg, mod_keys[k]));
	set_date(&a->modified, pg->data_modify);
	set_date(&a->modified, pg->item_modified);
}

/* Labelled dates in the visible page text ("입력 2025.04.08 10:23"). */
static void
fill_visible_dates(struct nf_article *a, const struct page *pg)
{
	struct nf_buf text = NF_BUF_INIT(0);
	struct render r = {&text, NULL, 0, 0, 0, false};
	char iso[NF_ARTICLE_DATE_MAX];
	xmlNode *body = pg->root;

	if (a->published && a->modified)
		return;
	for (xmlNode *n = pg->root ? pg->root->children : NULL; n; n = n->next)
		if (name_is(n, "body"))
			body = n;
	if (!body)
		return;
	/* Render everything, boilerplate included: dates sit in "info"
	 * boxes the body renderer skips. */
	for (xmlNode *n = body->children; n; n = next_node(n, body, true)) {
		if (n->type == XML_TEXT_NODE && n->content &&
		    !name_is(n->parent, "script") &&
		    !name_is(n->parent, "style")) {
			render_text(&r, (const char *)n->content);
			nf_buf_append_char(&text, ' ');
		}
		if (text.len > 4u << 20)
			break;
	}
	nf_buf_terminate(&text);
	if (!a->published &&
	    nf_article_find_labelled_date(iso, text.data, text.len,
					  "기사입력|입력|송고|등록|승인|발행"))
		a->published = nf_xstrdup(iso);
	/* "이용민 기자 | 2020-03-04 16:52:59": a byline with a bare date. */
	if (!a->published &&
	    nf_article_find_labelled_date(iso, text.data, text.len, "기자 |"))
		a->published = nf_xstrdup(iso);
	if (!a->modified &&
	    nf_article_find_labelled_date(iso, text.data, text.len,
					  "최종수정|수정|업데이트"))
		a->modified = nf_xstrdup(iso);
	nf_buf_release(&text);
}

/*
 * "제목 : 뉴스 : 동아닷컴", "제목 - Entermedia": when the page names its
 * site nowhere else, the segment the title cleaning cut off last is it.
 */
static void
site_from_title(struct nf_article *a, const struct page *pg)
{
	char *raw, *last = NULL;
	size_t tl;

	if (a->site_name || !a->title || !pg->title)
		return;
	raw = norm_dup(pg->title);
	tl = strlen(a->title);
	if (!raw || strncmp(raw, a->title, tl) != 0 || !raw[tl]) {
		free(raw);
		return;
	}
	for (int k = 0; title_seps[k]; k++) {
		for (char *p = strstr(raw + tl, title_seps[k]); p;
		     p = strstr(p + 1, title_seps[k]))
			if (!last || p > last)
				last = p + strlen(title_seps[k]);
	}
	if (last && *last && !strstr(last, " - ") && !strstr(last, " | "))
		a->site_name = nf_xstrdup(last);
	free(raw);
}

/*
 * A relative rel=canonical ("/_ln/0103_2023…") is resolved against the
 * page's URL, or against an absolute og:url when the URL is not known.
 */
static char *
canonical_url(const struct page *pg, const char *url)
{
	const char *c = pg->canonical && *pg->canonical ? pg->canonical : NULL;
	const char *og = meta_get(pg, "og:url");
	char host[256];

	if (!c)
		return og ? nf_xstrdup(og) : NULL;
	if (nf_url_host(c, host, sizeof(host)))
		return nf_xstrdup(c);
	if (url && nf_url_host(url, host, sizeof(host)))
		return nf_url_resolve(url, c);
	if (og && nf_url_host(og, host, sizeof(host)))
		return nf_url_resolve(og, c);
	return nf_xstrdup(c);
}

/* "Post title | Code | Nicolas Perriault": the writer's name is no part
 * of the title. */
static void
title_without_author(struct nf_article *a)
{
	for (size_t i = 0; a->title && i < a->authors.n; i++) {
		const char *name = a->authors.v[i];
		size_t hl = strlen(name);
		size_t sl = title_part(a->title, name, hl, true);

		if (sl && strlen(a->title) > hl + sl)
			a->title[strlen(a->title) - hl - sl] = '\0';
	}
}

static void
fill_meta(struct nf_article *a, const struct page *pg,
	  const struct nf_article_byline *found, const char *url)
{
	const char *v;

	fill_site(a, pg);
	if (!a->site_name && found->site)
		a->site_name = nf_xstrdup(found->site);
	fill_title(a, pg);
	if (!a->title && found->headline)
		a->title = nf_xstrdup(found->headline);
	site_from_title(a, pg);
	fill_authors(a, pg, found);
	title_without_author(a);
	fill_dates(a, pg);
	fill_visible_dates(a, pg);
	/* Last: the first <time datetime> of the <article>, whatever it
	 * dates. */
	set_date(&a->published, pg->time_in_article);
	if (pg->ld_section)
		a->section = norm_dup(pg->ld_section);
	if (!a->section && (v = meta_get(pg, "article:section")))
		a->section = norm_dup(v);
	a->canonical_url = canonical_url(pg, url);
	if (pg->lang && *pg->lang)
		a->lang = nf_xstrdup(pg->lang);
}

/* ---- the entry point ------------------------------------------------- */

/* A JSON-LD articleBody holding HTML: paragraph or break tags. */
static bool
looks_like_markup(const char *s)
{
	static const char *const tags[] = {"<p>",  "<p ", "</p>", "<br",
					   "<div", "<h2", NULL};

	for (const char *const *t = tags; *t; t++)
		if (contains_ci(s, *t))
			return true;
	return false;
}

static void
take_attempt(struct nf_article *a, struct nf_article_byline *found,
	     struct attempt *t)
{
	nf_buf_release(&a->text);
	a->text = t->art.text;
	t->art.text = NF_BUF_INIT(0);
	nf_strv_release(&a->captions);
	a->captions = t->art.captions;
	memset(&t->art.captions, 0, sizeof(t->art.captions));
	nf_article_byline_release(found);
	*found = t->found;
	memset(&t->found, 0, sizeof(t->found));
}

/*
 * Keep the attempt if it is final or longer than what we have.  A short
 * text from the page's own articleBody markup is only replaced by one
 * twice as long: a guess that is merely longer is often the headline.
 */
static void
consider(struct nf_article *a, struct nf_article_byline *found,
	 struct attempt *t, bool done, size_t margin)
{
	if (done || t->art.text.len > a->text.len + margin)
		take_attempt(a, found, t);
	attempt_release(t);
}

/* Text with white space and punctuation left out, for comparing copies. */
static void
letters_only(struct nf_buf *out, const char *s, size_t n)
{
	nf_buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			nf_buf_append_char(out, (char)c);
	}
	nf_buf_terminate(out);
}

/*
 * JSON-LD articleBody is often a teaser (the first paragraph, or a
 * length-capped cut).  When the scored DOM body starts with the same
 * words and is clearly longer, the DOM has the whole article.
 */
static void
prefer_longer_dom(struct nf_article *a, struct nf_article_byline *found,
		  struct page *pg)
{
	struct score *stats;
	struct attempt t;
	struct pick pk = {0};
	xmlNode *best = best_by_score(pg, false, &stats);

	if (best) {
		merge_siblings(&pk, best, pg->scope, false);
		attempt_pick(&t, &pk, 0);
		pick_release(&pk);
		if (t.art.text.len * 10 > a->text.len * 13) {
			struct nf_buf x = NF_BUF_INIT(0), y = NF_BUF_INIT(0);
			size_t k;

			letters_only(&x, a->text.data, a->text.len);
			letters_only(&y, t.art.text.data, t.art.text.len);
			k = x.len < 60 ? x.len : 60;
			while (k && ((unsigned char)x.data[k] & 0xC0) == 0x80)
				k--;
			if (k >= 20 && memmem(y.data, y.len, x.data, k))
				take_attempt(a, found, &t);
			nf_buf_release(&x);
			nf_buf_release(&y);
		}
		attempt_release(&t);
	}
	scores_clear(pg, stats);
}

/*
 * The page's <h1> inside an <article> that the class rules skip
 * ("post hentry ... commented"): the rules are wrong about this page,
 * and what they left (the comment thread) is not the article.
 */
static bool
headline_in_junk_article(const struct page *pg)
{
	for (const xmlNode *n = pg->h1[0] ? pg->h1[0]->parent : NULL;
	     n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (name_is(n, "article") && node_kind(n) == NODE_JUNK)
			return true;
	return false;
}

/*
 * Try the body sources in order of trust.  The first long enough wins;
 * otherwise the longest.
 */
static void
choose_body(struct nf_article *a, struct nf_article_byline *found,
	    struct page *pg)
{
	struct attempt t;
	struct score *stats;
	struct pick pk = {0};
	bool done = false;
	size_t margin = 0;
	xmlNode *best;

	if (pg->itemprop_body) {
		done = attempt_node(&t, pg->itemprop_body);
		consider(a, found, &t, done, margin);
		margin = a->text.len;
	}
	if (!done && pg->ld_body) {
		/* Some CMSs escape articleBody twice ("&amp;quot;"). */
		char *once = decode_entities(pg->ld_body);
		char *body = decode_entities(once);

		free(once);

		if (looks_like_markup(body)) {
			/* Some CMSs put the body's HTML in articleBody. */
			struct nf_buf raw = NF_BUF_INIT(0);

			fragment_text(&raw, NULL, body);
			fix_row_breaks(&raw);
			done =
			    attempt_text(&t, raw.data ? raw.data : "", raw.len);
			nf_buf_release(&raw);
		} else {
			done = attempt_text(&t, body, strlen(body));
		}
		free(body);
		consider(a, found, &t, done, margin);
		if (done)
			prefer_longer_dom(a, found, pg);
	}
	if (!done && pg->fusion_script) {
		done = attempt_fusion(&t, pg->fusion_script);
		consider(a, found, &t, done, margin);
	}
	for (int k = 0; k < 16 && !done; k++) {
		if (!pg->known[k])
			continue;
		done = attempt_node(&t, pg->known[k]);
		consider(a, found, &t, done, margin);
	}
	if (!done) {
		best = best_by_score(pg, false, &stats);
		if (best) {
			merge_siblings(&pk, best, pg->scope, false);
			done = attempt_pick(&t, &pk, 0);
			pick_release(&pk);
			consider(a, found, &t, done, margin);
		}
		scores_clear(pg, stats);
	}
	/*
	 * Class words that mark boilerplate sit on whole-page wrappers of
	 * some themes ("penci_sidebar", "widget Blog"): when the text is
	 * short, or the headline sits in an <article> the rules skip,
	 * score again with the class rules off, as Readability retries
	 * without its unlikely-candidate filter.
	 */
	/*
	 * A short page scores no paragraph: rather than an empty record,
	 * take the first <article>, then <main>, then <body>, with the same
	 * boilerplate rules.
	 */
	if (!done && a->text.len == 0) {
		static const char *const outer[] = {"article", "main", "body"};

		for (int k = 0; k < 3 && a->text.len == 0; k++) {
			xmlNode *n = first_element(pg->root, outer[k]);

			if (n) {
				done = attempt_node(&t, n);
				consider(a, found, &t, done, margin);
			}
		}
	}
	if (a->text.len < RETRY_BELOW_BYTES || headline_in_junk_article(pg)) {
		best = best_by_score(pg, true, &stats);
		if (best) {
			/* Inside it, a wrapper with half its text is not
			 * boilerplate whatever its class says.  A short
			 * result (a headline) does not replace the
			 * strict one. */
			merge_siblings(&pk, best, pg->scope, true);
			done = attempt_pick(&t, &pk, score_text(best) / 2);
			pick_release(&pk);
			if (done)
				consider(a, found, &t, false, margin);
			else
				attempt_release(&t);
		}
		scores_clear(pg, stats);
	}
}

/* Text of n with ASCII white space removed, for comparing copies. */
static void
squeezed_text(struct nf_buf *out, const char *s, size_t n)
{
	nf_buf_reset(out);
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' &&
		    s[i] != '\r' && s[i] != '\v')
			nf_buf_append_char(out, s[i]);
	nf_buf_terminate(out);
}

/*
 * Hidden elements (print-only or AMP copies, display:none) are left out
 * of the text.  When one holds a copy of the body, count it, so the
 * record's repeats_removed says a copy was dropped.
 */
static size_t
count_hidden_copies(const struct page *pg, const struct nf_buf *text)
{
	struct nf_buf body = NF_BUF_INIT(0), copy = NF_BUF_INIT(0), norm;
	size_t copies = 0;

	if (text->len < 200)
		return 0;
	squeezed_text(&body, text->data, text->len);
	for (xmlNode *n = pg->root; n;) {
		bool descend = true;

		if (n->type == XML_ELEMENT_NODE && is_hidden(n) &&
		    !name_in(n, skip_tags)) {
			xmlChar *t = xmlNodeGetContent(n);

			descend = false;
			norm = (struct nf_buf)NF_BUF_INIT(0);
			if (t && nf_article_normalize(
				     &norm, (const char *)t,
				     strlen((const char *)t)) == NF_OK) {
				squeezed_text(&copy, norm.data ? norm.data : "",
					      norm.len);
				/* Most of the body, or the body inside it. */
				if (copy.len * 10 >= body.len * 8 &&
				    (memmem(copy.data, copy.len, body.data,
					    body.len) ||
				     memmem(body.data, body.len, copy.data,
					    copy.len)))
					copies++;
			}
			nf_buf_release(&norm);
			xmlFree(t);
		}
		n = next_node(n, NULL, descend);
	}
	nf_buf_release(&body);
	nf_buf_release(&copy);
	return copies;
}

/*
 * Legacy pages title themselves "매체 - 제목" and print the headline again
 * as the body's first line: when the first paragraph is the title's
 * first or last part, it is the title, and it leaves the text.
 */
static void
title_from_first_paragraph(struct nf_article *a)
{
	const char *p = a->text.data, *nl;
	size_t n;

	if (!a->title || !p || !*p)
		return;
	nl = strchr(p, '\n');
	n = nl ? (size_t)(nl - p) : a->text.len;
	if (n < 8 || n > 300 || n >= strlen(a->title))
		return;
	char *first = nf_xstrndup(p, n);
	if (title_part(a->title, first, n, false) ||
	    title_part(a->title, first, n, true)) {
		free(a->title);
		a->title = first;
		return;
	}
	free(first);
}

/* Video pages (연합뉴스TV) repeat the headline as the first line. */
static void
drop_title_paragraph(struct nf_article *a)
{
	size_t k;

	if (!a->title || !a->text.data)
		return;
	k = strlen(a->title);
	if (a->text.len >= k && memcmp(a->text.data, a->title, k) == 0 &&
	    (a->text.len == k || a->text.data[k] == '\n')) {
		while (k < a->text.len && a->text.data[k] == '\n')
			k++;
		memmove(a->text.data, a->text.data + k, a->text.len - k + 1);
		a->text.len -= k;
	}
}

nf_err
nf_article_from_html(struct nf_article *a, const char *utf8, size_t len,
		     const char *url, size_t max_bytes)
{
	struct nf_article_byline found = {0};
	struct nf_buf pruned = NF_BUF_INIT(0);
	struct page pg;

	if (max_bytes && len > max_bytes)
		return nf_fail(NF_ERR_LIMIT,
			       "article: page of %zu bytes exceeds %zu", len,
			       max_bytes);
	if (len > INT_MAX)
		return nf_fail(NF_ERR_LIMIT,
			       "article: page of %zu bytes is too large", len);
	nf_buf_terminate(&a->text);
	if (len == 0)
		return NF_OK;
	memset(&pg, 0, sizeof(pg));
	nf_prune_html(&pruned, utf8, len);
	pg.doc = htmlReadMemory(pruned.data, (int)pruned.len, url, "UTF-8",
				HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				    HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				    HTML_PARSE_COMPACT);
	nf_buf_release(&pruned);
	if (!pg.doc)
		return NF_OK; /* nothing parseable: an empty article */
	pg.root = xmlDocGetRootElement(pg.doc);
	if (pg.root) {
		collect(&pg);
		choose_body(a, &found, &pg);
		fill_meta(a, &pg, &found, url);
		a->hidden_copies = count_hidden_copies(&pg, &a->text);
		if (pg.origin_href)
			a->origin_url = nf_url_resolve(url, pg.origin_href);
	}
	title_from_first_paragraph(a);
	drop_title_paragraph(a);
	nf_buf_terminate(&a->text);
	page_release(&pg);
	nf_article_byline_release(&found);
	xmlFreeDoc(pg.doc);
	return NF_OK;
}
