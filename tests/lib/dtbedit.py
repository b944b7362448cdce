"""Edits applied to a QEMU-dumped DTB for the scenarios that boot with -dtb.

Each function takes the DTS text (from `dtc -I dtb -O dts`) and returns the
edited text; tests/run compiles it back with dtc. OpenSBI still adds its own
/reserved-memory/mmode_resv0 node to whatever DTB QEMU passes on.
"""
import re


def _memreserve(dts, entries):
    lines = "".join("/memreserve/ 0x%x 0x%x;\n" % e for e in entries)
    return dts.replace("/dts-v1/;\n", "/dts-v1/;\n" + lines, 1)


def add_root_node(dts, text):
    """Append a node to the root node (nodes must follow properties)."""
    end = dts.rindex("};")
    return dts[:end] + text + dts[end:]


# Regions added by extra_reserved (1 GiB machine, RAM at 0x80000000).
EXTRA_MEMRESERVE = [(0x90000000, 0x10000), (0x9a000000, 0x3000)]
EXTRA_RESERVED_MEMORY = """\
	reserved-memory {
		#address-cells = <0x02>;
		#size-cells = <0x02>;
		ranges;
		blob@88000000 {
			reg = <0x00 0x88000000 0x00 0x100000>;
		};
		firmware@89000000 {
			reg = <0x00 0x89000000 0x00 0x200000>;
			no-map;
		};
		pool {
			size = <0x00 0x400000>;
			alignment = <0x00 0x200000>;
		};
	};
"""


def extra_reserved(dts):
    dts = _memreserve(dts, EXTRA_MEMRESERVE)
    return add_root_node(dts, EXTRA_RESERVED_MEMORY)


# 300 separate reservations: more than memblock's 128 static slots.
MANY_RESERVED = [(0x90000000 + i * 0x20000, 0x1000) for i in range(300)]


def many_reserved(dts):
    return _memreserve(dts, MANY_RESERVED)


def zero_memory(dts):
    """Every memory node's reg size set to 0."""
    def zero(m):
        cells = m.group(2).split()
        cells[2:] = ["0x00"] * (len(cells) - 2)
        return m.group(1) + " ".join(cells) + ">;"

    return re.sub(r"(memory@[0-9a-f]+ \{[^}]*?reg = <)([^>]*)>;", zero, dts)


def all_reserved(dts):
    """One /memreserve/ entry covering every byte of the memory nodes."""
    entries = []
    for m in re.finditer(r"memory@[0-9a-f]+ \{[^}]*?reg = <([^>]*)>;", dts):
        c = [int(x, 16) for x in m.group(1).split()]
        entries.append(((c[0] << 32) | c[1], (c[2] << 32) | c[3]))
    return _memreserve(dts, entries)


PHANTOM_HART = """\
		cpu@7 {
			device_type = "cpu";
			reg = <0x07>;
			status = "okay";
			compatible = "riscv";
			riscv,isa = "rv64imafdc";
			mmu-type = "riscv,sv48";
		};
"""


def phantom_hart(dts):
    """A usable-looking hart 7 that the machine does not have."""
    return re.sub(r"(\n\tcpus \{\n(?:\t\t[^\t\n][^\n]*\n)*)", lambda m: m.group(1) + PHANTOM_HART,
                  dts, count=1)


THREE_NODE_MEMORY = """\
	memory@80000000 {
		device_type = "memory";
		reg = <0x00 0x80000000 0x00 0x40000000>;
		numa-node-id = <0x00>;
	};
	memory@c0000000 {
		device_type = "memory";
		reg = <0x00 0xc0000000 0x00 0x40000000>;
		numa-node-id = <0x01>;
	};
	memory@100000000 {
		device_type = "memory";
		reg = <0x01 0x00 0x00 0x40000000>;
		numa-node-id = <0x02>;
	};
	distance-map {
		compatible = "numa-distance-map-v1";
		distance-matrix = <0 0 10 0 1 40 0 2 20 1 0 40 1 1 10 1 2 25 2 0 20 2 1 25 2 2 10>;
	};
"""


def three_nodes(dts):
    """A 3 GiB machine's memory split into three NUMA nodes of 1 GiB, with a
    distance map (QEMU 7.2's virt machine cannot have more than 2 sockets)."""
    dts = re.sub(r"\tmemory@[0-9a-f]+ \{[^}]*\};\n", "", dts)
    return add_root_node(dts, THREE_NODE_MEMORY)


def dw_apb_uart(dts):
    """The console UART as a Synopsys DesignWare APB UART (the VisionFive's compatible),
    still byte-wide registers one byte apart, as QEMU's 16550 has them."""
    return dts.replace('compatible = "ns16550a";',
                       'compatible = "snps,dw-apb-uart";\n\t\t\treg-shift = <0x00>;\n'
                       '\t\t\treg-io-width = <0x01>;', 1)


def unknown_uart(dts):
    """stdout-path names a UART no driver knows: the SBI console stays. (OpenSBI, finding
    no driver for it either, takes the first UART it knows: the 16550 stays its console.)"""
    dts = dts.replace('stdout-path = "/soc/serial@10000000";', 'stdout-path = "/acme-uart";', 1)
    return add_root_node(dts, '\tacme-uart {\n\t\tcompatible = "acme,uart";\n\t};\n')
