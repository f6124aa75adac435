/*
 * base/buf.h - growable byte buffers, borrowed string views and the
 * allocation wrappers every module uses.
 *
 * nf_xmalloc() and friends abort on out-of-memory, so callers never check
 * them for NULL.  What can fail is a cap: a buffer made with a non-zero
 * `cap` refuses to grow past it and returns NF_ERR_LIMIT.
 */
#ifndef NF_BASE_BUF_H
#define NF_BASE_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "base/err.h"

void *nf_xmalloc(size_t n);

/*
 * Keep freed memory in the process between documents instead of handing
 * it back to the kernel and faulting it in again for the next page
 * (glibc trims the heap top past 128 KiB by default, and maps blocks over
 * 128 KiB afresh each time).  Called once at program start.
 */
void nf_malloc_tune(void);
void *nf_xcalloc(size_t count, size_t size);
void *nf_xrealloc(void *p, size_t n);
char *nf_xstrdup(const char *s);
char *nf_xstrndup(const char *s, size_t n);

/* A borrowed view: not NUL-terminated, valid while its owner lives. */
struct nf_str {
	const char *ptr;
	size_t len;
};

#define NF_STR(lit) ((struct nf_str){(lit), sizeof(lit) - 1})

/*
 * An owned, growing, always NUL-terminated byte buffer.  `cap` is the
 * largest length it may reach (0 = no cap).  Initialise with NF_BUF_INIT
 * and free with nf_buf_release().
 */
struct nf_buf {
	char *data; /* NULL until the first append; then NUL-terminated */
	size_t len;
	size_t alloc;
	size_t cap;
};

#define NF_BUF_INIT(max) ((struct nf_buf){NULL, 0, 0, (max)})

/* Append bytes; NF_ERR_LIMIT (buffer unchanged) if the cap would be passed. */
nf_err nf_buf_append_grow(struct nf_buf *b, const void *p, size_t n);

/* Make room for `extra` more bytes at once (a known output size), so
 * appends up to it never reallocate. */
void nf_buf_reserve(struct nf_buf *b, size_t extra);

static inline nf_err
nf_buf_append(struct nf_buf *b, const void *p, size_t n)
{
	/* The common case, room left and under the cap, stays inline. */
	if (n < b->alloc - b->len && (!b->cap || b->len + n <= b->cap)) {
		if (n)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return NF_OK;
	}
	return nf_buf_append_grow(b, p, n);
}
nf_err nf_buf_append_str(struct nf_buf *b, const char *s);

/* One byte; the common case (room left, under the cap) stays inline. */
static inline nf_err
nf_buf_append_char(struct nf_buf *b, char c)
{
	if (b->len + 2 <= b->alloc && (!b->cap || b->len < b->cap)) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return NF_OK;
	}
	return nf_buf_append_grow(b, &c, 1);
}
nf_err nf_buf_printf(struct nf_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Make sure data is non-NULL and NUL-terminated (an empty string). */
void nf_buf_terminate(struct nf_buf *b);

/* Empty it but keep the memory. */
void nf_buf_reset(struct nf_buf *b);

/* Take the bytes (NUL-terminated, never NULL); the buffer is empty after. */
char *nf_buf_detach(struct nf_buf *b);

/* Free the memory; the buffer may be reused as if just initialised. */
void nf_buf_release(struct nf_buf *b);

/* A growing array of owned C strings. */
struct nf_strv {
	char **v;
	size_t n;
	size_t alloc;
};

void nf_strv_push(struct nf_strv *sv, char *owned);
bool nf_strv_contains(const struct nf_strv *sv, const char *s);
void nf_strv_release(struct nf_strv *sv);

#endif
