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

#include <stddef.h>

#include "base/buf.h"

struct nf_article {
	char *title;	     /* NULL when absent */
	char *site_name;     /* publisher, not the portal; NULL when absent */
	char *canonical_url; /* rel=canonical or og:url as written; or NULL */
	char *published;     /* ISO 8601 with offset (+09:00 if none) or NULL */
	char *modified;	     /* same */
	char *section;	     /* NULL when absent */
	char *lang;	     /* "ko", "en", ... or NULL */
	struct nf_strv authors;	 /* names only, no 기자 or e-mail */
	struct nf_strv captions; /* photo captions belonging to the article */
	struct nf_buf text;	 /* the body, see above */
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

#endif
