/*
 * Tests of normalize/repeats.h: repeated copies of a body inside one page,
 * figure remapping, the shared in-page set and the clean Wikinews bodies.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <unicode/uchar.h>

#include "testlib.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "normalize/fingerprint.h"
#include "normalize/repeats.h"

/* Run nf_repeats_find + apply; returns the malloc'd remaining text. */
static char *
collapse(const char *text, size_t len, size_t *copies)
{
	struct nf_buf b = NF_BUF_INIT(0);
	struct nf_cut *cuts;
	size_t ncuts, nfigs = 0;

	nf_buf_append(&b, text, len);
	nf_buf_terminate(&b);
	NF_CHECK(nf_repeats_find(b.data, b.len, &cuts, &ncuts, copies) == NF_OK,
		 "find");
	nf_repeats_apply(&b, cuts, ncuts, NULL, &nfigs);
	free(cuts);
	return nf_buf_detach(&b);
}

static void
check_collapse(const char *name, const char *page, const char *want,
	       size_t want_copies)
{
	size_t copies;
	char *got = collapse(page, strlen(page), &copies);

	NF_CHECK(strcmp(got, want) == 0, "%s: got \"%s\"", name, got);
	NF_CHECK(copies == want_copies, "%s: copies %zu, want %zu", name,
		 copies, want_copies);
	free(got);
}

static char *
join(const char *const *parts, size_t n, const char *sep)
{
	struct nf_buf b = NF_BUF_INIT(0);

	for (size_t i = 0; i < n; i++) {
		if (i)
			nf_buf_append_str(&b, sep);
		nf_buf_append_str(&b, parts[i]);
	}
	return nf_buf_detach(&b);
}

static const char *const body_paras[] = {
    "서울시는 올해 대중교통 이용객이 지난해보다 12% 늘어난 하루 평균 "
    "720만 명으로 집계됐다고 8일 밝혔다. 지하철과 버스 모두 증가했다.",
    "시는 출퇴근 시간대 혼잡을 줄이기 위해 다음 달부터 2호선에 열차 "
    "4편성을 추가로 투입하고, 간선버스 배차 간격을 평균 2분 줄이기로 "
    "했다.",
    "한 시 관계자는 “이용객 증가 추세가 이어지고 있어 추가 대책을 "
    "검토하고 있다”며 “시민 불편을 최소화하겠다”고 말했다.",
    "한편 시는 내년 예산안에 대중교통 개선 사업비로 1조2000억 원을 "
    "반영했다.",
};
#define NBODY (sizeof(body_paras) / sizeof(body_paras[0]))

static void
test_seed(void)
{
	size_t len, copies;
	char *seed = nf_test_slurp(
	    nf_test_shared("seed/000_ed5d156bdfb86b90.txt"), &len);
	char *got = collapse(seed, len, &copies);

	NF_CHECK(len % 2 == 0 && strlen(got) == len / 2 &&
		     memcmp(got, seed, len / 2) == 0,
		 "seed: kept %zu of %zu bytes", strlen(got), len);
	NF_CHECK(copies == 1, "seed: copies %zu", copies);
	free(got);
	free(seed);
}

static void
test_exact(void)
{
	char *body = join(body_paras, NBODY, "\n\n");
	const char *three[] = {body, body, body};
	char *page;

	page = join(three, 2, "\n\n");
	check_collapse("doubled with separator", page, body, 1);
	free(page);
	page = join(three, 3, "\n\n");
	check_collapse("tripled", page, body, 2);
	free(page);
	page = join(three, 3, "");
	check_collapse("tripled glued", page, body, 2);
	free(page);
	page = join(three, 2, " \n \n");
	check_collapse("doubled, odd spacing", page, body, 1);
	free(page);
	free(body);
}

static void
test_print_copy(void)
{
	char *body = join(body_paras, NBODY, "\n\n");
	char *print = join(body_paras, NBODY, "\n");
	struct nf_buf page = NF_BUF_INIT(0), want = NF_BUF_INIT(0);

	/* A print copy with other line breaks, its own header line and a
	 * footer: the header goes with the copy, the footer stays. */
	nf_buf_printf(&page,
		      "%s\n\n[인쇄용 기사]\n\n%s\n\n무단전재 및 "
		      "재배포 금지",
		      body, print);
	nf_buf_printf(&want, "%s\n\n무단전재 및 재배포 금지", body);
	check_collapse("print copy", page.data, want.data, 1);

	/* The same with a caption between the copies and no footer. */
	nf_buf_reset(&page);
	nf_buf_printf(&page, "%s\n\n사진은 기사 내용과 무관함\n\n%s", body,
		      print);
	check_collapse("caption between copies", page.data, body, 1);

	nf_buf_release(&page);
	nf_buf_release(&want);
	free(print);
	free(body);
}

static void
test_near_copy(void)
{
	char *body = join(body_paras, NBODY, "\n\n");
	/* The second copy has one word changed, a sentence dropped, and a
	 * footer after it. */
	const char *edited[] = {
	    "서울시는 올해 대중교통 이용객이 지난해보다 12% 늘어난 하루 "
	    "평균 720만 명으로 집계됐다고 8일 발표했다. 지하철과 버스 "
	    "모두 증가했다.",
	    "시는 출퇴근 시간대 혼잡을 줄이기 위해 다음 달부터 2호선에 "
	    "열차 4편성을 추가로 투입하고, 간선버스 배차 간격을 평균 2분 "
	    "줄이기로 했다.",
	    "한편 시는 내년 예산안에 대중교통 개선 사업비로 1조2000억 "
	    "원을 반영했다.",
	};
	char *copy = join(edited, 3, "\n\n");
	struct nf_buf page = NF_BUF_INIT(0), want = NF_BUF_INIT(0);

	nf_buf_printf(&page, "%s\n\n%s\n\n홍길동 기자", body, copy);
	nf_buf_printf(&want, "%s\n\n홍길동 기자", body);
	check_collapse("near copy with edits", page.data, want.data, 1);

	/* An edit in the very first character of the copy. */
	nf_buf_reset(&page);
	nf_buf_printf(&page, "%s\n\n%s%s", body, "부", body + strlen("서"));
	check_collapse("edit at copy start", page.data, body, 1);

	nf_buf_release(&page);
	nf_buf_release(&want);
	free(copy);
	free(body);
}

static void
test_table(void)
{
	struct nf_tsv t;
	int cname, cpage, cwant, ccopies;

	nf_tsv_load(&t, nf_test_data("data/normalize/repeats.tsv"), true);
	cname = nf_tsv_col(&t, "name");
	cpage = nf_tsv_col(&t, "page");
	cwant = nf_tsv_col(&t, "want");
	ccopies = nf_tsv_col(&t, "copies");
	NF_CHECK(cname >= 0 && cpage >= 0 && cwant >= 0 && ccopies >= 0,
		 "repeats.tsv header");
	for (size_t i = 0; i < t.nrows; i++) {
		const struct nf_tsv_row *r = &t.rows[i];
		const char *page = nf_tsv_get(r, cpage);
		const char *want = nf_tsv_get(r, cwant);
		size_t copies;
		char *got;

		if (!*want)
			want = page; /* empty: the page is clean */
		got = collapse(page, strlen(page), &copies);
		NF_CHECK(strcmp(got, want) == 0, "%s:%d %s: got \"%s\"",
			 r->file, r->line, nf_tsv_get(r, cname), got);
		NF_CHECK(copies == strtoul(nf_tsv_get(r, ccopies), NULL, 10),
			 "%s:%d %s: copies %zu", r->file, r->line,
			 nf_tsv_get(r, cname), copies);
		free(got);
	}
	nf_tsv_free(&t);
}

/* A figure over the occurrence-th `surface` in text, inside `sentence`. */
static struct nf_figure
fig_at(const char *text, const char *surface, int occurrence,
       const char *sentence)
{
	struct nf_figure g = nf_test_figure(text, surface, occurrence);
	const char *p = text + g.byte_start, *s = strstr(text, sentence);

	while (s && (s > p || s + strlen(sentence) < p + strlen(surface)))
		s = strstr(s + 1, sentence);
	g.sent_start = (size_t)(s - text);
	g.sent_end = g.sent_start + strlen(sentence);
	g.unit = "person";
	return g;
}

/* The figure still points at `surface` in the new text, in cp and bytes. */
static void
check_fig(const char *text, const struct nf_figure *g, const char *surface,
	  const char *sentence)
{
	size_t n = strlen(surface);

	NF_CHECK(g->byte_end - g->byte_start == n &&
		     memcmp(text + g->byte_start, surface, n) == 0,
		 "figure bytes %zu-%zu for %s", g->byte_start, g->byte_end,
		 surface);
	NF_CHECK(g->start == nf_utf8_count(text, g->byte_start) &&
		     g->end - g->start == nf_utf8_count(surface, n),
		 "figure code points %zu-%zu for %s", g->start, g->end,
		 surface);
	NF_CHECK(
	    g->sent_end - g->sent_start == strlen(sentence) &&
		memcmp(text + g->sent_start, sentence, strlen(sentence)) == 0,
	    "sentence %zu-%zu for %s: \"%.*s\"", g->sent_start, g->sent_end,
	    surface, (int)(g->sent_end - g->sent_start), text + g->sent_start);
}

static void
test_figures(void)
{
	const char *p1 = "경찰은 이번 사고로 3명이 숨지고 12명이 다쳤으며 "
			 "부상자들은 인근 병원으로 옮겨졌다고 밝혔다.";
	const char *p2 = "소방당국은 인력 150명을 투입해 구조 작업을 벌였다.";
	const char *p3 = "사고 현장 인근 주민 40여 명은 한때 대피했다.";
	struct nf_buf b = NF_BUF_INIT(0);
	struct nf_figure figs[6];
	struct nf_cut *cuts;
	size_t ncuts, copies, nfigs = 0;
	char want[512];

	/* p1 repeated as a paragraph of its own between p2 and p3. */
	nf_buf_printf(&b, "%s\n\n%s\n\n%s\n\n%s", p1, p2, p1, p3);
	figs[nfigs++] = fig_at(b.data, "3명", 0, p1);
	figs[nfigs++] = fig_at(b.data, "150명", 0, p2);
	figs[nfigs++] = fig_at(b.data, "3명", 1, p1);
	figs[nfigs++] = fig_at(b.data, "12명", 1, p1);
	figs[nfigs++] = fig_at(b.data, "40여 명", 0, p3);
	nf_repeats_find(b.data, b.len, &cuts, &ncuts, &copies);
	nf_repeats_apply(&b, cuts, ncuts, figs, &nfigs);
	free(cuts);
	snprintf(want, sizeof(want), "%s\n\n%s\n\n%s", p1, p2, p3);
	NF_CHECK_STR(b.data, want);
	NF_CHECK(copies == 1, "figures page: copies %zu", copies);
	NF_CHECK(nfigs == 3, "figures kept: %zu", nfigs);
	if (nfigs == 3) {
		check_fig(b.data, &figs[0], "3명", p1);
		check_fig(b.data, &figs[1], "150명", p2);
		check_fig(b.data, &figs[2], "40여 명", p3);
	}

	/* Hand-made cuts: one inside a sentence after its figure, one
	 * inside a sentence before its figure. */
	const char *text =
	    "첫 문장에 7명이 있고 지워질 부분이 뒤따른다. 지워질 "
	    "앞부분 뒤에 9명이 있다.";
	struct nf_cut hand[2];

	nf_buf_reset(&b);
	nf_buf_append_str(&b, text);
	nfigs = 0;
	figs[nfigs++] = fig_at(text, "7명", 0,
			       "첫 문장에 7명이 있고 지워질 "
			       "부분이 뒤따른다.");
	figs[nfigs++] =
	    fig_at(text, "9명", 0, "지워질 앞부분 뒤에 9명이 있다.");
	hand[0].start = (size_t)(strstr(text, " 지워질 부분") - text);
	hand[0].end = hand[0].start + strlen(" 지워질 부분이 뒤따른다.");
	hand[1].start = (size_t)(strstr(text, "지워질 앞부분 ") - text);
	hand[1].end = hand[1].start + strlen("지워질 앞부분 ");
	nf_repeats_apply(&b, hand, 2, figs, &nfigs);
	NF_CHECK_STR(b.data, "첫 문장에 7명이 있고 뒤에 9명이 있다.");
	NF_CHECK(nfigs == 2, "hand cuts kept %zu", nfigs);
	if (nfigs == 2) {
		check_fig(b.data, &figs[0], "7명", "첫 문장에 7명이 있고");
		check_fig(b.data, &figs[1], "9명", "뒤에 9명이 있다.");
	}
	nf_buf_release(&b);
}

/* Text without any white space, for comparisons "modulo white space". */
static char *
squeeze(const char *s, size_t len)
{
	struct nf_buf b = NF_BUF_INIT(0);
	size_t i = 0;

	while (i < len) {
		size_t at = i;

		if (!nf_fp_is_space(nf_utf8_next(s, len, &i)))
			nf_buf_append(&b, s + at, i - at);
	}
	return nf_buf_detach(&b);
}

/* Well-formed result: valid UTF-8, no white space at either end. */
static bool
tidy(const char *s)
{
	size_t n = strlen(s), i = 0;

	if (!nf_utf8_valid(s, n))
		return false;
	if (n && nf_fp_is_space(nf_utf8_next(s, n, &i)))
		return false;
	return !n || !strchr(" \t\r\n", s[n - 1]);
}

static const char *const inpage_cases[] = {
    "doubled-no-separator",
    "doubled-with-caption",
    "doubled-second-with-footer",
    "tripled",
};
#define NCASES (sizeof(inpage_cases) / sizeof(inpage_cases[0]))

static void
test_inpage(void)
{
	size_t len, done[NCASES] = {0}, total[NCASES] = {0}, footer_kept = 0;
	size_t all = 0, repaired = 0;
	char *data = nf_test_slurp(
	    nf_test_shared("corpus/dedup/kowikinews-synth/inpage.jsonl"), &len);

	for (char *pos = data, *line;
	     (line = nf_test_next_line(&pos, data + len));) {
		cJSON *j, *jp, *je, *jc, *ji;
		size_t ci = NCASES, copies;

		j = cJSON_Parse(line);
		jp = cJSON_GetObjectItem(j, "page_text");
		je = cJSON_GetObjectItem(j, "expected_body");
		jc = cJSON_GetObjectItem(j, "case");
		ji = cJSON_GetObjectItem(j, "id");
		if (!cJSON_IsString(jp) || !cJSON_IsString(je) ||
		    !cJSON_IsString(jc)) {
			NF_CHECK(0, "inpage.jsonl: bad line");
			cJSON_Delete(j);
			continue;
		}
		for (size_t c = 0; c < NCASES; c++) {
			if (strcmp(jc->valuestring, inpage_cases[c]) == 0)
				ci = c;
		}
		NF_CHECK(ci < NCASES, "unknown case %s", jc->valuestring);
		if (ci == NCASES) {
			cJSON_Delete(j);
			continue;
		}
		const char *page = jp->valuestring, *want = je->valuestring;
		char *got = collapse(page, strlen(page), &copies);
		char *sg = squeeze(got, strlen(got));
		char *sw = squeeze(want, strlen(want));
		bool ok = strcmp(sg, sw) == 0;

		if (!ok && ci == 2) {
			/* The footer after the second copy is boilerplate,
			 * not a repeat: it may stay until boilerplate
			 * stripping runs. */
			const char *last = page;
			const char *p = strstr(page + 1, want);
			size_t wl = strlen(want);

			while (p) {
				last = p;
				p = strstr(p + 1, want);
			}
			char *tail = squeeze(last + wl, strlen(last + wl));
			size_t sl = strlen(sw);

			ok = strncmp(sg, sw, sl) == 0 &&
			     strcmp(sg + sl, tail) == 0;
			footer_kept += ok;
			free(tail);
		}
		ok = ok && tidy(got) && copies == (ci == 3 ? 2u : 1u);
		if (!ok)
			fprintf(stderr,
				"inpage %s (%s): not repaired, copies "
				"%zu, kept %zu of %zu bytes\n",
				cJSON_IsString(ji) ? ji->valuestring : "?",
				jc->valuestring, copies, strlen(got),
				strlen(page));
		total[ci]++;
		done[ci] += ok;
		all++;
		repaired += ok;
		free(sg);
		free(sw);
		free(got);
		cJSON_Delete(j);
	}
	for (size_t c = 0; c < NCASES; c++)
		printf("inpage %s: %zu/%zu\n", inpage_cases[c], done[c],
		       total[c]);
	printf("inpage footer kept after the body: %zu\n", footer_kept);
	printf("inpage repaired: %zu/%zu\n", repaired, all);
	NF_CHECK(all == 514, "inpage pages: %zu", all);
	NF_CHECK(repaired * 100 >= all * 99, "inpage repaired %zu/%zu",
		 repaired, all);
	free(data);
}

/*
 * The next RFC 4180 record of a CSV text: fields are NUL-terminated in
 * place (quotes and doubled quotes decoded).  Returns the field count,
 * 0 at the end.
 */
static size_t
csv_record(char **pos, char *end, char **fields, size_t max)
{
	char *p = *pos;
	size_t n = 0;

	if (p >= end)
		return 0;
	for (;;) {
		char *w = p, *start = p;

		if (p < end && *p == '"') {
			p++;
			for (;;) {
				if (p >= end)
					break;
				if (*p == '"' && p + 1 < end && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
		} else {
			while (p < end && *p != ',' && *p != '\n' && *p != '\r')
				p++;
			w = p;
		}
		char sep = p < end ? *p : '\n';

		*w = '\0';
		if (n < max)
			fields[n++] = start;
		if (sep == ',') {
			p++;
			continue;
		}
		if (sep == '\r' && p + 1 < end && p[1] == '\n')
			p++;
		p++;
		break;
	}
	*pos = p;
	return n;
}

static void
test_clean(void)
{
	size_t len, total = 0, same = 0, nf;
	char *fields[8];
	char *data = nf_test_slurp(
	    nf_test_shared("corpus/dedup/kowikinews/wikinews.csv"), &len);
	char *pos = data, *end = data + len;
	int body = -1, url = -1;

	nf = csv_record(&pos, end, fields, 8);
	for (size_t i = 0; i < nf; i++) {
		if (strcmp(fields[i], "내용") == 0)
			body = (int)i;
		if (strcmp(fields[i], "출처") == 0)
			url = (int)i;
	}
	NF_CHECK(body >= 0 && url >= 0, "wikinews.csv header");
	if (body < 0 || url < 0) {
		free(data);
		return;
	}
	for (;;) {
		struct nf_cut *cuts;
		size_t ncuts, copies;
		const char *text;

		nf = csv_record(&pos, end, fields, 8);
		if (!nf)
			break;
		if (nf <= (size_t)body)
			continue;
		text = fields[body];
		total++;
		nf_repeats_find(text, strlen(text), &cuts, &ncuts, &copies);
		if (!ncuts) {
			same++;
		} else {
			fprintf(stderr,
				"clean changed: %s: %zu cuts, first "
				"\"%.*s\"\n",
				fields[url], ncuts,
				(int)(cuts[0].end - cuts[0].start),
				text + cuts[0].start);
		}
		free(cuts);
	}
	printf("clean unchanged: %zu/%zu\n", same, total);
	NF_CHECK(total == 644, "clean articles: %zu", total);
	NF_CHECK(same == total, "clean unchanged %zu/%zu", same, total);
	free(data);
}

/* The ASCII table of fingerprint.c gives ICU's answers; so does the ICU
 * path for a few characters beyond it. */
static void
test_char_classes(void)
{
	static const uint32_t beyond[] = {0x85,	  0xA0,	  0x200B, 0x3000,
					  0x3001, 0x300C, 0xFF0C, 0xAC00,
					  0x2026, 0xFEFF, 0x4E00};
	int bad = 0;

	for (uint32_t c = 0; c < 128 + sizeof(beyond) / sizeof(*beyond); c++) {
		uint32_t cp = c < 128 ? c : beyond[c - 128];
		bool space = u_isUWhiteSpace((UChar32)cp) ||
			     u_charType((UChar32)cp) == U_FORMAT_CHAR;
		bool skipped = space || u_ispunct((UChar32)cp);

		if (nf_fp_is_space(cp) != space ||
		    nf_fp_is_skipped(cp) != skipped) {
			NF_CHECK(false, "class of U+%04X", (unsigned)cp);
			bad++;
		}
	}
	NF_CHECK(bad == 0, "character classes agree with ICU");
	NF_CHECK(nf_fp_is_space(' ') && nf_fp_is_space(0x200B) &&
		     !nf_fp_is_space('a') && nf_fp_is_skipped(',') &&
		     nf_fp_is_skipped(0x3001) && !nf_fp_is_skipped('$') &&
		     !nf_fp_is_skipped(0xAC00),
		 "known classes");
}

int
main(void)
{
	test_char_classes();
	test_seed();
	test_exact();
	test_print_copy();
	test_near_copy();
	test_table();
	test_figures();
	test_inpage();
	test_clean();
	return nf_test_done("repeats_test");
}
