/*
 * cli/progress.h - one progress line on stderr for long batches: inputs
 * done, records written, failures and the rate, redrawn in place at most
 * ten times a second.
 *
 * Shown only when stderr is a terminal and the log level is not quiet
 * (-q); with stderr a pipe or a file nothing is ever written, so logs and
 * scripts see the diagnostics alone.  stdout is never touched.
 */
#ifndef NF_CLI_PROGRESS_H
#define NF_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct nf_progress {
	FILE *f;	/* stderr when shown, NULL when silent */
	double started; /* monotonic seconds */
	double drawn;	/* when the line was last drawn, 0 never */
	bool visible;	/* a line is on the screen now */
};

/*
 * Decide whether to show progress: on `f` when it is a terminal and
 * nf_log_level is above NF_LOG_QUIET (so set the level first).
 */
void nf_progress_init(struct nf_progress *p, FILE *f);

/*
 * Redraw the line with the current counts, unless it was drawn less than
 * 0.1 s ago (the first call always draws).
 */
void nf_progress_update(struct nf_progress *p, size_t inputs, size_t records,
			size_t failed);

/*
 * Erase the line, so a diagnostic or the summary starts on a clean line;
 * the next update draws it again.  Safe when nothing is shown.
 */
void nf_progress_clear(struct nf_progress *p);

#endif
