/*
 * Tests of normalize/record.h: ids, canonical URLs, repeats and figures,
 * fingerprints and in-run duplicates.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "normalize/record.h"

/*
 * Expected ids, made in the shell with
 *   printf %s URL | sha256sum | cut -c1-16
 */
#define URL_NEWS   "https://news.example.com/article/20250408000123"
#define ID_NEWS	   "f02f7ee7fade1701"
#define URL_HERALD "https://www.heraldcorp.com/article/10460153"
#define ID_HERALD  "e6f960e2a098610a"
/* printf %s "서울시는 대중교통 이용객이 늘었다." | sha256sum | cut -c1-16 */
#define TEXT_SHORT    "서울시는 대중교통 이용객이 늘었다."
#define ID_TEXT_SHORT "fe027d7558629f98"

static const char body[] =
    "서울시는 올해 대중교통 이용객이 지난해보다 12% 늘어난 하루 평균 "
    "720만 명으로 집계됐다고 8일 밝혔다.\n\n시는 출퇴근 시간대 혼잡을 "
    "줄이기 위해 다음 달부터 2호선에 열차 4편성을 추가로 투입하고, "
    "간선버스 배차 간격을 평균 2분 줄이기로 했다.\n\n한 시 관계자는 "
    "“이용객 증가 추세가 이어지고 있어 추가 대책을 검토하고 있다”고 "
    "말했다.";

static const char other[] =
    "기상청은 내일 전국에 비가 내리고 기온이 크게 떨어질 것으로 "
    "예보했다.\n\n강원 산지에는 최대 5㎝의 눈이 쌓이는 곳도 있겠으며, "
    "해안가에는 강풍 특보가 내려질 가능성이 있다고 밝혔다.";

static void
make_article(struct nf_article *a, const char *text, const char *canonical)
{
	nf_article_init(a);
	nf_buf_append_str(&a->text, text);
	a->canonical_url = canonical ? nf_xstrdup(canonical) : NULL;
	a->title = nf_xstrdup("제목");
	nf_strv_push(&a->authors, nf_xstrdup("홍길동"));
	nf_strv_push(&a->captions, nf_xstrdup("사진 설명"));
}

/* Build a record of text with no figures. */
static void
build(struct nf_record *r, const char *text, const char *url,
      const char *canonical, struct nf_dedup *dd)
{
	struct nf_article a;

	make_article(&a, text, canonical);
	nf_record_init(r);
	NF_CHECK(nf_record_build(r, &a, NULL, 0, url, "UTF-8", NULL, dd) ==
		     NF_OK,
		 "build %s", url ? url : "(no url)");
	NF_CHECK(a.text.data == NULL && a.title == NULL,
		 "article moved out of the caller");
}

static void
test_ids(void)
{
	struct nf_record r;
	char id[17];

	nf_record_hash_id(URL_NEWS, strlen(URL_NEWS), id);
	NF_CHECK_STR(id, ID_NEWS);
	nf_record_hash_id(URL_HERALD, strlen(URL_HERALD), id);
	NF_CHECK_STR(id, ID_HERALD);

	build(&r, body, URL_NEWS, NULL, NULL);
	NF_CHECK_STR(r.id, ID_NEWS);
	NF_CHECK_STR(r.canonical_url, URL_NEWS);
	NF_CHECK_STR(r.url, URL_NEWS);
	NF_CHECK_STR(r.cluster, ID_NEWS);
	NF_CHECK_STR(r.duplicate_of, "");
	NF_CHECK_STR(r.version_of, "");
	NF_CHECK_STR(r.fetched_at, "");
	NF_CHECK(r.repeats_removed == 0, "clean body: repeats %zu",
		 r.repeats_removed);
	NF_CHECK_STR(r.art.text.data, body);
	nf_record_release(&r);

	/* Tracking parameters, case and fragment do not change the id. */
	build(&r, body,
	      "https://News.Example.com/article/20250408000123"
	      "?utm_source=naver&utm_medium=news&fbclid=abc#comments",
	      NULL, NULL);
	NF_CHECK_STR(r.id, ID_NEWS);
	NF_CHECK_STR(r.canonical_url, URL_NEWS);
	nf_record_release(&r);

	/* The page's canonical link counts on its own site, relative or
	 * from the mobile edition... */
	build(&r, body, "https://news.example.com/view.php?idx=123",
	      "/article/20250408000123", NULL);
	NF_CHECK_STR(r.id, ID_NEWS);
	NF_CHECK_STR(r.url, "https://news.example.com/view.php?idx=123");
	nf_record_release(&r);
	build(&r, body, "https://m.news.example.com/view.php?idx=123", URL_NEWS,
	      NULL);
	NF_CHECK_STR(r.id, ID_NEWS);
	nf_record_release(&r);

	/* ...but not when it points at another outlet. */
	build(&r, body, URL_HERALD, URL_NEWS, NULL);
	NF_CHECK_STR(r.id, ID_HERALD);
	NF_CHECK_STR(r.canonical_url, URL_HERALD);
	nf_record_release(&r);

	/* No URL: the canonical link alone, then the text. */
	build(&r, body, NULL, URL_NEWS, NULL);
	NF_CHECK_STR(r.id, ID_NEWS);
	nf_record_release(&r);
	build(&r, TEXT_SHORT, NULL, NULL, NULL);
	NF_CHECK_STR(r.id, ID_TEXT_SHORT);
	NF_CHECK(r.canonical_url == NULL && r.url == NULL, "no url");
	NF_CHECK_STR(r.cluster, ID_TEXT_SHORT);
	nf_record_release(&r);
	/* A file path is not a URL: the text decides. */
	build(&r, TEXT_SHORT, "archive/page.html", NULL, NULL);
	NF_CHECK_STR(r.id, ID_TEXT_SHORT);
	NF_CHECK_STR(r.url, "archive/page.html");
	nf_record_release(&r);
}

static struct nf_figure
fig(const char *text, const char *surface, int occurrence)
{
	struct nf_figure g = nf_test_figure(text, surface, occurrence);

	g.unit = "percent";
	return g;
}

static void
test_repeats(void)
{
	struct nf_buf page = NF_BUF_INIT(0);
	struct nf_figure *figs = nf_xmalloc(4 * sizeof(*figs));
	struct nf_source src = {"archive/2026-11-28.warc.gz", "<urn:uuid:1>",
				123456};
	struct nf_article a;
	struct nf_record r;

	/* The body twice, glued, as in the seed. */
	nf_buf_printf(&page, "%s%s", body, body);
	figs[0] = fig(page.data, "12%", 0);
	figs[1] = fig(page.data, "720만 명", 0);
	figs[2] = fig(page.data, "12%", 1);
	figs[3] = fig(page.data, "720만 명", 1);
	make_article(&a, page.data, NULL);
	nf_record_init(&r);
	NF_CHECK(nf_record_build(&r, &a, figs, 4, URL_NEWS, "UTF-8", &src,
				 NULL) == NF_OK,
		 "build doubled");
	NF_CHECK_STR(r.art.text.data, body);
	NF_CHECK(r.repeats_removed == 1, "doubled: repeats %zu",
		 r.repeats_removed);
	NF_CHECK(r.nfacts == 2, "doubled: facts %zu", r.nfacts);
	if (r.nfacts == 2) {
		NF_CHECK(r.facts[0].byte_start == figs[0].byte_start &&
			     r.facts[1].end == figs[1].end,
			 "first copy's figures unchanged");
	}
	NF_CHECK_STR(r.source.file, src.file);
	NF_CHECK(r.source.file != src.file, "source file copied");
	NF_CHECK_STR(r.source.warc_record_id, src.warc_record_id);
	NF_CHECK(r.source.offset == 123456, "source offset");
	NF_CHECK_STR(r.charset, "UTF-8");
	nf_record_release(&r);
	NF_CHECK(r.facts == NULL && r.art.text.data == NULL && r.url == NULL,
		 "release leaves the record empty");
	NF_CHECK(r.source.offset == -1, "release re-initialises");
	nf_buf_release(&page);
}

static int
hamming(const char *a, const char *b)
{
	uint64_t x = strtoull(a, NULL, 16) ^ strtoull(b, NULL, 16);
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

static bool
is_hex16(const char *s)
{
	if (strlen(s) != 16)
		return false;
	for (size_t i = 0; i < 16; i++) {
		if (!strchr("0123456789abcdef", s[i]))
			return false;
	}
	return true;
}

/* The body with its spacing changed: spaces dropped, lines re-broken. */
static char *
respace(const char *s)
{
	struct nf_buf b = NF_BUF_INIT(0);
	int nspace = 0;

	for (; *s; s++) {
		if (*s == ' ' && nspace++ % 3 == 0)
			continue;
		if (*s == '\n') {
			nf_buf_append_str(&b, " \n");
			continue;
		}
		nf_buf_append_char(&b, *s);
	}
	return nf_buf_detach(&b);
}

static void
test_fingerprint(void)
{
	struct nf_record a, b, c, d;
	char *spaced = respace(body);

	build(&a, body, URL_NEWS, NULL, NULL);
	build(&b, body, URL_HERALD, NULL, NULL);
	build(&c, spaced, NULL, NULL, NULL);
	build(&d, other, NULL, NULL, NULL);
	NF_CHECK(is_hex16(a.fingerprint), "fingerprint \"%s\"", a.fingerprint);
	NF_CHECK_STR(a.fingerprint, b.fingerprint);
	NF_CHECK_STR(a.fingerprint, c.fingerprint);
	NF_CHECK(strcmp(a.fingerprint, d.fingerprint) != 0 &&
		     hamming(a.fingerprint, d.fingerprint) >= 16,
		 "unrelated: %s vs %s, distance %d", a.fingerprint,
		 d.fingerprint, hamming(a.fingerprint, d.fingerprint));
	nf_record_release(&a);
	nf_record_release(&b);
	nf_record_release(&c);
	nf_record_release(&d);
	free(spaced);
}

static void
test_dedup(void)
{
	struct nf_dedup *dd = nf_dedup_new();
	struct nf_record a, b, c, e;
	char *spaced = respace(body);

	build(&a, body, URL_NEWS, NULL, dd);
	build(&b, spaced, URL_HERALD, NULL, dd);
	build(&c, other, "https://weather.example.com/1", NULL, dd);
	build(&e, "", "https://empty.example.com/1", NULL, dd);
	NF_CHECK_STR(a.duplicate_of, "");
	NF_CHECK_STR(a.cluster, ID_NEWS);
	NF_CHECK_STR(b.id, ID_HERALD);
	NF_CHECK_STR(b.duplicate_of, ID_NEWS);
	NF_CHECK_STR(b.cluster, ID_NEWS);
	NF_CHECK_STR(c.duplicate_of, "");
	NF_CHECK_STR(c.cluster, c.id);
	NF_CHECK_STR(e.duplicate_of, "");
	nf_record_release(&e);
	/* A second empty body is not a duplicate of the first. */
	build(&e, "", "https://empty.example.com/2", NULL, dd);
	NF_CHECK_STR(e.duplicate_of, "");
	nf_record_release(&e);

	/* Many records: the table grows and still finds the first. */
	for (int i = 0; i < 300; i++) {
		char url[64], text[128];

		snprintf(url, sizeof(url), "https://n.example.com/%d", i);
		snprintf(text, sizeof(text), "기사 %d번의 본문입니다.",
			 i % 150);
		build(&e, text, url, NULL, dd);
		if (i >= 150) {
			char want[17];

			snprintf(url, sizeof(url), "https://n.example.com/%d",
				 i - 150);
			nf_record_hash_id(url, strlen(url), want);
			NF_CHECK(strcmp(e.duplicate_of, want) == 0,
				 "record %d: duplicate_of %s", i,
				 e.duplicate_of);
		} else {
			NF_CHECK(!e.duplicate_of[0], "record %d", i);
		}
		nf_record_release(&e);
	}
	nf_record_release(&a);
	nf_record_release(&b);
	nf_record_release(&c);
	nf_dedup_free(dd);
	nf_dedup_free(NULL);
	free(spaced);
}

int
main(void)
{
	test_ids();
	test_repeats();
	test_fingerprint();
	test_dedup();
	return nf_test_done("record_test");
}
