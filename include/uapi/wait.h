/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wait4() options (include/uapi/linux/wait.h); shared with user space. Bit
 * values of Linux's ABI, not addresses.
 */
#ifndef LOAM_UAPI_WAIT_H
#define LOAM_UAPI_WAIT_H

#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WCONTINUED 0x00000008
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

#endif
