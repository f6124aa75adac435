#include "output/writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "output/csv.h"
#include "output/jsonl.h"
#include "output/sqlite.h"
#include "base/banned.h"

struct nf_writer {
	unsigned batch; /* SQLite records per transaction */
	enum nf_out_format fmt;
	bool facts_only;
	FILE *f;
	bool own_file;
	struct nf_sqlite_out *db;
};

bool
nf_out_format_parse(const char *name, enum nf_out_format *out)
{
	if (strcmp(name, "jsonl") == 0)
		*out = NF_OUT_JSONL;
	else if (strcmp(name, "csv") == 0)
		*out = NF_OUT_CSV;
	else if (strcmp(name, "sqlite") == 0)
		*out = NF_OUT_SQLITE;
	else
		return false;
	return true;
}

nf_err
nf_writer_open(struct nf_writer **out, enum nf_out_format fmt, bool facts_only,
	       const char *path)
{
	return nf_writer_open_ex(out, fmt, facts_only, path, true);
}

nf_err
nf_writer_open_ex(struct nf_writer **out, enum nf_out_format fmt,
		  bool facts_only, const char *path, bool csv_header)
{
	struct nf_writer *w;
	nf_err err = NF_OK;

	*out = NULL;
	if (fmt == NF_OUT_SQLITE && !path)
		return nf_fail(
		    NF_ERR_USAGE,
		    "--format sqlite needs -o PATH (a database file)");
	w = nf_xcalloc(1, sizeof(*w));
	w->batch = NF_SQLITE_BATCH;
	w->fmt = fmt;
	w->facts_only = facts_only;
	switch (fmt) {
	case NF_OUT_SQLITE:
		err = nf_sqlite_out_open(&w->db, path);
		break;
	case NF_OUT_JSONL:
	case NF_OUT_CSV:
		if (path) {
			w->f = fopen(path, "w");
			if (!w->f)
				err = nf_fail(NF_ERR_IO, "%s: %s", path,
					      strerror(errno));
			w->own_file = true;
		} else {
			w->f = stdout;
		}
		if (!err && fmt == NF_OUT_CSV && csv_header)
			err = nf_csv_write_header(w->f);
		break;
	}
	if (err) {
		if (w->own_file && w->f)
			fclose(w->f);
		free(w);
		return err;
	}
	*out = w;
	return NF_OK;
}

void
nf_writer_set_batch(struct nf_writer *w, unsigned records)
{
	w->batch = records ? records : 1;
}

nf_err
nf_writer_put(struct nf_writer *w, const struct nf_record *r)
{
	nf_err err = NF_OK;

	switch (w->fmt) {
	case NF_OUT_JSONL:
		err = w->facts_only ? nf_jsonl_write_facts(w->f, r)
				    : nf_jsonl_write_record(w->f, r);
		break;
	case NF_OUT_CSV:
		err = nf_csv_write_facts(w->f, r);
		break;
	case NF_OUT_SQLITE:
		err = nf_sqlite_out_put(w->db, r, w->batch);
		break;
	}
	return err;
}

nf_err
nf_writer_close(struct nf_writer *w)
{
	nf_err err = NF_OK;

	if (!w)
		return NF_OK;
	if (w->db) {
		nf_err e = nf_sqlite_out_close(w->db);
		if (!err)
			err = e;
	}
	if (w->own_file && fclose(w->f) != 0 && !err)
		err = nf_fail(NF_ERR_IO, "close: %s", strerror(errno));
	free(w);
	return err;
}
