// SPDX-License-Identifier: GPL-2.0
/*
 * start_kernel: the boot hart's path from the DTB to a running system.
 *
 *   head.S      _start: clear .bss, setup_vm() builds early_pg_dir, MMU on
 *   setup.c     start_kernel: SBI probe, DTB check and scan (libfdt)
 *   of_fdt      memory nodes -> memblock.memory, /cpus, NUMA, /chosen
 *   params      command line: loglevel=, mem=, memblock=debug, ptdump, ...
 *   mm/init.c   early 1 GiB direct map, then reservations -> memblock.reserved
 *   mm/init.c   paging_init: swapper_pg_dir (direct map, W^X kernel), switch
 *   mm_init.c   nodes, zones, struct pages in the vmemmap, zonelists
 *   page_alloc  memblock's free memory to the buddy allocator; watermarks
 *   smp.c       the other harts via SBI HSM
 *
 * head.S, smp.c and mm/init.c are RISC-V's, under platform/riscv/ (Linux's
 * arch/riscv/); mm_init.c and page_alloc are the portable mm/.
 */
#include <asm/csr.h>
#include <asm/hwcap.h>
#include <asm/mmu_context.h>
#include <asm/page.h>
#include <asm/sbi.h>
#include <bench.h>
#include <compaction.h>
#include <kernel.h>
#include <libfdt.h>
#include <memblock.h>
#include <asm/pgtable.h>
#include <mm.h>
#include <pagemap.h>
#include <of_fdt.h>
#include <params.h>
#include <plic.h>
#include <printk.h>
#include <reboot.h>
#include <sched_clock.h>
#include <sections.h>
#include <exec.h>
#include <fdtable.h>
#include <file.h>
#include <fs.h>
#include <init.h>
#include <initramfs.h>
#include <mmap.h>
#include <rmap.h>
#include <sched.h>
#include <sched/signal.h>
#include <selftest.h>
#include <serial_core.h>
#include <slab.h>
#include <smp.h>
#include <string.h>
#include <swap.h>
#include <timer.h>
#include <tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <virtio.h>
#include <vmalloc.h>
#include <vmstat.h>

#define LOAM_VERSION "0.1"

static struct dt_boot_info dt_info;
/* From memblock to the page allocator (Linux's mm_core_init). */
static void __init mm_core_init(void)
{
	int a, b;

	for (a = 0; a < dt_info.nr_nodes; a++)
		for (b = 0; b < dt_info.nr_nodes; b++)
			numa_set_distance(a, b, dt_info.node_distance[a][b]);
	misc_mem_init();
	build_all_zonelists();
	bench_mark("memmap_done");
	mem_init();
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
	kmem_cache_init();
	vmalloc_init();
	asid_init();
	if (init_overflow_stack(0))
		panic("no memory for the overflow stack");
	memory_init();
	pagecache_init();
	vma_cache_init();
	anon_vma_init();
	sched_init();
	fork_init();
}

static const char *dt_error(int err)
{
	if (err == -ENOENT)
		return "no usable memory in the device tree";
	if (err == -ENOMEM)
		return "more memory ranges than memblock's static array holds before paging";
	return "malformed device tree";
}

/* init= on the command line: the program to run first; words after " -- " are its arguments. */
static const char *init_path = "/init";
#define MAX_INIT_ARGS 16
static const char *init_argv[MAX_INIT_ARGS + 2];
static const char *const init_envp[] = { "HOME=/", "TERM=linux", NULL };

static int __init __init_init(char *arg)
{
	if (arg && *arg)
		init_path = arg;
	return 0;
}
early_param("init", __init_init);

/* Split what follows " -- " in the command line into init's arguments. */
static void init_args(void)
{
	static char args[COMMAND_LINE_SIZE];
	char *p = strstr(boot_command_line, " -- ");
	int n = 1;

	init_argv[0] = init_path;
	if (p) {
		strlcpy(args, p + 4, sizeof(args));
		for (p = args; *p && n <= MAX_INIT_ARGS;) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			init_argv[n++] = p;
			while (*p && *p != ' ')
				p++;
		}
	}
	init_argv[n] = NULL;
}

/*
 * Linux's console_on_rootfs(): init starts with the console open for reading
 * and writing as descriptor 0, duplicated to 1 and 2.
 */
static void console_on_rootfs(void)
{
	struct file *f = tty_open(O_RDWR);

	current->files = alloc_files();
	if (!f || !current->files)
		panic("Warning: unable to open an initial console.");
	fd_install(0, f);
	get_file(f);
	fd_install(1, f);
	get_file(f);
	fd_install(2, f);
}

/* PID 1: becomes the init program, then leaves through ret_from_kernel_thread to user mode. */
static int kernel_init(void *unused)
{
	int err;

	console_on_rootfs();
	pr_info("Run %s as init process\n", init_path);
	err = kernel_execve(init_path, init_argv, init_envp);
	if (err)
		panic("Requested init %s failed (error %d). No working init found.", init_path,
		      err);
	bench_mark("init_start");
	return 0;
}

static __noreturn void start_init(void)
{
	struct task_struct *init;

	initrd_init(dt_info.initrd_start, dt_info.initrd_end);
	init_args();
	init = kthread_create(kernel_init, NULL, "init");
	if (!init)
		panic("no memory for the init task");
	init->pid = 1;
	/* The child reaper: Linux's copy_process() makes it SIGNAL_UNKILLABLE. */
	init->signal_flags |= SIGNAL_UNKILLABLE;
	/*
	 * Its own session and process group, the console its controlling
	 * terminal with init's group in the foreground (Linux's init stays in
	 * session 0 until it calls setsid(), and /dev/console is never a
	 * controlling terminal there: see the README).
	 */
	set_special_pids(init, NULL);
	proc_set_tty(init, &console_tty);
	note_free_before_init();
	wake_up_process(init);
	cpu_idle();
}

/*
 * The boot hart's C entry, from head.S with the MMU on (early_pg_dir): set
 * everything up in Linux's order (see the top of this file and the README's
 * boot flow), then run init or, without an initrd, report and power off.
 */
void start_kernel(unsigned long hartid, phys_addr_t dtb_pa)
{
	const void *fdt = dtb_early_va;
	int err;

	bench_start();
	cpu_info[0].hartid = hartid;
	cpu_info[0].state = CPU_ONLINE;
	sbi_init();

	/* The fixmap window holds the DTB from dtb_pa to its end. */
	if (early_init_dt_verify(fdt, FIX_FDT_SIZE - (dtb_pa & (PMD_SIZE - 1))))
		panic("Invalid device tree blob at physical address 0x%llx",
		      (unsigned long long)dtb_pa);
	sifive_test_init(fdt);
	err = early_init_dt_scan_nodes(fdt, &dt_info);
	if (dt_info.bootargs)
		strlcpy(boot_command_line, dt_info.bootargs, sizeof(boot_command_line));
	parse_early_param();
	if (err)
		panic("Device tree: %s", dt_error(err));
	time_init(dt_info.timebase_frequency);

	pr_notice("Loam version " LOAM_VERSION " (gcc " __VERSION__ ") #1 SMP\n");
	if (dt_info.model)
		pr_info("Machine model: %s\n", dt_info.model);
	sbi_print_info();
	pr_info("OF: fdt: device tree at 0x%llx (%u bytes), boot hart %lu\n",
		(unsigned long long)dtb_pa, fdt_totalsize(fdt), hartid);
	pr_info("Kernel command line: %s\n", boot_command_line);
	riscv_fill_hwcap(&dt_info);

	setup_bootmem(fdt, &dt_info);
	paging_init();
	bench_mark("mm_setup_done");
	mm_core_init();
	bench_mark("buddy_ready");

	smp_init(&dt_info);
	/* Devices: their interrupts go to the CPUs just brought up. */
	if (!plic_init(fdt))
		virtio_mmio_init(fdt);
	/* The console's UART takes over from the SBI console (its input interrupt-driven). */
	serial_init(fdt);
	/* Like the other harts: IPIs, the tick, device interrupts on from here. */
	csr_set(sie, IE_SSIE | IE_SEIE);
	timer_init_cpu();
	arch_local_irq_enable();
	/* Reading swap headers waits for disk interrupts, which may come to this hart. */
	swap_setup();
	kswapd_init();
	kcompactd_init();
	/* With an init to run, the reports come when it has exited (do_exit()). */
	if (!dt_info.initrd_start)
		mm_report();
	run_boot_tests();
	free_initmem();
	if (!dt_info.initrd_start)
		machine_power_off();
	start_init();
}
