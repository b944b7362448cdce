// SPDX-License-Identifier: GPL-2.0
#include "host_printk.h"

#include <printk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char log_buf[1 << 20];
static size_t log_len;

const char *host_printk_log(void)
{
	return log_buf;
}

void host_printk_reset(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

bool host_printk_contains(const char *needle)
{
	return strstr(log_buf, needle) != NULL;
}

int vprintk(const char *fmt, va_list args)
{
	char line[1024];
	const char *text;
	int n;

	n = vsnprintf(line, sizeof(line), fmt, args);
	text = line;
	if (text[0] == KERN_SOH[0] && text[1])
		text += 2;
	if (getenv("HOST_PRINTK_VERBOSE"))
		fputs(text, stderr);
	snprintf(log_buf + log_len, sizeof(log_buf) - log_len, "%s", text);
	log_len += strlen(log_buf + log_len);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

void dump_stack(void)
{
	printk("Call Trace: (not available on the host)\n");
}

void panic(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	fputs("Kernel panic - not syncing: ", stderr);
	vfprintf(stderr, fmt, args);
	fputs("\n", stderr);
	va_end(args);
	abort();
}
