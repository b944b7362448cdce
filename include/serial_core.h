/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Serial ports (Linux's include/linux/serial_core.h): a driver describes
 * its port in a struct uart_port with a struct uart_ops, and
 * uart_add_one_port() (platform/serial_core.c) makes it the console and the
 * console tty's device. Only the port /chosen/stdout-path names is driven.
 * Output is polled (a character is written once the transmitter has room,
 * as Linux's console write does); input comes by interrupt.
 */
#ifndef LOAM_SERIAL_CORE_H
#define LOAM_SERIAL_CORE_H

#include <printk.h>
#include <spinlock.h>
#include <types.h>

/* uart_port.iotype (Linux's UPIO_*): byte-wide or 32-bit register accesses. */
#define UPIO_MEM 2
#define UPIO_MEM32 3

struct uart_port;

/* A driver's methods (Linux's struct uart_ops, the part Loam uses). */
struct uart_ops {
	/* Send @c once the transmitter has room (Linux's console putchar; port->lock held). */
	void (*putchar)(struct uart_port *port, unsigned char c);
	/* Turn receive interrupts on (Linux's startup()). */
	void (*startup)(struct uart_port *port);
	/* The port's interrupt: every character received to uart_insert_char(). */
	void (*handle_irq)(struct uart_port *port);
	/* What the port is, for the boot line ("16550A"). */
	const char *(*type)(struct uart_port *port);
};

/*
 * One port (Linux's struct uart_port): its registers (mapbase, mapped at
 * membase; regshift: register i is at i << regshift; iotype), interrupt
 * source on the PLIC, input clock (0: not known), and Linux's names:
 * dev_name "10000000.serial", the tty "ttyS" line 0. serial_in/serial_out
 * are the 8250 family's register accessors (platform/8250.c), private_data
 * the driver's own.
 */
struct uart_port {
	void *membase;
	phys_addr_t mapbase;
	unsigned int irq;
	unsigned int regshift;
	unsigned char iotype;
	unsigned int uartclk;
	unsigned int line;
	char dev_name[32];
	const char *tty_name;
	const struct uart_ops *ops;
	spinlock_t lock;
	unsigned int (*serial_in)(struct uart_port *port, int offset);
	void (*serial_out)(struct uart_port *port, int offset, int value);
	void *private_data;
	struct console cons;
};

/*
 * Fill in what every driver reads from @node: dev_name, mapbase and
 * membase (ioremap()), irq, regshift ("reg-shift"), iotype
 * ("reg-io-width" 4: UPIO_MEM32), uartclk ("clock-frequency"). 0 or
 * -errno (reported).
 */
int uart_of_port(const void *fdt, int node, struct uart_port *port);
/*
 * Make @port the console (its messages from now on) and the console tty's
 * device, its interrupt requested and receiving started (Linux's
 * uart_add_one_port() with the console's registration). 0 or -errno.
 */
int uart_add_one_port(struct uart_port *port);
/* A character @port received, for the tty (Linux's uart_insert_char(); interrupt context). */
void uart_insert_char(struct uart_port *port, unsigned char c);
/*
 * Find the UART /chosen/stdout-path names and, if a driver knows its
 * compatible, drive it; otherwise the SBI console stays (and the tty reads
 * SBI's getchar at the tick). After plic_init().
 */
void serial_init(const void *fdt);

/* The drivers' probes: 0 or -errno (platform/8250.c, platform/sifive_uart.c). */
int serial8250_probe(const void *fdt, int node);
int sifive_serial_probe(const void *fdt, int node);

#endif
