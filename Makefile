# Loam: the only entry point. `make` builds the kernel and the initrd, `make
# run` boots it in QEMU, `make test` runs every test, `make bench` prints
# figures, `make debug` starts QEMU halted for gdb, `make user-check` runs the
# user programs under qemu-riscv64 (Linux as the reference), `make plot`
# draws memory over time while a workload runs. `make deps` installs what is
# missing (run automatically by run/test/bench/debug/plot).

B := build
CROSS ?= riscv64-unknown-elf-
CC := $(CROSS)gcc
OBJCOPY := $(CROSS)objcopy
QEMU ?= qemu-system-riscv64
PYTHON ?= python3

LINUX_SRC := $(B)/deps/linux-source-6.12
LIBFDT_DIR := $(LINUX_SRC)/scripts/dtc/libfdt

# GCC 12 defaults to ISA spec 20191213, where csrr and fence.i need the
# extensions spelled out. medany: the kernel runs at any address (PC-relative
# code), first at its physical load address, then at 0xffffffff80000000.
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
# Link with the plain ISA string so GCC picks the soft-float lp64 libgcc.
ARCH_LDFLAGS := -march=rv64imac -mabi=lp64

# Every kernel frame fits one addi (at most 2048 bytes). A bigger one is
# allocated in two steps, and GCC 12 may schedule stores to its locals (made
# through s0) before the second step, below sp: an interrupt taken there
# pushes its pt_regs and handler frames over them (seen: shrink_page_list()'s
# TLB batch overwritten by the PLIC handler's saved registers, an oops in
# kswapd). GCC's figure leaves out the callee-saved registers (up to 13, 112
# bytes with the padding), hence 1920; Linux warns above 2048 (FRAME_WARN).
CFLAGS := $(ARCH_CFLAGS) -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	-Wno-sign-compare -Werror=implicit-function-declaration \
	-ffreestanding -fno-common -fno-stack-protector -fno-omit-frame-pointer \
	-fno-tree-loop-distribute-patterns -fno-pie -Werror=frame-larger-than=1920 \
	-Iinclude -Iinclude/libc -I$(LIBFDT_DIR)
ASFLAGS := $(ARCH_CFLAGS) -g -Iinclude
LDFLAGS := $(ARCH_LDFLAGS) -nostdlib -static -no-pie -T platform/riscv/kernel/vmlinux.lds \
	-Wl,--build-id=none -Wl,-z,noexecstack

KSRCS := $(wildcard kernel/*.c mm/*.c platform/*.c platform/riscv/kernel/*.[cS] \
	platform/riscv/mm/*.c platform/riscv/lib/*.S tests/kernel/*.c)
KOBJS := $(patsubst %,$(B)/%.o,$(KSRCS))
# libfdt, minus overlays, which the kernel does not need (and which want strtoul).
LIBFDT_NAMES := fdt fdt_addresses fdt_empty_tree fdt_ro fdt_rw fdt_strerror fdt_sw fdt_wip
LIBFDT_OBJS := $(patsubst %,$(B)/libfdt/%.o,$(LIBFDT_NAMES))

# Host unit tests: the kernel's own C files under ASan/UBSan, with cmocka.
HOST_CC ?= gcc
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Itests/host/include -Iinclude -Itests/host
HOST_LIBS := -lcmocka -lfdt -lpthread
comma := ,
HOST_SUPPORT := tests/host/fakemem.c tests/host/host_printk.c tests/host/host_cpu.c \
	tests/host/host_fixture.c tests/host/host_string.c
HOST_TESTS := $(patsubst tests/host/%.c,$(B)/host/%,$(wildcard tests/host/test_*.c))
# What each host test compiles besides itself and the support files.
HOST_SRCS_test_memblock := mm/memblock.c tests/host/host_memblock.c tests/host/memblock_fakes.c
HOST_SRCS_test_fdt_scan := mm/memblock.c platform/fdt_scan.c tests/host/host_memblock.c \
	tests/host/memblock_fakes.c
# The page allocator and SLUB booted as the kernel boots them.
HOST_SRCS_PAGE_ALLOC := mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/vmstat.c mm/swapfile.c \
	mm/hugetlb.c \
	mm/slab_common.c mm/slub.c mm/slub_debug.c \
	kernel/seq_buf.c kernel/cmdline.c tests/host/host_memblock.c tests/host/host_vmemmap.c \
	tests/host/page_alloc_helpers.c tests/host/slub_helpers.c
# ... without reclaim (reclaim_fakes.c: an allocation fails instead) ...
HOST_SRCS_test_page_alloc := $(HOST_SRCS_PAGE_ALLOC) tests/host/reclaim_fakes.c
HOST_SRCS_test_page_alloc_reports := $(HOST_SRCS_test_page_alloc)
HOST_SRCS_test_page_alloc_stress := $(HOST_SRCS_test_page_alloc)
HOST_SRCS_test_page_alloc_zones := $(HOST_SRCS_test_page_alloc)
HOST_SRCS_test_hugetlb := $(HOST_SRCS_test_page_alloc)
HOST_SRCS_test_slub := $(HOST_SRCS_test_page_alloc)
HOST_SRCS_test_slub_debug := $(HOST_SRCS_test_slub)
HOST_SRCS_test_slub_stress := $(HOST_SRCS_test_slub)

# User programs (user/): static Linux riscv64 executables over picolibc, the
# runtime in user/ and user/lib/, one program per other user/*.c. They use
# only the Linux system-call ABI, so qemu-riscv64 runs them too.
PICOLIBC := /usr/lib/picolibc/riscv64-unknown-elf
USER_CFLAGS := -march=rv64imac -mabi=lp64 -mcmodel=medany -std=gnu11 -O2 -g -Wall -Wextra \
	-Wno-unused-parameter -Wno-sign-compare -Werror=implicit-function-declaration \
	-fno-pie -fno-stack-protector -isystem $(PICOLIBC)/include
USER_LDFLAGS := $(ARCH_LDFLAGS) -nostdlib -static -no-pie -T user/user.lds \
	-Wl,--build-id=none -Wl,-z,max-page-size=4096
USER_LIBS := -Wl,--start-group $(PICOLIBC)/lib/rv64imac/lp64/libc.a -lgcc -Wl,--end-group
USER_RT := $(patsubst %,$(B)/%.o,user/crt0.S user/syscalls.c user/libc.c \
	$(wildcard user/lib/*.c user/lib/*.S))
# linux-static comes from another toolchain (Debian's Linux one), without picolibc.
# glibc-* are ordinary programs against that toolchain's glibc (-static, rv64gc, lp64d).
GLIBC_PROGS := $(basename $(notdir $(wildcard user/glibc-*.c)))
USER_PROGS := $(filter-out syscalls libc linux-static $(GLIBC_PROGS),$(basename $(notdir $(wildcard user/*.c))))
USER_BINS := $(patsubst %,$(B)/user/%,$(USER_PROGS) linux-static linux-static-pie $(GLIBC_PROGS))
LINUX_CC := riscv64-linux-gnu-gcc
# The shell and the tools (user/bin/*.c, same runtime): /bin of the initrd, with
# user/etc/ as /etc. Not TAP programs: build/user/bin/ is not in tests/run's list.
TOOL_BINS := $(patsubst user/bin/%.c,$(B)/user/bin/%,$(wildcard user/bin/*.c))
ETC_FILES := $(wildcard user/etc/*)
# The initrd: /init, and every program under /bin. `make run INITRD=` boots without one.
INITRD ?= $(B)/initrd.cpio
# make run's kernel command line: the memory reports once init has exited.
# Init itself: on a terminal a login shell, /bin/sh -l (/etc/profile shows
# /etc/motd, then a prompt; `poweroff` or `exit` ends it), else (CI, a pipe)
# the shell running the demo script /etc/demo, which ends by itself, so that
# every command of the README runs without a terminal too. An init= in
# APPEND wins over both.
APPEND ?= mm_report
RUN_SHELL := init=/bin/sh -- -l
RUN_DEMO := init=/bin/sh -- -v /etc/demo
# Linux's own mm selftests (tools/testing/selftests/mm of linux-source-6.12,
# which tools/deps.sh extracts), built unchanged as Linux's Makefile there
# builds them (each program with vm_util.c and thp_settings.c, -Wall -O2
# -U_FORTIFY_SOURCE, -lrt -lpthread -lm, local_config.h from its own
# check_config.sh), static against Debian's glibc. Linux's Makefile takes the
# uapi headers from `make headers` (usr/include); here they are the
# toolchain's (linux-libc-dev), with tools/include/uapi (6.12's mman.h,
# unistd.h) first, as Linux's TOOLS_INCLUDES. The programs that need nothing
# Loam leaves out on purpose (hugetlbfs, THP, userfaultfd, KSM, cgroups, a
# file system beyond /proc, pkeys, io_uring); the README says what each does
# on Loam. They go in build/mm-selftests.cpio, under /bin: a scenario boots
# one as init (init=/bin/NAME).
MM_SELFTEST_SRC := $(B)/deps/linux-selftests-6.12
MM_SELFTEST_DIR := $(MM_SELFTEST_SRC)/tools/testing/selftests/mm
MM_SELFTESTS := compaction_test cow droppable madv_populate map_fixed_noreplace map_populate \
	mdwe_test mkdirty mlock2-tests mrelease_test mremap_dontunmap mremap_test mseal_test \
	on-fault-limit seal_elf soft-dirty virtual_address_range
MM_SELFTEST_BINS := $(patsubst %,$(B)/mm-selftests/%,$(MM_SELFTESTS))
MM_SELFTEST_CFLAGS := -Wall -O2 -I $(MM_SELFTEST_SRC) -isystem $(MM_SELFTEST_SRC)/tools/include/uapi \
	-U_FORTIFY_SOURCE -I $(B)/mm-selftests
MM_SELFTEST_LIBS := -lrt -lpthread -lm
HOST_SRCS_test_rbtree := kernel/rbtree.c
HOST_SRCS_test_swapfile := mm/swapfile.c
# The swap cache over the real swap map, page allocator, SLUB and LRU lists (fakes inside the test).
HOST_SRCS_test_swap_cache := $(HOST_SRCS_test_slub) mm/swap_state.c mm/swap.c
# ... or with the whole memory manager: VMAs, the real page tables (mm/memory.c,
# and the arch's helpers in platform/riscv/mm/pgtable.c) over fake physical
# memory, reclaim to a swap area on a host file, the OOM killer. The
# scheduler, the TLB and the disk are faked (tests/host/*_fakes.c).
HOST_SRCS_MM := $(HOST_SRCS_PAGE_ALLOC) kernel/rbtree.c kernel/file_table.c kernel/blk_core.c \
	kernel/blk_merge.c kernel/blk_mq.c \
	mm/vma.c mm/mmap.c mm/mremap.c mm/mprotect.c mm/madvise.c mm/mseal.c mm/mlock.c mm/msync.c \
	mm/mincore.c mm/shmem.c mm/memfd.c mm/memory.c mm/rmap.c \
	mm/swap.c mm/swap_state.c mm/page_io.c mm/swapon.c mm/vmscan.c mm/oom_kill.c mm/migrate.c \
	mm/filemap.c mm/gup.c mm/vmalloc.c platform/riscv/mm/pgtable.c tests/host/mmap_fakes.c \
	mm/compaction.c tests/host/mmu_fakes.c \
	tests/host/sched_fakes.c tests/host/blk_fakes.c
# The VMA code's calls of mm/memory.c's hooks go through mmap_fakes.c's log
# (change_protection() is mprotect.c's own, so --wrap cannot reach it: the
# tests check its effect on the PTEs instead).
HOST_LDFLAGS_MM := $(patsubst %,-Wl$(comma)--wrap=%,zap_page_range free_pgd_range \
	populate_vma_range)
HOST_SRCS_test_mmap := $(HOST_SRCS_MM)
HOST_SRCS_test_memory := $(HOST_SRCS_MM)
HOST_SRCS_test_reclaim := $(HOST_SRCS_MM)
HOST_SRCS_test_migrate := $(HOST_SRCS_MM)
HOST_LDFLAGS_test_mmap := $(HOST_LDFLAGS_MM)
HOST_LDFLAGS_test_memory := $(HOST_LDFLAGS_MM)
HOST_LDFLAGS_test_reclaim := $(HOST_LDFLAGS_MM)
HOST_LDFLAGS_test_migrate := $(HOST_LDFLAGS_MM)
HOST_SRCS_test_compaction := $(HOST_SRCS_MM)
HOST_LDFLAGS_test_compaction := $(HOST_LDFLAGS_MM)

.PHONY: all deps run test bench debug plot host-tests user user-check mm-selftests clean
all: $(B)/Image $(B)/initrd.cpio $(B)/swap.img

deps:
	@tools/deps.sh

$(B)/deps/.present: tools/deps.sh
	@tools/deps.sh
	@mkdir -p $(@D) && touch $@

$(B)/loam.elf: $(KOBJS) $(LIBFDT_OBJS) platform/riscv/kernel/vmlinux.lds
	$(CC) $(LDFLAGS) -o $@ $(KOBJS) $(LIBFDT_OBJS) -lgcc

$(B)/Image: $(B)/loam.elf
	$(OBJCOPY) -O binary $< $@

# setup_vm() runs before the MMU is on: no absolute addresses, so no jump tables.
$(B)/platform/riscv/mm/early_pgtable.c.o: CFLAGS += -fno-jump-tables

$(B)/%.c.o: %.c | $(B)/deps/.present
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/%.S.o: %.S
	@mkdir -p $(@D)
	$(CC) $(ASFLAGS) -MMD -MP -c $< -o $@

$(B)/libfdt/%.o: | $(B)/deps/.present
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $(LIBFDT_DIR)/$*.c -o $@

# Keep the objects between a program's source and the program: GNU make deletes
# such intermediate files after a build, and the next `make all` (make run and
# make plot start with one, also while make test runs) would rebuild every program.
.SECONDARY:

$(B)/user/%.c.o: user/%.c | $(B)/deps/.present
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

$(B)/user/%.S.o: user/%.S
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

$(B)/user/%: $(B)/user/%.c.o $(USER_RT) user/user.lds
	$(CC) $(USER_LDFLAGS) -o $@ $< $(USER_RT) $(USER_LIBS)

$(B)/user/linux-static: user/linux-static.c | $(B)/deps/.present
	@mkdir -p $(@D)
	$(LINUX_CC) -static -nostdlib -ffreestanding -fno-pie -no-pie -O2 -Wall -Wextra -o $@ $<

# The same program as a static PIE (ET_DYN without PT_INTERP), which Linux places
# where mmap would. Its code is position-independent: its one relocation (gp's
# GOT slot) it never reads through.
$(B)/user/linux-static-pie: user/linux-static.c | $(B)/deps/.present
	@mkdir -p $(@D)
	$(LINUX_CC) -static-pie -nostdlib -ffreestanding -fPIE -O2 -Wall -Wextra \
		-Wl,--no-dynamic-linker -o $@ $<

$(B)/user/glibc-%: user/glibc-%.c | $(B)/deps/.present
	@mkdir -p $(@D)
	$(LINUX_CC) -static -O2 -Wall -Wextra -o $@ $<

user: $(USER_BINS) $(TOOL_BINS)

# newc, as the kernel's initramfs reader wants; names without "./", owned by root.
$(B)/initrd.cpio: $(USER_BINS) $(TOOL_BINS) $(ETC_FILES) Makefile tests/mkexecfixtures.py
	@rm -rf $(B)/initrd && mkdir -p $(B)/initrd/bin $(B)/initrd/etc
	cp $(B)/user/init $(B)/initrd/init
	cp $(filter-out $(B)/user/init,$(USER_BINS)) $(TOOL_BINS) $(B)/initrd/bin/
	cp $(ETC_FILES) $(B)/initrd/etc/
	# Without their debug sections (build/user/ keeps them for gdb): the initrd must
	# fit below the DTB QEMU places in a 32 MiB machine.
	$(CROSS)strip --strip-debug $(B)/initrd/init $(B)/initrd/bin/*
	# Malformed on purpose, for the exec tests: cut short, and not an ELF file at all
	# (both executable: without an x bit execve says -EACCES before it reads them);
	# and the one-change variants of exit-with that user/exec-test.c runs.
	head -c 200 $(B)/user/init > $(B)/initrd/bin/truncated-elf
	echo "#!/bin/no-such-interpreter" > $(B)/initrd/bin/not-elf
	chmod 755 $(B)/initrd/bin/truncated-elf $(B)/initrd/bin/not-elf
	$(PYTHON) tests/mkexecfixtures.py $(B)/user/exit-with $(B)/initrd/bin/exec
	cd $(B)/initrd && find init bin etc | LC_ALL=C sort | \
		cpio -o -H newc -R 0:0 --reproducible --quiet > ../initrd.cpio

# check_config.sh probes for liburing with the compiler and writes
# local_config.h (and local_config.mk) where it runs.
$(B)/mm-selftests/local_config.h: | $(B)/deps/.present
	@mkdir -p $(@D)
	cd $(@D) && sh $(abspath $(MM_SELFTEST_DIR))/check_config.sh $(LINUX_CC)

$(MM_SELFTEST_BINS): $(B)/mm-selftests/%: $(B)/mm-selftests/local_config.h | $(B)/deps/.present
	$(LINUX_CC) -static $(MM_SELFTEST_CFLAGS) -o $@ $(MM_SELFTEST_DIR)/$*.c \
		$(MM_SELFTEST_DIR)/vm_util.c $(MM_SELFTEST_DIR)/thp_settings.c $(MM_SELFTEST_LIBS)

# With Loam's sh, cat and grep: compaction_test reads /proc/meminfo through
# popen("cat /proc/meminfo | grep -i memfree | grep -o '[0-9]*'").
MM_SELFTEST_TOOLS := $(patsubst %,$(B)/user/bin/%,sh cat grep)

$(B)/mm-selftests.cpio: $(MM_SELFTEST_BINS) $(MM_SELFTEST_TOOLS) Makefile
	@rm -rf $(B)/mm-selftests/initrd && mkdir -p $(B)/mm-selftests/initrd/bin
	cp $(MM_SELFTEST_BINS) $(B)/mm-selftests/initrd/bin/
	cp $(MM_SELFTEST_TOOLS) $(B)/mm-selftests/initrd/bin/
	$(CROSS)strip --strip-debug $(patsubst $(B)/user/bin/%,$(B)/mm-selftests/initrd/bin/%, \
		$(MM_SELFTEST_TOOLS))
	cd $(B)/mm-selftests/initrd && find bin | LC_ALL=C sort | \
		cpio -o -H newc -R 0:0 --reproducible --quiet > ../../mm-selftests.cpio

mm-selftests: $(B)/mm-selftests.cpio

# Device-tree fixtures for the host tests (tests/mkdtbs.sh; the VisionFive
# DTS come from the linux-source extract).
$(B)/tests/dtb/.stamp: tests/mkdtbs.sh | $(B)/deps/.present
	LINUX_SRC=$(LINUX_SRC) sh tests/mkdtbs.sh $(@D)
	@touch $@

# Swap areas as util-linux's mkswap writes them (tools/deps.sh installs it):
# the one `make run` will attach (sparse, so made in milliseconds), the
# header fixtures of tests/host/test_swapfile.c (a 1 MiB file, and the same
# file with the area cut to 40 KiB by mkswap's size argument), and the swap
# disk of tests/host/test_reclaim.c (16 MiB, sparse; the test writes a copy).
MKSWAP := /sbin/mkswap
SWAP_IMG_SIZE := 64M

$(B)/swap.img: | $(B)/deps/.present
	truncate -s $(SWAP_IMG_SIZE) $@.tmp
	$(MKSWAP) -q $@.tmp
	mv $@.tmp $@

$(B)/tests/swap/.stamp: Makefile | $(B)/deps/.present
	@rm -rf $(@D) && mkdir -p $(@D)
	truncate -s 1M $(@D)/mkswap-1M.img $(@D)/mkswap-40k.img
	truncate -s 16M $(@D)/mkswap-16M.img
	$(MKSWAP) -q $(@D)/mkswap-1M.img
	$(MKSWAP) -q $(@D)/mkswap-16M.img
	$(MKSWAP) -q $(@D)/mkswap-40k.img 40
	@touch $@

host-tests: $(HOST_TESTS) $(B)/tests/dtb/.stamp $(B)/tests/swap/.stamp host-mm-coverage

# mm/ is the portable memory manager: every mm/*.c is in some host test's
# sources, so it keeps building (and running) on the host.
HOST_MM_MISSING = $(filter-out $(foreach v,$(filter HOST_SRCS_test_%,$(.VARIABLES)),$($(v))), \
	$(wildcard mm/*.c))
.PHONY: host-mm-coverage
host-mm-coverage:
	@$(if $(HOST_MM_MISSING),for f in $(HOST_MM_MISSING); do \
		echo "Makefile: $$f is in no host test's sources (HOST_SRCS_test_*):" \
			"every mm/*.c builds for the host tests" >&2; done; exit 1,:)

.SECONDEXPANSION:
$(B)/host/%: tests/host/%.c $$(HOST_SRCS_$$*) $(HOST_SUPPORT) $(wildcard tests/host/*.h) \
		| $(B)/deps/.present
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(HOST_SRCS_$*) $(HOST_SUPPORT) $(HOST_LDFLAGS_$*) \
		$(HOST_LIBS)

# QEMU with OpenSBI (fw_dynamic) loading the Image at RAM base + 2 MiB.
QEMU_RUN := $(QEMU) -machine virt -nographic -bios default -m 256M -smp 2 \
	-kernel $(B)/Image $(if $(INITRD),-initrd $(INITRD)) \
	-drive file=$(B)/swap.img,format=raw,if=none,id=swap -device virtio-blk-device,drive=swap

# Each of these first checks the dependencies (a few ms when all are there).
run: deps
	@$(MAKE) --no-print-directory all
	@case "$(APPEND)" in *init=*) init= ;; *) [ -t 0 ] && init="$(RUN_SHELL)" || \
		init="$(RUN_DEMO)" ;; esac; \
	echo '$(QEMU_RUN) -append' "\"$(APPEND) $$init\""; \
	$(QEMU_RUN) -append "$(APPEND) $$init"

debug: deps
	@$(MAKE) --no-print-directory all
	@echo "QEMU waits for gdb on :1234. In another terminal:"
	@echo "  gdb-multiarch -q $(B)/loam.elf -ex 'target remote :1234'"
	$(QEMU_RUN) -append "$(APPEND)" -s -S

# `make plot WORKLOAD="/bin/PROG ARGS"`: boot with PLOT_MEM of RAM and a fresh
# 64 MiB swap disk, run the workload under /bin/vmsample (which reads
# /proc/vmstat, zoneinfo and buddyinfo every PLOT_INTERVAL ms), keep the
# console in PLOT_DIR/console.log and draw PLOT_DIR/memory.png with
# tools/plot-vm.py (Debian's python3-matplotlib, hence /usr/bin/python3).
WORKLOAD ?= /bin/swap-demo
PLOT_MEM ?= 64M
PLOT_INTERVAL ?= 100
PLOT_DIR ?= $(B)/plot

plot: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(PLOT_DIR)
	truncate -s 0 $(PLOT_DIR)/swap.img && truncate -s $(SWAP_IMG_SIZE) $(PLOT_DIR)/swap.img
	$(MKSWAP) -q $(PLOT_DIR)/swap.img
	$(QEMU) -machine virt -nographic -bios default -m $(PLOT_MEM) -smp 2 -kernel $(B)/Image \
		-initrd $(INITRD) -drive file=$(PLOT_DIR)/swap.img,format=raw,if=none,id=swap \
		-device virtio-blk-device,drive=swap \
		-append "init=/bin/vmsample -- -i $(PLOT_INTERVAL) $(WORKLOAD)" \
		< /dev/null | tee $(PLOT_DIR)/console.log | grep -v '^@'
	/usr/bin/python3 tools/plot-vm.py $(PLOT_DIR)/console.log $(PLOT_DIR)/memory.png \
		"$(WORKLOAD), $(PLOT_MEM) of RAM" > $(PLOT_DIR)/plot.json
	@echo "plot: $(PLOT_DIR)/memory.png"

# Every rule writes only its own target (and makes its directory with mkdir -p),
# so the build runs on every host CPU.
NPROC := $(shell nproc 2>/dev/null || echo 1)

test: deps
	@$(MAKE) --no-print-directory -j$(NPROC) all host-tests mm-selftests
	@$(PYTHON) tests/run

# The user programs under Linux user-mode emulation: the TAP cases of each.
user-check: deps
	@$(MAKE) --no-print-directory user
	@$(PYTHON) tests/run user/

bench: deps
	@$(MAKE) --no-print-directory all
	@$(PYTHON) tests/bench

clean:
	rm -rf $(B)/kernel $(B)/mm $(B)/platform $(B)/libfdt $(B)/host $(B)/tests \
		$(B)/loam.elf $(B)/Image $(B)/user $(B)/initrd $(B)/initrd.cpio $(B)/swap.img \
		$(B)/mm-selftests $(B)/mm-selftests.cpio

-include $(shell find $(B) -name '*.d' 2>/dev/null)
