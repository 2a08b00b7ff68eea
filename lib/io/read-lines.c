/*
 * The JSON Lines reader (docs/format.md section 7): a header line, then one
 * entity a line, each checked and added to the dataset as it arrives, so
 * that a reference to a later line is an unknown reference at the line
 * that makes it, and every problem names its line. The input is read in
 * batches of at most BATCH_LINES lines or BATCH_BYTES bytes (or one longer
 * line), so memory holds one batch of text and parsed JSON besides the
 * dataset itself. Parsing a line (Jansson, then the field tables of
 * io/fields.c into a description) touches no dataset, so with several
 * threads the lines are parsed in parallel: worker threads, started once
 * for the load, parse the batches read ahead of the one the calling
 * thread is adding (a few at most, so memory stays bounded), and the
 * calling thread parses too while it waits for a line. The problems found
 * are kept per line and replayed, and the descriptions added, in line
 * order on the calling thread, which makes the result and every message
 * the same whatever the number of threads; so are the problems met while
 * reading a batch's text (a read error, the size limit), replayed before
 * its lines as a serial load meets them.
 *
 * Decisions where docs/format.md is open: a last line without its "\n" is
 * accepted when it parses as a whole; when it does not, it is torn (a
 * crash during an append) and refused with FT_ETORN, or with recover_torn
 * reported and dropped. A line that begins with NUL begins an append that
 * was never committed (io/append.c): it and everything after it are one
 * torn "line", refused or dropped alike. Every blank line is an error, the last one too.
 * x- keys beside the entity key are kept as that entity's extensions. The
 * load keeps going after a problem, to report more, but never returns a
 * partial dataset (except without a torn last line, as above); max_size
 * bounds the whole input, as for a document.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "values/json-private.h"
#include "io/read-private.h"
#include "forcetrack/version.h"

#define BATCH_LINES 1024
#define BATCH_BYTES ((size_t)4 << 20)
#define MAX_THREADS 64
/* Batches read and not yet added: the one being added and those parsed
 * meanwhile. */
#define IN_FLIGHT 3
/* Lines a parser takes at once: few enough that the calling thread,
 * waiting for one line, is not kept long by a helper's run of them. */
#define CLAIM_LINES 16

static const char *const header_keys[] = {"forcetrack", "dataset"};

/* Until a batch of this many lines comes, batches are parsed on the
 * calling thread alone: starting workers would cost more than it saves.
 * Either way gives the same result, which the fuzz target checks with
 * this set to 1. */
unsigned ft__lines_parallel_min = 64;

/* One line of a batch: where its text is, then what parsing made of it. */
typedef struct line {
	size_t off, len; /* in the batch's text */
	int number;
	int unterminated; /* the input's last line, without its "\n" */
	int pending;      /* > 0: the text of an uncommitted append, holding this many lines */
	gint parsed;      /* set, atomically, once the fields below are final */
	/* Parsing's results. */
	json_t *root; /* NULL once parsed by the pool: desc then owns its strings */
	int kind;     /* the entity's kind, or -1 */
	int ok;       /* desc is complete and may be added */
	int torn;
	const char *id;   /* of a flawed entity, to reserve */
	ft__desc desc;    /* borrows from root and from its parser's arena */
	GArray *problems; /* ft_error, in the order found; NULL when none */
} line;

/*
 * A batch of lines and what they need while they are parsed and added.
 * Batches sit in a ring of IN_FLIGHT slots and are reused in turn.
 */
typedef struct batch {
	line *lines; /* BATCH_LINES of them */
	size_t n;
	const char *text;      /* the lines' text: the input's, or own_text */
	GString *own_text;     /* a copy, when the input's buffer moves as it fills */
	int last_number;       /* of the batch's last line */
	GArray *read_problems; /* ft_error met reading the text; NULL when none */
	int read_failed;       /* reading stopped in this batch */
	int pooled;            /* handed to the parsers (else parsed when added) */
	size_t claimed;        /* lines taken by a parser; under the pool's lock */
	/* One per thread, the calling thread's first: what the lines that
	 * thread parses hold (strings included, for pooled batches). */
	ft__arena *arenas;
} batch;

/*
 * The parsers of a load: the worker threads and what they share. The lock
 * is POSIX's, not GMutex and GCond: on Linux those are built on futexes
 * that ThreadSanitizer cannot see, so it would report every batch handed
 * over as a race.
 */
typedef struct pool {
	pthread_mutex_t lock;
	pthread_cond_t wake; /* a batch was published, or stop was set */
	batch slots[IN_FLIGHT];
	guint64 published; /* batches handed to the parsers so far */
	guint64 open;      /* the oldest of them that may have lines left */
	int stop;
	size_t max_string;
	size_t max_line;
	int allow_torn;
	unsigned n_workers;
	GThread *workers[MAX_THREADS];
} pool;

/* A worker's part: which arena of a batch is its own. */
typedef struct worker_arg {
	pool *p;
	unsigned index;
} worker_arg;

typedef struct lines_ctx {
	ft_dataset *ds;
	ft__errlist *errs;
	ft__input *in;
	size_t max_string;
	size_t max_line;
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
 * (which does not move until the batch is consumed, so that a fill cannot
 * drop text the batch still needs). With allow_torn, a line that begins
 * with a NUL byte begins an append that was never committed
 * (io/append.c): it and everything after it are taken as one "line",
 * and *pending says how many lines that text holds (0 otherwise).
 * Returns 1, 0 at the end, -1 on a read error (recorded in `errs`).
 */
static int next_line(lines_ctx *c, ft__errlist *errs, size_t *off, size_t *len, int *unterminated,
                     int *pending)
{
	ft__input *in = c->in;
	size_t scan = c->cur;
	*pending = 0;
	for (;;) {
		const char *base = in->data + in->pos;
		size_t avail = in->len - in->pos;
		int uncommitted = c->allow_torn && c->cur < avail && base[c->cur] == '\0';
		const char *nl =
		    !uncommitted && scan < avail ? memchr(base + scan, '\n', avail - scan) : NULL;
		if (nl) {
			*off = c->cur;
			*len = (size_t)(nl - base) - c->cur;
			*unterminated = 0;
			c->cur = (size_t)(nl - base) + 1;
			return 1;
		}
		scan = avail;
		long n = ft__input_fill(in, errs);
		if (n < 0)
			return -1;
		if (n > 0)
			continue;
		if (avail == c->cur)
			return 0;
		*off = c->cur;
		*len = avail - c->cur;
		*unterminated = base[avail - 1] != '\n';
		if (uncommitted) {
			int lines = *unterminated;
			for (size_t i = c->cur; i < avail; i++)
				lines += base[i] == '\n';
			*pending = lines;
		}
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

/* Appends a problem to a list made on first use. */
static void append_problem(GArray **list, const ft_error *err)
{
	if (!*list)
		*list = g_array_new(FALSE, FALSE, sizeof(ft_error));
	g_array_append_vals(*list, err, 1);
}

static void keep_problem(const ft_error *err, void *payload)
{
	append_problem(&((line *)payload)->problems, err);
}

/* An error list that keeps every problem of line `l` in l->problems. */
static void line_errlist(ft__errlist *errs, line *l)
{
	ft__errlist_init(errs, NULL);
	errs->max = SIZE_MAX;
	errs->fn = keep_problem;
	errs->payload = l;
	errs->line = l->number;
}

/*
 * Parses the JSON of a line: NULL after recording why not (a blank line, a
 * syntax error, a torn last line).
 */
static json_t *parse_json(line *l, const char *text, size_t max_line, int allow_torn, ft__errlist *errs)
{
	if (is_blank(text, l->len)) {
		ft__errlist_addf(errs, FT_ESYNTAX, NULL, "blank line: JSON Lines has one object per line");
		return NULL;
	}
	if (l->pending) {
		if (l->pending == 1)
			ft__errlist_addf(errs, FT_ETORN, NULL,
			                 "line %d is an append that was never committed (as after a crash "
			                 "during the append)",
			                 l->number);
		else
			ft__errlist_addf(errs, FT_ETORN, NULL,
			                 "lines %d to %d are an append that was never committed (as after a "
			                 "crash during the append)",
			                 l->number, l->number + l->pending - 1);
		l->torn = 1;
		return NULL;
	}
	/* Jansson's tree of a line of small numbers is some twenty times the
	 * line: the limit keeps a load's memory bounded, line by line. */
	if (l->len > max_line) {
		ft__errlist_addf(errs, FT_ELIMIT, NULL,
		                 "line of %zu bytes is over the limit of %zu bytes (max_line)", l->len,
		                 max_line);
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
				    ft__kind_singular[l->kind], FT__Q(x->key));
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

/*
 * Reads an entity line into l->desc; problems go to l->problems. With
 * `copy`, every string the line keeps is copied into the arena, so that
 * the tree may be released at once, on this thread.
 */
static void parse_entity_line(line *l, const char *text, size_t max_string, size_t max_line, int allow_torn,
                              ft__arena *arena, int copy)
{
	ft__errlist errs;
	line_errlist(&errs, l);
	l->kind = -1;
	l->root = parse_json(l, text, max_line, allow_torn, &errs);
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
	r.copy_strings = copy;
	r.text = text;
	r.text_len = l->len;

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
			line_ext[n_line_ext].key = ft__read_keep(&r, key, strlen(key));
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
					g_string_append_printf(found, "%s\"%s\"", found->len ? ", " : "",
					                       key);
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
				l->id = ft__read_keep(&r, json_string_value(id), json_string_length(id));
		}
	}
	ft__reader_clear(&r);
}

static void line_clear(line *l)
{
	if (l->problems)
		g_array_free(l->problems, TRUE);
	json_decref(l->root);
	memset(l, 0, sizeof *l);
}

/* ---- batches -------------------------------------------------------------- */

static void batch_init(batch *b, unsigned threads)
{
	memset(b, 0, sizeof *b);
	b->lines = g_new0(line, BATCH_LINES);
	b->arenas = g_new(ft__arena, threads);
	for (unsigned t = 0; t < threads; t++)
		ft__arena_init(&b->arenas[t]);
}

static void batch_clear(batch *b, unsigned threads)
{
	if (!b->lines)
		return;
	for (size_t i = 0; i < b->n; i++)
		line_clear(&b->lines[i]);
	g_free(b->lines);
	for (unsigned t = 0; t < threads; t++)
		ft__arena_clear(&b->arenas[t]);
	g_free(b->arenas);
	if (b->own_text)
		g_string_free(b->own_text, TRUE);
	if (b->read_problems)
		g_array_free(b->read_problems, TRUE);
	memset(b, 0, sizeof *b);
}

/* Makes a batch's slot ready for the next one (calling thread, once
 * every line of it is parsed and cleared). */
static void batch_retire(batch *b, unsigned threads)
{
	for (unsigned t = 0; t < threads; t++)
		ft__arena_reset(&b->arenas[t]);
	if (b->read_problems)
		g_array_set_size(b->read_problems, 0);
	b->n = 0;
	b->read_failed = 0;
	b->pooled = 0;
}

static void keep_read_problem(const ft_error *err, void *payload)
{
	append_problem(&((batch *)payload)->read_problems, err);
}

/*
 * Takes the next batch of lines from the input into `b`, leaving the text
 * where it is (c->cur says how much of it the batch holds). Problems met
 * reading are kept in the batch, to be recorded when it is added: read
 * ahead, they must not come before the problems of the lines before.
 * Returns 1 when more may follow, 0 at the end, -1 after a read error.
 */
static int read_batch(lines_ctx *c, batch *b)
{
	ft__errlist errs;
	ft__errlist_init(&errs, NULL);
	errs.max = SIZE_MAX;
	errs.fn = keep_read_problem;
	errs.payload = b;
	b->n = 0;
	size_t off, len;
	int unterminated, pending, got = 1;
	while (b->n < BATCH_LINES && c->cur < BATCH_BYTES &&
	       (got = next_line(c, &errs, &off, &len, &unterminated, &pending)) == 1) {
		line *l = &b->lines[b->n++];
		l->off = off;
		l->len = len;
		l->number = ++c->number;
		l->unterminated = unterminated;
		l->pending = pending;
		if (pending > 1)
			c->number += pending - 1;
	}
	b->text = c->in->data + c->in->pos;
	b->last_number = c->number;
	b->read_failed = got < 0;
	return got;
}

/* Records the problems met reading the batch's text, where a serial
 * load meets them: before the batch's lines. */
static void replay_read_problems(lines_ctx *c, batch *b)
{
	for (guint i = 0; b->read_problems && i < b->read_problems->len; i++)
		ft__errlist_add(c->errs, &g_array_index(b->read_problems, ft_error, i));
	if (b->read_failed)
		c->failed = 1;
}

/* ---- adding lines (calling thread) ---------------------------------------- */

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
	/* A duplicate id is the model's to report: with FT__SRC_LINE it says
	 * "an earlier line has it". */
	if (l->ok && ft__dataset_add_one(c->ds, kind, &l->desc, FT__SRC_LINE, c->errs))
		id = NULL;
	/* A flawed entity keeps its id known, so that lines naming it do not
	 * raise a second, misleading error. */
	if (id && !find_id(c->ds, kind, id))
		ft__dataset_reserve(c->ds, kind, id, FT__SRC_LINE, c->errs);
	c->errs->line = 0;
}

/* Parses and adds the lines of a batch one by one on the calling thread,
 * each borrowing from its JSON, which is released on the same thread. */
static void run_batch(lines_ctx *c, batch *b)
{
	replay_read_problems(c, b);
	for (size_t i = 0; i < b->n; i++) {
		line *l = &b->lines[i];
		/* Past max_errors nothing more is added or reported. */
		if (!c->errs->full) {
			parse_entity_line(l, b->text + l->off, c->max_string, c->max_line, c->allow_torn,
			                  &b->arenas[0], 0);
			apply_line(c, l);
		}
		line_clear(l);
	}
}

/* ---- the pool (any thread) ------------------------------------------------ */

/* Moves `open` past the batches whose lines are all taken (under the
 * lock). Done as soon as the last line is taken, so that the slots the
 * calling thread fills or retires, unlocked, are never the ones a parser
 * looks at: those in [open, published). */
static void pass_claimed(pool *p)
{
	while (p->open < p->published) {
		const batch *b = &p->slots[p->open % IN_FLIGHT];
		if (b->claimed < b->n)
			break;
		p->open++;
	}
}

/*
 * Takes up to CLAIM_LINES lines of the oldest published batch that has
 * lines left, into *out, *first, *count. With `wait` (a worker) sleeps
 * until there is work or the load stops; returns 0 then, or at once
 * without `wait` when there is none.
 */
static int claim(pool *p, int wait, batch **out, size_t *first, size_t *count)
{
	int got = 0;
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		if (p->open < p->published) {
			batch *b = &p->slots[p->open % IN_FLIGHT];
			*out = b;
			*first = b->claimed;
			*count = b->n - b->claimed < CLAIM_LINES ? b->n - b->claimed : CLAIM_LINES;
			b->claimed += *count;
			pass_claimed(p);
			got = 1;
			goto cleanup;
		}
		if (!wait)
			break;
		pthread_cond_wait(&p->wake, &p->lock);
	}

cleanup:
	pthread_mutex_unlock(&p->lock);
	return got;
}

/*
 * Parses lines claimed from a pooled batch with the arena of thread
 * `index`, and releases each line's JSON here, on the thread that
 * allocated it: freeing it on the calling thread made the two threads
 * contend for malloc's arena locks, and the gain of a second thread was
 * 1.08x. The batch is not touched after its last line is flagged parsed.
 */
static void parse_claimed(pool *p, batch *b, size_t first, size_t count, unsigned index)
{
	ft__arena *arena = &b->arenas[index];
	for (size_t i = first; i < first + count; i++) {
		line *l = &b->lines[i];
		parse_entity_line(l, b->text + l->off, p->max_string, p->max_line, p->allow_torn, arena, 1);
		json_decref(l->root);
		l->root = NULL;
		g_atomic_int_set(&l->parsed, 1);
	}
}

static gpointer worker(gpointer data)
{
	worker_arg *w = data;
	batch *b;
	size_t first, count;
	while (claim(w->p, 1, &b, &first, &count))
		parse_claimed(w->p, b, first, count, w->index);
	return NULL;
}

static void pool_init(pool *p, lines_ctx *c)
{
	memset(p, 0, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	p->max_string = c->max_string;
	p->max_line = c->max_line;
	p->allow_torn = c->allow_torn;
}

static void pool_start(pool *p, worker_arg *args, unsigned threads)
{
	/* Make sure Jansson's hash seed is set before threads parse. */
	json_object_seed(0);
	p->n_workers = threads - 1;
	for (unsigned t = 0; t < p->n_workers; t++) {
		args[t].p = p;
		args[t].index = t + 1;
		p->workers[t] = g_thread_new("ft-lines", worker, &args[t]);
	}
}

/* Stops the workers, once they finish the lines they hold, and frees
 * every batch. */
static void pool_clear(pool *p, unsigned threads)
{
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
	for (unsigned t = 0; t < p->n_workers; t++)
		g_thread_join(p->workers[t]);
	for (unsigned i = 0; i < IN_FLIGHT; i++)
		batch_clear(&p->slots[i], threads);
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
}

/* Hands a batch read by run_entity_lines to the parsers. Its text is
 * copied when the input's buffer moves as more is read. */
static void publish(lines_ctx *c, pool *p, batch *b)
{
	if (c->in->fp) {
		if (!b->own_text)
			b->own_text = g_string_sized_new(c->cur);
		g_string_truncate(b->own_text, 0);
		g_string_append_len(b->own_text, b->text, (gssize)c->cur);
		b->text = b->own_text->str;
	}
	consume(c);
	b->pooled = 1;
	pthread_mutex_lock(&p->lock);
	b->claimed = 0;
	p->published++;
	pass_claimed(p); /* an empty batch, only replaying a read error */
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
}

/* Adds the lines of a pooled batch in order, parsing lines that no one
 * has taken yet while one is awaited. */
static void add_pooled(lines_ctx *c, pool *p, batch *b)
{
	replay_read_problems(c, b);
	for (size_t i = 0; i < b->n; i++) {
		line *l = &b->lines[i];
		while (!g_atomic_int_get(&l->parsed)) {
			batch *other;
			size_t first, count;
			if (claim(p, 0, &other, &first, &count))
				parse_claimed(p, other, first, count, 0);
			else
				g_thread_yield(); /* a worker has it */
		}
		if (!c->errs->full)
			apply_line(c, l);
		line_clear(l);
	}
}

/*
 * Reads, parses and adds the entity lines up to the end of the input, a
 * batch at a time. Serially, each batch is parsed as it is added. With
 * more threads, once a batch is large enough to be worth it, workers are
 * started and each batch read is published to them, up to IN_FLIGHT
 * ahead of the one being added; batches read ahead of a stop (max_errors
 * reached, a read error) are dropped unreported, as a serial load would
 * not have read them.
 */
static void read_entity_lines(lines_ctx *c)
{
	pool p;
	pool_init(&p, c);
	worker_arg args[MAX_THREADS];
	int started = 0;
	guint64 n_read = 0, n_added = 0;
	int more = !c->errs->full;
	int number = c->number; /* of the last line of the last batch added */
	for (;;) {
		while (more && n_read - n_added < (started ? IN_FLIGHT : 1)) {
			batch *b = &p.slots[n_read % IN_FLIGHT];
			if (!b->lines)
				batch_init(b, c->threads);
			if (read_batch(c, b) != 1)
				more = 0;
			if (b->n == 0 && !(b->read_problems && b->read_problems->len))
				break;
			if (!started && c->threads > 1 && b->n >= ft__lines_parallel_min) {
				pool_start(&p, args, c->threads);
				started = 1;
			}
			if (started)
				publish(c, &p, b);
			n_read++;
		}
		if (n_added == n_read)
			break;
		batch *b = &p.slots[n_added % IN_FLIGHT];
		if (b->pooled) {
			add_pooled(c, &p, b);
		} else {
			run_batch(c, b);
			consume(c);
		}
		number = b->last_number;
		batch_retire(b, c->threads);
		n_added++;
		if (c->errs->full || c->failed)
			break;
	}
	c->number = number;
	pool_clear(&p, c->threads);
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
	c->max_line = ft__load_max_line(opts);
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
	int unterminated, pending, got;
	line l;
	memset(&l, 0, sizeof l);
	while ((got = next_line(c, c->errs, &off, &len, &unterminated, &pending)) == 1) {
		l.off = off;
		l.len = len;
		l.number = ++c->number;
		l.unterminated = unterminated;
		l.pending = pending;
		if (pending > 1)
			c->number += pending - 1;
		if (!is_blank(c->in->data + c->in->pos + off, len))
			break;
		c->errs->line = l.number;
		ft__errlist_addf(c->errs, FT_ESYNTAX, NULL, "blank line: JSON Lines has one object per line");
		c->errs->line = 0;
	}
	if (got < 0) {
		c->failed = 1;
		return -1;
	}
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
	l.root = parse_json(&l, text, c->max_line, c->allow_torn, c->errs);
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
