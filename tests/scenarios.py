"""QEMU boot scenarios for `make test`: data only; tests/run interprets them.

Each scenario is a dict:
  name     unique name, shown in the results
  qemu     machine options (memory, harts, NUMA), also used to dump the DTB
  append   kernel command line
  dtb      optional DTB edit (a function in tests/lib/dtbedit.py) applied to the
           dumped DTB, which is then passed with -dtb
  expect   "poweroff" (clean shutdown, QEMU exit 0), "panic" (QEMU exit 1),
           "failure" (QEMU exit 1 without a panic: init failed), or
           "early-die" (refused before start_kernel: regex `message` on the console)
  panic    with expect=panic: regex the panic reason must match
  checks   log facts to verify (see tests/run):
             memblock  the memblock dump equals the DTB's memory map (mem=,
                       no-map applied) and reserved covers exactly what must
                       be reserved
             harts     "smp: Brought up N node(s), M CPUs" with every hart
             ptdump    W^X kernel mapping, direct map, no identity mapping;
                       after free_initmem() (second dump) init text not
                       executable, and the initmem line below
             initmem   "Freeing unused kernel image (initmem) memory: NK",
                       N the size of [__init_begin, __init_end) in the ELF
             ktap      the in-kernel self-test results (each case counted)
             oops      a decoded trap report precedes the panic
             slabinfo  mm_report's /proc/slabinfo: version 2.1 header, every
                       kmalloc cache, each line's counts consistent
             meminfo   mm_report's /proc/meminfo and /proc/vmstat after init
                       exited: no anonymous page left mapped or on an LRU
                       list, MemAvailable <= MemFree <= MemTotal, SwapTotal
                       non-zero exactly with a mkswap disk, pgfault counted
             swap_traffic  the last /proc/vmstat dump (mm_report) has pswpout
                       > 0 and pswpin > 0: pages went to swap and came back
             swap_free the last /proc/meminfo dump has SwapFree = SwapTotal:
                       every slot freed once the programs exited
             diskstats the last /proc/diskstats dump: Linux's columns for vda,
                       swap writes merged, sectors = 8 x pswpout / pswpin
  oops     with the oops check: the decoded cause expected
  log      regexes that must each match somewhere in the console output
  nolog    regexes that must match nowhere in it
  initrd   size in bytes of a random initrd to pass with -initrd
  kselftest  one of Linux's kselftest programs run as init: each of its TAP
           cases counted, skips only as the scenario's "skips" lists them
           (regex, reason), its plan, "# Totals:" line and exit status
           ("status", default 0) consistent, all memory back after exit
  user     boot with build/initrd.cpio (the user programs), or with the
           initrd under build/ it names (a string); with the "user"
           check: the program's TAP, its exit status ("status", default 0) as
           the kernel reports it, every resident page on an LRU list at exit,
           all pages back after it exits, and regexes "user_log" that must
           match; with "plans": "sum" (a shell script as init), the plans of
           the programs it runs are added up
  disks    virtio-blk disks to attach, in order (vda, vdb, ...): dicts with
           "size" (bytes; a zeroed image made in the work directory),
           "readonly" (attach with readonly=on) and "inject" (QEMU blkdebug
           inject-error rules: the I/O they match fails)
  load_addr  load the image at this physical address (an ELF wrapper) instead
           of QEMU's default RAM base + 2 MiB
  uboot    boot through U-Boot's booti instead of OpenSBI's direct jump
  machine  QEMU machine (default "virt"), for the run and the DTB dump. Without
           a test device (sifive,test) in its DTB, QEMU does not end when the
           kernel powers off or panics: the runner ends it a moment after
           "reboot: Power down" (exit status taken as 0) or the panic lines
           (as 1); expect "failure" needs the test device
  firmware_nomap  OpenSBI adds its own memory (the banner's region without
           permissions) as a no-map /reserved-memory node on this machine:
           the memblock check expects it in memblock.memory with the no-map
           flag, not in memblock.reserved
  send_markers  the serial port's input comes from the console's "#>send HEX"
           lines: each is answered with those bytes on QEMU's stdin (user/tty-test.c)
  input    a list of (regex, bytes): each bytes typed on QEMU's stdin once its
           regex has appeared on the console, in order
  timeout  seconds (default 60)
  readahead  with the swap_traffic check: True, pages were read ahead and found
           (swap_ra, swap_ra_hit > 0); False, none were (page-cluster 0)
"""

TTY_ECHO_LOG = [r"\nhello\n", r"\nabx\x08 \x08c\n", r"\njunk(\x08 \x08){4}ok\n",
                r"\none two(\x08 \x08){3}three\n", r"\nabcdef\n", r"\nxy\n", r"\n12\n",
                r"\^Cafter\n", r"\^C\n(.|\n)*\^\\\n"]

NUMA2 = ("-smp 4 -m 2G "
         "-object memory-backend-ram,id=m0,size=1G -object memory-backend-ram,id=m1,size=1G "
         "-numa node,cpus=0-1,memdev=m0,nodeid=0 -numa node,cpus=2-3,memdev=m1,nodeid=1")

SCENARIOS = []

for mem in ("128M", "1G", "8G"):
    for smp in (1, 4):
        SCENARIOS.append(dict(
            name="boot-%s-smp%d" % (mem, smp),
            qemu="-m %s -smp %d" % (mem, smp),
            append="", expect="poweroff", checks=["memblock", "harts", "zones", "initmem"]))

SCENARIOS += [
    dict(name="numa-2nodes", qemu=NUMA2, append="mm_report",
         expect="poweroff", checks=["memblock", "harts", "zones", "mm_report"],
         log=[r"Fallback order for Node 0: 0 1 \n", r"Fallback order for Node 1: 1 0 \n",
              r"Built 2 zonelists"]),
    dict(name="numa-2nodes-distance", qemu=NUMA2 + " -numa dist,src=0,dst=1,val=30",
         append="", expect="poweroff", checks=["memblock", "harts", "zones"]),
    # Node 0 is nearer to 2 than to 1: its fallback order is 0 2 1, node 1's 1 2 0.
    dict(name="numa-3nodes-zonelists", qemu="-m 3G -smp 2", dtb="three_nodes", append="mm_report",
         expect="poweroff", checks=["memblock", "harts", "zones", "mm_report"],
         log=[r"Fallback order for Node 0: 0 2 1 \n", r"Fallback order for Node 1: 1 2 0 \n",
              r"Fallback order for Node 2: 2 0 1 \n"]),
    dict(name="mem-limit", qemu="-m 1G -smp 2", append="mem=200M",
         expect="poweroff", checks=["memblock", "harts", "zones"]),
    dict(name="extra-reserved", qemu="-m 1G -smp 2", append="", dtb="extra_reserved",
         expect="poweroff", checks=["memblock", "harts", "zones"]),
    # 8 GiB from 2 GiB: DMA32 is 2-4 GiB, Normal 4-10 GiB.
    dict(name="zones-8G", qemu="-m 8G -smp 2", append="mm_report",
         expect="poweroff", checks=["zones", "mm_report"],
         log=[r"  DMA32    \[mem 0x0000000080000000-0x00000000ffffffff\]",
              r"  Normal   \[mem 0x0000000100000000-0x000000027fffffff\]",
              r"Node 0, zone   Normal\n.*\n.*\n.*min      \d+",
              r"start_pfn:           1048576"]),
    # movablecore=256M of 1 GiB: ZONE_MOVABLE is the top 256 MiB of DMA32's memory.
    dict(name="movablecore", qemu="-m 1G -smp 2", append="movablecore=256M mm_report",
         expect="poweroff", checks=["mm_report"],
         log=[r"Movable zone start for each node\n.*  Node 0: 0x00000000b0000000",
              r"Node 0, zone  Movable\n.*pages free     \d+\n(.*\n){5}.*present  65536"]),
    dict(name="buddy-smp4", qemu="-m 256M -smp 4", append="selftest=buddy", timeout=180,
         expect="poweroff", checks=["ktap", "harts"]),
    dict(name="slub-smp4", qemu="-m 256M -smp 4", append="selftest=slub", timeout=180,
         expect="poweroff", checks=["ktap", "harts"]),
    # Every cache with every debugging flag: the same churn through the checked path.
    dict(name="slub-debug", qemu="-m 256M -smp 4", append="selftest=slub slub_debug",
         timeout=180, expect="poweroff", checks=["ktap", "harts"]),
    dict(name="slabinfo", qemu="-m 256M -smp 2", append="mm_report",
         expect="poweroff", checks=["mm_report", "slabinfo"]),
    dict(name="many-reserved", qemu="-m 1G -smp 1", append="memblock=debug",
         dtb="many_reserved", expect="poweroff", checks=["memblock"]),
    dict(name="ptdump-8G", qemu="-m 8G -smp 2", append="ptdump",
         expect="poweroff", checks=["ptdump"]),
    dict(name="ptdump-128M", qemu="-m 128M -smp 1", append="ptdump",
         expect="poweroff", checks=["ptdump"]),
    # Three harts, as for swap: with 4 vCPUs on a 2-core host it took 85 s of 120 in
    # one loaded CI run (1-6 s when quiet); every wake-up there waits for a vCPU to run.
    dict(name="sched-smp3", qemu="-m 256M -smp 3", append="selftest=sched", timeout=180,
         expect="poweroff", checks=["ktap", "harts"]),
    dict(name="sched-smp1", qemu="-m 256M -smp 1", append="selftest=sched",
         expect="poweroff", checks=["ktap"]),
    dict(name="migrate-smp4", qemu="-m 256M -smp 4", append="selftest=migrate", timeout=180,
         expect="poweroff", checks=["ktap"]),
    dict(name="spinlock-smp4", qemu="-m 256M -smp 4", append="selftest=spinlock",
         expect="poweroff", checks=["ktap", "harts"]),
    dict(name="selftest-unknown", qemu="-m 256M -smp 1", append="selftest=nosuchtest",
         expect="poweroff", checks=["ktap-fails"]),
    # Random bytes are no cpio archive: reserved all the same, then no init to run.
    dict(name="initrd", qemu="-m 256M -smp 1", initrd=300000, append="",
         expect="panic", panic=r"Requested init /init failed \(error -22\)",
         checks=["memblock"], log=[r"initramfs: bad cpio header at offset 0"]),
    dict(name="phantom-hart", qemu="-m 256M -smp 2", append="", dtb="phantom_hart",
         expect="poweroff", checks=["memblock"],
         log=[r"smp: CPU1: hart 7 failed to come online",
              r"smp: Brought up 1 node, 2 CPUs"]),
    # A VisionFive 2 loads the image at 0x40200000: any 2 MiB-aligned address works.
    dict(name="load-at-0x82400000", qemu="-m 256M -smp 2", append="ptdump",
         load_addr=0x82400000, expect="poweroff", checks=["memblock", "harts", "ptdump"],
         log=[r"0xffffffff80000000-0xffffffff800[0-9a-f]{5}   0x0000000082400000 .* X . R V"]),
    dict(name="load-misaligned", qemu="-m 256M -smp 1", append="", load_addr=0x82500000,
         expect="early-die", message="the image must be loaded at a 2 MiB-aligned address",
         checks=[]),
    dict(name="uboot-booti", qemu="-m 256M -smp 2", append="", uboot=True,
         expect="poweroff", checks=["memblock", "harts"]),

    # A DTB the firmware accepts but that leaves the kernel nothing to use.
    dict(name="no-memory", qemu="-m 256M -smp 1", append="", dtb="zero_memory",
         expect="panic", panic="no usable memory in the device tree", checks=[]),
    dict(name="all-reserved", qemu="-m 256M -smp 1", append="", dtb="all_reserved",
         expect="panic", panic="No usable memory: all .* bytes of memory are reserved",
         checks=[]),
    dict(name="mem-too-small", qemu="-m 256M -smp 1", append="mem=1M",
         expect="panic", panic="The kernel image .* is not in memory", checks=[]),

    # Deliberate kernel faults: a decoded report, then a clean panic.
    dict(name="crash-load", qemu="-m 256M -smp 2", append="crash=load",
         expect="panic", panic="Load page fault at 0x0000000000000010",
         checks=["oops"], oops="Load page fault"),
    dict(name="crash-store-rodata", qemu="-m 256M -smp 1", append="crash=store-rodata",
         expect="panic", panic="Store/AMO page fault", checks=["oops"],
         oops="Store/AMO page fault"),
    dict(name="crash-exec-data", qemu="-m 256M -smp 1", append="crash=exec-data",
         expect="panic", panic="Instruction page fault", checks=["oops"],
         oops="Instruction page fault"),
    dict(name="crash-stack-overflow", qemu="-m 256M -smp 2", append="crash=stack-overflow",
         expect="panic", panic=r"Kernel stack overflow",
         log=[r"Insufficient stack space to handle exception!",
              r"Task stack:     \[0xffffffc8[0-9a-f]{8}\.\.0xffffffc8[0-9a-f]{8}\]"],
         checks=[]),
    dict(name="crash-panic", qemu="-m 256M -smp 4", append="crash=panic",
         expect="panic", panic="crash=panic", checks=[]),
    # Swap areas found at boot (mm/swapon.c): the mkswap header, or a disk left alone.
    dict(name="swap-on", qemu="-m 256M -smp 1", append="", expect="poweroff", checks=[],
         disks=[dict(size=64 << 20, mkswap=True)],
         log=[r"Adding 65532k swap on vda\.  Priority:-2 extents:1 across:65532k"]),
    dict(name="swap-no-signature", qemu="-m 256M -smp 2", append="", expect="poweroff",
         checks=[], disks=[dict(size=8 << 20)],
         log=[r"swap: vda has no swap signature: left alone"]),
    dict(name="swap-named", qemu="-m 256M -smp 2", append="swap=vdb", expect="poweroff",
         checks=[], disks=[dict(size=8 << 20, mkswap=True), dict(size=16 << 20, mkswap=True)],
         log=[r"Adding 16380k swap on vdb\."]),
    dict(name="swap-named-no-signature", qemu="-m 256M -smp 1", append="swap=vda",
         expect="poweroff", checks=[], disks=[dict(size=8 << 20)],
         log=[r"Unable to find swap-space signature"]),
    dict(name="swap-readonly", qemu="-m 256M -smp 1", append="", expect="poweroff", checks=[],
         disks=[dict(size=8 << 20, mkswap=True, readonly=True)],
         log=[r"swap: vda is read-only: not used for swap"]),
    # User programs (user/), each run as init: TAP verdict, exit status, no page lost.
    # What `make run` boots without a terminal: 256M, 2 harts, a 64 MiB mkswap disk,
    # the shell running /etc/demo, which ends with swap-demo (RAM plus half the free
    # swap mapped, filled and checked). The Makefile's RUN_DEMO.
    dict(name="make-run-demo", qemu="-m 256M -smp 2", append="mm_report init=/bin/sh -- -v /etc/demo",
         user=True, plans="sum",
         timeout=400, disks=[dict(size=64 << 20, mkswap=True)], expect="poweroff",
         checks=["user", "meminfo", "swap_traffic", "swap_free"],
         user_log=[r"(?m)^eat ended with status 143", r"(?m)^ok 2 - every page read back right"]),
    dict(name="user-init-demo", qemu="-m 256M -smp 2", append="", user=True,
         expect="poweroff", checks=["user"]),
    # Fragmentation measured (user/frag.c): nearly all free memory mapped and written, every
    # other page given back, then half as many huge pages as the free memory would hold
    # asked for through /proc/sys/vm/nr_hugepages; buddyinfo, pagetypeinfo and the
    # compaction counters before and after, every word held checked. No swap: reclaim
    # cannot free a block. Asked first with extfrag_threshold 1000 (no compaction): no
    # more than the blocks already free (3 of 31 on 2026-12-03); then with compaction: at
    # least half (19 of 31).
    dict(name="user-frag", qemu="-m 256M -smp 2", append="init=/bin/frag -- -v 50", user=True,
         expect="poweroff", checks=["user"], user_log=[r"with compaction: \d+ of \d+ huge pages obtained"]),
    # The anonymous LRU and rmap, and meminfo/vmstat, after a run that maps and unmaps.
    dict(name="user-meminfo", qemu="-m 256M -smp 2", append="mm_report", user=True,
         expect="poweroff", checks=["user", "meminfo", "mm_report"]),
    dict(name="user-meminfo-swap", qemu="-m 256M -smp 2", append="init=/bin/fault-storm mm_report",
         user=True, expect="poweroff", checks=["user", "meminfo"],
         disks=[dict(size=8 << 20, mkswap=True)]),
    dict(name="user-brk-stress-smp1", qemu="-m 256M -smp 1", append="init=/bin/brk-stress",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-brk-stress-smp4", qemu="-m 256M -smp 4", append="init=/bin/brk-stress",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-brk-stress-64M", qemu="-m 64M -smp 2", append="init=/bin/brk-stress",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-mmap-stress-smp1", qemu="-m 256M -smp 1", append="init=/bin/mmap-stress",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-mmap-stress-smp4", qemu="-m 256M -smp 4", append="init=/bin/mmap-stress",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-mmap-stress-64M", qemu="-m 64M -smp 2", append="init=/bin/mmap-stress",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-malloc-stress-smp1", qemu="-m 256M -smp 1", append="init=/bin/malloc-stress",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-malloc-stress-64M", qemu="-m 64M -smp 4", append="init=/bin/malloc-stress",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-fault-storm-smp1", qemu="-m 256M -smp 1", append="init=/bin/fault-storm",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-fault-storm-64M", qemu="-m 64M -smp 4", append="init=/bin/fault-storm",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-syscall-fuzz-smp1", qemu="-m 256M -smp 1", append="init=/bin/syscall-fuzz",
         user=True, expect="poweroff", checks=["user"], timeout=180),
    dict(name="user-syscall-fuzz-smp4", qemu="-m 256M -smp 4",
         append="init=/bin/syscall-fuzz -- 7", user=True, expect="poweroff", checks=["user"],
         timeout=180),
    # What backs a VMA: ELF segments refault their file's bytes, shared anonymous memory
    # (shmem) keeps its pages through MADV_DONTNEED, splits and merges; meminfo's Shmem.
    dict(name="user-vma-backing-smp1", qemu="-m 256M -smp 1",
         append="mm_report init=/bin/vma-backing", user=True, expect="poweroff",
         checks=["user", "meminfo"]),
    dict(name="user-vma-backing-smp4", qemu="-m 256M -smp 4", append="init=/bin/vma-backing",
         user=True, expect="poweroff", checks=["user"]),
    # The same under memory pressure: the refaulted data pages are reclaimed to swap too.
    dict(name="user-vma-backing-pressure", qemu="-m 64M -smp 2", user=True, timeout=240,
         disks=[dict(size=192 << 20, mkswap=True)],
         append="mm_report init=/bin/vma-backing -- pressure", expect="poweroff",
         checks=["user", "meminfo", "swap_traffic", "swap_free"]),
    # Processes: vfork + execve + wait4 as init spawns children; /proc files read by a program.
    dict(name="user-spawn-test-smp1", qemu="-m 256M -smp 1", append="init=/bin/spawn-test",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-spawn-test-smp2", qemu="-m 256M -smp 2", append="init=/bin/spawn-test",
         user=True, expect="poweroff", checks=["user"]),
    # execve answers as Linux's: path walk, permissions, argument limits (2 MiB of strings
    # copied into the new stack), ELF and PT_INTERP checks, SIGSEGV past the point of no return.
    dict(name="user-exec-test-smp1", qemu="-m 256M -smp 1", append="init=/bin/exec-test",
         user=True, expect="poweroff", checks=["user"], timeout=120,
         log=[r"\d+ \(seg-stack\): Uhuuh, elf segment at 0000003fffff0000 requested but the "
              r"memory is mapped already",
              r"entry-past-eof\[\d+\]: unhandled signal 7 code 0x2 at 0x"]),
    dict(name="user-exec-test-64M", qemu="-m 64M -smp 2", append="init=/bin/exec-test",
         user=True, expect="poweroff", checks=["user"], timeout=120),
    # /proc/self/maps, smaps and pagemap of its own mappings (user/proc-self.c).
    dict(name="user-proc-self", qemu="-m 256M -smp 2", append="init=/bin/proc-self", user=True,
         expect="poweroff", checks=["user"]),
    # 40 MiB written in 32 MiB of RAM: pagemap's swap entries, smaps' Swap and SwapPss.
    dict(name="user-proc-self-swap", qemu="-m 32M -smp 2", append="init=/bin/proc-self -- 40",
         user=True, expect="poweroff", checks=["user"], timeout=120,
         disks=[dict(size=64 << 20, mkswap=True)]),
    # The shell and the tools (user/bin/): /bin/sh as init runs /etc/shell-test (a
    # pipeline, min_free_kbytes written through a redirection and read back, background
    # jobs killed and waited for, /etc/demo), then tools-test, each tool against /proc.
    dict(name="user-shell", qemu="-m 256M -smp 2", append="init=/bin/sh -- -v /etc/shell-test",
         user=True, expect="poweroff", checks=["user"], timeout=180,
         user_log=[r"(?m)^one two three\r?$", r"(?m)^3000\r?$", r"(?m)^\[1\]\+  Running +eat 8M",
                   r"(?m)^eat: status 143\r?$", r"sh: no-such-program: not found",
                   r"(?m)^missing: status 127\r?$",
                   r"(?m)^/proc/sys/vm\r?$"]),
    # The shell at its prompt, typed into through the serial port (a pipe, as a user at
    # the console): each line is echoed by the tty; a pipeline; a hog in the background;
    # a foreground hog stopped by ^C while the background one lives on; tools-test (free,
    # vmstat, ps... checked against /proc); the background hog killed; exit, and every
    # page back (the "user" check).
    dict(name="shell-serial", qemu="-m 256M -smp 2", append="init=/bin/sh -- -l",
         user=True, expect="poweroff", checks=["user"], timeout=180,
         input=[(r"(?m)^# $", b"ls /bin | cat | cat\n"),
                (r"(?m)^vmstat\r?\n# $", b"eat 8M &\n"),
                (r"holding 8192 KiB", b"eat 16M\n"),
                (r"holding 16384 KiB", b"\x03"),
                (r"\^C\r?\n# $", b"jobs\n"),
                (r"Running +eat 8M *\r?\n# $", b"tools-test\n"),
                (r"(?m)^1\.\.\d+(.|\n)*\n# $", b"kill %1; wait %1; echo bye $?\n"),
                (r"(?m)^bye 143\r?\n# $", b"exit\n")],
         user_log=[r"(?m)^# ls /bin \| cat \| cat\r?$", r"(?m)^(# )?eat 16M\r?$",
                   r"(?m)^eat: holding 16384 KiB", r"\^C", r"(?m)^\[1\]\+  Running +eat 8M",
                   r"(?m)^# kill %1; wait %1; echo bye \$\?\r?$", r"(?m)^bye 143\r?$"]),
    # getdents64, chdir/fchdir/getcwd, /proc/PID/{stat,cmdline}, uptime, loadavg, stat, sysctls.
    dict(name="user-dir-test", qemu="-m 256M -smp 2", append="init=/bin/dir-test -- a bc",
         user=True, expect="poweroff", checks=["user"]),
    # MADV_FREE freed lazily, MADV_PAGEOUT dropping what was not written again, a fork
    # child's view, MAP_DROPPABLE (user/madv-free.c); then under swap pressure: lazily
    # freed pages dropped (pglazyfreed), rewritten ones kept, every word checked.
    dict(name="user-madv-free", qemu="-m 256M -smp 2", append="init=/bin/madv-free",
         user=True, expect="poweroff", checks=["user"]),
    # MADV_WILLNEED reads paged-out anonymous pages into the swap cache, unmapped
    # (user/madv-willneed.c): pswpin grows without faults, mincore shows them resident.
    dict(name="user-madv-willneed", qemu="-m 256M -smp 2", append="init=/bin/madv-willneed",
         user=True, expect="poweroff", checks=["user"], disks=[dict(size=16 << 20, mkswap=True)]),
    dict(name="swap-madv-free", qemu="-m 32M -smp 2", append="init=/bin/madv-free -- 32",
         user=True, expect="poweroff", checks=["user"], timeout=120,
         disks=[dict(size=64 << 20, mkswap=True)]),
    dict(name="user-proc-test", qemu="-m 256M -smp 2", append="init=/bin/proc-test",
         user=True, expect="poweroff", checks=["user"]),
    # The system-call edge cases, Linux's answers (user/abi-mm.c, user/abi-sys.c, user/abi-proc.c).
    dict(name="user-abi-mm", qemu="-m 256M -smp 1", append="init=/bin/abi-mm",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-mlock-test", qemu="-m 256M -smp 1", append="init=/bin/mlock-test",
         user=True, expect="poweroff", checks=["user"]),
    # mremap (user/mremap-test.c): every errno, shrink, grow, move, FIXED, DONTUNMAP, fork.
    dict(name="user-mremap-test", qemu="-m 256M -smp 2", append="init=/bin/mremap-test",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-abi-sys", qemu="-m 256M -smp 2", append="init=/bin/abi-sys",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-abi-proc", qemu="-m 256M -smp 2", append="init=/bin/abi-proc",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-linux-static", qemu="-m 256M -smp 1", append="init=/bin/linux-static",
         user=True, expect="poweroff", checks=["user"]),
    # glibc's own fork() (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID), copy on write.
    dict(name="user-glibc-fork", qemu="-m 256M -smp 2", append="init=/bin/glibc-fork",
         user=True, expect="poweroff", checks=["user"]),
    # glibc's pipe() (pipe2), fork(), stdio writes into a pipe, EOF and EPIPE.
    dict(name="user-glibc-pipe", qemu="-m 256M -smp 2", append="init=/bin/glibc-pipe",
         user=True, expect="poweroff", checks=["user"]),
    # An ordinary glibc-static program (rv64gc): glibc's start-up calls, the FPU on for user code.
    dict(name="user-glibc-hello", qemu="-m 256M -smp 2", append="init=/bin/glibc-hello",
         user=True, expect="poweroff", checks=["user"],
         log=[r"ok 10 - fstat\(1\): /dev/console", r"ok 12 - TIOCGWINSZ",
              r"riscv: ELF capabilities acdfim\n"]),
    # Harts without F and D (riscv,isa "rv64imac..."): AT_HWCAP says so and the FPU stays
    # off, so glibc's first FP instruction is SIGILL (128 + 4), as on Linux.
    dict(name="user-glibc-hello-nofpu", qemu="-cpu rv64,f=false,d=false -m 256M -smp 2",
         append="init=/bin/glibc-hello", user=True, expect="failure", checks=["user"],
         status=132, log=[r"riscv: ELF capabilities acim\n"],
         user_log=[r"glibc-hello\[1\]: unhandled signal 4 code 0x1 at"]),
    # Three processes on one hart keep f0-f31 and fcsr across switches (lazy FPU save/restore).
    dict(name="user-glibc-fpu-stress", qemu="-m 256M -smp 1", append="init=/bin/glibc-fpu-stress",
         user=True, expect="poweroff", checks=["user"]),
    # The same on two harts: a task's registers follow it to the other hart.
    dict(name="user-glibc-fpu-stress-smp2", qemu="-m 256M -smp 2",
         append="init=/bin/glibc-fpu-stress", user=True, expect="poweroff", checks=["user"]),
    # Signals as glibc uses them (user/glibc-signals.c): frames, faults, FP state, timers, deaths.
    dict(name="user-glibc-signals-smp1", qemu="-m 256M -smp 1", append="init=/bin/glibc-signals",
         user=True, expect="poweroff", checks=["user"],
         user_log=[r"glibc-signals\[\d+\]: segfault at 0 ip"]),
    dict(name="user-glibc-signals-smp2", qemu="-m 256M -smp 2", append="init=/bin/glibc-signals",
         user=True, expect="poweroff", checks=["user"]),
    # Pipes between forked processes (user/pipe-test.c), on one hart and on two.
    dict(name="user-pipe-smp1", qemu="-m 256M -smp 1", append="init=/bin/pipe-test",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-pipe-smp2", qemu="-m 256M -smp 2", append="init=/bin/pipe-test",
         user=True, expect="poweroff", checks=["user"]),
    # memfd_create and the shmem file's calls (user/memfd-test.c): SIGBUS past the end kills
    # its children.
    dict(name="user-memfd-test", qemu="-m 256M -smp 2", append="init=/bin/memfd-test",
         user=True, expect="poweroff", checks=["user"]),
    # Files made by name in /tmp, unlinked while open and mapped, O_TMPFILE (user/tmpfs-test.c).
    dict(name="user-tmpfs-test", qemu="-m 256M -smp 2", append="init=/bin/tmpfs-test",
         user=True, expect="poweroff", checks=["user"]),
    # AF_UNIX socket pairs between forked processes (user/socketpair-test.c), one hart and two.
    dict(name="user-socketpair-smp1", qemu="-m 256M -smp 1", append="init=/bin/socketpair-test",
         user=True, expect="poweroff", checks=["user"]),
    dict(name="user-socketpair-smp2", qemu="-m 256M -smp 2", append="init=/bin/socketpair-test",
         user=True, expect="poweroff", checks=["user"]),
    # The signal calls' ABI with raw ecalls (user/signal-test.c), and a corrupted frame's SIGSEGV.
    # The console as a terminal: tty-test types through the serial port (its "#>send"
    # lines answered on QEMU's stdin) and the echo is checked here, as the console shows it.
    dict(name="user-tty-test", qemu="-m 256M -smp 2", append="init=/bin/tty-test",
         user=True, expect="poweroff", checks=["user"], send_markers=True,
         log=TTY_ECHO_LOG + [r"10000000.serial: ttyS0 at MMIO 0x10000000 \(irq = 10, "
                             r"base_baud = 230400\) is a 16550A",
                             r"printk: legacy console \[ttyS0\] enabled"]),
    # The same UART named a DesignWare APB UART (the VisionFive's): the 8250 driver with
    # its DesignWare quirks (the LCR write checked).
    dict(name="user-tty-test-dw-uart", qemu="-m 256M -smp 2", append="init=/bin/tty-test",
         dtb="dw_apb_uart", user=True, expect="poweroff", checks=["user"], send_markers=True,
         log=TTY_ECHO_LOG + [r"ttyS0 at MMIO 0x10000000 \(irq = 10, base_baud = 230400\)"]),
    # A UART no driver knows: the SBI console stays (output and, polled, input).
    dict(name="user-tty-test-sbi", qemu="-m 256M -smp 2", append="init=/bin/tty-test",
         dtb="unknown_uart", user=True, expect="poweroff", checks=["user"], send_markers=True,
         log=TTY_ECHO_LOG, nolog=[r"printk: legacy console"]),
    dict(name="user-signal-test", qemu="-m 256M -smp 2", append="init=/bin/signal-test",
         user=True, expect="poweroff", checks=["user"],
         user_log=[r"signal-test\[\d+\]: bad frame in sys_rt_sigreturn: frame="]),
    # A static PIE (ET_DYN without PT_INTERP), placed where mmap puts it, as Linux does.
    dict(name="user-linux-static-pie", qemu="-m 256M -smp 1", append="init=/bin/linux-static-pie",
         user=True, expect="poweroff", checks=["user"]),
    # Malformed executables are refused (-ENOEXEC), with a message, before anything runs.
    dict(name="user-exec-truncated", qemu="-m 256M -smp 1", append="init=/bin/truncated-elf",
         user=True, expect="panic", panic=r"Requested init /bin/truncated-elf failed \(error -8\)",
         checks=[], log=[r"/bin/truncated-elf: not a RISC-V ELF64 static executable"]),
    # "#!/bin/sh": binfmt_script looks for /bin/sh, which the initrd lacks (-ENOENT).
    dict(name="user-exec-not-elf", qemu="-m 256M -smp 1", append="init=/bin/not-elf", user=True,
         expect="panic", panic=r"Requested init /bin/not-elf failed \(error -2\)", checks=[]),
    dict(name="user-exec-noexec", qemu="-m 256M -smp 1", append="init=/bin/exec/noexec",
         user=True, expect="panic", panic=r"Requested init /bin/exec/noexec failed \(error -13\)",
         checks=[]),
    dict(name="user-exec-missing", qemu="-m 256M -smp 1", append="init=/bin/nothing-here",
         user=True, expect="panic", panic=r"Requested init /bin/nothing-here failed \(error -2\)",
         checks=[]),
    # Each bad access kills the program with Linux's line and 128 + SIGSEGV; the kernel lives on.
    dict(name="user-segv-null", qemu="-m 256M -smp 1", append="init=/bin/segv-null", user=True,
         expect="failure", checks=["user"], status=139,
         user_log=[r"segv-null\[1\]: segfault at 0 ip [0-9a-f]+ sp"]),
    dict(name="user-segv-write-ro", qemu="-m 256M -smp 2", append="init=/bin/segv-write-ro",
         user=True, expect="failure", checks=["user"], status=139,
         user_log=[r"segv-write-ro\[1\]: segfault at [0-9a-f]+ ip"]),
    dict(name="user-segv-read-none", qemu="-m 256M -smp 1", append="init=/bin/segv-read-none",
         user=True, expect="failure", checks=["user"], status=139,
         user_log=[r"segv-read-none\[1\]: segfault at"]),
    dict(name="user-segv-exec-nx", qemu="-m 256M -smp 1", append="init=/bin/segv-exec-nx",
         user=True, expect="failure", checks=["user"], status=139,
         user_log=[r"segv-exec-nx\[1\]: segfault at"]),
    dict(name="user-segv-write-text", qemu="-m 256M -smp 1", append="init=/bin/segv-write-text",
         user=True, expect="failure", checks=["user"], status=139,
         user_log=[r"segv-write-text\[1\]: segfault at"]),
]

# virtio-blk on the PLIC, both register layouts (force-legacy=false: modern), and
# selftest=virtio_blk on vda: virtio_blk_test=MODE:SECTORS tells it what was attached.
LEGACY, MODERN = "", " -global virtio-mmio.force-legacy=false"
VIRTIO_DISK = 64 << 20
for layout, opts in (("legacy", LEGACY), ("modern", MODERN)):
    for smp in (1, 4):
        SCENARIOS.append(dict(
            name="virtio-blk-%s-smp%d" % (layout, smp), qemu="-m 256M -smp %d%s" % (smp, opts),
            disks=[dict(size=VIRTIO_DISK)],
            append="selftest=virtio_blk virtio_blk_test=rw:%d" % (VIRTIO_DISK >> 9),
            expect="poweroff", checks=["ktap", "harts"],
            log=[r"plic: plic@[0-9a-f]+: mapped \d+ interrupts with %d handlers for %d contexts"
                 % (smp, 2 * smp),
                 r"virtio_blk virtio0: \[vda\] 131072 512-byte logical blocks "
                 r"\(67\.1 MB/64\.0 MiB\)"]))
SCENARIOS += [
    dict(name="virtio-blk-readonly", qemu="-m 256M -smp 2" + MODERN,
         disks=[dict(size=1 << 20, readonly=True)],
         append="selftest=virtio_blk virtio_blk_test=ro:2048", expect="poweroff",
         checks=["ktap"], log=[r"virtio_blk virtio0: \[vda\] write protected"]),
    # blkdebug fails the write covering sector 64 and the read covering sector 512: -EIO.
    dict(name="virtio-blk-eio", qemu="-m 256M -smp 2",
         disks=[dict(size=8 << 20, inject=[
             dict(event="write_aio", iotype="write", errno=5, sector=64),
             dict(event="read_aio", iotype="read", errno=5, sector=512)])],
         append="selftest=virtio_blk virtio_blk_test=eio:16384:64:512", expect="poweroff",
         checks=["ktap"]),
]

# Other machines. QEMU's sifive_u (HiFive Unleashed): hart 0 is the E51 monitor core,
# without an MMU (the kernel skips it), harts 1-4 are U54s; no virtio, no test device
# (the runner ends QEMU once the kernel powered off or panicked); OpenSBI adds its own
# memory as a no-map /reserved-memory node here. The image and initrd are virt's.
SIFIVE_U = "-smp 5 -m 1G"
SCENARIOS += [
    dict(name="sifive-u-boot", machine="sifive_u", qemu=SIFIVE_U, append="",
         firmware_nomap=True, expect="poweroff", checks=["memblock", "harts", "zones"],
         log=[r"Machine model: SiFive HiFive Unleashed A00", r"OF: cpu@0: hart 0 disabled"]),
    dict(name="sifive-u-buddy", machine="sifive_u", qemu=SIFIVE_U, append="selftest=buddy",
         expect="poweroff", checks=["ktap", "harts"]),
    dict(name="sifive-u-slub", machine="sifive_u", qemu=SIFIVE_U, append="selftest=slub",
         expect="poweroff", checks=["ktap", "harts"]),
    dict(name="sifive-u-user-mmap-stress", machine="sifive_u", qemu=SIFIVE_U,
         append="init=/bin/mmap-stress", user=True, expect="poweroff", checks=["user"]),
    # The console on the SiFive UART (sifive,uart0), input by its receive watermark interrupt.
    dict(name="sifive-u-tty-test", machine="sifive_u", qemu=SIFIVE_U, append="init=/bin/tty-test",
         user=True, expect="poweroff", checks=["user"], send_markers=True,
         log=TTY_ECHO_LOG + [r"10010000.serial: ttySIF0 at MMIO 0x10010000 \(irq = 4, "
                             r"base_baud = 0\) is a SiFive UART v0"]),
    # The panic path without a test device: the runner reads it from the console.
    dict(name="sifive-u-crash-panic", machine="sifive_u", qemu=SIFIVE_U, append="crash=panic",
         expect="panic", panic="crash=panic", checks=[]),
    # virt without Sstc, as on the VisionFive's U74 cores: the tick comes from SBI
    # set_timer alone; spawn-test's sleeping child needs nanosleep to end.
    dict(name="virt-nosstc-spawn-test", qemu="-cpu rv64,sstc=false -m 256M -smp 2",
         append="init=/bin/spawn-test", user=True, expect="poweroff", checks=["user"],
         log=[r"Boot HART ISA Extensions\s*: time\n"]),
    dict(name="virt-nosstc-sched", qemu="-cpu rv64,sstc=false -m 256M -smp 2",
         append="selftest=sched", expect="poweroff", checks=["ktap", "harts"],
         log=[r"Boot HART ISA Extensions\s*: time\n"]),
]

# Swap under pressure (user/swap-thrash.c): 32 MiB of RAM, a 96 MiB swap disk, 2.5x RAM
# mapped (about 69 MiB), every word written, then checked in sequential and in random
# page order; on one hart a second pass rewrites half the pages, already in swap, and
# checks again. The final mm_report shows the traffic both ways and every slot free
# again. -smp 3, not 4, and one pass with several harts: on a host of 2 busy cores,
# vCPUs beyond its cores mostly wait for each other.
# The sequential pass reads back pages written out in order: with the default
# page-cluster (3) swap readahead reads their neighbours and faults find them
# (swap_ra, swap_ra_hit > 0). "nora" boots with sysctl/vm/page-cluster=0 (Linux takes
# '/' or '.'), after three sysctl words that must be refused in Linux's words (a value
# beyond page_cluster_max, no such file, a read-only one): no page is read ahead then.
SWAP_DISK = 96 << 20
SYSCTL_BAD = [r"Failed to set sysctl parameter 'sysctl\.vm\.page-cluster=32': invalid value",
              r"Failed to set sysctl parameter 'sysctl\.vm\.no_such=1': parameter not found",
              r"Failed to set sysctl parameter 'sysctl\.vm\.mmap_min_addr=0': "
              r"permission denied \(read-only\?\)"]
for name, opts, seed, passes, ra in (
        ("smp1", "-smp 1", 11, 2, True), ("smp3", "-smp 3", 12, 1, None),
        ("modern", "-smp 2" + MODERN, 13, 1, None),
        ("nora", "-smp 1", 14, 1, False)):
    SCENARIOS.append(dict(
        name="swap-thrash-" + name, qemu="-m 32M " + opts, user=True, timeout=240,
        disks=[dict(size=SWAP_DISK, mkswap=True)],
        append=("sysctl.vm.page-cluster=32 sysctl.vm.no_such=1 sysctl.vm.mmap_min_addr=0 "
                "sysctl/vm/page-cluster=0 " if ra is False else "") +
        "mm_report init=/bin/swap-thrash -- %d 0 %d" % (seed, passes),
        expect="poweroff", checks=["user", "swap_traffic", "swap_free", "diskstats"],
        readahead=ra, log=SYSCTL_BAD if ra is False else [],
        nolog=[r"Unknown kernel command line parameters.*sysctl"]))


# mlock under swap pressure (user/mlock-test.c): 1 MiB locked, then 48 MiB written on
# 32 MiB of RAM; the locked pages never leave (mincore), the others go to swap and back.
SCENARIOS.append(dict(
    name="swap-mlock", qemu="-m 32M -smp 1", user=True, timeout=240,
    disks=[dict(size=SWAP_DISK, mkswap=True)],
    append="mm_report init=/bin/mlock-test -- 48",
    expect="poweroff", checks=["user", "swap_traffic", "swap_free"]))


# mremap of 40 MiB written in 32 MiB of RAM: the swap entries move with the mapping,
# every word read back at the new address, then by a forked child.
SCENARIOS.append(dict(
    name="swap-mremap", qemu="-m 32M -smp 2", user=True, timeout=240,
    disks=[dict(size=SWAP_DISK, mkswap=True)],
    append="mm_report init=/bin/mremap-test -- swap 40",
    expect="poweroff", checks=["user", "swap_traffic", "swap_free"]))

# Copy on write under swap pressure (user/cow-thrash.c): a leader fills all of RAM
# (32 MiB) and forks 3 children while much of it is in swap; the four check every word
# and each rewrites a quarter of the pages, then check every word again; the leader
# exits first. Every slot and page back at the end. -smp 2: the four processes fault
# the same swap slots and contend for the swap, run-queue and page-wait locks, and
# vCPUs beyond a busy 2-core host's cores wait for preempted lock holders: the same
# run took 4 s at -smp 2, 76 to 200 s at -smp 3 and 160 s to over 200 s at -smp 4.
# With page-lock waiters hashed by page (mm/filemap.c) -smp 4 still made no visible
# progress in 240 s on a host at load 14 (12 MiB too): sampling the vCPUs' pc through
# QEMU's monitor put 97% of samples in reclaim's rmap walk (follow_pte() spinning on
# an mm's page_table_lock), not in the page-lock queues.
# The same four on 4 harts without pressure (16 MiB of 256 MiB), each rewriting half of
# the pages: copies made on every hart at once, the leader first to exit.
SCENARIOS.append(dict(
    name="user-cow-thrash-smp4", qemu="-m 256M -smp 4", user=True, timeout=120,
    append="init=/bin/cow-thrash -- 32 16 3 50", expect="poweroff", checks=["user"]))
SCENARIOS.append(dict(
    name="swap-cow-thrash", qemu="-m 32M -smp 2", user=True, timeout=240,
    disks=[dict(size=SWAP_DISK, mkswap=True)],
    append="mm_report init=/bin/cow-thrash -- 31 0 3 25",
    expect="poweroff", checks=["user", "swap_traffic", "swap_free"]))

# Migration racing with faults, fork, munmap and swap on 4 harts (user/compact-race.c):
# 3 workers check and rewrite every word, fork children that check their copy-on-write
# view and write their own, remap parts, while a compactor writes
# /proc/sys/vm/compact_memory; compact_isolated and pgmigrate_success must grow. Without
# swap (128 MiB of 256 MiB, 2 rounds) the compactor also sizes the hugetlb pool up and
# down; with swap (9/8 of 32 MiB, one round) pages go out and come back meanwhile. 4 vCPUs
# on 2 busy cores wait for each other (as for swap-cow-thrash): small sizes (9/8 of 48 MiB
# took 206 s of 400 on a loaded host).
SCENARIOS.append(dict(
    name="user-compact-race-smp4", qemu="-m 256M -smp 4", user=True, timeout=300,
    append="init=/bin/compact-race -- 2 128 3 2", expect="poweroff", checks=["user"]))
SCENARIOS.append(dict(
    name="swap-compact-race-smp4", qemu="-m 32M -smp 4", user=True, timeout=400,
    disks=[dict(size=SWAP_DISK, mkswap=True)],
    append="mm_report init=/bin/compact-race -- 1 0 3 1",
    expect="poweroff", checks=["user", "swap_traffic", "swap_free"]))

# Shared anonymous memory under swap pressure (user/shmem-swap.c): 48 MiB of
# MAP_SHARED|MAP_ANONYMOUS memory in 32 MiB of RAM, shared by a parent and its child,
# each writing half and checking every word of both; a hole punched by one, seen by the
# other. The shmem pages go to swap through the file's reverse map and come back for
# both; every slot and page back at the end.
SCENARIOS.append(dict(
    name="swap-shmem", qemu="-m 32M -smp 2", user=True, timeout=240,
    disks=[dict(size=SWAP_DISK, mkswap=True)],
    append="mm_report init=/bin/shmem-swap -- 41 0",
    expect="poweroff", checks=["user", "swap_traffic", "swap_free"]))

# Compaction on demand (user/compact-test.c): 7/8 of the free memory mapped and written,
# every other page given back, then echo 1 > /proc/sys/vm/compact_memory: /proc/buddyinfo
# gains order-9 blocks for at least half the memory given back, every word kept intact.
SCENARIOS.append(dict(
    name="user-compact-memory", qemu="-m 256M -smp 2", user=True, timeout=180,
    append="mm_report init=/bin/compact-test", expect="poweroff",
    checks=["user", "meminfo"]))


def swap_slots(event, slots):
    """blkdebug rules failing the I/O that covers each 4 KiB swap slot (sector N * 8)."""
    iotype = "write" if event == "write_aio" else "read"
    return [dict(event=event, iotype=iotype, errno=5, sector=n * 8) for n in slots]


# Slots the big mapping reaches, far above the first few hundred where init's own
# pages (reclaimed first, being the oldest) land: the error should hit the child.
READ_ERRORS = swap_slots("read_aio", [n + i for n in (3000, 6000, 9000, 12000) for i in range(4)])

SCENARIOS += [
    # Memory and swap exhausted: the OOM killer picks the hog with Linux's line; the
    # parent (init) lives on, gets every page and slot back, and can allocate again.
    dict(name="swap-oom", qemu="-m 64M -smp 2", user=True, timeout=240,
         disks=[dict(size=32 << 20, mkswap=True)],
         append="mm_report init=/bin/oom-test", expect="poweroff",
         checks=["user", "swap_free"],
         log=[r"Out of memory: Killed process \d+ \(oom-hog\) total-vm:\d+kB, anon-rss:\d+kB"]),
    # Failed swap writes leave the page resident and dirty: nothing is lost (1.5x RAM).
    dict(name="swap-write-error", qemu="-m 32M -smp 2", user=True, timeout=240,
         disks=[dict(size=SWAP_DISK, mkswap=True,
                     inject=swap_slots("write_aio", list(range(1, 17)) + [300, 301, 302, 303]))],
         append="mm_report init=/bin/swap-thrash -- 21 48 1", expect="poweroff",
         checks=["user", "swap_traffic"], log=[r"Write-error on swap-device"]),
    # A failed swap-in kills the process that needed the page with SIGBUS, and only it:
    # as init, 128 + SIGBUS; spawned by oom-test, the parent sees signal 7 and lives on.
    dict(name="swap-read-error", qemu="-m 64M -smp 2", user=True, timeout=240,
         disks=[dict(size=SWAP_DISK, mkswap=True, inject=READ_ERRORS)],
         append="init=/bin/swap-thrash -- 22 96 2", expect="failure", status=135,
         checks=["user"], log=[r"Read-error on swap-device"]),
    dict(name="swap-read-error-child", qemu="-m 64M -smp 2", user=True, timeout=240,
         disks=[dict(size=SWAP_DISK, mkswap=True, inject=READ_ERRORS)],
         append="mm_report init=/bin/oom-test -- /bin/swap-thrash 7 23 96 2",
         expect="poweroff", checks=["user", "swap_free"], log=[r"Read-error on swap-device"]),
]

# fork() with copy-on-write (user/fork-cow.c): the copy each side sees, every word, zero
# pages, shared memory, MADV_DONTFORK/WIPEONFORK, an orphaned grandchild, glibc's
# CLONE_CHILD_SETTID, and 40 rounds of fork and exit with every page back.
for name, opts in (("smp1", "-m 256M -smp 1"), ("smp3", "-m 256M -smp 3")):
    SCENARIOS.append(dict(
        name="user-fork-cow-" + name, qemu=opts, append="init=/bin/fork-cow", user=True,
        expect="poweroff", checks=["user"], timeout=120))

# Processes without limit (user/fork-limit.c): a parent vforks children that exit at
# once and never reaps them until clone fails: -EAGAIN at threads-max (2 * RLIMIT_NPROC),
# not the OOM killer; every child reaped, a second burst as big, every page back.
# At most 3 harts, as for swap: each freed stack costs a remote fence, which 4 vCPUs
# on a 2-core host answer slowly (55 s at -smp 4 on a busy host; 114 s at -smp 3 with
# three test and bench runs sharing the 2 cores).
# "fork": the same with fork() children, each a copy-on-write copy of the parent's mm.
for name, opts, args in (("smp1", "-m 256M -smp 1", ""), ("smp3", "-m 256M -smp 3", ""),
                         ("64M", "-m 64M -smp 2", ""), ("fork-64M", "-m 64M -smp 2", " -- fork")):
    SCENARIOS.append(dict(
        name="user-fork-limit-" + name, qemu=opts, append="init=/bin/fork-limit" + args,
        user=True, expect="poweroff", checks=["user"], timeout=240))

# A long fuzz run (user/syscall-fuzz.c --children): 1,000,000 random calls made by
# children of init, 25,000 each, with swap. A random MAP_POPULATE | MAP_NORESERVE
# mapping of 2 GiB fills RAM and swap: the OOM killer kills that child with Linux's
# line and init starts the next; every slot and page comes back at the end.
SCENARIOS.append(dict(
    name="user-syscall-fuzz-long", qemu="-m 64M -smp 2", user=True, timeout=400,
    disks=[dict(size=32 << 20, mkswap=True)],
    append="mm_report init=/bin/syscall-fuzz -- --children 1 1000000 25000",
    expect="poweroff", checks=["user", "swap_free"],
    log=[r"Out of memory: Killed process \d+ \(syscall-fuzz\) total-vm:\d+kB, anon-rss:\d+kB"]))

# Linux's own mm selftests (tools/testing/selftests/mm of Linux 6.12, built unchanged
# by `make mm-selftests`), each booted as init from build/mm-selftests.cpio, every TAP
# case counted. Only the programs with no failing case are here; the README's table
# says what each of the others needs that Loam lacks.
MM_SELFTESTS = [
    dict(prog="map_fixed_noreplace"),
    # 80% of free memory mlocked in 100 MB chunks, every other chunk unmapped, then half
    # of the free memory asked for as huge pages (/proc/sys/vm/nr_hugepages, after
    # compact_unevictable_allowed and, through popen() of sh, cat and grep, meminfo's
    # MemFree and Hugepagesize): at least a third must come.
    dict(prog="compaction_test"),
    # mremap: grow, shrink, move across PTE/PMD/PUD alignments, expand-and-merge seen in
    # /proc/self/maps (read again after rewind()), /proc/sys/vm/mmap_min_addr. Its 2 GB
    # cases map 2 GB privately (4 MB touched): OVERCOMMIT_GUESS allows it only if RAM
    # and swap hold 2 GB, on Linux as on Loam, hence 3 GiB of RAM.
    dict(prog="mremap_test", qemu="-m 3G -smp 2", timeout=120,
         xfails=[(r"^ok [123] # XFAIL mremap - (Source and Destination Regions Overlapping|"
                  r"Destination Address Misaligned|Source Address Misaligned)",
                  "the test expects mremap (or the source mmap) to refuse these arguments"
                  " with -EINVAL, and it does: kselftest reports that as XFAIL")]),
    # MREMAP_DONTUNMAP of private memory and of a memfd's shared mapping (the source keeps
    # seeing the object's pages), with MREMAP_FIXED, over part of a mapping.
    dict(prog="mremap_dontunmap"),
    # It maps 1 GiB chunks until the address space is full (255 under Sv39's 256 GiB, where
    # its hints above 2^47 find no room either, as on Linux riscv64 Sv39), then checks that
    # /proc/self/maps leaves no gap of 1 GiB, reading a byte of every chunk into "va_dump",
    # which it creates in its working directory, "/" (writable, as Linux's rootfs). Each
    # private 1 GiB chunk passes OVERCOMMIT_GUESS only with 1 GiB of RAM and swap, on Linux
    # as on Loam, hence 3 GiB of RAM.
    dict(prog="virtual_address_range", qemu="-m 3G -smp 2"),
    # MADV_POPULATE_READ/WRITE, checked through /proc/self/pagemap's present bits.
    dict(prog="madv_populate"),
    # Its smaps VmFlags have no "sd": no soft-dirty, as in Linux 6.12 on riscv64.
    dict(prog="soft-dirty", status=4,
         skips=[(r"^1\.\.0 # SKIP soft-dirty is not support$",
                 "no soft-dirty tracking (VmFlags without sd), as Linux 6.12 on riscv64,"
                 " which has no HAVE_ARCH_SOFT_DIRTY")]),
    # mlock2(MLOCK_ONFAULT), mlockall, munlockall, checked through smaps' Rss and the
    # "lo" VmFlag, and the VMA splits and merges in /proc/self/maps.
    dict(prog="mlock2-tests"),
    # It checks RLIMIT_MEMLOCK against mlockall(MCL_ONFAULT) as a normal user only.
    # MAP_DROPPABLE (Linux 6.11): 2 MiB written, then MADV_PAGEOUT must drop every page
    # (memchr finds no 'A' left); no swap needed, the pages are never swap-backed.
    dict(prog="droppable", qemu="-m 64M -smp 2"),
    # MAP_PRIVATE|MAP_POPULATE of a tmpfile() (O_TMPFILE in /tmp) in a forked child keeps
    # its copies while the parent writes the file through MAP_SHARED and msync(); the two
    # take turns over socketpair(AF_UNIX, SOCK_SEQPACKET).
    dict(prog="map_populate"),
    dict(prog="on-fault-limit",
         skips=[(r"^ok 1 # SKIP The test must be run from a normal user$",
                 "run as root (Loam's one user), which it skips on Linux too: root's"
                 " CAP_IPC_LOCK lifts RLIMIT_MEMLOCK")]),
    # prctl(PR_SET_MDWE/PR_GET_MDWE) and its refusals in mmap and mprotect, each case in a
    # forked child (the kselftest harness), inherited by a further fork unless NO_INHERIT.
    dict(prog="mdwe_test",
         skips=[(r"^ok \d+ mdwe\.\w+\.arm64_BTI # SKIP HWCAP2_BTI not supported$",
                 "arm64's branch target identification (PROT_BTI): the case skips on every"
                 " other architecture, Linux riscv64 too")]),
    # mseal of the program's read-only mappings, found by their name in /proc/self/maps.
    dict(prog="seal_elf"),
    # mseal's errors and every call a seal refuses; its two discard cases on a private
    # mapping of a memfd (memfd_create, fallocate) pass too.
    dict(prog="mseal_test", skips=[(r"^ok 8[78] # SKIP test_seal_discard_ro_anon_on_pkey",
                                    "x86 protection keys only (pkey_supported()), as on Linux riscv64")]),
    # process_mrelease of a child killed with SIGKILL, through a pidfd; the child sleeps
    # with clock_nanosleep until then. One hart: the killed child runs only after its
    # parent's process_mrelease, which reaps it at the first try. With two, the woken child
    # often gets through exit_mm() first (-ESRCH), and the test retries with twice the
    # memory each time, as on Linux, up to sizes 256 MiB of RAM cannot hold.
    dict(prog="mrelease_test", qemu="-m 256M -smp 1"),
    # A PTE must not become writable (nor dirty where that would let a store through)
    # in a VMA without VM_WRITE: a FOLL_FORCE write through /proc/self/mem into a
    # PROT_READ private page that maps the zero page breaks copy-on-write into a
    # read-only PTE, and a store there still gets SIGSEGV. Without THP its two other
    # cases skip as on a Linux without CONFIG_NUMA or CONFIG_USERFAULTFD.
    dict(prog="mkdirty",
         skips=[(r"^ok \d+ # SKIP mbind\(\) failed$",
                 "mbind (page migration between NUMA nodes): -ENOSYS, Loam has no NUMA"
                 " memory policy, as a Linux without CONFIG_NUMA"),
                (r"^ok \d+ # SKIP __NR_userfaultfd failed$",
                 "userfaultfd: -ENOSYS, as a Linux without CONFIG_USERFAULTFD")]),
    # Copy-on-write after fork() without leaks either way, also through vmsplice()'s
    # references to the pages (CVE-2020-29374), with each page resident and swapped out
    # by MADV_PAGEOUT (hence the swap disk); the shared zero page, memfd and tmpfile.
    dict(prog="cow", disks=[dict(size=SWAP_DISK, mkswap=True)],
         skips=[(r"^ok \d+ # SKIP gup_test not available$",
                 "no /sys/kernel/debug/gup_test: Loam has no debugfs, as a Linux without"
                 " CONFIG_GUP_TEST, where these R/O longterm pin cases skip the same way")]),
]
for t in MM_SELFTESTS:
    # A program that exits non-zero (KSFT_SKIP: 4) ends QEMU with the failure status.
    SCENARIOS.append(dict(
        name="mm-selftests-" + t["prog"], qemu=t.get("qemu", "-m 256M -smp 2"),
        append="init=/bin/" + t["prog"], user="mm-selftests.cpio",
        expect="failure" if t.get("status") else "poweroff", status=t.get("status", 0),
        checks=["kselftest"], skips=t.get("skips", []), xfails=t.get("xfails", []),
        **{k: t[k] for k in ("timeout", "disks") if k in t}))
