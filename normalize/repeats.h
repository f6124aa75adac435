/*
 * normalize/repeats.h - repeated copies of a body inside one document.
 *
 * A body printed twice or three times back to back (no separator, as in
 * the seed), a body plus a hidden print copy, repeated paragraphs: keep
 * the first copy, cut the others, and drop the figures that fell in a cut.
 * Linear time in the text length.  A clean article is never shortened.
 */
#ifndef NF_NORMALIZE_REPEATS_H
#define NF_NORMALIZE_REPEATS_H

#include <stddef.h>

#include "base/buf.h"
#include "extract/figures.h"

/* A byte range of the text to delete, [start, end). */
struct nf_cut {
	size_t start, end;
};

/*
 * Find the repeated copies in text[0..len) (valid UTF-8, paragraphs
 * separated by "\n\n").  *cuts is a malloc'd ascending, non-overlapping
 * array (free() it); a cut that removes a whole paragraph includes its
 * separator so no empty paragraph is left.  *copies gets the number of
 * dropped copies, the record's `repeats_removed`.
 */
nf_err nf_repeats_find(const char *text, size_t len, struct nf_cut **cuts,
		       size_t *ncuts, size_t *copies);

/*
 * Delete the cuts from `text` and fix up the figures: a figure inside a
 * cut is dropped, later ones move left (bytes and code points), a
 * sentence span that runs into a cut ends where the cut begins.  *nfigs
 * is updated; the array is compacted in place.
 */
void nf_repeats_apply(struct nf_buf *text, const struct nf_cut *cuts,
		      size_t ncuts, struct nf_figure *figs, size_t *nfigs);

#endif
