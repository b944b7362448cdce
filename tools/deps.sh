#!/bin/sh
# Installs what Loam needs to build, run and test, and extracts the pieces of
# Debian's linux-source-6.12 that Loam uses into build/deps/: libfdt's sources,
# the StarFive device trees and the dt-bindings headers they include (under
# linux-source-6.12/), and Linux's mm selftests with the headers they include
# (tools/testing/selftests/mm, kselftest*.h, tools/include/uapi,
# mm/gup_test.h, under linux-selftests-6.12/), which `make mm-selftests`
# builds unchanged.
#
# Idempotent and fast when everything is already there: only a missing tool
# triggers apt-get, only a missing stamp triggers the extraction (one pass
# over the tarball for whatever is missing).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
deps="$top/build/deps"
src_ver=6.12
src="$deps/linux-source-$src_ver"
selftests="$deps/linux-selftests-$src_ver"

# command-or-file : Debian package
need="
riscv64-unknown-elf-gcc:gcc-riscv64-unknown-elf
riscv64-unknown-elf-objcopy:binutils-riscv64-unknown-elf
qemu-system-riscv64:qemu-system-misc
/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin:opensbi
dtc:device-tree-compiler
fdtget:device-tree-compiler
/usr/include/libfdt.h:libfdt-dev
/usr/include/cmocka.h:libcmocka-dev
gdb-multiarch:gdb-multiarch
/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin:u-boot-qemu
python3:python3
xz:xz-utils
/usr/lib/picolibc/riscv64-unknown-elf/lib/rv64imac/lp64/libc.a:picolibc-riscv64-unknown-elf
cpio:cpio
/sbin/mkswap:util-linux
qemu-riscv64:qemu-user
riscv64-linux-gnu-gcc:gcc-riscv64-linux-gnu
/usr/lib/python3/dist-packages/matplotlib/__init__.py:python3-matplotlib
tmux:tmux
"

missing=""
for item in $need; do
	what=${item%%:*}
	pkg=${item#*:}
	case $what in
	/*) [ -e "$what" ] && continue ;;
	*) command -v "$what" >/dev/null 2>&1 && continue ;;
	esac
	case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
done

if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	# shellcheck disable=SC2086 # one word per package
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

# What each extraction keeps of the tarball (tar member patterns).
set -f
fdt_members="linux-source-$src_ver/scripts/dtc/libfdt/*
linux-source-$src_ver/scripts/dtc/include-prefixes/*
linux-source-$src_ver/arch/riscv/boot/dts/starfive/*
linux-source-$src_ver/include/dt-bindings/*"
selftest_members="linux-source-$src_ver/tools/testing/selftests/mm/*
linux-source-$src_ver/tools/testing/selftests/kselftest*.h
linux-source-$src_ver/tools/include/uapi/*
linux-source-$src_ver/mm/gup_test.h"
members=""
parts=""
if [ ! -f "$src/.extracted" ]; then
	members="$fdt_members"
	parts="$src"
fi
if [ ! -f "$selftests/.extracted" ]; then
	members="$members
$selftest_members"
	parts="$parts $selftests"
fi
set +f

if [ -n "$members" ]; then
	names=""
	for part in $parts; do
		names="$names ${part##*/}"
	done
	echo "deps: extracting from linux-source-$src_ver into$names"
	mkdir -p "$deps"
	deb=$(ls "$deps"/linux-source-${src_ver}_*_all.deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		sudo=""
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		# apt-get download needs a package list; refresh it once if the
		# package is unknown.
		apt-cache show linux-source-$src_ver >/dev/null 2>&1 || $sudo apt-get update -qq
		# As root, apt warns that it downloads unsandboxed: harmless here.
		(cd "$deps" && apt-get download -qq "linux-source-$src_ver") 2>&1 |
			grep -v 'unsandboxed' >&2 || true
		deb=$(ls "$deps"/linux-source-${src_ver}_*_all.deb 2>/dev/null | head -n 1 || true)
		if [ -z "$deb" ]; then
			echo "deps: could not download linux-source-$src_ver with apt-get" >&2
			exit 1
		fi
	fi
	# shellcheck disable=SC2086 # one word per directory
	rm -rf $parts
	# The .deb holds usr/src/linux-source-6.12.tar.xz; stream it instead of
	# writing the 150 MB tarball to disk, and keep only what Loam needs. The
	# selftests' files land under linux-selftests-6.12/ (--transform), in
	# the same layout, so their relative includes still resolve.
	set -f
	# shellcheck disable=SC2086 # one pattern per line, not globbed (set -f)
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO --wildcards "./usr/src/linux-source-$src_ver.tar.*" |
		xz -T0 -dc |
		tar -x -C "$deps" --wildcards \
			--transform "s,^linux-source-$src_ver/\(tools/\|mm/gup_test\.h\$\),linux-selftests-$src_ver/\1," \
			$members
	set +f
	rm -f "$deb"
	for part in $parts; do
		touch "$part/.extracted"
	done
fi
