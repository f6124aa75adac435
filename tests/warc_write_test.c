/*
 * tests/warc_write_test.c - WARC files written by the crawler read back
 * through crawler/warc.h: responses come out decoded, revisits and
 * requests are skipped, digests are right, files rotate and every file
 * starts with warcinfo.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "crawler/warc.h"
#include "crawler/warc_write.h"
#include "testlib.h"

static char dir[256];

static void
clean_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[600];

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	closedir(d);
}

static size_t
list(char names[][512], size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	while (d && (e = readdir(d)) != NULL && n < max) {
		if (strstr(e->d_name, ".warc.gz"))
			snprintf(names[n++], 512, "%s/%s", dir, e->d_name);
	}
	if (d)
		closedir(d);
	/* Sorted, so rotation order is file order. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0;
		     j--) {
			char t[512];
			memcpy(t, names[j], 512);
			memcpy(names[j], names[j - 1], 512);
			memcpy(names[j - 1], t, 512);
		}
	return n;
}

static char *
gunzip_all(const char *path, size_t *len)
{
	gzFile g = gzopen(path, "rb");
	struct nf_buf b = NF_BUF_INIT(0);
	char tmp[8192];
	int k;

	while ((k = gzread(g, tmp, sizeof(tmp))) > 0)
		nf_buf_append(&b, tmp, (size_t)k);
	gzclose(g);
	*len = b.len;
	return nf_buf_detach(&b);
}

static const char req[] = "GET /a HTTP/1.1\r\nHost: x.test\r\n\r\n";
static const char hdr[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n";
static const char page[] = "<html><body><p>매출 3조 원</p></body></html>";

static void
test_digest(void)
{
	char d[38];

	nf_warc_sha1_base32("", 0, d);
	NF_CHECK_STR(d, "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
	nf_warc_sha1_base32("abc", 3, d);
	NF_CHECK_STR(d, "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
}

static void
test_roundtrip(void)
{
	struct nf_warc_writer_opts o = {.dir = dir,
					.prefix = "t",
					.max_file_bytes = 0,
					.software = "newsfact-test",
					.user_agent = "newsfact/0 (+x)"};
	struct nf_warc_writer *w;
	char id[48];
	const char *file;
	long long off;
	bool rev;

	clean_dir();
	NF_CHECK(nf_warc_writer_open(&w, &o) == NF_OK, "%s", nf_last_error());
	struct nf_warc_capture c = {.url = "http://x.test/a",
				    .date = 1764374400.25,
				    .ip = "127.0.0.1",
				    .request = req,
				    .request_len = strlen(req),
				    .headers = hdr,
				    .headers_len = strlen(hdr),
				    .payload = page,
				    .payload_len = strlen(page),
				    .status = 200};
	NF_CHECK(nf_warc_write_capture(w, &c, id, &file, &off, &rev) == NF_OK &&
		     !rev && off > 0,
		 "write 1: %s", nf_last_error());
	NF_CHECK(strncmp(id, "<urn:uuid:", 10) == 0, "id %s", id);
	/* Same payload at another URL: an identical-payload revisit. */
	c.url = "http://x.test/print/a";
	NF_CHECK(nf_warc_write_capture(w, &c, NULL, NULL, NULL, &rev) ==
			 NF_OK &&
		     rev,
		 "identical payload is a revisit");
	/* A 304: server-not-modified. */
	static const char h304[] = "HTTP/1.1 304 Not Modified\r\nETag: "
				   "\"x\"\r\n\r\n";
	struct nf_warc_capture nm = {.url = "http://x.test/feed",
				     .date = 1764374401,
				     .request = req,
				     .request_len = strlen(req),
				     .headers = h304,
				     .headers_len = strlen(h304),
				     .status = 304};
	NF_CHECK(nf_warc_write_capture(w, &nm, NULL, NULL, NULL, &rev) ==
			 NF_OK &&
		     rev,
		 "304 is a revisit");
	static const char h2[] = "HTTP/2 200\r\ncontent-type: text/html\r\n"
				 "content-length: 5\r\n\r\n";
	struct nf_warc_capture c2 = {.url = "http://x.test/b",
				     .date = 1764374402,
				     .headers = h2,
				     .headers_len = strlen(h2),
				     .payload = "<html>b</html>",
				     .payload_len = 14,
				     .status = 200};
	NF_CHECK(nf_warc_write_capture(w, &c2, NULL, NULL, NULL, &rev) ==
			 NF_OK &&
		     !rev,
		 "http/2 response");
	NF_CHECK(nf_warc_writer_close(w) == NF_OK, "close");

	char names[8][512];
	size_t n = list(names, 8);
	NF_CHECK(n == 1, "one file, got %zu", n);

	/* Read back: two HTML documents, decoded, revisits skipped. */
	struct nf_warc_reader *r;
	struct nf_warc_doc doc;
	bool eof = false;
	int docs = 0;
	NF_CHECK(nf_warc_open(&r, names[0], 1 << 20) == NF_OK, "open");
	while (!eof) {
		nf_err e = nf_warc_next(r, &doc, &eof);
		NF_CHECK(e == NF_OK, "next: %s", nf_last_error());
		if (e || eof)
			break;
		docs++;
		if (docs == 1) {
			NF_CHECK_STR(doc.target_uri, "http://x.test/a");
			NF_CHECK(
			    doc.body.len == strlen(page) &&
				memcmp(doc.body.data, page, doc.body.len) == 0,
			    "payload round trip");
			NF_CHECK_STR(doc.content_type,
				     "text/html; charset=utf-8");
			NF_CHECK(doc.offset == off, "offset %lld vs %lld",
				 doc.offset, off);
		} else {
			NF_CHECK_STR(doc.target_uri, "http://x.test/b");
		}
		nf_warc_doc_release(&doc);
	}
	nf_warc_close(r);
	NF_CHECK(docs == 2, "docs %d", docs);

	/* The text: warcinfo first, digests, renamed codings. */
	size_t len;
	char *all = gunzip_all(names[0], &len);
	char pd[38], want[80];
	nf_warc_sha1_base32(page, strlen(page), pd);
	snprintf(want, sizeof(want), "WARC-Payload-Digest: %s\r\n", pd);
	NF_CHECK(strncmp(all, "WARC/1.1\r\nWARC-Type: warcinfo\r\n", 31) == 0,
		 "warcinfo first");
	NF_CHECK(strstr(all, want) != NULL, "payload digest");
	NF_CHECK(strstr(all, "X-Crawler-Content-Encoding: gzip\r\n") != NULL,
		 "content coding renamed");
	NF_CHECK(strstr(all, "X-Crawler-Transfer-Encoding: chunked\r\n") !=
		     NULL,
		 "transfer coding renamed");
	NF_CHECK(strstr(all, "revisit/identical-payload-digest") != NULL,
		 "identical-payload profile");
	NF_CHECK(strstr(all, "WARC-Refers-To-Target-URI: http://x.test/a") !=
		     NULL,
		 "refers to the first capture");
	NF_CHECK(strstr(all, "revisit/server-not-modified") != NULL,
		 "server-not-modified profile");
	NF_CHECK(strstr(all, "WARC-Type: request\r\n") != NULL, "request");
	NF_CHECK(strstr(all, "X-Crawler-Protocol: HTTP/2") != NULL &&
		     strstr(all, "HTTP/1.1 200\r\n") != NULL,
		 "HTTP/2 status line");
	free(all);
}

static void
test_rotation(void)
{
	struct nf_warc_writer_opts o = {
	    .dir = dir, .prefix = "rot", .max_file_bytes = 2000};
	struct nf_warc_writer *w;
	char body[4000];
	size_t nfiles;
	char names[64][512];

	clean_dir();
	NF_CHECK(nf_warc_writer_open(&w, &o) == NF_OK, "%s", nf_last_error());
	for (int i = 0; i < 10; i++) {
		char url[64];
		/* Incompressible enough to pass 2000 bytes per record. */
		for (size_t k = 0; k < sizeof(body); k++)
			body[k] = (char)('a' + (rand() % 26));
		snprintf(url, sizeof(url), "http://x.test/%d", i);
		struct nf_warc_capture c = {.url = url,
					    .date = 1764374400 + i,
					    .headers = hdr,
					    .headers_len = strlen(hdr),
					    .payload = body,
					    .payload_len = sizeof(body),
					    .status = 200};
		NF_CHECK(nf_warc_write_capture(w, &c, NULL, NULL, NULL, NULL) ==
			     NF_OK,
			 "write %d", i);
	}
	nf_warc_writer_close(w);
	nfiles = list(names, 64);
	NF_CHECK(nfiles == 10, "rotated into %zu files", nfiles);
	for (size_t i = 0; i < nfiles; i++) {
		size_t len;
		char *all = gunzip_all(names[i], &len);
		NF_CHECK(strncmp(all, "WARC/1.1\r\nWARC-Type: warcinfo", 29) ==
			     0,
			 "%s starts with warcinfo", names[i]);
		free(all);
	}
	clean_dir();
}

int
main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/nf_warc_write_test_%d", (int)getpid());
	mkdir(dir, 0755);
	test_digest();
	test_roundtrip();
	test_rotation();
	rmdir(dir);
	return nf_test_done("warc_write_test");
}
