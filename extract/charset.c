#include "extract/charset.h"

#include <stdint.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/utypes.h>

#include "base/err.h"
#include "base/banned.h"

/* The WHATWG prescan looks at no more than this many bytes for a label. */
#define PRESCAN_BYTES 4096

/* Below this, ucsdet's statistics are noise (a 19-byte EUC-KR snippet
 * comes back as IBM420). */
#define SHORT_INPUT 1024

/* Detection and the Korean probe read at most this prefix. */
#define SNIFF_BYTES 65536

/* UTF-16 units converted per ICU call. */
#define UCHUNK 2048

/* Longest charset label we look up; real ones are under 30 bytes. */
#define LABEL_MAX 64

/*
 * ICU's windows-949-2000 is Microsoft's code page 949: KS X 1001 plus the
 * 8,822 UHC syllables.  ICU's "EUC-KR" (ibm-970) and "cp949" (ibm-949,
 * IBM's variant) both substitute 똠 = 0x8C63.
 */
static const char KOREAN_CONV[] = "windows-949-2000";
static const char UTF8_CONV[] = "UTF-8";

static const char FFFD_UTF8[] = "\xEF\xBF\xBD";

/* What one pass over the bytes tells about them as UTF-8. */
struct utf8_scan {
	bool valid;    /* well-formed UTF-8 */
	bool nonascii; /* holds a byte >= 0x80 */
	bool nul;      /* holds a NUL byte (known only when valid) */
};

/* The charset chosen and why. */
struct choice {
	const char *conv;   /* ICU converter name, or UTF8_CONV */
	const char *source; /* see nf_decoded.source */
	size_t skip;	    /* BOM bytes not to decode */
};

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* True if s[0..n) starts with the lower-case `lit`, ignoring ASCII case. */
static bool
starts_with(const char *s, size_t n, const char *lit)
{
	size_t k = 0;

	for (; lit[k]; k++)
		if (k >= n || lower(s[k]) != lit[k])
			return false;
	return true;
}

static bool
same_word(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && starts_with(s, n, lit);
}

/* Offset of the lower-case `lit` in s[from..n), ignoring case; n if none. */
static size_t
find(const char *s, size_t n, size_t from, const char *lit)
{
	for (size_t i = from; i < n; i++)
		if (starts_with(s + i, n - i, lit))
			return i;
	return n;
}

/*
 * The length of the well-formed UTF-8 sequence at p, or 0 with *bad set
 * to the length of its maximal invalid subpart (Unicode 15 §3.9, the
 * WHATWG decoder): the lead byte alone when the second byte is out of
 * range, else every byte up to the first one that cannot continue.
 */
static size_t
utf8_seq(const unsigned char *p, size_t n, size_t *bad)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need;

	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* past U+10FFFF */
	} else {
		*bad = 1;
		return 0;
	}
	for (size_t k = 1; k < need; k++) {
		if (k >= n || p[k] < lo || p[k] > hi) {
			*bad = k;
			return 0;
		}
		lo = 0x80;
		hi = 0xBF;
	}
	return need;
}

static bool
has_zero_byte(uint64_t w)
{
	return ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) != 0;
}

static struct utf8_scan
scan_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	struct utf8_scan r = {true, false, false};
	size_t i = 0, bad;

	while (i < n) {
		/* Most of an HTML page is ASCII: test eight bytes at once. */
		if (n - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, sizeof(w));
			if (!(w & 0x8080808080808080ull)) {
				if (has_zero_byte(w))
					r.nul = true;
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			if (!p[i])
				r.nul = true;
			i++;
			continue;
		}
		r.nonascii = true;
		size_t len = utf8_seq(p + i, n - i, &bad);
		if (!len) {
			r.valid = false;
			return r;
		}
		i += len;
	}
	return r;
}

/* Append to the output, naming the cap when it is hit. */
static nf_err
put(struct nf_decoded *out, const char *p, size_t n)
{
	if (!n)
		return NF_OK;
	if (nf_buf_append(&out->text, p, n) != NF_OK)
		return nf_fail(NF_ERR_LIMIT,
			       "charset: decoded text exceeds %zu bytes",
			       out->text.cap);
	return NF_OK;
}

static nf_err
put_fffd(struct nf_decoded *out)
{
	out->replacements++;
	return put(out, FFFD_UTF8, 3);
}

/* Copy UTF-8, replacing invalid sequences and NUL bytes with U+FFFD. */
static nf_err
put_utf8(struct nf_decoded *out, const char *s, size_t n, struct utf8_scan sc)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, bad = 1;
	nf_err err;

	if (sc.valid && !sc.nul)
		return put(out, s, n);
	while (i < n) {
		if (p[i] >= 0x80) {
			size_t len = utf8_seq(p + i, n - i, &bad);
			if (len) {
				i += len;
				continue;
			}
		} else if (p[i]) {
			i++;
			continue;
		} else {
			bad = 1;
		}
		err = put(out, s + run, i - run);
		if (!err)
			err = put_fffd(out);
		if (err)
			return err;
		i += bad;
		run = i;
	}
	return put(out, s + run, n - run);
}

/*
 * ICU's own substitute callback writes U+001A, not U+FFFD, for a bad
 * single byte in converters whose code page has a one-byte substitution
 * character; write U+FFFD always and count it.  `context` points to a
 * size_t counter.
 */
static void U_CALLCONV
substitute(const void *context, UConverterToUnicodeArgs *args,
	   const char *units, int32_t nunits, UConverterCallbackReason reason,
	   UErrorCode *status)
{
	static const UChar fffd = 0xFFFD;
	size_t *count = (size_t *)context;

	if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL &&
	    reason != UCNV_IRREGULAR)
		return;
	(*count)++;
	*status = U_ZERO_ERROR;
	ucnv_cbToUWriteUChars(args, &fffd, 1, 0, status);
}

static nf_err
open_converter(UConverter **cnv, const char *name, size_t *count)
{
	UErrorCode st = U_ZERO_ERROR;

	*cnv = ucnv_open(name, &st);
	if (U_FAILURE(st))
		return nf_fail(NF_ERR_CHARSET,
			       "charset: ICU cannot open converter %s: %s",
			       name, u_errorName(st));
	ucnv_setToUCallBack(*cnv, substitute, count, NULL, NULL, &st);
	if (U_FAILURE(st)) {
		ucnv_close(*cnv);
		return nf_fail(NF_ERR_CHARSET, "charset: ICU converter %s: %s",
			       name, u_errorName(st));
	}
	return NF_OK;
}

/* UTF-16 from ICU to UTF-8, one chunk at a time. */
struct u16_writer {
	UChar high;   /* a high surrogate waiting for its partner, or 0 */
	bool started; /* a code point has gone by: U+FEFF is content now */
};

static size_t
encode(uint32_t cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Lone surrogates and U+0000 become U+FFFD so the text is valid UTF-8 that
 * C string functions read to its end; a pair split between two chunks is
 * joined through w->high.
 */
static nf_err
put_utf16(struct nf_decoded *out, struct u16_writer *w, const UChar *u,
	  size_t n)
{
	char tmp[UCHUNK * 3 + 8];
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t c = u[i];

		if (w->high) {
			if (c >= 0xDC00 && c <= 0xDFFF) {
				uint32_t cp =
				    0x10000 +
				    ((uint32_t)(w->high - 0xD800) << 10) +
				    (c - 0xDC00);
				w->high = 0;
				o += encode(cp, tmp + o);
				continue;
			}
			w->high = 0;
			out->replacements++;
			o += encode(0xFFFD, tmp + o);
		}
		if (c >= 0xD800 && c <= 0xDBFF) {
			w->high = (UChar)c;
			w->started = true;
			continue;
		}
		if (c == 0xFEFF && !w->started) {
			w->started = true;
			continue;
		}
		w->started = true;
		if (c == 0 || (c >= 0xDC00 && c <= 0xDFFF)) {
			out->replacements++;
			c = 0xFFFD;
		}
		o += encode(c, tmp + o);
	}
	return put(out, tmp, o);
}

static nf_err
put_icu(struct nf_decoded *out, const char *conv, const char *s, size_t n)
{
	struct u16_writer w = {0, false};
	const char *src = s, *end = s + n;
	UChar buf[UCHUNK];
	UConverter *cnv;
	nf_err err;

	err = open_converter(&cnv, conv, &out->replacements);
	if (err)
		return err;
	for (;;) {
		UErrorCode st = U_ZERO_ERROR;
		UChar *t = buf;

		ucnv_toUnicode(cnv, &t, buf + UCHUNK, &src, end, NULL, true,
			       &st);
		err = put_utf16(out, &w, buf, (size_t)(t - buf));
		if (err)
			goto out_close;
		if (st == U_BUFFER_OVERFLOW_ERROR)
			continue;
		if (U_FAILURE(st)) {
			err =
			    nf_fail(NF_ERR_CHARSET, "charset: decoding %s: %s",
				    conv, u_errorName(st));
			goto out_close;
		}
		break;
	}
	if (w.high) {
		out->replacements++;
		err = put(out, FFFD_UTF8, 3);
	}
out_close:
	ucnv_close(cnv);
	return err;
}

/*
 * Labels that all mean WHATWG's "EUC-KR", which is Windows-949, compared
 * with '-', '_', '.', ':' and spaces removed.  ks_c_5601-1992 is left out:
 * that name also stands for Johab.
 */
static const char *const korean_labels[] = {
    "euckr",	  "cseuckr",	   "xeuckr",   "ksc56011987", "ksc56011989",
    "ksc5601",	  "csksc56011987", "isoir149", "korean",      "cp949",
    "windows949", "xwindows949",   "ms949",    "uhc",	      "xuhc",
    "5601",	  "ksx1001",
};

static bool
is_korean_label(const char *lc)
{
	char key[LABEL_MAX];
	size_t k = 0;

	for (; *lc; lc++)
		if (!strchr("-_.: ", *lc))
			key[k++] = *lc;
	key[k] = '\0';
	for (size_t i = 0; i < sizeof(korean_labels) / sizeof(*korean_labels);
	     i++)
		if (strcmp(key, korean_labels[i]) == 0)
			return true;
	return false;
}

/*
 * WHATWG Encoding Standard labels whose ICU meaning differs.  Browsers
 * decode "iso-8859-1" and "us-ascii" pages as windows-1252 (servers say
 * latin1 and send curly quotes in 0x80-0x9F) and gb2312 as GB18030.
 */
static const struct {
	const char *label, *name;
} whatwg_aliases[] = {
    {"ansi_x3.4-1968", "windows-1252"},
    {"ascii", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"},
    {"csisolatin1", "windows-1252"},
    {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"},
    {"iso-ir-100", "windows-1252"},
    {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"},
    {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"},
    {"l1", "windows-1252"},
    {"latin1", "windows-1252"},
    {"us-ascii", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"chinese", "gb18030"},
    {"csgb2312", "gb18030"},
    {"csiso58gb231280", "gb18030"},
    {"gb2312", "gb18030"},
    {"gb_2312", "gb18030"},
    {"gb_2312-80", "gb18030"},
    {"gbk", "gb18030"},
    {"iso-ir-58", "gb18030"},
    {"x-gbk", "gb18030"},
    {"cp1254", "windows-1254"},
    {"csisolatin5", "windows-1254"},
    {"iso-8859-9", "windows-1254"},
    {"iso-ir-148", "windows-1254"},
    {"iso8859-9", "windows-1254"},
    {"iso88599", "windows-1254"},
    {"iso_8859-9", "windows-1254"},
    {"iso_8859-9:1989", "windows-1254"},
    {"l5", "windows-1254"},
    {"latin5", "windows-1254"},
    {"dos-874", "windows-874"},
    {"iso-8859-11", "windows-874"},
    {"iso8859-11", "windows-874"},
    {"iso885911", "windows-874"},
    {"tis-620", "windows-874"},
    {"unicode-1-1-utf-8", "utf-8"},
    {"unicode11utf8", "utf-8"},
    {"unicode20utf8", "utf-8"},
    {"x-unicode20utf8", "utf-8"},
};

/* Encodings ICU has but no web page uses; UTF-7 also smuggles markup. */
static bool
refused(const char *conv)
{
	return strcmp(conv, "UTF-7") == 0 ||
	       strcmp(conv, "IMAP-mailbox-name") == 0 ||
	       strcmp(conv, "SCSU") == 0 || strcmp(conv, "BOCU-1") == 0;
}

/* ICU's name for a label, provided the converter can be opened. */
static const char *
icu_converter(const char *label)
{
	UErrorCode st = U_ZERO_ERROR;
	const char *name = ucnv_getAlias(label, 0, &st);
	UConverter *cnv;

	/* ucnv_getAlias() returns pointers into ICU's alias table, which
	 * lives as long as the process: safe to hand out as static. */
	if (U_FAILURE(st) || !name || refused(name))
		return NULL;
	st = U_ZERO_ERROR;
	cnv = ucnv_open(name, &st);
	if (U_FAILURE(st))
		return NULL;
	ucnv_close(cnv);
	return name;
}

const char *
nf_charset_converter_for_label(const char *label)
{
	char lc[LABEL_MAX];
	const char *name;
	size_t len;

	if (!label)
		return NULL;
	while (is_ws(*label))
		label++;
	len = strnlen(label, LABEL_MAX);
	if (len == LABEL_MAX)
		return NULL;
	while (len && is_ws(label[len - 1]))
		len--;
	if (!len)
		return NULL;
	/* Keep ICU option syntax ("UTF-16,version=1") and junk out. */
	for (size_t k = 0; k < len; k++) {
		char c = lower(label[k]);
		if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') &&
		    !strchr("-_.:+", c))
			return NULL;
		lc[k] = c;
	}
	lc[len] = '\0';
	if (is_korean_label(lc))
		return KOREAN_CONV;
	name = lc;
	for (size_t i = 0; i < sizeof(whatwg_aliases) / sizeof(*whatwg_aliases);
	     i++)
		if (strcmp(lc, whatwg_aliases[i].label) == 0)
			name = whatwg_aliases[i].name;
	if (strcmp(name, "utf-8") == 0 || strcmp(name, "utf8") == 0)
		return UTF8_CONV;
	const char *conv = icu_converter(name);
	if (!conv && strncmp(name, "x-", 2) == 0)
		conv = icu_converter(name + 2);
	return conv;
}

/* The label in p[0..n) from a document or header, as a converter name. */
static const char *
label_conv(const char *p, size_t n)
{
	char label[LABEL_MAX];

	if (n >= sizeof(label))
		return NULL;
	memcpy(label, p, n);
	label[n] = '\0';
	return nf_charset_converter_for_label(label);
}

static bool
is_utf8(const char *conv)
{
	return strcmp(conv, UTF8_CONV) == 0;
}

static bool
is_korean(const char *conv)
{
	return strcmp(conv, KOREAN_CONV) == 0;
}

/* UTF-16 and UTF-32 in any byte order: not ASCII-based. */
static bool
is_utf16_32(const char *conv)
{
	return strncmp(conv, "UTF-16", 6) == 0 ||
	       strncmp(conv, "UTF-32", 6) == 0 ||
	       strncmp(conv, "UTF16", 5) == 0 || strncmp(conv, "UTF32", 5) == 0;
}

/*
 * A label of "UTF-16" or "UTF-32" without a BOM leaves the byte order
 * open; ASCII text decides it by where its zero bytes fall.  Little
 * endian on a tie, as WHATWG.
 */
static const char *
pick_byte_order(const char *conv, const char *s, size_t n)
{
	size_t zeros[4] = {0, 0, 0, 0};
	size_t len = strlen(conv);
	bool wide = strstr(conv, "32") != NULL;

	if (len >= 2 && (strcmp(conv + len - 2, "BE") == 0 ||
			 strcmp(conv + len - 2, "LE") == 0))
		return conv;
	for (size_t i = 0; i < n && i < SNIFF_BYTES; i++)
		if (!s[i])
			zeros[i % 4]++;
	if (wide)
		return zeros[0] > zeros[3] ? "UTF-32BE" : "UTF-32LE";
	return zeros[0] + zeros[2] > zeros[1] + zeros[3] ? "UTF-16BE"
							 : "UTF-16LE";
}

/* The label of a BOM, with *len its size; NULL if none. */
static const char *
sniff_bom(const unsigned char *p, size_t n, size_t *len)
{
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		*len = 3;
		return UTF8_CONV;
	}
	/* FF FE 00 00 could be UTF-16LE starting with U+0000, which no
	 * document does. */
	if (n >= 4 && p[0] == 0xFF && p[1] == 0xFE && !p[2] && !p[3]) {
		*len = 4;
		return "UTF-32LE";
	}
	if (n >= 4 && !p[0] && !p[1] && p[2] == 0xFE && p[3] == 0xFF) {
		*len = 4;
		return "UTF-32BE";
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		*len = 2;
		return "UTF-16LE";
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		*len = 2;
		return "UTF-16BE";
	}
	return NULL;
}

/* "<?xml" in UTF-16 or UTF-32 without a BOM (XML 1.0 appendix F). */
static const char *
sniff_xml_wide(const unsigned char *p, size_t n)
{
	if (n < 4)
		return NULL;
	if (p[0] == '<' && !p[1] && !p[2] && !p[3])
		return "UTF-32LE";
	if (!p[0] && !p[1] && !p[2] && p[3] == '<')
		return "UTF-32BE";
	if (p[0] == '<' && !p[1] && p[2] == '?' && !p[3])
		return "UTF-16LE";
	if (!p[0] && p[1] == '<' && !p[2] && p[3] == '?')
		return "UTF-16BE";
	return NULL;
}

/* The charset parameter of a Content-Type value, as a converter name. */
static const char *
http_conv(const char *ct)
{
	const char *p = ct ? strchr(ct, ';') : NULL;

	while (p) {
		const char *name, *v;
		size_t nlen, vlen;

		p++;
		while (is_ws(*p))
			p++;
		name = p;
		while (*p && *p != '=' && *p != ';' && !is_ws(*p))
			p++;
		nlen = (size_t)(p - name);
		while (is_ws(*p))
			p++;
		if (*p != '=' || !same_word(name, nlen, "charset")) {
			p = strchr(p, ';');
			continue;
		}
		p++;
		while (is_ws(*p))
			p++;
		if (*p == '"' || *p == '\'') {
			char q = *p++;
			v = p;
			while (*p && *p != q)
				p++;
		} else {
			v = p;
			while (*p && *p != ';' && !is_ws(*p))
				p++;
		}
		vlen = (size_t)(p - v);
		return label_conv(v, vlen);
	}
	return NULL;
}

/* encoding="..." of an XML declaration at the start of s[0..n). */
static const char *
xml_decl_conv(const char *s, size_t n)
{
	size_t i = 0, end, k;

	/* The declaration must come first; tolerate white space before it,
	 * which sloppy feed generators emit. */
	while (i < n && is_ws(s[i]))
		i++;
	if (!starts_with(s + i, n - i, "<?xml") || i + 5 >= n ||
	    !is_ws(s[i + 5]))
		return NULL;
	end = find(s, n, i, "?>");
	k = find(s, end, i + 5, "encoding");
	if (k == end)
		return NULL;
	k += 8;
	while (k < end && is_ws(s[k]))
		k++;
	if (k >= end || s[k] != '=')
		return NULL;
	k++;
	while (k < end && is_ws(s[k]))
		k++;
	if (k >= end || (s[k] != '"' && s[k] != '\''))
		return NULL;
	char q = s[k++];
	size_t v = k;
	while (k < end && s[k] != q)
		k++;
	return k < end ? label_conv(s + v, k - v) : NULL;
}

struct attr {
	const char *name, *value;
	size_t name_len, value_len;
};

/*
 * Read the attribute at s[*i], as WHATWG's "get an attribute" does.
 * False at '>' or at the end of the window, with *i on the '>'.
 */
static bool
get_attr(const char *s, size_t n, size_t *i, struct attr *a)
{
	size_t k = *i, start;

	while (k < n && (is_ws(s[k]) || s[k] == '/'))
		k++;
	if (k >= n || s[k] == '>') {
		*i = k;
		return false;
	}
	start = k++; /* the first character may be '=' */
	while (k < n && s[k] != '=' && !is_ws(s[k]) && s[k] != '/' &&
	       s[k] != '>')
		k++;
	a->name = s + start;
	a->name_len = k - start;
	a->value = s + k;
	a->value_len = 0;
	while (k < n && is_ws(s[k]))
		k++;
	if (k >= n || s[k] != '=') {
		*i = k;
		return true;
	}
	k++;
	while (k < n && is_ws(s[k]))
		k++;
	if (k < n && (s[k] == '"' || s[k] == '\'')) {
		char q = s[k++];
		start = k;
		while (k < n && s[k] != q)
			k++;
		a->value = s + start;
		a->value_len = k - start;
		if (k < n)
			k++;
	} else {
		start = k;
		while (k < n && !is_ws(s[k]) && s[k] != '>')
			k++;
		a->value = s + start;
		a->value_len = k - start;
	}
	*i = k;
	return true;
}

/*
 * The charset in a content="text/html; charset=..." value (WHATWG's
 * "extracting a character encoding from a meta element").
 */
static const char *
content_conv(const char *v, size_t n)
{
	size_t i = 0;

	for (;;) {
		i = find(v, n, i, "charset");
		if (i == n)
			return NULL;
		i += 7;
		while (i < n && is_ws(v[i]))
			i++;
		if (i >= n || v[i] != '=')
			continue;
		i++;
		while (i < n && is_ws(v[i]))
			i++;
		if (i < n && (v[i] == '"' || v[i] == '\'')) {
			char q = v[i++];
			size_t start = i;
			while (i < n && v[i] != q)
				i++;
			return i < n ? label_conv(v + start, i - start) : NULL;
		}
		size_t start = i;
		while (i < n && !is_ws(v[i]) && v[i] != ';')
			i++;
		return label_conv(v + start, i - start);
	}
}

/* The attributes of one <meta> tag, *i just past "<meta". */
static const char *
meta_conv(const char *s, size_t n, size_t *i)
{
	struct attr a, charset = {0}, content = {0};
	bool has_charset = false, has_content = false, pragma = false;
	bool has_equiv = false;

	while (get_attr(s, n, i, &a)) {
		if (!has_charset && same_word(a.name, a.name_len, "charset")) {
			charset = a;
			has_charset = true;
		} else if (!has_content &&
			   same_word(a.name, a.name_len, "content")) {
			content = a;
			has_content = true;
		} else if (!has_equiv &&
			   same_word(a.name, a.name_len, "http-equiv")) {
			has_equiv = true;
			pragma =
			    same_word(a.value, a.value_len, "content-type");
		}
	}
	if (has_charset)
		return label_conv(charset.value, charset.value_len);
	if (pragma && has_content)
		return content_conv(content.value, content.value_len);
	return NULL;
}

/*
 * The first known label in an XML declaration or <meta> within the first
 * PRESCAN_BYTES: a simplified WHATWG prescan that skips comments and the
 * attributes of other tags, so "charset=" in a comment or in a quoted
 * attribute value does not count.
 */
static const char *
prescan(const char *s, size_t n, const char **source)
{
	const char *conv;
	size_t i = 0;

	if (n > PRESCAN_BYTES)
		n = PRESCAN_BYTES;
	conv = xml_decl_conv(s, n);
	if (conv) {
		*source = "xml";
		return conv;
	}
	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i);
		struct attr a;

		if (!lt)
			break;
		i = (size_t)(lt - s);
		if (starts_with(s + i, n - i, "<!--")) {
			i = find(s, n, i + 2, "-->") + 3;
			continue;
		}
		if (starts_with(s + i, n - i, "<meta") && i + 5 < n &&
		    (is_ws(s[i + 5]) || s[i + 5] == '/')) {
			i += 5;
			conv = meta_conv(s, n, &i);
			if (conv) {
				*source = "meta";
				return conv;
			}
			continue;
		}
		if (i + 2 < n && (is_alpha(s[i + 1]) ||
				  (s[i + 1] == '/' && is_alpha(s[i + 2])))) {
			i += 2;
			while (i < n && !is_ws(s[i]) && s[i] != '>')
				i++;
			while (get_attr(s, n, &i, &a))
				;
			continue;
		}
		if (i + 1 < n &&
		    (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
			const char *gt = memchr(s + i, '>', n - i);
			i = gt ? (size_t)(gt - s) + 1 : n;
			continue;
		}
		i++;
	}
	return NULL;
}

/*
 * A label found by an ASCII byte scan is only believable for a charset in
 * which ASCII means ASCII; "<meta charset=ibm037>" in ASCII bytes is a
 * lie.  Decode a probe string and compare.
 */
static bool
ascii_compatible(const char *conv)
{
	static const char probe[] = "<meta charset=\"Az09_-.;\">\n";
	UChar u[sizeof(probe)];
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cnv;
	int32_t len;

	if (is_korean(conv) || is_utf8(conv))
		return true;
	cnv = ucnv_open(conv, &st);
	if (U_FAILURE(st))
		return false;
	len = ucnv_toUChars(cnv, u, (int32_t)(sizeof(u) / sizeof(*u)), probe,
			    (int32_t)(sizeof(probe) - 1), &st);
	ucnv_close(cnv);
	if (U_FAILURE(st) || len != (int32_t)(sizeof(probe) - 1))
		return false;
	for (size_t k = 0; k < sizeof(probe) - 1; k++)
		if (u[k] != (unsigned char)probe[k])
			return false;
	return true;
}

/*
 * The 65 commonest Hangul syllables of Korean prose, sorted.  In real text
 * they are about half of all syllables; in Chinese, Japanese or Cyrillic
 * bytes misread as Windows-949 they are a few percent.
 */
static const uint16_t common_syllables[] = {
    0xAC00, 0xAC70, 0xAC83, 0xAC8C, 0xACE0, 0xACFC, 0xAD6D, 0xADF8, 0xAE30,
    0xB098, 0xB0B4, 0xB294, 0xB2C8, 0xB2E4, 0xB300, 0xB3C4, 0xB3D9, 0xB4E4,
    0xB77C, 0xB85C, 0xB97C, 0xB9AC, 0xB9C8, 0xB9CC, 0xBA74, 0xBB34, 0xBCF4,
    0xBD80, 0xBE44, 0xC0AC, 0xC0C1, 0xC11C, 0xC131, 0xC18C, 0xC218, 0xC2DC,
    0xC544, 0xC5B4, 0xC5D0, 0xC5EC, 0xC624, 0xC694, 0xC6B0, 0xC6D0, 0xC73C,
    0xC740, 0xC744, 0xC758, 0xC774, 0xC778, 0xC77C, 0xC788, 0xC790, 0xC7A5,
    0xC800, 0xC801, 0xC804, 0xC815, 0xC81C, 0xC8FC, 0xC9C0, 0xD558, 0xD559,
    0xD55C, 0xD574,
};

static bool
is_common_syllable(uint32_t c)
{
	size_t lo = 0,
	       hi = sizeof(common_syllables) / sizeof(*common_syllables);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (common_syllables[mid] == c)
			return true;
		if (common_syllables[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

struct hangul_count {
	size_t nonascii, hangul, syllables, common;
};

static void
count_hangul(struct hangul_count *hc, const UChar *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t c = u[i];

		if (c < 0x80)
			continue;
		hc->nonascii++;
		if (c >= 0xAC00 && c <= 0xD7A3) {
			hc->hangul++;
			hc->syllables++;
			if (is_common_syllable(c))
				hc->common++;
		} else if ((c >= 0x3131 && c <= 0x318E) ||
			   (c >= 0x1100 && c <= 0x11FF)) {
			hc->hangul++;
		}
	}
}

/*
 * Do the bytes read as Korean in Windows-949: no undecodable byte, at
 * least 70% of the non-ASCII characters Hangul, and (given ten syllables
 * or more to judge by) a fifth of the syllables among the common ones?
 */
static nf_err
looks_korean(const char *s, size_t n, bool *yes)
{
	size_t len = n < SNIFF_BYTES ? n : SNIFF_BYTES, bad = 0;
	struct hangul_count hc = {0, 0, 0, 0};
	const char *src = s, *end = s + len;
	UChar buf[UCHUNK];
	UConverter *cnv;
	nf_err err;

	*yes = false;
	err = open_converter(&cnv, KOREAN_CONV, &bad);
	if (err)
		return err;
	for (;;) {
		UErrorCode st = U_ZERO_ERROR;
		UChar *t = buf;

		/* A prefix may end inside a character: no flush then. */
		ucnv_toUnicode(cnv, &t, buf + UCHUNK, &src, end, NULL, len == n,
			       &st);
		count_hangul(&hc, buf, (size_t)(t - buf));
		if (st == U_BUFFER_OVERFLOW_ERROR)
			continue;
		if (U_FAILURE(st))
			err =
			    nf_fail(NF_ERR_CHARSET, "charset: decoding %s: %s",
				    KOREAN_CONV, u_errorName(st));
		break;
	}
	ucnv_close(cnv);
	*yes = !err && bad == 0 && hc.hangul > 0 &&
	       hc.hangul * 10 >= hc.nonascii * 7 &&
	       (hc.syllables < 10 || hc.common * 5 >= hc.syllables);
	return err;
}

/* ucsdet's usual answers for CP949 text holding UHC-only syllables. */
static bool
suspect_guess(const char *name)
{
	return strcmp(name, "GB18030") == 0 || strcmp(name, "Big5") == 0 ||
	       strncmp(name, "IBM420", 6) == 0;
}

/*
 * Ask ucsdet.  *conv is its best guess that we can decode (or NULL);
 * *suspect is true when its top guess is none or one it makes for Korean.
 */
static nf_err
detect(const char *s, size_t n, const char **conv, bool *suspect)
{
	UErrorCode st = U_ZERO_ERROR;
	const UCharsetMatch **matches;
	UCharsetDetector *csd;
	int32_t nmatches = 0;
	nf_err err = NF_OK;

	*conv = NULL;
	*suspect = true;
	csd = ucsdet_open(&st);
	if (U_FAILURE(st))
		return nf_fail(NF_ERR_CHARSET, "charset: ucsdet_open: %s",
			       u_errorName(st));
	/* The filter drops markup, which is ASCII whatever the charset. */
	ucsdet_enableInputFilter(csd, true);
	ucsdet_setText(csd, s, (int32_t)(n < SNIFF_BYTES ? n : SNIFF_BYTES),
		       &st);
	matches = ucsdet_detectAll(csd, &nmatches, &st);
	if (U_FAILURE(st)) {
		err = nf_fail(NF_ERR_CHARSET, "charset: ucsdet: %s",
			      u_errorName(st));
		goto out_close;
	}
	for (int32_t i = 0; i < nmatches; i++) {
		const char *name = ucsdet_getName(matches[i], &st);

		if (U_FAILURE(st) || !name)
			break;
		if (i == 0)
			*suspect = suspect_guess(name);
		/* ucsdet offers UTF-16/32 at confidence 10 for any 8-bit
		 * text (it decoded a TIS-620 page as UTF-16BE); like WHATWG,
		 * believe those only with a BOM or an XML declaration. */
		*conv = nf_charset_converter_for_label(name);
		if (*conv && is_utf16_32(*conv))
			*conv = NULL;
		if (*conv)
			break;
	}
out_close:
	ucsdet_close(csd);
	return err;
}

static nf_err
choose(struct choice *c, const char *s, size_t n, const char *http,
       struct utf8_scan *sc)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *conv, *source = NULL;
	bool utf8_text, suspect, korean = false;
	nf_err err;

	c->skip = 0;
	conv = sniff_bom(p, n, &c->skip);
	if (conv) {
		c->conv = conv;
		c->source = "bom";
		*sc = scan_utf8(s + c->skip, n - c->skip);
		return NF_OK;
	}
	*sc = scan_utf8(s, n);
	utf8_text = sc->valid && sc->nonascii;

	conv = http_conv(http);
	if (conv) {
		/* See the header: valid non-ASCII UTF-8 beats a legacy
		 * label even from HTTP. */
		if (utf8_text && !is_utf16_32(conv)) {
			c->conv = UTF8_CONV;
			c->source = is_utf8(conv) ? "http" : "utf8";
		} else {
			c->conv = is_utf16_32(conv)
				      ? pick_byte_order(conv, s, n)
				      : conv;
			c->source = "http";
		}
		return NF_OK;
	}

	conv = sniff_xml_wide(p, n);
	if (conv) {
		c->conv = conv;
		c->source = "xml";
		return NF_OK;
	}

	conv = prescan(s, n, &source);
	if (conv && is_utf16_32(conv))
		conv = UTF8_CONV; /* found by an ASCII scan, so it's not */
	if (conv && utf8_text && !is_utf8(conv)) {
		c->conv = UTF8_CONV;
		c->source = "utf8";
		return NF_OK;
	}
	if (conv && ascii_compatible(conv)) {
		c->conv = conv;
		c->source = source;
		return NF_OK;
	}

	if (sc->valid) {
		c->conv = UTF8_CONV;
		c->source = sc->nonascii ? "utf8" : "default";
		return NF_OK;
	}
	err = detect(s, n, &conv, &suspect);
	if (!err && (n < SHORT_INPUT || suspect))
		err = looks_korean(s, n, &korean);
	if (err)
		return err;
	if ((n < SHORT_INPUT || suspect) && korean)
		conv = KOREAN_CONV;
	c->conv = conv ? conv : UTF8_CONV;
	c->source = conv ? "detected" : "default";
	return NF_OK;
}

/* The name to report: WHATWG's for Korean, else ICU's MIME/IANA name. */
static const char *
display_name(const char *conv)
{
	static const char *const standards[] = {"MIME", "IANA", "WINDOWS"};

	if (is_korean(conv))
		return "windows-949";
	if (is_utf8(conv))
		return UTF8_CONV;
	for (size_t i = 0; i < sizeof(standards) / sizeof(*standards); i++) {
		UErrorCode st = U_ZERO_ERROR;
		const char *name =
		    ucnv_getStandardName(conv, standards[i], &st);
		if (!U_FAILURE(st) && name)
			return name;
	}
	return conv;
}

nf_err
nf_charset_decode(struct nf_decoded *out, const char *bytes, size_t n,
		  const char *http_content_type, size_t max_out)
{
	struct utf8_scan sc;
	struct choice c;
	nf_err err;

	out->text = NF_BUF_INIT(max_out);
	out->charset = NULL;
	out->source = NULL;
	out->replacements = 0;
	if (!bytes)
		bytes = ""; /* n is 0; keeps pointer arithmetic defined */
	err = choose(&c, bytes, n, http_content_type, &sc);
	if (err)
		return err;
	bytes += c.skip;
	n -= c.skip;
	if (is_utf8(c.conv))
		err = put_utf8(out, bytes, n, sc);
	else if (is_korean(c.conv) && sc.valid && !sc.nonascii && !sc.nul)
		err = put(out, bytes, n); /* ASCII is ASCII in Windows-949 */
	else
		err = put_icu(out, c.conv, bytes, n);
	if (err) {
		nf_decoded_release(out);
		return err;
	}
	nf_buf_terminate(&out->text);
	out->charset = display_name(c.conv);
	out->source = c.source;
	return NF_OK;
}

void
nf_decoded_release(struct nf_decoded *d)
{
	nf_buf_release(&d->text);
	d->charset = NULL;
	d->source = NULL;
	d->replacements = 0;
}
