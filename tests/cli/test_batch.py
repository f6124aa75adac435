"""Batches with bad inputs: every bad input gets one clear stderr line
naming it, never a crash; the good inputs of the same run are still
written; the exit status says some failed."""
import gzip
import os
import random
import shutil
import tempfile

from nftest import Checks, SHARED, records, run

c = Checks("cli_batch")
tmp = tempfile.mkdtemp(prefix="nf_batch_")
try:
    good = os.path.join(tmp, "good.html")
    with open(good, "w", encoding="utf-8") as f:
        f.write("<html><head><title>가상시 예산 3조원 - 가상일보</title></head><body>"
                "<article><p>가상시의 내년 예산이 3조원으로 확정됐다. "
                "복지 예산은 12.5% 늘었다.</p></article></body></html>")
    empty = os.path.join(tmp, "empty.html")
    open(empty, "wb").close()
    rnd = os.path.join(tmp, "random.html")
    rng = random.Random(7)
    with open(rnd, "wb") as f:
        f.write(bytes(rng.randrange(256) for _ in range(200000)))
    bad_utf8 = os.path.join(tmp, "invalid-utf8.html")
    with open(bad_utf8, "wb") as f:
        f.write("<meta charset=utf-8><p>가상시 인구 120만명".encode() +
                b"\xff\xfe\xc3\x28\xed\xa0\x80" +
                "이 넘었다.</p>".encode())
    deep = os.path.join(tmp, "deep.html")
    with open(deep, "w") as f:
        f.write("<div>" * 100000 + "<p>깊은 문서 2%</p>" + "</div>" * 100000)
    big = os.path.join(tmp, "big.html")
    para = "<p>가상시는 올해 예산 4조2500억원 가운데 1조원을 복지에 쓴다고 밝혔다.</p>\n"
    with open(big, "w", encoding="utf-8") as f:
        f.write("<html><body><article>")
        n = 0
        while n < 50 * 1000 * 1000:
            f.write(para)
            n += len(para.encode())
        f.write("</article></body></html>")
    gz = os.path.join(tmp, "good2.html.gz")
    with gzip.open(gz, "wt", encoding="utf-8") as f:
        f.write("<html><body><article><p>수출이 4.5% 줄었다.</p></article></body></html>")
    missing = os.path.join(tmp, "missing.html")

    inputs = [empty, good, rnd, bad_utf8, missing, deep, gz, big]
    status, out, err = run("extract", *inputs, timeout=600)
    recs = records(out)
    files = [r["source"]["file"] for r in recs]
    c.eq(status, 1, "exit 1 when some inputs failed")
    for ok in (good, gz, rnd, bad_utf8, deep):
        c.check(ok in files, f"record written for {os.path.basename(ok)}")
    errlines = [l for l in err.splitlines() if l.strip()]
    c.check(any(l.startswith(f"newsfact: {missing}: read: open: No such file")
                for l in errlines),
            f"missing file named on stderr: {errlines}")
    c.check(any(l.startswith(f"newsfact: {empty}: read: empty input") for l in errlines),
            f"empty file named on stderr: {errlines}")
    # The 50 MB page holds 1.6 million figures: past the per-document cap
    # it is one clear error, not a crash or an unbounded allocation.
    c.check(big in files or
            f"newsfact: {big}: figures: more than 100000 figures" in errlines,
            f"50 MB page: a record or a clear error: {errlines}")
    c.eq(len(errlines), 2 + (big not in files), f"one line per failed input: {errlines}")
    for r in recs:
        c.check(isinstance(r["text"], str), "text is a string")
    g = next((r for r in recs if r["source"]["file"] == good), None)
    if c.check(g is not None, "good record"):
        c.eq([f["surface"] for f in g["facts"]], ["3조원", "12.5%"], "good facts")
        c.eq(g["title"], "가상시 예산 3조원", "good title")
    b = next((r for r in recs if r["source"]["file"] == bad_utf8), None)
    if c.check(b is not None, "invalid UTF-8 record"):
        c.check("\ufffd" in b["text"] and "120만명" in b["text"],
                f"invalid bytes become U+FFFD: {b['text']!r}")
    # A 50 MB page with a few figures gives a record.
    big2 = os.path.join(tmp, "big-prose.html")
    prose = "<p>가상시는 올해도 시민과 함께 여러 사업을 차근차근 추진하겠다고 밝혔다.</p>\n"
    with open(big2, "w", encoding="utf-8") as f:
        f.write("<html><body><article><p>예산은 4조2500억원이다.</p>")
        n = 0
        while n < 50 * 1000 * 1000:
            f.write(prose)
            n += len(prose.encode())
        f.write("</article></body></html>")
    status, out, err = run("extract", big2, timeout=600)
    c.eq(status, 0, f"50 MB prose page exit status: {err}")
    recs2 = records(out)
    if c.eq(len(recs2), 1, "50 MB prose page: one record"):
        c.eq([f["surface"] for f in recs2[0]["facts"]], ["4조2500억원"],
             "50 MB prose page facts")

    # A whole directory, in sorted order, skipping other files.
    d = os.path.join(tmp, "dir")
    os.makedirs(os.path.join(d, "sub"))
    shutil.copy(good, os.path.join(d, "b.html"))
    shutil.copy(gz, os.path.join(d, "sub", "c.html.gz"))
    with open(os.path.join(d, "notes.json"), "w") as f:
        f.write("{}")
    status, out, err = run("extract", d)
    c.eq(status, 0, f"directory exit status: {err}")
    c.eq([os.path.basename(r["source"]["file"]) for r in records(out)],
         ["b.html", "c.html.gz"], "directory walk")

    # stdin with --url: the URL names the record and its id.
    with open(good, "rb") as f:
        data = f.read()
    status, out, err = run("extract", "--url",
                           "https://News.Example.com/a/1?utm_source=x", "-",
                           stdin=data)
    c.eq(status, 0, "stdin exit status")
    r = records(out)[0]
    c.eq(r["url"], "https://News.Example.com/a/1?utm_source=x", "url as given")
    c.eq(r["canonical_url"], "https://news.example.com/a/1", "canonical url")
    import hashlib
    c.eq(r["id"], hashlib.sha256(b"https://news.example.com/a/1").hexdigest()[:16],
         "id from the canonical URL")

    # Usage errors exit 2.
    status, out, err = run("extract")
    c.eq(status, 2, "no input is a usage error")
    status, out, err = run("extract", "--format", "yaml", good)
    c.eq(status, 2, "unknown format is a usage error")
    status, out, err = run("frobnicate")
    c.eq(status, 2, "unknown command")
    status, out, err = run("--version")
    c.check(status == 0 and "libxml2" in out and "ICU" in out and "PCRE2" in out
            and "libcurl" in out and "SQLite" in out, f"--version: {out}")
finally:
    shutil.rmtree(tmp)
c.done()
