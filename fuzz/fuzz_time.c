/*
 * Fuzz target for the time-value parser. Whatever parses must be written
 * back by ft_time_format as text that parses to the same value, and its
 * span must contain itself; whatever is refused must say why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forcetrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[64];
	if (size >= sizeof text)
		size = sizeof text - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	ft_time t;
	ft_error err;
	if (ft_time_parse(text, &t, &err) != 0) {
		if (err.code >= 0 || !err.text[0])
			abort();
		return 0;
	}
	char out[FT_TIME_BUFSIZE];
	size_t n = ft_time_format(&t, out);
	if (n == 0 || n >= FT_TIME_BUFSIZE)
		abort();
	/* Written back exactly as read (the parser accepts only one spelling
	 * of each value). */
	if (strcmp(out, text) != 0)
		abort();
	ft_time back;
	if (ft_time_parse(out, &back, NULL) != 0 || ft_time_compare(&t, &back) != 0 ||
	    ft_time_start(&t) != ft_time_start(&back) || ft_time_end(&t) != ft_time_end(&back))
		abort();
	if (ft_time_end(&t) < ft_time_start(&t) || !ft_time_contains(&t, &t))
		abort();
	return 0;
}
