/*
 * base/utf8.h - small UTF-8 helpers that need no ICU.
 */
#ifndef NF_BASE_UTF8_H
#define NF_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if s[0..n) is well-formed UTF-8 (no surrogates, no overlongs). */
bool nf_utf8_valid(const char *s, size_t n);

/*
 * Decode one code point at s[*i] (i < n), advancing *i.  Returns U+FFFD
 * and advances one byte on a malformed sequence.
 */
uint32_t nf_utf8_next_multi(const char *s, size_t n, size_t *i);

static inline uint32_t
nf_utf8_next(const char *s, size_t n, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];

	if (c < 0x80) { /* ASCII inline: most bytes of most pages */
		(*i)++;
		return c;
	}
	return nf_utf8_next_multi(s, n, i);
}

/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t nf_utf8_encode(uint32_t cp, char *out);

/* The number of code points in s[0..n) (valid UTF-8 assumed). */
size_t nf_utf8_count(const char *s, size_t n);

#endif
