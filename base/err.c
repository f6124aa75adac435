#include "base/err.h"

#include <stdio.h>

#include "base/banned.h"

enum nf_log_level nf_log_level = NF_LOG_ERROR;

static _Thread_local char last_error[1024];

nf_err
nf_fail(nf_err err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return err;
}

const char *
nf_last_error(void)
{
	return last_error;
}

const char *
nf_err_name(nf_err err)
{
	switch (err) {
	case NF_OK:
		return "ok";
	case NF_ERR_IO:
		return "io";
	case NF_ERR_LIMIT:
		return "limit";
	case NF_ERR_PARSE:
		return "parse";
	case NF_ERR_CHARSET:
		return "charset";
	case NF_ERR_NET:
		return "net";
	case NF_ERR_DB:
		return "db";
	case NF_ERR_USAGE:
		return "usage";
	case NF_ERR_INTERNAL:
		return "internal";
	}
	return "unknown";
}

static void
vlog(enum nf_log_level level, const char *fmt, va_list ap)
{
	if (nf_log_level < level)
		return;
	fputs("newsfact: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
nf_log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(NF_LOG_ERROR, fmt, ap);
	va_end(ap);
}

void
nf_log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(NF_LOG_INFO, fmt, ap);
	va_end(ap);
}

void
nf_log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(NF_LOG_DEBUG, fmt, ap);
	va_end(ap);
}
