/*
 * crawler/robots.c - robots.txt parsing and matching.
 *
 * The parser follows google/robotstxt line by line, including its
 * Google-only leniencies (a missing colon, "user agent" and "disalow"
 * typos, user-agent values cut at the first non-token byte, 16664-byte
 * lines), because those are what publishers test their files against.
 * Groups are built once at parse time; a query then walks the groups
 * instead of re-reading the file as Google's streaming matcher does.
 */
#include "crawler/robots.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/banned.h"

/* Google's cap on one line: 8 times the longest URL IE accepted. */
#define MAX_LINE (2083 * 8)

struct rule {
	bool allow;
	char *pattern;	 /* escaped */
	char *index_alt; /* ".../" + "$" for an Allow of ".../index.htm*" */
};

struct agent {
	char *token;  /* NULL for "*" */
	double delay; /* Crawl-delay given after this line, or -1 */
};

struct group {
	struct agent *agents;
	size_t nagents;
	struct rule *rules;
	size_t nrules;
};

struct nf_robots {
	struct group *groups;
	size_t ngroups;
	struct nf_strv sitemaps;
	int fixed; /* 0: parsed; 1: allow all; -1: disallow all */
};

bool
nf_robots_agent_valid(const char *agent)
{
	if (!agent || !*agent)
		return false;
	for (const char *p = agent; *p; p++)
		if (!isalpha((unsigned char)*p) && *p != '-' && *p != '_')
			return false;
	return true;
}

static bool
is_hex(char c)
{
	return isxdigit((unsigned char)c) != 0;
}

char *
nf_robots_escape_pattern(const char *pattern)
{
	static const char hex[] = "0123456789ABCDEF";
	struct nf_buf b = NF_BUF_INIT(0);
	size_t n = strlen(pattern);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)pattern[i];

		if (c == '%' && i + 2 < n && is_hex(pattern[i + 1]) &&
		    is_hex(pattern[i + 2])) {
			nf_buf_append_char(&b, '%');
			nf_buf_append_char(&b, (char)toupper(pattern[i + 1]));
			nf_buf_append_char(&b, (char)toupper(pattern[i + 2]));
			i += 2;
		} else if (c & 0x80) {
			nf_buf_append_char(&b, '%');
			nf_buf_append_char(&b, hex[c >> 4]);
			nf_buf_append_char(&b, hex[c & 15]);
		} else {
			nf_buf_append_char(&b, (char)c);
		}
	}
	return nf_buf_detach(&b);
}

char *
nf_robots_path(const char *url)
{
	size_t n = url ? strlen(url) : 0;
	size_t start = 0, proto, path, hash, end;
	const char *p;

	if (n >= 2 && url[0] == '/' && url[1] == '/')
		start = 2;
	path = start + strcspn(url + start, "/?;");
	p = strstr(url + start, "://");
	proto = p ? (size_t)(p - url) : n;
	if (path < proto)
		proto = n;
	proto = proto == n ? start : proto + 3;
	path = proto + strcspn(url + proto, "/?;");
	if (path >= n)
		return nf_xstrdup("/");
	p = strchr(url + start, '#');
	hash = p ? (size_t)(p - url) : n;
	if (hash < path)
		return nf_xstrdup("/");
	end = hash;
	if (url[path] != '/') {
		struct nf_buf b = NF_BUF_INIT(0);

		nf_buf_append_char(&b, '/');
		nf_buf_append(&b, url + path, end - path);
		return nf_buf_detach(&b);
	}
	return nf_xstrndup(url + path, end - path);
}

/*
 * Does `pattern` match a prefix of `path`?  '*' matches any run of bytes
 * and a final '$' anchors the end.  `pos` holds the set of path offsets
 * reachable so far, kept sorted, so this is O(pattern × path) at worst.
 */
static bool
matches(const char *path, size_t pathlen, const char *pattern, size_t *pos)
{
	size_t npos = 1;

	pos[0] = 0;
	for (const char *pat = pattern; *pat; pat++) {
		if (*pat == '$' && pat[1] == '\0')
			return pos[npos - 1] == pathlen;
		if (*pat == '*') {
			npos = pathlen - pos[0] + 1;
			for (size_t i = 1; i < npos; i++)
				pos[i] = pos[i - 1] + 1;
		} else {
			size_t k = 0;

			for (size_t i = 0; i < npos; i++)
				if (pos[i] < pathlen && path[pos[i]] == *pat)
					pos[k++] = pos[i] + 1;
			npos = k;
			if (npos == 0)
				return false;
		}
	}
	return true;
}

static bool
starts_with_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

enum key { KEY_UA, KEY_ALLOW, KEY_DISALLOW, KEY_SITEMAP, KEY_DELAY, KEY_OTHER };

static enum key
parse_key(const char *k)
{
	static const char *const disallow[] = {"disallow", "dissallow",
					       "dissalow", "disalow",
					       "diasllow", "disallaw"};

	if (starts_with_ci(k, "user-agent") || starts_with_ci(k, "useragent") ||
	    starts_with_ci(k, "user agent"))
		return KEY_UA;
	if (starts_with_ci(k, "allow"))
		return KEY_ALLOW;
	for (size_t i = 0; i < sizeof(disallow) / sizeof(disallow[0]); i++)
		if (starts_with_ci(k, disallow[i]))
			return KEY_DISALLOW;
	if (starts_with_ci(k, "sitemap") || starts_with_ci(k, "site-map"))
		return KEY_SITEMAP;
	if (strcasecmp(k, "crawl-delay") == 0 ||
	    strcasecmp(k, "crawldelay") == 0 ||
	    strcasecmp(k, "crawl delay") == 0)
		return KEY_DELAY;
	return KEY_OTHER;
}

static char *
strip(char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

struct parser {
	struct nf_robots *r;
	struct group *cur; /* the group user-agent lines are added to */
	bool separator;	   /* a rule was seen since the last user-agent */
};

static struct group *
new_group(struct nf_robots *r)
{
	r->groups =
	    nf_xrealloc(r->groups, (r->ngroups + 1) * sizeof(*r->groups));
	memset(&r->groups[r->ngroups], 0, sizeof(r->groups[0]));
	return &r->groups[r->ngroups++];
}

static void
add_agent(struct parser *ps, const char *value)
{
	struct group *g;
	struct agent *a;

	if (!ps->cur || ps->separator)
		ps->cur = new_group(ps->r);
	ps->separator = false;
	g = ps->cur;
	g->agents =
	    nf_xrealloc(g->agents, (g->nagents + 1) * sizeof(*g->agents));
	a = &g->agents[g->nagents++];
	a->delay = -1;
	/* Google: "* anything" is still the global group. */
	if (value[0] == '*' &&
	    (value[1] == '\0' || isspace((unsigned char)value[1]))) {
		a->token = NULL;
	} else {
		size_t n = 0;

		while (isalpha((unsigned char)value[n]) || value[n] == '-' ||
		       value[n] == '_')
			n++;
		a->token = nf_xstrndup(value, n);
	}
}

static void
add_rule(struct parser *ps, bool allow, const char *value)
{
	struct group *g = ps->cur;
	struct rule *rl;
	const char *slash;

	if (!g)
		return; /* rules before any user-agent belong to nobody */
	ps->separator = true;
	g->rules = nf_xrealloc(g->rules, (g->nrules + 1) * sizeof(*g->rules));
	rl = &g->rules[g->nrules++];
	rl->allow = allow;
	rl->pattern = nf_robots_escape_pattern(value);
	rl->index_alt = NULL;
	/* Google: an allowed ".../index.html" also allows its directory. */
	slash = strrchr(rl->pattern, '/');
	if (allow && slash && strncmp(slash, "/index.htm", 10) == 0) {
		size_t n = (size_t)(slash - rl->pattern) + 1;
		struct nf_buf b = NF_BUF_INIT(0);

		nf_buf_append(&b, rl->pattern, n);
		nf_buf_append_char(&b, '$');
		rl->index_alt = nf_buf_detach(&b);
	}
}

static void
set_delay(struct parser *ps, const char *value)
{
	char *end;
	double d;

	if (!ps->cur)
		return;
	d = strtod(value, &end);
	if (end == value || d < 0 || d != d)
		return;
	/*
	 * crawler-commons semantics: a Crawl-delay belongs to the user-agent
	 * lines above it, not to agents named later in the same group.
	 */
	for (size_t i = 0; i < ps->cur->nagents; i++)
		if (ps->cur->agents[i].delay < 0)
			ps->cur->agents[i].delay = d;
}

static void
parse_line(struct parser *ps, char *line)
{
	char *hash = strchr(line, '#');
	char *sep, *key, *value;

	if (hash)
		*hash = '\0';
	line = strip(line);
	sep = strchr(line, ':');
	if (!sep) {
		/* Google: "Disallow /x" with exactly two words is accepted. */
		sep = strpbrk(line, " \t");
		if (sep && strpbrk(sep + strspn(sep, " \t"), " \t"))
			return;
	}
	if (!sep)
		return;
	*sep = '\0';
	key = strip(line);
	if (!*key)
		return;
	value = strip(sep + 1);
	switch (parse_key(key)) {
	case KEY_UA:
		add_agent(ps, value);
		break;
	case KEY_ALLOW:
		add_rule(ps, true, value);
		break;
	case KEY_DISALLOW:
		add_rule(ps, false, value);
		break;
	case KEY_SITEMAP:
		if (*value)
			nf_strv_push(&ps->r->sitemaps, nf_xstrdup(value));
		break;
	case KEY_DELAY:
		set_delay(ps, value);
		break;
	case KEY_OTHER:
		/*
		 * crawler-commons: a bare "http://host/sitemap.xml" line is a
		 * Sitemap whose "sitemap:" was forgotten.
		 */
		if ((strcasecmp(key, "http") == 0 ||
		     strcasecmp(key, "https") == 0) &&
		    value[0] == '/' && value[1] == '/') {
			struct nf_buf b = NF_BUF_INIT(0);

			nf_buf_printf(&b, "%s:%s", key, value);
			nf_strv_push(&ps->r->sitemaps, nf_buf_detach(&b));
		}
		break;
	}
}

/*
 * A UTF-16 file (seen in the wild with a BOM) is re-encoded as UTF-8 so
 * the ASCII directives in it parse.
 */
static char *
from_utf16(const unsigned char *s, size_t len, bool le, size_t *outlen)
{
	struct nf_buf b = NF_BUF_INIT(0);

	for (size_t i = 2; i + 1 < len; i += 2) {
		uint32_t cp = le ? (uint32_t)(s[i] | s[i + 1] << 8)
				 : (uint32_t)(s[i] << 8 | s[i + 1]);
		char enc[4];

		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = 0xFFFD;
		nf_buf_append(&b, enc, nf_utf8_encode(cp, enc));
	}
	nf_buf_terminate(&b);
	*outlen = b.len;
	return nf_buf_detach(&b);
}

nf_err
nf_robots_parse(struct nf_robots **out, const char *body, size_t len)
{
	static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
	struct parser ps = {0};
	const unsigned char *s = (const unsigned char *)body;
	char *utf16 = NULL;
	char *line;
	size_t linelen = 0, bompos = 0, i = 0;
	bool last_cr = false;

	*out = NULL;
	if (!body && len)
		return nf_fail(NF_ERR_USAGE, "robots: NULL body");
	if (len > NF_ROBOTS_MAX_BYTES)
		len = NF_ROBOTS_MAX_BYTES;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
			 (s[0] == 0xFE && s[1] == 0xFF))) {
		utf16 = from_utf16(s, len, s[0] == 0xFF, &len);
		s = (const unsigned char *)utf16;
	}
	ps.r = nf_xcalloc(1, sizeof(*ps.r));
	line = nf_xmalloc(MAX_LINE);
	/* Google skips any prefix of a UTF-8 BOM, even a broken one. */
	for (; i < len && bompos < sizeof(bom) && s[i] == bom[bompos]; i++)
		bompos++;
	for (; i < len; i++) {
		unsigned char c = s[i];

		if (c != '\n' && c != '\r') {
			if (linelen < MAX_LINE - 1)
				line[linelen++] = (char)c;
			continue;
		}
		if (!(linelen == 0 && last_cr && c == '\n')) {
			line[linelen] = '\0';
			parse_line(&ps, line);
		}
		linelen = 0;
		last_cr = c == '\r';
	}
	line[linelen] = '\0';
	parse_line(&ps, line);
	free(line);
	free(utf16);
	*out = ps.r;
	return NF_OK;
}

struct nf_robots *
nf_robots_allow_all(void)
{
	struct nf_robots *r = nf_xcalloc(1, sizeof(*r));

	r->fixed = 1;
	return r;
}

struct nf_robots *
nf_robots_disallow_all(void)
{
	struct nf_robots *r = nf_xcalloc(1, sizeof(*r));

	r->fixed = -1;
	return r;
}

void
nf_robots_free(struct nf_robots *r)
{
	if (!r)
		return;
	for (size_t g = 0; g < r->ngroups; g++) {
		struct group *gr = &r->groups[g];

		for (size_t i = 0; i < gr->nagents; i++)
			free(gr->agents[i].token);
		for (size_t i = 0; i < gr->nrules; i++) {
			free(gr->rules[i].pattern);
			free(gr->rules[i].index_alt);
		}
		free(gr->agents);
		free(gr->rules);
	}
	free(r->groups);
	nf_strv_release(&r->sitemaps);
	free(r);
}

/* Does group `g` name `agent` (specific) or `*` (global)? */
static void
group_names(const struct group *g, const char *agent, bool *specific,
	    bool *global)
{
	*specific = *global = false;
	for (size_t i = 0; i < g->nagents; i++) {
		if (!g->agents[i].token)
			*global = true;
		else if (strcasecmp(g->agents[i].token, agent) == 0)
			*specific = true;
	}
}

/* The priority (pattern length) of the best match of `rl`, or -1. */
static long
rule_priority(const struct rule *rl, const char *path, size_t pathlen,
	      size_t *pos)
{
	if (matches(path, pathlen, rl->pattern, pos))
		return (long)strlen(rl->pattern);
	if (rl->index_alt && matches(path, pathlen, rl->index_alt, pos))
		return (long)strlen(rl->index_alt);
	return -1;
}

bool
nf_robots_allowed(const struct nf_robots *r, const char *agent,
		  const char *path_and_query)
{
	/* [0] specific, [1] global; priorities of the best allow/disallow */
	long allow[2] = {-1, -1}, disallow[2] = {-1, -1};
	bool any_specific = false;
	const char *path = path_and_query ? path_and_query : "";
	size_t pathlen = strlen(path);
	size_t *pos;

	if (r->fixed)
		return r->fixed > 0;
	if (strcmp(path, "/robots.txt") == 0)
		return true;
	if (!agent)
		agent = "";
	pos = nf_xmalloc((pathlen + 1) * sizeof(*pos));
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct group *gr = &r->groups[g];
		bool specific, global;

		group_names(gr, agent, &specific, &global);
		any_specific |= specific;
		if (!specific && !global)
			continue;
		for (size_t i = 0; i < gr->nrules; i++) {
			long p =
			    rule_priority(&gr->rules[i], path, pathlen, pos);
			long *best = gr->rules[i].allow ? allow : disallow;

			if (specific && p > best[0])
				best[0] = p;
			if (global && p > best[1])
				best[1] = p;
		}
	}
	free(pos);
	/* A match of priority 0 is an empty pattern: it decides nothing. */
	if (allow[0] > 0 || disallow[0] > 0)
		return disallow[0] <= allow[0];
	if (any_specific)
		return true;
	if (allow[1] > 0 || disallow[1] > 0)
		return disallow[1] <= allow[1];
	return true;
}

double
nf_robots_crawl_delay(const struct nf_robots *r, const char *agent)
{
	double specific = -1, global = -1;
	bool any_specific = false;

	if (!agent)
		agent = "";
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct group *gr = &r->groups[g];

		for (size_t i = 0; i < gr->nagents; i++) {
			const struct agent *a = &gr->agents[i];

			/* Several delays for one agent: the longest is the
			 * polite one. */
			if (!a->token) {
				if (a->delay > global)
					global = a->delay;
			} else if (strcasecmp(a->token, agent) == 0) {
				any_specific = true;
				if (a->delay > specific)
					specific = a->delay;
			}
		}
	}
	return any_specific ? specific : global;
}

size_t
nf_robots_sitemaps(const struct nf_robots *r, const char *const **out)
{
	*out = (const char *const *)r->sitemaps.v;
	return r->sitemaps.n;
}
