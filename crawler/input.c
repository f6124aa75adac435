#include "crawler/input.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <zlib.h>

#include "base/banned.h"

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

enum nf_input_kind
nf_input_kind_of(const char *path)
{
	char base[4096];
	size_t n = strlen(path);

	if (n >= sizeof(base))
		return NF_INPUT_OTHER;
	memcpy(base, path, n + 1);
	if (ends_with(base, ".gz"))
		base[n - 3] = '\0';
	if (ends_with(base, ".html") || ends_with(base, ".htm") ||
	    ends_with(base, ".xhtml"))
		return NF_INPUT_HTML;
	if (ends_with(base, ".txt"))
		return NF_INPUT_TEXT;
	if (ends_with(base, ".warc") || ends_with(base, ".arc"))
		return NF_INPUT_WARC;
	return NF_INPUT_OTHER;
}

bool
nf_input_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static nf_err
read_raw(struct nf_buf *out, const char *path, FILE *f, size_t max_bytes)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (nf_buf_append(out, chunk, n) != NF_OK)
			return nf_fail(NF_ERR_LIMIT,
				       "input larger than %zu bytes",
				       max_bytes);
	}
	if (ferror(f))
		return nf_fail(NF_ERR_IO, "read: %s", strerror(errno));
	(void)path;
	return NF_OK;
}

/*
 * Inflate every gzip member in turn (a .warc.gz or a concatenated .gz has
 * many).  The output buffer's cap bounds memory, so a decompression bomb
 * stops at max_bytes.
 */
static nf_err
gunzip(struct nf_buf *out, const struct nf_buf *in, size_t max_bytes)
{
	z_stream zs;
	unsigned char chunk[65536];
	nf_err err = NF_OK;
	int rc;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return nf_fail(NF_ERR_INTERNAL, "zlib: inflateInit2 failed");
	zs.next_in = (unsigned char *)in->data;
	zs.avail_in = (uInt)in->len;
	for (;;) {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		rc = inflate(&zs, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END) {
			err = nf_fail(NF_ERR_PARSE, "gzip: %s",
				      zs.msg ? zs.msg : "corrupt stream");
			break;
		}
		if (nf_buf_append(out, chunk, sizeof(chunk) - zs.avail_out)) {
			err =
			    nf_fail(NF_ERR_LIMIT,
				    "input larger than %zu bytes after gunzip",
				    max_bytes);
			break;
		}
		if (rc == Z_STREAM_END) {
			if (zs.avail_in == 0)
				break;
			/* Another member follows; trailing zero padding ends
			 * it. */
			if (zs.next_in[0] != 0x1f)
				break;
			inflateReset(&zs);
		} else if (zs.avail_in == 0 && zs.avail_out != 0) {
			err = nf_fail(NF_ERR_PARSE, "gzip: truncated stream");
			break;
		}
	}
	inflateEnd(&zs);
	return err;
}

nf_err
nf_input_read(struct nf_buf *out, const char *path, size_t max_bytes)
{
	FILE *f;
	nf_err err;
	bool is_stdin = strcmp(path, "-") == 0;
	/* Compressed bytes are capped too; gzip rarely beats 1000:1. */
	struct nf_buf raw = NF_BUF_INIT(max_bytes);

	if (is_stdin) {
		f = stdin;
	} else {
		if (nf_input_is_dir(path))
			return nf_fail(NF_ERR_IO, "is a directory");
		f = fopen(path, "rb");
		if (!f)
			return nf_fail(NF_ERR_IO, "open: %s", strerror(errno));
	}
	err = read_raw(&raw, path, f, max_bytes);
	if (!is_stdin)
		fclose(f);
	if (err)
		goto out;
	nf_buf_reset(out);
	out->cap = max_bytes;
	if (raw.len >= 2 && (unsigned char)raw.data[0] == 0x1f &&
	    (unsigned char)raw.data[1] == 0x8b) {
		err = gunzip(out, &raw, max_bytes);
	} else {
		nf_buf_release(out);
		*out = raw;
		out->cap = max_bytes;
		raw = (struct nf_buf)NF_BUF_INIT(0);
	}
	nf_buf_terminate(out);
out:
	nf_buf_release(&raw);
	return err;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
walk(const char *dir, struct nf_strv *paths, int depth)
{
	DIR *d;
	struct dirent *e;
	struct nf_strv found = {0};

	if (depth > 64) {
		nf_log_error("%s: directory nesting deeper than 64, skipped",
			     dir);
		return;
	}
	d = opendir(dir);
	if (!d) {
		nf_log_error("%s: read: opendir: %s", dir, strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		struct nf_buf p = NF_BUF_INIT(0);
		size_t dl = strlen(dir);
		/* "examples/" + "pages", not "examples//pages". */
		while (dl > 1 && dir[dl - 1] == '/')
			dl--;
		nf_buf_printf(&p, "%.*s/%s", (int)dl, dir, e->d_name);
		nf_strv_push(&found, nf_buf_detach(&p));
	}
	closedir(d);
	if (found.n)
		qsort(found.v, found.n, sizeof(*found.v), cmp_str);
	for (size_t i = 0; i < found.n; i++) {
		if (nf_input_is_dir(found.v[i]))
			walk(found.v[i], paths, depth + 1);
		else if (nf_input_kind_of(found.v[i]) != NF_INPUT_OTHER)
			nf_strv_push(paths, nf_xstrdup(found.v[i]));
	}
	nf_strv_release(&found);
}

nf_err
nf_input_walk(const char *dir, struct nf_strv *paths)
{
	DIR *d = opendir(dir);

	if (!d)
		return nf_fail(NF_ERR_IO, "opendir: %s", strerror(errno));
	closedir(d);
	walk(dir, paths, 0);
	return NF_OK;
}
