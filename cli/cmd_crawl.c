/*
 * cli/cmd_crawl.c - `newsfact crawl`: poll sources, fetch new articles
 * politely, archive them, and run each through the pipeline as soon as
 * it arrives.  The crawl engine knows nothing of the stages; the sink
 * below is where its pages enter cli/pipeline.c.
 */
#include "cli/commands.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "cli/pipeline.h"
#include "crawler/engine.h"
#include "crawler/state.h"
#include "normalize/dedup.h"
#include "crawler/warc_write.h"
#include "normalize/record.h"
#include "output/writer.h"
#include "base/banned.h"

const char nf_usage_crawl[] =
    "usage: newsfact crawl --state PATH (--seed URL... | --config FILE)\n"
    "                      [OPTIONS]\n"
    "\n"
    "Polls feeds, sitemaps and section pages, fetches the articles not\n"
    "fetched before (politely: robots.txt, one request per host at a time,\n"
    "a delay between requests) and writes one record per article, as for\n"
    "`newsfact extract`.  Meant for cron: state persists in --state, a\n"
    "second run polls with conditional requests and fetches only new\n"
    "articles, and a killed run resumes where it stopped.\n"
    "\n"
    "options:\n"
    "  --seed URL          a feed, sitemap or section page (repeatable)\n"
    "  --allow REGEX       fetch only article URLs matching (repeatable)\n"
    "  --deny REGEX        never fetch article URLs matching (repeatable)\n"
    "  --config FILE       many sources with their own settings\n"
    "                      (docs/CRAWLING.md)\n"
    "  --state PATH        SQLite crawl state (required; PATH.lock guards it)\n"
    "  --warc-dir DIR      archive every exchange as WARC/1.1 in DIR\n"
    "  -o, --output PATH   append records to PATH instead of stdout\n"
    "  -f, --format FMT    jsonl (default), csv or sqlite (needs -o)\n"
    "      --facts         jsonl: one line per figure instead of per article\n"
    "  --delay SECONDS     gap between requests to one host (default 1)\n"
    "  --max-pages N       fetch at most N articles this run\n"
    "  --user-agent STR    User-Agent (default names newsfact and a URL)\n"
    "  --parallel N        hosts fetched at once (default 8)\n"
    "  --timeout MS        total time per request (default 30000)\n"
    "  --connect-timeout MS  (default 10000)\n"
    "  --retries N         retries after timeouts, resets, 429, 5xx (3)\n"
    "  --retry-base S      first retry wait, doubled each time (2)\n"
    "  --max-wait S        end the run rather than wait longer (120)\n"
    "  --max-body BYTES    largest body kept (16 MiB)\n"
    "  --warc-max-bytes N  start a new WARC file past N bytes (1 GB)\n"
    "  -q, --quiet         errors that stop the run only\n"
    "  -v, --verbose       also every URL queued\n"
    "\n"
    "exit status: 0 done, 1 some URLs failed (the rest was done),\n"
    "2 usage or setup error, 75 another crawl holds the state (skipped).\n"
    "\n"
    "examples:\n"
    "  newsfact crawl --state news.db --seed https://www.yna.co.kr/rss/"
    "news.xml \\\n"
    "      --allow '^https://www\\.yna\\.co\\.kr/view/' -o news.jsonl\n"
    "  newsfact crawl --config examples/sources.conf --state news.db \\\n"
    "      --warc-dir archive/ -o news.jsonl\n";

#define EXIT_LOCKED 75

struct sink_ctx {
	struct nf_pipeline *p;
};

static nf_err
sink(void *ctx, const struct nf_engine_page *pg)
{
	struct sink_ctx *s = ctx;
	char when[32];
	time_t t = (time_t)pg->fetched_at;
	struct tm tm;
	nf_err err;

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct nf_source src = {(char *)pg->warc_file,
				(char *)pg->warc_record_id, pg->warc_offset};
	/*
	 * Servers that say "charset=utf-8" over EUC-KR bytes are common on
	 * old Korean CMSes; when the bytes prove the label wrong, drop it so
	 * the page's own <meta> decides.
	 */
	const char *ct = pg->content_type;
	if (ct && strcasestr(ct, "charset=utf-8") &&
	    !nf_utf8_valid(pg->body, pg->len))
		ct = "text/html";
	s->p->fetched_at = when;
	err = nf_pipeline_run_bytes(s->p, pg->body, pg->len, ct, pg->url,
				    pg->warc_file ? &src : NULL);
	s->p->fetched_at = NULL;
	return err;
}

/*
 * Open a text output for appending, cutting a torn last line left by a
 * killed run, and make it stdout for the writer.
 */
static nf_err
open_append(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	struct stat sb;

	if (fd < 0)
		return nf_fail(NF_ERR_IO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) == 0 && sb.st_size > 0) {
		off_t end = sb.st_size, keep = 0;
		char buf[4096];
		/* Find the last newline from the end. */
		while (end > 0) {
			off_t from = end > (off_t)sizeof(buf)
					 ? end - (off_t)sizeof(buf)
					 : 0;
			ssize_t n = pread(fd, buf, (size_t)(end - from), from);
			if (n <= 0)
				break;
			ssize_t i = n;
			while (i > 0 && buf[i - 1] != '\n')
				i--;
			if (i > 0) {
				keep = from + i;
				break;
			}
			end = from;
		}
		if (keep != sb.st_size) {
			nf_log_error("%s: dropping a torn last record (%lld "
				     "bytes) left by an interrupted run",
				     path, (long long)(sb.st_size - keep));
			if (ftruncate(fd, keep) != 0) {
				close(fd);
				return nf_fail(NF_ERR_IO, "%s: %s", path,
					       strerror(errno));
			}
		}
	}
	fflush(stdout);
	if (dup2(fd, STDOUT_FILENO) < 0) {
		close(fd);
		return nf_fail(NF_ERR_IO, "%s: %s", path, strerror(errno));
	}
	close(fd);
	return NF_OK;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static bool
parse_double(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end != '\0' || v < 0)
		return false;
	*out = v;
	return true;
}

static bool
parse_long(const char *s, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0' || v < 0)
		return false;
	*out = v;
	return true;
}

static bool
parse_bool(const char *s, bool *out)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 ||
	    strcmp(s, "1") == 0)
		*out = true;
	else if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 ||
		 strcmp(s, "0") == 0)
		*out = false;
	else
		return false;
	return true;
}

struct sources {
	struct nf_crawl_source *v;
	size_t n;
};

static struct nf_crawl_source *
new_source(struct sources *ss, const char *name)
{
	struct nf_crawl_source *s;

	ss->v = nf_xrealloc(ss->v, (ss->n + 1) * sizeof(*ss->v));
	s = &ss->v[ss->n++];
	memset(s, 0, sizeof(*s));
	s->name = nf_xstrdup(name);
	s->delay = -1;
	s->robots_sitemaps = true;
	return s;
}

/*
 * The --config format (docs/CRAWLING.md): `key = value` lines, `#`
 * comments, a [defaults] section and one [source NAME] section per site.
 */
static nf_err
read_config(const char *path, struct sources *ss, struct nf_engine_opts *o,
	    char **user_agent)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int lineno = 0;
	struct nf_crawl_source *cur = NULL;
	bool in_defaults = false;
	nf_err err = NF_OK;

	if (!f)
		return nf_fail(NF_ERR_IO, "%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *eq, *key, *val;
		lineno++;
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end) {
				err =
				    nf_fail(NF_ERR_USAGE, "%s:%d: bad section",
					    path, lineno);
				break;
			}
			*end = '\0';
			char *name = trim(s + 1);
			in_defaults = strcmp(name, "defaults") == 0;
			cur = NULL;
			if (!in_defaults) {
				if (strncmp(name, "source", 6) == 0)
					name = trim(name + 6);
				if (*name == '\0') {
					err = nf_fail(NF_ERR_USAGE,
						      "%s:%d: a source needs a "
						      "name",
						      path, lineno);
					break;
				}
				cur = new_source(ss, name);
			}
			continue;
		}
		eq = strchr(s, '=');
		if (!eq || (!cur && !in_defaults)) {
			err = nf_fail(NF_ERR_USAGE,
				      "%s:%d: expected `key = value` inside a "
				      "section",
				      path, lineno);
			break;
		}
		*eq = '\0';
		key = trim(s);
		val = trim(eq + 1);
		bool ok = true;
		if (in_defaults) {
			long n;
			if (strcmp(key, "delay") == 0)
				ok = parse_double(val, &o->delay);
			else if (strcmp(key, "user-agent") == 0) {
				free(*user_agent);
				*user_agent = nf_xstrdup(val);
			} else if (strcmp(key, "max-pages") == 0)
				ok = parse_long(val, &o->max_pages);
			else if (strcmp(key, "parallel") == 0) {
				ok = parse_long(val, &n) && n > 0;
				o->max_parallel = (int)n;
			} else if (strcmp(key, "max-crawl-delay") == 0)
				ok = parse_double(val, &o->max_crawl_delay);
			else
				ok = false;
		} else if (strcmp(key, "seed") == 0) {
			nf_strv_push(&cur->seeds, nf_xstrdup(val));
		} else if (strcmp(key, "allow") == 0) {
			nf_strv_push(&cur->allow, nf_xstrdup(val));
		} else if (strcmp(key, "deny") == 0) {
			nf_strv_push(&cur->deny, nf_xstrdup(val));
		} else if (strcmp(key, "delay") == 0) {
			ok = parse_double(val, &cur->delay);
		} else if (strcmp(key, "max-pages") == 0) {
			ok = parse_long(val, &cur->max_pages);
		} else if (strcmp(key, "robots-sitemaps") == 0) {
			ok = parse_bool(val, &cur->robots_sitemaps);
		} else {
			ok = false;
		}
		if (!ok) {
			err = nf_fail(NF_ERR_USAGE,
				      "%s:%d: bad setting `%s = %s`", path,
				      lineno, key, val);
			break;
		}
	}
	fclose(f);
	if (!err && ss->n == 0)
		err =
		    nf_fail(NF_ERR_USAGE, "%s: no [source NAME] section", path);
	for (size_t i = 0; !err && i < ss->n; i++)
		if (ss->v[i].seeds.n == 0)
			err = nf_fail(NF_ERR_USAGE, "%s: source %s has no seed",
				      path, ss->v[i].name);
	return err;
}

static void
on_signal(int sig)
{
	(void)sig;
	nf_engine_stop();
}

static void
summary(const struct nf_engine_stats *s, const struct nf_pipeline *p)
{
	nf_log_error("crawl: done in %.1f s: %ld requests, %ld fetched, %ld "
		     "new articles, %ld unchanged, %ld failed, %ld retried, "
		     "%ld skipped; %zu records, %zu facts",
		     s->seconds, s->requests, s->fetched, s->articles,
		     s->unchanged, s->failed, s->retried, s->skipped,
		     p->records, p->facts);
	for (size_t i = 0; i < s->nhosts; i++)
		nf_log_error("crawl: host %s: %ld fetched, %ld new, %ld "
			     "unchanged, %ld failed, %ld retried, %ld skipped",
			     s->hosts[i].host, s->hosts[i].fetched,
			     s->hosts[i].articles, s->hosts[i].unchanged,
			     s->hosts[i].failed, s->hosts[i].retried,
			     s->hosts[i].skipped);
}

enum {
	OPT_SEED = 256,
	OPT_ALLOW,
	OPT_DENY,
	OPT_CONFIG,
	OPT_STATE,
	OPT_WARC,
	OPT_FACTS,
	OPT_DELAY,
	OPT_MAX_PAGES,
	OPT_UA,
	OPT_PARALLEL,
	OPT_TIMEOUT,
	OPT_CTIMEOUT,
	OPT_RETRIES,
	OPT_RETRY_BASE,
	OPT_MAX_WAIT,
	OPT_MAX_BODY,
	OPT_WARC_MAX,
};

int
nf_cmd_crawl(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"seed", required_argument, NULL, OPT_SEED},
	    {"allow", required_argument, NULL, OPT_ALLOW},
	    {"deny", required_argument, NULL, OPT_DENY},
	    {"config", required_argument, NULL, OPT_CONFIG},
	    {"state", required_argument, NULL, OPT_STATE},
	    {"warc-dir", required_argument, NULL, OPT_WARC},
	    {"output", required_argument, NULL, 'o'},
	    {"format", required_argument, NULL, 'f'},
	    {"facts", no_argument, NULL, OPT_FACTS},
	    {"delay", required_argument, NULL, OPT_DELAY},
	    {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
	    {"user-agent", required_argument, NULL, OPT_UA},
	    {"parallel", required_argument, NULL, OPT_PARALLEL},
	    {"timeout", required_argument, NULL, OPT_TIMEOUT},
	    {"connect-timeout", required_argument, NULL, OPT_CTIMEOUT},
	    {"retries", required_argument, NULL, OPT_RETRIES},
	    {"retry-base", required_argument, NULL, OPT_RETRY_BASE},
	    {"max-wait", required_argument, NULL, OPT_MAX_WAIT},
	    {"max-body", required_argument, NULL, OPT_MAX_BODY},
	    {"warc-max-bytes", required_argument, NULL, OPT_WARC_MAX},
	    {"quiet", no_argument, NULL, 'q'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct nf_engine_opts o = nf_engine_defaults();
	struct nf_crawl_source cli = {0};
	struct sources ss = {0};
	const char *config = NULL, *state_path = NULL, *warc_dir = NULL;
	const char *output = NULL;
	char *user_agent = NULL;
	enum nf_out_format fmt = NF_OUT_JSONL;
	struct nf_pipeline p;
	struct nf_state *st = NULL;
	struct nf_warc_writer *warc = NULL;
	struct nf_engine_stats stats = {0};
	long n = 0, warc_max = 0;
	double delay = -1;
	int c, verbosity = 1, status = 2;
	bool quiet = false, verbose = false, facts_only = false;
	bool csv_header = true;
	nf_err err;

	memset(&p, 0, sizeof(p));
	cli.delay = -1;
	cli.robots_sitemaps = true;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:qvh", longopts, NULL)) != -1) {
		bool ok = true;
		switch (c) {
		case OPT_SEED:
			nf_strv_push(&cli.seeds, nf_xstrdup(optarg));
			break;
		case OPT_ALLOW:
			nf_strv_push(&cli.allow, nf_xstrdup(optarg));
			break;
		case OPT_DENY:
			nf_strv_push(&cli.deny, nf_xstrdup(optarg));
			break;
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_STATE:
			state_path = optarg;
			break;
		case OPT_WARC:
			warc_dir = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'f':
			ok = nf_out_format_parse(optarg, &fmt);
			break;
		case OPT_FACTS:
			facts_only = true;
			break;
		case OPT_DELAY:
			ok = parse_double(optarg, &delay);
			break;
		case OPT_MAX_PAGES:
			ok = parse_long(optarg, &o.max_pages);
			break;
		case OPT_UA:
			free(user_agent);
			user_agent = nf_xstrdup(optarg);
			break;
		case OPT_PARALLEL:
			ok = parse_long(optarg, &n) && n > 0 && n < 10000;
			o.max_parallel = (int)n;
			break;
		case OPT_TIMEOUT:
			ok = parse_long(optarg, &o.timeout_ms) &&
			     o.timeout_ms > 0;
			break;
		case OPT_CTIMEOUT:
			ok = parse_long(optarg, &o.connect_timeout_ms) &&
			     o.connect_timeout_ms > 0;
			break;
		case OPT_RETRIES:
			ok = parse_long(optarg, &n) && n < 100;
			o.max_retries = (int)n;
			break;
		case OPT_RETRY_BASE:
			ok = parse_double(optarg, &o.retry_base);
			break;
		case OPT_MAX_WAIT:
			ok = parse_double(optarg, &o.max_wait);
			break;
		case OPT_MAX_BODY:
			ok = parse_long(optarg, &n) && n > 0;
			o.max_body_bytes = (size_t)n;
			break;
		case OPT_WARC_MAX:
			ok = parse_long(optarg, &warc_max) && warc_max > 0;
			break;
		case 'q':
			quiet = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			fputs(nf_usage_crawl, stdout);
			status = 0;
			goto out;
		default:
			fputs(nf_usage_crawl, stderr);
			goto out;
		}
		if (!ok) {
			status = nf_usage_error(nf_usage_crawl, "bad value: %s",
						optarg);
			goto out;
		}
	}
	if (optind < argc) {
		status = nf_usage_error(
		    nf_usage_crawl, "unexpected argument: %s", argv[optind]);
		goto out;
	}
	if (!state_path) {
		status = nf_usage_error(nf_usage_crawl, "%s",
					"--state PATH is required");
		goto out;
	}
	if (!config && cli.seeds.n == 0) {
		status = nf_usage_error(nf_usage_crawl, "%s",
					"give --seed URL or --config FILE");
		goto out;
	}
	if (fmt == NF_OUT_SQLITE && !output) {
		status = nf_usage_error(nf_usage_crawl, "%s",
					"--format sqlite needs -o PATH");
		goto out;
	}
	if (config) {
		err = read_config(config, &ss, &o, &user_agent);
		if (err) {
			status = nf_usage_error(nf_usage_crawl, "%s",
						nf_last_error());
			goto out;
		}
	}
	if (cli.seeds.n) {
		struct nf_crawl_source *s = new_source(&ss, "cli");
		free(s->name);
		*s = cli;
		s->name = nf_xstrdup("cli");
		memset(&cli, 0, sizeof(cli));
	}
	if (delay >= 0)
		o.delay = delay;
	if (user_agent)
		o.user_agent = user_agent;

	/* Logs: a progress line on a terminal, a line per fetch otherwise. */
	if (quiet) {
		nf_log_level = NF_LOG_QUIET;
		verbosity = 0;
	} else {
		o.progress = isatty(STDERR_FILENO);
		verbosity = o.progress ? 1 : 2;
		if (verbose)
			verbosity = 3;
	}
	o.verbosity = verbosity;

	err = nf_state_open(&st, state_path);
	if (err) {
		nf_log_error("%s", nf_last_error());
		status = nf_state_lock_busy() ? EXIT_LOCKED : 2;
		goto out;
	}
	/*
	 * The dedup tables live in the same state file, so crawl runs dedupe
	 * and link versions against every earlier run, as extract --state
	 * does.  One record per transaction keeps the frontier's writes from
	 * waiting on the dedup's lock.
	 */
	p.state_path = state_path;
	if (nf_pipeline_init(&p) != NF_OK) {
		nf_log_error("setup: %s", nf_last_error());
		goto out;
	}
	nf_dedup_set_batch(p.dedup, 1);
	if (output && fmt != NF_OUT_SQLITE) {
		struct stat sb;

		err = open_append(output);
		if (err) {
			nf_log_error("output: %s", nf_last_error());
			goto out;
		}
		/* A CSV file that already has rows has its header too. */
		csv_header = fstat(STDOUT_FILENO, &sb) != 0 || sb.st_size == 0;
	}
	if (nf_writer_open_ex(&p.out, fmt, facts_only,
			      fmt == NF_OUT_SQLITE ? output : NULL,
			      csv_header) != NF_OK) {
		nf_log_error("output: %s", nf_last_error());
		goto out;
	}
	/* A URL is marked done right after its record: commit each one, or
	 * a kill -9 would lose records of URLs already settled. */
	nf_writer_set_batch(p.out, 1);
	if (warc_dir) {
		struct nf_warc_writer_opts wo = {
		    .dir = warc_dir,
		    .prefix = "newsfact",
		    .max_file_bytes = (size_t)warc_max,
		    .software = "newsfact/" NF_VERSION,
		    .user_agent = o.user_agent,
		    .robots = "obey",
		};
		mkdir(warc_dir, 0755);
		if (nf_warc_writer_open(&warc, &wo) != NF_OK) {
			nf_log_error("warc: %s", nf_last_error());
			goto out;
		}
		o.warc = warc;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	struct sink_ctx sctx = {&p};
	err = nf_engine_run(st, ss.v, ss.n, &o, sink, &sctx, &stats);
	if (err)
		nf_log_error("crawl: %s", nf_last_error());
	if (p.out && nf_writer_close(p.out) != NF_OK && !err) {
		nf_log_error("output: %s", nf_last_error());
		err = NF_ERR_IO;
	}
	p.out = NULL;
	if (warc && nf_warc_writer_close(warc) != NF_OK && !err) {
		nf_log_error("%s", nf_last_error());
		err = NF_ERR_IO;
	}
	warc = NULL;
	if (verbosity >= 1)
		summary(&stats, &p);
	status = err ? 2 : (stats.failed || p.failed) ? 1 : 0;
out:
	if (p.out)
		nf_writer_close(p.out);
	nf_warc_writer_close(warc);
	if (p.figures)
		nf_pipeline_release(&p);
	nf_state_close(st);
	nf_engine_stats_release(&stats);
	for (size_t i = 0; i < ss.n; i++)
		nf_crawl_source_release(&ss.v[i]);
	free(ss.v);
	nf_crawl_source_release(&cli);
	free(user_agent);
	return status;
}
