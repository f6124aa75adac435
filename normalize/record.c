#include "normalize/record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "normalize/fingerprint.h"
#include "normalize/repeats.h"

void
nf_record_init(struct nf_record *r)
{
	memset(r, 0, sizeof(*r));
	nf_article_init(&r->art);
	r->source.offset = -1;
}

void
nf_record_release(struct nf_record *r)
{
	free(r->url);
	free(r->canonical_url);
	nf_article_release(&r->art);
	free(r->source.file);
	free(r->source.warc_record_id);
	free(r->facts);
	nf_record_init(r);
}

/* ---- duplicates within one run ---- */

struct dedup_entry {
	unsigned char body[16]; /* nf_fp_body_hash() of the final text */
	uint64_t simhash;	/* kept for near-duplicate matching */
	char id[17];
	char cluster[17];
};

/*
 * Exact body hashes, open addressing over indexes into `v`.
 *
 * TODO: near-duplicates across pages need a MinHash signature per entry
 * and LSH band buckets (dedup-normalize.md §5.2-5.3); they belong here,
 * beside the exact table, once the --state database holds them too.
 */
struct nf_dedup {
	struct dedup_entry *v;
	size_t n, alloc;
	size_t *slot; /* index into v, SIZE_MAX when empty */
	size_t cap;   /* power of two, kept at least twice n */
};

struct nf_dedup *
nf_dedup_new(void)
{
	struct nf_dedup *d = nf_xcalloc(1, sizeof(*d));

	d->cap = 64;
	d->slot = nf_xmalloc(d->cap * sizeof(*d->slot));
	for (size_t i = 0; i < d->cap; i++)
		d->slot[i] = SIZE_MAX;
	return d;
}

void
nf_dedup_free(struct nf_dedup *d)
{
	if (!d)
		return;
	free(d->v);
	free(d->slot);
	free(d);
}

static size_t
body_slot(const unsigned char body[16], size_t mask)
{
	uint64_t h;

	/* The body hash is SHA-256: any 8 of its bytes are uniform. */
	memcpy(&h, body, sizeof(h));
	return (size_t)h & mask;
}

/* The entry with this body hash, or NULL. */
static const struct dedup_entry *
dedup_find(const struct nf_dedup *d, const unsigned char body[16])
{
	size_t mask = d->cap - 1;

	for (size_t at = body_slot(body, mask); d->slot[at] != SIZE_MAX;
	     at = (at + 1) & mask) {
		if (memcmp(d->v[d->slot[at]].body, body, 16) == 0)
			return &d->v[d->slot[at]];
	}
	return NULL;
}

static void
dedup_put_slot(struct nf_dedup *d, size_t index)
{
	size_t mask = d->cap - 1, at = body_slot(d->v[index].body, mask);

	while (d->slot[at] != SIZE_MAX)
		at = (at + 1) & mask;
	d->slot[at] = index;
}

static void
dedup_add(struct nf_dedup *d, const struct dedup_entry *e)
{
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 64;
		d->v = nf_xrealloc(d->v, d->alloc * sizeof(*d->v));
	}
	d->v[d->n++] = *e;
	if (2 * d->n > d->cap) {
		free(d->slot);
		d->cap *= 2;
		d->slot = nf_xmalloc(d->cap * sizeof(*d->slot));
		for (size_t i = 0; i < d->cap; i++)
			d->slot[i] = SIZE_MAX;
		for (size_t i = 0; i < d->n; i++)
			dedup_put_slot(d, i);
	} else {
		dedup_put_slot(d, d->n - 1);
	}
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
canonical_url_of(const char *url, const char *declared)
{
	char *canon = NULL;

	if (declared && *declared) {
		char *resolved = nf_url_resolve(url, declared);

		if (resolved && (!url || same_site(url, resolved)))
			canon = nf_url_canonical(resolved);
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

	r->canonical_url = canonical_url_of(url, r->art.canonical_url);
	if (r->canonical_url)
		nf_record_hash_id(r->canonical_url, strlen(r->canonical_url),
				  r->id);
	else
		nf_record_hash_id(r->art.text.data, r->art.text.len, r->id);

	ncp = nf_fp_match_form(r->art.text.data, r->art.text.len, &cp);
	struct dedup_entry e = {.simhash = nf_fp_simhash(cp, ncp)};

	snprintf(r->fingerprint, sizeof(r->fingerprint), "%016llx",
		 (unsigned long long)e.simhash);
	memcpy(r->cluster, r->id, sizeof(r->cluster));
	r->duplicate_of[0] = '\0';
	/* An empty body says nothing about the story: never a duplicate. */
	if (dedup && ncp) {
		const struct dedup_entry *first;

		nf_fp_body_hash(cp, ncp, e.body);
		first = dedup_find(dedup, e.body);
		if (first) {
			memcpy(r->duplicate_of, first->id,
			       sizeof(r->duplicate_of));
			memcpy(r->cluster, first->cluster, sizeof(r->cluster));
		} else {
			memcpy(e.id, r->id, sizeof(e.id));
			memcpy(e.cluster, r->cluster, sizeof(e.cluster));
			dedup_add(dedup, &e);
		}
	}
	free(cp);
	return NF_OK;
}
