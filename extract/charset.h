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
 */
#ifndef NF_EXTRACT_CHARSET_H
#define NF_EXTRACT_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

struct nf_decoded {
	struct nf_buf text;	 /* valid UTF-8, NUL-terminated */
	const char *charset;	 /* name used: "UTF-8", "windows-949", ...; static */
	const char *source;	 /* why: "bom", "http", "meta", "xml", "utf8",
				    "detected", "default"; static */
	size_t replacements;	 /* U+FFFD written for undecodable bytes */
};

/*
 * Decode `n` bytes.  `http_content_type` is the Content-Type header value
 * or NULL.  `max_out` caps the UTF-8 output (NF_ERR_LIMIT beyond it).
 * On success `out` owns its text; release it with nf_decoded_release().
 */
nf_err nf_charset_decode(struct nf_decoded *out, const char *bytes, size_t n,
			 const char *http_content_type, size_t max_out);

void nf_decoded_release(struct nf_decoded *d);

/*
 * The ICU converter name for a charset label as found in documents
 * ("euc-kr" -> "windows-949-2000"), or NULL when ICU knows no such label.
 */
const char *nf_charset_converter_for_label(const char *label);

#endif
