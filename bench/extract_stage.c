/*
 * bench/extract_stage.c - what the readability peers do, done by newsfact's
 * modules: read each file of a list (gunzipping .gz as newsfact does),
 * decode its charset, extract the article (main text and metadata), and
 * print one JSON line {"file", "text"} per page.  No figures, no
 * normaliser, no record writer: the extraction stage alone, for the speed
 * comparison in bench/extract_bench.py.
 *
 *   extract_stage LIST > out.jsonl
 */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "crawler/input.h"
#include "extract/article.h"
#include "extract/charset.h"

int
main(int argc, char **argv)
{
	char line[4096];
	FILE *list;
	int failed = 0;

	nf_malloc_tune(); /* as newsfact's main() does */
	if (argc != 2 || !(list = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: extract_stage LIST\n");
		return 2;
	}
	while (fgets(line, sizeof(line), list)) {
		struct nf_buf bytes = NF_BUF_INIT(0);
		struct nf_decoded dec;
		struct nf_article a;
		cJSON *o;
		char *js;

		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		if (nf_input_read(&bytes, line, 0) != NF_OK ||
		    nf_charset_decode(&dec, bytes.data ? bytes.data : "",
				      bytes.len, NULL, 0) != NF_OK) {
			fprintf(stderr, "extract_stage: %s: %s\n", line,
				nf_last_error());
			nf_buf_release(&bytes);
			failed = 1;
			continue;
		}
		nf_buf_release(&bytes);
		nf_article_init(&a);
		if (nf_article_from_html(&a, dec.text.data, dec.text.len, NULL,
					 0) != NF_OK) {
			fprintf(stderr, "extract_stage: %s: %s\n", line,
				nf_last_error());
			failed = 1;
		}
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "file", line);
		cJSON_AddStringToObject(o, "text", a.text.data ? a.text.data : "");
		js = cJSON_PrintUnformatted(o);
		puts(js);
		cJSON_free(js);
		cJSON_Delete(o);
		nf_article_release(&a);
		nf_decoded_release(&dec);
	}
	fclose(list);
	return failed;
}
