#include "cli/pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/url.h"
#include "cli/progress.h"
#include "crawler/input.h"
#include "crawler/warc.h"
#include "extract/article.h"
#include "extract/charset.h"
#include "extract/figures.h"
#include "normalize/record.h"
#include "output/writer.h"
#include "base/banned.h"

struct nf_config
nf_config_defaults(void)
{
	return (struct nf_config){
	    .max_input_bytes = 64u << 20,
	    .max_text_bytes = 64u << 20,
	    .max_figures = 100000,
	};
}

nf_err
nf_pipeline_init(struct nf_pipeline *p)
{
	nf_err err;

	p->cfg = nf_config_defaults();
	err = nf_figures_new(&p->figures);
	if (err)
		return err;
	if (!p->state_path) {
		p->dedup = nf_dedup_new();
		return NF_OK;
	}
	err = nf_dedup_open_state(&p->dedup, p->state_path);
	if (err) {
		nf_figures_free(p->figures);
		p->figures = NULL;
	}
	return err;
}

nf_err
nf_pipeline_close_state(struct nf_pipeline *p)
{
	nf_err err = nf_dedup_close(p->dedup);

	p->dedup = NULL;
	return err;
}

void
nf_pipeline_release(struct nf_pipeline *p)
{
	nf_figures_free(p->figures);
	nf_dedup_free(p->dedup);
	p->figures = NULL;
	p->dedup = NULL;
}

static void
report(struct nf_pipeline *p, const char *input, const char *stage)
{
	const char *msg = nf_last_error();
	size_t n = strlen(stage);

	/* Modules often start their message with their own name already. */
	if (strncmp(msg, stage, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		msg += n + 2;
	p->failed++;
	if (p->progress)
		nf_progress_clear(p->progress);
	nf_log_error("%s: %s: %s", input, stage, msg);
}

static void
progress(struct nf_pipeline *p)
{
	if (p->progress)
		nf_progress_update(p->progress, p->inputs, p->records,
				   p->failed);
}

/*
 * The URL a record carries: --url, then an absolute canonical or og:url
 * link of the page; NULL when neither (the source file names the record).
 */
static const char *
record_url(const struct nf_pipeline *p, const struct nf_article *art)
{
	if (p->url)
		return p->url;
	if (art->canonical_url &&
	    nf_url_host(art->canonical_url, (char[256]){0}, 256))
		return art->canonical_url;
	return NULL;
}

/*
 * Extract, find figures, normalise and write one decoded document.
 * `doc_url` is the URL the bytes came from (WARC-Target-URI), or NULL.
 */
static nf_err
process_document(struct nf_pipeline *p, const char *input,
		 enum nf_input_kind kind, const struct nf_decoded *dec,
		 const char *doc_url, const struct nf_source *src)
{
	struct nf_article art;
	struct nf_record rec;
	struct nf_figure *figs = NULL;
	size_t nfigs = 0;
	char *url = NULL;
	const char *page_url = doc_url ? doc_url : p->url;
	nf_err err;

	nf_article_init(&art);
	nf_record_init(&rec);
	if (kind == NF_INPUT_TEXT)
		err = nf_article_from_text(&art, dec->text.data, dec->text.len);
	else
		err = nf_article_from_html(&art, dec->text.data, dec->text.len,
					   page_url, p->cfg.max_text_bytes);
	if (err) {
		report(p, input, "extract");
		goto out;
	}
	err = nf_figures_find(p->figures, art.text.data ? art.text.data : "",
			      art.text.len, &figs, &nfigs, p->cfg.max_figures);
	if (err) {
		report(p, input, "figures");
		goto out;
	}
	if (doc_url)
		url = nf_xstrdup(doc_url);
	else if (record_url(p, &art))
		url = nf_xstrdup(record_url(p, &art));
	err = nf_record_build(&rec, &art, figs, nfigs, url, dec->charset, src,
			      p->dedup);
	figs = NULL;
	if (err) {
		report(p, input, "normalize");
		goto out;
	}
	if (p->fetched_at)
		snprintf(rec.fetched_at, sizeof(rec.fetched_at), "%s",
			 p->fetched_at);
	err = nf_writer_put(p->out, &rec);
	if (err) {
		report(p, input, "output");
		p->out_broken = err == NF_ERR_IO;
		goto out;
	}
	p->records++;
	p->facts += rec.nfacts;
	progress(p);
out:
	free(url);
	free(figs);
	nf_record_release(&rec);
	nf_article_release(&art);
	return err;
}

/* Every HTML response of a WARC file, each a document of its own. */
static nf_err
run_warc(struct nf_pipeline *p, const char *path)
{
	struct nf_warc_reader *r;
	struct nf_warc_doc doc;
	bool eof = false;
	nf_err err = NF_OK;

	if (nf_warc_open(&r, path, p->cfg.max_input_bytes) != NF_OK) {
		report(p, path, "read");
		return NF_OK;
	}
	while (!eof) {
		struct nf_decoded dec;
		char where[4200];
		if (nf_warc_next(r, &doc, &eof) != NF_OK) {
			/* Framing damage ends the file; payload damage one
			 * record. */
			report(p, path, "warc");
			continue;
		}
		if (eof)
			break;
		snprintf(where, sizeof(where), "%s@%lld", path, doc.offset);
		struct nf_source src = {(char *)path, doc.record_id,
					doc.offset};
		err = nf_charset_decode(
		    &dec, doc.body.data ? doc.body.data : "", doc.body.len,
		    doc.content_type, p->cfg.max_text_bytes);
		if (err) {
			report(p, where, "charset");
		} else {
			err = process_document(p, where, NF_INPUT_HTML, &dec,
					       doc.target_uri, &src);
			nf_decoded_release(&dec);
		}
		nf_warc_doc_release(&doc);
		if (p->out_broken)
			break;
	}
	nf_warc_close(r);
	return p->out_broken ? NF_ERR_IO : NF_OK;
}

static nf_err
run_file(struct nf_pipeline *p, const char *path)
{
	struct nf_buf bytes = NF_BUF_INIT(0);
	struct nf_decoded dec;
	enum nf_input_kind kind = nf_input_kind_of(path);
	nf_err err;

	p->inputs++;
	memset(&dec, 0, sizeof(dec));
	if (strcmp(path, "-") == 0)
		kind = NF_INPUT_HTML;
	if (kind == NF_INPUT_WARC)
		return run_warc(p, path);
	err = nf_input_read(&bytes, path, p->cfg.max_input_bytes);
	if (!err && bytes.len == 0)
		err = nf_fail(NF_ERR_PARSE, "empty input");
	if (err) {
		report(p, path, "read");
		goto out;
	}
	err = nf_charset_decode(&dec, bytes.data, bytes.len, NULL,
				p->cfg.max_text_bytes);
	nf_buf_release(&bytes); /* dec holds its own copy: halve the peak */
	if (err) {
		report(p, path, "charset");
		goto out;
	}
	struct nf_source src = {(char *)path, NULL, -1};
	err = process_document(p, path, kind, &dec, NULL, &src);
	nf_decoded_release(&dec);
out:
	nf_buf_release(&bytes);
	progress(p);
	/* Only a failed write ends the batch: the output is gone. */
	return p->out_broken ? NF_ERR_IO : NF_OK;
}

nf_err
nf_pipeline_run_path(struct nf_pipeline *p, const char *path)
{
	struct nf_strv paths = {0};
	nf_err err = NF_OK;

	if (strcmp(path, "-") != 0 && nf_input_is_dir(path)) {
		if (nf_input_walk(path, &paths) != NF_OK) {
			p->inputs++;
			report(p, path, "read");
			return NF_OK;
		}
		for (size_t i = 0; i < paths.n && !err; i++)
			err = run_file(p, paths.v[i]);
		nf_strv_release(&paths);
		return err;
	}
	return run_file(p, path);
}

nf_err
nf_pipeline_run_bytes(struct nf_pipeline *p, const char *bytes, size_t len,
		      const char *content_type, const char *url,
		      const struct nf_source *source)
{
	struct nf_decoded dec;
	nf_err err;

	p->inputs++;
	err = nf_charset_decode(&dec, bytes, len, content_type,
				p->cfg.max_text_bytes);
	if (err) {
		report(p, url, "charset");
	} else {
		process_document(p, url, NF_INPUT_HTML, &dec, url, source);
		nf_decoded_release(&dec);
	}
	progress(p);
	return p->out_broken ? NF_ERR_IO : NF_OK;
}
