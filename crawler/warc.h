/*
 * crawler/warc.h - HTML documents out of WARC files (WARC/1.0 and 1.1,
 * uncompressed, gzip per record, or one gzip member for the whole file).
 *
 * The reader streams: memory is bounded by max_record_bytes whatever the
 * file size.  It yields each `response` record whose HTTP status is 2xx
 * and whose Content-Type is HTML (or absent with an HTML-looking body),
 * with the payload de-chunked and its Content-Encoding (gzip, deflate)
 * decoded.  Other records are skipped.
 *
 * Errors: a record whose HTTP payload is damaged (bad chunking, corrupt
 * gzip body) fails alone and reading goes on.  Damage to the WARC framing
 * itself (a bad version line, a missing Content-Length, a truncated block,
 * a corrupt gzip stream) ends the file: nf_warc_next() returns the error
 * and every later call reports end of file.
 */
#ifndef NF_CRAWLER_WARC_H
#define NF_CRAWLER_WARC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

struct nf_warc_doc {
	char *target_uri;   /* WARC-Target-URI, or NULL */
	char *record_id;    /* WARC-Record-ID, "<urn:uuid:…>", or NULL */
	char *content_type; /* HTTP Content-Type header, or NULL */
	long long offset;   /* record start: gzip member offset in a .warc.gz,
			       byte offset in an uncompressed file */
	struct nf_buf body; /* the HTTP payload, decoded */
};

void nf_warc_doc_release(struct nf_warc_doc *d);

struct nf_warc_reader;

/* Open a WARC file; NF_ERR_IO if it cannot be read. */
nf_err nf_warc_open(struct nf_warc_reader **out, const char *path,
		    size_t max_record_bytes);
void nf_warc_close(struct nf_warc_reader *r);

/*
 * The next HTML response.  NF_OK with *eof false: `doc` is filled (release
 * it).  NF_OK with *eof true: no more documents.  An error: `doc` is empty
 * and the message names the record offset; see above for whether reading
 * can go on (*eof says so).
 */
nf_err nf_warc_next(struct nf_warc_reader *r, struct nf_warc_doc *doc,
		    bool *eof);

#endif
