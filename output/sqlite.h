/*
 * output/sqlite.h - records into a SQLite database: table `articles` (one
 * row per record, the fields of RECORDS.md as columns; authors and
 * captions as JSON arrays) and table `facts` (one row per fact,
 * `article_id` referencing articles.id; `value`, `range_low` and
 * `range_high` as TEXT with their exact digits, plus `value_real` as REAL
 * for sorting and comparing).  Indexes on facts.article_id, facts.unit and
 * articles.published.
 */
#ifndef NF_OUTPUT_SQLITE_H
#define NF_OUTPUT_SQLITE_H

#include "base/err.h"
#include "normalize/record.h"

struct nf_sqlite_out;

/* Open or create the database and its schema.  NF_ERR_DB on failure. */
nf_err nf_sqlite_out_open(struct nf_sqlite_out **out, const char *path);

/*
 * Write one record and its facts, replacing an article with the same id
 * (and its facts).  Inside the current batch transaction, which commits
 * every `batch` records and at close.
 */
nf_err nf_sqlite_out_put(struct nf_sqlite_out *s, const struct nf_record *r,
			 unsigned batch);

/* Commit and close; returns the first error. */
nf_err nf_sqlite_out_close(struct nf_sqlite_out *s);

#endif
