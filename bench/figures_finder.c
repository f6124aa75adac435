/*
 * bench/figures_finder.c - the figure finder alone, without the CLI:
 * `figures_finder FILE REPS` reads FILE (one paragraph per line) and calls
 * nf_figures_find() on every line REPS times, then prints bytes, figures,
 * CPU seconds and MB/s.  Built and run by bench/figures_bench.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/figures.h"

int
main(int argc, char **argv)
{
	struct nf_figures *fx;
	FILE *fp;
	char *line = NULL, **lines = NULL;
	size_t cap = 0, *lens = NULL, nl = 0, total = 0, nfigs = 0;
	ssize_t n;
	struct timespec a, b;

	if (argc != 3 || !(fp = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: figures_finder FILE REPS\n");
		return 2;
	}
	if (nf_figures_new(&fx) != NF_OK)
		return 1;
	while ((n = getline(&line, &cap, fp)) > 0) {
		lines = realloc(lines, (nl + 1) * sizeof(*lines));
		lens = realloc(lens, (nl + 1) * sizeof(*lens));
		if (!lines || !lens)
			return 1;
		lens[nl] = line[n - 1] == '\n' ? (size_t)n - 1 : (size_t)n;
		lines[nl] = strndup(line, lens[nl]);
		nl++;
	}
	fclose(fp);
	int reps = atoi(argv[2]);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	for (int r = 0; r < reps; r++) {
		for (size_t i = 0; i < nl; i++) {
			struct nf_figure *f;
			size_t k;
			if (nf_figures_find(fx, lines[i], lens[i], &f, &k,
					    100000) != NF_OK)
				return 1;
			nfigs += k;
			free(f);
			total += lens[i] + 1;
		}
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	double s = (double)(b.tv_sec - a.tv_sec) +
		   (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("finder alone: %.1f MB, %zu figures, %.2f s cpu, %.1f MB/s\n",
	       (double)total / 1e6, nfigs, s, (double)total / 1e6 / s);
	for (size_t i = 0; i < nl; i++)
		free(lines[i]);
	free(lines);
	free(lens);
	free(line);
	nf_figures_free(fx);
	return 0;
}
