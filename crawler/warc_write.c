#include "crawler/warc_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/banned.h"

/* Payload digests seen this run, for identical-payload revisits. */
struct seen {
	char digest[38];
	char id[48];
	char date[64];
	char *url;
};

struct nf_warc_writer {
	struct nf_warc_writer_opts opts;
	char *dir, *prefix, *software, *user_agent, *robots;
	int fd;
	char *path;
	long long size;
	unsigned serial;
	struct seen *seen;
	size_t nseen, aseen;
};

void
nf_warc_sha1_base32(const void *data, size_t n, char out[38])
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	size_t o = 0;

	EVP_Digest(data, n, md, &mdlen, EVP_sha1(), NULL);
	memcpy(out, "sha1:", 5);
	o = 5;
	/* 160 bits = 32 base32 digits exactly, no padding. */
	for (unsigned bit = 0; bit < mdlen * 8; bit += 5) {
		unsigned v = 0;
		for (unsigned k = 0; k < 5; k++) {
			unsigned b = bit + k;
			v = (v << 1) | ((md[b / 8] >> (7 - b % 8)) & 1u);
		}
		out[o++] = b32[v];
	}
	out[o] = '\0';
}

static void
new_uuid(char out[48])
{
	unsigned char r[16];

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		/* Never expected on Linux; still unique enough per process. */
		for (size_t i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)rand();
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(out, 48,
		 "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x>",
		 r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
		 r[10], r[11], r[12], r[13], r[14], r[15]);
}

static void
w3c_date(double t, char out[64])
{
	time_t s = (time_t)t;
	struct tm tm;
	long us = (long)((t - (double)s) * 1e6);

	gmtime_r(&s, &tm);
	if (us < 0)
		us = 0;
	if (us > 999999)
		us = 999999;
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, us);
}

static nf_err open_file(struct nf_warc_writer *w);

/* Compress one record as its own gzip member and write it at once. */
static nf_err
put_record(struct nf_warc_writer *w, const char *head, size_t hlen,
	   const char *block, size_t blen, long long *offset)
{
	z_stream z;
	struct nf_buf out = NF_BUF_INIT(0);
	size_t bound;
	nf_err err = NF_OK;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		return nf_fail(NF_ERR_INTERNAL, "warc: deflateInit2 failed");
	bound = deflateBound(&z, (uLong)(hlen + blen + 4)) + 64;
	out.data = nf_xmalloc(bound);
	out.alloc = bound;
	z.next_out = (Bytef *)out.data;
	z.avail_out = (uInt)bound;
	z.next_in = (Bytef *)head;
	z.avail_in = (uInt)hlen;
	deflate(&z, Z_NO_FLUSH);
	if (blen) {
		z.next_in = (Bytef *)block;
		z.avail_in = (uInt)blen;
		deflate(&z, Z_NO_FLUSH);
	}
	z.next_in = (Bytef *)"\r\n\r\n";
	z.avail_in = 4;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		err = nf_fail(NF_ERR_INTERNAL, "warc: deflate failed");
	out.len = bound - z.avail_out;
	deflateEnd(&z);
	if (!err) {
		if (offset)
			*offset = w->size;
		size_t done = 0;
		while (done < out.len) {
			ssize_t k =
			    write(w->fd, out.data + done, out.len - done);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				err = nf_fail(NF_ERR_IO, "warc: %s: %s",
					      w->path, strerror(errno));
				break;
			}
			done += (size_t)k;
		}
		w->size += (long long)done;
	}
	nf_buf_release(&out);
	return err;
}

static nf_err
write_record(struct nf_warc_writer *w, struct nf_buf *fields, const char *block,
	     size_t blen, long long *offset)
{
	char digest[38];
	nf_err err;

	nf_warc_sha1_base32(block ? block : "", blen, digest);
	nf_buf_printf(fields, "WARC-Block-Digest: %s\r\n", digest);
	nf_buf_printf(fields, "Content-Length: %zu\r\n\r\n", blen);
	err = put_record(w, fields->data, fields->len, block, blen, offset);
	nf_buf_reset(fields);
	return err;
}

static nf_err
write_warcinfo(struct nf_warc_writer *w)
{
	struct nf_buf f = NF_BUF_INIT(0), body = NF_BUF_INIT(0);
	char id[48], date[64];
	const char *name = strrchr(w->path, '/');
	nf_err err;

	new_uuid(id);
	w3c_date((double)time(NULL), date);
	nf_buf_printf(&body,
		      "software: %s\r\nformat: WARC File Format 1.1\r\n"
		      "conformsTo: https://iipc.github.io/warc-specifications/"
		      "specifications/warc-format/warc-1.1/\r\n"
		      "robots: %s\r\nhttp-header-user-agent: %s\r\n",
		      w->software, w->robots, w->user_agent);
	nf_buf_printf(&f,
		      "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: "
		      "%s\r\nWARC-Date: %s\r\nWARC-Filename: %s\r\n"
		      "Content-Type: application/warc-fields\r\n",
		      id, date, name ? name + 1 : w->path);
	err = write_record(w, &f, body.data, body.len, NULL);
	nf_buf_release(&f);
	nf_buf_release(&body);
	return err;
}

static nf_err
open_file(struct nf_warc_writer *w)
{
	struct nf_buf p = NF_BUF_INIT(0);
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	/* The PID keeps names unique when two runs share a directory. */
	nf_buf_printf(&p, "%s/%s-%04d%02d%02d%02d%02d%02d-%05u-%d.warc.gz",
		      w->dir, w->prefix, tm.tm_year + 1900, tm.tm_mon + 1,
		      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, w->serial++,
		      (int)getpid());
	w->fd = open(p.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (w->fd < 0) {
		nf_err err =
		    nf_fail(NF_ERR_IO, "warc: %s: %s", p.data, strerror(errno));
		nf_buf_release(&p);
		return err;
	}
	free(w->path);
	w->path = nf_buf_detach(&p);
	w->size = 0;
	return write_warcinfo(w);
}

nf_err
nf_warc_writer_open(struct nf_warc_writer **out,
		    const struct nf_warc_writer_opts *opts)
{
	struct nf_warc_writer *w = nf_xcalloc(1, sizeof(*w));
	nf_err err;

	*out = NULL;
	w->fd = -1;
	w->dir = nf_xstrdup(opts->dir);
	w->prefix = nf_xstrdup(opts->prefix ? opts->prefix : "newsfact");
	w->software = nf_xstrdup(opts->software ? opts->software : "newsfact");
	w->user_agent = nf_xstrdup(opts->user_agent ? opts->user_agent : "");
	w->robots = nf_xstrdup(opts->robots ? opts->robots : "obey");
	w->opts = *opts;
	if (!w->opts.max_file_bytes)
		w->opts.max_file_bytes = (size_t)1 << 30;
	err = open_file(w);
	if (err) {
		nf_warc_writer_close(w);
		return err;
	}
	*out = w;
	return NF_OK;
}

nf_err
nf_warc_writer_close(struct nf_warc_writer *w)
{
	nf_err err = NF_OK;

	if (!w)
		return NF_OK;
	if (w->fd >= 0 && close(w->fd) != 0)
		err = nf_fail(NF_ERR_IO, "warc: %s: %s", w->path,
			      strerror(errno));
	for (size_t i = 0; i < w->nseen; i++)
		free(w->seen[i].url);
	free(w->seen);
	free(w->path);
	free(w->dir);
	free(w->prefix);
	free(w->software);
	free(w->user_agent);
	free(w->robots);
	free(w);
	return err;
}

static bool
header_is(const char *line, size_t n, const char *name)
{
	size_t k = strlen(name);

	return n > k && line[k] == ':' && strncasecmp(line, name, k) == 0;
}

/*
 * The header block as stored: codings and length renamed X-Crawler-*,
 * the stored length added, HTTP/2 status lines written as HTTP/1.1 (WARC
 * has no HTTP/2 form yet; X-Crawler-Protocol keeps the truth).
 */
static void
rewrite_headers(struct nf_buf *out, const char *h, size_t n, size_t payload_len)
{
	size_t i = 0;
	bool first = true;

	while (i < n) {
		const char *line = h + i;
		const char *nl = memchr(line, '\n', n - i);
		size_t len = nl ? (size_t)(nl - line) : n - i;
		i += nl ? len + 1 : len;
		if (len && line[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;
		if (first) {
			first = false;
			if (len > 7 && strncmp(line, "HTTP/2 ", 7) == 0) {
				nf_buf_printf(out, "HTTP/1.1 %.*s\r\n",
					      (int)(len - 7), line + 7);
				nf_buf_append_str(
				    out, "X-Crawler-Protocol: HTTP/2\r\n");
				continue;
			}
		} else if (header_is(line, len, "Transfer-Encoding") ||
			   header_is(line, len, "Content-Encoding") ||
			   header_is(line, len, "Content-Length")) {
			nf_buf_append_str(out, "X-Crawler-");
		}
		nf_buf_append(out, line, len);
		nf_buf_append_str(out, "\r\n");
	}
	nf_buf_printf(out, "Content-Length: %zu\r\n\r\n", payload_len);
}

static struct seen *
find_seen(struct nf_warc_writer *w, const char *digest)
{
	for (size_t i = w->nseen; i-- > 0;)
		if (strcmp(w->seen[i].digest, digest) == 0)
			return &w->seen[i];
	return NULL;
}

nf_err
nf_warc_write_capture(struct nf_warc_writer *w, const struct nf_warc_capture *c,
		      char record_id[48], const char **file, long long *offset,
		      bool *revisit)
{
	struct nf_buf f = NF_BUF_INIT(0), block = NF_BUF_INIT(0);
	char resp_id[48], req_id[48], date[64], pdigest[38];
	const struct seen *prev = NULL;
	bool is_revisit;
	long long off = 0;
	nf_err err;

	if ((size_t)w->size >= w->opts.max_file_bytes) {
		if (close(w->fd) != 0)
			return nf_fail(NF_ERR_IO, "warc: %s: %s", w->path,
				       strerror(errno));
		w->fd = -1;
		err = open_file(w);
		if (err)
			return err;
	}
	new_uuid(resp_id);
	new_uuid(req_id);
	w3c_date(c->date, date);
	nf_warc_sha1_base32(c->payload ? c->payload : "", c->payload_len,
			    pdigest);
	if (c->status >= 200 && c->status < 300 && c->payload_len > 0 &&
	    !c->truncated)
		prev = find_seen(w, pdigest);
	is_revisit = c->status == 304 || prev;

	rewrite_headers(&block, c->headers ? c->headers : "", c->headers_len,
			c->payload_len);
	if (!is_revisit && c->payload_len)
		nf_buf_append(&block, c->payload, c->payload_len);
	nf_buf_terminate(&block);

	nf_buf_printf(&f,
		      "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\n"
		      "WARC-Date: %s\r\nWARC-Target-URI: %s\r\n",
		      is_revisit ? "revisit" : "response", resp_id, date,
		      c->url);
	if (c->ip)
		nf_buf_printf(&f, "WARC-IP-Address: %s\r\n", c->ip);
	if (c->status == 304) {
		nf_buf_append_str(&f,
				  "WARC-Profile: http://netpreserve.org/"
				  "warc/1.1/revisit/server-not-modified\r\n");
		nf_buf_printf(&f, "WARC-Refers-To-Target-URI: %s\r\n", c->url);
		if (c->refers_to_date)
			nf_buf_printf(&f, "WARC-Refers-To-Date: %s\r\n",
				      c->refers_to_date);
	} else if (prev) {
		nf_buf_append_str(
		    &f, "WARC-Profile: http://netpreserve.org/warc/1.1/"
			"revisit/identical-payload-digest\r\n");
		nf_buf_printf(
		    &f,
		    "WARC-Refers-To: %s\r\nWARC-Refers-To-Target-URI: "
		    "%s\r\nWARC-Refers-To-Date: %s\r\n",
		    prev->id, prev->url, prev->date);
	}
	if (c->status != 304)
		nf_buf_printf(&f, "WARC-Payload-Digest: %s\r\n", pdigest);
	if (c->truncated)
		nf_buf_append_str(&f, "WARC-Truncated: length\r\n");
	nf_buf_append_str(
	    &f, "Content-Type: application/http; msgtype=response\r\n");
	err = write_record(w, &f, block.data, block.len, &off);
	if (err)
		goto out;
	if (c->request_len) {
		nf_buf_printf(
		    &f,
		    "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: "
		    "%s\r\nWARC-Date: %s\r\nWARC-Target-URI: %s\r\n"
		    "WARC-Concurrent-To: %s\r\nContent-Type: "
		    "application/http; msgtype=request\r\n",
		    req_id, date, c->url, resp_id);
		err = write_record(w, &f, c->request, c->request_len, NULL);
		if (err)
			goto out;
	}
	if (!is_revisit && c->status >= 200 && c->status < 300 &&
	    c->payload_len > 0 && !c->truncated) {
		if (w->nseen == w->aseen) {
			w->aseen = w->aseen ? 2 * w->aseen : 64;
			w->seen =
			    nf_xrealloc(w->seen, w->aseen * sizeof(*w->seen));
		}
		struct seen *s = &w->seen[w->nseen++];
		memcpy(s->digest, pdigest, sizeof(s->digest));
		memcpy(s->id, resp_id, sizeof(s->id));
		memcpy(s->date, date, sizeof(s->date));
		s->url = nf_xstrdup(c->url);
	}
	if (record_id)
		memcpy(record_id, resp_id, 48);
	if (file)
		*file = w->path;
	if (offset)
		*offset = off;
	if (revisit)
		*revisit = is_revisit;
out:
	nf_buf_release(&f);
	nf_buf_release(&block);
	return err;
}
