// SPDX-License-Identifier: GPL-2.0
/* Fixture files for the host tests: see host_fixture.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_fixture.h"

void *host_load_fixture(const char *env, const char *dir, const char *file, const char *hint,
			size_t *size)
{
	const char *d = getenv(env);
	char path[4096];
	long len = -1;
	void *buf;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", d && *d ? d : dir, file);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("%s: %s (%s)", path, strerror(errno), hint);
	if (!fseek(f, 0, SEEK_END))
		len = ftell(f);
	if (len <= 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		fail_msg("%s: cannot size the file", path);
	}
	buf = malloc(len);
	assert_non_null(buf);
	if (fread(buf, 1, len, f) != (size_t)len) {
		fclose(f);
		fail_msg("%s: short read", path);
	}
	fclose(f);
	*size = len;
	return buf;
}
