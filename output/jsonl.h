/*
 * output/jsonl.h - JSON Lines per ../shared/RECORDS.md.
 *
 * Numbers are written as JSON number literals with their exact decimal
 * digits (cJSON raw values): 1300000000, -0.36, 160400000000000 never pass
 * through a double.  Each call writes one complete line and flushes, so a
 * crash never leaves half a record.
 */
#ifndef NF_OUTPUT_JSONL_H
#define NF_OUTPUT_JSONL_H

#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"
#include "extract/figures.h"
#include "normalize/record.h"

/* One article record (with its facts) as one line. */
nf_err nf_jsonl_write_record(FILE *f, const struct nf_record *r);

/*
 * One line per fact of `r` (the `--facts` form): the fact fields plus
 * article_id, url, title and published.
 */
nf_err nf_jsonl_write_facts(FILE *f, const struct nf_record *r);

/*
 * One fact found by `newsfact facts` in text[0..len): the fact fields plus
 * `input`, the 1-based number of the argument or line.
 */
nf_err nf_jsonl_write_text_fact(FILE *f, const struct nf_figure *fig,
				const char *text, size_t len, size_t input);

/*
 * The same line appended to `out` (with its newline) instead of written:
 * a caller writing many facts sends whole lines in large writes, so a
 * crash still never leaves half a line.  NF_ERR_LIMIT past out's cap.
 */
nf_err nf_jsonl_format_text_fact(struct nf_buf *out,
				 const struct nf_figure *fig, const char *text,
				 size_t len, size_t input);

#endif
