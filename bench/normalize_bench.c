/*
 * bench/normalize_bench.c - feed generated articles through the figure
 * finder and nf_record_build() with a --state file, and print articles per
 * second for every window of 10,000 (the first and the last are the
 * figures of docs/BENCHMARKS.md), the counts of duplicates and versions,
 * and the state file size.  Built and run by bench/normalize_bench.sh.
 *
 *   normalize_bench ARTICLES.tsv STATE.db
 *
 * Input: one article per line, url TAB text, paragraphs separated by a
 * literal backslash-n (bench/normalize_gen.py).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/buf.h"
#include "extract/article.h"
#include "extract/figures.h"
#include "normalize/dedup.h"
#include "normalize/record.h"

#define WINDOW 10000

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

int
main(int argc, char **argv)
{
	struct nf_figures *fx;
	struct nf_dedup *dd;
	FILE *in;
	char *line = NULL;
	size_t cap = 0, n = 0, dups = 0, versions = 0, win_n = 0;
	double t0, win_t0, cpu_t0, first = 0, last = 0, cfirst = 0, clast = 0;
	ssize_t len;
	char wal[4200];

	if (argc != 3) {
		fprintf(stderr,
			"usage: normalize_bench ARTICLES.tsv STATE.db\n");
		return 2;
	}
	in = fopen(argv[1], "r");
	if (!in || nf_figures_new(&fx) != NF_OK ||
	    nf_dedup_open_state(&dd, argv[2]) != NF_OK) {
		fprintf(stderr, "normalize_bench: setup: %s\n",
			nf_last_error());
		return 2;
	}
	t0 = win_t0 = now();
	cpu_t0 = cpu_now();
	while ((len = getline(&line, &cap, in)) > 0) {
		char *tab = memchr(line, '\t', (size_t)len);
		struct nf_article a;
		struct nf_record r;
		struct nf_figure *figs = NULL;
		size_t nfigs = 0;

		if (!tab)
			continue;
		*tab = '\0';
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		nf_article_init(&a);
		for (const char *p = tab + 1; *p; p++) {
			if (p[0] == '\\' && p[1] == 'n') {
				nf_buf_append_str(&a.text, "\n\n");
				p++;
			} else {
				nf_buf_append_char(&a.text, *p);
			}
		}
		nf_buf_terminate(&a.text);
		if (nf_figures_find(fx, a.text.data, a.text.len, &figs, &nfigs,
				    100000) != NF_OK) {
			fprintf(stderr, "figures: %s\n", nf_last_error());
			return 1;
		}
		nf_record_init(&r);
		if (nf_record_build(&r, &a, figs, nfigs, line, "UTF-8", NULL,
				    dd) != NF_OK) {
			fprintf(stderr, "build: %s\n", nf_last_error());
			return 1;
		}
		dups += r.duplicate_of[0] != '\0';
		versions += r.version_of[0] != '\0';
		nf_record_release(&r);
		nf_article_release(&a);
		n++;
		if (++win_n == WINDOW) {
			double t = now(), rate = WINDOW / (t - win_t0);
			double c = cpu_now(), crate = WINDOW / (c - cpu_t0);

			if (!first) {
				first = rate;
				cfirst = crate;
			}
			last = rate;
			clast = crate;
			printf("articles %7zu: %8.0f /s wall, %8.0f /s CPU\n",
			       n, rate, crate);
			fflush(stdout);
			win_t0 = t;
			cpu_t0 = c;
			win_n = 0;
		}
	}
	if (nf_dedup_close(dd) != NF_OK) {
		fprintf(stderr, "close: %s\n", nf_last_error());
		return 1;
	}
	snprintf(wal, sizeof(wal), "%s-wal", argv[2]);
	printf("articles: %zu in %.1f s (%.0f /s overall)\n", n, now() - t0,
	       n / (now() - t0));
	printf("duplicates: %zu, versions: %zu\n", dups, versions);
	printf("first 10000: %.0f /s, last 10000: %.0f /s, last/first %.2f "
	       "(wall)\n",
	       first, last, first ? last / first : 0);
	printf("first 10000: %.0f /s, last 10000: %.0f /s, last/first %.2f "
	       "(CPU time of the process)\n",
	       cfirst, clast, cfirst ? clast / cfirst : 0);
	printf("state file: %.1f MB (+ WAL %.1f MB)\n",
	       file_size(argv[2]) / 1e6, file_size(wal) / 1e6);
	free(line);
	fclose(in);
	nf_figures_free(fx);
	return 0;
}
