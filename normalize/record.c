#include "normalize/record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "normalize/fingerprint.h"
#include "normalize/repeats.h"
#include "base/banned.h"

void
nf_record_init(struct nf_record *r)
{
	memset(r, 0, sizeof(*r));
	nf_article_init(&r->art);
	r->source.offset = -1;
}

const char *
nf_fact_change_name(enum nf_fact_change_kind k)
{
	switch (k) {
	case NF_FACT_ADDED:
		return "added";
	case NF_FACT_REMOVED:
		return "removed";
	case NF_FACT_CHANGED:
		return "changed";
	}
	return "changed";
}

static void
release_side(struct nf_fact_side *s)
{
	free(s->surface);
	free(s->value);
	free(s->unit);
}

void
nf_record_release(struct nf_record *r)
{
	for (size_t i = 0; i < r->nchanged_facts; i++) {
		release_side(&r->changed_facts[i].before);
		release_side(&r->changed_facts[i].after);
	}
	free(r->changed_facts);
	free(r->url);
	free(r->canonical_url);
	free(r->origin_url);
	nf_article_release(&r->art);
	free(r->source.file);
	free(r->source.warc_record_id);
	free(r->facts);
	nf_record_init(r);
}

/* ---- the record ---- */

void
nf_record_hash_id(const char *s, size_t n, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[32];

	nf_fp_sha256(s, n, md);
	for (size_t i = 0; i < 8; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[16] = '\0';
}

/* A host without the prefixes of its mobile and AMP editions. */
static const char *
site_of(const char *host)
{
	static const char *const prefixes[] = {"www.", "m.", "mobile.", "amp."};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t n = strlen(prefixes[i]);

		if (strncmp(host, prefixes[i], n) == 0 && host[n])
			return host + n;
	}
	return host;
}

static bool
same_site(const char *a, const char *b)
{
	char ha[256], hb[256];

	if (!nf_url_host(a, ha, sizeof(ha)) || !nf_url_host(b, hb, sizeof(hb)))
		return false;
	return strcmp(site_of(ha), site_of(hb)) == 0;
}

/*
 * The page's own canonical link is trusted only on its own site: a
 * syndicated copy often points at the original outlet, and taking that
 * would give two different pages one id.
 */
static char *
canonical_url_of(const char *url, const char *declared, char **origin)
{
	char *canon = NULL;

	*origin = NULL;
	if (declared && *declared) {
		char *resolved = nf_url_resolve(url, declared);

		if (resolved && (!url || same_site(url, resolved)))
			canon = nf_url_canonical(resolved);
		else if (resolved && nf_url_host(resolved, (char[256]){0}, 256))
			*origin = nf_url_canonical(resolved);
		free(resolved);
	}
	if (!canon && url)
		canon = nf_url_canonical(url);
	return canon;
}

static char *
dup_or_null(const char *s)
{
	return s ? nf_xstrdup(s) : NULL;
}

nf_err
nf_record_build(struct nf_record *r, struct nf_article *art,
		struct nf_figure *figs, size_t nfigs, const char *url,
		const char *charset, const struct nf_source *src,
		struct nf_dedup *dedup)
{
	struct nf_cut *cuts = NULL;
	size_t ncuts = 0, ncp;
	uint32_t *cp;
	uint64_t *sh;
	size_t nsh;
	nf_err err;

	r->art = *art;
	nf_article_init(art);
	r->facts = figs;
	r->nfacts = nfigs;
	r->url = dup_or_null(url);
	r->charset = charset;
	if (src) {
		r->source.file = dup_or_null(src->file);
		r->source.warc_record_id = dup_or_null(src->warc_record_id);
		r->source.offset = src->offset;
	}
	nf_buf_terminate(&r->art.text);

	err = nf_repeats_find(r->art.text.data, r->art.text.len, &cuts, &ncuts,
			      &r->repeats_removed);
	if (err)
		return err;
	nf_repeats_apply(&r->art.text, cuts, ncuts, r->facts, &r->nfacts);
	free(cuts);
	/* A hidden print copy the extractor left out was a dropped copy too. */
	r->repeats_removed += r->art.hidden_copies;

	r->canonical_url =
	    canonical_url_of(url, r->art.canonical_url, &r->origin_url);
	/* A portal's 기사원문 link names the original better than any. */
	if (r->art.origin_url) {
		char *origin = nf_url_canonical(r->art.origin_url);

		if (origin && (!r->canonical_url ||
			       strcmp(origin, r->canonical_url) != 0)) {
			free(r->origin_url);
			r->origin_url = origin;
		} else {
			free(origin);
		}
	}
	if (r->canonical_url)
		nf_record_hash_id(r->canonical_url, strlen(r->canonical_url),
				  r->id);
	else
		nf_record_hash_id(r->art.text.data, r->art.text.len, r->id);

	ncp = nf_fp_match_form(r->art.text.data, r->art.text.len, &cp);
	nsh = nf_fp_shingle_hashes(cp, ncp, &sh);
	snprintf(r->fingerprint, sizeof(r->fingerprint), "%016llx",
		 (unsigned long long)nf_fp_simhash_of(sh, nsh));
	memcpy(r->cluster, r->id, sizeof(r->cluster));
	r->duplicate_of[0] = '\0';
	r->version_of[0] = '\0';
	err = dedup ? nf_dedup_classify(dedup, r, cp, ncp, sh, nsh) : NF_OK;
	free(sh);
	free(cp);
	return err;
}
