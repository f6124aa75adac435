/*
 * tests/testlib/testlib.h - the little the test binaries share.
 *
 * Each test binary counts checks with NF_CHECK* and ends by printing
 * "<name>: N passed, M failed" via nf_test_done(), whose return value is
 * the process exit status.  Table tests read TSV files: a header line
 * names the columns, '#' starts a comment line, "\xHH" escapes raw bytes,
 * "\t" and "\n" escape tabs and newlines; a failing row is reported by its
 * file and line.
 */
#ifndef NF_TESTLIB_H
#define NF_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "extract/figures.h"

extern int nf_test_passed, nf_test_failed;

#define NF_CHECK(cond, ...)                                                    \
	do {                                                                   \
		if (cond) {                                                    \
			nf_test_passed++;                                      \
		} else {                                                       \
			nf_test_failed++;                                      \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, \
				__LINE__, #cond);                              \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
		}                                                              \
	} while (0)

#define NF_CHECK_STR(got, want)                                                \
	nf_test_check_str(__FILE__, __LINE__, (got), (want))

bool nf_test_streq(const char *a, const char *b);
void nf_test_check_str(const char *file, int line, const char *got,
		       const char *want);

/* Print the closing line; returns 0 when nothing failed, 1 otherwise. */
int nf_test_done(const char *name);

/* Path of a file under the shared corpora or tests/ (static buffer). */
const char *nf_test_shared(const char *rel);
const char *nf_test_data(const char *rel);

/* Read a whole file; aborts the test binary (exit 1) if it cannot. */
char *nf_test_slurp(const char *path, size_t *len);

/* The next non-empty line of buf[*pos..end), NUL-terminated in place and
 * *pos moved past it; NULL at the end.  For JSON Lines corpora. */
char *nf_test_next_line(char **pos, char *end);

/* One TSV row: fields are NUL-terminated, escapes decoded. */
struct nf_tsv_row {
	const char *file;
	int line;
	size_t nfields;
	char **fields;
	size_t *lens; /* byte lengths (fields may hold NUL after \x00) */
};

struct nf_tsv {
	char **header;
	size_t ncols;
	struct nf_tsv_row *rows;
	size_t nrows;
};

/* Load a TSV file (aborts if missing).  `unescape` decodes \xHH, \t, \n,
 * \r and \\. */
void nf_tsv_load(struct nf_tsv *t, const char *path, bool unescape);

/*
 * The same for the shared corpora's files whose header line itself starts
 * with '#' ("# path\tbytes\t..."): that first line is the header, later
 * '#' lines are comments.
 */
void nf_tsv_load_hashed(struct nf_tsv *t, const char *path, bool unescape);
void nf_tsv_free(struct nf_tsv *t);

/* Index of a column by header name, or -1. */
int nf_tsv_col(const struct nf_tsv *t, const char *name);

/* Field of a row by column index ("" when the row is short). */
const char *nf_tsv_get(const struct nf_tsv_row *r, int col);

/*
 * A hand-made figure over the occurrence-th (0-based) `surface` in
 * `text`: byte and code point spans set, the sentence span equal to the
 * figure's, everything else zero.  Aborts if there is no such occurrence.
 */
struct nf_figure nf_test_figure(const char *text, const char *surface,
				int occurrence);

#endif
