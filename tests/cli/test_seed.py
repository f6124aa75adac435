"""The project's first job: the seed article (its whole body scraped twice,
back to back) gives exactly one record with one copy of the body, the
byline's author, and each of its figures exactly once."""
import os

from nftest import Checks, SHARED, records, run, utf8_slice

SEED = os.path.join(SHARED, "seed", "000_ed5d156bdfb86b90.txt")

# surface, value, unit, approx — every one must appear exactly once.
EXPECTED = [
    ("33%", "33", "percent", "exact"),
    ("-0.36", "-0.36", None, "exact"),
    ("13억 달러", "1300000000", "USD", "exact"),
    ("1조9100억원", "1910000000000", "KRW", "about"),
    ("2560명", "2560", "person", "exact"),
    ("2354곳", "2354", "place", "exact"),
    ("81.9%", "81.9", "percent", "exact"),
    ("48개국", "48", "country", "exact"),
    ("10개국", "10", "country", "exact"),
    ("1091억달러", "109100000000", "USD", "exact"),
    ("160조4000억원", "160400000000000", "KRW", "about"),
    ("93억달러", "9300000000", "USD", "exact"),
    ("13조7000억원", "13700000000000", "KRW", "about"),
]


c = Checks("cli_seed")
status, out, err = run("extract", SEED)
c.eq(status, 0, f"exit status (stderr: {err.strip()})")
recs = records(out)
c.eq(len(recs), 1, "one record")
r = recs[0]
text = r["text"]
c.check(r["repeats_removed"] >= 1, f"repeats_removed {r['repeats_removed']}")
c.eq(r["authors"], ["박혜림"], "authors")
c.eq(text.count("한국 인공지능(AI) 기술의 경쟁력이 위태로운 수준이다"), 1,
     "the body once")
c.eq(text.count("해마다 AI인덱스 보고서를 통해"), 1, "the last sentence once")
c.check("[헤럴드경제=박혜림 기자]" not in text, "dateline out of the text")
c.check("사진은 기사 내용과 무관함" not in text, "captions out of the text")

# Values must be written with their exact digits: look at the raw line.
line = out.splitlines()[0]
for surface, value, unit, approx in EXPECTED:
    hits = [f for f in r["facts"] if f["surface"] == surface]
    if not c.eq(len(hits), 1, f"{surface} found once"):
        continue
    f = hits[0]
    c.check(f'"surface":"{surface}","value":{value},' in line,
            f"{surface}: value literal {value} in the JSON line")
    if unit:
        c.eq(f["unit"], unit, f"{surface} unit")
    c.eq(f["approx"], approx, f"{surface} approx")
    c.eq(text[f["start"]:f["end"]], surface, f"{surface} code point span")
    c.eq(utf8_slice(text, f["byte_start"], f["byte_end"]), surface,
         f"{surface} byte span")
    c.check(surface in f["sentence"] and f["sentence"] in text,
            f"{surface} sentence {f['sentence']!r}")

money = [f for f in r["facts"] if f["surface"] == "13억 달러"]
if money:
    c.eq(money[0]["sentence"],
         "지난해 한국은 AI 부문에 13억 달러(한화 약 1조9100억원)를 투자하며 전체 11위를 차지했다.",
         "13억 달러 sentence")

# No figure twice: the same span never appears twice.
spans = [(f["byte_start"], f["byte_end"]) for f in r["facts"]]
c.eq(len(spans), len(set(spans)), "no duplicate spans")
c.check(all(text[f["start"]:f["end"]] == f["surface"] for f in r["facts"]),
        "every fact's span matches its surface")
c.done()
