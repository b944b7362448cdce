// SPDX-License-Identifier: GPL-2.0
/*
 * poweroff: reboot(2) with LINUX_REBOOT_CMD_POWER_OFF (man 2 reboot), as
 * systemd's and busybox's poweroff -f do: the machine goes off at once.
 */
#include <stdio.h>
#include <string.h>

#include "../syscall.h"

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDC

int main(void)
{
	long r = syscall6(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			  LINUX_REBOOT_CMD_POWER_OFF, 0, 0, 0);

	fprintf(stderr, "poweroff: %s\n", strerror(-r));
	return 1;
}
