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
	char id[17];	       /* 16 hex digits */
	char *url;	       /* as given/fetched, or NULL */
	char *canonical_url;   /* or NULL */
	struct nf_article art; /* owned; art.text is the final text */
	const char *charset;   /* static, from nf_decoded */
	size_t repeats_removed;
	char fingerprint[17];  /* 64-bit SimHash over char 5-grams, hex */
	char duplicate_of[17]; /* "" when none */
	char cluster[17];
	char version_of[17]; /* "" when none */
	char fetched_at[32]; /* ISO 8601 UTC, or "" */
	struct nf_source source;
	struct nf_figure *facts; /* owned, malloc'd */
	size_t nfacts;
};

/* Empty record (source.offset -1); release frees the article, strings
 * and facts and leaves it initialised again. */
void nf_record_init(struct nf_record *r);
void nf_record_release(struct nf_record *r);

/*
 * Duplicate tracking across the records of one run (in memory).  Today it
 * links exact duplicates: records whose final text has the same body hash
 * (SHA-256 of the match form of normalize/fingerprint.h, so spacing,
 * punctuation, fullwidth digits and case do not matter).  The first
 * record with a body is its cluster's canonical article.
 */
struct nf_dedup;
struct nf_dedup *nf_dedup_new(void);
void nf_dedup_free(struct nf_dedup *d);

/*
 * Build a record.  Moves `art` and `figs` into the record (the caller's
 * article is left initialised-empty, and figs must not be freed by the
 * caller; the record frees both).  `url` may be NULL; `charset` static;
 * `src` copied (may be NULL).  `dedup` may be NULL.  Never fails on valid
 * input.
 *
 * - In-page repeats are cut from art.text (nf_repeats_find/apply) and the
 *   figures remapped; repeats_removed counts the dropped copies.
 * - canonical_url: the article's canonical link resolved against `url`
 *   when it is on the same site (hosts equal after dropping "www.", "m.",
 *   "mobile.", "amp."), or when there is no `url`; else `url`; both in
 *   nf_url_canonical() form.  NULL when neither is an http(s) URL.
 * - id: nf_record_hash_id() of canonical_url, or of the final text when
 *   there is none.
 * - fingerprint: nf_fp_simhash() of the final text's match form.
 * - duplicate_of and cluster: from `dedup` as above; without a dedup, or
 *   for the first copy, duplicate_of is "" and cluster the own id.  A
 *   re-fetch of the same URL with the same body gets duplicate_of equal
 *   to its own id.  Empty bodies are never duplicates.
 * - version_of and fetched_at stay "" for the caller to set.
 */
nf_err nf_record_build(struct nf_record *r, struct nf_article *art,
		       struct nf_figure *figs, size_t nfigs, const char *url,
		       const char *charset, const struct nf_source *src,
		       struct nf_dedup *dedup);

/* 16 lowercase hex digits: the first 8 bytes of SHA-256 over s[0..n). */
void nf_record_hash_id(const char *s, size_t n, char out[17]);

#endif
