/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C library's <string.h> plus what the kernel's (include/libc/string.h)
 * has and glibc before 2.38 lacks: strlcpy(), in host_string.c.
 */
#ifndef HOST_STRING_H
#define HOST_STRING_H

#include_next <string.h>

size_t strlcpy(char *dst, const char *src, size_t size);

#endif
