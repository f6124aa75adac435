/*
 * cli/pipeline.h - the one place that knows the order of the stages:
 * read → decode charset → article → figures → normalize → output.
 *
 * A document that fails at any stage gets one stderr line
 * `newsfact: INPUT: STAGE: message`; the batch goes on.
 */
#ifndef NF_CLI_PIPELINE_H
#define NF_CLI_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

struct nf_figures;
struct nf_dedup;
struct nf_writer;
struct nf_progress;
struct nf_source;

/* Limits live here, never as magic numbers in a stage. */
struct nf_config {
	size_t max_input_bytes; /* one file after gunzip */
	size_t max_text_bytes;	/* decoded UTF-8 of one document */
	size_t max_figures;	/* per document */
};

struct nf_config nf_config_defaults(void);

struct nf_pipeline {
	struct nf_config cfg;
	const char *url;       /* --url for a single input, or NULL */
	struct nf_writer *out; /* borrowed; opened and closed by the caller */
	/* Borrowed, or NULL: the progress line, redrawn after each input
	 * and record and cleared before each failure line. */
	struct nf_progress *progress;
	/* ISO 8601 UTC time the page was fetched (crawl), or NULL. */
	const char *fetched_at;
	/* --state: the SQLite state whose dedup tables nf_pipeline_init()
	 * opens (normalize/dedup.h), or NULL to dedupe in memory. */
	const char *state_path;
	struct nf_figures *figures;
	struct nf_dedup *dedup;
	/* Counters for the summary and the exit status. */
	size_t inputs, records, failed, facts;
	bool out_broken; /* a write to the output stream failed: stop */
};

/* Set p->state_path (or leave it NULL) first.  NF_ERR_DB when the state
 * cannot be opened: a setup error. */
nf_err nf_pipeline_init(struct nf_pipeline *p);
void nf_pipeline_release(struct nf_pipeline *p);

/*
 * Commit and close the dedup state; NF_ERR_DB when the last commit
 * failed (the records were written, the state misses the last batch).
 * nf_pipeline_release() does the same but only logs a failure.
 */
nf_err nf_pipeline_close_state(struct nf_pipeline *p);

/*
 * Run one input path (file, directory, WARC file or "-").  Failures are
 * reported on stderr and counted; the return value is NF_OK unless writing
 * to a stream failed (stdout closed, disk full), which ends the batch.
 */
nf_err nf_pipeline_run_path(struct nf_pipeline *p, const char *path);

/*
 * Run one document fetched from `url` (bytes as received, decoded with
 * the HTTP `content_type`, which may be NULL): the crawl's way in.
 * `source` (may be NULL) names where the bytes are archived.  Failures as
 * for nf_pipeline_run_path().
 */
nf_err nf_pipeline_run_bytes(struct nf_pipeline *p, const char *bytes,
			     size_t len, const char *content_type,
			     const char *url, const struct nf_source *source);

#endif
