/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel command line (/chosen bootargs) and early_param(), as in Linux:
 * early_param("mem", early_mem) registers a handler, called with the text
 * after "mem=" (or NULL for a bare "ptdump"), from parse_early_param().
 */
#ifndef LOAM_PARAMS_H
#define LOAM_PARAMS_H

#include <kernel.h>

#define COMMAND_LINE_SIZE 1024

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *arg);
};

#define early_param(str, fn)                                                      \
	static const struct obs_kernel_param __early_param_##fn __used __section( \
		".init.early_param") __aligned(8) = { str, fn }

extern char boot_command_line[COMMAND_LINE_SIZE];

/*
 * Call the early_param() handler of every word of boot_command_line
 * ("name" or "name=value"), in order; warn about malformed values and list
 * the words no handler knows. Once, at boot, before memory is set up.
 */
void parse_early_param(void);
/* @s past its blanks (Linux's skip_spaces()). */
char *skip_spaces(char *s);
/*
 * Linux's next_arg(): cut the word at @args (no leading blank) into
 * *@param and *@val (after the first '=', NULL without one), both
 * NUL-terminated in place; returns the text after the word.
 */
char *next_arg(char *args, char **param, char **val);
/*
 * Linux's do_sysctl_args(): every "sysctl.<path>=<value>" word of the
 * command line written to /proc/sys/<path> ('.' or '/' between the parts),
 * once, after the boot's setup and before init runs; a failure is
 * reported in Linux's words and changes nothing.
 */
void do_sysctl_args(void);
/* "64M", "0x4000000", "1G": a size with an optional K/M/G suffix. */
unsigned long long memparse(const char *s, char **end);

#endif
