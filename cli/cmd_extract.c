/*
 * cli/cmd_extract.c - `newsfact extract`: saved pages, plain-text
 * articles, WARC files, directories and stdin through the pipeline.
 */
#include "cli/commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pipeline.h"
#include "cli/progress.h"
#include "output/writer.h"
#include "base/banned.h"

const char nf_usage_extract[] =
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
    "      --state PATH   SQLite state (created if missing): every article\n"
    "                     seen, so duplicate_of, cluster and version_of link\n"
    "                     to earlier runs too; shared with `newsfact crawl`\n"
    "  -q, --quiet        nothing on stderr, no progress (the exit status\n"
    "                     still says whether inputs failed)\n"
    "  -v, --verbose      a summary line at the end, and more\n"
    "\n"
    "When stderr is a terminal, a progress line there shows inputs done,\n"
    "records, failures and records per second.\n"
    "\n"
    "exit status: 0 all inputs done, 1 some failed (one stderr line each:\n"
    "`newsfact: INPUT: STAGE: message`), 2 usage or setup error (also a\n"
    "--state that cannot be opened).\n"
    "\n"
    "examples:\n"
    "  newsfact extract examples/pages/yonhap-style.html\n"
    "  newsfact extract --url https://www.example.com/a/1 "
    "examples/pages/print-copy.html\n"
    "  newsfact extract --facts examples/ | jq -c '[.surface,.value,.unit]'\n"
    "  newsfact extract -f csv -o facts.csv archive.warc.gz\n"
    "  newsfact extract --state state.db examples/pages/ | jq -c "
    "'[.id,.duplicate_of,.cluster,.version_of]'\n"
    "  newsfact extract -f sqlite -o news.db archive.warc.gz examples/\n"
    "  sqlite3 news.db 'select unit, count(*) from facts group by unit'\n";

int
nf_cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"url", required_argument, NULL, 'u'},
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"facts", no_argument, NULL, 'F'},
	    {"state", required_argument, NULL, 'S'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct nf_pipeline p;
	struct nf_progress prog;
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
				return nf_usage_error(nf_usage_extract,
						      "unknown format: %s",
						      optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			facts_only = true;
			break;
		case 'S':
			p.state_path = optarg;
			break;
		case 'q':
			nf_log_level = NF_LOG_QUIET;
			break;
		case 'v':
			nf_log_level = NF_LOG_INFO;
			break;
		case 'h':
			fputs(nf_usage_extract, stdout);
			return 0;
		default:
			fputs(nf_usage_extract, stderr);
			return 2;
		}
	}
	if (optind >= argc)
		return nf_usage_error(nf_usage_extract, "%s", "no INPUT given");
	if (url && argc - optind > 1)
		return nf_usage_error(nf_usage_extract, "%s",
				      "--url needs exactly one INPUT");
	if (fmt == NF_OUT_SQLITE && !output)
		return nf_usage_error(nf_usage_extract, "%s",
				      "--format sqlite needs -o PATH");
	if (nf_pipeline_init(&p) != NF_OK) {
		nf_log_error("setup: %s", nf_last_error());
		return 2;
	}
	p.url = url;
	nf_progress_init(&prog, stderr);
	p.progress = &prog;
	if (nf_writer_open(&p.out, fmt, facts_only, output) != NF_OK) {
		nf_log_error("output: %s", nf_last_error());
		nf_pipeline_release(&p);
		return 2;
	}
	for (int i = optind; i < argc && !err; i++)
		err = nf_pipeline_run_path(&p, argv[i]);
	if (nf_writer_close(p.out) != NF_OK && !err)
		err = NF_ERR_IO;
	nf_progress_clear(&prog);
	if (err)
		nf_log_error("output: %s", nf_last_error());
	nf_log_info("%zu inputs, %zu records, %zu facts, %zu failed", p.inputs,
		    p.records, p.facts, p.failed);
	status = err ? 2 : p.failed ? 1 : 0;
	if (nf_pipeline_close_state(&p) != NF_OK) {
		nf_log_error("%s", nf_last_error());
		if (!status)
			status = 1;
	}
	nf_pipeline_release(&p);
	return status;
}
