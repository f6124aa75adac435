#include "crawler/warc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "base/banned.h"

/* Longest WARC or HTTP header block we accept. */
#define MAX_HEADER 65536
#define CHUNK	   65536

/* Where a gzip member starts: its offset in the file and in the stream. */
struct member {
	long long comp;
	long long upos;
};

struct nf_warc_reader {
	FILE *f;
	bool gz;
	z_stream zs;
	unsigned char in[CHUNK];
	long long file_pos; /* bytes read from the file so far */
	struct nf_buf win;  /* decoded bytes not yet consumed start at pos */
	size_t pos;
	long long upos; /* stream offset of win.data[pos] */
	struct member *members;
	size_t nmembers, amembers;
	bool src_eof; /* nothing more will come into win */
	bool dead;    /* framing damaged: no more records */
	size_t max_record;
};

void
nf_warc_doc_release(struct nf_warc_doc *d)
{
	free(d->target_uri);
	free(d->record_id);
	free(d->content_type);
	nf_buf_release(&d->body);
	memset(d, 0, sizeof(*d));
}

static void
add_member(struct nf_warc_reader *r, long long comp, long long upos)
{
	if (r->nmembers == r->amembers) {
		r->amembers = r->amembers ? r->amembers * 2 : 16;
		r->members =
		    nf_xrealloc(r->members, r->amembers * sizeof(*r->members));
	}
	r->members[r->nmembers++] = (struct member){comp, upos};
}

nf_err
nf_warc_open(struct nf_warc_reader **out, const char *path,
	     size_t max_record_bytes)
{
	struct nf_warc_reader *r;
	unsigned char magic[2];
	FILE *f = fopen(path, "rb");

	if (!f)
		return nf_fail(NF_ERR_IO, "open: %s", strerror(errno));
	r = nf_xcalloc(1, sizeof(*r));
	r->f = f;
	r->max_record = max_record_bytes;
	r->win = (struct nf_buf)NF_BUF_INIT(0);
	if (fread(magic, 1, 2, f) == 2 && magic[0] == 0x1f &&
	    magic[1] == 0x8b) {
		r->gz = true;
		if (inflateInit2(&r->zs, 16 + MAX_WBITS) != Z_OK) {
			fclose(f);
			free(r);
			return nf_fail(NF_ERR_INTERNAL, "zlib: inflateInit2");
		}
		add_member(r, 0, 0);
	}
	rewind(f);
	*out = r;
	return NF_OK;
}

void
nf_warc_close(struct nf_warc_reader *r)
{
	if (!r)
		return;
	if (r->gz)
		inflateEnd(&r->zs);
	fclose(r->f);
	nf_buf_release(&r->win);
	free(r->members);
	free(r);
}

/* Drop consumed bytes from the front of the window now and then. */
static void
compact(struct nf_warc_reader *r)
{
	if (r->pos < (1u << 20) || r->pos < r->win.len / 2)
		return;
	memmove(r->win.data, r->win.data + r->pos, r->win.len - r->pos);
	r->win.len -= r->pos;
	r->pos = 0;
}

/* Up to `size` more bytes of the file; *n 0 at its end (src_eof set). */
static nf_err
read_file(struct nf_warc_reader *r, void *buf, size_t size, size_t *n)
{
	*n = fread(buf, 1, size, r->f);
	if (*n == 0) {
		if (ferror(r->f))
			return nf_fail(NF_ERR_IO, "read: %s", strerror(errno));
		r->src_eof = true;
		return NF_OK;
	}
	r->file_pos += (long long)*n;
	return NF_OK;
}

/* Read and decode one more chunk into the window. */
static nf_err
pump(struct nf_warc_reader *r)
{
	unsigned char out[CHUNK];

	size_t n;
	nf_err err;

	compact(r);
	if (!r->gz) {
		err = read_file(r, out, sizeof(out), &n);
		if (!err && n)
			nf_buf_append(&r->win, out, n);
		return err;
	}
	if (r->zs.avail_in == 0) {
		err = read_file(r, r->in, sizeof(r->in), &n);
		if (err || !n)
			return err;
		r->zs.next_in = r->in;
		r->zs.avail_in = (uInt)n;
	}
	r->zs.next_out = out;
	r->zs.avail_out = sizeof(out);
	int rc = inflate(&r->zs, Z_NO_FLUSH);
	size_t got = sizeof(out) - r->zs.avail_out;
	nf_buf_append(&r->win, out, got);
	if (rc == Z_STREAM_END) {
		long long next = r->file_pos - (long long)r->zs.avail_in;
		long long upos = r->upos + (long long)(r->win.len - r->pos);
		inflateReset(&r->zs);
		/* Trailing zero padding after the last member is harmless. */
		if (r->zs.avail_in == 0) {
			int c = fgetc(r->f);
			if (c == EOF) {
				r->src_eof = true;
				return NF_OK;
			}
			ungetc(c, r->f);
		}
		add_member(r, next, upos);
		return NF_OK;
	}
	if (rc == Z_BUF_ERROR && r->zs.avail_in == 0)
		return NF_OK;
	if (rc != Z_OK)
		return nf_fail(NF_ERR_PARSE, "gzip: %s near byte %lld",
			       r->zs.msg ? r->zs.msg : "corrupt stream",
			       r->file_pos - (long long)r->zs.avail_in);
	return NF_OK;
}

/* Make at least `need` bytes available, or as many as there are. */
static nf_err
fill(struct nf_warc_reader *r, size_t need)
{
	while (r->win.len - r->pos < need && !r->src_eof) {
		nf_err err = pump(r);
		if (err)
			return err;
	}
	return NF_OK;
}

static size_t
avail(const struct nf_warc_reader *r)
{
	return r->win.len - r->pos;
}

static void
consume(struct nf_warc_reader *r, size_t n)
{
	r->pos += n;
	r->upos += (long long)n;
}

static long long
record_offset(struct nf_warc_reader *r)
{
	size_t last = 0;

	if (!r->gz)
		return r->upos;
	for (size_t i = 0; i < r->nmembers; i++)
		if (r->members[i].upos <= r->upos)
			last = i;
	/* Earlier members can no longer hold a record start. */
	memmove(r->members, r->members + last,
		(r->nmembers - last) * sizeof(*r->members));
	r->nmembers -= last;
	return r->members[0].comp;
}

/* Find "\r\n\r\n" (or "\n\n") in p[0..n); returns the header length. */
static size_t
header_end(const char *p, size_t n, size_t *sep)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (p[i] == '\n' && p[i + 1] == '\n') {
			*sep = 2;
			return i;
		}
		if (i + 3 < n && p[i] == '\r' && p[i + 1] == '\n' &&
		    p[i + 2] == '\r' && p[i + 3] == '\n') {
			*sep = 4;
			return i;
		}
	}
	return (size_t)-1;
}

/* The value of header `name` in a header block, malloc'd, or NULL. */
static char *
header_value(const char *h, size_t n, const char *name)
{
	size_t nl = strlen(name);
	const char *p = h, *end = h + n;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end;
		if ((size_t)(le - p) > nl && strncasecmp(p, name, nl) == 0 &&
		    p[nl] == ':') {
			const char *v = p + nl + 1;
			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			const char *ve = le;
			while (ve > v && isspace((unsigned char)ve[-1]))
				ve--;
			return nf_xstrndup(v, (size_t)(ve - v));
		}
		p = eol ? eol + 1 : end;
	}
	return NULL;
}

static bool
parse_length(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return false;
	*out = (size_t)v;
	return true;
}

/* Undo Transfer-Encoding: chunked. */
static nf_err
dechunk(struct nf_buf *out, const char *p, size_t n)
{
	size_t i = 0;

	for (;;) {
		char *end;
		unsigned long long size;
		size_t eol;

		for (eol = i; eol < n && p[eol] != '\n'; eol++)
			;
		if (eol >= n)
			return nf_fail(NF_ERR_PARSE,
				       "chunked body: no size line");
		if (!isxdigit((unsigned char)p[i]))
			return nf_fail(NF_ERR_PARSE, "chunked body: bad size");
		errno = 0;
		size = strtoull(p + i, &end, 16);
		if (errno || end > p + eol)
			return nf_fail(NF_ERR_PARSE, "chunked body: bad size");
		i = eol + 1;
		if (size == 0)
			return NF_OK;
		if (size > n - i)
			return nf_fail(NF_ERR_PARSE,
				       "chunked body: chunk past the end");
		if (nf_buf_append(out, p + i, size))
			return NF_ERR_LIMIT;
		i += size;
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n')
			i++;
		else if (i < n)
			return nf_fail(NF_ERR_PARSE,
				       "chunked body: chunk size mismatch");
	}
}

static nf_err
inflate_body(struct nf_buf *out, const char *p, size_t n, bool raw)
{
	z_stream zs;
	unsigned char chunk[CHUNK];
	nf_err err = NF_OK;
	int rc;

	memset(&zs, 0, sizeof(zs));
	/* 32 + MAX_WBITS reads gzip and zlib; raw deflate needs -MAX_WBITS. */
	if (inflateInit2(&zs, raw ? -MAX_WBITS : 32 + MAX_WBITS) != Z_OK)
		return nf_fail(NF_ERR_INTERNAL, "zlib: inflateInit2");
	zs.next_in = (unsigned char *)p;
	zs.avail_in = (uInt)n;
	do {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		rc = inflate(&zs, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END) {
			err = nf_fail(NF_ERR_PARSE, "content-encoding: %s",
				      zs.msg ? zs.msg : "truncated stream");
			break;
		}
		if (nf_buf_append(out, chunk, sizeof(chunk) - zs.avail_out)) {
			err = NF_ERR_LIMIT;
			break;
		}
	} while (rc != Z_STREAM_END && (zs.avail_in || !zs.avail_out));
	inflateEnd(&zs);
	return err;
}

static bool
looks_html(const char *ctype, const char *body, size_t n)
{
	if (ctype)
		return strcasestr(ctype, "html") != NULL;
	size_t k = n < 1024 ? n : 1024;
	for (size_t i = 0; i + 5 <= k; i++)
		if (strncasecmp(body + i, "<html", 5) == 0 ||
		    strncasecmp(body + i, "<!doc", 5) == 0)
			return true;
	return false;
}

/*
 * Turn a response record's block (an HTTP message) into a document.
 * Returns NF_OK with *keep false for records that are not HTML pages.
 */
static nf_err
http_payload(struct nf_warc_reader *r, const char *block, size_t n,
	     struct nf_warc_doc *doc, bool *keep)
{
	size_t sep = 0, hlen;
	int status = 0;
	char *te, *ce;
	const char *body;
	size_t blen;
	struct nf_buf tmp = NF_BUF_INIT(r->max_record);
	nf_err err = NF_OK;

	*keep = false;
	if (n < 12 || strncmp(block, "HTTP/", 5) != 0)
		return NF_OK;
	hlen = header_end(block, n, &sep);
	if (hlen == (size_t)-1)
		return nf_fail(NF_ERR_PARSE, "HTTP headers not terminated");
	const char *sp = memchr(block, ' ', hlen);
	if (sp) {
		char *end;
		long v = strtol(sp + 1, &end, 10);
		if (end != sp + 1 && v > 0 && v < 1000)
			status = (int)v;
	}
	if (status < 200 || status > 299)
		return NF_OK;
	doc->content_type = header_value(block, hlen, "Content-Type");
	body = block + hlen + sep;
	blen = n - hlen - sep;
	te = header_value(block, hlen, "Transfer-Encoding");
	ce = header_value(block, hlen, "Content-Encoding");
	doc->body = (struct nf_buf)NF_BUF_INIT(r->max_record);
	if (te && strcasestr(te, "chunked")) {
		err = dechunk(&tmp, body, blen);
		if (err)
			goto out;
		body = tmp.data ? tmp.data : "";
		blen = tmp.len;
	}
	if (ce &&
	    (strcasecmp(ce, "gzip") == 0 || strcasecmp(ce, "x-gzip") == 0 ||
	     strcasecmp(ce, "deflate") == 0)) {
		err = inflate_body(&doc->body, body, blen, false);
		if (err == NF_ERR_PARSE && strcasecmp(ce, "deflate") == 0) {
			nf_buf_reset(&doc->body);
			err = inflate_body(&doc->body, body, blen, true);
		}
	} else {
		err = nf_buf_append(&doc->body, body, blen);
	}
	if (err == NF_ERR_LIMIT)
		err = nf_fail(NF_ERR_LIMIT, "payload larger than %zu bytes",
			      r->max_record);
	if (!err)
		*keep = looks_html(doc->content_type,
				   doc->body.data ? doc->body.data : "",
				   doc->body.len);
out:
	free(te);
	free(ce);
	nf_buf_release(&tmp);
	return err;
}

static nf_err
die(struct nf_warc_reader *r, nf_err err, bool *eof)
{
	r->dead = true;
	*eof = true;
	return err;
}

nf_err
nf_warc_next(struct nf_warc_reader *r, struct nf_warc_doc *doc, bool *eof)
{
	nf_err err;

	memset(doc, 0, sizeof(*doc));
	*eof = false;
	for (;;) {
		size_t sep = 0, hlen, clen;
		long long offset;
		char *type, *len;

		if (r->dead) {
			*eof = true;
			return NF_OK;
		}
		/* Skip the blank lines between records. */
		for (;;) {
			if ((err = fill(r, 1)))
				return die(r, err, eof);
			if (!avail(r)) {
				*eof = true;
				return NF_OK;
			}
			char c = r->win.data[r->pos];
			if (c != '\r' && c != '\n')
				break;
			consume(r, 1);
		}
		offset = record_offset(r);
		size_t want = 4096;
		for (;;) {
			if ((err = fill(r, want)))
				return die(r, err, eof);
			hlen = header_end(r->win.data + r->pos, avail(r), &sep);
			if (hlen != (size_t)-1 || avail(r) < want ||
			    want >= MAX_HEADER)
				break;
			want *= 2;
		}
		if (avail(r) < 5 ||
		    strncmp(r->win.data + r->pos, "WARC/", 5) != 0)
			return die(
			    r,
			    nf_fail(NF_ERR_PARSE,
				    "warc: offset %lld: not a WARC record",
				    offset),
			    eof);
		if (hlen == (size_t)-1)
			return die(
			    r,
			    nf_fail(NF_ERR_PARSE,
				    "warc: offset %lld: header not terminated",
				    offset),
			    eof);
		const char *h = r->win.data + r->pos;
		type = header_value(h, hlen, "WARC-Type");
		len = header_value(h, hlen, "Content-Length");
		if (!parse_length(len, &clen)) {
			free(type);
			free(len);
			return die(
			    r,
			    nf_fail(NF_ERR_PARSE,
				    "warc: offset %lld: bad Content-Length",
				    offset),
			    eof);
		}
		free(len);
		bool response = type && strcmp(type, "response") == 0;
		free(type);
		if (response) {
			doc->target_uri =
			    header_value(h, hlen, "WARC-Target-URI");
			doc->record_id =
			    header_value(h, hlen, "WARC-Record-ID");
		}
		consume(r, hlen + sep);

		if (response && clen <= r->max_record) {
			if ((err = fill(r, clen)))
				return die(r, err, eof);
			if (avail(r) < clen) {
				nf_warc_doc_release(doc);
				return die(
				    r,
				    nf_fail(
					NF_ERR_PARSE,
					"warc: offset %lld: record truncated",
					offset),
				    eof);
			}
			bool keep;
			err = http_payload(r, r->win.data + r->pos, clen, doc,
					   &keep);
			consume(r, clen);
			if (err) {
				char msg[512];
				snprintf(msg, sizeof(msg), "%s",
					 nf_last_error());
				nf_warc_doc_release(doc);
				return nf_fail(err, "warc: offset %lld: %s",
					       offset, msg);
			}
			if (keep) {
				doc->offset = offset;
				return NF_OK;
			}
			nf_warc_doc_release(doc);
			continue;
		}
		if (response)
			nf_log_info("warc: offset %lld: response larger than "
				    "%zu bytes skipped",
				    offset, r->max_record);
		nf_warc_doc_release(doc);
		/* Skip a block we do not need without holding it. */
		while (clen) {
			if ((err = fill(r, clen < CHUNK ? clen : CHUNK)))
				return die(r, err, eof);
			size_t k = avail(r) < clen ? avail(r) : clen;
			if (k == 0)
				return die(
				    r,
				    nf_fail(
					NF_ERR_PARSE,
					"warc: offset %lld: record truncated",
					offset),
				    eof);
			consume(r, k);
			clen -= k;
		}
	}
}
