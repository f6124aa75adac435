"""Generate synthetic Korean news articles for bench/normalize_bench.sh.

One article per line: url TAB text, paragraphs separated by a literal
backslash-n.  Templates with slots (organisations, places, months, days,
numbers) and filler sentences made of pseudo-words keep unrelated
articles apart; about 10 % are re-spaced portal copies of a recent
article with a caption line, 3 % updates with one number changed, and
5 % the next issue of a template story (other month, other numbers).
Deterministic for a given seed.  Not the real corpus.

    python3 bench/normalize_gen.py N OUT [SEED]
"""
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20260405)


def syl():
    return chr(0xAC00 + rng.randrange(11172))


WORDS = ["".join(syl() for _ in range(rng.choice((2, 2, 3)))) for _ in range(6000)]
ORGS = ["".join(syl() for _ in range(3)) + s for s in ("시", "군", "청", "공사", "그룹", "전자", "은행")
        for _ in range(60)]
PARTICLES = ["은", "는", "이", "가", "을", "를", "에", "에서", "의", "와", "로"]
ENDINGS = ["했다.", "밝혔다.", "전했다.", "설명했다.", "예정이다.", "나타났다.", "집계됐다."]
UNITS = ["명", "%", "억원", "곳", "건", "대", "개", "가구", "톤", "㎞"]

TEMPLATES = [
    "{org}는 {m}월 {d}일 {w1} {w2} 결과 {a}{u1}가 {w3}됐다고 밝혔다.",
    "{m}월 {w1} {w2} 지수는 {a}.{b}로 전년 같은 달보다 {c}.{e}% 올랐다.",
    "{org}의 {m}월 {w1} 실적은 {a}억원으로 {c}% {w2}했다.",
    "{org}는 {d}일 {w1}에서 {w2} {a}{u1}를 {w3}하기로 했다.",
    "{m}월 {d}일 {w1} 사고로 {a}명이 숨지고 {c}명이 다쳤다.",
]


def filler():
    words = rng.sample(WORDS, rng.randrange(7, 13))
    s = " ".join(w + (rng.choice(PARTICLES) if rng.random() < 0.6 else "") for w in words)
    if rng.random() < 0.5:
        s += f" {rng.randrange(2, 9999)}{rng.choice(UNITS)}"
    return s + " " + rng.choice(ENDINGS)


def template_lead(t, slots):
    return TEMPLATES[t].format(**slots)


def new_slots():
    return dict(org=rng.choice(ORGS), m=rng.randrange(1, 13), d=rng.randrange(1, 29),
                w1=rng.choice(WORDS), w2=rng.choice(WORDS), w3=rng.choice(WORDS),
                a=rng.randrange(2, 9000), b=rng.randrange(10, 99), c=rng.randrange(1, 90),
                e=rng.randrange(1, 9), u1=rng.choice(UNITS))


def article():
    t = rng.randrange(len(TEMPLATES))
    slots = new_slots()
    paras = [template_lead(t, slots)]
    for _ in range(rng.randrange(3, 6)):
        paras.append(" ".join(filler() for _ in range(rng.randrange(2, 4))))
    return dict(t=t, slots=slots, paras=paras)


def respace(p):
    out = []
    for ch in p:
        if ch == " " and rng.random() < 0.15:
            continue
        out.append(ch)
    return "".join(out)


recent = []
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        r = rng.random()
        url = f"https://news{i % 50}.example.com/article/{i}"
        if recent and r < 0.10:
            src = rng.choice(recent)
            paras = [respace(p) for p in src["paras"]]
            paras.insert(1, f"사진은 기사 내용과 무관함 [{rng.choice(WORDS)} 제공]")
            url = f"https://portal.example.com/mnews/{i}"
        elif recent and r < 0.13:
            src = rng.choice(recent)
            slots = dict(src["slots"])
            slots["a"] += rng.randrange(1, 50)
            paras = [template_lead(src["t"], slots)] + src["paras"][1:]
        elif recent and r < 0.18:
            # Next month's issue: same template and filler, new numbers.
            src = rng.choice(recent)
            slots = new_slots()
            slots.update(org=src["slots"]["org"], w1=src["slots"]["w1"],
                         w2=src["slots"]["w2"], w3=src["slots"]["w3"],
                         m=src["slots"]["m"] % 12 + 1)
            paras = [template_lead(src["t"], slots)] + src["paras"][1:2] + \
                [" ".join(filler() for _ in range(2)) for _ in range(3)]
        else:
            a = article()
            recent.append(a)
            if len(recent) > 2000:
                recent.pop(rng.randrange(len(recent)))
            paras = a["paras"]
        f.write(url + "\t" + "\\n".join(paras) + "\n")
