// SPDX-License-Identifier: GPL-2.0
/* Parsing numbers from the command line (Linux's lib/cmdline.c). */
#include <params.h>

static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;
}

unsigned long long memparse(const char *s, char **end)
{
	unsigned long long v = 0;
	unsigned int base = 10, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	while ((d = digit_value(*s)) < base) {
		v = v * base + d;
		s++;
	}
	switch (*s) {
	case 'G':
	case 'g':
		v <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		v <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		v <<= 10;
		s++;
		break;
	}
	if (end)
		*end = (char *)s;
	return v;
}
