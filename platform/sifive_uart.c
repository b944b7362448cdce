// SPDX-License-Identifier: GPL-2.0
/*
 * The SiFive UART ("sifive,uart0": the FU540 of QEMU's sifive_u, the
 * HiFive Unleashed), as Linux's drivers/tty/serial/sifive.c drives it. The
 * registers are those of the SiFive FU540-C000 manual, chapter 13 (UART):
 * 32-bit, a transmit and a receive FIFO of 8 entries each, a watermark
 * interrupt per direction. The firmware set the baud divisor; output is
 * polled (txdata's full flag), input comes by the receive watermark
 * interrupt.
 */
#include <asm/io.h>
#include <kernel.h>
#include <sched_clock.h>
#include <serial_core.h>
#include <slab.h>
#include <uapi/errno.h>

/* FU540-C000 manual, Table 13.1 (register offsets) and 13.4-13.8 (fields). */
#define SIFIVE_SERIAL_TXDATA 0x00 /* write: data; read: bit 31 the FIFO is full */
#define SIFIVE_SERIAL_RXDATA 0x04 /* data, bit 31 set when the FIFO was empty */
#define SIFIVE_SERIAL_TXCTRL 0x08
#define SIFIVE_SERIAL_RXCTRL 0x0c
#define SIFIVE_SERIAL_IE 0x10
#define SIFIVE_SERIAL_FIFO_FLAG 0x80000000 /* txdata full, rxdata empty */
#define SIFIVE_SERIAL_TXCTRL_TXEN 0x1
#define SIFIVE_SERIAL_RXCTRL_RXEN 0x1 /* rxcnt (bits 18:16) 0: interrupt on any entry */
#define SIFIVE_SERIAL_IE_RXWM 0x2 /* receive FIFO above its watermark */

/* How long to wait for room in the transmit FIFO before giving up (as the 8250's). */
#define SIFIVE_WAIT_NS 10000000ULL

static void sifive_serial_putchar(struct uart_port *p, unsigned char c)
{
	u64 end = sched_clock() + SIFIVE_WAIT_NS;

	while ((readl(p->membase + SIFIVE_SERIAL_TXDATA) & SIFIVE_SERIAL_FIFO_FLAG) &&
	       sched_clock() < end)
		;
	writel(c, p->membase + SIFIVE_SERIAL_TXDATA);
}

static void sifive_serial_startup(struct uart_port *p)
{
	writel(SIFIVE_SERIAL_TXCTRL_TXEN, p->membase + SIFIVE_SERIAL_TXCTRL);
	writel(SIFIVE_SERIAL_RXCTRL_RXEN, p->membase + SIFIVE_SERIAL_RXCTRL);
	writel(SIFIVE_SERIAL_IE_RXWM, p->membase + SIFIVE_SERIAL_IE);
}

/* The receive watermark: read until rxdata says the FIFO is empty (which clears it). */
static void sifive_serial_handle_irq(struct uart_port *p)
{
	u32 v;

	while (!((v = readl(p->membase + SIFIVE_SERIAL_RXDATA)) & SIFIVE_SERIAL_FIFO_FLAG))
		uart_insert_char(p, v & 0xff);
}

static const char *sifive_serial_type(struct uart_port *p)
{
	return "SiFive UART v0";
}

static const struct uart_ops sifive_serial_ops = {
	.putchar = sifive_serial_putchar,
	.startup = sifive_serial_startup,
	.handle_irq = sifive_serial_handle_irq,
	.type = sifive_serial_type,
};

int sifive_serial_probe(const void *fdt, int node)
{
	struct uart_port *p = kzalloc(sizeof(*p), GFP_KERNEL);
	int err;

	if (!p)
		return -ENOMEM;
	err = uart_of_port(fdt, node, p);
	if (err) {
		kfree(p);
		return err;
	}
	p->ops = &sifive_serial_ops;
	/* Linux's name for these ports (sifive.c's SIFIVE_TTY_PREFIX). */
	p->tty_name = "ttySIF";
	return uart_add_one_port(p);
}
