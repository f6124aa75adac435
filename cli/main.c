/*
 * cli/main.c - `newsfact`: dispatch to the commands, --help, --version.
 */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli/commands.h"
#include "crawler/fetch.h"
#include "extract/version.h"
#include "output/version.h"
#include "base/banned.h"

static const char usage_main[] =
    "usage: newsfact COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Korean news pages in, articles and every checkable figure out.\n"
    "\n"
    "commands:\n"
    "  extract   articles and figures from saved pages (.html, .htm, .txt,\n"
    "            also gzipped), WARC files, directories and - (stdin)\n"
    "  facts     figures in plain text (arguments, or lines of stdin)\n"
    "  crawl     poll news sites' feeds and sitemaps, fetch new articles\n"
    "            politely, archive them (WARC) and extract them\n"
    "  help CMD  help for one command\n"
    "\n"
    "options: --help, --version\n"
    "\n"
    "examples:\n"
    "  newsfact extract examples/pages/ > records.jsonl\n"
    "  newsfact facts '매출 3조 2천억 원을 기록했다'\n";

static void
print_version(void)
{
	struct nf_buf b = NF_BUF_INIT(0);

	nf_buf_printf(&b, "newsfact %s (", NF_VERSION);
	nf_crawler_versions(&b);
	nf_buf_append_str(&b, ", ");
	nf_extract_versions(&b);
	nf_buf_append_str(&b, ", ");
	nf_output_versions(&b);
	nf_buf_append_str(&b, ")");
	puts(b.data);
	nf_buf_release(&b);
}

int
nf_usage_error(const char *usage, const char *fmt, const char *arg)
{
	fputs("newsfact: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage, stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	const char *cmd;
	int status;

	nf_malloc_tune();
	if (argc < 2) {
		fputs(usage_main, stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		print_version();
		return 0;
	}
	if (strcmp(cmd, "help") == 0) {
		const char *topic = argc > 2 ? argv[2] : "";
		if (strcmp(topic, "extract") == 0)
			fputs(nf_usage_extract, stdout);
		else if (strcmp(topic, "facts") == 0)
			fputs(nf_usage_facts, stdout);
		else if (strcmp(topic, "crawl") == 0)
			fputs(nf_usage_crawl, stdout);
		else
			fputs(usage_main, stdout);
		return 0;
	}
	if (nf_fetch_global_init() != NF_OK) {
		nf_log_error("setup: %s", nf_last_error());
		return 2;
	}
	if (strcmp(cmd, "extract") == 0)
		status = nf_cmd_extract(argc - 1, argv + 1);
	else if (strcmp(cmd, "facts") == 0)
		status = nf_cmd_facts(argc - 1, argv + 1);
	else if (strcmp(cmd, "crawl") == 0)
		status = nf_cmd_crawl(argc - 1, argv + 1);
	else
		status = nf_usage_error(usage_main, "unknown command: %s", cmd);
	nf_fetch_global_cleanup();
	return status;
}
