/*
 * extract/prune.h - drop what the extractor never reads before libxml2
 * parses a page.
 *
 * Inline scripts and style sheets are half the bytes of a typical news
 * page, and libxml2 copies them character by character into text nodes
 * nobody reads.  nf_prune_html() copies the page without the contents of
 * <script> and <style> elements and without comments; the element tags
 * stay, so the tree keeps its shape.  Scripts the extractor does read are
 * kept whole: any whose type mentions "json" (JSON-LD, Next.js data) and
 * any holding Arc/Fusion's "Fusion.globalContent".
 *
 * The element ends are found the way libxml2's HTML parser finds them
 * (the first "</script" or "</style", any case), so the parse of the
 * pruned page differs from that of the whole page only in the dropped
 * text and comment nodes and in the attributes nobody reads (below).
 */
#ifndef NF_EXTRACT_PRUNE_H
#define NF_EXTRACT_PRUNE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Append the pruned copy of html[0..len) to out (which is not cleared). */
void nf_prune_html(struct nf_buf *out, const char *html, size_t len);

/*
 * Whether start tags keep attribute `name` (n bytes, any case).  The
 * others (srcset, onclick, data-*, width, ...) are dropped, which spares
 * libxml2 a node and a copy each; the extractor asks only for kept ones.
 */
bool nf_prune_keeps_attr(const char *name, size_t n);

#endif
