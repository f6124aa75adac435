/*
 * extract/text.c - display normalisation and the boilerplate rules that
 * run over body text, shared by the HTML and the plain-text paths.
 *
 * Archived scraped text has no line breaks (the seed): captions, datelines
 * and sentences are glued together, so every rule here works inline on a
 * line first and only then on whole lines.
 */
#include "extract/article.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "base/utf8.h"
#include "base/banned.h"

/* ---- display normalisation ------------------------------------------ */

static bool
is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0xA0 ||
	       c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
	       c == 0x205F || c == 0x1680 || c == 0x85;
}

static bool
is_deleted_cp(uint32_t c)
{
	return c == 0x200B || c == 0xAD || c == 0xFEFF || c == 0x2060 ||
	       (c < 0x20 && c != '\n' && c != '\v' && !is_space_cp(c)) ||
	       c == 0x7F;
}

/*
 * Append one normalised line: spaces collapsed, no leading or trailing
 * space.  `pending` tracks a space that is only written before the next
 * visible character.
 */
static nf_err
emit_cp(struct nf_buf *out, uint32_t c, bool *pending, bool *line_start)
{
	char enc[4];
	nf_err err;

	if (c == '\n' || c == '\v') {
		*pending = false;
		*line_start = true;
		return nf_buf_append_char(out, (char)c);
	}
	if (is_space_cp(c)) {
		if (!*line_start)
			*pending = true;
		return NF_OK;
	}
	if (is_deleted_cp(c))
		return NF_OK;
	if (*pending) {
		err = nf_buf_append_char(out, ' ');
		if (err)
			return err;
		*pending = false;
	}
	*line_start = false;
	return nf_buf_append(out, enc, nf_utf8_encode(c, enc));
}

nf_err
nf_article_normalize(struct nf_buf *out, const char *s, size_t len)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
	UChar *u16 = NULL, *norm = NULL;
	int32_t u16len = 0, normlen;
	bool pending = false, line_start = true;
	nf_err err = NF_OK;

	if (U_FAILURE(status))
		return nf_fail(NF_ERR_INTERNAL, "icu: NFC: %s",
			       u_errorName(status));
	if (len == 0) {
		nf_buf_terminate(out);
		return NF_OK;
	}
	if (len > INT32_MAX / 2)
		return nf_fail(NF_ERR_LIMIT, "normalize: %zu bytes is too long",
			       len);
	u16 = nf_xmalloc(sizeof(UChar) * (len + 1));
	u_strFromUTF8WithSub(u16, (int32_t)len + 1, &u16len, s, (int32_t)len,
			     0xFFFD, NULL, &status);
	if (U_FAILURE(status)) {
		err = nf_fail(NF_ERR_INTERNAL, "icu: from UTF-8: %s",
			      u_errorName(status));
		goto out;
	}
	/* NFC never grows Hangul text by much; retry once when it does. */
	normlen = u16len + 16;
	norm = nf_xmalloc(sizeof(UChar) * (size_t)normlen);
	normlen = unorm2_normalize(nfc, u16, u16len, norm, normlen, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR) {
		status = U_ZERO_ERROR;
		norm = nf_xrealloc(norm, sizeof(UChar) * (size_t)(normlen + 1));
		normlen = unorm2_normalize(nfc, u16, u16len, norm, normlen + 1,
					   &status);
	}
	if (U_FAILURE(status)) {
		err = nf_fail(NF_ERR_INTERNAL, "icu: NFC: %s",
			      u_errorName(status));
		goto out;
	}
	for (int32_t i = 0; i < normlen && !err;) {
		UChar32 c;

		U16_NEXT(norm, i, normlen, c);
		if (c < 0 || U_IS_SURROGATE(c))
			c = 0xFFFD;
		err = emit_cp(out, (uint32_t)c, &pending, &line_start);
	}
	nf_buf_terminate(out);
out:
	free(u16);
	free(norm);
	return err;
}

/* ---- patterns -------------------------------------------------------- */

/*
 * The Korean boilerplate patterns.  Compiled once per process; PCRE2 code
 * is read-only after compilation, so threads may share it.
 */
enum rx_id {
	RX_WIRE_LEAD, /* (서울=연합뉴스) 홍길동 기자 = */
	RX_BRACKET_LINE, /* [헤럴드경제=박혜림 기자], [OSEN=대전, 지형준 기자]
			  */
	RX_BRACKET_NAME, /* [스포츠조선 안소윤 기자], [홍길동 기자] */
	RX_CREDIT, /* [유튜브 캡처], [연합뉴스 제공], [사진=…] */
	RX_COPYRIGHT,	/* 무단전재, 재배포 금지, ⓒ, Copyright … */
	RX_COPY_GROUP,	/* a bracketed copyright notice */
	RX_EMAIL_GROUP, /* [id@example.com] */
	RX_BYLINE_LINE, /* 홍길동 기자 (id@example.com) */
	RX_EMAIL_LINE,	/* a line that is only an e-mail */
	RX_MARKER_LINE, /* [앵커], 【 기자 】 */
	RX_MARKER_PREFIX, /* [앵커] at the start of a sentence */
	RX_RELATED_LINE,  /* ▶, [관련기사], 많이 본 뉴스 */
	RX_CAPTION_LINE, /* 사진=…, /사진=… suffix, 사진은 기사 내용과 무관 */
	RX_CREDITS_LINE, /* 영상취재 : 홍길동, ( 취재 : … / 영상편집 : … ) */
	RX_SIGNOFF_LINE, /* MBN뉴스 안진우입니다. / 안진우 기자입니다. */
	RX_JUNK_LINE, /* 제보 footers, (끝), 좋아요 0, comment counts */
	RX_BYLINE_BRACKET, /* [이남경 MBN스타 기자] */
	RX_TAIL_BYLINE, /* …처리했다.부산=선수민 기자 id@example.com */
	RX_TAIL_EMAIL,	 /* "… 2023.04.07 /jpnews@osen.co.kr" */
	RX_STAMP_LINE,	 /* 입력 2009.05.21 14:30 | 박가상 기자 */
	RX_EN_JUNK_LINE, /* Advertisement, Share this on X, Tags, 12 comments */
	RX_TAIL_HEAD, /* You may also like..., Related Articles, Most Popular */
	RX_EMAIL,
	RX_COUNT
};

static const char *const rx_src[RX_COUNT] = {
    [RX_WIRE_LEAD] =
	"\\(\\s*[\\p{Hangul}A-Za-z·ㆍ ]{1,12}\\s*=\\s*([^()=]{1,20}?)\\s*\\)"
	"\\s*(?:((?:[\\p{Hangul}]{2,4}\\s*[·ㆍ, ]\\s*)*[\\p{Hangul}]{2,4})"
	"\\s*(?:선임|수석|전문|객원|인턴|수습)?\\s*(?:기자|특파원)\\s*)?=\\s*",
    [RX_BRACKET_LINE] =
	"\\[\\s*([^\\[\\]=]{1,30}?)\\s*=\\s*([^\\[\\]=]{1,40}?)\\s*"
	"(?:선임|수석|전문|객원|인턴|수습)?\\s*(?:기자|특파원|통신원)\\s*\\]",
    [RX_BRACKET_NAME] =
	"\\[\\s*(?:([\\p{Hangul}A-Za-z0-9]{1,20})\\s+)?"
	"([\\p{Hangul}]{2,4})\\s*(?:선임|수석|전문|객원|인턴|수습)?\\s*"
	"(?:기자|특파원)\\s*\\]",
    [RX_CREDIT] =
	"[\\[(]\\s*(?:사진\\s*(?:출처|제공)?\\s*[=:][^\\[\\]()]{1,60}|"
	"[^\\[\\]()=]{1,50}?\\s*(?:캡처|캡쳐|제공|자료\\s*사진|DB|"
	"뱅크)\\s*)[\\])]",
    [RX_COPYRIGHT] =
	"(?i)무단\\s*전재|재배포\\s*금지|무단\\s*복제|배포\\s*금지|"
	"all\\s+rights\\s+reserved|copyrights?\\b|ⓒ|©|저작권자",
    [RX_COPY_GROUP] =
	"(?i)[\\[<〈]\\s*[^\\[\\]<>〈〉]{0,80}?(?:무단\\s*전재|재배포\\s*금지|"
	"무단\\s*복제|all\\s+rights\\s+reserved|copyrights?\\b|ⓒ|©|"
	"저작권자)[^\\[\\]<>〈〉]{0,120}[\\]>〉]",
    [RX_EMAIL_GROUP] = "[\\[(<]\\s*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\."
		       "[A-Za-z]{2,}\\s*[\\])>]",
    [RX_BYLINE_LINE] =
	"^[\\[(]?\\s*(?:글[·ㆍ]?사진\\s*|사진[·ㆍ]?글\\s*)?"
	"((?:[\\p{Hangul}]{2,4}\\s*[·ㆍ,]\\s*)*[\\p{Hangul}]{2,4})\\s*"
	"(?:선임|수석|전문|객원|인턴|수습|논설)?\\s*"
	"(?:기자|특파원|논설위원|위원|통신원|PD)\\s*[\\])]?"
	"\\s*(?:[\\[(<]?\\s*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"
	"\\s*[\\])>]?)?\\s*(?:\\|\\s*[0-9.: -]{8,20})?$",
    [RX_EMAIL_LINE] =
	"^[\\[(<]?\\s*(?:[\\p{Hangul}A-Za-z]{1,12}\\s+)?"
	"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\s*[\\])>]?$",
    [RX_MARKER_LINE] =
	"^[\\[【<]\\s*(?:앵커|앵커\\s*멘트|앵커\\s*코멘트|리포트|기자|"
	"기자\\s*멘트|기자\\s*리포트|인터뷰|녹취|현장음|싱크|자막|클로징|"
	"앵커\\s*리포트|뉴스\\s*리뷰)\\s*[\\]】>]$",
    [RX_MARKER_PREFIX] = "^[\\[【]\\s*(?:앵커|앵커\\s*멘트|리포트|기자)\\s*"
			 "[\\]】]\\s*",
    [RX_RELATED_LINE] =
	"^(?:▶(?!\\s*(?:인터뷰|싱크|녹취|현장음|스탠드업|"
	"[\\p{Hangul}A-Za-z ]{1,12}\\s*[:：]))|☞|"
	"\\[\\s*관련\\s*기사\\s*\\]|관련\\s*기사|많이\\s*본\\s*(?:뉴스|기사)|"
	"주요\\s*뉴스$|인기\\s*기사$|추천\\s*기사$|기사\\s*더\\s*보기|"
	"이\\s*시각\\s*(?:주요|인기))",
    [RX_CAPTION_LINE] =
	"^\\[?\\s*사진\\s*(?:출처|제공)?\\s*[=:]|/\\s*사진\\s*=\\s*"
	"[^/]{1,40}$|사진은\\s*기사\\s*(?:내용|본문)과\\s*(?:무관|관계\\s*없)|"
	"^\\(\\s*사진\\s*[=:].*\\)$|^\\[?\\s*자료\\s*사진\\s*\\]?$|"
	"^/\\s*[\\p{Hangul}A-Za-z]{2,12}$|^[↑▲△]|사진\\s*=|"
	"화면\\s*캡[처쳐]|^\\S{2,4}\\s*/\\s*사진",
    [RX_CREDITS_LINE] = "^\\(?\\s*(?:영상\\s*취재|영상\\s*편집|촬영\\s*기자|"
			"그래픽|화면\\s*제공|"
			"자료\\s*제공|취재|제작|구성|연출|촬영|편집|디자인|"
			"취재\\s*지원)\\s*[:：]"
			".{0,120}$",
    [RX_SIGNOFF_LINE] =
	"^(?:(?:MBN|KBS|MBC|SBS|YTN|JTBC|연합뉴스\\s*TV|연합뉴스|TV조선|"
	"채널A|OBS)\\s*(?:뉴스)?\\s*([\\p{Hangul}]{2,4})(?:\\s*기자)?|"
	"([\\p{Hangul}]{2,4})\\s*기자)\\s*입니다\\s*\\.?\\s*"
	"(?:[\\[(<]\\s*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\s*[\\])>])?$",
    [RX_JUNK_LINE] =
	"^(?:※\\s*'?\\s*당신의\\s*제보|\\[\\s*(?:카카오톡|전화|메일|이메일|"
	"제보|홈페이지|유튜브)\\s*\\]|\\(\\s*끝\\s*\\)$|"
	"(?:좋아요|싫어요|추천|공유)\\s*\\d*$|\\d*\\s*개의\\s*댓글|"
	"지금까지\\s*[^.]{1,20}에서\\s*전해\\s*드렸습니다|"
	"(?:MBN|KBS|MBC|SBS|YTN|JTBC|TV조선|채널A|OBS)\\s+[\\p{Hangul}]{2,4}$|"
	"<!--|#--|-->|(?:#[^\\s#]+\\s*)+$)|기사\\s*문의\\s*및\\s*제보|"
	"제보\\s*하기",
    [RX_BYLINE_BRACKET] = "^\\[\\s*([\\p{Hangul}]{2,4})\\s+[^\\[\\]]{1,20}?\\s*"
			  "(?:기자|특파원)\\s*\\]$",
    [RX_TAIL_BYLINE] =
	"(?:[\\p{Hangul}]{1,6}\\s*=\\s*)?((?:[\\p{Hangul}]{2,4}\\s*[·ㆍ,]\\s*)*"
	"[\\p{Hangul}]{2,4})\\s*(?:선임|수석|전문|객원|인턴|수습)?\\s*"
	"(?:기자|특파원)\\s*[\\[(<]?[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\."
	"[A-Za-z]{2,}\\s*[\\])>]?\\s*$",
    [RX_TAIL_EMAIL] = "\\s*(?:\\d{4}\\.\\d{1,2}\\.\\d{1,2}\\.?\\s*)?/\\s*"
		      "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\s*$",
    [RX_STAMP_LINE] =
	"^[\\[(]?\\s*(?:입력|수정|등록|승인|송고|기사\\s*입력|최종\\s*수정|"
	"업데이트|발행\\s*일시?|작성\\s*일시?)\\s*(?:일시?)?\\s*[:：]?\\s*"
	"[0-9]{2,4}\\s*[.\\-/년]\\s*[0-9]{1,2}\\s*[.\\-/월]\\s*[0-9]{1,2}"
	".{0,100}$",
    [RX_EN_JUNK_LINE] =
	"(?i)^(?:advertisements?|advert|ad|sponsored(?:\\s+(?:links?|content))?"
	"|"
	"share(?:\\s+this(?:\\s+(?:on|via)\\s+\\w+)?)?|tweet|tags?\\s*:?|"
	"\\d*\\s*comments?|(?:previous|next)\\s+(?:post|article|story)|"
	"read\\s+more|continue\\s+reading|print|e-?mail|"
	"(?:subscribe|sign\\s+(?:up|in))(?:\\s+(?:now|today|here))?|"
	"subscribe\\s+sign\\s+in|follow\\s+us(?:\\s+on\\s+[\\w ]{1,30})?|"
	"(?:tell\\s+us\\s+what\\s+you\\s+think|leave\\s+a\\s+(?:comment|"
	"reply))\\W*|this\\s+slideshow\\s+requires\\s+javascript\\.?)\\s*$",
    [RX_TAIL_HEAD] =
	"(?i)^(?:you\\s+(?:may|might)\\s+also\\s+(?:like|enjoy|be\\s+"
	"interested\\s+in)|related\\s+(?:articles?|posts?|stories|"
	"coverage|content|reading)|(?:more|recommended)\\s+(?:stories|"
	"articles|reading)|most\\s+(?:popular|read|viewed|shared)"
	"(?:\\s+\\w+)?|read\\s+next|more\\s+in\\s+[\\w ]{1,30}|"
	"recommended\\s+for\\s+you|trending\\s+now|"
	"(?:about|more\\s+from)\\s+the\\s+author)\\W*$",
    [RX_EMAIL] = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}",
};

static pcre2_code *rx_code[RX_COUNT];
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;

static void
rx_compile(void)
{
	for (int i = 0; i < RX_COUNT; i++) {
		int errcode;
		PCRE2_SIZE erroff;

		rx_code[i] =
		    pcre2_compile((PCRE2_SPTR)rx_src[i], PCRE2_ZERO_TERMINATED,
				  PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
				  &errcode, &erroff, NULL);
		/* JIT is a speed-up only; without it matching still works. */
		if (rx_code[i])
			pcre2_jit_compile(rx_code[i], PCRE2_JIT_COMPLETE);
		if (!rx_code[i]) {
			PCRE2_UCHAR msg[256];

			pcre2_get_error_message(errcode, msg, sizeof(msg));
			nf_log_error("extract: pattern %d at %zu: %s", i,
				     (size_t)erroff, (const char *)msg);
		}
	}
}

/* A match of pattern `id` in s[start..n); ov gets the offsets. */
struct rx_match {
	size_t start, end;
	size_t g[4][2]; /* groups 1..4, SIZE_MAX when unset */
};

/*
 * One match block per thread, big enough for every pattern (none has
 * more than four groups), made on first use and freed at thread exit.
 */
static pthread_key_t rx_md_key;
static pthread_once_t rx_md_once = PTHREAD_ONCE_INIT;

static void
rx_md_free(void *md)
{
	pcre2_match_data_free(md);
}

static void
rx_md_init(void)
{
	pthread_key_create(&rx_md_key, rx_md_free);
}

static pcre2_match_data *
rx_md(void)
{
	pcre2_match_data *md;

	pthread_once(&rx_md_once, rx_md_init);
	md = pthread_getspecific(rx_md_key);
	if (!md) {
		md = pcre2_match_data_create(8, NULL);
		pthread_setspecific(rx_md_key, md);
	}
	return md;
}

/*
 * Text reaching the patterns comes out of nf_article_normalize(), which
 * writes valid UTF-8 only (invalid bytes become U+FFFD), so PCRE2's UTF
 * check on every call is skipped.
 */
/*
 * Bytes a pattern cannot match without: a memchr over the line is far
 * cheaper than running the pattern, and most lines hold no '@', '=' or
 * "입니다".  A pattern's entry must name only what every match contains.
 */
static bool
rx_may_match(enum rx_id id, const char *s, size_t n)
{
	switch (id) {
	case RX_EMAIL:
	case RX_EMAIL_GROUP:
	case RX_EMAIL_LINE:
	case RX_TAIL_BYLINE:
	case RX_TAIL_EMAIL:
		return memchr(s, '@', n) != NULL;
	case RX_WIRE_LEAD:
		return memchr(s, '=', n) && memchr(s, '(', n) &&
		       memchr(s, ')', n);
	case RX_BRACKET_LINE:
		return memchr(s, '=', n) && memchr(s, '[', n) &&
		       memchr(s, ']', n);
	case RX_BRACKET_NAME:
		return memchr(s, '[', n) && memchr(s, ']', n);
	case RX_CREDIT:
		return memchr(s, '[', n) || memchr(s, '(', n);
	case RX_SIGNOFF_LINE:
		return memmem(s, n, "입니다", strlen("입니다")) != NULL;
	default:
		return true;
	}
}

static bool
rx_find(enum rx_id id, const char *s, size_t n, size_t start,
	struct rx_match *m)
{
	pcre2_match_data *md;
	int rc;

	pthread_once(&rx_once, rx_compile);
	if (!rx_code[id] || start > n || !rx_may_match(id, s + start, n - start))
		return false;
	md = rx_md();
	rc = pcre2_match(rx_code[id], (PCRE2_SPTR)s, n, start,
			 PCRE2_NO_UTF_CHECK, md, NULL);
	if (rc > 0 && m) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

		m->start = ov[0];
		m->end = ov[1];
		for (int k = 0; k < 4; k++) {
			bool set = k + 1 < rc && ov[2 * (k + 1)] != PCRE2_UNSET;

			m->g[k][0] = set ? ov[2 * (k + 1)] : SIZE_MAX;
			m->g[k][1] = set ? ov[2 * (k + 1) + 1] : SIZE_MAX;
		}
	}
	return rc > 0;
}

static bool
rx_test(enum rx_id id, const char *s, size_t n)
{
	return rx_find(id, s, n, 0, NULL);
}

/* ---- names ----------------------------------------------------------- */

static const char *const role_words[] = {
    "선임기자", "수석기자",   "전문기자", "객원기자", "인턴기자",
    "수습기자", "칼럼니스트", "논설위원", "편집위원", "특파원",
    "통신원",	"기자",	      "앵커",	  "리포터",   "캐스터",
    "PD",	"선임",	      "수석",	  "객원",     "인턴",
};

/* Does s[0..n) hold a role word (기자, 칼럼니스트, PD, ...)? */
static bool
has_role_word(const char *s, size_t n)
{
	for (size_t k = 0; k < sizeof(role_words) / sizeof(role_words[0]);
	     k++)
		if (memmem(s, n, role_words[k], strlen(role_words[k])))
			return true;
	return false;
}

static bool
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static void
trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '(' || **s == '[' || **s == '<' ||
		      **s == '=')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == ')' ||
		      (*s)[*n - 1] == '(' || (*s)[*n - 1] == '[' ||
		      (*s)[*n - 1] == ']' || (*s)[*n - 1] == '>' ||
		      (*s)[*n - 1] == '=' || (*s)[*n - 1] == '.'))
		(*n)--;
}

static bool
is_hangul_word(const char *s, size_t n, size_t min, size_t max)
{
	size_t i = 0, count = 0;

	while (i < n) {
		uint32_t c = nf_utf8_next(s, n, &i);

		if (c < 0xAC00 || c > 0xD7A3)
			return false;
		count++;
	}
	return count >= min && count <= max;
}

/* Push a copy of s[0..n) unless `names` has it; returns 1 if pushed. */
static size_t
push_name(struct nf_strv *names, const char *s, size_t n)
{
	char *name = nf_xstrndup(s, n);

	if (nf_strv_contains(names, name)) {
		free(name);
		return 0;
	}
	nf_strv_push(names, name);
	return 1;
}

static size_t
add_one_name(struct nf_strv *names, const char *s, size_t n)
{
	bool had_role = false;
	bool again = true;

	/* "스포츠조선=선수민 기자": the outlet comes before '='. */
	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] == '=') {
			s += i;
			n -= i;
			break;
		}
	}
	trim(&s, &n);
	/* "칼럼니스트 박생강": the role before the name. */
	for (size_t k = 0; k < sizeof(role_words) / sizeof(role_words[0]);
	     k++) {
		size_t rl = strlen(role_words[k]);

		if (n > rl + 1 && memcmp(s, role_words[k], rl) == 0 &&
		    s[rl] == ' ' &&
		    is_hangul_word(s + rl + 1, n - rl - 1, 2, 4)) {
			s += rl + 1;
			n -= rl + 1;
			break;
		}
	}
	/* "By Corey Kilgannon" in a meta author. */
	if (n > 3 && strncasecmp(s, "by ", 3) == 0) {
		s += 3;
		n -= 3;
		trim(&s, &n);
	}
	while (again) {
		again = false;
		for (size_t k = 0;
		     k < sizeof(role_words) / sizeof(role_words[0]); k++) {
			if (ends_with(s, n, role_words[k]) &&
			    n > strlen(role_words[k])) {
				n -= strlen(role_words[k]);
				trim(&s, &n);
				had_role = true;
				again = true;
			}
		}
	}
	/* "스포츠조선 안소윤 기자": the name is the last word. */
	if (had_role) {
		const char *sp = NULL;

		for (size_t i = 0; i < n; i++)
			if (s[i] == ' ')
				sp = s + i;
		const char *first_sp = memchr(s, ' ', n);

		if (sp &&
		    is_hangul_word(sp + 1, n - (size_t)(sp + 1 - s), 2, 4)) {
			n -= (size_t)(sp + 1 - s);
			s = sp + 1;
		} else if (first_sp &&
			   is_hangul_word(s, (size_t)(first_sp - s), 2, 4)) {
			n = (size_t)(first_sp - s);
		}
	}
	if (n == 0 || n > 60)
		return 0;
	return push_name(names, s, n);
}

/* " F." or " F" then the end, a comma or a space: one initial. */
static bool
is_initial(const char *s)
{
	while (*s == ' ')
		s++;
	if (!(*s >= 'A' && *s <= 'Z'))
		return false;
	s++;
	if (*s == '.')
		s++;
	return *s == '\0' || *s == ',' || *s == ' ' || *s == '\n';
}

size_t
nf_article_add_names(struct nf_strv *names, const char *s, size_t len)
{
	struct nf_buf clean = NF_BUF_INIT(0);
	struct rx_match m;
	size_t added = 0, i, start;
	const char *p;

	if (nf_article_normalize(&clean, s, len) != NF_OK) {
		nf_buf_release(&clean);
		return 0;
	}
	/* Blank out e-mails and links ("Bradley M. Kuhn (http://…)"),
	 * then split on the name separators. */
	i = 0;
	while (rx_find(RX_EMAIL, clean.data, clean.len, i, &m)) {
		memset(clean.data + m.start, ' ', m.end - m.start);
		i = m.end;
	}
	for (char *h = strstr(clean.data, "http"); h; h = strstr(h, "http")) {
		if (strncmp(h, "http://", 7) != 0 &&
		    strncmp(h, "https://", 8) != 0) {
			h += 4;
			continue;
		}
		while (*h && *h != ' ' && *h != ')' && *h != '\n')
			*h++ = ' ';
	}
	/* The "()" a link or e-mail leaves. */
	for (char *h = strstr(clean.data, "("); h; h = strstr(h + 1, "(")) {
		size_t k = strspn(h + 1, " ");

		if (h[1 + k] == ')')
			memset(h, ' ', k + 2);
	}
	p = clean.data;
	start = 0;
	for (i = 0; i <= clean.len; i++) {
		bool sep = i == clean.len || p[i] == ',' || p[i] == '/' ||
			   p[i] == '&' || p[i] == '\n';
		size_t w = 0;

		/* "Kooman, F.": a comma before an initial is inside one
		 * name written surname first. */
		if (i < clean.len && p[i] == ',' && is_initial(p + i + 1))
			sep = false;

		if (!sep && i + 2 <= clean.len &&
		    ((unsigned char)p[i] == 0xC2 &&
		     (unsigned char)p[i + 1] == 0xB7))
			w = 2; /* · U+00B7 */
		if (!sep && i + 3 <= clean.len && (unsigned char)p[i] == 0xE3 &&
		    (unsigned char)p[i + 1] == 0x86 &&
		    (unsigned char)p[i + 2] == 0x8D)
			w = 3; /* ㆍ U+318D */
		if (!sep && !w)
			continue;
		added += add_one_name(names, p + start, i - start);
		start = i + (w ? w : 1);
		if (w)
			i += w - 1;
	}
	/* "이서연·박준호 기자": the role word sat on the last name only. */
	nf_buf_release(&clean);
	return added;
}

/* ---- visible bylines in Latin script ------------------------------- */

/* Words that lead a byline and are not part of a name. */
static const char *const byline_leads[] = {
    "by", "written by", "words by", "story by", "par", "von", "por", "door",
};

/* Lower-case words inside names: "Michiel de Jong", "Ludwig van Beek". */
static const char *const name_particles[] = {
    "de",  "van",   "von", "der", "den", "da", "di", "du",  "le",  "la",
    "del", "della", "dos", "das", "bin", "al", "el", "ter", "ten",
};

/* Capitalised words that end the names: dates, roles, labels. */
static const char *const byline_stops[] = {
    "January",	  "February",	 "March",      "April",		"May",
    "June",	  "July",	 "August",     "September",	"October",
    "November",	  "December",	 "Jan",	       "Feb",		"Mar",
    "Apr",	  "Jun",	 "Jul",	       "Aug",		"Sep",
    "Sept",	  "Oct",	 "Nov",	       "Dec",		"Monday",
    "Tuesday",	  "Wednesday",	 "Thursday",   "Friday",	"Saturday",
    "Sunday",	  "Updated",	 "Published",  "Posted",	"Last",
    "Staff",	  "Senior",	 "Reporter",   "Correspondent", "Editor",
    "Writer",	  "Contributor", "Columnist",  "Photos",	"Photo",
    "Follow",	  "Email",	 "Contact",    "More",		"Read",
    "The",	  "Special",	 "Chief",      "Associate",	"Contributing",
    "Edited",	  "Illustrated", "Translated", "Reviewed",	"Produced",
    "Additional", "Reporting",	 "Video",      "Graphics",	"Updates",
};

/* Words between two names. */
static const char *const name_joins[] = {"and", "&", "und", "et", "y", "e"};

static bool
word_in(const char *w, size_t n, const char *const *list, size_t count,
	bool nocase)
{
	for (size_t k = 0; k < count; k++)
		if (strlen(list[k]) == n &&
		    (nocase ? strncasecmp(w, list[k], n) == 0
			    : memcmp(w, list[k], n) == 0))
			return true;
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Push the name words[from..to) (byte range of `s`) when it has two to
 * five words; a single word is an outlet or a handle ("AFP", "Staff").
 */
static size_t
push_latin_name(struct nf_strv *names, const char *s, size_t start, size_t end,
		int words)
{
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == ','))
		end--;
	if (words < 2 || words > 5 || end <= start)
		return 0;
	return push_name(names, s + start, end - start);
}

size_t
nf_article_add_byline_names(struct nf_strv *names, const char *s, size_t len)
{
	struct nf_buf clean = NF_BUF_INIT(0);
	size_t added = 0, i = 0, name_start = 0;
	int words = 0;
	const char *p;
	size_t n;

	if (nf_article_normalize(&clean, s, len) != NF_OK)
		goto out;
	p = clean.data;
	n = clean.len;
	for (size_t k = 0; k < n; k++)
		if (p[k] == '\n')
			clean.data[k] = ' ';
	while (i < n && p[i] == ' ')
		i++;
	/* "By", "Written by": each lead word is skipped once. */
	for (size_t k = 0; k < COUNT(byline_leads); k++) {
		size_t kl = strlen(byline_leads[k]);

		if (i + kl < n &&
		    strncasecmp(p + i, byline_leads[k], kl) == 0 &&
		    (p[i + kl] == ' ' || p[i + kl] == ':')) {
			i += kl + 1;
			while (i < n && (p[i] == ' ' || p[i] == ':'))
				i++;
			break;
		}
	}
	name_start = i;
	while (i < n) {
		size_t w = i, we, j;
		uint32_t c;
		bool comma = false, stop = false, sep = false;

		while (i < n && p[i] != ' ')
			i++;
		we = i;
		while (i < n && p[i] == ' ')
			i++;
		if (we > w && p[we - 1] == ',') {
			comma = true;
			we--;
		}
		if (we == w)
			continue;
		j = w;
		/* "(R.J.)", "“Ace”": the letter after opening marks. */
		while (j < we && (p[j] == '(' || p[j] == '"' || p[j] == '\''))
			j++;
		c = nf_utf8_next(p, we, &j);
		if (word_in(p + w, we - w, name_joins, COUNT(name_joins),
			    false)) {
			sep = true;
		} else if (memchr(p + w, '@', we - w) ||
			   memchr(p + w, '|', we - w) ||
			   memchr(p + w, '/', we - w) ||
			   strcspn(p + w, "0123456789") < we - w ||
			   word_in(p + w, we - w, byline_stops,
				   COUNT(byline_stops), false)) {
			stop = true;
		} else if (words > 0 && word_in(p + w, we - w, name_particles,
						COUNT(name_particles), false)) {
			words++;
		} else if (u_isupper((UChar32)c) || u_istitle((UChar32)c)) {
			words++;
		} else {
			stop = true;
		}
		if (stop) {
			added +=
			    push_latin_name(names, p, name_start, w, words);
			words = 0;
			break;
		}
		if (sep) {
			added +=
			    push_latin_name(names, p, name_start, w, words);
			words = 0;
			name_start = i;
		} else if (comma) {
			added +=
			    push_latin_name(names, p, name_start, we, words);
			words = 0;
			name_start = i;
		}
	}
	if (words)
		added += push_latin_name(names, p, name_start, n, words);
out:
	nf_buf_release(&clean);
	return added;
}

void
nf_article_byline_release(struct nf_article_byline *b)
{
	nf_strv_release(&b->names);
	free(b->site);
	free(b->headline);
	memset(b, 0, sizeof(*b));
}

static void
push_caption(struct nf_article *a, const char *s, size_t n)
{
	char *c;

	while (n && *s == ' ') {
		s++;
		n--;
	}
	while (n && s[n - 1] == ' ')
		n--;
	if (!n)
		return;
	c = nf_xstrndup(s, n);
	if (nf_strv_contains(&a->captions, c))
		free(c);
	else
		nf_strv_push(&a->captions, c);
}

/* ---- inline rules ---------------------------------------------------- */

struct span {
	size_t start, end;
};

struct spans {
	struct span *v;
	size_t n, alloc;
};

static void
spans_add(struct spans *sp, size_t start, size_t end)
{
	if (sp->n == sp->alloc) {
		sp->alloc = sp->alloc ? sp->alloc * 2 : 8;
		sp->v = nf_xrealloc(sp->v, sp->alloc * sizeof(*sp->v));
	}
	sp->v[sp->n].start = start;
	sp->v[sp->n].end = end;
	sp->n++;
}

static bool
spans_overlap(const struct spans *sp, size_t start, size_t end)
{
	for (size_t i = 0; i < sp->n; i++)
		if (start < sp->v[i].end && sp->v[i].start < end)
			return true;
	return false;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static bool
is_digit_at(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Bytes of the closing quote starting at s[i], or 0. */
static size_t
closing_quote_len(const char *s, size_t n, size_t i)
{
	if (i < n && (s[i] == '"' || s[i] == '\''))
		return 1;
	if (i + 3 <= n && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x9D ||
	     (unsigned char)s[i + 2] == 0x99))
		return 3; /* ” ’ */
	return 0;
}

/*
 * Start of the sentence that ends at `end` (exclusive), not before `lo`.
 * A sentence ends after '.', '!' or '?' (plus closing quotes) unless the
 * dot sits between digits; glued sentences ("상황이다.미") still split.
 */
static size_t
sentence_start(const char *s, size_t lo, size_t end)
{
	size_t i = end;

	while (i > lo && s[i - 1] == ' ')
		i--;
	/* Skip this sentence's own terminator and quotes. */
	while (i > lo) {
		if (s[i - 1] == '.' || s[i - 1] == '!' || s[i - 1] == '?' ||
		    s[i - 1] == '"' || s[i - 1] == '\'')
			i--;
		else if (i - lo >= 3 && closing_quote_len(s, end, i - 3) == 3)
			i -= 3;
		else
			break;
	}
	while (i > lo) {
		char c = s[i - 1];

		if ((c == '.' || c == '!' || c == '?') &&
		    !(is_digit_at(s, end, i) && i >= 2 &&
		      is_digit_at(s, end, i - 2))) {
			size_t j = i;

			while (j < end && s[j] == ' ')
				j++;
			return j;
		}
		i--;
	}
	return lo;
}

/* Korean declarative or question endings mark a body sentence. */
static bool
is_body_sentence(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == '!' ||
		     s[n - 1] == '?'))
		n--;
	while (n && closing_quote_len(s, n, n - 1) == 1)
		n--;
	while (n >= 3 && closing_quote_len(s, n, n - 3) == 3)
		n -= 3;
	return ends_with(s, n, "다") || ends_with(s, n, "요") ||
	       ends_with(s, n, "까") || ends_with(s, n, "죠") ||
	       ends_with(s, n, "니다");
}

static bool
contains(const char *s, size_t n, const char *needle)
{
	return memmem(s, n, needle, strlen(needle)) != NULL;
}

/*
 * The caption that precedes a credit bracket at `b`: the run of short,
 * non-declarative sentences (at most three) back to the previous body
 * sentence.  "사진은 기사 내용과 무관함." is always a caption sentence.
 */
static size_t
caption_start(const char *s, size_t lo, size_t b)
{
	size_t start = b;

	for (int k = 0; k < 3 && start > lo; k++) {
		size_t ss = sentence_start(s, lo, start);
		size_t len = start - ss;
		bool strong = contains(s + ss, len, "무관") ||
			      contains(s + ss, len, "자료사진") ||
			      contains(s + ss, len, "사진=");

		if (ss == start)
			break;
		if (!strong && (nf_utf8_count(s + ss, len) > 60 ||
				is_body_sentence(s + ss, len)))
			break;
		start = ss;
	}
	return start;
}

static char *
group_dup(const char *s, const struct rx_match *m, int k)
{
	if (m->g[k][0] == SIZE_MAX)
		return NULL;
	const char *p = s + m->g[k][0];
	size_t n = m->g[k][1] - m->g[k][0];

	trim(&p, &n);
	return n ? nf_xstrndup(p, n) : NULL;
}

static void
set_site(struct nf_article_byline *found, char *site)
{
	if (site && !found->site)
		found->site = site;
	else
		free(site);
}

static void
add_group_names(struct nf_article_byline *found, const char *s,
		const struct rx_match *m, int k)
{
	const char *p;
	size_t n;

	if (m->g[k][0] == SIZE_MAX)
		return;
	p = s + m->g[k][0];
	n = m->g[k][1] - m->g[k][0];
	/* "[OSEN=대전, 지형준 기자]": a place comes before the name. */
	for (size_t i = n; i > 0; i--) {
		if (p[i - 1] == ',') {
			p += i;
			n -= i;
			break;
		}
	}
	/* "한지민 박도윤 기자": names separated by spaces only. */
	bool all_names = memchr(p, ' ', n) != NULL;

	for (size_t i = 0, w = 0; i <= n && all_names; i++) {
		if (i == n || p[i] == ' ') {
			if (i > w && !is_hangul_word(p + w, i - w, 2, 4) &&
			    !(i == n && i - w >= 6 &&
			      (ends_with(p + w, i - w, "기자") ||
			       ends_with(p + w, i - w, "특파원"))))
				all_names = false;
			w = i + 1;
		}
	}
	if (all_names) {
		char *copy = nf_xstrndup(p, n);

		for (size_t i = 0; i < n; i++)
			if (copy[i] == ' ')
				copy[i] = ',';
		nf_article_add_names(&found->names, copy, n);
		free(copy);
		return;
	}
	nf_article_add_names(&found->names, p, n);
}

/* The headline glued right after a dateline: “…”한국 인공지능… */
static void
headline_after(struct spans *sp, struct nf_article_byline *found, const char *s,
	       size_t n, size_t at)
{
	size_t i = at, q0, close = 0;

	while (i < n && s[i] == ' ')
		i++;
	if (!(i + 3 <= n && (unsigned char)s[i] == 0xE2 &&
	      (unsigned char)s[i + 1] == 0x80 &&
	      (unsigned char)s[i + 2] == 0x9C) &&
	    !(i < n && s[i] == '"'))
		return;
	q0 = i;
	i += s[i] == '"' ? 1 : 3;
	for (size_t cps = 0; i < n && cps < 120; cps++) {
		if (s[i] == '"' || (i + 3 <= n && (unsigned char)s[i] == 0xE2 &&
				    (unsigned char)s[i + 1] == 0x80 &&
				    (unsigned char)s[i + 2] == 0x9D)) {
			close = i + (s[i] == '"' ? 1 : 3);
			break;
		}
		nf_utf8_next(s, n, &i);
	}
	if (!close)
		return;
	/* Only a glued quote is a headline; a spaced one is body speech. */
	if (close < n &&
	    (s[close] == ' ' || s[close] == ',' || s[close] == '.' ||
	     s[close] == '(' || (unsigned char)s[close] < 0x80))
		return;
	if (close < n &&
	    contains(s + close, n - close > 6 ? 6 : n - close, "고"))
		return; /* “…”고 말했다: a quotation, not a headline */
	/* The title is the headline without its quotes; the span covers them.
	 */
	size_t open_len = s[q0] == '"' ? 1 : 3;
	size_t close_len = s[close - 1] == '"' ? 1 : 3;
	if (!found->headline && close - q0 > open_len + close_len)
		found->headline = nf_xstrndup(
		    s + q0 + open_len, close - close_len - q0 - open_len);
	spans_add(sp, q0, close);
}

/*
 * Find the inline boilerplate of one line and record its spans: datelines
 * and wire leads (with the headline glued after them), credit brackets
 * with the caption sentences before them, bracketed copyright notices and
 * e-mails.
 */
static void
inline_spans(struct spans *sp, struct nf_article *a,
	     struct nf_article_byline *found, const char *s, size_t n)
{
	struct rx_match m;
	size_t i;

	for (i = 0; rx_find(RX_WIRE_LEAD, s, n, i, &m); i = m.end) {
		if (m.g[1][0] == SIZE_MAX && m.start != 0)
			continue; /* "(서울=연합뉴스) =" only leads a text */
		set_site(found, group_dup(s, &m, 0));
		add_group_names(found, s, &m, 1);
		spans_add(sp, m.start, m.end);
	}
	for (i = 0; rx_find(RX_BRACKET_LINE, s, n, i, &m); i = m.end) {
		char *who;
		char *space;

		if (spans_overlap(sp, m.start, m.end))
			continue;
		/* "[부산=스포츠조선 선수민 기자]": place=outlet name. */
		who = group_dup(s, &m, 1);
		space = who && !strchr(who, ',') ? strrchr(who, ' ') : NULL;
		if (space) {
			*space = '\0';
			set_site(found, who);
		} else {
			free(who);
			set_site(found, group_dup(s, &m, 0));
		}
		add_group_names(found, s, &m, 1);
		spans_add(sp, m.start, m.end);
		headline_after(sp, found, s, n, m.end);
	}
	for (i = 0; rx_find(RX_BRACKET_NAME, s, n, i, &m); i = m.end) {
		if (spans_overlap(sp, m.start, m.end))
			continue;
		set_site(found, group_dup(s, &m, 0));
		add_group_names(found, s, &m, 1);
		spans_add(sp, m.start, m.end);
	}
	if (rx_find(RX_TAIL_BYLINE, s, n, 0, &m) && m.start > 0 &&
	    !spans_overlap(sp, m.start, m.end)) {
		add_group_names(found, s, &m, 0);
		spans_add(sp, m.start, m.end);
	}
	if (rx_find(RX_TAIL_EMAIL, s, n, 0, &m) && m.start > 0 &&
	    !spans_overlap(sp, m.start, m.end))
		spans_add(sp, m.start, m.end);
	for (i = 0; rx_find(RX_COPY_GROUP, s, n, i, &m); i = m.end) {
		if (!spans_overlap(sp, m.start, m.end))
			spans_add(sp, m.start, m.end);
	}
	for (i = 0; rx_find(RX_EMAIL_GROUP, s, n, i, &m); i = m.end) {
		if (!spans_overlap(sp, m.start, m.end))
			spans_add(sp, m.start, m.end);
	}
	for (i = 0; rx_find(RX_CREDIT, s, n, i, &m); i = m.end) {
		size_t lo = 0, cs;

		if (spans_overlap(sp, m.start, m.end))
			continue;
		/* The caption cannot reach back over removed text. */
		for (size_t k = 0; k < sp->n; k++)
			if (sp->v[k].end <= m.start && sp->v[k].end > lo)
				lo = sp->v[k].end;
		cs = caption_start(s, lo, m.start);
		if (cs < m.start) {
			const char *c = s + cs;
			size_t cn = m.start - cs;

			trim(&c, &cn);
			if (cn) {
				/* Keep the final full stop of the caption. */
				if (c + cn < s + m.start && c[cn] == '.')
					cn++;
				push_caption(a, c, cn);
			}
		} else if (cs == 0 && m.end >= n - 1) {
			/* A credit on its own line is the caption we have. */
			push_caption(a, s + m.start + 1, m.end - m.start - 2);
		}
		spans_add(sp, cs, m.end);
	}
}

/* The line with the spans cut out; spaces after a cut are absorbed. */
static void
cut_spans(struct nf_buf *out, struct spans *sp, const char *s, size_t n)
{
	size_t pos = 0;

	if (sp->n)
		qsort(sp->v, sp->n, sizeof(*sp->v), span_cmp);
	for (size_t k = 0; k < sp->n; k++) {
		if (sp->v[k].start > pos)
			nf_buf_append(out, s + pos, sp->v[k].start - pos);
		if (sp->v[k].end > pos)
			pos = sp->v[k].end;
		while (pos < n && s[pos] == ' ')
			pos++;
	}
	if (pos < n)
		nf_buf_append(out, s + pos, n - pos);
	nf_buf_terminate(out);
	while (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

/* ---- line rules ------------------------------------------------------ */

/* Bytes of body text before a "related stories" heading ends the text. */
#define TAIL_CUT_AFTER 400

enum line_kind { LINE_BODY, LINE_DROP, LINE_CAPTION };

static enum line_kind
classify_line(struct nf_article_byline *found, const char *s, size_t n)
{
	struct rx_match m;
	size_t cps = nf_utf8_count(s, n);

	if (rx_test(RX_MARKER_LINE, s, n) || rx_test(RX_RELATED_LINE, s, n))
		return LINE_DROP;
	if (rx_find(RX_BYLINE_LINE, s, n, 0, &m)) {
		add_group_names(found, s, &m, 0);
		return LINE_DROP;
	}
	if (rx_find(RX_BYLINE_BRACKET, s, n, 0, &m)) {
		add_group_names(found, s, &m, 0);
		return LINE_DROP;
	}
	/* "MBN뉴스 안진우입니다": the reporter signs off with a name. */
	if (rx_find(RX_SIGNOFF_LINE, s, n, 0, &m)) {
		add_group_names(found, s, &m, m.g[0][0] != SIZE_MAX ? 0 : 1);
		return LINE_DROP;
	}
	if (rx_test(RX_EMAIL_LINE, s, n) || rx_test(RX_CREDITS_LINE, s, n) ||
	    rx_test(RX_JUNK_LINE, s, n))
		return LINE_DROP;
	if (cps < 80 && rx_test(RX_EN_JUNK_LINE, s, n))
		return LINE_DROP;
	/* A date stamp line (`입력 2009.05.21 14:30 | 박가상 기자`) is
	 * metadata; the page's dates are read elsewhere. */
	if (cps < 120 && rx_test(RX_STAMP_LINE, s, n))
		return LINE_DROP;
	/* "정덕현 칼럼니스트 thekian1@…": a short line ending in an e-mail;
	 * with a role word it names the writer. */
	if (cps < 40 && rx_find(RX_EMAIL, s, n, 0, &m) && m.end >= n - 1) {
		if (has_role_word(s, m.start))
			nf_article_add_names(&found->names, s, m.start);
		return LINE_DROP;
	}
	if (cps < 200 && rx_test(RX_COPYRIGHT, s, n))
		return LINE_DROP;
	if (cps < 200 && rx_test(RX_CAPTION_LINE, s, n))
		return LINE_CAPTION;
	return LINE_BODY;
}

static void
append_paragraph(struct nf_article *a, const char *s, size_t n)
{
	if (a->text.len)
		nf_buf_append(&a->text, "\n\n", 2);
	for (size_t i = 0; i < n; i++)
		nf_buf_append_char(&a->text, s[i] == '\v' ? '\n' : s[i]);
}

nf_err
nf_article_clean(struct nf_article *a, struct nf_article_byline *found,
		 const char *raw, size_t len)
{
	struct nf_buf norm = NF_BUF_INIT(0);
	struct nf_buf line = NF_BUF_INIT(0);
	struct spans sp = {0};
	nf_err err;
	size_t i = 0;

	err = nf_article_normalize(&norm, raw, len);
	if (err)
		goto out;
	while (i < norm.len) {
		const char *s = norm.data + i;
		const char *nl = memchr(s, '\n', norm.len - i);
		size_t n = nl ? (size_t)(nl - s) : norm.len - i;
		struct rx_match m;

		i += n + 1;
		if (n == 0)
			continue;
		sp.n = 0;
		nf_buf_reset(&line);
		inline_spans(&sp, a, found, s, n);
		cut_spans(&line, &sp, s, n);
		if (!line.len)
			continue;
		s = line.data;
		n = line.len;
		/* "You may also like...", "Most Popular Articles" after the
		 * body: the rest is a list of other stories. */
		if (a->text.len >= TAIL_CUT_AFTER && n < 120 &&
		    rx_test(RX_TAIL_HEAD, s, n))
			break;
		if (rx_find(RX_MARKER_PREFIX, s, n, 0, &m) && m.end < n) {
			s += m.end;
			n -= m.end;
		}
		switch (classify_line(found, s, n)) {
		case LINE_BODY:
			append_paragraph(a, s, n);
			break;
		case LINE_CAPTION:
			push_caption(a, s, n);
			break;
		case LINE_DROP:
			break;
		}
	}
	nf_buf_terminate(&a->text);
out:
	free(sp.v);
	nf_buf_release(&norm);
	nf_buf_release(&line);
	return err;
}
