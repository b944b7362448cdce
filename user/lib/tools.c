// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../syscall.h"
#include "tools.h"

long read_file(const char *path, char *buf, size_t size)
{
	long fd = sys_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0), r;
	size_t len = 0;

	if (fd < 0)
		return fd;
	while (len < size - 1 && (r = sys_read(fd, buf + len, size - 1 - len)) > 0)
		len += r;
	sys_close(fd);
	buf[len] = '\0';
	return len;
}

long field_value(const char *text, const char *name, long def)
{
	size_t n = strlen(name);
	const char *line;

	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (!strncmp(line, name, n) && (line[n] == ' ' || line[n] == ':'))
			return strtol(line + n + 1, NULL, 10);
	return def;
}

bool parse_size(const char *s, unsigned long *bytes)
{
	unsigned long v, shift = 0;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	v = strtoul(s, &end, 10);
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	case '\0':
		break;
	default:
		return false;
	}
	if (*end && end[1] && strcmp(end + 1, "iB") && strcmp(end + 1, "B"))
		return false;
	if (v > (~0UL >> shift))
		return false;
	*bytes = v << shift;
	return true;
}

unsigned long size_arg(const char *s)
{
	unsigned long bytes;
	char *end;

	bytes = strtoul(s, &end, 0);
	if (!*end)
		return bytes << 20;
	return parse_size(s, &bytes) ? bytes : 0;
}

/* Linux's signal numbers on riscv64 (asm-generic/signal.h) and strsignal()'s words. */
static const struct {
	const char *name, *what;
} signals[] = {
	[1] = { "HUP", "Hangup" },
	[2] = { "INT", "Interrupt" },
	[3] = { "QUIT", "Quit" },
	[4] = { "ILL", "Illegal instruction" },
	[5] = { "TRAP", "Trace/breakpoint trap" },
	[6] = { "ABRT", "Aborted" },
	[7] = { "BUS", "Bus error" },
	[8] = { "FPE", "Floating point exception" },
	[9] = { "KILL", "Killed" },
	[10] = { "USR1", "User defined signal 1" },
	[11] = { "SEGV", "Segmentation fault" },
	[12] = { "USR2", "User defined signal 2" },
	[13] = { "PIPE", "Broken pipe" },
	[14] = { "ALRM", "Alarm clock" },
	[15] = { "TERM", "Terminated" },
	[16] = { "STKFLT", "Stack fault" },
	[17] = { "CHLD", "Child exited" },
	[18] = { "CONT", "Continued" },
	[19] = { "STOP", "Stopped (signal)" },
	[20] = { "TSTP", "Stopped" },
	[21] = { "TTIN", "Stopped (tty input)" },
	[22] = { "TTOU", "Stopped (tty output)" },
	[23] = { "URG", "Urgent I/O condition" },
	[24] = { "XCPU", "CPU time limit exceeded" },
	[25] = { "XFSZ", "File size limit exceeded" },
	[26] = { "VTALRM", "Virtual timer expired" },
	[27] = { "PROF", "Profiling timer expired" },
	[28] = { "WINCH", "Window changed" },
	[29] = { "IO", "I/O possible" },
	[30] = { "PWR", "Power failure" },
	[31] = { "SYS", "Bad system call" },
};

#define NSIGNALS (int)(sizeof(signals) / sizeof(signals[0]))

int signal_number(const char *s)
{
	char *end;
	long n;
	int i;

	if (*s >= '0' && *s <= '9') {
		n = strtol(s, &end, 10);
		return !*end && n > 0 && n <= 64 ? n : 0;
	}
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 1; i < NSIGNALS; i++)
		if (!strcasecmp(s, signals[i].name))
			return i;
	return 0;
}

const char *signal_name(int sig)
{
	return sig > 0 && sig < NSIGNALS ? signals[sig].name : NULL;
}

const char *signal_description(int sig)
{
	return sig > 0 && sig < NSIGNALS ? signals[sig].what : "Unknown signal";
}

long write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	long r;

	while (len) {
		r = sys_write(fd, p, len);
		if (r < 0)
			return r;
		p += r;
		len -= r;
	}
	return 0;
}
