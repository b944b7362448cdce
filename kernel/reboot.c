// SPDX-License-Identifier: GPL-2.0
/*
 * reboot(2), as Linux's kernel/reboot.c checks it: the two magic numbers
 * (include/uapi/linux/reboot.h), then the command. Every Loam process is
 * root with CAP_SYS_BOOT. Loam can only power the machine off
 * (machine_power_off(): QEMU exits); restarting, halting without power-off,
 * kexec and suspend are not there (-EINVAL, see the README).
 */
#include <reboot.h>
#include <syscalls.h>
#include <uapi/errno.h>

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_MAGIC2A 85072278
#define LINUX_REBOOT_MAGIC2B 369367448
#define LINUX_REBOOT_MAGIC2C 537993216

#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000
#define LINUX_REBOOT_CMD_CAD_ON 0x89ABCDEF
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDC

long sys_reboot(long magic1, long magic2, unsigned long cmd, void *arg)
{
	unsigned int m1 = magic1, m2 = magic2;

	if (m1 != LINUX_REBOOT_MAGIC1 || (m2 != LINUX_REBOOT_MAGIC2 && m2 != LINUX_REBOOT_MAGIC2A &&
					  m2 != LINUX_REBOOT_MAGIC2B && m2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch ((unsigned int)cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		/* Whether Ctrl-Alt-Del reboots: there is no such key on Loam's console. */
		return 0;
	case LINUX_REBOOT_CMD_POWER_OFF:
		machine_power_off();
	default:
		return -EINVAL;
	}
}
