#include "output/sqlite.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "base/buf.h"
#include "base/banned.h"

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS articles ("
    " id TEXT PRIMARY KEY, url TEXT, canonical_url TEXT, site_name TEXT,"
    " title TEXT, authors TEXT NOT NULL, published TEXT, modified TEXT,"
    " section TEXT, lang TEXT, charset TEXT, text TEXT NOT NULL,"
    " captions TEXT NOT NULL, repeats_removed INTEGER NOT NULL,"
    " fingerprint TEXT, duplicate_of TEXT, cluster TEXT, version_of TEXT,"
    " fetched_at TEXT, source_file TEXT, source_warc_record_id TEXT,"
    " source_offset INTEGER);"
    "CREATE TABLE IF NOT EXISTS facts ("
    " article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL, surface TEXT NOT NULL, value TEXT,"
    " value_real REAL, unit TEXT, approx TEXT NOT NULL, range_low TEXT,"
    " range_high TEXT, chain TEXT, per TEXT, start INTEGER NOT NULL,"
    " \"end\" INTEGER NOT NULL, byte_start INTEGER NOT NULL,"
    " byte_end INTEGER NOT NULL, sentence TEXT NOT NULL,"
    " PRIMARY KEY (article_id, seq));"
    "CREATE INDEX IF NOT EXISTS facts_article_id ON facts(article_id);"
    "CREATE INDEX IF NOT EXISTS facts_unit ON facts(unit);"
    "CREATE INDEX IF NOT EXISTS articles_published ON articles(published);";

struct nf_sqlite_out {
	sqlite3 *db;
	sqlite3_stmt *del_facts, *put_article, *put_fact;
	unsigned in_batch;
};

static nf_err
db_fail(struct nf_sqlite_out *s, const char *what)
{
	return nf_fail(NF_ERR_DB, "sqlite: %s: %s", what,
		       s->db ? sqlite3_errmsg(s->db) : "no database");
}

static nf_err
exec(struct nf_sqlite_out *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s, sql);
	return NF_OK;
}

nf_err
nf_sqlite_out_open(struct nf_sqlite_out **out, const char *path)
{
	struct nf_sqlite_out *s = nf_xcalloc(1, sizeof(*s));
	nf_err err;

	*out = NULL;
	if (sqlite3_open(path, &s->db) != SQLITE_OK) {
		err = db_fail(s, path);
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	if ((err = exec(s, schema)) ||
	    (err = exec(s, "PRAGMA foreign_keys=ON")))
		goto fail;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM facts WHERE article_id=?",
			       -1, &s->del_facts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "INSERT OR REPLACE INTO articles VALUES"
			       " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &s->put_article, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "INSERT INTO facts VALUES"
			       " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &s->put_fact, NULL) != SQLITE_OK) {
		err = db_fail(s, "prepare");
		goto fail;
	}
	*out = s;
	return NF_OK;
fail:
	nf_sqlite_out_close(s);
	return err;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static char *
json_array(const struct nf_strv *sv)
{
	cJSON *a = cJSON_CreateArray();
	char *s;

	for (size_t i = 0; i < sv->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(sv->v[i]));
	s = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	return s;
}

static nf_err
put_facts(struct nf_sqlite_out *s, const struct nf_record *r)
{
	const char *text = r->art.text.data ? r->art.text.data : "";
	sqlite3_stmt *st = s->put_fact;
	char num[NF_DECIMAL_MAX];

	for (size_t i = 0; i < r->nfacts; i++) {
		const struct nf_figure *f = &r->facts[i];
		bool ranged =
		    f->approx == NF_APPROX_RANGE || f->approx == NF_APPROX_BAND;
		size_t ss = f->sent_start, se = f->sent_end;

		if (se > r->art.text.len || ss > se) {
			ss = f->byte_start;
			se = f->byte_end;
		}
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_text(st, 1, r->id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_text(st, 3, text + f->byte_start,
				  (int)(f->byte_end - f->byte_start),
				  SQLITE_TRANSIENT);
		if (f->value_text[0]) {
			bind_text(st, 4, f->value_text);
		} else if (f->has_value) {
			nf_decimal_format(f->value, num);
			sqlite3_bind_text(st, 4, num, -1, SQLITE_TRANSIENT);
			sqlite3_bind_double(st, 5, strtod(num, NULL));
		}
		bind_text(st, 6, f->unit);
		bind_text(st, 7, nf_approx_name(f->approx));
		if (ranged) {
			bind_text(st, 8, nf_decimal_format(f->range_low, num));
			bind_text(st, 9, nf_decimal_format(f->range_high, num));
		}
		bind_text(st, 10, f->chain);
		bind_text(st, 11, f->per);
		sqlite3_bind_int64(st, 12, (sqlite3_int64)f->start);
		sqlite3_bind_int64(st, 13, (sqlite3_int64)f->end);
		sqlite3_bind_int64(st, 14, (sqlite3_int64)f->byte_start);
		sqlite3_bind_int64(st, 15, (sqlite3_int64)f->byte_end);
		sqlite3_bind_text(st, 16, text + ss, (int)(se - ss),
				  SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(s, "insert fact");
	}
	return NF_OK;
}

nf_err
nf_sqlite_out_put(struct nf_sqlite_out *s, const struct nf_record *r,
		  unsigned batch)
{
	const struct nf_article *a = &r->art;
	sqlite3_stmt *st = s->put_article;
	char *authors, *captions;
	nf_err err = NF_OK;

	if (s->in_batch == 0 && (err = exec(s, "BEGIN IMMEDIATE")))
		return err;
	/* A failed article is rolled back whole; the batch goes on. */
	if ((err = exec(s, "SAVEPOINT article")))
		return err;
	sqlite3_reset(s->del_facts);
	sqlite3_bind_text(s->del_facts, 1, r->id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s->del_facts) != SQLITE_DONE) {
		err = db_fail(s, "delete facts");
		goto rollback;
	}

	authors = json_array(&a->authors);
	captions = json_array(&a->captions);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	bind_text(st, 1, r->id);
	bind_text(st, 2, r->url);
	bind_text(st, 3, r->canonical_url);
	bind_text(st, 4, a->site_name);
	bind_text(st, 5, a->title);
	sqlite3_bind_text(st, 6, authors, -1, SQLITE_TRANSIENT);
	bind_text(st, 7, a->published);
	bind_text(st, 8, a->modified);
	bind_text(st, 9, a->section);
	bind_text(st, 10, a->lang);
	bind_text(st, 11, r->charset);
	sqlite3_bind_text(st, 12, a->text.data ? a->text.data : "", -1,
			  SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 13, captions, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 14, (sqlite3_int64)r->repeats_removed);
	bind_text(st, 15, r->fingerprint);
	bind_text(st, 16, r->duplicate_of);
	bind_text(st, 17, r->cluster);
	bind_text(st, 18, r->version_of);
	bind_text(st, 19, r->fetched_at);
	bind_text(st, 20, r->source.file);
	bind_text(st, 21, r->source.warc_record_id);
	if (r->source.offset >= 0)
		sqlite3_bind_int64(st, 22, r->source.offset);
	free(authors);
	free(captions);
	if (sqlite3_step(st) != SQLITE_DONE) {
		err = db_fail(s, "insert article");
		goto rollback;
	}
	if ((err = put_facts(s, r)))
		goto rollback;
	if ((err = exec(s, "RELEASE article")))
		return err;
	if (++s->in_batch >= batch) {
		s->in_batch = 0;
		err = exec(s, "COMMIT");
	}
	return err;
rollback:
	sqlite3_exec(s->db, "ROLLBACK TO article; RELEASE article", NULL, NULL,
		     NULL);
	return err;
}

nf_err
nf_sqlite_out_close(struct nf_sqlite_out *s)
{
	nf_err err = NF_OK;

	if (!s)
		return NF_OK;
	if (s->in_batch)
		err = exec(s, "COMMIT");
	sqlite3_finalize(s->del_facts);
	sqlite3_finalize(s->put_article);
	sqlite3_finalize(s->put_fact);
	if (s->db && sqlite3_close(s->db) != SQLITE_OK && !err)
		err = db_fail(s, "close");
	free(s);
	return err;
}
