/*
 * Trees: actors, regions and sources each form a forest by `parent`. Once
 * an entity's parents are resolved it is placed: its depth, and a jump
 * pointer to an ancestor (ft__tree in model/dataset-private.h), so that
 * the ancestor at any depth is found in O(log depth) steps. For a source,
 * what its chain decides is kept too: its root (its voice), the nearest
 * graded source and the nearest named actor. The queries that walked a
 * whole chain (is within, a source's root) then cost log depth or less,
 * which keeps an estimate over a chain of 50,000 linear. Placing never
 * recurses: a document's entities, whose parents may come later in the
 * file, are placed by walking up to a placed ancestor with an explicit
 * stack, then down.
 */
#include "model/model-private.h"

static ft__tree *tree_of(const ft__entity *e)
{
	switch ((ft__kind)e->kind) {
	case FT__ACTOR: return &((ft_actor *)(uintptr_t)e)->tree;
	case FT__REGION: return &((ft_region *)(uintptr_t)e)->tree;
	case FT__SOURCE: return &((ft_source *)(uintptr_t)e)->tree;
	default: return NULL;
	}
}

/* Places `e`, whose parent (if any) is placed. */
static void place_one(ft__entity *e)
{
	ft__tree *t = tree_of(e);
	const ft__entity *p = ft__parent_of(e);
	if (!p) {
		t->depth = 0;
		t->jump = e;
	} else {
		/* Skew-binary jumps: if the parent's jump and the jump's jump
		 * span equal distances, jump over both; else jump to the parent. */
		const ft__tree *pt = tree_of(p);
		const ft__tree *jt = tree_of(pt->jump);
		t->depth = pt->depth + 1;
		if (pt->depth - jt->depth == jt->depth - tree_of(jt->jump)->depth)
			t->jump = jt->jump;
		else
			t->jump = p;
	}
	t->placed = 1;
	if (e->kind == FT__SOURCE) {
		ft_source *s = (ft_source *)e;
		const ft_source *ps = (const ft_source *)p;
		s->root = ps ? ps->root : s;
		s->graded = s->reliability != FT_RELIABILITY_F ? s : ps ? ps->graded : NULL;
		s->speaker = s->actor ? s->actor : ps ? ps->speaker : NULL;
	}
}

void ft__tree_place(ft__entity *e)
{
	if (!tree_of(e) || tree_of(e)->placed)
		return;
	/* Up to the first placed ancestor (or past the root), then down. */
	GPtrArray *path = g_ptr_array_new();
	for (const ft__entity *x = e; x && !tree_of(x)->placed; x = ft__parent_of(x))
		g_ptr_array_add(path, (gpointer)(uintptr_t)x);
	for (guint i = path->len; i > 0; i--)
		place_one(g_ptr_array_index(path, i - 1));
	g_ptr_array_free(path, TRUE);
}

void ft__tree_place_all(ft_dataset *ds, ft__kind kind)
{
	GPtrArray *items = ds->tables[kind].items;
	for (guint i = 0; i < items->len; i++)
		ft__tree_place(g_ptr_array_index(items, i));
}

/* The ancestor of `e` (placed) at depth `d` <= its own. */
static const ft__entity *ancestor_at(const ft__entity *e, uint32_t d)
{
	while (tree_of(e)->depth > d) {
		const ft__entity *j = tree_of(e)->jump;
		e = tree_of(j)->depth >= d ? j : ft__parent_of(e);
	}
	return e;
}

int ft__tree_within(const ft__entity *e, const ft__entity *anc)
{
	if (!e || !anc)
		return 0;
	if (!tree_of(e)->placed || !tree_of(anc)->placed) {
		/* Not placed yet (a load that is still resolving): walk. */
		for (; e; e = ft__parent_of(e))
			if (e == anc)
				return 1;
		return 0;
	}
	if (tree_of(e)->depth < tree_of(anc)->depth)
		return 0;
	return ancestor_at(e, tree_of(anc)->depth) == anc;
}

/* The root above `e` (an actor or a region). */
static const ft__entity *root_of(const ft__entity *e)
{
	if (tree_of(e)->placed)
		return ancestor_at(e, 0);
	/* Not placed yet (a load that is still resolving): walk. */
	while (ft__parent_of(e))
		e = ft__parent_of(e);
	return e;
}

const ft_actor *ft__actor_root(const ft_actor *a)
{
	return (const ft_actor *)root_of(&a->e);
}

const ft_region *ft__region_root(const ft_region *r)
{
	return (const ft_region *)root_of(&r->e);
}

const ft_source *ft__source_graded(const ft_source *s)
{
	if (s && s->tree.placed)
		return s->graded;
	while (s && s->reliability == FT_RELIABILITY_F) /* before the dataset is indexed */
		s = s->parent;
	return s;
}

const ft_actor *ft__source_speaker(const ft_source *s)
{
	if (s && s->tree.placed)
		return s->speaker;
	while (s && !s->actor)
		s = s->parent;
	return s ? s->actor : NULL;
}
