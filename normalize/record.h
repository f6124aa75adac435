/*
 * normalize/record.h - the article record of ../shared/RECORDS.md.
 *
 * nf_record_build() takes the extracted article and its figures, collapses
 * in-page repeats, computes the id, canonical URL and fingerprint, and
 * links the record to an earlier copy seen by the same nf_dedup.
 */
#ifndef NF_NORMALIZE_RECORD_H
#define NF_NORMALIZE_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "extract/article.h"
#include "extract/figures.h"

struct nf_source {
	char *file;	      /* path as given, or NULL (stdin: "-") */
	char *warc_record_id; /* "<urn:uuid:…>" or NULL */
	long long offset;     /* byte offset of the WARC record, -1 if none */
};

struct nf_record {
	char id[17];		/* 16 hex digits */
	char *url;		/* as given/fetched, or NULL */
	char *canonical_url;	/* or NULL */
	struct nf_article art;	/* owned; art.text is the final text */
	const char *charset;	/* static, from nf_decoded */
	size_t repeats_removed;
	char fingerprint[17];	/* 64-bit SimHash over char 5-grams, hex */
	char duplicate_of[17];	/* "" when none */
	char cluster[17];
	char version_of[17];	/* "" when none */
	char fetched_at[32];	/* ISO 8601 UTC, or "" */
	struct nf_source source;
	struct nf_figure *facts; /* owned, malloc'd */
	size_t nfacts;
};

void nf_record_init(struct nf_record *r);
void nf_record_release(struct nf_record *r);

/* Duplicate tracking across the records of one run (in memory). */
struct nf_dedup;
struct nf_dedup *nf_dedup_new(void);
void nf_dedup_free(struct nf_dedup *d);

/*
 * Build a record.  Moves `art` and `figs` into the record (the caller's
 * article is left initialised-empty, and figs must not be freed by the
 * caller).  `url` may be NULL; `charset` static; `src` copied.  `dedup`
 * may be NULL.  Never fails on valid input.
 */
nf_err nf_record_build(struct nf_record *r, struct nf_article *art,
		       struct nf_figure *figs, size_t nfigs, const char *url,
		       const char *charset, const struct nf_source *src,
		       struct nf_dedup *dedup);

/* 16 hex digits of SHA-256 over s[0..n). */
void nf_record_hash_id(const char *s, size_t n, char out[17]);

#endif
