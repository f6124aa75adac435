/*
 * The figure finder's candidate prefilter must not change a result: run
 * nf_figures_find() with the prefilter and without it
 * (NF_FIGURES_NO_PREFILTER=1, read in nf_figures_new()) over our figure
 * tables, the seed article, the ko-news pages (raw HTML, line by line and
 * whole), the peer corpora and synthetic texts that put every possible
 * start of a figure after every kind of neighbour, and compare every
 * field of every figure.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "base/buf.h"
#include "base/decimal.h"
#include "base/utf8.h"
#include "extract/figures.h"

static struct nf_figures *with, *without;
static size_t ntexts, nfigs_total;

static bool
same_figure(const struct nf_figure *a, const struct nf_figure *b)
{
	return a->byte_start == b->byte_start && a->byte_end == b->byte_end &&
	       a->start == b->start && a->end == b->end &&
	       a->sent_start == b->sent_start && a->sent_end == b->sent_end &&
	       a->approx == b->approx && a->has_value == b->has_value &&
	       nf_decimal_cmp(a->value, b->value) == 0 &&
	       nf_decimal_cmp(a->range_low, b->range_low) == 0 &&
	       nf_decimal_cmp(a->range_high, b->range_high) == 0 &&
	       nf_test_streq(a->unit, b->unit) && !strcmp(a->chain, b->chain) &&
	       !strcmp(a->per, b->per) &&
	       !strcmp(a->value_text, b->value_text) &&
	       nf_test_streq(a->note, b->note);
}

static void
compare(const char *what, const char *text, size_t len)
{
	struct nf_figure *fa = NULL, *fb = NULL;
	size_t na = 0, nb = 0;

	if (!nf_utf8_valid(text, len))
		return;
	ntexts++;
	nf_err ea = nf_figures_find(with, text, len, &fa, &na, 100000);
	nf_err eb = nf_figures_find(without, text, len, &fb, &nb, 100000);
	bool same = ea == eb && na == nb;
	size_t k = 0;
	for (; same && k < na; k++)
		same = same_figure(&fa[k], &fb[k]);
	NF_CHECK(same,
		 "%s: %zu figures with the prefilter, %zu without (figure %zu "
		 "differs) in `%.*s`",
		 what, na, nb, k, (int)(len < 200 ? len : 200), text);
	nfigs_total += na;
	free(fa);
	free(fb);
}

/* The file whole, then each line. */
static void
compare_file(const char *path)
{
	size_t len;
	char *all = nf_test_slurp(path, &len);

	compare(path, all, len);
	for (size_t a = 0; a < len;) {
		const char *nl = memchr(all + a, '\n', len - a);
		size_t e = nl ? (size_t)(nl - all) : len;
		compare(path, all + a, e - a);
		a = e + 1;
	}
	free(all);
}

static void
compare_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[4096];

	NF_CHECK(d != NULL, "cannot open %s", dir);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		compare_file(path);
	}
	closedir(d);
}

/*
 * Every start the candidate pattern knows (signs, currency codes, sign
 * words, Sino and native numerals), after every kind of neighbour, before
 * a digit, a numeral, a counter or nothing.
 */
static void
compare_synthetic(void)
{
	static const char *const starts[] = {
	    "3",    "-",    "±",	"$",	    "₩",      "€",    "£",
	    "¥",    "△",    "US$",	"HK$",	    "EUR",    "USD",  "KRW",
	    "JPY",  "CNY",  "CAD",	"NZD",	    "CHF",    "AED",  "GBP",
	    "krw",  "usd",  "마이너스", "마이나스", "음수",   "영하", "영상",
	    "섭씨", "화씨", "시속",	"초속",	    "규모",   "미화", "수",
	    "일",   "이",   "삼",	"사",	    "오",     "육",   "칠",
	    "팔",   "구",   "십",	"백",	    "천",     "만",   "억",
	    "조",   "경",   "영",	"공",	    "하나",   "한",   "두",
	    "둘",   "세",   "셋",	"석",	    "넉",     "네",   "넷",
	    "다섯", "여섯", "일곱",	"여덟",	    "아홉",   "열",   "스물",
	    "스무", "서른", "마흔",	"쉰",	    "예순",   "일흔", "여든",
	    "아흔", "첫",   "반",	"하루",	    "이틀",   "사흘", "나흘",
	    "닷새", "엿새", "이레",	"여드레",   "아흐레", "열흘", "보름",
	    "서너", "너덧", "대여섯",	"예닐곱",   "１２",   "－３", "３％",
	};
	static const char *const before[] = {
	    "", " ", "가", "A", "1", ".", "(", "\n", "-", "약 ", "·", "“",
	};
	static const char *const after[] = {
	    "",	    "5",     " 5",    "0%", "십",   "백만원", "천억 달러",
	    "명",   " 명",   "번째",  "살", "개월", "년",     "%",
	    "억원", "만 명", " 이상", "分", "-7",   ".5배",   "~9㎞",
	};
	char buf[256];

	for (size_t s = 0; s < sizeof(starts) / sizeof(*starts); s++)
		for (size_t b = 0; b < sizeof(before) / sizeof(*before); b++)
			for (size_t a = 0; a < sizeof(after) / sizeof(*after);
			     a++) {
				int l = snprintf(
				    buf, sizeof(buf), "%s%s%s 그리고 %s%s%s",
				    before[b], starts[s], after[a], before[b],
				    starts[s], after[a]);
				compare("synthetic", buf, (size_t)l);
			}
}

int
main(void)
{
	static const char *const tables[] = {
	    "values.tsv", "units.tsv", "approx.tsv", "ranges.tsv",
	    "chains.tsv", "dates.tsv", "traps.tsv",
	};
	static const char *const dirs[] = {
	    "corpus/ko-news/pages",
	    "corpus/duckling-ko",
	    "corpus/nemo-ko",
	    "corpus/recognizers-ko",
	    "seed",
	};
	char path[4096];

	setenv("NF_FIGURES_NO_PREFILTER", "1", 1);
	nf_err e1 = nf_figures_new(&without);
	unsetenv("NF_FIGURES_NO_PREFILTER");
	nf_err e2 = nf_figures_new(&with);
	if (e1 != NF_OK || e2 != NF_OK) {
		fprintf(stderr, "figures_prefilter_test: %s\n",
			nf_last_error());
		return 1;
	}
	for (size_t k = 0; k < sizeof(tables) / sizeof(*tables); k++) {
		snprintf(path, sizeof(path), "data/figures/%s", tables[k]);
		compare_file(nf_test_data(path));
	}
	for (size_t k = 0; k < sizeof(dirs) / sizeof(*dirs); k++)
		compare_dir(nf_test_shared(dirs[k]));
	compare_synthetic();
	printf("%zu texts, %zu figures compared\n", ntexts, nfigs_total);
	NF_CHECK(nfigs_total > 10000, "only %zu figures", nfigs_total);
	nf_figures_free(with);
	nf_figures_free(without);
	return nf_test_done("figures_prefilter_test");
}
