/*
 * normalize/dedup.h - the same story across pages and across runs:
 * exact body hashes, near-duplicates by MinHash/LSH with an exact check,
 * and versions (same story, other figures) with the figures that changed.
 * After ../shared/notes/dedup-normalize.md §1.6, §3.4 and §5.
 *
 * Every nf_dedup is a SQLite database: nf_dedup_new() keeps it in memory
 * (one run), nf_dedup_open_state() in the --state file, so extract and
 * crawl runs dedupe against everything seen before.  The file is shared
 * with the crawler's frontier (crawler/state.c); this module owns only the
 * tables named article_seen, dedup_band, dedup_band_recent, dedup_link and
 * dedup_meta.
 *
 * nf_record_build() calls nf_dedup_classify() when given a dedup, so a
 * pipeline needs no other call: records are looked up and inserted one by
 * one, in input order, and a batch dedupes against itself.
 *
 * For a new record R, in this order (the first that applies decides):
 *
 *  1. Same canonical URL as an earlier record E (a re-fetch): the same
 *     body makes R duplicate_of E's first-seen copy; another body makes R
 *     version_of E (the latest record of that URL) with changed_facts,
 *     whatever the figures.
 *  2. The same body hash (match form of fingerprint.h) as an earlier
 *     record: duplicate_of that record's first-seen copy.
 *  3. R names its original (origin_url, a portal's 기사원문 link) and that
 *     URL was seen: duplicate_of it when R's figures are a subset of its
 *     figures, else version_of it.
 *  4. Near-duplicates: records sharing an LSH band key (128 MinHash values
 *     of the character 5-gram shingles, 32 bands × 4 rows) are verified on
 *     the exact shingle sets.  The text test passes at Jaccard ≥
 *     NF_DEDUP_JACCARD, or containment ≥ NF_DEDUP_CONTAIN when the shorter
 *     text has ≥ NF_DEDUP_CONTAIN_MIN shingles.  Then the figures decide:
 *     - the same figures (the shorter text's figures a subset of the
 *       longer's, for a containment match): a duplicate;
 *     - a template story: some date figure changed and more figures
 *       changed than stayed the same (next month's price index): a
 *       different story, linked only as "related" in dedup_link;
 *     - otherwise a version.
 *     Duplicates beat versions; among equals the higher similarity wins.
 *     Texts under NF_DEDUP_MIN_SHINGLES shingles get steps 1-3 only.
 *
 * duplicate_of is always the first-seen copy of the story (the matched
 * record's own duplicate_of, or its id); cluster is the matched record's
 * cluster, so every copy and every version of a story shares one; a new
 * story starts a cluster named by its own id.  Figures are compared by
 * (unit, value); a change pairs an old and a new figure with the same unit
 * and context key (the NF_DEDUP_CONTEXT letters before the figure, spaces
 * and punctuation skipped, digits masked), so "사망자 3명 → 5명" is one
 * change, not a removal and an addition.
 *
 * Storage: article_seen (one row per record: id, canonical URL, origin
 * URL, body hash, cluster, first-seen copy, day, figures, and the match
 * form for verifying), the band index in two tables of (band key, record;
 * WITHOUT ROWID): dedup_band_recent takes new keys and every
 * NF_DEDUP_BATCH records (by record number) one of NF_DEDUP_SLICES ranges
 * of the key space moves from it to dedup_band in key order, so each
 * commit rewrites a few pages of the big index rather than most of them;
 * and dedup_link (the relation each record got).  Opening a state reads
 * every band key once into an in-memory filter (32 to 64 bits a key:
 * 32 MB and about 0.6 s of CPU at 200,000 records), so that the keys no
 * other record has, most of them, cost no index seek.  Band keys and
 * match forms older than NF_DEDUP_WINDOW_DAYS are pruned when a state is
 * opened on a new day; body hashes, URLs and figures are kept forever
 * (the benchmark's run, all on one day, never prunes).  Writes go in
 * one transaction per NF_DEDUP_BATCH records and at close; the database
 * runs in WAL mode with a busy timeout, so the crawler can share it (its
 * writes wait while a batch is open: about 1-2 s at 2,000 records).
 */
#ifndef NF_NORMALIZE_DEDUP_H
#define NF_NORMALIZE_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define NF_DEDUP_PERMS	       128
#define NF_DEDUP_BANDS	       32
#define NF_DEDUP_ROWS	       4
#define NF_DEDUP_MIN_SHINGLES  50
#define NF_DEDUP_JACCARD       0.5
#define NF_DEDUP_CONTAIN       0.8
#define NF_DEDUP_CONTAIN_MIN   150
#define NF_DEDUP_LEAD	       32 /* code points of the lead key */
#define NF_DEDUP_SHORT_CONTAIN 0.9
#define NF_DEDUP_SHORT_MIN     20
#define NF_DEDUP_CONTEXT       4  /* code points of a figure's context key */
#define NF_DEDUP_BAND_FANOUT   16 /* latest records read per band key */
#define NF_DEDUP_MAX_VERIFY    12 /* candidates verified per record */
/* A same-numbers copy at this Jaccard ends the search. */
#define NF_DEDUP_SETTLE	     0.9
#define NF_DEDUP_WINDOW_DAYS 30
#define NF_DEDUP_BATCH	     2000 /* records per write transaction */
/* Band keys move from dedup_band_recent to dedup_band one slice of the
 * key space every NF_DEDUP_BATCH records, so a key waits at most
 * NF_DEDUP_SLICES × NF_DEDUP_BATCH records to move. */
#define NF_DEDUP_SLICE_BITS   4
#define NF_DEDUP_SLICES	      (1u << NF_DEDUP_SLICE_BITS)
#define NF_DEDUP_FILTER_MIN   65536    /* keys the band filter is sized for */
#define NF_DEDUP_BUSY_TIMEOUT 10000    /* milliseconds */
#define NF_DEDUP_CACHE_KIB    "262144" /* SQLite page cache of a state */

struct nf_dedup;
struct nf_record;

/* An in-memory dedup for one run.  Aborts if SQLite cannot even create
 * an in-memory database (as on out-of-memory). */
struct nf_dedup *nf_dedup_new(void);

/*
 * Open (or create) the state database at `path` and its dedup tables.
 * NF_ERR_DB with the SQLite message when the file cannot be opened,
 * is not a database, or is locked past the busy timeout.
 */
nf_err nf_dedup_open_state(struct nf_dedup **out, const char *path);

/*
 * Records per write transaction (NF_DEDUP_BATCH by default).  A process
 * that writes the same state file through another connection (the crawl
 * frontier) sets 1, so the dedup never holds the write lock between
 * records.
 */
void nf_dedup_set_batch(struct nf_dedup *d, size_t records);

/* Commit what is pending and free.  NULL does nothing.  The error of the
 * final commit is returned (the dedup is freed anyway). */
nf_err nf_dedup_close(struct nf_dedup *d);

/* nf_dedup_close(), with a commit error only logged. */
void nf_dedup_free(struct nf_dedup *d);

/*
 * Look R up and insert it, as described above.  `cp`/`ncp` is the match
 * form of R's final text (nf_fp_match_form) and `sh`/`nsh` its shingle
 * hashes in text order (nf_fp_shingle_hashes), which this sorts and
 * dedupes in place; the caller frees them.  Reads r->id, canonical_url,
 * origin_url, art.text and facts; sets duplicate_of, cluster, version_of
 * and changed_facts.  An empty match form is never a duplicate and is not
 * stored.  NF_ERR_DB when SQLite fails (the record keeps its own id as
 * cluster).
 */
nf_err nf_dedup_classify(struct nf_dedup *d, struct nf_record *r,
			 const uint32_t *cp, size_t ncp, uint64_t *sh,
			 size_t nsh);

#endif
