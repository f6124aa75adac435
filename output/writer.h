/*
 * output/writer.h - one interface over the output formats of RECORDS.md:
 * JSON Lines (records or one line per fact), CSV (one row per fact,
 * RFC 4180) and SQLite (tables `articles` and `facts`).
 *
 * Records are written as they come; nothing is buffered past one record
 * for the text formats.  SQLite writes in transactions of up to
 * NF_SQLITE_BATCH records (and at close), so a crash never leaves half an
 * article; appending to an existing database replaces an article with the
 * same id instead of duplicating it.
 */
#ifndef NF_OUTPUT_WRITER_H
#define NF_OUTPUT_WRITER_H

#include <stdbool.h>

#include "base/err.h"
#include "normalize/record.h"

enum nf_out_format { NF_OUT_JSONL, NF_OUT_CSV, NF_OUT_SQLITE };

#define NF_SQLITE_BATCH 500

struct nf_writer;

/* "jsonl", "csv", "sqlite" -> format; false for anything else. */
bool nf_out_format_parse(const char *name, enum nf_out_format *out);

/*
 * Open a writer.  `path` NULL means stdout (not allowed for sqlite:
 * NF_ERR_USAGE).  `facts_only` selects one line per fact for jsonl (csv
 * is always per fact; sqlite always writes both tables).  NF_ERR_IO or
 * NF_ERR_DB when the destination cannot be opened.
 */
nf_err nf_writer_open(struct nf_writer **out, enum nf_out_format fmt,
		      bool facts_only, const char *path);

/*
 * The same, choosing whether a CSV output starts with its header row: a
 * run appending to a CSV file that already has one passes false.
 */
nf_err nf_writer_open_ex(struct nf_writer **out, enum nf_out_format fmt,
			 bool facts_only, const char *path, bool csv_header);

/*
 * SQLite records per transaction (NF_SQLITE_BATCH by default).  The crawl
 * sets 1: it marks a URL done right after its record is written, so the
 * record must be committed by then.
 */
void nf_writer_set_batch(struct nf_writer *w, unsigned records);

/* Write one record.  NF_ERR_IO / NF_ERR_DB on failure. */
nf_err nf_writer_put(struct nf_writer *w, const struct nf_record *r);

/* Flush, commit, close and free.  Returns an error of closing only. */
nf_err nf_writer_close(struct nf_writer *w);

#endif
