#include "normalize/fingerprint.h"

#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/banned.h"

static bool
icu_space(uint32_t cp)
{
	/* ZWSP (U+200B) is Cf, not White_Space, yet pasted text is full of
	 * it; NBSP and U+3000 are White_Space. */
	return u_isUWhiteSpace((UChar32)cp) ||
	       u_charType((UChar32)cp) == U_FORMAT_CHAR;
}

/*
 * The answers for ASCII, asked of ICU once: the match form and the
 * repeat finder ask them of every character of every text, and three
 * ICU property lookups a character were most of their cost.
 */
enum { ASCII_SPACE = 1, ASCII_SKIPPED = 2 };
static unsigned char ascii_class[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void
ascii_init(void)
{
	for (uint32_t c = 0; c < 128; c++) {
		bool sp = icu_space(c);

		ascii_class[c] = (unsigned char)((sp ? ASCII_SPACE : 0) |
						 (sp || u_ispunct((UChar32)c)
						      ? ASCII_SKIPPED
						      : 0));
	}
}

bool
nf_fp_is_space(uint32_t cp)
{
	if (cp < 128) {
		pthread_once(&ascii_once, ascii_init);
		return ascii_class[cp] & ASCII_SPACE;
	}
	return icu_space(cp);
}

bool
nf_fp_is_skipped(uint32_t cp)
{
	if (cp < 128) {
		pthread_once(&ascii_once, ascii_init);
		return ascii_class[cp] & ASCII_SKIPPED;
	}
	return icu_space(cp) || u_ispunct((UChar32)cp);
}

static size_t
raw_form(const char *text, size_t len, uint32_t **out)
{
	uint32_t *cp = nf_xmalloc((len + 1) * sizeof(*cp));
	size_t i = 0, n = 0;

	while (i < len) {
		uint32_t c = nf_utf8_next(text, len, &i);

		if (!nf_fp_is_skipped(c))
			cp[n++] = c;
	}
	if (!n) {
		free(cp);
		cp = NULL;
	}
	*out = cp;
	return n;
}

/* NFKC_Casefold into a malloc'd UTF-16 string, or NULL if ICU refuses. */
static UChar *
casefold(const char *text, size_t len, int32_t *outlen)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCCasefoldInstance(&st);
	UChar *u16, *norm;
	int32_t n16 = 0, nn;

	if (U_FAILURE(st) || len > INT32_MAX / 4)
		return NULL;
	/* UTF-8 never needs more UTF-16 units than it has bytes. */
	u16 = nf_xmalloc((len + 1) * sizeof(*u16));
	u_strFromUTF8WithSub(u16, (int32_t)len + 1, &n16, text, (int32_t)len,
			     0xFFFD, NULL, &st);
	if (U_FAILURE(st)) {
		free(u16);
		return NULL;
	}
	nn = unorm2_normalize(nfkc, u16, n16, NULL, 0, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) {
		free(u16);
		return NULL;
	}
	st = U_ZERO_ERROR;
	norm = nf_xmalloc(((size_t)nn + 1) * sizeof(*norm));
	nn = unorm2_normalize(nfkc, u16, n16, norm, nn + 1, &st);
	free(u16);
	if (U_FAILURE(st)) {
		free(norm);
		return NULL;
	}
	*outlen = nn;
	return norm;
}

size_t
nf_fp_match_form(const char *text, size_t len, uint32_t **out)
{
	int32_t nn = 0, i = 0;
	UChar *norm;
	uint32_t *cp;
	size_t n = 0;

	*out = NULL;
	if (!len)
		return 0;
	norm = casefold(text, len, &nn);
	if (!norm)
		return raw_form(text, len, out);
	cp = nf_xmalloc(((size_t)nn + 1) * sizeof(*cp));
	while (i < nn) {
		UChar32 c;

		U16_NEXT(norm, i, nn, c);
		if (!nf_fp_is_skipped((uint32_t)c))
			cp[n++] = (uint32_t)c;
	}
	free(norm);
	if (!n) {
		free(cp);
		cp = NULL;
	}
	*out = cp;
	return n;
}

static uint64_t
fmix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

uint64_t
nf_fp_hash_cps(const uint32_t *cp, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	/* FNV-1a alone mixes its last bytes poorly, which SimHash would
	 * notice as biased bits; the finaliser fixes that. */
	for (size_t i = 0; i < n; i++) {
		for (int b = 0; b < 4; b++) {
			h ^= (cp[i] >> (8 * b)) & 0xFF;
			h *= 0x100000001b3ULL;
		}
	}
	return fmix64(h ^ n);
}

size_t
nf_fp_shingle_hashes(const uint32_t *cp, size_t n, uint64_t **out)
{
	size_t k = NF_FP_SHINGLE, nsh;
	uint64_t *h;

	*out = NULL;
	if (!n)
		return 0;
	if (n < k)
		k = n;
	nsh = n - k + 1;
	h = nf_xmalloc(nsh * sizeof(*h));
	for (size_t i = 0; i < nsh; i++)
		h[i] = nf_fp_hash_cps(cp + i, k);
	*out = h;
	return nsh;
}

uint64_t
nf_fp_simhash_of(const uint64_t *h, size_t nsh)
{
	uint64_t ones[64] = {0}, lanes[8] = {0};
	size_t since_flush = 0;
	uint64_t out = 0;

	/*
	 * Count the one bits eight positions at a time: spreading a byte v
	 * with v * 0x8040201008040201 and keeping the top bit of each byte
	 * puts bit 7-j of v in byte j, and adding that word bumps eight byte
	 * counters at once.  Counters are flushed before they can pass 255.
	 */
	for (size_t i = 0; i < nsh; i++) {
		for (int q = 0; q < 8; q++) {
			uint64_t v = (h[i] >> (8 * q)) & 0xff;
			lanes[q] += ((v * 0x8040201008040201ULL) &
				     0x8080808080808080ULL) >>
				    7;
		}
		if (++since_flush == 255 || i + 1 == nsh) {
			for (int q = 0; q < 8; q++) {
				for (int j = 0; j < 8; j++)
					ones[8 * q + 7 - j] +=
					    (lanes[q] >> (8 * j)) & 0xff;
				lanes[q] = 0;
			}
			since_flush = 0;
		}
	}
	/* The SimHash sum of ±1 is positive when ones > nsh - ones. */
	for (int b = 0; b < 64; b++) {
		if (2 * ones[b] > nsh)
			out |= 1ULL << b;
	}
	return out;
}

uint64_t
nf_fp_simhash(const uint32_t *cp, size_t n)
{
	uint64_t *h;
	size_t nsh = nf_fp_shingle_hashes(cp, n, &h);
	uint64_t out = nf_fp_simhash_of(h, nsh);

	free(h);
	return out;
}

void
nf_fp_fingerprint(const char *text, size_t len, char out[17])
{
	uint32_t *cp;
	size_t n = nf_fp_match_form(text, len, &cp);

	snprintf(out, 17, "%016" PRIx64, nf_fp_simhash(cp, n));
	free(cp);
}

void
nf_fp_sha256(const void *p, size_t n, unsigned char out[32])
{
	unsigned int olen = 0;

	if (!EVP_Digest(p, n, out, &olen, EVP_sha256(), NULL) || olen != 32) {
		nf_log_error("OpenSSL cannot compute SHA-256");
		abort();
	}
}

void
nf_fp_body_hash(const uint32_t *cp, size_t n, unsigned char out[16])
{
	struct nf_buf b = NF_BUF_INIT(0);
	unsigned char md[32];
	char enc[4];

	for (size_t i = 0; i < n; i++)
		nf_buf_append(&b, enc, nf_utf8_encode(cp[i], enc));
	nf_fp_sha256(b.data ? b.data : "", b.len, md);
	memcpy(out, md, 16);
	nf_buf_release(&b);
}
