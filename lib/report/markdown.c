/*
 * The situation report and the claims report as Markdown: CommonMark with
 * GitHub's tables (GFM), which renders on GitHub and pastes into articles.
 * The situation report has a heading per region (## for a root, ### under
 * it, #### with the whole path below that), a table of the region's
 * entries, and per entry the figure in words, the pairs that disagree, the
 * claims counted with their quotes as block quotes and what was not counted
 * and why. The claims report lists every claim under a heading per region
 * and subject. Dataset text passes through put(), the one place that
 * escapes for Markdown: there it can start no emphasis, code, link, raw
 * HTML, entity, table cell or block of its own, and control characters
 * show as escapes. A region's table comes before the details of its
 * entries, so the details are held as text until the table is done: one
 * entry's figures are held at a time.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/text-private.h"
#include "model/dataset-private.h"
#include "report/report-private.h"

/* Where text goes: running text, a heading or a table cell (one line), or
 * the destination of a link. */
typedef enum md_context { MD_TEXT, MD_URL } md_context;

/*
 * The ASCII punctuation that means something wherever it stands in
 * CommonMark or on GitHub: emphasis and strike-through, code, links and
 * images (an escaped [ leaves ! ( ) with nothing to open), raw HTML and
 * entities, table cells, a heading's closing #s, math and mentions.
 * CommonMark lets any ASCII punctuation be escaped with a backslash, and
 * the escape always shows the character itself; the rest is escaped only
 * where it starts something (md_starts), so that "build-up" and "Ukraine's"
 * read as written in the raw text too. One thing escapes cannot stop:
 * GitHub's autolink extension finds e-mail addresses after the escapes are
 * undone, so "press@mod.example" still becomes a mailto: link showing
 * that text.
 */
static const char md_always[] = "\\`*_[]<>&|~$@#";

/* 1 when the ASCII character `c`, met after `len` bytes of this text
 * (`text`), would start a construct there: at the start, a list item
 * ("- ", "+ ", "1. ", "1) "), a block quote (">"), a setext underline or
 * thematic break ("=", "-"); anywhere, the "://" of an autolinked URL and
 * the "www." of an autolinked host. */
static int md_starts(char c, const char *text, size_t len, const char *next)
{
	if (len == 0 && strchr("-+=>", c))
		return 1;
	if ((c == '.' || c == ')') && len > 0 && strspn(text, "0123456789") == len)
		return 1;
	if (c == ':' && next[0] == '/' && next[1] == '/')
		return 1;
	if (c == '.' && len >= 3 && g_ascii_strncasecmp(text + len - 3, "www", 3) == 0 &&
	    (len == 3 || !g_ascii_isalnum(text[len - 4])))
		return 1;
	return 0;
}

/*
 * Dataset text as Markdown, the one place that escapes it. As text: the
 * punctuation above is backslash-escaped, always or where it would start
 * something (the start of the text counts as the start of a line, which
 * it may be); white space (tabs, line breaks)
 * becomes single spaces, none at either end, so a name cannot break a
 * line, a table row or a ** around it; control characters, the line
 * separators and the bidirectional controls (ft__char_is_control) show as
 * the six characters of an escape, \u202e, as ft_text_sanitize_terminal
 * shows them (a backslash before a letter is no Markdown escape, so it
 * shows too). As a link's destination: what a URL may not hold raw (white
 * space, controls, non-ASCII bytes, < > " \ ` { } | ^) is percent-encoded,
 * and ( ) & are backslash-escaped, so the destination neither ends early
 * nor decodes an entity. Bytes that are not UTF-8 become U+FFFD first.
 */
static void put(GString *out, const char *s, md_context ctx)
{
	char *valid = g_utf8_make_valid(s ? s : "", -1);
	size_t start = out->len;
	int space = 0;
	const char *p = valid;
	while (*p) {
		unsigned char b = (unsigned char)*p;
		if (ctx == MD_URL) {
			if (b <= 0x20 || b >= 0x7f || strchr("<>\"\\`{}|^", b)) {
				g_string_append_printf(out, "%%%02X", (unsigned int)b);
			} else {
				if (strchr("()&", b))
					g_string_append_c(out, '\\');
				g_string_append_c(out, (char)b);
			}
			p++;
			continue;
		}
		gunichar c = g_utf8_get_char(p);
		const char *next = p + g_utf8_skip[b];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
		} else {
			if (space && out->len > start)
				g_string_append_c(out, ' ');
			space = 0;
			if (ft__char_is_control(c)) {
				g_string_append_printf(out, "\\u%04x", (unsigned int)c);
			} else if (c < 0x80 && (strchr(md_always, (int)c) ||
			                        md_starts((char)c, out->str + start, out->len - start, next))) {
				g_string_append_c(out, '\\');
				g_string_append_c(out, (char)c);
			} else {
				g_string_append_len(out, p, next - p);
			}
		}
		p = next;
	}
	g_free(valid);
}

/*
 * A quote as a block quote, each line of it a "> " line after `indent`
 * (a list item's): a line break in the quote continues the block quote
 * rather than ending it. Each line goes through put(), which also drops
 * its leading white space (four spaces would start a code block); an
 * empty line is ">" alone, a break between paragraphs of the quote.
 */
static void quote(GString *out, const char *text, const char *indent)
{
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\r\n");
		char *line = g_strndup(p, n);
		g_string_append(out, indent);
		g_string_append(out, "> ");
		size_t before = out->len;
		put(out, line, MD_TEXT);
		if (out->len == before)
			g_string_truncate(out, before - 1);
		g_string_append_c(out, '\n');
		g_free(line);
		p += n;
		if (p[0] == '\r' && p[1] == '\n')
			p++;
		if (*p)
			p++;
	}
}

/* "Russia (RU)" */
static void put_actor(GString *out, const ft_actor *a)
{
	put(out, ft_actor_name(a), MD_TEXT);
	g_string_append(out, " (");
	put(out, ft_actor_id(a), MD_TEXT);
	g_string_append_c(out, ')');
}

/* "Near Ukraine's borders (ua-border)" */
static void put_region(GString *out, const ft_region *r)
{
	put(out, ft_region_name(r), MD_TEXT);
	g_string_append(out, " (");
	put(out, ft_region_id(r), MD_TEXT);
	g_string_append_c(out, ')');
}

/* "Government of Ukraine via Daily Mail (MailOnline)": who made the claim
 * and the outlets that carried it. */
static void put_source(GString *out, const ft_claim *c)
{
	put(out, ft_source_name(ft_claim_source(c)), MD_TEXT);
	for (size_t i = 0; i < ft_claim_via_count(c); i++) {
		g_string_append(out, i == 0 ? " via " : ", ");
		put(out, ft_source_name(ft_claim_via_at(c, i)), MD_TEXT);
	}
}

/* The reliability a source's claims are weighed with (docs/estimation.md
 * section 4): its own grade, or when that is F the grade of the nearest
 * graded source above it, which `*from` then names (else NULL). */
static ft_reliability reliability_of(const ft_source *s, const ft_source **from)
{
	const ft_source *graded = ft__source_graded(s);
	*from = graded && graded != s ? graded : NULL;
	return graded ? ft_source_reliability(graded) : FT_RELIABILITY_F;
}

/* "C2": the reliability a claim was weighed with, and its credibility. */
static void put_grades(GString *out, const ft_claim *c)
{
	char grades[FT__GRADES_SIZE];
	ft__claim_grades(c, grades);
	g_string_append(out, grades);
}

/* The title (after what the caller wrote before it) and the caller's note
 * as a paragraph of its own. */
static void title_and_note(GString *out, const char *title, const char *note)
{
	put(out, title, MD_TEXT);
	g_string_append_c(out, '\n');
	if (note) {
		g_string_append_c(out, '\n');
		put(out, note, MD_TEXT);
		g_string_append_c(out, '\n');
	}
}

/* ---- The situation report ------------------------------------------------ */

/* The names a heading deeper than ### shows of a region's path, at most:
 * beyond that the middle of the path is counted, not named, so that a
 * chain as deep as the input does not make the report quadratic. */
#define PATH_NAMES 6

/*
 * The heading of a region: ## for a root, ### for a region under one, and
 * #### for every level below, which names the whole path ("Ukraine ›
 * Donbas › Donetsk Oblast") so that its depth is not lost. `path` holds
 * the region's ancestors and then the region.
 */
static void region_heading(GString *out, const GPtrArray *path)
{
	size_t depth = path->len - 1;
	g_string_append(out, depth == 0 ? "\n## " : depth == 1 ? "\n### " : "\n#### ");
	for (size_t i = 0; depth >= 2 && i < depth; i++) {
		if (depth + 1 > PATH_NAMES && i == 2) {
			/* Two names, the count of the hidden ones, the last three. */
			g_string_append_printf(out, "\xe2\x80\xa6 %zu more \xe2\x80\xba ", depth - 4);
			i = depth - 3;
			continue;
		}
		put(out, ft_region_name(g_ptr_array_index(path, i)), MD_TEXT);
		g_string_append(out, " \xe2\x80\xba ");
	}
	put_region(out, g_ptr_array_index(path, depth));
	g_string_append(
	    out, "\n\n| Actor | Measure | Best | Low | High | Flags | Voices | Claims | Change, 7 days | "
	         "Change, 30 days |\n"
	         "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |\n");
}

/* "open below, CONTESTED (2 pairs)": the flags of a figure, in the order
 * of the legend. */
static void put_flags(GString *out, const ft_estimate *est)
{
	const char *sep = "";
	if (est->open_below) {
		g_string_append(out, "open below");
		sep = ", ";
	}
	if (est->open_above) {
		g_string_append_printf(out, "%sopen above", sep);
		sep = ", ";
	}
	if (est->contested) {
		g_string_append_printf(out, "%sCONTESTED (%zu pair%s)", sep, est->pairs,
		                       est->pairs == 1 ? "" : "s");
		sep = ", ";
	}
	if (est->inconsistent) {
		g_string_append_printf(out, "%sINCONSISTENT", sep);
		sep = ", ";
	}
	if (est->not_credible)
		g_string_append_printf(out, "%sNOT CREDIBLE", sep);
}

/* The table row of an entry. A side no claim bounds is marked as
 * ft_estimate_format marks it: high "48,000+"; low is then 0 and the
 * flags say "open below". */
static void row(GString *out, const ft_situation *s, const ft_situation_entry *e, const ft_estimate est[])
{
	const ft_estimate *now = &est[0];
	g_string_append(out, "| ");
	put_actor(out, e->actor);
	g_string_append(out, " | ");
	put(out, e->measure, MD_TEXT);
	if (now->has_value) {
		char best[32], low[32], high[32];
		ft__report_count(best, sizeof best, now->best);
		ft__report_count(low, sizeof low, now->low);
		ft__report_count(high, sizeof high, now->high);
		g_string_append_printf(out, " | %s | %s | %s%s | ", best, low, high,
		                       now->open_above ? "+" : "");
	} else {
		g_string_append(out, " | no estimate |  |  | ");
	}
	put_flags(out, now);
	g_string_append_printf(out, " | %zu | %zu | ", now->voices, now->claims);
	ft__situation_change(out, s, 1, now, &est[1]);
	g_string_append(out, " | ");
	ft__situation_change(out, s, 2, now, &est[2]);
	g_string_append(out, " |\n");
}

/* The pairs of current claims that disagree, the heaviest first. */
static void disagreements(GString *out, const ft_estimate *now)
{
	size_t n = ft_estimate_disagreement_count(now);
	if (n == 0)
		return;
	if (n < now->pairs)
		g_string_append_printf(out, "\nDisagreeing pairs, the %zu heaviest of %zu:\n\n", n,
		                       now->pairs);
	else
		g_string_append(out, "\nDisagreeing pairs:\n\n");
	for (size_t i = 0; i < n; i++) {
		const ft_disagreement *d = ft_estimate_disagreement_at(now, i);
		char w[G_ASCII_DTOSTR_BUF_SIZE];
		g_string_append(out, "- ");
		put(out, ft_claim_id(d->a), MD_TEXT);
		g_string_append(out, " (");
		put(out, ft_source_name(ft_claim_source(d->a)), MD_TEXT);
		g_string_append(out, ") and ");
		put(out, ft_claim_id(d->b), MD_TEXT);
		g_string_append(out, " (");
		put(out, ft_source_name(ft_claim_source(d->b)), MD_TEXT);
		g_string_append_printf(out, "), weight %s", g_ascii_formatd(w, sizeof w, "%.3f", d->weight));
		if (d->disjoint)
			g_string_append(out, "; their ranges do not meet");
		if (d->disputes)
			g_string_append(out, "; one disputes the other");
		g_string_append_c(out, '\n');
	}
}

/* Where a whole and its parts do not agree, the parts that break it (at
 * most opts->max_claims of them). */
static void inconsistencies(GString *out, const ft_estimate *now, const ft_render_options *opts)
{
	GPtrArray *parts = g_ptr_array_new();
	size_t left = ft__inconsistent_parts(now, opts, parts);
	if (parts->len)
		g_string_append(out, "\nInconsistent:\n\n");
	for (guint i = 0; i < parts->len; i++) {
		const ft_estimate_part *p = g_ptr_array_index(parts, i);
		char own[32], total[32];
		ft__report_count(own, sizeof own, p->own_high);
		ft__report_count(total, sizeof total, p->low);
		g_string_append(out, "- claims about ");
		put(out, ft_actor_id(p->actor), MD_TEXT);
		g_string_append(out, " in ");
		put(out, ft_region_id(p->region), MD_TEXT);
		g_string_append_printf(out, " say at most %s; its parts add up to at least %s\n", own, total);
	}
	if (left)
		g_string_append_printf(out, "- and %zu more parts\n", left);
	g_ptr_array_free(parts, TRUE);
}

/* A counted claim: its figure as the source said it, its weight, who said
 * it and who carried it, how the source stands, its grades, the node it
 * counted at when that is below the entry's, and its quote. */
static void counted(GString *out, const ft_situation_entry *e, const ft_contribution *c)
{
	const ft_claim *claim = c->claim;
	ft_quantity q = ft_claim_quantity(claim);
	char fig[96], w[G_ASCII_DTOSTR_BUF_SIZE];
	ft_quantity_format(&q, fig, sizeof fig);
	g_string_append(out, "- ");
	put(out, ft_claim_id(claim), MD_TEXT);
	g_string_append_printf(out, ": %s, weight %s; ", fig,
	                       g_ascii_formatd(w, sizeof w, "%.3f", c->weight));
	put_source(out, claim);
	g_string_append_printf(out, "; %s; grades ", ft_stance_phrase(c->stance));
	put_grades(out, claim);
	if (!c->credible)
		g_string_append(out, "; not credible");
	const ft_region *r = ft_claim_region(claim);
	const ft_actor *a = ft_claim_subject(claim);
	if (r != e->region || a != e->actor) {
		g_string_append(out, "; rolled up from ");
		put(out, ft_actor_id(a), MD_TEXT);
		g_string_append(out, " in ");
		put(out, ft_region_id(r), MD_TEXT);
	}
	g_string_append_c(out, '\n');
	if (ft_claim_quote(claim))
		quote(out, ft_claim_quote(claim), "  ");
}

/* The details of one entry, below its region's table. */
static void details(GString *out, const ft_situation_entry *e, const ft_estimate *now,
                    const ft_render_options *opts)
{
	g_string_append(out, "\n**");
	put_actor(out, e->actor);
	g_string_append(out, ", ");
	put(out, e->measure, MD_TEXT);
	g_string_append(out, ":** ");
	ft__estimate_summary(out, now);
	g_string_append_c(out, '\n');
	disagreements(out, now);
	inconsistencies(out, now, opts);
	/* At most opts->max_claims of each list, the heaviest; the rest are
	 * counted, so a region over a long chain does not list every claim
	 * under it again at every level. */
	GPtrArray *listed = g_ptr_array_new();
	size_t left = ft__listed_claims(now, 1, opts, listed);
	if (listed->len) {
		g_string_append(out, "\nCounted:\n\n");
		for (guint i = 0; i < listed->len; i++)
			counted(out, e, g_ptr_array_index(listed, i));
		if (left)
			g_string_append_printf(out, "- and %zu more, lighter (listed under the sub-regions and child "
			                            "actors)\n",
			                       left);
	}
	left = ft__listed_claims(now, 0, opts, listed);
	if (listed->len)
		g_string_append(out, "\nNot counted:\n\n");
	for (size_t k = 0; k < FT__N_NOT_COUNTED; k++)
		for (guint i = 0; i < listed->len; i++) {
			const ft_contribution *c = g_ptr_array_index(listed, i);
			if (c->status != ft__not_counted[k])
				continue;
			g_string_append(out, "- ");
			put(out, ft_claim_id(c->claim), MD_TEXT);
			g_string_append_printf(out, " (%s): ", ft_status_name(c->status));
			put(out, c->rule, MD_TEXT);
			g_string_append_c(out, '\n');
		}
	if (left)
		g_string_append_printf(out, "- and %zu more, lighter\n", left);
	g_ptr_array_free(listed, TRUE);
}

/* The heading: what, when, and how the figures are made. */
static void heading(GString *out, const ft_situation *s, const char *hash, const ft_render_options *opts)
{
	char date[FT_TIME_BUFSIZE], known[FT_TIME_BUFSIZE];
	ft__situation_dates(s, date, known);
	g_string_append_printf(out, "# Situation report, %s\n\n", date);
	title_and_note(out, ft__situation_title(s, opts), opts->note);
	g_string_append_printf(
	    out,
	    "\nAs known on %s: %zu of the dataset's %zu claims had been reported by then.\n\nData SHA-256: %s\n\n%s\n",
	    known, ft_situation_claims_known(s), ft_dataset_claim_count(ft_situation_dataset(s)), hash,
	    ft__situation_method());
}

int ft__situation_markdown(ft__out *o, const ft_situation *const *series, size_t n,
                           const ft_render_options *opts, ft_error *err)
{
	GString *out = o->s;
	int rc = 0;
	GPtrArray *path = g_ptr_array_new();
	GString *held = g_string_new(NULL);
	for (size_t k = 0; k < n; k++) {
		const ft_situation *s = series[k];
		if (k > 0)
			g_string_append_c(out, '\n');
		heading(out, s, o->hash, opts);
		const ft_region *last = NULL;
		for (size_t i = 0; i < ft_situation_entry_count(s); i++) {
			const ft_situation_entry *e = ft_situation_entry_at(s, i);
			if (e->region != last) {
				g_string_append_len(out, held->str, (gssize)held->len);
				g_string_truncate(held, 0);
				ft__out_spill(o);
				/* Entries come in tree order and every region above
				 * one with an entry has one too, so the last region
				 * seen one level up is this one's parent. */
				g_ptr_array_set_size(path, (gint)e->depth);
				assert(e->depth == 0 || g_ptr_array_index(path, e->depth - 1) ==
				                            (gpointer)(uintptr_t)ft_region_parent(e->region));
				g_ptr_array_add(path, (gpointer)(uintptr_t)e->region);
				region_heading(out, path);
				last = e->region;
			}
			ft_estimate est[FT_SITUATION_COLUMNS];
			if ((rc = ft__out_figures(o, s, i, 1, est, err)) != 0)
				goto cleanup;
			row(out, s, e, est);
			details(held, e, &est[0], opts);
			ft__situation_figures_clear(est);
		}
		g_string_append_len(out, held->str, (gssize)held->len);
		g_string_truncate(held, 0);
		g_string_append(out, "\n**Legend**\n\n");
		for (size_t i = 0; i < FT__N_LEGEND; i++)
			g_string_append_printf(out, "- %s\n", ft__situation_legend[i]);
	}
cleanup:
	g_ptr_array_free(path, TRUE);
	g_string_free(held, TRUE);
	return rc;
}

/* ---- The claims report --------------------------------------------------- */

/* A claim with the positions of its region and subject in the dataset and
 * its own, which order the report. */
typedef struct placed {
	const ft_claim *claim;
	size_t region, subject, seq;
} placed;

static int compare_placed(const void *pa, const void *pb)
{
	const placed *a = pa, *b = pb;
	if (a->region != b->region)
		return a->region < b->region ? -1 : 1;
	if (a->subject != b->subject)
		return a->subject < b->subject ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* "observed 2021-12-01", "observed 2021-11 to 2022-02", "observed from
 * 2021-11"; nothing when the claim speaks of the time it was reported. */
static void observed(GString *out, const ft_claim_desc *d)
{
	if (d->observed_form == FT_OBSERVED_NONE)
		return;
	char from[FT_TIME_BUFSIZE], to[FT_TIME_BUFSIZE];
	ft_time_format(&d->observed.from, from);
	ft_time_format(&d->observed.to, to);
	if (d->observed_form == FT_OBSERVED_TIME || strcmp(from, to) == 0)
		g_string_append_printf(out, ", observed %s", from);
	else if (!from[0])
		g_string_append_printf(out, ", observed until %s", to);
	else if (!to[0])
		g_string_append_printf(out, ", observed from %s", from);
	else
		g_string_append_printf(out, ", observed %s to %s", from, to);
}

/* "  - supersedes c-a, c-b": a line of ids, when there are any. */
static void id_line(GString *out, const char *label, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_string_append(out, i == 0 ? "  - " : ", ");
		if (i == 0)
			g_string_append(out, label);
		put(out, ids[i], MD_TEXT);
	}
	if (n)
		g_string_append_c(out, '\n');
}

/* The link of a claim's URL, for the web's schemes; another (javascript:,
 * file:) is shown as text, never as a link. */
static void url_line(GString *out, const char *url)
{
	if (g_ascii_strncasecmp(url, "https://", 8) == 0 || g_ascii_strncasecmp(url, "http://", 7) == 0) {
		g_string_append(out, "  - link: [");
		put(out, url, MD_TEXT);
		g_string_append(out, "](");
		put(out, url, MD_URL);
		g_string_append(out, ")\n");
	} else {
		g_string_append(out, "  - URL, not a web link: ");
		put(out, url, MD_TEXT);
		g_string_append_c(out, '\n');
	}
}

/* One claim: a list item with what it says, and a line for each of the
 * facts about it that it has, then its quote. */
static void claim_item(GString *out, const ft_dataset *ds, const ft_claim *c)
{
	ft_claim_desc d = FT_CLAIM_DESC_INIT;
	ft_claim_describe(c, &d);
	char when[FT_TIME_BUFSIZE];

	g_string_append(out, "- **");
	put(out, d.id, MD_TEXT);
	g_string_append(out, "**: ");
	if (d.quantity.qualifier != FT_QUALIFIER_NONE) {
		char fig[96];
		ft_quantity_format(&d.quantity, fig, sizeof fig);
		g_string_append_printf(out, "%s ", fig);
		put(out, ft_claim_measure(c), MD_TEXT);
		if (d.kind != FT_CLAIM_OBSERVATION)
			g_string_append_printf(out, ", a %s", ft_claim_kind_name(d.kind));
	} else {
		g_string_append_printf(out, "a %s (", ft_claim_kind_name(d.kind));
		put(out, ft_claim_measure(c), MD_TEXT);
		g_string_append_c(out, ')');
	}
	observed(out, &d);
	ft_time_format(&d.reported, when);
	g_string_append_printf(out, ", reported %s\n", when);

	const ft_source *from;
	ft_reliability r = reliability_of(ft_claim_source(c), &from);
	g_string_append(out, "  - source: ");
	put_source(out, c);
	g_string_append_printf(out, "; reliability %s", ft_reliability_name(r));
	if (from) {
		g_string_append(out, " (of ");
		put(out, ft_source_id(from), MD_TEXT);
		g_string_append_c(out, ')');
	}
	g_string_append_printf(out, "; credibility %d\n", ft_claim_credibility(c));

	if (ft_claim_unit(c)) {
		g_string_append(out, "  - unit: ");
		put(out, ft_unit_name(ft_claim_unit(c)), MD_TEXT);
		g_string_append(out, " (");
		put(out, ft_unit_id(ft_claim_unit(c)), MD_TEXT);
		g_string_append(out, ")\n");
	}
	id_line(out, "supersedes ", d.supersedes, d.n_supersedes);
	/* The dataset keeps who supersedes whom: no search per claim. */
	const char *sep = "  - superseded by ";
	for (uint32_t l = ft__claim_superseded_first(ds, c); l;) {
		const ft_claim *by = ft__claim_superseded_next(ds, &l);
		ft_time reported = ft_claim_reported(by);
		ft_time_format(&reported, when);
		g_string_append(out, sep);
		put(out, ft_claim_id(by), MD_TEXT);
		g_string_append_printf(out, " (reported %s)", when);
		sep = ", ";
	}
	if (sep[0] == ',')
		g_string_append_c(out, '\n');
	if (ft_time_is_set(&d.retracted)) {
		ft_time_format(&d.retracted, when);
		g_string_append_printf(out, "  - retracted on %s\n", when);
	}
	id_line(out, "disputes ", d.disputes, d.n_disputes);
	if (d.url)
		url_line(out, d.url);
	id_line(out, "tags: ", d.tags, d.n_tags);
	if (d.quote)
		quote(out, d.quote, "  ");
}

int ft__claims_markdown(GString *out, const ft_dataset *ds, const ft_render_options *opts, ft_error *err)
{
	(void)err;
	size_t n = ft_dataset_claim_count(ds);
	GHashTable *region_pos = g_hash_table_new(g_direct_hash, g_direct_equal);
	GHashTable *actor_pos = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t i = 0; i < ft_dataset_region_count(ds); i++)
		g_hash_table_insert(region_pos, (gpointer)(uintptr_t)ft_dataset_region_at(ds, i),
		                    GSIZE_TO_POINTER(i));
	for (size_t i = 0; i < ft_dataset_actor_count(ds); i++)
		g_hash_table_insert(actor_pos, (gpointer)(uintptr_t)ft_dataset_actor_at(ds, i),
		                    GSIZE_TO_POINTER(i));
	placed *all = g_new(placed, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		const ft_claim *c = ft_dataset_claim_at(ds, i);
		all[i] = (placed){c, GPOINTER_TO_SIZE(g_hash_table_lookup(region_pos, ft_claim_region(c))),
		                  GPOINTER_TO_SIZE(g_hash_table_lookup(actor_pos, ft_claim_subject(c))), i};
	}
	qsort(all, n, sizeof *all, compare_placed);

	ft_dataset_info info = FT_DATASET_INFO_INIT;
	ft_dataset_describe(ds, &info);
	/* Named as a situation report is (ft__situation_title). */
	const char *title = opts->title ? opts->title : info.title;
	if (!title)
		title = info.id ? info.id : "the dataset";
	g_string_append(out, "# ");
	title_and_note(out, title, opts->note);
	g_string_append_printf(
	    out,
	    "\n%zu claim%s, under a heading per region and subject (the actor whose forces a "
	    "claim counts), each in dataset order.\n",
	    n, n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		const ft_claim *c = all[i].claim;
		if (i == 0 || all[i].region != all[i - 1].region || all[i].subject != all[i - 1].subject) {
			g_string_append(out, "\n## ");
			put_region(out, ft_claim_region(c));
			g_string_append(out, " \xe2\x80\x94 ");
			put_actor(out, ft_claim_subject(c));
			g_string_append(out, "\n\n");
		}
		claim_item(out, ds, c);
	}
	g_free(all);
	g_hash_table_destroy(region_pos);
	g_hash_table_destroy(actor_pos);
	return 0;
}
