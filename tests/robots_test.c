/*
 * Tests of crawler/robots.h: the 145 google/robotstxt matcher cases, the
 * crawler-commons files with their expectations (allow/disallow and
 * Crawl-delay), user-agent validity, pattern escaping, path extraction,
 * sitemap lines, and our own table tests/data/robots/cases.tsv.
 *
 * The shared TSV files start with a '#' header line: they are read with
 * nf_tsv_load_hashed() and by column number.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "crawler/robots.h"

/* Field i of a row ("" past its end). */
static const char *
field(const struct nf_tsv_row *r, size_t i)
{
	return nf_tsv_get(r, (int)i);
}

static bool
allowed_url(const char *body, size_t len, const char *agent, const char *url)
{
	struct nf_robots *r;
	char *path = nf_robots_path(url);
	bool ok;

	if (nf_robots_parse(&r, body, len) != NF_OK) {
		free(path);
		return false;
	}
	ok = nf_robots_allowed(r, agent, path);
	nf_robots_free(r);
	free(path);
	return ok;
}

/* id test scope expected useragent url robotstxt */
static void
test_google_cases(void)
{
	size_t n, pass = 0;
	struct nf_tsv t;
	struct nf_tsv_row *rows;

	nf_tsv_load_hashed(&t, nf_test_shared("corpus/robotstxt/cases.tsv"),
			   true);
	rows = t.rows;
	n = t.nrows;

	for (size_t i = 0; i < n; i++) {
		const struct nf_tsv_row *r = &rows[i];
		bool want = strcmp(field(r, 3), "allow") == 0;
		bool got =
		    allowed_url(field(r, 6), r->nfields > 6 ? r->lens[6] : 0,
				field(r, 4), field(r, 5));

		NF_CHECK(got == want,
			 "cases.tsv:%d id %s %s: agent '%s' url '%s' want %s",
			 r->line, field(r, 0), field(r, 1), field(r, 4),
			 field(r, 5), field(r, 3));
		pass += got == want;
	}
	printf("robotstxt: %zu/%zu\n", pass, n);
	nf_tsv_free(&t);
}

/* file useragent url expected crawl_delay_s */
static void
test_crawler_commons(void)
{
	size_t n, pass = 0, delays = 0, delays_ok = 0;
	struct nf_tsv t;
	struct nf_tsv_row *rows;

	nf_tsv_load_hashed(
	    &t, nf_test_shared("corpus/robotstxt/crawler-commons/expected.tsv"),
	    false);
	rows = t.rows;
	n = t.nrows;

	for (size_t i = 0; i < n; i++) {
		const struct nf_tsv_row *r = &rows[i];
		char rel[256];
		size_t len;
		char *body;
		struct nf_robots *rb;
		char *path;
		bool want = strcmp(field(r, 3), "allow") == 0, got;
		const char *wd = field(r, 4);

		snprintf(rel, sizeof(rel),
			 "corpus/robotstxt/crawler-commons/%s", field(r, 0));
		body = nf_test_slurp(nf_test_shared(rel), &len);
		NF_CHECK(nf_robots_parse(&rb, body, len) == NF_OK, "%s", rel);
		path = nf_robots_path(field(r, 2));
		got = nf_robots_allowed(rb, field(r, 1), path);
		NF_CHECK(got == want, "expected.tsv:%d %s %s %s want %s",
			 r->line, field(r, 0), field(r, 1), field(r, 2),
			 field(r, 3));
		if (strcmp(wd, "-") != 0) {
			double d = nf_robots_crawl_delay(rb, field(r, 1));
			bool ok = strcmp(wd, "none") == 0
				      ? d < 0
				      : d == strtod(wd, NULL);

			delays++;
			delays_ok += ok;
			NF_CHECK(ok,
				 "expected.tsv:%d %s crawl-delay %g want %s",
				 r->line, field(r, 1), d, wd);
		}
		pass += got == want;
		free(path);
		free(body);
		nf_robots_free(rb);
	}
	printf("crawler-commons: %zu/%zu allow/disallow, %zu/%zu crawl-delay\n",
	       pass, n, delays_ok, delays);
	nf_tsv_free(&t);
}

static void
test_small_tables(void)
{
	size_t n;
	struct nf_tsv t;
	struct nf_tsv_row *rows;

	/* test valid useragent */
	nf_tsv_load_hashed(
	    &t, nf_test_shared("corpus/robotstxt/useragent_valid.tsv"), true);
	rows = t.rows;
	n = t.nrows;
	for (size_t i = 0; i < n; i++) {
		const char *ua = field(&rows[i], 2);
		bool want = strcmp(field(&rows[i], 1), "true") == 0;

		NF_CHECK(nf_robots_agent_valid(
			     strcmp(ua, "<null>") ? ua : NULL) == want,
			 "useragent_valid.tsv:%d '%s'", rows[i].line, ua);
	}
	nf_tsv_free(&t);

	nf_tsv_load_hashed(
	    &t, nf_test_shared("corpus/robotstxt/escape_pattern.tsv"), true);
	rows = t.rows;
	n = t.nrows;
	for (size_t i = 0; i < n; i++) {
		char *got = nf_robots_escape_pattern(field(&rows[i], 0));

		NF_CHECK_STR(got, field(&rows[i], 1));
		free(got);
	}
	nf_tsv_free(&t);

	nf_tsv_load_hashed(
	    &t, nf_test_shared("corpus/robotstxt/path_params_query.tsv"), true);
	rows = t.rows;
	n = t.nrows;
	for (size_t i = 0; i < n; i++) {
		char *got = nf_robots_path(field(&rows[i], 0));

		NF_CHECK_STR(got, field(&rows[i], 1));
		free(got);
	}
	nf_tsv_free(&t);

	/* test valid unknown last_line sitemap robotstxt: only sitemap applies
	 */
	nf_tsv_load_hashed(
	    &t, nf_test_shared("corpus/robotstxt/parse_stats.tsv"), true);
	rows = t.rows;
	n = t.nrows;
	for (size_t i = 0; i < n; i++) {
		const struct nf_tsv_row *r = &rows[i];
		struct nf_robots *rb;
		const char *const *sm;
		size_t nsm;

		if (!*field(r, 4))
			continue;
		NF_CHECK(nf_robots_parse(&rb, field(r, 5), r->lens[5]) == NF_OK,
			 "parse");
		nsm = nf_robots_sitemaps(rb, &sm);
		NF_CHECK(nsm == 1 && strcmp(sm[0], field(r, 4)) == 0,
			 "parse_stats.tsv:%d sitemap", r->line);
		nf_robots_free(rb);
	}
	nf_tsv_free(&t);
}

static void
test_sitemaps_and_bom(void)
{
	size_t len, nsm;
	char *body = nf_test_slurp(
	    nf_test_shared(
		"corpus/robotstxt/crawler-commons/sitemap-robots.txt"),
	    &len);
	struct nf_robots *rb;
	const char *const *sm;

	NF_CHECK(nf_robots_parse(&rb, body, len) == NF_OK, "sitemap-robots");
	nsm = nf_robots_sitemaps(rb, &sm);
	NF_CHECK(nsm == 3, "sitemap-robots.txt: %zu sitemaps", nsm);
	nf_robots_free(rb);
	free(body);

	const char *boms[] = {"robots-with-utf8-bom.txt",
			      "robots-with-utf16le-bom.txt"};
	for (size_t i = 0; i < 2; i++) {
		char rel[128];

		snprintf(rel, sizeof(rel),
			 "corpus/robotstxt/crawler-commons/%s", boms[i]);
		body = nf_test_slurp(nf_test_shared(rel), &len);
		NF_CHECK(nf_robots_parse(&rb, body, len) == NF_OK, "%s", rel);
		NF_CHECK(rb != NULL, "%s", rel);
		nf_robots_free(rb);
		free(body);
	}
}

/* Our table: agent path expected robotstxt (escaped), and the fixed rule sets.
 */
static void
test_own_cases(void)
{
	struct nf_tsv t;
	struct nf_robots *r;

	nf_tsv_load(&t, nf_test_data("data/robots/cases.tsv"), true);
	for (size_t i = 0; i < t.nrows; i++) {
		const struct nf_tsv_row *row = &t.rows[i];
		const char *body = nf_tsv_get(row, nf_tsv_col(&t, "robotstxt"));
		const char *delay =
		    nf_tsv_get(row, nf_tsv_col(&t, "crawl_delay"));
		bool want = strcmp(nf_tsv_get(row, nf_tsv_col(&t, "expected")),
				   "allow") == 0;

		NF_CHECK(nf_robots_parse(&r, body, strlen(body)) == NF_OK,
			 "parse");
		NF_CHECK(nf_robots_allowed(
			     r, nf_tsv_get(row, nf_tsv_col(&t, "agent")),
			     nf_tsv_get(row, nf_tsv_col(&t, "path"))) == want,
			 "%s:%d", row->file, row->line);
		if (*delay) {
			double d = nf_robots_crawl_delay(
			    r, nf_tsv_get(row, nf_tsv_col(&t, "agent")));

			NF_CHECK(strcmp(delay, "none") == 0
				     ? d < 0
				     : d == strtod(delay, NULL),
				 "%s:%d crawl-delay %g", row->file, row->line,
				 d);
		}
		nf_robots_free(r);
	}
	nf_tsv_free(&t);

	r = nf_robots_allow_all();
	NF_CHECK(nf_robots_allowed(r, "newsfact", "/x"), "allow_all");
	NF_CHECK(nf_robots_crawl_delay(r, "newsfact") < 0, "allow_all delay");
	nf_robots_free(r);
	r = nf_robots_disallow_all();
	NF_CHECK(!nf_robots_allowed(r, "newsfact", "/x"), "disallow_all");
	nf_robots_free(r);
	NF_CHECK(nf_robots_parse(&r, NULL, 0) == NF_OK && r, "empty");
	NF_CHECK(nf_robots_allowed(r, "newsfact", "/"), "empty allows");
	nf_robots_free(r);
}

/* Caps and pathological inputs: never a crash, never quadratic blow-up. */
static void
test_robustness(void)
{
	size_t big = NF_ROBOTS_MAX_BYTES + 4096;
	char *body = nf_xmalloc(big + 1);
	struct nf_robots *r;
	size_t k = 0;
	const char head[] = "User-agent: *\nDisallow: /a\n";

	memcpy(body, head, sizeof(head) - 1);
	k = sizeof(head) - 1;
	while (k < NF_ROBOTS_MAX_BYTES - 5)
		body[k++] = 'x';
	body[k++] = '\n';
	while (k < big) {
		/* past the cap: must be ignored */
		const char tail[] = "Disallow: /b\n";
		size_t m = sizeof(tail) - 1;

		if (k + m > big)
			break;
		memcpy(body + k, tail, m);
		k += m;
	}
	NF_CHECK(nf_robots_parse(&r, body, k) == NF_OK, "big");
	NF_CHECK(!nf_robots_allowed(r, "newsfact", "/a"), "big /a");
	NF_CHECK(nf_robots_allowed(r, "newsfact", "/b"),
		 "rule past 500 KiB ignored");
	nf_robots_free(r);

	/* a long run of stars against a long path */
	k = 0;
	memcpy(body, "User-agent: *\nDisallow: /", 25);
	k = 25;
	for (int i = 0; i < 10000; i++)
		body[k++] = '*';
	body[k++] = 'z';
	body[k++] = '$';
	NF_CHECK(nf_robots_parse(&r, body, k) == NF_OK, "stars");
	memset(body, 'a', 20000);
	body[0] = '/';
	body[20000] = '\0';
	NF_CHECK(nf_robots_allowed(r, "newsfact", body),
		 "stars vs a long path");
	nf_robots_free(r);

	/* binary noise */
	for (size_t i = 0; i < 65536; i++)
		body[i] = (char)((i * 2654435761u) >> 13);
	NF_CHECK(nf_robots_parse(&r, body, 65536) == NF_OK, "noise");
	(void)nf_robots_allowed(r, "newsfact", "/");
	nf_robots_free(r);
	free(body);
}

int
main(void)
{
	test_google_cases();
	test_crawler_commons();
	test_small_tables();
	test_sitemaps_and_bom();
	test_own_cases();
	test_robustness();
	return nf_test_done("robots_test");
}
