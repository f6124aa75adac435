"""The output formats carry the same facts: JSON Lines records, --facts
lines, CSV (read back with Python's csv module, every field unchanged) and
SQLite (appending a second run neither duplicates nor loses articles)."""
import csv
import glob
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile

from nftest import SHARED, Checks, records, run

c = Checks("cli_formats")
inputs = ["examples/"]
status, out, err = run("extract", *inputs)
c.eq(status, 0, f"jsonl exit status: {err}")
recs = records(out)
c.check(len(recs) >= 4, f"records: {len(recs)}")
facts = [(r["id"], f) for r in recs for f in r["facts"]]
c.check(len(facts) >= 20, f"facts: {len(facts)}")


def raw_values(line):
    """Value literals exactly as written in a JSON line, in order."""
    vals = []
    dec = json.JSONDecoder(parse_float=str, parse_int=str)
    obj = dec.decode(line)
    for f in obj.get("facts", [obj]):
        vals.append(f.get("value"))
    return vals


jsonl_values = [v for line in out.splitlines() for v in raw_values(line)]

# --facts: one line per fact, same facts in the same order.
status, out2, err = run("extract", "--facts", *inputs)
c.eq(status, 0, "--facts exit status")
flines = out2.splitlines()
c.eq(len(flines), len(facts), "--facts line count")
fobjs = [json.loads(l) for l in flines]
c.eq([(f["article_id"], f["surface"]) for f in fobjs],
     [(rid, f["surface"]) for rid, f in facts], "--facts order and surfaces")
c.eq([v for l in flines for v in raw_values(l)], jsonl_values,
     "--facts value literals")
c.check(all("title" in f and "url" in f and "published" in f for f in fobjs),
        "--facts carries article fields")

# CSV: RFC 4180; Python's csv module reads back every field unchanged.
status, out3, err = run("extract", "-f", "csv", *inputs)
c.eq(status, 0, "csv exit status")
c.check("\r\n" in out3, "CRLF line ends")
rows = list(csv.reader(io.StringIO(out3, newline="")))
c.eq(rows[0], ["article_id", "url", "title", "published", "surface", "value",
               "unit", "approx", "range_low", "range_high", "sentence"], "csv header")
rows = rows[1:]
c.eq(len(rows), len(facts), "csv row count")
byid = {r["id"]: r for r in recs}
for row, (rid, f) in zip(rows, facts):
    r = byid[rid]
    want = [rid, r["url"] or "", r["title"] or "", r["published"] or "",
            f["surface"], "" if "value" not in f else None, f["unit"] or "",
            f["approx"], None, None, f["sentence"]]
    ok = (row[0] == want[0] and row[1] == want[1] and row[2] == want[2]
          and row[3] == want[3] and row[4] == want[4] and row[6] == want[6]
          and row[7] == want[7] and row[10] == want[10])
    c.check(ok, f"csv row matches record: {row}")
c.eq([row[5] or None for row in rows], jsonl_values, "csv values are the exact literals")

tmp = tempfile.mkdtemp(prefix="nf_formats_")
try:
    # A sentence with commas, quotes and a newline survives CSV.
    page = os.path.join(tmp, "quote.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write('<html><body><article><p>그는 "매출이 3조원, 이익이 2천억원"이라며\n'
                '웃었다.</p></article></body></html>')
    status, out4, err = run("extract", "-f", "csv", page)
    rows = list(csv.reader(io.StringIO(out4, newline="")))[1:]
    c.eq([r[4] for r in rows], ["3조원", "2천억원"], "csv quoted surfaces")
    c.check(all('"' in r[10] and "," in r[10] for r in rows),
            f"csv sentence with quotes and commas: {rows}")

    db = os.path.join(tmp, "news.db")
    status, _, err = run("extract", "-f", "sqlite", "-o", db, *inputs)
    c.eq(status, 0, f"sqlite exit status: {err}")
    status, _, err = run("extract", "-f", "sqlite", "-o", db, *inputs, page)
    c.eq(status, 0, "sqlite append exit status")
    con = sqlite3.connect(db)
    n_art = con.execute("select count(*) from articles").fetchone()[0]
    c.eq(n_art, len(recs) + 1, "append: no duplicates, nothing lost")
    n_facts = con.execute("select count(*) from facts").fetchone()[0]
    c.eq(n_facts, len(facts) + 2, "facts rows")
    dbvals = [v for (v,) in con.execute(
        "select f.value from facts f join articles a on a.id = f.article_id "
        "where a.source_file != ? order by a.rowid, f.seq", (page,))]
    c.eq(dbvals, jsonl_values, "sqlite values are the exact literals")
    idx = {r[0] for r in con.execute("select name from sqlite_master where type='index'")}
    c.check({"facts_article_id", "facts_unit", "articles_published"} <= idx,
            f"indexes: {idx}")
    con.close()
    status, _, err = run("extract", "-f", "sqlite", *inputs)
    c.eq(status, 2, "sqlite without -o is a usage error")

    # Field by field: the same records through JSON Lines, CSV and SQLite,
    # over pages with ranges, bands, chains and rates and a WARC file.
    ranged = os.path.join(tmp, "ranged.html")
    with open(ranged, "w", encoding="utf-8") as f:
        f.write("<html><head><title>가상시, 청년 1인당 45만원 지원</title></head><body><article>"
                "<p>가상시는 청년 1만~2만명에게 1인당 45만원을 지원한다. 대상은 20대와 30%대 "
                "소득 구간이며, 예산은 수백억원 규모다.</p><p>지원 순위는 6위→9위→11위로 "
                "바뀌었고, 경쟁률은 약 3.5대 1이었다.</p></article></body></html>")
    warc = sorted(glob.glob(os.path.join(SHARED, "corpus", "warc", "generated", "*.warc.gz")))
    every = ["examples/", ranged, *warc]
    status, jout, err = run("extract", *every)
    c.eq(status, 0, f"round trip: jsonl exit status: {err}")
    exact = json.JSONDecoder(parse_int=str, parse_float=str)
    jrecs = [exact.decode(l) for l in jout.splitlines()]
    jfacts = [(r, f) for r in jrecs for f in r["facts"]]
    c.check({"range", "band", "several"} <= {f["approx"] for _, f in jfacts},
            "round trip covers ranges, bands and several")
    c.check(any("chain" in f for _, f in jfacts) and any("per" in f for _, f in jfacts),
            "round trip covers chain and per")
    c.check(any(r["source"]["warc_record_id"] for r in jrecs), "round trip covers WARC sources")

    def lit(v):
        """A JSON value as CSV/SQLite text: "" for null or absent."""
        return "" if v is None else str(v)

    status, cout, err = run("extract", "-f", "csv", *every)
    rows = list(csv.reader(io.StringIO(cout, newline="")))
    header, rows = rows[0], rows[1:]
    c.eq(len(rows), len(jfacts), "round trip: one CSV row per fact")
    for row, (r, f) in zip(rows, jfacts):
        want = {"article_id": r["id"], "url": r["url"], "title": r["title"],
                "published": r["published"], "surface": f["surface"],
                "value": f.get("value"), "unit": f["unit"], "approx": f["approx"],
                "range_low": f.get("range_low"), "range_high": f.get("range_high"),
                "sentence": f["sentence"]}
        got = dict(zip(header, row))
        bad = {k: (got[k], lit(v)) for k, v in want.items() if got[k] != lit(v)}
        c.check(not bad, f"CSV row of {f['surface']!r} equals the record: {bad}")

    db2 = os.path.join(tmp, "roundtrip.db")
    status, _, err = run("extract", "-f", "sqlite", "-o", db2, *every)
    c.eq(status, 0, f"round trip: sqlite exit status: {err}")
    con = sqlite3.connect(db2)
    con.row_factory = sqlite3.Row
    arts = {a["id"]: a for a in con.execute("select * from articles")}
    c.eq(len(arts), len({r["id"] for r in jrecs}), "round trip: one articles row per id")
    for r in jrecs:
        a = arts.get(r["id"])
        if not c.check(a is not None, f"article {r['id']} in sqlite"):
            continue
        for k in ("url", "canonical_url", "site_name", "title", "published", "modified",
                  "section", "lang", "charset", "text", "fingerprint", "duplicate_of",
                  "cluster", "version_of", "fetched_at"):
            c.eq(lit(a[k]), lit(r[k]), f"articles.{k} of {r['id']}")
        c.eq(json.loads(a["authors"]), r["authors"], f"articles.authors of {r['id']}")
        c.eq(json.loads(a["captions"]), r["captions"], f"articles.captions of {r['id']}")
        c.eq(str(a["repeats_removed"]), r["repeats_removed"], f"articles.repeats_removed")
        c.eq((lit(a["source_file"]), lit(a["source_warc_record_id"]), lit(a["source_offset"])),
             (lit(r["source"]["file"]), lit(r["source"]["warc_record_id"]),
              lit(r["source"]["offset"])), f"articles.source_* of {r['id']}")
        dbf = list(con.execute("select * from facts where article_id = ? order by seq",
                               (r["id"],)))
        c.eq(len(dbf), len(r["facts"]), f"facts rows of {r['id']}")
        for i, (row, f) in enumerate(zip(dbf, r["facts"])):
            c.eq(row["seq"], i, "facts.seq is the position")
            for k in ("surface", "value", "unit", "approx", "range_low", "range_high",
                      "chain", "per", "start", "end", "byte_start", "byte_end", "sentence"):
                c.eq(lit(row[k]), lit(f.get(k)), f"facts.{k} of {f['surface']!r}")
            if isinstance(f.get("value"), str) and re.fullmatch(r"-?[0-9.]+", f["value"]) \
                    and f["unit"] not in ("date", "fraction"):
                c.eq(row["value_real"], float(f["value"]), f"facts.value_real of {f['surface']!r}")
    con.close()
finally:
    shutil.rmtree(tmp)
c.done()
