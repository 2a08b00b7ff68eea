/*
 * Reading a snapshot (the layout is io/snapshot-private.h's). Nothing in
 * it is trusted: the header is checked field by field and the integrity
 * checksum over the whole file, then each section's GVariant type, normal
 * form and bounds, every string (UTF-8, the size limit) and every index.
 * Each entity then becomes the description struct it was written from and
 * goes through the model's own checks, resolution and indexes, exactly as
 * a JSON document's entities do (io/read-document.c), so a snapshot can
 * hold nothing a JSON file could not. What the JSON readers spend parsing
 * text is gone: strings are read in place from the mapped file, claims
 * from an array of fixed-size records, their references by position. What
 * the model does one claim at a time and a snapshot knows beforehand, the
 * claims' own checks, their id index and their groups, is done apart on
 * the checksum's thread (see ahead and sum_job), with the same rules and
 * the same problems.
 */
/* madvise, which _POSIX_C_SOURCE alone does not declare. */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "forcetrack/version.h"
#include "io/snapshot-private.h"

int ft__snapshot_magic(const char *data, size_t len)
{
	size_t n = len < FT__SNAP_MAGIC_SIZE ? len : FT__SNAP_MAGIC_SIZE;
	return n > 0 && memcmp(data, FT__SNAP_MAGIC, n) == 0;
}

static guint32 get_u32_le(const guint8 *p)
{
	guint32 v;
	memcpy(&v, p, 4);
	return GUINT32_FROM_LE(v);
}

static guint64 get_u64_le(const guint8 *p)
{
	guint64 v;
	memcpy(&v, p, 8);
	return GUINT64_FROM_LE(v);
}

/* What the reader holds while it reads one snapshot. */
typedef struct reader {
	ft__errlist *errs;
	ft_dataset *ds;
	size_t max_string;
	GVariant *sections[FT__SNAP_SECTIONS];
	/* the string table */
	const char *blob;
	const guint32 *string_at;
	guint32 n_strings;
	/* the claims' pools */
	const gint64 *wide;
	size_t n_wide;
	const guint32 *lists;
	size_t n_lists;
	/* the ids of every entity by kind and position (NULL: its id is bad),
	 * but the claims', which entity_id reads from their records: a
	 * million pointers would be 8 MB more at the load's peak */
	const char **ids[FT__KIND_COUNT];
	const ft__snap_claim *claims;
	size_t n[FT__KIND_COUNT];
	/* the description being read: its lists live here until it is added */
	ft__arena arena;
	/* where the entity being read is, for messages */
	ft__kind kind;
	uint32_t pos;
	int bad;             /* a problem was recorded for the entity being read */
	int positional;      /* claims take their references by position */
	int deferred;        /* the claims were stored with their ids' index deferred */
	int threaded;        /* large enough for a second thread (FT__SNAP_THREADED) */
	struct ahead *ahead; /* the claims' checks made ahead (NULL: none) */
} reader;

static void problem(reader *r, const char *field, long index, int code, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

/* Records a problem of the entity being read, at `field` (NULL: the
 * entity; "" with the kind FT__KIND_COUNT: the snapshot as a whole). */
static void problem(reader *r, const char *field, long index, int code, const char *fmt, ...)
{
	char path[FT_ERROR_PATH_SIZE] = "";
	if (r->kind < FT__KIND_COUNT)
		ft__entity_path(path, sizeof path, r->kind, r->pos, field, index);
	else if (field)
		g_strlcpy(path, field, sizeof path);
	va_list ap;
	va_start(ap, fmt);
	char *text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	ft__errlist_addf(r->errs, code, path[0] ? path : NULL, "snapshot: %s", text);
	g_free(text);
	r->bad = 1;
}

/* ---- the header and the sections -------------------------------------------- */

static const char *const section_name[FT__SNAP_SECTIONS] = {"strings", "string offsets", "entities",
                                                            "claims",  "claim words",    "claim lists"};
static const char *const section_type[FT__SNAP_SECTIONS] = {
    "ay", "au", FT__SNAP_ENTITIES_TYPE, ("a" FT__SNAP_CLAIM_TYPE), "ax", "au"};

static int all_zero(const guint8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* The header's rules, and the checksum; 0 or -1 with the problem recorded. */
static int check_header(reader *r, const guint8 *data, size_t size)
{
	if (size < FT__SNAP_HEADER_SIZE) {
		problem(r, NULL, -1, FT_EFORMAT, "truncated: %zu bytes, shorter than the %d-byte header",
		        size, FT__SNAP_HEADER_SIZE);
		return -1;
	}
	if (!ft__snapshot_magic((const char *)data, FT__SNAP_MAGIC_SIZE)) {
		problem(r, NULL, -1, FT_EFORMAT, "the file does not begin with the snapshot magic bytes");
		return -1;
	}
	char library[FT__SNAP_LIBRARY_SIZE + 1];
	memcpy(library, data + FT__SNAP_AT_LIBRARY, FT__SNAP_LIBRARY_SIZE);
	library[FT__SNAP_LIBRARY_SIZE] = '\0';
	if (!g_utf8_validate(library, -1, NULL))
		g_strlcpy(library, "?", sizeof library);
	guint32 version = get_u32_le(data + FT__SNAP_AT_VERSION);
	if (version != FT__SNAP_VERSION) {
		problem(r, NULL, -1, FT_EVERSION,
		        "format version %u (written by libforcetrack %s); this library reads version %d",
		        version, library, FT__SNAP_VERSION);
		return -1;
	}
	guint8 order = data[FT__SNAP_AT_ORDER];
	if (get_u32_le(data + FT__SNAP_AT_HEADER_SIZE) != FT__SNAP_HEADER_SIZE ||
	    (order != 'l' && order != 'B') || !all_zero(data + FT__SNAP_AT_ORDER + 1, 7) ||
	    !all_zero(data + FT__SNAP_AT_SECTIONS + 16 * FT__SNAP_SECTIONS,
	              FT__SNAP_HEADER_SIZE - FT__SNAP_AT_SECTIONS - 16 * FT__SNAP_SECTIONS)) {
		problem(r, NULL, -1, FT_EFORMAT, "malformed header (its size, byte order or reserved bytes)");
		return -1;
	}
	guint64 payload = get_u64_le(data + FT__SNAP_AT_PAYLOAD_SIZE);
	if (payload != size - FT__SNAP_HEADER_SIZE) {
		if (payload > size - FT__SNAP_HEADER_SIZE)
			problem(r, NULL, -1, FT_EFORMAT,
			        "truncated: the header announces %" G_GUINT64_FORMAT
			        " bytes of payload, the file holds %zu",
			        payload, size - FT__SNAP_HEADER_SIZE);
		else
			problem(r, NULL, -1, FT_EFORMAT,
			        "%" G_GUINT64_FORMAT " bytes follow the payload the header announces",
			        (guint64)(size - FT__SNAP_HEADER_SIZE) - payload);
		return -1;
	}
	return 0;
}

static void checksum_problem(reader *r)
{
	problem(r, NULL, -1, FT_EFORMAT, "the checksum does not match the contents: the file is damaged");
}

/* ---- the checksum and the claims' ids, on a thread of their own ------------- */

/*
 * The checks made ahead. The claims' own checks need nothing of the
 * dataset (ft__claim_passes_alone): once the checksum's thread has done
 * its other work it decodes the claims ahead of the decoding, on a reader of
 * its own, and says which pass every check; the decoding then stores
 * those without checking them again, and checks the others itself, so
 * that every problem is still found, and reported, in its place. The two
 * threads meet only at the lock and the three counters: the decoding
 * offers its reader once the ids are read (or says there is none), the
 * thread starts a little ahead of where the decoding is, and stops when
 * the decoding catches up with it.
 */
struct ahead {
	/* POSIX's, not GMutex and GCond, as in base/ordered.c: ThreadSanitizer
	 * cannot see the futexes those are built on. */
	pthread_mutex_t lock;
	pthread_cond_t offered;
	int state;       /* AHEAD_*, under the lock */
	reader base;     /* the decoding's reader as it was offered */
	guint8 *passed;  /* per claim: 1 when it passed, read below `upto` */
	gint from, upto; /* claims [from, upto) are checked (atomic) */
	gint decoding;   /* the claim the decoding is at, roughly (atomic) */
};
typedef struct ahead ahead;

enum { AHEAD_WAITING, AHEAD_OFFERED, AHEAD_NONE };

/* How far ahead of the decoding the checks start, and how often each
 * thread looks at the other's counter. */
#define AHEAD_START 4096
#define AHEAD_STEP  256

/*
 * A large snapshot's checksum is computed on a thread while the main
 * thread decodes and checks it, instead of before: the two take a
 * comparable time on two cores. Until the checksum is known the decoding's
 * problems are held back (a damaged file must be refused for its damage,
 * with that one problem, not for what the damage broke), then passed on
 * in order, or dropped for the checksum's. Decoding a damaged file is
 * safe: every structural check stands behind the checksum as before, and
 * the fuzz target reseals its inputs to exercise them.
 *
 * The same thread then builds the index of the claims' ids from the
 * string table (ft__id_index_build), which the decoding would otherwise
 * build one claim at a time, a look-up and an insertion each into a table
 * of 12 MB, waiting on memory for both: a fifth of the load. The claims
 * are stored meanwhile without their ids looked up (ft__dataset_defer_ids).
 * The build refuses two equal ids; the decoding is then done again the
 * JSON readers' way, each id looked up as it is stored, so that the
 * duplicate is reported as they report it, in its place among the other
 * problems (held back, these are not passed on twice). Then the thread
 * works out the claims' groups from their records (work_out_groups), which
 * the model would otherwise build after the claims are in, and last it
 * checks claims ahead of the decoding (struct ahead above). What it makes
 * is used only when the load meets no problem, and whatever damage it
 * meets is the decoding's to report: it checks every index it follows.
 */
typedef struct sum_job {
	const guint8 *data;
	size_t size;
	guint8 sum[32];
	/* the claims' ids, when the sections and strings are whole */
	int build_ids;
	const ft__snap_claim *claims;
	size_t n_claims;
	const char *blob;
	const guint32 *string_at;
	guint32 n_strings;
	size_t n_actors, n_regions;
	ft__id_index *ids;       /* NULL: not built, or refused */
	ft__groups_given groups; /* groups.groups NULL: not worked out */
	ahead ahead;
} sum_job;

/* The id of claim `pos`, NULL when it names no string (a problem the
 * decoding reports). */
static const char *job_claim_id(const void *payload, uint32_t pos)
{
	const sum_job *job = payload;
	guint32 ref = job->claims[pos].id;
	return ref == 0 || ref > job->n_strings ? NULL : job->blob + job->string_at[ref - 1];
}

static void build_ids(sum_job *job)
{
	if (job->build_ids)
		job->ids = ft__id_index_build(job->n_claims, job_claim_id, job);
}

/* splitmix64's finaliser, for the groups' table below. */
static guint64 mix64(guint64 h)
{
	h ^= h >> 30;
	h *= G_GUINT64_CONSTANT(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= G_GUINT64_CONSTANT(0x94d049bb133111eb);
	h ^= h >> 31;
	return h;
}

/* A slot of the groups' table while they are worked out: the subject and
 * region positions, the measure's number, the group's number + 1. */
typedef struct group_slot {
	guint64 where;
	guint32 measure, group1;
} group_slot;

/* Past this many measures the dataset keeps them in the claims
 * (FT__MEASURE_IN_TAIL), not where the groups given look for them. */
#define GIVEN_MEASURES 1000

/*
 * The claims' groups from their records alone (ft__groups_given), on the
 * checksum's thread once it is done, while the decoding stores the claims:
 * the model would otherwise build them after the claims are in, probing
 * two hash tables per claim. A claim's group is its subject, region and
 * measure as the model sees it (none is the default, one text one
 * measure); the groups are numbered as their first claims come. Anything
 * out of range (the decoding reports it) leaves the groups to the model.
 */
static void work_out_groups(sum_job *job)
{
	size_t n = job->n_claims;
	if (!job->build_ids || n == 0 || n > G_MAXUINT32 / 2)
		return;
	guint32 *group_of = g_new(guint32, n);
	GArray *groups = g_array_new(FALSE, FALSE, sizeof(ft__group_given));
	GHashTable *measures = g_hash_table_new(g_str_hash, g_str_equal); /* text -> number + 1 */
	size_t mask = 1023, used = 0;
	group_slot *slots = ft__new_zeroes(mask + 1, sizeof(group_slot));
	guint32 last_ref = G_MAXUINT32, last_measure = 0;
	int ok = 1;
	for (size_t i = 0; ok && i < n; i++) {
		const ft__snap_claim *c = &job->claims[i];
		if (c->subject >= job->n_actors || c->region >= job->n_regions ||
		    c->measure > job->n_strings) {
			ok = 0;
			break;
		}
		if (c->measure != last_ref) {
			const char *text =
			    c->measure ? job->blob + job->string_at[c->measure - 1] : FT_MEASURE_DEFAULT;
			guint number = GPOINTER_TO_UINT(g_hash_table_lookup(measures, text));
			if (!number) {
				number = g_hash_table_size(measures) + 1;
				g_hash_table_insert(measures, (gpointer)(uintptr_t)text,
				                    GUINT_TO_POINTER(number));
			}
			last_ref = c->measure;
			last_measure = number;
			if (number > GIVEN_MEASURES)
				ok = 0;
		}
		guint64 where = (guint64)c->subject << 32 | c->region;
		size_t at = mix64(where ^ ((guint64)last_measure << 52)) & mask;
		while (slots[at].group1 && (slots[at].where != where || slots[at].measure != last_measure))
			at = (at + 1) & mask;
		if (!slots[at].group1) {
			ft__group_given g = {c->subject, c->region,
			                     c->measure ? job->blob + job->string_at[c->measure - 1]
			                                : FT_MEASURE_DEFAULT,
			                     0, 0};
			g_array_append_val(groups, g);
			slots[at].where = where;
			slots[at].measure = last_measure;
			slots[at].group1 = groups->len;
			if (++used * 2 > mask + 1) {
				/* Doubled, every group placed again. */
				size_t old_mask = mask;
				group_slot *old = slots;
				mask = mask * 2 + 1;
				slots = ft__new_zeroes(mask + 1, sizeof(group_slot));
				for (size_t j = 0; j <= old_mask; j++) {
					if (!old[j].group1)
						continue;
					size_t k =
					    mix64(old[j].where ^ ((guint64)old[j].measure << 52)) & mask;
					while (slots[k].group1)
						k = (k + 1) & mask;
					slots[k] = old[j];
				}
				g_free(old);
			}
			group_of[i] = groups->len - 1;
		} else {
			group_of[i] = slots[at].group1 - 1;
		}
		g_array_index(groups, ft__group_given, group_of[i]).n++;
	}
	g_free(slots);
	g_hash_table_destroy(measures);
	if (ok) {
		/* Each group's positions after the ones before it, in claim order. */
		ft__group_given *g = (ft__group_given *)(void *)groups->data;
		guint32 first = 0;
		for (guint i = 0; i < groups->len; i++) {
			g[i].first = first;
			first += g[i].n;
			g[i].n = 0;
		}
		guint32 *positions = g_new(guint32, n);
		for (size_t i = 0; i < n; i++) {
			ft__group_given *to = &g[group_of[i]];
			positions[to->first + to->n++] = (guint32)i;
		}
		job->groups.n = groups->len;
		job->groups.positions = positions;
		job->groups.groups = (ft__group_given *)(void *)g_array_free(groups, FALSE);
	} else {
		g_array_free(groups, TRUE);
	}
	g_free(group_of);
}

static void decode_claim(reader *r, const ft__snap_claim *c, ft_claim_desc *d, ft__claim_given *given);

/* Offers the decoding's reader to the checks ahead (NULL: there will be
 * no claims to check); only the first offer counts. */
static void offer_ahead(ahead *a, const reader *r)
{
	pthread_mutex_lock(&a->lock);
	if (a->state == AHEAD_WAITING) {
		if (r)
			a->base = *r;
		a->state = r ? AHEAD_OFFERED : AHEAD_NONE;
		pthread_cond_signal(&a->offered);
	}
	pthread_mutex_unlock(&a->lock);
}

static void check_ahead(sum_job *job)
{
	ahead *a = &job->ahead;
	pthread_mutex_lock(&a->lock);
	while (a->state == AHEAD_WAITING)
		pthread_cond_wait(&a->offered, &a->lock);
	int offered = a->state == AHEAD_OFFERED;
	pthread_mutex_unlock(&a->lock);
	if (!offered)
		return;
	/* A reader of its own: its problems are only counted, and dropped. */
	reader w = a->base;
	ft__errlist errs;
	ft__errlist_init(&errs, NULL);
	w.errs = &errs;
	ft__arena_init(&w.arena);
	w.kind = FT__CLAIM;
	gint n = (gint)job->n_claims, i = g_atomic_int_get(&a->decoding);
	i = i < n - AHEAD_START ? i + AHEAD_START : n;
	g_atomic_int_set(&a->upto, i);
	g_atomic_int_set(&a->from, i);
	for (; i < n; i++) {
		if (i % AHEAD_STEP == 0) {
			g_atomic_int_set(&a->upto, i);
			if (g_atomic_int_get(&a->decoding) >= i)
				break; /* caught up: what follows is the decoding's */
		}
		ft_claim_desc d = FT_CLAIM_DESC_INIT;
		ft__claim_given given;
		w.pos = (uint32_t)i;
		w.bad = 0;
		errs.count = 0;
		decode_claim(&w, &w.claims[i], &d, &given);
		a->passed[i] = !w.bad && errs.count == 0 && ft__claim_passes_alone(&d);
		ft__arena_reset(&w.arena);
	}
	g_atomic_int_set(&a->upto, i);
	ft__arena_clear(&w.arena);
}

static gpointer sum_thread(gpointer p)
{
	sum_job *job = p;
	ft__snapshot_checksum(job->data, job->data + FT__SNAP_HEADER_SIZE, job->size - FT__SNAP_HEADER_SIZE,
	                      job->sum);
	build_ids(job);
	work_out_groups(job);
	/* Last: the checks stop when they reach the end, which they do before
	 * the decoding (they go faster), so the load never waits for them. */
	check_ahead(job);
	return NULL;
}

/* The held-back problems: copies, in order. */
static void hold_problem(const ft_error *err, void *payload)
{
	g_array_append_val((GArray *)payload, *err);
}

/* Cuts the payload into its sections: each where the one before ends
 * (rounded up to 8, the bytes between zero), the last at the end. */
static int open_sections(reader *r, GBytes *bytes)
{
	gsize size;
	const guint8 *data = g_bytes_get_data(bytes, &size);
	const guint8 *payload = data + FT__SNAP_HEADER_SIZE;
	size_t total = size - FT__SNAP_HEADER_SIZE, expect = 0;
	int swap = data[FT__SNAP_AT_ORDER] != (G_BYTE_ORDER == G_LITTLE_ENDIAN ? 'l' : 'B');
	for (int i = 0; i < FT__SNAP_SECTIONS; i++) {
		guint64 at = get_u64_le(data + FT__SNAP_AT_SECTIONS + 16 * i);
		guint64 len = get_u64_le(data + FT__SNAP_AT_SECTIONS + 16 * i + 8);
		size_t aligned = (expect + 7) & ~(size_t)7;
		if (at != aligned || len > total - (aligned < total ? aligned : total) ||
		    !all_zero(payload + expect, aligned - expect)) {
			problem(r, section_name[i], -1, FT_EFORMAT,
			        "the section is not where the one before it ends");
			return -1;
		}
		expect = aligned + (size_t)len;
		GBytes *part = g_bytes_new_from_bytes(bytes, FT__SNAP_HEADER_SIZE + aligned, (gsize)len);
		GVariant *v = g_variant_ref_sink(
		    g_variant_new_from_bytes(G_VARIANT_TYPE(section_type[i]), part, FALSE));
		g_bytes_unref(part);
		if (swap) {
			GVariant *s = g_variant_ref_sink(g_variant_byteswap(v));
			g_variant_unref(v);
			v = s;
		}
		r->sections[i] = v;
	}
	if (expect != total) {
		problem(r, NULL, -1, FT_EFORMAT, "%zu bytes follow the last section", total - expect);
		return -1;
	}
	/* The fixed-size sections are in normal form when their size is a
	 * multiple of their element's (the claims' record has no padding and
	 * no booleans); asking GLib would visit every member of every claim.
	 * The entities' section is small and variable: GLib checks it. */
	const size_t elem[FT__SNAP_SECTIONS] = {1, 4, 0, sizeof(ft__snap_claim), 8, 4};
	for (int i = 0; i < FT__SNAP_SECTIONS; i++) {
		int normal = elem[i] ? g_variant_get_size(r->sections[i]) % elem[i] == 0
		                     : g_variant_is_normal_form(r->sections[i]);
		if (!normal) {
			problem(r, section_name[i], -1, FT_EFORMAT,
			        "the section is not a GVariant of type %s in normal form", section_type[i]);
			return -1;
		}
	}
	return 0;
}

/* Why a string of the table is refused (what check_strings finds). */
enum { STRING_OK, STRING_UNENDED, STRING_NOT_UTF8, STRING_TOO_LONG };

/* The strings [from, to) of the table: the first refused, and why. */
typedef struct strings_job {
	const reader *r;
	gsize blob_len;
	guint32 from, to;
	guint32 bad;
	int why;
} strings_job;

static gpointer check_strings(gpointer p)
{
	strings_job *job = p;
	const reader *r = job->r;
	job->why = STRING_OK;
	for (guint32 i = job->from; i < job->to; i++) {
		guint32 at = r->string_at[i], end = r->string_at[i + 1];
		job->bad = i;
		/* Only the last offset was checked against the blob: one in the
		 * middle may point past it. */
		if (end <= at || end > job->blob_len || r->blob[end - 1] != '\0')
			job->why = STRING_UNENDED;
		/* g_utf8_validate refuses a NUL within the bytes it is given. */
		else if (!g_utf8_validate(r->blob + at, (gssize)(end - 1 - at), NULL))
			job->why = STRING_NOT_UTF8;
		else if (end - 1 - at > r->max_string)
			job->why = STRING_TOO_LONG;
		if (job->why != STRING_OK)
			return NULL;
	}
	return NULL;
}

/* Each string's offsets in order and in bounds, its NUL where it ends and
 * none before, its text UTF-8 and within the limit. */
static int open_strings(reader *r)
{
	gsize blob_len, n_at;
	r->blob = g_variant_get_fixed_array(r->sections[FT__SNAP_STRINGS], &blob_len, 1);
	r->string_at = g_variant_get_fixed_array(r->sections[FT__SNAP_STRING_AT], &n_at, 4);
	if (n_at == 0 || n_at - 1 >= UINT32_MAX || r->string_at[0] != 0 ||
	    r->string_at[n_at - 1] != blob_len) {
		problem(r, "strings", -1, FT_EFORMAT, "the string table's offsets do not cover it");
		return -1;
	}
	r->n_strings = (guint32)(n_at - 1);
	/* A large table is checked in two halves, the second on a thread of
	 * its own: nothing else can start before it is (the decoding reads
	 * the strings, the ids' index compares them). The first problem in
	 * table order is the one reported, as one thread would find it. */
	strings_job halves[2] = {{r, blob_len, 0, r->n_strings, 0, STRING_OK},
	                         {r, blob_len, r->n_strings, r->n_strings, 0, STRING_OK}};
	GThread *second = NULL;
	if (r->threaded) {
		halves[0].to = halves[1].from = r->n_strings / 2;
		second = g_thread_new("ft-snapshot-strings", check_strings, &halves[1]);
	}
	check_strings(&halves[0]);
	if (second)
		g_thread_join(second);
	const strings_job *bad = halves[0].why != STRING_OK ? &halves[0] : &halves[1];
	guint32 i = bad->bad;
	switch (bad->why) {
	case STRING_OK: return 0;
	case STRING_UNENDED:
		problem(r, "strings", (long)i, FT_EFORMAT,
		        "string %u does not end in a NUL where the next begins", i);
		break;
	case STRING_NOT_UTF8:
		problem(r, "strings", (long)i, FT_EFORMAT, "string %u is not valid UTF-8 (or holds a NUL)",
		        i);
		break;
	default:
		problem(r, "strings", (long)i, FT_ELIMIT,
		        "string %u is %u bytes, over the limit of %zu bytes", i,
		        r->string_at[i + 1] - 1 - r->string_at[i], r->max_string);
	}
	return -1;
}

/* ---- values ------------------------------------------------------------------ */

/* String `ref` (its index + 1; 0: none) of the entity being read. */
static const char *text(reader *r, guint32 ref, const char *field, long index)
{
	if (ref == 0)
		return NULL;
	if (ref > r->n_strings) {
		problem(r, field, index, FT_EFORMAT, "string %u is out of range (%u strings)", ref - 1,
		        r->n_strings);
		return NULL;
	}
	return r->blob + r->string_at[ref - 1];
}

/* The length of string `ref` (0 for none or out of range, where text()
 * gives NULL). */
static size_t text_len(const reader *r, guint32 ref)
{
	return ref == 0 || ref > r->n_strings ? 0 : r->string_at[ref] - r->string_at[ref - 1] - 1;
}

/* The id of the entity of `kind` at `pos` < r->n[kind], once read_ids has
 * checked every id (a claim's is then a string in range). */
static const char *entity_id(const reader *r, ft__kind kind, guint32 pos)
{
	if (kind == FT__CLAIM)
		return r->blob + r->string_at[r->claims[pos].id - 1];
	return r->ids[kind][pos];
}

/* The id of the entity of `kind` at `pos` (optional: pos + 1, 0 none). */
static const char *ref_id(reader *r, ft__kind kind, guint32 pos, int optional, const char *field, long index)
{
	if (optional) {
		if (pos == 0)
			return NULL;
		pos--;
	}
	if (pos >= r->n[kind]) {
		problem(r, field, index, FT_EFORMAT, "%s %u is out of range (%zu %s)",
		        ft__kind_singular[kind], pos, r->n[kind], ft__kind_plural[kind]);
		return NULL;
	}
	/* NULL: the entity's own id is bad, and was reported. */
	const char *id = entity_id(r, kind, pos);
	if (!id)
		r->bad = 1;
	return id;
}

static ft_time time_of(reader *r, gint64 us, guint64 meta, const char *field)
{
	ft_time t = {0, 0, 0, 0, 0};
	if (meta >> 25) {
		problem(r, field, -1, FT_EFORMAT, "malformed time value");
		return t;
	}
	t.start_us = us;
	t.offset_min = (int16_t)((int)(meta & 0xffff) - 32768);
	t.precision = (uint8_t)((meta >> 16) & 15);
	t.frac_digits = (uint8_t)((meta >> 20) & 15);
	t.zulu = (uint8_t)((meta >> 24) & 1);
	return t;
}

static ft_time time_child(reader *r, GVariant *tuple, gsize i, const char *field)
{
	gint64 us;
	guint32 meta;
	g_variant_get_child(tuple, i, "(xu)", &us, &meta);
	return time_of(r, us, meta, field);
}

static const guint32 *u32s(GVariant *tuple, gsize i, gsize *n)
{
	GVariant *v = g_variant_get_child_value(tuple, i);
	/* The tuple holds the array's data: the pointer outlives the child. */
	const guint32 *p = g_variant_get_fixed_array(v, n, sizeof(guint32));
	g_variant_unref(v);
	return p;
}

static const char *const *strings(reader *r, GVariant *tuple, gsize i, size_t *n, const char *field)
{
	gsize k;
	const guint32 *refs = u32s(tuple, i, &k);
	const char **out = ft__arena_alloc(&r->arena, (k ? k : 1) * sizeof *out);
	for (gsize j = 0; j < k; j++)
		out[j] = text(r, refs[j], field, (long)j);
	*n = k;
	return out;
}

static const char *const *actor_ids(reader *r, GVariant *tuple, gsize i, size_t *n, const char *field)
{
	gsize k;
	const guint32 *pos = u32s(tuple, i, &k);
	const char **out = ft__arena_alloc(&r->arena, (k ? k : 1) * sizeof *out);
	for (gsize j = 0; j < k; j++)
		out[j] = ref_id(r, FT__ACTOR, pos[j], 0, field, (long)j);
	*n = k;
	return out;
}

static ft_extension *exts_from(reader *r, const guint32 *pairs, size_t n, const char *field)
{
	ft_extension *out = ft__arena_alloc(&r->arena, (n ? n : 1) * sizeof *out);
	for (size_t j = 0; j < n; j++) {
		out[j].key = text(r, pairs[2 * j], field, (long)j);
		out[j].json = text(r, pairs[2 * j + 1], field, (long)j);
		if ((!out[j].key || !out[j].json) && !r->bad)
			problem(r, field, (long)j, FT_EFORMAT, "an extension without its key or value");
	}
	return out;
}

static const ft_extension *exts(reader *r, GVariant *tuple, gsize i, size_t *n, const char *field)
{
	GVariant *v = g_variant_get_child_value(tuple, i);
	gsize k;
	const guint32 *pairs = g_variant_get_fixed_array(v, &k, 2 * sizeof(guint32));
	g_variant_unref(v);
	*n = k;
	return exts_from(r, pairs, k, field);
}

static guint32 u32_at(GVariant *tuple, gsize i)
{
	guint32 v;
	g_variant_get_child(tuple, i, "u", &v);
	return v;
}

/* ---- entities ------------------------------------------------------------------ */

/* Adds the description of the entity being read, or its id alone when
 * reading it found a problem (so that references to it do not raise a
 * second one), as the document reader does. */
static void add_at(reader *r, const void *desc, const char *id, const ft__claim_given *at)
{
	if (!r->bad) {
		ft_error e;
		if ((at && at->checked) || ft__check_api_utf8_known(r->kind, desc, &e) == 0) {
			if (at)
				ft__dataset_insert_claim_at(r->ds, desc, r->pos, at, r->errs);
			else
				ft__dataset_insert(r->ds, r->kind, desc, r->pos, r->errs);
			goto done;
		}
		char path[FT_ERROR_PATH_SIZE];
		ft__entity_path(path, sizeof path, r->kind, r->pos, e.path[0] ? e.path : NULL, -1);
		ft__errlist_addf(r->errs, e.code, path, "%s", e.text);
	}
	ft__dataset_reserve(r->ds, r->kind, id, r->pos, r->errs);
done:
	ft__arena_reset(&r->arena);
	r->bad = 0;
}

static void add(reader *r, const void *desc, const char *id)
{
	add_at(r, desc, id, NULL);
}

static void read_actor(reader *r, GVariant *a)
{
	ft_actor_desc d = FT_ACTOR_DESC_INIT;
	d.id = r->ids[FT__ACTOR][r->pos];
	d.name = text(r, u32_at(a, 1), "name", -1);
	d.code = text(r, u32_at(a, 2), "code", -1);
	d.kind = (ft_actor_kind)u32_at(a, 3);
	d.parent = ref_id(r, FT__ACTOR, u32_at(a, 4), 1, "parent", -1);
	d.aliases = strings(r, a, 5, &d.n_aliases, "aliases");
	d.members = actor_ids(r, a, 6, &d.n_members, "members");
	d.opposes = actor_ids(r, a, 7, &d.n_opposes, "opposes");
	d.extensions = exts(r, a, 8, &d.n_extensions, "extensions");
	add(r, &d, d.id);
}

static void read_region(reader *r, GVariant *g)
{
	ft_region_desc d = FT_REGION_DESC_INIT;
	d.id = r->ids[FT__REGION][r->pos];
	d.name = text(r, u32_at(g, 1), "name", -1);
	d.code = text(r, u32_at(g, 2), "code", -1);
	d.kind = (ft_region_kind)u32_at(g, 3);
	d.parent = ref_id(r, FT__REGION, u32_at(g, 4), 1, "parent", -1);
	d.geometry = text(r, u32_at(g, 5), "geometry", -1);
	d.borders = actor_ids(r, g, 6, &d.n_borders, "borders");
	d.extensions = exts(r, g, 7, &d.n_extensions, "extensions");
	add(r, &d, d.id);
}

static void read_unit(reader *r, GVariant *u)
{
	ft_unit_desc d = FT_UNIT_DESC_INIT;
	d.id = r->ids[FT__UNIT][r->pos];
	d.name = text(r, u32_at(u, 1), "name", -1);
	d.actor = ref_id(r, FT__ACTOR, u32_at(u, 2), 0, "actor", -1);
	d.echelon = (ft_echelon)u32_at(u, 3);
	d.type = text(r, u32_at(u, 4), "type", -1);
	d.parent = ref_id(r, FT__UNIT, u32_at(u, 5), 1, "parent", -1);
	d.garrison = ref_id(r, FT__REGION, u32_at(u, 6), 1, "garrison", -1);
	d.sidc = text(r, u32_at(u, 7), "sidc", -1);
	guint32 has = u32_at(u, 8);
	if (has > 1)
		problem(r, "strength", -1, FT_EFORMAT, "has-strength flag %u is neither 0 nor 1", has);
	d.has_strength = (int)has;
	g_variant_get_child(u, 9, "t", &d.strength);
	d.extensions = exts(r, u, 10, &d.n_extensions, "extensions");
	add(r, &d, d.id);
}

static void read_source(reader *r, GVariant *s)
{
	ft_source_desc d = FT_SOURCE_DESC_INIT;
	d.id = r->ids[FT__SOURCE][r->pos];
	d.name = text(r, u32_at(s, 1), "name", -1);
	d.kind = (ft_source_kind)u32_at(s, 2);
	d.actor = ref_id(r, FT__ACTOR, u32_at(s, 3), 1, "actor", -1);
	d.parent = ref_id(r, FT__SOURCE, u32_at(s, 4), 1, "parent", -1);
	d.reliability = (ft_reliability)u32_at(s, 5);
	d.url = text(r, u32_at(s, 6), "url", -1);
	d.extensions = exts(r, s, 7, &d.n_extensions, "extensions");
	add(r, &d, d.id);
}

/* The words of a claim's FT__SNAP_WIDE entry, taken in order. */
static const gint64 *wide_take(reader *r, size_t *at, size_t n, const char *field)
{
	if (*at > r->n_wide || r->n_wide - *at < n) {
		problem(r, field, -1, FT_EFORMAT, "the claim's words run past the end of their section");
		return NULL;
	}
	const gint64 *p = r->wide + *at;
	*at += n;
	return p;
}

static ft_time wide_time(reader *r, size_t *at, const char *field)
{
	const gint64 *w = wide_take(r, at, 2, field);
	ft_time none = {0, 0, 0, 0, 0};
	return w ? time_of(r, w[0], (guint64)w[1], field) : none;
}

static const char **claim_list(reader *r, const guint32 *items, size_t n, ft__kind kind, const char *field)
{
	const char **out = ft__arena_alloc(&r->arena, (n ? n : 1) * sizeof *out);
	for (size_t j = 0; j < n; j++)
		out[j] = kind == FT__KIND_COUNT ? text(r, items[j], field, (long)j)
		                                : ref_id(r, kind, items[j], 0, field, (long)j);
	return out;
}

/* A claim's list of references at *p, taken: their ids, and (in `at`)
 * their positions. */
static const char **ref_list(reader *r, const guint32 **p, size_t n, ft__kind kind, const char *field,
                             const uint32_t **at)
{
	*at = *p;
	const char **ids = claim_list(r, *p, n, kind, field);
	*p += n;
	return ids;
}

/* Decodes claim record `c` (at r->pos) into `d`, its lists in r->arena,
 * with what the record gives beforehand in `given`; problems go to r->errs
 * and set r->bad. Reads nothing of the reader but what read_ids set, so
 * that the checks ahead (check_ahead) decode on a reader of their own. */
static void decode_claim(reader *r, const ft__snap_claim *c, ft_claim_desc *d, ft__claim_given *given)
{
	*given = (ft__claim_given){.source = c->source,
	                           .subject = c->subject,
	                           .region = c->region,
	                           .unit = c->unit ? c->unit - 1 : FT__NO_ENTITY,
	                           .id_len = text_len(r, c->id),
	                           .quote_len = text_len(r, c->quote),
	                           .url_len = text_len(r, c->url),
	                           .note_len = text_len(r, c->note)};
	d->id = entity_id(r, FT__CLAIM, r->pos);
	d->source = ref_id(r, FT__SOURCE, c->source, 0, "source", -1);
	d->subject = ref_id(r, FT__ACTOR, c->subject, 0, "subject", -1);
	d->region = ref_id(r, FT__REGION, c->region, 0, "region", -1);
	d->unit = ref_id(r, FT__UNIT, c->unit, 1, "unit", -1);
	d->measure = text(r, c->measure, "measure", -1);
	d->quote = text(r, c->quote, "quote", -1);
	d->url = text(r, c->url, "url", -1);
	d->note = text(r, c->note, "note", -1);
	d->reported = time_of(r, c->reported_us, c->reported_meta, "reported");
	d->quantity.qualifier = c->qualifier;
	d->quantity.has_value = c->has_value;
	d->quantity.value = c->value;
	d->kind = (ft_claim_kind)c->kind;
	d->observed_form = (ft_observed_form)c->observed_form;
	d->credibility = c->credibility;
	if (c->has_value > 1 || c->observed_form > FT_OBSERVED_INTERVAL || (c->flags & ~3u) ||
	    c->reserved[0] || c->reserved[1])
		problem(r, NULL, -1, FT_EFORMAT, "a claim record with a flag or a form that does not exist");
	int needs_wide =
	    (c->flags & (FT__SNAP_RANGE | FT__SNAP_RETRACTED)) || c->observed_form != FT_OBSERVED_NONE;
	if (needs_wide != (c->wide != 0)) {
		problem(r, NULL, -1, FT_EFORMAT, "the claim's words do not match its flags");
	} else if (c->wide) {
		size_t at = c->wide - 1;
		if (c->flags & FT__SNAP_RANGE) {
			const gint64 *w = wide_take(r, &at, 2, "quantity");
			if (w) {
				d->quantity.low = (uint64_t)w[0];
				d->quantity.high = (uint64_t)w[1];
			}
		}
		if (c->observed_form == FT_OBSERVED_TIME || c->observed_form == FT_OBSERVED_INTERVAL)
			d->observed.from = wide_time(r, &at, "observed");
		if (c->observed_form == FT_OBSERVED_INTERVAL)
			d->observed.to = wide_time(r, &at, "observed.to");
		if (c->flags & FT__SNAP_RETRACTED)
			d->retracted = wide_time(r, &at, "retracted");
	}
	if (c->lists) {
		size_t at = c->lists - 1;
		if (at > r->n_lists || r->n_lists - at < FT__SNAP_LIST_HEAD) {
			problem(r, NULL, -1, FT_EFORMAT,
			        "the claim's lists run past the end of their section");
			return;
		}
		const guint32 *head = r->lists + at;
		guint64 need =
		    (guint64)head[0] + head[1] + head[2] + head[3] + 2 * ((guint64)head[4] + head[5]);
		if (r->n_lists - at - FT__SNAP_LIST_HEAD < need) {
			problem(r, NULL, -1, FT_EFORMAT,
			        "the claim's lists run past the end of their section");
			return;
		}
		const guint32 *p = head + FT__SNAP_LIST_HEAD;
		d->n_via = head[0];
		d->via = ref_list(r, &p, d->n_via, FT__SOURCE, "via", &given->via);
		d->n_supersedes = head[1];
		d->supersedes = ref_list(r, &p, d->n_supersedes, FT__CLAIM, "supersedes", &given->supersedes);
		d->n_disputes = head[2];
		d->disputes = ref_list(r, &p, d->n_disputes, FT__CLAIM, "disputes", &given->disputes);
		d->n_tags = head[3];
		d->tags = claim_list(r, p, d->n_tags, FT__KIND_COUNT, "tags");
		p += d->n_tags;
		d->n_extensions = head[4];
		d->extensions = exts_from(r, p, d->n_extensions, "extensions");
		p += 2 * d->n_extensions;
		d->n_observed_extensions = head[5];
		d->observed_extensions = exts_from(r, p, d->n_observed_extensions, "observed.extensions");
	}
}

/* Reads claim record `c` (at r->pos) into the dataset; `checked`: its
 * checks were made ahead and passed (check_ahead). */
static void read_claim(reader *r, const ft__snap_claim *c, int checked)
{
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	ft__claim_given given;
	decode_claim(r, c, &d, &given);
	given.checked = checked;
	/* The positions are the dataset's while every entity before the
	 * claims was stored in order (see read_all); those of claims are once
	 * every claim is, and the load fails otherwise. */
	add_at(r, &d, d.id, r->positional ? &given : NULL);
}

/* The ids of every entity of every kind, before any entity is read, so
 * that a reference may point forward as in a document. */
static void read_ids(reader *r, GVariant *entities, const ft__snap_claim *claims, size_t n_claims)
{
	for (int k = 0; k < FT__KIND_COUNT; k++) {
		GVariant *list = k == FT__CLAIM ? NULL : g_variant_get_child_value(entities, (gsize)k + 1);
		size_t n = list ? g_variant_n_children(list) : n_claims;
		r->n[k] = n;
		if (list) {
			g_free(r->ids[k]); /* a second reading's (see sum_job) */
			r->ids[k] = g_new0(const char *, n ? n : 1);
		}
		r->kind = (ft__kind)k;
		for (size_t i = 0; i < n; i++) {
			r->pos = (uint32_t)i;
			guint32 ref = list ? 0 : claims[i].id;
			if (list) {
				GVariant *e = g_variant_get_child_value(list, i);
				ref = u32_at(e, 0);
				g_variant_unref(e);
			}
			const char *id = text(r, ref, "id", -1);
			if (list)
				r->ids[k][i] = id;
			if (!id && ref == 0)
				problem(r, "id", -1, FT_EFORMAT, "an entity without an id");
		}
		if (list)
			g_variant_unref(list);
	}
	r->bad = 0;
}

static void read_info(reader *r, GVariant *info)
{
	ft_dataset_info d = FT_DATASET_INFO_INIT;
	r->kind = FT__KIND_COUNT;
	d.id = text(r, u32_at(info, 0), "dataset.id", -1);
	d.title = text(r, u32_at(info, 1), "dataset.title", -1);
	d.description = text(r, u32_at(info, 2), "dataset.description", -1);
	d.license = text(r, u32_at(info, 3), "dataset.license", -1);
	d.created = time_child(r, info, 4, "dataset.created");
	d.updated = time_child(r, info, 5, "dataset.updated");
	d.authors = strings(r, info, 6, &d.n_authors, "dataset.authors");
	d.extensions = exts(r, info, 7, &d.n_extensions, "dataset");
	d.document_extensions = exts(r, info, 8, &d.n_document_extensions, "document");
	if (!r->bad) {
		ft_error e;
		if (ft__check_info_api(&d, &e) == 0 &&
		    ft__check_ext_json(d.extensions, d.n_extensions, &e) == 0 &&
		    ft__check_ext_json(d.document_extensions, d.n_document_extensions, &e) == 0)
			ft__dataset_set_info(r->ds, &d, r->errs);
		else
			ft__errlist_addf(r->errs, e.code, e.path[0] ? e.path : "dataset", "%s", e.text);
	}
	ft__arena_reset(&r->arena);
	r->bad = 0;
}

/* Reads every entity into r->ds; with `defer`, the claims without their
 * ids looked up or indexed (see sum_job). */
static void read_all(reader *r, int defer)
{
	GVariant *entities = r->sections[FT__SNAP_ENTITIES];
	gsize n_claims;
	const ft__snap_claim *claims =
	    g_variant_get_fixed_array(r->sections[FT__SNAP_CLAIMS], &n_claims, sizeof(ft__snap_claim));
	r->wide = g_variant_get_fixed_array(r->sections[FT__SNAP_WIDE], &r->n_wide, sizeof(gint64));
	r->lists = g_variant_get_fixed_array(r->sections[FT__SNAP_LISTS], &r->n_lists, sizeof(guint32));
	if (n_claims > UINT32_MAX) {
		ft__errlist_addf(r->errs, FT_ELIMIT, "claims", "more than %u entities", UINT32_MAX);
		return;
	}
	r->claims = claims;
	read_ids(r, entities, claims, n_claims);
	if (r->errs->count)
		return;
	GVariant *info = g_variant_get_child_value(entities, 0);
	read_info(r, info);
	g_variant_unref(info);
	if (defer) {
		ft__dataset_defer_ids(r->ds, FT__CLAIM);
		r->deferred = 1;
	}
	for (int k = 0; k < FT__KIND_COUNT; k++)
		ft__dataset_expect(r->ds, (ft__kind)k, r->n[k]);
	void (*const readers[])(reader *, GVariant *) = {read_actor, read_region, read_unit, read_source};
	for (int k = 0; k < FT__CLAIM && !r->errs->full; k++) {
		GVariant *list = g_variant_get_child_value(entities, (gsize)k + 1);
		r->kind = (ft__kind)k;
		for (size_t i = 0; i < r->n[k] && !r->errs->full; i++) {
			GVariant *e = g_variant_get_child_value(list, i);
			r->pos = (uint32_t)i;
			readers[k](r, e);
			g_variant_unref(e);
		}
		g_variant_unref(list);
	}
	/* Every actor, region and source stored at its own position: the
	 * claims' references to them can be taken by position. */
	r->positional = r->errs->count == 0;
	for (int k = 0; k < FT__CLAIM; k++)
		if (ft__dataset_count(r->ds, (ft__kind)k) != r->n[k])
			r->positional = 0;
	r->kind = FT__CLAIM;
	/* What is checked ahead is used only with the positions given. */
	ahead *a = r->ahead && r->positional && n_claims < G_MAXINT ? r->ahead : NULL;
	if (r->ahead)
		offer_ahead(r->ahead, a ? r : NULL);
	gint from = 0, upto = 0;
	for (size_t i = 0; i < n_claims && !r->errs->full; i++) {
		r->pos = (uint32_t)i;
		if (a && i % AHEAD_STEP == 0) {
			g_atomic_int_set(&a->decoding, (gint)i);
			upto = g_atomic_int_get(&a->upto);
			from = g_atomic_int_get(&a->from);
		}
		int checked = a && (gint)i >= from && (gint)i < upto && a->passed[i];
		read_claim(r, &claims[i], checked);
	}
}

/* Gives back the pages of a mapped snapshot once every entity is in the
 * dataset, which copied what it keeps: what follows (references, indexes)
 * then does not hold the file and the dataset at once, the load's peak is
 * lower by up to the file's size. The mapping is a private read-only one of
 * the file, so a page touched again would be read again from it, never
 * lost (and nothing touches them again). */
static void give_back(const guint8 *data, size_t size)
{
#ifdef MADV_DONTNEED
	long page_size = sysconf(_SC_PAGESIZE);
	uintptr_t page = page_size > 0 ? (uintptr_t)page_size : 4096, start = (uintptr_t)data;
	uintptr_t from = (start + page - 1) & ~(page - 1), to = (start + size) & ~(page - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_DONTNEED);
#else
	(void)data;
	(void)size;
#endif
}

/* Validation's rule: the header's content hash is the hash of what was
 * loaded. A mismatch is not damage (the checksum held) but a false claim
 * about the data, which a report citing the hash would repeat. */
static void check_content_hash(reader *r, const guint8 *data)
{
	char hex[65], recorded[65];
	ft_error e;
	if (ft_dataset_content_hash(r->ds, hex, &e) != 0) {
		ft__errlist_addf(r->errs, e.code, NULL, "%s", e.text);
		return;
	}
	for (int i = 0; i < 32; i++)
		g_snprintf(recorded + 2 * i, 3, "%02x", data[FT__SNAP_AT_CONTENT + i]);
	if (strcmp(hex, recorded) != 0)
		ft__errlist_addf(r->errs, FT_EFORMAT, "content hash",
		                 "snapshot: the header records content hash %s, but the content hashes to %s",
		                 recorded, hex);
}

/* Passes the held-back problems on, in order. */
static void pass_on(ft__errlist *errs, const ft__errlist *held, GArray *held_back)
{
	for (guint i = 0; i < held_back->len; i++)
		ft__errlist_add(errs, &g_array_index(held_back, ft_error, i));
	/* What the held list counted past its cap counts here too. */
	errs->count = MAX(errs->count, held->count);
	errs->full = errs->full || held->full;
}

static void hold_back(ft__errlist *held, GArray *held_back, const ft__errlist *errs)
{
	g_array_set_size(held_back, 0);
	ft__errlist_init(held, errs->file);
	held->max = errs->max;
	held->fn = hold_problem;
	held->payload = held_back;
}

ft_dataset *ft__snapshot_read(GBytes *bytes, const ft_load_options *opts, unsigned flags, ft__errlist *errs)
{
	reader r;
	memset(&r, 0, sizeof r);
	r.errs = errs;
	sum_job *job = g_new0(sum_job, 1);
	pthread_mutex_init(&job->ahead.lock, NULL);
	pthread_cond_init(&job->ahead.offered, NULL);
	GThread *summer = NULL;
	/* Every problem is held back until the checksum holds and the claims'
	 * ids are known to be distinct (see sum_job). */
	GArray *held_back = g_array_new(FALSE, FALSE, sizeof(ft_error));
	ft__errlist held;
	r.kind = FT__KIND_COUNT;
	r.max_string = ft__load_max_string(opts);
	ft__arena_init(&r.arena);
	gsize size;
	const guint8 *data = g_bytes_get_data(bytes, &size);
	if (size > ft__load_max_size(opts)) {
		ft__errlist_addf(errs, FT_ELIMIT, NULL, "input is %zu bytes, over the limit of %zu bytes",
		                 size, ft__load_max_size(opts));
		goto cleanup;
	}
	if (check_header(&r, data, size) != 0)
		goto cleanup;
	int threaded = size - FT__SNAP_HEADER_SIZE >= FT__SNAP_THREADED;
	r.threaded = threaded;
	if (!threaded) {
		guint8 sum[32];
		ft__snapshot_checksum(data, data + FT__SNAP_HEADER_SIZE, size - FT__SNAP_HEADER_SIZE, sum);
		if (memcmp(sum, data + FT__SNAP_AT_CHECKSUM, 32) != 0) {
			checksum_problem(&r);
			goto cleanup;
		}
	}
	hold_back(&held, held_back, errs);
	r.errs = &held;
	job->data = data;
	job->size = size;
	if (open_sections(&r, bytes) == 0 && open_strings(&r) == 0) {
		job->build_ids = 1;
		job->claims = g_variant_get_fixed_array(r.sections[FT__SNAP_CLAIMS], &job->n_claims,
		                                        sizeof(ft__snap_claim));
		job->blob = r.blob;
		job->string_at = r.string_at;
		job->n_strings = r.n_strings;
		GVariant *entities = r.sections[FT__SNAP_ENTITIES];
		GVariant *actors = g_variant_get_child_value(entities, 1 + FT__ACTOR);
		GVariant *regions = g_variant_get_child_value(entities, 1 + FT__REGION);
		job->n_actors = g_variant_n_children(actors);
		job->n_regions = g_variant_n_children(regions);
		g_variant_unref(actors);
		g_variant_unref(regions);
	}
	if (threaded && job->build_ids && job->n_claims < G_MAXINT) {
		job->ahead.passed = g_new0(guint8, job->n_claims ? job->n_claims : 1);
		r.ahead = &job->ahead;
	}
	if (threaded)
		summer = g_thread_new("ft-snapshot-sum", sum_thread, job);
	if (job->build_ids) {
		r.ds = ft_dataset_new();
		read_all(&r, 1);
	}
	if (summer) {
		offer_ahead(&job->ahead, NULL); /* in case the decoding never came to the claims */
		g_thread_join(summer);
		summer = NULL;
		r.ahead = NULL;
		if (memcmp(job->sum, data + FT__SNAP_AT_CHECKSUM, 32) != 0) {
			r.errs = errs;
			r.kind = FT__KIND_COUNT;
			checksum_problem(&r);
			goto cleanup;
		}
	} else {
		build_ids(job);
	}
	if (r.deferred && !job->ids) {
		/* Two claims with one id (or one without): read again, the ids
		 * looked up one by one, for the problems the JSON readers give. */
		ft_dataset_free(r.ds);
		hold_back(&held, held_back, errs);
		r.deferred = 0;
		r.ds = ft_dataset_new();
		read_all(&r, 0);
	}
	r.errs = errs;
	pass_on(errs, &held, held_back);
	if (!errs->count && r.ds) {
		if (r.deferred) {
			ft__dataset_adopt_ids(r.ds, FT__CLAIM, job->ids);
			job->ids = NULL;
		}
		/* The groups' measures are text in the file: a page given back
		 * is read again from it, once per measure. */
		if (flags & FT__SNAP_READ_MAPPED)
			give_back(data, size);
		ft__dataset_resolve_index_all(r.ds, r.deferred && job->groups.groups ? &job->groups : NULL,
		                              errs);
	}
	/* Copied into the groups: not held through what follows. */
	g_clear_pointer(&job->groups.groups, g_free);
	g_clear_pointer(&job->groups.positions, g_free);
	if (errs->count || !r.ds) {
		ft_dataset_free(r.ds);
		r.ds = NULL;
		goto cleanup;
	}
	if (flags & FT__SNAP_READ_VALIDATE) {
		check_content_hash(&r, data);
		if (errs->count) {
			ft_dataset_free(r.ds);
			r.ds = NULL;
		}
	}

cleanup:
	if (r.ds && errs->count) {
		ft_dataset_free(r.ds);
		r.ds = NULL;
	}
	ft__id_index_free(job->ids);
	g_free(job->ahead.passed);
	pthread_mutex_destroy(&job->ahead.lock);
	pthread_cond_destroy(&job->ahead.offered);
	g_free(job->groups.groups);
	g_free(job->groups.positions);
	g_free(job);
	g_array_free(held_back, TRUE);
	for (int i = 0; i < FT__SNAP_SECTIONS; i++)
		if (r.sections[i])
			g_variant_unref(r.sections[i]);
	for (int k = 0; k < FT__KIND_COUNT; k++)
		g_free(r.ids[k]);
	ft__arena_clear(&r.arena);
	return r.ds;
}
