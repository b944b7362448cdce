/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory-mapping ABI shared with user programs, with Linux's riscv64
 * values (asm-generic/mman-common.h, asm-generic/mman.h,
 * linux/mman.h) so that static Linux binaries run unchanged; and the
 * resource limits the memory syscalls enforce (asm-generic/resource.h,
 * linux/resource.h).
 */
#ifndef LOAM_UAPI_MMAN_H
#define LOAM_UAPI_MMAN_H

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_GROWSDOWN 0x01000000 /* mprotect: extend the change down to a stack's start */
#define PROT_GROWSUP 0x02000000 /* mprotect: upwards (no RISC-V stack grows up) */

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03 /* MAP_SHARED, refusing unknown flags (files only) */
#define MAP_DROPPABLE 0x08 /* private anonymous, zeroed under memory pressure (Linux 6.11) */
#define MAP_TYPE 0x0f /* the bits holding the type above */
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800 /* ignored, as in Linux */
#define MAP_EXECUTABLE 0x1000 /* ignored, as in Linux */
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000 /* with MAP_POPULATE: do not populate */
#define MAP_STACK 0x20000 /* a hint only */
#define MAP_HUGETLB 0x40000
/* The huge page size MAP_HUGETLB asks for: log2 in bits 26-31 (uapi/asm-generic/hugetlb_encode.h). */
#define MAP_HUGE_SHIFT 26
#define MAP_HUGE_MASK 0x3f
#define MAP_SYNC 0x80000
#define MAP_FIXED_NOREPLACE 0x100000

#define MAP_FAILED ((void *)-1)

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_REMOVE 9
#define MADV_DONTFORK 10
#define MADV_DOFORK 11
#define MADV_MERGEABLE 12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE 14
#define MADV_NOHUGEPAGE 15
#define MADV_DONTDUMP 16
#define MADV_DODUMP 17
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#define MADV_COLD 20
#define MADV_PAGEOUT 21
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE 25
#define MADV_HWPOISON 100
#define MADV_SOFT_OFFLINE 101

/* Resource limits: the numbers prlimit64 takes (asm-generic/resource.h). */
/* mlock2()'s flag and mlockall()'s (asm-generic/mman.h, uapi/asm-generic/mman-common.h). */
#define MLOCK_ONFAULT 0x01
#define MCL_CURRENT 1
#define MCL_FUTURE 2
#define MCL_ONFAULT 4

/* msync()'s flags (uapi/asm-generic/mman-common.h). */
#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16

#define RLIM_INFINITY (~0UL)
#define RLIM64_INFINITY (~0ULL)

struct rlimit64 {
	unsigned long long rlim_cur;
	unsigned long long rlim_max;
};

/* mremap()'s flags (Linux's include/uapi/linux/mman.h). */
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

#endif
