/*
 * bench/bare_parse.c - the floor of any libxml2 extractor: read each file
 * of a list (gunzipping .gz, as newsfact does), parse it once with
 * htmlReadMemory and the flags extract/html.c uses, free the tree, with
 * the heap settings of newsfact's main().
 * Prints how many pages it parsed.  Built by bench/extract_bench.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "base/buf.h"

static char *
slurp(const char *path, size_t *len)
{
	gzFile f = gzopen(path, "rb");
	size_t cap = 1 << 20, n = 0;
	char *buf;
	int k;

	if (!f)
		return NULL;
	buf = malloc(cap);
	while (buf && (k = gzread(f, buf + n, (unsigned)(cap - n))) > 0) {
		n += (size_t)k;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	gzclose(f);
	*len = n;
	return buf;
}

int
main(int argc, char **argv)
{
	char line[4096];
	FILE *list;
	size_t pages = 0;

	nf_malloc_tune(); /* the heap settings of newsfact's main() */
	if (argc != 2) {
		fprintf(stderr, "usage: bare_parse LIST\n");
		return 2;
	}
	list = fopen(argv[1], "r");
	if (!list)
		return 2;
	while (fgets(line, sizeof(line), list)) {
		size_t len = strcspn(line, "\r\n");
		char *bytes;
		htmlDocPtr doc;

		line[len] = '\0';
		if (!len)
			continue;
		bytes = slurp(line, &len);
		if (!bytes)
			continue;
		doc = htmlReadMemory(bytes, (int)len, NULL, "UTF-8",
				     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					 HTML_PARSE_NOWARNING |
					 HTML_PARSE_NONET | HTML_PARSE_COMPACT);
		if (doc)
			pages++;
		xmlFreeDoc(doc);
		free(bytes);
	}
	fclose(list);
	printf("%zu\n", pages);
	return 0;
}
