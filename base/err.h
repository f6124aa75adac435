/*
 * base/err.h - error codes, the last-error message and logging.
 *
 * A function that can fail returns an nf_err (NF_OK is 0).  The function
 * that knows the most describes the failure once with nf_fail(), which
 * stores the message and returns the code; callers pass the code up
 * without rewording it and read the message with nf_last_error().
 */
#ifndef NF_BASE_ERR_H
#define NF_BASE_ERR_H

#include <stdarg.h>

typedef enum {
	NF_OK = 0,
	NF_ERR_IO,	/* a file could not be read or written */
	NF_ERR_LIMIT,	/* an input exceeded a configured cap */
	NF_ERR_PARSE,	/* malformed input (gzip, HTML, WARC, ...) */
	NF_ERR_CHARSET, /* bytes could not be decoded at all */
	NF_ERR_NET,	/* a fetch failed */
	NF_ERR_DB,	/* SQLite reported an error */
	NF_ERR_USAGE,	/* bad option or argument */
	NF_ERR_INTERNAL /* a library we depend on failed unexpectedly */
} nf_err;

enum nf_log_level { NF_LOG_QUIET, NF_LOG_ERROR, NF_LOG_INFO, NF_LOG_DEBUG };

/* The one log level of the process; NF_LOG_ERROR by default. */
extern enum nf_log_level nf_log_level;

/*
 * Record a formatted message as the last error and return `err`.  The
 * message is kept in thread-local storage until the next nf_fail().
 */
nf_err nf_fail(nf_err err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The message of the last nf_fail() on this thread ("" if none). */
const char *nf_last_error(void);

/* A short name for an error code ("io", "limit", ...). */
const char *nf_err_name(nf_err err);

/* Diagnostics on stderr, prefixed "newsfact: ", filtered by nf_log_level. */
void nf_log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void nf_log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void nf_log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
