/*
 * tests/state_test.c - the crawl frontier: adding, claiming with per-host
 * leases and next_at, settling, retries, the robots cache, the lock and
 * recovery of a dead run's leases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crawler/state.h"
#include "testlib.h"

static char path[256];

static void
fresh(void)
{
	char p[300];

	snprintf(path, sizeof(path), "/tmp/nf_state_test_%d.db", (int)getpid());
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static void
test_claim_order_and_leases(void)
{
	struct nf_state *st;
	struct nf_claim c1, c2, c3;
	bool got, added;
	double due, t = 1000.0;

	fresh();
	NF_CHECK(nf_state_open(&st, path) == NF_OK, "%s", nf_last_error());
	NF_CHECK(nf_state_add(st, "http://a.test/1", NF_KIND_ARTICLE, "s", 0, t,
			      &added) == NF_OK &&
		     added,
		 "add");
	NF_CHECK(nf_state_add(st, "http://a.test/feed", NF_KIND_FEED, "s", 0, t,
			      &added) == NF_OK &&
		     added,
		 "add feed");
	NF_CHECK(nf_state_add(st, "http://a.test/1", NF_KIND_ARTICLE, "s", 0, t,
			      &added) == NF_OK &&
		     !added,
		 "a known URL is not added twice");
	NF_CHECK(nf_state_add(st, "http://b.test/2", NF_KIND_ARTICLE, "s", 0, t,
			      &added) == NF_OK &&
		     added,
		 "add b");
	NF_CHECK(nf_state_add(st, "not a url", NF_KIND_ARTICLE, "s", 0, t,
			      &added) != NF_OK,
		 "a relative URL is refused");

	/* Listings first on a host; one claim per host at a time. */
	NF_CHECK(nf_state_claim(st, t, &c1, &got, &due) == NF_OK && got,
		 "claim 1");
	NF_CHECK_STR(c1.url, "http://a.test/feed");
	NF_CHECK(c1.kind == NF_KIND_FEED, "kind %d", (int)c1.kind);
	NF_CHECK(nf_state_claim(st, t, &c2, &got, &due) == NF_OK && got,
		 "claim 2");
	NF_CHECK_STR(c2.url, "http://b.test/2");
	NF_CHECK(nf_state_claim(st, t, &c3, &got, &due) == NF_OK && !got,
		 "a.test is leased, b.test is empty");
	NF_CHECK(due > t && due < t + 1, "ask again soon: %f", due - t);

	/* Settling a.test with a 2 s gap: its article is due at t+2. */
	NF_CHECK(nf_state_done(st, &c1, 200, "\"e1\"",
			       "Sat, 28 Nov 2026 "
			       "00:00:00 GMT",
			       t, t + 2) == NF_OK,
		 "done");
	NF_CHECK(nf_state_claim(st, t + 1, &c3, &got, &due) == NF_OK && !got,
		 "host gap held");
	NF_CHECK(due >= t + 2 - 1e-6 && due <= t + 2 + 1e-6, "due %f", due - t);
	NF_CHECK(nf_state_claim(st, t + 2, &c3, &got, &due) == NF_OK && got,
		 "claim after the gap");
	NF_CHECK_STR(c3.url, "http://a.test/1");

	/* A retry comes back at its time with the failure counted. */
	NF_CHECK(nf_state_failed(st, &c3, t + 10, "503", t + 2, t + 3) == NF_OK,
		 "failed");
	nf_claim_release(&c3);
	NF_CHECK(nf_state_claim(st, t + 5, &c3, &got, &due) == NF_OK && !got,
		 "not before retry_at");
	NF_CHECK(nf_state_claim(st, t + 10, &c3, &got, &due) == NF_OK && got,
		 "retry due");
	NF_CHECK(c3.failures == 1, "failures %d", c3.failures);
	NF_CHECK(nf_state_failed(st, &c3, 0, "gone", t + 10, t + 11) == NF_OK,
		 "permanent failure");

	enum nf_url_status s;
	int fails;
	NF_CHECK(nf_state_lookup(st, "http://a.test/1", &s, &fails) &&
		     s == NF_URL_FAILED && fails == 2,
		 "status %d failures %d", (int)s, fails);

	/* Re-polling makes the feed due again, with its validators. */
	NF_CHECK(nf_state_repoll(st, t + 20) == NF_OK, "repoll");
	nf_claim_release(&c1);
	NF_CHECK(nf_state_claim(st, t + 20, &c1, &got, &due) == NF_OK && got,
		 "claim repolled");
	NF_CHECK_STR(c1.url, "http://a.test/feed");
	NF_CHECK_STR(c1.etag, "\"e1\"");
	NF_CHECK_STR(c1.last_modified, "Sat, 28 Nov 2026 00:00:00 GMT");
	/* A 304 keeps the validators. */
	NF_CHECK(nf_state_done(st, &c1, 304, NULL, NULL, t + 20, t + 21) ==
		     NF_OK,
		 "304");
	long long n;
	NF_CHECK(nf_state_count(st, NF_KIND_FEED, NF_URL_DONE, &n) == NF_OK &&
		     n == 1,
		 "count %lld", n);

	/* The lock: a second open is refused while this one lives. */
	struct nf_state *st2;
	NF_CHECK(nf_state_open(&st2, path) != NF_OK && nf_state_lock_busy(),
		 "second open refused");

	/* Leave c2 leased and "die": the next open gives it back. */
	nf_state_close(st);
	NF_CHECK(nf_state_open(&st, path) == NF_OK, "%s", nf_last_error());
	NF_CHECK(nf_state_lookup(st, "http://b.test/2", &s, NULL) &&
		     s == NF_URL_QUEUED,
		 "lease returned, status %d", (int)s);
	nf_claim_release(&c3);
	NF_CHECK(nf_state_claim(st, t + 30, &c3, &got, &due) == NF_OK && got,
		 "claim after recovery");
	NF_CHECK_STR(c3.url, "http://b.test/2");
	NF_CHECK(nf_state_unclaim(st, &c3, t + 31) == NF_OK, "unclaim");
	nf_claim_release(&c3);
	NF_CHECK(nf_state_claim(st, t + 30.5, &c3, &got, &due) == NF_OK && !got,
		 "unclaim keeps the host gap");
	NF_CHECK(nf_state_claim(st, t + 31, &c3, &got, &due) == NF_OK && got,
		 "unclaimed URL claimable");
	NF_CHECK(nf_state_skipped(st, &c3, "robots", t + 31, t + 32) == NF_OK,
		 "skipped");
	nf_claim_release(&c2);
	NF_CHECK(nf_state_claim(st, t + 100, &c2, &got, &due) == NF_OK &&
		     !got && due == 0,
		 "frontier empty");

	/* Settled additions never get fetched. */
	NF_CHECK(nf_state_add_settled(st, "http://a.test/canon",
				      NF_KIND_ARTICLE, "s", NF_URL_DONE, t,
				      &added) == NF_OK &&
		     added,
		 "add settled");
	NF_CHECK(nf_state_add(st, "http://a.test/canon", NF_KIND_ARTICLE, "s",
			      0, t, &added) == NF_OK &&
		     !added,
		 "settled URL is known");

	nf_claim_release(&c1);
	nf_claim_release(&c2);
	nf_claim_release(&c3);
	nf_state_close(st);
}

static void
test_robots_cache(void)
{
	struct nf_state *st;
	bool found;
	int status = 0;
	char *body;
	size_t len;
	double at;

	fresh();
	NF_CHECK(nf_state_open(&st, path) == NF_OK, "%s", nf_last_error());
	NF_CHECK(nf_state_robots_get(st, "a.test", 100, 86400, &found, &status,
				     &body, &len, &at) == NF_OK &&
		     !found,
		 "empty cache");
	free(body);
	NF_CHECK(nf_state_robots_put(st, "a.test", 200, "User-agent: *\n", 14,
				     100) == NF_OK,
		 "put");
	NF_CHECK(nf_state_robots_get(st, "a.test", 200, 86400, &found, &status,
				     &body, &len, &at) == NF_OK &&
		     found && status == 200 && len == 14 && at == 100,
		 "get");
	NF_CHECK_STR(body, "User-agent: *\n");
	free(body);
	NF_CHECK(nf_state_robots_get(st, "a.test", 100 + 86401, 86400, &found,
				     &status, &body, &len, &at) == NF_OK &&
		     !found,
		 "expired after 24 h");
	free(body);
	nf_state_close(st);
	fresh();
}

int
main(void)
{
	test_claim_order_and_leases();
	test_robots_cache();
	return nf_test_done("state_test");
}
