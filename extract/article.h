/*
 * extract/article.h - the article found in a document: main text and
 * metadata.
 *
 * Input is UTF-8 from extract/charset.h.  For HTML the DOM is parsed with
 * libxml2; structured data (itemprop="articleBody", JSON-LD articleBody,
 * known CMS objects) is tried first, then a content-scoring fallback.
 * Scripts, navigation, captions, bylines, copyright lines, related-article
 * boxes and ads stay out of `text`.  For plain text (archived scraped
 * text) the same boilerplate rules run inline over the text.
 *
 * `text` is NFC, paragraphs joined by "\n\n", with no leading or trailing
 * white space.  No libxml2 pointer leaves extract/: every string here is
 * owned by the article and freed by nf_article_release().
 */
#ifndef NF_EXTRACT_ARTICLE_H
#define NF_EXTRACT_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

struct nf_article {
	char *title;	     /* NULL when absent */
	char *site_name;     /* publisher, not the portal; NULL when absent */
	char *canonical_url; /* rel=canonical (a relative one resolved
				against the page URL or og:url), else og:url;
				or NULL */
	char *origin_url;    /* a portal copy's link to the publisher's page
				(Naver/Daum 기사원문), absolute; or NULL */
	char *published;     /* ISO 8601 with offset (+09:00 if none) or NULL */
	char *modified;	     /* same */
	char *section;	     /* NULL when absent */
	char *lang;	     /* "ko", "en", ... or NULL */
	struct nf_strv authors;	 /* names only, no 기자 or e-mail */
	struct nf_strv captions; /* photo captions belonging to the article */
	struct nf_buf text;	 /* the body, see above */
	size_t hidden_copies;	 /* copies of the body the page hid (print or
				    AMP copies) and the extractor left out; the
				    record counts them in repeats_removed */
};

/* Zero the struct; nf_article_release() frees everything inside. */
void nf_article_init(struct nf_article *a);
void nf_article_release(struct nf_article *a);

/*
 * Extract from an HTML document of `len` bytes of UTF-8.  `url` (may be
 * NULL) helps resolve relative canonical links.  Never fails on bad markup:
 * a page with no article gives an empty text.  Returns NF_ERR_LIMIT when
 * the document is larger than `max_bytes`.
 */
nf_err nf_article_from_html(struct nf_article *a, const char *utf8, size_t len,
			    const char *url, size_t max_bytes);

/*
 * Extract from plain text (an archived, scraped article body).  Lines are
 * paragraphs; inline captions (`사진은 … [유튜브 캡처]`), datelines and
 * bylines (`[헤럴드경제=박혜림 기자]`, `(서울=연합뉴스) 홍길동 기자 =`) and
 * copyright lines are removed from the text, and the byline fills
 * `authors` and `site_name`.
 */
nf_err nf_article_from_text(struct nf_article *a, const char *utf8, size_t len);

/*
 * The steps below are shared by the extract/ files (article.c, html.c,
 * text.c, meta.c) and are tested directly; other stages need only the
 * two functions above.
 */

/* What the cleaning step learned from the lines it removed. */
struct nf_article_byline {
	struct nf_strv names; /* reporter names from byline lines, deduped */
	char *site; /* "헤럴드경제" from "[헤럴드경제=박혜림 기자]" */
	char *headline; /* a quoted headline glued after a dateline */
};

void nf_article_byline_release(struct nf_article_byline *b);

/*
 * Display normalisation (dedup-normalize.md 4.2): NFC, NBSP, U+3000 and
 * other spaces and controls to ' ', U+200B, U+00AD, U+FEFF and U+2060
 * deleted, runs of spaces collapsed, each line trimmed.  '\n' is kept;
 * '\v' (a table row break inside one paragraph) is kept too.  Invalid
 * UTF-8 becomes U+FFFD.  Appends to `out`; NF_ERR_LIMIT if its cap is hit.
 */
nf_err nf_article_normalize(struct nf_buf *out, const char *s, size_t len);

/*
 * Clean raw body text and append it to a->text.  Every line of `raw`
 * (split on '\n') is a paragraph; '\v' inside a line becomes '\n' (table
 * rows).  Lines and inline runs that are bylines, datelines, copyright
 * notices, related-article links, TV-news markers ([앵커]) or photo
 * captions are removed; captions go to a->captions, reporter names and
 * the dateline's outlet to `found`.  Paragraphs are joined by "\n\n".
 */
nf_err nf_article_clean(struct nf_article *a, struct nf_article_byline *found,
			const char *raw, size_t len);

/* Longest string nf_article_parse_date() writes, with its NUL. */
#define NF_ARTICLE_DATE_MAX 32

/*
 * Parse a date as pages write it: ISO 8601 ("2023-04-07T10:11:02.613Z",
 * "2023-04-19T23:32:12+09:00"), "2023-04-07 08:26:22", "2025.04.08 10:23",
 * "2025. 4. 8. 오후 3:05", "2025년 4월 8일 10시 23분", "20250408102300".
 * Leading labels (입력, 수정, 기사입력, 송고, 등록, 승인, 업데이트, 최종수정,
 * with 시간 or 일자 after them), brackets, colons and spaces are skipped.
 * Writes "YYYY-MM-DDTHH:MM:SS+HH:MM": the page's own offset ('Z' becomes
 * +00:00), +09:00 when it gives none.  False when no plausible date starts the
 * string.
 */
bool nf_article_parse_date(char out[NF_ARTICLE_DATE_MAX], const char *s,
			   size_t len);

/*
 * Find the first labelled Korean date in visible text ("입력 2025.04.08
 * 10:23"); `labels` is a '|'-separated list such as "입력|기사입력|송고".
 */
bool nf_article_find_labelled_date(char out[NF_ARTICLE_DATE_MAX],
				   const char *text, size_t len,
				   const char *labels);

/*
 * A title without its site suffix or prefix (" - 연합뉴스", " | SBS 뉴스",
 * " : 네이버 뉴스", "< 사회 < 기사본문 - 대전일보").  `site` (may be NULL)
 * is the site name when known.  Returns a malloc'd, normalised string.
 */
char *nf_article_clean_title(const char *title, size_t len, const char *site);

/*
 * Reporter names in a byline or author field: "이서연·박준호 기자" gives
 * two, "홍길동 기자 (id@example.com)" one; 기자, 특파원, 선임기자, 논설위원
 * and e-mails are stripped.  Names are pushed to `names` unless already
 * there.  Returns how many were added.
 */
size_t nf_article_add_names(struct nf_strv *names, const char *s, size_t len);

/*
 * Names in a visible byline written in Latin script: "By Jane Doe and
 * John Roe", "By\nNathan Willis\nMarch 25, 2015", "Par Sébastien Farcis".
 * A leading "By" (or Par, Von, Por, Written by) is skipped; names are
 * runs of two to five capitalised words (particles such as "de" and "van"
 * inside), split at "and", "&" and commas; the first word that is a
 * date, a digit, a role ("Staff", "Editor") or lower case ends the list.
 * Names are pushed to `names` unless already there.  Returns how many
 * were added.
 */
size_t nf_article_add_byline_names(struct nf_strv *names, const char *s,
				   size_t len);

#endif
