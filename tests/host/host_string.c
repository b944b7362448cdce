// SPDX-License-Identifier: GPL-2.0
/* strlcpy() for the host: see tests/host/include/string.h. */
#include <string.h>

/* Copy with truncation, always NUL-terminated; returns strlen(src) (BSD's strlcpy(3)). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
