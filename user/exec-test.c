// SPDX-License-Identifier: GPL-2.0
/*
 * exec-test: execve() answers as Linux 6.12's does (fs/namei.c,
 * fs/exec.c, fs/binfmt_elf.c).
 *
 * - Path walk and permission: "" is -ENOENT, a directory -EACCES, a
 *   trailing "/" or a path through a file -ENOTDIR, a component over
 *   NAME_MAX -ENAMETOOLONG, a path of PATH_MAX bytes -ENAMETOOLONG (one
 *   less runs), "." and ".." resolved.
 * - Arguments: up to a quarter of RLIMIT_STACK of strings (at least
 *   ARG_MAX), each at most MAX_ARG_STRLEN; past either -E2BIG, and the
 *   caller goes on intact. Big vectors (1,000 arguments, 5,000 bytes in
 *   one, 200 KiB, almost all the room) reach the child intact: this
 *   program run with "--check" compares each byte it was given, argv and
 *   envp, with what the parent generated.
 * - The files of /bin/exec/ (tests/mkexecfixtures.py): no execute bit
 *   (-EACCES), headers Linux refuses (-ENOEXEC), interpreters (-ENOENT,
 *   -EACCES, -EIO, -ELIBBAD), #! scripts (run, nested, -ELOOP, argv as the
 *   interpreter sees it: this program run with "--script"), segments
 *   refused past the point of no return, where Linux kills the caller with
 *   SIGSEGV, and a segment past the end of its file: it runs, the rest of
 *   the page holding the end reads zero (no instruction: SIGILL), a page
 *   wholly beyond the end is SIGBUS.
 *
 * Under qemu-riscv64 the host kernel answers execve (Linux itself), so the
 * path and argument-limit cases are checked there too, with this
 * program's host directory; a program the host would start cannot run
 * there (no riscv64 binfmt), and /bin/exec/ is the initrd's: those cases
 * are skipped under qemu-user.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>

/* Linux's errno values (picolibc's <errno.h> has newlib's: ENAMETOOLONG 91, not 36). */
#include "../include/uapi/errno.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

#define MAX_ARG_STRLEN (32 * 4096)
#define PATH_MAX 4096
#define NAME_MAX 255
#define AT_EXECFN 31
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ARG_MAX 131072
#define STK_LIM (8UL << 20)
#define NO_RISCV "qemu-user: the host kernel runs no riscv64 program"
#define INITRD_ONLY "qemu-user: the fixtures are in Loam's initrd"

long vfork_exec(const char *path, char *const argv[], char *const envp[]);

static char dir[256];
static bool loam;

static const char *prog(const char *name)
{
	static char path[4][PATH_MAX + 64];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
	return p;
}

/* execve() in this process, which must fail with @want and go on. */
static void fails(const char *path, char **argv, char **envp, long want, const char *what)
{
	char *def[] = { "exit-with", "5", NULL };
	long r = sys_execve(path, argv ? argv : def, envp);

	tap_ok(r == -want, "%s: execve fails with -%ld (%ld)", what, want, r);
}

/* A child runs @path: its wait status, or -1 if there was none. */
static int run(const char *path, char **argv, char **envp)
{
	int status = -1;
	long pid = vfork_exec(path, argv, envp);

	if (pid > 0 && sys_wait4(pid, &status, 0, NULL) != pid)
		status = -1;
	return status;
}

/* @path must start and exit with @code (exit-with takes it as argv[1]). */
static void exits(const char *path, int code, const char *what)
{
	char num[8], *argv[] = { "exit-with", num, NULL };
	int status;

	if (!loam) {
		tap_skip(NO_RISCV, "%s: runs, exit status %d", what, code);
		return;
	}
	snprintf(num, sizeof(num), "%d", code);
	status = run(path, argv, NULL);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == code, "%s: runs, exit status %d (0x%x)",
	       what, code, status);
}

/* Past the point of no return: the child dies of SIGSEGV. */
static void segv(const char *path, const char *what)
{
	char *argv[] = { "exit-with", "5", NULL };
	int status;

	if (!loam) {
		tap_skip(INITRD_ONLY, "%s: killed by SIGSEGV", what);
		return;
	}
	status = run(path, argv, NULL);
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == 11,
	       "%s: exec past the point of no return kills with SIGSEGV (0x%x)", what, status);
}

/* The exec succeeds; the program's first instruction kills it with @sig (named @name). */
static void dies_of(const char *path, int sig, const char *name, const char *what)
{
	char *argv[] = { "exit-with", "5", NULL };
	int status;

	if (!loam) {
		tap_skip(INITRD_ONLY, "%s: killed by %s", what, name);
		return;
	}
	status = run(path, argv, NULL);
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == sig, "%s: killed by %s (0x%x)", what,
	       name, status);
}

/* A fixture of /bin/exec/ that execve refuses with @want. */
static void fixture_fails(const char *name, long want, const char *what)
{
	char path[64];

	if (!loam) {
		tap_skip(INITRD_ONLY, "%s: execve fails with -%ld", what, want);
		return;
	}
	snprintf(path, sizeof(path), "/bin/exec/%s", name);
	fails(path, NULL, NULL, want, what);
}

/* ------------------------------------------------------- arguments */

/* Byte @j of generated string @i: a pattern a lost or moved byte breaks. */
static char pattern(long i, long j)
{
	return 'a' + (i * 7 + j * 13 + j / 26) % 26;
}

/*
 * argv: "exec-test" "--check" SPEC, then @n strings of @len bytes;
 * envp: @envn strings "E=" then @envlen bytes. The caller frees them.
 */
struct vec {
	char **argv, **envp, spec[64];
	bool owned; /* the argument strings were allocated (not "") */
};

static bool make_vec(struct vec *v, long n, long len, long envn, long envlen)
{
	long i, j;

	v->argv = calloc(n + 4, sizeof(char *));
	v->envp = calloc(envn + 1, sizeof(char *));
	if (!v->argv || !v->envp)
		return false;
	snprintf(v->spec, sizeof(v->spec), "%ld:%ld:%ld:%ld", n, len, envn, envlen);
	v->argv[0] = "exec-test";
	v->argv[1] = "--check";
	v->argv[2] = v->spec;
	v->owned = len > 0;
	for (i = 0; i < n; i++) {
		char *s;

		if (!len) {
			v->argv[3 + i] = "";
			continue;
		}
		s = malloc(len + 1);
		if (!s)
			return false;
		for (j = 0; j < len; j++)
			s[j] = pattern(i, j);
		s[len] = '\0';
		v->argv[3 + i] = s;
	}
	for (i = 0; i < envn; i++) {
		char *s = malloc(envlen + 3);

		if (!s)
			return false;
		s[0] = 'E';
		s[1] = '=';
		for (j = 0; j < envlen; j++)
			s[2 + j] = pattern(i + 1000000, j);
		s[envlen + 2] = '\0';
		v->envp[i] = s;
	}
	return true;
}

static void free_vec(struct vec *v)
{
	char **p;

	for (p = v->argv + 3; v->argv && v->owned && *p; p++)
		free(*p);
	for (p = v->envp; v->envp && *p; p++)
		free(*p);
	free(v->argv);
	free(v->envp);
}

/* The child's side: every string as make_vec() made it; exit 0, or 1. */
static int check_vec(int argc, char **argv, char **envp)
{
	long n, len, envn, envlen, i, j;
	const char *execfn = (const char *)getauxval(AT_EXECFN);

	if (argc < 3 || sscanf(argv[2], "%ld:%ld:%ld:%ld", &n, &len, &envn, &envlen) != 4)
		return 1;
	if (argc != n + 3 || argv[argc] || !execfn || !strstr(execfn, "exec-test"))
		return 1;
	for (i = 0; i < n; i++) {
		if ((long)strlen(argv[3 + i]) != len)
			return 1;
		for (j = 0; j < len; j++)
			if (argv[3 + i][j] != pattern(i, j))
				return 1;
	}
	for (i = 0; i < envn; i++) {
		if (!envp[i] || (long)strlen(envp[i]) != envlen + 2 || memcmp(envp[i], "E=", 2))
			return 1;
		for (j = 0; j < envlen; j++)
			if (envp[i][2 + j] != pattern(i + 1000000, j))
				return 1;
	}
	return envp[envn] ? 1 : 0;
}

/* Spawn this program with a generated vector; it must find it intact. */
static void passes(long n, long len, long envn, long envlen, const char *what)
{
	struct vec v = { 0 };
	int status = -1;

	if (!loam) {
		tap_skip(NO_RISCV, "%s: the child gets every byte", what);
		return;
	}
	if (make_vec(&v, n, len, envn, envlen))
		status = run(prog("exec-test"), v.argv, v.envp);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "%s: the child gets every byte (0x%x)", what, status);
	free_vec(&v);
}

/* A generated vector execve refuses with -E2BIG; this process goes on intact. */
static void too_big(long n, long len, const char *what)
{
	struct vec v = { 0 };
	long r = -1;

	if (make_vec(&v, n, len, 0, 0))
		r = sys_execve(prog("exec-test"), v.argv, v.envp);
	tap_ok(r == -E2BIG, "%s: execve fails with -E2BIG (%ld)", what, r);
	free_vec(&v);
}

/* Linux's bprm_stack_limits(): the room for strings and pointers. */
static unsigned long arg_room(void)
{
	struct linux_rlimit64 rl;
	unsigned long limit = STK_LIM / 4 * 3;

	if (!sys_prlimit64(0, RLIMIT_STACK, NULL, &rl) && rl.rlim_cur / 4 < limit)
		limit = rl.rlim_cur / 4;
	return limit > ARG_MAX ? limit : ARG_MAX;
}

static void argument_cases(void)
{
	/* What one string of MAX_ARG_STRLEN - 1 bytes costs: itself, its NUL, its pointer. */
	unsigned long room = arg_room(), big = MAX_ARG_STRLEN + 8;
	/* "exec-test", "--check", the spec, the file name: generously 4 KiB. */
	long fit = (room - 4096) / big;
	char before[sizeof(dir)];
	char *null_env[] = { "EXEC_TEST_NULL_ARGV=1", NULL };
	int status;

	memcpy(before, dir, sizeof(dir));
	tap_diag("room for strings: %lu KiB", room >> 10);
	passes(1000, 8, 10, 100, "1,000 arguments");
	passes(1, 5000, 1, 5000, "one argument and one variable of 5,000 bytes");
	passes(200, 1024, 0, 0, "200 KiB of arguments");
	passes(1, MAX_ARG_STRLEN - 1, 0, 0, "one argument of MAX_ARG_STRLEN - 1 bytes");
	passes(fit, MAX_ARG_STRLEN - 1, 1, 1000, "the room nearly full of arguments");
	too_big(1, MAX_ARG_STRLEN, "one argument of MAX_ARG_STRLEN bytes");
	too_big(fit + 1, MAX_ARG_STRLEN - 1, "arguments past the room");
	/* The pointers alone: each costs 8 bytes of the room. */
	too_big(room / 8, 0, "room / 8 empty arguments");
	tap_ok(!memcmp(before, dir, sizeof(dir)),
	       "the caller's memory is intact after the failed execs");
	fails(prog("exit-with"), (char **)8, NULL, EFAULT, "argv at a bad address");
	fails(prog("exit-with"), (char *[]){ "x", (char *)8, NULL }, NULL, EFAULT,
	      "an argument at a bad address");
	if (loam) {
		/* Linux 6.12 opens the file before it reads argv (alloc_bprm()). */
		fails(prog("nothing-here"), (char **)8, NULL, ENOENT,
		      "a missing file with a bad argv");
		status = run(prog("exec-test"), NULL, null_env);
		tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		       "NULL argv: the child gets argc 1 and argv[0] \"\" (0x%x)", status);
	} else {
		tap_skip("qemu-user reads argv itself before the host opens the file",
			 "a missing file with a bad argv: execve fails with -%d", ENOENT);
		tap_skip(NO_RISCV, "NULL argv: the child gets argc 1 and argv[0] \"\"");
	}
}

/* ------------------------------------------------------------ paths */

static void path_cases(void)
{
	static char longname[NAME_MAX + 2], path[PATH_MAX + 2];
	char *base = strrchr(dir, '/');
	size_t n;

	memset(longname, 'n', NAME_MAX + 1);
	fails("", NULL, NULL, ENOENT, "an empty path");
	fails(prog("nothing-here"), NULL, NULL, ENOENT, "a missing file");
	fails(dir, NULL, NULL, EACCES, "a directory");
	fails(prog(""), NULL, NULL, EACCES, "a directory with a trailing /");
	fails(prog("."), NULL, NULL, EACCES, "a directory's .");
	fails("/", NULL, NULL, EACCES, "the root");
	fails(prog("exit-with/"), NULL, NULL, ENOTDIR, "a file with a trailing /");
	fails(prog("exit-with/."), NULL, NULL, ENOTDIR, "a file's .");
	fails(prog("exit-with/x"), NULL, NULL, ENOTDIR, "a path through a file");
	fails(prog("nothing-here/x"), NULL, NULL, ENOENT, "a path through a missing directory");
	fails(prog(longname), NULL, NULL, ENAMETOOLONG, "a name of NAME_MAX + 1 bytes");
	longname[NAME_MAX] = '\0';
	fails(prog(longname), NULL, NULL, ENOENT, "a missing name of NAME_MAX bytes");
	longname[NAME_MAX] = 'n';
	snprintf(path, sizeof(path), "nothing-here/%s", longname);
	fails(prog(path), NULL, NULL, ENOENT, "a long name in a missing directory");
	snprintf(path, sizeof(path), "exit-with/%s", longname);
	fails(prog(path), NULL, NULL, ENOTDIR, "a long name below a file");

	/* dir////...exit-with: PATH_MAX bytes with the NUL runs, one more is too long. */
	n = snprintf(path, sizeof(path), "%s", dir);
	memset(path + n, '/', PATH_MAX - 1 - strlen("exit-with") - n);
	strcpy(path + PATH_MAX - 1 - strlen("exit-with"), "exit-with");
	exits(path, 6, "a path of PATH_MAX - 1 bytes");
	memmove(path + 1, path, strlen(path) + 1);
	fails(path, NULL, NULL, ENAMETOOLONG, "a path of PATH_MAX bytes");
	snprintf(path, sizeof(path), "%s/../%s/./exit-with", dir, base ? base + 1 : dir);
	exits(path, 8, "a path with . and ..");
}

/* --------------------------------------------------------- the files */

static void file_cases(void)
{
	static const struct {
		const char *name;
		long err;
		const char *what;
	} refused[] = {
		{ "noexec", EACCES, "a file without an execute bit" },
		{ "empty", ENOEXEC, "an empty file" },
		{ "bad-machine", ENOEXEC, "e_machine x86-64" },
		{ "elf32", ENOEXEC, "ELFCLASS32" },
		{ "et-rel", ENOEXEC, "e_type ET_REL" },
		{ "phnum-0", ENOEXEC, "e_phnum 0" },
		{ "phnum-74", ENOEXEC, "program headers over a page (e_phnum 74)" },
		{ "phentsize", ENOEXEC, "e_phentsize 32" },
		{ "interp-missing", ENOENT, "PT_INTERP naming a missing file" },
		{ "interp-dir", EACCES, "PT_INTERP naming a directory" },
		{ "text", ENOEXEC, "a text file with an execute bit" },
		{ "script-loop", ELOOP, "a #! script that is its own interpreter" },
		{ "script-noname", ENOEXEC, "a #! line without an interpreter" },
		{ "interp-short", EIO, "PT_INTERP naming a file shorter than an ELF header" },
		{ "interp-text", ELIBBAD, "PT_INTERP naming a file that is not ELF" },
		{ "interp-no-nul", ENOEXEC, "PT_INTERP without its NUL" },
		/* Loam's own answers (README: what Linux would do instead). */
		{ "interp-elf", ENOEXEC, "PT_INTERP naming an ELF (Loam loads no interpreter)" },
	};
	static const struct {
		const char *name, *what;
	} killed[] = {
		{ "seg-stack", "a first segment over the stack (-EEXIST)" },
		{ "seg-high", "a segment at TASK_SIZE (-ENOMEM)" },
		{ "seg-filesz", "p_filesz > p_memsz (-EINVAL)" },
		{ "seg-misaligned", "p_offset not congruent to p_vaddr (-EINVAL)" },
		{ "entry-high", "e_entry at TASK_SIZE (-EINVAL)" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(refused); i++)
		fixture_fails(refused[i].name, refused[i].err, refused[i].what);
	for (i = 0; i < ARRAY_SIZE(killed); i++) {
		char path[64];

		snprintf(path, sizeof(path), "/bin/exec/%s", killed[i].name);
		segv(path, killed[i].what);
	}
	if (loam) {
		fails("/bin/exec", NULL, NULL, EACCES, "the fixtures' directory (a cpio entry)");
		fails("/bin/truncated-elf", NULL, NULL, ENOEXEC, "a truncated ELF");
		fails("/bin/not-elf", NULL, NULL, ENOENT,
		      "#!/bin/no-such-interpreter, not in the initrd");
	} else {
		tap_skip(INITRD_ONLY, "the fixtures' directory (a cpio entry)");
		tap_skip(INITRD_ONLY, "a truncated ELF");
		tap_skip(INITRD_ONLY, "#!/bin/no-such-interpreter");
	}
	exits(loam ? "/bin/exec/big-endian" : "", 7,
	      "EI_DATA big-endian (Linux does not check it)");
	exits(loam ? "/bin/exec/script-exit" : "", 3, "#!/bin/exit-with 3");
	exits(loam ? "/bin/exec/script-nested" : "", 3,
	      "a #! script whose interpreter is a script");
	if (loam) {
		char *argv[] = { "script-check", "extra", NULL };
		int status = run("/bin/exec/script-check", argv, NULL);

		tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		       "#!/bin/exec-test --script: argv is the interpreter, its argument, the script, "
		       "then argv[1..] (0x%x)",
		       status);
	} else {
		tap_skip(INITRD_ONLY, "#!/bin/exec-test --script: argv spliced as Linux does");
	}
	exits(loam ? "/bin/exec/seg-order" : "", 9, "PT_LOADs out of address order");
	/* Linux maps a segment past the end of the file: only touching the missing part is fatal. */
	exits(loam ? "/bin/exec/seg-past-eof" : "", 5,
	      "a segment past the end of the file, untouched");
	dies_of("/bin/exec/entry-eof-zero", 4, "SIGILL",
		"e_entry past the end of the file in its last page, which reads zero");
	dies_of("/bin/exec/entry-past-eof", 7, "SIGBUS",
		"e_entry in a segment's page wholly past the end of the file");
}

int main(int argc, char **argv)
{
	extern char **environ;

	if (argc > 1 && !strcmp(argv[1], "--check"))
		return check_vec(argc, argv, environ);
	/* Run as /bin/exec/script-check's interpreter. */
	if (argc > 1 && !strcmp(argv[1], "--script"))
		return !(argc == 4 && !strcmp(argv[0], "/bin/exec-test") &&
			 !strcmp(argv[2], "/bin/exec/script-check") && !strcmp(argv[3], "extra") &&
			 !argv[4]);
	if (getenv("EXEC_TEST_NULL_ARGV"))
		return !(argc == 1 && argv[0] && !argv[0][0] && !argv[1]);
	tap_plan(63);
	loam = on_loam();
	snprintf(dir, sizeof(dir), "%s", argv[0]);
	*(strrchr(dir, '/') ? strrchr(dir, '/') : dir) = '\0';
	path_cases();
	argument_cases();
	file_cases();
	return tap_done();
}
