/*
 * crawler/discover.h - finding article URLs: RSS 2.0, RDF (RSS 1.0), Atom,
 * XML sitemaps (with the Google News extension), sitemap indexes, plain-text
 * sitemaps, and the links of an HTML section page.
 *
 * Feeds and sitemaps arrive as raw bytes in any charset, maybe gzipped.
 * Bodies are gunzipped (capped), decoded to UTF-8 (BOM, then the
 * Content-Type charset, then the XML declaration; every EUC-KR label is
 * decoded as CP949), and parsed without loading DTDs, fetching anything or
 * substituting entities.  Malformed XML yields whatever entries could be
 * recovered.  Every URL returned is absolute and canonical
 * (nf_url_canonical(): tracking parameters such as `input` dropped, query
 * order kept); entries whose URL is not http(s) are skipped.
 */
#ifndef NF_CRAWLER_DISCOVER_H
#define NF_CRAWLER_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

enum nf_doc_kind {
	NF_DOC_RSS, /* RSS 0.9x/2.0 and RDF (RSS 1.0) */
	NF_DOC_ATOM,
	NF_DOC_SITEMAP,	      /* <urlset> */
	NF_DOC_SITEMAP_INDEX, /* <sitemapindex> */
	NF_DOC_TEXT_SITEMAP,  /* one URL per line */
	NF_DOC_UNKNOWN
};

/*
 * One discovered URL.  Every string is owned by the array and freed by
 * nf_discovered_free(); all but `url` may be NULL.  Dates are ISO 8601
 * with an explicit offset, "2025-04-08T10:23:00+09:00", keeping the
 * document's offset; a date written without a zone is taken as KST
 * (+09:00), and a date-only value gets T00:00:00.  A date that cannot be
 * read is NULL.
 */
struct nf_discovered {
	char *url;   /* absolute, canonical */
	char *title; /* UTF-8, markup and entities decoded */
	char
	    *published; /* pubDate, dc:date, published, news:publication_date */
	char *updated;	/* sitemap lastmod, Atom updated */
	char *publication; /* news:publication/news:name */
	bool is_sitemap;   /* a child of a sitemap index: fetch and parse it */
};

/*
 * Parse a feed or sitemap.  `bytes` is the HTTP body as received (gzip is
 * recognised by its magic bytes); `content_type` is the HTTP Content-Type
 * header value or NULL; `doc_url` is the document's URL, used to resolve
 * relative links (may be NULL: relative links are then dropped).
 * `max_bytes` caps both the body and its gunzipped size (0 = 50 MiB, the
 * sitemap protocol's limit).  On success *kind tells what the document was
 * and *out and *nout hold the entries in document order (maybe none, with
 * NF_DOC_UNKNOWN for something that is neither a feed nor a sitemap).
 * Errors: NF_ERR_LIMIT when a cap is passed, NF_ERR_PARSE for a corrupt
 * or truncated gzip stream; *out is then NULL and *nout 0.  A charset
 * label ICU does not know is ignored (the bytes are then taken as UTF-8,
 * else CP949, else windows-1252), so charsets never fail.
 */
nf_err nf_discover_parse(const char *bytes, size_t len,
			 const char *content_type, const char *doc_url,
			 size_t max_bytes, enum nf_doc_kind *kind,
			 struct nf_discovered **out, size_t *nout);

void nf_discovered_free(struct nf_discovered *v, size_t n);

/*
 * The links of an HTML page (UTF-8): every a[href] and area[href],
 * resolved against the page URL (or its <base href>), canonicalised,
 * http(s) only, first occurrence kept, in page order.  The crawl engine
 * applies its per-source allow/deny patterns to them.  Appends to `out`,
 * which the caller owns.  Fails only with NF_ERR_PARSE when libxml2 can
 * make nothing of the page.
 */
nf_err nf_discover_links(const char *html_utf8, size_t len,
			 const char *page_url, struct nf_strv *out);

/*
 * The canonical URL an article page declares: <link rel="canonical">, else
 * <meta property="og:url">, resolved and canonicalised.  Malloc'd, or NULL
 * when the page declares none.
 */
char *nf_discover_canonical(const char *html_utf8, size_t len,
			    const char *page_url);

#endif
