/*
 * The claim store: a claim is a fixed part followed by only the parts it
 * has (struct ft_claim in model/dataset-private.h), times packed into 8
 * bytes where they fit. Inserting a claim checks it (check.c), sizes it,
 * and writes its parts; the accessors of the parts are inline in
 * model/model-private.h, since every getter goes through them.
 */
#include "model/model-private.h"

#define PACKED_SECONDS_BITS 47

/* Packs a time value into 8 bytes: bits 0-2 precision, 3 'Z', 4-15 the
 * offset in minutes + 2048, 16-63 whole seconds since the epoch (signed).
 * Returns 0 when the value has a fraction of a second or does not fit. */
static int time_pack(const ft_time *t, uint64_t *out)
{
	if (t->frac_digits || t->start_us % G_USEC_PER_SEC)
		return 0;
	int64_t s = t->start_us / G_USEC_PER_SEC;
	if (s < -(INT64_C(1) << PACKED_SECONDS_BITS) || s >= (INT64_C(1) << PACKED_SECONDS_BITS))
		return 0;
	if (t->offset_min < -2048 || t->offset_min > 2047 || t->precision > 7 || t->zulu > 1)
		return 0;
	*out = ((uint64_t)s << 16) | ((uint64_t)(t->offset_min + 2048) << 4) | ((uint64_t)t->zulu << 3) |
	       t->precision;
	return 1;
}

static ft_time time_unpack(uint64_t v)
{
	ft_time t = {0, 0, 0, 0, 0};
	uint64_t bits = v >> 16;
	/* Sign-extend the 48-bit seconds. */
	int64_t s = bits & (UINT64_C(1) << PACKED_SECONDS_BITS)
	                ? (int64_t)(bits | ~((UINT64_C(1) << (PACKED_SECONDS_BITS + 1)) - 1))
	                : (int64_t)bits;
	t.start_us = s * G_USEC_PER_SEC;
	t.offset_min = (int16_t)((int)((v >> 4) & 0xfff) - 2048);
	t.zulu = (uint8_t)((v >> 3) & 1);
	t.precision = (uint8_t)(v & 7);
	return t;
}

static int time_packs(const ft_time *t)
{
	uint64_t v;
	if (!time_pack(t, &v))
		return 0;
	ft_time back = time_unpack(v);
	return back.start_us == t->start_us && back.offset_min == t->offset_min && back.zulu == t->zulu &&
	       back.precision == t->precision && back.frac_digits == t->frac_digits;
}

ft_time ft__claim_time(const ft_claim *c, enum ft__claim_part part)
{
	ft_time t = {0, 0, 0, 0, 0};
	const void *p = ft__claim_part_at(c, part);
	if (!p)
		return t;
	if (c->e.flags & FT__CLAIM_WIDE)
		memcpy(&t, p, sizeof t);
	else
		t = time_unpack(*(const uint64_t *)p);
	return t;
}

/* The index of `measure` among the dataset's measures, added if new, or
 * FT__MEASURE_IN_TAIL when there are too many to index. */
const char *ft__dataset_measure_interned(const ft_dataset *ds, const char *measure)
{
	gpointer key;
	return g_hash_table_lookup_extended(ds->measure_index, measure, &key, NULL) ? key : NULL;
}

uint16_t ft__dataset_measure_index(ft_dataset *ds, const char *measure)
{
	if (ds->last_measure < ds->measures->len &&
	    strcmp(g_ptr_array_index(ds->measures, ds->last_measure), measure) == 0)
		return ds->last_measure;
	gpointer found;
	if (g_hash_table_lookup_extended(ds->measure_index, measure, NULL, &found)) {
		ds->last_measure = (uint16_t)GPOINTER_TO_UINT(found);
		return ds->last_measure;
	}
	if (ds->measures->len >= FT__MEASURE_IN_TAIL)
		return FT__MEASURE_IN_TAIL;
	guint i = ds->measures->len;
	const char *m = ft__dataset_intern(ds, measure);
	g_ptr_array_add(ds->measures, (gpointer)(uintptr_t)m);
	g_hash_table_insert(ds->measure_index, (gpointer)(uintptr_t)m, GUINT_TO_POINTER(i));
	return (uint16_t)i;
}

/* Writes a time into its slot, packed or whole. */
static char *put_time(char *p, const ft_time *t, int wide)
{
	if (wide) {
		memcpy(p, t, sizeof *t);
		return p + ROUND8(sizeof *t);
	}
	uint64_t v = 0;
	time_pack(t, &v);
	memcpy(p, &v, sizeof v);
	return p + 8;
}

static char *put_string(char *p, const char *s)
{
	memcpy(p, &s, sizeof s);
	return p + 8;
}

static char *put_list(ft_dataset *ds, char *p, const char *const *items, size_t n, int interned)
{
	uint64_t count = n;
	memcpy(p, &count, sizeof count);
	const char **out = (const char **)(void *)(p + 8);
	for (size_t i = 0; i < n; i++)
		out[i] = interned ? ft__dataset_intern(ds, items[i]) : ft__dataset_copy_text(ds, items[i]);
	return p + 8 + ROUND8(n * sizeof(void *));
}

/* A copy of `s`, of `*len` bytes when given. */
static const char *copy_text(ft_dataset *ds, const char *s, const size_t *len)
{
	return len ? g_string_chunk_insert_len(ds->strings, s, (gssize)*len) : ft__dataset_copy_text(ds, s);
}

/* A list of references given by position: the entities' ids when they
 * are here already (sources), else none until resolve takes them from the
 * entities (claims, which may come later), then the positions. */
static char *put_positions(const ft_dataset *ds, char *p, ft__kind kind, const uint32_t *pos, size_t n)
{
	uint64_t count = n;
	memcpy(p, &count, sizeof count);
	const char **ids = (const char **)(void *)(p + 8);
	const GPtrArray *items = ds->tables[kind].items;
	for (size_t i = 0; i < n; i++)
		ids[i] =
		    kind == FT__CLAIM ? NULL : ((const ft__entity *)g_ptr_array_index(items, pos[i]))->id;
	p += 8 + ROUND8(n * sizeof(void *));
	memcpy(p, pos, n * sizeof *pos);
	return p + ROUND8(n * sizeof *pos);
}

/* The entity of `kind` at position `pos` when it is in range, else the one
 * `id` names (NULL: none yet). */
static const ft__entity *ref_at(const ft_dataset *ds, ft__kind kind, const uint32_t *pos, const char *id)
{
	const GPtrArray *items = ds->tables[kind].items;
	if (pos && *pos < items->len)
		return g_ptr_array_index(items, *pos);
	return ft__dataset_lookup(ds, kind, id);
}

/* Whether every position of a list is in range of `kind`. */
static int in_range(const ft_dataset *ds, ft__kind kind, const uint32_t *pos, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (pos[i] >= ds->tables[kind].items->len)
			return 0;
	return 1;
}

/* Whether the claim's unit and via list can be taken from `at`: every
 * position in range (the supersedes and disputes positions are the
 * caller's to answer for, see ft__dataset_insert_claim_at). */
static int lists_given(const ft_dataset *ds, const ft_claim_desc *d, const ft__claim_given *at)
{
	if (!at || (d->unit != NULL) != (at->unit != FT__NO_ENTITY))
		return 0;
	if (d->unit && at->unit >= ds->tables[FT__UNIT].items->len)
		return 0;
	return in_range(ds, FT__SOURCE, at->via, d->n_via);
}

ft__entity *ft__insert_claim(ft_dataset *ds, const ft__check_ctx *c, const ft_claim_desc *d,
                             const ft__claim_given *at)
{
	/* Checked already, and its id's duplicates looked for by the deferred
	 * index: what ft__check_new_id would do is done. */
	int checked = at && at->checked;
	if (!(checked && ds->tables[FT__CLAIM].deferred) && ft__check_new_id(ds, c, d->id) != 0)
		return NULL;
	if (!checked)
		ft__check_claim(c, d);

	/* Which parts the claim has, and how large it is. */
	unsigned parts = 1u << FT__CP_REPORTED;
	int interval = d->observed_form == FT_OBSERVED_INTERVAL;
	if (d->observed_form == FT_OBSERVED_TIME || interval)
		parts |= 1u << FT__CP_OBSERVED_FROM;
	if (interval)
		parts |= 1u << FT__CP_OBSERVED_TO;
	if (ft_time_is_set(&d->retracted))
		parts |= 1u << FT__CP_RETRACTED;
	if (d->quantity.low || d->quantity.high)
		parts |= 1u << FT__CP_RANGE;
	uint16_t measure_i = ft__dataset_measure_index(ds, d->measure ? d->measure : FT_MEASURE_DEFAULT);
	const char *measure = measure_i == FT__MEASURE_IN_TAIL ? d->measure : NULL;
	const void *present[FT__CP_COUNT] = {
	    [FT__CP_MEASURE] = measure,
	    [FT__CP_QUOTE] = d->quote,
	    [FT__CP_URL] = d->url,
	    [FT__CP_NOTE] = d->note,
	    [FT__CP_UNIT] = d->unit,
	    [FT__CP_EXT] = d->n_extensions ? d : NULL,
	    [FT__CP_OBSERVED_EXT] = d->n_observed_extensions ? d : NULL,
	    [FT__CP_VIA] = d->n_via ? d : NULL,
	    [FT__CP_SUPERSEDES] = d->n_supersedes ? d : NULL,
	    [FT__CP_DISPUTES] = d->n_disputes ? d : NULL,
	    [FT__CP_TAGS] = d->n_tags ? d : NULL,
	};
	for (unsigned i = FT__CP_MEASURE; i < FT__CP_COUNT; i++)
		if (present[i])
			parts |= 1u << i;
	const ft_time *times[] = {&d->reported, &d->observed.from, &d->observed.to, &d->retracted};
	int wide = 0;
	for (unsigned i = 0; i < G_N_ELEMENTS(times); i++)
		if ((parts & (1u << i)) && !time_packs(times[i]))
			wide = 1;
	const size_t counts[FT__CP_COUNT] = {[FT__CP_VIA] = d->n_via,
	                                     [FT__CP_SUPERSEDES] = d->n_supersedes,
	                                     [FT__CP_DISPUTES] = d->n_disputes,
	                                     [FT__CP_TAGS] = d->n_tags};
	int big = d->quantity.value > UINT32_MAX;
	size_t size = sizeof(ft_claim) + (big ? 8 : 0);
	for (unsigned i = 0; i < FT__CP_COUNT; i++)
		if (parts & (1u << i))
			size += ft__part_size(i, wide, counts[i]);

	ft_claim *cl = (ft_claim *)ft__entity_alloc(ds, c, d->id, at ? (gssize)at->id_len : -1, size);
	/* References to entities already here (always so for JSON Lines and
	 * the add functions) are taken now: one look-up instead of interning
	 * the id and looking it up again on resolve. */
	const ft__entity *source = ref_at(ds, FT__SOURCE, at ? &at->source : NULL, d->source);
	const ft__entity *subject = ref_at(ds, FT__ACTOR, at ? &at->subject : NULL, d->subject);
	const ft__entity *region = ref_at(ds, FT__REGION, at ? &at->region : NULL, d->region);
	int lists = source && subject && region && lists_given(ds, d, at);
	if (source && subject && region) {
		cl->source = source->pos;
		cl->subject = subject->pos;
		cl->region = region->pos;
		cl->e.flags |= FT__CLAIM_REFS;
	} else {
		/* Until resolve, the three hold where their ids are in `pending`. */
		cl->source = ds->pending->len;
		g_ptr_array_add(ds->pending, (gpointer)(uintptr_t)ft__dataset_intern(ds, d->source));
		cl->subject = ds->pending->len;
		g_ptr_array_add(ds->pending, (gpointer)(uintptr_t)ft__dataset_intern(ds, d->subject));
		cl->region = ds->pending->len;
		g_ptr_array_add(ds->pending, (gpointer)(uintptr_t)ft__dataset_intern(ds, d->region));
	}
	/* A value beyond 32 bits (never a real count, but the format allows
	 * up to 2^53) goes in the first word of the tail. */
	cl->value = (uint32_t)d->quantity.value;
	cl->e.parts = (uint16_t)parts;
	/* Out-of-range values were reported above and refuse the claim. */
	cl->e.qualifier = (uint8_t)(d->quantity.qualifier & 7);
	cl->e.claim_kind = (uint8_t)(d->kind & 3);
	cl->e.observed_form = (uint8_t)(d->observed_form & 3);
	cl->e.measure = measure_i;
	cl->e.credibility = (uint8_t)(d->credibility >= 1 && d->credibility <= 6 ? d->credibility
	                              : d->credibility == 0                      ? FT_CREDIBILITY_DEFAULT
	                                                                         : 0);
	cl->e.flags |= (uint8_t)((d->quantity.has_value ? FT__CLAIM_HAS_VALUE : 0) |
	                         (wide ? FT__CLAIM_WIDE : 0) | (lists ? FT__CLAIM_LISTS : 0));

	char *p = (char *)cl->tail;
	if (big) {
		cl->e.flags |= FT__CLAIM_BIG;
		memcpy(p, &d->quantity.value, 8);
		p += 8;
	}
	for (unsigned i = 0; i < G_N_ELEMENTS(times); i++)
		if (parts & (1u << i))
			p = put_time(p, times[i], wide);
	if (parts & (1u << FT__CP_RANGE)) {
		memcpy(p, &d->quantity.low, 8);
		memcpy(p + 8, &d->quantity.high, 8);
		p += 16;
	}
	if (measure)
		p = put_string(p, ft__dataset_intern(ds, measure));
	if (d->quote)
		p = put_string(p, copy_text(ds, d->quote, at ? &at->quote_len : NULL));
	if (d->url)
		p = put_string(p, copy_text(ds, d->url, at ? &at->url_len : NULL));
	if (d->note)
		p = put_string(p, copy_text(ds, d->note, at ? &at->note_len : NULL));
	if (d->unit && lists) /* the slot holds the unit, as resolve leaves it */
		p = put_string(p, (const char *)g_ptr_array_index(ds->tables[FT__UNIT].items, at->unit));
	else if (d->unit)
		p = put_string(p, ft__dataset_intern(ds, d->unit));
	if (parts & (1u << FT__CP_EXT)) {
		ft__exts x = ft__dataset_copy_exts(ds, d->extensions, d->n_extensions);
		memcpy(p, &x, sizeof x);
		p += ROUND8(sizeof x);
	}
	if (parts & (1u << FT__CP_OBSERVED_EXT)) {
		ft__exts x = ft__dataset_copy_exts(ds, d->observed_extensions, d->n_observed_extensions);
		memcpy(p, &x, sizeof x);
		p += ROUND8(sizeof x);
	}
	/* The positions follow the ids, set on resolve unless given. Claim
	 * ids are many and rarely repeated: copied, not interned. */
	const size_t n_lists[] = {d->n_via, d->n_supersedes, d->n_disputes};
	const char *const *const list_ids[] = {d->via, d->supersedes, d->disputes};
	const uint32_t *const list_at[] = {at ? at->via : NULL, at ? at->supersedes : NULL,
	                                   at ? at->disputes : NULL};
	for (int i = 0; i < 3; i++) {
		if (!n_lists[i])
			continue;
		if (lists)
			p = put_positions(ds, p, i ? FT__CLAIM : FT__SOURCE, list_at[i], n_lists[i]);
		else
			p = put_list(ds, p, list_ids[i], n_lists[i], i == 0) +
			    ROUND8(n_lists[i] * sizeof(uint32_t));
	}
	if (d->n_tags)
		p = put_list(ds, p, d->tags, d->n_tags, 1);
	g_assert((size_t)(p - (char *)cl) == size);
	return &cl->e;
}
