/*
 * output/version.h - the versions of the libraries output/ runs on
 * (cJSON, SQLite), for `newsfact --version`.
 */
#ifndef NF_OUTPUT_VERSION_H
#define NF_OUTPUT_VERSION_H

#include "base/buf.h"

void nf_output_versions(struct nf_buf *out);

#endif
