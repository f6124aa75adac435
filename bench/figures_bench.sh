#!/usr/bin/env bash
# bench/figures_bench.sh - throughput of the figure finder (`newsfact facts`).
#
# Builds a Release newsfact in its own build dir, extracts the article texts
# of shared/corpus/ko-news/pages with `newsfact extract`, writes them one
# paragraph per line and repeats them to at least BENCH_MB megabytes (100 by
# default), then times `newsfact facts < big.txt > /dev/null` pinned to one
# core.  Prints MB/s per core and the peak RSS.
#
#   bench/figures_bench.sh            # from the checkout
#   BENCH_MB=20 BUILD=/tmp/build-bench bench/figures_bench.sh
#
# BENCH_CPU picks the core (0 by default); BENCH_CMAKE_ARGS adds cmake
# options.  MB/s per core is reported on CPU time (user + sys) as well as
# wall time: on a shared machine the wall figure includes waiting.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
shared=${NF_SHARED_DIR:-$src/../shared}
build=${BUILD:-$src/build-bench}
work=${WORK:-/tmp/figures-bench}
mb=${BENCH_MB:-100}

cpu=${BENCH_CPU:-0}

# shellcheck disable=SC2086
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release ${BENCH_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)" --target newsfact >/dev/null
nf=$build/newsfact
# The finder alone (no CLI decode or JSON), for comparison.
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_GNU_SOURCE -I"$src" "$src/bench/figures_finder.c" \
	"$build/libnf_extract.a" "$build/libnf_base.a" \
	$(pkg-config --libs libpcre2-8 icu-uc icu-i18n libxml-2.0 libcjson) \
	-lcrypto -o "$build/figures_finder"

mkdir -p "$work"
"$nf" extract "$shared/corpus/ko-news/pages" > "$work/records.jsonl"
python3 - "$work/records.jsonl" "$work/base.txt" <<'PY'
import json, sys
n = 0
with open(sys.argv[1], encoding="utf-8") as f, \
     open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        text = json.loads(line).get("text") or ""
        for para in text.split("\n"):
            para = para.strip()
            if para:
                out.write(para + "\n")
                n += 1
print(f"{n} paragraphs", file=sys.stderr)
PY
base=$(stat -c %s "$work/base.txt")
[ "$base" -gt 0 ] || { echo "no article text extracted" >&2; exit 1; }
reps=$(( (mb * 1000000 + base - 1) / base ))
: > "$work/big.txt"
for _ in $(seq "$reps"); do cat "$work/base.txt"; done > "$work/big.txt"
size=$(stat -c %s "$work/big.txt")
figs=$("$nf" facts < "$work/base.txt" | wc -l)

/usr/bin/time -v -o "$work/time.txt" taskset -c "$cpu" "$nf" facts \
	< "$work/big.txt" > /dev/null
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
python3 - "$size" "$wall" "$user" "$sys" "$rss" "$base" "$figs" "$cpu" <<'PY'
import sys
size, wall, user, sys_t, rss, base, figs, core = sys.argv[1:]
parts = [float(p) for p in wall.split(":")]
secs = 0.0
for p in parts:
    secs = secs * 60 + p
cpu = float(user) + float(sys_t)
mb = int(size) / 1e6
print(f"input: {mb:.1f} MB ({int(base)} bytes of article text repeated; "
      f"{figs} figures per copy)")
print(f"wall {secs:.2f} s, cpu {cpu:.2f} s (taskset -c {core})")
print(f"throughput: {mb / secs:.1f} MB/s per core (wall), "
      f"{mb / cpu:.1f} MB/s (cpu)")
print(f"peak RSS: {int(rss) / 1024:.1f} MiB")
PY
taskset -c "$cpu" "$build/figures_finder" "$work/base.txt" \
	$(( (mb * 1000000 + base - 1) / base / 2 + 1 ))
