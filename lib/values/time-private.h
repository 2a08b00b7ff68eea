/*
 * What the values layer's time module (values/time.c) shares with the
 * layers above that need calendar arithmetic of their own, such as the
 * date ticks of a chart (report/svg.c): the UTC day of a microsecond as a
 * GDate and back, on the one count of days the parser and ft_time_day use.
 */
#ifndef FT_VALUES_TIME_PRIVATE_H
#define FT_VALUES_TIME_PRIVATE_H

#include <glib.h>
#include <stdint.h>

#include "forcetrack/time.h"

/* The UTC day holding microsecond `us` as a GDate, clamped into the years
 * 0001-9999 a GDate and the format can hold. */
void ft__time_date_of_us(int64_t us, GDate *out);

/* The first microsecond of the UTC day `d` (a valid GDate). */
int64_t ft__time_us_of_date(const GDate *d);

/* Whether `t` is a value ft_time_parse can produce: one that formats and
 * parses back to the same fields (or has no value). Decided on the fields
 * alone, without the text: the check of every time a description brings
 * (model/check.c), which a snapshot's million claims make often. */
int ft__time_is_canonical(const ft_time *t);

#endif
