/*
 * Saving a dataset as JSON Lines (docs/format.md section 7; appending is
 * io/append.c). A stream is read one line at a time, so every
 * reference must point to an earlier line: the writer puts the kinds in
 * the order actors, regions, units, sources, claims (references between
 * kinds then point backward by themselves) and, within a kind, finds an
 * order where every entity comes after the ones it names, keeping the
 * dataset's order wherever the references allow. The symmetric relations,
 * an actor's `opposes` and a claim's `disputes`, are written once each, on
 * the later of the two lines. Each line is the entity's canonical object
 * (io/write-private.h), compact.
 */
#include "io/write-private.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error-private.h"
#include "base/ordered-private.h"
#include "forcetrack/io.h"
#include "forcetrack/version.h"
#include "values/json-private.h"
#include "io/read-private.h"

/* ---- the order of one kind ------------------------------------------------ */

/*
 * The lines of one kind: `order[k]` is the dataset index of the entity on
 * the kind's k-th line. For actors and claims, `pairs` holds the symmetric
 * relation as (later line, earlier line) pairs, sorted and without
 * repeats, so the partners to write on line k are a run of it.
 */
typedef struct plan {
	size_t n;
	guint32 *order;
	guint32 *line_of; /* the inverse of order */
	guint64 *pairs;   /* later << 32 | earlier */
	size_t n_pairs;
} plan;

static void plan_clear(plan *p)
{
	g_free(p->order);
	g_free(p->line_of);
	g_free(p->pairs);
	memset(p, 0, sizeof *p);
}

/* The dataset index of an entity handed out by the dataset. */
static guint32 index_of(const void *entity)
{
	return ((const ft__entity *)entity)->pos;
}

/*
 * Appends to `out` the dataset indices of the entities of the same kind
 * that entity `i` names and so must come before it: an actor's parent and
 * members, a region's, unit's or source's parent, the claims a claim
 * supersedes.
 */
static void add_predecessors(const ft_dataset *ds, ft__kind kind, size_t i, GArray *out)
{
	const void *p = NULL;
	guint32 at;
	switch (kind) {
	case FT__ACTOR: {
		const ft_actor *a = ft_dataset_actor_at(ds, i);
		ft_actor_desc d = FT_ACTOR_DESC_INIT;
		ft_actor_describe(a, &d);
		if ((p = ft_actor_parent(a)) != NULL) {
			at = index_of(p);
			g_array_append_val(out, at);
		}
		for (size_t m = 0; m < d.n_members; m++) {
			at = index_of(ft_dataset_find_actor(ds, d.members[m]));
			g_array_append_val(out, at);
		}
		return;
	}
	case FT__REGION: p = ft_region_parent(ft_dataset_region_at(ds, i)); break;
	case FT__UNIT: p = ft_unit_parent(ft_dataset_unit_at(ds, i)); break;
	case FT__SOURCE: p = ft_source_parent(ft_dataset_source_at(ds, i)); break;
	case FT__CLAIM: {
		ft_claim_desc d = FT_CLAIM_DESC_INIT;
		ft_claim_describe(ft_dataset_claim_at(ds, i), &d);
		for (size_t s = 0; s < d.n_supersedes; s++) {
			at = index_of(ft_dataset_find_claim(ds, d.supersedes[s]));
			g_array_append_val(out, at);
		}
		return;
	}
	default: g_assert_not_reached();
	}
	if (p) {
		at = index_of(p);
		g_array_append_val(out, at);
	}
}

static const char *id_at(const ft_dataset *ds, ft__kind kind, size_t i)
{
	switch (kind) {
	case FT__ACTOR: return ft_actor_id(ft_dataset_actor_at(ds, i));
	case FT__REGION: return ft_region_id(ft_dataset_region_at(ds, i));
	case FT__UNIT: return ft_unit_id(ft_dataset_unit_at(ds, i));
	case FT__SOURCE: return ft_source_id(ft_dataset_source_at(ds, i));
	case FT__CLAIM: return ft_claim_id(ft_dataset_claim_at(ds, i));
	default: g_assert_not_reached();
	}
}

/* How entity `from` names `to` in the loop message. */
static void describe_step(GString *out, const ft_dataset *ds, ft__kind kind, guint32 from, guint32 to)
{
	const char *a = id_at(ds, kind, from);
	const char *b = id_at(ds, kind, to);
	int by_parent = 0;
	switch (kind) {
	case FT__ACTOR:
		by_parent = ft_actor_parent(ft_dataset_actor_at(ds, from)) == ft_dataset_actor_at(ds, to);
		break;
	case FT__CLAIM: break;
	default: by_parent = 1; break;
	}
	if (by_parent)
		g_string_append_printf(out, "\"%s\" has parent \"%s\"", FT__Q(a), FT__Q(b));
	else
		g_string_append_printf(out, "\"%s\" lists \"%s\" in %s", FT__Q(a), FT__Q(b),
		                       kind == FT__ACTOR ? "members" : "supersedes");
}

/*
 * Every entity left unplaced names at least one other unplaced entity, so
 * walking from one to an unplaced entity it names must come round: the
 * loop found is reported. Only members can make one (the model refuses
 * parent and supersedes loops), but any loop is named the same way.
 */
static int report_loop(const ft_dataset *ds, ft__kind kind, size_t n, const guint32 *pstart,
                       const guint32 *pred, const guint8 *placed, ft_error *err)
{
	guint32 *seen = g_new0(guint32, n); /* the step at which the walk met it, plus one */
	GArray *walk = g_array_new(FALSE, FALSE, sizeof(guint32));
	guint32 x = 0;
	while (placed[x])
		x++;
	while (!seen[x]) {
		g_array_append_val(walk, x);
		seen[x] = walk->len;
		guint32 next = x;
		for (guint32 e = pstart[x]; e < pstart[x + 1]; e++) {
			if (!placed[pred[e]]) {
				next = pred[e];
				break;
			}
		}
		g_assert(next != x);
		x = next;
	}
	/* The loop runs from walk[seen[x] - 1] to the end and back to x. */
	guint first = seen[x] - 1;
	guint len = walk->len - first;
	const guint32 *loop = &g_array_index(walk, guint32, first);
	char path[FT_ERROR_PATH_SIZE];
	int rc;
	if (kind == FT__ACTOR && len == 2 &&
	    ft_actor_parent(ft_dataset_actor_at(ds, loop[0])) != ft_dataset_actor_at(ds, loop[1]) &&
	    ft_actor_parent(ft_dataset_actor_at(ds, loop[1])) != ft_dataset_actor_at(ds, loop[0])) {
		guint32 a = MIN(loop[0], loop[1]), b = MAX(loop[0], loop[1]);
		g_snprintf(path, sizeof path, "actors[%u].members", b);
		rc = ft__error_set(
		    err, FT_ELOOP, path,
		    "members of \"%s\" and \"%s\" name each other: a stream needs references to "
		    "point backward",
		    FT__Q(id_at(ds, kind, a)), FT__Q(id_at(ds, kind, b)));
	} else {
		GString *steps = g_string_new(NULL);
		for (guint k = 0; k < len; k++) {
			if (k)
				g_string_append(steps, ", ");
			describe_step(steps, ds, kind, loop[k], loop[(k + 1) % len]);
		}
		g_snprintf(path, sizeof path, "%s[%u]", ft__kind_plural[kind], loop[0]);
		rc = ft__error_set(
		    err, FT_ELOOP, path,
		    "%s name each other in a loop (%s): a stream needs references to point backward",
		    ft__kind_plural[kind], steps->str);
		g_string_free(steps, TRUE);
	}
	g_array_free(walk, TRUE);
	g_free(seen);
	return rc;
}

static gint compare_index(gconstpointer a, gconstpointer b, gpointer unused)
{
	(void)unused;
	guint32 x = GPOINTER_TO_UINT(a), y = GPOINTER_TO_UINT(b);
	return x < y ? -1 : x > y;
}

/*
 * Kahn's algorithm, always taking the smallest dataset index that is
 * ready, so that the lines keep the dataset's order wherever the
 * references allow. A cursor walks the dataset in order and takes each
 * entity whose predecessors are all placed; an entity the cursor had to
 * pass goes, once its last predecessor is placed, into a sorted sequence.
 * Everything in the sequence lies behind the cursor, so its first element,
 * when there is one, is the smallest index ready. A dataset in a good
 * order never fills the sequence; in any case each entity enters it at
 * most once, at O(log n), so the whole is O((n + e) log n).
 */
static int plan_order(const ft_dataset *ds, ft__kind kind, plan *p, ft_error *err)
{
	size_t n = p->n;
	guint32 *pstart = g_new(guint32, n + 1);
	guint32 *sstart = g_new0(guint32, n + 1);
	guint32 *waiting = g_new(guint32, n ? n : 1); /* predecessors not yet placed */
	guint8 *placed = g_new0(guint8, n ? n : 1);
	GArray *pred = g_array_new(FALSE, FALSE, sizeof(guint32));
	guint32 *succ = NULL;
	GSequence *ready = g_sequence_new(NULL);
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		pstart[i] = pred->len;
		add_predecessors(ds, kind, i, pred);
		waiting[i] = pred->len - pstart[i];
	}
	pstart[n] = pred->len;

	/* The successors, as the predecessors' reverse. */
	const guint32 *pv = (const guint32 *)(void *)pred->data;
	for (guint e = 0; e < pred->len; e++)
		sstart[pv[e] + 1]++;
	for (size_t i = 0; i < n; i++)
		sstart[i + 1] += sstart[i];
	succ = g_new(guint32, pred->len ? pred->len : 1);
	{
		guint32 *fill = g_new(guint32, n + 1);
		memcpy(fill, sstart, (n + 1) * sizeof *sstart);
		for (size_t i = 0; i < n; i++)
			for (guint32 e = pstart[i]; e < pstart[i + 1]; e++)
				succ[fill[pv[e]]++] = (guint32)i;
		g_free(fill);
	}

	size_t cursor = 0;
	for (size_t k = 0; k < n; k++) {
		guint32 x;
		if (!g_sequence_is_empty(ready)) {
			GSequenceIter *first = g_sequence_get_begin_iter(ready);
			x = GPOINTER_TO_UINT(g_sequence_get(first));
			g_sequence_remove(first);
		} else {
			while (cursor < n && waiting[cursor] > 0)
				cursor++;
			if (cursor == n) {
				rc = report_loop(ds, kind, n, pstart, pv, placed, err);
				goto cleanup;
			}
			x = (guint32)cursor++;
		}
		placed[x] = 1;
		p->order[k] = x;
		p->line_of[x] = (guint32)k;
		for (guint32 e = sstart[x]; e < sstart[x + 1]; e++) {
			guint32 s = succ[e];
			if (--waiting[s] == 0 && s < cursor)
				g_sequence_insert_sorted(ready, GUINT_TO_POINTER(s), compare_index, NULL);
		}
	}

cleanup:
	g_sequence_free(ready);
	g_free(succ);
	g_array_free(pred, TRUE);
	g_free(placed);
	g_free(waiting);
	g_free(sstart);
	g_free(pstart);
	return rc;
}

static int compare_u64(const void *a, const void *b)
{
	guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
	return x < y ? -1 : x > y;
}

/*
 * The symmetric relation of a kind (opposes, disputes) as pairs of lines:
 * a declaration on either side becomes (later line, earlier line), and a
 * relation declared on both sides becomes one pair.
 */
static void plan_pairs(const ft_dataset *ds, ft__kind kind, plan *p)
{
	GArray *pairs = g_array_new(FALSE, FALSE, sizeof(guint64));
	for (size_t i = 0; i < p->n; i++) {
		ft__desc d;
		ft__describe_at(ds, kind, i, &d);
		const char *const *ids = kind == FT__ACTOR ? d.actor.opposes : d.claim.disputes;
		size_t n_ids = kind == FT__ACTOR ? d.actor.n_opposes : d.claim.n_disputes;
		for (size_t j = 0; j < n_ids; j++) {
			const void *other = kind == FT__ACTOR
			                        ? (const void *)ft_dataset_find_actor(ds, ids[j])
			                        : (const void *)ft_dataset_find_claim(ds, ids[j]);
			guint64 a = p->line_of[i], b = p->line_of[index_of(other)];
			guint64 pair = a > b ? a << 32 | b : b << 32 | a;
			g_array_append_val(pairs, pair);
		}
	}
	if (pairs->len)
		qsort(pairs->data, pairs->len, sizeof(guint64), compare_u64);
	size_t kept = 0;
	guint64 *v = (guint64 *)(void *)pairs->data;
	for (guint k = 0; k < pairs->len; k++)
		if (kept == 0 || v[kept - 1] != v[k])
			v[kept++] = v[k];
	p->n_pairs = kept;
	p->pairs = (guint64 *)(void *)g_array_free(pairs, FALSE);
}

static int plan_kind(const ft_dataset *ds, ft__kind kind, plan *p, ft_error *err)
{
	memset(p, 0, sizeof *p);
	p->n = ft__dataset_count(ds, kind);
	p->order = g_new(guint32, p->n ? p->n : 1);
	p->line_of = g_new(guint32, p->n ? p->n : 1);
	int rc = plan_order(ds, kind, p, err);
	if (rc == 0 && (kind == FT__ACTOR || kind == FT__CLAIM))
		plan_pairs(ds, kind, p);
	return rc;
}

/* ---- saving ---------------------------------------------------------------- */

/* The header line: the format, the dataset metadata, the document's
 * top-level extensions. */
static int write_header(ft__writer *w, const ft_dataset *ds)
{
	ft_dataset_info info = FT_DATASET_INFO_INIT;
	json_t *dataset = NULL;
	json_t *top = NULL;
	ft_dataset_describe(ds, &info);
	int rc = ft__info_json(&info, &dataset, &top, w->err);
	if (rc)
		return rc;
	json_t *header = json_object();
	json_object_set_new(header, "forcetrack", json_string(FT_FORMAT_STRING));
	if (dataset)
		json_object_set_new(header, "dataset", dataset);
	if (top)
		json_object_update(header, top);
	ft__json_emit(w->buf, header, -1, 0);
	g_string_append_c(w->buf, '\n');
	json_decref(header);
	json_decref(top);
	return 0;
}

/* One entity's line: {"actor":{...}}. Takes no reference to `obj`. */
void ft__lines_emit(GString *out, ft__kind kind, json_t *obj)
{
	g_string_append_printf(out, "{\"%s\":", ft__kind_singular[kind]);
	ft__json_emit(out, obj, -1, 0);
	g_string_append(out, "}\n");
}

/* The line of entity `k` (in line order) of `kind` into `out`. `next_pair`
 * is the first of p->pairs not before line k, which it moves past k's. */
static int write_line(const ft_dataset *ds, ft__kind kind, const plan *p, size_t k, size_t *next_pair,
                      GPtrArray *partners, GString *out, ft_error *err)
{
	guint32 i = p->order[k];
	char path[FT_ERROR_PATH_SIZE];
	ft__desc d;
	const void *desc = ft__describe_at(ds, kind, i, &d);
	if (kind == FT__ACTOR || kind == FT__CLAIM) {
		/* The earlier partners, in line order. */
		g_ptr_array_set_size(partners, 0);
		for (; *next_pair < p->n_pairs && p->pairs[*next_pair] >> 32 == k; (*next_pair)++) {
			guint32 other = p->order[p->pairs[*next_pair] & 0xffffffffu];
			g_ptr_array_add(partners, (gpointer)(uintptr_t)id_at(ds, kind, other));
		}
		if (kind == FT__ACTOR) {
			d.actor.opposes = (const char *const *)partners->pdata;
			d.actor.n_opposes = partners->len;
		} else {
			d.claim.disputes = (const char *const *)partners->pdata;
			d.claim.n_disputes = partners->len;
		}
	}
	g_snprintf(path, sizeof path, "%s[%u]", ft__kind_plural[kind], i);
	json_t *obj = ft__entity_json(kind, desc, path, err);
	if (!obj)
		return err && err->code ? err->code : FT_EFORMAT;
	ft__lines_emit(out, kind, obj);
	json_decref(obj);
	return 0;
}

/* The first pair of line k or after (pairs are sorted by their later line). */
static size_t first_pair(const plan *p, size_t k)
{
	size_t lo = 0, hi = p->n_pairs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((p->pairs[mid] >> 32) < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The claims' lines on two threads. Claims are most of a dataset and
 * each line is built alone (a JSON object, then its text), so two threads
 * build the lines of chunks of claims (an ordered pool, base/ordered-
 * private.h) while this thread hands each chunk, in order, to the writer
 * (a file, a string, or the content hash's checksum). The bytes are those
 * of one thread; an error is the first one in line order.
 */
unsigned ft__lines_chunk = 4096; /* claims a chunk; 0: one thread. A variable for the tests. */

#define RING     8
#define BUILDERS 2

typedef struct chunk_slot {
	GString *text;
	GPtrArray *partners;
	int rc;
	ft_error err;
} chunk_slot;

typedef struct chunks {
	const ft_dataset *ds;
	const plan *p;
} chunks;

static void build_chunk(void *payload, size_t n, void *slot)
{
	const chunks *c = payload;
	chunk_slot *sl = slot;
	g_string_truncate(sl->text, 0);
	ft_error_clear(&sl->err);
	size_t from = n * ft__lines_chunk, to = MIN(from + ft__lines_chunk, c->p->n);
	size_t next_pair = first_pair(c->p, from);
	int rc = 0;
	for (size_t k = from; k < to && !rc; k++)
		rc = write_line(c->ds, FT__CLAIM, c->p, k, &next_pair, sl->partners, sl->text, &sl->err);
	sl->rc = rc;
}

static int write_claims_threaded(ft__writer *w, const ft_dataset *ds, const plan *p)
{
	chunks c = {ds, p};
	size_t n_chunks = (p->n + ft__lines_chunk - 1) / ft__lines_chunk;
	chunk_slot slot[RING];
	void *slots[RING];
	for (size_t i = 0; i < RING; i++) {
		slot[i].text = g_string_new(NULL);
		slot[i].partners = g_ptr_array_new();
		slots[i] = &slot[i];
	}
	ft__ordered *pool = ft__ordered_new(n_chunks, BUILDERS, RING, slots, build_chunk, &c);
	int rc = 0;
	for (size_t n = 0; n < n_chunks && !rc; n++) {
		chunk_slot *sl = ft__ordered_take(pool);
		rc = sl->rc;
		if (rc) {
			if (w->err)
				*w->err = sl->err;
		} else {
			g_string_append_len(w->buf, sl->text->str, (gssize)sl->text->len);
			rc = ft__writer_flush(w, 0);
		}
		ft__ordered_give_back(pool);
	}
	ft__ordered_free(pool);
	for (size_t i = 0; i < RING; i++) {
		g_string_free(slot[i].text, TRUE);
		g_ptr_array_free(slot[i].partners, TRUE);
	}
	return rc;
}

static int write_kind(ft__writer *w, const ft_dataset *ds, ft__kind kind)
{
	plan p;
	GPtrArray *partners = g_ptr_array_new();
	size_t next_pair = 0;
	int rc = plan_kind(ds, kind, &p, w->err);
	if (rc)
		goto cleanup;
	if (kind == FT__CLAIM && ft__lines_chunk && p.n > ft__lines_chunk) {
		rc = write_claims_threaded(w, ds, &p);
		goto cleanup;
	}
	for (size_t k = 0; k < p.n && !rc; k++) {
		rc = write_line(ds, kind, &p, k, &next_pair, partners, w->buf, w->err);
		if (!rc)
			rc = ft__writer_flush(w, 0);
	}

cleanup:
	g_ptr_array_free(partners, TRUE);
	plan_clear(&p);
	return rc;
}

int ft__write_lines(ft__writer *w, const ft_dataset *ds)
{
	int rc = write_header(w, ds);
	for (int k = 0; k < FT__KIND_COUNT && !rc; k++)
		rc = write_kind(w, ds, (ft__kind)k);
	return rc ? rc : ft__writer_flush(w, 1);
}

char *ft_dataset_save_lines_string(const ft_dataset *ds, ft_error *err)
{
	return ft__save_string(ds, ft__write_lines, err);
}

int ft_dataset_save_lines_file(const ft_dataset *ds, const char *path, ft_error *err)
{
	return ft__save_file(ds, path, ft__write_lines, err);
}
