// SPDX-License-Identifier: GPL-2.0
/*
 * The serial core (Linux's drivers/tty/serial/serial_core.c, with the
 * part of drivers/of/base.c that finds the console): the UART that
 * /chosen/stdout-path names is probed by the driver whose compatible it
 * has, becomes printk's console and the device of the console tty
 * (kernel/tty.c). Without a known UART the SBI console stays, and its
 * input is polled every tick by khvcd (Linux's hvc_console over
 * hvc_riscv_sbi does the same: SBI has no input interrupt).
 */
#include <asm/irqflags.h>
#include <asm/sbi.h>
#include <kernel.h>
#include <libfdt.h>
#include <of_fdt.h>
#include <plic.h>
#include <printk.h>
#include <sched.h>
#include <sched_clock.h>
#include <serial_core.h>
#include <string.h>
#include <timer.h>
#include <tty.h>
#include <uapi/errno.h>
#include <vmalloc.h>

/* The drivers and what they drive (each driver's of_match_table in Linux). */
static const struct {
	const char *compatible;
	int (*probe)(const void *fdt, int node);
} serial_of_match[] = {
	{ "ns16550a", serial8250_probe },
	{ "ns16550", serial8250_probe },
	{ "snps,dw-apb-uart", serial8250_probe },
	{ "sifive,uart0", sifive_serial_probe },
};

/* A u32 property of @node, or @def when it is absent or malformed. */
static u32 of_u32(const void *fdt, int node, const char *name, u32 def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len == 4 ? fdt32_to_cpu(*p) : def;
}

int uart_of_port(const void *fdt, int node, struct uart_port *port)
{
	const char *uname = fdt_get_name(fdt, node, NULL);
	const fdt32_t *irq = fdt_getprop(fdt, node, "interrupts", NULL);
	const char *at = strchr(uname, '@');
	phys_addr_t size;

	if (fdt_get_reg(fdt, node, 0, &port->mapbase, &size) || !irq) {
		pr_err("%s: malformed reg or interrupts\n", uname);
		return -EINVAL;
	}
	/* Linux's device name for a platform device from the DT: "<address>.<node name>". */
	snprintf(port->dev_name, sizeof(port->dev_name), "%llx.%.*s",
		 (unsigned long long)port->mapbase, at ? (int)(at - uname) : (int)strlen(uname),
		 uname);
	port->irq = fdt32_to_cpu(*irq);
	port->regshift = of_u32(fdt, node, "reg-shift", 0);
	/* Bindings serial/8250.yaml: reg-io-width 1 (default) or 4; Loam takes no other. */
	switch (of_u32(fdt, node, "reg-io-width", 1)) {
	case 1:
		port->iotype = UPIO_MEM;
		break;
	case 4:
		port->iotype = UPIO_MEM32;
		break;
	default:
		pr_err("%s: reg-io-width not 1 or 4\n", uname);
		return -EINVAL;
	}
	port->uartclk = of_u32(fdt, node, "clock-frequency", 0);
	spin_lock_init(&port->lock);
	port->membase = ioremap(port->mapbase, size);
	if (!port->membase) {
		pr_err("%s: cannot map registers\n", uname);
		return -ENOMEM;
	}
	return 0;
}

/* printk's write: a newline goes out as CR LF (Linux's uart_console_write()). */
static void uart_console_write(struct console *co, const char *s, unsigned int count)
{
	struct uart_port *port = co->data;
	unsigned long flags;
	unsigned int i;
	bool locked;

	/* A panic prints even if another hart died holding the lock (Linux's oops case). */
	flags = arch_local_irq_save();
	locked = spin_trylock(&port->lock);
	if (!locked && !READ_ONCE(oops_in_progress)) {
		spin_lock(&port->lock);
		locked = true;
	}
	for (i = 0; i < count; i++) {
		if (s[i] == '\n')
			port->ops->putchar(port, '\r');
		port->ops->putchar(port, s[i]);
	}
	if (locked)
		spin_unlock(&port->lock);
	arch_local_irq_restore(flags);
}

/* The console tty's output: bytes as the line discipline made them. */
static void uart_tty_write(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	struct uart_port *port = tty->driver_data;
	unsigned long flags;
	size_t i;

	spin_lock_irqsave(&port->lock, flags);
	for (i = 0; i < n; i++)
		port->ops->putchar(port, buf[i]);
	spin_unlock_irqrestore(&port->lock, flags);
}

static const struct tty_operations uart_tty_ops = {
	.write = uart_tty_write,
};

static void uart_interrupt(unsigned int irq, void *arg)
{
	struct uart_port *port = arg;

	port->ops->handle_irq(port);
}

void uart_insert_char(struct uart_port *port, unsigned char c)
{
	tty_receive_char(&console_tty, c);
}

int uart_add_one_port(struct uart_port *port)
{
	int err;

	/* Linux's line (serial_core.c, uart_report_port()). */
	pr_info("%s: %s%u at MMIO 0x%llx (irq = %u, base_baud = %u) is a %s\n", port->dev_name,
		port->tty_name, port->line, (unsigned long long)port->mapbase, port->irq,
		port->uartclk / 16, port->ops->type(port));
	port->cons.name = port->tty_name;
	port->cons.index = port->line;
	port->cons.write = uart_console_write;
	port->cons.data = port;
	register_console(&port->cons);
	tty_set_driver(&console_tty, &uart_tty_ops, port);
	err = request_irq(port->irq, uart_interrupt, port);
	if (err) {
		/* Output works; input does not (no SBI fallback: the firmware's UART is ours now). */
		pr_err("%s: no interrupt %u: %d, no console input\n", port->dev_name, port->irq,
		       err);
		return err;
	}
	port->ops->startup(port);
	return 0;
}

/*
 * Without a driver for the console: SBI's legacy getchar (SBI spec 5.3,
 * -1 when nothing is there) read every tick and given to the tty. SBI 2.0's
 * DBCN read would do as well; OpenSBI 1.1 lacks it.
 */
static int khvcd(void *unused)
{
	for (;;) {
		struct sbiret r = sbi_ecall(SBI_EXT_0_1_CONSOLE_GETCHAR, 0, 0, 0, 0, 0, 0, 0);

		if (r.error >= 0)
			tty_receive_char(&console_tty, (unsigned char)r.error);
		else
			schedule_timeout_until(sched_clock() + 1000000000ULL / HZ);
	}
	return 0;
}

void serial_init(const void *fdt)
{
	int node = of_stdout_offset(fdt, NULL);
	unsigned int i;

	for (i = 0;
	     node >= 0 && fdt_node_is_available(fdt, node) && i < ARRAY_SIZE(serial_of_match); i++)
		if (!fdt_node_check_compatible(fdt, node, serial_of_match[i].compatible) &&
		    !serial_of_match[i].probe(fdt, node))
			return;
	if (!kthread_run(khvcd, NULL, "khvcd"))
		pr_err("hvc: no thread to read the SBI console\n");
}
