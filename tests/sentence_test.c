/*
 * Tests of extract/sentence: ICU sentence breaks plus the Korean rules
 * (glued `다.미`, quotative particles after a closing quote, list numbers,
 * Latin abbreviations, paragraph breaks, decimals).
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include "extract/sentence.h"

/*
 * Split `text` and compare with `want`: the expected sentences joined by
 * '|' (each trimmed of white space).
 */
static void
check_split(const char *text, const char *want)
{
	size_t *b, nb;
	struct nf_buf got = NF_BUF_INIT(0);
	size_t len = strlen(text);

	if (nf_sentence_bounds(text, len, &b, &nb) != NF_OK) {
		NF_CHECK(false, "bounds failed: %s", text);
		return;
	}
	NF_CHECK(nb > 0 && b[nb - 1] == len, "last bound is len: %s", text);
	size_t prev = 0;
	for (size_t k = 0; k < nb; k++) {
		size_t s, e;
		nf_sentence_at(text, b, nb, prev, &s, &e);
		if (e > s) {
			if (got.len)
				nf_buf_append_char(&got, '|');
			nf_buf_append(&got, text + s, e - s);
		}
		prev = b[k];
	}
	nf_buf_terminate(&got);
	NF_CHECK_STR(got.data, want);
	nf_buf_release(&got);
	free(b);
}

/* The sentence around the first occurrence of `needle`. */
static void
check_at(const char *text, const char *needle, const char *want)
{
	size_t *b, nb, s, e;
	const char *p = strstr(text, needle);

	NF_CHECK(p != NULL, "needle %s", needle);
	if (!p || nf_sentence_bounds(text, strlen(text), &b, &nb) != NF_OK)
		return;
	nf_sentence_at(text, b, nb, (size_t)(p - text), &s, &e);
	char *got = nf_xstrndup(text + s, e - s);
	NF_CHECK_STR(got, want);
	free(got);
	free(b);
}

int
main(void)
{
	/* Plain breaks after a space. */
	check_split("경제가 어렵다. 김 장관은 말했다.",
		    "경제가 어렵다.|김 장관은 말했다.");
	/* Glued sentences in scraped text. */
	check_split("밀리는 상황이다.미 스탠퍼드대는 발표했다.",
		    "밀리는 상황이다.|미 스탠퍼드대는 발표했다.");
	check_split("조사됐다.AI 인재가 줄었다.",
		    "조사됐다.|AI 인재가 줄었다.");
	check_split("밝혔습니다.2022년 기준이다.",
		    "밝혔습니다.|2022년 기준이다.");
	check_split("좋아요.다음 주에 봐요.", "좋아요.|다음 주에 봐요.");
	check_split("괜찮을까?그렇다.", "괜찮을까?|그렇다.");
	check_split("말했다.“다음은 없다”고 했다.",
		    "말했다.|“다음은 없다”고 했다.");
	/* Decimals never split. */
	check_split("성장률은 2.6%로 전망된다. 물가는 3.50% 올랐다.",
		    "성장률은 2.6%로 전망된다.|물가는 3.50% 올랐다.");
	check_split("지수는 2.6을 기록했다.", "지수는 2.6을 기록했다.");
	/* A quotative particle after a closing quote continues. */
	check_split("그는 \"내년에는 나아질 것이다.\"라고 밝혔다. 다음 문장.",
		    "그는 \"내년에는 나아질 것이다.\"라고 밝혔다.|다음 문장.");
	check_split("그는 “내년에는 나아질 것이다.”라며 웃었다.",
		    "그는 “내년에는 나아질 것이다.”라며 웃었다.");
	check_split("그는 “좋다.”고 말했다.", "그는 “좋다.”고 말했다.");
	/* List numbers and Latin abbreviations do not end a sentence. */
	check_split("1. 첫째 항목이다. 2. 둘째 항목이다.",
		    "1. 첫째 항목이다.|2. 둘째 항목이다.");
	check_split("U.S. 경제는 좋다. 다음.", "U.S. 경제는 좋다.|다음.");
	check_split("Mr. Kim은 말했다.", "Mr. Kim은 말했다.");
	/* Paragraph breaks always end one, even without punctuation. */
	check_split("첫 문단 제목\n둘째 문단이다.",
		    "첫 문단 제목|둘째 문단이다.");
	check_split("첫 문단.\n\n둘째 문단.", "첫 문단.|둘째 문단.");
	check_split("그는 “좋다.\n”라고 말했다.", "그는 “좋다.|”라고 말했다.");
	/* Edge cases: empty, no punctuation, trailing spaces. */
	check_split("", "");
	check_split("마침표 없는 문장", "마침표 없는 문장");
	check_split("  앞뒤 공백.  ", "앞뒤 공백.");
	/* The seed's sentence of 13억 달러. */
	check_at("[게티이미지뱅크 제공]이러한 결과는 민간 부문 AI 투자액과도 "
		 "무관치 않다. 지난해 한국은 AI 부문에 13억 달러(한화 약 "
		 "1조9100억원)를 투자하며 전체 11위를 차지했다. 2022년 이후 "
		 "해마다 하락세다.",
		 "13억",
		 "지난해 한국은 AI 부문에 13억 달러(한화 약 1조9100억원)를 "
		 "투자하며 전체 11위를 차지했다.");
	check_at("투자가 적다.소프트웨어정책연구소(SPRi)가 발표했다.", "SPRi",
		 "소프트웨어정책연구소(SPRi)가 발표했다.");
	return nf_test_done("sentence_test");
}
