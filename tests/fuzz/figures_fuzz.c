/*
 * tests/fuzz/figures_fuzz.c - libFuzzer target for the figure finder.
 *
 * Arbitrary bytes are made valid UTF-8 (each malformed byte becomes
 * U+FFFD), then given to nf_figures_find() and nf_figures_parse_phrase().
 * The checks are the finder's contract: spans inside the text, on
 * character boundaries, start <= end, code-point offsets that count the
 * same characters, a sentence that holds its figure, figures in text
 * order, and values that format.
 *
 * Build and run (clang with libFuzzer):
 *
 *   cmake -S . -B /tmp/build-fuzz -DNF_FUZZ=ON -DCMAKE_C_COMPILER=clang \
 *         -DCMAKE_BUILD_TYPE=RelWithDebInfo
 *   cmake --build /tmp/build-fuzz --target figures_fuzz
 *   mkdir -p /tmp/fig-corpus && cp -r tests/fuzz/corpus/figures/.
 * /tmp/fig-corpus
 *   /tmp/build-fuzz/tests/figures_fuzz -max_total_time=600 -max_len=4096 \
 *         /tmp/fig-corpus
 *
 * Copy each crashing input (crash-*) into tests/fuzz/corpus/figures/; the
 * ctest `figures_fuzz_replay` runs every file there through this function
 * with the normal compiler (tests/fuzz/replay_main.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/utf8.h"
#include "extract/figures.h"

static struct nf_figures *fx;

#define FUZZ_ASSERT(cond)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "figures_fuzz: %s:%d: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

/* A byte that starts a character (not a UTF-8 continuation byte). */
static int
on_boundary(const char *s, size_t len, size_t i)
{
	return i == len || ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* Copy data as valid UTF-8: malformed bytes become U+FFFD, NUL a space. */
static char *
make_utf8(const uint8_t *data, size_t size, size_t *len)
{
	char *out = malloc(size * 3 + 1);
	size_t o = 0, i = 0;
	const char *s = (const char *)data;

	if (!out)
		abort();
	while (i < size) {
		uint32_t cp = nf_utf8_next(s, size, &i);
		if (cp == 0)
			cp = ' ';
		o += nf_utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	*len = o;
	return out;
}

static void
check_value(const struct nf_figure *f)
{
	char buf[NF_DECIMAL_MAX], lo[NF_DECIMAL_MAX], hi[NF_DECIMAL_MAX];
	const char *v = nf_figure_value_text(f, buf);

	FUZZ_ASSERT(v && strlen(v) < NF_DECIMAL_MAX);
	FUZZ_ASSERT(f->unit && f->unit[0]);
	FUZZ_ASSERT(nf_approx_name(f->approx) != NULL);
	FUZZ_ASSERT(memchr(f->chain, '\0', sizeof(f->chain)));
	FUZZ_ASSERT(memchr(f->per, '\0', sizeof(f->per)));
	if (f->approx == NF_APPROX_RANGE || f->approx == NF_APPROX_BAND) {
		nf_decimal_format(f->range_low, lo);
		nf_decimal_format(f->range_high, hi);
		FUZZ_ASSERT(lo[0] && hi[0]);
	} else if (f->has_value && !f->value_text[0]) {
		FUZZ_ASSERT(v[0]);
	}
}

static void
check_figures(const char *text, size_t len, const struct nf_figure *figs,
	      size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const struct nf_figure *f = &figs[k];
		FUZZ_ASSERT(f->byte_start <= f->byte_end);
		FUZZ_ASSERT(f->byte_end <= len);
		FUZZ_ASSERT(on_boundary(text, len, f->byte_start));
		FUZZ_ASSERT(on_boundary(text, len, f->byte_end));
		FUZZ_ASSERT(f->start <= f->end);
		FUZZ_ASSERT(nf_utf8_count(text, f->byte_start) == f->start);
		FUZZ_ASSERT(nf_utf8_count(text + f->byte_start,
					  f->byte_end - f->byte_start) ==
			    f->end - f->start);
		FUZZ_ASSERT(f->sent_start <= f->byte_start);
		FUZZ_ASSERT(f->sent_end >= f->byte_end);
		FUZZ_ASSERT(f->sent_end <= len);
		if (k > 0)
			FUZZ_ASSERT(figs[k - 1].byte_start <= f->byte_start);
		check_value(f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	char *text;
	struct nf_figure *figs = NULL, one;
	size_t n = 0;

	if (!fx && nf_figures_new(&fx) != NF_OK)
		abort();
	text = make_utf8(data, size, &len);
	FUZZ_ASSERT(nf_utf8_valid(text, len));
	nf_err err = nf_figures_find(fx, text, len, &figs, &n, 100000);
	FUZZ_ASSERT(err == NF_OK || err == NF_ERR_LIMIT);
	if (err == NF_OK)
		check_figures(text, len, figs, n);
	free(figs);
	/* Phrases are short; longer inputs only cost time. */
	if (len <= 256 && nf_figures_parse_phrase(fx, text, len, &one)) {
		FUZZ_ASSERT(one.byte_start <= one.byte_end);
		FUZZ_ASSERT(one.byte_end <= len);
		check_value(&one);
	}
	free(text);
	return 0;
}
