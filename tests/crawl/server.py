#!/usr/bin/env python3
"""A small Korean news site for the crawl tests, with faults.

Serves on 127.0.0.1 (port 0 = any free port; the first line on stdout is
"PORT <n>") and logs every request, one JSON line each, to --log:
{"t": unix time, "path": "/...", "ims": If-Modified-Since, "inm":
If-None-Match, "ua": User-Agent, "status": answer}.

Site map (see tests/crawl/README.md):
  /robots.txt            Disallow: /private/, Sitemap: /sitemap_index.xml
  /rss/main.xml          RSS 2.0, UTF-8, ETag; tracking params on links
  /rss/economy.xml       RSS 2.0, EUC-KR declared only in the XML decl
  /section/politics.html section page: articles, a duplicate print URL,
                         a non-HTML link, external links, faults
  /sitemap_index.xml     -> /sitemap_news.xml (Google News) and
                            /sitemap_pages.xml.gz (gzip file)
  /news/articleView.html?idxno=N   articles 1001..1013 (ETag, 304)
  /news/print/1011       the same article as idxno=1011 (rel=canonical)
  /old/1003              301 -> idxno=1003
  /private/*             disallowed by robots.txt
  /fault/503             503 + Retry-After: 1 twice, then article 1005
  /fault/500             500 always
  /fault/reset           first answer reset mid-body, then article 1006
  /fault/truncated       first answer cut short, then article 1007
  /fault/slow            answers after 3 s (past the test timeout)
  /fault/loop-a, loop-b  a redirect loop
  /fault/huge            an endless body
  /fault/bomb            gzip of 64 MiB of zeros
  /download?id=5         a PDF
  idxno=1009             gzip even when not asked
  idxno=1012             EUC-KR bytes under "charset=utf-8"
Control (not logged): /__publish adds article 1013 to /rss/main.xml;
/__update changes a figure of article 1010 and its sitemap lastmod.
"""
import argparse
import html
import gzip
import hashlib
import json
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
COUNTS = {}
STATE = {"published": False, "updated": None}
ARGS = None
BOMB = None

ARTICLES = {
    1001: ("반도체 수출 3개월 연속 증가", "산업통상자원부는 지난달 반도체 수출액이 128억 달러로 작년 같은 달보다 21.3% 늘었다고 밝혔다."),
    1002: ("서울 아파트값 0.2% 올라", "한국부동산원에 따르면 이번 주 서울 아파트값은 0.2% 올라 12주 연속 상승했다."),
    1003: ("국회 예산 656조원 통과", "국회는 본회의에서 656조 6천억 원 규모의 내년도 예산안을 의결했다."),
    1004: ("소비자물가 2.4% 상승", "통계청은 지난달 소비자물가지수가 작년 같은 달보다 2.4% 상승했다고 발표했다."),
    1005: ("실업률 3.1%로 집계", "지난달 실업률은 3.1%로 집계됐다고 통계청이 밝혔다."),
    1006: ("관객 1만2천여 명 찾아", "축제 기간 관객 1만2천여 명이 행사장을 찾았다."),
    1007: ("매출 3조 2천억 원 기록", "이 회사는 올해 3분기 매출 3조 2천억 원을 기록했다."),
    1008: ("기준금리 3.50% 동결", "한국은행 금융통화위원회는 기준금리를 연 3.50%로 동결했다."),
    1009: ("수출 5.1% 감소", "지난달 수출은 작년 같은 달보다 5.1% 감소한 550억 달러였다."),
    1010: ("출생아 1만8천 명", "지난달 출생아 수는 1만8천 명으로 집계됐다."),
    1011: ("전기차 판매 15만 대", "올해 전기차 판매는 15만 대를 넘어설 전망이다."),
    1012: ("쌀 생산량 370만 톤", "올해 쌀 생산량은 370만 톤으로 작년보다 3% 줄었다."),
    1013: ("새 기사: 고용 32만 명 증가", "지난달 취업자는 작년 같은 달보다 32만 명 증가했다."),
}

LM = "Sat, 28 Nov 2026 00:00:00 GMT"


def base():
    return f"http://127.0.0.1:{ARGS.port_actual}"


def art_url(n, extra=""):
    return f"{base()}/news/articleView.html?idxno={n}{extra}"


def article_html(n, charset="utf-8", print_version=False):
    title, text = ARTICLES[n]
    if n == 1010 and STATE["updated"]:
        # The publisher corrected a figure: the sitemap's lastmod says so.
        text = text.replace("1만8천 명", "1만9천 명")
    paras = "".join(f"<p>{text} 관계자는 {i + 2}개 지역에서 조사를 이어가고 있다고 말했다.</p>"
                    for i in range(4))
    extra = "<p class=\"print\">인쇄용 화면</p>" if print_version else ""
    return (f"<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"{charset}\">"
            f"<title>{title} - 테스트일보</title>"
            f"<link rel=\"canonical\" href=\"{art_url(n)}\">"
            f"<meta property=\"og:title\" content=\"{title}\">"
            f"<meta property=\"article:published_time\" content=\"2026-11-28T09:00:00+09:00\">"
            f"</head><body><header><nav><a href=\"/\">홈</a></nav></header>"
            f"<article><h1>{title}</h1><div class=\"byline\">홍길동 기자</div>"
            f"<div id=\"article-view-content-div\">{paras}{extra}</div></article>"
            f"<footer>저작권자 © 테스트일보 무단전재 및 재배포 금지</footer></body></html>")


def rss(items, encoding):
    body = "".join(
        f"<item><title><![CDATA[{t}]]></title><link>{html.escape(l)}</link>"
        f"<pubDate>2026-11-28 09:00:00</pubDate></item>" for t, l in items)
    return (f"<?xml version=\"1.0\" encoding=\"{encoding}\"?>"
            f"<rss version=\"2.0\"><channel><title>테스트일보</title>"
            f"<link>{base()}/</link>{body}</channel></rss>").encode(encoding)


def main_feed():
    items = [(ARTICLES[1001][0], art_url(1001, "&utm_source=rss&utm_medium=feed")),
             (ARTICLES[1002][0], art_url(1002)),
             ("옛 주소", f"{base()}/old/1003"),
             ("비공개", f"{base()}/private/secret.html"),
             ("일시 장애", f"{base()}/fault/503"),
             ("서버 오류", f"{base()}/fault/500")]
    if STATE["published"]:
        items.insert(0, (ARTICLES[1013][0], art_url(1013)))
    return rss(items, "utf-8")


def economy_feed():
    items = [(ARTICLES[1002][0], art_url(1002, "&input=rss")),
             (ARTICLES[1004][0], art_url(1004)),
             ("끊긴 연결", f"{base()}/fault/reset"),
             ("잘린 본문", f"{base()}/fault/truncated")]
    return rss(items, "euc-kr")


def section():
    links = [art_url(1001, "&utm_medium=section&fbclid=abc"),
             art_url(1011), f"{base()}/news/print/1011",
             f"{base()}/download?id=5", f"{base()}/fault/huge",
             f"{base()}/fault/bomb", art_url(1012), f"{base()}/private/x.html",
             f"{base()}/fault/loop-a", "https://www.example.com/other",
             f"{base()}/fault/slow"]
    a = "".join(f"<li><a href=\"{html.escape(l)}\">기사 {i}</a></li>"
                for i, l in enumerate(links))
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>정치 - 테스트일보</title>"
            f"</head><body><ul>{a}</ul></body></html>").encode()


def sitemap_index():
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            f"<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            f"<sitemap><loc>{base()}/sitemap_news.xml</loc></sitemap>"
            f"<sitemap><loc>{base()}/sitemap_pages.xml.gz</loc></sitemap>"
            f"</sitemapindex>").encode()


def sitemap_news():
    urls = "".join(
        f"<url><loc>{art_url(n)}</loc><news:news><news:publication><news:name>테스트일보"
        f"</news:name><news:language>ko</news:language></news:publication>"
        f"<news:publication_date>2026-11-28T09:00:00+09:00</news:publication_date>"
        f"<news:title>{ARTICLES[n][0]}</news:title></news:news></url>" for n in (1008, 1009))
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            f"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
            f"xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">{urls}</urlset>").encode()


def lastmod_1010():
    if not STATE["updated"]:
        return "2026-11-28"
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(STATE["updated"]))


def sitemap_pages():
    xml = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           f"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
           f"<url><loc>{art_url(1010)}</loc><lastmod>{lastmod_1010()}</lastmod></url>"
           f"<url><loc>{art_url(1002)}</loc></url></urlset>").encode()
    return gzip.compress(xml, mtime=0)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def record(self, status):
        if self.path.startswith("/__"):
            return
        entry = {"t": self.t0, "path": self.path, "status": status,
                 "ims": self.headers.get("If-Modified-Since"),
                 "inm": self.headers.get("If-None-Match"),
                 "ua": self.headers.get("User-Agent")}
        with LOCK:
            with open(ARGS.log, "a") as f:
                f.write(json.dumps(entry) + "\n")

    def count(self):
        with LOCK:
            COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
            return COUNTS[self.path]

    def send(self, status, body, ctype, headers=(), conditional=True):
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if conditional and status == 200 and self.headers.get("If-None-Match") == etag:
            self.record(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.record(status)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if conditional and status == 200:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LM)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def article(self, n, **kw):
        if ARGS.slow:
            time.sleep(ARGS.slow)
        self.send(200, article_html(n, **kw).encode(), "text/html; charset=utf-8")

    def do_GET(self):
        self.t0 = time.time()
        p = self.path
        if p == "/__publish":
            STATE["published"] = True
            self.send(200, b"ok", "text/plain", conditional=False)
            return
        if p == "/__update":
            STATE["updated"] = time.time() + 1
            self.send(200, b"ok", "text/plain", conditional=False)
            return
        if p == "/robots.txt":
            body = (f"User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\n"
                    f"Disallow: /\n\nSitemap: {base()}/sitemap_index.xml\n").encode()
            self.send(200, body, "text/plain")
        elif p == "/rss/main.xml":
            self.send(200, main_feed(), "application/rss+xml; charset=utf-8")
        elif p == "/rss/economy.xml":
            self.send(200, economy_feed(), "application/rss+xml")
        elif p == "/section/politics.html":
            self.send(200, section(), "text/html; charset=utf-8")
        elif p == "/sitemap_index.xml":
            self.send(200, sitemap_index(), "application/xml")
        elif p == "/sitemap_news.xml":
            self.send(200, sitemap_news(), "application/xml")
        elif p == "/sitemap_pages.xml.gz":
            self.send(200, sitemap_pages(), "application/x-gzip")
        elif p.startswith("/news/articleView.html?idxno="):
            n = int(p.split("=")[1].split("&")[0])
            if n not in ARTICLES or (n == 1013 and not STATE["published"]):
                self.send(404, b"not found", "text/plain", conditional=False)
            elif n == 1009:
                self.gzip_unasked(n)
            elif n == 1012:
                if ARGS.slow:
                    time.sleep(ARGS.slow)
                body = article_html(n, charset="euc-kr").encode(
                    "cp949", errors="xmlcharrefreplace")
                self.send(200, body, "text/html; charset=utf-8")
            else:
                self.article(n)
        elif p == "/news/print/1011":
            # Byte-identical to idxno=1011: an identical-payload revisit.
            self.article(1011)
        elif p == "/old/1003":
            self.send(301, b"", "text/html", [("Location", "/news/articleView.html?idxno=1003")],
                      conditional=False)
        elif p == "/fault/503":
            if self.count() <= 2:
                self.send(503, b"busy", "text/plain", [("Retry-After", "1")], conditional=False)
            else:
                self.article(1005)
        elif p == "/fault/500":
            self.send(500, b"error", "text/plain", conditional=False)
        elif p == "/fault/reset":
            if self.count() == 1:
                self.cut(reset=True)
            else:
                self.article(1006)
        elif p == "/fault/truncated":
            if self.count() == 1:
                self.cut(reset=False)
            else:
                self.article(1007)
        elif p == "/fault/slow":
            self.record(200)
            time.sleep(3)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:
                pass
        elif p == "/fault/loop-a":
            self.send(301, b"", "text/html", [("Location", "/fault/loop-b")], conditional=False)
        elif p == "/fault/loop-b":
            self.send(302, b"", "text/html", [("Location", f"{base()}/fault/loop-a")],
                      conditional=False)
        elif p == "/fault/huge":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                for _ in range(16384):  # 1 GiB if nobody stops us
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True
        elif p == "/fault/bomb":
            self.send(200, BOMB, "text/html", [("Content-Encoding", "gzip")], conditional=False)
        elif p == "/download?id=5":
            self.send(200, b"%PDF-1.4\n" + b"\0" * 2000, "application/pdf")
        else:
            self.send(404, b"not found", "text/plain", conditional=False)

    def gzip_unasked(self, n):
        body = gzip.compress(article_html(n).encode(), mtime=0)
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def cut(self, reset):
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "20000")
        self.end_headers()
        self.wfile.write(b"<html><body>" + b"x" * 1000)
        self.wfile.flush()
        if reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR) if not reset else None
        except OSError:
            pass
        self.connection.close()


def main():
    global ARGS, BOMB
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--slow", type=float, default=0.0,
                    help="seconds added to every article answer")
    ARGS = ap.parse_args()
    BOMB = gzip.compress(b"\0" * (64 << 20), compresslevel=1, mtime=0)
    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # resets and broken pipes are what the faults are for

    srv = Server(("127.0.0.1", ARGS.port), Handler)
    srv.daemon_threads = True
    ARGS.port_actual = srv.server_address[1]
    print(f"PORT {ARGS.port_actual}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
