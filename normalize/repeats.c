#include "normalize/repeats.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "normalize/fingerprint.h"
#include "base/banned.h"

/*
 * A form of the text with some characters left out, and where each kept
 * character sits in the original bytes.  Every offset into a form counts
 * kept characters.
 */
struct form {
	uint32_t *cp;
	size_t *beg; /* byte offset of kept character i */
	size_t *end; /* byte offset just past it */
	size_t n;
};

static void
form_build(struct form *f, const char *text, size_t len, bool (*skip)(uint32_t))
{
	size_t i = 0;

	f->cp = nf_xmalloc((len + 1) * sizeof(*f->cp));
	f->beg = nf_xmalloc((len + 1) * sizeof(*f->beg));
	f->end = nf_xmalloc((len + 1) * sizeof(*f->end));
	f->n = 0;
	while (i < len) {
		size_t at = i;
		uint32_t c = nf_utf8_next(text, len, &i);

		if (skip(c))
			continue;
		f->cp[f->n] = c;
		f->beg[f->n] = at;
		f->end[f->n] = i;
		f->n++;
	}
}

static void
form_release(struct form *f)
{
	free(f->cp);
	free(f->beg);
	free(f->end);
}

struct cutv {
	struct nf_cut *v;
	size_t n, alloc;
};

static void
cutv_push(struct cutv *cv, size_t start, size_t end)
{
	if (start >= end)
		return;
	if (cv->n == cv->alloc) {
		cv->alloc = cv->alloc ? 2 * cv->alloc : 8;
		cv->v = nf_xrealloc(cv->v, cv->alloc * sizeof(*cv->v));
	}
	cv->v[cv->n].start = start;
	cv->v[cv->n].end = end;
	cv->n++;
}

/* ---- tier 0: the whole text is one copy repeated ---- */

/*
 * The smallest period p of the form when the form is X^k with k >= 2 and
 * X at least NF_REPEATS_MIN_PARA characters long, else 0.  A shorter X is
 * stutter ("ㅋㅋㅋ"), not a repeated body.
 */
/* The smallest period of cp[0..n) (n > 0), by the KMP prefix function. */
static size_t
smallest_period(const uint32_t *cp, size_t n)
{
	size_t k = 0, p;
	size_t *pi = nf_xmalloc(n * sizeof(*pi));

	pi[0] = 0;
	for (size_t i = 1; i < n; i++) {
		while (k > 0 && cp[i] != cp[k])
			k = pi[k - 1];
		if (cp[i] == cp[k])
			k++;
		pi[i] = k;
	}
	p = n - pi[n - 1];
	free(pi);
	return p;
}

static size_t
exact_period(const struct form *f)
{
	size_t p;

	if (f->n < 2 * NF_REPEATS_MIN_PARA)
		return 0;
	p = smallest_period(f->cp, f->n);
	if (p < f->n && f->n % p == 0 && p >= NF_REPEATS_MIN_PARA)
		return p;
	return 0;
}

/* ---- tier 2: chained diagonal runs of k-gram matches ---- */

#define MOD61	      ((1ULL << 61) - 1)
#define BASE61	      (0x1f3d5b79a2c4e681ULL % MOD61)
#define TARGET_GAP    (3 * NF_REPEATS_K + 240)
#define SOURCE_GAP    400
#define EXTEND_WINDOW 32

static uint64_t
mulmod61(uint64_t a, uint64_t b)
{
	unsigned __int128 p = (unsigned __int128)a * b;
	uint64_t r = (uint64_t)(p & MOD61) + (uint64_t)(p >> 61);

	return r >= MOD61 ? r - MOD61 : r;
}

/* Windows i and j (of NF_REPEATS_K characters) hold the same text. */
static bool
same_window(const struct form *f, size_t i, size_t j)
{
	return memcmp(f->cp + i, f->cp + j, NF_REPEATS_K * sizeof(*f->cp)) == 0;
}

struct slot {
	uint64_t h;
	size_t pos; /* SIZE_MAX when empty */
};

/* First window equal to window i, inserting i when it is the first. */
static size_t
first_seen(struct slot *tab, size_t mask, const struct form *f,
	   const uint64_t *h, size_t i)
{
	size_t at = (size_t)(h[i] * 0x9e3779b97f4a7c15ULL >> 20) & mask;

	for (;; at = (at + 1) & mask) {
		if (tab[at].pos == SIZE_MAX) {
			tab[at].h = h[i];
			tab[at].pos = i;
			return i;
		}
		if (tab[at].h == h[i] && same_window(f, tab[at].pos, i))
			return tab[at].pos;
	}
}

/* Target characters [s, e) repeat the characters [s - d, e - d). */
struct run {
	size_t s, e, d;
};

struct runv {
	struct run *v;
	size_t n, alloc;
};

static void
runv_push(struct runv *rv, size_t s, size_t e, size_t d)
{
	if (rv->n == rv->alloc) {
		rv->alloc = rv->alloc ? 2 * rv->alloc : 16;
		rv->v = nf_xrealloc(rv->v, rv->alloc * sizeof(*rv->v));
	}
	rv->v[rv->n++] = (struct run){s, e, d};
}

/*
 * The diagonal runs of the form.  Each window is matched to the first
 * window with the same text, except that a diagonal already running is
 * followed as long as it holds: with three copies, copy 3 then stays on
 * the diagonal of copy 2 instead of jumping, and a phrase that occurs
 * twice inside the body does not break the run of its copy.
 */
static void
find_runs(const struct form *f, struct runv *rv)
{
	size_t k = NF_REPEATS_K, nw, cap = 1, prev = 0, run_s = 0;
	uint64_t *h, top = 1, cur = 0;
	struct slot *tab;

	if (f->n < k)
		return;
	nw = f->n - k + 1;
	h = nf_xmalloc(nw * sizeof(*h));
	for (size_t j = 1; j < k; j++)
		top = mulmod61(top, BASE61);
	for (size_t j = 0; j < k; j++)
		cur = (mulmod61(cur, BASE61) + f->cp[j]) % MOD61;
	for (size_t i = 0;; i++) {
		h[i] = cur;
		if (i + 1 == nw)
			break;
		cur = (cur + MOD61 - mulmod61(top, f->cp[i])) % MOD61;
		cur = (mulmod61(cur, BASE61) + f->cp[i + k]) % MOD61;
	}
	while (cap < 2 * nw)
		cap *= 2;
	tab = nf_xmalloc(cap * sizeof(*tab));
	for (size_t i = 0; i < cap; i++)
		tab[i].pos = SIZE_MAX;

	for (size_t i = 0; i <= nw; i++) {
		size_t d = 0;

		if (i < nw) {
			if (prev && i >= prev && h[i - prev] == h[i] &&
			    same_window(f, i - prev, i))
				d = prev;
			else
				d = i - first_seen(tab, cap - 1, f, h, i);
			/* A diagonal shorter than a window is a
			 * character-level stutter, not a copy. */
			if (d < k)
				d = 0;
		}
		if (d != prev) {
			if (prev)
				runv_push(rv, run_s, i - 1 + k, prev);
			run_s = i;
			prev = d;
		}
	}
	free(tab);
	free(h);
}

/* Runs chained into one alignment of a later copy with its source. */
struct chain {
	size_t ts, te;	/* target characters [ts, te) */
	size_t ss, se;	/* source characters, first run start, max end */
	size_t last_ts; /* target start of the last run */
	size_t last_ss, last_se; /* source span of the last run */
	size_t d_first, d_last;
	size_t cover; /* target characters inside runs */
};

static bool
chain_takes(const struct chain *c, const struct run *r)
{
	size_t rs = r->s - r->d;

	return r->s > c->last_ts && r->s <= c->te + TARGET_GAP &&
	       rs > c->last_ss && rs + NF_REPEATS_K >= c->last_se &&
	       rs <= c->last_se + SOURCE_GAP;
}

static void
chain_add(struct chain *c, const struct run *r)
{
	size_t rs = r->s - r->d, re = r->e - r->d;

	if (r->s >= c->te)
		c->cover += r->e - r->s;
	else if (r->e > c->te)
		c->cover += r->e - c->te;
	if (r->e > c->te)
		c->te = r->e;
	if (re > c->se)
		c->se = re;
	c->last_ts = r->s;
	c->last_ss = rs;
	c->last_se = re;
	c->d_last = r->d;
}

static size_t
chain_runs(const struct runv *rv, struct chain **out)
{
	struct chain *ch = NULL;
	size_t nch = 0, alloc = 0, *open = NULL, nopen = 0;

	if (rv->n)
		open = nf_xmalloc(rv->n * sizeof(*open));
	for (size_t i = 0; i < rv->n; i++) {
		const struct run *r = &rv->v[i];
		size_t best = SIZE_MAX, o = 0;

		for (size_t j = 0; j < nopen; j++) {
			struct chain *c = &ch[open[j]];

			if (c->te + TARGET_GAP < r->s)
				continue; /* too far behind: closed */
			open[o++] = open[j];
			if (!chain_takes(c, r))
				continue;
			if (best == SIZE_MAX ||
			    (c->d_last == r->d && ch[best].d_last != r->d) ||
			    ((c->d_last == r->d) == (ch[best].d_last == r->d) &&
			     c->cover > ch[best].cover))
				best = open[j];
		}
		nopen = o;
		if (best == SIZE_MAX) {
			if (nch == alloc) {
				alloc = alloc ? 2 * alloc : 16;
				ch = nf_xrealloc(ch, alloc * sizeof(*ch));
			}
			ch[nch] = (struct chain){
			    .ts = r->s,
			    .te = r->e,
			    .ss = r->s - r->d,
			    .se = r->e - r->d,
			    .last_ts = r->s,
			    .last_ss = r->s - r->d,
			    .last_se = r->e - r->d,
			    .d_first = r->d,
			    .d_last = r->d,
			    .cover = r->e - r->s,
			};
			open[nopen++] = nch++;
		} else {
			chain_add(&ch[best], r);
		}
	}
	free(open);
	*out = ch;
	return nch;
}

static size_t
mismatches(const struct form *f, size_t a, size_t b, size_t w)
{
	size_t m = 0;

	for (size_t i = 0; i < w; i++)
		m += f->cp[a + i] != f->cp[b + i];
	return m;
}

/* Up to a quarter of a window may differ (at least one character). */
static bool
mostly_same(size_t miss, size_t w)
{
	return miss <= (w / 4 ? w / 4 : 1);
}

/*
 * Grow the chain's target over an edit that came too close to its ends
 * for a whole window to match, comparing along the first (last) diagonal.
 */
static void
chain_extend(const struct form *f, struct chain *c)
{
	for (;;) {
		size_t d = c->d_first, w = EXTEND_WINDOW;
		size_t low = c->se <= c->ts ? c->se : d;

		if (c->ts < d || c->ts - d < w)
			w = c->ts - d;
		if (c->ts - low < w)
			w = c->ts - low;
		if (!w ||
		    !mostly_same(mismatches(f, c->ts - w, c->ts - w - d, w), w))
			break;
		c->ts -= w;
		c->ss -= w;
	}
	for (;;) {
		size_t d = c->d_last, w = EXTEND_WINDOW;

		if (f->n - c->te < w)
			w = f->n - c->te;
		if (!w || !mostly_same(mismatches(f, c->te, c->te - d, w), w))
			break;
		c->te += w;
		if (c->te - d > c->se)
			c->se = c->te - d;
	}
}

/* Start of the UTF-8 character that ends at byte i (i > 0). */
static size_t
char_before(const char *text, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80);
	return i;
}

/*
 * The byte span of a chain's target.  The form skipped white space and
 * punctuation, so the span is widened over the skipped characters around
 * it for as long as they equal those around the source: the copy's
 * opening quote and closing full stop go with it, and the source keeps
 * its own.  *src_end gets where the source's matching bytes end.
 */
static void
chain_bytes(const char *text, size_t len, const struct form *f,
	    const struct chain *c, size_t *start, size_t *end, size_t *src_end)
{
	size_t tb = f->beg[c->ts], sb = f->beg[c->ts - c->d_first];
	size_t floor = c->ts ? f->end[c->ts - 1] : 0;
	size_t sfloor = c->ts - c->d_first ? f->end[c->ts - c->d_first - 1] : 0;
	size_t be = f->end[c->te - 1], se = f->end[c->te - 1 - c->d_last];
	size_t ceil = c->te < f->n ? f->beg[c->te] : len;
	size_t sceil = f->beg[c->te - c->d_last];

	while (tb > floor && sb > sfloor) {
		size_t q = char_before(text, tb), w = tb - q;

		if (sb < sfloor + w || memcmp(text + q, text + sb - w, w) != 0)
			break;
		tb = q;
		sb -= w;
	}
	while (be < ceil && se < sceil) {
		size_t q = be + 1, w;

		while (q < ceil && ((unsigned char)text[q] & 0xC0) == 0x80)
			q++;
		w = q - be;
		if (se + w > sceil || memcmp(text + be, text + se, w) != 0)
			break;
		be = q;
		se += w;
	}
	*start = tb;
	*end = be;
	*src_end = se;
}

static int
by_cover_desc(const void *a, const void *b)
{
	const struct chain *x = a, *y = b;

	if (x->cover != y->cover)
		return x->cover < y->cover ? 1 : -1;
	return x->ts < y->ts ? -1 : x->ts > y->ts;
}

/* Tier 2: cuts go to *cv; returns the number of copies. */
static size_t
find_blocks(const char *text, size_t len, struct cutv *cv)
{
	struct form f;
	struct runv rv = {0};
	struct chain *ch = NULL;
	size_t nch, need, copies = 0, nb = 0;
	size_t *bl;

	form_build(&f, text, len, nf_fp_is_skipped);
	find_runs(&f, &rv);
	nch = chain_runs(&rv, &ch);
	free(rv.v);
	need = f.n * NF_REPEATS_MIN_SHARE / 100;
	if (need < NF_REPEATS_MIN_BLOCK)
		need = NF_REPEATS_MIN_BLOCK;
	if (nch)
		qsort(ch, nch, sizeof(*ch), by_cover_desc);
	bl = nf_xmalloc((2 * nch + 1) * sizeof(*bl));
	for (size_t i = 0; i < nch && ch[i].cover >= need; i++) {
		struct chain *c = &ch[i];
		size_t start, end, src_end;
		size_t period = c->d_first;
		bool clash = false;

		chain_extend(&f, c);
		for (size_t j = 0; j < nb && !clash; j++)
			clash = c->ts < bl[2 * j + 1] && bl[2 * j] < c->te;
		if (clash)
			continue;
		if (c->se > c->ts) {
			/* The chain overlaps its own source, so the block
			 * is periodic; a short true period is stutter. */
			period = smallest_period(f.cp + c->ss, c->te - c->ss);
			if (period < NF_REPEATS_MIN_PARA)
				continue;
		}
		bl[2 * nb] = c->ts;
		bl[2 * nb + 1] = c->te;
		nb++;
		chain_bytes(text, len, &f, c, &start, &end, &src_end);
		if (c->se > c->ts) {
			/* A run of copies, one per period. */
			size_t k = (c->te - c->ts + period / 2) / period;

			copies += k ? k : 1;
		} else {
			copies++;
			/* A caption line between the source and its copy
			 * goes with the copy. */
			if (c->ts - c->se <= NF_REPEATS_MAX_GAP &&
			    src_end <= start)
				start = src_end;
		}
		cutv_push(cv, start, end);
	}
	free(bl);
	free(ch);
	form_release(&f);
	return copies;
}

/* ---- tier 1: repeated paragraphs ---- */

static size_t
space_back(const char *text, size_t i)
{
	while (i > 0) {
		size_t q = char_before(text, i), k = q;

		if (!nf_fp_is_space(nf_utf8_next(text, i, &k)))
			break;
		i = q;
	}
	return i;
}

static size_t
space_fwd(const char *text, size_t len, size_t i)
{
	while (i < len) {
		size_t k = i;

		if (!nf_fp_is_space(nf_utf8_next(text, len, &k)))
			break;
		i = k;
	}
	return i;
}

struct para_slot {
	uint64_t h;
	size_t ka, kb; /* kept characters of the first copy; kb == 0: empty */
	size_t count;  /* copies of the paragraph in the text */
};

/* A paragraph tier 1 looks at: bytes, kept characters, table slot. */
struct para_line {
	size_t pb, pe, ka, kb, index, slot;
};

static bool
overlaps_cut(const struct nf_cut *cuts, size_t ncuts, size_t start, size_t end)
{
	for (size_t i = 0; i < ncuts; i++) {
		if (start < cuts[i].end && cuts[i].start < end)
			return true;
	}
	return false;
}

/*
 * Tier 1 over the white-space-free form f: paragraphs already inside a
 * cut are neither cut again nor remembered.  A paragraph found three
 * times or more is a line of the page's own make-up (an interview's
 * questions, a meal plan's "Eat 1-2 hours after your workout"), not a
 * copy of the body, and every copy stays.  Returns the number of copies
 * (groups of consecutive cut paragraphs).
 */
static size_t
find_paragraphs(const char *text, size_t len, const struct form *f,
		struct cutv *cv)
{
	size_t cap = 16, nlines = 1, k = 0, copies = 0, index = 0, n = 0;
	size_t last_cut = SIZE_MAX, ntier2 = cv->n;
	struct para_slot *tab;
	struct para_line *lines;

	for (size_t i = 0; i < len; i++)
		nlines += text[i] == '\n';
	while (cap < 2 * nlines)
		cap *= 2;
	tab = nf_xcalloc(cap, sizeof(*tab));
	lines = nf_xmalloc(nlines * sizeof(*lines));
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t line_end = nl ? (size_t)(nl - text) : len;
		size_t pb = space_fwd(text, line_end, pos), pe, ka, at;
		uint64_t h;

		pos = line_end + 1;
		if (pb >= line_end)
			continue; /* blank line */
		/* Stops before pb: there is a non-space character there. */
		pe = space_back(text, line_end);
		index++;
		while (k < f->n && f->beg[k] < pb)
			k++;
		ka = k;
		while (k < f->n && f->beg[k] < pe)
			k++;
		if (k - ka < NF_REPEATS_MIN_PARA ||
		    overlaps_cut(cv->v, ntier2, pb, pe))
			continue;
		h = nf_fp_hash_cps(f->cp + ka, k - ka);
		for (at = (size_t)h & (cap - 1); tab[at].kb;
		     at = (at + 1) & (cap - 1)) {
			if (tab[at].h == h &&
			    tab[at].kb - tab[at].ka == k - ka &&
			    memcmp(f->cp + tab[at].ka, f->cp + ka,
				   (k - ka) * sizeof(*f->cp)) == 0)
				break;
		}
		if (!tab[at].kb)
			tab[at] = (struct para_slot){h, ka, k, 0};
		tab[at].count++;
		lines[n++] = (struct para_line){pb, pe, ka, k, index, at};
	}
	for (size_t i = 0; i < n; i++) {
		const struct para_slot *sl = &tab[lines[i].slot];

		if (sl->ka == lines[i].ka || sl->count >= 3)
			continue;
		cutv_push(cv, lines[i].pb, lines[i].pe);
		if (last_cut == SIZE_MAX || last_cut + 1 != lines[i].index)
			copies++;
		last_cut = lines[i].index;
	}
	free(lines);
	free(tab);
	return copies;
}

/* ---- cuts: separators, merging ---- */

static size_t
count_newlines(const char *text, size_t a, size_t b)
{
	size_t n = 0;

	for (size_t i = a; i < b; i++)
		n += text[i] == '\n';
	return n;
}

/*
 * Widen a cut over the white space around it so that what remains has
 * one separator where the cut was, the stronger of the two (a paragraph
 * break beats a space), and no separator at either end of the text.
 */
static bool
widen_cut(const char *text, size_t len, struct nf_cut *c)
{
	size_t a = c->start, b = c->end;
	size_t pa = space_back(text, a), nb = space_fwd(text, len, b);

	if (nb == len) {
		a = pa;
		b = len;
	} else if (pa == 0) {
		a = 0;
		b = nb;
	} else if (pa < a && nb > b) {
		if (count_newlines(text, pa, a) >= count_newlines(text, b, nb))
			b = nb;
		else
			a = pa;
	}
	if (a == c->start && b == c->end)
		return false;
	c->start = a;
	c->end = b;
	return true;
}

static int
by_start(const void *a, const void *b)
{
	const struct nf_cut *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void
merge_cuts(struct cutv *cv)
{
	size_t o = 0;

	if (!cv->n)
		return;
	qsort(cv->v, cv->n, sizeof(*cv->v), by_start);
	for (size_t i = 1; i < cv->n; i++) {
		if (cv->v[i].start <= cv->v[o].end) {
			if (cv->v[i].end > cv->v[o].end)
				cv->v[o].end = cv->v[i].end;
		} else {
			cv->v[++o] = cv->v[i];
		}
	}
	cv->n = o + 1;
}

static void
finish_cuts(const char *text, size_t len, struct cutv *cv)
{
	bool changed;

	/* Widening only ever grows cuts, so this settles in a few rounds. */
	do {
		changed = false;
		merge_cuts(cv);
		for (size_t i = 0; i < cv->n; i++)
			changed |= widen_cut(text, len, &cv->v[i]);
	} while (changed);
}

nf_err
nf_repeats_find(const char *text, size_t len, struct nf_cut **cuts,
		size_t *ncuts, size_t *copies)
{
	struct cutv cv = {0};
	struct form f;
	size_t p;

	*cuts = NULL;
	*ncuts = 0;
	*copies = 0;
	if (!len)
		return NF_OK;
	form_build(&f, text, len, nf_fp_is_space);
	p = exact_period(&f);
	if (p) {
		cutv_push(&cv, f.end[p - 1], len);
		*copies = f.n / p - 1;
	} else {
		*copies = find_blocks(text, len, &cv);
		*copies += find_paragraphs(text, len, &f, &cv);
	}
	form_release(&f);
	finish_cuts(text, len, &cv);
	if (!cv.n) {
		free(cv.v);
		*copies = 0;
		return NF_OK;
	}
	*cuts = cv.v;
	*ncuts = cv.n;
	return NF_OK;
}

/* ---- applying cuts ---- */

/* Bytes of the cuts that lie before byte pos (a cut may hold pos). */
static size_t
removed_before(const struct nf_cut *cuts, size_t ncuts, size_t pos)
{
	size_t n = 0;

	for (size_t i = 0; i < ncuts && cuts[i].start < pos; i++)
		n += (cuts[i].end < pos ? cuts[i].end : pos) - cuts[i].start;
	return n;
}

void
nf_repeats_apply(struct nf_buf *text, const struct nf_cut *cuts, size_t ncuts,
		 struct nf_figure *figs, size_t *nfigs)
{
	size_t *cps, o = 0, w, r;

	if (!ncuts)
		return;
	assert(text->data && cuts[ncuts - 1].end <= text->len);
	/* cps[i]: code points removed by the cuts before cut i. */
	cps = nf_xmalloc((ncuts + 1) * sizeof(*cps));
	cps[0] = 0;
	for (size_t i = 0; i < ncuts; i++) {
		assert(cuts[i].start < cuts[i].end);
		assert(!i || cuts[i - 1].end <= cuts[i].start);
		cps[i + 1] =
		    cps[i] + nf_utf8_count(text->data + cuts[i].start,
					   cuts[i].end - cuts[i].start);
	}
	for (size_t i = 0; i < *nfigs; i++) {
		struct nf_figure g = figs[i];
		size_t before = 0;
		bool dropped = false;

		for (size_t j = 0; j < ncuts; j++) {
			const struct nf_cut *c = &cuts[j];

			if (c->end <= g.byte_start) {
				before = j + 1;
				if (c->end > g.sent_start)
					g.sent_start = c->end;
			} else if (c->start >= g.byte_end) {
				if (c->start < g.sent_end)
					g.sent_end = c->start;
				break;
			} else {
				dropped = true;
				break;
			}
		}
		if (dropped)
			continue;
		g.start -= cps[before];
		g.end -= cps[before];
		g.byte_start -= removed_before(cuts, ncuts, g.byte_start);
		g.byte_end -= removed_before(cuts, ncuts, g.byte_end);
		g.sent_start -= removed_before(cuts, ncuts, g.sent_start);
		g.sent_end -= removed_before(cuts, ncuts, g.sent_end);
		figs[o++] = g;
	}
	*nfigs = o;
	free(cps);

	w = cuts[0].start;
	r = cuts[0].end;
	for (size_t i = 1; i <= ncuts; i++) {
		size_t next = i < ncuts ? cuts[i].start : text->len;

		memmove(text->data + w, text->data + r, next - r);
		w += next - r;
		if (i < ncuts)
			r = cuts[i].end;
	}
	text->len = w;
	text->data[w] = '\0';
}
