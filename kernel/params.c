// SPDX-License-Identifier: GPL-2.0
/* Command-line parsing: early_param() handlers, and the words for do_sysctl_args(). */
#include <init.h>
#include <params.h>
#include <printk.h>
#include <string.h>

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct obs_kernel_param __early_param_start[], __early_param_end[];

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

char *skip_spaces(char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

char *next_arg(char *args, char **param, char **val)
{
	char *p = args;

	*param = args;
	*val = NULL;
	while (*p && !is_space(*p)) {
		if (*p == '=' && !*val) {
			*p = '\0';
			*val = p + 1;
		}
		p++;
	}
	if (*p)
		*p++ = '\0';
	return p;
}

static bool __init do_early_param(char *param, char *val)
{
	const struct obs_kernel_param *p;
	bool found = false;

	for (p = __early_param_start; p < __early_param_end; p++) {
		if (strcmp(param, p->str))
			continue;
		found = true;
		if (p->setup_func(val))
			pr_warn("Malformed early option '%s'\n", param);
	}
	return found;
}

void __init parse_early_param(void)
{
	static char tmp[COMMAND_LINE_SIZE];
	char unknown[COMMAND_LINE_SIZE] = "";
	char *p = tmp, *param, *val;

	strlcpy(tmp, boot_command_line, sizeof(tmp));
	while (*(p = skip_spaces(p))) {
		p = next_arg(p, &param, &val);
		if (do_early_param(param, val))
			continue;
		/*
		 * Linux's unknown_bootoption() takes a name with a dot for a
		 * module's parameter and says nothing; the sysctl ones
		 * ("sysctl." or "sysctl/" and a path) are do_sysctl_args()'s, later.
		 */
		if (strchr(param, '.') || !strncmp(param, "sysctl/", 7))
			continue;
		/* Linux hands unknown ones to init; Loam has no init yet. */
		if (unknown[0])
			strlcpy(unknown + strlen(unknown), " ", sizeof(unknown) - strlen(unknown));
		strlcpy(unknown + strlen(unknown), param, sizeof(unknown) - strlen(unknown));
	}
	if (unknown[0])
		pr_notice("Unknown kernel command line parameters \"%s\"\n", unknown);
}
