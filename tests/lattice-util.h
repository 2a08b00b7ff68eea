/*
 * Shared by the suites of summaries: see lattice-util.c.
 */
#ifndef FT_TEST_LATTICE_UTIL_H
#define FT_TEST_LATTICE_UTIL_H

#include <glib.h>

#include "forcetrack.h"

/* `s` has the figure, flags and counts of `f`, for the same actor, region
 * and measure. */
void ft_test_same_figure(const ft_estimate *f, const ft_estimate *s);

/* `s` lists the disagreements `f` lists, in its order. */
void ft_test_same_disagreements(const ft_estimate *f, const ft_estimate *s);

/* The summary `s` says what the full estimate `f` says wherever a report
 * reads it, listing at most `max` of each kind (a render option's
 * max_claims). Returns the number of claims both listed. */
size_t ft_test_same_summary(const ft_estimate *f, const ft_estimate *s, int max);

/* A random dataset of `n_claims` claims over `n_actors` actors and
 * `n_regions` regions, in chains when `chain`, else in branching trees;
 * six sources (two under others), every hedge, denials, projections,
 * supersessions, disputes and retractions, on days of November 2021.
 * NULL (with a message) if it does not load. */
ft_dataset *ft_test_random_dataset(guint32 seed, int n_actors, int n_regions, int n_claims, int chain);

#endif
