"""The README's examples run and print what the README shows.

Convention: an example is a region of README.md between the comments
`<!-- readme-test -->` and `<!-- /readme-test -->` holding a ```sh block
(run by bash with pipefail, `newsfact` on PATH, in a scratch directory
that holds examples/ and archive.warc.gz, a copy of the generated WARC
fixture; the regions run in order and share the directory) and then the
expected stdout in a ```json or ```text block.  json: the block is a
sequence of JSON values (one per line, or pretty-printed) compared as
parsed values; text: lines compared with trailing blanks and CR removed.
A line holding only `…` stands for any number of lines (values).

`python3 tests/cli/test_readme.py --update` rewrites the expected blocks
from the program's output (keeping the head and tail around a `…`)."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from nftest import NEWSFACT, SHARED, Checks

c = Checks("cli_readme")
UPDATE = "--update" in sys.argv
ELLIPSIS = "…"
REGION = re.compile(r"<!-- readme-test -->\n```sh\n(.*?)```\n```(json|text)\n(.*?)```\n"
                    r"<!-- /readme-test -->", re.S)

with open("README.md", encoding="utf-8") as f:
    readme = f.read()


def json_values(text):
    """The JSON values in text, in order."""
    dec, vals, i = json.JSONDecoder(), [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return vals
        v, i = dec.raw_decode(text, i)
        vals.append(v)


ANY = object()  # what a `…` line stands for


def items(text, kind):
    """Output as a list of comparable items; in expected output the `…`
    lines become ANY."""
    out = []
    for part in re.split(rf"^{ELLIPSIS}\n?", text, flags=re.M):
        if kind == "json":
            out.extend(json_values(part))
        else:
            out.extend(l.rstrip("\r \t") for l in part.splitlines())
        out.append(ANY)
    return out[:-1]


def matches(pattern, got):
    """Whether got matches pattern, an item list with ANY wildcards."""
    if not pattern:
        return not got
    if pattern[0] is ANY:
        return any(matches(pattern[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and pattern[0] == got[0] and matches(pattern[1:], got[1:])


def render(vals, kind, pretty):
    if kind == "text":
        return "".join(v + "\n" for v in vals)
    if pretty:
        return "".join(json.dumps(v, ensure_ascii=False, indent=2) + "\n" for v in vals)
    return "".join(json.dumps(v, ensure_ascii=False, separators=(",", ":")) + "\n" for v in vals)


regions = list(REGION.finditer(readme))
c.check(len(regions) >= 8, f"README regions: {len(regions)}")
c.eq(readme.count("<!-- readme-test -->"), len(regions), "every readme-test region is well formed")
c.check("EXAMPLES_PLACEHOLDER" not in readme, "no placeholder left")

scratch = tempfile.mkdtemp(prefix="nf_readme_")
new_readme, last = [], 0
try:
    os.symlink(os.path.abspath("examples"), os.path.join(scratch, "examples"))
    warc = sorted(glob.glob(os.path.join(SHARED, "corpus", "warc", "generated", "*.warc.gz")))
    shutil.copy(warc[0], os.path.join(scratch, "archive.warc.gz"))
    env = dict(os.environ, PATH=os.path.dirname(os.path.abspath(NEWSFACT)) + os.pathsep
               + os.environ["PATH"], LC_ALL="C.UTF-8")
    for m in regions:
        script, kind, expected = m.group(1), m.group(2), m.group(3)
        first = script.strip().splitlines()[0]
        p = subprocess.run(["bash", "-o", "pipefail", "-c", script], cwd=scratch, env=env,
                           capture_output=True, timeout=300)
        out = p.stdout.decode("utf-8")
        c.eq(p.returncode, 0, f"`{first}` exit status (stderr: {p.stderr.decode(errors='replace')})")
        try:
            got = items(out, kind)  # program output never holds a lone `…` line
        except ValueError as e:
            c.check(False, f"`{first}` output is not JSON: {e}")
            continue
        want = items(expected, kind)
        ok = matches(want, got)
        if not ok:
            print(f"--- README shows for `{first}`:\n{expected}--- the program printed:\n{out}",
                  file=sys.stderr)
        c.check(ok, f"`{first}` prints what the README shows")
        if UPDATE and not ok:
            pretty = kind == "json" and "\n  " in expected
            if any(v is ANY for v in want):
                head = next(i for i, v in enumerate(want) if v is ANY)
                tail = len(want) - 1 - max(i for i, v in enumerate(want) if v is ANY)
                text = (render(got[:head], kind, pretty) + ELLIPSIS + "\n"
                        + render(got[len(got) - tail:] if tail else [], kind, pretty))
            else:
                text = render(got, kind, pretty)
            new_readme.append(readme[last:m.start(3)] + text)
            last = m.end(3)
finally:
    shutil.rmtree(scratch)
if UPDATE and new_readme:
    with open("README.md", "w", encoding="utf-8") as f:
        f.write("".join(new_readme) + readme[last:])
    print("README.md updated", file=sys.stderr)

# What the README promises elsewhere.
quick = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
c.eq([l.split()[0] for l in quick.splitlines() if l.strip()],
     ["scripts/quickstart.sh", "scripts/test.sh"], "the quick start is two commands")
for link in re.findall(r"\]\(((?:docs|examples)/[^)#]+)\)", readme):
    if link != "docs/CRAWLING.md":  # written by the crawl work
        c.check(os.path.exists(link), f"README link {link} exists")
c.done()
