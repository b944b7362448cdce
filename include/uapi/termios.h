/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The terminal ioctls' structures and flags: Linux's asm-generic/termbits.h,
 * asm-generic/termios.h and asm-generic/ioctls.h, which riscv64 uses.
 */
#ifndef LOAM_UAPI_TERMIOS_H
#define LOAM_UAPI_TERMIOS_H

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCFLSH 0x540B
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
/* TCFLSH's queue selector (asm-generic/termbits-common.h) */
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2
/* The ioctls every file answers (do_vfs_ioctl()), numbered in asm-generic/ioctls.h. */
#define FIONBIO 0x5421
/* Bytes ready to read (asm-generic/ioctls.h; a pipe answers it). */
#define FIONREAD 0x541B
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define FIOASYNC 0x5452

#define NCCS 19
struct termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indices */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* c_iflag, c_oflag, c_cflag, c_lflag */
#define ISTRIP 0x20
#define INLCR 0x40
#define IGNCR 0x80
#define ICRNL 0x100
#define IXON 0x400
#define OPOST 0x1
#define ONLCR 0x4
#define OCRNL 0x8
#define ONOCR 0x10
#define ONLRET 0x20
#define B38400 0xf
#define CS8 0x30
#define CREAD 0x80
#define HUPCL 0x400
#define ISIG 0x1
#define ICANON 0x2
#define ECHO 0x8
#define ECHOE 0x10
#define ECHOK 0x20
#define ECHONL 0x40
#define NOFLSH 0x80
#define TOSTOP 0x100
#define ECHOCTL 0x200
#define ECHOKE 0x800
#define IEXTEN 0x8000

/* A new tty's control characters (Linux's INIT_C_CC in include/linux/tty.h): ^C, ^\, DEL, ... */
#define INIT_C_CC                                                                                  \
	{                                                                                          \
		[VINTR] = 'C' - 0x40, [VQUIT] = '\\' - 0x40, [VERASE] = '\177',                    \
		[VKILL] = 'U' - 0x40, [VEOF] = 'D' - 0x40, [VSTART] = 'Q' - 0x40,                  \
		[VSTOP] = 'S' - 0x40, [VSUSP] = 'Z' - 0x40, [VREPRINT] = 'R' - 0x40,               \
		[VDISCARD] = 'O' - 0x40, [VWERASE] = 'W' - 0x40, [VLNEXT] = 'V' - 0x40, [VMIN] = 1 \
	}

#endif
