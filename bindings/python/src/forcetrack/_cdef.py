"""The C declarations the binding uses, copied by hand from include/forcetrack/.

cffi runs in ABI mode: it never sees the real headers, so everything here
must say what they say. Two checks keep it honest. At build time CMake
generates a C program from this very text (tools/gen_layout.py) that
includes <forcetrack.h> and prints the size, offset and field sizes of every
struct declared here and the value of every enum constant and #define; the
program does not compile if a field named here is missing from the headers.
At import, _native.py compares that record with what cffi computes from
these declarations and refuses to load on any difference, naming the
struct. The values of the FT_*_VERSION macros are mirrored here because
cffi cannot expand the _INIT macros, and the same check proves them right.

This module holds data only: the build step imports it without loading the
library.
"""

# The library version this text was written for: its headers' major and
# minor version. Before 1.0 every minor release may change the ABI.
VERSION = (0, 2)

CDEF = r"""
/* common.h */
#define FT_VERSION_MAJOR 0
#define FT_VERSION_MINOR 2
typedef enum ft_error_code {
	FT_OK = 0, FT_EINVAL = -1, FT_EIO = -2, FT_ESYNTAX = -3, FT_EFORMAT = -4,
	FT_EVERSION = -5, FT_EREF = -6, FT_EDUPLICATE = -7, FT_ELOOP = -8,
	FT_ELIMIT = -9, FT_ETORN = -10, FT_ESUSPECT = -11
} ft_error_code;
#define FT_ERROR_FILE_SIZE 256
#define FT_ERROR_PATH_SIZE 160
#define FT_ERROR_TEXT_SIZE 320
typedef struct ft_error {
	int code;
	int line;
	int column;
	char file[FT_ERROR_FILE_SIZE];
	char path[FT_ERROR_PATH_SIZE];
	char text[FT_ERROR_TEXT_SIZE];
} ft_error;
typedef void (*ft_error_fn)(const ft_error *err, void *payload);
const char *ft_strerror(int code);
size_t ft_error_format(const ft_error *err, char *buf, size_t size);
void ft_error_clear(ft_error *err);
const char *ft_version(void);
const char *ft_suggest(const char *word, const char *const *candidates, size_t n);
void ft_free(void *ptr);

/* time.h */
typedef enum ft_precision {
	FT_PRECISION_NONE = 0, FT_PRECISION_YEAR = 1, FT_PRECISION_MONTH = 2,
	FT_PRECISION_DAY = 3, FT_PRECISION_MINUTE = 4, FT_PRECISION_SECOND = 5
} ft_precision;
typedef struct ft_time {
	int64_t start_us;
	int16_t offset_min;
	uint8_t precision;
	uint8_t frac_digits;
	uint8_t zulu;
} ft_time;
#define FT_TIME_BUFSIZE 40
int ft_time_parse(const char *text, ft_time *out, ft_error *err);
size_t ft_time_format(const ft_time *t, char buf[FT_TIME_BUFSIZE]);
int ft_time_is_set(const ft_time *t);
int64_t ft_time_start(const ft_time *t);
int64_t ft_time_end(const ft_time *t);
int ft_time_compare(const ft_time *a, const ft_time *b);
ft_time ft_time_from_us(int64_t us);
ft_time ft_time_day(int64_t us);
int ft_time_day_nearest(int64_t us, ft_time *out);
typedef struct ft_interval {
	ft_time from;
	ft_time to;
} ft_interval;

/* values.h */
#define FT_QUANTITY_MAX 9007199254740991
typedef enum ft_qualifier {
	FT_QUALIFIER_NONE = 0, FT_QUALIFIER_EXACT = 1, FT_QUALIFIER_APPROX = 2,
	FT_QUALIFIER_AT_LEAST = 3, FT_QUALIFIER_AT_MOST = 4, FT_QUALIFIER_RANGE = 5
} ft_qualifier;
typedef struct ft_quantity {
	uint8_t qualifier;
	uint8_t has_value;
	uint64_t value;
	uint64_t low;
	uint64_t high;
} ft_quantity;
size_t ft_quantity_format(const ft_quantity *q, char *buf, size_t size);
typedef enum ft_reliability {
	FT_RELIABILITY_A = 1, FT_RELIABILITY_B = 2, FT_RELIABILITY_C = 3,
	FT_RELIABILITY_D = 4, FT_RELIABILITY_E = 5, FT_RELIABILITY_F = 6
} ft_reliability;
#define FT_CREDIBILITY_DEFAULT 6
typedef enum ft_actor_kind {
	FT_ACTOR_OTHER = 0, FT_ACTOR_STATE = 1, FT_ACTOR_ALLIANCE = 2,
	FT_ACTOR_ARMED_GROUP = 3, FT_ACTOR_ORGANIZATION = 4
} ft_actor_kind;
typedef enum ft_region_kind {
	FT_REGION_OTHER = 0, FT_REGION_COUNTRY = 1, FT_REGION_ADMIN1 = 2,
	FT_REGION_ADMIN2 = 3, FT_REGION_BORDER_ZONE = 4, FT_REGION_THEATER = 5,
	FT_REGION_SEA = 6, FT_REGION_POINT = 7
} ft_region_kind;
typedef enum ft_echelon {
	FT_ECHELON_NONE = 0, FT_ECHELON_TEAM = 1, FT_ECHELON_SQUAD = 2,
	FT_ECHELON_SECTION = 3, FT_ECHELON_PLATOON = 4, FT_ECHELON_COMPANY = 5,
	FT_ECHELON_BATTALION = 6, FT_ECHELON_REGIMENT = 7, FT_ECHELON_BRIGADE = 8,
	FT_ECHELON_DIVISION = 9, FT_ECHELON_CORPS = 10, FT_ECHELON_ARMY = 11,
	FT_ECHELON_ARMY_GROUP = 12, FT_ECHELON_FRONT = 13, FT_ECHELON_COMMAND = 14
} ft_echelon;
typedef enum ft_source_kind {
	FT_SOURCE_OTHER = 0, FT_SOURCE_GOVERNMENT = 1, FT_SOURCE_MILITARY = 2,
	FT_SOURCE_INTELLIGENCE = 3, FT_SOURCE_ALLIANCE = 4,
	FT_SOURCE_INTERNATIONAL_ORGANIZATION = 5, FT_SOURCE_MEDIA = 6,
	FT_SOURCE_THINK_TANK = 7, FT_SOURCE_OSINT = 8, FT_SOURCE_SOCIAL_MEDIA = 9,
	FT_SOURCE_PERSON = 10
} ft_source_kind;
typedef enum ft_claim_kind {
	FT_CLAIM_OBSERVATION = 0, FT_CLAIM_PROJECTION = 1, FT_CLAIM_DENIAL = 2
} ft_claim_kind;
const char *ft_qualifier_name(ft_qualifier q);
const char *ft_reliability_name(ft_reliability r);
const char *ft_actor_kind_name(ft_actor_kind k);
const char *ft_region_kind_name(ft_region_kind k);
const char *ft_echelon_name(ft_echelon e);
const char *ft_source_kind_name(ft_source_kind k);
const char *ft_claim_kind_name(ft_claim_kind k);
int ft_qualifier_parse(const char *name, ft_qualifier *out);
int ft_reliability_parse(const char *name, ft_reliability *out);
int ft_actor_kind_parse(const char *name, ft_actor_kind *out);
int ft_region_kind_parse(const char *name, ft_region_kind *out);
int ft_echelon_parse(const char *name, ft_echelon *out);
int ft_source_kind_parse(const char *name, ft_source_kind *out);
int ft_claim_kind_parse(const char *name, ft_claim_kind *out);

/* dataset.h */
typedef struct ft_dataset ft_dataset;
typedef struct ft_actor ft_actor;
typedef struct ft_region ft_region;
typedef struct ft_unit ft_unit;
typedef struct ft_source ft_source;
typedef struct ft_claim ft_claim;
typedef struct ft_extension {
	const char *key;
	const char *json;
} ft_extension;
#define FT_DESC_VERSION 1
typedef struct ft_dataset_info {
	unsigned version;
	const char *id;
	const char *title;
	const char *description;
	const char *license;
	ft_time created;
	ft_time updated;
	const char *const *authors;
	size_t n_authors;
	const ft_extension *extensions;
	size_t n_extensions;
	const ft_extension *document_extensions;
	size_t n_document_extensions;
} ft_dataset_info;
typedef struct ft_actor_desc {
	unsigned version;
	const char *id;
	const char *name;
	ft_actor_kind kind;
	const char *code;
	const char *const *aliases;
	size_t n_aliases;
	const char *parent;
	const char *const *members;
	size_t n_members;
	const char *const *opposes;
	size_t n_opposes;
	const ft_extension *extensions;
	size_t n_extensions;
} ft_actor_desc;
typedef struct ft_region_desc {
	unsigned version;
	const char *id;
	const char *name;
	ft_region_kind kind;
	const char *code;
	const char *parent;
	const char *const *borders;
	size_t n_borders;
	const char *geometry;
	const ft_extension *extensions;
	size_t n_extensions;
} ft_region_desc;
typedef struct ft_unit_desc {
	unsigned version;
	const char *id;
	const char *name;
	const char *actor;
	ft_echelon echelon;
	const char *type;
	const char *parent;
	int has_strength;
	uint64_t strength;
	const char *garrison;
	const char *sidc;
	const ft_extension *extensions;
	size_t n_extensions;
} ft_unit_desc;
typedef struct ft_source_desc {
	unsigned version;
	const char *id;
	const char *name;
	ft_source_kind kind;
	const char *actor;
	const char *parent;
	ft_reliability reliability;
	const char *url;
	const ft_extension *extensions;
	size_t n_extensions;
} ft_source_desc;
typedef enum ft_observed_form {
	FT_OBSERVED_NONE = 0, FT_OBSERVED_TIME = 1, FT_OBSERVED_INTERVAL = 2
} ft_observed_form;
typedef struct ft_claim_desc {
	unsigned version;
	const char *id;
	const char *source;
	const char *const *via;
	size_t n_via;
	const char *subject;
	const char *unit;
	const char *region;
	const char *measure;
	ft_quantity quantity;
	ft_claim_kind kind;
	ft_observed_form observed_form;
	ft_interval observed;
	ft_time reported;
	int credibility;
	const char *const *supersedes;
	size_t n_supersedes;
	const char *const *disputes;
	size_t n_disputes;
	ft_time retracted;
	const char *quote;
	const char *url;
	const char *note;
	const char *const *tags;
	size_t n_tags;
	const ft_extension *extensions;
	size_t n_extensions;
	const ft_extension *observed_extensions;
	size_t n_observed_extensions;
} ft_claim_desc;
ft_dataset *ft_dataset_new(void);
void ft_dataset_free(ft_dataset *ds);
int ft_dataset_set_info(ft_dataset *ds, const ft_dataset_info *info, ft_error *err);
int ft_dataset_describe(const ft_dataset *ds, ft_dataset_info *out);
const ft_actor *ft_dataset_add_actor(ft_dataset *ds, const ft_actor_desc *desc, ft_error *err);
const ft_region *ft_dataset_add_region(ft_dataset *ds, const ft_region_desc *desc, ft_error *err);
const ft_unit *ft_dataset_add_unit(ft_dataset *ds, const ft_unit_desc *desc, ft_error *err);
const ft_source *ft_dataset_add_source(ft_dataset *ds, const ft_source_desc *desc, ft_error *err);
const ft_claim *ft_dataset_add_claim(ft_dataset *ds, const ft_claim_desc *desc, ft_error *err);
size_t ft_dataset_actor_count(const ft_dataset *ds);
size_t ft_dataset_region_count(const ft_dataset *ds);
size_t ft_dataset_unit_count(const ft_dataset *ds);
size_t ft_dataset_source_count(const ft_dataset *ds);
size_t ft_dataset_claim_count(const ft_dataset *ds);
const ft_actor *ft_dataset_actor_at(const ft_dataset *ds, size_t i);
const ft_region *ft_dataset_region_at(const ft_dataset *ds, size_t i);
const ft_unit *ft_dataset_unit_at(const ft_dataset *ds, size_t i);
const ft_source *ft_dataset_source_at(const ft_dataset *ds, size_t i);
const ft_claim *ft_dataset_claim_at(const ft_dataset *ds, size_t i);
const ft_actor *ft_dataset_find_actor(const ft_dataset *ds, const char *id);
const ft_region *ft_dataset_find_region(const ft_dataset *ds, const char *id);
const ft_unit *ft_dataset_find_unit(const ft_dataset *ds, const char *id);
const ft_source *ft_dataset_find_source(const ft_dataset *ds, const char *id);
const ft_claim *ft_dataset_find_claim(const ft_dataset *ds, const char *id);
int ft_actor_describe(const ft_actor *a, ft_actor_desc *out);
int ft_region_describe(const ft_region *r, ft_region_desc *out);
int ft_unit_describe(const ft_unit *u, ft_unit_desc *out);
int ft_source_describe(const ft_source *s, ft_source_desc *out);
int ft_claim_describe(const ft_claim *c, ft_claim_desc *out);
const char *ft_actor_id(const ft_actor *a);
const char *ft_actor_name(const ft_actor *a);
const ft_actor *ft_actor_parent(const ft_actor *a);
const char *ft_region_id(const ft_region *r);
const char *ft_region_name(const ft_region *r);
const ft_region *ft_region_parent(const ft_region *r);
const char *ft_unit_id(const ft_unit *u);
const char *ft_source_id(const ft_source *s);
const char *ft_source_name(const ft_source *s);
const ft_source *ft_source_root(const ft_source *s);
ft_reliability ft_source_reliability(const ft_source *s);
const char *ft_claim_id(const ft_claim *c);
const ft_source *ft_claim_source(const ft_claim *c);
const ft_actor *ft_claim_subject(const ft_claim *c);
const ft_region *ft_claim_region(const ft_claim *c);
const char *ft_claim_measure(const ft_claim *c);
ft_quantity ft_claim_quantity(const ft_claim *c);
int ft_claim_credibility(const ft_claim *c);
size_t ft_claim_via_count(const ft_claim *c);
const ft_source *ft_claim_via_at(const ft_claim *c, size_t i);

/* io.h */
typedef enum ft_encoding {
	FT_ENCODING_AUTO = 0, FT_ENCODING_DOCUMENT = 1, FT_ENCODING_LINES = 2, FT_ENCODING_SNAPSHOT = 3
} ft_encoding;
typedef struct ft_load_options {
	unsigned version;
	ft_error_fn on_error;
	void *payload;
	size_t max_errors;
	size_t max_size;
	size_t max_string;
	ft_encoding encoding;
	int recover_torn;
	unsigned threads;
	size_t max_line;
} ft_load_options;
#define FT_LOAD_OPTIONS_VERSION 2
ft_dataset *ft_dataset_load_file(const char *path, const ft_load_options *opts, ft_error *err);
ft_dataset *ft_dataset_load_buffer(const char *buf, size_t len, const char *name,
                                   const ft_load_options *opts, ft_error *err);
int ft_dataset_save_file(const ft_dataset *ds, const char *path, ft_error *err);
char *ft_dataset_save_string(const ft_dataset *ds, ft_error *err);
int ft_dataset_save_lines_file(const ft_dataset *ds, const char *path, ft_error *err);
char *ft_dataset_save_lines_string(const ft_dataset *ds, ft_error *err);
int ft_dataset_content_hash(const ft_dataset *ds, char out[65], ft_error *err);

/* estimate.h */
typedef enum ft_method {
	FT_METHOD_WEIGHTED = 0, FT_METHOD_MEDIAN = 1, FT_METHOD_LATEST = 2
} ft_method;
#define FT_DAYS_MAX 3652058
typedef struct ft_estimate_options {
	unsigned version;
	ft_time at;
	ft_time known_on;
	int no_rollup;
	int staleness_days;
	double approx_tolerance;
	int include_projections;
	ft_method method;
	double half_life_days;
	size_t max_pairs;
} ft_estimate_options;
#define FT_ESTIMATE_OPTIONS_VERSION 1
typedef enum ft_status {
	FT_STATUS_COUNTED = 0, FT_STATUS_SAME_VOICE = 1, FT_STATUS_SUPERSEDED = 2,
	FT_STATUS_RETRACTED = 3, FT_STATUS_NOT_YET_REPORTED = 4,
	FT_STATUS_NOT_YET_OBSERVED = 5, FT_STATUS_STALE = 6, FT_STATUS_DENIAL = 7,
	FT_STATUS_PROJECTION = 8
} ft_status;
typedef enum ft_stance {
	FT_STANCE_THIRD_PARTY = 0, FT_STANCE_OWN_SIDE = 1, FT_STANCE_ADVERSARY = 2
} ft_stance;
const char *ft_status_name(ft_status s);
const char *ft_stance_name(ft_stance s);
const char *ft_method_name(ft_method m);
int ft_method_parse(const char *name, ft_method *out);
typedef struct ft_contribution {
	const ft_claim *claim;
	const ft_source *voice;
	ft_status status;
	ft_stance stance;
	int credible;
	double weight;
	int has_central;
	uint64_t central;
	uint64_t low;
	uint64_t high;
	const char *rule;
	int current;
	ft_qualifier qualifier;
} ft_contribution;
typedef struct ft_disagreement {
	const ft_claim *a;
	const ft_claim *b;
	double weight;
	int disputes;
	int disjoint;
} ft_disagreement;
typedef struct ft_estimate_part {
	const ft_actor *actor;
	const ft_region *region;
	int has_own;
	uint64_t own_best, own_low, own_high;
	int has_total;
	uint64_t best, low, high;
	int inconsistent;
	int own_open_below, own_open_above, own_not_credible;
	int open_below, open_above, not_credible;
} ft_estimate_part;
typedef struct ft_estimate {
	unsigned version;
	int has_value;
	uint64_t best;
	uint64_t low;
	uint64_t high;
	size_t claims;
	size_t voices;
	int contested;
	int inconsistent;
	int open_below;
	int open_above;
	int not_credible;
	size_t pairs;
	void *internal;
} ft_estimate;
#define FT_ESTIMATE_VERSION 1
int ft_estimate_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                        const char *measure, const ft_estimate_options *opts, ft_estimate *out,
                        ft_error *err);
void ft_estimate_clear(ft_estimate *est);
size_t ft_estimate_contribution_count(const ft_estimate *est);
const ft_contribution *ft_estimate_contribution_at(const ft_estimate *est, size_t i);
size_t ft_estimate_disagreement_count(const ft_estimate *est);
const ft_disagreement *ft_estimate_disagreement_at(const ft_estimate *est, size_t i);
size_t ft_estimate_part_count(const ft_estimate *est);
const ft_estimate_part *ft_estimate_part_at(const ft_estimate *est, size_t i);
const ft_actor *ft_estimate_actor(const ft_estimate *est);
const ft_region *ft_estimate_region(const ft_estimate *est);
const char *ft_estimate_measure(const ft_estimate *est);
const ft_estimate_options *ft_estimate_options_of(const ft_estimate *est);
typedef struct ft_groups_options {
	unsigned version;
	unsigned threads;
	long max_listed;
} ft_groups_options;
#define FT_GROUPS_OPTIONS_VERSION 1
#define FT_GROUPS_MAX_LISTED 64
typedef int (*ft_group_fn)(const ft_actor *subject, const ft_region *region, const char *measure,
                           const ft_estimate *est, const ft_error *problem, void *payload);
int ft_estimate_groups(const ft_dataset *ds, const ft_estimate_options *opts, const ft_groups_options *gopts,
                       ft_group_fn fn, void *payload, ft_error *err);
typedef struct ft_alert {
	size_t from;
	size_t to;
	int64_t change;
	double relative;
	const ft_claim **claims;
	size_t n_claims;
} ft_alert;
typedef struct ft_timeline_options {
	unsigned version;
	ft_time from;
	ft_time to;
	int step_days;
	ft_estimate_options estimate;
	double threshold;
	int window_days;
	int all_contributions;
	int hindsight;
	int keep_pairs;
} ft_timeline_options;
#define FT_TIMELINE_OPTIONS_VERSION 1
typedef struct ft_timeline {
	unsigned version;
	void *internal;
} ft_timeline;
#define FT_TIMELINE_VERSION 1
int ft_timeline_compute(const ft_dataset *ds, const ft_actor *actor, const ft_region *region,
                        const char *measure, const ft_timeline_options *opts, ft_timeline *out,
                        ft_error *err);
void ft_timeline_clear(ft_timeline *tl);
size_t ft_timeline_point_count(const ft_timeline *tl);
const ft_estimate *ft_timeline_point_at(const ft_timeline *tl, size_t i);
const ft_time *ft_timeline_point_time(const ft_timeline *tl, size_t i);
size_t ft_timeline_alert_count(const ft_timeline *tl);
const ft_alert *ft_timeline_alert_at(const ft_timeline *tl, size_t i);
const ft_actor *ft_timeline_actor(const ft_timeline *tl);
const ft_region *ft_timeline_region(const ft_timeline *tl);
const char *ft_timeline_measure(const ft_timeline *tl);
const ft_timeline_options *ft_timeline_options_of(const ft_timeline *tl);

/* report.h */
typedef struct ft_render_options {
	unsigned version;
	const char *note;
	const char *title;
	int chart_days;
	int max_claims;
} ft_render_options;
#define FT_RENDER_OPTIONS_VERSION 2
char *ft_estimate_render_text(const ft_estimate *est, const ft_render_options *opts, ft_error *err);
char *ft_estimate_render_json(const ft_estimate *est, const ft_render_options *opts, ft_error *err);
char *ft_timeline_render_text(const ft_timeline *tl, const ft_render_options *opts, ft_error *err);
char *ft_timeline_render_json(const ft_timeline *tl, const ft_render_options *opts, ft_error *err);
size_t ft_estimate_format(const ft_estimate *est, char *buf, size_t size);
size_t ft_estimate_part_format(const ft_estimate_part *p, int own, char *buf, size_t size);
typedef enum ft_format {
	FT_FORMAT_TEXT = 0, FT_FORMAT_MARKDOWN = 1, FT_FORMAT_HTML = 2, FT_FORMAT_JSON = 3,
	FT_FORMAT_CSV = 4, FT_FORMAT_GEOJSON = 5, FT_FORMAT_SVG = 6
} ft_format;
int ft_format_parse(const char *name, ft_format *out);
typedef struct ft_situation ft_situation;
typedef struct ft_situation_options {
	unsigned version;
	ft_time at;
	ft_time known_on;
	const ft_estimate_options *estimate;
	unsigned threads;
} ft_situation_options;
#define FT_SITUATION_OPTIONS_VERSION 1
#define FT_SITUATION_COLUMNS 3
typedef struct ft_situation_entry {
	const ft_region *region;
	size_t depth;
	const ft_actor *actor;
	const char *measure;
} ft_situation_entry;
int ft_situation_new(const ft_dataset *ds, const ft_situation_options *opts, ft_situation **out,
                     ft_error *err);
void ft_situation_free(ft_situation *s);
int ft_situation_date(const ft_situation *s, size_t column, ft_time *out);
int ft_situation_known_on(const ft_situation *s, size_t column, ft_time *out);
size_t ft_situation_entry_count(const ft_situation *s);
const ft_situation_entry *ft_situation_entry_at(const ft_situation *s, size_t i);
int ft_situation_estimate(const ft_situation *s, size_t i, size_t column, ft_estimate *out,
                          ft_error *err);
char *ft_situation_render(const ft_situation *s, ft_format f, const ft_render_options *opts,
                          ft_error *err);
char *ft_timeline_render(const ft_timeline *tl, ft_format f, const ft_render_options *opts,
                         ft_error *err);
char *ft_dataset_render_claims(const ft_dataset *ds, ft_format f, const ft_render_options *opts,
                               ft_error *err);

/* text.h */
char *ft_text_sanitize_terminal(const char *text);
"""
