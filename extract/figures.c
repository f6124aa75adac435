/*
 * extract/figures.c - the figure finder.
 *
 * How it works, in order:
 *  1. Fold the text: fullwidth digits and ％．，－, U+2212 and the tildes
 *     become ASCII, with a map back to the original bytes, so spans and
 *     surfaces always point into the text we were given.
 *  2. Mark non-figures with a few PCRE2 patterns (URLs, e-mail, phone
 *     numbers, `입력 …` stamps, clock times, `제N조`, `N보`, `N호선`,
 *     `4·19`, named concepts, copyright lines, list numbers).
 *  3. Find candidate starts with one PCRE2 pattern (a digit run, a sign
 *     or prefix word, a Hangul numeral at a word start) and read each
 *     with a small hand-written grammar over the tables of
 *     figures_units.c: prefix, number (groups of 만/억/조/경), 여, unit
 *     or counter, then bands, denominators (`당`), markers and ranges.
 *  4. Link chains (`6위→9위`, `3.4%에서 3.9%로`) and rate denominators,
 *     attach sentences and code point offsets.
 * Every pattern is compiled and JIT-compiled once in nf_figures_new(); the
 * text is validated once per call and matched with pcre2_jit_match, so a
 * call is linear in the text.
 */
#include "extract/figures.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "extract/sentence.h"
#include "base/banned.h"

/* ------------------------------------------------------------------ */
/* Patterns                                                            */

/*
 * Where a figure may start.  Digits are taken whole; Hangul numerals only
 * at a word start, so 만 in 예산만 or 일 in 오늘 never begins one.
 */
static const char cand_pattern[] =
    "(?<![0-9])[0-9]+"
    "|[-±$₩€£¥△](?=[0-9])"
    "|(?:US|HK)\\$(?=[0-9])"
    "|(?:EUR|USD|KRW|JPY|CNY|CAD|NZD|CHF|AED|GBP|krw|usd) ?(?=[0-9])"
    "|(?<![가-힣])(?:마이너스|마이나스|음수|영하|영상|섭씨|화씨|시속|초속|규모|"
    "미화)"
    "(?= ?[-0-9일이삼사오육칠팔구십백천만억조])"
    "|(?<![가-힣])(?:수(?=[십백천만억조])"
    "|[일이삼사오육칠팔구십백천만억조경영공]"
    "|하나|한|두|둘|세|셋|석|넉|네|넷|다섯|여섯|일곱|여덟|아홉"
    "|열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔|첫|반"
    "|하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레|열흘|보름"
    "|서너|너덧|대여섯|예닐곱)";

/*
 * The prefilter of cand_pattern (see next_cand()): the bytes and Hangul
 * syllables a match can begin with.  Every alternative of cand_pattern
 * must begin with one of them; tests/figures_prefilter_test.c compares
 * the finder with and without the prefilter.
 */
static const char cand_ascii[] = "0123456789-$UHEKJCNAGku";
/* Non-ASCII signs: ± £ ¥ ₩ € △ (fullwidth forms are folded to ASCII). */
static const char *const cand_signs[] = {"±", "£", "¥", "₩", "€", "△"};
/* First syllables of the Hangul alternatives, only at a word start. */
static const char cand_syllables[] =
    "마음영섭화시초규미수일이삼사오육칠팔구십백천만억조경공"
    "하한두둘세셋석넉네넷다여아열스서쉰예첫반나닷엿보너대";

/*
 * Spans that hold no figure (conventions §8).  The first NTRAPS_NODIGIT
 * can match text without an ASCII digit; the others need one, so a
 * paragraph with no digit skips them.
 */
static const char *const trap_patterns[] = {
    /* URLs and e-mail addresses */
    "(?i)(?:https?://|www\\.)[^\\s<>\"']+",
    "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+",
    /* negative-polarity idioms: 한 명도 없다, 하나도 */
    "(?:한\\s?(?:명|개|곳|건|번|마리|사람|푼)|하나)도\\s?(?:없|안\\s|못\\s|않)",
    /* phone and fax numbers: 02-123-4567, 010-1234-5678, 1588-1234 */
    "(?<![0-9])(?:\\+?82[- ]?)?\\(?0[0-9]{1,2}\\)?[-. )][0-9]{3,4}[-. "
    "][0-9]{4}(?![0-9])",
    "(?<![0-9])1[5-9][0-9]{2}-[0-9]{4}(?![0-9])",
    /* international: +1-222-2222-2222, +82 10 1234 5678 */
    "\\+[0-9]{1,3}(?:[- ][0-9]{1,4}){2,3}(?:/[0-9]{1,4})?(?![0-9])",
    /* metadata stamps: 입력 2025.04.08 10:23, 수정 2025-04-08 오후 3:01 */
    "(?:기사입력|최종수정|최종 수정|입력|수정|승인|등록|송고|업데이트|발행)"
    "\\s*:?\\s*[0-9]{4}\\s*[-./년]\\s*[0-9]{1,2}\\s*[-./월]\\s*[0-9]{1,2}"
    "(?:일|\\.)?(?:\\s*\\([월화수목금토일]\\))?"
    "(?:\\s*(?:오전|오후)?\\s*[0-9]{1,2}\\s*[:시]\\s*[0-9]{1,2}"
    "(?:\\s*:\\s*[0-9]{2}|분)?)?",
    /* clock times: 17:40, 오전 9시 5분, 9시께 (not 9시간) */
    "(?<![0-9.])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])",
    "(?:(?:오전|오후|새벽|아침|저녁|밤|낮|정오|자정)\\s*)?(?<![0-9.])"
    "[0-9]{1,2}시(?!간|즌|리즈|장|청|민|내|점|각|설|행|험|세|가|도|기|작|대|키)"
    "(?:\\s*(?:[0-9]{1,2}분|반))?(?:\\s*[0-9]{1,2}초)?",
    /* law articles and paragraphs: 제12조 제1항, 제3호 */
    "(?<![가-힣])제\\s?[0-9]+(?:조|항|호|장|절|편|관|회|차|기|대|권|부|류|종)"
    "(?:의\\s?[0-9]+)?(?:\\s*제\\s?[0-9]+(?:항|호|목|조))*",
    /* bulletin marks and route names */
    "(?:종합|속보)?(?<![0-9])[0-9]{1,2}보(?![가-힣])",
    "[0-9]+호선",
    /* named events and eras: 4·19, 3·1절, 5·18 민주화운동 */
    "(?<![0-9.])[0-9]{1,2}[·ㆍ・][0-9]{1,2}(?![0-9%]|대|세|살|명|곳|개|%)"
    "(?:절|혁명|운동|사태|선언|항쟁|전쟁|합의|조치|대책)?",
    /* named concepts and policy names */
    "[0-9]+차\\s?(?:산업\\s?혁명|전지)",
    "[0-9]+인\\s?(?:가구|가족|시위|체제|조)",
    "(?:주|하루)\\s?[0-9]+시간제",
    "[0-9]+(?:시간|부|교대)제",
    "(?<![0-9])[0-9]{1,2}강(?=[^가-힣]|$|에|을|를|이|은|전|진출)",
    /* copyright lines */
    "(?:ⓒ|©|\\([cC]\\)|Copyright|COPYRIGHT|저작권자)\\s*[^\\n0-9]{0,30}"
    "[0-9]{4}(?:\\s*[-~]\\s*[0-9]{4})?",
    /* list numbers at a line start: `1. `, `2) ` */
    "(?m)^[ \\t]*[0-9]{1,2}[.)](?=\\s)",
    /* model and product names glued to Latin letters: A350, 6G, S9 */
    "(?<![A-Za-z0-9-])[A-Za-z]+[-]?[0-9]+[A-Za-z0-9]*|(?<![A-Za-z0-9.])[0-9]+["
    "A-Za-z]"
    "(?![A-Za-z])(?<![0-9][mgtWLkK])",
};
#define NTRAPS	       (sizeof(trap_patterns) / sizeof(*trap_patterns))
#define NTRAPS_NODIGIT 3

/*
 * A cheap prefilter, one entry per trap pattern: literals separated by
 * '|', one of which every match contains.  A pattern is not run on a
 * paragraph that lacks the first character of every literal (see
 * needle_mask()).  NULL: always run.
 */
static const char *const trap_needles[] = {
    "://|ww|WW|wW|Ww",			      /* URLs */
    "@",				      /* e-mail */
    "도",				      /* 한 명도 없다 */
    NULL,				      /* phone numbers */
    "-",				      /* 1588-1234 */
    "+",				      /* +1-222-2222-2222 */
    "입력|수정|승인|등록|송고|업데이트|발행", /* stamps */
    ":",				      /* 17:40 */
    "시",				      /* 9시 5분 */
    "제",				      /* 제12조 */
    "보",				      /* 1보 */
    "호선",				      /* 9호선 */
    "·|ㆍ|・",				      /* 4·19 */
    "차",				      /* 4차 산업혁명 */
    "인",				      /* 1인 가구 */
    "시간제",				      /* 주 52시간제 */
    "제",				      /* 3부제 */
    "강",				      /* 8강 */
    "ⓒ|©|(c|(C|Copyright|COPYRIGHT|저작권자", /* copyright */
    ".|)",				      /* list numbers */
    NULL,				      /* model names */
};
_Static_assert(sizeof(trap_needles) / sizeof(*trap_needles) == NTRAPS,
	       "one needle list per trap pattern");

/* Rate denominators with no number: 배럴당, 1인당 is read by the grammar. */
static const char denom_pattern[] =
    "(?<![가-힣0-9])(인|명|가구|배럴|톤|개|시간|㎏|kg|리터|ℓ|㎡|평|주)당"
    "|하루(?=\\s?평균|\\s[0-9])";

/*
 * The prefilter's tables: each distinct first code point of a needle
 * literal gets a bit; a paragraph's mask has the bits of the code points
 * it holds, and trap t runs when the mask meets need[t].
 */
#define NHANGUL (0xD7A4 - 0xAC00)
struct needle_bits {
	uint64_t need[NTRAPS];	  /* 0: always run */
	unsigned char ascii[128]; /* bit + 1, or 0 */
	unsigned char hangul[NHANGUL];
	uint32_t other_cp[16];
	unsigned char other[16];
	size_t nother;
	unsigned nbits;
};

struct nf_figures {
	pcre2_code *cand;
	pcre2_code *cand_anchored; /* the same, matched only at its start */
	bool prefilter;		   /* false: NF_FIGURES_NO_PREFILTER is set */
	unsigned char cand_byte[256]; /* 1: ASCII start, 2: lead of a sign */
	unsigned char cand_hangul[NHANGUL];
	/* nf_unit_words by first byte, in table order: unit_order[
	 * unit_first[c] .. unit_first[c + 1]) are the words starting with c. */
	size_t *unit_order, *unit_len;
	size_t unit_first[257];
	pcre2_code *traps[NTRAPS];
	struct needle_bits nb;
	pcre2_code *denom;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
};

static nf_err
compile_opts(pcre2_code **out, const char *pat, uint32_t opts)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
			  PCRE2_UTF | PCRE2_UCP | opts, &ec, &eo, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		return nf_fail(NF_ERR_INTERNAL, "figures: pattern at %zu: %s",
			       (size_t)eo, (const char *)msg);
	}
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(re);
		return nf_fail(NF_ERR_INTERNAL,
			       "figures: JIT refused a pattern");
	}
	*out = re;
	return NF_OK;
}

static nf_err
compile(pcre2_code **out, const char *pat)
{
	return compile_opts(out, pat, 0);
}

/* The prefilter's tables from cand_ascii, cand_signs, cand_syllables. */
static void
build_cand_tables(struct nf_figures *fx)
{
	for (const char *p = cand_ascii; *p; p++)
		fx->cand_byte[(unsigned char)*p] = 1;
	for (size_t k = 0; k < sizeof(cand_signs) / sizeof(*cand_signs); k++)
		fx->cand_byte[(unsigned char)cand_signs[k][0]] = 2;
	for (size_t i = 0; cand_syllables[i];) {
		uint32_t cp = nf_utf8_next(cand_syllables,
					   sizeof(cand_syllables) - 1, &i);
		assert(cp >= 0xAC00 && cp < 0xD7A4);
		if (cp >= 0xAC00 && cp < 0xD7A4)
			fx->cand_hangul[cp - 0xAC00] = 1;
	}
}

static void
build_unit_buckets(struct nf_figures *fx)
{
	size_t n = nf_unit_nwords;

	fx->unit_order = nf_xmalloc((n ? n : 1) * sizeof(size_t));
	fx->unit_len = nf_xmalloc((n ? n : 1) * sizeof(size_t));
	for (size_t k = 0; k < n; k++) {
		fx->unit_len[k] = strlen(nf_unit_words[k].word);
		fx->unit_first[(unsigned char)nf_unit_words[k].word[0] + 1]++;
	}
	for (size_t c = 0; c < 256; c++)
		fx->unit_first[c + 1] += fx->unit_first[c];
	size_t fill[256];
	memcpy(fill, fx->unit_first, sizeof(fill));
	for (size_t k = 0; k < n; k++)
		fx->unit_order
		    [fill[(unsigned char)nf_unit_words[k].word[0]]++] = k;
}

/* The bit of code point cp, allocating one if `add`; -1 if none. */
static int
needle_bit(struct needle_bits *nb, uint32_t cp, bool add)
{
	unsigned char *slot = NULL;

	if (cp < 128) {
		slot = &nb->ascii[cp];
	} else if (cp >= 0xAC00 && cp < 0xD7A4) {
		slot = &nb->hangul[cp - 0xAC00];
	} else {
		for (size_t k = 0; k < nb->nother; k++)
			if (nb->other_cp[k] == cp)
				slot = &nb->other[k];
		if (!slot && add) {
			assert(nb->nother < 16);
			nb->other_cp[nb->nother] = cp;
			slot = &nb->other[nb->nother++];
		}
	}
	if (!slot)
		return -1;
	if (!*slot && add) {
		assert(nb->nbits < 64);
		*slot = (unsigned char)(++nb->nbits);
	}
	return *slot ? *slot - 1 : -1;
}

static void
build_needles(struct needle_bits *nb)
{
	for (size_t t = 0; t < NTRAPS; t++) {
		const char *p = trap_needles[t];
		while (p && *p) {
			size_t l = strcspn(p, "|"), i = 0;
			uint32_t cp = nf_utf8_next(p, l, &i);
			nb->need[t] |= 1ull << needle_bit(nb, cp, true);
			p += l;
			if (*p == '|')
				p++;
		}
	}
}

/* The bits of the needle code points that occur in s[0..n). */
static uint64_t
needle_mask(const struct needle_bits *nb, const char *s, size_t n)
{
	uint64_t mask = 0;
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (nb->ascii[c])
				mask |= 1ull << (nb->ascii[c] - 1);
			i++;
			continue;
		}
		if (c >= 0xEA && c <= 0xED && i + 2 < n) {
			/* Hangul, decoded inline (the text is valid UTF-8). */
			uint32_t h = (uint32_t)(c & 0x0F) << 12 |
				     (uint32_t)(s[i + 1] & 0x3F) << 6 |
				     (uint32_t)(s[i + 2] & 0x3F);
			if (h >= 0xAC00 && h < 0xD7A4) {
				unsigned char b = nb->hangul[h - 0xAC00];
				if (b)
					mask |= 1ull << (b - 1);
				i += 3;
				continue;
			}
		}
		uint32_t cp = nf_utf8_next(s, n, &i);
		if (cp >= 0xAC00 && cp < 0xD7A4) {
			unsigned char b = nb->hangul[cp - 0xAC00];
			if (b)
				mask |= 1ull << (b - 1);
			continue;
		}
		for (size_t k = 0; k < nb->nother; k++)
			if (nb->other_cp[k] == cp)
				mask |= 1ull << (nb->other[k] - 1);
	}
	return mask;
}

nf_err
nf_figures_new(struct nf_figures **out)
{
	struct nf_figures *fx = nf_xcalloc(1, sizeof(*fx));
	nf_err err;

	*out = NULL;
	err = compile(&fx->cand, cand_pattern);
	if (!err)
		err = compile_opts(&fx->cand_anchored, cand_pattern,
				   PCRE2_ANCHORED);
	for (size_t i = 0; !err && i < NTRAPS; i++)
		err = compile(&fx->traps[i], trap_patterns[i]);
	if (!err)
		err = compile(&fx->denom, denom_pattern);
	if (err) {
		nf_figures_free(fx);
		return err;
	}
	build_needles(&fx->nb);
	build_cand_tables(fx);
	build_unit_buckets(fx);
	{
		/* A switch for tests and for bisecting a missed figure. */
		const char *e = getenv("NF_FIGURES_NO_PREFILTER");
		fx->prefilter = !(e && *e && strcmp(e, "0") != 0);
	}
	fx->md = pcre2_match_data_create(4, NULL);
	fx->mctx = pcre2_match_context_create(NULL);
	fx->jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	pcre2_jit_stack_assign(fx->mctx, NULL, fx->jstack);
	*out = fx;
	return NF_OK;
}

void
nf_figures_free(struct nf_figures *fx)
{
	if (!fx)
		return;
	pcre2_code_free(fx->cand);
	pcre2_code_free(fx->cand_anchored);
	free(fx->unit_order);
	free(fx->unit_len);
	for (size_t i = 0; i < NTRAPS; i++)
		pcre2_code_free(fx->traps[i]);
	pcre2_code_free(fx->denom);
	pcre2_match_data_free(fx->md);
	pcre2_match_context_free(fx->mctx);
	pcre2_jit_stack_free(fx->jstack);
	free(fx);
}

const char *
nf_approx_name(enum nf_approx a)
{
	switch (a) {
	case NF_APPROX_EXACT:
		return "exact";
	case NF_APPROX_ABOUT:
		return "about";
	case NF_APPROX_OVER:
		return "over";
	case NF_APPROX_AT_LEAST:
		return "at_least";
	case NF_APPROX_UNDER:
		return "under";
	case NF_APPROX_AT_MOST:
		return "at_most";
	case NF_APPROX_RANGE:
		return "range";
	case NF_APPROX_BAND:
		return "band";
	case NF_APPROX_SEVERAL:
		return "several";
	}
	return "exact";
}

const char *
nf_figure_value_text(const struct nf_figure *f, char buf[NF_DECIMAL_MAX])
{
	if (f->value_text[0])
		return f->value_text;
	if (!f->has_value) {
		buf[0] = '\0';
		return buf;
	}
	return nf_decimal_format(f->value, buf);
}

/* ------------------------------------------------------------------ */
/* Work state of one call                                              */

struct span {
	size_t a, b;
};

struct denom {
	size_t pos; /* folded offset where the denominator ends */
	char per[32];
};

struct work {
	struct nf_figures *fx;
	const char *s; /* folded text */
	size_t n;
	size_t *map; /* folded offset -> original offset, n + 1 entries */
	bool phrase;
	struct span *traps;
	size_t ntraps, trap_cursor;
	struct nf_figure *figs;
	size_t nfigs, afigs;
	struct denom *denoms;
	size_t ndenoms, adenoms;
	const size_t *fbounds; /* sentence ends, folded offsets */
	size_t nfbounds;
};

static uint32_t
cp_at(const struct work *w, size_t i, size_t *next)
{
	size_t j = i;
	uint32_t cp = i < w->n ? nf_utf8_next(w->s, w->n, &j) : 0;
	if (next)
		*next = j;
	return cp;
}

static uint32_t
cp_before(const struct work *w, size_t i)
{
	if (i == 0)
		return 0;
	size_t k = i - 1;
	while (k > 0 && ((unsigned char)w->s[k] & 0xC0) == 0x80)
		k--;
	return cp_at(w, k, NULL);
}

static size_t
pos_before(const struct work *w, size_t i)
{
	if (i == 0)
		return 0;
	size_t k = i - 1;
	while (k > 0 && ((unsigned char)w->s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

/*
 * Whether lit starts at i.  A byte loop, not strlen + memcmp: almost every
 * call fails on the first or second byte.
 */
static inline bool
at(const struct work *w, size_t i, const char *lit)
{
	size_t room = i < w->n ? w->n - i : 0;

	for (size_t k = 0; lit[k]; k++)
		if (k >= room || w->s[i + k] != lit[k])
			return false;
	return true;
}

static bool
is_hangul(uint32_t cp)
{
	return cp >= 0xAC00 && cp <= 0xD7A3;
}

static bool
is_latin(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

static bool
is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static size_t
skip_spaces(const struct work *w, size_t i)
{
	while (i < w->n && (w->s[i] == ' ' || w->s[i] == '\t'))
		i++;
	return i;
}

/* One optional space (running text writes `13억 달러` and `13억달러`). */
static size_t
skip_one_space(const struct work *w, size_t i)
{
	if (i < w->n && w->s[i] == ' ')
		return i + 1;
	return i;
}

static bool
dec_pow(struct nf_decimal *out, struct nf_decimal a, unsigned k)
{
	return nf_decimal_shift(out, a, k);
}

static struct nf_decimal
dec_int(long long v)
{
	return nf_decimal_from_int(v);
}

/* ------------------------------------------------------------------ */
/* Folding                                                             */

/*
 * Fold fullwidth digits and signs to ASCII for matching (NFKC for these
 * characters only, conventions §2) and keep the map back to the input.
 */
static void
fold(const char *text, size_t len, char **out, size_t *outlen, size_t **map)
{
	char *f = nf_xmalloc(len + 1);
	size_t *m = nf_xmalloc((len + 1) * sizeof(*m));
	size_t o = 0, i = 0;

	while (i < len) {
		size_t start = i;
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80) {
			m[o] = start;
			f[o++] = (char)c;
			i++;
			continue;
		}
		if (c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF) {
			/* No folded character has this lead byte: copy. */
			size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (l > len - i)
				l = len - i;
			for (size_t k = 0; k < l; k++) {
				m[o] = start;
				f[o++] = text[i++];
			}
			continue;
		}
		uint32_t cp = nf_utf8_next(text, len, &i);
		char rep = 0;
		if (cp >= 0xFF10 && cp <= 0xFF19)
			rep = (char)('0' + (cp - 0xFF10));
		else if (cp == 0xFF0E)
			rep = '.';
		else if (cp == 0xFF0C)
			rep = ',';
		else if (cp == 0xFF05)
			rep = '%';
		else if (cp == 0xFF0D || cp == 0x2212 || cp == 0x2013 ||
			 cp == 0xFE63)
			rep = '-';
		else if (cp == 0x223C || cp == 0xFF5E || cp == 0x301C)
			rep = '~';
		else if (cp == 0xFF04)
			rep = '$';
		else if (cp == 0x00A0 || cp == 0x3000 || cp == 0x2009 ||
			 cp == 0x202F)
			rep = ' ';
		else if (cp == 0xFF0B)
			rep = '+';
		if (rep) {
			m[o] = start;
			f[o++] = rep;
			continue;
		}
		for (size_t k = start; k < i; k++) {
			m[o] = start;
			f[o++] = text[k];
		}
	}
	m[o] = len;
	f[o] = '\0';
	*out = f;
	*outlen = o;
	*map = m;
}

/* ------------------------------------------------------------------ */
/* Traps                                                               */

static int
cmp_span(const void *x, const void *y)
{
	const struct span *a = x, *b = y;
	return (a->a > b->a) - (a->a < b->a);
}

static void
find_traps(struct work *w)
{
	size_t alloc = 0, ntraps = NTRAPS_NODIGIT;

	for (size_t i = 0; i < w->n; i++)
		if (is_digit((unsigned char)w->s[i])) {
			ntraps = NTRAPS;
			break;
		}
	uint64_t mask = needle_mask(&w->fx->nb, w->s, w->n);
	for (size_t t = 0; t < ntraps; t++) {
		size_t off = 0;
		if (w->fx->nb.need[t] && !(mask & w->fx->nb.need[t]))
			continue;
		while (off < w->n) {
			int rc = pcre2_jit_match(w->fx->traps[t],
						 (PCRE2_SPTR)w->s, w->n, off, 0,
						 w->fx->md, w->fx->mctx);
			if (rc < 0)
				break;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->fx->md);
			if (ov[1] == ov[0]) {
				off = ov[0] + 1;
				continue;
			}
			if (w->ntraps == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				w->traps = nf_xrealloc(
				    w->traps, alloc * sizeof(*w->traps));
			}
			w->traps[w->ntraps++] = (struct span){ov[0], ov[1]};
			off = ov[1];
		}
	}
	if (w->ntraps == 0)
		return;
	qsort(w->traps, w->ntraps, sizeof(*w->traps), cmp_span);
	/* Merge overlaps so a cursor can walk them in order. */
	size_t k = 0;
	for (size_t i = 0; i < w->ntraps; i++) {
		if (k > 0 && w->traps[i].a <= w->traps[k - 1].b) {
			if (w->traps[i].b > w->traps[k - 1].b)
				w->traps[k - 1].b = w->traps[i].b;
			continue;
		}
		w->traps[k++] = w->traps[i];
	}
	w->ntraps = k;
}

/* The end of the trap holding pos, or 0.  Positions only grow. */
static size_t
trap_end(struct work *w, size_t pos)
{
	while (w->trap_cursor < w->ntraps && w->traps[w->trap_cursor].b <= pos)
		w->trap_cursor++;
	if (w->trap_cursor < w->ntraps && w->traps[w->trap_cursor].a <= pos)
		return w->traps[w->trap_cursor].b;
	return 0;
}

static bool
overlaps_trap(const struct work *w, size_t a, size_t b)
{
	size_t lo = 0, hi = w->ntraps;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->traps[mid].b <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->ntraps && w->traps[lo].a < b;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */

struct num {
	struct nf_decimal v;
	size_t end;
	bool ok;
	bool digits; /* ASCII digits seen */
	bool hangul; /* Sino-Korean numeral syllables seen */
	bool native; /* a native numeral (한, 스물다섯) */
	bool big;    /* 만/억/조/경 seen */
	bool small;  /* 십/백/천 seen */
	bool dot, comma;
	bool lead_zero; /* `06164`: a code, not a quantity */
	bool pair;	/* 두세: lo..hi */
	struct nf_decimal lo, hi;
	unsigned syl;	  /* Hangul numeral syllables */
	unsigned low_exp; /* exponent of the smallest big scale word */
	unsigned ndigits; /* digits in the first run */
	unsigned frac_digits;
};

static int
sino_digit(uint32_t cp, bool phrase)
{
	switch (cp) {
	case 0xC77C:
		return 1; /* 일 */
	case 0xC774:
		return 2; /* 이 */
	case 0xC0BC:
		return 3; /* 삼 */
	case 0xC0AC:
		return 4; /* 사 */
	case 0xC624:
		return 5; /* 오 */
	case 0xC721:
		return 6; /* 육 */
	case 0xB959:
		return 6; /* 륙 */
	case 0xCE60:
		return 7; /* 칠 */
	case 0xD314:
		return 8; /* 팔 */
	case 0xAD6C:
		return 9; /* 구 */
	case 0xC601:
		return phrase ? 0 : -1; /* 영 */
	case 0xACF5:
		return phrase ? 0 : -1; /* 공 */
	case 0xBE75:
		return phrase ? 0 : -1; /* 빵 */
	}
	return -1;
}

static int
small_scale(uint32_t cp)
{
	switch (cp) {
	case 0xC2ED:
		return 1; /* 십 */
	case 0xBC31:
		return 2; /* 백 */
	case 0xCC9C:
		return 3; /* 천 */
	}
	return -1;
}

static int
big_scale(uint32_t cp)
{
	switch (cp) {
	case 0xB9CC:
		return 4; /* 만 */
	case 0xC5B5:
		return 8; /* 억 */
	case 0xC870:
		return 12; /* 조 */
	case 0xACBD:
		return 16; /* 경 */
	}
	return -1;
}

/* A digit run: 1234, 1,234,567, 3.14.  Commas only in groups of three. */
static bool
digit_run(const struct work *w, size_t i, struct nf_decimal *v, size_t *end,
	  struct num *nm)
{
	size_t j = i;
	char buf[64];
	size_t bl = 0;
	unsigned nd = 0;

	while (j < w->n && is_digit((unsigned char)w->s[j])) {
		if (bl < sizeof(buf) - 1)
			buf[bl++] = w->s[j];
		j++;
		nd++;
	}
	if (nd == 0)
		return false;
	if (nm && !nm->digits) {
		nm->ndigits = nd;
		nm->lead_zero = nd > 1 && w->s[i] == '0';
	}
	if (nd <= 3) {
		while (
		    j + 3 < w->n + 1 && w->s[j] == ',' &&
		    is_digit((unsigned char)w->s[j + 1]) && j + 3 < w->n &&
		    is_digit((unsigned char)w->s[j + 2]) &&
		    is_digit((unsigned char)w->s[j + 3]) &&
		    (j + 4 >= w->n || !is_digit((unsigned char)w->s[j + 4]))) {
			for (int k = 1; k <= 3; k++)
				if (bl < sizeof(buf) - 1)
					buf[bl++] = w->s[j + k];
			j += 4;
			if (nm)
				nm->comma = true;
		}
	}
	if (j + 1 < w->n && w->s[j] == '.' &&
	    is_digit((unsigned char)w->s[j + 1])) {
		buf[bl++] = '.';
		j++;
		unsigned fd = 0;
		while (j < w->n && is_digit((unsigned char)w->s[j])) {
			if (bl < sizeof(buf) - 1)
				buf[bl++] = w->s[j];
			j++;
			fd++;
		}
		if (nm) {
			nm->dot = true;
			nm->frac_digits = fd;
		}
	}
	if (bl >= sizeof(buf) - 1)
		return false;
	if (!nf_decimal_parse(v, buf, bl))
		return false;
	*end = j;
	return true;
}

/*
 * Korean scale composition (conventions §3): a sum of groups, each a
 * coefficient (digits, Hangul digits with 십/백/천, or a mix) times
 * 만/억/조/경, falling in size; spaces may separate groups.  In running
 * text a Hangul digit counts only before a scale word, so the particle
 * 이 in `13억이` is not read as 2.
 */
static const struct nf_unit_word *match_unit(const struct work *w, size_t i,
					     size_t *uend, bool allow_space);

static bool
parse_sino(const struct work *w, size_t i, struct num *nm)
{
	struct nf_decimal total = dec_int(0), small = dec_int(0),
			  pend = dec_int(0);
	bool has_pend = false, any = false;
	int last_small = 99, last_big = 99;
	size_t p = i, end = i;
	/* State saved before a space, to undo a failed continuation. */
	size_t space_at = 0;
	bool after_space = false, scale_since_space = false;
	struct num saved_nm;
	struct nf_decimal s_total = total, s_small = small;
	int s_last_small = 0, s_last_big = 0;

	while (p < w->n) {
		size_t q;
		uint32_t cp = cp_at(w, p, &q);
		int d, k;

		if (is_digit(cp)) {
			struct nf_decimal v;
			if (has_pend)
				break;
			if (!digit_run(w, p, &v, &q, nm))
				return false;
			pend = v;
			has_pend = true;
			nm->digits = true;
			p = q;
			end = p;
			any = true;
			continue;
		}
		if ((d = sino_digit(cp, w->phrase)) >= 0) {
			if (has_pend)
				break;
			if (!w->phrase) {
				uint32_t nx = cp_at(w, q, NULL);
				size_t ue;
				/* 이십이 퍼센트: a last digit after 십/백/천
				 * when a unit follows (not 삼십이 넘는). */
				bool last = last_small != 99 && !has_pend &&
					    match_unit(w, q, &ue, true);
				/* 삼과 오분의 일: a whole before a fraction. */
				bool mixed =
				    (at(w, q, "과 ") || at(w, q, "와 ")) &&
				    q + 30 <= w->n &&
				    memmem(w->s + q, 30, "분의", 6);
				if (small_scale(nx) < 0 && big_scale(nx) < 0 &&
				    !at(w, q, "분의") && !at(w, q, " 분의") &&
				    !last && !mixed)
					break;
			}
			pend = dec_int(d);
			has_pend = true;
			nm->hangul = true;
			nm->syl++;
			p = q;
			end = p;
			any = true;
			continue;
		}
		if ((k = small_scale(cp)) >= 0) {
			struct nf_decimal add;
			if (k >= last_small)
				break;
			if (!dec_pow(&add, has_pend ? pend : dec_int(1),
				     (unsigned)k) ||
			    !nf_decimal_add(&small, small, add))
				return false;
			last_small = k;
			has_pend = false;
			pend = dec_int(0);
			nm->small = true;
			nm->hangul = nm->hangul || !nm->digits;
			nm->syl++;
			p = q;
			end = p;
			any = true;
			scale_since_space = true;
			continue;
		}
		if ((k = big_scale(cp)) >= 0) {
			struct nf_decimal grp, add;
			if (k >= last_big)
				break;
			if (!nf_decimal_add(&grp, small, pend))
				return false;
			if (nf_decimal_is_zero(grp)) {
				if (has_pend || last_small != 99)
					break;
				grp = dec_int(1);
			}
			if (!dec_pow(&add, grp, (unsigned)k) ||
			    !nf_decimal_add(&total, total, add))
				return false;
			small = dec_int(0);
			pend = dec_int(0);
			has_pend = false;
			last_small = 99;
			last_big = k;
			nm->big = true;
			nm->low_exp = (unsigned)k;
			nm->syl++;
			p = q;
			end = p;
			any = true;
			scale_since_space = true;
			continue;
		}
		/* `5 억 달러`: digits, one space, a big scale word. */
		if (cp == ' ' && has_pend && nm->digits && !nm->big &&
		    !nm->small && big_scale(cp_at(w, q, NULL)) >= 0 &&
		    !is_hangul(cp_at(w, q + 3, NULL))) {
			p = q;
			continue;
		}
		/* `십이 점 일구오`: spoken decimals put a space before 점. */
		if (cp == ' ' && w->phrase && !nm->dot &&
		    (has_pend || last_small != 99) &&
		    (at(w, q, "점 ") || at(w, q, "쩜 "))) {
			p = q;
			continue;
		}
		/* 점/쩜 decimals of Hangul numerals: 삼점사, 일쩜이삼. */
		if ((cp == 0xC810 || cp == 0xCA5C) && w->phrase && !nm->dot &&
		    (has_pend || last_small != 99)) {
			size_t r = q;
			struct nf_decimal frac = dec_int(0);
			unsigned nfd = 0;
			if (r < w->n && w->s[r] == ' ')
				r++;
			for (;;) {
				size_t r2;
				int fd = sino_digit(cp_at(w, r, &r2), true);
				if (fd < 0)
					break;
				frac.coef = frac.coef * 10 + fd;
				nfd++;
				r = r2;
			}
			if (nfd == 0)
				break;
			frac.scale = nfd;
			if (!nf_decimal_add(&pend, pend, frac))
				return false;
			has_pend = true;
			nm->dot = true;
			p = r;
			end = p;
			continue; /* 일점오만 = 15000 */
		}
		/*
		 * A space between groups: `5억 4천만`, `7천 5백만`, `2억 4천
		 * 7백만`, `1만 2천 345`; a bare group ends the number.
		 */
		if (cp == ' ' && any && (!after_space || scale_since_space) &&
		    (last_big != 99 || last_small != 99) && !has_pend) {
			while (w->phrase && q < w->n && w->s[q] == ' ')
				q++; /* 삼백  삼십  일 */
			uint32_t nx = cp_at(w, q, NULL);
			if (is_digit(nx) || sino_digit(nx, false) >= 0 ||
			    small_scale(nx) >= 0 || big_scale(nx) >= 0) {
				after_space = true;
				space_at = end;
				saved_nm = *nm;
				s_total = total;
				s_small = small;
				s_last_small = last_small;
				s_last_big = last_big;
				scale_since_space = false;
				p = q;
				continue;
			}
		}
		break;
	}
	if (after_space && !scale_since_space && has_pend &&
	    ((nm->digits && saved_nm.digits) || (w->phrase && !nm->digits)) &&
	    !nm->dot && (last_small != 99 || last_big != 99)) {
		/* `1만 2천 345`: a last bare group smaller than the scale
		 * before it ends the number; anything else is undone. */
		struct nf_decimal lim;
		dec_pow(&lim, dec_int(1),
			(unsigned)(last_small != 99 ? last_small : last_big));
		if (nf_decimal_cmp(pend, lim) >= 0) {
			end = space_at;
			*nm = saved_nm;
			total = s_total;
			small = s_small;
			has_pend = false;
			pend = dec_int(0);
		}
	} else if (after_space && !scale_since_space) {
		/* The continuation was not a group: undo it. */
		end = space_at;
		*nm = saved_nm;
		total = s_total;
		small = s_small;
		last_small = s_last_small;
		last_big = s_last_big;
		has_pend = false;
		pend = dec_int(0);
	} else if (after_space && has_pend && last_small == 99 &&
		   last_big != 99) {
		/* `2만 3` after a space: keep it only as part of the group. */
		struct nf_decimal lim;
		dec_pow(&lim, dec_int(1), (unsigned)last_big);
		if (nf_decimal_cmp(pend, lim) >= 0) {
			end = space_at;
			*nm = saved_nm;
			total = s_total;
			small = s_small;
			has_pend = false;
			pend = dec_int(0);
		}
	}
	(void)s_last_big;
	if (!any || end == i)
		return false;
	if (!nf_decimal_add(&total, total, small) ||
	    !nf_decimal_add(&total, total, pend))
		return false;
	nm->v = total;
	nm->end = end;
	nm->ok = true;
	return true;
}

struct word_val {
	const char *word;
	int value;
};

static const struct word_val native_tens[] = {
    {"열", 10}, {"스물", 20}, {"스무", 20}, {"서른", 30}, {"마흔", 40},
    {"쉰", 50}, {"예순", 60}, {"일흔", 70}, {"여든", 80}, {"아흔", 90},
};
static const struct word_val native_units[] = {
    {"하나", 1}, {"한", 1},   {"둘", 2},   {"두", 2}, {"셋", 3},   {"세", 3},
    {"석", 3},	 {"넷", 4},   {"네", 4},   {"넉", 4}, {"다섯", 5}, {"여섯", 6},
    {"일곱", 7}, {"여덟", 8}, {"아홉", 9}, {"첫", 1},
};
static const struct {
	const char *word;
	int lo, hi;
} native_pairs[] = {
    {"한두", 1, 2},   {"두세", 2, 3},	  {"두서너", 2, 4}, {"서너", 3, 4},
    {"너덧", 4, 5},   {"네댓", 4, 5},	  {"네다섯", 4, 5}, {"대여섯", 5, 6},
    {"예닐곱", 6, 7}, {"일고여덟", 7, 8},
};
/* Lexical day counts (conventions §4 durations). */
static const struct word_val day_words[] = {
    {"하루", 1},   {"이틀", 2},	 {"사흘", 3},  {"나흘", 4},
    {"닷새", 5},   {"엿새", 6},	 {"이레", 7},  {"여드레", 8},
    {"아흐레", 9}, {"열흘", 10}, {"보름", 15},
};

static size_t
match_word(const struct work *w, size_t i, const struct word_val *t, size_t n,
	   int *val)
{
	size_t best = 0;
	for (size_t k = 0; k < n; k++) {
		if (!at(w, i, t[k].word))
			continue;
		size_t l = strlen(t[k].word);
		if (l > best) {
			best = l;
			*val = t[k].value;
		}
	}
	return best;
}

static bool
parse_native(const struct work *w, size_t i, struct num *nm)
{
	int tv = 0, uv = 0;
	size_t p = i;

	for (size_t k = 0; k < sizeof(native_pairs) / sizeof(*native_pairs);
	     k++) {
		if (at(w, i, native_pairs[k].word)) {
			nm->pair = true;
			nm->lo = dec_int(native_pairs[k].lo);
			nm->hi = dec_int(native_pairs[k].hi);
			nm->v = nm->lo;
			nm->end = i + strlen(native_pairs[k].word);
			nm->native = nm->ok = true;
			return true;
		}
	}
	size_t l = match_word(w, p, native_tens,
			      sizeof(native_tens) / sizeof(*native_tens), &tv);
	p += l;
	/* `스물 다섯번째`: a space inside the numeral before 번째. */
	if (l && p < w->n && w->s[p] == ' ') {
		int u2 = 0;
		size_t l3 = match_word(
		    w, p + 1, native_units,
		    sizeof(native_units) / sizeof(*native_units), &u2);
		if (l3 && !at(w, p + 1, "첫") &&
		    (at(w, p + 1 + l3, "번째") || at(w, p + 1 + l3, "째")))
			p++;
	}
	size_t l2 =
	    match_word(w, p, native_units,
		       sizeof(native_units) / sizeof(*native_units), &uv);
	/* `스물` + `한`: fine; `열` + `첫` is not a numeral. */
	if (l2 && l && at(w, p, "첫"))
		l2 = 0;
	p += l2;
	if (!l && !l2)
		return false;
	nm->v = dec_int(tv + uv);
	nm->end = p;
	nm->native = nm->ok = true;
	return true;
}

/* ------------------------------------------------------------------ */
/* Units                                                               */

/*
 * After a Hangul unit the next syllable must begin a particle, ending
 * or marker; otherwise the "unit" is the first syllable of another word
 * (명예, 개발, 대통령, 세계, 일본).
 */
static const char particle_syllables[] =
    "은는이가을를의에로으과와도만까부보씩인였께나야라란마밖뿐대당여"
    "안정쯤내남넘미초째간동짜치경서며면든엔고중전후말차된된밑웃돌"
    "씨다입";

static const char *const unit_deny[] = {
    "세대", "세기", "대만", "대비", "대상", "명도", "위해", "위한", "차이",
    "인가", "일부", "번이", "회의", "주가", "배가", "차관", "초과",
};

static bool
unit_end_ok(const struct work *w, size_t uend, size_t ustart)
{
	size_t q;
	uint32_t nx = cp_at(w, uend, &q);

	if (!is_hangul(nx) || at(w, uend, "어치"))
		return true;
	/* Phrases glue a date's parts: 이천이십사년팔월이십팔일. */
	if (w->phrase && (sino_digit(nx, true) >= 0 || small_scale(nx) >= 0 ||
			  at(w, uend, "유월") || at(w, uend, "시월")))
		return true;
	for (size_t k = 0; k < sizeof(unit_deny) / sizeof(*unit_deny); k++) {
		size_t l = strlen(unit_deny[k]);
		if (uend - ustart + 3 == l && at(w, ustart, unit_deny[k]))
			return false;
	}
	char syl[4];
	memcpy(syl, w->s + uend, 3);
	syl[3] = '\0';
	return strstr(particle_syllables, syl) != NULL;
}

static const struct nf_unit_word *
match_unit(const struct work *w, size_t i, size_t *uend, bool allow_space)
{
	const struct nf_unit_word *best = NULL;
	size_t bestlen = 0, bestat = i;

	for (int pass = 0; pass < 2; pass++) {
		size_t p = i;
		if (pass == 1) {
			if (!allow_space || p >= w->n || w->s[p] != ' ')
				break;
			p++;
		}
		if (p >= w->n)
			break;
		const struct nf_figures *fx = w->fx;
		unsigned char c0 = (unsigned char)w->s[p];
		/* Only the words with this first byte, in table order. */
		for (size_t o = fx->unit_first[c0]; o < fx->unit_first[c0 + 1];
		     o++) {
			size_t k = fx->unit_order[o];
			const struct nf_unit_word *u = &nf_unit_words[k];
			size_t l = fx->unit_len[k];
			if (l <= bestlen || !at(w, p, u->word))
				continue;
			if (pass == 1 && (u->flags & NF_UF_NOSPACE))
				continue;
			if (u->flags & NF_UF_LATIN) {
				uint32_t nx = cp_at(w, p + l, NULL);
				if (is_latin(nx) || is_digit(nx))
					continue;
			} else if (is_hangul(
				       cp_at(w, pos_before(w, p + l), NULL)) &&
				   !unit_end_ok(w, p + l, p)) {
				continue;
			}
			best = u;
			bestlen = l;
			bestat = p;
		}
		if (best)
			break;
	}
	if (best)
		*uend = bestat + bestlen;
	return best;
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */

/* One figure being read; folded offsets. */
struct fig {
	size_t a, b; /* span */
	struct nf_decimal v;
	bool has_value;
	const char *unit;
	enum nf_approx approx;
	struct nf_decimal lo, hi;
	char text[NF_DECIMAL_MAX]; /* date or fraction value */
	const char *note;
	struct num nm;
	bool denominator; /* `1인당`: not a record, fills `per` */
	bool bare;	  /* no unit word: `-0.36` */
	bool duration;
	unsigned dur_rank; /* year 6, month 5, ..., second 1, for compounds */
};

static const char *const weather_words[] = {
    "기온", "온도", "수은주", "최고",	"최저", "낮 ",	"아침",
    "체감", "폭염", "한파",   "더위",	"추위", "날씨", "섭씨",
    "영상", "영하", "기상",   "열대야", "체온",
};

static bool
weather_context(const struct work *w, size_t pos)
{
	size_t a = pos > 120 ? pos - 120 : 0;
	/* Stay inside the sentence: stop at the last line break. */
	for (size_t k = pos; k > a; k--)
		if (w->s[k - 1] == '\n') {
			a = k;
			break;
		}
	for (size_t k = 0; k < sizeof(weather_words) / sizeof(*weather_words);
	     k++) {
		size_t l = strlen(weather_words[k]);
		for (size_t p = a; p + l <= pos; p++)
			if (memcmp(w->s + p, weather_words[k], l) == 0)
				return true;
	}
	return false;
}

/* Stock index names: `2500선` after one is an index level. */
static const char *const index_words[] = {"코스피", "코스닥", "지수",	"다우",
					  "나스닥", "닛케이", "니케이", "S&P",
					  "항셍",   "KOSPI",  "KOSDAQ"};

static bool
index_context(const struct work *w, size_t pos)
{
	size_t a = pos > 90 ? pos - 90 : 0;
	for (size_t k = pos; k > a; k--)
		if (w->s[k - 1] == '\n' || w->s[k - 1] == '.') {
			a = k;
			break;
		}
	for (size_t k = 0; k < sizeof(index_words) / sizeof(*index_words);
	     k++) {
		size_t l = strlen(index_words[k]);
		for (size_t p = a; p + l <= pos; p++)
			if (memcmp(w->s + p, index_words[k], l) == 0)
				return true;
	}
	return false;
}

static const char *const person_words[] = {
    "남성",   "여성",	"남자",	  "여자",   "청년",   "직장인", "남녀",
    "환자",   "부부",	"가장",	  "주부",   "엄마",   "아빠",	"어머니",
    "아버지", "노인",	"사람",	  "초반",   "중반",   "후반",	"응답자",
    "가구주", "확진자", "사망자", "운전자", "근로자", "이용자", "고객",
    "연령",   "층",	"씨",	  "남편",   "아내",   "부모",	"회사원",
    "세대",   "이상",	"이하",	  "미만",   "청소년", "자녀",	"유권자",
    "지지율", "비율",	"인구",	  "취업자", "실업자", "가입자", "남",
    "여",
};

static bool
person_after(const struct work *w, size_t i)
{
	i = skip_one_space(w, i);
	for (size_t k = 0; k < sizeof(person_words) / sizeof(*person_words);
	     k++)
		if (at(w, i, person_words[k]))
			return true;
	return false;
}

static void
set_date_text(struct fig *f, int y, int m, int d, int q)
{
	if (y && m && d)
		snprintf(f->text, sizeof(f->text), "%04d-%02d-%02d", y, m, d);
	else if (y && m)
		snprintf(f->text, sizeof(f->text), "%04d-%02d", y, m);
	else if (y && q)
		snprintf(f->text, sizeof(f->text), "%04d-Q%d", y, q);
	else if (y)
		snprintf(f->text, sizeof(f->text), "%04d", y);
	else if (m && d)
		snprintf(f->text, sizeof(f->text), "--%02d-%02d", m, d);
	else if (m)
		snprintf(f->text, sizeof(f->text), "--%02d", m);
	else
		snprintf(f->text, sizeof(f->text), "---%02d", d);
	f->unit = "date";
	f->v = dec_int(y);
	f->has_value = true;
}

/* Small integer value of a plain number, or -1. */
static long long
small_int(const struct num *nm)
{
	if (nm->v.scale != 0 || nm->v.coef < 0 || nm->v.coef > 100000)
		return -1;
	return (long long)nm->v.coef;
}

/* Read `N월`/`N일` after a year or month; returns the value or 0. */
/*
 * Phrase mode: a month or day in Hangul numerals (NeMo's
 * 이천이십사년팔월이십팔일).  유월 and 시월 drop a final consonant.  The
 * numeral must end right before `word`, so 이십일 before 일 is 20, not 21.
 */
static int
read_cal_hangul(const struct work *w, size_t p, const char *word, int max,
		size_t *end)
{
	size_t wl = strlen(word);
	if (!strcmp(word, "월")) {
		if (at(w, p, "유월")) {
			*end = p + 6;
			return 6;
		}
		if (at(w, p, "시월")) {
			*end = p + 6;
			return 10;
		}
	}
	/* Longest first: 삼십일일 is day 31, not 30 and a stray 일. */
	for (size_t e = p + 15; e >= p + 3; e -= 3) {
		if (e + wl > w->n || !at(w, e, word))
			continue;
		struct work w2 = *w;
		struct num nm;
		memset(&nm, 0, sizeof(nm));
		w2.n = e;
		if (!parse_sino(&w2, p, &nm) || nm.end != e || nm.digits ||
		    nm.big || nm.dot)
			continue;
		long long v = (long long)nm.v.coef;
		if (nm.v.scale || v < 1 || v > max)
			continue;
		*end = e + wl;
		return (int)v;
	}
	return 0;
}

static int
read_cal(const struct work *w, size_t i, const char *word, int max, size_t *end)
{
	size_t p = skip_one_space(w, i);
	struct nf_decimal v;
	size_t q;
	if (w->phrase && !is_digit((unsigned char)w->s[p]))
		return read_cal_hangul(w, p, word, max, end);
	if (!digit_run(w, p, &v, &q, NULL) || v.scale || v.coef < 1 ||
	    v.coef > max || q - p > 2)
		return 0;
	if (!at(w, q, word))
		return 0;
	size_t e = q + strlen(word);
	if (!strcmp(word, "일") && (at(w, e, "간") || at(w, e, "동안")))
		return 0;
	*end = e;
	return (int)v.coef;
}

/* ISO-like dates written with digits: 2019-11-05, 2025.04.08, 2019-Q4. */
static bool
parse_iso_date(const struct work *w, size_t i, struct fig *f)
{
	size_t p = i;
	int y = 0, m = 0, d = 0;

	for (int k = 0; k < 4; k++, p++)
		if (p >= w->n || !is_digit((unsigned char)w->s[p]))
			return false;
		else
			y = y * 10 + (w->s[p] - '0');
	if (p >= w->n)
		return false;
	char sep = w->s[p];
	if (sep != '-' && sep != '.' && sep != '/')
		return false;
	if (sep == '-' && p + 2 < w->n + 1 && w->s[p + 1] == 'Q' &&
	    p + 2 < w->n && w->s[p + 2] >= '1' && w->s[p + 2] <= '4') {
		f->a = i;
		f->b = p + 3;
		set_date_text(f, y, 0, 0, w->s[p + 2] - '0');
		return y >= 1000;
	}
	size_t q = p + 1, nd = 0;
	while (q < w->n && is_digit((unsigned char)w->s[q]) && nd < 3) {
		m = m * 10 + (w->s[q] - '0');
		q++;
		nd++;
	}
	if (nd == 0 || nd > 2 || m < 1 || m > 12)
		return false;
	if (q < w->n && w->s[q] == sep) {
		size_t r = q + 1, nd2 = 0;
		while (r < w->n && is_digit((unsigned char)w->s[r]) &&
		       nd2 < 3) {
			d = d * 10 + (w->s[r] - '0');
			r++;
			nd2++;
		}
		if (nd2 == 0 || nd2 > 2 || d < 1 || d > 31)
			return false;
		if (r < w->n && (is_digit((unsigned char)w->s[r]) ||
				 (w->s[r] == sep && r + 1 < w->n &&
				  is_digit((unsigned char)w->s[r + 1]))))
			return false;
		q = r;
	} else if (sep != '-' || nd != 2) {
		return false; /* 2019.5 is a decimal; 2019-5 a range */
	} else if (q < w->n && is_digit((unsigned char)w->s[q])) {
		return false;
	}
	if (y < 1000 || y > 2999)
		return false;
	f->a = i;
	f->b = q;
	set_date_text(f, y, m, d, 0);
	return true;
}

static enum nf_approx
marker_before(const struct work *w, size_t a)
{
	size_t p = a;
	if (p > 0 && w->s[p - 1] == ' ')
		p--;
	for (size_t k = 0; k < nf_markers_nbefore; k++) {
		size_t l = strlen(nf_markers_before[k].word);
		if (p < l || memcmp(w->s + p - l, nf_markers_before[k].word, l))
			continue;
		if (is_hangul(cp_before(w, p - l)))
			continue;
		return nf_markers_before[k].approx;
	}
	return NF_APPROX_EXACT;
}

static const char *const particles_before_pred[] = {
    "을", "를", "이", "가", "은", "는", "도", "에", "으로", "로",
};

static bool
marker_after(const struct work *w, size_t b, enum nf_approx *ap)
{
	size_t p = b;
	size_t q = skip_one_space(w, p);
	for (size_t k = 0; k < nf_markers_nafter; k++) {
		if (at(w, q, nf_markers_after[k].word)) {
			*ap = nf_markers_after[k].approx;
			return true;
		}
	}
	/* `… 명을 넘어섰다`, `… %에 못 미쳤다`: past one particle. */
	for (size_t k = 0;
	     k < sizeof(particles_before_pred) / sizeof(*particles_before_pred);
	     k++) {
		if (!at(w, p, particles_before_pred[k]))
			continue;
		q = skip_one_space(w, p + strlen(particles_before_pred[k]));
		for (size_t m = 0; m < nf_markers_npred; m++)
			if (at(w, q, nf_markers_pred[m].word)) {
				*ap = nf_markers_pred[m].approx;
				return true;
			}
	}
	q = skip_one_space(w, p);
	for (size_t m = 0; m < nf_markers_npred; m++)
		if (at(w, q, nf_markers_pred[m].word) &&
		    strcmp(nf_markers_pred[m].word, "넘") != 0) {
			*ap = nf_markers_pred[m].approx;
			return true;
		}
	/*
	 * `1000만 관객을 돌파했다`: the counted noun (one word of Hangul,
	 * at most four syllables) and its object or subject particle stand
	 * between the figure and the predicate, still in one clause.
	 */
	if (p < w->n && w->s[p] == ' ') {
		size_t r = p + 1, syl = 0;
		while (r < w->n && syl < 5 && is_hangul(cp_at(w, r, NULL))) {
			r += 3;
			syl++;
		}
		static const char *const obj[] = {"을 ", "를 ", "이 ", "가 "};
		for (size_t k = 0; syl >= 2 && syl <= 5 && k < 4; k++) {
			if (r < 3 || !at(w, r - 3, obj[k]))
				continue;
			size_t e = r - 3 + strlen(obj[k]);
			for (size_t m = 0; m < nf_markers_npred; m++)
				if (at(w, e, nf_markers_pred[m].word)) {
					*ap = nf_markers_pred[m].approx;
					return true;
				}
		}
	}
	return false;
}

/* Step of a band: one unit of the leading digit (7%대 -> 1, 30%대 -> 10). */
static struct nf_decimal
band_step(struct nf_decimal v)
{
	struct nf_decimal s = {1, v.scale};
	if (v.scale > 0)
		return s;
	__int128 x = v.coef < 0 ? -v.coef : v.coef, p = 1;
	while (x >= 10) {
		x /= 10;
		p *= 10;
	}
	s.coef = p;
	s.scale = 0;
	return s;
}

static bool
is_duration_unit(const char *u, unsigned *rank)
{
	static const char *const d[] = {"second", "minute", "hour", "day",
					"week",	  "month",  "year"};
	for (unsigned k = 0; k < 7; k++)
		if (!strcmp(u, d[k])) {
			*rank = k + 1;
			return true;
		}
	return false;
}

/* Factor from a duration unit to the next smaller one in a compound. */
static bool
compound_factor(const char *big, const char *small, long long *factor)
{
	if (!strcmp(big, "hour") && !strcmp(small, "minute"))
		*factor = 60;
	else if (!strcmp(big, "minute") && !strcmp(small, "second"))
		*factor = 60;
	else if (!strcmp(big, "year") && !strcmp(small, "month"))
		*factor = 12;
	else if (!strcmp(big, "hour") && !strcmp(small, "second"))
		*factor = 3600;
	else if (!strcmp(big, "day") && !strcmp(small, "hour"))
		*factor = 24;
	else if (!strcmp(big, "week") && !strcmp(small, "day"))
		*factor = 7;
	else
		return false;
	return true;
}

static bool parse_core(struct work *w, size_t i, struct fig *f, int depth);

/* Always false today; a hook to refuse `-3/4` style dates if needed. */
static bool
neg_sign_only(const struct work *w, size_t i, size_t p)
{
	(void)w;
	(void)i;
	(void)p;
	return false;
}

/*
 * A number, its prefix and its unit, without ranges: the building block
 * both ends of a range are made of.
 */
static bool
parse_core(struct work *w, size_t i, struct fig *f, int depth)
{
	const char *pre_unit = NULL;
	bool neg = false, several = false;
	size_t p = i;
	struct num nm;

	memset(f, 0, sizeof(*f));
	memset(&nm, 0, sizeof(nm));
	f->a = i;
	f->approx = NF_APPROX_EXACT;

	/* Prefix words: sign words, currency signs, 시속, 규모, 섭씨. */
	for (int round = 0; round < 2; round++) {
		bool hit = false;
		for (size_t k = 0; k < nf_prefix_nwords; k++) {
			const struct nf_prefix_word *pw = &nf_prefix_words[k];
			if (!at(w, p, pw->word))
				continue;
			if (is_hangul(cp_at(w, p, NULL)) &&
			    is_hangul(cp_before(w, p)))
				continue;
			p += strlen(pw->word);
			if (pw->space_ok)
				p = skip_one_space(w, p);
			if (pw->negative)
				neg = true;
			if (pw->unit)
				pre_unit = pw->unit;
			hit = true;
			break;
		}
		if (!hit)
			break;
	}
	if (p < w->n && w->s[p] == '-' && p + 1 < w->n &&
	    is_digit((unsigned char)w->s[p + 1])) {
		uint32_t b = cp_before(w, p);
		if (is_latin(b) || is_digit(b) || b == '-' || b == '.')
			return false;
		neg = true;
		p++;
	} else if (at(w, p, "±") && p + 2 < w->n &&
		   is_digit((unsigned char)w->s[p + 2])) {
		f->note = "plus-minus";
		p += 2;
	}

	/* Digits glued to Latin letters are names (A350, U-20). */
	{
		uint32_t b = cp_before(w, p);
		if (is_digit((unsigned char)w->s[p]) && !pre_unit &&
		    (is_latin(b) || b == '.' || b == ','))
			return false;
	}

	/* The number. */
	if (is_digit((unsigned char)w->s[p]) && !neg && !pre_unit &&
	    parse_iso_date(w, p, f)) {
		if (!w->phrase && is_hangul(cp_at(w, f->b, NULL)) &&
		    !unit_end_ok(w, f->b, pos_before(w, f->b)))
			return false;
		return true;
	}
	if (at(w, p, "수") && !is_digit((unsigned char)w->s[p])) {
		/* 수십, 수백억: `several`, value the magnitude 수 multiplies.
		 */
		size_t q = p + 3;
		unsigned e = 0;
		int k;
		uint32_t cp;
		size_t r;
		if ((k = small_scale(cp = cp_at(w, q, &r))) >= 0) {
			e += (unsigned)k;
			q = r;
		}
		if ((k = big_scale(cp = cp_at(w, q, &r))) >= 0) {
			e += (unsigned)k;
			q = r;
		}
		if (e == 0)
			return false;
		dec_pow(&nm.v, dec_int(1), e);
		nm.end = q;
		nm.ok = nm.hangul = true;
		several = true;
	} else {
		int dv = 0;
		size_t dl =
		    match_word(w, p, day_words,
			       sizeof(day_words) / sizeof(*day_words), &dv);
		if (dl && !pre_unit && !neg) {
			size_t e = p + dl;
			uint32_t nx = cp_at(w, e, NULL);
			if (is_hangul(nx) && !unit_end_ok(w, e, p))
				return false;
			if (at(w, skip_one_space(w, e), "평균") ||
			    (dv == 1 && e < w->n && w->s[e] == ' ' &&
			     is_digit((unsigned char)w->s[e + 1])))
				return false; /* 하루 평균, 하루 3만 명: per day
					       */
			f->b = e;
			f->v = dec_int(dv);
			f->has_value = true;
			f->unit = "day";
			f->duration = true;
			f->dur_rank = 4;
			return true;
		}
		struct num nn, sn;
		memset(&nn, 0, sizeof(nn));
		memset(&sn, 0, sizeof(sn));
		bool nat = parse_native(w, p, &nn);
		bool sino = parse_sino(w, p, &sn);
		if (sino && !sn.dot && sn.hangul) {
			/* 백스물다섯 번째, 삼백스물두번째: Sino hundreds and
			 * native tens and units before an ordinal counter. */
			struct num tail;
			memset(&tail, 0, sizeof(tail));
			if (parse_native(w, sn.end, &tail) && !tail.pair) {
				size_t e = skip_one_space(w, tail.end);
				if (at(w, e, "번째") || at(w, tail.end, "째")) {
					nf_decimal_add(&sn.v, sn.v, tail.v);
					sn.end = tail.end;
				}
			}
		}
		if (sino && w->phrase && !sn.dot) {
			/* 십하나 = 11 (Duckling) */
			int uv = 0;
			size_t l = match_word(
			    w, sn.end, native_units,
			    sizeof(native_units) / sizeof(*native_units), &uv);
			if (l && uv && !at(w, sn.end, "첫")) {
				nf_decimal_add(&sn.v, sn.v, dec_int(uv));
				sn.end += l;
			}
		}
		if (nat && (!sino || nn.end >= sn.end))
			nm = nn;
		else if (sino)
			nm = sn;
		else
			return false;
	}
	p = nm.end;
	if (nm.lead_zero && !nm.dot && !w->phrase)
		return false;

	/* 반 alone is a half (phrase mode: `반 리터`). */
	/* 여 inside the figure: `30여 곳`, `5만여 명`. */
	bool over_yeo = false;
	if (!nm.native && at(w, p, "여")) {
		size_t q = p + 3;
		uint32_t nx = cp_at(w, skip_one_space(w, q), NULL);
		uint32_t nx0 = cp_at(w, q, NULL);
		if (!is_hangul(nx0) || nx0 == ' ' || is_hangul(nx)) {
			size_t ue;
			if (match_unit(w, q, &ue, true) || !is_hangul(nx0)) {
				over_yeo = true;
				p = q;
			}
		}
	}

	/* Fractions: `5분의 2`, `사분의삼`; NeMo's mixed `일과 이분의 일`. */
	{
		struct nf_decimal whole = dec_int(0);
		size_t fp = p;
		struct num dn = nm;
		if (at(w, p, "과 ") || at(w, p, "와 ") ||
		    (w->phrase && (at(w, p, "과") || at(w, p, "와")))) {
			size_t q = skip_one_space(w, p + 3);
			memset(&dn, 0, sizeof(dn));
			if ((parse_sino(w, q, &dn) ||
			     digit_run(w, q, &dn.v, &dn.end, &dn)) &&
			    (at(w, dn.end, "분의") || at(w, dn.end, "/"))) {
				whole = nm.v;
				fp = dn.end;
			} else {
				dn = nm;
			}
		}
		bool plain = nm.digits && !nm.big && !nm.small && !nm.dot &&
			     !nm.comma && !neg_sign_only(w, i, p);
		if (at(w, fp, " 분의") && (nm.hangul || nm.digits))
			fp++; /* 이십일 분의 삼 */
		if (at(w, fp, "분의") ||
		    (at(w, fp, "/") && (fp > p || plain) && fp + 1 < w->n &&
		     is_digit((unsigned char)w->s[fp + 1]))) {
			bool slash = w->s[fp] == '/';
			size_t q = skip_one_space(w, fp + (slash ? 1 : 6));
			struct num b;
			bool was = w->phrase;
			memset(&b, 0, sizeof(b));
			w->phrase =
			    true; /* a lone numerator digit: 오분의 삼이 */
			bool okb = slash ? digit_run(w, q, &b.v, &b.end, &b)
					 : (parse_sino(w, q, &b) ||
					    parse_native(w, q, &b));
			/* 오분의 일만을, 삼분의 일조각: a last 만/조 glued to
			 * a word is the particle or the word, not a scale. */
			if (okb && !slash && b.big && b.end >= q + 4 &&
			    big_scale(cp_at(w, b.end - 3, NULL)) >= 0 &&
			    !is_digit(
				cp_at(w, skip_one_space(w, b.end), NULL)) &&
			    !match_unit(w, b.end, &(size_t){0}, true)) {
				struct work w2 = *w;
				w2.n = b.end - 3;
				memset(&b, 0, sizeof(b));
				okb = parse_sino(&w2, q, &b);
			}
			w->phrase = was;
			if (okb && !b.dot && !dn.dot && b.v.scale == 0 &&
			    dn.v.scale == 0 && !nf_decimal_is_zero(dn.v)) {
				__int128 den = slash ? b.v.coef : dn.v.coef;
				__int128 num = slash ? dn.v.coef : b.v.coef;
				/* Terms past 10^18 are no fraction anyone
				 * writes, and n/d must print as long long and
				 * scale by 10^12 without overflow. */
				const __int128 lim =
				    (__int128)1000000000000000000;
				if (den <= 0 || den > lim || num < 0 ||
				    num > lim || whole.coef < 0 ||
				    whole.coef > lim / den ||
				    num + whole.coef * den > lim)
					return false;
				num += whole.coef * den;
				if (slash && !w->phrase &&
				    (num >= den || den > 1000 ||
				     at(w, b.end, "분기") ||
				     (b.end < w->n &&
				      (w->s[b.end] == '/' ||
				       is_digit((unsigned char)w->s[b.end])))))
					return false;
				f->b = b.end;
				snprintf(f->text, sizeof(f->text),
					 "%s%lld/%lld", neg ? "-" : "",
					 (long long)num, (long long)den);
				f->unit = "fraction";
				f->has_value = true;
				/* n/d as a decimal when it terminates. */
				unsigned sc = 0;
				while (num % den && sc < 12) {
					num *= 10;
					sc++;
				}
				if (num % den == 0) {
					f->v.coef = num / den;
					f->v.scale = sc;
				}
				if (neg)
					f->v.coef = -f->v.coef;
				return true;
			}
		}
	}

	/* The unit. */
	size_t ue = p;
	const struct nf_unit_word *u = match_unit(w, p, &ue, true);
	if (u && nm.native && !w->phrase) {
		bool glued = ue - strlen(u->word) == p;
		/* 스물여섯명 is 26 people; a one-syllable 세명 or 한명 may
		 * be a name (세명대), so only longer numerals glue. */
		bool long_num = p - i >= 6 && !nm.pair;
		if (!(u->flags & NF_UF_NATIVE) ||
		    (glued && !(u->flags & NF_UF_GLUE) && !long_num))
			u = NULL;
	}
	if (u && !nm.digits && !nm.native && !w->phrase && nm.syl == 1) {
		/* 천명 (declare), 만세, 백년: one scale syllable glued. */
		bool glued = ue - strlen(u->word) == p;
		if (glued && u->kind != NF_UK_MONEY)
			u = NULL;
	}
	if (u && u->kind == NF_UK_AGE && !strcmp(u->word, "세") && nm.native &&
	    !w->phrase)
		u = NULL;
	if (!u && nm.native && !w->phrase)
		return false;
	if (!u && !nm.digits && !w->phrase && !pre_unit)
		return false;
	if (!u && several && !w->phrase)
		return false;

	f->v = nm.v;
	f->nm = nm;
	f->has_value = true;
	if (neg)
		f->v.coef = -f->v.coef;
	f->b = u ? ue : p;
	f->unit = u ? u->unit : NULL;

	if (u) {
		long long iv = small_int(&nm);
		switch ((enum nf_unit_kind)u->kind) {
		case NF_UK_PLAIN:
		case NF_UK_MONEY:
			break;
		case NF_UK_YEAR:
			if (nm.digits && !nm.big && !nm.small && !nm.dot &&
			    !nm.comma && iv >= 1000 && iv <= 2999 && !neg &&
			    !over_yeo) {
				int mo = 0, da = 0, qu = 0;
				size_t e = ue, e2;
				if ((mo = read_cal(w, e, "월", 12, &e2))) {
					e = e2;
					if ((da =
						 read_cal(w, e, "일", 31, &e2)))
						e = e2;
				} else if ((qu = read_cal(w, e, "분기", 4,
							  &e2))) {
					e = e2;
				}
				if (at(w, e, "대") && !mo) {
					/* 1990년대: the decade as a band */
					f->b = e + 3;
					f->unit = "date";
					f->approx = NF_APPROX_BAND;
					f->has_value = false;
					f->lo = nm.v;
					nf_decimal_add(&f->hi, nm.v,
						       dec_int(10));
					return true;
				}
				f->b = e;
				set_date_text(f, (int)iv, mo, da, qu);
				return true;
			}
			/* NeMo's spoken dates: 이천이십사년 팔월 이십팔일. */
			if (w->phrase && nm.hangul && iv >= 1000 &&
			    iv <= 9999) {
				int mo = 0, da = 0;
				size_t e = ue, e2;
				if ((mo = read_cal(w, e, "월", 12, &e2))) {
					e = e2;
					if ((da =
						 read_cal(w, e, "일", 31, &e2)))
						e = e2;
				}
				f->b = e;
				set_date_text(f, (int)iv, mo, da, 0);
				return true;
			}
			break;
		case NF_UK_MONTH:
			if (iv < 1 || iv > 12 || nm.dot || nm.big)
				return false;
			{
				size_t e2;
				int da = read_cal(w, ue, "일", 31, &e2);
				if (da)
					f->b = e2;
				set_date_text(f, 0, (int)iv, da, 0);
			}
			return true;
		case NF_UK_DAY:
			if (iv >= 1 && iv <= 31 && !nm.dot && !over_yeo &&
			    !at(w, ue, "간") && !at(w, ue, "동안") &&
			    !at(w, skip_one_space(w, ue), "동안") &&
			    !at(w, ue, "째") &&
			    !at(w, skip_one_space(w, ue), "만에") &&
			    !at(w, ue, "분") && !at(w, ue, "씩") &&
			    !at(w, ue, "치") &&
			    !at(w, skip_one_space(w, ue), "연속") &&
			    !at(w, skip_one_space(w, ue), "이내") &&
			    !at(w, skip_one_space(w, ue), "넘게") &&
			    !at(w, skip_one_space(w, ue), "이상") &&
			    !at(w, skip_one_space(w, ue), "이하") &&
			    !at(w, skip_one_space(w, ue), "미만") &&
			    !at(w, skip_one_space(w, ue), "가량") &&
			    !at(w, skip_one_space(w, ue), "정도") &&
			    !w->phrase &&
			    marker_before(w, i) == NF_APPROX_EXACT && !neg) {
				set_date_text(f, 0, 0, (int)iv, 0);
				return true;
			}
			break;
		case NF_UK_QUARTER:
			if (iv < 1 || iv > 4)
				return false;
			f->unit = "quarter";
			break;
		case NF_UK_HOUR:
		case NF_UK_MINUTE:
		case NF_UK_MONTHS:
			break;
		case NF_UK_INDEX_LINE:
			/* 2500선: an index level, only after an index name
			 * (not 38선, the parallel). */
			if (!nm.digits || iv < 100 || !index_context(w, i))
				return false;
			break;
		case NF_UK_DAE:
			if (nm.digits && iv >= 10 && iv <= 90 && iv % 10 == 0 &&
			    (person_after(w, ue) || at(w, ue, "·") ||
			     cp_before(w, i) == 0xB7 /* 20·30대 */)) {
				f->unit = "age_decade";
			} else if (iv >= 0 && iv < 10 && !w->phrase &&
				   at(w, ue, " ") &&
				   is_hangul(cp_at(w, ue + 1, NULL)) &&
				   !marker_after(w, ue, &(enum nf_approx){0})) {
				/* 3대 과제, 4대 그룹: "major N", not machines
				 */
				return false;
			}
			break;
		case NF_UK_DEGREE:
			if (pre_unit && (!strcmp(pre_unit, "celsius") ||
					 !strcmp(pre_unit, "fahrenheit")))
				f->unit = pre_unit;
			else if (!w->phrase && weather_context(w, i))
				f->unit = "celsius";
			break;
		case NF_UK_PERSON_IN:
			if (at(w, ue, "분") || at(w, ue, "조") ||
			    at(w, skip_one_space(w, ue), "가구"))
				return false;
			break;
		case NF_UK_FRACTION:
			return false;
		case NF_UK_AGE:
			/* 만 20세: the 만 of full age is in the span. */
			if (i >= 4 && at(w, i - 4, "만 ") &&
			    !is_hangul(cp_before(w, i - 4)))
				f->a = i - 4;
			else if (i >= 3 && at(w, i - 3, "만") &&
				 !is_hangul(cp_before(w, i - 3)))
				f->a = i - 3;
			break;
		}
	}

	/* The prefix decides when it implies a unit (시속 80㎞ -> km_per_h). */
	if (pre_unit) {
		if (!f->unit) {
			if (!strcmp(pre_unit, "magnitude") ||
			    !strcmp(pre_unit, "km_per_h") ||
			    !strcmp(pre_unit, "m_per_s") ||
			    !strcmp(pre_unit, "celsius") ||
			    !strcmp(pre_unit, "fahrenheit") || u == NULL)
				f->unit = pre_unit;
		} else if (!strcmp(pre_unit, "km_per_h") ||
			   !strcmp(pre_unit, "m_per_s")) {
			if (!strcmp(f->unit, "km") || !strcmp(f->unit, "m") ||
			    !strcmp(f->unit, "mi") ||
			    !strcmp(f->unit, "km_per_h") ||
			    !strcmp(f->unit, "m_per_s"))
				f->unit =
				    !strcmp(f->unit, "mi") ? "mph" : pre_unit;
		} else if (u && u->kind == NF_UK_MONEY &&
			   !strcmp(pre_unit, f->unit)) {
			/* $13억 달러: one currency */
		} else if (!strcmp(pre_unit, "magnitude")) {
			/* 규모 100억원: 규모 is just "size" */
		} else if (!strcmp(pre_unit, "celsius") &&
			   !strcmp(f->unit, "degree")) {
			f->unit = "celsius";
		} else if (u && !strcmp(pre_unit, "USD") &&
			   !strcmp(f->unit, "USD")) {
			/* 미화 10억 달러 */
		} else if (u == NULL) {
			f->unit = pre_unit;
		}
		if (!u && (pre_unit[0] == 'U' || pre_unit[0] == 'K' ||
			   pre_unit[0] == 'E' || pre_unit[0] == 'H' ||
			   pre_unit[0] == 'J' || pre_unit[0] == 'G')) {
			/* `$13억`, `US$ 1.5`, `€20`: a trailing 달러 repeats it
			 */
			size_t ue2;
			const struct nf_unit_word *u2 =
			    match_unit(w, f->b, &ue2, true);
			if (u2 && u2->kind == NF_UK_MONEY)
				f->b = ue2;
		}
	}
	if (!f->unit) {
		f->bare = true;
		f->unit = "number";
	}

	/* Money compounds: 이달러이십삼센트 = 2.23 USD. */
	if (u && u->kind == NF_UK_MONEY && depth == 0 &&
	    strcmp(f->unit, "cent") != 0) {
		struct fig c;
		size_t q = skip_one_space(w, f->b);
		if (q < w->n && parse_core(w, q, &c, depth + 1) && c.unit &&
		    !strcmp(c.unit, "cent") && c.approx == NF_APPROX_EXACT &&
		    (is_digit((unsigned char)w->s[q]) || c.nm.hangul)) {
			struct nf_decimal cents = c.v;
			cents.scale += 2;
			nf_decimal_add(&f->v, f->v, cents);
			f->b = c.b;
		}
	}

	/* Compound durations: 3시간 15분 -> 195 minute. */
	unsigned rank;
	if (!f->bare && is_duration_unit(f->unit, &rank) && depth == 0) {
		f->duration = true;
		f->dur_rank = rank;
		for (int guard = 0; guard < 3; guard++) {
			struct fig c;
			size_t q = skip_one_space(w, f->b);
			long long fac;
			if (q >= w->n || !is_digit((unsigned char)w->s[q]) ||
			    !parse_core(w, q, &c, depth + 1) || !c.unit ||
			    !compound_factor(f->unit, c.unit, &fac) || c.nm.dot)
				break;
			struct nf_decimal big;
			if (!nf_decimal_mul(&big, f->v, dec_int(fac)) ||
			    !nf_decimal_add(&f->v, big, c.v))
				break;
			f->unit = c.unit;
			f->b = c.b;
		}
		if (at(w, f->b, "째") && !strcmp(f->unit, "year"))
			f->b += 3; /* N년째 -> N year */
	}

	if (several) {
		f->approx = NF_APPROX_SEVERAL;
		return true;
	}
	if (nm.pair) {
		f->approx = NF_APPROX_RANGE;
		f->has_value = false;
		f->lo = nm.lo;
		f->hi = nm.hi;
		return true;
	}
	if (over_yeo)
		f->approx = NF_APPROX_OVER;

	/* Bands: 2%대, 30%대, 3천만원대. */
	if (u && at(w, f->b, "대") && u->kind != NF_UK_AGE &&
	    u->kind != NF_UK_DAE && !at(w, f->b, "대비") &&
	    !at(w, f->b, "대상") && !at(w, f->b, "대해") &&
	    !at(w, f->b, "대한")) {
		f->b += 3;
		f->approx = NF_APPROX_BAND;
		f->has_value = false;
		f->lo = f->v;
		nf_decimal_add(&f->hi, f->v, band_step(f->v));
		return true;
	}

	/* Rate denominators: 1인당, 1만명당, 3.3㎡당. */
	if (at(w, f->b, "당") && !f->bare) {
		f->denominator = true;
		f->b += 3;
		return true;
	}
	return true;
}

/* Same unit, or one end bare. */
static bool
units_agree(const struct fig *a, const struct fig *b)
{
	if (a->bare || b->bare)
		return true;
	return !strcmp(a->unit, b->unit);
}

static bool
is_range_value_unit(const struct fig *f)
{
	return f->has_value && !f->text[0] && f->approx != NF_APPROX_BAND &&
	       f->approx != NF_APPROX_SEVERAL && !f->denominator;
}

/*
 * A whole figure: a core, then a range (`A~B`, `A-B`, `A부터 B까지`,
 * `A에서 B 사이`), then approx markers.
 */
/*
 * A baby's or an animal's age in months, weeks or days (conventions §4
 * age_month, age_week, age_day): `생후 6개월`, `태어난 지 3주`, `6개월 된
 * 아기`, `6주의 나이`.  Other durations stay durations.
 */
static const char *const age_before[] = {"생후 ", "생후", "태어난 지 ",
					 "출생 후 "};
static const char *const age_after[] = {
    " 된 아기", " 된 아이", " 된 영아",	  " 된 신생아", " 된 딸",
    " 된 아들", " 된 손자", " 된 강아지", "의 나이",	" 아기",
    " 영아",	" 신생아",  " 된 새끼"};

static void
duration_to_age(const struct work *w, struct fig *f)
{
	const char *age = NULL;
	if (!f->unit || f->approx == NF_APPROX_RANGE)
		return;
	if (!strcmp(f->unit, "month"))
		age = "age_month";
	else if (!strcmp(f->unit, "week"))
		age = "age_week";
	else if (!strcmp(f->unit, "day") && !f->text[0])
		age = "age_day";
	if (!age)
		return;
	for (size_t k = 0; k < sizeof(age_before) / sizeof(*age_before); k++) {
		size_t l = strlen(age_before[k]);
		if (f->a >= l && at(w, f->a - l, age_before[k])) {
			f->unit = age;
			return;
		}
	}
	for (size_t k = 0; k < sizeof(age_after) / sizeof(*age_after); k++)
		if (at(w, f->b, age_after[k])) {
			f->unit = age;
			return;
		}
}

/*
 * 파운드 is GBP in a money context (conventions §4) and a pound of
 * weight near a word of weight: 몸무게, 체중, 무게, 감량, 톤.
 */
static const char *const weight_words[] = {"몸무게", "체중", "무게", "감량",
					   "살을",   "톤",   "빼"};

static void
pound_to_weight(const struct work *w, struct fig *f)
{
	if (!f->unit || strcmp(f->unit, "GBP") != 0 || f->b < 9 ||
	    !at(w, f->b - 9, "파운드"))
		return;
	size_t a = f->a > 60 ? f->a - 60 : 0, b = f->b + 30;
	if (b > w->n)
		b = w->n;
	for (size_t k = 0; k < sizeof(weight_words) / sizeof(*weight_words);
	     k++) {
		size_t l = strlen(weight_words[k]);
		for (size_t p = a; p + l <= b; p++)
			if (memcmp(w->s + p, weight_words[k], l) == 0) {
				f->unit = "lb";
				return;
			}
	}
}

/* A bare 1900..2099: `2019-2020` is two years, not a range of numbers. */
static bool
year_like(const struct fig *f)
{
	long long v = small_int(&f->nm);
	return f->nm.ndigits == 4 && !f->nm.comma && !f->nm.dot && v >= 1900 &&
	       v <= 2099;
}

static bool
parse_figure(struct work *w, size_t i, struct fig *f)
{
	if (!parse_core(w, i, f, 0))
		return false;
	duration_to_age(w, f);
	pound_to_weight(w, f);
	if (is_range_value_unit(f) && f->approx == NF_APPROX_EXACT) {
		size_t p = skip_spaces(w, f->b);
		size_t q = 0;
		bool hyphen = false, between = false;
		if (p < w->n && w->s[p] == '~') {
			q = skip_spaces(w, p + 1);
		} else if (p < w->n && w->s[p] == '-' && f->nm.digits &&
			   !f->nm.hangul) {
			q = skip_spaces(w, p + 1);
			hyphen = true;
		} else if (at(w, f->b, "부터")) {
			q = skip_one_space(w, f->b + 6);
		} else if (at(w, f->b, "에서")) {
			q = skip_one_space(w, f->b + 6);
			between = true;
		} else if (at(w, f->b, "과 ") || at(w, f->b, "와 ")) {
			/* 20과 30 사이: a range only with 사이. */
			q = f->b + 4;
			between = true;
		} else if (w->phrase && at(w, p, "-")) {
			q = skip_spaces(w, p + 1);
		}
		struct fig g;
		if (q && q < w->n && parse_core(w, q, &g, 1) &&
		    is_range_value_unit(&g) && units_agree(f, &g) &&
		    g.approx == NF_APPROX_EXACT && g.unit != NULL &&
		    !(hyphen && !g.nm.digits) &&
		    !(hyphen && f->bare && g.bare && !w->phrase &&
		      (year_like(f) || year_like(&g) || f->nm.ndigits < 2)) &&
		    !(hyphen && g.b < w->n && w->s[g.b] == '-')) {
			bool ok = true;
			if (between) {
				size_t e = skip_one_space(w, g.b);
				ok = at(w, e, "사이");
			}
			struct fig lo = *f;
			/* Scale carry-over: 7~9만원 -> 70000..90000. */
			if (ok && !lo.nm.big && !lo.nm.small && g.nm.big &&
			    lo.nm.digits) {
				struct nf_decimal c;
				if (dec_pow(&c, lo.v, g.nm.low_exp) &&
				    nf_decimal_cmp(c, g.v) < 0)
					lo.v = c;
			}
			if (ok && nf_decimal_cmp(lo.v, g.v) < 0) {
				f->lo = lo.v;
				f->hi = g.v;
				f->has_value = false;
				f->approx = NF_APPROX_RANGE;
				if (f->bare) {
					f->unit = g.unit;
					f->bare = g.bare;
				}
				f->b = g.b;
				if (marker_before(w, f->a) != NF_APPROX_EXACT)
					f->note = "approx marker";
				return true;
			}
		}
	}
	if (f->denominator || f->approx == NF_APPROX_RANGE ||
	    f->approx == NF_APPROX_BAND || f->approx == NF_APPROX_SEVERAL)
		return true;
	if (f->text[0] && strcmp(f->unit, "fraction") != 0)
		return true; /* dates take no markers */
	enum nf_approx ap;
	enum nf_approx before = marker_before(w, f->a);
	if (marker_after(w, f->b, &ap))
		f->approx = ap;
	else if (before != NF_APPROX_EXACT && f->approx == NF_APPROX_EXACT)
		f->approx = before;
	return true;
}

/* ------------------------------------------------------------------ */
/* Emission, chains and denominators                                   */

static void
push_fig(struct work *w, const struct fig *f)
{
	if (w->nfigs == w->afigs) {
		w->afigs = w->afigs ? w->afigs * 2 : 16;
		w->figs = nf_xrealloc(w->figs, w->afigs * sizeof(*w->figs));
	}
	struct nf_figure *o = &w->figs[w->nfigs++];
	memset(o, 0, sizeof(*o));
	o->byte_start = f->a;
	o->byte_end = f->b;
	o->approx = f->approx;
	o->has_value =
	    f->approx != NF_APPROX_RANGE && f->approx != NF_APPROX_BAND;
	o->value = f->v;
	o->range_low = f->lo;
	o->range_high = f->hi;
	o->unit = f->unit;
	o->note = f->note;
	snprintf(o->value_text, sizeof(o->value_text), "%s", f->text);
}

static void
push_denom(struct work *w, size_t pos, const char *per)
{
	if (w->ndenoms == w->adenoms) {
		w->adenoms = w->adenoms ? w->adenoms * 2 : 8;
		w->denoms =
		    nf_xrealloc(w->denoms, w->adenoms * sizeof(*w->denoms));
	}
	w->denoms[w->ndenoms].pos = pos;
	snprintf(w->denoms[w->ndenoms].per, sizeof(w->denoms[0].per), "%s",
		 per);
	w->ndenoms++;
}

static const struct {
	const char *word;
	const char *unit;
} denom_units[] = {
    {"인", "person"},	{"명", "person"}, {"가구", "household"},
    {"배럴", "barrel"}, {"톤", "t"},	  {"개", "item"},
    {"시간", "hour"},	{"㎏", "kg"},	  {"kg", "kg"},
    {"리터", "l"},	{"ℓ", "l"},	  {"㎡", "m2"},
    {"평", "pyeong"},	{"주", "share"},  {"하루", "day"},
};

static void
find_lexical_denoms(struct work *w)
{
	size_t off = 0;
	/* Every match holds 당 or 하루. */
	if (!memmem(w->s, w->n, "당", strlen("당")) &&
	    !memmem(w->s, w->n, "하루", strlen("하루")))
		return;
	while (off < w->n) {
		int rc = pcre2_jit_match(w->fx->denom, (PCRE2_SPTR)w->s, w->n,
					 off, 0, w->fx->md, w->fx->mctx);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->fx->md);
		for (size_t k = 0;
		     k < sizeof(denom_units) / sizeof(*denom_units); k++)
			if (at(w, ov[0], denom_units[k].word)) {
				push_denom(w, ov[1], denom_units[k].unit);
				break;
			}
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
}

static size_t
sentence_index(const struct work *w, size_t pos)
{
	size_t lo = 0, hi = w->nfbounds;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->fbounds[mid] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
cmp_denom(const void *x, const void *y)
{
	const struct denom *a = x, *b = y;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* Each denominator fills `per` of the next figure in its sentence. */
static void
link_denoms(struct work *w)
{
	if (w->ndenoms == 0)
		return;
	qsort(w->denoms, w->ndenoms, sizeof(*w->denoms), cmp_denom);
	size_t k = 0;
	for (size_t d = 0; d < w->ndenoms; d++) {
		while (k < w->nfigs && w->figs[k].byte_start < w->denoms[d].pos)
			k++;
		if (k >= w->nfigs)
			break;
		if (w->fbounds && sentence_index(w, w->denoms[d].pos) !=
				      sentence_index(w, w->figs[k].byte_start))
			continue;
		if (!w->figs[k].per[0])
			snprintf(w->figs[k].per, sizeof(w->figs[k].per), "%s",
				 w->denoms[d].per);
	}
}

/* b continues a's quantity; b's unit may be the bare form of a's. */
static bool
same_unit_family(const struct nf_figure *a, const struct nf_figure *b)
{
	return !strcmp(a->unit, b->unit) || !strcmp(b->unit, "number") ||
	       (!strcmp(a->unit, "km_per_h") && !strcmp(b->unit, "km")) ||
	       (!strcmp(a->unit, "m_per_s") && !strcmp(b->unit, "m")) ||
	       (!strcmp(a->unit, "celsius") && !strcmp(b->unit, "degree"));
}

static bool
is_arrow_between(const struct work *w, size_t a, size_t b)
{
	size_t p = skip_spaces(w, a);
	static const char *const arrows[] = {"→", "->", "⇒",  "➡",
					     "➝", "▶",	"=>", "⟶"};
	for (size_t k = 0; k < sizeof(arrows) / sizeof(*arrows); k++)
		if (at(w, p, arrows[k]))
			return skip_spaces(w, p + strlen(arrows[k])) == b;
	return false;
}

/*
 * Chains (conventions §7): `6위→9위→11위` (a year between is allowed:
 * `2022년 6위→2023년 9위`) and `3.4%에서 3.9%로`.
 */
static void
link_chains(struct work *w)
{
	char next_id = 'A';
	size_t i = 0;

	while (i < w->nfigs) {
		struct nf_figure *x = &w->figs[i];
		size_t members[64], nm = 0;
		members[nm++] = i;
		size_t cur = i;
		for (;;) {
			struct nf_figure *c = &w->figs[cur];
			size_t j = cur + 1;
			if (j >= w->nfigs)
				break;
			struct nf_figure *y = &w->figs[j];
			size_t from = c->byte_end;
			/* Skip one date between: `→2023년 9위`. */
			if (!strcmp(y->unit, "date") &&
			    strcmp(c->unit, "date") && j + 1 < w->nfigs &&
			    is_arrow_between(w, from, y->byte_start)) {
				size_t after = skip_spaces(w, y->byte_end);
				if (after == w->figs[j + 1].byte_start) {
					from = y->byte_start;
					j++;
					y = &w->figs[j];
					if (!same_unit_family(c, y) ||
					    !c->has_value || !y->has_value ||
					    nm >= 64)
						break;
					members[nm++] = j;
					cur = j;
					continue;
				}
			}
			bool link = false;
			if (c->has_value && y->has_value &&
			    same_unit_family(c, y) &&
			    strcmp(c->unit, "date") != 0) {
				if (is_arrow_between(w, from, y->byte_start))
					link = true;
				else if (at(w, c->byte_end, "에서") &&
					 skip_one_space(w, c->byte_end + 6) ==
					     y->byte_start &&
					 (at(w, y->byte_end, "로") ||
					  at(w, y->byte_end, "으로") ||
					  at(w, y->byte_end, "까지")))
					link = true;
			}
			if (!link || nm >= 64)
				break;
			y->unit =
			    c->unit; /* unit carry-over: 80㎞에서 60㎞로 */
			members[nm++] = j;
			cur = j;
		}
		if (nm > 1 && next_id <= 'Z') {
			for (size_t k = 0; k < nm; k++)
				snprintf(w->figs[members[k]].chain,
					 sizeof(x->chain), "%c:%u", next_id,
					 (unsigned)(k + 1) % 100u);
			next_id++;
		}
		i = cur + 1;
	}
}

/* Bare numbers: only where they read as a quantity. */
static bool
bare_ok(const struct work *w, const struct fig *f)
{
	uint32_t b = cp_before(w, f->a);
	uint32_t nx = cp_at(w, f->b, NULL);
	if (is_hangul(b) || is_latin(b))
		return false;
	if (is_latin(nx) || nx == '.' || nx == '-' || nx == ':' || nx == '/')
		return f->b + 1 < w->n && nx == '.' &&
		       !is_digit((unsigned char)w->s[f->b + 1]) &&
		       f->nm.ndigits != 0 && !(b == 0 || b == '\n');
	if (is_hangul(nx) && !unit_end_ok(w, f->b, f->b))
		return false;
	if (f->nm.ndigits > 9 && !f->nm.comma)
		return false; /* article ids and codes */
	/* A number closing a quoted title is part of the name (‘… 2025’). */
	if (nx == 0x2019 || nx == 0x300D || nx == 0x300F || nx == 0x300B ||
	    nx == 0x3009 || nx == '>')
		return false;
	return true;
}

/*
 * The next match of cand_pattern at or after off, as pcre2_jit_match
 * would find it, into the match data; false if none.  A byte scan skips
 * to the positions where a match can begin (an entry of cand_byte, or a
 * syllable of cand_hangul after a non-Hangul code point) and runs the
 * anchored pattern only there: the leftmost position where the anchored
 * pattern matches is where the unanchored search stops, with the same
 * match.
 */
static bool
next_cand(struct work *w, size_t off)
{
	const struct nf_figures *fx = w->fx;
	const unsigned char *s = (const unsigned char *)w->s;
	size_t n = w->n, i = off;
	bool prev_hangul = is_hangul(cp_before(w, off));

	if (!fx->prefilter)
		return pcre2_jit_match(fx->cand, (PCRE2_SPTR)w->s, n, off, 0,
				       fx->md, fx->mctx) >= 0;
	while (i < n) {
		unsigned char c = s[i];
		bool try = false;
		size_t next;
		if (c < 0x80) {
			try = fx->cand_byte[c] != 0;
			next = i + 1;
			prev_hangul = false;
		} else if (c >= 0xEA && c <= 0xED && i + 2 < n) {
			uint32_t cp = (uint32_t)(c & 0x0F) << 12 |
				      (uint32_t)(s[i + 1] & 0x3F) << 6 |
				      (uint32_t)(s[i + 2] & 0x3F);
			bool h = cp >= 0xAC00 && cp < 0xD7A4;
			try = h && !prev_hangul && fx->cand_hangul[cp - 0xAC00];
			prev_hangul = h;
			next = i + 3;
		} else {
			try = fx->cand_byte[c] == 2;
			prev_hangul = false;
			next = i + 1;
			while (next < n && (s[next] & 0xC0) == 0x80)
				next++;
		}
		if (try && pcre2_jit_match(fx->cand_anchored, (PCRE2_SPTR)s, n,
					   i, 0, fx->md, fx->mctx) >= 0)
			return true;
		i = next;
	}
	return false;
}

static void
scan(struct work *w)
{
	size_t off = 0;

	while (off < w->n) {
		if (!next_cand(w, off))
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->fx->md);
		size_t start = ov[0], mend = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		size_t te = trap_end(w, start);
		if (te) {
			off = te;
			continue;
		}
		struct fig f;
		if (!parse_figure(w, start, &f) || overlaps_trap(w, f.a, f.b)) {
			off = mend;
			continue;
		}
		if (f.denominator) {
			char per[32], num[NF_DECIMAL_MAX];
			if (f.v.coef == 1 && f.v.scale == 0)
				snprintf(per, sizeof(per), "%s", f.unit);
			else
				snprintf(per, sizeof(per), "%s %s",
					 nf_decimal_format(f.v, num), f.unit);
			push_denom(w, f.b, per);
			off = f.b;
			continue;
		}
		if (f.bare && !w->phrase) {
			if (!bare_ok(w, &f)) {
				/* Skip the whole alphanumeric run. */
				size_t e = f.b;
				while (e < w->n &&
				       (is_digit((unsigned char)w->s[e]) ||
					is_latin((unsigned char)w->s[e])))
					e++;
				off = e > mend ? e : mend;
				continue;
			}
			/* A bare calendar year: 1900..2099 with no unit. */
			long long iv = small_int(&f.nm);
			if (f.nm.ndigits == 4 && !f.nm.comma && !f.nm.dot &&
			    !f.nm.big && !f.nm.small && iv >= 1900 &&
			    iv <= 2099 && f.v.coef > 0 &&
			    f.approx == NF_APPROX_EXACT)
				set_date_text(&f, (int)iv, 0, 0, 0);
		}
		push_fig(w, &f);
		off = f.b > start ? f.b : mend;
	}
}

static void
init_work(struct work *w, struct nf_figures *fx, const char *text, size_t len,
	  bool phrase)
{
	memset(w, 0, sizeof(*w));
	w->fx = fx;
	w->phrase = phrase;
	char *s;
	fold(text, len, &s, &w->n, &w->map);
	w->s = s;
}

static void
release_work(struct work *w)
{
	free((char *)w->s);
	free(w->map);
	free(w->traps);
	free(w->figs);
	free(w->denoms);
}

nf_err
nf_figures_find(struct nf_figures *fx, const char *text, size_t len,
		struct nf_figure **out, size_t *nout, size_t max)
{
	struct work w;
	size_t *bounds = NULL, nbounds = 0, *fb = NULL;
	nf_err err;

	*out = NULL;
	*nout = 0;
	if (!nf_utf8_valid(text, len))
		return nf_fail(NF_ERR_CHARSET, "figures: text is not UTF-8");
	init_work(&w, fx, text, len, false);

	find_traps(&w);
	find_lexical_denoms(&w);
	scan(&w);
	/* Most paragraphs hold no figure: then no sentence breaking. */
	if (w.nfigs == 0) {
		err = NF_OK;
		goto out;
	}
	err = nf_sentence_bounds(text, len, &bounds, &nbounds);
	if (err)
		goto out;

	/* Sentence ends in folded offsets (the map is monotonic). */
	fb = nf_xmalloc((nbounds + 1) * sizeof(*fb));
	{
		size_t k = 0;
		for (size_t b = 0; b < nbounds; b++) {
			while (k < w.n && w.map[k] < bounds[b])
				k++;
			fb[b] = k;
		}
	}
	w.fbounds = fb;
	w.nfbounds = nbounds;

	link_denoms(&w);
	link_chains(&w);

	if (w.nfigs > max) {
		err = nf_fail(NF_ERR_LIMIT, "figures: more than %zu figures",
			      max);
		goto out;
	}
	/* Back to original offsets; code points counted incrementally. */
	size_t cp_pos = 0, cp_count = 0;
	for (size_t k = 0; k < w.nfigs; k++) {
		struct nf_figure *f = &w.figs[k];
		size_t a = w.map[f->byte_start], b = w.map[f->byte_end];
		cp_count += nf_utf8_count(text + cp_pos, a - cp_pos);
		cp_pos = a;
		f->byte_start = a;
		f->byte_end = b;
		f->start = cp_count;
		f->end = cp_count + nf_utf8_count(text + a, b - a);
		nf_sentence_at(text, bounds, nbounds, a, &f->sent_start,
			       &f->sent_end);
	}
	*out = w.figs;
	*nout = w.nfigs;
	w.figs = NULL;
out:
	free(fb);
	free(bounds);
	release_work(&w);
	return err;
}

bool
nf_figures_parse_phrase(struct nf_figures *fx, const char *text, size_t len,
			struct nf_figure *out)
{
	struct work w;
	struct fig f;
	bool ok = false;

	memset(out, 0, sizeof(*out));
	if (!nf_utf8_valid(text, len))
		return false;
	init_work(&w, fx, text, len, true);
	size_t a = skip_spaces(&w, 0), e = w.n;
	while (e > a && (w.s[e - 1] == ' ' || w.s[e - 1] == '\t'))
		e--;
	w.n = e;
	/* `3/4` = 0.75 as a fraction. */
	{
		size_t p = a;
		long long n1 = 0, d1 = 0;
		/* At most nine digits a side: no overflow, and a longer
		 * `n/d` is not a fraction anyone writes. */
		while (p < e && p - a < 10 && is_digit((unsigned char)w.s[p]))
			n1 = n1 * 10 + (w.s[p++] - '0');
		if (p > a && p - a < 10 && p < e && w.s[p] == '/') {
			size_t q = ++p;
			while (p < e && p - q < 10 &&
			       is_digit((unsigned char)w.s[p]))
				d1 = d1 * 10 + (w.s[p++] - '0');
			if (p == e && p > q && p - q < 10 && d1 > 0) {
				memset(&f, 0, sizeof(f));
				snprintf(f.text, sizeof(f.text), "%lld/%lld",
					 n1, d1);
				__int128 num = n1, den = d1;
				unsigned sc = 0;
				while (num % den && sc < 12) {
					num *= 10;
					sc++;
				}
				if (num % den == 0) {
					f.v.coef = num / den;
					f.v.scale = sc;
				}
				f.a = a;
				f.b = e;
				f.unit = "fraction";
				f.has_value = true;
				push_fig(&w, &f);
				ok = true;
				goto done;
			}
		}
	}
	/* 반 alone: a half. */
	if (e == a + 3 && at(&w, a, "반")) {
		memset(&f, 0, sizeof(f));
		f.v.coef = 5;
		f.v.scale = 1;
		f.has_value = true;
		f.unit = "number";
		f.a = a;
		f.b = e;
		push_fig(&w, &f);
		ok = true;
		goto done;
	}
	/* 반: a half (`반 리터`). */
	if (at(&w, a, "반")) {
		size_t ue;
		const struct nf_unit_word *u = match_unit(&w, a + 3, &ue, true);
		if (u && ue == e) {
			memset(&f, 0, sizeof(f));
			f.v.coef = 5;
			f.v.scale = 1;
			f.has_value = true;
			f.unit = u->unit;
			f.a = a;
			f.b = e;
			push_fig(&w, &f);
			ok = true;
			goto done;
		}
	}
	for (size_t st = a; st < e; st++) {
		if (st > a && w.s[st - 1] != ' ')
			continue;
		if (!parse_figure(&w, st, &f) || f.denominator)
			continue;
		size_t fe = f.b;
		if (fe != e) {
			/* A trailing bound: `5000원 이상`. */
			size_t q = skip_one_space(&w, fe);
			for (size_t k = 0; k < nf_markers_nafter; k++)
				if (at(&w, q, nf_markers_after[k].word) &&
				    q + strlen(nf_markers_after[k].word) == e)
					fe = e;
		}
		if (fe != e)
			continue;
		if (f.unit && !strcmp(f.unit, "degree") && a + 6 <= e &&
		    at(&w, a, "섭씨"))
			f.unit = "celsius";
		push_fig(&w, &f);
		ok = true;
		break;
	}
done:
	if (ok) {
		*out = w.figs[0];
		out->byte_start = w.map[out->byte_start];
		out->byte_end = w.map[out->byte_end];
		out->start = nf_utf8_count(text, out->byte_start);
		out->end = nf_utf8_count(text, out->byte_end);
		out->sent_start = 0;
		out->sent_end = len;
	}
	release_work(&w);
	return ok;
}
