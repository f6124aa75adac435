/*
 * extract/charset.h - bytes in any charset to valid UTF-8.
 *
 * The first step of extract/.  Precedence: a byte-order mark, then the
 * label from HTTP Content-Type, then <meta charset>/http-equiv or the XML
 * declaration in the first 4 KiB, then detection.  Valid UTF-8 with
 * non-ASCII bytes wins over a meta or XML label that says otherwise (pages
 * re-saved as UTF-8 keep their old meta tag).  Every Korean label (euc-kr,
 * ks_c_5601-1987, cp949, x-windows-949, ...) is decoded with ICU's
 * windows-949-2000 converter: ICU's plain "EUC-KR" and "cp949" converters
 * mis-decode the extra Hangul syllables of Windows-949 (똠, 햏, 뷁).
 * Undecodable bytes become U+FFFD; decoding never fails on bad bytes.
 *
 * The steps in detail:
 *
 *  1. BOM: UTF-8, UTF-32LE/BE, UTF-16LE/BE.  The BOM is not copied.
 *  2. HTTP: the `charset` parameter of the Content-Type value
 *     (`charset = "x"`, `charset='x'` and `charset=x` all count;
 *     `charset:x` does not).  It is trusted, with one exception: when it
 *     names a legacy ASCII-based charset (anything but UTF-16/32) and the
 *     bytes are valid UTF-8 holding non-ASCII, the bytes win and source is
 *     "utf8".  Legacy bytes that happen to form valid multi-byte UTF-8 are
 *     vanishingly rare beyond a few characters; servers still sending a
 *     default "charset=euc-kr" for pages long since stored as UTF-8 are not.
 *  3. XML without a BOM in UTF-16/32 ("<\0?\0", "\0\0\0<", ...; XML 1.0
 *     appendix F): the byte pattern decides, source "xml".
 *  4. A cheap byte scan of the first 4096 bytes (no DOM, ASCII case-
 *     insensitive, comments skipped): an XML declaration at the start
 *     (source "xml"), else the first <meta charset=...> or <meta
 *     http-equiv="Content-Type" content="...charset=..."> whose label is
 *     known (source "meta").  A UTF-16/32 label found this way is read as
 *     UTF-8, as browsers do: the scan only saw it because the bytes are
 *     ASCII-based.  Valid UTF-8 with non-ASCII bytes beats any other label
 *     here (source "utf8").
 *  5. No label: valid UTF-8 is "utf8" (non-ASCII seen) or "default" (pure
 *     ASCII).  Otherwise ICU's ucsdet guesses with its markup filter on
 *     (source "detected").  On inputs under 1 KiB, or when ucsdet says
 *     GB18030, Big5 or IBM420 (its usual mistakes for CP949 text holding a
 *     few UHC-only syllables), bytes that decode as windows-949 with no
 *     error and mostly Hangul are taken as windows-949.
 *  6. Nothing usable: UTF-8 with U+FFFD for the bad bytes ("default").
 *
 * Unknown or unusable labels (bogus names, UTF-7, option strings) are
 * ignored and the next step decides; they never cause an error.  WHATWG
 * aliases apply where ICU differs: iso-8859-1, latin1 and us-ascii mean
 * windows-1252; gb2312 and gbk mean GB18030.
 */
#ifndef NF_EXTRACT_CHARSET_H
#define NF_EXTRACT_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

struct nf_decoded {
	struct nf_buf text; /* valid UTF-8, NUL-terminated */
	/* The charset used: "UTF-8", "windows-949", "UTF-16LE", ...; static. */
	const char *charset;
	/* Why: "bom", "http", "meta", "xml", "utf8", "detected" or "default"
	 * (see the steps above); static. */
	const char *source;
	size_t replacements; /* U+FFFD written for bad bytes and NULs */
};

/*
 * Decode `n` bytes.  `http_content_type` is the Content-Type header value
 * or NULL.  `max_out` caps the UTF-8 output (NF_ERR_LIMIT beyond it; 0
 * means no cap).  On success `out` owns its text; release it with
 * nf_decoded_release().
 *
 * The text never holds a NUL byte: a U+0000 in the input (a NUL byte, or
 * a NUL decoded from UTF-16/32) becomes U+FFFD and counts in
 * `replacements`, so C string functions see the whole text.  The BOM is
 * not copied, nor is a U+FEFF that a legacy decoder yields first (the
 * GB18030 BOM).  Invalid UTF-8 gets one U+FFFD per maximal invalid subpart,
 * as in WHATWG's decoder; other charsets get one per sequence ICU rejects.
 *
 * Fails only with NF_ERR_LIMIT (output over `max_out`) or NF_ERR_CHARSET
 * (ICU could not run a converter); either way the message is set with
 * nf_fail() and `out` holds nothing that needs releasing.
 */
nf_err nf_charset_decode(struct nf_decoded *out, const char *bytes, size_t n,
			 const char *http_content_type, size_t max_out);

/* Free the text; `d` may be reused.  Harmless after a failed decode. */
void nf_decoded_release(struct nf_decoded *d);

/*
 * The ICU converter name for a charset label as found in documents
 * ("euc-kr" -> "windows-949-2000", "latin1" -> "ibm-5348_P100-1997", the
 * ICU name of windows-1252), or NULL when ICU knows no such label or the
 * label is one newsfact refuses (UTF-7 and other non-web encodings, names
 * carrying ICU options).  Surrounding white space is ignored; the result
 * is static.
 */
const char *nf_charset_converter_for_label(const char *label);

#endif
