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
	struct nf_figures *figures;
	struct nf_dedup *dedup;
	/* Counters for the summary and the exit status. */
	size_t inputs, records, failed, facts;
	bool out_broken; /* a write to the output stream failed: stop */
};

nf_err nf_pipeline_init(struct nf_pipeline *p);
void nf_pipeline_release(struct nf_pipeline *p);

/*
 * Run one input path (file, directory, WARC file or "-").  Failures are
 * reported on stderr and counted; the return value is NF_OK unless writing
 * to a stream failed (stdout closed, disk full), which ends the batch.
 */
nf_err nf_pipeline_run_path(struct nf_pipeline *p, const char *path);

#endif
