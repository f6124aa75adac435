/*
 * normalize/record.h - the article record of ../shared/RECORDS.md.
 *
 * nf_record_build() takes the extracted article and its figures, collapses
 * in-page repeats, computes the id, canonical URL and fingerprint, and
 * links the record to an earlier copy or version seen by the same nf_dedup
 * (normalize/dedup.h).
 */
#ifndef NF_NORMALIZE_RECORD_H
#define NF_NORMALIZE_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "extract/article.h"
#include "extract/figures.h"
#include "normalize/dedup.h"

struct nf_source {
	char *file;	      /* path as given, or NULL (stdin: "-") */
	char *warc_record_id; /* "<urn:uuid:…>" or NULL */
	long long offset;     /* byte offset of the WARC record, -1 if none */
};

/* One side of a changed figure; all strings owned by the record. */
struct nf_fact_side {
	char *surface;
	char *value;	    /* nf_figure_value_text(); "low~high" for a range */
	bool value_is_text; /* a date, fraction or range: write as a string */
	char *unit;
};

enum nf_fact_change_kind { NF_FACT_ADDED, NF_FACT_REMOVED, NF_FACT_CHANGED };

/* "added", "removed", "changed". */
const char *nf_fact_change_name(enum nf_fact_change_kind k);

/* A figure added, removed or changed against the version_of record;
 * `before` is empty (surface NULL) for an addition, `after` for a
 * removal. */
struct nf_fact_change {
	enum nf_fact_change_kind kind;
	struct nf_fact_side before, after;
};

struct nf_record {
	char id[17];	     /* 16 hex digits */
	char *url;	     /* as given/fetched, or NULL */
	char *canonical_url; /* or NULL */
	/* The publisher's page this one copies (a portal's 기사원문 link, or
	 * a canonical link to another site), canonical form, or NULL. */
	char *origin_url;
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
	/* Against version_of; owned, malloc'd; none when not a version. */
	struct nf_fact_change *changed_facts;
	size_t nchanged_facts;
};

/* Empty record (source.offset -1); release frees the article, strings,
 * facts and changed facts and leaves it initialised again. */
void nf_record_init(struct nf_record *r);
void nf_record_release(struct nf_record *r);

/*
 * Build a record.  Moves `art` and `figs` into the record (the caller's
 * article is left initialised-empty, and figs must not be freed by the
 * caller; the record frees both).  `url` may be NULL; `charset` static;
 * `src` copied (may be NULL).  `dedup` may be NULL.  Never fails on valid
 * input without a dedup.
 *
 * - In-page repeats are cut from art.text (nf_repeats_find/apply) and the
 *   figures remapped; repeats_removed counts the dropped copies.
 * - canonical_url: the article's canonical link resolved against `url`
 *   when it is on the same site (hosts equal after dropping "www.", "m.",
 *   "mobile.", "amp."), or when there is no `url`; else `url`; both in
 *   nf_url_canonical() form.  NULL when neither is an http(s) URL.
 * - origin_url: the canonical link when it points at another site (a
 *   portal or syndicated copy naming the publisher's page), canonical
 *   form; else NULL.  The pipeline may set it before classifying (see
 *   nf_dedup_classify) when the extractor finds a 기사원문 link.
 * - id: nf_record_hash_id() of canonical_url, or of the final text when
 *   there is none.
 * - fingerprint: nf_fp_simhash() of the final text's match form.
 * - duplicate_of, cluster, version_of and changed_facts: from
 *   nf_dedup_classify() (normalize/dedup.h) when `dedup` is given, which
 *   also stores the record there; without a dedup duplicate_of and
 *   version_of are "" and cluster the own id.  A re-fetch of the same
 *   URL with the same body gets duplicate_of equal to its own id.  Empty
 *   bodies are never duplicates.  NF_ERR_DB when the state fails.
 * - fetched_at stays "" for the caller to set.
 */
nf_err nf_record_build(struct nf_record *r, struct nf_article *art,
		       struct nf_figure *figs, size_t nfigs, const char *url,
		       const char *charset, const struct nf_source *src,
		       struct nf_dedup *dedup);

/* 16 lowercase hex digits: the first 8 bytes of SHA-256 over s[0..n). */
void nf_record_hash_id(const char *s, size_t n, char out[17]);

#endif
