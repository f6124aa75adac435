/*
 * crawler/warc_write.h - the crawl archive: WARC/1.1 files, one gzip
 * member per record (ISO 28500 Annex D), rotated by size.
 *
 * Each file starts with a warcinfo record.  A capture is a response
 * record plus a request record (WARC-Concurrent-To the response); after a
 * 304, or when the payload is byte-identical to one archived earlier in
 * this run, a revisit record (profiles server-not-modified and
 * identical-payload-digest) replaces the response.
 *
 * The payload is stored as the crawler used it: transfer coding and
 * content coding removed (libcurl decodes them).  The HTTP header block
 * says so the Common Crawl way: Transfer-Encoding, Content-Encoding and
 * Content-Length are renamed X-Crawler-*, and a Content-Length of the
 * stored payload is added, so readers (crawler/warc.h) need not decode
 * anything.  WARC-Payload-Digest and WARC-Block-Digest are "sha1:" plus
 * base32.
 *
 * Every record is compressed in memory and written with one write(), so
 * a killed process leaves whole records behind; files being written end
 * in ".warc.gz" from the start (readers stop cleanly at a torn tail).
 */
#ifndef NF_CRAWLER_WARC_WRITE_H
#define NF_CRAWLER_WARC_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct nf_warc_writer;

struct nf_warc_writer_opts {
	const char *dir;       /* existing directory */
	const char *prefix;    /* file names: PREFIX-TIMESTAMP-NNNNN.warc.gz */
	size_t max_file_bytes; /* rotate once a file reaches this; 0 = 1 GB */
	const char *software;  /* warcinfo `software` */
	const char *user_agent;
	const char *robots; /* warcinfo `robots`: "obey" or "ignore" */
};

/* Open the first file.  NF_ERR_IO when it cannot be created. */
nf_err nf_warc_writer_open(struct nf_warc_writer **out,
			   const struct nf_warc_writer_opts *opts);

/* Close the current file and free; NULL does nothing. */
nf_err nf_warc_writer_close(struct nf_warc_writer *w);

/* One HTTP exchange. */
struct nf_warc_capture {
	const char *url;
	double date;	/* when the request was sent (all records share it) */
	const char *ip; /* or NULL */
	const char *request; /* request line and headers as sent */
	size_t request_len;
	const char *headers; /* status line and headers as received */
	size_t headers_len;
	const char *payload; /* decoded body (may be NULL when empty) */
	size_t payload_len;
	int status;		    /* HTTP status */
	const char *refers_to_date; /* for a 304: WARC-Date of the earlier
				       capture if known, or NULL */
	bool truncated;		    /* WARC-Truncated: length */
};

/*
 * Append a capture.  `record_id` (may be NULL) receives the response (or
 * revisit) record's id, "<urn:uuid:…>" (48 bytes with the NUL);
 * `file`/`offset` (may be NULL) where it starts.  *revisit says whether
 * a revisit was written.  NF_ERR_IO on a failed write.
 */
nf_err nf_warc_write_capture(struct nf_warc_writer *w,
			     const struct nf_warc_capture *c,
			     char record_id[48], const char **file,
			     long long *offset, bool *revisit);

/* "sha1:" + base32 of SHA-1 over data[0..n) into out (38 bytes). */
void nf_warc_sha1_base32(const void *data, size_t n, char out[38]);

#endif
