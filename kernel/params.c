// SPDX-License-Identifier: GPL-2.0
/* Command-line parsing: early_param() handlers, Linux's memparse(). */
#include <params.h>
#include <printk.h>
#include <string.h>

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct obs_kernel_param __early_param_start[], __early_param_end[];

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;
}

unsigned long long memparse(const char *s, char **end)
{
	unsigned long long v = 0;
	unsigned int base = 10, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	while ((d = digit_value(*s)) < base) {
		v = v * base + d;
		s++;
	}
	switch (*s) {
	case 'G':
	case 'g':
		v <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		v <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		v <<= 10;
		s++;
		break;
	}
	if (end)
		*end = (char *)s;
	return v;
}

static bool do_early_param(char *param, char *val)
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

void parse_early_param(void)
{
	static char tmp[COMMAND_LINE_SIZE];
	char unknown[COMMAND_LINE_SIZE] = "";
	char *p = tmp;

	strlcpy(tmp, boot_command_line, sizeof(tmp));
	while (*p) {
		char *param, *val = NULL;

		while (is_space(*p))
			p++;
		if (!*p)
			break;
		param = p;
		while (*p && !is_space(*p)) {
			if (*p == '=' && !val) {
				*p = '\0';
				val = p + 1;
			}
			p++;
		}
		if (*p)
			*p++ = '\0';
		if (do_early_param(param, val))
			continue;
		/* Linux hands unknown ones to init; Loam has no init yet. */
		if (unknown[0])
			strlcpy(unknown + strlen(unknown), " ", sizeof(unknown) - strlen(unknown));
		strlcpy(unknown + strlen(unknown), param, sizeof(unknown) - strlen(unknown));
	}
	if (unknown[0])
		pr_notice("Unknown kernel command line parameters \"%s\"\n", unknown);
}
