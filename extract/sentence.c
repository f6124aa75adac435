#include "extract/sentence.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/banned.h"

/*
 * ICU applies the generic UAX #29 rules; Korean news needs the post-rules
 * of notes/dedup-normalize.md §4.4.  We collect ICU's boundaries, add the
 * glued `다.미` boundaries ICU misses, then drop the boundaries that the
 * Korean rules say are not sentence ends.  A boundary with a line break
 * before it is never dropped: paragraphs always end sentences.
 */

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static bool
is_hangul(uint32_t cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F);
}

static bool
is_latin(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

static bool
is_open_quote(uint32_t cp)
{
	return cp == 0x201C || cp == 0x2018 || cp == 0x300C || cp == 0x300E ||
	       cp == 0x300A || cp == 0x3008 || cp == '[' || cp == '(';
}

static bool
is_close_quote(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 ||
	       cp == 0x300D || cp == 0x300F || cp == 0x300B || cp == 0x3009;
}

/* The code point that ends just before byte offset `pos`, or 0. */
static uint32_t
prev_cp(const char *s, size_t pos, size_t *cp_start)
{
	size_t i = pos;

	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	size_t j = i;
	uint32_t cp = nf_utf8_next(s, pos, &j);
	if (cp_start)
		*cp_start = i;
	return cp;
}

static bool
starts_with(const char *s, size_t len, size_t pos, const char *lit)
{
	size_t n = strlen(lit);
	return pos + n <= len && memcmp(s + pos, lit, n) == 0;
}

/*
 * After `다.`, `요.`, `까?` (and so `니다.`) a sentence ends even when no
 * space follows, if a letter, digit or opening quote starts the next one.
 * Decimals never match: a digit is never `다`.
 */
static bool
glued_end_at(const char *s, size_t len, size_t pos)
{
	if (pos >= len || is_space((unsigned char)s[pos]))
		return false;
	size_t pstart;
	uint32_t punct = prev_cp(s, pos, &pstart);
	if (punct != '.' && punct != '?' && punct != '!')
		return false;
	uint32_t syl = prev_cp(s, pstart, NULL);
	if (punct == '.' && syl != 0xB2E4 /* 다 */ && syl != 0xC694 /* 요 */)
		return false;
	if (punct != '.' && syl != 0xAE4C /* 까 */ && syl != 0xB2E4 &&
	    syl != 0xC694)
		return false;
	size_t j = pos;
	uint32_t next = nf_utf8_next(s, len, &j);
	return is_hangul(next) || is_latin(next) ||
	       (next >= '0' && next <= '9') || is_open_quote(next);
}

/* Quotative particles that continue a sentence after a closing quote. */
static const char *const quotatives[] = {
    "라고",   "라며",	"라는",	    "라면서", "라고는", "이라고",
    "이라며", "이라는", "이라면서", "고 ",    "며 ",	"면서",
    "하고",   "고,",	"며,",	    "란 ",    "라 ",
};

static bool
quote_continues(const char *s, size_t len, size_t b)
{
	size_t i = b;
	size_t qs;

	/* Left side (before trailing spaces) must end in a closing quote. */
	size_t e = b;
	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	uint32_t q = prev_cp(s, e, &qs);
	if (!is_close_quote(q))
		return false;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (size_t k = 0; k < sizeof(quotatives) / sizeof(*quotatives); k++)
		if (starts_with(s, len, i, quotatives[k]))
			return true;
	return false;
}

/* `1.`, `12)`, `가.` alone as a segment: a list number, not a sentence. */
static bool
is_list_number(const char *s, size_t a, size_t b)
{
	while (a < b && is_space((unsigned char)s[a]))
		a++;
	while (b > a && is_space((unsigned char)s[b - 1]))
		b--;
	if (b - a < 2 || (s[b - 1] != '.' && s[b - 1] != ')'))
		return false;
	size_t n = b - 1 - a;
	if (n >= 1 && n <= 2) {
		for (size_t i = a; i < b - 1; i++)
			if (s[i] < '0' || s[i] > '9')
				return false;
		return true;
	}
	if (n == 3) {
		size_t j = a;
		uint32_t cp = nf_utf8_next(s, b, &j);
		return j == b - 1 && cp >= 0xAC00 && cp <= 0xD558; /* 가..하 */
	}
	return false;
}

static const char *const abbrevs[] = {
    "U.S.", "U.K.", "U.N.", "Mr.",   "Mrs.", "Ms.",  "Dr.",  "No.",
    "vs.",  "St.",  "Jr.",  "Sr.",   "Inc.", "Co.",  "Ltd.", "Corp.",
    "e.g.", "i.e.", "etc.", "Prof.", "Gov.", "Sen.", "Rep.", "Gen.",
    "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
};

static bool
ends_with_abbrev(const char *s, size_t a, size_t b)
{
	while (b > a && is_space((unsigned char)s[b - 1]))
		b--;
	for (size_t k = 0; k < sizeof(abbrevs) / sizeof(*abbrevs); k++) {
		size_t n = strlen(abbrevs[k]);
		if (b - a < n || memcmp(s + b - n, abbrevs[k], n) != 0)
			continue;
		/* Whole token: nothing alphabetic glued before it. */
		if (b - n > a) {
			unsigned char c = (unsigned char)s[b - n - 1];
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    c == '.')
				continue;
		}
		return true;
	}
	return false;
}

static bool
has_newline(const char *s, size_t a, size_t b)
{
	return memchr(s + a, '\n', b - a) != NULL;
}

static bool
has_letters(const char *s, size_t a, size_t b)
{
	size_t i = a;
	while (i < b) {
		uint32_t cp = nf_utf8_next(s, b, &i);
		if (is_hangul(cp) || is_latin(cp) || (cp >= '0' && cp <= '9') ||
		    (cp >= 0x4E00 && cp <= 0x9FFF))
			return true;
	}
	return false;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/*
 * Opening a break iterator costs more than breaking a paragraph, so each
 * thread keeps one and points it at each new text.  It lives until the
 * thread ends.
 */
static _Thread_local UBreakIterator *thread_bi;

static UBreakIterator *
cached_iterator(UErrorCode *st)
{
	if (!thread_bi) {
		UBreakIterator *bi =
		    ubrk_open(UBRK_SENTENCE, "ko", NULL, 0, st);
		if (U_FAILURE(*st)) {
			ubrk_close(bi);
			return NULL;
		}
		thread_bi = bi;
	}
	return thread_bi;
}

nf_err
nf_sentence_bounds(const char *text, size_t len, size_t **out, size_t *nout)
{
	UErrorCode st = U_ZERO_ERROR;
	UText *ut = NULL;
	UBreakIterator *bi = NULL;
	size_t *b = NULL, nb = 0, alloc = 16;

	*out = NULL;
	*nout = 0;
	b = nf_xmalloc(alloc * sizeof(*b));
	if (len > 0) {
		ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
		bi = cached_iterator(&st);
		if (U_SUCCESS(st))
			ubrk_setUText(bi, ut, &st);
		if (U_FAILURE(st)) {
			utext_close(ut);
			free(b);
			return nf_fail(NF_ERR_INTERNAL, "sentence: ICU: %s",
				       u_errorName(st));
		}
		for (int32_t p = ubrk_next(bi); p != UBRK_DONE;
		     p = ubrk_next(bi)) {
			if (nb + 1 >= alloc) {
				alloc *= 2;
				b = nf_xrealloc(b, alloc * sizeof(*b));
			}
			b[nb++] = (size_t)p;
		}
		utext_close(ut);
	}

	/* Glued sentence ends ICU does not see. */
	for (size_t i = 1; i < len; i++) {
		if (text[i - 1] != '.' && text[i - 1] != '?' &&
		    text[i - 1] != '!')
			continue;
		if (!glued_end_at(text, len, i))
			continue;
		if (nb + 1 >= alloc) {
			alloc *= 2;
			b = nf_xrealloc(b, alloc * sizeof(*b));
		}
		b[nb++] = i;
	}
	if (nb + 1 >= alloc) {
		alloc *= 2;
		b = nf_xrealloc(b, alloc * sizeof(*b));
	}
	b[nb++] = len;
	qsort(b, nb, sizeof(*b), cmp_size);

	/* Drop duplicates and the boundaries the Korean rules reject. */
	size_t k = 0, prev = 0;
	for (size_t i = 0; i < nb; i++) {
		size_t pos = b[i];
		if ((pos == 0 && len > 0) || (k > 0 && b[k - 1] == pos))
			continue;
		/* A segment of quotes or brackets alone joins the next one. */
		if (pos < len && !has_letters(text, prev, pos))
			continue;
		if (pos < len && !has_newline(text, prev, pos) &&
		    !(pos > 0 && text[pos - 1] == '\n')) {
			if (quote_continues(text, len, pos) ||
			    is_list_number(text, prev, pos) ||
			    ends_with_abbrev(text, prev, pos))
				continue;
		}
		b[k++] = pos;
		prev = pos;
	}
	*out = b;
	*nout = k;
	return NF_OK;
}

void
nf_sentence_at(const char *text, const size_t *bounds, size_t nbounds,
	       size_t pos, size_t *start, size_t *end)
{
	size_t lo = 0, hi = nbounds;

	/* First bound strictly greater than pos. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bounds[mid] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t a = lo > 0 ? bounds[lo - 1] : 0;
	size_t b =
	    lo < nbounds ? bounds[lo] : (nbounds ? bounds[nbounds - 1] : 0);
	if (b < a)
		b = a;
	while (a < b && is_space((unsigned char)text[a]))
		a++;
	while (b > a && is_space((unsigned char)text[b - 1]))
		b--;
	*start = a;
	*end = b;
}
