/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host printk: messages go to a capture buffer (without the KERN_SOH level
 * prefix) so tests can assert on what the kernel code printed, and to stderr
 * when HOST_PRINTK_VERBOSE is set in the environment.
 */
#ifndef HOST_PRINTK_H
#define HOST_PRINTK_H

#include <stdbool.h>

/* Everything printed since the last host_printk_reset(). */
const char *host_printk_log(void);
void host_printk_reset(void);
bool host_printk_contains(const char *needle);

#endif
