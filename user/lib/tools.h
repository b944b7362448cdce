/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the shell and the procps-style tools (user/bin/): whole /proc
 * files, their "name value" lines, sizes such as 300M, signal names.
 */
#ifndef _USER_TOOLS_H
#define _USER_TOOLS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Read the file @path into @buf (@size bytes, NUL-terminated, what does
 * not fit is left out): its length, or -errno if it cannot be opened.
 */
long read_file(const char *path, char *buf, size_t size);
/*
 * The number after @name on a line of @text ("Name:   123 kB" in meminfo,
 * "name 123" in vmstat); @def if there is no such line, as procps takes
 * a field the kernel does not have.
 */
long field_value(const char *text, const char *name, long def);
/*
 * A size as "300M", "64k", "1G" or plain bytes (binary units, as procps
 * and coreutils read them): false if @s is not one.
 */
bool parse_size(const char *s, unsigned long *bytes);
/*
 * A size argument of the stress programs: a plain number counts MiB (their
 * old form, "48"), one with a unit is parse_size()'s ("300M", "1G"); 0 if
 * @s is neither.
 */
unsigned long size_arg(const char *s);
/* A signal by its name ("TERM", "SIGTERM") or number; 0 if unknown. */
int signal_number(const char *s);
/* The name of signal @sig without "SIG" ("TERM"), or NULL. */
const char *signal_name(int sig);
/* What strsignal() says of @sig ("Killed", "Segmentation fault"), as shells print it. */
const char *signal_description(int sig);
/* Write all of @buf to @fd: 0, or -errno. */
long write_all(int fd, const void *buf, size_t len);

#endif /* _USER_TOOLS_H */
