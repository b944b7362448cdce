/* SPDX-License-Identifier: GPL-2.0 */
/* clone() flags (include/uapi/linux/sched.h); shared with user space. */
#ifndef LOAM_UAPI_SCHED_H
#define LOAM_UAPI_SCHED_H

#define CSIGNAL 0x000000ff /* the signal sent to the parent at exit */
#define CLONE_VM 0x00000100
#define CLONE_VFORK 0x00004000

#endif
