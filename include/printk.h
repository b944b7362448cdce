/* SPDX-License-Identifier: GPL-2.0 */
/*
 * printk with Linux's log levels: a message may start with KERN_SOH and a
 * level digit ("\0013" is KERN_ERR); messages above the console log level
 * (loglevel= on the command line) are not printed.
 */
#ifndef LOAM_PRINTK_H
#define LOAM_PRINTK_H

#include <kernel.h>
#include <stdarg.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_CONT KERN_SOH "c"

#define CONSOLE_LOGLEVEL_DEFAULT 7 /* print everything but debug */

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

/*
 * Format a message and write it to the console with a timestamp, if its
 * KERN_* level (default KERN_WARNING's 4, Linux's MESSAGE_LOGLEVEL_DEFAULT)
 * is below the console loglevel (loglevel=); KERN_CONT continues the line.
 * Returns the bytes written, 0 for a message filtered out.
 */
__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);
/* The call trace of the caller, at KERN_EMERG. */
void dump_stack(void);

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

/* Kernel-side formatting (kernel/vsprintf.c), C99 conversions only. */
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

/*
 * Bytes to the SBI console as they are (the console tty's output while no
 * serial driver is up), under printk's lock: lines of two harts do not mix.
 */
void console_write(const char *s, size_t len);

/* Set by panic(): consoles print even if another hart died holding their lock. */
extern bool oops_in_progress;

/*
 * A console printk writes to (Linux's struct console, include/linux/console.h):
 * @write sends a message, a newline as CR LF (Linux's uart_console_write()).
 * Its messages show as "[name][index]", ttyS0.
 */
struct console {
	const char *name;
	int index;
	void (*write)(struct console *co, const char *s, unsigned int count);
	void *data;
};

/*
 * Make @newcon the console from the next message on, instead of the SBI's
 * (Linux's register_console() replacing the boot console).
 */
void register_console(struct console *newcon);

#endif
