#!/usr/bin/env bash
# Quick start: install what is missing, build, and run newsfact on the
# bundled samples in examples/ (Korean pages and the seed text), printing
# the records and a short summary.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target newsfact >/dev/null

out=$(mktemp)
trap 'rm -f "$out"' EXIT
build/newsfact extract -v examples/ >"$out" || true
cat "$out"
echo
echo "== summary =="
python3 - "$out" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    print(f"{r['source']['file']}: {r['title']!r} by {', '.join(r['authors']) or '-'}"
          f" ({r['site_name'] or '-'}, {r['published'] or 'no date'}):"
          f" {len(r['text'])} chars, {len(r['facts'])} figures,"
          f" {r['repeats_removed']} repeat(s) removed")
    for f in r["facts"][:6]:
        v = f.get("value", f"{f.get('range_low')}..{f.get('range_high')}")
        print(f"    {f['surface']:<16} = {v} {f['unit']} ({f['approx']})")
    if len(r["facts"]) > 6:
        print(f"    ... and {len(r['facts']) - 6} more")
PY
