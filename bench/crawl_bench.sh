#!/usr/bin/env bash
# bench/crawl_bench.sh - fetch throughput of `newsfact crawl` against fast
# local servers, politeness off (--delay 0).
#
# Starts BENCH_HOSTS servers (one Python process each, on 127.0.0.1,
# 127.0.0.2, ... so each is a host of its own for the per-host limit),
# each serving robots.txt, a sitemap and BENCH_PAGES/BENCH_HOSTS small
# Korean article pages.  Then crawls them from a fresh state, once with
# records to /dev/null and once also writing WARC files, and prints
# pages/s (wall) and CPU seconds of newsfact.
#
#   bench/crawl_bench.sh
#   BENCH_PAGES=4000 BENCH_HOSTS=8 BUILD=/tmp/build-bench bench/crawl_bench.sh
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$src/build-bench}
work=${WORK:-/tmp/crawl-bench}
pages=${BENCH_PAGES:-2000}
hosts=${BENCH_HOSTS:-4}

# shellcheck disable=SC2086
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release ${BENCH_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)" --target newsfact >/dev/null
nf=$build/newsfact

rm -rf "$work"
mkdir -p "$work"
cat > "$work/server.py" <<'PY'
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
addr, n = sys.argv[1], int(sys.argv[2])
para = "<p>산업통상자원부는 지난달 반도체 수출액이 128억 달러로 작년 같은 달보다 21.3% 늘었다고 밝혔다.</p>" * 6
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def setup(self):
        super().setup()
        # Headers and body go out in two writes: without this, Nagle and
        # delayed ACKs add 40 ms to every response.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def do_GET(self):
        base = f"http://{addr}:{self.server.server_address[1]}"
        if self.path == "/robots.txt":
            body, ct = b"User-agent: *\nAllow: /\n", "text/plain"
        elif self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}/a/{i}</loc></url>" for i in range(n))
            body = ("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/"
                    f"sitemap/0.9\">{urls}</urlset>").encode()
            ct = "application/xml"
        else:
            body = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>기사 {self.path}"
                    f"</title></head><body><article><h1>기사 {self.path}</h1>{para}"
                    f"</article></body></html>").encode()
            ct = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ct)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
s = ThreadingHTTPServer((addr, 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY

pids=()
seeds=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for h in $(seq 1 "$hosts"); do
	addr=127.0.0.$h
	coproc_out=$work/port.$h
	python3 "$work/server.py" "$addr" $((pages / hosts)) > "$coproc_out" &
	pids+=($!)
	for _ in $(seq 50); do [ -s "$coproc_out" ] && break; sleep 0.1; done
	seeds+=(--seed "http://$addr:$(head -1 "$coproc_out")/sitemap.xml")
done

run() {
	local label=$1
	shift
	rm -f "$work/state.db"*
	rm -rf "$work/warc"
	# Wall time, CPU time and peak RSS of newsfact alone.
	python3 - "$label" "$pages" "$nf" crawl -q --state "$work/state.db" \
		"${seeds[@]}" --delay 0 --parallel "$hosts" -o /dev/null "$@" <<'PY'
import resource, subprocess, sys, time
label, pages, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
t0 = time.time()
rc = subprocess.call(cmd)
wall = time.time() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
print(f"{label:24} {pages} pages in {wall:.2f} s = {pages / wall:.0f} pages/s; "
      f"newsfact CPU {cpu:.2f} s ({pages / cpu:.0f} pages per CPU-second), "
      f"peak RSS {ru.ru_maxrss // 1024} MB, exit {rc}")
PY
}

echo "crawl_bench: $pages pages on $hosts hosts, $(nproc) cores, $(uname -m)"
run "fetch + extract" 
run "fetch + extract + WARC" --warc-dir "$work/warc"
