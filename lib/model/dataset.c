/*
 * The dataset: creating and freeing it, its metadata, the public add
 * functions (an entity is checked, stored, resolved and indexed, or refused
 * with the dataset as it was), and iteration and look-up by id. The work
 * itself is done by the model's other files (model/model-private.h lists
 * them); the rules are those of docs/format.md sections 3-6.
 */
#include "model/model-private.h"

const char *const ft__kind_plural[FT__KIND_COUNT] = {"actors", "regions", "units", "sources", "claims"};
const char *const ft__kind_singular[FT__KIND_COUNT] = {"actor", "region", "unit", "source", "claim"};

void ft_dataset_info_init(ft_dataset_info *d)
{
	static const ft_dataset_info init = FT_DATASET_INFO_INIT;
	if (d)
		*d = init;
}

void ft_actor_desc_init(ft_actor_desc *d)
{
	static const ft_actor_desc init = FT_ACTOR_DESC_INIT;
	if (d)
		*d = init;
}

void ft_region_desc_init(ft_region_desc *d)
{
	static const ft_region_desc init = FT_REGION_DESC_INIT;
	if (d)
		*d = init;
}

void ft_unit_desc_init(ft_unit_desc *d)
{
	static const ft_unit_desc init = FT_UNIT_DESC_INIT;
	if (d)
		*d = init;
}

void ft_source_desc_init(ft_source_desc *d)
{
	static const ft_source_desc init = FT_SOURCE_DESC_INIT;
	if (d)
		*d = init;
}

void ft_claim_desc_init(ft_claim_desc *d)
{
	static const ft_claim_desc init = FT_CLAIM_DESC_INIT;
	if (d)
		*d = init;
}

ft_dataset *ft_dataset_new(void)
{
	ft_dataset *ds = g_new0(ft_dataset, 1);
	ds->strings = g_string_chunk_new(64 * 1024);
	ds->blocks = g_ptr_array_new_with_free_func(free);
	ds->pending = g_ptr_array_new();
	ds->measures = g_ptr_array_new();
	ds->measure_index = g_hash_table_new(g_str_hash, g_str_equal);
	/* The default first, so that a zeroed claim has it. */
	ft__dataset_measure_index(ds, FT_MEASURE_DEFAULT);
	for (int k = 0; k < FT__KIND_COUNT; k++) {
		ds->tables[k].items = g_ptr_array_new();
		ft__ids_alloc(&ds->tables[k], 16);
	}
	ft__dataset_index_init(ds);
	g_mutex_init(&ds->hash_lock);
	return ds;
}

/* No lock: a dataset changes with one writer and no readers (dataset.h),
 * and this runs for every entity a load stores. */
void ft__dataset_hash_forget(ft_dataset *ds)
{
	ds->hash_known = 0;
}

int ft__dataset_hash_get(const ft_dataset *ds, char out[65])
{
	ft_dataset *d = (ft_dataset *)(uintptr_t)ds;
	g_mutex_lock(&d->hash_lock);
	int known = d->hash_known;
	if (known)
		memcpy(out, d->hash, 65);
	g_mutex_unlock(&d->hash_lock);
	return known;
}

void ft__dataset_hash_set(const ft_dataset *ds, const char hex[65])
{
	ft_dataset *d = (ft_dataset *)(uintptr_t)ds;
	g_mutex_lock(&d->hash_lock);
	memcpy(d->hash, hex, 64);
	d->hash[64] = '\0';
	d->hash_known = 1;
	g_mutex_unlock(&d->hash_lock);
}

void ft_dataset_free(ft_dataset *ds)
{
	if (!ds)
		return;
	ft__dataset_index_free(ds);
	for (int k = 0; k < FT__KIND_COUNT; k++) {
		g_ptr_array_free(ds->tables[k].items, TRUE);
		g_free(ds->tables[k].tags);
		g_free(ds->tables[k].pos1);
	}
	g_ptr_array_free(ds->blocks, TRUE);
	g_ptr_array_free(ds->pending, TRUE);
	g_ptr_array_free(ds->measures, TRUE);
	g_hash_table_destroy(ds->measure_index);
	g_string_chunk_free(ds->strings);
	g_mutex_clear(&ds->hash_lock);
	g_free(ds);
}

void ft__dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft__errlist *errs)
{
	ft__dataset_hash_forget(ds);
	/* Problems are reported under "dataset.<field>" (and "x-..." at the top). */
	char path[FT_ERROR_PATH_SIZE];
	const ft_time *times[2] = {&info->created, &info->updated};
	const char *names[2] = {"created", "updated"};
	for (int i = 0; i < 2; i++) {
		if (times[i]->precision > FT_PRECISION_SECOND || times[i]->frac_digits > 6) {
			g_snprintf(path, sizeof path, "dataset.%s", names[i]);
			ft__errlist_addf(errs, FT_EFORMAT, path, "malformed time value");
		}
	}
	for (size_t i = 0; i < info->n_authors; i++) {
		if (!info->authors || !info->authors[i]) {
			g_snprintf(path, sizeof path, "dataset.authors[%zu]", i);
			ft__errlist_addf(errs, FT_EINVAL, path, "NULL string in a list");
		}
	}
	const ft_extension *lists[2] = {info->extensions, info->document_extensions};
	size_t counts[2] = {info->n_extensions, info->n_document_extensions};
	for (int l = 0; l < 2; l++) {
		for (size_t i = 0; i < counts[l]; i++) {
			const ft_extension *x = &lists[l][i];
			if (!x->key || !x->json || strncmp(x->key, "x-", 2) != 0) {
				g_snprintf(path, sizeof path, "%s%s", l == 0 ? "dataset." : "",
				           x->key ? x->key : "(null)");
				ft__errlist_addf(errs, FT_EFORMAT, path,
				                 "an extension key must begin with \"x-\"");
			}
		}
	}
	if (errs->count)
		return;
	ds->info_id = ft__dataset_intern(ds, info->id);
	ds->title = ft__dataset_intern(ds, info->title);
	ds->description = ft__dataset_intern(ds, info->description);
	ds->license = ft__dataset_intern(ds, info->license);
	ds->created = info->created;
	ds->updated = info->updated;
	ds->authors = ft__dataset_copy_strings(ds, info->authors, info->n_authors);
	ds->info_ext = ft__dataset_copy_exts(ds, info->extensions, info->n_extensions);
	ds->doc_ext = ft__dataset_copy_exts(ds, info->document_extensions, info->n_document_extensions);
}

int ft_dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft_error *err)
{
	ft_error_clear(err);
	if (!ds || !info || info->version == 0 || info->version > FT_DESC_VERSION)
		return ft__error_set(err, FT_EINVAL, NULL,
		                     "ft_dataset_set_info: NULL argument or unknown version");
	int rc = ft__check_info_api(info, err);
	if (rc != 0)
		return rc;
	if (ft__check_ext_json(info->extensions, info->n_extensions, err) ||
	    ft__check_ext_json(info->document_extensions, info->n_document_extensions, err))
		return FT_EFORMAT;
	ft__errlist errs;
	ft__errlist_init(&errs, NULL);
	ft__dataset_set_info(ds, info, &errs);
	ft__errlist_copy_first(&errs, err);
	return ft__errlist_code(&errs);
}

/* ---- public add ---------------------------------------------------------- */

static const void *add_entity(ft_dataset *ds, ft__kind kind, const void *desc, ft_error *err)
{
	ft_error_clear(err);
	if (!ds || !desc) {
		ft__error_set(err, FT_EINVAL, NULL, "NULL dataset or description");
		return NULL;
	}
	if (ft__check_api(kind, desc, err) != 0)
		return NULL;
	ft__errlist errs;
	ft__errlist_init(&errs, NULL);
	uint32_t src = (uint32_t)ds->tables[kind].items->len;
	ft__entity *e = ft__dataset_add_one(ds, kind, desc, src, &errs);
	if (!e)
		ft__errlist_copy_first(&errs, err);
	return e;
}

ft__entity *ft__dataset_add_one(ft_dataset *ds, ft__kind kind, const void *desc, uint32_t src,
                                ft__errlist *errs)
{
	size_t before = errs->count;
	guint pending = ds->pending->len;
	ft__entity *e = ft__dataset_insert(ds, kind, desc, src, errs);
	if (e && errs->count == before)
		ft__resolve_entity(ds, e, errs);
	if (e && errs->count == before && kind == FT__CLAIM)
		ft__check_claim_unit((ft_claim *)e, errs);
	/* An entity added alone can only loop onto itself: its parent had to
	 * exist before it, and nothing existing can name it yet. */
	if (e && errs->count == before && ft__parent_of(e) == e) {
		ft__check_ctx c = {errs, kind, src};
		ft__problem(&c, FT_ELOOP, "parent", -1, "parent chain loops: %s -> %s", e->id, e->id);
	}
	/* Resolved or refused, the entity needs no pending ids any more. */
	g_ptr_array_set_size(ds->pending, (gint)pending);
	if (errs->count != before) {
		if (e)
			ft__dataset_unstore_last(ds, kind);
		return NULL;
	}
	ft__tree_place(e);
	ft__index_entity(ds, e);
	return e;
}

const ft_actor *ft_dataset_add_actor(ft_dataset *ds, const ft_actor_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__ACTOR, desc, err);
}

const ft_region *ft_dataset_add_region(ft_dataset *ds, const ft_region_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__REGION, desc, err);
}

const ft_unit *ft_dataset_add_unit(ft_dataset *ds, const ft_unit_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__UNIT, desc, err);
}

const ft_source *ft_dataset_add_source(ft_dataset *ds, const ft_source_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__SOURCE, desc, err);
}

const ft_claim *ft_dataset_add_claim(ft_dataset *ds, const ft_claim_desc *desc, ft_error *err)
{
	return add_entity(ds, FT__CLAIM, desc, err);
}

/* ---- iteration and look-up ------------------------------------------------ */

static size_t count_of(const ft_dataset *ds, ft__kind kind)
{
	return ds ? ds->tables[kind].items->len : 0;
}

static const void *item_at(const ft_dataset *ds, ft__kind kind, size_t i)
{
	if (!ds || i >= ds->tables[kind].items->len)
		return NULL;
	return g_ptr_array_index(ds->tables[kind].items, i);
}

static const void *find(const ft_dataset *ds, ft__kind kind, const char *id)
{
	return ds ? ft__dataset_lookup(ds, kind, id) : NULL;
}

size_t ft_dataset_actor_count(const ft_dataset *ds)
{
	return count_of(ds, FT__ACTOR);
}
size_t ft_dataset_region_count(const ft_dataset *ds)
{
	return count_of(ds, FT__REGION);
}
size_t ft_dataset_unit_count(const ft_dataset *ds)
{
	return count_of(ds, FT__UNIT);
}
size_t ft_dataset_source_count(const ft_dataset *ds)
{
	return count_of(ds, FT__SOURCE);
}
size_t ft_dataset_claim_count(const ft_dataset *ds)
{
	return count_of(ds, FT__CLAIM);
}
const ft_actor *ft_dataset_actor_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__ACTOR, i);
}
const ft_region *ft_dataset_region_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__REGION, i);
}
const ft_unit *ft_dataset_unit_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__UNIT, i);
}
const ft_source *ft_dataset_source_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__SOURCE, i);
}
const ft_claim *ft_dataset_claim_at(const ft_dataset *ds, size_t i)
{
	return item_at(ds, FT__CLAIM, i);
}
const ft_actor *ft_dataset_find_actor(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__ACTOR, id);
}
const ft_region *ft_dataset_find_region(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__REGION, id);
}
const ft_unit *ft_dataset_find_unit(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__UNIT, id);
}
const ft_source *ft_dataset_find_source(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__SOURCE, id);
}
const ft_claim *ft_dataset_find_claim(const ft_dataset *ds, const char *id)
{
	return find(ds, FT__CLAIM, id);
}
