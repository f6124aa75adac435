/*
 * output/csv.h - facts as CSV rows (RFC 4180, UTF-8, CRLF line ends,
 * fields quoted when they hold a comma, quote, CR or LF).
 */
#ifndef NF_OUTPUT_CSV_H
#define NF_OUTPUT_CSV_H

#include <stdio.h>

#include "base/err.h"
#include "normalize/record.h"

/* The header row: article_id,url,title,published,surface,value,... */
nf_err nf_csv_write_header(FILE *f);

/* One row per fact of `r`. */
nf_err nf_csv_write_facts(FILE *f, const struct nf_record *r);

#endif
