/*
 * normalize/fingerprint.h - the match form of a text and the hashes taken
 * over it: the SimHash fingerprint of the record and the exact body hash
 * used by nf_dedup.
 *
 * The match form is the text after NFKC_Casefold with white space,
 * punctuation (Unicode P*) and invisible format characters (Cf: ZWSP, BOM,
 * soft hyphen) removed.  Korean outlets re-space text freely (할 수 있다 /
 * 할수있다) and swap fullwidth digits, so none of that may change a hash;
 * see ../shared/notes/dedup-normalize.md §1.6 and §5.2.
 */
#ifndef NF_NORMALIZE_FINGERPRINT_H
#define NF_NORMALIZE_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Shingle length of the fingerprint, in code points of the match form. */
#define NF_FP_SHINGLE 5

/* True for white space and invisible format characters (Cf). */
bool nf_fp_is_space(uint32_t cp);

/* True for what the match form drops: nf_fp_is_space() or punctuation. */
bool nf_fp_is_skipped(uint32_t cp);

/*
 * The match form of text[0..len) as code points.  *out is malloc'd (free()
 * it; NULL when the form is empty) and the count is returned.  Invalid
 * UTF-8 reads as U+FFFD.  If ICU cannot normalise, the text is used
 * without NFKC_Casefold rather than failing.
 */
size_t nf_fp_match_form(const char *text, size_t len, uint32_t **out);

/* A well-mixed 64-bit hash of n code points (FNV-1a, then a murmur3
 * finaliser so every input bit reaches every output bit). */
uint64_t nf_fp_hash_cps(const uint32_t *cp, size_t n);

/*
 * 64-bit SimHash (Charikar) over the NF_FP_SHINGLE-code-point shingles of
 * a match form, every occurrence weighted once.  A form shorter than one
 * shingle is hashed as a single shingle; an empty form gives 0.
 */
uint64_t nf_fp_simhash(const uint32_t *cp, size_t n);

/* The hashes of those shingles in text order (malloc'd into *out, NULL
 * for an empty form); returns how many.  nf_fp_simhash_of() takes them,
 * so a caller that also needs the shingle set hashes each shingle once. */
size_t nf_fp_shingle_hashes(const uint32_t *cp, size_t n, uint64_t **out);
uint64_t nf_fp_simhash_of(const uint64_t *h, size_t nsh);

/* The text's SimHash as 16 lowercase hex digits. */
void nf_fp_fingerprint(const char *text, size_t len, char out[17]);

/*
 * SHA-256 via OpenSSL EVP.  Aborts the process if OpenSSL cannot compute
 * it (a broken installation), as nf_xmalloc() does on out-of-memory.
 */
void nf_fp_sha256(const void *p, size_t n, unsigned char out[32]);

/* First 16 bytes of SHA-256 over the UTF-8 of a match form. */
void nf_fp_body_hash(const uint32_t *cp, size_t n, unsigned char out[16]);

#endif
