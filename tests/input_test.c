/* Tests of crawler/input.h: files, gzip (multi-member, corrupt, bombs), caps,
 * walks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "testlib.h"

#include "crawler/input.h"

static char tmpdir[] = "/tmp/nf_input_test_XXXXXX";

static const char *
tmp(const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	fwrite(p, 1, n, f);
	fclose(f);
}

static void
write_gz(const char *path, const char *const *members, size_t nmembers)
{
	FILE *f = fopen(path, "wb");

	for (size_t i = 0; i < nmembers; i++) {
		/* One gzip member per string, as in a .warc.gz. */
		z_stream zs;
		unsigned char out[65536];
		memset(&zs, 0, sizeof(zs));
		deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			     Z_DEFAULT_STRATEGY);
		zs.next_in = (unsigned char *)members[i];
		zs.avail_in = (uInt)strlen(members[i]);
		zs.next_out = out;
		zs.avail_out = sizeof(out);
		deflate(&zs, Z_FINISH);
		fwrite(out, 1, sizeof(out) - zs.avail_out, f);
		deflateEnd(&zs);
	}
	fclose(f);
}

static void
test_kinds(void)
{
	NF_CHECK(nf_input_kind_of("a/b.html") == NF_INPUT_HTML, "html");
	NF_CHECK(nf_input_kind_of("a/b.HTM") == NF_INPUT_HTML, "HTM");
	NF_CHECK(nf_input_kind_of("a/b.html.gz") == NF_INPUT_HTML, "html.gz");
	NF_CHECK(nf_input_kind_of("seed.txt") == NF_INPUT_TEXT, "txt");
	NF_CHECK(nf_input_kind_of("x.warc.gz") == NF_INPUT_WARC, "warc.gz");
	NF_CHECK(nf_input_kind_of("x.json") == NF_INPUT_OTHER, "other");
}

static void
test_read(void)
{
	struct nf_buf b = NF_BUF_INIT(0);
	const char *members[] = {"<p>첫째</p>", "<p>둘째</p>"};

	write_file(tmp("plain.html"), "<p>본문</p>", strlen("<p>본문</p>"));
	NF_CHECK(nf_input_read(&b, tmp("plain.html"), 1 << 20) == NF_OK,
		 "plain: %s", nf_last_error());
	NF_CHECK_STR(b.data, "<p>본문</p>");

	write_gz(tmp("two.html.gz"), members, 2);
	NF_CHECK(nf_input_read(&b, tmp("two.html.gz"), 1 << 20) == NF_OK,
		 "gz: %s", nf_last_error());
	NF_CHECK_STR(b.data, "<p>첫째</p><p>둘째</p>");

	/* Truncated gzip: a clear parse error, not a crash or silent loss. */
	size_t len;
	char *gz = nf_test_slurp(tmp("two.html.gz"), &len);
	write_file(tmp("cut.html.gz"), gz, len - 5); /* trailer cut */
	free(gz);
	NF_CHECK(nf_input_read(&b, tmp("cut.html.gz"), 1 << 20) == NF_ERR_PARSE,
		 "truncated gz");

	/* Garbage after the gzip magic. */
	write_file(tmp("bad.html.gz"), "\x1f\x8b\x08\x00garbage", 11);
	NF_CHECK(nf_input_read(&b, tmp("bad.html.gz"), 1 << 20) == NF_ERR_PARSE,
		 "corrupt gz");

	/* A decompression bomb stops at the cap. */
	char *zeros = nf_xcalloc(1, 8u << 20);
	memset(zeros, 'a', (8u << 20) - 1);
	const char *bomb[] = {zeros};
	write_gz(tmp("bomb.html.gz"), bomb, 1);
	free(zeros);
	NF_CHECK(nf_input_read(&b, tmp("bomb.html.gz"), 1 << 20) ==
		     NF_ERR_LIMIT,
		 "bomb capped");
	NF_CHECK(strstr(nf_last_error(), "1048576") != NULL, "message: %s",
		 nf_last_error());

	NF_CHECK(nf_input_read(&b, tmp("plain.html"), 4) == NF_ERR_LIMIT,
		 "plain cap");
	NF_CHECK(nf_input_read(&b, tmp("missing.html"), 1 << 20) == NF_ERR_IO,
		 "missing");
	NF_CHECK(strstr(nf_last_error(), "No such file") != NULL, "errno: %s",
		 nf_last_error());
	NF_CHECK(nf_input_read(&b, tmpdir, 1 << 20) == NF_ERR_IO, "dir");
	nf_buf_release(&b);
}

static void
test_walk(void)
{
	struct nf_strv paths = {0};

	mkdir(tmp("tree"), 0755);
	mkdir(tmp("tree/sub"), 0755);
	write_file(tmp("tree/b.html"), "x", 1);
	write_file(tmp("tree/a.txt"), "x", 1);
	write_file(tmp("tree/skip.json"), "x", 1);
	write_file(tmp("tree/sub/c.htm.gz"), "x", 1);
	write_file(tmp("tree/.hidden.html"), "x", 1);
	NF_CHECK(nf_input_walk(tmp("tree"), &paths) == NF_OK, "walk");
	NF_CHECK(paths.n == 3, "found %zu", paths.n);
	if (paths.n == 3) {
		NF_CHECK(strstr(paths.v[0], "tree/a.txt") != NULL, "%s",
			 paths.v[0]);
		NF_CHECK(strstr(paths.v[1], "tree/b.html") != NULL, "%s",
			 paths.v[1]);
		NF_CHECK(strstr(paths.v[2], "tree/sub/c.htm.gz") != NULL, "%s",
			 paths.v[2]);
	}
	nf_strv_release(&paths);
	/* A trailing slash on the directory does not double in the paths. */
	char slashed[4200];
	snprintf(slashed, sizeof(slashed), "%s/", tmp("tree"));
	NF_CHECK(nf_input_walk(slashed, &paths) == NF_OK, "walk dir/");
	NF_CHECK(paths.n == 3 && !strstr(paths.v[0], "//"), "no // in %s",
		 paths.n ? paths.v[0] : "(none)");
	nf_strv_release(&paths);
	NF_CHECK(nf_input_walk(tmp("nope"), &paths) == NF_ERR_IO, "no dir");
}

int
main(void)
{
	if (!mkdtemp(tmpdir))
		return 1;
	test_kinds();
	test_read();
	test_walk();
	int status = nf_test_done("input_test");
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return status;
}
