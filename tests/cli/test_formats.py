"""The output formats carry the same facts: JSON Lines records, --facts
lines, CSV (read back with Python's csv module, every field unchanged) and
SQLite (appending a second run neither duplicates nor loses articles)."""
import csv
import io
import json
import os
import shutil
import sqlite3
import tempfile

from nftest import Checks, records, run

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
finally:
    shutil.rmtree(tmp)
c.done()
