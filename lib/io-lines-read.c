/*
 * The JSON Lines reader (FORMAT.md section 7): a header line, then one
 * entity a line, each checked and added to the dataset as it arrives, so
 * that a reference to a later line is an unknown reference at the line
 * that makes it, and every problem names its line. The input is read in
 * batches of at most BATCH_LINES lines or BATCH_BYTES bytes (or one longer
 * line), so memory holds one batch of text and parsed JSON besides the
 * dataset itself. Parsing a line (Jansson, then the field tables of
 * io-read.c into a description) touches no dataset, so with several
 * threads the lines of a batch are parsed in parallel; the problems found
 * are kept per line and replayed, and the descriptions added, in line
 * order on the calling thread, which makes the result and every message
 * the same whatever the number of threads.
 *
 * Decisions where FORMAT.md is open: a last line without its "\n" is
 * accepted when it parses as a whole; when it does not, it is torn (a
 * crash during an append) and refused with FT_ETORN, or with recover_torn
 * reported and dropped. Every blank line is an error, the last one too.
 * x- keys beside the entity key are kept as that entity's extensions. The
 * load keeps going after a problem, to report more, but never returns a
 * partial dataset (except without a torn last line, as above); max_size
 * bounds the whole input, as for a document.
 */
#include <stdint.h>
#include <string.h>

#include "json-private.h"
#include "read-private.h"
#include "forcetrack/version.h"

#define BATCH_LINES 1024
#define BATCH_BYTES ((size_t)4 << 20)
#define MAX_THREADS 64

static const char *const header_keys[] = {"forcetrack", "dataset"};

/* Below this many lines a batch is parsed on the calling thread alone:
 * waking workers would cost more than it saves. Either way gives the
 * same result, which the fuzz target checks with this set to 1. */
unsigned ft__lines_parallel_min = 64;

/* One line of a batch: where its text is, then what parsing made of it. */
typedef struct line {
	size_t off, len; /* in the batch's text */
	int number;
	int unterminated; /* the input's last line, without its "\n" */
	gint parsed;      /* set, atomically, once the fields below are final */
	/* Parsing's results. */
	json_t *root;
	int kind; /* the entity's kind, or -1 */
	int ok;   /* desc is complete and may be added */
	int torn;
	const char *id; /* of a flawed entity, to reserve */
	ft__desc desc;  /* borrows from root and from its parser's arena */
	GArray *problems; /* ft_error, in the order found; NULL when none */
} line;

typedef struct batch {
	line *lines;
	size_t n;
	const char *text;
	size_t max_string;
	int allow_torn;
	gint next; /* the next line to parse, taken atomically */
	/* One per thread (the calling thread's first), for what the lines
	 * it parses borrow besides their JSON; reset when the batch is done. */
	ft__arena arenas[MAX_THREADS];
} batch;

/* A thread parsing the lines of a batch, and its arena. */
typedef struct parser {
	batch *b;
	ft__arena *arena;
} parser;

typedef struct lines_ctx {
	ft_dataset *ds;
	ft__errlist *errs;
	ft__input *in;
	size_t max_string;
	unsigned threads;
	int allow_torn; /* a broken last line without "\n" is torn, not a syntax error */
	int torn;       /* a torn line was reported */
	int failed;     /* reading stopped: the input could not be read */
	int number;     /* the number of the last line read */
	size_t cur;     /* bytes of in->data after in->pos that this batch has taken */
} lines_ctx;

/* ---- reading lines -------------------------------------------------------- */

/*
 * Takes the next line of the input, as an offset and length from in->pos
 * (which does not move until the batch is done, so that a fill cannot
 * drop text the batch still needs). Returns 1, 0 at the end, -1 on a read
 * error (recorded).
 */
static int next_line(lines_ctx *c, size_t *off, size_t *len, int *unterminated)
{
	ft__input *in = c->in;
	size_t scan = c->cur;
	for (;;) {
		const char *base = in->data + in->pos;
		size_t avail = in->len - in->pos;
		const char *nl = scan < avail ? memchr(base + scan, '\n', avail - scan) : NULL;
		if (nl) {
			*off = c->cur;
			*len = (size_t)(nl - base) - c->cur;
			*unterminated = 0;
			c->cur = (size_t)(nl - base) + 1;
			return 1;
		}
		scan = avail;
		long n = ft__input_fill(in, c->errs);
		if (n < 0) {
			c->failed = 1;
			return -1;
		}
		if (n > 0)
			continue;
		if (avail == c->cur)
			return 0;
		*off = c->cur;
		*len = avail - c->cur;
		*unterminated = 1;
		c->cur = avail;
		return 1;
	}
}

/* Marks the text of the lines taken so far as consumed. */
static void consume(lines_ctx *c)
{
	c->in->pos += c->cur;
	c->cur = 0;
}

static int is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* ---- parsing one line (any thread) ---------------------------------------- */

static void keep_problem(const ft_error *err, void *payload)
{
	line *l = payload;
	if (!l->problems)
		l->problems = g_array_new(FALSE, FALSE, sizeof(ft_error));
	g_array_append_vals(l->problems, err, 1);
}

/* An error list that keeps every problem of line `l` in l->problems. */
static void line_errlist(ft__errlist *errs, line *l)
{
	ft__errlist_init(errs, NULL, NULL);
	errs->max = SIZE_MAX;
	errs->fn = keep_problem;
	errs->payload = l;
	errs->line = l->number;
}

/*
 * Parses the JSON of a line: NULL after recording why not (a blank line, a
 * syntax error, a torn last line).
 */
static json_t *parse_json(line *l, const char *text, int allow_torn, ft__errlist *errs)
{
	if (is_blank(text, l->len)) {
		ft__errlist_addf(errs, FT_ESYNTAX, NULL, "blank line: JSON Lines has one object per line");
		return NULL;
	}
	json_error_t jerr;
	json_t *root = json_loadb(text, l->len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (root)
		return root;
	if (l->unterminated && allow_torn) {
		ft__errlist_addf(
		    errs, FT_ETORN, NULL,
		    "line %d is torn (the file ends in the middle of a line, as after a crash during "
		    "an append)",
		    l->number);
		l->torn = 1;
		return NULL;
	}
	/* Jansson sees one line as its whole input. */
	char *eof = strstr(jerr.text, "end of file");
	if (eof && strlen(eof) == strlen("end of file"))
		g_strlcpy(eof, "end of line", sizeof jerr.text - (size_t)(eof - jerr.text));
	ft__read_syntax_error(errs, &jerr, l->number);
	return NULL;
}

/* Moves the line's x- keys into the entity's extensions. */
static int merge_extensions(ft__reader *r, line *l, const ft_extension *line_ext, size_t n_line_ext)
{
	const ft_extension **items;
	size_t *n;
	ft__read_desc_extensions(&l->desc, (ft__kind)l->kind, &items, &n);
	int rc = 0;
	for (size_t i = 0; i < n_line_ext; i++) {
		const ft_extension *x = &line_ext[i];
		for (size_t j = 0; j < *n; j++) {
			if (strcmp((*items)[j].key, x->key) == 0) {
				ft__errlist_addf(
				    r->errs, FT_EFORMAT, x->key,
				    "repeated key: the %s has \"%s\" too (x- keys beside an entity are "
				    "kept in it)",
				    ft__kind_singular[l->kind], x->key);
				rc = -1;
			}
		}
	}
	if (rc != 0)
		return rc;
	ft_extension *merged = ft__arena_alloc(r->arena, (*n + n_line_ext) * sizeof *merged);
	if (*n)
		memcpy(merged, *items, *n * sizeof *merged);
	memcpy(merged + *n, line_ext, n_line_ext * sizeof *merged);
	*items = merged;
	*n += n_line_ext;
	return 0;
}

/* Reads an entity line into l->desc; problems go to l->problems. */
static void parse_entity_line(line *l, const char *text, size_t max_string, int allow_torn, ft__arena *arena)
{
	ft__errlist errs;
	line_errlist(&errs, l);
	l->kind = -1;
	l->root = parse_json(l, text, allow_torn, &errs);
	if (!l->root)
		return;
	if (!json_is_object(l->root)) {
		ft__errlist_addf(&errs, FT_EFORMAT, NULL, "a line must be a JSON object, not %s",
		                 ft__json_type_name(l->root));
		return;
	}
	ft__reader r;
	memset(&r, 0, sizeof r);
	r.errs = &errs;
	r.max_string = max_string;
	r.arena = arena;

	ft_extension *line_ext = NULL; /* the x- keys beside the entity */
	size_t n_line_ext = 0;
	size_t n_entities = 0, bad_keys = 0;
	const json_t *value = NULL;
	const char *key;
	json_t *v;
	json_object_foreach (l->root, key, v) {
		if (key[0] == 'x' && key[1] == '-') {
			if (!line_ext)
				line_ext =
				    ft__arena_alloc(arena, json_object_size(l->root) * sizeof *line_ext);
			char *json = ft__json_compact(v);
			line_ext[n_line_ext].key = key;
			line_ext[n_line_ext].json = ft__arena_strndup(arena, json, strlen(json));
			n_line_ext++;
			g_free(json);
			continue;
		}
		int k = 0;
		while (k < FT__KIND_COUNT && strcmp(key, ft__kind_singular[k]) != 0)
			k++;
		if (k < FT__KIND_COUNT) {
			if (n_entities++ == 0) {
				l->kind = k;
				value = v;
			}
		} else if (strcmp(key, "forcetrack") == 0 || strcmp(key, "dataset") == 0) {
			ft__errlist_addf(&errs, FT_EFORMAT, key,
			                 "only the header, the first line, has this key");
			bad_keys++;
		} else {
			ft__read_unknown_key(&r, key, ft_suggest(key, ft__kind_singular, FT__KIND_COUNT));
			bad_keys++;
		}
	}
	if (n_entities == 0 && bad_keys == 0)
		ft__errlist_addf(&errs, FT_EFORMAT, NULL,
		                 "a line must hold one entity, under one of the keys \"actor\", \"region\", "
		                 "\"unit\", \"source\", \"claim\"");
	if (n_entities > 1) {
		/* Named only here: listing the keys of every line cost 2.5% of a load. */
		GString *found = g_string_new(NULL);
		json_object_foreach (l->root, key, v) {
			for (int k = 0; k < FT__KIND_COUNT; k++)
				if (strcmp(key, ft__kind_singular[k]) == 0)
					g_string_append_printf(found, "%s\"%s\"", found->len ? ", " : "", key);
		}
		ft__errlist_addf(&errs, FT_EFORMAT, NULL,
		                 "a line must hold one entity, this one holds %zu (%s)", n_entities,
		                 found->str);
		g_string_free(found, TRUE);
	}
	if (n_entities == 1) {
		char path[FT_ERROR_PATH_SIZE];
		ft__entity_path(path, sizeof path, (ft__kind)l->kind, FT__SRC_LINE, NULL, -1);
		int rc = ft__read_entity(&r, (ft__kind)l->kind, path, value, &l->desc);
		if (rc == 0 && n_line_ext)
			rc = merge_extensions(&r, l, line_ext, n_line_ext);
		l->ok = rc == 0 && bad_keys == 0;
		/* Every description begins with its id (a read without problems
		 * set it); a flawed one cannot be trusted to hold it. */
		if (rc == 0) {
			l->id = l->desc.actor.id;
		} else {
			const json_t *id = json_object_get(value, "id");
			if (json_is_string(id))
				l->id = json_string_value(id);
		}
	}
}

static void line_clear(line *l)
{
	if (l->problems)
		g_array_free(l->problems, TRUE);
	json_decref(l->root);
	memset(l, 0, sizeof *l);
}

/* ---- a batch -------------------------------------------------------------- */

/* Parses the next line no thread has taken; 0 when none is left. */
static int parse_next(parser *p)
{
	batch *b = p->b;
	gint i = g_atomic_int_add(&b->next, 1);
	if (i < 0 || (size_t)i >= b->n)
		return 0;
	line *l = &b->lines[i];
	parse_entity_line(l, b->text + l->off, b->max_string, b->allow_torn, p->arena);
	g_atomic_int_set(&l->parsed, 1);
	return 1;
}

static gpointer worker(gpointer data)
{
	while (parse_next(data))
		;
	return NULL;
}

static const void *find_id(const ft_dataset *ds, ft__kind kind, const char *id)
{
	switch (kind) {
	case FT__ACTOR: return ft_dataset_find_actor(ds, id);
	case FT__REGION: return ft_dataset_find_region(ds, id);
	case FT__UNIT: return ft_dataset_find_unit(ds, id);
	case FT__SOURCE: return ft_dataset_find_source(ds, id);
	case FT__CLAIM: return ft_dataset_find_claim(ds, id);
	default: return NULL;
	}
}

/* Replays a parsed line's problems and adds its entity (calling thread). */
static void apply_line(lines_ctx *c, line *l)
{
	for (guint i = 0; l->problems && i < l->problems->len; i++)
		ft__errlist_add(c->errs, &g_array_index(l->problems, ft_error, i));
	if (l->torn)
		c->torn = 1;
	if (l->kind < 0)
		return;
	ft__kind kind = (ft__kind)l->kind;
	const char *id = l->id;
	c->errs->line = l->number;
	if (l->ok) {
		if (id && find_id(c->ds, kind, id)) {
			/* Said here, where the line is known, rather than by the
			 * model, which names a document's array index. */
			char path[FT_ERROR_PATH_SIZE];
			ft__entity_path(path, sizeof path, kind, FT__SRC_LINE, "id", -1);
			ft__errlist_addf(c->errs, FT_EDUPLICATE, path,
			                 "duplicate %s id \"%s\" (an earlier line has it)",
			                 ft__kind_singular[kind], id);
			id = NULL;
		} else if (ft__dataset_add_one(c->ds, kind, &l->desc, FT__SRC_LINE, c->errs)) {
			id = NULL;
		}
	}
	/* A flawed entity keeps its id known, so that lines naming it do not
	 * raise a second, misleading error. */
	if (id && !find_id(c->ds, kind, id))
		ft__dataset_reserve(c->ds, kind, id, FT__SRC_LINE, c->errs);
	c->errs->line = 0;
}

/*
 * Parses the lines of a batch, on the calling thread and c->threads - 1
 * others, and adds them in line order on the calling thread as soon as
 * each is parsed (parsing later lines itself while it waits). Helpers are
 * started for the batch and joined after it: a batch is large enough
 * that starting threads costs little beside it, and the flags and the
 * join are plain happens-before edges for the sanitizers.
 */
static void run_batch(lines_ctx *c, batch *b)
{
	b->next = 0;
	b->max_string = c->max_string;
	b->allow_torn = c->allow_torn;
	unsigned helpers = c->threads > 1 && b->n >= ft__lines_parallel_min ? c->threads - 1 : 0;
	GThread *threads[MAX_THREADS];
	parser parsers[MAX_THREADS];
	for (unsigned t = 0; t <= helpers; t++) {
		parsers[t].b = b;
		parsers[t].arena = &b->arenas[t];
	}
	if (helpers) {
		/* Make sure Jansson's hash seed is set before threads parse. */
		json_object_seed(0);
	}
	for (unsigned t = 0; t < helpers; t++)
		threads[t] = g_thread_new("ft-lines", worker, &parsers[t + 1]);
	for (size_t i = 0; i < b->n; i++) {
		line *l = &b->lines[i];
		while (!g_atomic_int_get(&l->parsed)) {
			/* A helper has it: parse a later line, or let it run. */
			if (!parse_next(&parsers[0]))
				g_thread_yield();
		}
		if (!c->errs->full)
			apply_line(c, l);
		line_clear(l);
	}
	for (unsigned t = 0; t < helpers; t++)
		g_thread_join(threads[t]);
	for (unsigned t = 0; t <= helpers; t++)
		ft__arena_reset(&b->arenas[t]);
}

/* Reads, parses and adds the entity lines up to the end of the input. */
static void read_entity_lines(lines_ctx *c)
{
	batch b;
	memset(&b, 0, sizeof b);
	b.lines = g_new0(line, BATCH_LINES);
	for (unsigned t = 0; t < c->threads; t++)
		ft__arena_init(&b.arenas[t]);
	while (!c->errs->full && !c->failed) {
		b.n = 0;
		size_t off, len;
		int unterminated, got = 0;
		while (b.n < BATCH_LINES && c->cur < BATCH_BYTES &&
		       (got = next_line(c, &off, &len, &unterminated)) == 1) {
			line *l = &b.lines[b.n++];
			l->off = off;
			l->len = len;
			l->number = ++c->number;
			l->unterminated = unterminated;
		}
		if (b.n == 0)
			break;
		/* The text stays put until consume(): nothing fills meanwhile. */
		b.text = c->in->data + c->in->pos;
		run_batch(c, &b);
		consume(c);
		if (got < 0)
			break;
	}
	g_free(b.lines);
	for (unsigned t = 0; t < c->threads; t++)
		ft__arena_clear(&b.arenas[t]);
}

static unsigned threads_of(const ft_load_options *opts)
{
	unsigned n = opts ? opts->threads : 1;
	if (n == 0)
		n = g_get_num_processors();
	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
}

static void ctx_init(lines_ctx *c, ft_dataset *ds, ft__input *in, const ft_load_options *opts,
                     ft__errlist *errs)
{
	memset(c, 0, sizeof *c);
	c->ds = ds;
	c->errs = errs;
	c->in = in;
	c->max_string = ft__load_max_string(opts);
	c->threads = threads_of(opts);
}

/* ---- the header ----------------------------------------------------------- */

/*
 * Reads the header, the first line that is not blank (blank ones are
 * reported). Returns 0 when the entity lines may be read, -1 when the
 * input is not one this library can read further (no header, a version
 * it does not read, a line that is not JSON).
 */
static int read_header(lines_ctx *c)
{
	size_t off, len;
	int unterminated, got;
	line l;
	memset(&l, 0, sizeof l);
	while ((got = next_line(c, &off, &len, &unterminated)) == 1) {
		l.off = off;
		l.len = len;
		l.number = ++c->number;
		l.unterminated = unterminated;
		if (!is_blank(c->in->data + c->in->pos + off, len))
			break;
		c->errs->line = l.number;
		ft__errlist_addf(c->errs, FT_ESYNTAX, NULL, "blank line: JSON Lines has one object per line");
		c->errs->line = 0;
	}
	if (got < 0)
		return -1;
	if (got == 0) {
		if (c->number == 0)
			ft__errlist_addf(
			    c->errs, FT_ESYNTAX, NULL,
			    "empty file: expected the header line {\"forcetrack\": \"" FT_FORMAT_STRING
			    "\"}");
		return -1;
	}
	const char *text = c->in->data + c->in->pos + l.off;
	json_t *rest = NULL;
	int rc = -1;
	c->errs->line = l.number;
	ft__reader r;
	memset(&r, 0, sizeof r);
	r.ds = c->ds;
	r.errs = c->errs;
	r.max_string = c->max_string;
	ft__arena arena;
	ft__arena_init(&arena);
	r.arena = &arena;
	if (c->in->pos + l.off == 0 && l.len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		ft__errlist_addf(c->errs, FT_ESYNTAX, NULL,
		                 "the file begins with a byte-order mark: save it as UTF-8 without one");
		goto cleanup;
	}
	l.root = parse_json(&l, text, c->allow_torn, c->errs);
	if (l.torn)
		c->torn = 1;
	if (!l.root)
		goto cleanup;
	if (!json_is_object(l.root)) {
		ft__errlist_addf(c->errs, FT_EFORMAT, NULL, "the header line must be a JSON object, not %s",
		                 ft__json_type_name(l.root));
		goto cleanup;
	}
	if (!json_object_get(l.root, "forcetrack")) {
		for (int k = 0; k < FT__KIND_COUNT; k++) {
			if (json_object_get(l.root, ft__kind_singular[k])) {
				ft__errlist_addf(c->errs, FT_EFORMAT, NULL,
				                 "missing header: the first line must be {\"forcetrack\": "
				                 "\"" FT_FORMAT_STRING "\"}, before the first %s",
				                 ft__kind_singular[k]);
				goto cleanup;
			}
		}
	}
	if (ft__read_version(&r, l.root) != 0)
		goto cleanup;
	/* An entity on the header line is said to be misplaced, and left out
	 * of what the header check sees so it is not also an unknown key. */
	for (int k = 0; k < FT__KIND_COUNT; k++) {
		if (!json_object_get(l.root, ft__kind_singular[k]))
			continue;
		ft__errlist_addf(c->errs, FT_EFORMAT, ft__kind_singular[k],
		                 "an entity goes on a line of its own, after the header");
		if (!rest)
			rest = json_copy(l.root);
		json_object_del(rest, ft__kind_singular[k]);
	}
	ft__read_header(&r, rest ? rest : l.root, header_keys, G_N_ELEMENTS(header_keys));
	rc = 0;

cleanup:
	c->errs->line = 0;
	consume(c);
	ft__arena_clear(&arena);
	json_decref(rest);
	json_decref(l.root);
	return rc;
}

/* ---- entry points --------------------------------------------------------- */

ft_dataset *ft__lines_read(ft__input *in, const ft_load_options *opts, ft__errlist *errs)
{
	ft_dataset *ds = ft_dataset_new();
	lines_ctx c;
	ctx_init(&c, ds, in, opts, errs);
	c.allow_torn = 1;
	int header_ok = read_header(&c) == 0;
	if (header_ok)
		read_entity_lines(&c);
	/* A torn last line may be dropped when it is the one problem and
	 * something came before it: without a header there is nothing. */
	int recovered = opts && opts->recover_torn && header_ok && c.torn && errs->count == 1 && !c.failed;
	if (errs->count && !recovered) {
		ft_dataset_free(ds);
		return NULL;
	}
	return ds;
}

size_t ft__lines_add(ft_dataset *ds, const char *buf, size_t len, int last_line, const ft_load_options *opts,
                     ft__errlist *errs)
{
	ft__input in;
	ft__input_init_buffer(&in, buf, len, SIZE_MAX);
	lines_ctx c;
	ctx_init(&c, ds, &in, opts, errs);
	c.number = last_line;
	read_entity_lines(&c);
	ft__input_clear(&in);
	return (size_t)(c.number - last_line);
}
