"""`newsfact facts`: arguments or stdin lines in, one JSON line per figure
with `input` numbering and exact value literals."""
import json

from nftest import Checks, run

c = Checks("cli_facts")
status, out, err = run("facts", "매출 3조 2천억 원을 기록했다", "실업률은 3.1%로 집계됐다",
                       "숫자가 없는 문장이다")
c.eq(status, 0, f"exit status: {err}")
lines = out.splitlines()
facts = [json.loads(l) for l in lines]
c.eq([(f["input"], f["surface"]) for f in facts],
     [(1, "3조 2천억 원"), (2, "3.1%")], "facts and inputs")
c.check('"value":3200000000000' in lines[0], f"exact literal: {lines[0]}")
c.eq(facts[0]["unit"], "KRW", "unit")
c.eq((facts[0]["start"], facts[0]["end"]), (3, 11), "code point span")

status, out, err = run("facts", stdin="1경3,000조원이다\n\n관객 1만2천여 명이 찾았다\n".encode())
lines = out.splitlines()
facts = [json.loads(l) for l in lines]
c.eq([(f["input"], f["surface"]) for f in facts],
     [(1, "1경3,000조원"), (3, "1만2천여 명")], "stdin lines")
c.check('"value":13000000000000000' in lines[0], f"past 2^53 exact: {lines[0]}")
c.eq(facts[1]["approx"], "over", "여 is over")

status, out, err = run("facts", stdin=b"\xc3\x28 50% \xff\n")
c.eq(status, 0, "invalid UTF-8 on stdin still works")
c.eq([json.loads(l)["surface"] for l in out.splitlines()], ["50%"], "figure beside bad bytes")
c.done()
