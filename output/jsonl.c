#include "output/jsonl.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "base/banned.h"

/* A string or JSON null. */
static void
add_str(cJSON *o, const char *key, const char *s)
{
	if (s && *s)
		cJSON_AddItemToObject(o, key, cJSON_CreateString(s));
	else
		cJSON_AddItemToObject(o, key, cJSON_CreateNull());
}

static void
add_strn(cJSON *o, const char *key, const char *s, size_t n)
{
	char *copy = nf_xstrndup(s, n);

	cJSON_AddItemToObject(o, key, cJSON_CreateString(copy));
	free(copy);
}

/*
 * Numbers go out as raw literals with their exact digits: a cJSON number
 * would pass through a double and turn 160400000000000.5 or 10^17 into
 * something else.
 */
static void
add_decimal(cJSON *o, const char *key, struct nf_decimal d)
{
	char digits[NF_DECIMAL_MAX];

	cJSON_AddItemToObject(o, key,
			      cJSON_CreateRaw(nf_decimal_format(d, digits)));
}

static void
add_size(cJSON *o, const char *key, size_t v)
{
	char digits[32];

	snprintf(digits, sizeof(digits), "%zu", v);
	cJSON_AddItemToObject(o, key, cJSON_CreateRaw(digits));
}

static cJSON *
fact_object(const struct nf_figure *f, const char *text, size_t len)
{
	cJSON *o = cJSON_CreateObject();
	size_t ss = f->sent_start, se = f->sent_end;

	add_strn(o, "surface", text + f->byte_start,
		 f->byte_end - f->byte_start);
	/* Dates ("2019-11", "---07") and fractions ("2/5") are text. */
	if (f->value_text[0])
		cJSON_AddItemToObject(o, "value",
				      cJSON_CreateString(f->value_text));
	else if (f->has_value)
		add_decimal(o, "value", f->value);
	add_str(o, "unit", f->unit);
	add_str(o, "approx", nf_approx_name(f->approx));
	if (f->approx == NF_APPROX_RANGE || f->approx == NF_APPROX_BAND) {
		add_decimal(o, "range_low", f->range_low);
		add_decimal(o, "range_high", f->range_high);
	}
	if (f->chain[0])
		add_str(o, "chain", f->chain);
	if (f->per[0])
		add_str(o, "per", f->per);
	if (f->note)
		add_str(o, "note", f->note);
	add_size(o, "start", f->start);
	add_size(o, "end", f->end);
	add_size(o, "byte_start", f->byte_start);
	add_size(o, "byte_end", f->byte_end);
	if (se > len || ss > se) {
		ss = f->byte_start;
		se = f->byte_end;
	}
	add_strn(o, "sentence", text + ss, se - ss);
	return o;
}

static nf_err
emit(FILE *f, cJSON *o)
{
	char *line = cJSON_PrintUnformatted(o);
	nf_err err = NF_OK;

	cJSON_Delete(o);
	if (!line)
		return nf_fail(NF_ERR_INTERNAL, "json: cannot format record");
	if (fputs(line, f) == EOF || fputc('\n', f) == EOF || fflush(f) != 0)
		err = nf_fail(NF_ERR_IO, "write: output error");
	free(line);
	return err;
}

/* One side of a changed figure, or null. */
static cJSON *
fact_side(const struct nf_fact_side *s)
{
	cJSON *o;

	if (!s->surface)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	add_str(o, "surface", s->surface);
	/* Digits as a raw literal, like the facts; dates and ranges as text. */
	if (s->value_is_text || !s->value || !*s->value)
		add_str(o, "value", s->value);
	else
		cJSON_AddItemToObject(o, "value", cJSON_CreateRaw(s->value));
	add_str(o, "unit", s->unit);
	return o;
}

static cJSON *
changed_facts(const struct nf_record *r)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < r->nchanged_facts; i++) {
		const struct nf_fact_change *c = &r->changed_facts[i];
		cJSON *o = cJSON_CreateObject();

		add_str(o, "change", nf_fact_change_name(c->kind));
		cJSON_AddItemToObject(o, "before", fact_side(&c->before));
		cJSON_AddItemToObject(o, "after", fact_side(&c->after));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
str_array(const struct nf_strv *sv)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < sv->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(sv->v[i]));
	return a;
}

nf_err
nf_jsonl_write_record(FILE *f, const struct nf_record *r)
{
	cJSON *o = cJSON_CreateObject(), *facts, *src;
	const struct nf_article *a = &r->art;
	const char *text = a->text.data ? a->text.data : "";

	add_str(o, "id", r->id);
	add_str(o, "url", r->url);
	add_str(o, "canonical_url", r->canonical_url);
	add_str(o, "site_name", a->site_name);
	add_str(o, "title", a->title);
	cJSON_AddItemToObject(o, "authors", str_array(&a->authors));
	add_str(o, "published", a->published);
	add_str(o, "modified", a->modified);
	add_str(o, "section", a->section);
	add_str(o, "lang", a->lang);
	add_str(o, "charset", r->charset);
	cJSON_AddItemToObject(o, "text", cJSON_CreateString(text));
	cJSON_AddItemToObject(o, "captions", str_array(&a->captions));
	add_size(o, "repeats_removed", r->repeats_removed);
	add_str(o, "fingerprint", r->fingerprint);
	add_str(o, "duplicate_of", r->duplicate_of);
	add_str(o, "cluster", r->cluster);
	add_str(o, "version_of", r->version_of);
	if (r->version_of[0])
		cJSON_AddItemToObject(o, "changed_facts", changed_facts(r));
	add_str(o, "fetched_at", r->fetched_at);
	src = cJSON_CreateObject();
	add_str(src, "file", r->source.file);
	add_str(src, "warc_record_id", r->source.warc_record_id);
	if (r->source.offset >= 0)
		add_size(src, "offset", (size_t)r->source.offset);
	else
		cJSON_AddItemToObject(src, "offset", cJSON_CreateNull());
	cJSON_AddItemToObject(o, "source", src);
	facts = cJSON_CreateArray();
	for (size_t i = 0; i < r->nfacts; i++)
		cJSON_AddItemToArray(
		    facts, fact_object(&r->facts[i], text, a->text.len));
	cJSON_AddItemToObject(o, "facts", facts);
	return emit(f, o);
}

nf_err
nf_jsonl_write_facts(FILE *f, const struct nf_record *r)
{
	const struct nf_article *a = &r->art;
	const char *text = a->text.data ? a->text.data : "";

	for (size_t i = 0; i < r->nfacts; i++) {
		cJSON *o = fact_object(&r->facts[i], text, a->text.len);
		add_str(o, "article_id", r->id);
		add_str(o, "url", r->url);
		add_str(o, "title", a->title);
		add_str(o, "published", a->published);
		nf_err err = emit(f, o);
		if (err)
			return err;
	}
	return NF_OK;
}

nf_err
nf_jsonl_write_text_fact(FILE *f, const struct nf_figure *fig, const char *text,
			 size_t len, size_t input)
{
	cJSON *o = fact_object(fig, text, len);

	add_size(o, "input", input);
	return emit(f, o);
}

nf_err
nf_jsonl_format_text_fact(struct nf_buf *out, const struct nf_figure *fig,
			  const char *text, size_t len, size_t input)
{
	cJSON *o = fact_object(fig, text, len);
	char *line;
	nf_err err;

	add_size(o, "input", input);
	line = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!line)
		return nf_fail(NF_ERR_INTERNAL, "json: cannot format record");
	err = nf_buf_append_str(out, line);
	if (!err)
		err = nf_buf_append_char(out, '\n');
	free(line);
	return err;
}
