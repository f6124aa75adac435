"""newsfact crawl against a small Korean news site on 127.0.0.1
(tests/crawl/server.py) with faults: checks from the server's request log
(robots.txt first, disallowed paths never asked, the per-host gap,
bounded retries, Retry-After, conditional requests on the second run,
each article fetched once), from the output (every reachable article
once) and from the WARC files; then kill -9 mid-run and resume."""
import glob
import gzip
import hashlib
import base64
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from nftest import Checks, NEWSFACT, TESTS  # noqa: E402

c = Checks("test_crawl")
SERVER = os.path.join(TESTS, "crawl", "server.py")
DELAY = 0.2


def start_server(log, slow=0.0):
    p = subprocess.Popen([sys.executable, SERVER, "--log", log, "--slow", str(slow)],
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    assert line.startswith("PORT "), line
    return p, int(line.split()[1])


def read_log(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def crawl_args(base, state, out, warc=None, extra=()):
    a = [NEWSFACT, "crawl", "--state", state, "-o", out,
         "--seed", f"{base}/rss/main.xml", "--seed", f"{base}/rss/economy.xml",
         "--seed", f"{base}/section/politics.html",
         "--delay", str(DELAY), "--timeout", "1000", "--retries", "2",
         "--retry-base", "0.3", "--max-body", "1000000", *extra]
    if warc:
        a += ["--warc-dir", warc]
    return a


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def art(base, n):
    return f"{base}/news/articleView.html?idxno={n}"


def art_path(n):
    return f"/news/articleView.html?idxno={n}"


def warc_members(path):
    """Each gzip member of a .warc.gz, decompressed."""
    data = open(path, "rb").read()
    out = []
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out.append(d.decompress(data))
        data = d.unused_data
    return out


def check_warc(warc_dir, base):
    files = sorted(glob.glob(os.path.join(warc_dir, "*.warc.gz")))
    c.check(len(files) >= 1, "WARC files written")
    types = {}
    digests_ok = True
    for f in files:
        members = warc_members(f)
        c.check(members[0].startswith(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"),
                f"{f} starts with warcinfo")
        for m in members:
            head, _, rest = m.partition(b"\r\n\r\n")
            fields = dict(l.split(b": ", 1) for l in head.split(b"\r\n")[1:])
            t = fields[b"WARC-Type"].decode()
            types[t] = types.get(t, 0) + 1
            n = int(fields[b"Content-Length"])
            block = rest[:n]
            if rest[n:] != b"\r\n\r\n":
                digests_ok = False
            if t == "response":
                payload = block.partition(b"\r\n\r\n")[2]
                want = "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode()
                if fields[b"WARC-Payload-Digest"].decode() != want:
                    digests_ok = False
            bd = "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()
            if fields[b"WARC-Block-Digest"].decode() != bd:
                digests_ok = False
    c.check(digests_ok, "WARC block and payload digests and record framing")
    c.check(types.get("response", 0) >= 12 and types.get("request", 0) >= types["response"],
            f"response and request records: {types}")
    c.check(types.get("revisit", 0) >= 1, f"a revisit record: {types}")
    # Read back through crawler/warc.c: every article is there.
    out = subprocess.run([NEWSFACT, "extract", "-q", warc_dir], capture_output=True)
    got = {json.loads(l)["canonical_url"] for l in out.stdout.decode().splitlines() if l}
    missing = {art(base, n) for n in range(1001, 1013)} - got
    c.check(not missing, f"articles read back from the WARC files, missing {missing}")
    return types


def main_test(tmp):
    log = os.path.join(tmp, "requests.log")
    srv, port = start_server(log)
    base = f"http://127.0.0.1:{port}"
    state, out, warc = (os.path.join(tmp, n) for n in ("state.db", "out.jsonl", "warc"))
    try:
        t0 = time.time()
        p = subprocess.run(crawl_args(base, state, out, warc), capture_output=True, timeout=120)
        err = p.stderr.decode("utf-8", "replace")
        c.eq(p.returncode, 1, "exit status with failed URLs")
        c.check("crawl: done in" in err and "crawl: host 127.0.0.1:" in err, "summary lines")
        reqs = read_log(log)
        paths = [r["path"] for r in reqs]
        c.eq(paths[0] if paths else None, "/robots.txt", "robots.txt first")
        c.eq(paths.count("/robots.txt"), 1, "robots.txt once")
        c.check(not [p for p in paths if p.startswith("/private/")], "disallowed paths never requested")
        c.check(all("newsfact/" in (r["ua"] or "") and "+http" in r["ua"] for r in reqs),
                "User-Agent names newsfact and a contact URL")
        ts = sorted(r["t"] for r in reqs)
        gaps = [b - a for a, b in zip(ts, ts[1:])]
        c.check(min(gaps) >= DELAY - 0.03, f"per-host gap held: smallest {min(gaps):.3f}s")
        c.eq(paths.count("/fault/500"), 3, "permanent 500: 1 + 2 retries")
        c.eq(paths.count("/fault/slow"), 3, "timeout: 1 + 2 retries")
        c.eq(paths.count("/fault/503"), 3, "503 twice then 200")
        t503 = [r["t"] for r in reqs if r["path"] == "/fault/503"]
        c.check(all(b - a >= 0.95 for a, b in zip(t503, t503[1:])), "Retry-After honoured")
        c.eq(paths.count("/fault/reset"), 2, "reset mid-body: retried once")
        c.eq(paths.count("/fault/truncated"), 2, "truncated body: retried once")
        c.eq(paths.count("/fault/huge"), 1, "huge body: not retried")
        c.eq(paths.count("/fault/bomb"), 1, "decompression bomb: not retried")
        c.eq((paths.count("/fault/loop-a"), paths.count("/fault/loop-b")), (1, 1),
             "redirect loop: each hop once")
        c.eq(paths.count("/old/1003"), 1, "301 once")
        for n in (1001, 1002, 1003, 1004, 1008, 1009, 1010, 1012):
            c.eq(paths.count(art_path(n)), 1, f"article {n} fetched once")
        c.check(paths.count(art_path(1011)) + paths.count("/news/print/1011") <= 2
                and paths.count(art_path(1011)) <= 1, "duplicate page: one fetch per URL")
        c.check(not [p for p in paths if "utm_" in p or "fbclid" in p or "input=" in p],
                "tracking parameters never requested")
        recs = records(out)
        canon = [r["canonical_url"] for r in recs]
        want = {art(base, n) for n in range(1001, 1013)}
        c.eq(set(canon), want, "every reachable article in the output")
        c.eq(len(canon), len(set(canon)), "each article once in the output")
        c.check(all(r.get("fetched_at") for r in recs), "fetched_at set")
        c.check(all(r["source"]["warc_record_id"] for r in recs), "records point at WARC records")
        r1012 = [r for r in recs if r["canonical_url"] == art(base, 1012)]
        c.check(r1012 and "쌀" in (r1012[0].get("title") or ""),
                "EUC-KR page under a wrong charset header decoded")
        check_warc(warc, base)
        print(f"first run: {len(reqs)} requests in {time.time() - t0:.1f}s", file=sys.stderr)

        # Second run: one new article, one corrected (its sitemap lastmod
        # moves past our fetch); everything else conditional.
        urllib.request.urlopen(f"{base}/__publish").read()
        urllib.request.urlopen(f"{base}/__update").read()
        time.sleep(1.2)
        n1 = len(reqs)
        p = subprocess.run(crawl_args(base, state, out, warc), capture_output=True, timeout=120)
        c.eq(p.returncode, 0, "second run exit status")
        reqs2 = read_log(log)[n1:]
        paths2 = [r["path"] for r in reqs2]
        c.check("/robots.txt" not in paths2, "robots.txt cached")
        c.eq(sorted(p for p in paths2 if "articleView" in p),
             sorted([art_path(1010), art_path(1013)]),
             "second run fetches only the new and the changed article")
        again = [r for r in reqs2 if r["path"] == art_path(1010)]
        c.check(again and again[0]["inm"], "the changed article is asked for conditionally")
        listings = [r for r in reqs2 if "articleView" not in r["path"]]
        c.check(listings and all(r["inm"] for r in listings),
                "listings polled with If-None-Match")
        c.check(all(r["ims"] for r in listings), "and If-Modified-Since")
        c.eq(sorted(r["path"] for r in listings if r["status"] == 304),
             sorted(["/rss/economy.xml", "/section/politics.html", "/sitemap_index.xml",
                     "/sitemap_news.xml"]), "304s on unchanged listings")
        recs = records(out)
        canon = [r["canonical_url"] for r in recs]
        c.eq(len(canon), 14, "14 records after two runs: 13 articles and one correction")
        c.eq(len(set(canon)), 13, "no duplicates after two runs")
        v = [r for r in recs if r["canonical_url"] == art(base, 1010)]
        if c.eq(len(v), 2, "the corrected article twice: before and after"):
            c.eq(v[1].get("version_of"), v[0]["id"], "the correction is a version of the first")
            changes = [(ch["before"]["value"], ch["after"]["value"])
                       for ch in v[1].get("changed_facts", [])
                       if ch["change"] == "changed"]
            c.check((18000, 19000) in changes, f"changed_facts 18000 -> 19000: {changes}")
        types = check_warc(warc, base)
        c.check(types.get("revisit", 0) >= 1 + 4, "304s archived as revisits")
        # The crawl's records went through the state's dedup tables too.
        import sqlite3
        con = sqlite3.connect(state)
        seen = {r[0] for r in con.execute("select id from article_seen")}
        con.close()
        c.check({r["id"] for r in recs} <= seen,
                f"every crawled record is in the state's dedup tables ({len(seen)})")
    finally:
        srv.kill()
        srv.wait()


def kill_test(tmp):
    log = os.path.join(tmp, "kill.log")
    srv, port = start_server(log, slow=0.3)
    base = f"http://127.0.0.1:{port}"
    state, out = os.path.join(tmp, "kill.db"), os.path.join(tmp, "kill.jsonl")
    args = [NEWSFACT, "crawl", "--state", state, "-o", out,
            "--seed", f"{base}/rss/main.xml", "--seed", f"{base}/rss/economy.xml",
            "--delay", "0.05", "--timeout", "2000", "--retries", "2", "--retry-base", "0.2"]
    try:
        p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while time.time() < deadline:
            if sum("articleView" in r["path"] for r in read_log(log)) >= 4:
                break
            time.sleep(0.05)
        # A second run while the first holds the state is refused.
        q = subprocess.run(args, capture_output=True, timeout=30)
        c.eq(q.returncode, 75, "overlapping run refused (exit 75)")
        c.check("another crawl holds" in q.stderr.decode(), "lock message")
        time.sleep(0.15)
        p.send_signal(signal.SIGKILL)
        p.wait()
        before = [json.loads(l) for l in open(out, encoding="utf-8").read().splitlines()
                  if l.strip()] if os.path.exists(out) else []
        c.check(0 < len(before) < 10, f"killed mid-run with {len(before)} records")
        q = subprocess.run(args, capture_output=True, timeout=60)
        c.check(q.returncode in (0, 1), f"resume exit status {q.returncode}")
        recs = records(out)
        canon = [r["canonical_url"] for r in recs]
        want = {art(base, n) for n in range(1001, 1011)}
        c.eq(set(canon), want, "after kill -9 and rerun: every article")
        c.eq(len(canon), len(set(canon)), "after kill -9 and rerun: each once")
        paths = [r["path"] for r in read_log(log)]
        twice = [n for n in range(1001, 1011) if paths.count(art_path(n)) > 1]
        c.check(len(twice) <= 1, f"only the in-flight article may be fetched again: {twice}")
    finally:
        srv.kill()
        srv.wait()


def formats_test(tmp):
    """CSV appended over two runs keeps one header; --facts writes fact lines."""
    import csv
    import io
    log = os.path.join(tmp, "formats.log")
    srv, port = start_server(log)
    base = f"http://127.0.0.1:{port}"
    state, out = os.path.join(tmp, "formats.db"), os.path.join(tmp, "facts.csv")
    try:
        args = crawl_args(base, state, out, extra=("-f", "csv", "--retries", "0"))
        subprocess.run(args, capture_output=True, timeout=120)
        urllib.request.urlopen(f"{base}/__publish").read()
        subprocess.run(args, capture_output=True, timeout=120)
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        c.eq(sum(1 for r in rows if r and r[0] == "article_id"), 1,
             "CSV appended by two runs has one header row")
        c.check(len(rows) > 12 and all(len(r) == 11 for r in rows),
                f"CSV rows well formed: {len(rows)}")
        c.check(any(r[4] == "32만 명" for r in rows), "second run's article in the CSV")
        facts_out = os.path.join(tmp, "facts.jsonl")
        p = subprocess.run(crawl_args(base, os.path.join(tmp, "facts.db"), facts_out,
                                      extra=("--facts", "--retries", "0")),
                           capture_output=True, timeout=120)
        lines = records(facts_out)
        c.check(lines and all("article_id" in l and "surface" in l and "facts" not in l
                              for l in lines), f"--facts lines: {len(lines)}")
        import sqlite3
        db = os.path.join(tmp, "crawl.db")
        subprocess.run(crawl_args(base, os.path.join(tmp, "sqlite-state.db"), db,
                                  extra=("-f", "sqlite", "--retries", "0")),
                       capture_output=True, timeout=120)
        con = sqlite3.connect(db)
        n_art = con.execute("select count(*) from articles").fetchone()[0]
        n_fact = con.execute("select count(*) from facts").fetchone()[0]
        con.close()
        c.check(n_art >= 12 and n_fact > n_art, f"crawl -f sqlite: {n_art} articles, {n_fact} facts")
    finally:
        srv.kill()
        srv.wait()


with tempfile.TemporaryDirectory() as tmp:
    main_test(tmp)
    kill_test(tmp)
    formats_test(tmp)
c.done()
