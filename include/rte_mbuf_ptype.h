/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Packet types: what a driver or a parser found in a packet, kept in
 * m->packet_type as seven 4-bit fields, each an enumeration (not flags):
 *
 *   bits  0..3   L2 (outer L2 of a tunnel)      RTE_PTYPE_L2_*
 *   bits  4..7   L3 (outer L3)                  RTE_PTYPE_L3_*
 *   bits  8..11  L4 (outer L4)                  RTE_PTYPE_L4_*
 *   bits 12..15  tunnel                         RTE_PTYPE_TUNNEL_*
 *   bits 16..19  inner L2                       RTE_PTYPE_INNER_L2_*
 *   bits 20..23  inner L3                       RTE_PTYPE_INNER_L3_*
 *   bits 24..27  inner L4                       RTE_PTYPE_INNER_L4_*
 *   bits 28..31  reserved
 *
 * 0 in a field means unknown. The L3 values are chosen so that one bit
 * test tells IPv4 from IPv6 (RTE_ETH_IS_IPV4_HDR(), RTE_ETH_IS_IPV6_HDR()).
 * Values and names are DPDK 22.11's.
 *
 * The name functions are pure and safe from any thread.
 */
#ifndef _RTE_MBUF_PTYPE_H_
#define _RTE_MBUF_PTYPE_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Nothing known about the packet. */
#define RTE_PTYPE_UNKNOWN                   0x00000000

/** L2: Ethernet. */
#define RTE_PTYPE_L2_ETHER                  0x00000001
/** L2: Ethernet carrying IEEE 1588 (PTP). */
#define RTE_PTYPE_L2_ETHER_TIMESYNC         0x00000002
/** L2: Ethernet carrying ARP. */
#define RTE_PTYPE_L2_ETHER_ARP              0x00000003
/** L2: Ethernet carrying LLDP. */
#define RTE_PTYPE_L2_ETHER_LLDP             0x00000004
/** L2: Ethernet carrying NSH. */
#define RTE_PTYPE_L2_ETHER_NSH              0x00000005
/** L2: Ethernet with one VLAN tag. */
#define RTE_PTYPE_L2_ETHER_VLAN             0x00000006
/** L2: Ethernet with two VLAN tags (QinQ). */
#define RTE_PTYPE_L2_ETHER_QINQ             0x00000007
/** L2: Ethernet carrying PPPoE. */
#define RTE_PTYPE_L2_ETHER_PPPOE            0x00000008
/** L2: Ethernet carrying FCoE. */
#define RTE_PTYPE_L2_ETHER_FCOE             0x00000009
/** L2: Ethernet carrying MPLS. */
#define RTE_PTYPE_L2_ETHER_MPLS             0x0000000a
/** The L2 field. */
#define RTE_PTYPE_L2_MASK                   0x0000000f

/** L3: IPv4 without options. */
#define RTE_PTYPE_L3_IPV4                   0x00000010
/** L3: IPv4 with options. */
#define RTE_PTYPE_L3_IPV4_EXT               0x00000030
/** L3: IPv6 without extension headers. */
#define RTE_PTYPE_L3_IPV6                   0x00000040
/** L3: IPv4, options not known. */
#define RTE_PTYPE_L3_IPV4_EXT_UNKNOWN       0x00000090
/** L3: IPv6 with extension headers. */
#define RTE_PTYPE_L3_IPV6_EXT               0x000000c0
/** L3: IPv6, extension headers not known. */
#define RTE_PTYPE_L3_IPV6_EXT_UNKNOWN       0x000000e0
/** The L3 field. */
#define RTE_PTYPE_L3_MASK                   0x000000f0

/** L4: TCP. */
#define RTE_PTYPE_L4_TCP                    0x00000100
/** L4: UDP. */
#define RTE_PTYPE_L4_UDP                    0x00000200
/** L4: an IP fragment. */
#define RTE_PTYPE_L4_FRAG                   0x00000300
/** L4: SCTP. */
#define RTE_PTYPE_L4_SCTP                   0x00000400
/** L4: ICMP. */
#define RTE_PTYPE_L4_ICMP                   0x00000500
/** L4: none of the other L4 types, and not a fragment. */
#define RTE_PTYPE_L4_NONFRAG                0x00000600
/** L4: IGMP. */
#define RTE_PTYPE_L4_IGMP                   0x00000700
/** The L4 field. */
#define RTE_PTYPE_L4_MASK                   0x00000f00

/** Tunnel: IP in IP. */
#define RTE_PTYPE_TUNNEL_IP                 0x00001000
/** Tunnel: GRE. */
#define RTE_PTYPE_TUNNEL_GRE                0x00002000
/** Tunnel: VXLAN. */
#define RTE_PTYPE_TUNNEL_VXLAN              0x00003000
/** Tunnel: NVGRE. */
#define RTE_PTYPE_TUNNEL_NVGRE              0x00004000
/** Tunnel: GENEVE. */
#define RTE_PTYPE_TUNNEL_GENEVE             0x00005000
/** Tunnel: Teredo, VXLAN or GRE carrying Ethernet (NAT-friendly). */
#define RTE_PTYPE_TUNNEL_GRENAT             0x00006000
/** Tunnel: GTP control. */
#define RTE_PTYPE_TUNNEL_GTPC               0x00007000
/** Tunnel: GTP user data. */
#define RTE_PTYPE_TUNNEL_GTPU               0x00008000
/** Tunnel: IPsec ESP. */
#define RTE_PTYPE_TUNNEL_ESP                0x00009000
/** Tunnel: L2TP. */
#define RTE_PTYPE_TUNNEL_L2TP               0x0000a000
/** Tunnel: VXLAN-GPE. */
#define RTE_PTYPE_TUNNEL_VXLAN_GPE          0x0000b000
/** Tunnel: MPLS in GRE. */
#define RTE_PTYPE_TUNNEL_MPLS_IN_GRE        0x0000c000
/** Tunnel: MPLS in UDP. */
#define RTE_PTYPE_TUNNEL_MPLS_IN_UDP        0x0000d000
/** The tunnel field. */
#define RTE_PTYPE_TUNNEL_MASK               0x0000f000

/** Inner L2: Ethernet. */
#define RTE_PTYPE_INNER_L2_ETHER            0x00010000
/** Inner L2: Ethernet with one VLAN tag. */
#define RTE_PTYPE_INNER_L2_ETHER_VLAN       0x00020000
/** Inner L2: Ethernet with two VLAN tags. */
#define RTE_PTYPE_INNER_L2_ETHER_QINQ       0x00030000
/** The inner L2 field. */
#define RTE_PTYPE_INNER_L2_MASK             0x000f0000

/** Inner L3: IPv4 without options. */
#define RTE_PTYPE_INNER_L3_IPV4             0x00100000
/** Inner L3: IPv4 with options. */
#define RTE_PTYPE_INNER_L3_IPV4_EXT         0x00200000
/** Inner L3: IPv6 without extension headers. */
#define RTE_PTYPE_INNER_L3_IPV6             0x00300000
/** Inner L3: IPv4, options not known. */
#define RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN 0x00400000
/** Inner L3: IPv6 with extension headers. */
#define RTE_PTYPE_INNER_L3_IPV6_EXT         0x00500000
/** Inner L3: IPv6, extension headers not known. */
#define RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN 0x00600000
/** The inner L3 field. */
#define RTE_PTYPE_INNER_L3_MASK             0x00f00000

/** Inner L4: TCP. */
#define RTE_PTYPE_INNER_L4_TCP              0x01000000
/** Inner L4: UDP. */
#define RTE_PTYPE_INNER_L4_UDP              0x02000000
/** Inner L4: an IP fragment. */
#define RTE_PTYPE_INNER_L4_FRAG             0x03000000
/** Inner L4: SCTP. */
#define RTE_PTYPE_INNER_L4_SCTP             0x04000000
/** Inner L4: ICMP. */
#define RTE_PTYPE_INNER_L4_ICMP             0x05000000
/** Inner L4: none of the others, and not a fragment. */
#define RTE_PTYPE_INNER_L4_NONFRAG          0x06000000
/** The inner L4 field. */
#define RTE_PTYPE_INNER_L4_MASK             0x0f000000

/** All seven fields. */
#define RTE_PTYPE_ALL_MASK                  0x0fffffff

/** Non-zero when the (outer) L3 type is one of the IPv4 types. */
#define RTE_ETH_IS_IPV4_HDR(ptype) ((ptype) & RTE_PTYPE_L3_IPV4)

/** Non-zero when the (outer) L3 type is one of the IPv6 types. */
#define RTE_ETH_IS_IPV6_HDR(ptype) ((ptype) & RTE_PTYPE_L3_IPV6)

/** Non-zero when the packet type has a tunnel or inner layer. */
#define RTE_ETH_IS_TUNNEL_PKT(ptype) ((ptype) &            \
	(RTE_PTYPE_TUNNEL_MASK | RTE_PTYPE_INNER_L2_MASK |  \
	 RTE_PTYPE_INNER_L3_MASK | RTE_PTYPE_INNER_L4_MASK))

/**
 * Name of the L2 type of a packet type, e.g. "L2_ETHER".
 *
 * @param ptype
 *   A packet type (the other fields are ignored).
 * @return
 *   A static string; "L2_UNKNOWN" for 0 and for values without a name.
 */
const char *rte_get_ptype_l2_name(uint32_t ptype);

/**
 * Name of the L3 type of a packet type, e.g. "L3_IPV4".
 *
 * @param ptype
 *   A packet type (the other fields are ignored).
 * @return
 *   A static string; "L3_UNKNOWN" for 0 and for values without a name.
 */
const char *rte_get_ptype_l3_name(uint32_t ptype);

/**
 * Name of the L4 type of a packet type, e.g. "L4_TCP".
 *
 * @param ptype
 *   A packet type (the other fields are ignored).
 * @return
 *   A static string; "L4_UNKNOWN" for 0 and for values without a name.
 */
const char *rte_get_ptype_l4_name(uint32_t ptype);

/**
 * Name of the tunnel type of a packet type, e.g. "TUNNEL_VXLAN".
 *
 * @param ptype
 *   A packet type (the other fields are ignored).
 * @return
 *   A static string; "TUNNEL_UNKNOWN" for 0 and for values without a
 *   name.
 */
const char *rte_get_ptype_tunnel_name(uint32_t ptype);

/**
 * Name of the inner L2 type of a packet type, e.g. "INNER_L2_ETHER".
 *
 * @param ptype
 *   A packet type (the other fields are ignored).
 * @return
 *   A static string; "INNER_L2_UNKNOWN" for 0 and for values without a
 *   name.
 */
const char *rte_get_ptype_inner_l2_name(uint32_t ptype);

/**
 * Name of the inner L3 type of a packet type, e.g. "INNER_L3_IPV6".
 *
 * @param ptype
 *   A packet type (the other fields are ignored).
 * @return
 *   A static string; "INNER_L3_UNKNOWN" for 0 and for values without a
 *   name.
 */
const char *rte_get_ptype_inner_l3_name(uint32_t ptype);

/**
 * Name of the inner L4 type of a packet type, e.g. "INNER_L4_UDP".
 *
 * @param ptype
 *   A packet type (the other fields are ignored).
 * @return
 *   A static string; "INNER_L4_UNKNOWN" for 0 and for values without a
 *   name.
 */
const char *rte_get_ptype_inner_l4_name(uint32_t ptype);

/**
 * Writes the names of the non-zero fields of a packet type, each
 * followed by a space ("L2_ETHER L3_IPV4 L4_TCP "), or "UNKNOWN" when
 * all seven fields are 0.
 *
 * @param ptype
 *   A packet type.
 * @param buf
 *   Where to write the NUL-terminated text.
 * @param buflen
 *   Size of buf.
 * @return
 *   0, or -1 when buf is NULL, buflen is 0 or the text does not fit
 *   (buf then holds its first buflen - 1 characters).
 */
int rte_get_ptype_name(uint32_t ptype, char *buf, size_t buflen);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_PTYPE_H_ */
