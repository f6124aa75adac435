/*
 * cli/cmd_facts.c - `newsfact facts`: figures in plain text given as
 * arguments or as lines of stdin.
 */
#include "cli/commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "cli/pipeline.h"
#include "extract/charset.h"
#include "extract/figures.h"
#include "output/jsonl.h"
#include "base/banned.h"

const char nf_usage_facts[] =
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

/*
 * Whether nf_charset_decode() would return s[0..n) unchanged, given that
 * it is valid UTF-8: no NUL (which it replaces), no UTF-8 BOM (which it
 * drops) and within the size cap.  nf_figures_find() checks the UTF-8.
 */
static bool
decoded_as_is(const char *s, size_t n, size_t cap)
{
	if (cap && n > cap)
		return false;
	if (n >= 3 && (unsigned char)s[0] == 0xEF &&
	    (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
		return false;
	return !memchr(s, '\0', n);
}

/*
 * One text: make it valid UTF-8, find figures, print them.  Most lines
 * are valid UTF-8 already and go to the finder as they are; the finder
 * refuses the others (NF_ERR_CHARSET), which then go through the decoder.
 */
/*
 * JSON lines go out in writes of whole lines, about 64 KiB at a time: one
 * flush per figure cost a system call each.
 */
struct out {
	struct nf_buf pending; /* whole JSON lines not yet written */
	bool to_terminal;      /* a person reads: show each input's figures */
};

static nf_err
flush_pending(struct out *o)
{
	nf_err err = NF_OK;

	if (o->pending.len && (fwrite(o->pending.data, 1, o->pending.len,
				      stdout) != o->pending.len ||
			       fflush(stdout) != 0))
		err = nf_fail(NF_ERR_IO, "write: output error");
	nf_buf_reset(&o->pending);
	return err;
}

static nf_err
facts_one(struct nf_figures *fx, struct out *o, const char *s, size_t n,
	  size_t input, size_t *failed)
{
	struct nf_decoded dec;
	struct nf_figure *figs = NULL;
	size_t nfigs = 0;
	size_t cap = nf_config_defaults().max_text_bytes;
	size_t max = nf_config_defaults().max_figures;
	bool as_is = decoded_as_is(s, n, cap);
	const char *text = s;
	size_t len = n;
	nf_err err = NF_ERR_CHARSET;

	if (as_is)
		err = nf_figures_find(fx, text, len, &figs, &nfigs, max);
	if (err == NF_ERR_CHARSET) {
		as_is = false;
		err = nf_charset_decode(&dec, s, n, "text/plain; charset=utf-8",
					cap);
		if (err) {
			nf_log_error("input %zu: charset: %s", input,
				     nf_last_error());
			(*failed)++;
			return NF_OK;
		}
		text = dec.text.data;
		len = dec.text.len;
		err = nf_figures_find(fx, text, len, &figs, &nfigs, max);
	}
	if (err) {
		nf_log_error("input %zu: figures: %s", input, nf_last_error());
		(*failed)++;
		err = NF_OK;
	}
	for (size_t i = 0; i < nfigs && !err; i++)
		err = nf_jsonl_format_text_fact(&o->pending, &figs[i], text,
						len, input);
	if (!err && (o->pending.len >= (1u << 16) || o->to_terminal))
		err = flush_pending(o);
	free(figs);
	if (!as_is)
		nf_decoded_release(&dec);
	return err;
}

int
nf_cmd_facts(int argc, char **argv)
{
	struct nf_figures *fx;
	struct out o = {NF_BUF_INIT(0), false};
	size_t failed = 0;
	nf_err err = NF_OK;
	int first = 1;

	for (; first < argc && argv[first][0] == '-' && argv[first][1];
	     first++) {
		if (strcmp(argv[first], "-q") == 0) {
			nf_log_level = NF_LOG_QUIET;
		} else if (strcmp(argv[first], "--help") == 0 ||
			   strcmp(argv[first], "-h") == 0) {
			fputs(nf_usage_facts, stdout);
			return 0;
		} else if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		} else {
			return nf_usage_error(
			    nf_usage_facts, "unknown option: %s", argv[first]);
		}
	}
	o.to_terminal = isatty(STDOUT_FILENO);
	if (nf_figures_new(&fx) != NF_OK) {
		nf_log_error("setup: %s", nf_last_error());
		return 2;
	}
	if (first < argc) {
		for (int i = first; i < argc && !err; i++)
			err = facts_one(fx, &o, argv[i], strlen(argv[i]),
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
			err =
			    facts_one(fx, &o, line, (size_t)n, input, &failed);
		}
		free(line);
	}
	nf_figures_free(fx);
	if (!err)
		err = flush_pending(&o);
	nf_buf_release(&o.pending);
	if (err) {
		nf_log_error("output: %s", nf_last_error());
		return 2;
	}
	return failed ? 1 : 0;
}
