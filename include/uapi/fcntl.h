/* SPDX-License-Identifier: GPL-2.0 */
/* open() flags and lseek() whence (asm-generic/fcntl.h, linux/fs.h); shared with user space. */
#ifndef LOAM_UAPI_FCNTL_H
#define LOAM_UAPI_FCNTL_H

#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_DIRECTORY 00200000
#define O_CLOEXEC 02000000

#define AT_FDCWD -100

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#endif
