/* SPDX-License-Identifier: GPL-2.0 */
/* Fixture files the build makes for the host tests (DTBs, swap images). */
#ifndef HOST_FIXTURE_H
#define HOST_FIXTURE_H

#include <stddef.h>

/*
 * Read the whole file $@env/@file (@dir when @env is unset) into a malloc'd
 * buffer and its size into @size; a cmocka failure naming the file and
 * @hint (how to make it) if it cannot be read.
 */
void *host_load_fixture(const char *env, const char *dir, const char *file, const char *hint,
			size_t *size);

#endif
