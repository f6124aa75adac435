/* Tests of base/: buffers with caps, UTF-8 helpers, exact decimals, URLs. */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "base/buf.h"
#include "base/decimal.h"
#include "base/url.h"
#include "base/utf8.h"

static void
test_buf(void)
{
	struct nf_buf b = NF_BUF_INIT(8);

	NF_CHECK(nf_buf_append_str(&b, "abcd") == NF_OK, "append");
	NF_CHECK(nf_buf_append_str(&b, "efgh") == NF_OK, "append to cap");
	NF_CHECK(nf_buf_append_str(&b, "i") == NF_ERR_LIMIT, "past cap");
	NF_CHECK_STR(b.data, "abcdefgh");
	nf_buf_release(&b);

	struct nf_buf e = NF_BUF_INIT(0);
	char *p = nf_buf_detach(&e);
	NF_CHECK_STR(p, "");
	free(p);

	/* Reserved room takes appends without moving; the cap still holds,
	 * one byte at a time (the inline path) as in bulk. */
	struct nf_buf r = NF_BUF_INIT(0);
	nf_buf_reserve(&r, 1000);
	const char *at = r.data;
	for (int i = 0; i < 1000; i++)
		nf_buf_append_char(&r, (char)('a' + i % 26));
	NF_CHECK(r.data == at && r.len == 1000 && r.data[1000] == '\0',
		 "reserved appends stay in place");
	nf_buf_release(&r);
	struct nf_buf c = NF_BUF_INIT(5);
	nf_buf_reserve(&c, 100);
	for (int i = 0; i < 5; i++)
		NF_CHECK(nf_buf_append_char(&c, 'x') == NF_OK, "char to cap");
	NF_CHECK(nf_buf_append_char(&c, 'y') == NF_ERR_LIMIT &&
		     nf_buf_append(&c, "z", 1) == NF_ERR_LIMIT,
		 "cap after reserve");
	NF_CHECK_STR(c.data, "xxxxx");
	nf_buf_release(&c);
}

static void
test_utf8(void)
{
	NF_CHECK(nf_utf8_valid("한국", strlen("한국")), "valid");
	NF_CHECK(!nf_utf8_valid("\xed\xa0\x80", 3), "surrogate");
	NF_CHECK(!nf_utf8_valid("\xc0\x80", 2), "overlong");
	NF_CHECK(!nf_utf8_valid("\xea\xb0", 2), "truncated");
	NF_CHECK(nf_utf8_count("a한b", strlen("a한b")) == 3, "count");
}

static void
check_dec(const char *in, const char *want)
{
	struct nf_decimal d;
	char out[NF_DECIMAL_MAX];

	NF_CHECK(nf_decimal_parse(&d, in, strlen(in)), "parse %s", in);
	NF_CHECK_STR(nf_decimal_format(d, out), want);
}

static void
test_decimal(void)
{
	struct nf_decimal a, b, r;
	char out[NF_DECIMAL_MAX];

	check_dec("4.50", "4.5");
	check_dec("7.0", "7");
	check_dec("-0.36", "-0.36");
	check_dec("1,091", "1091");
	check_dec("0.05", "0.05");
	check_dec("-0", "0");
	NF_CHECK(!nf_decimal_parse(&a, "1.2.3", 5), "two dots");
	NF_CHECK(!nf_decimal_parse(&a, "", 0), "empty");

	/* 1경3,000조 = 13000000000000000, past 2^53. */
	nf_decimal_parse(&a, "1", 1);
	nf_decimal_shift(&a, a, 16);
	nf_decimal_parse(&b, "3,000", 5);
	nf_decimal_shift(&b, b, 12);
	nf_decimal_add(&r, a, b);
	NF_CHECK_STR(nf_decimal_format(r, out), "13000000000000000");

	/* 160조4000억 = 160400000000000 */
	nf_decimal_parse(&a, "160", 3);
	nf_decimal_shift(&a, a, 12);
	nf_decimal_parse(&b, "4000", 4);
	nf_decimal_shift(&b, b, 8);
	nf_decimal_add(&r, a, b);
	NF_CHECK_STR(nf_decimal_format(r, out), "160400000000000");

	/* 0.8조 and 4.6억 */
	nf_decimal_parse(&a, "0.8", 3);
	nf_decimal_shift(&r, a, 12);
	NF_CHECK_STR(nf_decimal_format(r, out), "800000000000");
	nf_decimal_parse(&a, "4.6", 3);
	nf_decimal_parse(&b, "100000000", 9);
	nf_decimal_mul(&r, a, b);
	NF_CHECK_STR(nf_decimal_format(r, out), "460000000");
	NF_CHECK(nf_decimal_cmp(a, b) < 0, "cmp");
}

static void
test_url(void)
{
	char *u = nf_url_canonical(
		"HTTPS://News.Example.COM:443/a/b?utm_source=x&id=3&fbclid=y#top");
	NF_CHECK_STR(u, "https://news.example.com/a/b?id=3");
	free(u);
	u = nf_url_canonical("http://example.com");
	NF_CHECK_STR(u, "http://example.com/");
	free(u);
	u = nf_url_canonical("http://example.com:8080/x?input=1195m");
	NF_CHECK_STR(u, "http://example.com:8080/x");
	free(u);
	NF_CHECK(nf_url_canonical("/relative/path") == NULL, "relative");
	NF_CHECK(nf_url_canonical("mailto:a@b") == NULL, "mailto");
	u = nf_url_resolve("https://a.com/x/y.html", "../z.html");
	NF_CHECK_STR(u, "https://a.com/z.html");
	free(u);
	u = nf_url_resolve("https://a.com/x/y.html", "//b.com/q");
	NF_CHECK_STR(u, "https://b.com/q");
	free(u);
	u = nf_url_resolve("https://a.com/x/y.html", "/r");
	NF_CHECK_STR(u, "https://a.com/r");
	free(u);
	char host[256];
	NF_CHECK(nf_url_host("https://WWW.Yna.co.kr/view/1", host, sizeof(host)),
		 "host");
	NF_CHECK_STR(host, "www.yna.co.kr");
}

int
main(void)
{
	test_buf();
	test_utf8();
	test_decimal();
	test_url();
	return nf_test_done("base_test");
}
