/*
 * Tests for ft_text_sanitize_terminal (lib/base/text.c): what a terminal would act on
 * is removed, what it would print is kept, and the result is always one
 * line of valid UTF-8.
 */
#include <string.h>

#include "forcetrack.h"
#include "test-util.h"

static void expect(const char *in, const char *want)
{
	char *got = ft_text_sanitize_terminal(in);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "\nin %s: got \"%s\", want \"%s\"\n", in ? in : "(NULL)", got, want);
	CU_ASSERT_STRING_EQUAL(got, want);
	ft_free(got);
}

static void test_plain_text_kept(void)
{
	expect("Russia", "Russia");
	expect("Київ, Донбас, Лукашенко", "Київ, Донбас, Лукашенко");
	expect("", "");
	expect(NULL, "");
}

static void test_escape_sequences_removed(void)
{
	/* CSI: ESC [ 3 1 m is one sequence, final byte 'm'. */
	expect("Rus\x1b[31msia", "Russia");
	/* CSI with parameters and an intermediate: ESC [ 2 J clears the screen. */
	expect("a\x1b[2Jb", "ab");
	/* OSC ending in BEL (sets the window title), and ending in ST (ESC \). */
	expect("a\x1b]0;owned\x07z", "az");
	expect("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\z", "alinkz");
	/* A two-byte escape: ESC c resets the terminal. */
	expect("a\x1b"
	       "cb",
	       "ab");
	/* An escape cut short at the end leaves nothing behind. */
	expect("a\x1b[31", "a");
	expect("a\x1b", "a");
}

static void test_controls(void)
{
	/* Tab, CR and LF become spaces; BEL, BS and DEL go. */
	expect("a\tb\rc\nd", "a b c d");
	expect("a\x07\x08\x7f"
	       "b",
	       "ab");
	/* C1 controls: U+009B (CSI in one character) is C2 9B in UTF-8. */
	expect("a\xc2\x9b"
	       "31mb",
	       "a31mb");
	/* U+00A0, just past C1, is kept (C2 A0). */
	expect("a\xc2\xa0"
	       "b",
	       "a\xc2\xa0"
	       "b");
}

static void test_invalid_utf8_replaced(void)
{
	/* 0xFF is never UTF-8: it becomes U+FFFD (EF BF BD). */
	expect("a\xff"
	       "b",
	       "a\xef\xbf\xbd"
	       "b");
}

static const ft_test tests[] = {
    {"plain text kept", test_plain_text_kept},
    {"escape sequences removed", test_escape_sequences_removed},
    {"control characters", test_controls},
    {"invalid UTF-8 replaced", test_invalid_utf8_replaced},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("text", tests);
}
