/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_ol_flags.c: names of the RX and TX offload flags (rte_mbuf.h).
 *
 * Each table lists, in the order the list functions print them, either
 * single flags (mask == value) or the values of a multi-bit field (mask
 * is the field, value one setting of it, 0 included). A name function
 * returns the entry whose non-zero value equals its argument; a list
 * function prints every entry whose field, masked out of the flags,
 * equals its value, so each field prints exactly one name (its UNKNOWN
 * or NO_CKSUM name when 0) unless the field's value has no entry. The
 * tables and their order reproduce DPDK 22.11's output, including that
 * it has no name for RTE_MBUF_F_TX_TUNNEL_ESP.
 *
 * Pure functions of constant tables: safe from any thread.
 */
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_mbuf.h>

#include "internal/rtmem_export.h"

struct ol_flag_name {
	uint64_t mask;  /* the flag, or the field */
	uint64_t value; /* the flag, or one value of the field */
	const char *name;
};

#define FLAG(f) { f, f, #f }
#define FIELD(mask, v) { mask, v, #v }

static const struct ol_flag_name rx_flags[] = {
	FLAG(RTE_MBUF_F_RX_VLAN),
	FLAG(RTE_MBUF_F_RX_RSS_HASH),
	FLAG(RTE_MBUF_F_RX_FDIR),
	FIELD(RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_BAD),
	FIELD(RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_GOOD),
	FIELD(RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_NONE),
	FIELD(RTE_MBUF_F_RX_L4_CKSUM_MASK, RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN),
	FIELD(RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_BAD),
	FIELD(RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_GOOD),
	FIELD(RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_NONE),
	FIELD(RTE_MBUF_F_RX_IP_CKSUM_MASK, RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN),
	FLAG(RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
	FLAG(RTE_MBUF_F_RX_VLAN_STRIPPED),
	FLAG(RTE_MBUF_F_RX_IEEE1588_PTP),
	FLAG(RTE_MBUF_F_RX_IEEE1588_TMST),
	FLAG(RTE_MBUF_F_RX_FDIR_ID),
	FLAG(RTE_MBUF_F_RX_FDIR_FLX),
	FLAG(RTE_MBUF_F_RX_QINQ_STRIPPED),
	FLAG(RTE_MBUF_F_RX_LRO),
	FLAG(RTE_MBUF_F_RX_SEC_OFFLOAD),
	FLAG(RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED),
	FLAG(RTE_MBUF_F_RX_QINQ),
	FIELD(RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK,
	      RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD),
	FIELD(RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK,
	      RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD),
	FIELD(RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK,
	      RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID),
	FIELD(RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK,
	      RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN),
};

static const struct ol_flag_name tx_flags[] = {
	FLAG(RTE_MBUF_F_TX_VLAN),
	FLAG(RTE_MBUF_F_TX_IP_CKSUM),
	FIELD(RTE_MBUF_F_TX_L4_MASK, RTE_MBUF_F_TX_TCP_CKSUM),
	FIELD(RTE_MBUF_F_TX_L4_MASK, RTE_MBUF_F_TX_SCTP_CKSUM),
	FIELD(RTE_MBUF_F_TX_L4_MASK, RTE_MBUF_F_TX_UDP_CKSUM),
	FIELD(RTE_MBUF_F_TX_L4_MASK, RTE_MBUF_F_TX_L4_NO_CKSUM),
	FLAG(RTE_MBUF_F_TX_IEEE1588_TMST),
	FLAG(RTE_MBUF_F_TX_TCP_SEG),
	FLAG(RTE_MBUF_F_TX_IPV4),
	FLAG(RTE_MBUF_F_TX_IPV6),
	FLAG(RTE_MBUF_F_TX_OUTER_IP_CKSUM),
	FLAG(RTE_MBUF_F_TX_OUTER_IPV4),
	FLAG(RTE_MBUF_F_TX_OUTER_IPV6),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_VXLAN),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_GRE),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_IPIP),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_GENEVE),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_MPLSINUDP),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_GTP),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_IP),
	FIELD(RTE_MBUF_F_TX_TUNNEL_MASK, RTE_MBUF_F_TX_TUNNEL_UDP),
	FLAG(RTE_MBUF_F_TX_QINQ),
	FLAG(RTE_MBUF_F_TX_MACSEC),
	FLAG(RTE_MBUF_F_TX_SEC_OFFLOAD),
	FLAG(RTE_MBUF_F_TX_UDP_SEG),
	FLAG(RTE_MBUF_F_TX_OUTER_UDP_CKSUM),
};

static const char *
flag_name(const struct ol_flag_name *t, size_t n, uint64_t mask)
{
	if (mask == 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (t[i].value == mask)
			return t[i].name;
	return NULL;
}

static int
flag_list(const struct ol_flag_name *t, size_t n, uint64_t mask, char *buf,
	  size_t buflen)
{
	if (buf == NULL || buflen == 0)
		return -1;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int w;

		if ((mask & t[i].mask) != t[i].value)
			continue;
		w = snprintf(buf, buflen, "%s ", t[i].name);
		if (w < 0 || (size_t)w >= buflen)
			return -1; /* cut at buflen - 1 characters */
		buf += w;
		buflen -= (size_t)w;
	}
	return 0;
}

RTMEM_EXPORT const char *
rte_get_rx_ol_flag_name(uint64_t mask)
{
	return flag_name(rx_flags, RTE_DIM(rx_flags), mask);
}

RTMEM_EXPORT int
rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return flag_list(rx_flags, RTE_DIM(rx_flags), mask, buf, buflen);
}

RTMEM_EXPORT const char *
rte_get_tx_ol_flag_name(uint64_t mask)
{
	return flag_name(tx_flags, RTE_DIM(tx_flags), mask);
}

RTMEM_EXPORT int
rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return flag_list(tx_flags, RTE_DIM(tx_flags), mask, buf, buflen);
}
