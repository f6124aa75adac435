/*
 * Tests of crawler/fetch.h against a tiny HTTP server this test runs on
 * 127.0.0.1 in a thread: status, content type, redirects, gzip, body cap,
 * refused connection.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <zlib.h>

#include "testlib.h"

#include "crawler/fetch.h"

static int listen_fd;
static int port;
static char last_user_agent[256];

static void
send_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
		if (w <= 0)
			return;
		c += w;
		n -= (size_t)w;
	}
}

static void
respond(int fd, const char *status, const char *headers, const void *body,
	size_t n)
{
	char head[1024];
	int len = snprintf(head, sizeof(head),
			   "HTTP/1.1 %s\r\n%sContent-Length: %zu\r\n"
			   "Connection: close\r\n\r\n",
			   status, headers, n);

	send_all(fd, head, (size_t)len);
	send_all(fd, body, n);
}

static void
serve(int fd)
{
	char req[4096];
	ssize_t n = recv(fd, req, sizeof(req) - 1, 0);
	char path[256] = "";

	if (n <= 0)
		return;
	req[n] = '\0';
	sscanf(req, "GET %255s", path);
	const char *ua = strstr(req, "User-Agent: ");
	if (ua)
		sscanf(ua + 12, "%255[^\r]", last_user_agent);

	if (strcmp(path, "/ok") == 0) {
		const char *body = "<p>기사 본문</p>";
		respond(fd, "200 OK",
			"Content-Type: text/html; charset=utf-8\r\n", body,
			strlen(body));
	} else if (strcmp(path, "/moved") == 0) {
		respond(fd, "301 Moved Permanently", "Location: /ok\r\n", "",
			0);
	} else if (strcmp(path, "/loop") == 0) {
		respond(fd, "302 Found", "Location: /loop\r\n", "", 0);
	} else if (strcmp(path, "/gz") == 0) {
		/* gzip sent whether or not it was asked for. */
		const char *plain = "<p>압축된 본문</p>";
		unsigned char out[256];
		z_stream zs;
		memset(&zs, 0, sizeof(zs));
		deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			     Z_DEFAULT_STRATEGY);
		zs.next_in = (unsigned char *)plain;
		zs.avail_in = (uInt)strlen(plain);
		zs.next_out = out;
		zs.avail_out = sizeof(out);
		deflate(&zs, Z_FINISH);
		respond(fd, "200 OK",
			"Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
			out, sizeof(out) - zs.avail_out);
		deflateEnd(&zs);
	} else if (strcmp(path, "/big") == 0) {
		size_t big = 4u << 20;
		char *body = nf_xmalloc(big);
		memset(body, 'x', big);
		respond(fd, "200 OK", "Content-Type: text/html\r\n", body, big);
		free(body);
	} else {
		respond(fd, "404 Not Found", "", "nope", 4);
	}
}

static void *
server(void *arg)
{
	(void)arg;
	for (;;) {
		int fd = accept(listen_fd, NULL, NULL);
		if (fd < 0)
			return NULL;
		serve(fd);
		close(fd);
	}
}

static void
start_server(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	pthread_t t;

	listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(listen_fd, 16) != 0) {
		perror("server");
		exit(1);
	}
	getsockname(listen_fd, (struct sockaddr *)&sa, &len);
	port = ntohs(sa.sin_port);
	pthread_create(&t, NULL, server, NULL);
	pthread_detach(t);
}

static const char *
url(const char *path)
{
	static char u[256];

	snprintf(u, sizeof(u), "http://127.0.0.1:%d%s", port, path);
	return u;
}

int
main(void)
{
	struct nf_fetch_opts opts = nf_fetch_defaults();
	struct nf_response r;

	start_server();
	nf_fetch_global_init();
	opts.max_body_bytes = 1u << 20;

	NF_CHECK(nf_fetch_get(&r, url("/ok"), &opts) == NF_OK, "ok: %s",
		 nf_last_error());
	NF_CHECK(r.status == 200, "status %ld", r.status);
	NF_CHECK_STR(r.body.data, "<p>기사 본문</p>");
	NF_CHECK_STR(r.content_type, "text/html; charset=utf-8");
	NF_CHECK(strncmp(last_user_agent, "newsfact/", 9) == 0, "UA %s",
		 last_user_agent);
	nf_response_release(&r);

	NF_CHECK(nf_fetch_get(&r, url("/moved"), &opts) == NF_OK, "moved");
	NF_CHECK(r.status == 200, "status after redirect %ld", r.status);
	NF_CHECK_STR(r.final_url, url("/ok"));
	nf_response_release(&r);

	NF_CHECK(nf_fetch_get(&r, url("/loop"), &opts) == NF_ERR_NET,
		 "redirect loop ends as an error");
	NF_CHECK(strstr(nf_last_error(), "/loop") != NULL, "names URL: %s",
		 nf_last_error());

	NF_CHECK(nf_fetch_get(&r, url("/gz"), &opts) == NF_OK, "gz");
	NF_CHECK_STR(r.body.data, "<p>압축된 본문</p>");
	nf_response_release(&r);

	NF_CHECK(nf_fetch_get(&r, url("/big"), &opts) == NF_ERR_LIMIT,
		 "body cap");

	NF_CHECK(nf_fetch_get(&r, url("/missing"), &opts) == NF_OK, "404");
	NF_CHECK(r.status == 404, "status %ld", r.status);
	nf_response_release(&r);

	/* A port nobody listens on (ours, after closing it). */
	shutdown(listen_fd, SHUT_RDWR);
	close(listen_fd);
	NF_CHECK(nf_fetch_get(&r, url("/ok"), &opts) == NF_ERR_NET, "refused");

	nf_fetch_global_cleanup();
	return nf_test_done("fetch_test");
}
