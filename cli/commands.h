/*
 * cli/commands.h - the commands of `newsfact`, one file each
 * (cli/cmd_<name>.c).  Each takes argv with the command name at argv[0]
 * and returns the process exit status: 0 all inputs done, 1 some inputs
 * failed (the others were still processed and written), 2 usage or setup
 * error.
 */
#ifndef NF_CLI_COMMANDS_H
#define NF_CLI_COMMANDS_H

extern const char nf_usage_extract[];
extern const char nf_usage_facts[];
extern const char nf_usage_crawl[];

int nf_cmd_extract(int argc, char **argv);
int nf_cmd_facts(int argc, char **argv);
int nf_cmd_crawl(int argc, char **argv);

/*
 * Print "newsfact: <fmt with arg>" and the usage text on stderr; returns 2,
 * the usage-error exit status.
 */
int nf_usage_error(const char *usage, const char *fmt, const char *arg);

#endif
