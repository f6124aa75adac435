/*
 * extract/sentence.h - sentence boundaries in Korean news text.
 *
 * ICU's sentence break iterator plus Korean rules: a sentence also ends
 * after `다.`, `요.` and the like when no space follows (scraped text glues
 * sentences: `상황이다.미 스탠퍼드대`); a closing quote followed by a
 * quotative particle (`."라고`) does not end one; list numbers and Latin
 * abbreviations (`U.S.`) do not end one; paragraph breaks always do.
 */
#ifndef NF_EXTRACT_SENTENCE_H
#define NF_EXTRACT_SENTENCE_H

#include <stddef.h>

#include "base/err.h"

/*
 * Byte offsets where sentences end in text[0..len) (valid UTF-8): a
 * malloc'd ascending array ending with len.  Spans exclude surrounding
 * white space when the caller trims them.  NF_ERR_INTERNAL if ICU fails.
 */
nf_err nf_sentence_bounds(const char *text, size_t len, size_t **out,
			  size_t *nout);

/*
 * The sentence holding byte offset `pos`, given bounds from
 * nf_sentence_bounds(): [*start, *end), trimmed of white space.
 */
void nf_sentence_at(const char *text, const size_t *bounds, size_t nbounds,
		    size_t pos, size_t *start, size_t *end);

#endif
