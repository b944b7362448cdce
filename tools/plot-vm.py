#!/usr/bin/python3
"""Draw memory over time from vmsample's lines in a Loam console log (`make plot`).

Usage: tools/plot-vm.py CONSOLE_LOG OUT.png [TITLE]

user/vmsample prints, every interval, "@vm", "@zone" and "@buddy" lines
(documented there). This draws five panels sharing the time axis:

  1. each zone's free pages against its min, low and high watermarks: kswapd
     wakes when free pages fall below low and sleeps once they are above high;
     below min only allocations that may dip into the reserves succeed;
  2. reclaim's scanning rate, kswapd's and direct reclaim's (pages/s);
  3. swap traffic, pages swapped in and out per second;
  4. free blocks per order (buddyinfo, summed over the zones) as a heat map.

It prints one JSON line describing what it drew (samples, the pixel box of
each panel, the maxima), which the test suite checks against the PNG.
"""
import json
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as colors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

WIDTH_IN, HEIGHT_IN, DPI = 10, 12, 100
LINE_RE = re.compile(r"^(?:\[[^\]]*\] )?@(vm|zone|buddy|exit) (.*)$")


def parse(path):
    """The samples of a console log: vm counters, zones and buddy lists by time."""
    vm, zones, buddy = [], {}, {}
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE_RE.match(line.rstrip("\r\n"))
            if not m:
                continue
            kind, words = m.group(1), m.group(2).split()
            t = int(words[0]) / 1000.0
            if kind == "vm":
                vm.append([t] + [int(w) for w in words[1:7]])
            elif kind == "zone":
                name = "node %s %s" % (words[1], words[2])
                zones.setdefault(name, []).append([t] + [int(w) for w in words[3:7]])
            elif kind == "buddy":
                counts = [int(w) for w in words[3:]]
                row = buddy.setdefault(t, [0] * len(counts))
                buddy[t] = [a + b for a, b in zip(row, counts)]
    return vm, zones, buddy


def rates(vm, col):
    """Per-second differences of the running total in column @col."""
    ts, rs = [], []
    for a, b in zip(vm, vm[1:]):
        dt = b[0] - a[0]
        if dt > 0:
            ts.append(b[0])
            rs.append((b[col] - a[col]) / dt)
    return ts, rs


def draw_zones(ax, zones, zoom):
    """Free pages and the watermarks of each zone; @zoom cuts the scale near them."""
    top = 0
    for name, rows in sorted(zones.items()):
        t = [r[0] for r in rows]
        ax.plot(t, [r[1] for r in rows], label="%s free" % name, linewidth=1.5)
        for col, what, style in ((2, "min", ":"), (3, "low", "--"), (4, "high", "-.")):
            ax.plot(t, [r[col] for r in rows], style, linewidth=1, label="%s %s" % (name, what))
        top = max([top] + [r[4] for r in rows])
    if zoom and top:
        ax.set_ylim(0, 3 * top)
    ax.set_ylabel("pages" if not zoom else "pages (near\nthe watermarks)")
    ax.legend(fontsize="small", ncol=2, loc="upper right")


def draw_rates(ax, vm, series):
    for col, label in series:
        t, r = rates(vm, col)
        ax.plot(t, r, label=label)
    ax.set_ylabel("pages/s")
    ax.legend(fontsize="small", loc="upper right")


def draw_buddy(ax, buddy):
    """Free blocks per order over time; a colour bar at the panel's right."""
    times = sorted(buddy)
    orders = len(buddy[times[0]])
    grid = [[buddy[t][o] for t in times] for o in range(orders)]
    step = (times[-1] - times[0]) / max(len(times) - 1, 1)
    mesh = ax.pcolormesh(times + [times[-1] + step], list(range(orders + 1)), grid,
                         shading="flat", cmap="viridis",
                         norm=colors.SymLogNorm(linthresh=1, base=10))
    ax.set_yticks([o + 0.5 for o in range(orders)], [str(o) for o in range(orders)],
                  fontsize="small")
    ax.set_ylabel("order")
    ax.set_xlabel("time (s)")
    bar = ax.inset_axes([1.01, 0, 0.015, 1])
    ax.figure.colorbar(mesh, cax=bar, label="free blocks")


def draw(vm, zones, buddy, title):
    fig, axes = plt.subplots(5, 1, sharex=True, figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI,
                             gridspec_kw={"height_ratios": [2, 2, 2, 2, 2]})
    draw_zones(axes[0], zones, False)
    axes[0].set_title(title)
    draw_zones(axes[1], zones, True)
    draw_rates(axes[2], vm, ((1, "kswapd scanned"), (2, "direct reclaim scanned")))
    draw_rates(axes[3], vm, ((6, "pswpout"), (5, "pswpin")))
    draw_buddy(axes[4], buddy)
    return fig, axes


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    vm, zones, buddy = parse(sys.argv[1])
    if not vm or not zones or not buddy:
        sys.exit("plot-vm: no vmsample lines in %s" % sys.argv[1])
    title = sys.argv[3] if len(sys.argv) > 3 else "Loam: memory over time"
    fig, axes = draw(vm, zones, buddy, title)
    fig.savefig(sys.argv[2], dpi=DPI)
    height = fig.get_size_inches()[1] * DPI
    boxes = []
    for ax in axes:
        b = ax.get_window_extent()
        # Figure pixels count from the bottom; the PNG's rows from the top.
        boxes.append([int(b.x0), int(height - b.y1), int(b.x1), int(height - b.y0)])
    print(json.dumps({
        "samples": len(vm), "zones": sorted(zones), "panels": boxes,
        "width": int(WIDTH_IN * DPI), "height": int(HEIGHT_IN * DPI),
        "max_pswpout": max(rates(vm, 6)[1] or [0]), "max_pswpin": max(rates(vm, 5)[1] or [0]),
        "max_kswapd_scan": max(rates(vm, 1)[1] or [0]),
    }))


if __name__ == "__main__":
    main()
