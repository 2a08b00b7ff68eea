/*
 * "Did you mean": the id, key or name a typo most likely meant, for the
 * library's own messages and for programs that name what a dataset holds
 * (ft_suggest in forcetrack/common.h).
 */
#include <glib.h>
#include <string.h>

#include "forcetrack/common.h"

/*
 * Edit distance counting a swap of two neighbours as one edit (optimal
 * string alignment), since "nmae" for "name" is the commonest typo; cut
 * off once every path exceeds `limit`.
 */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t *rows = g_new(size_t, 3 * (lb + 1));
	size_t *before = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	size_t d = limit + 1;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t best = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    before[j - 2] + 1 < v)
				v = before[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			goto done;
		size_t *t = before;
		before = prev;
		prev = cur;
		cur = t;
	}
	d = prev[lb];
done:
	g_free(rows);
	return d;
}

const char *ft_suggest(const char *word, const char *const *candidates, size_t n)
{
	if (!word || (!candidates && n))
		return NULL;
	/* A typo is a small edit relative to the word: one edit for short
	 * words, up to a third of the length for longer ones. */
	size_t len = strlen(word);
	size_t limit = len <= 4 ? 1 : len / 3;
	if (limit < 1)
		limit = 1;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (g_ascii_strcasecmp(word, candidates[i]) == 0)
			return candidates[i];
		size_t d = edit_distance(word, candidates[i], best_d - 1 < limit ? best_d - 1 : limit);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best;
}
