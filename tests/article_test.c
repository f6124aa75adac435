/*
 * tests/article_test.c - main text and metadata extraction.
 *
 * Fixture pages (tests/data/article/NAME.html, invented text) are checked
 * field by field against their .json expectations; the real Korean pages
 * of the shared corpus are read in place (their licence forbids copying
 * them here) and checked against tests/data/article/ko-news.tsv, with a
 * token 4-gram F1 against the scraper output beside them.
 *
 * `article_test FILE.html` prints what the extractor makes of one page.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <unicode/uchar.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "extract/article.h"
#include "testlib.h"

static void
dump(const struct nf_article *a)
{
	printf("title: %s\nsite_name: %s\npublished: %s\nmodified: %s\n"
	       "section: %s\ncanonical: %s\nlang: %s\n",
	       a->title ? a->title : "(null)",
	       a->site_name ? a->site_name : "(null)",
	       a->published ? a->published : "(null)",
	       a->modified ? a->modified : "(null)",
	       a->section ? a->section : "(null)",
	       a->canonical_url ? a->canonical_url : "(null)",
	       a->lang ? a->lang : "(null)");
	for (size_t i = 0; i < a->authors.n; i++)
		printf("author: %s\n", a->authors.v[i]);
	for (size_t i = 0; i < a->captions.n; i++)
		printf("caption: %s\n", a->captions.v[i]);
	printf("text:\n%s\n", a->text.data ? a->text.data : "");
}

/* ---- the shingle F1 of shared/peers/shingle_score.py ----------------- */

/* Python's \w: letters, digits (categories L and N) and '_'. */
static bool
is_word_cp(uint32_t c)
{
	int8_t t = u_charType((UChar32)c);

	return c == '_' || (t >= U_UPPERCASE_LETTER && t <= U_OTHER_LETTER) ||
	       (t >= U_DECIMAL_DIGIT_NUMBER && t <= U_OTHER_NUMBER);
}

struct tokens {
	uint64_t *hash; /* one hash per \w+ token */
	size_t n, alloc;
};

static void
tokenize(struct tokens *t, const char *s, size_t len)
{
	size_t i = 0;

	t->n = 0;
	while (i < len) {
		uint64_t h = 1469598103934665603ull;
		bool in = false;

		while (i < len) {
			size_t j = i;
			uint32_t c = nf_utf8_next(s, len, &j);

			if (!is_word_cp(c)) {
				i = j;
				if (in)
					break;
				continue;
			}
			for (size_t k = i; k < j; k++)
				h = (h ^ (unsigned char)s[k]) *
				    1099511628211ull;
			in = true;
			i = j;
		}
		if (!in)
			break;
		if (t->n == t->alloc) {
			t->alloc = t->alloc ? t->alloc * 2 : 256;
			t->hash = realloc(t->hash, t->alloc * sizeof(*t->hash));
		}
		t->hash[t->n++] = h;
	}
}

static int
u64cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted 4-gram shingle hashes (one shingle for texts under 4 tokens). */
static uint64_t *
shingles(const char *s, size_t len, size_t *n)
{
	struct tokens t = {0};
	uint64_t *sh;

	tokenize(&t, s, len);
	if (t.n == 0) {
		*n = 0;
		free(t.hash);
		return NULL;
	}
	*n = t.n < 4 ? 1 : t.n - 3;
	sh = malloc(*n * sizeof(*sh));
	for (size_t i = 0; i < *n; i++) {
		uint64_t h = 0;

		for (size_t k = i; k < i + 4 && k < t.n; k++)
			h = h * 0x9E3779B97F4A7C15ull + t.hash[k];
		sh[i] = h;
	}
	qsort(sh, *n, sizeof(*sh), u64cmp);
	free(t.hash);
	return sh;
}

struct prf {
	double p, r, f;
};

static struct prf
shingle_prf(const char *truth, const char *pred)
{
	size_t nt, np, i = 0, j = 0, tp = 0;
	uint64_t *t = shingles(truth, strlen(truth), &nt);
	uint64_t *p = shingles(pred, strlen(pred), &np);
	struct prf r = {0, 0, 0};

	while (i < nt && j < np) {
		if (t[i] == p[j]) {
			tp++;
			i++;
			j++;
		} else if (t[i] < p[j]) {
			i++;
		} else {
			j++;
		}
	}
	if (nt == np && tp == nt) {
		r.p = r.r = r.f = 1;
	} else {
		r.p = np ? (double)tp / (double)np : 0;
		r.r = nt ? (double)tp / (double)nt : 0;
		r.f = r.p + r.r > 0 ? 2 * r.p * r.r / (r.p + r.r) : 0;
	}
	free(t);
	free(p);
	return r;
}

/* ---- helpers ---------------------------------------------------------- */

static char *
slurp_str(const char *path, size_t *len)
{
	return nf_test_slurp(path, len);
}

static bool
has(const char *hay, const char *needle)
{
	return hay && needle && strstr(hay, needle);
}

static bool
starts_with(const char *s, const char *p)
{
	return s && strncmp(s, p, strlen(p)) == 0;
}

static bool
ends_with_str(const char *s, const char *p)
{
	size_t n = s ? strlen(s) : 0, k = strlen(p);

	return n >= k && memcmp(s + n - k, p, k) == 0;
}

/* "a|b|c" compared with a string vector. */
static bool
list_equals(const struct nf_strv *v, const char *want)
{
	size_t i = 0;
	const char *p = want;

	if (!*want)
		return v->n == 0;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t k = bar ? (size_t)(bar - p) : strlen(p);

		if (i >= v->n || strlen(v->v[i]) != k ||
		    memcmp(v->v[i], p, k) != 0)
			return false;
		i++;
		p += k;
		if (*p == '|')
			p++;
	}
	return i == v->n;
}

static void
print_list(const char *what, const struct nf_strv *v)
{
	fprintf(stderr, "  %s:", what);
	for (size_t i = 0; i < v->n; i++)
		fprintf(stderr, " [%s]", v->v[i]);
	fputc('\n', stderr);
}

/* ---- 1. fixture pages ------------------------------------------------- */

static const char *
json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool
json_list_equals(const struct nf_strv *v, const cJSON *arr)
{
	size_t i = 0;
	const cJSON *e;

	if (!arr)
		return true;
	cJSON_ArrayForEach(e, arr)
	{
		if (i >= v->n || !cJSON_IsString(e) ||
		    strcmp(v->v[i], e->valuestring) != 0)
			return false;
		i++;
	}
	return i == v->n;
}

static void
check_fixture(const char *name)
{
	char rel[256];
	size_t len, jlen;
	char *html, *js;
	cJSON *want, *e;
	struct nf_article a;
	const char *w;

	snprintf(rel, sizeof(rel), "data/article/%s.html", name);
	html = slurp_str(nf_test_data(rel), &len);
	snprintf(rel, sizeof(rel), "data/article/%s.json", name);
	js = slurp_str(nf_test_data(rel), &jlen);
	want = cJSON_Parse(js);
	NF_CHECK(want != NULL, "%s.json does not parse", name);
	if (!want)
		goto out;
	nf_article_init(&a);
	NF_CHECK(nf_article_from_html(&a, html, len, NULL, 0) == NF_OK,
		 "%s: %s", name, nf_last_error());
	static const char *const fields[] = {
	    "title",	     "site_name", "published",	"modified", "section",
	    "canonical_url", "lang",	  "origin_url", "text",	    NULL};
	for (int k = 0; fields[k]; k++) {
		const char *got = NULL;

		if (!cJSON_HasObjectItem(want, fields[k]))
			continue;
		w = json_str(want, fields[k]);
		switch (k) {
		case 0:
			got = a.title;
			break;
		case 1:
			got = a.site_name;
			break;
		case 2:
			got = a.published;
			break;
		case 3:
			got = a.modified;
			break;
		case 4:
			got = a.section;
			break;
		case 5:
			got = a.canonical_url;
			break;
		case 6:
			got = a.lang;
			break;
		case 7:
			got = a.origin_url;
			break;
		default:
			got = a.text.data;
			break;
		}
		if (!nf_test_streq(got, w))
			fprintf(stderr, "%s: field %s\n", name, fields[k]);
		NF_CHECK_STR(got, w);
	}
	if (!json_list_equals(&a.authors, cJSON_GetObjectItemCaseSensitive(
					      want, "authors"))) {
		fprintf(stderr, "%s: authors differ\n", name);
		print_list("got", &a.authors);
		NF_CHECK(false, "%s authors", name);
	} else {
		NF_CHECK(true, "ok");
	}
	if (!json_list_equals(&a.captions, cJSON_GetObjectItemCaseSensitive(
					       want, "captions"))) {
		fprintf(stderr, "%s: captions differ\n", name);
		print_list("got", &a.captions);
		NF_CHECK(false, "%s captions", name);
	} else {
		NF_CHECK(true, "ok");
	}
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(want, "absent"))
	{
		NF_CHECK(!has(a.text.data, e->valuestring),
			 "%s: text holds \"%s\"", name, e->valuestring);
	}
	nf_article_release(&a);
out:
	cJSON_Delete(want);
	free(html);
	free(js);
}

static void
test_fixtures(void)
{
	struct nf_tsv t;
	int col;

	nf_tsv_load(&t, nf_test_data("data/article/fixtures.tsv"), false);
	col = nf_tsv_col(&t, "name");
	for (size_t i = 0; i < t.nrows; i++)
		check_fixture(nf_tsv_get(&t.rows[i], col));
	nf_tsv_free(&t);
}

/* ---- 2. real pages ----------------------------------------------------- */

/* The expected text beside a page: .expected.txt, or the JSON's
 * "articleBody" / "text" / "cleaned_text" (a list uses its first item). */
static char *
expected_text(const char *page)
{
	char rel[512];
	FILE *f;
	char *js, *out = NULL;
	cJSON *j, *v = NULL;

	snprintf(rel, sizeof(rel), "corpus/ko-news/pages/%s.expected.txt",
		 page);
	f = fopen(nf_test_shared(rel), "rb");
	if (f) {
		fclose(f);
		return slurp_str(nf_test_shared(rel), NULL);
	}
	snprintf(rel, sizeof(rel), "corpus/ko-news/pages/%s.expected.json",
		 page);
	f = fopen(nf_test_shared(rel), "rb");
	if (!f)
		return NULL;
	fclose(f);
	js = slurp_str(nf_test_shared(rel), NULL);
	j = cJSON_Parse(js);
	if (cJSON_IsArray(j))
		v = cJSON_GetArrayItem(j, 0);
	else
		v = j;
	if (v && cJSON_GetObjectItemCaseSensitive(v, "expected"))
		v = cJSON_GetObjectItemCaseSensitive(v, "expected");
	static const char *const keys[] = {"articleBody", "text",
					   "cleaned_text", NULL};
	for (int k = 0; v && keys[k] && !out; k++) {
		const cJSON *e = cJSON_GetObjectItemCaseSensitive(v, keys[k]);

		if (cJSON_IsArray(e))
			e = cJSON_GetArrayItem(e, 0);
		if (cJSON_IsString(e))
			out = strdup(e->valuestring);
	}
	cJSON_Delete(j);
	free(js);
	return out;
}

static void
test_ko_news(void)
{
	struct nf_tsv t;
	int c_file, c_title, c_authors, c_pub, c_start, c_end, c_absent, c_f1,
	    c_recall;
	double fsum = 0;
	int fcount = 0;

	nf_tsv_load(&t, nf_test_data("data/article/ko-news.tsv"), true);
	c_file = nf_tsv_col(&t, "file");
	c_title = nf_tsv_col(&t, "title");
	c_authors = nf_tsv_col(&t, "authors");
	c_pub = nf_tsv_col(&t, "published");
	c_start = nf_tsv_col(&t, "starts");
	c_end = nf_tsv_col(&t, "ends");
	c_absent = nf_tsv_col(&t, "absent");
	c_f1 = nf_tsv_col(&t, "min_f1");
	c_recall = nf_tsv_col(&t, "min_recall");
	for (size_t i = 0; i < t.nrows; i++) {
		const struct nf_tsv_row *row = &t.rows[i];
		const char *file = nf_tsv_get(row, c_file);
		char rel[512], page[256];
		size_t len;
		char *html, *expect;
		struct nf_article a;
		const char *text, *absent;
		double min_f1 = atof(nf_tsv_get(row, c_f1));
		double min_recall = atof(nf_tsv_get(row, c_recall));

		snprintf(rel, sizeof(rel), "corpus/ko-news/pages/%s.html",
			 file);
		html = slurp_str(nf_test_shared(rel), &len);
		nf_article_init(&a);
		NF_CHECK(nf_article_from_html(&a, html, len, NULL, 0) == NF_OK,
			 "%s:%d: %s", row->file, row->line, nf_last_error());
		text = a.text.data ? a.text.data : "";
		NF_CHECK(nf_test_streq(a.title, nf_tsv_get(row, c_title)),
			 "%s:%d: %s title \"%s\"", row->file, row->line, file,
			 a.title ? a.title : "(null)");
		if (!list_equals(&a.authors, nf_tsv_get(row, c_authors))) {
			fprintf(stderr, "%s:%d: %s authors\n", row->file,
				row->line, file);
			print_list("got", &a.authors);
			NF_CHECK(false, "authors");
		} else {
			NF_CHECK(true, "ok");
		}
		NF_CHECK(nf_test_streq(a.published, *nf_tsv_get(row, c_pub)
							? nf_tsv_get(row, c_pub)
							: NULL),
			 "%s:%d: %s published \"%s\"", row->file, row->line,
			 file, a.published ? a.published : "(null)");
		NF_CHECK(starts_with(text, nf_tsv_get(row, c_start)),
			 "%s:%d: %s text starts \"%.120s\"", row->file,
			 row->line, file, text);
		NF_CHECK(ends_with_str(text, nf_tsv_get(row, c_end)),
			 "%s:%d: %s text ends \"%s\"", row->file, row->line,
			 file,
			 strlen(text) > 120 ? text + strlen(text) - 120 : text);
		absent = nf_tsv_get(row, c_absent);
		while (*absent) {
			const char *bar = strchr(absent, '|');
			size_t k =
			    bar ? (size_t)(bar - absent) : strlen(absent);

			snprintf(page, sizeof(page), "%.*s", (int)k, absent);
			NF_CHECK(!has(text, page),
				 "%s:%d: %s text holds \"%s\"", row->file,
				 row->line, file, page);
			absent += k;
			if (*absent == '|')
				absent++;
		}
		expect = expected_text(file);
		if (expect && (min_f1 > 0 || min_recall > 0)) {
			struct prf r = shingle_prf(expect, text);

			printf("  %-16s F1 %.3f  P %.3f  R %.3f\n", file, r.f,
			       r.p, r.r);
			/* A lead-only expected checks recall alone and stays
			 * out of the mean. */
			if (min_f1 > 0) {
				fsum += r.f;
				fcount++;
			}
			NF_CHECK(r.f >= min_f1, "%s:%d: %s F1 %.3f < %.3f",
				 row->file, row->line, file, r.f, min_f1);
			NF_CHECK(r.r >= min_recall,
				 "%s:%d: %s recall %.3f < %.3f", row->file,
				 row->line, file, r.r, min_recall);
		}
		free(expect);
		nf_article_release(&a);
		free(html);
	}
	if (fcount)
		printf("  mean F1 over %d pages: %.3f\n", fcount,
		       fsum / fcount);
	nf_tsv_free(&t);
}

/* ---- 3. the seed ------------------------------------------------------ */

static void
test_seed(void)
{
	size_t len;
	char *seed =
	    slurp_str(nf_test_shared("seed/000_ed5d156bdfb86b90.txt"), &len);
	struct nf_article a;
	const char *text;
	size_t n, half;

	nf_article_init(&a);
	NF_CHECK(nf_article_from_text(&a, seed, len) == NF_OK, "seed: %s",
		 nf_last_error());
	text = a.text.data ? a.text.data : "";
	n = strlen(text);
	NF_CHECK(list_equals(&a.authors, "박혜림"), "seed authors");
	NF_CHECK_STR(a.site_name, "헤럴드경제");
	NF_CHECK_STR(a.title, "한국서 못 살겠다, 우르르 ‘이탈’…이러다 망한다");
	NF_CHECK(starts_with(text, "한국 인공지능(AI) 기술의 경쟁력이"),
		 "seed text starts \"%.80s\"", text);
	NF_CHECK(ends_with_str(text, "종합, 발표하고 있다."), "seed text ends");
	/* The copies are glued with nothing between them, exactly as the
	 * archive glued them, so the text is X X with no separator. */
	half = n / 2;
	NF_CHECK(n % 2 == 0 && memcmp(text, text + half, half) == 0,
		 "seed: the two copies differ (len %zu)", n);
	NF_CHECK(!has(text, "사진은 기사 내용과 무관함"),
		 "seed caption in text");
	NF_CHECK(!has(text, "유튜브 캡처"), "seed credit in text");
	NF_CHECK(!has(text, "게티이미지뱅크"), "seed credit in text");
	NF_CHECK(!has(text, "박혜림 기자"), "seed byline in text");
	NF_CHECK(!has(text, "이러다 망한다"), "seed headline in text");
	NF_CHECK(has(text, "높은 수치다.이러한 결과는"),
		 "seed: the mid-body caption cut is clean");
	NF_CHECK(a.captions.n == 2, "seed captions: %zu", a.captions.n);
	if (a.captions.n == 2) {
		NF_CHECK_STR(a.captions.v[0],
			     "영화 ‘한국이 싫어서’ 공식 예고편 "
			     "중 한 장면. 사진은 기사 "
			     "내용과 무관함.");
		NF_CHECK_STR(a.captions.v[1], "사진은 기사 내용과 무관함.");
	}
	nf_article_release(&a);
	free(seed);
}

/* Plain-text rules, one row each. */
static void
test_text_rules(void)
{
	struct nf_tsv t;
	int c_in, c_text, c_authors, c_site, c_captions;

	nf_tsv_load(&t, nf_test_data("data/article/text.tsv"), true);
	c_in = nf_tsv_col(&t, "input");
	c_text = nf_tsv_col(&t, "text");
	c_authors = nf_tsv_col(&t, "authors");
	c_site = nf_tsv_col(&t, "site_name");
	c_captions = nf_tsv_col(&t, "captions");
	for (size_t i = 0; i < t.nrows; i++) {
		const struct nf_tsv_row *row = &t.rows[i];
		struct nf_article a;
		const char *in = nf_tsv_get(row, c_in);
		const char *site = nf_tsv_get(row, c_site);

		nf_article_init(&a);
		nf_article_from_text(&a, in, strlen(in));
		NF_CHECK(nf_test_streq(a.text.data, nf_tsv_get(row, c_text)),
			 "%s:%d: text \"%s\"", row->file, row->line,
			 a.text.data);
		NF_CHECK(list_equals(&a.authors, nf_tsv_get(row, c_authors)),
			 "%s:%d: authors (%zu: %s)", row->file, row->line,
			 a.authors.n, a.authors.n ? a.authors.v[0] : "");
		NF_CHECK(nf_test_streq(a.site_name, *site ? site : NULL),
			 "%s:%d: site \"%s\"", row->file, row->line,
			 a.site_name ? a.site_name : "(null)");
		NF_CHECK(list_equals(&a.captions, nf_tsv_get(row, c_captions)),
			 "%s:%d: captions (%zu: %s)", row->file, row->line,
			 a.captions.n, a.captions.n ? a.captions.v[0] : "");
		nf_article_release(&a);
	}
	nf_tsv_free(&t);
}

static void
test_dates(void)
{
	struct nf_tsv t;
	int c_in, c_out;

	nf_tsv_load(&t, nf_test_data("data/article/dates.tsv"), true);
	c_in = nf_tsv_col(&t, "input");
	c_out = nf_tsv_col(&t, "iso");
	for (size_t i = 0; i < t.nrows; i++) {
		const struct nf_tsv_row *row = &t.rows[i];
		char iso[NF_ARTICLE_DATE_MAX] = "";
		const char *in = nf_tsv_get(row, c_in);
		const char *want = nf_tsv_get(row, c_out);
		bool ok = nf_article_parse_date(iso, in, strlen(in));

		NF_CHECK(*want ? ok && strcmp(iso, want) == 0 : !ok,
			 "%s:%d: \"%s\" gave \"%s\"", row->file, row->line, in,
			 ok ? iso : "(none)");
	}
	nf_tsv_free(&t);
}

static void
test_titles(void)
{
	struct nf_tsv t;
	int c_in, c_site, c_out;

	nf_tsv_load(&t, nf_test_data("data/article/titles.tsv"), true);
	c_in = nf_tsv_col(&t, "title");
	c_site = nf_tsv_col(&t, "site");
	c_out = nf_tsv_col(&t, "clean");
	for (size_t i = 0; i < t.nrows; i++) {
		const struct nf_tsv_row *row = &t.rows[i];
		const char *in = nf_tsv_get(row, c_in);
		const char *site = nf_tsv_get(row, c_site);
		char *got =
		    nf_article_clean_title(in, strlen(in), *site ? site : NULL);

		NF_CHECK(nf_test_streq(got, nf_tsv_get(row, c_out)),
			 "%s:%d: \"%s\"", row->file, row->line, got);
		free(got);
	}
	nf_tsv_free(&t);
}

static void
test_names(void)
{
	struct nf_tsv t;
	int c_kind, c_in, c_names;

	nf_tsv_load(&t, nf_test_data("data/article/names.tsv"), true);
	c_kind = nf_tsv_col(&t, "kind");
	c_in = nf_tsv_col(&t, "input");
	c_names = nf_tsv_col(&t, "names");
	for (size_t i = 0; i < t.nrows; i++) {
		const struct nf_tsv_row *row = &t.rows[i];
		const char *in = nf_tsv_get(row, c_in);
		struct nf_strv names = {0};

		if (strcmp(nf_tsv_get(row, c_kind), "byline") == 0)
			nf_article_add_byline_names(&names, in, strlen(in));
		else
			nf_article_add_names(&names, in, strlen(in));
		NF_CHECK(list_equals(&names, nf_tsv_get(row, c_names)),
			 "%s:%d: %zu names, first \"%s\"", row->file, row->line,
			 names.n, names.n ? names.v[0] : "");
		nf_strv_release(&names);
	}
	nf_tsv_free(&t);
}

/* ---- 4. robustness ---------------------------------------------------- */

static void
test_robustness(void)
{
	struct nf_article a;
	struct nf_buf b = NF_BUF_INIT(0);
	uint32_t x = 12345;
	nf_err err;

	nf_article_init(&a);
	NF_CHECK(nf_article_from_html(&a, "", 0, NULL, 0) == NF_OK, "empty");
	NF_CHECK(a.text.data && a.text.len == 0, "empty text");
	nf_article_release(&a);

	nf_article_init(&a);
	NF_CHECK(nf_article_from_text(&a, "", 0) == NF_OK, "empty text");
	nf_article_release(&a);

	/* Valid UTF-8 garbage, markup characters included. */
	for (int i = 0; i < 200000; i++) {
		char enc[4];
		uint32_t cp;

		x = x * 1103515245u + 12345u;
		cp = (x >> 8) % 0x3000;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = '<';
		if ((x & 7) == 0)
			cp = "<>/=\"&;\n"[(x >> 4) & 7];
		nf_buf_append(&b, enc, nf_utf8_encode(cp ? cp : ' ', enc));
	}
	nf_article_init(&a);
	NF_CHECK(nf_article_from_html(&a, b.data, b.len, NULL, 0) == NF_OK,
		 "garbage html");
	nf_article_release(&a);
	nf_article_init(&a);
	NF_CHECK(nf_article_from_text(&a, b.data, b.len) == NF_OK,
		 "garbage text");
	NF_CHECK(nf_utf8_valid(a.text.data, a.text.len), "garbage: UTF-8");
	nf_article_release(&a);

	/* Nested 100,000 deep. */
	nf_buf_reset(&b);
	for (int i = 0; i < 100000; i++)
		nf_buf_append_str(&b, i % 2 ? "<div>" : "<span>");
	nf_buf_append_str(&b, "깊은 곳의 문장입니다.");
	nf_article_init(&a);
	NF_CHECK(nf_article_from_html(&a, b.data, b.len, NULL, 0) == NF_OK,
		 "deep html");
	nf_article_release(&a);

	/* 50 MB of paragraphs: completes, and the cap is honoured. */
	nf_buf_reset(&b);
	nf_buf_append_str(&b, "<html><body><div id=\"articleBody\">");
	while (b.len < 50u << 20)
		nf_buf_append_str(&b, "<p>정부는 올해 예산을 3조 원 늘리기로 "
				      "했다고 밝혔다, 관계자는 말했다.</p>\n");
	nf_buf_append_str(&b, "</div></body></html>");
	nf_article_init(&a);
	err = nf_article_from_html(&a, b.data, b.len, NULL, 10u << 20);
	NF_CHECK(err == NF_ERR_LIMIT, "50 MB over a 10 MB cap: %d", err);
	nf_article_release(&a);
	nf_article_init(&a);
	clock_t t0 = clock();

	err = nf_article_from_html(&a, b.data, b.len, NULL, 64u << 20);
	NF_CHECK(err == NF_OK, "50 MB page: %s", nf_last_error());
	NF_CHECK(a.text.len > (20u << 20), "50 MB page text %zu", a.text.len);
	printf("  50 MB page: %.1f s\n",
	       (double)(clock() - t0) / CLOCKS_PER_SEC);
	nf_article_release(&a);
	nf_buf_release(&b);
}

int
main(int argc, char **argv)
{
	if (argc > 1) {
		struct nf_article a;
		size_t len;
		char *in = slurp_str(argv[1], &len);
		bool text = argc > 2 && strcmp(argv[2], "text") == 0;
		nf_err err;

		nf_article_init(&a);
		err = text ? nf_article_from_text(&a, in, len)
			   : nf_article_from_html(&a, in, len, NULL, 0);
		if (err)
			fprintf(stderr, "error: %s\n", nf_last_error());
		dump(&a);
		nf_article_release(&a);
		free(in);
		return err ? 1 : 0;
	}
	test_dates();
	test_titles();
	test_names();
	test_text_rules();
	test_seed();
	test_fixtures();
	test_ko_news();
	test_robustness();
	return nf_test_done("article_test");
}
