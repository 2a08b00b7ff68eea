/*
 * The JSON document reader: a whole document parsed by Jansson (from a
 * buffer, or fed from a stream a chunk at a time), then each entity read
 * through the field tables (io/fields.c) and inserted into the model, and
 * when all are in, the references resolved. Each entity's JSON is let go as
 * soon as the model holds it. A dataset with any problem is freed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "io/read-private.h"
#include "values/json-private.h"

static const char *const top_keys[] = {"forcetrack", "dataset", "actors", "regions",
                                       "units",      "sources", "claims"};

static void read_entity(ft__reader *r, ft__kind kind, const json_t *obj, uint32_t index)
{
	char path[FT_ERROR_PATH_SIZE];
	ft__entity_path(path, sizeof path, kind, index, NULL, -1);
	ft__desc desc;
	if (ft__read_entity(r, kind, path, obj, &desc) == 0) {
		ft__dataset_insert(r->ds, kind, &desc, index, r->errs);
	} else {
		/* Keep the id known so references to it do not raise a second
		 * error (json_object_get gives NULL for a non-object). */
		const json_t *id = json_object_get(obj, "id");
		if (json_is_string(id))
			ft__dataset_reserve(r->ds, kind, json_string_value(id), index, r->errs);
	}
	ft__arena_reset(r->arena);
}

/*
 * Reads each entity of one array, and lets go of its JSON as soon as the
 * model holds it: the model then grows into memory the tree gives back,
 * so a document load peaks near the size of Jansson's tree alone.
 */
static void read_entities(ft__reader *r, ft__kind kind, json_t *array)
{
	if (!json_is_array(array)) {
		ft__read_wrong_type(r, ft__kind_plural[kind], "an array", array);
		return;
	}
	size_t n = json_array_size(array);
	if (n > UINT32_MAX) {
		ft__errlist_addf(r->errs, FT_ELIMIT, ft__kind_plural[kind], "more than %u entities",
		                 UINT32_MAX);
		return;
	}
	for (size_t i = 0; i < n && !r->errs->full; i++) {
		read_entity(r, kind, json_array_get(array, i), (uint32_t)i);
		json_array_set_new(array, i, json_null());
	}
}

/* Reads the document; it takes the JSON entities out of `root` as it goes. */
static void read_document(ft__reader *r, json_t *root)
{
	if (!json_is_object(root)) {
		ft__errlist_addf(r->errs, FT_EFORMAT, NULL, "the document must be a JSON object, not %s",
		                 ft__json_type_name(root));
		return;
	}
	if (ft__read_version(r, root) != 0)
		return;

	ft__read_header(r, root, top_keys, G_N_ELEMENTS(top_keys));

	for (int k = 0; k < FT__KIND_COUNT; k++) {
		json_t *array = json_object_get(root, ft__kind_plural[k]);
		if (array)
			read_entities(r, (ft__kind)k, array);
	}
	if (!r->errs->full)
		ft__dataset_resolve_all(r->ds, r->errs);
}

/* The document reader proper, from the parsed tree; it takes the tree's
 * entities out as it goes and releases the rest. */
static ft_dataset *load_tree(json_t *root, ft__errlist *errs, const ft_load_options *opts, const char *text,
                             size_t len, const ft__numscan *numbers)
{
	ft__reader r;
	memset(&r, 0, sizeof r);
	r.text = text;
	r.text_len = len;
	r.numbers = numbers;
	r.ds = ft_dataset_new();
	r.errs = errs;
	r.max_string = ft__load_max_string(opts);
	ft__arena arena;
	ft__arena_init(&arena);
	r.arena = &arena;
	read_document(&r, root);
	ft__reader_clear(&r);
	ft__arena_clear(&arena);
	json_decref(root);
	if (errs->count) {
		ft_dataset_free(r.ds);
		return NULL;
	}
	ft__dataset_index_all(r.ds);
	return r.ds;
}

/* The checks Jansson would answer less clearly, on the first bytes. */
static int document_start_ok(const char *buf, size_t len, ft__errlist *errs)
{
	if (len == 0) {
		ft__errlist_addf(errs, FT_ESYNTAX, NULL, "empty file: expected a JSON object");
		return 0;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		ft__errlist_addf(errs, FT_ESYNTAX, NULL,
		                 "the file begins with a byte-order mark: save it as UTF-8 without one");
		return 0;
	}
	return 1;
}

/* A document held in memory (a caller's buffer). */
static ft_dataset *load_document(const char *buf, size_t len, ft__errlist *errs, const ft_load_options *opts)
{
	size_t max_size = ft__load_max_size(opts);
	if (len > max_size) {
		ft__errlist_addf(errs, FT_ELIMIT, NULL, "input is %zu bytes, over the limit of %zu bytes",
		                 len, max_size);
		return NULL;
	}
	if (!document_start_ok(buf, len, errs))
		return NULL;
	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!root) {
		ft__read_syntax_error(errs, &jerr, 0);
		return NULL;
	}
	/* The text is at hand: scanned for numbers only if one needs it. */
	return load_tree(root, errs, opts, buf, len, NULL);
}

/* Feeds Jansson a file a chunk at a time, so that the document is never
 * held whole as text beside its tree. */
typedef struct feed {
	ft__input *in;
	ft__errlist *errs;
	int failed; /* a read error or the size limit, already recorded */
	/* The text is not kept: its numbers are scanned as it goes by. */
	ft__numscan numbers;
} feed;

static size_t feed_jansson(void *buffer, size_t size, void *data)
{
	feed *f = data;
	ft__input *in = f->in;
	if (in->pos == in->len) {
		long n = ft__input_fill(in, f->errs);
		if (n < 0) {
			f->failed = 1;
			return (size_t)-1;
		}
		if (n == 0)
			return 0;
	}
	size_t k = in->len - in->pos < size ? in->len - in->pos : size;
	memcpy(buffer, in->data + in->pos, k);
	ft__numscan_feed(&f->numbers, in->data + in->pos, k);
	in->pos += k;
	return k;
}

/* Reads the rest of the input, then loads it as a document. */
ft_dataset *ft__document_read(ft__input *in, ft__errlist *errs, const ft_load_options *opts)
{
	if (!in->fp)
		return load_document(in->data + in->pos, in->len - in->pos, errs, opts);
	/* The first bytes decide the BOM and empty-file messages. */
	while (in->len - in->pos < 3 && !in->eof)
		if (ft__input_fill(in, errs) < 0)
			return NULL;
	if (!document_start_ok(in->data + in->pos, in->len - in->pos, errs))
		return NULL;
	feed f = {in, errs, 0, {0}};
	ft__numscan_init(&f.numbers);
	json_error_t jerr;
	json_t *root = json_load_callback(feed_jansson, &f, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!root) {
		if (!f.failed)
			ft__read_syntax_error(errs, &jerr, 0);
		ft__numscan_clear(&f.numbers);
		return NULL;
	}
	ft__numscan_finish(&f.numbers);
	ft_dataset *ds = load_tree(root, errs, opts, NULL, 0, &f.numbers);
	ft__numscan_clear(&f.numbers);
	return ds;
}
