/* SPDX-License-Identifier: GPL-2.0 */
/* A pointer that carries an errno, as Linux's include/linux/err.h. */
#ifndef LOAM_ERR_H
#define LOAM_ERR_H

#include <types.h>

/* The top 4095 addresses are errnos (mm/vma.h has the same two lines for addresses). */
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

#endif
