/*
 * base/decimal.h - exact decimal numbers for figure values.
 *
 * A value is coef × 10^-scale with a signed 128-bit coefficient, enough for
 * Korean amounts past 10^16 (경) with fractional digits.  Values never pass
 * through a double.  Operations that would overflow return false and leave
 * the result unspecified; callers treat that as "not a figure".
 */
#ifndef NF_BASE_DECIMAL_H
#define NF_BASE_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>

struct nf_decimal {
	__int128 coef;
	unsigned scale; /* digits after the decimal point, at most 18 */
};

/* Longest text nf_decimal_format() writes, with its NUL. */
#define NF_DECIMAL_MAX 48

/*
 * Parse ASCII digits with optional ',' grouping, one optional '.', and an
 * optional leading '-'.  False on anything else or on overflow.
 */
bool nf_decimal_parse(struct nf_decimal *out, const char *s, size_t n);

struct nf_decimal nf_decimal_from_int(long long v);

bool nf_decimal_add(struct nf_decimal *out, struct nf_decimal a,
		    struct nf_decimal b);
bool nf_decimal_mul(struct nf_decimal *out, struct nf_decimal a,
		    struct nf_decimal b);

/* Multiply by 10^k (k >= 0). */
bool nf_decimal_shift(struct nf_decimal *out, struct nf_decimal a, unsigned k);

/* -1, 0 or 1. */
int nf_decimal_cmp(struct nf_decimal a, struct nf_decimal b);

bool nf_decimal_is_zero(struct nf_decimal a);

/*
 * Write the canonical form of figures-conventions.md §2: optional '-',
 * digits, optional '.' and digits, no trailing fractional zeros, no
 * exponent ("4.50" -> "4.5", "7.0" -> "7", "-0" -> "0").  Returns out.
 */
char *nf_decimal_format(struct nf_decimal a, char out[NF_DECIMAL_MAX]);

#endif
