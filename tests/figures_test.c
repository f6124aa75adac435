/*
 * Tests of extract/figures: the seed article (the project's acceptance
 * test), our own tables in tests/data/figures/ tables, and the shared peer
 * corpora read in place (Duckling, NeMo, Recognizers-Text).
 *
 * `figures_test --dump TEXT...` prints what the finder sees in each TEXT
 * (and `--phrase TEXT...` the phrase reading), for writing new rows.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "base/buf.h"
#include "base/decimal.h"
#include "base/utf8.h"
#include "extract/figures.h"

static struct nf_figures *fx;

static void
dump_figure(const char *text, const struct nf_figure *f)
{
	char v[NF_DECIMAL_MAX], lo[NF_DECIMAL_MAX], hi[NF_DECIMAL_MAX];

	const char *vt = nf_figure_value_text(f, v);
	nf_decimal_format(f->range_low, lo);
	nf_decimal_format(f->range_high, hi);
	printf("  [%zu,%zu) %.*s\t%s\t%s\t%s", f->byte_start, f->byte_end,
	       (int)(f->byte_end - f->byte_start), text + f->byte_start, vt,
	       f->unit, nf_approx_name(f->approx));
	if (f->approx == NF_APPROX_RANGE || f->approx == NF_APPROX_BAND)
		printf("\t%s..%s", lo, hi);
	if (f->chain[0])
		printf("\tchain=%s", f->chain);
	if (f->per[0])
		printf("\tper=%s", f->per);
	if (f->note)
		printf("\tnote=%s", f->note);
	printf("\n");
}

static int
dump(int argc, char **argv, bool phrase)
{
	for (int i = 2; i < argc; i++) {
		printf("%s\n", argv[i]);
		if (phrase) {
			struct nf_figure f;
			if (nf_figures_parse_phrase(fx, argv[i],
						    strlen(argv[i]), &f))
				dump_figure(argv[i], &f);
			else
				printf("  (no phrase reading)\n");
			continue;
		}
		struct nf_figure *figs;
		size_t n;
		if (nf_figures_find(fx, argv[i], strlen(argv[i]), &figs, &n,
				    100000) != NF_OK) {
			printf("  error: %s\n", nf_last_error());
			continue;
		}
		for (size_t k = 0; k < n; k++) {
			dump_figure(argv[i], &figs[k]);
			printf("      sentence: %.*s\n",
			       (int)(figs[k].sent_end - figs[k].sent_start),
			       argv[i] + figs[k].sent_start);
		}
		free(figs);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static bool
value_is(const struct nf_figure *f, const char *want)
{
	char buf[NF_DECIMAL_MAX];
	if (!want[0])
		return !f->has_value;
	return f->has_value && strcmp(nf_figure_value_text(f, buf), want) == 0;
}

static bool
dec_is(struct nf_decimal d, const char *want)
{
	char buf[NF_DECIMAL_MAX];
	return strcmp(nf_decimal_format(d, buf), want) == 0;
}

/* Every figure's surface is the text at its span, in bytes and code points. */
static void
check_spans(const char *text, size_t len, const struct nf_figure *figs,
	    size_t n, const char *where)
{
	for (size_t k = 0; k < n; k++) {
		const struct nf_figure *f = &figs[k];
		bool ok = f->byte_start < f->byte_end && f->byte_end <= len &&
			  nf_utf8_count(text, f->byte_start) == f->start &&
			  nf_utf8_count(text, f->byte_end) == f->end &&
			  f->sent_start <= f->byte_start &&
			  f->sent_end >= f->byte_end;
		NF_CHECK(ok, "%s: span of figure %zu", where, k);
		if (k > 0)
			NF_CHECK(figs[k - 1].byte_start <= f->byte_start,
				 "%s: figures out of text order", where);
	}
}

/* ------------------------------------------------------------------ */
/* The seed article                                                    */

struct seed_want {
	const char *surface, *value, *unit, *approx, *per, *chain;
};

static const struct seed_want seed_wants[] = {
    {"33%", "33", "percent", "exact", "", ""},
    {"-0.36", "-0.36", "number", "exact", "10000 person", ""},
    {"13억 달러", "1300000000", "USD", "exact", "", ""},
    {"1조9100억원", "1910000000000", "KRW", "about", "", ""},
    {"2560명", "2560", "person", "exact", "", ""},
    {"2354곳", "2354", "place", "exact", "", ""},
    {"81.9%", "81.9", "percent", "exact", "", ""},
    {"48개국", "48", "country", "exact", "", ""},
    {"10개국", "10", "country", "exact", "", ""},
    {"1091억달러", "109100000000", "USD", "exact", "", ""},
    {"160조4000억원", "160400000000000", "KRW", "about", "", ""},
    {"93억달러", "9300000000", "USD", "exact", "", ""},
    {"13조7000억원", "13700000000000", "KRW", "about", "", ""},
    {"6위", "6", "rank", "exact", "", "A:1"},
    {"9위", "9", "rank", "exact", "", "A:2"},
    {"2-3계단", "", "rank_step", "range", "", ""},
    {"5번째", "5", "ordinal", "exact", "", ""},
    {"1위", "1", "rank", "exact", "", ""},
    {"2위", "2", "rank", "exact", "", ""},
    {"7일", "---07", "date", "exact", "", ""},
    {"2027년", "2027", "date", "exact", "", ""},
};

static size_t
count_surface(const char *text, const struct nf_figure *figs, size_t n,
	      const char *surface, const struct nf_figure **first)
{
	size_t c = 0, sl = strlen(surface);
	for (size_t k = 0; k < n; k++) {
		const struct nf_figure *f = &figs[k];
		if (f->byte_end - f->byte_start == sl &&
		    memcmp(text + f->byte_start, surface, sl) == 0) {
			if (!c)
				*first = f;
			c++;
		}
	}
	return c;
}

static void
test_seed(void)
{
	size_t len;
	char *all = nf_test_slurp(
	    nf_test_shared("seed/000_ed5d156bdfb86b90.txt"), &len);
	while (len > 0 && (all[len - 1] == '\n' || all[len - 1] == '\r'))
		len--;
	NF_CHECK(len % 2 == 0 && memcmp(all, all + len / 2, len / 2) == 0,
		 "seed: the text is exactly doubled");
	size_t half = len / 2;
	struct nf_figure *figs;
	size_t n;

	NF_CHECK(nf_figures_find(fx, all, half, &figs, &n, 10000) == NF_OK,
		 "seed: find");
	check_spans(all, half, figs, n, "seed");
	for (size_t k = 0; k < sizeof(seed_wants) / sizeof(*seed_wants); k++) {
		const struct seed_want *sw = &seed_wants[k];
		const struct nf_figure *f = NULL;
		size_t c = count_surface(all, figs, n, sw->surface, &f);
		NF_CHECK(c == 1, "seed: `%s` found %zu times", sw->surface, c);
		if (!f)
			continue;
		NF_CHECK(value_is(f, sw->value), "seed: `%s` value",
			 sw->surface);
		NF_CHECK_STR(f->unit, sw->unit);
		NF_CHECK_STR(nf_approx_name(f->approx), sw->approx);
		NF_CHECK_STR(f->per, sw->per);
		NF_CHECK_STR(f->chain, sw->chain);
	}
	/* 11위 twice: `전체 11위` (no chain) and `2024년 11위` (A:3). */
	{
		size_t c = 0, chained = 0;
		for (size_t k = 0; k < n; k++) {
			const struct nf_figure *f = &figs[k];
			if (f->byte_end - f->byte_start == strlen("11위") &&
			    !memcmp(all + f->byte_start, "11위",
				    strlen("11위"))) {
				c++;
				NF_CHECK(value_is(f, "11") &&
					     !strcmp(f->unit, "rank"),
					 "seed: 11위 rank");
				if (!strcmp(f->chain, "A:3"))
					chained++;
			}
		}
		NF_CHECK(c == 2 && chained == 1, "seed: 11위 x%zu, A:3 x%zu", c,
			 chained);
	}
	/* 2022년 three times as a date, 2023년 and 2024년 once. */
	{
		const struct nf_figure *f = NULL;
		NF_CHECK(count_surface(all, figs, n, "2022년", &f) == 3,
			 "seed: 2022년 x3");
		NF_CHECK(f && value_is(f, "2022") && !strcmp(f->unit, "date"),
			 "seed: 2022 date");
		NF_CHECK(count_surface(all, figs, n, "2023년", &f) == 1,
			 "seed: 2023년");
		NF_CHECK(count_surface(all, figs, n, "2024년", &f) == 1,
			 "seed: 2024년");
		/* Decision: `AI인덱스 보고서 2025` is a title, not a figure. */
		NF_CHECK(count_surface(all, figs, n, "2025", &f) == 0,
			 "seed: title year 2025 not a figure");
	}
	/* The sentence of 13억 달러. */
	{
		const struct nf_figure *f = NULL;
		count_surface(all, figs, n, "13억 달러", &f);
		const char *want = "지난해 한국은 AI 부문에 13억 달러(한화 약 "
				   "1조9100억원)를 투자하며 전체 11위를 "
				   "차지했다.";
		NF_CHECK(f && f->sent_end - f->sent_start == strlen(want) &&
			     !memcmp(all + f->sent_start, want, strlen(want)),
			 "seed: sentence of 13억 달러: %.*s",
			 f ? (int)(f->sent_end - f->sent_start) : 0,
			 f ? all + f->sent_start : "");
	}
	/* Nothing else: every figure is one we expect. */
	{
		size_t expected = sizeof(seed_wants) / sizeof(*seed_wants) + 2 +
				  5; /* 11위 x2, 2022년 x3, 2023년, 2024년 */
		NF_CHECK(n == expected, "seed: %zu figures, want %zu", n,
			 expected);
	}
	/* The whole doubled text: each figure exactly twice. */
	{
		struct nf_figure *f2;
		size_t n2;
		NF_CHECK(nf_figures_find(fx, all, len, &f2, &n2, 10000) ==
			     NF_OK,
			 "seed: find on both copies");
		NF_CHECK(n2 == 2 * n, "seed: both copies give %zu, want %zu",
			 n2, 2 * n);
		check_spans(all, len, f2, n2, "seed x2");
		free(f2);
	}
	free(figs);
	free(all);
}

/* ------------------------------------------------------------------ */
/* Our tables                                                          */

struct table_cols {
	int text, surface, value, unit, approx, lo, hi, chain, per;
};

static bool
row_matches(const char *text, const struct nf_figure *f,
	    const struct nf_tsv_row *r, const struct table_cols *c,
	    bool *span_ok)
{
	const char *surface = nf_tsv_get(r, c->surface);
	size_t sl = strlen(surface);
	*span_ok = f->byte_end - f->byte_start == sl &&
		   memcmp(text + f->byte_start, surface, sl) == 0;
	if (!*span_ok)
		return false;
	const char *approx = nf_tsv_get(r, c->approx);
	if (!approx[0])
		approx = "exact";
	if (strcmp(nf_approx_name(f->approx), approx) != 0)
		return false;
	if (strcmp(f->unit, nf_tsv_get(r, c->unit)) != 0)
		return false;
	if (!value_is(f, nf_tsv_get(r, c->value)))
		return false;
	if (c->lo >= 0 && nf_tsv_get(r, c->lo)[0] &&
	    !dec_is(f->range_low, nf_tsv_get(r, c->lo)))
		return false;
	if (c->hi >= 0 && nf_tsv_get(r, c->hi)[0] &&
	    !dec_is(f->range_high, nf_tsv_get(r, c->hi)))
		return false;
	if (c->chain >= 0 && strcmp(f->chain, nf_tsv_get(r, c->chain)) != 0)
		return false;
	if (c->per >= 0 && strcmp(f->per, nf_tsv_get(r, c->per)) != 0)
		return false;
	return true;
}

/*
 * Consecutive rows with the same text form one case: every row is one
 * expected figure, and the finder must find exactly those.  A row with an
 * empty surface expects nothing at all (a trap).
 */
static void
run_table(const char *name, int *ntraps)
{
	char rel[256];
	struct nf_tsv t;
	struct table_cols c;

	snprintf(rel, sizeof(rel), "data/figures/%s", name);
	nf_tsv_load(&t, nf_test_data(rel), true);
	c.text = nf_tsv_col(&t, "text");
	c.surface = nf_tsv_col(&t, "surface");
	c.value = nf_tsv_col(&t, "value");
	c.unit = nf_tsv_col(&t, "unit");
	c.approx = nf_tsv_col(&t, "approx");
	c.lo = nf_tsv_col(&t, "range_low");
	c.hi = nf_tsv_col(&t, "range_high");
	c.chain = nf_tsv_col(&t, "chain");
	c.per = nf_tsv_col(&t, "per");
	if (c.text < 0 || c.surface < 0 || c.value < 0 || c.unit < 0 ||
	    c.approx < 0) {
		NF_CHECK(false, "%s: missing columns", name);
		nf_tsv_free(&t);
		return;
	}
	size_t r0 = 0;
	while (r0 < t.nrows) {
		const char *text = nf_tsv_get(&t.rows[r0], c.text);
		size_t r1 = r0 + 1;
		while (r1 < t.nrows &&
		       strcmp(nf_tsv_get(&t.rows[r1], c.text), text) == 0)
			r1++;
		struct nf_figure *figs;
		size_t n;
		size_t tl = t.rows[r0].lens[c.text];
		if (nf_figures_find(fx, text, tl, &figs, &n, 1000) != NF_OK) {
			NF_CHECK(false, "%s:%d: find failed: %s",
				 t.rows[r0].file, t.rows[r0].line,
				 nf_last_error());
			r0 = r1;
			continue;
		}
		check_spans(text, tl, figs, n, name);
		bool trap = !nf_tsv_get(&t.rows[r0], c.surface)[0];
		if (trap) {
			(*ntraps)++;
			if (n == 0) {
				nf_test_passed++;
			} else {
				nf_test_failed++;
				fprintf(stderr, "%s:%d: trap `%s` found:\n",
					t.rows[r0].file, t.rows[r0].line, text);
				for (size_t k = 0; k < n; k++)
					dump_figure(text, &figs[k]);
			}
		} else {
			bool *used = nf_xcalloc(n + 1, sizeof(bool));
			for (size_t r = r0; r < r1; r++) {
				const struct nf_tsv_row *row = &t.rows[r];
				bool found = false;
				for (size_t k = 0; k < n && !found; k++) {
					bool span_ok;
					if (!used[k] &&
					    row_matches(text, &figs[k], row, &c,
							&span_ok)) {
						used[k] = found = true;
					}
				}
				if (found) {
					nf_test_passed++;
					continue;
				}
				nf_test_failed++;
				fprintf(
				    stderr,
				    "%s:%d: `%s`: want `%s` %s %s %s; got:\n",
				    row->file, row->line, text,
				    nf_tsv_get(row, c.surface),
				    nf_tsv_get(row, c.value),
				    nf_tsv_get(row, c.unit),
				    nf_tsv_get(row, c.approx));
				for (size_t k = 0; k < n; k++)
					dump_figure(text, &figs[k]);
			}
			size_t extra = 0;
			for (size_t k = 0; k < n; k++)
				if (!used[k])
					extra++;
			if (extra) {
				nf_test_failed++;
				fprintf(stderr,
					"%s:%d: `%s`: %zu unexpected:\n",
					t.rows[r0].file, t.rows[r0].line, text,
					extra);
				for (size_t k = 0; k < n; k++)
					if (!used[k])
						dump_figure(text, &figs[k]);
			}
			free(used);
		}
		free(figs);
		r0 = r1;
	}
	nf_tsv_free(&t);
}

/* ------------------------------------------------------------------ */
/* Peer corpora                                                        */

/* The value of `key` in an `extra` field (`a=b;c=d`), percent-decoded. */
static bool
extra_get(const char *extra, const char *key, char *out, size_t outlen)
{
	size_t kl = strlen(key);
	const char *p = extra;
	while (p && *p) {
		const char *e = strchr(p, ';');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l > kl && !strncmp(p, key, kl) && p[kl] == '=') {
			size_t o = 0;
			for (size_t i = kl + 1; i < l && o + 1 < outlen; i++) {
				if (p[i] == '%' && i + 2 < l) {
					char hx[3] = {p[i + 1], p[i + 2], 0};
					out[o++] = (char)strtol(hx, NULL, 16);
					i += 2;
				} else {
					out[o++] = p[i];
				}
			}
			out[o] = '\0';
			return true;
		}
		p = e ? e + 1 : NULL;
	}
	out[0] = '\0';
	return false;
}

/* Expected unit "" (a bare numeral) is our "number" or "fraction". */
static bool
unit_ok(const struct nf_figure *f, const char *want)
{
	if (!want[0])
		return !strcmp(f->unit, "number") ||
		       !strcmp(f->unit, "fraction");
	return !strcmp(f->unit, want);
}

static bool
corpus_match(const struct nf_figure *f, const char *value, const char *unit,
	     const char *extra)
{
	char approx[32], mn[64], mx[64];
	char buf[NF_DECIMAL_MAX];

	extra_get(extra, "approx", approx, sizeof(approx));
	extra_get(extra, "min", mn, sizeof(mn));
	extra_get(extra, "max", mx, sizeof(mx));
	if (!unit_ok(f, unit))
		return false;
	if (!strcmp(approx, "range"))
		return f->approx == NF_APPROX_RANGE &&
		       dec_is(f->range_low, mn) && dec_is(f->range_high, mx);
	if (approx[0] && strcmp(nf_approx_name(f->approx), approx) != 0)
		return false;
	if (!f->has_value)
		return false;
	/* Fractions: `3/4` in value_text, or 0.75 as the decimal. */
	if (f->value_text[0] && !strcmp(f->unit, "fraction"))
		return !strcmp(f->value_text, value) ||
		       !strcmp(nf_decimal_format(f->value, buf), value);
	return !strcmp(nf_figure_value_text(f, buf), value);
}

/* Phrase-level corpora: the whole text is one figure. */
static double
run_phrase_corpus(const char *label, const char *rel, bool verbose)
{
	struct nf_tsv t;
	int pass = 0, total = 0;

	nf_tsv_load(&t, nf_test_shared(rel), false);
	int ct = nf_tsv_col(&t, "text"), cv = nf_tsv_col(&t, "expected_value"),
	    cu = nf_tsv_col(&t, "expected_unit_or_currency"),
	    ce = nf_tsv_col(&t, "extra");
	for (size_t r = 0; r < t.nrows; r++) {
		const struct nf_tsv_row *row = &t.rows[r];
		const char *text = nf_tsv_get(row, ct);
		struct nf_figure f;
		total++;
		bool ok =
		    nf_figures_parse_phrase(fx, text, strlen(text), &f) &&
		    corpus_match(&f, nf_tsv_get(row, cv), nf_tsv_get(row, cu),
				 nf_tsv_get(row, ce));
		/* NeMo also has sentences: then any figure of the text. */
		struct nf_figure *figs;
		size_t n;
		if (!ok && strchr(text, ' ') &&
		    nf_figures_find(fx, text, strlen(text), &figs, &n, 1000) ==
			NF_OK) {
			for (size_t k = 0; k < n && !ok; k++)
				ok = corpus_match(&figs[k], nf_tsv_get(row, cv),
						  nf_tsv_get(row, cu),
						  nf_tsv_get(row, ce));
			free(figs);
		}
		if (ok) {
			pass++;
		} else if (verbose) {
			fprintf(stderr, "%s:%d: `%s` want %s %s\n", row->file,
				row->line, text, nf_tsv_get(row, cv),
				nf_tsv_get(row, cu));
		}
	}
	printf("%s: %d/%d passed (%.1f%%)\n", label, pass, total,
	       total ? 100.0 * pass / total : 0.0);
	nf_tsv_free(&t);
	return total ? (double)pass / total : 0.0;
}

/*
 * Sentence-level corpora (Recognizers-Text): one row per expected result;
 * a row passes when some figure of the text has its value and unit; a
 * `match=none` row passes when nothing is found.
 */
static double
run_sentence_corpus(const char *label, const char *rel, bool verbose)
{
	struct nf_tsv t;
	int pass = 0, total = 0;

	nf_tsv_load(&t, nf_test_shared(rel), false);
	int ct = nf_tsv_col(&t, "text"), cv = nf_tsv_col(&t, "expected_value"),
	    cu = nf_tsv_col(&t, "expected_unit_or_currency"),
	    ce = nf_tsv_col(&t, "extra");
	for (size_t r = 0; r < t.nrows; r++) {
		const struct nf_tsv_row *row = &t.rows[r];
		const char *text = nf_tsv_get(row, ct);
		const char *extra = nf_tsv_get(row, ce);
		char none[8];
		struct nf_figure *figs;
		size_t n;
		bool ok = false;
		total++;
		if (nf_figures_find(fx, text, strlen(text), &figs, &n, 1000) !=
		    NF_OK)
			continue;
		check_spans(text, strlen(text), figs, n, label);
		if (extra_get(extra, "match", none, sizeof(none)) &&
		    !strcmp(none, "none")) {
			ok = n == 0;
		} else {
			for (size_t k = 0; k < n && !ok; k++)
				ok = corpus_match(&figs[k], nf_tsv_get(row, cv),
						  nf_tsv_get(row, cu), extra);
		}
		if (ok) {
			pass++;
		} else if (verbose) {
			fprintf(stderr, "%s:%d: `%s` want %s %s\n", row->file,
				row->line, text, nf_tsv_get(row, cv),
				nf_tsv_get(row, cu));
		}
		free(figs);
	}
	printf("%s: %d/%d passed (%.1f%%)\n", label, pass, total,
	       total ? 100.0 * pass / total : 0.0);
	nf_tsv_free(&t);
	return total ? (double)pass / total : 0.0;
}

static void
test_corpora(bool verbose)
{
	static const char *const duck[] = {
	    "ordinal",	"quantity",    "duration",
	    "distance", "temperature", "volume",
	};
	static const char *const nemo[] = {
	    "cardinal", "decimal", "fraction", "measure",
	    "money",	"ordinal", "date",
	};
	static const char *const rt[] = {
	    "age",
	    "currency",
	    "dimension",
	    "number",
	    "number_percent_mode",
	    "number_range",
	    "ordinal",
	    "ordinal_suppress_extended_types",
	    "percent",
	    "percent_percent_mode",
	    "temperature",
	};
	char label[128], rel[256];

	double num = run_phrase_corpus(
	    "duckling numeral", "corpus/duckling-ko/numeral.tsv", verbose);
	double money = run_phrase_corpus(
	    "duckling amount_of_money",
	    "corpus/duckling-ko/amount_of_money.tsv", verbose);
	/* Floors we reach; raise them as the rules grow. */
	NF_CHECK(num >= 0.90, "duckling numeral pass rate %.3f < 0.90", num);
	NF_CHECK(money >= 0.90, "duckling money pass rate %.3f < 0.90", money);
	for (size_t k = 0; k < sizeof(duck) / sizeof(*duck); k++) {
		snprintf(label, sizeof(label), "duckling %s", duck[k]);
		snprintf(rel, sizeof(rel), "corpus/duckling-ko/%s.tsv",
			 duck[k]);
		run_phrase_corpus(label, rel, verbose);
	}
	printf("duckling time: not scored (Duckling instants relative to a "
	       "reference time; clock times are not figures here)\n");
	for (size_t k = 0; k < sizeof(nemo) / sizeof(*nemo); k++) {
		snprintf(label, sizeof(label), "nemo %s", nemo[k]);
		snprintf(rel, sizeof(rel), "corpus/nemo-ko/%s.tsv", nemo[k]);
		run_phrase_corpus(label, rel, verbose);
	}
	for (size_t k = 0; k < sizeof(rt) / sizeof(*rt); k++) {
		snprintf(label, sizeof(label), "recognizers %s", rt[k]);
		snprintf(rel, sizeof(rel), "corpus/recognizers-ko/%s.tsv",
			 rt[k]);
		run_sentence_corpus(label, rel, verbose);
	}
}

static void
test_phrase_basics(void)
{
	struct nf_figure f;
	NF_CHECK(nf_figures_parse_phrase(fx, "하나", strlen("하나"), &f) &&
		     value_is(&f, "1"),
		 "phrase 하나");
	NF_CHECK(nf_figures_parse_phrase(fx, "3/4", 3, &f) &&
		     dec_is(f.value, "0.75") && !strcmp(f.value_text, "3/4"),
		 "phrase 3/4");
	NF_CHECK(!nf_figures_parse_phrase(fx, "만나다", strlen("만나다"), &f),
		 "phrase 만나다");
}

int
main(int argc, char **argv)
{
	if (nf_figures_new(&fx) != NF_OK) {
		fprintf(stderr, "figures_test: %s\n", nf_last_error());
		return 1;
	}
	if (argc > 1 &&
	    (!strcmp(argv[1], "--dump") || !strcmp(argv[1], "--phrase"))) {
		int rc = dump(argc, argv, !strcmp(argv[1], "--phrase"));
		nf_figures_free(fx);
		return rc;
	}
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");
	static const char *const tables[] = {
	    "values.tsv", "units.tsv", "approx.tsv", "ranges.tsv",
	    "chains.tsv", "dates.tsv", "traps.tsv",
	};
	int ntraps = 0;

	test_seed();
	for (size_t k = 0; k < sizeof(tables) / sizeof(*tables); k++)
		run_table(tables[k], &ntraps);
	NF_CHECK(ntraps >= 60, "only %d trap rows", ntraps);
	test_phrase_basics();
	test_corpora(verbose);
	nf_figures_free(fx);
	return nf_test_done("figures_test");
}
