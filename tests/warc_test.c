/*
 * Tests of crawler/warc.h over the WARC samples in ../shared/corpus/warc,
 * read in place: every well-formed file reads to the end, every malformed
 * one ends in a clear error and never a crash, and the newsfact fixture's
 * EUC-KR article (gzip content-encoding inside chunked transfer-encoding)
 * comes out decoded.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "crawler/warc.h"

struct result {
	size_t docs, errors;
	bool eof_reached;
	char first_uri[512];
	char first_id[128];
	long long first_offset;
	size_t first_len;
	char *first_body;
};

static void
read_all(const char *rel, struct result *res)
{
	struct nf_warc_reader *r;
	struct nf_warc_doc doc;
	bool eof = false;

	memset(res, 0, sizeof(*res));
	if (nf_warc_open(&r, nf_test_shared(rel), 1u << 20) != NF_OK) {
		res->errors++;
		return;
	}
	for (int guard = 0; guard < 100000 && !eof; guard++) {
		if (nf_warc_next(r, &doc, &eof) != NF_OK) {
			res->errors++;
			continue;
		}
		if (eof)
			break;
		if (res->docs++ == 0) {
			snprintf(res->first_uri, sizeof(res->first_uri), "%s",
				 doc.target_uri ? doc.target_uri : "");
			snprintf(res->first_id, sizeof(res->first_id), "%s",
				 doc.record_id ? doc.record_id : "");
			res->first_offset = doc.offset;
			res->first_len = doc.body.len;
			res->first_body = nf_buf_detach(&doc.body);
		}
		nf_warc_doc_release(&doc);
	}
	res->eof_reached = eof;
	nf_warc_close(r);
}

int
main(void)
{
	struct nf_tsv m;
	struct result res;
	size_t clean = 0, nclean = 0, failed_cleanly = 0, nmalformed = 0;

	nf_tsv_load_hashed(&m, nf_test_shared("corpus/warc/manifest.tsv"),
			   false);
	for (size_t i = 0; i < m.nrows; i++) {
		const char *path = m.rows[i].fields[0];
		char rel[512];
		snprintf(rel, sizeof(rel), "corpus/warc/%s", path);
		read_all(rel, &res);
		bool malformed = strncmp(path, "malformed/", 10) == 0;
		NF_CHECK(res.eof_reached, "%s: reached the end", path);
		if (malformed) {
			nmalformed++;
			failed_cleanly += res.eof_reached;
		} else {
			nclean++;
			clean += res.errors == 0;
			NF_CHECK(res.errors == 0, "%s: %zu errors (%s)", path,
				 res.errors, nf_last_error());
		}
		printf("  %-58s %zu html docs, %zu errors\n", path, res.docs,
		       res.errors);
		free(res.first_body);
	}
	printf("warc: %zu/%zu well-formed files read without error, "
	       "%zu/%zu malformed files ended cleanly\n",
	       clean, nclean, failed_cleanly, nmalformed);
	nf_tsv_free(&m);

	/* The fixture: article (EUC-KR, gzip inside chunked) and portal copy.
	 */
	const char *fixtures[] = {
	    "corpus/warc/generated/newsfact-fixture-20250408031000-00000.warc",
	    "corpus/warc/generated/"
	    "newsfact-fixture-20250408031000-00000.warc.gz",
	};
	for (size_t i = 0; i < 2; i++) {
		read_all(fixtures[i], &res);
		NF_CHECK(res.docs == 2, "%s: %zu docs", fixtures[i], res.docs);
		NF_CHECK(res.errors == 0, "%s: errors", fixtures[i]);
		NF_CHECK_STR(
		    res.first_uri,
		    "http://news.example.com/news/articleView.html?idxno=1001");
		NF_CHECK(strncmp(res.first_id, "<urn:uuid:", 10) == 0, "id %s",
			 res.first_id);
		NF_CHECK(res.first_body &&
			     strstr(res.first_body, "euc-kr") != NULL &&
			     strstr(res.first_body, "</html>") != NULL,
			 "decoded body");
		NF_CHECK(res.first_offset > 0, "offset %lld", res.first_offset);
		free(res.first_body);
	}

	/* Malformed files each report an error rather than silently passing. */
	const char *must_fail[] = {
	    "corpus/warc/malformed/example-trunc.warc",
	    "corpus/warc/malformed/corrupted-mid-record.warc.gz",
	    "corpus/warc/malformed/corrupted-trailing-bytes.warc.gz",
	    "corpus/warc/malformed/bad_http_chunked_content.warc",
	};
	for (size_t i = 0; i < 4; i++) {
		read_all(must_fail[i], &res);
		NF_CHECK(res.errors >= 1, "%s: error reported", must_fail[i]);
		free(res.first_body);
	}
	return nf_test_done("warc_test");
}
