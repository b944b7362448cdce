#!/usr/bin/env python3
"""Malformed and unusual executables and #! scripts for user/exec-test.c.

Usage: tests/mkexecfixtures.py GOOD-ELF OUTDIR

Each file is GOOD-ELF (a static riscv64 ET_EXEC whose first program header
is not PT_LOAD, then its PT_LOADs, and a PT_GNU_STACK) with one thing
changed, so that each exercises one check of Linux's execve (fs/exec.c,
fs/binfmt_elf.c). What Linux answers for each is in exec-test.c.
"""
import os
import struct
import sys

EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
PHDR = struct.Struct("<IIQQQQQQ")
PT_LOAD, PT_INTERP, PT_GNU_STACK = 1, 3, 0x6474E551
TASK_SIZE = 0x4000000000
PAST_EOF = 0x1000000  # an address no segment of the good ELF is near


class Elf:
    def __init__(self, data):
        self.data = bytearray(data)
        self.ehdr = list(EHDR.unpack_from(self.data, 0))

    @property
    def phoff(self):
        return self.ehdr[5]

    def phdr(self, i):
        return list(PHDR.unpack_from(self.data, self.phoff + i * PHDR.size))

    def set_phdr(self, i, ph):
        PHDR.pack_into(self.data, self.phoff + i * PHDR.size, *ph)

    def index(self, ptype, nth=0):
        found = [i for i in range(self.ehdr[10]) if self.phdr(i)[0] == ptype]
        return found[nth]

    def set_ehdr(self, field, value):
        self.ehdr[field] = value
        EHDR.pack_into(self.data, 0, *self.ehdr)

    def add_interp(self, name):
        """PT_GNU_STACK becomes a PT_INTERP naming @name, appended to the file."""
        off = len(self.data)
        self.data += name
        i = self.index(PT_GNU_STACK)
        self.set_phdr(i, [PT_INTERP, 4, off, 0, 0, len(name), len(name), 1])
        return self


def variant(good, fn):
    elf = Elf(good)
    fn(elf)
    return bytes(elf.data)


def first_load(elf, **changes):
    i = elf.index(PT_LOAD)
    ph = elf.phdr(i)
    keys = ["p_type", "p_flags", "p_offset", "p_vaddr", "p_paddr", "p_filesz", "p_memsz",
            "p_align"]
    for k, v in changes.items():
        ph[keys.index(k)] = v(ph) if callable(v) else v
    elf.set_phdr(i, ph)


def swap_loads(elf):
    a, b = elf.index(PT_LOAD, 0), elf.index(PT_LOAD, 2)
    pa, pb = elf.phdr(a), elf.phdr(b)
    elf.set_phdr(a, pb)
    elf.set_phdr(b, pa)


def misalign_second(elf):
    i = elf.index(PT_LOAD, 1)
    ph = elf.phdr(i)
    ph[2] += 0x10
    elf.set_phdr(i, ph)


def past_eof(elf, enter=None):
    """PT_GNU_STACK becomes a readable, executable PT_LOAD of three pages at
    PAST_EOF, from the page holding the end of the file: the rest of that page
    reads zero, the two after it are wholly past the end. @enter "zero":
    e_entry is the first zero past the end (Linux: SIGILL, 0 being no
    instruction); "beyond": the first page wholly past it (Linux: SIGBUS)."""
    if len(elf.data) % 0x1000 in (0, 0x1000 - 1, 0x1000 - 2, 0x1000 - 3):
        elf.data += b"\xff" * 4  # the end of the file ends within a page
    off = len(elf.data) & ~0xFFF
    i = elf.index(PT_GNU_STACK)
    elf.set_phdr(i, [PT_LOAD, 5, off, PAST_EOF, PAST_EOF, 0x3000, 0x3000, 0x1000])
    if enter == "zero":
        elf.set_ehdr(4, PAST_EOF + (len(elf.data) % 0x1000 + 3) // 4 * 4)
    elif enter == "beyond":
        elf.set_ehdr(4, PAST_EOF + 0x1000)


FIXTURES = {
    # name: (mode, how)
    "noexec": (0o644, lambda e: None),
    "interp-missing": (0o755, lambda e: e.add_interp(b"/lib/ld-nonexistent.so\0")),
    "interp-short": (0o755, lambda e: e.add_interp(b"/bin/not-elf\0")),
    "interp-text": (0o755, lambda e: e.add_interp(b"/bin/exec/text\0")),
    "interp-elf": (0o755, lambda e: e.add_interp(b"/bin/exit-with\0")),
    "interp-no-nul": (0o755, lambda e: e.add_interp(b"/bin/exit-with")),
    "interp-dir": (0o755, lambda e: e.add_interp(b"/bin\0")),
    "bad-machine": (0o755, lambda e: e.set_ehdr(2, 62)),  # EM_X86_64
    "elf32": (0o755, lambda e: e.set_ehdr(0, e.ehdr[0][:4] + b"\x01" + e.ehdr[0][5:])),
    "big-endian": (0o755, lambda e: e.set_ehdr(0, e.ehdr[0][:5] + b"\x02" + e.ehdr[0][6:])),
    "et-rel": (0o755, lambda e: e.set_ehdr(1, 1)),
    "phnum-0": (0o755, lambda e: e.set_ehdr(10, 0)),
    "phnum-74": (0o755, lambda e: e.set_ehdr(10, 74)),
    "phentsize": (0o755, lambda e: e.set_ehdr(9, 32)),
    "seg-order": (0o755, swap_loads),
    "seg-stack": (0o755, lambda e: first_load(e, p_vaddr=TASK_SIZE - 0x10000,
                                              p_paddr=TASK_SIZE - 0x10000)),
    "seg-high": (0o755, lambda e: first_load(e, p_vaddr=TASK_SIZE, p_paddr=TASK_SIZE)),
    "seg-filesz": (0o755, lambda e: first_load(e, p_memsz=lambda ph: ph[5] - 0x10)),
    "seg-misaligned": (0o755, misalign_second),
    "seg-past-eof": (0o755, past_eof),
    "entry-eof-zero": (0o755, lambda e: past_eof(e, "zero")),
    "entry-past-eof": (0o755, lambda e: past_eof(e, "beyond")),
    "entry-high": (0o755, lambda e: e.set_ehdr(4, TASK_SIZE)),
}


def main():
    good_path, out = sys.argv[1], sys.argv[2]
    with open(good_path, "rb") as f:
        good = f.read()
    os.makedirs(out, exist_ok=True)
    for name, (mode, how) in FIXTURES.items():
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(variant(good, how))
        os.chmod(path, mode)
    path = os.path.join(out, "empty")
    open(path, "wb").close()
    os.chmod(path, 0o755)
    # #! scripts (binfmt_script): an interpreter with an argument, a script as the
    # interpreter, a loop of them, no interpreter name, and one checking its argv.
    scripts = {
        "script-exit": "#!/bin/exit-with 3\n",
        "script-nested": "#!/bin/exec/script-exit\n",
        "script-loop": "#! /bin/exec/script-loop\n",
        "script-noname": "#!  \t \n",
        "script-check": "#!/bin/exec-test --script\n",
    }
    for name, text in scripts.items():
        path = os.path.join(out, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)
    # Longer than an ELF header, not a script, not ELF: no binary format takes it.
    path = os.path.join(out, "text")
    with open(path, "w") as f:
        f.write("This is not a program, only text an executable bit was given.\n" * 2)
    os.chmod(path, 0o755)


if __name__ == "__main__":
    main()
