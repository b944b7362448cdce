/* SPDX-License-Identifier: GPL-2.0 */
/* prctl()'s options that Loam knows (Linux's include/uapi/linux/prctl.h). */
#ifndef LOAM_UAPI_PRCTL_H
#define LOAM_UAPI_PRCTL_H

#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16

/* Memory-deny-write-execute (Linux 6.3): PR_SET_MDWE's bits. */
#define PR_SET_MDWE 65
#define PR_MDWE_REFUSE_EXEC_GAIN (1UL << 0)
#define PR_MDWE_NO_INHERIT (1UL << 1)
#define PR_GET_MDWE 66

#endif
