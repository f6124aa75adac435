/*
 * Tests of extract/charset: the table in tests/data/charset/cases.tsv,
 * label lookups, random bytes, and the shared corpora read in place (the
 * feedparser encoding suite, the synthetic Korean feeds, the ko-news
 * pages, which may not be copied into this repository).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "testlib.h"

#include "base/utf8.h"
#include "extract/charset.h"

#define FEEDPARSER "corpus/feeds/feedparser-encoding"
#define KO_PAGES   "corpus/ko-news/pages"

/* "년" (U+B144), the text of feedparser's EUC-KR cases. */
#define NYEON "\xEB\x85\x84"

static bool
contains(const struct nf_decoded *d, const char *needle)
{
	return d->text.data && strstr(d->text.data, needle) != NULL;
}

/* Valid UTF-8 with no NUL before its end: what every caller relies on. */
static bool
clean_text(const struct nf_decoded *d)
{
	return d->text.data && strlen(d->text.data) == d->text.len &&
	       nf_utf8_valid(d->text.data, d->text.len);
}

static void
run_table(void)
{
	struct nf_tsv t;
	const char *path = nf_test_data("data/charset/cases.tsv");

	nf_tsv_load(&t, path, true);
	int c_name = nf_tsv_col(&t, "name"), c_http = nf_tsv_col(&t, "http"),
	    c_input = nf_tsv_col(&t, "input"), c_max = nf_tsv_col(&t, "max"),
	    c_err = nf_tsv_col(&t, "err"), c_cs = nf_tsv_col(&t, "charset"),
	    c_src = nf_tsv_col(&t, "source"),
	    c_repl = nf_tsv_col(&t, "replacements"),
	    c_mode = nf_tsv_col(&t, "mode"), c_text = nf_tsv_col(&t, "text");

	NF_CHECK(c_text >= 0 && t.nrows > 50, "%s: columns and rows", path);
	for (size_t i = 0; i < t.nrows; i++) {
		const struct nf_tsv_row *r = &t.rows[i];
		const char *name = nf_tsv_get(r, c_name);
		const char *http = nf_tsv_get(r, c_http);
		const char *mode = nf_tsv_get(r, c_mode);
		const char *want = nf_tsv_get(r, c_text);
		const char *repl = nf_tsv_get(r, c_repl);
		bool want_limit = strcmp(nf_tsv_get(r, c_err), "limit") == 0;
		size_t max = strtoul(nf_tsv_get(r, c_max), NULL, 10);
		struct nf_decoded d;
		nf_err err;

		err = nf_charset_decode(
		    &d, nf_tsv_get(r, c_input), r->lens[c_input],
		    strcmp(http, "-") == 0 ? NULL : http, max);
		if (want_limit) {
			NF_CHECK(err == NF_ERR_LIMIT,
				 "%s:%d %s: want limit, got %s", r->file,
				 r->line, name, nf_err_name(err));
			NF_CHECK(strstr(nf_last_error(), nf_tsv_get(r, c_max)),
				 "%s:%d %s: message \"%s\" names the cap",
				 r->file, r->line, name, nf_last_error());
			NF_CHECK(d.text.data == NULL && d.text.len == 0,
				 "%s:%d %s: nothing left to release", r->file,
				 r->line, name);
			continue;
		}
		NF_CHECK(err == NF_OK, "%s:%d %s: %s", r->file, r->line, name,
			 nf_last_error());
		if (err)
			continue;
		NF_CHECK(nf_test_streq(d.charset, nf_tsv_get(r, c_cs)),
			 "%s:%d %s: charset %s, want %s", r->file, r->line,
			 name, d.charset, nf_tsv_get(r, c_cs));
		NF_CHECK(nf_test_streq(d.source, nf_tsv_get(r, c_src)),
			 "%s:%d %s: source %s, want %s", r->file, r->line, name,
			 d.source, nf_tsv_get(r, c_src));
		NF_CHECK(strcmp(repl, "*") == 0 ||
			     d.replacements == strtoul(repl, NULL, 10),
			 "%s:%d %s: %zu replacements, want %s", r->file,
			 r->line, name, d.replacements, repl);
		NF_CHECK(clean_text(&d), "%s:%d %s: output not clean UTF-8",
			 r->file, r->line, name);
		if (strcmp(mode, "is") == 0)
			NF_CHECK(nf_test_streq(d.text.data, want),
				 "%s:%d %s: text \"%s\", want \"%s\"", r->file,
				 r->line, name, d.text.data, want);
		else if (strcmp(mode, "has") == 0)
			NF_CHECK(contains(&d, want),
				 "%s:%d %s: text \"%s\" lacks \"%s\"", r->file,
				 r->line, name, d.text.data, want);
		nf_decoded_release(&d);
	}
	nf_tsv_free(&t);
}

static void
test_labels(void)
{
	static const char *const korean[] = {
	    "euc-kr",	   "EUC-KR",
	    " euc-kr\t",   "ks_c_5601-1987",
	    "ksc5601",	   "ks_c_5601",
	    "cp949",	   "x-windows-949",
	    "windows-949", "uhc",
	    "korean",	   "csKSC56011987",
	    "5601",	   "KS_C_5601-1989",
	    "csEUCKR",	   "x-euc-kr",
	};
	const char *w1252 = nf_charset_converter_for_label("windows-1252");

	for (size_t i = 0; i < sizeof(korean) / sizeof(*korean); i++)
		NF_CHECK(
		    nf_test_streq(nf_charset_converter_for_label(korean[i]),
				  "windows-949-2000"),
		    "label %s", korean[i]);
	NF_CHECK(w1252 != NULL, "windows-1252 is known");
	NF_CHECK(nf_test_streq(nf_charset_converter_for_label("latin1"), w1252),
		 "latin1 is windows-1252");
	NF_CHECK(
	    nf_test_streq(nf_charset_converter_for_label("US-ASCII"), w1252),
	    "us-ascii is windows-1252");
	NF_CHECK(
	    nf_test_streq(nf_charset_converter_for_label("iso-8859-1"), w1252),
	    "iso-8859-1 is windows-1252");
	NF_CHECK_STR(nf_charset_converter_for_label("utf8"), "UTF-8");
	NF_CHECK_STR(nf_charset_converter_for_label("GB2312"), "gb18030");
	NF_CHECK(nf_charset_converter_for_label("shift_jis") != NULL,
		 "shift_jis known");
	NF_CHECK(nf_charset_converter_for_label("x-no-such-charset") == NULL,
		 "bogus label");
	NF_CHECK(nf_charset_converter_for_label("utf-7") == NULL, "utf-7");
	NF_CHECK(nf_charset_converter_for_label("UTF-16,version=1") == NULL,
		 "ICU options refused");
	NF_CHECK(nf_charset_converter_for_label("") == NULL, "empty label");
	NF_CHECK(nf_charset_converter_for_label("  ") == NULL, "blank label");
	NF_CHECK(nf_charset_converter_for_label(NULL) == NULL, "NULL label");
}

/* A fixed generator, so a failure can be replayed. */
static uint32_t
next_random(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

static void
test_random_bytes(void)
{
	static const char *const types[] = {
	    NULL,
	    "text/html; charset=euc-kr",
	    "text/html; charset=utf-8",
	    "text/html; charset=utf-16le",
	    "text/html; charset=utf-32be",
	    "text/html; charset=shift_jis",
	    "text/html; charset=iso-2022-kr",
	    "text/html; charset=gb18030",
	    "text/html; charset=windows-1252",
	};
	uint32_t state = 20250408;
	char buf[3000];
	size_t bad = 0, runs = 0;

	for (int round = 0; round < 400; round++) {
		size_t n = next_random(&state) % sizeof(buf);
		/* Some rounds favour high bytes, some start with a BOM. */
		unsigned mask = round % 3 ? 0xFF : 0x7F;

		for (size_t i = 0; i < n; i++)
			buf[i] = (char)(next_random(&state) & mask);
		if (round % 7 == 0 && n >= 2) {
			buf[0] = (char)0xFF;
			buf[1] = (char)0xFE;
		}
		for (size_t k = 0; k < sizeof(types) / sizeof(*types); k++) {
			struct nf_decoded d;
			nf_err err = nf_charset_decode(&d, buf, n, types[k], 0);

			runs++;
			if (err || !clean_text(&d)) {
				bad++;
				fprintf(stderr, "random round %d type %s: %s\n",
					round, types[k] ? types[k] : "(none)",
					err ? nf_last_error() : "bad output");
			}
			nf_decoded_release(&d);
		}
	}
	NF_CHECK(bad == 0, "%zu of %zu random decodes failed", bad, runs);
}

static bool
decode_file(struct nf_decoded *d, const char *rel, const char *http)
{
	size_t n;
	char *bytes = nf_test_slurp(nf_test_shared(rel), &n);
	nf_err err = nf_charset_decode(d, bytes, n, http, 0);

	free(bytes);
	NF_CHECK(err == NF_OK, "%s: %s", rel, nf_last_error());
	return err == NF_OK;
}

static void
test_synthetic_feeds(void)
{
	struct nf_decoded d;

	if (decode_file(&d,
			"corpus/feeds/synthetic-ko/"
			"cp949-extension-labelled-euckr.xml",
			NULL)) {
		NF_CHECK_STR(d.charset, "windows-949");
		NF_CHECK_STR(d.source, "xml");
		NF_CHECK(d.replacements == 0, "%zu replacements",
			 d.replacements);
		NF_CHECK(contains(&d, "'똠방각하' 햏자 뷁 논란…가상시 해명"),
			 "CP949 title: %s", d.text.data);
		nf_decoded_release(&d);
	}
	if (decode_file(&d,
			"corpus/feeds/synthetic-ko/"
			"ndsoft-style-allArticle.euckr.xml",
			NULL)) {
		NF_CHECK_STR(d.charset, "windows-949");
		NF_CHECK(d.replacements == 0, "%zu replacements",
			 d.replacements);
		NF_CHECK(
		    contains(&d, "가상시 버스 요금 200원 인상…6월부터 적용"),
		    "EUC-KR title: %s", d.text.data);
		nf_decoded_release(&d);
	}
}

/*
 * Our own unlabelled pages (invented text).  Both CP949 pages are over
 * 1 KiB with UHC-only syllables; ucsdet calls the first EUC-KR and the
 * denser second one GB18030, which the Korean guard must overrule.  The
 * Chinese page is under 1 KiB, so the guard looks at it too and must
 * leave it GB18030.
 */
static void
test_detection(void)
{
	static const struct {
		const char *file, *charset, *phrase;
	} cases[] = {
	    {"data/charset/unlabelled-cp949.html", "windows-949",
	     "'똠방각하'라는 별명으로"},
	    {"data/charset/unlabelled-cp949-uhc.html", "windows-949",
	     "똠, 햏, 뷁, 쌰, 뙇, 쀍, 꺆, 웱"},
	    {"data/charset/unlabelled-gb18030.html", "GB18030",
	     "虚拟市公布公交线路调整方案"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t n;
		char *bytes = nf_test_slurp(nf_test_data(cases[i].file), &n);
		struct nf_decoded d;
		nf_err err = nf_charset_decode(&d, bytes, n, NULL, 0);

		free(bytes);
		NF_CHECK(err == NF_OK, "%s: %s", cases[i].file,
			 nf_last_error());
		if (err)
			continue;
		NF_CHECK(n >= 1024 || i == 2, "%s is %zu bytes", cases[i].file,
			 n);
		NF_CHECK(nf_test_streq(d.charset, cases[i].charset),
			 "%s: charset %s, want %s", cases[i].file, d.charset,
			 cases[i].charset);
		NF_CHECK_STR(d.source, "detected");
		NF_CHECK(d.replacements == 0, "%s: %zu replacements",
			 cases[i].file, d.replacements);
		NF_CHECK(contains(&d, cases[i].phrase), "%s lacks %s",
			 cases[i].file, cases[i].phrase);
		nf_decoded_release(&d);
	}
}

static void
test_ko_news(void)
{
	DIR *dir = opendir(nf_test_shared(KO_PAGES));
	struct dirent *e;
	size_t pages = 0, clean = 0;
	char rel[512];

	NF_CHECK(dir != NULL, "cannot open %s", nf_test_shared(KO_PAGES));
	if (!dir)
		return;
	while ((e = readdir(dir)) != NULL) {
		size_t len = strlen(e->d_name);
		struct nf_decoded d;

		if (len < 5 || strcmp(e->d_name + len - 5, ".html") != 0)
			continue;
		pages++;
		snprintf(rel, sizeof(rel), "%s/%s", KO_PAGES, e->d_name);
		if (!decode_file(&d, rel, NULL))
			continue;
		bool ok = nf_test_streq(d.charset, "UTF-8") &&
			  d.replacements == 0 && clean_text(&d);
		NF_CHECK(ok, "%s: %s via %s, %zu replacements", e->d_name,
			 d.charset, d.source, d.replacements);
		clean += ok;
		nf_decoded_release(&d);
	}
	closedir(dir);
	NF_CHECK(pages == 33, "%zu ko-news pages, want 33", pages);
	printf("ko-news: %zu/%zu pages decoded as UTF-8 with 0 "
	       "replacements\n",
	       clean, pages);

	/* UTF-8 bytes behind <meta http-equiv ... charset=euc-kr>; also when
	 * a server repeats the stale label in its header. */
	static const char *const headers[] = {NULL,
					      "text/html; charset=euc-kr"};
	for (size_t i = 0; i < 2; i++) {
		struct nf_decoded d;

		if (!decode_file(&d, KO_PAGES "/daejonilbo-1.html", headers[i]))
			continue;
		NF_CHECK_STR(d.charset, "UTF-8");
		NF_CHECK_STR(d.source, "utf8");
		NF_CHECK(contains(&d, "<title>대전일보 모바일 :: 코로나19 극복 "
				      "성금 기탁 줄 잇는다"),
			 "daejonilbo title");
		nf_decoded_release(&d);
	}
}

/* Lower-case and keep letters and digits: "UTF-16BE" -> "utf16be". */
static void
squash(const char *in, char *out, size_t size)
{
	size_t o = 0;

	for (; *in && o + 1 < size; in++) {
		char c = *in;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[o++] = c;
	}
	out[o] = '\0';
}

/*
 * The encoding family a name belongs to, with the WHATWG merges this
 * module makes: ASCII and Latin-1 read as windows-1252, GB2312 as
 * GB18030, EUC-KR as windows-949, TIS-620 as windows-874.
 */
static void
family(const char *name, char *out, size_t size)
{
	static const struct {
		const char *from, *to;
	} merges[] = {
	    {"usascii", "windows1252"}, {"iso88591", "windows1252"},
	    {"gb2312", "gb18030"},	{"euckr", "windows949"},
	    {"tis620", "windows874"},
	};

	squash(name, out, size);
	for (size_t i = 0; i < sizeof(merges) / sizeof(*merges); i++)
		if (strcmp(out, merges[i].from) == 0)
			snprintf(out, size, "%s", merges[i].to);
}

/* The rest of the line after `key` in text, into out; false if absent. */
static bool
comment_field(const char *text, const char *key, char *out, size_t size)
{
	const char *p = strstr(text, key);
	size_t n = 0;

	if (!p)
		return false;
	p += strlen(key);
	while (*p == ' ' || *p == '\t')
		p++;
	while (p[n] && p[n] != '\n' && p[n] != '\r')
		n++;
	snprintf(out, size, "%.*s", (int)n, p);
	return true;
}

/* The bytes without their NULs, NUL-terminated: ASCII from UTF-16/32. */
static char *
ascii_of(const char *bytes, size_t n)
{
	char *out = nf_xmalloc(n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++)
		if (bytes[i])
			out[o++] = bytes[i];
	out[o] = '\0';
	return out;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
name_has(const char *name, const char *part)
{
	return strstr(name, part) != NULL;
}

/*
 * All 90 files of feedparser's encoding suite.  Each begins with a comment
 * giving the simulated HTTP header and the expectation, in ASCII or in
 * UTF-16/32 (read with the zero bytes dropped); the file is then decoded
 * with that header.
 */
static void
test_feedparser(void)
{
	DIR *dir = opendir(nf_test_shared(FEEDPARSER));
	struct nf_strv names = {0};
	struct dirent *e;
	size_t decoded = 0, with_expect = 0, matched = 0;
	struct nf_buf differ = NF_BUF_INIT(0);

	NF_CHECK(dir != NULL, "cannot open %s", nf_test_shared(FEEDPARSER));
	if (!dir)
		return;
	while ((e = readdir(dir)) != NULL)
		if (strstr(e->d_name, ".xml"))
			nf_strv_push(&names, nf_xstrdup(e->d_name));
	closedir(dir);
	qsort(names.v, names.n, sizeof(*names.v), compare_names);
	NF_CHECK(names.n == 90, "%zu feedparser files, want 90", names.n);

	for (size_t i = 0; i < names.n; i++) {
		const char *name = names.v[i];
		char rel[512], header[256], expect[512], want[64];
		char want_family[64], got_family[64];
		struct nf_decoded d;
		size_t n;
		char *bytes, *comment;
		const char *http = NULL;
		nf_err err;

		snprintf(rel, sizeof(rel), "%s/%s", FEEDPARSER, name);
		bytes = nf_test_slurp(nf_test_shared(rel), &n);
		comment = ascii_of(bytes, n);
		expect[0] = '\0';
		comment_field(comment, "Expect:", expect, sizeof(expect));
		if (comment_field(comment, "Header:", header, sizeof(header)) &&
		    strncasecmp(header, "Content-type:", 13) == 0) {
			http = header + 13;
			while (*http == ' ')
				http++;
		}
		free(comment);
		err = nf_charset_decode(&d, bytes, n, http, 0);
		free(bytes);
		NF_CHECK(err == NF_OK, "%s: %s", name, nf_last_error());
		if (err)
			continue;
		decoded++;
		NF_CHECK(clean_text(&d), "%s: output not clean UTF-8", name);

		const char *enc = strstr(expect, "encoding == '");
		bool match = false;
		if (enc) {
			enc += strlen("encoding == '");
			snprintf(want, sizeof(want), "%.*s",
				 (int)strcspn(enc, "'"), enc);
			family(want, want_family, sizeof(want_family));
			family(d.charset, got_family, sizeof(got_family));
			match = strcmp(want_family, got_family) == 0;
			with_expect++;
			matched += match;
			if (!match)
				nf_buf_printf(
				    &differ, "  %s: want %s, got %s (%s)%s%s\n",
				    name, want, d.charset, d.source,
				    http ? ", header " : "", http ? http : "");
		}

		bool korean =
		    name_has(name, "euc-kr") || name_has(name, "euckr");
		bool wide =
		    name_has(name, "utf-16") || name_has(name, "utf-32") ||
		    name_has(name, "utf16") || name_has(name, "utf_16") ||
		    name_has(name, "utf_32") || name_has(name, "u16");
		if (korean) {
			NF_CHECK(nf_test_streq(d.charset, "windows-949"),
				 "%s: charset %s", name, d.charset);
			/* The chardet sample holds no 년; check its title. */
			NF_CHECK(contains(&d, name_has(name, "chardet")
						  ? "한글닉네임 표시하기"
						  : NYEON),
				 "%s: Korean text missing", name);
			NF_CHECK(d.replacements == 0, "%s: %zu replacements",
				 name, d.replacements);
		}
		if (wide) {
			NF_CHECK(enc && match, "%s: want %s, got %s", name,
				 enc ? want : "?", d.charset);
			NF_CHECK(contains(&d, "<rss") || contains(&d, "<feed"),
				 "%s: markup not decoded", name);
		}
		if (name_has(name, "-bom"))
			NF_CHECK_STR(d.source, "bom");
		/* ucsdet guesses UTF-16 for 8-bit text (TIS-620 here). */
		if (strcmp(d.source, "detected") == 0)
			NF_CHECK(strncmp(d.charset, "UTF-16", 6) != 0 &&
				     strncmp(d.charset, "UTF-32", 6) != 0,
				 "%s: detected as %s", name, d.charset);
		nf_decoded_release(&d);
	}
	printf("feedparser-encoding: %zu/%zu decoded without error, "
	       "%zu/%zu match the expected encoding family\n",
	       decoded, names.n, matched, with_expect);
	if (differ.len)
		printf("feedparser-encoding: differing by design or "
		       "semantics:\n%s",
		       differ.data);
	nf_buf_release(&differ);
	nf_strv_release(&names);
}

int
main(void)
{
	run_table();
	test_labels();
	test_random_bytes();
	test_synthetic_feeds();
	test_detection();
	test_ko_news();
	test_feedparser();
	return nf_test_done("charset_test");
}
