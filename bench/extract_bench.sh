#!/bin/sh
# Article extraction: quality on the annotated corpora and speed beside
# readability-lxml, Readability.js and a bare libxml2 parse.
#
#   bench/extract_bench.sh [--no-peers] [--reps N] [--only aeb|ko|rd|speed]
#
# Needs ../shared (or NF_SHARED_DIR); for the peers:
#   apt-get install -y python3-readability
#   cp -r ../shared/peers /tmp/peers && (cd /tmp/peers && npm ci)
# Builds Release into build-bench/ (or $NF_BENCH_BUILD).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NF_BENCH_BUILD:-$root/build-bench}
: "${NF_SHARED_DIR:=$root/../shared}"
export NF_SHARED_DIR

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target newsfact -j"$(nproc)" >/dev/null
# The floor: the same compiler flags as a Release newsfact.
cc -std=c11 -O3 -DNDEBUG -Wall -Wextra -Werror -I"$root" $(pkg-config --cflags libxml-2.0) \
	-o "$build/bare_parse" "$root/bench/bare_parse.c" "$build/libnf_base.a" \
	$(pkg-config --libs libxml-2.0) -lz -lcrypto
# The extraction stage alone (decode + article), what the peers do.
# shellcheck disable=SC2046
cc -std=c11 -O3 -DNDEBUG -D_GNU_SOURCE -Wall -Wextra -Werror -I"$root" \
	$(pkg-config --cflags libxml-2.0 libcjson) \
	-o "$build/extract_stage" "$root/bench/extract_stage.c" \
	"$build/libnf_crawler.a" "$build/libnf_extract.a" "$build/libnf_base.a" \
	$(pkg-config --libs libpcre2-8 icu-uc icu-i18n libxml-2.0 libcjson libcurl) \
	-lz -lcrypto
exec python3 "$root/bench/extract_bench.py" --newsfact "$build/newsfact" \
	--bare "$build/bare_parse" --stage "$build/extract_stage" "$@"
