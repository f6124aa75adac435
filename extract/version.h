/*
 * extract/version.h - the versions of the libraries extract/ runs on
 * (libxml2, PCRE2, ICU), for `newsfact --version`.
 */
#ifndef NF_EXTRACT_VERSION_H
#define NF_EXTRACT_VERSION_H

#include "base/buf.h"

/* Append "libxml2 2.9.14, PCRE2 10.42 (JIT), ICU 72.1" style text. */
void nf_extract_versions(struct nf_buf *out);

#endif
