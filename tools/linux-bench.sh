#!/bin/sh
# Linux's figures for `make bench`'s user-space rows: build Linux 6.12 from
# Debian's linux-source-6.12 (tinyconfig plus what a small riscv64 system
# needs: SMP with the FPU, the virt machine's 8250 console, virtio-blk and
# swap, an initramfs, tmpfs, the usual system calls; no THP, KSM or
# compaction, as Loam; -O2 rather than tinyconfig's -Os) and boot it on the same QEMU with the same flags as
# tests/bench (-icount shift=0,sleep=off, 1 hart, 256M), /bin/bench as init.
# It prints the "bench: user ..." lines, which tests/bench's LINUX_USER keeps.
# With "swap" as argument, it runs the swap workload of make bench's disk-time rows
# instead: /bin/swap-bench (user/bin/swap-bench.c: proc, devtmpfs, swapon /dev/vda,
# then swap-thrash 1 96 1) as init on 64M with a mkswap'd 192 MiB disk, -icount
# shift=0,sleep=on, page-cluster 3 and 0 (sysctl.vm.page-cluster=, Linux's sysctl boot
# parameters), on the plain disk and throttled to 2000 IOPS; it prints the "swap-bench:"
# lines and the host's wall time of each run, which tests/bench's LINUX_SWAP_IO keeps.
# Slow (the build takes about 10 minutes of CPU) and not part of any test.
# Needs flex, bison, bc and libssl-dev besides `make deps` (Linux's build).
set -eu
mode=${1:-user}

top=$(cd "$(dirname "$0")/.." && pwd)
work="$top/build/linux-bench"
src="$work/linux-source-6.12"
export ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu-

mkdir -p "$work"
cd "$work"
if [ ! -f "$src/Makefile" ]; then
	[ -n "$(ls linux-source-6.12_*_all.deb 2>/dev/null)" ] || apt-get download -qq linux-source-6.12
	dpkg-deb --fsys-tarfile linux-source-6.12_*_all.deb |
		tar -xO --wildcards './usr/src/linux-source-6.12.tar.*' | xz -dc | tar -x
fi
cd "$src"
if [ ! -f .config ]; then
	make -s tinyconfig
	for o in 64BIT MMU SMP SWAP BLOCK BLK_DEV VIRTIO_MENU VIRTIO VIRTIO_MMIO VIRTIO_BLK TTY \
		SERIAL_8250 SERIAL_8250_CONSOLE SERIAL_OF_PLATFORM SERIAL_EARLYCON PRINTK \
		BLK_DEV_INITRD RD_GZIP BINFMT_ELF BINFMT_SCRIPT PROC_FS SYSFS DEVTMPFS \
		DEVTMPFS_MOUNT FPU RISCV_ISA_C RISCV_SBI RISCV_SBI_V01 HVC_RISCV_SBI SOC_VIRT \
		NONPORTABLE FUTEX EPOLL SIGNALFD TIMERFD EVENTFD SHMEM TMPFS AIO ADVISE_SYSCALLS \
		MEMBARRIER MULTIUSER POSIX_TIMERS PROC_SYSCTL SYSCTL ELF_CORE COREDUMP \
		PROC_PAGE_MONITOR MEMFD_CREATE HIGH_RES_TIMERS NO_HZ_IDLE FILE_LOCKING UNIX NET \
		ANON_VMA_NAME RSEQ SERIAL_EARLYCON_RISCV_SBI EARLY_PRINTK RISCV_ISA_FALLBACK \
		CC_OPTIMIZE_FOR_PERFORMANCE; do
		./scripts/config -e "$o"
	done
	./scripts/config -d CC_OPTIMIZE_FOR_SIZE -d TRANSPARENT_HUGEPAGE -d RISCV_ISA_V -d KSM \
		-d COMPACTION -d PCI --set-val NR_CPUS 8
	make -s olddefconfig
fi
make -s -j"$(nproc)" Image

cd "$work"
cc -O2 -o gen_init_cpio "$src/usr/gen_init_cpio.c"
if [ "$mode" = swap ]; then
	cat > swap.list <<EOF
dir /dev 0755 0 0
dir /proc 0755 0 0
dir /bin 0755 0 0
nod /dev/console 0600 0 0 c 5 1
file /init $top/build/user/bin/swap-bench 0755 0 0
file /bin/swap-thrash $top/build/user/swap-thrash 0755 0 0
EOF
	./gen_init_cpio swap.list > swap.cpio
	for throttle in "" ",throttling.iops-total=2000"; do
		for pc in 3 0; do
			rm -f swap.img
			truncate -s 192M swap.img
			/sbin/mkswap -q swap.img
			t0=$(date +%s.%N)
			timeout 900 qemu-system-riscv64 -machine virt -nographic -bios default -smp 1 \
				-no-reboot -icount shift=0,sleep=on -seed 1 -m 64M \
				-kernel "$src/arch/riscv/boot/Image" -initrd swap.cpio \
				-drive file=swap.img,format=raw,if=none,id=swap$throttle \
				-device virtio-blk-device,drive=swap -append \
				"console=ttyS0 quiet panic=-1 sysctl.vm.page-cluster=$pc -- /bin/swap-thrash 1 96 1" \
				< /dev/null | grep -a --line-buffered -e 'swap-bench:' -e '^not ok' || true
			echo "swap-bench: run throttle='$throttle' page-cluster=$pc" \
				"host_s $(echo "$(date +%s.%N) - $t0" | bc)"
		done
	done
	exit 0
fi
cat > bench.list <<EOF
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
file /init $top/build/user/bench 0755 0 0
EOF
./gen_init_cpio bench.list > bench.cpio
# /bin/bench prints its figures and exits; Linux then panics ("Attempted to kill init")
# and, with panic=-1, resets the machine, which -no-reboot turns into QEMU's exit.
timeout 900 qemu-system-riscv64 -machine virt -nographic -bios default -smp 1 -no-reboot \
	-icount shift=0,sleep=off -seed 1 -m 256M -kernel "$src/arch/riscv/boot/Image" \
	-initrd bench.cpio -append "console=ttyS0 quiet panic=-1" < /dev/null |
	grep -a --line-buffered 'bench: user' || true
