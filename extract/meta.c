/*
 * extract/meta.c - dates and titles as Korean pages write them.
 *
 * Pages give dates in a dozen shapes ("2025.04.08 10:23", "2025. 4. 8.
 * 오후 3:05", ISO 8601 with or without a zone).  Korean newsrooms write
 * local time, so a date without a zone is KST, +09:00.
 */
#include "extract/article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/banned.h"

static const char *const date_labels[] = {
    "기사입력", "최종수정", "최종 수정", "업데이트", "입력",
    "수정",	"송고",	    "등록",	 "승인",     "발행",
    "게재",	"작성",	    "일시",	 "시간",     "일자",
};

static bool
starts(const char *s, size_t n, size_t i, const char *lit)
{
	size_t k = strlen(lit);

	return i + k <= n && memcmp(s + i, lit, k) == 0;
}

static bool
digit(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Up to `max` digits at s[*i]; -1 if none. */
static int
number(const char *s, size_t n, size_t *i, int max)
{
	int v = 0, k = 0;

	while (k < max && digit(s, n, *i)) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k ? v : -1;
}

static void
skip_spaces(const char *s, size_t n, size_t *i)
{
	while (*i < n && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\n' ||
			  s[*i] == '\r'))
		(*i)++;
	/* NBSP */
	while (*i + 1 < n && (unsigned char)s[*i] == 0xC2 &&
	       (unsigned char)s[*i + 1] == 0xA0)
		*i += 2;
}

/* A date separator: '-', '.', '/', 년, 월, spaces, in any mix. */
static bool
skip_date_sep(const char *s, size_t n, size_t *i)
{
	size_t start = *i;

	for (;;) {
		if (*i < n && (s[*i] == '-' || s[*i] == '.' || s[*i] == '/' ||
			       s[*i] == ' '))
			(*i)++;
		else if (starts(s, n, *i, "년") || starts(s, n, *i, "월"))
			*i += 3;
		else
			break;
	}
	return *i > start;
}

/* 오전/오후/AM/PM; returns 0 none, 1 am, 2 pm. */
static int
meridiem(const char *s, size_t n, size_t *i)
{
	if (starts(s, n, *i, "오전")) {
		*i += 6;
		return 1;
	}
	if (starts(s, n, *i, "오후")) {
		*i += 6;
		return 2;
	}
	if (*i + 2 <= n &&
	    (s[*i] == 'A' || s[*i] == 'a' || s[*i] == 'P' || s[*i] == 'p') &&
	    (s[*i + 1] == 'M' || s[*i + 1] == 'm')) {
		int v = (s[*i] == 'A' || s[*i] == 'a') ? 1 : 2;

		*i += 2;
		return v;
	}
	return 0;
}

bool
nf_article_parse_date(char out[NF_ARTICLE_DATE_MAX], const char *s, size_t len)
{
	size_t i = 0;
	int year, mon, day, hour = 0, min = 0, sec = 0, ampm;
	char zone[8] = "+09:00";
	bool again = true;

	while (again) {
		again = false;
		skip_spaces(s, len, &i);
		for (size_t k = 0;
		     k < sizeof(date_labels) / sizeof(date_labels[0]); k++) {
			if (starts(s, len, i, date_labels[k])) {
				i += strlen(date_labels[k]);
				again = true;
			}
		}
		/* "[입력시간 : 2018-08-25 15:24]" */
		if (i < len && (s[i] == ':' || s[i] == '|' || s[i] == '[' ||
				s[i] == '(')) {
			i++;
			again = true;
		}
	}
	if (!digit(s, len, i))
		return false;
	size_t y0 = i;

	year = number(s, len, &i, 4);
	if (i - y0 != 4 || year < 1990 || year > 2100)
		return false;
	if (digit(s, len, i)) {
		/* Compact: 20250408[1023[00]] */
		mon = number(s, len, &i, 2);
		day = number(s, len, &i, 2);
		if (digit(s, len, i)) {
			hour = number(s, len, &i, 2);
			min = number(s, len, &i, 2);
			if (digit(s, len, i))
				sec = number(s, len, &i, 2);
		}
		if (day < 0 || min < 0)
			return false;
		goto zone;
	}
	if (!skip_date_sep(s, len, &i))
		return false;
	mon = number(s, len, &i, 2);
	if (mon < 0 || !skip_date_sep(s, len, &i))
		return false;
	day = number(s, len, &i, 2);
	if (day < 0)
		return false;
	if (starts(s, len, i, "일"))
		i += 3;
	if (i < len && s[i] == '.')
		i++;
	skip_spaces(s, len, &i);
	if (i < len && s[i] == '(') {
		/* "(화)" */
		size_t j = i + 1;

		while (j < len && j < i + 16 && s[j] != ')')
			j++;
		if (j < len && s[j] == ')')
			i = j + 1;
		skip_spaces(s, len, &i);
	}
	if (i < len && s[i] == 'T')
		i++;
	ampm = meridiem(s, len, &i);
	skip_spaces(s, len, &i);
	if (digit(s, len, i)) {
		size_t save = i;

		hour = number(s, len, &i, 2);
		if (i < len && s[i] == ':') {
			i++;
		} else if (starts(s, len, i, "시")) {
			i += 3;
			skip_spaces(s, len, &i);
		} else {
			i = save;
			hour = 0;
			goto date_only;
		}
		min = number(s, len, &i, 2);
		if (min < 0)
			min = 0;
		if (starts(s, len, i, "분")) {
			i += 3;
			skip_spaces(s, len, &i);
		}
		if (i < len && s[i] == ':') {
			i++;
			sec = number(s, len, &i, 2);
			if (sec < 0)
				sec = 0;
		} else if (digit(s, len, i)) {
			sec = number(s, len, &i, 2);
			if (starts(s, len, i, "초"))
				i += 3;
		}
		if (i < len && s[i] == '.' && digit(s, len, i + 1)) {
			i++;
			while (digit(s, len, i))
				i++;
		}
		skip_spaces(s, len, &i);
		if (!ampm)
			ampm = meridiem(s, len, &i);
		if (ampm == 2 && hour < 12)
			hour += 12;
		else if (ampm == 1 && hour == 12)
			hour = 0;
	}
date_only:
zone:
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 ||
	    min > 59 || sec > 60)
		return false;
	skip_spaces(s, len, &i);
	if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
		snprintf(zone, sizeof(zone), "+00:00");
	} else if (starts(s, len, i, "UTC") || starts(s, len, i, "GMT")) {
		snprintf(zone, sizeof(zone), "+00:00");
	} else if (i < len && (s[i] == '+' || s[i] == '-') &&
		   digit(s, len, i + 1)) {
		char sign = s[i];
		int zh, zm = 0;

		i++;
		zh = number(s, len, &i, 2);
		if (i < len && s[i] == ':')
			i++;
		if (digit(s, len, i))
			zm = number(s, len, &i, 2);
		if (zh >= 0 && zh <= 14 && zm >= 0 && zm < 60)
			snprintf(zone, sizeof(zone), "%c%02d:%02d", sign,
				 zh % 100, zm % 100);
	}
	snprintf(out, NF_ARTICLE_DATE_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%s",
		 year % 10000, mon % 100, day % 100, hour % 100, min % 100,
		 sec % 100, zone);
	return true;
}

bool
nf_article_find_labelled_date(char out[NF_ARTICLE_DATE_MAX], const char *text,
			      size_t len, const char *labels)
{
	size_t best = len;
	bool found = false;
	const char *l = labels;

	while (*l) {
		const char *bar = strchr(l, '|');
		size_t k = bar ? (size_t)(bar - l) : strlen(l);

		for (size_t i = 0; k && i + k <= len && i < best; i++) {
			char tmp[NF_ARTICLE_DATE_MAX];
			const char *hit = memmem(text + i, len - i, l, k);

			if (!hit || (size_t)(hit - text) >= best)
				break;
			i = (size_t)(hit - text);
			/* "입력" inside "기사입력" is found by its own label.
			 */
			if (nf_article_parse_date(
				tmp, text + i + k,
				len - i - k > 80 ? 80 : len - i - k)) {
				memcpy(out, tmp, sizeof(tmp));
				best = i;
				found = true;
				break;
			}
		}
		l += k;
		if (*l == '|')
			l++;
	}
	return found;
}

/* Words that mark a title segment as the site's name. */
static const char *const site_words[] = {
    "뉴스",  "일보",	 "신문", "방송",   "News", "NEWS", "news",
    "닷컴",  "한국경제", "TV",	 "미디어", "Daum", "다음", "네이버",
    "NAVER", ".com",	 ".kr",	 "타임즈", "저널", "MBN",  "YTN",
    "KBS",   "MBC",	 "SBS",	 "조선",   "동아", "중앙", "한겨레",
};

static bool
looks_like_site(const char *s, size_t n, const char *site)
{
	size_t cps = nf_utf8_count(s, n);

	if (cps == 0 || cps > 25)
		return false;
	/* "… - Entermedia": one Latin word is a site name. */
	bool latin = true;

	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z')))
			latin = false;
	if (latin && n >= 3)
		return true;
	if (site && *site) {
		size_t k = strlen(site);

		for (size_t i = 0; i + k <= n; i++)
			if (memcmp(s + i, site, k) == 0)
				return true;
	}
	for (size_t w = 0; w < sizeof(site_words) / sizeof(site_words[0]);
	     w++) {
		size_t k = strlen(site_words[w]);

		for (size_t i = 0; i + k <= n; i++)
			if (memcmp(s + i, site_words[w], k) == 0)
				return true;
	}
	return false;
}

static const char *const title_seps[] = {
    " - ", " | ", " : ", " :: ", " – ", " — ", " < ", " · "};

char *
nf_article_clean_title(const char *title, size_t len, const char *site)
{
	struct nf_buf b = NF_BUF_INIT(0);
	size_t n;

	if (nf_article_normalize(&b, title, len) != NF_OK) {
		nf_buf_release(&b);
		return NULL;
	}
	/* Line breaks (a <title> written over several lines) become
	 * single spaces, none at the start. */
	n = 0;
	for (size_t i = 0; i < b.len; i++) {
		char c =
		    b.data[i] == '\n' || b.data[i] == '\v' ? ' ' : b.data[i];

		if (c != ' ' || (n && b.data[n - 1] != ' '))
			b.data[n++] = c;
	}
	b.data[n] = '\0';
	b.len = n;
	/* "제목 < 사회 < 기사본문 - 대전일보": cut at the first " < ". */
	if (strstr(b.data, "기사본문")) {
		char *lt = strstr(b.data, " < ");

		if (lt)
			n = (size_t)(lt - b.data);
	}
	for (int round = 0; round < 2; round++) {
		size_t cut = 0;

		for (size_t k = 0; k < sizeof(title_seps) / sizeof(*title_seps);
		     k++) {
			size_t sl = strlen(title_seps[k]);

			for (size_t i = 1; i + sl <= n; i++)
				if (memcmp(b.data + i, title_seps[k], sl) ==
					0 &&
				    looks_like_site(b.data + i + sl, n - i - sl,
						    site) &&
				    i > cut)
					cut = i;
		}
		if (!cut)
			break;
		n = cut;
	}
	/* "대전일보 모바일 :: 제목": a site prefix. */
	for (size_t k = 0; k < sizeof(title_seps) / sizeof(*title_seps); k++) {
		const char *sep = strstr(b.data, title_seps[k]);
		size_t at = sep ? (size_t)(sep - b.data) : 0;
		size_t sl = strlen(title_seps[k]);

		if (k != 1 && k != 3)
			continue; /* only " | " and " :: " lead with a site */
		if (sep && at + sl < n && looks_like_site(b.data, at, site) &&
		    nf_utf8_count(b.data, at) <= 12) {
			memmove(b.data, b.data + at + sl, n - at - sl);
			n -= at + sl;
			break;
		}
	}
	while (n && b.data[n - 1] == ' ')
		n--;
	b.data[n] = '\0';
	b.len = n;
	return nf_buf_detach(&b);
}
