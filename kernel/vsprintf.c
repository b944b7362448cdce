// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf for the kernel: the C99 conversions the kernel uses (d i u x X o
 * c s p %), flags (- 0 # + space), width and precision (also as *), and the
 * h, hh, l, ll, z and t length modifiers. Like Linux, "%#x" of 0 prints 0x0
 * and %p prints the pointer in full, zero-padded hex.
 *
 * Shaped as Linux's lib/vsprintf.c: format_decode() reads one conversion
 * (flags, width, precision, length) into a struct printf_spec, convert()
 * prints it with number() or string().
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

/* One conversion, as format_decode() read it (Linux's struct printf_spec). */
struct printf_spec {
	bool left, zero, alt, plus, space;
	int width, precision; /* precision -1: none given */
	unsigned int base;
	bool upper, is_signed;
	int qualifier; /* 2 ll, 1 l z t, 0 none, -1 h, -2 hh */
};

/* Digits of @v in @spec's base, with sign or 0x prefix, precision zeros and padding. */
static void number(struct out *o, unsigned long long v, bool negative, struct printf_spec *spec)
{
	const char *digits = spec->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], prefix[3] = "";
	int n = 0, plen = 0, zeros = 0, total;

	do {
		tmp[n++] = digits[v % spec->base];
		v /= spec->base;
	} while (v);
	if (spec->precision >= 0 && spec->precision > n)
		zeros = spec->precision - n;
	if (negative)
		prefix[plen++] = '-';
	else if (spec->is_signed && spec->plus)
		prefix[plen++] = '+';
	else if (spec->is_signed && spec->space)
		prefix[plen++] = ' ';
	if (spec->alt && spec->base == 16) {
		prefix[plen++] = '0';
		prefix[plen++] = spec->upper ? 'X' : 'x';
	} else if (spec->alt && spec->base == 8 && !zeros && tmp[n - 1] != '0') {
		prefix[plen++] = '0';
	}
	total = plen + zeros + n;
	if (spec->zero && !spec->left && spec->precision < 0 && spec->width > total)
		zeros += spec->width - total, total = spec->width;
	while (!spec->left && total < spec->width--)
		put(o, ' ');
	put_padded(o, prefix, plen, 0, false);
	while (zeros--)
		put(o, '0');
	while (n)
		put(o, tmp[--n]);
	while (spec->left && total < spec->width--)
		put(o, ' ');
}

/* %s: at most precision bytes of @s ("(null)" for NULL), padded to the width. */
static void string(struct out *o, const char *s, const struct printf_spec *spec)
{
	if (!s)
		s = "(null)";
	put_padded(o, s, spec->precision >= 0 ? strnlen(s, spec->precision) : strlen(s),
		   spec->width, spec->left);
}

static int skip_atoi(const char **fmt)
{
	int v = 0;

	while (**fmt >= '0' && **fmt <= '9')
		v = v * 10 + (*(*fmt)++ - '0');
	return v;
}

/* The flags - 0 # + and space after a '%': @fmt is left on the first other character. */
static const char *decode_flags(const char *fmt, struct printf_spec *spec)
{
	for (;; fmt++) {
		if (*fmt == '-')
			spec->left = true;
		else if (*fmt == '0')
			spec->zero = true;
		else if (*fmt == '#')
			spec->alt = true;
		else if (*fmt == '+')
			spec->plus = true;
		else if (*fmt == ' ')
			spec->space = true;
		else
			return fmt;
	}
}

/*
 * Linux's format_decode(): flags, width and precision (a '*' takes an int
 * from @args, a negative width meaning '-') and the length modifiers of
 * the conversion after a '%' at @fmt. Returns the conversion character's
 * address.
 */
static const char *format_decode(const char *fmt, struct printf_spec *spec, va_list *args)
{
	*spec = (struct printf_spec){ .precision = -1, .base = 10 };
	fmt = decode_flags(fmt, spec);
	if (*fmt == '*') {
		spec->width = va_arg(*args, int);
		if (spec->width < 0)
			spec->left = true, spec->width = -spec->width;
		fmt++;
	} else {
		spec->width = skip_atoi(&fmt);
	}
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			spec->precision = va_arg(*args, int);
			fmt++;
		} else {
			spec->precision = skip_atoi(&fmt);
		}
	}
	for (;; fmt++) {
		if (*fmt == 'l')
			spec->qualifier++;
		else if (*fmt == 'z' || *fmt == 't')
			spec->qualifier = 1;
		else if (*fmt == 'h')
			spec->qualifier--;
		else
			return fmt;
	}
}

/* %d and %i: the argument its length modifier names, as a signed number. */
static void signed_number(struct out *o, struct printf_spec *spec, va_list *args)
{
	long long s;

	spec->is_signed = true;
	if (spec->qualifier >= 2)
		s = va_arg(*args, long long);
	else if (spec->qualifier == 1)
		s = va_arg(*args, long);
	else
		s = va_arg(*args, int);
	if (spec->qualifier == -1)
		s = (short)s;
	else if (spec->qualifier <= -2)
		s = (signed char)s;
	number(o, s < 0 ? -(unsigned long long)s : (unsigned long long)s, s < 0, spec);
}

/* %u %x %X %o: the argument its length modifier names, unsigned. */
static void unsigned_number(struct out *o, struct printf_spec *spec, va_list *args)
{
	unsigned long long v;

	if (spec->qualifier >= 2)
		v = va_arg(*args, unsigned long long);
	else if (spec->qualifier == 1)
		v = va_arg(*args, unsigned long);
	else
		v = va_arg(*args, unsigned int);
	if (spec->qualifier == -1)
		v = (unsigned short)v;
	else if (spec->qualifier <= -2)
		v = (unsigned char)v;
	number(o, v, false, spec);
}

/*
 * Print the conversion whose character is at @fmt. Returns where the text
 * goes on: after it, or at the terminating NUL if the format ended there.
 */
static const char *convert(struct out *o, const char *fmt, struct printf_spec *spec, va_list *args)
{
	char ch;

	switch (*fmt) {
	case 'c':
		ch = (char)va_arg(*args, int);
		put_padded(o, &ch, 1, spec->width, spec->left);
		break;
	case 's':
		string(o, va_arg(*args, const char *), spec);
		break;
	case 'p':
		spec->base = 16;
		spec->alt = true;
		spec->precision = 16;
		number(o, (unsigned long)va_arg(*args, void *), false, spec);
		break;
	case '%':
		put(o, '%');
		break;
	case 'd':
	case 'i':
		signed_number(o, spec, args);
		break;
	case 'X':
		spec->upper = true;
		fallthrough;
	case 'x':
		spec->base = 16;
		unsigned_number(o, spec, args);
		break;
	case 'o':
		spec->base = 8;
		unsigned_number(o, spec, args);
		break;
	case 'u':
		unsigned_number(o, spec, args);
		break;
	default:
		/* Unknown conversion: print it as is. */
		put(o, '%');
		if (!*fmt)
			return fmt;
		put(o, *fmt);
	}
	return fmt + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	struct printf_spec spec;
	va_list ap;

	/* A copy the helpers can take by address, whatever va_list's type. */
	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = format_decode(fmt + 1, &spec, &ap);
		fmt = convert(&o, fmt, &spec, &ap);
	}
	va_end(ap);
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
