/*
 * base/banned.h - library calls newsfact does not use.  Each .c file
 * includes this header last, after every system and library header, so
 * any later use of these names is a compile error.
 *
 * strcpy/strcat/sprintf write without a bound; strncpy and strncat leave
 * strings unterminated or truncate silently; strtok keeps hidden state;
 * atoi and friends cannot report a bad number.  Use nf_buf, snprintf into
 * a fixed array, memcpy with a known length, or strtol with an end-pointer
 * check instead.
 */
#ifndef NF_BASE_BANNED_H
#define NF_BASE_BANNED_H

#pragma GCC poison strcpy strcat strncpy strncat sprintf vsprintf strtok
#pragma GCC poison gets atoi atol atoll

#endif
