// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf for the kernel: the C99 conversions the kernel uses (d i u x X o
 * c s p %), flags (- 0 # + space), width and precision (also as *), and the
 * h, hh, l, ll, z and t length modifiers. Like Linux, "%#x" of 0 prints 0x0
 * and %p prints the pointer in full, zero-padded hex.
 */
#include <printk.h>
#include <string.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, bool left)
{
	int pad = width > (int)n ? width - (int)n : 0;

	while (!left && pad-- > 0)
		put(o, ' ');
	while (n--)
		put(o, *s++);
	while (left && pad-- > 0)
		put(o, ' ');
}

struct spec {
	bool left, zero, alt, plus, space;
	int width, precision;
	unsigned int base;
	bool upper, is_signed;
};

static void put_number(struct out *o, unsigned long long v, bool negative, struct spec *sp)
{
	const char *digits = sp->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], prefix[3] = "";
	int n = 0, plen = 0, zeros = 0, total;

	do {
		tmp[n++] = digits[v % sp->base];
		v /= sp->base;
	} while (v);
	if (sp->precision >= 0 && sp->precision > n)
		zeros = sp->precision - n;
	if (negative)
		prefix[plen++] = '-';
	else if (sp->is_signed && sp->plus)
		prefix[plen++] = '+';
	else if (sp->is_signed && sp->space)
		prefix[plen++] = ' ';
	if (sp->alt && sp->base == 16) {
		prefix[plen++] = '0';
		prefix[plen++] = sp->upper ? 'X' : 'x';
	} else if (sp->alt && sp->base == 8 && !zeros && tmp[n - 1] != '0') {
		prefix[plen++] = '0';
	}
	total = plen + zeros + n;
	if (sp->zero && !sp->left && sp->precision < 0 && sp->width > total)
		zeros += sp->width - total, total = sp->width;
	while (!sp->left && total < sp->width--)
		put(o, ' ');
	put_padded(o, prefix, plen, 0, false);
	while (zeros--)
		put(o, '0');
	while (n)
		put(o, tmp[--n]);
	while (sp->left && total < sp->width--)
		put(o, ' ');
}

static int parse_int(const char **fmt)
{
	int v = 0;

	while (**fmt >= '0' && **fmt <= '9')
		v = v * 10 + (*(*fmt)++ - '0');
	return v;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		struct spec sp = { .precision = -1, .base = 10 };
		unsigned long long v = 0;
		int lng = 0;
		char c;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {
			c = *++fmt;
			if (c == '-')
				sp.left = true;
			else if (c == '0')
				sp.zero = true;
			else if (c == '#')
				sp.alt = true;
			else if (c == '+')
				sp.plus = true;
			else if (c == ' ')
				sp.space = true;
			else
				break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(args, int);
			if (sp.width < 0)
				sp.left = true, sp.width = -sp.width;
			fmt++;
		} else {
			sp.width = parse_int(&fmt);
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				sp.precision = va_arg(args, int);
				fmt++;
			} else {
				sp.precision = parse_int(&fmt);
			}
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z' || *fmt == 't')
				lng = 1;
			else if (*fmt == 'h')
				lng--;
			else
				break;
		}

		switch (*fmt) {
		case 'c': {
			char ch = (char)va_arg(args, int);

			put_padded(&o, &ch, 1, sp.width, sp.left);
			continue;
		}
		case 's': {
			const char *s = va_arg(args, const char *);

			if (!s)
				s = "(null)";
			put_padded(&o, s, sp.precision >= 0 ? strnlen(s, sp.precision) : strlen(s),
				   sp.width, sp.left);
			continue;
		}
		case 'p':
			v = (unsigned long)va_arg(args, void *);
			sp.base = 16;
			sp.alt = true;
			sp.precision = 16;
			put_number(&o, v, false, &sp);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'd':
		case 'i': {
			long long s;

			sp.is_signed = true;
			if (lng >= 2)
				s = va_arg(args, long long);
			else if (lng == 1)
				s = va_arg(args, long);
			else
				s = va_arg(args, int);
			if (lng == -1)
				s = (short)s;
			else if (lng <= -2)
				s = (signed char)s;
			put_number(&o, s < 0 ? -(unsigned long long)s : (unsigned long long)s,
				   s < 0, &sp);
			continue;
		}
		case 'X':
			sp.upper = true;
			/* fall through */
		case 'x':
			sp.base = 16;
			break;
		case 'o':
			sp.base = 8;
			break;
		case 'u':
			break;
		default:
			/* Unknown conversion: print it as is. */
			put(&o, '%');
			if (*fmt)
				put(&o, *fmt);
			else
				fmt--;
			continue;
		}
		if (lng >= 2)
			v = va_arg(args, unsigned long long);
		else if (lng == 1)
			v = va_arg(args, unsigned long);
		else
			v = va_arg(args, unsigned int);
		if (lng == -1)
			v = (unsigned short)v;
		else if (lng <= -2)
			v = (unsigned char)v;
		put_number(&o, v, false, &sp);
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
