/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ending the machine. On QEMU's virt machine the sifive,test device turns
 * the outcome into QEMU's exit status (OpenSBI 1.1's SRST makes QEMU exit 0
 * whatever the reason), so tests can tell a panic from a clean power-off.
 */
#ifndef LOAM_REBOOT_H
#define LOAM_REBOOT_H

#include <kernel.h>

/* Find the sifive,test device in the DTB and map it. */
void sifive_test_init(const void *fdt);
/* Tell QEMU to exit: status 0, or @code on failure. No-op without the device. */
void sifive_test_exit(bool failure, unsigned int code);

/* Clean end: "reboot: Power down", exit status 0. */
__noreturn void machine_power_off(void);
/* After a panic: SRST with the system-failure reason, exit status 1. */
__noreturn void machine_failure(void);

#endif
