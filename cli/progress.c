#include "cli/progress.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/err.h"
#include "base/banned.h"

#define REDRAW_SECONDS 0.1

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
nf_progress_init(struct nf_progress *p, FILE *f)
{
	memset(p, 0, sizeof(*p));
	if (f && isatty(fileno(f)) && nf_log_level > NF_LOG_QUIET)
		p->f = f;
	p->started = now();
}

void
nf_progress_update(struct nf_progress *p, size_t inputs, size_t records,
		   size_t failed)
{
	double t, elapsed;

	if (!p->f)
		return;
	t = now();
	if (p->drawn > 0 && t - p->drawn < REDRAW_SECONDS)
		return;
	elapsed = t - p->started;
	/*
	 * \r and erase-to-end-of-line redraw in place; the line stays under
	 * 80 columns so it never wraps and leaves a trail.
	 */
	fprintf(p->f,
		"\r\033[Knewsfact: %zu inputs, %zu records, %zu failed, "
		"%.1f records/s, %.0f s",
		inputs, records, failed,
		elapsed > 0 ? (double)records / elapsed : 0.0, elapsed);
	fflush(p->f);
	p->drawn = t;
	p->visible = true;
}

void
nf_progress_clear(struct nf_progress *p)
{
	if (!p->f || !p->visible)
		return;
	fputs("\r\033[K", p->f);
	fflush(p->f);
	p->visible = false;
	/* Redraw at the next update, not 0.1 s later. */
	p->drawn = 0;
}
