/*
 * Tests of extract/prune: hand-made cases of what is dropped and kept,
 * then every page of three corpora (article-extraction-benchmark,
 * ko-news, Readability's test pages) parsed by libxml2 whole and pruned:
 * the two trees must be the same once comments and the text of dropped
 * scripts and style sheets are left out.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "testlib.h"

#include "extract/prune.h"

static void
check_prune(const char *in, const char *want)
{
	struct nf_buf out = NF_BUF_INIT(0);

	nf_prune_html(&out, in, strlen(in));
	nf_buf_terminate(&out);
	NF_CHECK_STR(out.data ? out.data : "", want);
	nf_buf_release(&out);
}

static htmlDocPtr
parse(const char *s, size_t n)
{
	return htmlReadMemory(s, (int)n, NULL, "UTF-8",
			      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				  HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				  HTML_PARSE_COMPACT);
}

static bool
is_raw_text(const xmlNode *n)
{
	return n && n->name &&
	       (xmlStrcasecmp(n->name, BAD_CAST "style") == 0 ||
		xmlStrcasecmp(n->name, BAD_CAST "script") == 0);
}

/*
 * The tree as one string: elements with their attributes, text with
 * adjacent nodes run together; comments and script/style text left out
 * (the script texts are gathered into `scripts`, one per line, instead).
 * Recursion is bounded by libxml2's own depth limit.
 */
static void
flatten(struct nf_buf *out, struct nf_buf *scripts, const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			struct nf_buf *to = is_raw_text(n->parent) ? scripts : out;

			if (n->content)
				nf_buf_append_str(to, (const char *)n->content);
			if (to == scripts)
				nf_buf_append_char(scripts, '\x1e');
		} else if (n->type == XML_ELEMENT_NODE) {
			nf_buf_append_char(out, '\x01');
			nf_buf_append_str(out, (const char *)n->name);
			for (const xmlAttr *x = n->properties; x; x = x->next) {
				xmlChar *v;

				if (!nf_prune_keeps_attr((const char *)x->name,
							 strlen((const char *)x->name)))
					continue;
				v = xmlNodeGetContent((const xmlNode *)x);

				nf_buf_append_char(out, '\x02');
				nf_buf_append_str(out, (const char *)x->name);
				nf_buf_append_char(out, '=');
				if (v)
					nf_buf_append_str(out, (const char *)v);
				xmlFree(v);
			}
			nf_buf_append_char(out, '\x03');
			flatten(out, scripts, n->children);
			nf_buf_append_char(out, '\x04');
		}
	}
}

/* Whether every script text of the pruned tree is one of the whole's. */
static bool
scripts_kept_whole(const struct nf_buf *whole, const struct nf_buf *pruned)
{
	const char *p = pruned->data, *end = p + pruned->len;

	while (p && p < end) {
		const char *e = memchr(p, '\x1e', (size_t)(end - p));
		bool found = false;

		if (!e)
			break;
		for (const char *q = whole->data, *qe = q + whole->len; q && q < qe;) {
			const char *f = memchr(q, '\x1e', (size_t)(qe - q));

			if (!f)
				break;
			if (f - q == e - p && memcmp(q, p, (size_t)(e - p)) == 0) {
				found = true;
				break;
			}
			q = f + 1;
		}
		if (!found)
			return false;
		p = e + 1;
	}
	return true;
}

static bool
same_tree(const xmlDoc *a, const xmlDoc *b)
{
	struct nf_buf fa = NF_BUF_INIT(0), fb = NF_BUF_INIT(0);
	struct nf_buf sa = NF_BUF_INIT(0), sb = NF_BUF_INIT(0);
	bool same;

	flatten(&fa, &sa, xmlDocGetRootElement(a));
	flatten(&fb, &sb, xmlDocGetRootElement(b));
	same = fa.len == fb.len && (!fa.len || memcmp(fa.data, fb.data, fa.len) == 0) &&
	       scripts_kept_whole(&sa, &sb);
	nf_buf_release(&fa);
	nf_buf_release(&fb);
	nf_buf_release(&sa);
	nf_buf_release(&sb);
	return same;
}

static char *
read_page(const char *path, size_t *len)
{
	size_t n = strlen(path), cap = 1 << 20;
	char *buf;
	gzFile f;
	int k;

	if (n < 3 || strcmp(path + n - 3, ".gz") != 0)
		return nf_test_slurp(path, len);
	f = gzopen(path, "rb");
	NF_CHECK(f != NULL, "open %s", path);
	if (!f)
		return NULL;
	buf = nf_xmalloc(cap);
	*len = 0;
	while ((k = gzread(f, buf + *len, (unsigned)(cap - *len))) > 0) {
		*len += (size_t)k;
		if (*len == cap)
			buf = nf_xrealloc(buf, cap *= 2);
	}
	gzclose(f);
	return buf;
}

static size_t pages, passed, shrunk;
static size_t bytes_in, bytes_out;

static void
check_page(const char *path)
{
	struct nf_buf out = NF_BUF_INIT(0);
	size_t len;
	char *html = read_page(path, &len);
	htmlDocPtr a, b;
	bool ok;

	if (!html)
		return;
	nf_prune_html(&out, html, len);
	a = parse(html, len);
	b = parse(out.data, out.len);
	ok = a && b && same_tree(a, b);
	NF_CHECK(ok, "pruned parse differs: %s", path);
	pages++;
	passed += ok;
	shrunk += out.len < len;
	bytes_in += len;
	bytes_out += out.len;
	xmlFreeDoc(a);
	xmlFreeDoc(b);
	nf_buf_release(&out);
	free(html);
}

/* Every file under dir (one level of subdirectories) named like suffix. */
static void
check_dir(const char *dir, const char *sub, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	NF_CHECK(d != NULL, "corpus %s", dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[4096];
		size_t n = strlen(e->d_name), k = strlen(suffix);

		if (e->d_name[0] == '.')
			continue;
		if (sub)
			snprintf(path, sizeof(path), "%s/%s/%s", dir, e->d_name, sub);
		else if (n > k && strcmp(e->d_name + n - k, suffix) == 0)
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		else
			continue;
		if (sub) {
			FILE *f = fopen(path, "rb");

			if (!f)
				continue;
			fclose(f);
		}
		check_page(path);
	}
	closedir(d);
}

int
main(void)
{
	/* Script and style contents go; the tags stay. */
	check_prune("<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>",
		    "<p>a</p><script></script><p>b</p>");
	check_prune("<STYLE type=\"text/css\">p { color: red }</Style>x",
		    "<STYLE type=\"text/css\"></Style>x");
	check_prune("<script src=\"a.js\"></script>", "<script src=\"a.js\"></script>");
	/* The first "</script" ends it, as in libxml2. */
	check_prune("<script>document.write(\"</scr\" + \"ipt>\")</script>y",
		    "<script></script>y");
	check_prune("<script>a = '</script>'; b</script>",
		    "<script></script>'; b</script>");
	/* Scripts the extractor reads are kept whole. */
	check_prune("<script type=\"application/ld+json\">{\"a\": 1}</script>",
		    "<script type=\"application/ld+json\">{\"a\": 1}</script>");
	check_prune("<script id=\"__NEXT_DATA__\" type=\"application/json\">{}</script>",
		    "<script id=\"__NEXT_DATA__\" type=\"application/json\">{}</script>");
	check_prune("<script>Fusion.globalContent={\"x\":1};</script>",
		    "<script>Fusion.globalContent={\"x\":1};</script>");
	/* Comments go, including markup inside them. */
	check_prune("a<!-- <script>x</script> -->b", "ab");
	check_prune("a<!-- x -- y -->b<!---->c", "abc");
	/* Quoted attribute values are not markup. */
	check_prune("<a class=\"<script>\">t</a><p>u</p>",
		    "<a class=\"<script>\">t</a><p>u</p>");
	check_prune("<img alt='<!--'>v<!--w-->", "<img alt='<!--'>v");
	check_prune("<script class=\"a>b\">z</script>", "<script class=\"a>b\"></script>");
	/* Other names that start like script are not scripts. */
	check_prune("<scripts>k</scripts><script-x>k</script-x>",
		    "<scripts>k</scripts><script-x>k</script-x>");
	/* <script/> is empty for libxml2: what follows is content. */
	check_prune("<script/><p>kept</p>", "<script/><p>kept</p>");
	/* Unterminated: copied as it is. */
	check_prune("a<!-- b", "a<!-- b");
	check_prune("a<script>b", "a<script>b");
	check_prune("a<script", "a<script");
	check_prune("<", "<");
	check_prune("", "");
	/* Attributes nobody reads go; the read ones stay, verbatim. */
	check_prune("<img srcset=\"a.jpg 1x, b.jpg 2x\" alt='사진' width=640 data-x>",
		    "<img alt='사진'>");
	check_prune("<a href=/a/ onclick=\"go()\">x</a>", "<a href=/a/>x</a>");
	check_prune("<br data-a=\"1\"/>", "<br/>");
	check_prune("<div CLASS=\"body\"data-k=\"v\" id=main>",
		    "<div CLASS=\"body\" id=main>");
	check_prune("<p class=\"a\">keep as is</p>", "<p class=\"a\">keep as is</p>");
	check_prune("<script type=\"application/ld+json\" nonce=\"x1\">{}</script>",
		    "<script type=\"application/ld+json\">{}</script>");
	check_prune("<script async src=\"a.js\" data-n=\"1\">go()</script>",
		    "<script src=\"a.js\"></script>");
	/* Not plain enough to be sure how libxml2 reads it: as it is. */
	check_prune("<html ⚡ lang=\"ko\" data-x=1>", "<html ⚡ lang=\"ko\" data-x=1>");
	check_prune("<div a\"b\" data-x=1 class=c>", "<div a\"b\" data-x=1 class=c>");
	check_prune("<div data-x=\"1 class=c>", "<div data-x=\"1 class=c>");
	NF_CHECK(nf_prune_keeps_attr("CLASS", 5) && nf_prune_keeps_attr("data-date-time", 14) &&
		     !nf_prune_keeps_attr("srcset", 6) && !nf_prune_keeps_attr("clas", 4),
		 "kept attribute names");
	/* Korean text passes through byte for byte. */
	check_prune("<p>기사 본문</p><style>.a{}</style><p>둘째 문단</p>",
		    "<p>기사 본문</p><style></style><p>둘째 문단</p>");

	check_dir(nf_test_shared("corpus/article-extraction-benchmark/html"), NULL, ".html.gz");
	check_dir(nf_test_shared("corpus/ko-news/pages"), NULL, ".html");
	check_dir(nf_test_shared("corpus/readability-test-pages"), "source.html", "");
	printf("prune: %zu/%zu corpus pages parse the same pruned; %zu shrunk, "
	       "%zu of %zu bytes kept (%.0f%%)\n",
	       passed, pages, shrunk, bytes_out, bytes_in,
	       bytes_in ? 100.0 * (double)bytes_out / (double)bytes_in : 0.0);
	NF_CHECK(pages >= 300, "corpus pages found: %zu", pages);
	return nf_test_done("prune");
}
