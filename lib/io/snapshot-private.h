/*
 * The snapshot encoding, shared by its writer (io/snapshot-write.c) and
 * its reader (io/snapshot-read.c): a fixed header, then a payload of
 * GVariant sections. A snapshot loads without parsing JSON, mapped rather
 * than copied, and is checked like any other input: the reader trusts
 * nothing the writer did, and hands every entity to the model's own
 * checks, as the JSON readers do.
 *
 * The header (FT__SNAP_HEADER_SIZE bytes, little-endian numbers):
 *
 *     0   magic, 8 bytes: 0x89 "FTS" CR LF 0x1A LF (no JSON text begins
 *         with 0x89, and a transfer that mangles line ends or stops at ^Z
 *         breaks it, as PNG's does)
 *     8   u32 format version (FT__SNAP_VERSION)
 *     12  u32 header size
 *     16  16 bytes: the library version that wrote it, NUL-padded
 *     32  u8 byte order of the payload ('l' or 'B'); 7 bytes zero
 *     40  u64 payload size
 *     48  32 bytes: SHA-256 of the canonical JSON Lines content
 *     80  32 bytes: the integrity checksum (ft__snapshot_checksum)
 *     112 FT__SNAP_SECTIONS x (u64 offset, u64 size) into the payload
 *     208 zero to the end of the header
 *
 * The payload's sections follow each other in order, each at an offset
 * that is a multiple of 8 (the zero bytes between them are part of the
 * rule), and together fill the payload exactly: one snapshot has one
 * spelling. Each section is a GVariant in normal form of the type below.
 * Strings are interned: each distinct string is stored once, and named
 * by its index + 1 (0: none). Entities are named by their position in
 * their kind (+ 1 where the reference is optional).
 */
#ifndef FT_IO_SNAPSHOT_PRIVATE_H
#define FT_IO_SNAPSHOT_PRIVATE_H

#include <stdint.h>
#include <glib.h>

#include "io/read-private.h"

#define FT__SNAP_MAGIC       "\x89" "FTS\r\n\x1a\n"
#define FT__SNAP_MAGIC_SIZE  8
#define FT__SNAP_VERSION     3
#define FT__SNAP_HEADER_SIZE 256

enum {
	FT__SNAP_AT_VERSION = 8,
	FT__SNAP_AT_HEADER_SIZE = 12,
	FT__SNAP_AT_LIBRARY = 16,
	FT__SNAP_AT_ORDER = 32,
	FT__SNAP_AT_PAYLOAD_SIZE = 40,
	FT__SNAP_AT_CONTENT = 48,
	FT__SNAP_AT_CHECKSUM = 80,
	FT__SNAP_AT_SECTIONS = 112,
	FT__SNAP_LIBRARY_SIZE = 16,
};

/* The sections, in the order they are stored. */
enum ft__snap_section {
	/* "ay": the distinct strings, each followed by a NUL, back to back. */
	FT__SNAP_STRINGS = 0,
	/* "au": where string i begins in the blob, for each string, then the
	 * blob's size: n + 1 increasing offsets. */
	FT__SNAP_STRING_AT,
	/* FT__SNAP_ENTITIES_TYPE: the metadata, actors, regions, units and
	 * sources (few: variable-sized tuples, checked for normal form whole). */
	FT__SNAP_ENTITIES,
	/* "a" FT__SNAP_CLAIM_TYPE: the claims, fixed-size (ft__snap_claim). */
	FT__SNAP_CLAIMS,
	/* "ax": what only some claims have, as 64-bit words: a range's low and
	 * high, then observed from, observed to and retracted, each a time as
	 * two words (microseconds, the packed rest: ft__snap_time_meta). */
	FT__SNAP_WIDE,
	/* "au": the claims' lists: six counts (via, supersedes, disputes,
	 * tags, extensions, observed extensions), then the items: source and
	 * claim positions, tag strings, extension key and value strings. */
	FT__SNAP_LISTS,
	FT__SNAP_SECTIONS
};

/* A time as stored: the microseconds, and the rest packed in 32 bits:
 * bits 0-15 the offset in minutes + 32768, 16-19 the precision, 20-23 the
 * fraction digits, 24 'Z'; the other bits zero. */
#define FT__SNAP_TIME_TYPE "(xu)"

/* The metadata: id, title, description, licence (strings), created and
 * updated, the authors (strings), the dataset's extensions and the
 * document's (pairs of key and JSON text). */
#define FT__SNAP_INFO_TYPE "(uuuu" FT__SNAP_TIME_TYPE FT__SNAP_TIME_TYPE "aua(uu)a(uu))"
/* An actor: id, name, code, kind, parent (+1), aliases, members, opposes, extensions. */
#define FT__SNAP_ACTOR_TYPE "(uuuuuauauaua(uu))"
/* A region: id, name, code, kind, parent (+1), geometry, borders (actors), extensions. */
#define FT__SNAP_REGION_TYPE "(uuuuuuaua(uu))"
/* A unit: id, name, actor, echelon, type, parent (+1), garrison (+1),
 * sidc, has strength, strength, extensions. */
#define FT__SNAP_UNIT_TYPE "(uuuuuuuuuta(uu))"
/* A source: id, name, kind, actor (+1), parent (+1), reliability, url, extensions. */
#define FT__SNAP_SOURCE_TYPE "(uuuuuuua(uu))"
#define FT__SNAP_ENTITIES_TYPE                                                                               \
	"(" FT__SNAP_INFO_TYPE "a" FT__SNAP_ACTOR_TYPE "a" FT__SNAP_REGION_TYPE "a" FT__SNAP_UNIT_TYPE "a"  \
	    FT__SNAP_SOURCE_TYPE ")"

/*
 * A claim, fixed-size so that the section is read in place as an array of
 * this struct (g_variant_get_fixed_array): the GVariant tuple below lays
 * out its members at the same offsets as C does, with no padding, so that
 * any bytes of the right length are in normal form.
 */
typedef struct ft__snap_claim {
	int64_t reported_us;
	uint64_t value;
	uint32_t reported_meta;
	uint32_t id;      /* string */
	uint32_t source;  /* position */
	uint32_t subject; /* position */
	uint32_t region;  /* position */
	uint32_t measure; /* string */
	uint32_t unit;    /* position + 1 */
	uint32_t quote, url, note; /* strings */
	uint32_t wide;    /* where its words begin in FT__SNAP_WIDE, + 1 (0: none) */
	uint32_t lists;   /* where its lists begin in FT__SNAP_LISTS, + 1 (0: none) */
	uint8_t qualifier, has_value, kind, observed_form, credibility;
	uint8_t flags; /* FT__SNAP_RANGE, FT__SNAP_RETRACTED */
	uint8_t reserved[2]; /* zero */
} ft__snap_claim;
#define FT__SNAP_CLAIM_TYPE "(xtuuuuuuuuuuuuyyyyyyyy)"

#define FT__SNAP_RANGE     1u
#define FT__SNAP_RETRACTED 2u
#define FT__SNAP_LIST_HEAD 6

/*
 * The integrity checksum: SHA-256 of the header (with the checksum field
 * zero) followed by the payload's XXH3 128-bit hash (xxHash's, in its
 * canonical big-endian bytes). It detects accidental damage, as a CRC
 * would, and nothing more: a hostile file can recompute any checksum, and
 * the structural checks are what stop it. So the payload's hash is the
 * fastest well-kept one: XXH3 reads a million claims' 128 MB payload in
 * about 10 ms, where MD5, GChecksum's fastest (version 2), took 0.19 s,
 * more than the reader's decoding leaves its second thread. The content
 * hash, which a figure cites, stays SHA-256.
 */
void ft__snapshot_checksum(const guint8 *header, const guint8 *payload, size_t size, guint8 out[32]);
/* Below this payload size the reader's second thread (the checksum, the
 * claims' ids and groups: see io/snapshot-read.c) costs more than it
 * saves. The fuzz
 * targets' build (fuzz/CMakeLists.txt) takes every input on threads, so
 * that what the threads build from hostile records is fuzzed too. */
#ifdef FT__FUZZ_SMALL_THRESHOLDS
#define FT__SNAP_THREADED 0u
#else
#define FT__SNAP_THREADED (4u << 20)
#endif

/* Writes the checksum of a snapshot (its header and payload in data[0..len))
 * into its header: the writer's last step, and the tests' way of making a
 * damaged snapshot that only the structural checks can refuse. */
void ft__snapshot_seal(guint8 *data, size_t len);

/* Whether `data` begins with the magic (at least its first `len` bytes,
 * when fewer than the magic's are given). */
int ft__snapshot_magic(const char *data, size_t len);

/*
 * Loads a snapshot from data[0..len), which `bytes` owns (a mapped file or
 * a copy) and which the dataset does not keep. Returns the dataset, or NULL
 * with the problems in `errs`. The content hash in the header is not taken
 * for the dataset's (ft_dataset_content_hash computes it from what was
 * loaded); with FT__SNAP_READ_VALIDATE, the loaded content is hashed and a
 * header that records another hash is a problem. A load does not: hashing
 * the JSON Lines costs several times the load itself. FT__SNAP_READ_MAPPED
 * says that `bytes` is a private read-only mapping of a file, whose pages
 * the reader gives back once it has copied what it keeps.
 */
enum { FT__SNAP_READ_VALIDATE = 1, FT__SNAP_READ_MAPPED = 2 };
ft_dataset *ft__snapshot_read(GBytes *bytes, const ft_load_options *opts, unsigned flags, ft__errlist *errs);

/* The time packing of FT__SNAP_TIME_TYPE. */
static inline uint32_t ft__snap_time_meta(const ft_time *t)
{
	return (uint32_t)(uint16_t)(t->offset_min + 32768) | ((uint32_t)(t->precision & 15) << 16) |
	       ((uint32_t)(t->frac_digits & 15) << 20) | ((uint32_t)(t->zulu & 1) << 24);
}

#endif
