/*
 * extract/figures.h - numeric facts found in article text.
 *
 * Runs after main-text extraction; input is valid NFC UTF-8.  Rules follow
 * ../shared/figures-conventions.md: exact decimal values, canonical unit
 * codes, approx flags, spans covering sign/prefix/number/unit, ranges,
 * bands, chains and rate denominators.  Patterns are compiled once
 * (PCRE2, UTF+UCP, JIT) in nf_figures_new() and shared read-only; one
 * nf_figures object must not be used by two threads at once (it owns the
 * match data).
 *
 * Decisions where the conventions leave room:
 *  - `3년 만에` is a duration of 3 year (만 is not 10^4 there); the 만
 *    is outside the span.
 *  - A bare number with no unit is unit "number" (`-0.36`); a bare
 *    4-digit 1900..2099 is a calendar year (unit date); a bare number
 *    closing a quoted title (`‘AI인덱스 보고서 2025’`) is part of the
 *    name and not reported.  Bare numbers glued to Hangul or Latin
 *    letters (코로나19, A350, 6G), with a leading zero (codes) or of more
 *    than 9 digits without commas (article ids) are not reported.
 *  - `N일` is a day of the month (`---07`) unless a duration word follows
 *    (간, 동안, 째, 만에, 연속, 이내, markers).  Date ranges (`3일부터 9일`)
 *    are reported as two dates, not one range.
 *  - `하루 N명` and `하루 평균` give per "day"; `N당` denominators fill
 *    `per` of the next figure in the same sentence.
 *  - 세대 and 호 are not counters (세대 is mostly "generation", 호 mostly
 *    an issue or line number); `N대` before a noun with N < 10 (`3대
 *    과제`) is not a machine count.
 *  - Sino-Korean Hangul numerals count in running text only with a scale
 *    word and a unit (`삼천삼백만원`, `이십이 퍼센트`); one glued scale
 *    syllable only before money (`만원`, not 만세/천명).  Native numerals
 *    need a counter, glued only for 번째/째/살 or when the numeral has
 *    two syllables or more (`스물여섯명`, not 세명).
 *  - △ before a number is a minus sign (financial tables); `N선` is an
 *    index level (index_point) only after an index name in the sentence.
 *  - `생후 6개월`, `6개월 된 아기`, `6주의 나이` are age_month/age_week;
 *    other N개월/주/일 stay durations.  파운드 near a word of weight is lb.
 *  - A predicate past the counted noun still marks the figure
 *    (`1000만 관객을 돌파` is over); `N에 달하다` is exact.
 *  - `A과 B 사이` and `A에서 B 사이` are ranges; a bare `A-B` is one
 *    unless an end looks like a year (1900..2099).
 *  - In a fraction's numerator a last 만/조 glued to a non-unit word is
 *    the particle or the word (`오분의 일만을`, `삼분의 일조각`).
 */
#ifndef NF_EXTRACT_FIGURES_H
#define NF_EXTRACT_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/decimal.h"
#include "base/err.h"

enum nf_approx {
	NF_APPROX_EXACT,
	NF_APPROX_ABOUT,
	NF_APPROX_OVER,
	NF_APPROX_AT_LEAST,
	NF_APPROX_UNDER,
	NF_APPROX_AT_MOST,
	NF_APPROX_RANGE,
	NF_APPROX_BAND,
	NF_APPROX_SEVERAL
};

/* "exact", "about", ... as in figures-conventions.md §5. */
const char *nf_approx_name(enum nf_approx a);

struct nf_figure {
	size_t byte_start, byte_end; /* span in the text, end exclusive */
	size_t start, end;	     /* same span in code points */
	size_t sent_start, sent_end; /* byte span of the holding sentence */
	enum nf_approx approx;
	bool has_value; /* false for range and band */
	struct nf_decimal value;
	struct nf_decimal range_low, range_high; /* range and band only */
	const char *unit; /* "KRW", "person", ...; static storage */
	char chain[8];	  /* "A:1", ... or "" */
	char per[32];	  /* "person", "100000 person", ... or "" */
	/*
	 * Added: the value as text when it is not a plain decimal.  For
	 * unit "date" it is the ISO-8601 form of conventions §2 ("2019",
	 * "2019-11", "--11-05", "---07", "2019-Q4"), for unit "fraction"
	 * it is "n/d"; `value` then holds the year (dates; 0 without one)
	 * or n/d when that is a finite decimal (fractions).  Empty for
	 * every other unit: use `value`.
	 */
	char value_text[NF_DECIMAL_MAX];
	const char *note; /* "plus-minus", ...; static, or NULL */
};

struct nf_figures;

/*
 * Compile the rules.  NF_ERR_INTERNAL if PCRE2 or ICU refuses them.
 * NF_FIGURES_NO_PREFILTER=1 in the environment (read here, once) turns
 * off the byte-level prefilter that skips to where a figure can start:
 * the results are the same, only slower (tests/figures_prefilter_test.c
 * checks that).
 */
nf_err nf_figures_new(struct nf_figures **out);
void nf_figures_free(struct nf_figures *fx);

/*
 * Find every figure in text[0..len), in text order, with its sentence.
 * *out is a malloc'd array (free() it) of *nout figures.  NF_ERR_LIMIT when
 * more than `max` figures are found; nothing else fails on valid UTF-8.
 */
nf_err nf_figures_find(struct nf_figures *fx, const char *text, size_t len,
		       struct nf_figure **out, size_t *nout, size_t max);

/*
 * The canonical text of f's value: value_text when set, otherwise the
 * nf_decimal_format() of value ("" for range and band).  Returns buf.
 */
const char *nf_figure_value_text(const struct nf_figure *f,
				 char buf[NF_DECIMAL_MAX]);

/*
 * Phrase mode, for phrase-level corpora (Duckling, NeMo): read the whole
 * of text[0..len) as one quantity, also accepting bare numerals that running
 * text never reports (`일`, `하나`, `삼점사`).  True and *out filled when the
 * whole phrase is one figure.
 */
bool nf_figures_parse_phrase(struct nf_figures *fx, const char *text,
			     size_t len, struct nf_figure *out);

/*
 * Rule tables (extract/figures_units.c).  Exposed so the finder and tests
 * share one readable list; the finder matches the longest word.
 */
enum nf_unit_kind {
	NF_UK_PLAIN,	 /* the unit code as given */
	NF_UK_MONEY,	 /* an ISO 4217 code or a minor unit */
	NF_UK_YEAR,	 /* 년: a date for 1000..2999, else a duration */
	NF_UK_MONTH,	 /* 월: a calendar month */
	NF_UK_DAY,	 /* 일: a day of the month, or a duration in context */
	NF_UK_QUARTER,	 /* 분기 */
	NF_UK_HOUR,	 /* 시간: may start a compound duration */
	NF_UK_MINUTE,	 /* 분 */
	NF_UK_MONTHS,	 /* 개월, 달: a duration in months */
	NF_UK_DAE,	 /* 대: a machine count or an age decade */
	NF_UK_DEGREE,	 /* 도, °: celsius, fahrenheit or degree by context */
	NF_UK_PERSON_IN, /* 인: person, unless `1인 가구`, `1인분` */
	NF_UK_FRACTION,	 /* 분의: `5분의 2` */
	NF_UK_AGE,	 /* 세, 살 */
	NF_UK_INDEX_LINE /* 선: `2500선` after an index name */
};

/* Unit word flags. */
#define NF_UF_NATIVE  0x01 /* native numerals may count it (`두 명`) */
#define NF_UF_GLUE    0x02 /* ... even glued (`두번째`, `다섯살`) */
#define NF_UF_LATIN   0x04 /* Latin/symbol: no letter or digit may follow */
#define NF_UF_NOSPACE 0x08 /* no space between number and unit */

struct nf_unit_word {
	const char *word;    /* as written after NFC and fullwidth folding */
	const char *unit;    /* canonical code, conventions §4 */
	unsigned char kind;  /* enum nf_unit_kind */
	unsigned char flags; /* NF_UF_* */
};

extern const struct nf_unit_word nf_unit_words[];
extern const size_t nf_unit_nwords;

/* A prefix written before the number: currency signs, 시속, 규모, ... */
struct nf_prefix_word {
	const char *word;
	const char *unit; /* unit it implies, or NULL (a sign word) */
	bool negative;	  /* 마이너스, 영하 */
	bool space_ok;	  /* a space may follow (`시속 80㎞`) */
};

extern const struct nf_prefix_word nf_prefix_words[];
extern const size_t nf_prefix_nwords;

/* A marker word and the approx flag it sets (conventions §5). */
struct nf_marker_word {
	const char *word;
	enum nf_approx approx;
};

/* Before the figure (`약 10%`). */
extern const struct nf_marker_word nf_markers_before[];
extern const size_t nf_markers_nbefore;
/* Right after the figure, glued or after one space (`10% 이상`). */
extern const struct nf_marker_word nf_markers_after[];
extern const size_t nf_markers_nafter;
/* The predicate that takes the figure, past a particle (`… 명을 넘었다`). */
extern const struct nf_marker_word nf_markers_pred[];
extern const size_t nf_markers_npred;

#endif
