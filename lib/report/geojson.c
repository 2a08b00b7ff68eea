/*
 * The GeoJSON export of a situation report (RFC 7946), for QGIS and web
 * maps: one FeatureCollection with a Feature per entry whose region has a
 * geometry, that geometry as its own, and the entry's figure as its
 * properties: region, region_name, actor, actor_name, measure, best, low,
 * high (integers; null without an estimate), open_below, open_above,
 * credible, contested (booleans), pairs, voices, claims, start and end (the
 * first and last second of the report's day, which the time controls of
 * QGIS and Leaflet's timeline plug-ins read) and known_on. A series gives
 * one collection holding every date's features, which a time slider plays
 * in turn. A region without a geometry gives no feature (the caller can
 * say how many with ft_situation_regions_without_geometry).
 *
 * Jansson builds each feature, the region's geometry parsed from the text
 * the model keeps, and the canonical emitter writes it (two-space indent,
 * positions on one line, reals in their shortest exact form), escaping
 * strings by the JSON rules and, like every JSON this library writes, DEL,
 * C1, U+2028, U+2029 and the bidirectional controls as \u escapes; then
 * append_feature() writes <, > and & as \u escapes too, since map layers
 * end up in web pages. That is the one place this format escapes the
 * dataset's text. Features are written one at a time, so a report holds
 * one entry's estimate at a time.
 */
#include <jansson.h>

#include "report/report-private.h"
#include "values/json-private.h"

#define US_PER_SECOND INT64_C(1000000)
#define US_PER_DAY    (INT64_C(86400) * US_PER_SECOND)

static json_t *time_string(const ft_time *t)
{
	char buf[FT_TIME_BUFSIZE];
	ft_time_format(t, buf);
	return json_string(buf);
}

static json_t *count_or_null(int has, uint64_t v)
{
	return has ? json_integer((json_int_t)v) : json_null();
}

/* What a feature says of the entry and its figure on the report's day. */
static json_t *properties(const ft_situation *s, const ft_situation_entry *e, const ft_estimate *est)
{
	ft_time day, known;
	ft_situation_date(s, 0, &day);
	ft_situation_known_on(s, 0, &known);
	/* "2021-12-03T00:00:00Z" to "2021-12-03T23:59:59Z": whole seconds,
	 * which every time control parses. */
	ft_time start = ft_time_from_us(ft_time_start(&day));
	ft_time end = ft_time_from_us(ft_time_start(&day) + US_PER_DAY - US_PER_SECOND);

	json_t *p = json_object();
	json_object_set_new(p, "region", json_string(ft_region_id(e->region)));
	json_object_set_new(p, "region_name", json_string(ft_region_name(e->region)));
	json_object_set_new(p, "actor", json_string(ft_actor_id(e->actor)));
	json_object_set_new(p, "actor_name", json_string(ft_actor_name(e->actor)));
	json_object_set_new(p, "measure", json_string(e->measure));
	json_object_set_new(p, "best", count_or_null(est->has_value, est->best));
	json_object_set_new(p, "low", count_or_null(est->has_value, est->low));
	json_object_set_new(p, "high", count_or_null(est->has_value, est->high));
	json_object_set_new(p, "open_below", json_boolean(est->has_value && est->open_below));
	json_object_set_new(p, "open_above", json_boolean(est->has_value && est->open_above));
	json_object_set_new(p, "credible", json_boolean(!(est->has_value && est->not_credible)));
	json_object_set_new(p, "contested", json_boolean(est->contested));
	json_object_set_new(p, "pairs", json_integer((json_int_t)est->pairs));
	json_object_set_new(p, "voices", json_integer((json_int_t)est->voices));
	json_object_set_new(p, "claims", json_integer((json_int_t)est->claims));
	json_object_set_new(p, "start", time_string(&start));
	json_object_set_new(p, "end", time_string(&end));
	json_object_set_new(p, "known_on", time_string(&known));
	return p;
}

/* "ua-border/RU/personnel/2021-12-03": unique within a series. */
static json_t *feature_id(const ft_situation *s, const ft_situation_entry *e)
{
	char day[FT_TIME_BUFSIZE];
	ft_time t;
	ft_situation_date(s, 0, &t);
	ft_time_format(&t, day);
	char *id =
	    g_strdup_printf("%s/%s/%s/%s", ft_region_id(e->region), ft_actor_id(e->actor), e->measure, day);
	json_t *j = json_string(id);
	g_free(id);
	return j;
}

/*
 * Appends a feature as JSON text: Jansson escapes its strings by the JSON
 * rules, the canonical emitter DEL, C1, U+2028, U+2029 and the
 * bidirectional controls, and this writes <, > and & as \u003C, \u003E and
 * \u0026, so that a collection pasted into a web page's script, or a
 * popup that shows a property as HTML, meets no markup from the dataset.
 * Outside strings JSON text holds none of the three, and inside one each
 * escape reads back to the same character.
 */
static void append_feature(GString *out, GString *scratch, const json_t *feature)
{
	g_string_truncate(scratch, 0);
	ft__json_emit(scratch, feature, 2, 2);
	for (const char *p = scratch->str; *p; p++) {
		switch (*p) {
		case '<': g_string_append(out, "\\u003C"); break;
		case '>': g_string_append(out, "\\u003E"); break;
		case '&': g_string_append(out, "\\u0026"); break;
		default: g_string_append_c(out, *p);
		}
	}
}

/* The features of one report, appended to the collection; `written`
 * counts them for the separators. A region's geometry is parsed once for
 * all its entries, which come together. */
static int features(ft__out *o, GString *scratch, const ft_situation *s, size_t *written, ft_error *err)
{
	GString *out = o->s;
	const ft_region *parsed = NULL;
	json_t *geometry = NULL;
	int rc = 0;
	for (size_t i = 0; i < ft_situation_entry_count(s) && rc == 0; i++) {
		const ft_situation_entry *e = ft_situation_entry_at(s, i);
		if (e->region != parsed) {
			ft_region_desc d = FT_REGION_DESC_INIT;
			ft_region_describe(e->region, &d);
			json_decref(geometry);
			/* The model checked the geometry when it was loaded. */
			geometry = d.geometry ? ft__json_parse_text(d.geometry, err) : NULL;
			if (d.geometry && !geometry) {
				rc = err ? err->code : FT_EFORMAT;
				break;
			}
			parsed = e->region;
		}
		if (!geometry)
			continue;
		ft_estimate est = FT_ESTIMATE_INIT;
		rc = ft_situation_estimate(s, i, 0, &est, err);
		if (rc == 0) {
			json_t *f = json_object();
			json_object_set_new(f, "type", json_string("Feature"));
			json_object_set_new(f, "id", feature_id(s, e));
			json_object_set(f, "geometry", geometry);
			json_object_set_new(f, "properties", properties(s, e, &est));
			g_string_append(out, (*written)++ ? ",\n    " : "\n    ");
			append_feature(out, scratch, f);
			json_decref(f);
			ft__out_spill(o);
		}
		ft_estimate_clear(&est);
	}
	json_decref(geometry);
	return rc;
}

int ft__situation_geojson(ft__out *o, const ft_situation *const *series, size_t n,
                          const ft_render_options *opts, ft_error *err)
{
	GString *out = o->s;
	(void)opts;
	size_t written = 0;
	int rc = 0;
	GString *scratch = g_string_new(NULL);
	/* The hash is a foreign member (RFC 7946, section 6.1), which GIS
	 * tools keep or ignore. */
	g_string_append_printf(out, "{\n  \"type\": \"FeatureCollection\",\n  \"dataset_sha256\": \"%s\",\n  \"features\": [",
	                       o->hash);
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = features(o, scratch, series[k], &written, err);
	g_string_append(out, written ? "\n  ]\n}\n" : "]\n}\n");
	g_string_free(scratch, TRUE);
	return rc;
}
