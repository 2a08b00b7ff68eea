/*
 * What an entity says about others: every reference names an entity of
 * the right kind (or the problem says which one was probably meant), no
 * parent chain or supersedes chain loops, and a claim's unit belongs to
 * its subject. A document is resolved whole after its entities are in; an
 * entity added alone is resolved as it is added.
 */
#include "model/model-private.h"

/* Finds `id` among the entities of `target`; on failure records "unknown
 * region "donbass" (did you mean "donbas"?)" at the reference's path, with
 * the code points of the characters outside ASCII when it holds any
 * (unknown region "donbаs" (it holds a non-ASCII character: U+0430; did
 * you mean "donbas"?)). */
static const void *resolve_ref(const ft_dataset *ds, const ft__check_ctx *c, ft__kind target, const char *id,
                               const char *field, long index)
{
	if (!id)
		return NULL;
	ft__entity *e = ft__dataset_lookup(ds, target, id);
	if (e)
		return e;
	const char *guess = NULL;
	if (!c->errs->full && c->errs->suggested < FT__MAX_SUGGESTIONS) {
		c->errs->suggested++;
		GPtrArray *items = ds->tables[target].items;
		const char **ids = g_new(const char *, items->len ? items->len : 1);
		for (guint i = 0; i < items->len; i++)
			ids[i] = ((ft__entity *)g_ptr_array_index(items, i))->id;
		guess = ft_suggest(id, ids, items->len);
		g_free(ids);
	}
	int other = -1;
	for (int k = 0; k < FT__KIND_COUNT && other < 0; k++)
		if (k != (int)target && ft__dataset_lookup(ds, (ft__kind)k, id))
			other = k;
	/* What the parenthesis says, in this order: the code points of a
	 * look-alike ("RU" in Cyrillic is not "RU"), then the likely meaning. */
	GString *why = g_string_new(NULL);
	char words[FT__WORDS_SIZE];
	if (ft_text_non_ascii(id, words, sizeof words))
		g_string_append(why, words);
	if (why->len && (guess || other >= 0))
		g_string_append(why, "; ");
	if (other >= 0 && !guess)
		g_string_append_printf(
		    why, "there is an entity of kind %s with that id, but this field names a %s",
		    ft__kind_singular[other], ft__kind_singular[target]);
	else if (guess)
		g_string_append_printf(why, "did you mean \"%s\"?", FT__Q(guess));
	if (why->len)
		ft__problem(c, FT_EREF, field, index, "unknown %s \"%s\" (%s)", ft__kind_singular[target],
		            FT__Q(id), why->str);
	else
		ft__problem(c, FT_EREF, field, index, "unknown %s \"%s\"", ft__kind_singular[target],
		            FT__Q(id));
	g_string_free(why, TRUE);
	return NULL;
}

static void resolve_refs(const ft_dataset *ds, const ft__check_ctx *c, ft__kind target, ft__refs *refs,
                         const char *field)
{
	for (size_t i = 0; i < refs->n; i++)
		refs->ptrs[i] = resolve_ref(ds, c, target, refs->ids[i], field, (long)i);
}

static uint32_t position_of(const void *entity)
{
	return entity ? ((const ft__entity *)entity)->pos : FT__NO_ENTITY;
}

/* Sets the positions of a claim's list of references from their ids. */
static void resolve_list(const ft_dataset *ds, const ft__check_ctx *c, ft_claim *cl, enum ft__claim_part part,
                         ft__kind target, const char *field)
{
	ft__claim_refs_list list = ft__claim_refs(cl, part);
	for (size_t i = 0; i < list.n; i++)
		list.pos[i] = position_of(resolve_ref(ds, c, target, list.ids[i], field, (long)i));
}

/* Sets the ids of a claim's list of claims given by position
 * (FT__CLAIM_LISTS) from the claims they name. */
static void resolve_claim_ids(const ft_dataset *ds, const ft__check_ctx *c, ft_claim *cl,
                              enum ft__claim_part part, const char *field)
{
	const GPtrArray *claims = ds->tables[FT__CLAIM].items;
	ft__claim_refs_list list = ft__claim_refs(cl, part);
	for (size_t i = 0; i < list.n; i++) {
		if (list.pos[i] < claims->len) {
			list.ids[i] = ((const ft__entity *)g_ptr_array_index(claims, list.pos[i]))->id;
			continue;
		}
		/* The reader promised a claim there (ft__dataset_insert_claim_at). */
		ft__problem(c, FT_EREF, field, (long)i,
		            "names the claim at position %u, but the dataset holds %u claims", list.pos[i],
		            claims->len);
		list.pos[i] = FT__NO_ENTITY;
	}
}

const char *ft__pending_id(const ft_dataset *ds, uint32_t i)
{
	return i < ds->pending->len ? g_ptr_array_index(ds->pending, i) : NULL;
}

void ft__resolve_entity(const ft_dataset *ds, ft__entity *e, ft__errlist *errs)
{
	ft__check_ctx c = {errs, (ft__kind)e->kind, e->src};
	if (e->flags & FT__FLAWED)
		return;
	switch ((ft__kind)e->kind) {
	case FT__ACTOR: {
		ft_actor *a = (ft_actor *)e;
		a->parent = resolve_ref(ds, &c, FT__ACTOR, a->parent_id, "parent", -1);
		resolve_refs(ds, &c, FT__ACTOR, &a->members, "members");
		resolve_refs(ds, &c, FT__ACTOR, &a->opposes, "opposes");
		break;
	}
	case FT__REGION: {
		ft_region *r = (ft_region *)e;
		r->parent = resolve_ref(ds, &c, FT__REGION, r->parent_id, "parent", -1);
		resolve_refs(ds, &c, FT__ACTOR, &r->borders, "borders");
		break;
	}
	case FT__UNIT: {
		ft_unit *u = (ft_unit *)e;
		u->actor = resolve_ref(ds, &c, FT__ACTOR, u->actor_id, "actor", -1);
		u->parent = resolve_ref(ds, &c, FT__UNIT, u->parent_id, "parent", -1);
		u->garrison = resolve_ref(ds, &c, FT__REGION, u->garrison_id, "garrison", -1);
		break;
	}
	case FT__SOURCE: {
		ft_source *s = (ft_source *)e;
		s->actor = resolve_ref(ds, &c, FT__ACTOR, s->actor_id, "actor", -1);
		s->parent = resolve_ref(ds, &c, FT__SOURCE, s->parent_id, "parent", -1);
		break;
	}
	case FT__CLAIM: {
		ft_claim *cl = (ft_claim *)e;
		/* Each reference's id is read before its slot takes the entity. */
		if (!(cl->e.flags & FT__CLAIM_REFS)) {
			cl->source = position_of(
			    resolve_ref(ds, &c, FT__SOURCE, ft__pending_id(ds, cl->source), "source", -1));
			cl->subject = position_of(
			    resolve_ref(ds, &c, FT__ACTOR, ft__pending_id(ds, cl->subject), "subject", -1));
			cl->region = position_of(
			    resolve_ref(ds, &c, FT__REGION, ft__pending_id(ds, cl->region), "region", -1));
		}
		/* Written only when they change: the claims' index may be reading
		 * them on another thread (ft__dataset_resolve_index_all). */
		if ((cl->e.flags & (FT__CLAIM_REFS | FT__CLAIM_RESOLVED)) !=
		    (FT__CLAIM_REFS | FT__CLAIM_RESOLVED))
			cl->e.flags |= FT__CLAIM_REFS | FT__CLAIM_RESOLVED;
		if (cl->e.flags & FT__CLAIM_LISTS) {
			resolve_claim_ids(ds, &c, cl, FT__CP_SUPERSEDES, "supersedes");
			resolve_claim_ids(ds, &c, cl, FT__CP_DISPUTES, "disputes");
			break;
		}
		resolve_list(ds, &c, cl, FT__CP_VIA, FT__SOURCE, "via");
		const char **unit = (const char **)(uintptr_t)ft__claim_part_at(cl, FT__CP_UNIT);
		if (unit) {
			/* The slot's id gives way to the unit, like the references above. */
			const void *u = resolve_ref(ds, &c, FT__UNIT, *unit, "unit", -1);
			memcpy(unit, &u, sizeof u);
		}
		resolve_list(ds, &c, cl, FT__CP_SUPERSEDES, FT__CLAIM, "supersedes");
		resolve_list(ds, &c, cl, FT__CP_DISPUTES, FT__CLAIM, "disputes");
		break;
	}
	default: g_assert_not_reached();
	}
}

const ft__entity *ft__parent_of(const ft__entity *e)
{
	switch ((ft__kind)e->kind) {
	case FT__ACTOR: return (const ft__entity *)((const ft_actor *)e)->parent;
	case FT__REGION: return (const ft__entity *)((const ft_region *)e)->parent;
	case FT__UNIT: return (const ft__entity *)((const ft_unit *)e)->parent;
	case FT__SOURCE: return (const ft__entity *)((const ft_source *)e)->parent;
	default: return NULL;
	}
}

/*
 * Finds parent loops among the entities of one kind in linear time: each
 * walk up a chain stamps the entities it meets with the walk's number; a
 * walk that meets its own stamp has gone round a loop, one that meets an
 * older stamp joins a chain already known to end. Each loop is reported
 * once. Returns the number of loops.
 */
static size_t check_loops(const ft_dataset *ds, ft__kind kind, ft__errlist *errs)
{
	GPtrArray *items = ds->tables[kind].items;
	guint *stamp = g_new0(guint, items->len ? items->len : 1);
	size_t loops = 0;
	for (guint i = 0; i < items->len; i++) {
		const ft__entity *e = g_ptr_array_index(items, i);
		while (e && stamp[e->pos] == 0) {
			stamp[e->pos] = i + 1;
			e = ft__parent_of(e);
		}
		if (!e || stamp[e->pos] != i + 1)
			continue;
		/* e is on the loop: name it from e round to e. */
		GString *chain = g_string_new(e->id);
		const ft__entity *p = ft__parent_of(e);
		for (size_t n = 0; p && n < items->len; n++) {
			g_string_append_printf(chain, " -> %s", p->id);
			if (p == e)
				break;
			p = ft__parent_of(p);
		}
		ft__check_ctx c = {errs, kind, e->src};
		ft__problem(&c, FT_ELOOP, "parent", -1, "parent chain loops: %s", chain->str);
		g_string_free(chain, TRUE);
		loops++;
	}
	g_free(stamp);
	return loops;
}

/*
 * Finds loops in supersedes ("c1 supersedes c2 supersedes c1"), which no
 * order of reporting can produce, by a depth-first walk with three colours;
 * each loop is reported once, at the claim where the walk closes it. The
 * walk's path holds each claim on it with the next of its supersedes to
 * follow; the colours are read before they are written (ft__new_zeroes).
 */
typedef struct walk_step {
	const ft_claim *claim;
	size_t next;
} walk_step;

static void check_supersedes_loops(const ft_dataset *ds, ft__errlist *errs)
{
	GPtrArray *claims = ds->tables[FT__CLAIM].items;
	guint8 *colour = ft__new_zeroes(claims->len, 1); /* 0 new, 1 on the path, 2 done */
	guint depth = 0, room = 64;
	walk_step *path = g_new(walk_step, room);
	for (guint i = 0; i < claims->len && !errs->full; i++) {
		const ft_claim *root = g_ptr_array_index(claims, i);
		if (colour[root->e.pos])
			continue;
		if (!ft__claim_has(root, FT__CP_SUPERSEDES)) {
			colour[root->e.pos] = 2; /* most claims: nothing to walk */
			continue;
		}
		path[depth++] = (walk_step){root, 0};
		colour[root->e.pos] = 1;
		while (depth) {
			walk_step *top = &path[depth - 1];
			const ft_claim *c = top->claim;
			ft__claim_refs_list sup = ft__claim_refs(c, FT__CP_SUPERSEDES);
			if (top->next == sup.n) {
				colour[c->e.pos] = 2;
				depth--;
				continue;
			}
			uint32_t at = sup.pos[top->next++];
			const ft_claim *s = at < claims->len ? g_ptr_array_index(claims, at) : NULL;
			if (!s || colour[s->e.pos] == 2)
				continue;
			if (colour[s->e.pos] == 1) {
				GString *chain = g_string_new(NULL);
				guint k = depth;
				while (k > 0 && path[k - 1].claim != s)
					k--;
				for (guint j = k - 1; j < depth; j++)
					g_string_append_printf(chain, "%s -> ", path[j].claim->e.id);
				g_string_append(chain, s->e.id);
				ft__check_ctx ctx = {errs, FT__CLAIM, c->e.src};
				ft__problem(&ctx, FT_ELOOP, "supersedes", -1, "supersedes chain loops: %s",
				            chain->str);
				g_string_free(chain, TRUE);
				continue;
			}
			colour[s->e.pos] = 1;
			if (depth == room) {
				room *= 2;
				path = g_renew(walk_step, path, room);
			}
			path[depth++] = (walk_step){s, 0};
		}
	}
	g_free(path);
	g_free(colour);
}

void ft__check_claim_unit(const ft_claim *cl, ft__errlist *errs)
{
	const ft_unit *unit = ft_claim_unit(cl);
	const ft_actor *subject = ft_claim_subject(cl);
	if (!unit || !subject || !unit->actor)
		return;
	if (ft_actor_is_within(unit->actor, subject))
		return;
	ft__check_ctx c = {errs, FT__CLAIM, cl->e.src};
	ft__problem(&c, FT_EFORMAT, "unit", -1,
	            "unit \"%s\" belongs to actor \"%s\", which is neither the subject \"%s\" nor under it",
	            FT__Q(unit->e.id), FT__Q(unit->actor->e.id), FT__Q(subject->e.id));
}

void ft__dataset_resolve_all(ft_dataset *ds, ft__errlist *errs)
{
	for (int k = 0; k < FT__KIND_COUNT; k++) {
		GPtrArray *items = ds->tables[k].items;
		for (guint i = 0; i < items->len; i++)
			ft__resolve_entity(ds, g_ptr_array_index(items, i), errs);
	}
	g_ptr_array_set_size(ds->pending, 0);
	size_t actor_loops = check_loops(ds, FT__ACTOR, errs);
	size_t region_loops = check_loops(ds, FT__REGION, errs);
	check_loops(ds, FT__UNIT, errs);
	size_t source_loops = check_loops(ds, FT__SOURCE, errs);
	check_supersedes_loops(ds, errs);
	/* Trees are placed where parents do not loop; the unit check below
	 * asks "is within" of actor chains, which must not loop. */
	if (!region_loops)
		ft__tree_place_all(ds, FT__REGION);
	if (!source_loops)
		ft__tree_place_all(ds, FT__SOURCE);
	if (actor_loops)
		return;
	ft__tree_place_all(ds, FT__ACTOR);
	GPtrArray *claims = ds->tables[FT__CLAIM].items;
	for (guint i = 0; i < claims->len; i++) {
		const ft_claim *cl = g_ptr_array_index(claims, i);
		if (!(cl->e.flags & FT__FLAWED))
			ft__check_claim_unit(cl, errs);
	}
}
