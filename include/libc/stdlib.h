/* SPDX-License-Identifier: GPL-2.0 */
/* libfdt_env.h includes <stdlib.h>; the parts of libfdt Loam builds use none of it. */
#ifndef LOAM_LIBC_STDLIB_H
#define LOAM_LIBC_STDLIB_H

#include <stddef.h>

#endif
