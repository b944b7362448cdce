// SPDX-License-Identifier: GPL-2.0
/*
 * grep [-icoqv] PATTERN [FILE...]: the lines of each file (or stdin) that
 * PATTERN matches, as GNU grep prints them, with -i (ignore case), -c (count
 * the lines, of all files together), -o (print each non-empty match on its own line), -q (say it
 * by the exit status only), -v (the lines that do not match). Exit status 0
 * if a line was selected, 1 if none, 2 on an error. PATTERN is a basic
 * regular expression of the common part: characters, `\c`, `.`, bracket
 * expressions (`[0-9]`, `[^a-z]`), `*` after any of them, `^` and `$` as
 * anchors. Linux's mm selftests run it through popen() (compaction_test:
 * `cat /proc/meminfo | grep -i memfree | grep -o '[0-9]*'`).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../lib/tools.h"
#include "../syscall.h"

static bool icase, count, only, quiet, invert;
static const char *pattern;
static char buf[65536];
static char out[65536];
static size_t out_len;

/* The length of the atom at @re: a character, `\c`, `.` or a bracket expression. */
static size_t atom_len(const char *re)
{
	const char *p = re;

	if (*p == '\\' && p[1])
		return 2;
	if (*p != '[')
		return 1;
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']')
		p++;
	return *p ? p - re + 1 : 1;
}

static bool same(char a, char b)
{
	return a == b || (icase && tolower((unsigned char)a) == tolower((unsigned char)b));
}

/* Does @c match the bracket expression at @re ("[...]")? */
static bool in_bracket(const char *re, size_t len, char c)
{
	const char *p = re + 1, *end = re + len - 1;
	bool neg = *p == '^', hit = false;

	if (neg)
		p++;
	for (; p < end; p++) {
		if (p + 2 < end && p[1] == '-') {
			hit |= (c >= p[0] && c <= p[2]) ||
			       (icase &&
				tolower((unsigned char)c) >= tolower((unsigned char)p[0]) &&
				tolower((unsigned char)c) <= tolower((unsigned char)p[2]));
			p += 2;
		} else {
			hit |= same(*p, c);
		}
	}
	return hit != neg;
}

/* Does the atom at @re (@len bytes) match the character @c? */
static bool atom_matches(const char *re, size_t len, char c)
{
	if (!c)
		return false;
	if (*re == '.' && len == 1)
		return true;
	if (*re == '[' && len > 2)
		return in_bracket(re, len, c);
	return same(re[len - 1], c);
}

/*
 * Match @re at @text: the end of the longest match the backtracking finds
 * (a greedy `*` first), or NULL.
 */
static const char *match_here(const char *re, const char *text)
{
	const char *end, *t;
	size_t len;

	if (!*re)
		return text;
	if (re[0] == '$' && !re[1])
		return *text ? NULL : text;
	len = atom_len(re);
	if (re[len] == '*') {
		for (t = text; atom_matches(re, len, *t); t++)
			;
		for (; t >= text; t--) {
			end = match_here(re + len + 1, t);
			if (end)
				return end;
		}
		return NULL;
	}
	return atom_matches(re, len, *text) ? match_here(re + len, text + 1) : NULL;
}

/* The first match in @line at or after @from: its start in *@start, its end returned. */
static const char *match(const char *line, const char *from, const char **start)
{
	const char *end;

	if (*pattern == '^') {
		*start = line;
		return from == line ? match_here(pattern + 1, line) : NULL;
	}
	for (*start = from;; (*start)++) {
		end = match_here(pattern, *start);
		if (end || !**start)
			return end;
	}
}

static void emit(const char *s, size_t n)
{
	if (out_len + n + 1 > sizeof(out)) {
		write_all(1, out, out_len);
		out_len = 0;
	}
	memcpy(out + out_len, s, n);
	out_len += n;
	out[out_len++] = '\n';
}

/* Print what -o asks of a matching line: each non-empty match. */
static void emit_matches(const char *line)
{
	const char *from = line, *start, *end;

	while (*from && (end = match(line, from, &start))) {
		if (end > start)
			emit(start, end - start);
		from = end > start ? end : start + 1;
	}
}

/* One line (NUL-terminated): selected? */
static bool grep_line(const char *line)
{
	const char *start;
	bool hit = match(line, line, &start) != NULL;

	if (hit == invert)
		return false;
	if (quiet || count)
		return true;
	if (only && !invert)
		emit_matches(line);
	else
		emit(line, strlen(line));
	return true;
}

/* Every line of @fd: how many were selected, or -errno. */
static long grep_fd(int fd)
{
	size_t len = 0;
	long n, hits = 0;
	char *line, *nl;

	for (;;) {
		n = sys_read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n < 0)
			return n;
		len += n;
		for (line = buf; (nl = memchr(line, '\n', buf + len - line)); line = nl + 1) {
			*nl = '\0';
			hits += grep_line(line);
		}
		len -= line - buf;
		memmove(buf, line, len);
		/* At the end, or a line longer than the buffer: what is left is a line. */
		if (len && (!n || len == sizeof(buf) - 1)) {
			buf[len] = '\0';
			hits += grep_line(buf);
			len = 0;
		}
		if (!n)
			return hits;
	}
}

static bool options(const char *arg)
{
	for (arg++; *arg; arg++) {
		if (!strchr("icoqv", *arg))
			return false;
		icase |= *arg == 'i';
		count |= *arg == 'c';
		only |= *arg == 'o';
		quiet |= *arg == 'q';
		invert |= *arg == 'v';
	}
	return true;
}

int main(int argc, char **argv)
{
	long fd, hits, total = 0;
	bool error = false;
	int i = 1;
	char num[24];

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		if (!options(argv[i])) {
			fprintf(stderr,
				"grep: invalid option -- '%s'\nusage: grep [-icoqv] PATTERN "
				"[FILE...]\n",
				argv[i] + 1);
			return 2;
		}
	if (i >= argc) {
		fprintf(stderr, "usage: grep [-icoqv] PATTERN [FILE...]\n");
		return 2;
	}
	pattern = argv[i++];
	do {
		fd = i < argc ? sys_openat(AT_FDCWD, argv[i], O_RDONLY, 0) : 0;
		hits = fd < 0 ? fd : grep_fd(fd);
		if (fd > 0)
			sys_close(fd);
		if (hits < 0) {
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(-hits));
			error = true;
		} else {
			total += hits;
		}
	} while (++i < argc);
	if (count && !quiet) {
		snprintf(num, sizeof(num), "%ld", total);
		emit(num, strlen(num));
	}
	write_all(1, out, out_len);
	return error ? 2 : total ? 0 : 1;
}
