/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host tests: the kernel's <signal.h> (include/signal.h) as far as struct
 * task_struct (<sched.h>) needs it, over the C library's sigset_t, which
 * has the kernel's name but not its layout. No host test sends a signal:
 * the kernel's signal code is not built here.
 */
#ifndef LOAM_HOST_SIGNAL_H
#define LOAM_HOST_SIGNAL_H

#include <bits/types/sigset_t.h>

#define ERESTARTSYS 512

struct sighand_struct;

struct sigpending {
	sigset_t signal;
};

#endif
