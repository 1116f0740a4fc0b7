/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The packet buffer structure (struct rte_mbuf), its offload flags and
 * the constants and macros that need nothing but the structure.
 * Applications include rte_mbuf.h, which includes this file.
 *
 * Layout. struct rte_mbuf is two 64-byte cache lines, field for field at
 * the offsets of DPDK 22.11 on x86-64 (checked at compile time in
 * src/mbuf/rte_mbuf.c): the first line holds what the receive path
 * writes (buffer address, the 8-byte "rearm" word data_off/refcnt/
 * nb_segs/port, offload flags, packet type, lengths, hash, pool), the
 * second what the transmit path and the slow paths read (next segment,
 * tx_offload, external buffer info, private size, dynamic fields).
 *
 * An mbuf lives in a mempool object: [struct rte_mbuf | private area of
 * priv_size bytes | data buffer of buf_len bytes]; buf_addr points at the
 * data buffer, data_off bytes of headroom precede the data. An indirect
 * mbuf (RTE_MBUF_F_INDIRECT) points at the buffer of another, direct
 * mbuf; an mbuf with RTE_MBUF_F_EXTERNAL points at memory described by
 * a struct rte_mbuf_ext_shared_info.
 *
 * Reference count (rtmem): refcnt is 0 while the mbuf sits in its pool
 * and >= 1 while it is handed out; see rte_mbuf.h.
 */
#ifndef _RTE_MBUF_CORE_H_
#define _RTE_MBUF_CORE_H_

#include <limits.h>
#include <stdint.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_config.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef RTE_IOVA_AS_PA
/**
 * 1: the mbuf has a buf_iova field (DPDK's default build, and rtmem's).
 * Debian's DPDK 22.11 defines it in rte_build_config.h.
 */
#define RTE_IOVA_AS_PA 1
#endif

/*
 * Offload flags (m->ol_flags). Bits 0..22 describe a received packet,
 * bits 23..40 are free for dynamic flags (rte_mbuf_dyn.h), bits 41..60
 * request transmit offloads, 61 and 62 describe the buffer.
 */

/** RX: vlan_tci holds the VLAN tag (the tag may or may not be stripped). */
#define RTE_MBUF_F_RX_VLAN          (1ULL << 0)
/** RX: hash.rss holds the RSS hash. */
#define RTE_MBUF_F_RX_RSS_HASH      (1ULL << 1)
/** RX: the packet matched a flow director filter. */
#define RTE_MBUF_F_RX_FDIR          (1ULL << 2)
/** RX: the outer IP checksum of a tunnelled packet is bad. */
#define RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD (1ULL << 5)
/** RX: the VLAN tag was removed from the data (implies RX_VLAN). */
#define RTE_MBUF_F_RX_VLAN_STRIPPED (1ULL << 6)

/** RX: the two bits of the IP checksum status. */
#define RTE_MBUF_F_RX_IP_CKSUM_MASK ((1ULL << 4) | (1ULL << 7))
/** RX: IP checksum not checked. */
#define RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN 0
/** RX: IP checksum wrong. */
#define RTE_MBUF_F_RX_IP_CKSUM_BAD     (1ULL << 4)
/** RX: IP checksum right. */
#define RTE_MBUF_F_RX_IP_CKSUM_GOOD    (1ULL << 7)
/** RX: IP checksum absent from the packet, but the data is valid. */
#define RTE_MBUF_F_RX_IP_CKSUM_NONE    ((1ULL << 4) | (1ULL << 7))

/** RX: the two bits of the L4 checksum status. */
#define RTE_MBUF_F_RX_L4_CKSUM_MASK ((1ULL << 3) | (1ULL << 8))
/** RX: L4 checksum not checked. */
#define RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN 0
/** RX: L4 checksum wrong. */
#define RTE_MBUF_F_RX_L4_CKSUM_BAD     (1ULL << 3)
/** RX: L4 checksum right. */
#define RTE_MBUF_F_RX_L4_CKSUM_GOOD    (1ULL << 8)
/** RX: L4 checksum absent from the packet, but the data is valid. */
#define RTE_MBUF_F_RX_L4_CKSUM_NONE    ((1ULL << 3) | (1ULL << 8))

/** RX: an IEEE 1588 (PTP) packet. */
#define RTE_MBUF_F_RX_IEEE1588_PTP  (1ULL << 9)
/** RX: an IEEE 1588 packet the hardware timestamped. */
#define RTE_MBUF_F_RX_IEEE1588_TMST (1ULL << 10)
/** RX: hash.fdir.hi holds the flow director id. */
#define RTE_MBUF_F_RX_FDIR_ID       (1ULL << 13)
/** RX: hash.fdir holds flexible bytes. */
#define RTE_MBUF_F_RX_FDIR_FLX      (1ULL << 14)
/** RX: both VLAN tags were stripped (with RX_VLAN_STRIPPED and RX_QINQ). */
#define RTE_MBUF_F_RX_QINQ_STRIPPED (1ULL << 15)
/** RX: the packet was coalesced by large receive offload. */
#define RTE_MBUF_F_RX_LRO           (1ULL << 16)
/* Bit 17 is unused, as in DPDK 22.11. */
/** RX: a security offload processed the packet. */
#define RTE_MBUF_F_RX_SEC_OFFLOAD   (1ULL << 18)
/** RX: the security offload failed. */
#define RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED (1ULL << 19)
/** RX: vlan_tci and vlan_tci_outer hold the two tags of a QinQ packet. */
#define RTE_MBUF_F_RX_QINQ          (1ULL << 20)

/** RX: the two bits of the outer L4 checksum status. */
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK ((1ULL << 21) | (1ULL << 22))
/** RX: outer L4 checksum not checked. */
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN 0
/** RX: outer L4 checksum wrong. */
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD     (1ULL << 21)
/** RX: outer L4 checksum right. */
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD    (1ULL << 22)
/** RX: outer L4 checksum invalid (not computable). */
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID ((1ULL << 21) | (1ULL << 22))

/** Lowest bit free for dynamic flags. */
#define RTE_MBUF_F_FIRST_FREE (1ULL << 23)
/** Highest bit free for dynamic flags. */
#define RTE_MBUF_F_LAST_FREE  (1ULL << 40)

/** TX: compute the outer UDP checksum of a tunnelled packet. */
#define RTE_MBUF_F_TX_OUTER_UDP_CKSUM (1ULL << 41)
/** TX: UDP fragmentation offload (needs l2/l3/l4_len and tso_segsz). */
#define RTE_MBUF_F_TX_UDP_SEG       (1ULL << 42)
/** TX: apply the security offload. */
#define RTE_MBUF_F_TX_SEC_OFFLOAD   (1ULL << 43)
/** TX: apply MACsec. */
#define RTE_MBUF_F_TX_MACSEC        (1ULL << 44)

/*
 * TX tunnel type: a 4-bit value at bits 45..48, for tunnel offloads
 * (TSO, checksums of the inner headers).
 */
/** TX tunnel type VXLAN. */
#define RTE_MBUF_F_TX_TUNNEL_VXLAN     (0x1ULL << 45)
/** TX tunnel type GRE. */
#define RTE_MBUF_F_TX_TUNNEL_GRE       (0x2ULL << 45)
/** TX tunnel type IP in IP. */
#define RTE_MBUF_F_TX_TUNNEL_IPIP      (0x3ULL << 45)
/** TX tunnel type GENEVE. */
#define RTE_MBUF_F_TX_TUNNEL_GENEVE    (0x4ULL << 45)
/** TX tunnel type MPLS in UDP. */
#define RTE_MBUF_F_TX_TUNNEL_MPLSINUDP (0x5ULL << 45)
/** TX tunnel type VXLAN-GPE. */
#define RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE (0x6ULL << 45)
/** TX tunnel type GTP. */
#define RTE_MBUF_F_TX_TUNNEL_GTP       (0x7ULL << 45)
/** TX tunnel type ESP. */
#define RTE_MBUF_F_TX_TUNNEL_ESP       (0x8ULL << 45)
/** TX: a generic IP tunnel, for hardware that need not know the type. */
#define RTE_MBUF_F_TX_TUNNEL_IP        (0xDULL << 45)
/** TX: a generic UDP tunnel, for hardware that need not know the type. */
#define RTE_MBUF_F_TX_TUNNEL_UDP       (0xEULL << 45)
/** TX: the four bits of the tunnel type. */
#define RTE_MBUF_F_TX_TUNNEL_MASK      (0xFULL << 45)

/** TX: insert both VLAN tags (vlan_tci_outer and vlan_tci). */
#define RTE_MBUF_F_TX_QINQ          (1ULL << 49)
/** TX: TCP segmentation offload (needs the lengths and tso_segsz). */
#define RTE_MBUF_F_TX_TCP_SEG       (1ULL << 50)
/** TX: timestamp the packet (IEEE 1588). */
#define RTE_MBUF_F_TX_IEEE1588_TMST (1ULL << 51)

/*
 * TX L4 checksum request: a 2-bit value at bits 52..53 (needs l2_len,
 * l3_len and IPV4 or IPV6).
 */
/** TX: no L4 checksum. */
#define RTE_MBUF_F_TX_L4_NO_CKSUM   (0ULL << 52)
/** TX: compute the TCP checksum. */
#define RTE_MBUF_F_TX_TCP_CKSUM     (1ULL << 52)
/** TX: compute the SCTP checksum. */
#define RTE_MBUF_F_TX_SCTP_CKSUM    (2ULL << 52)
/** TX: compute the UDP checksum. */
#define RTE_MBUF_F_TX_UDP_CKSUM     (3ULL << 52)
/** TX: the two bits of the L4 checksum request. */
#define RTE_MBUF_F_TX_L4_MASK       (3ULL << 52)

/** TX: compute the IPv4 header checksum (needs IPV4 and l2/l3_len). */
#define RTE_MBUF_F_TX_IP_CKSUM      (1ULL << 54)
/** TX: the packet is IPv4 (for the checksum and TSO offloads). */
#define RTE_MBUF_F_TX_IPV4          (1ULL << 55)
/** TX: the packet is IPv6 (for the checksum and TSO offloads). */
#define RTE_MBUF_F_TX_IPV6          (1ULL << 56)
/** TX: insert the VLAN tag vlan_tci. */
#define RTE_MBUF_F_TX_VLAN          (1ULL << 57)
/** TX: compute the outer IPv4 header checksum of a tunnelled packet. */
#define RTE_MBUF_F_TX_OUTER_IP_CKSUM (1ULL << 58)
/** TX: the outer header of a tunnelled packet is IPv4. */
#define RTE_MBUF_F_TX_OUTER_IPV4    (1ULL << 59)
/** TX: the outer header of a tunnelled packet is IPv6. */
#define RTE_MBUF_F_TX_OUTER_IPV6    (1ULL << 60)

/** Every TX offload request. */
#define RTE_MBUF_F_TX_OFFLOAD_MASK (RTE_MBUF_F_TX_OUTER_IPV6 |      \
				    RTE_MBUF_F_TX_OUTER_IPV4 |      \
				    RTE_MBUF_F_TX_OUTER_IP_CKSUM |  \
				    RTE_MBUF_F_TX_VLAN |            \
				    RTE_MBUF_F_TX_IPV6 |            \
				    RTE_MBUF_F_TX_IPV4 |            \
				    RTE_MBUF_F_TX_IP_CKSUM |        \
				    RTE_MBUF_F_TX_L4_MASK |         \
				    RTE_MBUF_F_TX_IEEE1588_TMST |   \
				    RTE_MBUF_F_TX_TCP_SEG |         \
				    RTE_MBUF_F_TX_QINQ |            \
				    RTE_MBUF_F_TX_TUNNEL_MASK |     \
				    RTE_MBUF_F_TX_MACSEC |          \
				    RTE_MBUF_F_TX_SEC_OFFLOAD |     \
				    RTE_MBUF_F_TX_UDP_SEG |         \
				    RTE_MBUF_F_TX_OUTER_UDP_CKSUM)

/** The data buffer is external memory (rte_pktmbuf_attach_extbuf()). */
#define RTE_MBUF_F_EXTERNAL    (1ULL << 61)
/** The mbuf is attached to the buffer of another mbuf (a clone). */
#define RTE_MBUF_F_INDIRECT    (1ULL << 62)

/** The private area after each mbuf is a multiple of this size. */
#define RTE_MBUF_PRIV_ALIGN 8

/** Data room that suits most Ethernet frames. */
#define RTE_MBUF_DEFAULT_DATAROOM 2048
/** Data room plus the default headroom: the usual data_room_size. */
#define RTE_MBUF_DEFAULT_BUF_SIZE \
	(RTE_MBUF_DEFAULT_DATAROOM + RTE_PKTMBUF_HEADROOM)

/** What the traffic manager (rte_sched) keeps in hash.sched. */
struct rte_mbuf_sched {
	uint32_t queue_id;     /**< Queue. */
	uint8_t traffic_class; /**< Traffic class, 0 the highest priority. */
	uint8_t color;         /**< Color (enum rte_color). */
	uint16_t reserved;     /**< Unused. */
};

/** Widths and positions of the tx_offload bit fields. */
enum {
	RTE_MBUF_L2_LEN_BITS = 7,     /**< l2_len width. */
	RTE_MBUF_L3_LEN_BITS = 9,     /**< l3_len width. */
	RTE_MBUF_L4_LEN_BITS = 8,     /**< l4_len width. */
	RTE_MBUF_TSO_SEGSZ_BITS = 16, /**< tso_segsz width. */
	RTE_MBUF_OUTL3_LEN_BITS = 9,  /**< outer_l3_len width. */
	RTE_MBUF_OUTL2_LEN_BITS = 7,  /**< outer_l2_len width. */
	/** Bits left over at the top. */
	RTE_MBUF_TXOFLD_UNUSED_BITS = sizeof(uint64_t) * CHAR_BIT -
		RTE_MBUF_L2_LEN_BITS - RTE_MBUF_L3_LEN_BITS -
		RTE_MBUF_L4_LEN_BITS - RTE_MBUF_TSO_SEGSZ_BITS -
		RTE_MBUF_OUTL3_LEN_BITS - RTE_MBUF_OUTL2_LEN_BITS,
#if RTE_BYTE_ORDER == RTE_BIG_ENDIAN
	RTE_MBUF_L2_LEN_OFS =
		sizeof(uint64_t) * CHAR_BIT - RTE_MBUF_L2_LEN_BITS,
	RTE_MBUF_L3_LEN_OFS = RTE_MBUF_L2_LEN_OFS - RTE_MBUF_L3_LEN_BITS,
	RTE_MBUF_L4_LEN_OFS = RTE_MBUF_L3_LEN_OFS - RTE_MBUF_L4_LEN_BITS,
	RTE_MBUF_TSO_SEGSZ_OFS = RTE_MBUF_L4_LEN_OFS - RTE_MBUF_TSO_SEGSZ_BITS,
	RTE_MBUF_OUTL3_LEN_OFS =
		RTE_MBUF_TSO_SEGSZ_OFS - RTE_MBUF_OUTL3_LEN_BITS,
	RTE_MBUF_OUTL2_LEN_OFS =
		RTE_MBUF_OUTL3_LEN_OFS - RTE_MBUF_OUTL2_LEN_BITS,
	RTE_MBUF_TXOFLD_UNUSED_OFS =
		RTE_MBUF_OUTL2_LEN_OFS - RTE_MBUF_TXOFLD_UNUSED_BITS,
#else
	RTE_MBUF_L2_LEN_OFS = 0,      /**< l2_len position. */
	/** l3_len position. */
	RTE_MBUF_L3_LEN_OFS = RTE_MBUF_L2_LEN_OFS + RTE_MBUF_L2_LEN_BITS,
	/** l4_len position. */
	RTE_MBUF_L4_LEN_OFS = RTE_MBUF_L3_LEN_OFS + RTE_MBUF_L3_LEN_BITS,
	/** tso_segsz position. */
	RTE_MBUF_TSO_SEGSZ_OFS = RTE_MBUF_L4_LEN_OFS + RTE_MBUF_L4_LEN_BITS,
	/** outer_l3_len position. */
	RTE_MBUF_OUTL3_LEN_OFS =
		RTE_MBUF_TSO_SEGSZ_OFS + RTE_MBUF_TSO_SEGSZ_BITS,
	/** outer_l2_len position. */
	RTE_MBUF_OUTL2_LEN_OFS =
		RTE_MBUF_OUTL3_LEN_OFS + RTE_MBUF_OUTL3_LEN_BITS,
	/** Position of the unused top bits. */
	RTE_MBUF_TXOFLD_UNUSED_OFS =
		RTE_MBUF_OUTL2_LEN_OFS + RTE_MBUF_OUTL2_LEN_BITS,
#endif
};

struct rte_mbuf_ext_shared_info;
struct rte_mempool;

/**
 * A packet buffer, or one segment of a packet. See the file comment for
 * the layout; the application reads and writes the fields directly,
 * except refcnt (rte_mbuf_refcnt_read/set/update()).
 */
struct rte_mbuf {
	RTE_MARKER cacheline0; /**< Start of the first cache line. */

	void *buf_addr;        /**< Virtual address of the data buffer. */
#if RTE_IOVA_AS_PA
	/** IO address of the data buffer (8-byte aligned on every arch). */
	rte_iova_t buf_iova __rte_aligned(sizeof(rte_iova_t));
#else
	/** Next segment (here when the mbuf has no IO address). */
	struct rte_mbuf *next;
#endif

	/* The next 8 bytes are rewritten in one store on allocation. */
	RTE_MARKER64 rearm_data; /**< Start of the rearm word. */
	uint16_t data_off;     /**< Headroom: data starts at buf_addr + this. */
	/**
	 * References to this mbuf (its data buffer, for a direct mbuf):
	 * 0 while in the pool, 1 when handed out, more when cloned. Use
	 * rte_mbuf_refcnt_read/set/update(), which access it atomically.
	 */
	uint16_t refcnt;
	/** Segments of the packet (valid in the first segment only). */
	uint16_t nb_segs;
	/** Input port, or the output port for an eventdev TX adapter. */
	uint16_t port;

	uint64_t ol_flags;     /**< RTE_MBUF_F_* offload flags. */

	/* What a receive descriptor fills from here on. */
	RTE_MARKER rx_descriptor_fields1; /**< Start of the RX fields. */

	/** Packet type (rte_mbuf_ptype.h): the layers really in the data. */
	RTE_STD_C11
	union {
		uint32_t packet_type; /**< All layers, RTE_PTYPE_*. */
		__extension__
		struct {
			uint8_t l2_type:4;  /**< (Outer) L2 type. */
			uint8_t l3_type:4;  /**< (Outer) L3 type. */
			uint8_t l4_type:4;  /**< (Outer) L4 type. */
			uint8_t tun_type:4; /**< Tunnel type. */
			RTE_STD_C11
			union {
				/** ESP next protocol (RTE_PTYPE_TUNNEL_ESP). */
				uint8_t inner_esp_next_proto;
				__extension__
				struct {
					/** Inner L2 type. */
					uint8_t inner_l2_type:4;
					/** Inner L3 type. */
					uint8_t inner_l3_type:4;
				};
			};
			uint8_t inner_l4_type:4; /**< Inner L4 type. */
		};
	};

	uint32_t pkt_len;      /**< Packet length: the sum of data_len. */
	uint16_t data_len;     /**< Bytes of data in this segment. */
	/** VLAN tag (host order), valid with RTE_MBUF_F_RX_VLAN. */
	uint16_t vlan_tci;

	RTE_STD_C11
	union {
		/** Hash or tag results, per the RX flags or the user. */
		union {
			uint32_t rss; /**< RSS hash (RTE_MBUF_F_RX_RSS_HASH). */
			/** Flow director result (RTE_MBUF_F_RX_FDIR_*). */
			struct {
				RTE_STD_C11
				union {
					__extension__
					struct {
						/** Hash. */
						uint16_t hash;
						/** Filter id. */
						uint16_t id;
					};
					/** Flexible bytes 4..7. */
					uint32_t lo;
				};
				/** Flexible bytes 0..3, or the id. */
				uint32_t hi;
			} fdir;
			struct rte_mbuf_sched sched; /**< Traffic manager. */
			/** Eventdev TX adapter. */
			struct {
				uint32_t reserved1; /**< Unused. */
				uint16_t reserved2; /**< Unused. */
				uint16_t txq;       /**< TX queue. */
			} txadapter;
			uint32_t usr; /**< User tag (rte_distributor). */
		} hash;
	};

	/** Outer VLAN tag (host order), valid with RTE_MBUF_F_RX_QINQ. */
	uint16_t vlan_tci_outer;
	uint16_t buf_len;      /**< Size of the data buffer. */
	struct rte_mempool *pool; /**< The pool the mbuf belongs to. */

	/* Second cache line: transmit and slow-path fields. */
	RTE_MARKER cacheline1 __rte_cache_min_aligned; /**< Second line. */

#if RTE_IOVA_AS_PA
	/** Next segment, NULL in the last one. */
	struct rte_mbuf *next;
#else
	/** Room for dynamic fields (next is in the first line). */
	uint64_t dynfield2;
#endif

	/** Header lengths for the TX offloads, one word or bit fields. */
	RTE_STD_C11
	union {
		/** All of them (rte_mbuf_tx_offload()). */
		uint64_t tx_offload;
		__extension__
		struct {
			/** L2 header length (tunnel: outer L4 to inner L2). */
			uint64_t l2_len:RTE_MBUF_L2_LEN_BITS;
			uint64_t l3_len:RTE_MBUF_L3_LEN_BITS; /**< L3 header. */
			uint64_t l4_len:RTE_MBUF_L4_LEN_BITS; /**< L4 header. */
			/** TSO segment size. */
			uint64_t tso_segsz:RTE_MBUF_TSO_SEGSZ_BITS;
			/** Outer L3 header (tunnel offloads only). */
			uint64_t outer_l3_len:RTE_MBUF_OUTL3_LEN_BITS;
			/** Outer L2 header (tunnel offloads only). */
			uint64_t outer_l2_len:RTE_MBUF_OUTL2_LEN_BITS;
		};
	};

	/** External buffer information (RTE_MBUF_F_EXTERNAL). */
	struct rte_mbuf_ext_shared_info *shinfo;

	/**
	 * Size of the private area after the mbuf; for an indirect mbuf,
	 * that of the direct mbuf whose buffer it uses.
	 */
	uint16_t priv_size;
	uint16_t timesync;     /**< IEEE 1588 timesync flags. */
	uint32_t dynfield1[9]; /**< Room for dynamic fields (rte_mbuf_dyn.h). */
} __rte_cache_aligned;

/**
 * Frees an external buffer when its last mbuf lets go of it.
 *
 * @param addr
 *   The buffer (buf_addr of the mbuf).
 * @param opaque
 *   fcb_opaque of the shared info.
 */
typedef void (*rte_mbuf_extbuf_free_callback_t)(void *addr, void *opaque);

/**
 * What the mbufs attached to one external buffer share; usually at the
 * end of the buffer (rte_pktmbuf_ext_shinfo_init_helper()).
 */
struct rte_mbuf_ext_shared_info {
	rte_mbuf_extbuf_free_callback_t free_cb; /**< Frees the buffer. */
	void *fcb_opaque;                        /**< Argument of free_cb. */
	/** Mbufs attached (rte_mbuf_ext_refcnt_read/set/update()). */
	uint16_t refcnt;
};

/** Most segments a packet may have. */
#define RTE_MBUF_MAX_NB_SEGS UINT16_MAX

/** Non-zero when the mbuf is attached to another mbuf's buffer. */
#define RTE_MBUF_CLONED(mb)     ((mb)->ol_flags & RTE_MBUF_F_INDIRECT)

/** Non-zero when the mbuf's buffer is external memory. */
#define RTE_MBUF_HAS_EXTBUF(mb) ((mb)->ol_flags & RTE_MBUF_F_EXTERNAL)

/** Non-zero when the mbuf uses its own embedded buffer. */
#define RTE_MBUF_DIRECT(mb) \
	(!((mb)->ol_flags & (RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL)))

/** No port (m->port of a packet not received from a port). */
#define RTE_MBUF_PORT_INVALID UINT16_MAX
/** Old name of RTE_MBUF_PORT_INVALID. */
#define MBUF_INVALID_PORT RTE_MBUF_PORT_INVALID

/**
 * Pointer to the data of a segment, o bytes in, cast to type t.
 *
 * @param m
 *   The mbuf.
 * @param t
 *   A pointer type.
 * @param o
 *   Byte offset from the start of the data.
 */
#define rte_pktmbuf_mtod_offset(m, t, o) \
	((t)(void *)((char *)(m)->buf_addr + (m)->data_off + (o)))

/**
 * Pointer to the data of a segment, cast to type t.
 *
 * @param m
 *   The mbuf.
 * @param t
 *   A pointer type.
 */
#define rte_pktmbuf_mtod(m, t) rte_pktmbuf_mtod_offset(m, t, 0)

/**
 * IO address of the data of a segment, o bytes in (rte_mbuf.h).
 *
 * @param m
 *   The mbuf.
 * @param o
 *   Byte offset from the start of the data.
 */
#define rte_pktmbuf_iova_offset(m, o) \
	(rte_iova_t)(rte_mbuf_iova_get(m) + (m)->data_off + (o))

/**
 * IO address of the data of a segment (rte_mbuf.h).
 *
 * @param m
 *   The mbuf.
 */
#define rte_pktmbuf_iova(m) rte_pktmbuf_iova_offset(m, 0)

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_CORE_H_ */
