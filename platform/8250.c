// SPDX-License-Identifier: GPL-2.0
/*
 * The 8250/16550 UART family (Linux's drivers/tty/serial/8250/8250_port.c,
 * 8250_of.c), as "ns16550a" on QEMU virt, and the Synopsys DesignWare
 * APB UART ("snps,dw-apb-uart", the VisionFive 1 and 2: 8250_dw.c), a
 * 16550 with its registers 4 bytes apart ("reg-shift" 2, "reg-io-width"
 * 4) and two quirks (below). The registers are those of the TI PC16550D
 * data sheet, section 8.
 *
 * The firmware set the line up (OpenSBI and U-Boot print through it):
 * the baud rate stays as it is, the line control is set to the
 * stdout-path's 8N1 once the transmitter is empty, so that no character
 * the firmware sent is cut. Output is polled (THRE), input comes by the
 * receive interrupts.
 */
#define pr_fmt(fmt) "serial8250: " fmt

#include <asm/io.h>
#include <kernel.h>
#include <libfdt.h>
#include <sched_clock.h>
#include <serial_core.h>
#include <slab.h>
#include <uapi/errno.h>

/* PC16550D data sheet, Table II: the registers, by index (<< regshift for the offset). */
#define UART_RX 0 /* receiver buffer (read) */
#define UART_TX 0 /* transmitter holding (write) */
#define UART_IER 1 /* interrupt enable */
#define UART_IIR 2 /* interrupt identification (read) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */

#define UART_IER_RDI 0x01 /* received data available (and the FIFO's timeout) */
#define UART_IER_RLSI 0x04 /* receiver line status */
#define UART_IIR_NO_INT 0x01 /* bit 0 set: no interrupt pending */
#define UART_IIR_ID 0x0e /* the interrupt's identification */
#define UART_IIR_RX_TIMEOUT 0x0c /* characters in the FIFO, none read for 4 character times */
#define UART_FCR_ENABLE_FIFO 0x01 /* receive trigger level 1 byte (bits 7:6 zero) */
#define UART_LCR_WLEN8 0x03 /* 8 data bits, 1 stop bit, no parity; DLAB (0x80) off */
#define UART_MCR_DTR 0x01
#define UART_MCR_RTS 0x02
#define UART_MCR_OUT2 0x08 /* on PC-style boards, gates the interrupt line */
#define UART_LSR_DR 0x01 /* data ready */
#define UART_LSR_BI 0x10 /* break: a 0 byte in the FIFO that is not data */
#define UART_LSR_THRE 0x20 /* transmitter holding register empty */
#define UART_LSR_TEMT 0x40 /* transmitter empty: holding and shift register */

/*
 * DesignWare APB UART databook (and Linux's 8250_dw.c): IIR 0x07 is the
 * "busy detect" interrupt, raised when LCR is written while the UART is
 * busy (the write is then dropped); reading USR, the UART status register
 * at index 31, clears it. USR bit 0 is BUSY.
 */
#define UART_IIR_BUSY 0x07
#define DW_UART_USR 31
#define DW_UART_USR_BUSY 0x01
/* Linux's dw8250_check_lcr() gives an LCR write this many tries. */
#define DW_LCR_RETRIES 1000

/* How long a register wait may take before giving up (Linux's 10 ms in wait_for_xmitr()). */
#define UART_WAIT_NS 10000000ULL

struct uart_8250_port {
	struct uart_port port;
	bool dw; /* a DesignWare APB UART */
};

static unsigned int mem_serial_in(struct uart_port *p, int offset)
{
	return readb(p->membase + (offset << p->regshift));
}

static void mem_serial_out(struct uart_port *p, int offset, int value)
{
	writeb(value, p->membase + (offset << p->regshift));
}

static unsigned int mem32_serial_in(struct uart_port *p, int offset)
{
	return readl(p->membase + (offset << p->regshift));
}

static void mem32_serial_out(struct uart_port *p, int offset, int value)
{
	writel(value, p->membase + (offset << p->regshift));
}

/* Wait (bounded) until LSR has all of @bits. */
static bool wait_for_lsr(struct uart_port *p, unsigned int bits)
{
	u64 end = sched_clock() + UART_WAIT_NS;

	while ((p->serial_in(p, UART_LSR) & bits) != bits)
		if (sched_clock() > end)
			return false;
	return true;
}

static void serial8250_putchar(struct uart_port *p, unsigned char c)
{
	wait_for_lsr(p, UART_LSR_THRE);
	p->serial_out(p, UART_TX, c);
}

/*
 * Write LCR. A DesignWare UART drops the write while it is busy (receiving
 * or sending); as Linux's dw8250_check_lcr(): read it back and, until it
 * holds, wait for BUSY to clear and write again.
 */
static void serial8250_set_lcr(struct uart_8250_port *up, unsigned int lcr)
{
	struct uart_port *p = &up->port;
	int tries = DW_LCR_RETRIES;

	p->serial_out(p, UART_LCR, lcr);
	while (up->dw && (p->serial_in(p, UART_LCR) & 0xff) != lcr && --tries) {
		u64 end = sched_clock() + UART_WAIT_NS;

		while ((p->serial_in(p, DW_UART_USR) & DW_UART_USR_BUSY) && sched_clock() < end)
			;
		p->serial_out(p, UART_LCR, lcr);
	}
	if (!tries)
		pr_err("%s: line control stays 0x%02x\n", p->dev_name,
		       p->serial_in(p, UART_LCR) & 0xff);
}

/* Linux's serial8250_do_startup() for what Loam needs: FIFO, 8N1, receive interrupts. */
static void serial8250_startup(struct uart_port *p)
{
	struct uart_8250_port *up = container_of(p, struct uart_8250_port, port);
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	/* What the firmware sent goes out first: FCR and LCR writes could cut it. */
	wait_for_lsr(p, UART_LSR_TEMT);
	p->serial_out(p, UART_FCR, UART_FCR_ENABLE_FIFO);
	serial8250_set_lcr(up, UART_LCR_WLEN8);
	p->serial_out(p, UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
	p->serial_out(p, UART_IER, UART_IER_RDI | UART_IER_RLSI);
	spin_unlock_irqrestore(&p->lock, flags);
}

/*
 * Linux's serial8250_handle_irq() and dw8250_handle_irq(): take every
 * character the FIFO holds (a break's 0 is not one); clear a DesignWare
 * busy-detect interrupt by reading USR, and a receive timeout without data
 * (a DesignWare erratum Linux works around) by reading RX.
 */
static void serial8250_handle_irq(struct uart_port *p)
{
	struct uart_8250_port *up = container_of(p, struct uart_8250_port, port);
	unsigned int iir = p->serial_in(p, UART_IIR), lsr;

	if (iir & UART_IIR_NO_INT)
		return;
	if (up->dw && (iir & 0x0f) == UART_IIR_BUSY) {
		p->serial_in(p, DW_UART_USR);
		return;
	}
	lsr = p->serial_in(p, UART_LSR);
	if (up->dw && (iir & UART_IIR_ID) == UART_IIR_RX_TIMEOUT && !(lsr & UART_LSR_DR)) {
		p->serial_in(p, UART_RX);
		return;
	}
	while (lsr & (UART_LSR_DR | UART_LSR_BI)) {
		unsigned char c = p->serial_in(p, UART_RX);

		if (!(lsr & UART_LSR_BI))
			uart_insert_char(p, c);
		lsr = p->serial_in(p, UART_LSR);
	}
}

static const char *serial8250_type(struct uart_port *p)
{
	return "16550A";
}

static const struct uart_ops serial8250_ops = {
	.putchar = serial8250_putchar,
	.startup = serial8250_startup,
	.handle_irq = serial8250_handle_irq,
	.type = serial8250_type,
};

int serial8250_probe(const void *fdt, int node)
{
	struct uart_8250_port *up = kzalloc(sizeof(*up), GFP_KERNEL);
	struct uart_port *p;
	int err;

	if (!up)
		return -ENOMEM;
	p = &up->port;
	err = uart_of_port(fdt, node, p);
	if (err) {
		kfree(up);
		return err;
	}
	up->dw = !fdt_node_check_compatible(fdt, node, "snps,dw-apb-uart");
	p->serial_in = p->iotype == UPIO_MEM32 ? mem32_serial_in : mem_serial_in;
	p->serial_out = p->iotype == UPIO_MEM32 ? mem32_serial_out : mem_serial_out;
	p->ops = &serial8250_ops;
	p->tty_name = "ttyS";
	return uart_add_one_port(p);
}
