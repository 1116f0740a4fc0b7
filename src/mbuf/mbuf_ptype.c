/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_ptype.c: names of packet types (rte_mbuf_ptype.h).
 *
 * One table of 16 names per 4-bit field, indexed by the field's value;
 * NULL entries are values without a name, printed as the field's
 * UNKNOWN name. The names are DPDK 22.11's.
 *
 * Pure functions of constant tables: safe from any thread.
 */
#include <stdio.h>

#include <rte_common.h>
#include <rte_mbuf_ptype.h>

#include "internal/rtmem_export.h"

struct ptype_field {
	uint32_t mask;
	unsigned int shift;
	const char *unknown;
	const char *names[16];
};

static const struct ptype_field l2 = {
	RTE_PTYPE_L2_MASK, 0, "L2_UNKNOWN", {
		[0x1] = "L2_ETHER", [0x2] = "L2_ETHER_TIMESYNC",
		[0x3] = "L2_ETHER_ARP", [0x4] = "L2_ETHER_LLDP",
		[0x5] = "L2_ETHER_NSH", [0x6] = "L2_ETHER_VLAN",
		[0x7] = "L2_ETHER_QINQ", [0x8] = "L2_ETHER_PPPOE",
		[0x9] = "L2_ETHER_FCOE", [0xa] = "L2_ETHER_MPLS",
	}
};

static const struct ptype_field l3 = {
	RTE_PTYPE_L3_MASK, 4, "L3_UNKNOWN", {
		[0x1] = "L3_IPV4", [0x3] = "L3_IPV4_EXT",
		[0x4] = "L3_IPV6", [0x9] = "L3_IPV4_EXT_UNKNOWN",
		[0xc] = "L3_IPV6_EXT", [0xe] = "L3_IPV6_EXT_UNKNOWN",
	}
};

static const struct ptype_field l4 = {
	RTE_PTYPE_L4_MASK, 8, "L4_UNKNOWN", {
		[0x1] = "L4_TCP", [0x2] = "L4_UDP", [0x3] = "L4_FRAG",
		[0x4] = "L4_SCTP", [0x5] = "L4_ICMP", [0x6] = "L4_NONFRAG",
		[0x7] = "L4_IGMP",
	}
};

static const struct ptype_field tunnel = {
	RTE_PTYPE_TUNNEL_MASK, 12, "TUNNEL_UNKNOWN", {
		[0x1] = "TUNNEL_IP", [0x2] = "TUNNEL_GRE",
		[0x3] = "TUNNEL_VXLAN", [0x4] = "TUNNEL_NVGRE",
		[0x5] = "TUNNEL_GENEVE", [0x6] = "TUNNEL_GRENAT",
		[0x7] = "TUNNEL_GTPC", [0x8] = "TUNNEL_GTPU",
		[0x9] = "TUNNEL_ESP", [0xa] = "TUNNEL_L2TP",
		[0xb] = "TUNNEL_VXLAN_GPE", [0xc] = "TUNNEL_MPLS_IN_GRE",
		[0xd] = "TUNNEL_MPLS_IN_UDP",
	}
};

static const struct ptype_field inner_l2 = {
	RTE_PTYPE_INNER_L2_MASK, 16, "INNER_L2_UNKNOWN", {
		[0x1] = "INNER_L2_ETHER", [0x2] = "INNER_L2_ETHER_VLAN",
		[0x3] = "INNER_L2_ETHER_QINQ",
	}
};

static const struct ptype_field inner_l3 = {
	RTE_PTYPE_INNER_L3_MASK, 20, "INNER_L3_UNKNOWN", {
		[0x1] = "INNER_L3_IPV4", [0x2] = "INNER_L3_IPV4_EXT",
		[0x3] = "INNER_L3_IPV6", [0x4] = "INNER_L3_IPV4_EXT_UNKNOWN",
		[0x5] = "INNER_L3_IPV6_EXT",
		[0x6] = "INNER_L3_IPV6_EXT_UNKNOWN",
	}
};

static const struct ptype_field inner_l4 = {
	RTE_PTYPE_INNER_L4_MASK, 24, "INNER_L4_UNKNOWN", {
		[0x1] = "INNER_L4_TCP", [0x2] = "INNER_L4_UDP",
		[0x3] = "INNER_L4_FRAG", [0x4] = "INNER_L4_SCTP",
		[0x5] = "INNER_L4_ICMP", [0x6] = "INNER_L4_NONFRAG",
	}
};

/* The fields in the order rte_get_ptype_name() prints them. */
static const struct ptype_field *const fields[] = {
	&l2, &l3, &l4, &tunnel, &inner_l2, &inner_l3, &inner_l4,
};

static const char *
field_name(const struct ptype_field *f, uint32_t ptype)
{
	const char *name = f->names[(ptype & f->mask) >> f->shift];

	return name != NULL ? name : f->unknown;
}

RTMEM_EXPORT const char *
rte_get_ptype_l2_name(uint32_t ptype)
{
	return field_name(&l2, ptype);
}

RTMEM_EXPORT const char *
rte_get_ptype_l3_name(uint32_t ptype)
{
	return field_name(&l3, ptype);
}

RTMEM_EXPORT const char *
rte_get_ptype_l4_name(uint32_t ptype)
{
	return field_name(&l4, ptype);
}

RTMEM_EXPORT const char *
rte_get_ptype_tunnel_name(uint32_t ptype)
{
	return field_name(&tunnel, ptype);
}

RTMEM_EXPORT const char *
rte_get_ptype_inner_l2_name(uint32_t ptype)
{
	return field_name(&inner_l2, ptype);
}

RTMEM_EXPORT const char *
rte_get_ptype_inner_l3_name(uint32_t ptype)
{
	return field_name(&inner_l3, ptype);
}

RTMEM_EXPORT const char *
rte_get_ptype_inner_l4_name(uint32_t ptype)
{
	return field_name(&inner_l4, ptype);
}

RTMEM_EXPORT int
rte_get_ptype_name(uint32_t ptype, char *buf, size_t buflen)
{
	int w;

	if (buf == NULL || buflen == 0)
		return -1;
	buf[0] = '\0';
	if ((ptype & RTE_PTYPE_ALL_MASK) == RTE_PTYPE_UNKNOWN) {
		w = snprintf(buf, buflen, "UNKNOWN");
		return (w < 0 || (size_t)w >= buflen) ? -1 : 0;
	}
	for (size_t i = 0; i < RTE_DIM(fields); i++) {
		if ((ptype & fields[i]->mask) == 0)
			continue;
		w = snprintf(buf, buflen, "%s ", field_name(fields[i], ptype));
		if (w < 0 || (size_t)w >= buflen)
			return -1; /* cut at buflen - 1 characters */
		buf += w;
		buflen -= (size_t)w;
	}
	return 0;
}
