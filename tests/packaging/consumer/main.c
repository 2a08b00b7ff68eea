/*
 * A program written the way a user of the installed library writes one: it
 * includes <forcetrack.h> and nothing else of the library's, builds a small
 * dataset through the public API, saves it to a string and loads it back.
 * check-install.sh compiles it out of tree against an installed prefix,
 * once with pkg-config and once with CMake's find_package, and runs it; a
 * missing header, an unexported function or a wrong link line stops it
 * before it prints its one line of success.
 */
#include <stdio.h>
#include <string.h>

#include <forcetrack.h>

static int fail(const char *what, const ft_error *err)
{
	char line[1024];

	if (err != NULL) {
		ft_error_format(err, line, sizeof line);
		fprintf(stderr, "consumer FAILED: %s: %s (%s)\n", what, line, ft_strerror(err->code));
	} else {
		fprintf(stderr, "consumer FAILED: %s\n", what);
	}
	return 1;
}

int main(void)
{
	ft_error err;
	ft_dataset *ds = NULL;
	ft_dataset *back = NULL;
	char *text = NULL;
	int status = 1;
	ft_actor_desc actor = FT_ACTOR_DESC_INIT;
	ft_region_desc region = FT_REGION_DESC_INIT;
	ft_source_desc source = FT_SOURCE_DESC_INIT;
	ft_claim_desc claim = FT_CLAIM_DESC_INIT;
	const ft_claim *c;
	ft_quantity q;

	ft_error_clear(&err);

	/* The library the program runs with is the one it was compiled for. */
	if (strcmp(ft_version(), FT_VERSION_STRING) != 0) {
		fprintf(stderr, "consumer FAILED: ft_version() is %s, the header says %s\n", ft_version(),
		        FT_VERSION_STRING);
		return 1;
	}

	ds = ft_dataset_new();
	if (ds == NULL) {
		status = fail("ft_dataset_new returned NULL", NULL);
		goto cleanup;
	}

	actor.id = "RU";
	actor.name = "Russian Federation";
	actor.kind = FT_ACTOR_STATE;
	if (ft_dataset_add_actor(ds, &actor, &err) == NULL) {
		status = fail("adding the actor", &err);
		goto cleanup;
	}

	region.id = "UA-border";
	region.name = "Ukrainian border area";
	region.kind = FT_REGION_BORDER_ZONE;
	if (ft_dataset_add_region(ds, &region, &err) == NULL) {
		status = fail("adding the region", &err);
		goto cleanup;
	}

	source.id = "wapo";
	source.name = "The Washington Post";
	source.kind = FT_SOURCE_MEDIA;
	source.reliability = FT_RELIABILITY_B;
	if (ft_dataset_add_source(ds, &source, &err) == NULL) {
		status = fail("adding the source", &err);
		goto cleanup;
	}

	claim.id = "c1";
	claim.source = "wapo";
	claim.subject = "RU";
	claim.region = "UA-border";
	claim.quantity.qualifier = FT_QUALIFIER_APPROX;
	claim.quantity.has_value = 1;
	claim.quantity.value = 94000;
	if (ft_time_parse("2021-12-03", &claim.reported, &err) != 0) {
		status = fail("parsing the reported time", &err);
		goto cleanup;
	}
	if (ft_dataset_add_claim(ds, &claim, &err) == NULL) {
		status = fail("adding the claim", &err);
		goto cleanup;
	}

	text = ft_dataset_save_string(ds, &err);
	if (text == NULL) {
		status = fail("saving to a string", &err);
		goto cleanup;
	}

	back = ft_dataset_load_buffer(text, strlen(text), "consumer", NULL, &err);
	if (back == NULL) {
		status = fail("loading the saved string back", &err);
		goto cleanup;
	}

	if (ft_dataset_claim_count(back) != 1) {
		fprintf(stderr, "consumer FAILED: %zu claims loaded back, expected 1\n",
		        ft_dataset_claim_count(back));
		goto cleanup;
	}
	c = ft_dataset_find_claim(back, "c1");
	if (c == NULL || ft_claim_region(c) != ft_dataset_find_region(back, "UA-border")) {
		status = fail("claim c1 or its region did not come back", NULL);
		goto cleanup;
	}
	q = ft_claim_quantity(c);
	if (q.qualifier != FT_QUALIFIER_APPROX || q.value != 94000) {
		fprintf(stderr, "consumer FAILED: claim c1 came back with qualifier %d value %llu\n",
		        (int)q.qualifier, (unsigned long long)q.value);
		goto cleanup;
	}

	printf("consumer ok: %zu claims, version %s\n", ft_dataset_claim_count(back), ft_version());
	status = 0;

cleanup:
	ft_dataset_free(back);
	ft_free(text);
	ft_dataset_free(ds);
	return status;
}
