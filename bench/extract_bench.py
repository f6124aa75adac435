#!/usr/bin/env python3
"""Article extraction benchmark: quality on three annotated corpora and
speed beside the peers, in one run.  Called by bench/extract_bench.sh.

Quality (token 4-gram shingle metric of shared/peers/shingle_score.py):
  aeb   article-extraction-benchmark, 181 pages, ground-truth.json
  ko    corpus/ko-news, the 26 pages with a usable expected text
        (strict), and the same with the justified expecteds (see KO_NOTES)
  rd    Mozilla Readability's 130 test pages: text of expected.html, and
        metadata agreement with expected-metadata.json
Speed: pages per CPU-second (user+sys of the child) on the 181 AEB pages,
for newsfact, a bare htmlReadMemory parse, readability-lxml and
Readability.js (linkedom); best of --reps runs.  Peak RSS of newsfact on a
generated 50 MB page.
"""
import argparse
import datetime
import gzip
import html.parser
import importlib.util
import json
import os
import re
import resource
import subprocess
import sys
import tempfile

SHARED = os.environ.get('NF_SHARED_DIR', os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
PEERS = os.path.join(SHARED, 'peers')
AEB = os.path.join(SHARED, 'corpus', 'article-extraction-benchmark')
KO = os.path.join(SHARED, 'corpus', 'ko-news', 'pages')
RD = os.path.join(SHARED, 'corpus', 'readability-test-pages')

# corpus/ko-news/README.md: these expecteds are not the article.
KO_UNUSABLE = {'chosun-1', 'chosun-2', 'chosun-3', 'tvchosun-2'}

# The "justified" ko-news figure: the scraper expecteds (yonhapnewstv-*
# above all) keep text that RECORDS.md says `text` must not hold.  Each
# rule removes one such kind, the same way on every page; nothing else
# in the expected changes.
KO_JUSTIFY = [
    # the video player's fallback message; an image button's label
    r'브라우저가 video 태그를 지원하지 않습니다\.\s*죄송하지만 다른 브라우저를 사용하여 주십시오\.\s*닫기',
    r'이미지\s*확대하기',
    # TV-news markers: [앵커], 【 앵커멘트 】, 【 기자 】
    r'[\[【]\s*(?:앵커|앵커\s*멘트|기자|리포트)\s*[\]】]',
    # bylines: sign-offs ("MBN뉴스 안진우입니다.", "신새롬 기자입니다."),
    # names with an e-mail, bracketed bylines, columnists
    r'(?:(?:연합뉴스\s*TV|연합뉴스|MBN\s*뉴스|KBS\s*뉴스|MBC\s*뉴스|SBS\s*뉴스|YTN|JTBC|TV조선|채널A)'
    r'\s*[가-힣]{2,4}|[가-힣]{2,4}\s*기자)입니다\.\s*(?:[\[(][^()\[\]]*@[^()\[\]]*[\])])?',
    r'(?:YTN\s*[가-힣]{2,4}|[가-힣]{2,4}\s*(?:기자|PD))\s*\([^()]*@[^()]*\)',
    r'[가-힣]{2,4}\s*기자\s*[\w.-]+@[\w.-]+\.[a-z]{2,}',
    r'\[[가-힣]{2,4}\s+\S{1,10}\s*기자\]',
    r'(?:[가-힣]{2,4}\s*칼럼니스트|칼럼니스트\s*[가-힣]{2,4})\s*[\w.-]+@[\w.-]+\.[a-z]{2,}',
    # production credits, a byline of the crew: "영상취재 : 안동균 기자",
    # "( 취재 : 한지연 / 영상편집 : 변지영/ … )", "영상편집:김유진"
    r'\(\s*(?:취재|구성|편집|영상\s*편집|화면\s*제공|제작)\s*:[^()]*\)',
    r'(?:영상\s*취재|영상\s*편집)\s*:\s*[가-힣]{2,4}(?:\s*기자)?',
    # photo captions and credits: "[사진 출처 : … 캡처]", "[사진=JTBC]",
    # "백아영 / 화면캡처 MBC", a leading "/연합뉴스"
    r'\[\s*사진\s*(?:출처\s*:|=)[^\[\]]*\]',
    r'[가-힣]{2,4}\s*/\s*화면\s*캡[처쳐]\s*\S+',
    r'^\s*/\s*[가-힣A-Za-z]{2,8}\s',
    # copyright lines
    r'저작권자\s*ⓒ[^\n]*?무단\s*전재\s*및\s*재배포\s*금지',
    # the tip-off footers, a hashtag list (not one hashtag in a sentence),
    # the end mark
    r'연합뉴스TV\s*기사문의\s*및\s*제보\s*:\s*카톡/라인\s*jebo23',
    r"※\s*'당신의 제보가 뉴스가 됩니다'\s*\[카카오톡\][^\[]*\[전화\][^\[]*\[메일\]\s*\S+@\S+",
    r'\(끝\)',
    r'(?:#[^\s#]+\s*){2,}',
]


def ko_justified(text, title):
    """The expected text without what RECORDS.md excludes from `text`."""
    for rx in KO_JUSTIFY:
        text = re.sub(rx, ' ', text)
    # a headline repeated at the top (the expected's own title field)
    title = re.sub(r'\s*공유하기$', '', title or '').strip()
    t = text.lstrip()
    if title and t.startswith(title):
        text = t[len(title):]
    return text


def ko_title(page):
    stem = page[:-5]
    try:
        with open(stem + '.expected.json', encoding='utf-8') as fh:
            d = json.load(fh)
    except (OSError, ValueError):
        return ''
    t = d.get('title') if isinstance(d, dict) else None
    return SS.first(t) if t else ''


def load_scorer():
    spec = importlib.util.spec_from_file_location('shingle_score', os.path.join(PEERS, 'shingle_score.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SS = load_scorer()


def aggregate(rows):
    """rows: (name, true, pred); the same averaging as shingle_score.py."""
    counts = [(name, SS.page_counts(t, p), SS.tokens(t) == SS.tokens(p)) for name, t, p in rows]
    pv = [SS.prec(*c) for _, c, _ in counts if c[0] + c[1] > 0]
    rv = [SS.rec(*c) for _, c, _ in counts if c[0] + c[2] > 0]
    p = sum(pv) / len(pv) if pv else 0.0
    r = sum(rv) / len(rv) if rv else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(1 for *_, same in counts if same) / len(counts) if counts else 0.0
    per = []
    for name, c, _ in counts:
        pp, rr = SS.prec(*c), SS.rec(*c)
        per.append((2 * pp * rr / (pp + rr) if pp + rr else 0.0, pp, rr, name))
    per.sort()
    return {'pages': len(counts), 'precision': p, 'recall': r, 'f1': f1, 'accuracy': acc}, per


def cpu_of(cmd, stdout_path=None):
    """Run cmd; return (user+sys seconds of the child, stdout bytes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(stdout_path or os.devnull, 'wb') as out:
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if rc.returncode not in (0, 1):
        sys.exit('%s failed: %s' % (cmd[0], rc.stderr.decode(errors='replace')[-500:]))
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_newsfact(nf, files, out):
    cpu = cpu_of([nf, 'extract', '-q'] + files, out)
    recs = {}
    with open(out, encoding='utf-8') as fh:
        for line in fh:
            d = json.loads(line)
            recs[os.path.abspath(d['source']['file'])] = d
    return cpu, recs


def read_jsonl(path):
    recs = {}
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            line = line.strip()
            if line:
                d = json.loads(line)
                if 'file' in d:
                    recs[os.path.abspath(d['file'])] = d
    return recs


# ---- corpora ---------------------------------------------------------------

def aeb_files():
    d = os.path.join(AEB, 'html')
    return sorted(os.path.abspath(os.path.join(d, f)) for f in os.listdir(d) if f.endswith('.html.gz'))


def aeb_truth():
    with open(os.path.join(AEB, 'ground-truth.json'), encoding='utf-8') as fh:
        return {k: v.get('articleBody', '') for k, v in json.load(fh).items()}


def ko_files():
    return sorted(os.path.abspath(os.path.join(KO, f)) for f in os.listdir(KO) if f.endswith('.html'))


def rd_dirs():
    return sorted(os.path.abspath(os.path.join(RD, d)) for d in os.listdir(RD)
                  if os.path.isfile(os.path.join(RD, d, 'source.html')))


class TextOf(html.parser.HTMLParser):
    """Visible text of expected.html, a break at every block element."""
    BLOCK = {'p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre',
             'blockquote', 'table', 'section', 'article', 'figure', 'ul', 'ol', 'dd', 'dt'}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'):
            self.skip += 1
        if tag in self.BLOCK:
            self.parts.append('\n')

    def handle_endtag(self, tag):
        if tag in ('script', 'style') and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append('\n')

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path):
    p = TextOf()
    with open(path, encoding='utf-8', errors='replace') as fh:
        p.feed(fh.read())
    return re.sub(r'\s*\n\s*', '\n', ''.join(p.parts)).strip()


def norm(s):
    return re.sub(r'\s+', ' ', s or '').strip().casefold()


def same_instant(ours, expected):
    """Dates agree to the minute; a date without offset compares as written."""
    def parse(s):
        s = s.strip().replace('Z', '+00:00')
        # "2017-11-03 03:01:00.000000": ISO 8601 with a space for the T
        if re.match(r'\d{4}-\d\d-\d\d \d', s):
            s = s.replace(' ', 'T', 1)
        for fmt in ('%Y-%m-%dT%H:%M:%S.%f%z', '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M%z',
                    '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M', '%Y-%m-%d'):
            try:
                return datetime.datetime.strptime(s, fmt)
            except ValueError:
                pass
        return None
    a, b = parse(ours), parse(expected)
    if not a or not b:
        return False
    if b.tzinfo is None or a.tzinfo is None:
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return abs((a - b).total_seconds()) < 60


def meta_agree(rec, exp):
    """Per field: None when the expected value is empty (not scored)."""
    res = {}
    t = exp.get('title')
    res['title'] = None if not t else norm(rec.get('title')) == norm(t)
    b = exp.get('byline')
    if not b:
        res['byline'] = None
    else:
        names = rec.get('authors') or []
        res['byline'] = bool(names) and all(norm(n) in norm(b) for n in names)
    d = exp.get('publishedTime')
    res['published'] = None if not d else bool(rec.get('published')) and same_instant(rec['published'], d)
    s = exp.get('siteName')
    res['site_name'] = None if not s else norm(rec.get('site_name')) == norm(s)
    return res


# ---- the 50 MB page ---------------------------------------------------------

def big_page(path, target=50 << 20):
    para = ('<p>서울 시내 아파트 매매가격이 3주 연속 올랐다. 한국부동산원이 14일 발표한 '
            '주간 아파트 가격 동향에 따르면 서울은 0.12% 상승했다, 전주보다 0.03%포인트 '
            '커진 폭이다. <a href="/n/1">관련</a> 강남 3구가 상승을 이끌었다.</p>\n')
    side = '<div class="ranking"><ul>' + '<li><a href="/a">많이 본 뉴스 제목</a></li>' * 10 + '</ul></div>\n'
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write('<!doctype html><html lang="ko"><head><meta charset="utf-8">'
                 '<title>큰 페이지 - 벤치</title></head><body><div id="wrap">\n')
        size = 0
        block = '<div class="article_body">' + para * 40 + '</div>\n' + side
        while size < target:
            fh.write(block)
            size += len(block.encode('utf-8'))
        fh.write('</div></body></html>\n')


def peak_rss_kb(cmd):
    r = subprocess.run(['/usr/bin/time', '-f', '%M'] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return int(r.stderr.decode().strip().splitlines()[-1])


# ---- main -------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--newsfact', required=True)
    ap.add_argument('--bare', required=True)
    ap.add_argument('--stage', help='bench/extract_stage.c built: decode + article only')
    ap.add_argument('--out', default=tempfile.mkdtemp(prefix='extract-bench-'))
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--no-peers', action='store_true')
    ap.add_argument('--worst', type=int, default=8, help='print the N worst pages of each corpus')
    ap.add_argument('--only', choices=['aeb', 'ko', 'rd', 'speed'], action='append')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    only = set(args.only or ['aeb', 'ko', 'rd', 'speed'])
    table = []

    files = aeb_files()
    listf = os.path.join(args.out, 'aeb.list')
    with open(listf, 'w') as fh:
        fh.write('\n'.join(files) + '\n')

    if 'aeb' in only:
        truth = aeb_truth()
        _, recs = run_newsfact(args.newsfact, files, os.path.join(args.out, 'aeb.newsfact.jsonl'))
        with open(os.path.join(args.out, 'aeb.pred.jsonl'), 'w', encoding='utf-8') as fh:
            for f in files:
                fh.write(json.dumps({'file': f, 'text': recs.get(f, {}).get('text', '')}, ensure_ascii=False) + '\n')
        rows = [(os.path.basename(f).split('.')[0], truth[os.path.basename(f).split('.')[0]],
                 recs.get(f, {}).get('text', '')) for f in files]
        agg, per = aggregate(rows)
        official = subprocess.run([sys.executable, os.path.join(PEERS, 'shingle_score.py'),
                                   os.path.join(args.out, 'aeb.pred.jsonl'), '--gt-benchmark',
                                   os.path.join(AEB, 'ground-truth.json')],
                                  capture_output=True, text=True).stdout.strip()
        print('AEB newsfact (shingle_score.py):', official)
        table.append(('AEB, 181 pages', 'newsfact', agg))
        print('worst AEB pages:')
        for f1, p, r, name in per[:args.worst]:
            print('  %-40s F1=%.3f P=%.3f R=%.3f' % (name, f1, p, r))

    if 'ko' in only:
        kf = ko_files()
        _, recs = run_newsfact(args.newsfact, kf, os.path.join(args.out, 'ko.newsfact.jsonl'))
        rows, jrows = [], []
        for f in kf:
            stem = os.path.basename(f)[:-5]
            true = SS.expected_beside(f)
            if true is None or stem in KO_UNUSABLE:
                continue
            pred = recs.get(f, {}).get('text', '')
            rows.append((stem, true, pred))
            jrows.append((stem, ko_justified(true, ko_title(f)), pred))
        agg, per = aggregate(rows)
        jagg, jper = aggregate(jrows)
        table.append(('ko-news, %d usable (strict)' % len(rows), 'newsfact', agg))
        table.append(('ko-news, %d usable (justified)' % len(rows), 'newsfact', jagg))
        print('worst ko-news pages (strict | justified):')
        jf = {name: f1 for f1, _, _, name in jper}
        for f1, p, r, name in per[:args.worst]:
            print('  %-40s F1=%.3f P=%.3f R=%.3f | F1=%.3f' % (name, f1, p, r, jf[name]))

    if 'rd' in only:
        dirs = rd_dirs()
        srcs = [os.path.join(d, 'source.html') for d in dirs]
        _, recs = run_newsfact(args.newsfact, srcs, os.path.join(args.out, 'rd.newsfact.jsonl'))
        rows, agree = [], {'title': [], 'byline': [], 'published': [], 'site_name': []}
        for d, s in zip(dirs, srcs):
            rec = recs.get(s, {})
            rows.append((os.path.basename(d), html_text(os.path.join(d, 'expected.html')), rec.get('text', '')))
            with open(os.path.join(d, 'expected-metadata.json'), encoding='utf-8') as fh:
                exp = json.load(fh)
            for k, v in meta_agree(rec, exp).items():
                if v is not None:
                    agree[k].append(v)
        agg, per = aggregate(rows)
        table.append(('Readability test pages, %d' % len(rows), 'newsfact', agg))
        print('worst Readability test pages:')
        for f1, p, r, name in per[:args.worst]:
            print('  %-40s F1=%.3f P=%.3f R=%.3f' % (name, f1, p, r))
        print('Readability metadata agreement (cases where expected-metadata.json gives the field):')
        for k, v in agree.items():
            print('  %-10s %d/%d = %.3f' % (k, sum(v), len(v), sum(v) / len(v) if v else 0))

    for label, who, a in table:
        print('%-32s %-10s F1 %.3f  P %.3f  R %.3f  acc %.3f' % (label, who, a['f1'], a['precision'],
                                                              a['recall'], a['accuracy']))

    if 'speed' in only:
        n = len(files)
        runs = [('newsfact', [args.newsfact, 'extract', '-q'] + files),
                ('bare htmlReadMemory', [args.bare, listf])]
        if args.stage:
            runs.append(('extraction stage', [args.stage, listf]))
        if not args.no_peers:
            runs += [('readability-lxml', ['/usr/bin/python3', os.path.join(PEERS, 'readability_lxml_text.py'),
                                           '--batch', listf]),
                     ('Readability.js linkedom', ['node', '/tmp/peers/readability_text.js', '--batch', listf,
                                                  '--dom', 'linkedom'])]
        rates = {}
        for name, cmd in runs:
            out = os.path.join(args.out, 'speed.%s.out' % name.split()[0])
            best = min(cpu_of(cmd, out) for _ in range(args.reps))
            rates[name] = n / best
        print('speed on %d AEB pages (pages per CPU-second, best of %d):' % (n, args.reps))
        for name, r in rates.items():
            print('  %-26s %8.1f' % (name, r))
        nf = rates['newsfact']
        print('  newsfact / bare parse     %8.2f' % (nf / rates['bare htmlReadMemory']))
        st = rates.get('extraction stage')
        if st:
            print('  stage / bare parse        %8.2f' % (st / rates['bare htmlReadMemory']))
            if 'readability-lxml' in rates:
                print('  stage / readability-lxml    %6.1fx' % (st / rates['readability-lxml']))
        if 'readability-lxml' in rates:
            print('  newsfact / readability-lxml %6.1fx' % (nf / rates['readability-lxml']))
            print('  newsfact / Readability.js   %6.1fx' % (nf / rates['Readability.js linkedom']))
            for name, fname in (('readability-lxml', 'readability'), ('Readability.js linkedom', 'Readability.js'),
                                ('extraction stage', 'stage')):
                if name not in rates:
                    continue
                out = os.path.join(args.out, 'speed.%s.out' % name.split()[0])
                res = subprocess.run([sys.executable, os.path.join(PEERS, 'shingle_score.py'), out,
                                      '--gt-benchmark', os.path.join(AEB, 'ground-truth.json')],
                                     capture_output=True, text=True).stdout.strip()
                print('  AEB quality %-24s %s' % (name, res))
        big = os.path.join(args.out, 'big-50mb.html')
        big_page(big)
        print('50 MB page (%d bytes): peak RSS newsfact %d KB, bare parse %d KB' % (
            os.path.getsize(big), peak_rss_kb([args.newsfact, 'extract', '-q', big]),
            peak_rss_kb([args.bare, write_list(args.out, big)])))


def write_list(out, path):
    p = os.path.join(out, 'big.list')
    with open(p, 'w') as fh:
        fh.write(path + '\n')
    return p


if __name__ == '__main__':
    main()
