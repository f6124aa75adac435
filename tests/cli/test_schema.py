"""Every JSON line newsfact writes in the test suite's inputs validates
against docs/record.schema.json: article records (examples/, the seed, the
article golden pages, a WARC file), --facts lines and `newsfact facts`
lines over every text of the figure tables.  Beyond the schema: number
literals carry exact digits (no exponent, no trailing zeros) and every
span indexes its text."""
import glob
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:  # Debian's python3-jsonschema (scripts/deps.sh) under another python3
    sys.path.append("/usr/lib/python3/dist-packages")
    import jsonschema

from nftest import Checks, SHARED, TESTS, run, utf8_slice

c = Checks("cli_schema")
with open("docs/record.schema.json", encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)


def validator(name):
    """A validator for one of the schema's $defs (None: the article)."""
    s = schema if name is None else {"$defs": schema["$defs"],
                                     "$ref": f"#/$defs/{name}"}
    return jsonschema.Draft202012Validator(s)


ARTICLE, FACT_LINE, TEXT_FACT = validator(None), validator("fact_line"), validator("text_fact")
EXACT = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$")
literal = json.JSONDecoder(parse_int=str, parse_float=str)


def validate(v, line, what):
    errors = sorted(v.iter_errors(json.loads(line)), key=lambda e: list(e.path))
    c.check(not errors, f"{what}: " + "; ".join(
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:3]))


def check_literals(fact, what):
    for key in ("value", "range_low", "range_high"):
        v = fact.get(key)
        if v is not None and not (key == "value" and fact["unit"] in ("date", "fraction")):
            c.check(EXACT.match(v), f"{what}: {key} literal {v!r}")


def check_spans(fact, text, what):
    c.eq(text[fact["start"]:fact["end"]], fact["surface"], f"{what}: code point span")
    c.eq(utf8_slice(text, fact["byte_start"], fact["byte_end"]), fact["surface"],
         f"{what}: byte span")
    c.check(fact["surface"] in fact["sentence"] and fact["sentence"] in text,
            f"{what}: sentence holds the surface and is in the text")


def extract(*args):
    status, out, err = run("extract", *args)
    c.eq(status, 0, f"extract {' '.join(args)}: {err.strip()}")
    return out.splitlines()


inputs = {
    "examples": ["examples/"],
    "seed": [os.path.join(SHARED, "seed")],
    "golden pages": sorted(glob.glob(os.path.join(TESTS, "data", "article", "*.html"))),
    # Copies and an updated version of one story: duplicate_of, version_of.
    "dedup pages": sorted(glob.glob(os.path.join(TESTS, "data", "dedup", "*.html"))),
    "warc": sorted(glob.glob(os.path.join(SHARED, "corpus", "warc", "generated", "*.warc.gz"))),
}
n_records = n_facts = 0
for name, paths in inputs.items():
    c.check(paths, f"{name}: inputs exist")
    lines = extract(*paths)
    c.check(lines, f"{name}: records written")
    texts = {}
    for i, line in enumerate(lines):
        what = f"{name} record {i + 1}"
        validate(ARTICLE, line, what)
        rec, exact = json.loads(line), literal.decode(line)
        texts[rec["id"]] = rec["text"]
        for j, (f, fx) in enumerate(zip(rec["facts"], exact["facts"])):
            check_literals(fx, f"{what} fact {j + 1}")
            check_spans(f, rec["text"], f"{what} fact {j + 1}")
        n_records += 1
    flines = extract("--facts", *paths)
    for i, line in enumerate(flines):
        what = f"{name} --facts line {i + 1}"
        validate(FACT_LINE, line, what)
        f = json.loads(line)
        check_literals(literal.decode(line), what)
        if c.check(f["article_id"] in texts, f"{what}: article_id names a record"):
            check_spans(f, texts[f["article_id"]], what)
        n_facts += 1
    if name == "warc":
        recs = [json.loads(l) for l in lines]
        c.check(all(r["source"]["warc_record_id"] and r["source"]["offset"] is not None
                    for r in recs), "warc: records carry their WARC record id and offset")

# `newsfact facts` over every text of the figure tables.
texts = []
for tsv in sorted(glob.glob(os.path.join(TESTS, "data", "figures", "*.tsv"))):
    with open(tsv, encoding="utf-8") as f:
        for row in f:
            if row.startswith("#") or row.startswith("text\t") or not row.strip():
                continue
            t = row.rstrip("\r\n").split("\t")[0]
            if t not in texts:
                texts.append(t)
c.check(len(texts) > 100, f"figure table texts: {len(texts)}")
status, out, err = run("facts", stdin=("\n".join(texts) + "\n").encode())
c.eq(status, 0, f"facts exit status: {err.strip()}")
seen = set()
for i, line in enumerate(out.splitlines()):
    what = f"facts line {i + 1}"
    validate(TEXT_FACT, line, what)
    f = json.loads(line)
    check_literals(literal.decode(line), what)
    check_spans(f, texts[f["input"] - 1], what)
    seen.add(f["approx"])
    n_facts += 1
c.check({"exact", "about", "range", "band", "several"} <= seen,
        f"the tables exercise the approx forms: {sorted(seen)}")

# The schema rejects what RECORDS.md forbids.
bad = json.loads(extract("examples/pages/yonhap-style.html")[0])
c.check(ARTICLE.is_valid(bad), "a real record is valid")
for mutate, what in [
    (lambda r: r.pop("facts"), "missing facts"),
    (lambda r: r.update(id="XYZ"), "malformed id"),
    (lambda r: r.update(extra=1), "unknown field"),
    (lambda r: r["facts"][0].pop("value"), "exact figure without value"),
    (lambda r: r["facts"][0].update(approx="roughly"), "unknown approx"),
    (lambda r: r.update(published="2026-03-12 09:12"), "timestamp without offset"),
]:
    r = json.loads(json.dumps(bad))
    mutate(r)
    c.check(not ARTICLE.is_valid(r), f"schema rejects {what}")
print(f"validated {n_records} records and {n_facts} fact lines")
c.done()
