#!/usr/bin/env bash
# bench/normalize_bench.sh - the normalizer at scale: BENCH_N generated
# articles (200,000 by default; bench/normalize_gen.py, not the real corpus)
# through the figure finder and nf_record_build() with a --state file.
# Prints articles per second for each window of 10,000 (first and last are
# what docs/BENCHMARKS.md reports), duplicates and versions found, the state
# file size and the peak RSS (/usr/bin/time -v).
#
#   bench/normalize_bench.sh
#   BENCH_N=20000 BUILD=/tmp/build-bench bench/normalize_bench.sh
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$src/build-bench}
work=${WORK:-/tmp/normalize-bench}
n=${BENCH_N:-200000}

# shellcheck disable=SC2086
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release ${BENCH_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)" --target nf_normalize nf_extract nf_base >/dev/null

mkdir -p "$work"
if [ ! -s "$work/articles-$n.tsv" ]; then
	python3 "$src/bench/normalize_gen.py" "$n" "$work/articles-$n.tsv"
fi
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_GNU_SOURCE -I"$src" -o "$work/normalize_bench" \
	"$src/bench/normalize_bench.c" \
	"$build/libnf_normalize.a" "$build/libnf_extract.a" "$build/libnf_base.a" \
	$(pkg-config --libs sqlite3 icu-uc icu-i18n libpcre2-8 libxml-2.0 libcjson libcrypto zlib)

rm -f "$work/state.db" "$work/state.db-wal" "$work/state.db-shm"
/usr/bin/time -v -o "$work/time.txt" "$work/normalize_bench" \
	"$work/articles-$n.tsv" "$work/state.db" | tee "$work/out.txt"
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
echo "peak RSS: $((rss / 1024)) MB"
echo "articles file: $(( $(stat -c %s "$work/articles-$n.tsv") / 1000000 )) MB"
