/*
 * cli/main.c - `newsfact`: options, commands and exit statuses.
 *
 * Exit status: 0 all inputs done, 1 some inputs failed (the others were
 * still processed and written), 2 usage or setup error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "cli/pipeline.h"
#include "crawler/fetch.h"
#include "extract/charset.h"
#include "extract/figures.h"
#include "extract/version.h"
#include "output/jsonl.h"
#include "output/version.h"
#include "output/writer.h"

static const char usage_main[] =
    "usage: newsfact COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Korean news pages in, articles and every checkable figure out.\n"
    "\n"
    "commands:\n"
    "  extract   articles and figures from saved pages (.html, .htm, .txt,\n"
    "            also gzipped), WARC files, directories and - (stdin)\n"
    "  facts     figures in plain text (arguments, or lines of stdin)\n"
    "  help CMD  help for one command\n"
    "\n"
    "options: --help, --version\n"
    "\n"
    "examples:\n"
    "  newsfact extract examples/pages/ > records.jsonl\n"
    "  newsfact facts '매출 3조 2천억 원을 기록했다'\n";

static const char usage_extract[] =
    "usage: newsfact extract [OPTIONS] INPUT...\n"
    "\n"
    "Writes one JSON Lines record per article to stdout (see RECORDS.md):\n"
    "text without boilerplate, metadata, and every figure with its exact\n"
    "value, unit, span and sentence.  A page that repeats its body gives\n"
    "one record with one copy.\n"
    "\n"
    "INPUT: an HTML file (.html, .htm, also .gz), a plain-text article\n"
    "(.txt), a WARC file (.warc, .warc.gz: every HTML response), a\n"
    "directory (walked recursively), or - for one HTML document on stdin.\n"
    "\n"
    "options:\n"
    "  --url URL          original URL of a single input\n"
    "  -f, --format FMT   jsonl (default), csv (one row per figure) or\n"
    "                     sqlite (tables articles and facts; needs -o)\n"
    "  -o, --output PATH  write to PATH instead of stdout\n"
    "      --facts        jsonl: one line per figure instead of per article\n"
    "  -q, --quiet        no diagnostics but errors that stop the run\n"
    "  -v, --verbose      a summary line at the end, and more\n"
    "\n"
    "exit status: 0 all inputs done, 1 some failed (one stderr line each:\n"
    "`newsfact: INPUT: STAGE: message`), 2 usage or setup error.\n"
    "\n"
    "examples:\n"
    "  newsfact extract examples/pages/yonhap-style.html\n"
    "  newsfact extract --url https://www.example.com/a/1 page.html\n"
    "  newsfact extract --facts examples/ | jq -c '[.surface,.value,.unit]'\n"
    "  newsfact extract -f csv -o facts.csv archive/2026-11-28.warc.gz\n"
    "  newsfact extract -f sqlite -o news.db examples/\n";

static const char usage_facts[] =
    "usage: newsfact facts [-q] [TEXT...]\n"
    "\n"
    "Reads each TEXT argument, or each line of stdin when there are none,\n"
    "and prints one JSON line per figure: surface, value, unit, approx,\n"
    "spans, sentence, and `input`, the 1-based number of the argument or\n"
    "line.\n"
    "\n"
    "examples:\n"
    "  newsfact facts '지난해 AI 부문에 13억 달러(약 1조9100억원)를 "
    "투자했다.'\n"
    "  printf '실업률 3.4%%에서 3.9%%로\\n' | newsfact facts\n";

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

static int
usage_error(const char *usage, const char *fmt, const char *arg)
{
	fputs("newsfact: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage, stderr);
	return 2;
}

static int
cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"url", required_argument, NULL, 'u'},
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"facts", no_argument, NULL, 'F'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct nf_pipeline p;
	const char *url = NULL, *output = NULL;
	enum nf_out_format fmt = NF_OUT_JSONL;
	bool facts_only = false;
	int c, status;
	nf_err err = NF_OK;

	memset(&p, 0, sizeof(p));
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:qvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			url = optarg;
			break;
		case 'f':
			if (!nf_out_format_parse(optarg, &fmt))
				return usage_error(usage_extract,
						   "unknown format: %s",
						   optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			facts_only = true;
			break;
		case 'q':
			nf_log_level = NF_LOG_QUIET;
			break;
		case 'v':
			nf_log_level = NF_LOG_INFO;
			break;
		case 'h':
			fputs(usage_extract, stdout);
			return 0;
		default:
			fputs(usage_extract, stderr);
			return 2;
		}
	}
	if (optind >= argc)
		return usage_error(usage_extract, "%s", "no INPUT given");
	if (url && argc - optind > 1)
		return usage_error(usage_extract, "%s",
				   "--url needs exactly one INPUT");
	if (fmt == NF_OUT_SQLITE && !output)
		return usage_error(usage_extract, "%s",
				   "--format sqlite needs -o PATH");
	if (nf_pipeline_init(&p) != NF_OK) {
		nf_log_error("setup: %s", nf_last_error());
		return 2;
	}
	p.url = url;
	if (nf_writer_open(&p.out, fmt, facts_only, output) != NF_OK) {
		nf_log_error("output: %s", nf_last_error());
		nf_pipeline_release(&p);
		return 2;
	}
	for (int i = optind; i < argc && !err; i++)
		err = nf_pipeline_run_path(&p, argv[i]);
	if (nf_writer_close(p.out) != NF_OK && !err)
		err = NF_ERR_IO;
	if (err)
		nf_log_error("output: %s", nf_last_error());
	nf_log_info("%zu inputs, %zu records, %zu facts, %zu failed", p.inputs,
		    p.records, p.facts, p.failed);
	status = err ? 2 : p.failed ? 1 : 0;
	nf_pipeline_release(&p);
	return status;
}

/* One text: make it valid UTF-8, find figures, print them. */
static nf_err
facts_one(struct nf_figures *fx, const char *s, size_t n, size_t input,
	  size_t *failed)
{
	struct nf_decoded dec;
	struct nf_figure *figs = NULL;
	size_t nfigs = 0;
	nf_err err;

	err = nf_charset_decode(&dec, s, n, "text/plain; charset=utf-8",
				nf_config_defaults().max_text_bytes);
	if (err) {
		nf_log_error("input %zu: charset: %s", input, nf_last_error());
		(*failed)++;
		return NF_OK;
	}
	err = nf_figures_find(fx, dec.text.data, dec.text.len, &figs, &nfigs,
			      nf_config_defaults().max_figures);
	if (err) {
		nf_log_error("input %zu: figures: %s", input, nf_last_error());
		(*failed)++;
		err = NF_OK;
	}
	for (size_t i = 0; i < nfigs && !err; i++)
		err = nf_jsonl_write_text_fact(stdout, &figs[i], dec.text.data,
					       dec.text.len, input);
	free(figs);
	nf_decoded_release(&dec);
	return err;
}

static int
cmd_facts(int argc, char **argv)
{
	struct nf_figures *fx;
	size_t failed = 0;
	nf_err err = NF_OK;
	int first = 1;

	for (; first < argc && argv[first][0] == '-' && argv[first][1];
	     first++) {
		if (strcmp(argv[first], "-q") == 0) {
			nf_log_level = NF_LOG_QUIET;
		} else if (strcmp(argv[first], "--help") == 0 ||
			   strcmp(argv[first], "-h") == 0) {
			fputs(usage_facts, stdout);
			return 0;
		} else if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		} else {
			return usage_error(usage_facts, "unknown option: %s",
					   argv[first]);
		}
	}
	if (nf_figures_new(&fx) != NF_OK) {
		nf_log_error("setup: %s", nf_last_error());
		return 2;
	}
	if (first < argc) {
		for (int i = first; i < argc && !err; i++)
			err = facts_one(fx, argv[i], strlen(argv[i]),
					(size_t)(i - first + 1), &failed);
	} else {
		char *line = NULL;
		size_t alloc = 0, input = 0;
		ssize_t n;
		while (!err && (n = getline(&line, &alloc, stdin)) != -1) {
			input++;
			while (n > 0 &&
			       (line[n - 1] == '\n' || line[n - 1] == '\r'))
				n--;
			err = facts_one(fx, line, (size_t)n, input, &failed);
		}
		free(line);
	}
	nf_figures_free(fx);
	if (err) {
		nf_log_error("output: %s", nf_last_error());
		return 2;
	}
	return failed ? 1 : 0;
}

int
main(int argc, char **argv)
{
	const char *cmd;
	int status;

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
			fputs(usage_extract, stdout);
		else if (strcmp(topic, "facts") == 0)
			fputs(usage_facts, stdout);
		else
			fputs(usage_main, stdout);
		return 0;
	}
	if (nf_fetch_global_init() != NF_OK) {
		nf_log_error("setup: %s", nf_last_error());
		return 2;
	}
	if (strcmp(cmd, "extract") == 0)
		status = cmd_extract(argc - 1, argv + 1);
	else if (strcmp(cmd, "facts") == 0)
		status = cmd_facts(argc - 1, argv + 1);
	else
		status = usage_error(usage_main, "unknown command: %s", cmd);
	nf_fetch_global_cleanup();
	return status;
}
