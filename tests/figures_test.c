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
#include <unistd.h>

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

/*
 * Peers write a fraction that does not end (2/3) as a double printed to 15
 * significant digits (0.666666666666667): compare n/d with that rounding.
 * A mixed `103 2/3` arrives as value_text "311/3".
 */
static bool
fraction_is(const char *nd, const char *want)
{
	char *end;
	long long num = strtoll(nd, &end, 10), den;
	if (*end != '/')
		return false;
	den = strtoll(end + 1, &end, 10);
	if (*end || den <= 0)
		return false;
	double w = strtod(want, &end);
	if (*end || !want[0])
		return false;
	double got = (double)num / (double)den;
	double tol = (w < 0 ? -w : w) * 1e-13 + 1e-15;
	return got - w < tol && w - got < tol;
}

static bool
corpus_match(const struct nf_figure *f, const char *value, const char *unit,
	     const char *extra, bool any_unit)
{
	char approx[32], mn[64], mx[64];
	char buf[NF_DECIMAL_MAX];

	extra_get(extra, "approx", approx, sizeof(approx));
	extra_get(extra, "min", mn, sizeof(mn));
	extra_get(extra, "max", mx, sizeof(mx));
	if (!any_unit && !unit_ok(f, unit))
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
		       !strcmp(nf_decimal_format(f->value, buf), value) ||
		       fraction_is(f->value_text, value);
	return !strcmp(nf_figure_value_text(f, buf), value);
}

/*
 * Per-row skip lists: tests/data/figures/skip-<corpus>-<file>.tsv (corpus
 * without its `-ko`) with
 * columns text, expected_value, reason.  A row of the peer corpus is
 * skipped when its text is equal byte for byte and its expected value is
 * equal (or the skip row says `*`): the peer's semantics differ from
 * figures-conventions.md there, and the reason says how.
 */
struct skips {
	struct nf_tsv t;
	bool loaded;
	int ct, cv, cr;
	bool *used;
};

static void
skips_load(struct skips *sk, const char *corpus, const char *file)
{
	char rel[256];
	memset(sk, 0, sizeof(*sk));
	/* skip-recognizers-number.tsv for corpus/recognizers-ko/number.tsv */
	int cl = (int)strcspn(corpus, "-");
	snprintf(rel, sizeof(rel), "data/figures/skip-%.*s-%s.tsv", cl, corpus,
		 file);
	const char *path = nf_test_data(rel);
	if (access(path, R_OK) != 0)
		return;
	nf_tsv_load(&sk->t, path, false);
	sk->loaded = true;
	sk->ct = nf_tsv_col(&sk->t, "text");
	sk->cv = nf_tsv_col(&sk->t, "expected_value");
	sk->cr = nf_tsv_col(&sk->t, "reason");
	NF_CHECK(sk->ct >= 0 && sk->cv >= 0 && sk->cr >= 0,
		 "%s: want columns text, expected_value, reason", rel);
	sk->used = nf_xcalloc(sk->t.nrows + 1, sizeof(bool));
	for (size_t r = 0; r < sk->t.nrows; r++)
		NF_CHECK(nf_tsv_get(&sk->t.rows[r], sk->cr)[0],
			 "%s:%d: a skip needs a reason", rel,
			 sk->t.rows[r].line);
}

static bool
skips_has(struct skips *sk, const char *text, const char *value)
{
	if (!sk->loaded)
		return false;
	for (size_t r = 0; r < sk->t.nrows; r++) {
		const struct nf_tsv_row *row = &sk->t.rows[r];
		const char *v = nf_tsv_get(row, sk->cv);
		if (!strcmp(nf_tsv_get(row, sk->ct), text) &&
		    (!strcmp(v, "*") || !strcmp(v, value))) {
			sk->used[r] = true;
			return true;
		}
	}
	return false;
}

/* Every skip row must name a row of the corpus: no stale skips. */
static void
skips_free(struct skips *sk)
{
	if (!sk->loaded)
		return;
	for (size_t r = 0; r < sk->t.nrows; r++)
		NF_CHECK(sk->used[r], "%s:%d: skip row matches no corpus row",
			 sk->t.rows[r].file, sk->t.rows[r].line);
	free(sk->used);
	nf_tsv_free(&sk->t);
}

/*
 * The pass rate over the rows that were not skipped, printed for every
 * file as "passed/considered (skipped N)" and held to 95%.
 */
static void
report_rate(const char *label, int pass, int considered, int skipped)
{
	double rate = considered ? (double)pass / considered : 1.0;
	printf("%s: %d/%d passed (skipped %d) (%.1f%%)\n", label, pass,
	       considered, skipped, 100.0 * rate);
	NF_CHECK(rate >= 0.95, "%s: pass rate %.3f < 0.95", label, rate);
}

/* Phrase-level corpora: the whole text is one figure. */
static void
run_phrase_corpus(const char *label, const char *corpus, const char *file,
		  bool verbose)
{
	struct nf_tsv t;
	struct skips sk;
	char rel[256];
	int pass = 0, total = 0, skipped = 0;

	snprintf(rel, sizeof(rel), "corpus/%s/%s.tsv", corpus, file);
	nf_tsv_load(&t, nf_test_shared(rel), false);
	skips_load(&sk, corpus, file);
	int ct = nf_tsv_col(&t, "text"), cv = nf_tsv_col(&t, "expected_value"),
	    cu = nf_tsv_col(&t, "expected_unit_or_currency"),
	    ce = nf_tsv_col(&t, "extra");
	for (size_t r = 0; r < t.nrows; r++) {
		const struct nf_tsv_row *row = &t.rows[r];
		const char *text = nf_tsv_get(row, ct);
		struct nf_figure f;
		if (skips_has(&sk, text, nf_tsv_get(row, cv))) {
			skipped++;
			continue;
		}
		total++;
		bool ok =
		    nf_figures_parse_phrase(fx, text, strlen(text), &f) &&
		    corpus_match(&f, nf_tsv_get(row, cv), nf_tsv_get(row, cu),
				 nf_tsv_get(row, ce), false);
		/* NeMo also has sentences: then any figure of the text. */
		struct nf_figure *figs;
		size_t n;
		if (!ok && strchr(text, ' ') &&
		    nf_figures_find(fx, text, strlen(text), &figs, &n, 1000) ==
			NF_OK) {
			for (size_t k = 0; k < n && !ok; k++)
				ok = corpus_match(&figs[k], nf_tsv_get(row, cv),
						  nf_tsv_get(row, cu),
						  nf_tsv_get(row, ce), false);
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
	report_rate(label, pass, total, skipped);
	skips_free(&sk);
	nf_tsv_free(&t);
}

/*
 * Sentence-level corpora (Recognizers-Text): one row per expected result;
 * a row passes when some figure of the text has its value and unit; a
 * `match=none` row passes when nothing is found.  An input that is one
 * quantity and nothing else (`십육`, `삼분의 이`) is also read as a
 * phrase.  The Number models (`any_unit`) report a number without its
 * unit, so there only the value and approx are compared.
 */
static void
run_sentence_corpus(const char *label, const char *corpus, const char *file,
		    bool any_unit, bool verbose)
{
	struct nf_tsv t;
	struct skips sk;
	char rel[256];
	int pass = 0, total = 0, skipped = 0;

	snprintf(rel, sizeof(rel), "corpus/%s/%s.tsv", corpus, file);
	nf_tsv_load(&t, nf_test_shared(rel), false);
	skips_load(&sk, corpus, file);
	int ct = nf_tsv_col(&t, "text"), cv = nf_tsv_col(&t, "expected_value"),
	    cu = nf_tsv_col(&t, "expected_unit_or_currency"),
	    ce = nf_tsv_col(&t, "extra");
	for (size_t r = 0; r < t.nrows; r++) {
		const struct nf_tsv_row *row = &t.rows[r];
		const char *text = nf_tsv_get(row, ct);
		const char *extra = nf_tsv_get(row, ce);
		const char *value = nf_tsv_get(row, cv);
		const char *unit = nf_tsv_get(row, cu);
		char none[8];
		struct nf_figure *figs, one;
		size_t n;
		bool ok = false;
		if (skips_has(&sk, text, value)) {
			skipped++;
			continue;
		}
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
				ok = corpus_match(&figs[k], value, unit, extra,
						  any_unit);
			if (!ok && nf_figures_parse_phrase(fx, text,
							   strlen(text), &one))
				ok = corpus_match(&one, value, unit, extra,
						  any_unit);
		}
		if (ok) {
			pass++;
		} else if (verbose) {
			fprintf(stderr, "%s:%d: `%s` want %s %s\n", row->file,
				row->line, text, value, unit);
			for (size_t k = 0; k < n; k++)
				dump_figure(text, &figs[k]);
		}
		free(figs);
	}
	report_rate(label, pass, total, skipped);
	skips_free(&sk);
	nf_tsv_free(&t);
}

static void
test_corpora(bool verbose)
{
	static const char *const duck[] = {
	    "numeral",	"amount_of_money", "ordinal",	  "quantity",
	    "duration", "distance",	   "temperature", "volume",
	};
	static const char *const nemo[] = {
	    "cardinal", "decimal", "fraction", "measure",
	    "money",	"ordinal", "date",
	};
	static const struct {
		const char *file;
		bool any_unit; /* a Number model: the value only */
	} rt[] = {
	    {"age", false},
	    {"currency", false},
	    {"dimension", false},
	    {"number", true},
	    {"number_percent_mode", true},
	    {"number_range", true},
	    {"ordinal", false},
	    {"ordinal_suppress_extended_types", false},
	    {"percent", false},
	    {"percent_percent_mode", false},
	    {"temperature", false},
	};
	char label[128];

	for (size_t k = 0; k < sizeof(duck) / sizeof(*duck); k++) {
		snprintf(label, sizeof(label), "duckling %s", duck[k]);
		run_phrase_corpus(label, "duckling-ko", duck[k], verbose);
	}
	printf("duckling time: not scored (Duckling instants relative to a "
	       "reference time; clock times are not figures here)\n");
	for (size_t k = 0; k < sizeof(nemo) / sizeof(*nemo); k++) {
		snprintf(label, sizeof(label), "nemo %s", nemo[k]);
		run_phrase_corpus(label, "nemo-ko", nemo[k], verbose);
	}
	for (size_t k = 0; k < sizeof(rt) / sizeof(*rt); k++) {
		snprintf(label, sizeof(label), "recognizers %s", rt[k].file);
		run_sentence_corpus(label, "recognizers-ko", rt[k].file,
				    rt[k].any_unit, verbose);
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
