#include "base/decimal.h"

#include <string.h>

#include "base/banned.h"

/* 10^38 fits in a signed 128-bit integer (max ~1.7e38); keep a margin. */
static const __int128 LIMIT = (__int128)1000000000000000000LL *
			      (__int128)1000000000000000000LL; /* 10^36 */

static bool
pow10_mul(__int128 *v, unsigned k)
{
	while (k--) {
		if (*v > LIMIT / 10 || *v < -LIMIT / 10)
			return false;
		*v *= 10;
	}
	return true;
}

bool
nf_decimal_parse(struct nf_decimal *out, const char *s, size_t n)
{
	size_t i = 0;
	bool neg = false, dot = false, any = false;
	__int128 v = 0;
	unsigned scale = 0;

	if (i < n && s[i] == '-') {
		neg = true;
		i++;
	}
	for (; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (v > LIMIT / 10)
				return false;
			v = v * 10 + (c - '0');
			any = true;
			if (dot) {
				if (++scale > 18)
					return false;
			}
		} else if (c == ',' && !dot) {
			continue;
		} else if (c == '.' && !dot) {
			dot = true;
		} else {
			return false;
		}
	}
	if (!any)
		return false;
	out->coef = neg ? -v : v;
	out->scale = scale;
	return true;
}

struct nf_decimal
nf_decimal_from_int(long long v)
{
	return (struct nf_decimal){(__int128)v, 0};
}

static bool
align(struct nf_decimal *a, struct nf_decimal *b)
{
	while (a->scale < b->scale) {
		if (!pow10_mul(&a->coef, 1))
			return false;
		a->scale++;
	}
	while (b->scale < a->scale) {
		if (!pow10_mul(&b->coef, 1))
			return false;
		b->scale++;
	}
	return true;
}

static void
reduce(struct nf_decimal *a)
{
	while (a->scale > 0 && a->coef % 10 == 0) {
		a->coef /= 10;
		a->scale--;
	}
}

bool
nf_decimal_add(struct nf_decimal *out, struct nf_decimal a,
	       struct nf_decimal b)
{
	if (!align(&a, &b))
		return false;
	if ((b.coef > 0 && a.coef > LIMIT - b.coef) ||
	    (b.coef < 0 && a.coef < -LIMIT - b.coef))
		return false;
	out->coef = a.coef + b.coef;
	out->scale = a.scale;
	reduce(out);
	return true;
}

bool
nf_decimal_mul(struct nf_decimal *out, struct nf_decimal a,
	       struct nf_decimal b)
{
	reduce(&a);
	reduce(&b);
	__int128 x = a.coef < 0 ? -a.coef : a.coef;
	__int128 y = b.coef < 0 ? -b.coef : b.coef;

	if (x != 0 && y > LIMIT / x)
		return false;
	if (a.scale + b.scale > 36)
		return false;
	out->coef = a.coef * b.coef;
	out->scale = a.scale + b.scale;
	reduce(out);
	return true;
}

bool
nf_decimal_shift(struct nf_decimal *out, struct nf_decimal a, unsigned k)
{
	reduce(&a);
	while (k && a.scale) {
		a.scale--;
		k--;
	}
	if (!pow10_mul(&a.coef, k))
		return false;
	*out = a;
	return true;
}

int
nf_decimal_cmp(struct nf_decimal a, struct nf_decimal b)
{
	if (!align(&a, &b)) {
		/* Alignment only overflows for huge magnitudes; compare signs. */
		return (a.coef > b.coef) - (a.coef < b.coef);
	}
	return (a.coef > b.coef) - (a.coef < b.coef);
}

bool
nf_decimal_is_zero(struct nf_decimal a)
{
	return a.coef == 0;
}

char *
nf_decimal_format(struct nf_decimal a, char out[NF_DECIMAL_MAX])
{
	char digits[NF_DECIMAL_MAX];
	size_t nd = 0, o = 0;
	__int128 v;

	reduce(&a);
	v = a.coef < 0 ? -a.coef : a.coef;
	do {
		digits[nd++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	while (nd <= a.scale)
		digits[nd++] = '0';
	if (a.coef < 0)
		out[o++] = '-';
	for (size_t i = nd; i-- > 0;) {
		out[o++] = digits[i];
		if (i == a.scale && a.scale)
			out[o++] = '.';
	}
	out[o] = '\0';
	if (strcmp(out, "-0") == 0)
		memcpy(out, "0", 2);
	return out;
}
