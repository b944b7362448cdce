/* SPDX-License-Identifier: GPL-2.0 */
/* clone() flags (include/uapi/linux/sched.h); shared with user space. */
#ifndef LOAM_UAPI_SCHED_H
#define LOAM_UAPI_SCHED_H

#define CSIGNAL 0x000000ff /* the signal sent to the parent at exit */
#define CLONE_VM 0x00000100
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT_SETTID 0x00100000 /* the child's tid at parent_tid, in the parent */
#define CLONE_CHILD_CLEARTID 0x00200000 /* 0 at child_tid when the child exits */
#define CLONE_CHILD_SETTID 0x01000000 /* the child's tid at child_tid, in the child */

#endif
