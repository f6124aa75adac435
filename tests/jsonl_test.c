/*
 * Tests of output/jsonl.h: exact number literals, escaping, nulls, the
 * record and fact shapes of RECORDS.md, one line per call.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "testlib.h"

#include "base/utf8.h"
#include "output/jsonl.h"

static char *
capture(nf_err (*write)(FILE *, const struct nf_record *),
	const struct nf_record *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	NF_CHECK(write(f, r) == NF_OK, "write: %s", nf_last_error());
	fclose(f);
	return buf;
}

static struct nf_figure
fig(const char *text, const char *surface, const char *value, const char *unit,
    enum nf_approx approx)
{
	struct nf_figure f = nf_test_figure(text, surface, 0);

	f.sent_start = 0;
	f.sent_end = strlen(text);
	f.unit = unit;
	f.approx = approx;
	if (value) {
		f.has_value = true;
		nf_decimal_parse(&f.value, value, strlen(value));
	}
	return f;
}

int
main(void)
{
	struct nf_record r;
	const char *text =
	    "1위인 미국(1091억달러·약 160조4000억원), 지수는 -0.36, "
	    "\"따옴표\"와 \\ 그리고 7~9만원.";
	char *line;

	nf_record_init(&r);
	memcpy(r.id, "5f0c2a9e41d7b3c8", 17);
	memcpy(r.cluster, r.id, 17);
	r.url = nf_xstrdup("https://news.example.com/a/1");
	r.art.title = nf_xstrdup("제목 \"인용\"");
	nf_strv_push(&r.art.authors, nf_xstrdup("박혜림"));
	nf_buf_append_str(&r.art.text, text);
	r.charset = "UTF-8";
	r.source.file = nf_xstrdup("a.html");
	r.source.offset = -1;
	r.nfacts = 3;
	r.facts = nf_xcalloc(3, sizeof(*r.facts));
	r.facts[0] = fig(text, "160조4000억원", "160400000000000", "KRW",
			 NF_APPROX_ABOUT);
	r.facts[1] = fig(text, "-0.36", "-0.36", "number", NF_APPROX_EXACT);
	r.facts[2] = fig(text, "7~9만원", NULL, "KRW", NF_APPROX_RANGE);
	nf_decimal_parse(&r.facts[2].range_low, "70000", 5);
	nf_decimal_parse(&r.facts[2].range_high, "90000", 5);
	snprintf(r.facts[1].per, sizeof(r.facts[1].per), "10000 person");

	line = capture(nf_jsonl_write_record, &r);
	NF_CHECK(strchr(line, '\n') == line + strlen(line) - 1,
		 "exactly one line");
	NF_CHECK(strstr(line, "\"value\":160400000000000,") != NULL,
		 "exact big literal: %s", line);
	NF_CHECK(strstr(line, "\"value\":-0.36,") != NULL, "exact decimal");
	NF_CHECK(strstr(line, "\"range_low\":70000,\"range_high\":90000") !=
		     NULL,
		 "range literals");
	NF_CHECK(strstr(line, "\"title\":\"제목 \\\"인용\\\"\"") != NULL,
		 "escaped quotes, UTF-8 kept: %s", line);
	NF_CHECK(strstr(line, "\"modified\":null") != NULL, "null when absent");
	NF_CHECK(strstr(line, "\"duplicate_of\":null") != NULL, "null dup");

	cJSON *o = cJSON_Parse(line);
	NF_CHECK(o != NULL, "parses as JSON");
	if (o) {
		cJSON *facts = cJSON_GetObjectItem(o, "facts");
		NF_CHECK(cJSON_GetArraySize(facts) == 3, "3 facts");
		cJSON *f2 = cJSON_GetArrayItem(facts, 2);
		NF_CHECK(cJSON_GetObjectItem(f2, "value") == NULL,
			 "no value for a range");
		NF_CHECK_STR(
		    cJSON_GetStringValue(cJSON_GetObjectItem(f2, "surface")),
		    "7~9만원");
		cJSON *f1 = cJSON_GetArrayItem(facts, 1);
		NF_CHECK_STR(
		    cJSON_GetStringValue(cJSON_GetObjectItem(f1, "per")),
		    "10000 person");
		NF_CHECK(cJSON_GetObjectItem(f2, "per") == NULL,
			 "per only when set");
		NF_CHECK(cJSON_GetObjectItem(f2, "chain") == NULL,
			 "chain only when set");
		cJSON *src = cJSON_GetObjectItem(o, "source");
		NF_CHECK(cJSON_IsNull(cJSON_GetObjectItem(src, "offset")),
			 "no offset");
		NF_CHECK_STR(
		    cJSON_GetStringValue(cJSON_GetObjectItem(o, "text")), text);
		cJSON_Delete(o);
	}
	free(line);

	line = capture(nf_jsonl_write_facts, &r);
	size_t lines = 0;
	for (char *p = line; *p; p++)
		lines += *p == '\n';
	NF_CHECK(lines == 3, "--facts: one line per fact, got %zu", lines);
	NF_CHECK(strstr(line, "\"article_id\":\"5f0c2a9e41d7b3c8\"") != NULL,
		 "article_id");
	free(line);

	nf_record_release(&r);
	return nf_test_done("jsonl_test");
}
