#include "testlib.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

int nf_test_passed, nf_test_failed;

bool
nf_test_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void
nf_test_check_str(const char *file, int line, const char *got, const char *want)
{
	if (nf_test_streq(got, want)) {
		nf_test_passed++;
		return;
	}
	nf_test_failed++;
	fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", file, line,
		got ? got : "(null)", want ? want : "(null)");
}

int
nf_test_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, nf_test_passed,
	       nf_test_failed);
	return nf_test_failed ? 1 : 0;
}

const char *
nf_test_shared(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", NF_SHARED_DIR, rel);
	return path;
}

const char *
nf_test_data(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", NF_TESTS_DIR, rel);
	return path;
}

char *
nf_test_next_line(char **pos, char *end)
{
	while (*pos < end) {
		char *line = *pos, *nl = memchr(line, '\n', (size_t)(end - line));

		*pos = nl ? nl + 1 : end;
		if (nl)
			*nl = '\0';
		if (*line)
			return line;
	}
	return NULL;
}

char *
nf_test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct nf_buf b = NF_BUF_INIT(0);
	char chunk[65536];
	size_t n;

	if (!f) {
		fprintf(stderr, "cannot open test input %s\n", path);
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		nf_buf_append(&b, chunk, n);
	fclose(f);
	if (len)
		*len = b.len;
	return nf_buf_detach(&b);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char *
decode_field(const char *s, size_t n, bool unescape, size_t *outlen)
{
	char *out = nf_xmalloc(n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (unescape && s[i] == '\\' && i + 1 < n) {
			char c = s[i + 1];
			if (c == 'x' && i + 3 < n && hexval(s[i + 2]) >= 0 &&
			    hexval(s[i + 3]) >= 0) {
				out[o++] = (char)(hexval(s[i + 2]) * 16 +
						  hexval(s[i + 3]));
				i += 3;
				continue;
			}
			if (c == 't' || c == 'n' || c == 'r' || c == '\\') {
				out[o++] = c == 't'   ? '\t'
					   : c == 'n' ? '\n'
					   : c == 'r' ? '\r'
						      : '\\';
				i++;
				continue;
			}
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

static void
split(const char *line, size_t n, bool unescape, char ***fields, size_t **lens,
      size_t *nfields)
{
	size_t count = 1, k = 0, start = 0;

	for (size_t i = 0; i < n; i++)
		if (line[i] == '\t')
			count++;
	*fields = nf_xcalloc(count, sizeof(char *));
	*lens = nf_xcalloc(count, sizeof(size_t));
	for (size_t i = 0; i <= n; i++) {
		if (i == n || line[i] == '\t') {
			(*fields)[k] = decode_field(line + start, i - start,
						    unescape, &(*lens)[k]);
			k++;
			start = i + 1;
		}
	}
	*nfields = count;
}

static void
load(struct nf_tsv *t, const char *path, bool unescape, bool hashed)
{
	size_t len;
	char *data = nf_test_slurp(path, &len);
	size_t pos = 0, alloc = 0;
	int lineno = 0;

	memset(t, 0, sizeof(*t));
	while (pos < len) {
		size_t end = pos;
		while (end < len && data[end] != '\n')
			end++;
		lineno++;
		size_t n = end - pos;
		if (n && data[pos + n - 1] == '\r')
			n--;
		const char *line = data + pos;
		pos = end + 1;
		if (hashed && !t->header && n && line[0] == '#') {
			size_t skip = 1;
			size_t *lens;
			while (skip < n && line[skip] == ' ')
				skip++;
			split(line + skip, n - skip, false, &t->header, &lens,
			      &t->ncols);
			free(lens);
			continue;
		}
		if (n == 0 || line[0] == '#')
			continue;
		if (!t->header) {
			size_t *lens;
			split(line, n, false, &t->header, &lens, &t->ncols);
			free(lens);
			continue;
		}
		if (t->nrows == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			t->rows =
			    nf_xrealloc(t->rows, alloc * sizeof(*t->rows));
		}
		struct nf_tsv_row *r = &t->rows[t->nrows++];
		r->file = path;
		r->line = lineno;
		split(line, n, unescape, &r->fields, &r->lens, &r->nfields);
	}
	free(data);
}

void
nf_tsv_load(struct nf_tsv *t, const char *path, bool unescape)
{
	load(t, path, unescape, false);
}

void
nf_tsv_load_hashed(struct nf_tsv *t, const char *path, bool unescape)
{
	load(t, path, unescape, true);
}

void
nf_tsv_free(struct nf_tsv *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		free(t->header[i]);
	free(t->header);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->rows[r].nfields; i++)
			free(t->rows[r].fields[i]);
		free(t->rows[r].fields);
		free(t->rows[r].lens);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

int
nf_tsv_col(const struct nf_tsv *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
nf_tsv_get(const struct nf_tsv_row *r, int col)
{
	if (col < 0 || (size_t)col >= r->nfields)
		return "";
	return r->fields[col];
}

struct nf_figure
nf_test_figure(const char *text, const char *surface, int occurrence)
{
	struct nf_figure g;
	const char *p = text - 1;

	for (int i = 0; i <= occurrence && p; i++)
		p = strstr(p + 1, surface);
	if (!p) {
		fprintf(stderr, "test figure: no %s #%d\n", surface,
			occurrence);
		exit(1);
	}
	memset(&g, 0, sizeof(g));
	g.byte_start = (size_t)(p - text);
	g.byte_end = g.byte_start + strlen(surface);
	g.start = nf_utf8_count(text, g.byte_start);
	g.end = g.start + nf_utf8_count(p, strlen(surface));
	g.sent_start = g.byte_start;
	g.sent_end = g.byte_end;
	return g;
}
