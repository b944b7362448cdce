// SPDX-License-Identifier: GPL-2.0
/* echo [-n] [WORD...]: the words with one blank between them and a newline (-n: none). */
#include <string.h>

#include "../lib/tools.h"

static char line[8192];

int main(int argc, char **argv)
{
	bool newline = !(argc > 1 && !strcmp(argv[1], "-n"));
	size_t len = 0, n;
	int i;

	for (i = newline ? 1 : 2; i < argc; i++) {
		n = strlen(argv[i]);
		if (len + n + 2 > sizeof(line)) {
			write_all(1, line, len);
			len = 0;
		}
		if (len + n + 2 > sizeof(line)) {
			write_all(1, argv[i], n);
		} else {
			memcpy(line + len, argv[i], n);
			len += n;
		}
		if (i + 1 < argc)
			line[len++] = ' ';
	}
	if (newline)
		line[len++] = '\n';
	return write_all(1, line, len) ? 1 : 0;
}
