/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's string functions (kernel/string.c). This directory is on the
 * kernel's include path only, so libfdt's #include <string.h> finds them.
 */
#ifndef LOAM_LIBC_STRING_H
#define LOAM_LIBC_STRING_H

#include <stddef.h>

/*
 * The C library's functions of these names (C11 7.24, man 3 NAME), with its
 * semantics: the kernel has no libc, GCC may emit calls to memcpy, memmove,
 * memset and memcmp even with -ffreestanding, and libfdt uses the rest.
 */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strstr(const char *haystack, const char *needle);
/* Copy with truncation, always NUL-terminated; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
