"""The bundled examples (what the quick start runs) come out right:
metadata, clean text, captions, hidden print copies, EUC-KR bytes."""
import json

from nftest import Checks, run

c = Checks("cli_examples")
status, out, err = run("extract", "examples/")
c.eq(status, 0, f"exit status: {err}")
# Numbers kept as their literal digits, to compare exactly.
exact = json.JSONDecoder(parse_int=str, parse_float=str)
recs = {r["source"]["file"].split("/")[-1]: r
        for r in (exact.decode(l) for l in out.splitlines())}
c.eq(sorted(recs), ["000_ed5d156bdfb86b90.txt", "legacy-euckr.html",
                    "naver-style.html", "print-copy.html", "yonhap-style.html"],
     "one record per example")


def facts(r):
    return [(f["surface"], f.get("value", (f.get("range_low"), f.get("range_high"))),
             f["unit"], f["approx"]) for f in r["facts"]]


r = recs["yonhap-style.html"]
c.eq(r["title"], "가상시 지난해 수출 4조2500억원…역대 최대", "yonhap title")
c.eq(r["authors"], ["김가상"], "yonhap authors")
c.eq(r["site_name"], "가상통신", "yonhap site")
c.eq(r["published"], "2026-03-12T09:12:00+09:00", "yonhap published")
c.eq(r["section"], "경제", "yonhap section")
c.eq(r["canonical_url"], "https://news.example.com/view/AKR20260312000100001",
     "canonical URL without the input= tracking parameter")
c.eq(r["captions"], ["가상시 항만 전경 [가상시 제공]"], "yonhap captions")
c.check(r["text"].startswith("가상시의 지난해 수출액이"), "wire lead stripped")
for junk in ("김가상 기자", "저작권자", "관련기사", "많이 본 뉴스", "kim@example.com", "광고", "02-123-4567"):
    c.check(junk not in r["text"], f"yonhap text free of {junk!r}")
c.check(("4조2500억원", "4250000000000", "KRW", "exact") in facts(r), "4조2500억원")
c.check(("7천8백만 달러", "78000000", "USD", "exact") in facts(r), "7천8백만 달러")
c.check(("5조원", "5000000000000", "KRW", "about") in facts(r), "5조원 안팎")
chain = [(f["surface"], f.get("chain")) for f in r["facts"] if f["unit"] == "rank"]
c.eq(chain, [("6위", "A:1"), ("9위", "A:2"), ("11위", "A:3")], "rank chain")

r = recs["naver-style.html"]
c.eq(r["site_name"], "가상일보", "portal page: the publisher, not the portal")
c.eq(r["authors"], ["이서연"], "naver authors")
c.eq(r["published"], "2026-03-14T09:12:41+09:00", "data-date-time")
c.eq(r["modified"], "2026-03-14T11:02:10+09:00", "data-modify-date-time")
c.eq(r["captions"], ["가상도청 전경 /사진=가상일보 DB"], "naver caption")
c.eq(r["text"].count("\n\n"), 2, "three <br><br> paragraphs")
c.check("seoyeon@example.com" not in r["text"] and "댓글" not in r["text"],
        "naver text free of byline and comments")
per = [f for f in r["facts"] if f["surface"] == "45만원"]
c.check(per and per[0].get("per") == "person", "1인당 45만원 per person")
c.check(("3시간 15분", "195", "minute", "exact") in facts(r), "compound duration")
c.check(("0.5%p", "0.5", "percent_point", "exact") in facts(r), "%p")

r = recs["legacy-euckr.html"]
c.eq(r["charset"], "windows-949", "EUC-KR label decoded as Windows-949")
c.eq(r["title"], "똠방골 농가 소득 3천만원대 회복", "legacy title: the headline, no site prefix")
c.eq(r["authors"], ["박가상"], "legacy author")
c.eq(r["published"], "2009-05-21T14:30:00+09:00", "visible 입력 stamp, +09:00")
c.check(r["text"].startswith("가상군 똠방골"), f"legacy text starts with the body: {r['text'][:40]!r}")
c.check("입력" not in r["text"] and "Copyright" not in r["text"] and "지역" not in r["text"],
        "legacy text free of stamp, copyright and menu")
c.check(("3천만원대", ("30000000", "40000000"), "KRW", "band") in facts(r), "band")
c.eq(sum(1 for f in r["facts"] if f["surface"] == "3천만원대"), 1, "band once")
c.check(("20~30%", ("20", "30"), "percent", "range") in facts(r), "range")

r = recs["print-copy.html"]
c.eq(r["repeats_removed"], "1", "hidden print copy counted as a removed copy")
c.eq(r["text"].count("소비자물가가 1년 전보다"), 1, "the body once")
c.eq([f["surface"] for f in r["facts"]].count("2.1%"), 1, "no figure twice")
c.eq(r["canonical_url"], "https://www.example.net/news/20260203/inflation.html",
     "rel=canonical without utm_source")

r = recs["000_ed5d156bdfb86b90.txt"]
c.eq(r["title"], "한국서 못 살겠다, 우르르 ‘이탈’…이러다 망한다", "seed title")
c.eq(r["site_name"], "헤럴드경제", "seed site")
c.check(int(r["repeats_removed"]) >= 1, "seed repeats removed")
c.done()
