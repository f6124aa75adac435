#include "crawler/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/url.h"
#include "base/banned.h"

/*
 * The SQLite backend.  One writer (this process, under the flock), WAL so
 * that readers (a fact-checker's sqlite3 shell) never block it, and
 * synchronous=NORMAL: every committed transaction survives a kill -9 of
 * the process (only a power cut can lose the last few).
 */
struct nf_state {
	sqlite3 *db;
	int lock_fd;
	sqlite3_stmt *add, *add_host, *pick, *lease_url, *lease_host, *next_due,
	    *settle, *free_host, *robots_get, *robots_put, *lookup;
};

static _Thread_local bool lock_busy;

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA busy_timeout=10000;"
    "CREATE TABLE IF NOT EXISTS crawl_urls("
    " id INTEGER PRIMARY KEY,"
    " url TEXT NOT NULL UNIQUE,"
    " host TEXT NOT NULL,"
    " source TEXT NOT NULL DEFAULT '',"
    " kind INTEGER NOT NULL,"
    " status INTEGER NOT NULL,"
    " depth INTEGER NOT NULL DEFAULT 0,"
    " next_at REAL NOT NULL,"
    " failures INTEGER NOT NULL DEFAULT 0,"
    " http_status INTEGER,"
    " etag TEXT,"
    " last_modified TEXT,"
    " added_at REAL,"
    " fetched_at REAL,"
    " last_error TEXT);"
    "CREATE INDEX IF NOT EXISTS crawl_urls_due"
    " ON crawl_urls(host, status, kind, next_at, id);"
    "CREATE INDEX IF NOT EXISTS crawl_urls_status ON crawl_urls(status, kind);"
    "CREATE TABLE IF NOT EXISTS crawl_hosts("
    " host TEXT PRIMARY KEY,"
    " next_at REAL NOT NULL DEFAULT 0,"
    " leased INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS crawl_robots("
    " host TEXT PRIMARY KEY,"
    " status INTEGER NOT NULL,"
    " body BLOB,"
    " fetched_at REAL NOT NULL);";

double
nf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *
nf_url_kind_name(enum nf_url_kind k)
{
	switch (k) {
	case NF_KIND_ROBOTS:
		return "robots";
	case NF_KIND_FEED:
		return "feed";
	case NF_KIND_SITEMAP:
		return "sitemap";
	case NF_KIND_SECTION:
		return "section";
	case NF_KIND_ARTICLE:
		return "article";
	}
	return "?";
}

bool
nf_state_lock_busy(void)
{
	return lock_busy;
}

static nf_err
db_fail(struct nf_state *st, const char *what)
{
	return nf_fail(NF_ERR_DB, "state: %s: %s", what,
		       sqlite3_errmsg(st->db));
}

static nf_err
exec(struct nf_state *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		nf_err err = nf_fail(NF_ERR_DB, "state: %s", msg ? msg : "?");
		sqlite3_free(msg);
		return err;
	}
	return NF_OK;
}

static nf_err
prepare(struct nf_state *st, sqlite3_stmt **out, const char *sql)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK)
		return db_fail(st, "prepare");
	return NF_OK;
}

static nf_err
prepare_all(struct nf_state *st)
{
	struct {
		sqlite3_stmt **stmt;
		const char *sql;
	} all[] = {
	    {&st->add, "INSERT OR IGNORE INTO crawl_urls(url, host, source, "
		       "kind, status, depth, next_at, added_at) "
		       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"},
	    {&st->add_host, "INSERT OR IGNORE INTO crawl_hosts(host) "
			    "VALUES(?1)"},
	    /* The host waiting longest first, then its best URL: robots
	     * and listings before articles, oldest first.  The index on
	     * (host, status, kind, next_at, id) answers the inner query. */
	    {&st->pick,
	     "SELECT u.id, u.url, u.host, u.source, u.kind, u.depth, "
	     "u.failures, u.etag, u.last_modified FROM crawl_hosts h "
	     "JOIN crawl_urls u ON u.id = (SELECT x.id FROM crawl_urls x "
	     " WHERE x.host = h.host AND x.status = 0 AND x.next_at <= ?1 "
	     " ORDER BY x.kind, x.next_at, x.id LIMIT 1) "
	     "WHERE h.leased = 0 AND h.next_at <= ?1 "
	     "ORDER BY h.next_at, h.host LIMIT 1"},
	    {&st->lease_url, "UPDATE crawl_urls SET status = 1 WHERE id = ?1"},
	    {&st->lease_host,
	     "UPDATE crawl_hosts SET leased = 1 WHERE host = ?1"},
	    {&st->next_due,
	     "SELECT MIN(MAX(u.next_at, h.next_at)), "
	     "SUM(h.leased) FROM crawl_urls u JOIN crawl_hosts h "
	     "ON h.host = u.host WHERE u.status = 0"},
	    {&st->settle,
	     "UPDATE crawl_urls SET status = ?2, next_at = ?3, "
	     "failures = failures + ?4, http_status = COALESCE(?5, "
	     "http_status), etag = COALESCE(?6, etag), last_modified = "
	     "COALESCE(?7, last_modified), fetched_at = COALESCE(?8, "
	     "fetched_at), last_error = ?9 WHERE id = ?1"},
	    {&st->free_host, "UPDATE crawl_hosts SET leased = 0, next_at = ?2 "
			     "WHERE host = ?1"},
	    {&st->robots_get, "SELECT status, body, fetched_at FROM "
			      "crawl_robots WHERE host = ?1"},
	    {&st->robots_put, "INSERT OR REPLACE INTO crawl_robots(host, "
			      "status, body, fetched_at) VALUES(?1,?2,?3,?4)"},
	    {&st->lookup,
	     "SELECT status, failures FROM crawl_urls WHERE url = ?1"},
	};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		nf_err err = prepare(st, all[i].stmt, all[i].sql);
		if (err)
			return err;
	}
	return NF_OK;
}

nf_err
nf_state_open(struct nf_state **out, const char *path)
{
	struct nf_state *st;
	struct nf_buf lock = NF_BUF_INIT(0);
	nf_err err;

	*out = NULL;
	lock_busy = false;
	st = nf_xcalloc(1, sizeof(*st));
	st->lock_fd = -1;
	nf_buf_printf(&lock, "%s.lock", path);
	st->lock_fd = open(lock.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (st->lock_fd < 0) {
		err = nf_fail(NF_ERR_IO, "state: %s: %s", lock.data,
			      strerror(errno));
		goto fail;
	}
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		lock_busy = errno == EWOULDBLOCK;
		err = nf_fail(lock_busy ? NF_ERR_USAGE : NF_ERR_IO,
			      "state: another crawl holds %s", lock.data);
		goto fail;
	}
	if (sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		err = db_fail(st, path);
		goto fail;
	}
	err = exec(st, schema);
	if (err)
		goto fail;
	/* We hold the lock, so every lease in the file is a dead run's. */
	err = exec(st, "BEGIN IMMEDIATE;"
		       "UPDATE crawl_urls SET status = 0 WHERE status = 1;"
		       "UPDATE crawl_hosts SET leased = 0 WHERE leased = 1;"
		       "COMMIT;");
	if (err)
		goto fail;
	err = prepare_all(st);
	if (err)
		goto fail;
	nf_buf_release(&lock);
	*out = st;
	return NF_OK;
fail:
	nf_buf_release(&lock);
	nf_state_close(st);
	return err;
}

void
nf_state_close(struct nf_state *st)
{
	if (!st)
		return;
	sqlite3_stmt *all[] = {st->add,	       st->add_host,   st->pick,
			       st->lease_url,  st->lease_host, st->next_due,
			       st->settle,     st->free_host,  st->robots_get,
			       st->robots_put, st->lookup};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		sqlite3_finalize(all[i]);
	if (st->db)
		sqlite3_close(st->db);
	if (st->lock_fd >= 0)
		close(st->lock_fd); /* releases the flock */
	free(st);
}

static nf_err
step_done(struct nf_state *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(st, what);
	return NF_OK;
}

static nf_err
add(struct nf_state *st, const char *url, enum nf_url_kind kind,
    const char *source, enum nf_url_status status, int depth, double now,
    bool *added)
{
	char host[256];
	nf_err err;

	if (added)
		*added = false;
	if (!nf_url_host(url, host, sizeof(host)))
		return nf_fail(NF_ERR_USAGE, "state: not an absolute URL: %s",
			       url);
	sqlite3_bind_text(st->add_host, 1, host, -1, SQLITE_TRANSIENT);
	err = step_done(st, st->add_host, "add host");
	if (err)
		return err;
	sqlite3_bind_text(st->add, 1, url, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st->add, 2, host, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st->add, 3, source ? source : "", -1,
			  SQLITE_TRANSIENT);
	sqlite3_bind_int(st->add, 4, (int)kind);
	sqlite3_bind_int(st->add, 5, (int)status);
	sqlite3_bind_int(st->add, 6, depth);
	sqlite3_bind_double(st->add, 7, now);
	err = step_done(st, st->add, "add");
	if (err)
		return err;
	if (added)
		*added = sqlite3_changes(st->db) > 0;
	return NF_OK;
}

nf_err
nf_state_add(struct nf_state *st, const char *url, enum nf_url_kind kind,
	     const char *source, int depth, double now, bool *added)
{
	return add(st, url, kind, source, NF_URL_QUEUED, depth, now, added);
}

nf_err
nf_state_add_settled(struct nf_state *st, const char *url,
		     enum nf_url_kind kind, const char *source,
		     enum nf_url_status status, double now, bool *added)
{
	return add(st, url, kind, source, status, 0, now, added);
}

nf_err
nf_state_refresh(struct nf_state *st, const char *url, double changed_at,
		 double now, bool *requeued)
{
	sqlite3_stmt *s;
	nf_err err;

	*requeued = false;
	err =
	    prepare(st, &s,
		    "UPDATE crawl_urls SET status = 0, next_at = ?2, "
		    "failures = 0 WHERE url = ?1 AND kind = ?4 AND status = ?5 "
		    "AND fetched_at IS NOT NULL AND fetched_at < ?3");
	if (err)
		return err;
	sqlite3_bind_text(s, 1, url, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(s, 2, now);
	sqlite3_bind_double(s, 3, changed_at);
	sqlite3_bind_int(s, 4, NF_KIND_ARTICLE);
	sqlite3_bind_int(s, 5, NF_URL_DONE);
	err = step_done(st, s, "refresh");
	if (!err)
		*requeued = sqlite3_changes(st->db) > 0;
	sqlite3_finalize(s);
	return err;
}

nf_err
nf_state_repoll(struct nf_state *st, double now)
{
	sqlite3_stmt *s;
	nf_err err;

	err = prepare(st, &s,
		      "UPDATE crawl_urls SET status = 0, next_at = ?1, "
		      "failures = 0 WHERE kind IN (1, 2, 3) AND status IN "
		      "(2, 3)");
	if (err)
		return err;
	sqlite3_bind_double(s, 1, now);
	err = step_done(st, s, "repoll");
	sqlite3_finalize(s);
	return err;
}

void
nf_claim_release(struct nf_claim *c)
{
	free(c->url);
	free(c->host);
	free(c->source);
	free(c->etag);
	free(c->last_modified);
	memset(c, 0, sizeof(*c));
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? nf_xstrdup((const char *)t) : NULL;
}

nf_err
nf_state_claim(struct nf_state *st, double now, struct nf_claim *out, bool *got,
	       double *next_due)
{
	nf_err err;
	int rc;

	memset(out, 0, sizeof(*out));
	*got = false;
	*next_due = 0;
	err = exec(st, "BEGIN IMMEDIATE");
	if (err)
		return err;
	sqlite3_bind_double(st->pick, 1, now);
	rc = sqlite3_step(st->pick);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st->pick, 0);
		out->url = col_dup(st->pick, 1);
		out->host = col_dup(st->pick, 2);
		out->source = col_dup(st->pick, 3);
		out->kind = (enum nf_url_kind)sqlite3_column_int(st->pick, 4);
		out->depth = sqlite3_column_int(st->pick, 5);
		out->failures = sqlite3_column_int(st->pick, 6);
		out->etag = col_dup(st->pick, 7);
		out->last_modified = col_dup(st->pick, 8);
	}
	sqlite3_reset(st->pick);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		err = db_fail(st, "claim");
		goto out;
	}
	if (rc == SQLITE_ROW) {
		sqlite3_bind_int64(st->lease_url, 1, out->id);
		err = step_done(st, st->lease_url, "lease");
		if (err)
			goto out;
		sqlite3_bind_text(st->lease_host, 1, out->host, -1,
				  SQLITE_TRANSIENT);
		err = step_done(st, st->lease_host, "lease host");
		if (err)
			goto out;
		*got = true;
	} else {
		rc = sqlite3_step(st->next_due);
		if (rc == SQLITE_ROW &&
		    sqlite3_column_type(st->next_due, 0) != SQLITE_NULL) {
			*next_due = sqlite3_column_double(st->next_due, 0);
			/* A queued URL behind a leased host: ask again soon,
			 * the lease ends when its fetch does. */
			if (*next_due <= now)
				*next_due = now + 0.05;
		}
		sqlite3_reset(st->next_due);
	}
out:
	if (err) {
		exec(st, "ROLLBACK");
		nf_claim_release(out);
		*got = false;
		return err;
	}
	return exec(st, "COMMIT");
}

static nf_err
settle(struct nf_state *st, const struct nf_claim *c, enum nf_url_status status,
       double next_at, int add_failures, int http_status, const char *etag,
       const char *last_modified, double fetched_at, const char *why,
       double host_next_at)
{
	nf_err err = exec(st, "BEGIN IMMEDIATE");

	if (err)
		return err;
	sqlite3_bind_int64(st->settle, 1, c->id);
	sqlite3_bind_int(st->settle, 2, (int)status);
	sqlite3_bind_double(st->settle, 3, next_at);
	sqlite3_bind_int(st->settle, 4, add_failures);
	if (http_status)
		sqlite3_bind_int(st->settle, 5, http_status);
	else
		sqlite3_bind_null(st->settle, 5);
	sqlite3_bind_text(st->settle, 6, etag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st->settle, 7, last_modified, -1, SQLITE_TRANSIENT);
	if (fetched_at > 0)
		sqlite3_bind_double(st->settle, 8, fetched_at);
	else
		sqlite3_bind_null(st->settle, 8);
	sqlite3_bind_text(st->settle, 9, why, -1, SQLITE_TRANSIENT);
	err = step_done(st, st->settle, "settle");
	sqlite3_clear_bindings(st->settle);
	if (!err) {
		sqlite3_bind_text(st->free_host, 1, c->host, -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_double(st->free_host, 2, host_next_at);
		err = step_done(st, st->free_host, "free host");
	}
	if (err) {
		exec(st, "ROLLBACK");
		return err;
	}
	return exec(st, "COMMIT");
}

nf_err
nf_state_done(struct nf_state *st, const struct nf_claim *c, int http_status,
	      const char *etag, const char *last_modified, double now,
	      double host_next_at)
{
	return settle(st, c, NF_URL_DONE, now, 0, http_status, etag,
		      last_modified, now, NULL, host_next_at);
}

nf_err
nf_state_failed(struct nf_state *st, const struct nf_claim *c, double retry_at,
		const char *why, double now, double host_next_at)
{
	if (retry_at > 0)
		return settle(st, c, NF_URL_QUEUED, retry_at, 1, 0, NULL, NULL,
			      0, why, host_next_at);
	return settle(st, c, NF_URL_FAILED, now, 1, 0, NULL, NULL, now, why,
		      host_next_at);
}

nf_err
nf_state_skipped(struct nf_state *st, const struct nf_claim *c, const char *why,
		 double now, double host_next_at)
{
	return settle(st, c, NF_URL_SKIPPED, now, 0, 0, NULL, NULL, 0, why,
		      host_next_at);
}

nf_err
nf_state_unclaim(struct nf_state *st, const struct nf_claim *c,
		 double host_next_at)
{
	sqlite3_stmt *s;
	nf_err err =
	    prepare(st, &s, "UPDATE crawl_urls SET status = 0 WHERE id = ?1");

	if (err)
		return err;
	sqlite3_bind_int64(s, 1, c->id);
	err = step_done(st, s, "unclaim");
	sqlite3_finalize(s);
	if (err)
		return err;
	sqlite3_bind_text(st->free_host, 1, c->host, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(st->free_host, 2, host_next_at);
	return step_done(st, st->free_host, "free host");
}

nf_err
nf_state_robots_get(struct nf_state *st, const char *host, double now,
		    double max_age, bool *found, int *status, char **body,
		    size_t *len, double *fetched_at)
{
	int rc;

	*found = false;
	*body = NULL;
	*len = 0;
	sqlite3_bind_text(st->robots_get, 1, host, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st->robots_get);
	if (rc == SQLITE_ROW) {
		double at = sqlite3_column_double(st->robots_get, 2);
		if (now - at <= max_age) {
			const void *b = sqlite3_column_blob(st->robots_get, 1);
			int n = sqlite3_column_bytes(st->robots_get, 1);
			*found = true;
			*status = sqlite3_column_int(st->robots_get, 0);
			*fetched_at = at;
			*body = nf_xmalloc((size_t)n + 1);
			if (n > 0)
				memcpy(*body, b, (size_t)n);
			(*body)[n] = '\0';
			*len = (size_t)n;
		}
	}
	sqlite3_reset(st->robots_get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(st, "robots get");
	return NF_OK;
}

nf_err
nf_state_robots_put(struct nf_state *st, const char *host, int status,
		    const char *body, size_t len, double fetched_at)
{
	sqlite3_bind_text(st->robots_put, 1, host, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st->robots_put, 2, status);
	sqlite3_bind_blob(st->robots_put, 3, body ? body : "", (int)len,
			  SQLITE_TRANSIENT);
	sqlite3_bind_double(st->robots_put, 4, fetched_at);
	return step_done(st, st->robots_put, "robots put");
}

nf_err
nf_state_count(struct nf_state *st, int kind, enum nf_url_status status,
	       long long *n)
{
	sqlite3_stmt *s;
	nf_err err = prepare(
	    st, &s,
	    "SELECT COUNT(*) FROM crawl_urls WHERE status = ?1 AND (?2 < 0 "
	    "OR kind = ?2)");

	if (err)
		return err;
	sqlite3_bind_int(s, 1, (int)status);
	sqlite3_bind_int(s, 2, kind);
	*n = 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	else
		err = db_fail(st, "count");
	sqlite3_finalize(s);
	return err;
}

bool
nf_state_lookup(struct nf_state *st, const char *url,
		enum nf_url_status *status, int *failures)
{
	bool found = false;

	sqlite3_bind_text(st->lookup, 1, url, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st->lookup) == SQLITE_ROW) {
		found = true;
		*status = (enum nf_url_status)sqlite3_column_int(st->lookup, 0);
		if (failures)
			*failures = sqlite3_column_int(st->lookup, 1);
	}
	sqlite3_reset(st->lookup);
	return found;
}
