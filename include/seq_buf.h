/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A text buffer that reports are printed into (Linux's include/linux/seq_buf.h):
 * the /proc-style views of mm write here, and whoever reads them (the boot
 * log now, user programs later) takes the text.
 */
#ifndef LOAM_SEQ_BUF_H
#define LOAM_SEQ_BUF_H

#include <kernel.h>

struct seq_buf {
	char *buffer;
	size_t size;
	size_t len; /* characters written; > size - 1 once something did not fit */
};

static inline void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buffer = buf;
	s->size = size;
	s->len = 0;
	if (size)
		buf[0] = '\0';
}

static inline bool seq_buf_has_overflowed(const struct seq_buf *s)
{
	return s->len >= s->size;
}

/* Append; the buffer always stays NUL-terminated. */
__printf(2, 3) void seq_buf_printf(struct seq_buf *s, const char *fmt, ...);
/* Append @len bytes of @mem, NULs included (Linux's seq_buf_putmem()). */
void seq_buf_putmem(struct seq_buf *s, const void *mem, size_t len);

#endif
