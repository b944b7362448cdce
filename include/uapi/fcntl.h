/* SPDX-License-Identifier: GPL-2.0 */
/*
 * open() flags and lseek() whence (asm-generic/fcntl.h, linux/fs.h), and the
 * flags of the calls on files (unlinkat, fallocate, memfd_create); shared
 * with user space.
 */
#ifndef LOAM_UAPI_FCNTL_H
#define LOAM_UAPI_FCNTL_H

#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DIRECT 00040000
#define O_LARGEFILE 00100000 /* always set on 64-bit (force_o_largefile()) */
#define O_DIRECTORY 00200000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_PATH 010000000
#define O_DSYNC 00010000
#define FASYNC 00020000
#define O_NOFOLLOW 00400000
#define __O_SYNC 04000000
#define __O_TMPFILE 020000000

#define AT_FDCWD -100

/* fcntl() commands and the descriptor flag (asm-generic/fcntl.h, linux/fcntl.h). */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* unlinkat()'s flag (linux/fcntl.h). */
#define AT_REMOVEDIR 0x200

/* fallocate()'s modes (linux/falloc.h). */
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02

/* memfd_create()'s flags (linux/memfd.h). */
#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#define MFD_HUGETLB 0x0004U
#define MFD_NOEXEC_SEAL 0x0008U
#define MFD_EXEC 0x0010U
/* The huge page size MFD_HUGETLB asks for: log2 in bits 26-31 (MFD_HUGE_SHIFT, MFD_HUGE_MASK). */
#define MFD_HUGE_SHIFT 26
#define MFD_HUGE_MASK 0x3f

#endif
