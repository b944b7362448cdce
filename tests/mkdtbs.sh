#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/mkdtbs.sh OUTDIR: generate the device-tree fixtures the host tests
# (tests/host/test_fdt_scan.c) scan.
#
#  * QEMU virt dumps (dumpdtb=; the file is 1 MiB, zero-padded, but the
#    header's totalsize is the real size; rng-seed fixed by -seed):
#    qemu-128M qemu-1G qemu-8G qemu-smp8 qemu-smp40 qemu-numa
#    qemu-numa-dist qemu-numa-dist30
#  * VisionFive boards, compiled from the linux-source tree ($LINUX_SRC):
#    visionfive-v1 visionfive2-v1.3b
#  * Broken or edited variants of qemu-128M: truncated bad-magic bad-struct
#    no-memory zero-size zero-size-and-good overlapping memory-disabled
#    bad-reg bad-numa no-timebase reserved-outside memreserve
#    dynamic-reserved initrd initrd-outside bootargs
#
# Everything is built in a temporary directory and moved into OUTDIR at the
# end, so OUTDIR never holds a half-written set. Silent on success.
# Needs qemu-system-riscv64, dtc, fdtput, cpp.

set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LINUX_SRC=${LINUX_SRC:-$ROOT/build/deps/linux-source-6.12}
QEMU=${QEMU:-qemu-system-riscv64}
STARFIVE=arch/riscv/boot/dts/starfive

mkdir -p "$1"
OUT=$(cd "$1" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mkdtbs.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' HUP INT TERM
mkdir "$TMP/out"

die()
{
	echo "mkdtbs: $*" >&2
	exit 1
}

# Run a command with its output in $TMP/log, shown only if it fails.
quiet()
{
	if ! "$@" >"$TMP/log" 2>&1; then
		cat "$TMP/log" >&2
		die "failed: $*"
	fi
}

# qemu_dtb NAME QEMU-OPTIONS...: the DTB QEMU's virt machine would pass.
qemu_dtb()
{
	name=$1
	shift
	quiet "$QEMU" -machine "virt,dumpdtb=$TMP/out/$name.dtb" -nographic -seed 42 "$@" \
		</dev/null
}

# board_dtb NAME DTS: a board DTS from the linux-source tree, through cpp.
board_dtb()
{
	[ -f "$LINUX_SRC/$STARFIVE/$2" ] || die "$LINUX_SRC/$STARFIVE/$2 not found (set LINUX_SRC)"
	(
		cd "$LINUX_SRC"
		quiet cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -I include \
			-I arch/riscv/boot/dts -I scripts/dtc/include-prefixes \
			-o "$TMP/$1.pp.dts" "$STARFIVE/$2"
	)
	quiet dtc -q -I dts -O dtb -o "$TMP/out/$1.dtb" "$TMP/$1.pp.dts"
}

# derive NAME: qemu-128M with the dts fragment on stdin appended; a later
# "/ { ... };" merges into the tree (properties override, new nodes go last).
derive()
{
	{
		cat "$TMP/base.dts"
		cat
	} >"$TMP/$1.dts"
	quiet dtc -q -I dts -O dtb -o "$TMP/out/$1.dtb" "$TMP/$1.dts"
}

# derive_memreserve NAME: the /memreserve/ lines on stdin go after /dts-v1/;.
derive_memreserve()
{
	{
		head -n 1 "$TMP/base.dts"
		cat
		tail -n +2 "$TMP/base.dts"
	} >"$TMP/$1.dts"
	quiet dtc -q -I dts -O dtb -o "$TMP/out/$1.dtb" "$TMP/$1.dts"
}

# --- QEMU virt -----------------------------------------------------------
NUMA="-smp 4 -m 2G
	-object memory-backend-ram,id=m0,size=1G -object memory-backend-ram,id=m1,size=1G
	-numa node,cpus=0-1,memdev=m0,nodeid=0 -numa node,cpus=2-3,memdev=m1,nodeid=1"

qemu_dtb qemu-128M -m 128M
qemu_dtb qemu-1G -m 1G
qemu_dtb qemu-8G -m 8G
qemu_dtb qemu-smp8 -smp 8 -m 256M
qemu_dtb qemu-smp40 -smp 40 -m 256M
# shellcheck disable=SC2086 # word splitting wanted
qemu_dtb qemu-numa $NUMA
# shellcheck disable=SC2086
qemu_dtb qemu-numa-dist $NUMA -numa dist,src=0,dst=1,val=20
# shellcheck disable=SC2086
qemu_dtb qemu-numa-dist30 $NUMA -numa dist,src=0,dst=1,val=30

# --- VisionFive ----------------------------------------------------------
board_dtb visionfive-v1 jh7100-starfive-visionfive-v1.dts
board_dtb visionfive2-v1.3b jh7110-starfive-visionfive-2-v1.3b.dts

# --- Variants of qemu-128M -----------------------------------------------
# Packed: totalsize is the real size (the dump says 1 MiB).
quiet dtc -q -I dtb -O dtb -o "$TMP/packed.dtb" "$TMP/out/qemu-128M.dtb"
quiet dtc -q -I dtb -O dts -o "$TMP/base.dts" "$TMP/out/qemu-128M.dtb"

dd if="$TMP/packed.dtb" of="$TMP/out/truncated.dtb" bs=2000 count=1 2>/dev/null
{
	printf '\336\255\276\357'
	tail -c +5 "$TMP/packed.dtb"
} >"$TMP/out/bad-magic.dtb"

# A good header over a bad structure block: the root's closing
# FDT_END_NODE (just before the final FDT_END) becomes FDT_NOP.
be32()
{
	od -An -tu1 -j "$2" -N 4 "$1" |
		awk '{ print ((($1 * 256 + $2) * 256 + $3) * 256 + $4) }'
}
cp "$TMP/packed.dtb" "$TMP/out/bad-struct.dtb"
off=$(($(be32 "$TMP/packed.dtb" 8) + $(be32 "$TMP/packed.dtb" 36) - 8))
printf '\000\000\000\004' |
	dd of="$TMP/out/bad-struct.dtb" bs=1 seek="$off" count=4 conv=notrunc 2>/dev/null

cp "$TMP/packed.dtb" "$TMP/out/no-memory.dtb"
quiet fdtput -r "$TMP/out/no-memory.dtb" /memory@80000000

cp "$TMP/packed.dtb" "$TMP/out/zero-size.dtb"
quiet fdtput -t x "$TMP/out/zero-size.dtb" /memory@80000000 reg 0 0x80000000 0 0

# The zero-sized node comes first in the blob, the good one after it.
derive zero-size-and-good <<'EOF'
/ {
	memory@80000000 {
		reg = <0x0 0x80000000 0x0 0x0>;
	};
	memory@88000000 {
		device_type = "memory";
		reg = <0x0 0x88000000 0x0 0x8000000>;
	};
};
EOF

derive overlapping <<'EOF'
/ {
	memory@84000000 {
		device_type = "memory";
		reg = <0x0 0x84000000 0x0 0x8000000>;
	};
};
EOF

derive memory-disabled <<'EOF'
/ {
	memory@100000000 {
		device_type = "memory";
		reg = <0x1 0x0 0x0 0x40000000>;
		status = "disabled";
	};
};
EOF

# Three cells: not a whole (address, size) pair with #address/#size-cells 2.
derive bad-reg <<'EOF'
/ {
	memory@80000000 {
		reg = <0x0 0x80000000 0x8000000>;
	};
};
EOF

derive bad-numa <<'EOF'
/ {
	memory@80000000 {
		numa-node-id = <9>;
	};
};
EOF

derive no-timebase <<'EOF'
/ {
	cpus {
		/delete-property/ timebase-frequency;
	};
};
EOF

# RAM is [0x80000000, 0x88000000).
derive reserved-outside <<'EOF'
/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;

		outside@200000000 {
			reg = <0x2 0x0 0x0 0x100000>;
		};
		partial@87f00000 {
			reg = <0x0 0x87f00000 0x0 0x200000>;
		};
	};
};
EOF

derive_memreserve memreserve <<'EOF'
/memreserve/ 0x80000000 0x80000;
/memreserve/ 0x84000000 0x1000;
/memreserve/ 0x87ff0000 0x20000;
/memreserve/ 0x100000000 0x1000;
EOF

derive dynamic-reserved <<'EOF'
/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;

		dyn-aligned {
			size = <0x0 0x100000>;
			alignment = <0x0 0x200000>;
		};
		dyn-ranged {
			size = <0x0 0x10000>;
			alloc-ranges = <0x0 0x82000000 0x0 0x1000000>;
		};
		fixed@83000000 {
			reg = <0x0 0x83000000 0x0 0x100000>;
			no-map;
		};
	};
};
EOF

derive initrd <<'EOF'
/ {
	chosen {
		linux,initrd-start = /bits/ 64 <0x84000000>;
		linux,initrd-end = /bits/ 64 <0x84200000>;
	};
};
EOF

derive initrd-outside <<'EOF'
/ {
	chosen {
		linux,initrd-start = /bits/ 64 <0x87f00000>;
		linux,initrd-end = /bits/ 64 <0x88100000>;
	};
};
EOF

derive bootargs <<'EOF'
/ {
	chosen {
		bootargs = "mem=64M loglevel=8";
	};
};
EOF

mv -f "$TMP"/out/*.dtb "$OUT"/
