// SPDX-License-Identifier: GPL-2.0
#include <printk.h>
#include <seq_buf.h>
#include <stdarg.h>
#include <string.h>

void seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list args;
	int n;

	if (seq_buf_has_overflowed(s))
		return;
	va_start(args, fmt);
	n = vsnprintf(s->buffer + s->len, s->size - s->len, fmt, args);
	va_end(args);
	/* On truncation len passes size - 1: has_overflowed() says so. */
	s->len += n >= s->size - s->len ? s->size - s->len : n;
}

void seq_buf_putmem(struct seq_buf *s, const void *mem, size_t len)
{
	if (seq_buf_has_overflowed(s))
		return;
	/* Room for the bytes and the NUL, or the buffer is marked overflowed. */
	if (len >= s->size - s->len) {
		s->len = s->size;
		return;
	}
	memcpy(s->buffer + s->len, mem, len);
	s->len += len;
	s->buffer[s->len] = '\0';
}
