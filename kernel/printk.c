// SPDX-License-Identifier: GPL-2.0
/*
 * printk: each message is formatted with Linux's "[    0.123456] " timestamp
 * and written to the console in one piece under a lock, so messages from
 * different harts do not interleave. The console is the SBI's from the
 * first instruction (Linux's earlycon=sbi, a boot console) until a driver
 * registers a real one (register_console(): the serial driver of
 * /chosen/stdout-path); the switch happens between two messages, under
 * the lock, so that none is lost or written twice. Levels as in Linux: a message is
 * shown when its level is below console_loglevel (loglevel= on the command
 * line; default 7 hides KERN_DEBUG). Messages without a level are
 * KERN_WARNING (Linux's MESSAGE_LOGLEVEL_DEFAULT).
 */
#include <asm/sbi.h>
#include <params.h>
#include <printk.h>
#include <string.h>
#include <sched_clock.h>
#include <spinlock.h>

#define MESSAGE_LOGLEVEL_DEFAULT 4
#define PRINTK_LINE_MAX 512

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
bool oops_in_progress;

static DEFINE_SPINLOCK(console_lock);
/* The real console once registered; NULL: the SBI console (boot console). */
static struct console *console_drivers;
/* What goes to the console, copied here under console_lock (see vprintk()). */
static char console_buf[PRINTK_LINE_MAX];
/*
 * Instructions retired in console writes (for make bench): with the legacy
 * SBI console every character is a trap into the firmware.
 */
unsigned long console_instret;

static int __init_loglevel(char *arg)
{
	if (!arg || *arg < '0' || *arg > '9')
		return -1;
	console_loglevel = (int)memparse(arg, NULL);
	return 0;
}
early_param("loglevel", __init_loglevel);

int vprintk(const char *fmt, va_list args)
{
	char line[PRINTK_LINE_MAX];
	int level = MESSAGE_LOGLEVEL_DEFAULT, len = 0;
	bool cont = false, locked;
	unsigned long flags, start;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	if (!cont && level >= console_loglevel)
		return 0;
	if (!cont) {
		u64 ns = sched_clock();

		len = snprintf(line, sizeof(line), "[%5lu.%06lu] ",
			       (unsigned long)(ns / 1000000000),
			       (unsigned long)(ns % 1000000000 / 1000));
	}
	len += vsnprintf(line + len, sizeof(line) - len, fmt, args);
	if (len >= (int)sizeof(line))
		len = sizeof(line) - 1;

	flags = arch_local_irq_save();
	locked = spin_trylock(&console_lock);
	if (!locked && !READ_ONCE(oops_in_progress)) {
		spin_lock(&console_lock);
		locked = true;
	}
	start = csr_read(instret);
	/* From the direct map: SBI's DBCN takes a physical address, and line is on a vmalloc stack. */
	memcpy(console_buf, line, len);
	if (console_drivers)
		console_drivers->write(console_drivers, console_buf, len);
	else
		sbi_console_write(console_buf, len);
	console_instret += csr_read(instret) - start;
	if (locked)
		spin_unlock(&console_lock);
	arch_local_irq_restore(flags);
	return len;
}

void console_write(const char *s, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	while (len) {
		size_t n = min(len, sizeof(console_buf));

		memcpy(console_buf, s, n);
		sbi_console_write(console_buf, n);
		s += n;
		len -= n;
	}
	spin_unlock_irqrestore(&console_lock, flags);
}

void register_console(struct console *newcon)
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	console_drivers = newcon;
	spin_unlock_irqrestore(&console_lock, flags);
	/* Linux's lines (kernel/printk/printk.c), on the new console. */
	pr_info("printk: legacy console [%s%d] enabled\n", newcon->name, newcon->index);
	pr_info("printk: legacy bootconsole [sbi0] disabled\n");
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
