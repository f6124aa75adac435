#include "normalize/dedup.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>
#include <unicode/uchar.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "normalize/fingerprint.h"
#include "normalize/record.h"
#include "base/banned.h"

/*
 * The tables are created with IF NOT EXISTS so a state written by an
 * earlier run, or already holding the crawler's frontier, is reused.
 * article_seen.seq is the order records were seen in: the first-seen copy
 * of a story has the smallest seq.
 *
 * Band keys are random, so inserting them one record at a time into one
 * big index dirties nearly every leaf page of it in each transaction: at
 * 200,000 records (6.6 million keys, 120 MB) a commit of 2,000 records
 * wrote about 110 MB to the WAL and again to the file, and the run slowed
 * to a third of its start.  New keys go to dedup_band_recent instead, and
 * every NF_DEDUP_BATCH records one of NF_DEDUP_SLICES ranges of the key
 * space moves from there to dedup_band in key order, so a merge rewrites
 * one contiguous slice of the big index rather than pages all over it.
 * All rows of one band key sit in one slice and move together, so a key's
 * rows in dedup_band_recent are always later than those in dedup_band.
 * A state written before dedup_band_recent existed simply starts with it
 * empty.
 */
static const char schema[] =
    "CREATE TABLE IF NOT EXISTS article_seen ("
    " seq INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL,"
    " url_canon TEXT,"
    " origin_url TEXT,"
    " body_hash BLOB NOT NULL,"
    " cluster TEXT NOT NULL,"
    " first_copy TEXT NOT NULL,"
    " day INTEGER NOT NULL,"
    " nshingles INTEGER NOT NULL,"
    " match_text BLOB,"
    " figures TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS article_seen_body ON article_seen(body_hash);"
    "CREATE INDEX IF NOT EXISTS article_seen_url ON article_seen(url_canon);"
    "CREATE TABLE IF NOT EXISTS dedup_band ("
    " band_key INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " PRIMARY KEY (band_key, seq)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS dedup_band_recent ("
    " band_key INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " PRIMARY KEY (band_key, seq)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS dedup_link ("
    " seq INTEGER PRIMARY KEY, other INTEGER NOT NULL,"
    " relation TEXT NOT NULL, jaccard REAL, containment REAL);"
    "CREATE TABLE IF NOT EXISTS dedup_meta ("
    " key TEXT PRIMARY KEY, value INTEGER NOT NULL);";

enum stmt {
	ST_BY_URL,
	ST_BY_BODY,
	ST_BY_SEQ,
	ST_BY_BAND,
	ST_BY_BAND_RECENT,
	ST_INSERT,
	ST_INSERT_BAND,
	ST_INSERT_LINK,
	ST_MERGE,
	ST_MERGE_DELETE,
	ST_MAX_SEQ,
	ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    [ST_BY_URL] = "SELECT seq FROM article_seen WHERE url_canon = ?"
		  " ORDER BY seq DESC LIMIT 1",
    [ST_BY_BODY] = "SELECT seq FROM article_seen WHERE body_hash = ?"
		   " ORDER BY seq LIMIT 1",
    [ST_BY_SEQ] = "SELECT id, cluster, first_copy, match_text, figures,"
		  " body_hash"
		  " FROM article_seen WHERE seq = ?",
    [ST_BY_BAND] = "SELECT seq FROM dedup_band WHERE band_key = ?"
		   " ORDER BY seq DESC LIMIT ?",
    [ST_BY_BAND_RECENT] = "SELECT seq FROM dedup_band_recent"
			  " WHERE band_key = ? ORDER BY seq DESC LIMIT ?",
    [ST_INSERT] = "INSERT INTO article_seen (id, url_canon, origin_url,"
		  " body_hash, cluster, first_copy, day, nshingles, match_text,"
		  " figures) VALUES (?,?,?,?,?,?,?,?,?,?)",
    [ST_INSERT_BAND] = "INSERT OR IGNORE INTO dedup_band_recent"
		       " VALUES (?, ?)",
    [ST_INSERT_LINK] = "INSERT OR REPLACE INTO dedup_link VALUES"
		       " (?, ?, ?, ?, ?)",
    [ST_MERGE] = "INSERT OR IGNORE INTO dedup_band"
		 " SELECT band_key, seq FROM dedup_band_recent"
		 " WHERE band_key BETWEEN ? AND ? ORDER BY band_key, seq",
    [ST_MERGE_DELETE] = "DELETE FROM dedup_band_recent"
			" WHERE band_key BETWEEN ? AND ?",
    [ST_MAX_SEQ] = "SELECT coalesce(max(seq), 0) FROM article_seen",
};

struct nf_dedup {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	bool in_tx;
	size_t pending; /* records written in the open transaction */
	size_t batch;	/* records per transaction, NF_DEDUP_BATCH by default */
	long long day;	/* days since 1970 when the dedup was opened */
	uint64_t perm_a[NF_DEDUP_PERMS], perm_b[NF_DEDUP_PERMS];
	/*
	 * A blocked Bloom filter (two bits in one 64-bit word a key) over
	 * every band key in the state, built when the state is opened: most
	 * keys of a new record are in no other record, and the filter
	 * answers those without a seek into the band index.  It can say yes
	 * wrongly, never no, until another connection adds records (last_seq
	 * no longer the latest): then it is off for the rest of the run.
	 */
	uint64_t *filter;
	unsigned filter_log2; /* 1 << filter_log2 bits */
	size_t filter_keys;   /* keys added since it was built or sized */
	bool filter_on;
	long long last_seq; /* the latest record this dedup knows of */
};

static nf_err
db_fail(struct nf_dedup *d, const char *what)
{
	return nf_fail(NF_ERR_DB, "state: %s: %s", what,
		       d->db ? sqlite3_errmsg(d->db) : "out of memory");
}

static nf_err
exec(struct nf_dedup *d, const char *sql)
{
	if (sqlite3_exec(d->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(d, sql);
	return NF_OK;
}

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * Drop band keys and match forms of records seen before the window, at
 * most once a day: the delete scans dedup_band, and every record after
 * the cut was seen later, so seq alone bounds it.
 */
static nf_err
prune(struct nf_dedup *d)
{
	sqlite3_stmt *st = NULL;
	long long last = -1, cut = -1;
	char sql[256];
	nf_err err;

	if (sqlite3_prepare_v2(d->db,
			       "SELECT value FROM dedup_meta"
			       " WHERE key = 'pruned_day'",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(d, "prune");
	if (sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (last == d->day)
		return NF_OK;
	if (sqlite3_prepare_v2(d->db,
			       "SELECT seq FROM article_seen WHERE day >= ?"
			       " ORDER BY seq LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(d, "prune");
	sqlite3_bind_int64(st, 1, d->day - NF_DEDUP_WINDOW_DAYS);
	if (sqlite3_step(st) == SQLITE_ROW)
		cut = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (cut < 0) {
		/* Nothing inside the window: everything seen is older. */
		snprintf(sql, sizeof(sql),
			 "SELECT coalesce(max(seq), 0) + 1 "
			 "FROM article_seen");
		if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
			return db_fail(d, "prune");
		if (sqlite3_step(st) == SQLITE_ROW)
			cut = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	snprintf(
	    sql, sizeof(sql),
	    "BEGIN IMMEDIATE;"
	    "DELETE FROM dedup_band WHERE seq < %lld;"
	    "DELETE FROM dedup_band_recent WHERE seq < %lld;"
	    "UPDATE article_seen SET match_text = NULL WHERE seq < %lld"
	    " AND match_text IS NOT NULL;"
	    "INSERT OR REPLACE INTO dedup_meta VALUES ('pruned_day', %lld);"
	    "COMMIT;",
	    cut, cut, cut, d->day);
	err = exec(d, sql);
	if (err)
		sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
	return err;
}

/*
 * A key's word is its top bits, so the build, which reads the keys in
 * index order, fills the filter front to back instead of missing the CPU
 * cache on every key; its two bits come from its low bits (band keys are
 * well-mixed hashes).
 */
static size_t
filter_word(const struct nf_dedup *d, int64_t key, uint64_t *mask)
{
	uint64_t k = (uint64_t)key;

	*mask = UINT64_C(1) << (k & 63) | UINT64_C(1) << ((k >> 6) & 63);
	return (size_t)(k >> (64 - (d->filter_log2 - 6)));
}

static void
filter_add(struct nf_dedup *d, int64_t key)
{
	uint64_t mask;

	d->filter[filter_word(d, key, &mask)] |= mask;
	d->filter_keys++;
}

/* False only when no record has `key` (or the filter is off: true). */
static bool
filter_may_have(const struct nf_dedup *d, int64_t key)
{
	uint64_t mask;

	if (!d->filter_on)
		return true;
	return (d->filter[filter_word(d, key, &mask)] & mask) == mask;
}

static nf_err
step_int64(struct nf_dedup *d, sqlite3_stmt *st, long long *out)
{
	nf_err err = NF_OK;

	*out = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		err = db_fail(d, "read");
	sqlite3_reset(st);
	return err;
}

/*
 * (Re)build the filter from both band tables, with 32 bits a key (at
 * least NF_DEDUP_FILTER_MIN keys): about 0.5 % of absent keys still get a
 * seek.  Rebuilt at double the size once it holds a key every 8 bits.
 */
static nf_err
filter_build(struct nf_dedup *d)
{
	static const char count_sql[] =
	    "SELECT (SELECT count(*) FROM dedup_band)"
	    " + (SELECT count(*) FROM dedup_band_recent)";
	static const char keys_sql[] =
	    "SELECT band_key FROM dedup_band"
	    " UNION ALL SELECT band_key FROM dedup_band_recent";
	sqlite3_stmt *st = NULL;
	long long nkeys = 0;
	unsigned log2 = 6;
	nf_err err;
	int rc;

	if (sqlite3_prepare_v2(d->db, count_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(d, "count band keys");
	err = step_int64(d, st, &nkeys);
	sqlite3_finalize(st);
	if (err)
		return err;
	if (nkeys < NF_DEDUP_FILTER_MIN)
		nkeys = NF_DEDUP_FILTER_MIN;
	while ((UINT64_C(1) << log2) < (uint64_t)nkeys * 32)
		log2++;
	free(d->filter);
	d->filter = nf_xcalloc((size_t)1 << (log2 - 6), sizeof(*d->filter));
	d->filter_log2 = log2;
	d->filter_keys = 0;
	if (sqlite3_prepare_v2(d->db, keys_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(d, "read band keys");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		filter_add(d, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(d, "read band keys");
	d->filter_on = true;
	return step_int64(d, d->st[ST_MAX_SEQ], &d->last_seq);
}

static nf_err
setup(struct nf_dedup *d, bool file)
{
	uint64_t seed = 0x6e66646564757031ULL; /* fixed: keys must persist */
	nf_err err;

	sqlite3_busy_timeout(d->db, NF_DEDUP_BUSY_TIMEOUT);
	if (file) {
		/* WAL lets the crawler read while a batch is being written.
		 * The page cache (set below) keeps the band index's upper
		 * levels and the latest rows in memory as the state grows. */
		err = exec(d, "PRAGMA journal_mode = WAL;"
			      "PRAGMA synchronous = NORMAL;");
		if (err)
			return err;
	}
	err = exec(d, schema);
	if (err)
		return err;
	for (int i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v3(d->db, stmt_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &d->st[i],
				       NULL) != SQLITE_OK)
			return db_fail(d, "prepare");
	}
	for (int i = 0; i < NF_DEDUP_PERMS; i++) {
		d->perm_a[i] = splitmix(&seed) | 1;
		d->perm_b[i] = splitmix(&seed);
	}
	d->day = (long long)(time(NULL) / 86400);
	if (!file)
		return filter_build(d);
	/* The filter's scan of the whole band index runs with SQLite's
	 * small default cache: filling the big one with pages read once
	 * doubled the time of an open at 200,000 records. */
	err = prune(d);
	if (!err)
		err = filter_build(d);
	if (!err)
		err = exec(d, "PRAGMA cache_size = -" NF_DEDUP_CACHE_KIB);
	return err;
}

static void
destroy(struct nf_dedup *d)
{
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(d->st[i]);
	sqlite3_close(d->db);
	free(d->filter);
	free(d);
}

struct nf_dedup *
nf_dedup_new(void)
{
	struct nf_dedup *d = nf_xcalloc(1, sizeof(*d));

	d->batch = NF_DEDUP_BATCH;
	if (sqlite3_open_v2(":memory:", &d->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK ||
	    setup(d, false) != NF_OK) {
		nf_log_error("cannot create an in-memory dedup: %s",
			     nf_last_error());
		abort();
	}
	return d;
}

nf_err
nf_dedup_open_state(struct nf_dedup **out, const char *path)
{
	struct nf_dedup *d = nf_xcalloc(1, sizeof(*d));
	nf_err err;

	*out = NULL;
	d->batch = NF_DEDUP_BATCH;
	if (sqlite3_open_v2(path, &d->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		err = nf_fail(NF_ERR_DB, "state: %s: %s", path,
			      d->db ? sqlite3_errmsg(d->db) : "out of memory");
		destroy(d);
		return err;
	}
	err = setup(d, true);
	if (err) {
		nf_fail(err, "state: %s: %s", path, sqlite3_errmsg(d->db));
		destroy(d);
		return err;
	}
	*out = d;
	return NF_OK;
}

static nf_err
commit(struct nf_dedup *d)
{
	nf_err err = NF_OK;

	if (d->in_tx) {
		err = exec(d, "COMMIT");
		if (err)
			sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
	}
	d->in_tx = false;
	d->pending = 0;
	return err;
}

void
nf_dedup_set_batch(struct nf_dedup *d, size_t records)
{
	d->batch = records ? records : 1;
}

nf_err
nf_dedup_close(struct nf_dedup *d)
{
	nf_err err;

	if (!d)
		return NF_OK;
	err = commit(d);
	destroy(d);
	return err;
}

void
nf_dedup_free(struct nf_dedup *d)
{
	if (nf_dedup_close(d) != NF_OK)
		nf_log_error("%s", nf_last_error());
}

/* ---- figures ---- */

struct fitem {
	char *unit, *key, *value, *surface;
	bool is_text;
	bool used;
};

struct flist {
	struct fitem *v;
	size_t n;
};

static void
flist_release(struct flist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].unit);
		free(l->v[i].key);
		free(l->v[i].value);
		free(l->v[i].surface);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* A copy of s[0..n) with tabs and line breaks turned into spaces, so a
 * figure is one line of the stored list. */
static char *
flat(const char *s, size_t n)
{
	char *c = nf_xstrndup(s, n);

	for (char *p = c; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	}
	return c;
}

/*
 * The context key of a figure: the NF_DEDUP_CONTEXT code points before it
 * that the match form keeps, digits masked, so "사망자 3명" and
 * "사망자5명" give the same key.
 */
static char *
context_key(const char *text, size_t at)
{
	uint32_t cps[NF_DEDUP_CONTEXT];
	size_t n = 0, i = at;
	struct nf_buf b = NF_BUF_INIT(0);
	char enc[4];

	while (i > 0 && n < NF_DEDUP_CONTEXT) {
		uint32_t c;

		do {
			i--;
		} while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80);
		{
			size_t j = i;

			c = nf_utf8_next(text, at, &j);
		}
		if (nf_fp_is_skipped(c))
			continue;
		if (u_isdigit((UChar32)c))
			c = '0';
		cps[n++] = c;
	}
	while (n > 0) {
		n--;
		nf_buf_append(&b, enc, nf_utf8_encode(cps[n], enc));
	}
	nf_buf_terminate(&b);
	return nf_buf_detach(&b);
}

static void
flist_from_record(struct flist *l, const struct nf_record *r)
{
	const char *text = r->art.text.data ? r->art.text.data : "";

	l->v = nf_xcalloc(r->nfacts ? r->nfacts : 1, sizeof(*l->v));
	l->n = 0;
	for (size_t i = 0; i < r->nfacts; i++) {
		const struct nf_figure *f = &r->facts[i];
		struct fitem *it = &l->v[l->n];
		char buf[NF_DECIMAL_MAX], lo[NF_DECIMAL_MAX],
		    hi[NF_DECIMAL_MAX], range[2 * NF_DECIMAL_MAX + 2];

		if (f->byte_end > r->art.text.len ||
		    f->byte_start > f->byte_end)
			continue;
		const char *vt = nf_figure_value_text(f, buf);

		it->is_text = f->value_text[0] != '\0';
		if (!vt[0]) {
			snprintf(range, sizeof(range), "%s~%s",
				 nf_decimal_format(f->range_low, lo),
				 nf_decimal_format(f->range_high, hi));
			it->value = nf_xstrdup(range);
			it->is_text = true;
		} else {
			it->value = nf_xstrdup(vt);
		}
		it->unit = nf_xstrdup(f->unit ? f->unit : "");
		it->key = context_key(text, f->byte_start);
		it->surface =
		    flat(text + f->byte_start, f->byte_end - f->byte_start);
		l->n++;
	}
}

/* One line per figure: unit, key, value, is_text, surface. */
static char *
flist_format(const struct flist *l)
{
	struct nf_buf b = NF_BUF_INIT(0);

	for (size_t i = 0; i < l->n; i++) {
		const struct fitem *it = &l->v[i];

		nf_buf_printf(&b, "%s\t%s\t%s\t%d\t%s\n", it->unit, it->key,
			      it->value, it->is_text ? 1 : 0, it->surface);
	}
	nf_buf_terminate(&b);
	return b.data ? nf_buf_detach(&b) : nf_xstrdup("");
}

static void
flist_parse(struct flist *l, const char *s)
{
	size_t cap = 8;

	l->v = nf_xcalloc(cap, sizeof(*l->v));
	l->n = 0;
	while (s && *s) {
		const char *eol = strchr(s, '\n');
		const char *f[5];
		size_t len[5], nf = 0;
		const char *p = s;

		if (!eol)
			eol = s + strlen(s);
		while (nf < 5) {
			const char *tab = memchr(p, '\t', (size_t)(eol - p));
			const char *end = tab && nf < 4 ? tab : eol;

			f[nf] = p;
			len[nf++] = (size_t)(end - p);
			if (end == eol)
				break;
			p = end + 1;
		}
		if (nf == 5) {
			struct fitem *it;

			if (l->n == cap) {
				cap *= 2;
				l->v = nf_xrealloc(l->v, cap * sizeof(*l->v));
			}
			it = &l->v[l->n++];
			memset(it, 0, sizeof(*it));
			it->unit = nf_xstrndup(f[0], len[0]);
			it->key = nf_xstrndup(f[1], len[1]);
			it->value = nf_xstrndup(f[2], len[2]);
			it->is_text = len[3] == 1 && f[3][0] == '1';
			it->surface = nf_xstrndup(f[4], len[4]);
		}
		s = *eol ? eol + 1 : eol;
	}
}

struct fdiff {
	size_t same, changed, added, removed;
	bool date_changed; /* a date figure in a changed pair */
};

static bool
streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static void
side_of(struct nf_fact_side *s, const struct fitem *it)
{
	s->surface = nf_xstrdup(it->surface);
	s->value = nf_xstrdup(it->value);
	s->value_is_text = it->is_text;
	s->unit = nf_xstrdup(it->unit);
}

static void
push_change(struct nf_record *r, size_t *cap, enum nf_fact_change_kind k,
	    const struct fitem *before, const struct fitem *after)
{
	struct nf_fact_change *c;

	if (r->nchanged_facts == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		r->changed_facts = nf_xrealloc(
		    r->changed_facts, *cap * sizeof(*r->changed_facts));
	}
	c = &r->changed_facts[r->nchanged_facts++];
	memset(c, 0, sizeof(*c));
	c->kind = k;
	if (before)
		side_of(&c->before, before);
	if (after)
		side_of(&c->after, after);
}

/*
 * Pair the figures of an older and a newer text: first the same value in
 * the same context, then the same value anywhere (a moved sentence), then
 * the same unit in the same context with another value (a change); the
 * rest were added or removed.  With `r`, the changes are stored in
 * r->changed_facts in the newer text's order, removals last.
 */
static void
fdiff(struct flist *old, struct flist *new, struct fdiff *dc,
      struct nf_record *r, bool keep_removed)
{
	size_t cap = 0;
	size_t *pair = nf_xmalloc((new->n ? new->n : 1) * sizeof(*pair));

	memset(dc, 0, sizeof(*dc));
	for (size_t i = 0; i < old->n; i++)
		old->v[i].used = false;
	for (size_t pass = 0; pass < 3; pass++) {
		for (size_t j = 0; j < new->n; j++) {
			struct fitem *b = &new->v[j];

			if (pass == 0)
				pair[j] = SIZE_MAX;
			if (pair[j] != SIZE_MAX)
				continue;
			for (size_t i = 0; i < old->n; i++) {
				struct fitem *a = &old->v[i];

				if (a->used || !streq(a->unit, b->unit))
					continue;
				if (pass == 0 && !(streq(a->value, b->value) &&
						   streq(a->key, b->key)))
					continue;
				if (pass == 1 && !streq(a->value, b->value))
					continue;
				if (pass == 2 && !streq(a->key, b->key))
					continue;
				a->used = true;
				pair[j] = i;
				if (pass < 2) {
					dc->same++;
				} else {
					dc->changed++;
					if (streq(a->unit, "date"))
						dc->date_changed = true;
				}
				break;
			}
		}
	}
	for (size_t j = 0; j < new->n; j++) {
		if (pair[j] == SIZE_MAX) {
			dc->added++;
			if (r)
				push_change(r, &cap, NF_FACT_ADDED, NULL,
					    &new->v[j]);
		} else if (r &&
			   !streq(old->v[pair[j]].value, new->v[j].value)) {
			push_change(r, &cap, NF_FACT_CHANGED, &old->v[pair[j]],
				    &new->v[j]);
		}
	}
	for (size_t i = 0; i < old->n; i++) {
		if (!old->v[i].used) {
			dc->removed++;
			if (r && keep_removed)
				push_change(r, &cap, NF_FACT_REMOVED,
					    &old->v[i], NULL);
		}
	}
	free(pair);
}

/* ---- shingles, MinHash, bands ---- */

/*
 * Sort 64-bit hashes.  Every record sorts its shingle hashes, which made
 * qsort's comparison callback the top cost of a run; an LSD radix sort
 * over bytes is linear and several times faster from a few hundred up.
 */
static void
sort_u64(uint64_t *a, size_t n)
{
	uint64_t *tmp, *src = a, *dst;

	if (n < 64) {
		for (size_t i = 1; i < n; i++) {
			uint64_t v = a[i];
			size_t j = i;

			for (; j > 0 && a[j - 1] > v; j--)
				a[j] = a[j - 1];
			a[j] = v;
		}
		return;
	}
	tmp = nf_xmalloc(n * sizeof(*tmp));
	dst = tmp;
	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[257] = {0};

		for (size_t i = 0; i < n; i++)
			count[((src[i] >> shift) & 0xff) + 1]++;
		if (count[((src[0] >> shift) & 0xff) + 1] == n)
			continue; /* every key has the same byte here */
		for (int b = 0; b < 256; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
	free(tmp);
}

/* Shingle hashes in text order made a set: sorted, distinct, in place. */
static size_t
shingle_set(uint64_t *h, size_t ns)
{
	size_t m = 0;

	sort_u64(h, ns);
	for (size_t i = 0; i < ns; i++) {
		if (!m || h[i] != h[m - 1])
			h[m++] = h[i];
	}
	return m;
}

/* The sorted, distinct shingle hashes of a match form. */
static size_t
shingles(const uint32_t *cp, size_t n, uint64_t **out)
{
	size_t ns = nf_fp_shingle_hashes(cp, n, out);

	return ns ? shingle_set(*out, ns) : 0;
}

static size_t
intersect(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j]) {
			i++;
		} else if (a[i] > b[j]) {
			j++;
		} else {
			n++;
			i++;
			j++;
		}
	}
	return n;
}

/*
 * The numbers of a match form: a hash of every run of digits, sorted.
 * Extracted figures depend on spacing ("초속 15m" is a speed, "초속15m" a
 * length) and on native numerals, so whether two copies carry the same
 * numbers is asked of the digits themselves; the match form has already
 * folded fullwidth digits and dropped spaces and separators.
 */
static size_t
digit_runs(const uint32_t *cp, size_t n, uint64_t **out)
{
	uint64_t *h = NULL;
	size_t m = 0, cap = 0;

	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && u_isdigit((UChar32)cp[j]))
			j++;
		if (j == i) {
			i++;
			continue;
		}
		if (m == cap) {
			cap = cap ? 2 * cap : 16;
			h = nf_xrealloc(h, cap * sizeof(*h));
		}
		h[m++] = nf_fp_hash_cps(cp + i, j - i);
		i = j;
	}
	if (m)
		sort_u64(h, m);
	*out = h;
	return m;
}

/* Band keys: MinHash values by multiply-shift hashing of the (already
 * mixed) shingle hashes, four to a band, hashed with the band number. */
/*
 * The MinHash values, shingle by shingle with every permutation in the
 * inner loop: element-wise over three arrays, which the compiler
 * vectorises.  An AVX2 copy is built beside the baseline one and picked
 * when the program loads, on CPUs that have it.
 */
__attribute__((target_clones("avx2", "default"))) static void
minhashes(const uint64_t *restrict pa, const uint64_t *restrict pb,
	  const uint64_t *restrict sh, size_t n, uint32_t *restrict mh)
{
	for (size_t p = 0; p < NF_DEDUP_PERMS; p++)
		mh[p] = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		uint64_t x = sh[i];

		for (size_t p = 0; p < NF_DEDUP_PERMS; p++) {
			uint32_t v = (uint32_t)((x * pa[p] + pb[p]) >> 32);

			mh[p] = v < mh[p] ? v : mh[p];
		}
	}
}

static void
band_keys(const struct nf_dedup *d, const uint64_t *sh, size_t n,
	  int64_t keys[NF_DEDUP_BANDS])
{
	uint32_t mh[NF_DEDUP_PERMS];

	minhashes(d->perm_a, d->perm_b, sh, n, mh);
	for (size_t band = 0; band < NF_DEDUP_BANDS; band++) {
		uint32_t cps[NF_DEDUP_ROWS + 1];

		cps[0] = (uint32_t)band;
		memcpy(cps + 1, mh + band * NF_DEDUP_ROWS,
		       NF_DEDUP_ROWS * sizeof(uint32_t));
		keys[band] = (int64_t)nf_fp_hash_cps(cps, NF_DEDUP_ROWS + 1);
	}
}

/*
 * The lead key: the first NF_DEDUP_LEAD code points of the match form,
 * stored as one more band.  A portal summary of one or two sentences is
 * too short for MinHash to find inside the full story, but it begins
 * where the story begins.
 */
static int64_t
lead_key(const uint32_t *cp)
{
	uint32_t buf[NF_DEDUP_LEAD + 1];

	buf[0] = 0xFFFFFFFFu;
	memcpy(buf + 1, cp, NF_DEDUP_LEAD * sizeof(*cp));
	return (int64_t)nf_fp_hash_cps(buf, NF_DEDUP_LEAD + 1);
}

/* ---- classification ---- */

enum relation {
	REL_NONE,
	REL_RELATED, /* a template story: linked, not clustered */
	REL_VERSION,
	REL_DUPLICATE
};

static const char *const rel_name[] = {"new", "related", "version",
				       "duplicate"};

/* An earlier record as stored. */
struct seen {
	long long seq;
	char id[17], cluster[17], first_copy[17];
	unsigned char body[16];
	uint32_t *cp; /* its match form, or NULL when pruned */
	size_t ncp;
	uint64_t *runs; /* digit_runs() of cp */
	size_t nruns;
	struct flist figs;
};

/* What is compared of the new record. */
struct probe {
	const uint32_t *cp;
	const uint64_t *sh, *runs;
	size_t ncp, nsh, nruns;
	struct flist *figs;
};

static void
seen_release(struct seen *s)
{
	free(s->cp);
	free(s->runs);
	flist_release(&s->figs);
	s->cp = NULL;
	s->runs = NULL;
}

static void
copy_id(char out[17], const unsigned char *s)
{
	snprintf(out, 17, "%s", s ? (const char *)s : "");
}

static nf_err
load_seen(struct nf_dedup *d, long long seq, struct seen *s)
{
	sqlite3_stmt *st = d->st[ST_BY_SEQ];
	nf_err err = NF_OK;
	int rc;

	memset(s, 0, sizeof(*s));
	s->seq = seq;
	sqlite3_bind_int64(st, 1, seq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *mt = (const char *)sqlite3_column_blob(st, 3);
		size_t mlen = (size_t)sqlite3_column_bytes(st, 3);

		copy_id(s->id, sqlite3_column_text(st, 0));
		copy_id(s->cluster, sqlite3_column_text(st, 1));
		copy_id(s->first_copy, sqlite3_column_text(st, 2));
		if (mt && mlen) {
			size_t i = 0;

			s->cp = nf_xmalloc(mlen * sizeof(*s->cp));
			while (i < mlen)
				s->cp[s->ncp++] = nf_utf8_next(mt, mlen, &i);
			s->nruns = digit_runs(s->cp, s->ncp, &s->runs);
		}
		flist_parse(&s->figs, (const char *)sqlite3_column_text(st, 4));
		if (sqlite3_column_bytes(st, 5) == 16)
			memcpy(s->body, sqlite3_column_blob(st, 5), 16);
	} else if (rc != SQLITE_DONE) {
		err = db_fail(d, "read");
	} else {
		err = nf_fail(NF_ERR_DB, "state: record %lld vanished", seq);
	}
	sqlite3_reset(st);
	return err;
}

/* seq of the single row a lookup statement returns, or -1. */
static nf_err
lookup_seq(struct nf_dedup *d, sqlite3_stmt *st, long long *seq)
{
	int rc = sqlite3_step(st);
	nf_err err = NF_OK;

	*seq = -1;
	if (rc == SQLITE_ROW)
		*seq = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		err = db_fail(d, "lookup");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return err;
}

/* lookup_seq(), then load_seen() of the record it finds, if any. */
static nf_err
find_seen(struct nf_dedup *d, sqlite3_stmt *st, long long *seq,
	  struct seen *s)
{
	nf_err err = lookup_seq(d, st, seq);

	if (!err && *seq >= 0)
		err = load_seen(d, *seq, s);
	return err;
}

struct verdict {
	enum relation rel;
	double jaccard, containment;
	bool extends; /* a duplicate only because the new text adds to it */
	long long seq;
};

/* a ⊆ b for sorted multisets. */
static bool
subset(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	return intersect(a, na, b, nb) == na;
}

/* Every figure value of `small` among those of `big` (a multiset; the
 * unit is left out, as extraction may read it differently in a copy). */
static bool
values_subset(struct flist *small, struct flist *big)
{
	size_t found = 0;

	for (size_t i = 0; i < big->n; i++)
		big->v[i].used = false;
	for (size_t j = 0; j < small->n; j++) {
		for (size_t i = 0; i < big->n; i++) {
			if (!big->v[i].used &&
			    streq(big->v[i].value, small->v[j].value)) {
				big->v[i].used = true;
				found++;
				break;
			}
		}
	}
	return found == small->n;
}

/*
 * The figure test of a pair whose texts already match.  A containment
 * match lets the shorter side lack numbers (`new_shorter`, `old_shorter`).
 * Without the old match form (pruned) the extracted figures decide.
 */
static enum relation
by_figures(struct seen *s, const struct probe *p, bool new_shorter,
	   bool old_shorter, bool *extends)
{
	struct fdiff dc;
	bool same;

	*extends = false;
	fdiff(&s->figs, p->figs, &dc, NULL, false);
	if (s->cp) {
		same = s->nruns == p->nruns &&
		       subset(p->runs, p->nruns, s->runs, s->nruns);
		/* A shorter copy may lack numbers, not have others: its
		 * digits and its figures' values both come from the longer. */
		if (new_shorter && !same)
			same = subset(p->runs, p->nruns, s->runs, s->nruns) &&
			       values_subset(p->figs, &s->figs);
		if (old_shorter && !same) {
			same = subset(s->runs, s->nruns, p->runs, p->nruns) &&
			       values_subset(&s->figs, p->figs);
			*extends = same;
		}
	} else {
		same = dc.changed == 0 && (new_shorter || dc.added == 0) &&
		       (old_shorter || dc.removed == 0);
	}
	if (same)
		return REL_DUPLICATE;
	/*
	 * A template story (a monthly price index, a daily case count)
	 * repeats most of its words with a new date and new figures; an
	 * update keeps its dates and most of its figures.
	 */
	if (dc.date_changed && dc.changed >= 2 && dc.changed > dc.same)
		return REL_RELATED;
	return REL_VERSION;
}

static struct verdict
verify(const struct probe *p, struct seen *s)
{
	const uint64_t *sh = p->sh;
	size_t nsh = p->nsh;
	struct verdict v = {REL_NONE, 0, 0, false, s->seq};
	uint64_t *osh;
	size_t nosh = shingles(s->cp, s->ncp, &osh), inter, small;
	bool jac, con;

	if (!nosh || !nsh) {
		free(osh);
		return v;
	}
	inter = intersect(sh, nsh, osh, nosh);
	free(osh);
	small = nsh < nosh ? nsh : nosh;
	v.jaccard = (double)inter / (double)(nsh + nosh - inter);
	v.containment = (double)inter / (double)small;
	jac = v.jaccard >= NF_DEDUP_JACCARD;
	con =
	    v.containment >= NF_DEDUP_CONTAIN && small >= NF_DEDUP_CONTAIN_MIN;
	/* A short copy: the same lead and almost all of it inside. */
	if (!con && v.containment >= NF_DEDUP_SHORT_CONTAIN &&
	    small >= NF_DEDUP_SHORT_MIN && p->ncp >= NF_DEDUP_LEAD &&
	    s->ncp >= NF_DEDUP_LEAD &&
	    memcmp(p->cp, s->cp, NF_DEDUP_LEAD * sizeof(*p->cp)) == 0)
		con = true;
	if (!jac && !con)
		return v;
	v.rel = by_figures(s, p, nsh < nosh, nosh < nsh, &v.extends);
	return v;
}

static int
cmp_cand(const void *a, const void *b)
{
	const long long *x = a, *y = b;

	/* More shared bands first, then the later record. */
	if (x[1] != y[1])
		return x[1] > y[1] ? -1 : 1;
	return x[0] > y[0] ? -1 : x[0] < y[0];
}

/* A growing list of {seq, shared bands}. */
struct cands {
	long long (*v)[2];
	size_t n, cap;
};

/*
 * Add the records one statement returns (at most `limit`) to the
 * candidates, counting a record found again as one more shared band.
 * Returns how many rows the statement gave, or -1 when SQLite failed.
 */
static int
read_band(sqlite3_stmt *st, int64_t key, int limit, struct cands *c)
{
	int rc, rows = 0;

	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long seq = sqlite3_column_int64(st, 0);
		size_t i;

		rows++;
		for (i = 0; i < c->n && c->v[i][0] != seq; i++)
			;
		if (i < c->n) {
			c->v[i][1]++;
			continue;
		}
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 32;
			c->v = nf_xrealloc(c->v, c->cap * sizeof(*c->v));
		}
		c->v[c->n][0] = seq;
		c->v[c->n++][1] = 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? rows : -1;
}

/*
 * Candidates from the band index: {seq, shared bands}, best first.  The
 * latest NF_DEDUP_BAND_FANOUT records of each key: those still in
 * dedup_band_recent are later than any in dedup_band, so they come first.
 */
static nf_err
band_candidates(struct nf_dedup *d, const int64_t *keys, size_t nkeys,
		long long (**out)[2], size_t *nout)
{
	struct cands c = {NULL, 0, 0};

	for (size_t band = 0; band < nkeys; band++) {
		int got;

		if (!filter_may_have(d, keys[band]))
			continue;
		got = read_band(d->st[ST_BY_BAND_RECENT], keys[band],
				NF_DEDUP_BAND_FANOUT, &c);

		if (got >= 0 && got < NF_DEDUP_BAND_FANOUT)
			got = read_band(d->st[ST_BY_BAND], keys[band],
					NF_DEDUP_BAND_FANOUT - got, &c);
		if (got < 0) {
			free(c.v);
			return db_fail(d, "band lookup");
		}
	}
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), cmp_cand);
	*out = c.v;
	*nout = c.n;
	return NF_OK;
}

/*
 * Move slice `slice` of the band key space (1/NF_DEDUP_SLICES of the
 * signed 64-bit range) from dedup_band_recent to dedup_band, in key order.
 */
static nf_err
merge_slice(struct nf_dedup *d, unsigned slice)
{
	int64_t span = INT64_C(1) << (64 - NF_DEDUP_SLICE_BITS);
	int64_t lo = INT64_MIN + (int64_t)slice * span, hi = lo + (span - 1);
	nf_err err = NF_OK;

	for (int i = ST_MERGE; i <= ST_MERGE_DELETE && !err; i++) {
		sqlite3_stmt *st = d->st[i];

		sqlite3_bind_int64(st, 1, lo);
		sqlite3_bind_int64(st, 2, hi);
		if (sqlite3_step(st) != SQLITE_DONE)
			err = db_fail(d, "merge band keys");
		sqlite3_reset(st);
	}
	return err;
}

static nf_err
begin(struct nf_dedup *d)
{
	nf_err err;

	if (d->in_tx)
		return NF_OK;
	err = exec(d, "BEGIN IMMEDIATE");
	if (!err)
		d->in_tx = true;
	return err;
}

static void
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static nf_err
store(struct nf_dedup *d, const struct nf_record *r,
      const unsigned char body[16], const uint32_t *cp, size_t ncp, size_t nsh,
      const struct flist *figs, const int64_t *keys, size_t nkeys,
      long long other, enum relation rel, const struct verdict *v)
{
	sqlite3_stmt *st = d->st[ST_INSERT];
	struct nf_buf mt = NF_BUF_INIT(0);
	char *ftext = flist_format(figs), enc[4];
	long long seq;
	nf_err err = NF_OK;

	for (size_t i = 0; i < ncp; i++)
		nf_buf_append(&mt, enc, nf_utf8_encode(cp[i], enc));
	sqlite3_bind_text(st, 1, r->id, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 2, r->canonical_url);
	bind_text_or_null(st, 3, r->origin_url);
	sqlite3_bind_blob(st, 4, body, 16, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, r->cluster, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, r->duplicate_of[0] ? r->duplicate_of : r->id,
			  -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, d->day);
	sqlite3_bind_int64(st, 8, (long long)nsh);
	sqlite3_bind_blob(st, 9, mt.data, (int)mt.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, ftext, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		err = db_fail(d, "insert");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	nf_buf_release(&mt);
	free(ftext);
	if (err)
		return err;
	seq = sqlite3_last_insert_rowid(d->db);
	/* By seq, not by records of this process: short runs merge too. */
	if (seq % NF_DEDUP_BATCH == 0)
		err = merge_slice(d, (unsigned)(seq / NF_DEDUP_BATCH) %
					 NF_DEDUP_SLICES);
	for (size_t band = 0; band < nkeys && !err; band++) {
		st = d->st[ST_INSERT_BAND];
		sqlite3_bind_int64(st, 1, keys[band]);
		sqlite3_bind_int64(st, 2, seq);
		if (sqlite3_step(st) != SQLITE_DONE)
			err = db_fail(d, "insert band");
		sqlite3_reset(st);
		filter_add(d, keys[band]);
	}
	d->last_seq = seq;
	if (!err && d->filter_on &&
	    d->filter_keys > (size_t)1 << (d->filter_log2 - 3))
		err = filter_build(d);
	if (!err && other >= 0) {
		st = d->st[ST_INSERT_LINK];
		sqlite3_bind_int64(st, 1, seq);
		sqlite3_bind_int64(st, 2, other);
		sqlite3_bind_text(st, 3, rel_name[rel], -1, SQLITE_STATIC);
		if (v) {
			sqlite3_bind_double(st, 4, v->jaccard);
			sqlite3_bind_double(st, 5, v->containment);
		} else {
			sqlite3_bind_null(st, 4);
			sqlite3_bind_null(st, 5);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			err = db_fail(d, "insert link");
		sqlite3_reset(st);
	}
	return err;
}

/*
 * Make R a duplicate or version of S (changes computed for a version).
 * A `shorter` R (a summary matched by containment) left figures out, it
 * did not remove them: only additions and changes are listed.
 */
static void
link_to(struct nf_record *r, struct seen *s, enum relation rel,
	struct flist *figs, bool shorter)
{
	memcpy(r->cluster, s->cluster, sizeof(r->cluster));
	if (rel == REL_DUPLICATE) {
		memcpy(r->duplicate_of, s->first_copy, sizeof(r->duplicate_of));
	} else if (rel == REL_VERSION) {
		struct fdiff dc;

		memcpy(r->version_of, s->id, sizeof(r->version_of));
		fdiff(&s->figs, figs, &dc, r, !shorter);
	}
}

/*
 * A duplicate beats a version, except one that is a duplicate only
 * because the new text adds to a shorter copy: an update that also
 * contains the portal's two-sentence summary is still a version of the
 * full story.  Then the more similar, then the earlier record.
 */
static int
rank(const struct verdict *v)
{
	switch (v->rel) {
	case REL_NONE:
		return 0;
	case REL_RELATED:
		return 1;
	case REL_VERSION:
		return 3;
	case REL_DUPLICATE:
		return v->extends ? 2 : 4;
	}
	return 0;
}

static bool
better(const struct verdict *a, const struct verdict *b)
{
	double sa = a->jaccard > a->containment ? a->jaccard : a->containment;
	double sb = b->jaccard > b->containment ? b->jaccard : b->containment;

	if (rank(a) != rank(b))
		return rank(a) > rank(b);
	if (sa != sb)
		return sa > sb;
	return a->seq < b->seq;
}

nf_err
nf_dedup_classify(struct nf_dedup *d, struct nf_record *r, const uint32_t *cp,
		  size_t ncp, uint64_t *sh, size_t nsh)
{
	unsigned char body[16];
	uint64_t *runs = NULL;
	size_t nruns = 0;
	struct probe pr;
	int64_t keys[NF_DEDUP_BANDS + 1];
	size_t nkeys = 0;
	struct flist figs = {0};
	struct seen best = {0};
	struct verdict bv = {REL_NONE, 0, 0, false, -1};
	bool extends;
	long long seq, other = -1;
	nf_err err;

	if (!ncp)
		return NF_OK;
	err = begin(d);
	if (err)
		return err;
	if (d->filter_on) {
		/* Records another connection added are not in the filter. */
		err = step_int64(d, d->st[ST_MAX_SEQ], &seq);
		if (err)
			return err;
		if (seq != d->last_seq) {
			nf_log_debug("state: another writer added records; "
				     "band filter off");
			d->filter_on = false;
		}
	}
	nf_fp_body_hash(cp, ncp, body);
	flist_from_record(&figs, r);
	nsh = nsh ? shingle_set(sh, nsh) : 0;
	nruns = digit_runs(cp, ncp, &runs);
	pr = (struct probe){cp, sh, runs, ncp, nsh, nruns, &figs};
	if (nsh >= NF_DEDUP_MIN_SHINGLES) {
		band_keys(d, sh, nsh, keys);
		nkeys = NF_DEDUP_BANDS;
	}
	if (ncp >= NF_DEDUP_LEAD)
		keys[nkeys++] = lead_key(cp);

	/* 1. A re-fetch of the same page. */
	if (r->canonical_url) {
		sqlite3_stmt *st = d->st[ST_BY_URL];

		sqlite3_bind_text(st, 1, r->canonical_url, -1,
				  SQLITE_TRANSIENT);
		err = find_seen(d, st, &seq, &best);
		if (err)
			goto out;
		if (seq >= 0) {
			other = seq;
			/* Any change of text makes a version, even one that
			 * leaves the figures alone (RECORDS.md). */
			bv.rel = memcmp(best.body, body, 16) == 0
				     ? REL_DUPLICATE
				     : REL_VERSION;
			goto decided;
		}
	}
	/* 2. The same body under another URL. */
	{
		sqlite3_stmt *st = d->st[ST_BY_BODY];

		sqlite3_bind_blob(st, 1, body, 16, SQLITE_TRANSIENT);
		err = find_seen(d, st, &seq, &best);
		if (err)
			goto out;
		if (seq >= 0) {
			other = seq;
			bv.rel = REL_DUPLICATE;
			bv.jaccard = bv.containment = 1;
			goto decided;
		}
	}
	/* 3. The original this copy names. */
	if (r->origin_url) {
		sqlite3_stmt *st = d->st[ST_BY_URL];

		sqlite3_bind_text(st, 1, r->origin_url, -1, SQLITE_TRANSIENT);
		err = find_seen(d, st, &seq, &best);
		if (err)
			goto out;
		if (seq >= 0) {
			other = seq;
			bv = verify(&pr, &best);
			/* The publisher's link says it is the same story;
			 * only the figures can make it a version. */
			bv.rel = by_figures(&best, &pr, true, false,
					    &extends) == REL_DUPLICATE
				     ? REL_DUPLICATE
				     : REL_VERSION;
			goto decided;
		}
	}
	/* 4. Near-duplicates through the band index. */
	if (nkeys) {
		long long(*cand)[2] = NULL;
		size_t ncand = 0;

		err = band_candidates(d, keys, nkeys, &cand, &ncand);
		if (err)
			goto out;
		for (size_t i = 0; i < ncand && i < NF_DEDUP_MAX_VERIFY; i++) {
			struct seen s;
			struct verdict v;

			err = load_seen(d, cand[i][0], &s);
			if (err)
				break;
			v = verify(&pr, &s);
			if (v.rel != REL_NONE &&
			    (bv.rel == REL_NONE || better(&v, &bv))) {
				seen_release(&best);
				best = s;
				bv = v;
				other = s.seq;
			} else {
				seen_release(&s);
			}
			/*
			 * Candidates come most similar first; a near-exact
			 * copy with the same numbers settles it (they all
			 * name one first-seen copy), and a popular story's
			 * hundredth copy need not re-read all the others.
			 */
			if (rank(&bv) == 4 && bv.jaccard >= NF_DEDUP_SETTLE)
				break;
		}
		free(cand);
		if (err)
			goto out;
	}
decided:
	if (bv.rel == REL_DUPLICATE || bv.rel == REL_VERSION)
		link_to(r, &best, bv.rel, &figs,
			bv.jaccard < NF_DEDUP_JACCARD && best.ncp > ncp);
	err = store(d, r, body, cp, ncp, nsh, &figs, keys, nkeys, other, bv.rel,
		    &bv);
	if (!err && ++d->pending >= d->batch)
		err = commit(d);
out:
	seen_release(&best);
	flist_release(&figs);
	free(runs);
	return err;
}
