/*
 * Numbers whose text says more than their double: "94000.000000000001" is
 * a fraction, but Jansson hands over only the double 94000.0, which a
 * whole-number field would take. A scan of the JSON text finds the number
 * tokens written with a fraction or an exponent that are not whole as
 * written but whose double is; a reader asks whether a whole double it met
 * is one of them (docs/format.md, rule l). The scan runs over a document's
 * text as it is fed to Jansson, and over a JSON Lines line only when the
 * line holds a whole number written as a real, which is rare.
 */
#include <math.h>
#include <string.h>

#include "io/read-private.h"

/* The characters of a number token kept for strtod: the first TOKEN_MAX
 * of its mantissa, then up to EXP_MAX of its exponent. Whether it is
 * whole is judged from all its digits; only its double comes from the
 * kept text, and digits past the 512th do not change a double (an integer
 * part that long is infinite already). */
#define TOKEN_MAX 512
#define EXP_MAX   32

void ft__numscan_init(ft__numscan *s)
{
	memset(s, 0, sizeof *s);
}

void ft__numscan_clear(ft__numscan *s)
{
	if (s->inexact)
		g_hash_table_destroy(s->inexact);
	g_free(s->token);
	memset(s, 0, sizeof *s);
}

static void token_add(ft__numscan *s, char c)
{
	if (!s->token)
		s->token = g_malloc(TOKEN_MAX + EXP_MAX + 2);
	if (s->in_exp ? s->exp_len++ < EXP_MAX : s->len < TOKEN_MAX)
		s->token[s->len++] = c;
}

/*
 * Whether the token (already known to hold '.', 'e' or 'E') is whole as
 * written: its digits D (integer part, then fraction) with the decimal
 * point after int_digits + exponent places; whole when no digit at or
 * after that place is other than 0.
 */
static int token_is_whole(const ft__numscan *s)
{
	long long exp = s->exp_neg ? -s->exp : s->exp;
	long long point = (long long)s->int_digits + exp;
	/* last_nonzero: the place of the last digit other than 0, -1 if none. */
	return s->last_nonzero < point;
}

static void token_end(ft__numscan *s)
{
	s->in_number = 0;
	if (!s->real || token_is_whole(s))
		return;
	s->token[s->len] = '\0';
	double d = g_ascii_strtod(s->token, NULL);
	if (!isfinite(d) || d != floor(d))
		return;
	if (!s->inexact)
		s->inexact = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	gint64 *bits = g_new(gint64, 1);
	memcpy(bits, &d, sizeof d);
	g_hash_table_add(s->inexact, bits); /* a repeat replaces (and frees) the key held */
}

static void token_begin(ft__numscan *s)
{
	s->in_number = 1;
	s->len = 0;
	s->exp_len = 0;
	s->real = 0;
	s->in_exp = 0;
	s->exp = 0;
	s->exp_neg = 0;
	s->int_digits = 0;
	s->digits = 0;
	s->in_frac = 0;
	s->last_nonzero = -1;
}

/* One character of a number token. */
static void token_char(ft__numscan *s, char c)
{
	if (c == 'e' || c == 'E') {
		/* Kept even when the mantissa was cut: it has room of its own. */
		s->real = 1;
		s->in_exp = 1;
		s->exp_len = 0;
		token_add(s, c);
		return;
	}
	token_add(s, c);
	if (c == '.') {
		s->real = 1;
		s->in_frac = 1;
	} else if (c == '-' || c == '+') {
		if (s->in_exp)
			s->exp_neg = c == '-';
	} else if (s->in_exp) {
		/* Saturated: an exponent past 10^9 puts the point past any
		 * digit a token can hold. */
		if (s->exp < 1000000000LL)
			s->exp = s->exp * 10 + (c - '0');
	} else {
		if (c != '0')
			s->last_nonzero = (long long)s->digits;
		s->digits++;
		if (!s->in_frac)
			s->int_digits++;
	}
}

void ft__numscan_feed(ft__numscan *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (s->in_string) {
			/* The common case: skip to the next quote or backslash. */
			if (s->escape) {
				s->escape = 0;
			} else if (c == '\\') {
				s->escape = 1;
			} else if (c == '"') {
				s->in_string = 0;
			} else {
				const char *q = p + i + 1, *end = p + n;
				while (q < end && *q != '"' && *q != '\\')
					q++;
				i = (size_t)(q - p) - 1;
			}
			continue;
		}
		if (s->in_number) {
			if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' ||
			    c == '-') {
				token_char(s, c);
				continue;
			}
			token_end(s);
		}
		if (c == '"')
			s->in_string = 1;
		else if (c == '-' || (c >= '0' && c <= '9')) {
			token_begin(s);
			token_char(s, c);
		}
	}
}

void ft__numscan_finish(ft__numscan *s)
{
	if (s->in_number)
		token_end(s);
}

int ft__numscan_is_inexact(const ft__numscan *s, double d)
{
	if (!s->inexact)
		return 0;
	gint64 bits;
	memcpy(&bits, &d, sizeof d);
	return g_hash_table_contains(s->inexact, &bits);
}
