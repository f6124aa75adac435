/*
 * Tests of normalize/dedup.h through nf_record_build(): the labelled
 * pairs and in-page pages of kowikinews-synth, fixture pages of one story
 * on a publisher and two portals, an update, two template stories, and
 * the --state database across runs.
 *
 * A predicted "same story" pair: both records in one cluster, or one
 * linked to the other by duplicate_of or version_of.  Positives are the
 * labels exact, near-duplicate, contains and version; negatives
 * "different".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "testlib.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "extract/article.h"
#include "extract/figures.h"
#include "normalize/dedup.h"
#include "normalize/record.h"

static struct nf_figures *fx;

/* Extract (HTML or plain text), find figures, build with `dd`. */
static void
build_page(struct nf_record *r, const char *text, size_t len, bool html,
	   const char *url, struct nf_dedup *dd)
{
	struct nf_article a;
	struct nf_figure *figs = NULL;
	size_t nfigs = 0;
	nf_err err;

	nf_article_init(&a);
	nf_record_init(r);
	if (html)
		err = nf_article_from_html(&a, text, len, url, 64u << 20);
	else
		err = nf_article_from_text(&a, text, len);
	NF_CHECK(err == NF_OK, "extract %s", url ? url : "?");
	err = nf_figures_find(fx, a.text.data ? a.text.data : "", a.text.len,
			      &figs, &nfigs, 100000);
	NF_CHECK(err == NF_OK, "figures %s", url ? url : "?");
	err = nf_record_build(r, &a, figs, nfigs, url, "UTF-8", NULL, dd);
	NF_CHECK(err == NF_OK, "build %s: %s", url ? url : "?",
		 nf_last_error());
	nf_article_release(&a);
}

static void
build_fixture(struct nf_record *r, const char *name, struct nf_dedup *dd)
{
	char rel[128];
	size_t len;
	char *page;

	snprintf(rel, sizeof(rel), "data/dedup/%s", name);
	page = nf_test_slurp(nf_test_data(rel), &len);
	build_page(r, page, len, true, NULL, dd);
	free(page);
}

/* ---- kowikinews-synth ---- */

struct doc {
	char name[40];
	char role[24];
	char id[17], cluster[17], dup[17], ver[17];
	size_t nchanged;
};

static struct doc *
find_doc(struct doc *docs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(docs[i].name, name) == 0)
			return &docs[i];
	}
	return NULL;
}

static bool
linked(const struct doc *a, const struct doc *b)
{
	return strcmp(a->cluster, b->cluster) == 0 ||
	       strcmp(a->dup, b->id) == 0 || strcmp(b->dup, a->id) == 0 ||
	       strcmp(a->ver, b->id) == 0 || strcmp(b->ver, a->id) == 0;
}

static void
test_synth(void)
{
	size_t len, n = 0, cap = 2048;
	char *data = nf_test_slurp(
	    nf_test_shared("corpus/dedup/kowikinews-synth/docs.jsonl"), &len);
	struct doc *docs = nf_xcalloc(cap, sizeof(*docs));
	struct nf_dedup *dd = nf_dedup_new();
	struct nf_tsv pairs;
	size_t tp = 0, fp = 0, fn = 0, tn = 0, hard = 0, hard_merged = 0;
	size_t ver_all = 0, ver_ok = 0, dup_all = 0, dup_ok = 0;

	for (char *pos = data, *line;
	     (line = nf_test_next_line(&pos, data + len));) {
		cJSON *j, *ji, *ju, *jb, *jr;
		struct nf_record r;

		j = cJSON_Parse(line);
		ji = cJSON_GetObjectItem(j, "id");
		ju = cJSON_GetObjectItem(j, "url");
		jb = cJSON_GetObjectItem(j, "body");
		jr = cJSON_GetObjectItem(j, "role");
		if (!cJSON_IsString(ji) || !cJSON_IsString(jb) || n == cap) {
			NF_CHECK(0, "docs.jsonl: bad line");
			cJSON_Delete(j);
			continue;
		}
		build_page(&r, jb->valuestring, strlen(jb->valuestring), false,
			   cJSON_IsString(ju) ? ju->valuestring : NULL, dd);
		snprintf(docs[n].name, sizeof(docs[n].name), "%s",
			 ji->valuestring);
		snprintf(docs[n].role, sizeof(docs[n].role), "%s",
			 cJSON_IsString(jr) ? jr->valuestring : "");
		memcpy(docs[n].id, r.id, 17);
		memcpy(docs[n].cluster, r.cluster, 17);
		memcpy(docs[n].dup, r.duplicate_of, 17);
		memcpy(docs[n].ver, r.version_of, 17);
		docs[n].nchanged = r.nchanged_facts;
		if (getenv("NF_DEDUP_DEBUG"))
			fprintf(stderr, "%s id %s cluster %s dup %s ver %s\n",
				docs[n].name, r.id, r.cluster, r.duplicate_of,
				r.version_of);
		n++;
		nf_record_release(&r);
		cJSON_Delete(j);
	}
	NF_CHECK(n == 1979, "docs: %zu", n);

	nf_tsv_load(&pairs,
		    nf_test_shared("corpus/dedup/kowikinews-synth/"
				   "pairs.tsv"),
		    false);
	for (size_t i = 0; i < pairs.nrows; i++) {
		const struct nf_tsv_row *row = &pairs.rows[i];
		struct doc *a = find_doc(docs, n, nf_tsv_get(row, 0));
		struct doc *b = find_doc(docs, n, nf_tsv_get(row, 1));
		const char *rel = nf_tsv_get(row, 2);
		bool pos = strcmp(rel, "different") != 0, pred;

		if (!a || !b) {
			NF_CHECK(0, "%s:%d: unknown doc", row->file, row->line);
			continue;
		}
		pred = linked(a, b);
		tp += pos && pred;
		fp += !pos && pred;
		fn += pos && !pred;
		tn += !pos && !pred;
		if (strstr(nf_tsv_get(row, 3), "hard-negative")) {
			hard++;
			hard_merged += pred;
			NF_CHECK(!pred, "hard negative merged: %s %s", a->name,
				 b->name);
		}
		if (pos && !pred)
			fprintf(stderr, "missed %s pair %s %s\n", rel, a->name,
				b->name);
		if (!pos && pred)
			fprintf(stderr, "false pair %s %s\n", a->name, b->name);
	}
	/* Each derived record against its role. */
	for (size_t i = 0; i < n; i++) {
		if (strcmp(docs[i].role, "updated-version") == 0) {
			ver_all++;
			ver_ok += docs[i].ver[0] && !docs[i].dup[0];
		} else if (strcmp(docs[i].role, "original") != 0) {
			dup_all++;
			dup_ok += docs[i].dup[0] && !docs[i].ver[0];
		}
	}
	double p = tp + fp ? (double)tp / (double)(tp + fp) : 1;
	double rc = tp + fn ? (double)tp / (double)(tp + fn) : 1;

	printf("pairs.tsv same story: precision %.4f (%zu/%zu), recall %.4f "
	       "(%zu/%zu)\n",
	       p, tp, tp + fp, rc, tp, tp + fn);
	printf("docs.jsonl updated versions with version_of: %zu/%zu; "
	       "syndicated, trimmed and exact copies with duplicate_of: "
	       "%zu/%zu; hard negatives merged: %zu/%zu\n",
	       ver_ok, ver_all, dup_ok, dup_all, hard_merged, hard);
	NF_CHECK(p >= 0.99, "precision %.4f", p);
	NF_CHECK(rc >= 0.99, "recall %.4f", rc);
	NF_CHECK(tn + tp + fp + fn == 5640, "pairs %zu", tn + tp + fp + fn);
	nf_tsv_free(&pairs);
	nf_dedup_free(dd);
	free(docs);
	free(data);
}

/* ---- in-page repeats through the record builder ---- */

/* s without white space (the body modulo spacing). */
static char *
squeeze(const char *s)
{
	struct nf_buf b = NF_BUF_INIT(0);

	for (; *s; s++) {
		if (!strchr(" \t\r\n", *s))
			nf_buf_append_char(&b, *s);
	}
	nf_buf_terminate(&b);
	return nf_buf_detach(&b);
}

static void
test_inpage(void)
{
	size_t len, all = 0, repaired = 0;
	char *data = nf_test_slurp(
	    nf_test_shared("corpus/dedup/kowikinews-synth/inpage.jsonl"), &len);

	for (char *pos = data, *line;
	     (line = nf_test_next_line(&pos, data + len));) {
		cJSON *j, *jp, *je;
		struct nf_article a;
		struct nf_record r;

		j = cJSON_Parse(line);
		jp = cJSON_GetObjectItem(j, "page_text");
		je = cJSON_GetObjectItem(j, "expected_body");
		if (!cJSON_IsString(jp) || !cJSON_IsString(je)) {
			NF_CHECK(0, "inpage.jsonl: bad line");
			cJSON_Delete(j);
			continue;
		}
		nf_article_init(&a);
		nf_buf_append_str(&a.text, jp->valuestring);
		nf_record_init(&r);
		NF_CHECK(nf_record_build(&r, &a, NULL, 0, NULL, "UTF-8", NULL,
					 NULL) == NF_OK,
			 "build");
		char *got = squeeze(r.art.text.data ? r.art.text.data : "");
		char *want = squeeze(je->valuestring);

		/* The footer case may keep a footer after the body. */
		repaired += r.repeats_removed > 0 &&
			    strncmp(got, want, strlen(want)) == 0 &&
			    strlen(got) < strlen(want) + 200;
		all++;
		free(got);
		free(want);
		nf_record_release(&r);
		cJSON_Delete(j);
	}
	printf("inpage repair rate: %.4f (%zu/%zu)\n",
	       all ? (double)repaired / (double)all : 0, repaired, all);
	NF_CHECK(all == 514 && repaired * 100 >= all * 99, "repaired %zu/%zu",
		 repaired, all);
	free(data);
}

/* ---- fixture pages ---- */

static const struct nf_fact_change *
change_of(const struct nf_record *r, const char *before, const char *after)
{
	for (size_t i = 0; i < r->nchanged_facts; i++) {
		const struct nf_fact_change *c = &r->changed_facts[i];

		if (c->kind == NF_FACT_CHANGED && c->before.surface &&
		    strcmp(c->before.surface, before) == 0 &&
		    strcmp(c->after.surface, after) == 0)
			return c;
	}
	return NULL;
}

/*
 * A copy that names the publisher's page (its canonical link points at
 * another site; a portal's 기사원문 link once the extractor gives it) is
 * linked to that page even when rewritten too much for the text test.
 */
static void
test_origin(struct nf_dedup *dd, const struct nf_record *y)
{
	static const char page[] =
	    "<html><head><link rel=\"canonical\" "
	    "href=\"https://www.yna.co.kr/view/AKR20260405000100053\">"
	    "</head><body><article><p>의성 산불로 3명이 목숨을 잃었다. "
	    "주민 1천200명은 학교 등지로 몸을 피했다.</p><p>헬기 48대가 "
	    "불을 끄고 있다.</p></article></body></html>";
	static const char changed[] =
	    "<html><head><link rel=\"canonical\" "
	    "href=\"https://www.yna.co.kr/view/AKR20260405000100053\">"
	    "</head><body><article><p>의성 산불 사망자가 4명으로 늘었다. "
	    "주민 1천200명은 학교 등지로 몸을 피했다.</p></article></body>"
	    "</html>";
	struct nf_record r;

	build_page(&r, page, sizeof(page) - 1, true,
		   "https://portal.example.com/news/1", dd);
	NF_CHECK_STR(r.origin_url,
		     "https://www.yna.co.kr/view/AKR20260405000100053");
	NF_CHECK(strcmp(r.id, y->id) != 0, "the copy keeps its own id");
	NF_CHECK_STR(r.duplicate_of, y->id);
	NF_CHECK_STR(r.cluster, y->cluster);
	nf_record_release(&r);
	build_page(&r, changed, sizeof(changed) - 1, true,
		   "https://portal.example.com/news/2", dd);
	NF_CHECK_STR(r.duplicate_of, "");
	NF_CHECK_STR(r.version_of, y->id);
	NF_CHECK(change_of(&r, "3명", "4명") != NULL,
		 "origin version: 3명 → 4명");
	nf_record_release(&r);
}

static void
check_story(struct nf_dedup *dd, bool with_update)
{
	struct nf_record y, n, d, u;

	build_fixture(&y, "yonhap.html", dd);
	build_fixture(&n, "naver.html", dd);
	build_fixture(&d, "daum.html", dd);
	NF_CHECK_STR(y.duplicate_of, "");
	NF_CHECK_STR(y.cluster, y.id);
	NF_CHECK_STR(n.duplicate_of, y.id);
	NF_CHECK_STR(n.cluster, y.id);
	NF_CHECK_STR(n.version_of, "");
	NF_CHECK_STR(d.duplicate_of, y.id);
	NF_CHECK_STR(d.cluster, y.id);
	NF_CHECK_STR(d.version_of, "");
	if (with_update) {
		const struct nf_fact_change *c;

		test_origin(dd, &y);

		build_fixture(&u, "yonhap-update.html", dd);
		NF_CHECK_STR(u.duplicate_of, "");
		NF_CHECK_STR(u.version_of, y.id);
		NF_CHECK_STR(u.cluster, y.id);
		NF_CHECK(u.nchanged_facts == 1, "update: %zu changed facts",
			 u.nchanged_facts);
		c = change_of(&u, "3명", "5명");
		NF_CHECK(c != NULL, "update: 3명 → 5명 in changed_facts");
		if (c) {
			NF_CHECK_STR(c->before.value, "3");
			NF_CHECK_STR(c->after.value, "5");
			NF_CHECK_STR(c->after.unit, "person");
			NF_CHECK(!c->after.value_is_text, "a number");
		}
		nf_record_release(&u);
	}
	nf_record_release(&y);
	nf_record_release(&n);
	nf_record_release(&d);
}

static void
test_fixtures(void)
{
	struct nf_dedup *dd = nf_dedup_new();
	struct nf_record m, a;

	check_story(dd, true);
	build_fixture(&m, "stats-march.html", dd);
	build_fixture(&a, "stats-april.html", dd);
	NF_CHECK_STR(a.duplicate_of, "");
	NF_CHECK_STR(a.version_of, "");
	NF_CHECK_STR(a.cluster, a.id);
	NF_CHECK(strcmp(a.cluster, m.cluster) != 0,
		 "template stories kept apart");
	printf("fixtures: portal copies clustered, update linked, "
	       "template stories apart\n");
	nf_record_release(&m);
	nf_record_release(&a);
	nf_dedup_free(dd);
}

/* ---- the state database ---- */

static void
state_path(char *out, size_t n)
{
	snprintf(out, n, "/tmp/nf_dedup_test_%ld.db", (long)getpid());
	unlink(out);
}

static void
remove_state(const char *path)
{
	char side[300];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static void
test_state(void)
{
	char path[256];
	struct nf_dedup *dd;
	struct nf_record y, n, u, again;
	nf_err err;

	state_path(path, sizeof(path));
	/* Run 1: the original. */
	NF_CHECK(nf_dedup_open_state(&dd, path) == NF_OK, "open %s: %s", path,
		 nf_last_error());
	build_fixture(&y, "yonhap.html", dd);
	NF_CHECK_STR(y.duplicate_of, "");
	NF_CHECK(nf_dedup_close(dd) == NF_OK, "close: %s", nf_last_error());

	/* Run 2: the portal copy and the update find it. */
	NF_CHECK(nf_dedup_open_state(&dd, path) == NF_OK, "reopen");
	build_fixture(&n, "naver.html", dd);
	NF_CHECK_STR(n.duplicate_of, y.id);
	NF_CHECK_STR(n.cluster, y.id);
	build_fixture(&u, "yonhap-update.html", dd);
	NF_CHECK_STR(u.version_of, y.id);
	NF_CHECK(change_of(&u, "3명", "5명") != NULL, "update across runs");
	/* The batch dedupes against itself, before any commit. */
	build_fixture(&again, "yonhap-update.html", dd);
	NF_CHECK_STR(again.duplicate_of, u.id);
	NF_CHECK_STR(again.version_of, "");
	nf_record_release(&again);
	NF_CHECK(nf_dedup_close(dd) == NF_OK, "close 2");

	/* Run 3: a re-fetch of the original page is a duplicate of itself. */
	NF_CHECK(nf_dedup_open_state(&dd, path) == NF_OK, "reopen 2");
	build_fixture(&again, "yonhap.html", dd);
	NF_CHECK_STR(again.duplicate_of, y.id);
	nf_record_release(&again);
	nf_dedup_free(dd);

	nf_record_release(&y);
	nf_record_release(&n);
	nf_record_release(&u);
	remove_state(path);

	/* A file that is not a database is refused. */
	err = nf_dedup_open_state(&dd, nf_test_data("data/dedup/naver.html"));
	NF_CHECK(err == NF_ERR_DB && dd == NULL, "not a database: %d", err);
	err = nf_dedup_open_state(&dd, "/nonexistent/dir/state.db");
	NF_CHECK(err == NF_ERR_DB && dd == NULL, "missing dir: %d", err);
	NF_CHECK(nf_dedup_close(NULL) == NF_OK, "close NULL");
}

/*
 * 120 pseudo-random syllables from `seed`, a space after every seventh,
 * and the figure " N명.".  With `edit`, the syllable at that index is
 * another one: a near copy with a new body hash but most shingles shared.
 */
static void
syllables(char *text, size_t cap, unsigned seed, int n, int edit)
{
	size_t at = 0;

	for (int k = 0; k < 120; k++) {
		char enc[4];
		uint32_t cp;

		seed = seed * 1103515245u + 12345u;
		cp = 0xAC00 + (seed >> 8) % 11172;
		if (k == edit)
			cp = 0xAC00 + (cp - 0xAC00 + 1) % 11172;
		size_t nb = nf_utf8_encode(cp, enc);
		memcpy(text + at, enc, nb);
		at += nb;
		if (k % 7 == 6)
			text[at++] = ' ';
	}
	snprintf(text + at, cap - at, " %d명.", n);
}

static long long
count_rows(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void
exec_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	NF_CHECK(rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* A new state at `path` holding one record: syllables(seed, n) at url. */
static void
state_with_one(const char *path, struct nf_record *r, unsigned seed, int n,
	       const char *url)
{
	char text[512];
	struct nf_dedup *dd;

	NF_CHECK(nf_dedup_open_state(&dd, path) == NF_OK, "open %s: %s", path,
		 nf_last_error());
	syllables(text, sizeof(text), seed, n, -1);
	build_page(r, text, strlen(text), false, url, dd);
	NF_CHECK(nf_dedup_close(dd) == NF_OK, "close: %s", nf_last_error());
}

/*
 * A state written before dedup_band_recent existed (every band key in
 * dedup_band) opens, and a near copy is found through the old keys.
 */
static void
test_old_state(void)
{
	char path[256], text[512];
	struct nf_dedup *dd;
	struct nf_record a, b;

	state_path(path, sizeof(path));
	state_with_one(path, &a, 7, 3, "https://o.example.com/1");
	exec_sql(path, "INSERT INTO dedup_band SELECT * FROM dedup_band_recent;"
		       "DROP TABLE dedup_band_recent;");
	NF_CHECK(count_rows(path, "SELECT count(*) FROM dedup_band") == 33,
		 "old layout");

	NF_CHECK(nf_dedup_open_state(&dd, path) == NF_OK, "open old: %s",
		 nf_last_error());
	syllables(text, sizeof(text), 7, 3, 60);
	build_page(&b, text, strlen(text), false, "https://o.example.com/2",
		   dd);
	NF_CHECK_STR(b.duplicate_of, a.id);
	NF_CHECK(nf_dedup_close(dd) == NF_OK, "close old");
	NF_CHECK(count_rows(path, "SELECT count(*) FROM dedup_band_recent") ==
		     33,
		 "new keys in dedup_band_recent");
	nf_record_release(&a);
	nf_record_release(&b);
	remove_state(path);
}

/*
 * The rolling window: a state whose records were all seen more than
 * NF_DEDUP_WINDOW_DAYS ago loses their band keys and match forms when it
 * is next opened, in both band tables, but keeps their body hashes.
 */
static void
test_window(void)
{
	char path[256], text[512], sql[256];
	struct nf_dedup *dd;
	struct nf_record a, near, same;
	long long today = (long long)(time(NULL) / 86400);

	state_path(path, sizeof(path));
	state_with_one(path, &a, 23, 6, "https://p.example.com/1");
	/* Half of the keys in each table, as after some merges. */
	exec_sql(path, "INSERT INTO dedup_band SELECT * FROM dedup_band_recent"
		       " WHERE band_key < 0;"
		       "DELETE FROM dedup_band_recent WHERE band_key < 0;");
	snprintf(sql, sizeof(sql),
		 "UPDATE article_seen SET day = %lld;"
		 "UPDATE dedup_meta SET value = %lld"
		 " WHERE key = 'pruned_day';",
		 today - NF_DEDUP_WINDOW_DAYS - 1, today - 1);
	exec_sql(path, sql);

	NF_CHECK(nf_dedup_open_state(&dd, path) == NF_OK, "reopen");
	NF_CHECK(count_rows(path,
			    "SELECT (SELECT count(*) FROM dedup_band) +"
			    " (SELECT count(*) FROM dedup_band_recent)") == 0,
		 "band keys pruned");
	NF_CHECK(count_rows(path, "SELECT count(*) FROM article_seen"
				  " WHERE match_text IS NOT NULL") == 0,
		 "match forms pruned");
	syllables(text, sizeof(text), 23, 6, 50);
	build_page(&near, text, strlen(text), false, "https://p.example.com/2",
		   dd);
	NF_CHECK_STR(near.duplicate_of, "");
	syllables(text, sizeof(text), 23, 6, -1);
	build_page(&same, text, strlen(text), false, "https://p.example.com/3",
		   dd);
	NF_CHECK_STR(same.duplicate_of, a.id);
	NF_CHECK(nf_dedup_close(dd) == NF_OK, "close 2");
	nf_record_release(&a);
	nf_record_release(&near);
	nf_record_release(&same);
	remove_state(path);
}

/*
 * Two dedups on one state: a record the second one adds is found by the
 * first, whose band filter was built before that record existed.
 */
static void
test_two_writers(void)
{
	char path[256], text[512];
	struct nf_dedup *first, *second;
	struct nf_record a, b;

	state_path(path, sizeof(path));
	NF_CHECK(nf_dedup_open_state(&first, path) == NF_OK, "open first");
	NF_CHECK(nf_dedup_open_state(&second, path) == NF_OK, "open second");
	nf_dedup_set_batch(first, 1);
	nf_dedup_set_batch(second, 1);
	syllables(text, sizeof(text), 11, 4, -1);
	build_page(&a, text, strlen(text), false, "https://w.example.com/1",
		   second);
	syllables(text, sizeof(text), 11, 4, 30);
	build_page(&b, text, strlen(text), false, "https://w.example.com/2",
		   first);
	NF_CHECK_STR(b.duplicate_of, a.id);
	NF_CHECK(nf_dedup_close(second) == NF_OK, "close second");
	NF_CHECK(nf_dedup_close(first) == NF_OK, "close first");
	nf_record_release(&a);
	nf_record_release(&b);
	remove_state(path);
}

/* Many records through one state: more than a write batch, and a same
 * story still found after the commits. */
static void
test_batches(void)
{
	char path[256];
	struct nf_dedup *dd;
	struct nf_record r;
	size_t found = 0;

	state_path(path, sizeof(path));
	NF_CHECK(nf_dedup_open_state(&dd, path) == NF_OK, "open");
	for (int i = 0; i < 2 * NF_DEDUP_BATCH + 10; i++) {
		char url[64], text[512];

		snprintf(url, sizeof(url), "https://b.example.com/%d", i);
		/* Unrelated texts, the same text every 500 records. */
		syllables(text, sizeof(text),
			  (unsigned)(i % 500) * 2654435761u + 1, i % 500, -1);
		build_page(&r, text, strlen(text), false, url, dd);
		if (i >= 500) {
			char want[17];

			snprintf(url, sizeof(url), "https://b.example.com/%d",
				 i % 500);
			nf_record_hash_id(url, strlen(url), want);
			found += strcmp(r.duplicate_of, want) == 0;
		} else {
			NF_CHECK(!r.duplicate_of[0] && !r.version_of[0],
				 "record %d: dup %s ver %s", i, r.duplicate_of,
				 r.version_of);
		}
		nf_record_release(&r);
	}
	NF_CHECK(found == 2 * NF_DEDUP_BATCH + 10 - 500, "found %zu", found);
	/* A near copy of the first record, after two slice merges. */
	{
		char text[512], want[17];
		const char *url = "https://b.example.com/0";

		syllables(text, sizeof(text), 1, 0, 90);
		build_page(&r, text, strlen(text), false,
			   "https://b.example.com/near", dd);
		nf_record_hash_id(url, strlen(url), want);
		NF_CHECK_STR(r.duplicate_of, want);
		nf_record_release(&r);
	}
	NF_CHECK(nf_dedup_close(dd) == NF_OK, "close");
	/* Records 2000 and 4000 moved slices 1 and 2 (of the signed key
	 * space, in order) of the keys before them to dedup_band. */
	{
		char sql[256];
		long long span = 1LL << (64 - NF_DEDUP_SLICE_BITS);
		long long lo = INT64_MIN + span, hi = INT64_MIN + 3 * span - 1;

		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM dedup_band_recent"
			 " WHERE (band_key BETWEEN %lld AND %lld AND seq < %d)"
			 " OR (band_key BETWEEN %lld AND %lld AND seq < %d)",
			 lo, lo + span - 1, NF_DEDUP_BATCH, lo + span, hi,
			 2 * NF_DEDUP_BATCH);
		NF_CHECK(count_rows(path, sql) == 0, "slices 1-2 merged");
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM dedup_band"
			 " WHERE band_key NOT BETWEEN %lld AND %lld",
			 lo, hi);
		NF_CHECK(count_rows(path, sql) == 0, "only slices 1-2 merged");
		NF_CHECK(count_rows(path, "SELECT count(*) FROM dedup_band") >
			     0,
			 "merged rows");
	}
	remove_state(path);
}

int
main(void)
{
	NF_CHECK(nf_figures_new(&fx) == NF_OK, "figures");
	test_fixtures();
	test_state();
	test_batches();
	test_old_state();
	test_two_writers();
	test_window();
	test_inpage();
	test_synth();
	nf_figures_free(fx);
	return nf_test_done("dedup_test");
}
