/*
 * extract/figures.h - numeric facts found in article text.
 *
 * Runs after main-text extraction; input is valid NFC UTF-8.  Rules follow
 * ../shared/figures-conventions.md: exact decimal values, canonical unit
 * codes, approx flags, spans covering sign/prefix/number/unit, ranges,
 * bands, chains and rate denominators.  Patterns are compiled once
 * (PCRE2, UTF+UCP, JIT) in nf_figures_new() and shared read-only; one
 * nf_figures object must not be used by two threads at once (it owns the
 * match data).
 */
#ifndef NF_EXTRACT_FIGURES_H
#define NF_EXTRACT_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/decimal.h"
#include "base/err.h"

enum nf_approx {
	NF_APPROX_EXACT,
	NF_APPROX_ABOUT,
	NF_APPROX_OVER,
	NF_APPROX_AT_LEAST,
	NF_APPROX_UNDER,
	NF_APPROX_AT_MOST,
	NF_APPROX_RANGE,
	NF_APPROX_BAND,
	NF_APPROX_SEVERAL
};

/* "exact", "about", ... as in figures-conventions.md §5. */
const char *nf_approx_name(enum nf_approx a);

struct nf_figure {
	size_t byte_start, byte_end; /* span in the text, end exclusive */
	size_t start, end;	     /* same span in code points */
	size_t sent_start, sent_end; /* byte span of the holding sentence */
	enum nf_approx approx;
	bool has_value;		     /* false for range and band */
	struct nf_decimal value;
	struct nf_decimal range_low, range_high; /* range and band only */
	const char *unit;	     /* "KRW", "person", ...; static storage */
	char chain[8];		     /* "A:1", ... or "" */
	char per[32];		     /* "person", "100000 person", ... or "" */
};

struct nf_figures;

/* Compile the rules.  NF_ERR_INTERNAL if PCRE2 or ICU refuses them. */
nf_err nf_figures_new(struct nf_figures **out);
void nf_figures_free(struct nf_figures *fx);

/*
 * Find every figure in text[0..len), in text order, with its sentence.
 * *out is a malloc'd array (free() it) of *nout figures.  NF_ERR_LIMIT when
 * more than `max` figures are found; nothing else fails on valid UTF-8.
 */
nf_err nf_figures_find(struct nf_figures *fx, const char *text, size_t len,
		       struct nf_figure **out, size_t *nout, size_t max);

/*
 * Phrase mode, for phrase-level corpora (Duckling, NeMo): read the whole
 * of text[0..len) as one quantity, also accepting bare numerals that running
 * text never reports (`일`, `하나`, `삼점사`).  True and *out filled when the
 * whole phrase is one figure.
 */
bool nf_figures_parse_phrase(struct nf_figures *fx, const char *text,
			     size_t len, struct nf_figure *out);

#endif
