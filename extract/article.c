/*
 * extract/article.c - the article record's lifetime and the plain-text
 * path (archived scraped bodies); the HTML path is in html.c.
 */
#include "extract/article.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void
nf_article_init(struct nf_article *a)
{
	memset(a, 0, sizeof(*a));
	a->text = NF_BUF_INIT(0);
}

void
nf_article_release(struct nf_article *a)
{
	free(a->title);
	free(a->site_name);
	free(a->canonical_url);
	free(a->origin_url);
	free(a->published);
	free(a->modified);
	free(a->section);
	free(a->lang);
	nf_strv_release(&a->authors);
	nf_strv_release(&a->captions);
	nf_buf_release(&a->text);
	memset(a, 0, sizeof(*a));
}

/*
 * Scraped text keeps no markup, so the byline inside the text is all we
 * have: "[헤럴드경제=박혜림 기자]" gives the author and the outlet, and a
 * quoted headline glued after it is the title.  The text keeps every
 * repeated copy of the body; collapsing them is the normalizer's job, and
 * it needs the copies cleaned identically.
 */
nf_err
nf_article_from_text(struct nf_article *a, const char *utf8, size_t len)
{
	struct nf_article_byline found = {0};
	nf_err err;

	err = nf_article_clean(a, &found, utf8, len);
	if (err)
		goto out;
	for (size_t i = 0; i < found.names.n; i++)
		if (!nf_strv_contains(&a->authors, found.names.v[i]))
			nf_strv_push(&a->authors, nf_xstrdup(found.names.v[i]));
	if (!a->site_name && found.site) {
		a->site_name = found.site;
		found.site = NULL;
	}
	if (!a->title && found.headline) {
		a->title = found.headline;
		found.headline = NULL;
	}
out:
	nf_buf_terminate(&a->text);
	nf_article_byline_release(&found);
	return err;
}
