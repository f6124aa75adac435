"""--state across runs: a Yonhap story and its Naver and Daum copies in one
cluster, a later update linked as a version with the changed figure, a
re-fetch of the same URL with another figure, and two monthly statistics
stories from one template kept apart (tests/data/dedup/)."""
import os
import shutil
import tempfile

from nftest import Checks, TESTS, records, run

c = Checks("cli_state")
data = os.path.join(TESTS, "data", "dedup")
tmp = tempfile.mkdtemp(prefix="nf_state_")
try:
    db = os.path.join(tmp, "state.db")

    def page(name):
        return os.path.join(data, name)

    def by_url(recs):
        return {r["canonical_url"]: r for r in recs}

    status, out, err = run("extract", "--state", db, page("yonhap.html"),
                           page("naver.html"), page("stats-march.html"))
    c.eq(status, 0, f"run 1 exit status ({err.strip()})")
    first = by_url(records(out))
    y = first.get("https://www.yna.co.kr/view/AKR20260405000100053", {})
    n = first.get("https://n.news.naver.com/mnews/article/001/0015300053", {})
    m = first.get("https://econ.example.com/news/20260402-cpi", {})
    c.eq(y.get("duplicate_of"), None, "original: no duplicate_of")
    c.eq(y.get("cluster"), y.get("id"), "original: own cluster")
    c.check("changed_facts" not in y, "no changed_facts without version_of")
    c.eq(n.get("duplicate_of"), y.get("id"), "Naver copy: duplicate_of")
    c.eq(n.get("cluster"), y.get("id"), "Naver copy: cluster")
    c.check(os.path.exists(db), "state file written")

    # Run 2: a re-fetch of the original page with one figure changed.
    refetch = os.path.join(tmp, "yonhap-refetch.html")
    with open(page("yonhap.html"), encoding="utf-8") as f:
        html = f.read()
    with open(refetch, "w", encoding="utf-8") as f:
        f.write(html.replace("진화율은 65%로", "진화율은 70%로"))
    status, out, err = run("extract", "--state", db, page("daum.html"),
                           page("yonhap-update.html"),
                           page("stats-april.html"), refetch)
    c.eq(status, 0, f"run 2 exit status ({err.strip()})")
    recs = records(out)
    second = {os.path.basename(r["source"]["file"]): r for r in recs}
    d = second.get("daum.html", {})
    u = second.get("yonhap-update.html", {})
    a = second.get("stats-april.html", {})
    re_ = second.get("yonhap-refetch.html", {})
    c.eq(d.get("duplicate_of"), y.get("id"), "Daum copy (trimmed lead): duplicate_of")
    c.eq(d.get("cluster"), y.get("id"), "Daum copy: cluster")
    c.eq(u.get("duplicate_of"), None, "update: not a duplicate")
    c.eq(u.get("version_of"), y.get("id"), "update: version_of the original")
    c.eq(u.get("cluster"), y.get("id"), "update: same cluster")
    c.eq(u.get("changed_facts"),
         [{"change": "changed",
           "before": {"surface": "3명", "value": 3, "unit": "person"},
           "after": {"surface": "5명", "value": 5, "unit": "person"}}],
         "update: changed_facts")
    c.eq(a.get("duplicate_of"), None, "April statistics: not a duplicate")
    c.eq(a.get("version_of"), None, "April statistics: not a version")
    c.check(a.get("cluster") not in (None, m.get("cluster")),
            "April statistics: a cluster of its own")
    c.eq(re_.get("id"), y.get("id"), "re-fetch: same id")
    c.eq(re_.get("version_of"), y.get("id"), "re-fetch: version_of (same URL)")
    c.eq(re_.get("changed_facts"),
         [{"change": "changed",
           "before": {"surface": "65%", "value": 65, "unit": "percent"},
           "after": {"surface": "70%", "value": 70, "unit": "percent"}}],
         "re-fetch: changed_facts")

    # Run 3: the same pages again are duplicates of what was seen.
    status, out, err = run("extract", "--state", db, page("naver.html"))
    again = records(out)
    c.eq(status, 0, "run 3 exit status")
    c.eq(again[0].get("duplicate_of") if again else None, y.get("id"),
         "run 3: Naver copy still finds the original")

    # A state that cannot be opened is a setup error.
    bad = os.path.join(tmp, "not-a-db")
    with open(bad, "w") as f:
        f.write("this is not an SQLite database, just text " * 100)
    status, out, err = run("extract", "--state", bad, page("yonhap.html"))
    c.eq(status, 2, "unreadable state: exit 2")
    c.eq(out, "", "unreadable state: no records")
    c.check("state" in err, f"unreadable state named on stderr: {err!r}")
    status, out, err = run("extract", "--state",
                           os.path.join(tmp, "no", "such", "dir.db"),
                           page("yonhap.html"))
    c.eq(status, 2, "state in a missing directory: exit 2")
finally:
    shutil.rmtree(tmp)
c.done()
