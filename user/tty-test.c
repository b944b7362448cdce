// SPDX-License-Identifier: GPL-2.0
/*
 * tty-test: the terminal as Linux's N_TTY line discipline makes it
 * (drivers/tty/n_tty.c, termios(3), tty_ioctl(4)). On Loam, booted as init,
 * the terminal is the console (fd 0) and what it "types" comes through the
 * serial port: the program prints "#>send HEX" and tests/run writes those
 * bytes to QEMU's stdin (the scenario's send_markers); the echo is then on
 * the console, where the scenario's log patterns check it. Under
 * qemu-riscv64 (Linux) it makes a pseudo-terminal, types on its master and
 * reads the echo there, in a session of its own with the slave as its
 * controlling terminal: the same cases against Linux's own N_TTY.
 *
 * Cases: TCGETS's defaults (Linux's tty_std_termios and INIT_C_CC),
 * TIOCGWINSZ/TIOCSWINSZ (SIGWINCH), TIOCGPGRP/TIOCGSID, a canonical line,
 * VERASE, VKILL, VWERASE, a short read, VEOF, ppoll and FIONREAD, O_NONBLOCK,
 * ECHO off, non-canonical VMIN/VTIME, ^C (SIGINT to the foreground group
 * only; a read restarted by SA_RESTART or ended with -EINTR), ^\ (SIGQUIT),
 * TIOCSPGRP to another group and back, TIOCSCTTY and a new session.
 */
#include <stdio.h>
#include <string.h>

#include "../include/uapi/errno.h"
#include "../include/uapi/signal.h"
#include "../include/uapi/termios.h"
#include "../include/uapi/wait.h"
#include "lib/tap.h"
#include "lib/util.h"
#include "syscall.h"

/* asm-generic/ioctls.h: the pseudo-terminal master's ioctls (Linux only here). */
#define TIOCGPTN 0x80045430
#define TIOCSPTLCK 0x40045431
#define POLLIN 0x0001

struct pollfd {
	int fd;
	short events, revents;
};

static int tty = -1; /* the terminal under test */
static int master = -1; /* the pseudo-terminal's master; -1: the runner types */
static volatile int sigints, sigquits, sigwinches;

static void on_signal(int sig)
{
	if (sig == SIGINT)
		sigints++;
	else if (sig == SIGQUIT)
		sigquits++;
	else if (sig == SIGWINCH)
		sigwinches++;
}

static void set_handler(int sig, __sighandler_t fn, unsigned long flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	syscall6(__NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset_t), 0, 0);
}

static long ioctl(int fd, unsigned long cmd, void *arg)
{
	return syscall6(__NR_ioctl, fd, cmd, (long)arg, 0, 0, 0);
}

static void sleep_ms(long ms)
{
	struct linux_timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	sys_nanosleep(&ts, NULL);
}

static long now_ms(void)
{
	struct linux_timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ppoll of @fd for POLLIN, @ms long: revents, or -errno. */
static long poll_in(int fd, long ms)
{
	struct linux_timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	struct pollfd pfd = { fd, POLLIN, 0 };
	long r = syscall6(__NR_ppoll, (long)&pfd, 1, (long)&ts, 0, 0, 0);

	return r < 0 ? r : pfd.revents;
}

/* Type @s on the terminal: on the master, or asked of the runner. */
static void type(const char *s)
{
	size_t i, n = strlen(s);

	if (master >= 0) {
		sys_write(master, s, n);
		return;
	}
	printf("#>send ");
	for (i = 0; i < n; i++)
		printf("%02x", (unsigned char)s[i]);
	printf("\n");
	fflush(stdout);
}

/*
 * The terminal showed @want since the last look (the echo of what was
 * typed): read on the master, up to two seconds. On Loam the scenario's
 * log patterns check the console instead.
 */
static void echo_is(const char *want, const char *what)
{
	char got[256];
	size_t n = 0, len = strlen(want);
	long r;

	if (master < 0) {
		tap_skip("the console: the scenario's log checks it", "echo of %s", what);
		return;
	}
	while (n < len && poll_in(master, n ? 200 : 2000) > 0) {
		r = sys_read(master, got + n, sizeof(got) - 1 - n);
		if (r <= 0)
			break;
		n += r;
	}
	if (!len)
		n = poll_in(master, 200) > 0 ? 1 : 0;
	tap_ok(n == len && !memcmp(got, want, len), "echo of %s (%zu bytes)", what, n);
}

/*
 * Type @s a moment from now, from a child (which ignores SIGINT), so that
 * it comes while we sleep in the read we start now. Its pid, to reap.
 */
static long type_later(const char *s)
{
	long pid = fork_child();

	if (pid)
		return pid;
	set_handler(SIGINT, SIG_IGN, 0);
	sleep_ms(200);
	type(s);
	sys_exit_group(0);
}

/*
 * On the console, an echo that did not end its line ("xy" before ^D, ^C)
 * would run into the next TAP line: end it there. Called once the echo is
 * surely out (it precedes the read, the signal, the wait that came after).
 */
static void end_echo_line(void)
{
	if (master < 0) {
		printf("\n");
		fflush(stdout);
	}
}

/* read() of the terminal is @want (its length, or 0 for end of file). */
static void read_is(size_t count, const char *want, const char *what)
{
	char got[128] = { 0 };
	long r = sys_read(tty, got, count);

	tap_ok(r == (long)strlen(want) && !memcmp(got, want, r), "%s: read %ld bytes \"%.*s\"",
	       what, r, r > 0 ? (int)r : 0, got);
}

/* Under Linux: a pseudo-terminal, in a new session whose controlling terminal it is. */
static int open_pty(void)
{
	char path[32];
	int n, unlock = 0;

	master = sys_openat(AT_FDCWD, "/dev/ptmx", O_RDWR | O_NOCTTY, 0);
	if (master < 0 || ioctl(master, TIOCSPTLCK, &unlock) || ioctl(master, TIOCGPTN, &n))
		return -1;
	snprintf(path, sizeof(path), "/dev/pts/%d", n);
	if (sys_setsid() < 0)
		return -1;
	/* A session leader without a terminal opening one acquires it (tty_open_proc_set_tty()). */
	return sys_openat(AT_FDCWD, path, O_RDWR, 0);
}

static void defaults(void)
{
	static const unsigned char init_cc[NCCS] = INIT_C_CC;
	struct termios t;
	struct winsize ws = { 1, 1, 1, 1 }, big = { 24, 80, 0, 0 };
	int pgrp = -1, sid = -1;
	long r;

	tap_ok(!ioctl(tty, TCGETS, &t) && t.c_iflag == (ICRNL | IXON) &&
		       t.c_oflag == (OPOST | ONLCR) &&
		       t.c_lflag ==
			       (ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN),
	       "TCGETS: Linux's c_iflag %#x, c_oflag %#x, c_lflag %#x", t.c_iflag, t.c_oflag,
	       t.c_lflag);
	tap_ok(!memcmp(t.c_cc, init_cc, NCCS) && (t.c_cflag & CS8) == CS8,
	       "TCGETS: c_cc is INIT_C_CC (^C ^\\ DEL ^U ^D, VMIN 1, VTIME 0), CS8");
	tap_ok(!ioctl(tty, TIOCGWINSZ, &ws) && !ws.ws_row && !ws.ws_col,
	       "TIOCGWINSZ: 0 rows, 0 columns until someone sets them");
	set_handler(SIGWINCH, on_signal, 0);
	tap_ok(!ioctl(tty, TIOCSWINSZ, &big) && !ioctl(tty, TIOCGWINSZ, &ws) && ws.ws_row == 24 &&
		       ws.ws_col == 80 && sigwinches == 1,
	       "TIOCSWINSZ 24x80: TIOCGWINSZ says so, SIGWINCH to the foreground group (%d)",
	       sigwinches);
	tap_ok(!ioctl(tty, TIOCGPGRP, &pgrp) && pgrp == sys_getpgid(0),
	       "TIOCGPGRP: our group %d in the foreground", pgrp);
	r = ioctl(tty, TIOCGSID, &sid);
	tap_ok(!r && sid == sys_getsid(0), "TIOCGSID: our session %d (%ld)", sid, r);
}

static void canonical(void)
{
	struct termios t, quiet;
	char buf[16];
	long r;
	int n = -1;

	type("hello\r");
	read_is(100, "hello\n", "a line, CR made NL (ICRNL)");
	echo_is("hello\r\n", "the line, NL as CR NL (ONLCR)");
	type("abx\x7f"
	     "c\r");
	read_is(100, "abc\n", "DEL erases a character (VERASE)");
	echo_is("abx\b \bc\r\n", "the erase as backspace, space, backspace (ECHOE)");
	type("junk\x15ok\r");
	read_is(100, "ok\n", "^U kills the line (VKILL)");
	echo_is("junk\b \b\b \b\b \b\b \bok\r\n", "the kill, character by character (ECHOKE)");
	type("one two\x17three\r");
	read_is(100, "one three\n", "^W erases a word (VWERASE)");
	echo_is("one two\b \b\b \b\b \bthree\r\n", "the word erase");
	type("abcdef\r");
	read_is(3, "abc", "a read of 3 takes 3 bytes of the line");
	read_is(100, "def\n", "the next read the rest of it");
	echo_is("abcdef\r\n", "the line read in two");
	type("\x04");
	read_is(100, "", "^D at the start of a line: end of file (VEOF)");
	type("xy\x04");
	r = sys_read(tty, buf, sizeof(buf));
	end_echo_line();
	tap_ok(r == 2 && !memcmp(buf, "xy", 2),
	       "^D after text: the text, without a newline: read %ld bytes", r);
	echo_is("xy", "text before ^D (which is not echoed)");
	type("12");
	sleep_ms(300);
	end_echo_line();
	tap_ok(poll_in(tty, 0) == 0 && !ioctl(tty, FIONREAD, &n) && n == 0,
	       "half a line: ppoll finds nothing to read, FIONREAD 0 (%d)", n);
	type("\r");
	r = poll_in(tty, 5000);
	tap_ok(r == POLLIN && !ioctl(tty, FIONREAD, &n) && n == 3,
	       "the line ended: ppoll POLLIN (%ld), FIONREAD 3 (%d)", r, n);
	read_is(100, "12\n", "then read");
	echo_is("12\r\n", "the line typed in two");
	sys_fcntl(tty, F_SETFL, O_RDWR | O_NONBLOCK);
	r = sys_read(tty, &n, 1);
	tap_ok(r == -EAGAIN, "O_NONBLOCK with no line: -EAGAIN (%ld)", r);
	sys_fcntl(tty, F_SETFL, O_RDWR);
	ioctl(tty, TCGETS, &t);
	quiet = t;
	quiet.c_lflag &= ~ECHO;
	ioctl(tty, TCSETS, &quiet);
	type("secret\r");
	read_is(100, "secret\n", "ECHO off: the line still comes");
	echo_is("", "nothing with ECHO off");
	ioctl(tty, TCSETS, &t);
}

/* Non-canonical mode: VMIN and VTIME (termios(3)). */
static void raw(void)
{
	struct termios t, r;
	long t0, got;
	int n = 0, i;

	ioctl(tty, TCGETS, &t);
	r = t;
	r.c_lflag &= ~(ICANON | ECHO);
	r.c_cc[VMIN] = 1;
	r.c_cc[VTIME] = 0;
	tap_ok(!ioctl(tty, TCSETSW, &r), "TCSETSW: ICANON and ECHO off, VMIN 1, VTIME 0");
	type("xyz");
	read_is(1, "x", "VMIN 1: a byte at a time");
	for (i = 0; i < 50 && !ioctl(tty, FIONREAD, &n) && n < 2; i++)
		sleep_ms(100);
	read_is(100, "yz", "then the two that came with it");
	type("\r");
	read_is(100, "\n", "ICRNL still turns CR into NL");
	r.c_cc[VMIN] = 0;
	ioctl(tty, TCSETS, &r);
	read_is(100, "", "VMIN 0, VTIME 0: no waiting, 0 bytes");
	r.c_cc[VTIME] = 2;
	ioctl(tty, TCSETS, &r);
	t0 = now_ms();
	got = sys_read(tty, &n, 1);
	t0 = now_ms() - t0;
	tap_ok(got == 0 && t0 >= 150, "VMIN 0, VTIME 2: 0 bytes after %ld ms", t0);
	r.c_cc[VMIN] = 3;
	r.c_cc[VTIME] = 0;
	ioctl(tty, TCSETS, &r);
	type("abc");
	read_is(100, "abc", "VMIN 3: a read waits for 3 bytes");
	tap_ok(!ioctl(tty, TCSETSF, &t), "TCSETSF: canonical again, input flushed");
}

/* A child in its own process group (or ours, @own_group false) that sleeps until killed. */
static long sleeper(bool own_group)
{
	long pid = fork_child();

	if (pid)
		return pid;
	if (own_group)
		sys_setpgid(0, 0);
	set_handler(SIGINT, SIG_DFL, 0);
	for (;;)
		sleep_ms(1000);
}

static int killed_by(long pid)
{
	int status = 0;

	if (sys_wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status & 0x7f;
}

static void signals(void)
{
	long bg = sleeper(true), fg = sleeper(false), typist, r;
	int status, pgrp = -1;
	char c;

	/* Both children have run their setpgid() once we see it. */
	for (r = 0; r < 100 && sys_getpgid(bg) != bg; r++)
		sleep_ms(10);
	set_handler(SIGINT, on_signal, SA_RESTART);
	type("\x03"
	     "after\r");
	read_is(100, "after\n",
		"^C during a read: SIGINT handled, the read restarted (SA_RESTART)");
	tap_ok(sigints == 1, "^C: one SIGINT for us (%d)", sigints);
	tap_ok(killed_by(fg) == SIGINT, "^C: SIGINT killed the child in our (foreground) group");
	tap_ok(sys_wait4(bg, &status, WNOHANG, NULL) == 0,
	       "^C: the child in another group was not signalled");
	echo_is("^Cafter\r\n", "^C as ^C (ECHOCTL)");
	set_handler(SIGINT, on_signal, 0);
	typist = type_later("\x03");
	r = sys_read(tty, &c, 1);
	end_echo_line();
	reap_exit(typist);
	tap_ok(r == -EINTR && sigints == 2, "^C without SA_RESTART: the read is -EINTR (%ld)", r);
	set_handler(SIGQUIT, on_signal, 0);
	type("\x1c");
	for (r = 0; r < 500 && !sigquits; r++)
		sleep_ms(10);
	end_echo_line();
	tap_ok(sigquits == 1, "^\\: SIGQUIT to the foreground group");
	echo_is("^C^\\", "^C and ^\\");
	/* As a shell does: SIGTTOU ignored, so that a background tcsetpgrp() is allowed. */
	set_handler(SIGTTOU, SIG_IGN, 0);
	pgrp = bg;
	tap_ok(!ioctl(tty, TIOCSPGRP, &pgrp) && !ioctl(tty, TIOCGPGRP, &pgrp) && pgrp == bg,
	       "TIOCSPGRP: the other group in the foreground");
	type("\x03");
	r = killed_by(bg);
	end_echo_line();
	tap_ok(r == SIGINT && sigints == 2, "^C: now SIGINT goes to that group, not to ours (%d)",
	       sigints);
	pgrp = sys_getpgid(0);
	tap_ok(!ioctl(tty, TIOCSPGRP, &pgrp), "TIOCSPGRP: our group back (from the background)");
	pgrp = -1;
	r = ioctl(tty, TIOCSPGRP, &pgrp);
	tap_ok(r == -EINVAL, "TIOCSPGRP -1: -EINVAL (%ld)", r);
	pgrp = 0x3ffffff0;
	r = ioctl(tty, TIOCSPGRP, &pgrp);
	tap_ok(r == -ESRCH, "TIOCSPGRP of a group nobody is in: -ESRCH (%ld)", r);
	echo_is("^C", "the last ^C");
}

/*
 * Linux's tiocgpgrp() and tiocsctty() across sessions: a child in a new
 * session has no controlling terminal (TIOCGPGRP -ENOTTY) and may not take
 * ours without stealing it (TIOCSCTTY 0: -EPERM); we, its session leader,
 * already have it (TIOCSCTTY: 0).
 */
static void sessions(void)
{
	long pid = fork_child();
	int pgrp, bad = 0;

	if (!pid) {
		bad |= (sys_setsid() != sys_getpid()) << 0;
		bad |= (ioctl(tty, TIOCGPGRP, &pgrp) != -ENOTTY) << 1;
		bad |= (ioctl(tty, TIOCSCTTY, 0) != -EPERM) << 2;
		sys_exit_group(bad);
	}
	tap_ok(reap_exit(pid) == 0,
	       "a child's new session: no controlling terminal, TIOCSCTTY of ours -EPERM");
	tap_ok(ioctl(tty, TIOCSCTTY, 0) == 0, "TIOCSCTTY of the one we lead: 0");
}

int main(void)
{
	tap_plan(51);
	if (on_loam()) {
		tty = 0;
	} else {
		tty = open_pty();
		if (tty < 0) {
			tap_diag("no pseudo-terminal: %d", tty);
			return tap_done();
		}
	}
	defaults();
	canonical();
	raw();
	signals();
	sessions();
	return tap_done();
}
