/*
 * crawler/input.h - documents from saved files: HTML (also gzipped),
 * plain text, directories walked recursively, and stdin.
 *
 * Everything fed from outside has a cap: a file larger than max_bytes
 * (after gunzip) ends as NF_ERR_LIMIT for that file, having cost at most
 * max_bytes of memory.
 */
#ifndef NF_CRAWLER_INPUT_H
#define NF_CRAWLER_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

enum nf_input_kind {
	NF_INPUT_HTML,
	NF_INPUT_TEXT,
	NF_INPUT_WARC,
	NF_INPUT_OTHER
};

/* What a path's name says it is: .html/.htm(.gz), .txt(.gz), .warc(.gz). */
enum nf_input_kind nf_input_kind_of(const char *path);

/*
 * Read a whole file (or stdin for "-") into `out`, gunzipping when the
 * bytes start with the gzip magic.  NF_ERR_IO names the path and errno;
 * NF_ERR_PARSE for a corrupt gzip stream; NF_ERR_LIMIT past max_bytes.
 */
nf_err nf_input_read(struct nf_buf *out, const char *path, size_t max_bytes);

/*
 * Collect the paths under `dir` (recursively, sorted) whose kind is not
 * NF_INPUT_OTHER, appending copies to `paths`.  NF_ERR_IO if `dir` cannot
 * be opened; unreadable subdirectories are logged and skipped.
 */
nf_err nf_input_walk(const char *dir, struct nf_strv *paths);

bool nf_input_is_dir(const char *path);

#endif
