#include "output/csv.h"

#include <string.h>

#include "base/banned.h"

static const char *const columns[] = {
    "article_id", "url",    "title",	 "published",  "surface",  "value",
    "unit",	  "approx", "range_low", "range_high", "sentence", NULL,
};

static void
field(FILE *f, const char *s, size_t n, bool last)
{
	bool quote = false;

	for (size_t i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			quote = true;
	if (quote) {
		fputc('"', f);
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '"')
				fputc('"', f);
			fputc(s[i], f);
		}
		fputc('"', f);
	} else {
		fwrite(s, 1, n, f);
	}
	fputs(last ? "\r\n" : ",", f);
}

static void
sfield(FILE *f, const char *s)
{
	field(f, s ? s : "", s ? strlen(s) : 0, false);
}

nf_err
nf_csv_write_header(FILE *f)
{
	for (size_t i = 0; columns[i]; i++)
		field(f, columns[i], strlen(columns[i]), !columns[i + 1]);
	if (fflush(f) != 0 || ferror(f))
		return nf_fail(NF_ERR_IO, "write: output error");
	return NF_OK;
}

nf_err
nf_csv_write_facts(FILE *f, const struct nf_record *r)
{
	const char *text = r->art.text.data ? r->art.text.data : "";
	char num[NF_DECIMAL_MAX];

	for (size_t i = 0; i < r->nfacts; i++) {
		const struct nf_figure *x = &r->facts[i];
		bool ranged =
		    x->approx == NF_APPROX_RANGE || x->approx == NF_APPROX_BAND;
		size_t ss = x->sent_start, se = x->sent_end;

		if (se > r->art.text.len || ss > se) {
			ss = x->byte_start;
			se = x->byte_end;
		}
		sfield(f, r->id);
		sfield(f, r->url);
		sfield(f, r->art.title);
		sfield(f, r->art.published);
		field(f, text + x->byte_start, x->byte_end - x->byte_start,
		      false);
		sfield(f, x->has_value || x->value_text[0]
			      ? nf_figure_value_text(x, num)
			      : "");
		sfield(f, x->unit);
		sfield(f, nf_approx_name(x->approx));
		sfield(f, ranged ? nf_decimal_format(x->range_low, num) : "");
		sfield(f, ranged ? nf_decimal_format(x->range_high, num) : "");
		field(f, text + ss, se - ss, true);
	}
	if (fflush(f) != 0 || ferror(f))
		return nf_fail(NF_ERR_IO, "write: output error");
	return NF_OK;
}
