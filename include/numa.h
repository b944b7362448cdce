/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LOAM_NUMA_H
#define LOAM_NUMA_H

/* Up to 8 nodes: QEMU's virt machine accepts at most 8 sockets. */
#define NODES_SHIFT 3
#define MAX_NUMNODES (1 << NODES_SHIFT)
#define NUMA_NO_NODE (-1)

/* Distance of a node to itself and to others when the DTB has no map. */
#define LOCAL_DISTANCE 10
#define REMOTE_DISTANCE 20

#endif
