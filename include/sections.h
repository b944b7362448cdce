/* SPDX-License-Identifier: GPL-2.0 */
/* Symbols of the kernel image, defined by platform/riscv/kernel/vmlinux.lds. */
#ifndef LOAM_SECTIONS_H
#define LOAM_SECTIONS_H

extern char _start[], _stext[], _etext[];
extern char __start_rodata[], __end_rodata[];
extern char _sdata[], _edata[];
/* What free_initmem() frees: init text (RX until then), then init data (RW). */
extern char __init_begin[], __init_end[];
extern char __init_text_begin[], __init_text_end[];
extern char __init_data_begin[], __init_data_end[];
extern char __bss_start[], __bss_stop[], _end[];

#define __page_aligned_bss __section(".bss.page_aligned") __aligned(PAGE_SIZE)

#endif
