/* SPDX-License-Identifier: GPL-2.0 */
/* splice(2) and vmsplice(2) flags: Linux's include/uapi/linux/splice.h. */
#ifndef LOAM_UAPI_SPLICE_H
#define LOAM_UAPI_SPLICE_H

#define SPLICE_F_MOVE 0x01 /* move pages instead of copying */
#define SPLICE_F_NONBLOCK 0x02 /* don't block on the pipe */
#define SPLICE_F_MORE 0x04 /* more data will follow */
#define SPLICE_F_GIFT 0x08 /* the pages are a gift */
/* include/linux/splice.h: every flag a call may pass (others: -EINVAL). */
#define SPLICE_F_ALL (SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

#endif
