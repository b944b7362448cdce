"""A small flattened-device-tree reader (Devicetree spec v0.4, chapter 5).

The tests parse DTBs with this, independently of the kernel's libfdt, and
compare what the kernel reports against it.
"""
import struct

FDT_MAGIC = 0xD00DFEED
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.props = {}
        self.children = []

    def path(self):
        if self.parent is None:
            return "/"
        p = self.parent.path()
        return (p if p != "/" else "") + "/" + self.name

    def u32(self, prop, default=None):
        v = self.props.get(prop)
        return default if v is None else struct.unpack(">I", v[:4])[0]

    def string(self, prop):
        v = self.props.get(prop)
        return None if v is None else v.split(b"\0")[0].decode()

    def child(self, name):
        for c in self.children:
            if c.name == name or c.name.split("@")[0] == name:
                return c
        return None

    def cells(self, prop, sizes):
        """Split a property into tuples of numbers of the given cell counts."""
        raw = self.props.get(prop, b"")
        words = struct.unpack(">%dI" % (len(raw) // 4), raw)
        out, step = [], sum(sizes)
        for i in range(0, len(words) - step + 1, step):
            tup, j = [], i
            for n in sizes:
                v = 0
                for w in words[j:j + n]:
                    v = (v << 32) | w
                tup.append(v)
                j += n
            out.append(tuple(tup))
        return out

    def reg(self):
        """(base, size) pairs, using the parent's #address-cells/#size-cells."""
        ac = self.parent.u32("#address-cells", 2)
        sc = self.parent.u32("#size-cells", 1)
        return self.cells("reg", (ac, sc))

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


class FDT:
    def __init__(self, blob):
        (magic, self.totalsize, off_struct, off_strings, off_rsvmap, _version, _last,
         _boot_cpu, _size_strings, _size_struct) = struct.unpack(">10I", blob[:40])
        if magic != FDT_MAGIC:
            raise ValueError("bad FDT magic")
        self.memreserve = []
        off = off_rsvmap
        while True:
            base, size = struct.unpack(">QQ", blob[off:off + 16])
            off += 16
            if base == 0 and size == 0:
                break
            self.memreserve.append((base, size))
        self.root = self._parse(blob, off_struct, off_strings)

    @staticmethod
    def _parse(blob, off, strings):
        node, root = None, None
        while True:
            (tag,) = struct.unpack(">I", blob[off:off + 4])
            off += 4
            if tag == FDT_BEGIN_NODE:
                end = blob.index(b"\0", off)
                name = blob[off:end].decode()
                off = (end + 4) & ~3
                new = Node(name, node)
                if node is None:
                    root = new
                else:
                    node.children.append(new)
                node = new
            elif tag == FDT_END_NODE:
                node = node.parent
            elif tag == FDT_PROP:
                length, nameoff = struct.unpack(">II", blob[off:off + 8])
                off += 8
                pname = blob[strings + nameoff:blob.index(b"\0", strings + nameoff)].decode()
                node.props[pname] = blob[off:off + length]
                off = (off + length + 3) & ~3
            elif tag == FDT_NOP:
                continue
            elif tag == FDT_END:
                return root
            else:
                raise ValueError("bad FDT tag %d" % tag)

    @classmethod
    def load(cls, path):
        with open(path, "rb") as f:
            return cls(f.read())

    def memory(self):
        """[(base, size, nid)] of every available memory node, as in the DTB."""
        out = []
        for n in self.root.children:
            if n.string("device_type") != "memory":
                continue
            if n.string("status") not in (None, "okay", "ok"):
                continue
            nid = n.u32("numa-node-id", 0)
            out += [(b, s, nid) for b, s in n.reg() if s]
        return out

    def reserved_memory(self):
        """[(name, base, size, nomap)] of the static /reserved-memory children."""
        rm = self.root.child("reserved-memory")
        out = []
        for c in rm.children if rm else []:
            for b, s in c.reg():
                out.append((c.name, b, s, "no-map" in c.props))
        return out

    def cpus(self):
        """[(hartid, enabled, mmu_type)] of the /cpus children."""
        out = []
        for c in self.root.child("cpus").children:
            if c.string("device_type") != "cpu":
                continue
            out.append((c.u32("reg"), c.string("status") in (None, "okay", "ok"),
                        c.string("mmu-type")))
        return out
