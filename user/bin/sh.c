// SPDX-License-Identifier: GPL-2.0
/*
 * sh: a small POSIX-like shell for Loam. It reads commands from a terminal
 * (a "# " prompt), a script (sh FILE [ARG...]), a string (sh -c CMDS) or
 * a pipe, and runs them as dash does; a login shell (sh -l, or a $0
 * starting with '-') first runs /etc/profile:
 *
 *   words     'single' and "double" quotes, \ escapes, # comments,
 *             $? $$ $! $# $0..$9 $NAME ${NAME} (one word each: no field
 *             splitting), NAME=value (shell variables)
 *   lists     a | b | c   (pipe2, each command its own child)
 *             a ; b       a & (a background job)   < > >> N> N>> N>&M
 *   builtins  cd pwd exit help jobs wait kill true false :
 *   programs  found along $PATH (/bin), exit status 127 if none,
 *             128 + N when killed by signal N
 *
 * Job control (an interactive shell): every job is its own process group
 * (setpgid), the terminal is given to the foreground one (TIOCSPGRP) and
 * taken back, so ^C reaches that job only. A script's foreground job
 * shares the shell's group, and the shell ignores SIGINT while it waits;
 * its background jobs are still jobs (jobs, wait, kill %N).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../include/uapi/signal.h"
#include "../../include/uapi/termios.h"
#include "../lib/tools.h"
#include "../lib/util.h"
#include "../syscall.h"

#define NR_setpgid 154
#define NR_getpgid 155
#define NR_chdir 49
#define NR_getcwd 17
#define NR_pipe2 59
#define NR_kill 129
#define NR_ioctl 29
#define NR_rt_sigaction 134
#define TIOCSPGRP_NR 0x5410 /* Linux's TIOCSPGRP (asm-generic/ioctls.h) */

#define MAX_WORDS 64
#define MAX_CMDS 8
#define MAX_REDIRS 8
#define MAX_JOBS 16
#define MAX_VARS 32
#define LINE_MAX_LEN 4096

/* One redirection: fd @fd from @path (opened with @flags), or a copy of @dupfd. */
struct redir {
	int fd, flags, dupfd;
	char *path;
};

struct command {
	char *argv[MAX_WORDS + 1];
	int argc;
	struct redir redirs[MAX_REDIRS];
	int nredirs;
};

/* a | b | c, maybe with &: what is forked together, one job. */
struct pipeline {
	struct command cmds[MAX_CMDS];
	int ncmds;
	bool background;
	char text[128];
};

struct job {
	int id; /* 0: a free slot */
	int pgid; /* 0 if the kernel has no process groups */
	int pids[MAX_CMDS], npids, running;
	int status; /* the last command's, shell-style */
	char text[128];
};

static struct job jobs[MAX_JOBS];
static struct {
	char *name, *value;
} vars[MAX_VARS];
static int last_status, last_bg_pid, shell_pgid;
static bool interactive, verbose;
static char **script_args;
static int script_argc;
static volatile int got_sigint;

/* ------------------------------------------------------- small pieces */

static long set_signal(int sig, __sighandler_t handler, unsigned long flags)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = flags };

	return syscall6(NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset_t), 0, 0);
}

static void on_sigint(int sig)
{
	got_sigint = 1;
}

/* The shell-style status of a wait status: the exit code, or 128 + the signal. */
static int shell_status(int wstatus)
{
	return WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : WEXITSTATUS(wstatus);
}

static const char *var_get(const char *name)
{
	int i;

	for (i = 0; i < MAX_VARS; i++)
		if (vars[i].name && !strcmp(vars[i].name, name))
			return vars[i].value;
	return getenv(name);
}

static void var_set(const char *name, const char *value)
{
	int i, free_slot = -1;

	for (i = 0; i < MAX_VARS; i++) {
		if (vars[i].name && !strcmp(vars[i].name, name)) {
			free(vars[i].value);
			vars[i].value = strdup(value);
			return;
		}
		if (!vars[i].name && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0) {
		fprintf(stderr, "sh: too many variables\n");
		return;
	}
	vars[free_slot].name = strdup(name);
	vars[free_slot].value = strdup(value);
}

/* --------------------------------------------------------- the words */

/* A word being built, and where the words of a line go (one arena per line). */
struct lexer {
	const char *p;
	char *arena, *out;
	size_t left;
};

static bool put_char(struct lexer *lx, char c)
{
	if (!lx->left)
		return false;
	*lx->out++ = c;
	lx->left--;
	return true;
}

static void put_str(struct lexer *lx, const char *s)
{
	while (s && *s && put_char(lx, *s))
		s++;
}

static bool is_name_char(char c, bool first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

/* $... at lx->p (past the '$'): its value appended. */
static void expand_dollar(struct lexer *lx)
{
	char name[64], num[16];
	const char *p = lx->p;
	size_t n = 0;
	bool brace = *p == '{';

	p += brace;
	if (*p == '?' || *p == '$' || *p == '!' || *p == '#' || (*p >= '0' && *p <= '9')) {
		int v = *p == '?'	? last_status :
			*p == '$'	? (int)sys_getpid() :
			*p == '!'	? last_bg_pid :
			script_argc > 0 ? script_argc - 1 :
					  0;

		if (*p >= '0' && *p <= '9')
			put_str(lx, *p - '0' < script_argc ? script_args[*p - '0'] : "");
		else {
			snprintf(num, sizeof(num), "%d", v);
			put_str(lx, num);
		}
		p++;
	} else if (is_name_char(*p, true)) {
		while (is_name_char(*p, false) && n < sizeof(name) - 1)
			name[n++] = *p++;
		name[n] = '\0';
		put_str(lx, var_get(name));
	} else {
		put_char(lx, '$');
		lx->p = p - brace;
		return;
	}
	if (brace && *p == '}')
		p++;
	lx->p = p;
}

/* The characters of a "..." string (lx->p past the opening quote); false if unterminated. */
static bool lex_double_quoted(struct lexer *lx)
{
	while (*lx->p && *lx->p != '"') {
		if (*lx->p == '\\' && lx->p[1] && strchr("$`\"\\", lx->p[1])) {
			put_char(lx, lx->p[1]);
			lx->p += 2;
		} else if (*lx->p == '$') {
			lx->p++;
			expand_dollar(lx);
		} else {
			put_char(lx, *lx->p++);
		}
	}
	if (!*lx->p)
		return false;
	lx->p++;
	return true;
}

/*
 * One word at lx->p into the arena (NUL-terminated): NULL at the end of
 * the words (an operator, the end of the line or a comment). *@err is set
 * for an unterminated quote.
 */
static char *lex_word(struct lexer *lx, bool *err)
{
	char *start = lx->out;
	bool any = false;

	while (*lx->p == ' ' || *lx->p == '\t')
		lx->p++;
	if (*lx->p == '#')
		lx->p += strlen(lx->p);
	while (*lx->p && !strchr(" \t|&;<>", *lx->p)) {
		any = true;
		if (*lx->p == '\'') {
			const char *end = strchr(lx->p + 1, '\'');

			if (!end) {
				*err = true;
				return NULL;
			}
			while (++lx->p < end)
				put_char(lx, *lx->p);
			lx->p++;
		} else if (*lx->p == '"') {
			lx->p++;
			if (!lex_double_quoted(lx)) {
				*err = true;
				return NULL;
			}
		} else if (*lx->p == '\\' && lx->p[1]) {
			put_char(lx, lx->p[1]);
			lx->p += 2;
		} else if (*lx->p == '$') {
			lx->p++;
			expand_dollar(lx);
		} else {
			put_char(lx, *lx->p++);
		}
	}
	if (!any || !put_char(lx, '\0'))
		return NULL;
	return start;
}

/* ----------------------------------------------------------- parsing */

/* A redirection operator at lx->p (after an optional fd number @fd, -1 if none). */
static bool parse_redir(struct lexer *lx, struct command *c, int fd, bool *err)
{
	struct redir *r = &c->redirs[c->nredirs];
	char op = *lx->p++;

	if (c->nredirs == MAX_REDIRS) {
		*err = true;
		return false;
	}
	r->fd = fd >= 0 ? fd : op == '<' ? 0 : 1;
	r->dupfd = -1;
	r->flags = op == '<' ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC;
	if (op == '>' && *lx->p == '>') {
		r->flags = O_WRONLY | O_CREAT | O_APPEND;
		lx->p++;
	}
	if (*lx->p == '&') {
		lx->p++;
		while (*lx->p == ' ')
			lx->p++;
		if (*lx->p < '0' || *lx->p > '9') {
			*err = true;
			return false;
		}
		r->dupfd = strtol(lx->p, (char **)&lx->p, 10);
	} else {
		r->path = lex_word(lx, err);
		if (!r->path) {
			*err = true;
			return false;
		}
	}
	c->nredirs++;
	return true;
}

/* "2>": a number right before a redirection operator is its descriptor. */
static int redir_fd_prefix(const char *p)
{
	const char *q = p;

	while (*q >= '0' && *q <= '9')
		q++;
	return q > p && q - p < 3 && (*q == '<' || *q == '>') ? atoi(p) : -1;
}

/* One command's words and redirections, up to |, &, ; or the end. */
static bool parse_command(struct lexer *lx, struct command *c)
{
	bool err = false;
	char *w;
	int fd;

	memset(c, 0, sizeof(*c));
	for (;;) {
		while (*lx->p == ' ' || *lx->p == '\t')
			lx->p++;
		fd = redir_fd_prefix(lx->p);
		if (fd >= 0)
			while (*lx->p >= '0' && *lx->p <= '9')
				lx->p++;
		if (*lx->p == '<' || *lx->p == '>') {
			if (!parse_redir(lx, c, fd, &err))
				return false;
			continue;
		}
		w = lex_word(lx, &err);
		if (err)
			return false;
		if (!w)
			return true;
		if (c->argc == MAX_WORDS)
			return false;
		c->argv[c->argc++] = w;
	}
}

/* One pipeline at lx->p, and the & or ; that ends it. */
static bool parse_pipeline(struct lexer *lx, struct pipeline *pl)
{
	const char *start = lx->p;

	pl->ncmds = 0;
	pl->background = false;
	do {
		if (pl->ncmds == MAX_CMDS || !parse_command(lx, &pl->cmds[pl->ncmds]))
			return false;
		if (!pl->cmds[pl->ncmds].argc && !pl->cmds[pl->ncmds].nredirs)
			return !pl->ncmds && *lx->p != '|' ? true : false;
		pl->ncmds++;
	} while (*lx->p == '|' && lx->p++);
	snprintf(pl->text, sizeof(pl->text), "%.*s", (int)(lx->p - start), start);
	while (*pl->text == ' ')
		memmove(pl->text, pl->text + 1, strlen(pl->text));
	if (*lx->p == '&')
		pl->background = true;
	if (*lx->p == '&' || *lx->p == ';')
		lx->p++;
	return true;
}

/* ---------------------------------------------------------------- jobs */

static struct job *job_by_spec(const char *spec)
{
	int i, id = atoi(spec + (*spec == '%'));

	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id &&
		    (*spec == '%' ? jobs[i].id == id : jobs[i].pgid == id || jobs[i].pids[0] == id))
			return &jobs[i];
	return NULL;
}

/* Reap what of @j has exited (waiting for it all if @block): true once it is done. */
static bool job_update(struct job *j, bool block)
{
	int i, wstatus;
	long r;

	for (i = 0; i < j->npids; i++) {
		if (!j->pids[i])
			continue;
		r = sys_wait4(j->pids[i], &wstatus, block ? 0 : WNOHANG, NULL);
		if (r == -EINTR && block) {
			i--;
			continue;
		}
		if (r == 0)
			continue;
		if (r > 0 && i == j->npids - 1)
			j->status = shell_status(wstatus);
		j->pids[i] = 0;
		j->running--;
	}
	return !j->running;
}

static const char *job_state(const struct job *j)
{
	static char what[32];

	if (j->running)
		return "Running";
	if (j->status > 128)
		return signal_description(j->status - 128);
	if (!j->status)
		return "Done";
	snprintf(what, sizeof(what), "Done(%d)", j->status);
	return what;
}

/* Background jobs that ended since the last prompt: reported (interactive) and forgotten. */
static void reap_jobs(void)
{
	int i;

	for (i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].id || !job_update(&jobs[i], false))
			continue;
		if (interactive)
			printf("[%d]+  %-24s%s\n", jobs[i].id, job_state(&jobs[i]), jobs[i].text);
		jobs[i].id = 0;
	}
}

static struct job *job_add(int pgid, const int *pids, int n, const char *text)
{
	int i, id = 1;

	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id >= id)
			id = jobs[i].id + 1;
	for (i = 0; i < MAX_JOBS; i++)
		if (!jobs[i].id)
			break;
	if (i == MAX_JOBS)
		return NULL;
	jobs[i] = (struct job){ .id = id, .pgid = pgid, .npids = n, .running = n };
	memcpy(jobs[i].pids, pids, n * sizeof(*pids));
	snprintf(jobs[i].text, sizeof(jobs[i].text), "%s", text);
	return &jobs[i];
}

/* Send @sig to job @j: its process group, or each process if there is none. */
static long job_kill(struct job *j, int sig)
{
	long r = j->pgid ? syscall6(NR_kill, -j->pgid, sig, 0, 0, 0, 0) : -ESRCH;
	int i;

	if (r == -ESRCH)
		for (i = 0; i < j->npids; i++)
			if (j->pids[i])
				r = syscall6(NR_kill, j->pids[i], sig, 0, 0, 0, 0);
	return r;
}

/* ------------------------------------------------------------ builtins */

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME") ? var_get("HOME") : "/";
	char cwd[4096];
	long r = syscall6(NR_chdir, (long)dir, 0, 0, 0, 0, 0);

	if (r < 0) {
		fprintf(stderr, "sh: cd: can't cd to %s: %s\n", dir, strerror(-r));
		return 2;
	}
	if (syscall6(NR_getcwd, (long)cwd, sizeof(cwd), 0, 0, 0, 0) > 0)
		var_set("PWD", cwd);
	return 0;
}

static int builtin_pwd(int argc, char **argv)
{
	char cwd[4096];
	long r = syscall6(NR_getcwd, (long)cwd, sizeof(cwd), 0, 0, 0, 0);

	if (r < 0) {
		fprintf(stderr, "sh: pwd: %s\n", strerror(-r));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

static int builtin_exit(int argc, char **argv)
{
	fflush(stdout);
	exit(argc > 1 ? atoi(argv[1]) & 0xff : last_status);
}

static int builtin_help(int argc, char **argv)
{
	printf("Loam's sh: builtins cd [DIR], pwd, exit [N], help, jobs, wait [%%N|PID],\n"
	       "kill [-SIG] %%N|PID..., true, false; programs from $PATH (/bin: ls /bin).\n"
	       "a | b   a > file   a >> file   a < file   a 2>&1   a &   a ; b   $? $$ $! NAME=value\n"
	       "Try: free -m; vmstat 1 3; eat 100M & sleep 2; ps; kill %%1; cat /proc/meminfo\n");
	return 0;
}

static int builtin_jobs(int argc, char **argv)
{
	int i;

	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id) {
			job_update(&jobs[i], false);
			printf("[%d]+  %-24s%s\n", jobs[i].id, job_state(&jobs[i]), jobs[i].text);
		}
	return 0;
}

static int builtin_wait(int argc, char **argv)
{
	int i, status = 0, wstatus;
	struct job *j;
	long r;

	if (argc == 1) {
		for (i = 0; i < MAX_JOBS; i++)
			if (jobs[i].id) {
				job_update(&jobs[i], true);
				jobs[i].id = 0;
			}
		return 0;
	}
	for (i = 1; i < argc; i++) {
		j = job_by_spec(argv[i]);
		if (j) {
			job_update(j, true);
			status = j->status;
			j->id = 0;
			continue;
		}
		r = argv[i][0] == '%' ? -ECHILD : sys_wait4(atoi(argv[i]), &wstatus, 0, NULL);
		status = r > 0 ? shell_status(wstatus) : 127;
	}
	return status;
}

static int builtin_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;
	struct job *j;
	long r;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		for (sig = 1; signal_name(sig); sig++)
			printf("%s%c", signal_name(sig), signal_name(sig + 1) ? ' ' : '\n');
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		sig = signal_number(argv[2]);
		i = 3;
	} else if (argc > 2 && argv[1][0] == '-') {
		sig = signal_number(argv[1] + 1);
		i = 2;
	}
	if (!sig || i >= argc) {
		fprintf(stderr, "sh: kill: usage: kill [-s SIG | -SIG] %%N|PID...\n");
		return 2;
	}
	for (; i < argc; i++) {
		j = argv[i][0] == '%' ? job_by_spec(argv[i]) : NULL;
		if (argv[i][0] == '%' && !j)
			r = -ESRCH;
		else
			r = j ? job_kill(j, sig) :
				syscall6(NR_kill, atol(argv[i]), sig, 0, 0, 0, 0);
		if (r < 0) {
			fprintf(stderr, "sh: kill: %s: %s\n", argv[i], strerror(-r));
			status = 1;
		}
	}
	return status;
}

static int builtin_true(int argc, char **argv)
{
	return 0;
}

static int builtin_false(int argc, char **argv)
{
	return 1;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} builtins[] = {
	{ "cd", builtin_cd },	    { "pwd", builtin_pwd },   { "exit", builtin_exit },
	{ "help", builtin_help },   { "jobs", builtin_jobs }, { "wait", builtin_wait },
	{ "kill", builtin_kill },   { "true", builtin_true }, { ":", builtin_true },
	{ "false", builtin_false },
};

static int (*find_builtin(const char *name))(int, char **)
{
	size_t i;

	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].fn;
	return NULL;
}

/* -------------------------------------------------------- running them */

/* Apply @c's redirections to this process: 0, or 1 after saying why not. */
static int apply_redirs(const struct command *c)
{
	const struct redir *r;
	long fd;
	int i;

	for (i = 0; i < c->nredirs; i++) {
		r = &c->redirs[i];
		fd = r->dupfd >= 0 ? r->dupfd : sys_openat(AT_FDCWD, r->path, r->flags, 0666);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", r->path, strerror(-fd));
			return 1;
		}
		if (fd != r->fd && sys_dup3(fd, r->fd, 0) < 0) {
			fprintf(stderr, "sh: %d: %s\n", r->dupfd, strerror(EBADF));
			return 1;
		}
		if (r->dupfd < 0 && fd != r->fd)
			sys_close(fd);
	}
	return 0;
}

/* execve @argv along $PATH (or as given if it has a '/'); only returns on failure: the status. */
static int exec_command(char **argv)
{
	const char *path = var_get("PATH") ? var_get("PATH") : "/bin", *end;
	char file[4096];
	long r, err = -ENOENT;

	if (strchr(argv[0], '/')) {
		err = sys_execve(argv[0], argv, environ);
	} else {
		for (; *path; path = *end ? end + 1 : end) {
			end = strchr(path, ':');
			end = end ? end : path + strlen(path);
			snprintf(file, sizeof(file), "%.*s/%s", (int)(end - path),
				 end > path ? path : ".", argv[0]);
			r = sys_execve(file, argv, environ);
			if (r != -ENOENT && r != -ENOTDIR)
				err = r;
		}
	}
	if (err == -ENOENT) {
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
		return 127;
	}
	fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(-err));
	return 126;
}

/* In a child: the process group, signals, pipes and redirections, then the command. */
static void child_run(struct command *c, int in, int out, int pgid, bool bg)
{
	int (*fn)(int, char **) = c->argc ? find_builtin(c->argv[0]) : NULL;

	if (interactive || bg)
		syscall6(NR_setpgid, 0, pgid, 0, 0, 0, 0);
	set_signal(SIGINT, SIG_DFL, 0);
	set_signal(SIGQUIT, SIG_DFL, 0);
	set_signal(SIGTTOU, SIG_DFL, 0);
	if (in != 0) {
		sys_dup3(in, 0, 0);
		sys_close(in);
	}
	if (out != 1) {
		sys_dup3(out, 1, 0);
		sys_close(out);
	}
	if (apply_redirs(c))
		_exit(1);
	if (!c->argc)
		_exit(0);
	if (fn) {
		int status = fn(c->argc, c->argv);

		fflush(stdout);
		_exit(status);
	}
	_exit(exec_command(c->argv));
}

/* The terminal to process group @pgid (TIOCSPGRP), if this shell does job control. */
static void give_terminal(int pgid)
{
	if (interactive && pgid)
		syscall6(NR_ioctl, 0, TIOCSPGRP_NR, (long)&pgid, 0, 0, 0);
}

/* Wait for the foreground job @j, with ^C for it alone: its status. */
static int wait_foreground(struct job *j)
{
	int status;

	give_terminal(j->pgid);
	if (!interactive)
		set_signal(SIGINT, SIG_IGN, 0);
	job_update(j, true);
	if (!interactive)
		set_signal(SIGINT, SIG_DFL, 0);
	give_terminal(shell_pgid);
	status = j->status;
	if (status > 128 && status != 128 + SIGINT && status != 128 + SIGPIPE)
		fprintf(stderr, "%s\n", signal_description(status - 128));
	else if (status == 128 + SIGINT && interactive)
		fprintf(stderr, "\n");
	j->id = 0;
	return status;
}

/* Fork the commands of @pl connected by pipes: the job, or NULL if the first fork failed. */
static struct job *start_pipeline(struct pipeline *pl)
{
	int pids[MAX_CMDS], n, in = 0, fds[2], pgid = 0;
	bool own_group = interactive || pl->background;
	long pid;

	for (n = 0; n < pl->ncmds; n++) {
		fds[1] = 1;
		if (n + 1 < pl->ncmds && syscall6(NR_pipe2, (long)fds, O_CLOEXEC, 0, 0, 0, 0) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(EMFILE));
			break;
		}
		pid = fork_child();
		if (pid == 0) {
			if (n + 1 < pl->ncmds)
				sys_close(fds[0]);
			child_run(&pl->cmds[n], in, fds[1], pgid, pl->background);
		}
		if (in != 0)
			sys_close(in);
		if (fds[1] != 1)
			sys_close(fds[1]);
		in = fds[0];
		if (pid < 0) {
			fprintf(stderr, "sh: fork: %s\n", strerror(-pid));
			break;
		}
		/*
		 * Both sides set the group, as shells do: whichever runs first. If
		 * the child won and has exec'd, the parent's call fails (-EACCES)
		 * but the group is the child's all the same.
		 */
		if (own_group) {
			syscall6(NR_setpgid, pid, pgid ? pgid : pid, 0, 0, 0, 0);
			if (!pgid)
				pgid = pid;
		}
		pids[n] = pid;
	}
	if (!n)
		return NULL;
	return job_add(pgid, pids, n, pl->text);
}

/* NAME=value: a name, then '='. */
static bool is_assignment(const char *w)
{
	const char *p = w;

	while (is_name_char(*p, p == w))
		p++;
	return p > w && *p == '=';
}

/* Run @pl: its status (a background job's start: 0). */
static int run_pipeline(struct pipeline *pl)
{
	struct command *c = &pl->cmds[0];
	int (*fn)(int, char **) = c->argc ? find_builtin(c->argv[0]) : NULL;
	int saved[3], i, status;
	struct job *j;

	if (pl->ncmds == 1 && !pl->background && c->argc == 1 && is_assignment(c->argv[0])) {
		*strchr(c->argv[0], '=') = '\0';
		var_set(c->argv[0], c->argv[0] + strlen(c->argv[0]) + 1);
		return 0;
	}
	if (pl->ncmds == 1 && !pl->background && fn) {
		for (i = 0; i < 3; i++)
			saved[i] = syscall6(__NR_fcntl, i, 1030 /* F_DUPFD_CLOEXEC */, 10, 0, 0, 0);
		status = apply_redirs(c) ? 1 : fn(c->argc, c->argv);
		fflush(stdout);
		fflush(stderr);
		for (i = 0; i < 3; i++)
			if (saved[i] >= 0) {
				sys_dup3(saved[i], i, 0);
				sys_close(saved[i]);
			}
		return status;
	}
	j = start_pipeline(pl);
	if (!j)
		return 2;
	if (!pl->background)
		return wait_foreground(j);
	last_bg_pid = j->pids[j->npids - 1];
	if (interactive)
		printf("[%d] %d\n", j->id, last_bg_pid);
	return 0;
}

/* Parse and run one line. */
static void run_line(const char *line)
{
	static char arena[LINE_MAX_LEN * 2];
	struct lexer lx = { .p = line, .arena = arena, .out = arena, .left = sizeof(arena) };
	struct pipeline pl;

	if (verbose)
		fprintf(stderr, "%s\n", line);
	while (*lx.p) {
		if (!parse_pipeline(&lx, &pl)) {
			fprintf(stderr, "sh: syntax error: %s\n", line);
			last_status = 2;
			return;
		}
		if (pl.ncmds)
			last_status = run_pipeline(&pl);
		else if (*lx.p)
			lx.p++; /* an empty command before ';' */
	}
}

/* ----------------------------------------------------------- the input */

struct input {
	int fd;
	bool prompt; /* the terminal: a prompt before each line, "exit" at the end */
	char buf[LINE_MAX_LEN];
	size_t start, end;
	const char *string; /* sh -c */
};

/*
 * The next line of @in (without its newline, a trailing backslash joining
 * the next): its length, -1 at the end, -2 when ^C interrupted the read.
 */
static long read_line(struct input *in, char *line, size_t size)
{
	size_t len = 0;
	long n;
	char c;

	for (;;) {
		if (in->start == in->end) {
			if (in->string)
				return len ? (long)len : -1;
			n = sys_read(in->fd, in->buf, sizeof(in->buf));
			if (n == -EINTR && got_sigint)
				return -2;
			if (n == -EINTR)
				continue;
			if (n <= 0)
				return len ? (long)len : -1;
			in->start = 0;
			in->end = n;
		}
		c = in->buf[in->start++];
		if (c == '\n') {
			if (len && line[len - 1] == '\\') {
				len--;
				continue;
			}
			break;
		}
		if (len < size - 1)
			line[len++] = c;
	}
	line[len] = '\0';
	return len;
}

static void run_input(struct input *in)
{
	static char line[LINE_MAX_LEN];
	long n;

	for (;;) {
		reap_jobs();
		if (in->prompt) {
			fputs(sys_getuid() ? "$ " : "# ", stdout);
			fflush(stdout);
		}
		got_sigint = 0;
		n = read_line(in, line, sizeof(line));
		if (n == -2) {
			fputs("\n", stdout);
			continue;
		}
		if (n < 0)
			break;
		run_line(line);
		fflush(stdout);
	}
	if (in->prompt)
		fputs("exit\n", stdout);
}

/* A login shell (sh -l) runs /etc/profile first, as dash and bash do; none is no error. */
static void run_profile(void)
{
	static struct input profile;

	profile.fd = sys_openat(AT_FDCWD, "/etc/profile", O_RDONLY | O_CLOEXEC, 0);
	if (profile.fd < 0)
		return;
	run_input(&profile);
	sys_close(profile.fd);
}

/* Interactive: its own process group with the terminal, ^C only ends a line. */
static void setup_interactive(void)
{
	struct termios t;

	interactive = syscall6(NR_ioctl, 0, TCGETS, (long)&t, 0, 0, 0) == 0;
	shell_pgid = sys_getpid();
	if (!interactive)
		return;
	syscall6(NR_setpgid, 0, 0, 0, 0, 0, 0);
	{
		long pg = syscall6(NR_getpgid, 0, 0, 0, 0, 0, 0);

		shell_pgid = pg > 0 ? pg : 0;
	}
	give_terminal(shell_pgid);
	set_signal(SIGINT, on_sigint, 0);
	set_signal(SIGQUIT, SIG_IGN, 0);
	set_signal(SIGTTOU, SIG_IGN, 0);
}

int main(int argc, char **argv)
{
	static struct input in;
	bool login = argv[0][0] == '-';
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] && argv[i][1] != 'c'; i++) {
		verbose |= strchr(argv[i], 'v') != NULL;
		login |= strchr(argv[i], 'l') != NULL;
	}
	if (!getenv("PATH"))
		var_set("PATH", "/bin");
	/* $0 and the arguments: the shell's own, sh FILE ARG..., sh -c CMDS NAME ARG... */
	script_args = i < argc ? argv + i : argv;
	script_argc = i < argc ? argc - i : 1;
	if (i < argc && !strcmp(argv[i], "-c")) {
		if (i + 1 >= argc) {
			fprintf(stderr, "sh: -c requires an argument\n");
			return 2;
		}
		in.string = argv[i + 1];
		in.end = strlen(in.string);
		if (in.end >= sizeof(in.buf))
			in.end = sizeof(in.buf) - 1;
		memcpy(in.buf, in.string, in.end);
		/* A last line without a newline still runs: read_line() ends it at the string's end. */
		script_args = argv + i + 2;
		script_argc = argc - i - 2;
	} else if (i < argc) {
		in.fd = sys_openat(AT_FDCWD, argv[i], O_RDONLY | O_CLOEXEC, 0);
		if (in.fd < 0) {
			fprintf(stderr, "sh: cannot open %s: %s\n", argv[i], strerror(-in.fd));
			return 127;
		}
	} else {
		setup_interactive();
		in.prompt = interactive;
		if (login)
			run_profile();
	}
	run_input(&in);
	return last_status;
}
