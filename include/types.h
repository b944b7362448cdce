/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Basic types shared by the kernel and the host build of mm/: fixed-width
 * integers with Linux's names and the physical-address type.
 */
#ifndef LOAM_TYPES_H
#define LOAM_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t;
typedef u64 pteval_t;

#define PHYS_ADDR_MAX (~(phys_addr_t)0)

#endif
