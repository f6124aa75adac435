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

/*
 * The detector, after ../shared/notes/dedup-normalize.md §2.5.  All tiers
 * compare a form of the text without white space (tier 2 also without
 * punctuation), with a map back to the bytes, so a copy that differs only
 * in spacing or line breaks is still a copy.
 *
 * Tier 0: the whole text is X repeated k times (KMP prefix function):
 *   keep X, k - 1 copies.
 * Tier 2: near-exact repeated blocks.  Every window of NF_REPEATS_K
 *   characters is hashed; a window seen earlier at distance d marks a
 *   diagonal; runs of one diagonal are chained across small edits, a
 *   dropped sentence or an inserted caption; a chain covering at least
 *   max(NF_REPEATS_MIN_BLOCK, NF_REPEATS_MIN_SHARE % of the text) is a
 *   later copy and is cut (one copy per chain; a chain that overlaps its
 *   own source is a run of copies and counts each).  A short gap between
 *   a copy and its source (a caption line, at most NF_REPEATS_MAX_GAP
 *   characters) goes with the copy.
 * Tier 1: a paragraph of at least NF_REPEATS_MIN_PARA characters that
 *   already occurred earlier in the page is cut; consecutive cut
 *   paragraphs count as one copy.  A paragraph found three times or more
 *   is a recurring line of the page (an interview's question) and stays.
 *
 * Paragraphs are separated by any run of white space holding a newline
 * ("\n\n" in extracted text, "\n" in scraped archives).  Cuts fall on
 * character boundaries, take one separator with a removed paragraph, and
 * never leave the text beginning or ending with white space it did not
 * begin or end with.
 */
#define NF_REPEATS_K	     24
#define NF_REPEATS_MIN_BLOCK 100
#define NF_REPEATS_MIN_SHARE 15
#define NF_REPEATS_MIN_PARA  30
#define NF_REPEATS_MAX_GAP   80

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
 * Delete the cuts from `text` and fix up the figures: a figure that
 * overlaps a cut is dropped, later ones move left (bytes and code points),
 * a sentence span that runs into a cut ends where the cut begins, and one
 * that starts inside a cut (or holds a cut before its figure) starts where
 * the cut ends.  *nfigs is updated; the array is compacted in place, order
 * kept.  `cuts` must be as nf_repeats_find() returns them.
 */
void nf_repeats_apply(struct nf_buf *text, const struct nf_cut *cuts,
		      size_t ncuts, struct nf_figure *figs, size_t *nfigs);

#endif
