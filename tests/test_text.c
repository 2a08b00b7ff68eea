/*
 * Tests for ft_text_sanitize_terminal (lib/base/text.c): what a terminal would act on
 * is removed or shown as an escape, what it would print is kept, and the
 * result is always one line of valid UTF-8.
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
	/* C1 controls are shown, not acted on: U+009B (CSI in one character)
	 * is C2 9B in UTF-8 and becomes the six characters \u009b, so the
	 * "31m" after it is plain text; U+0085 (NEL, a line break to some
	 * terminals) is C2 85 and becomes \u0085. */
	expect("a\xc2\x9b"
	       "31mb",
	       "a\\u009b31mb");
	expect("a\xc2\x85"
	       "b",
	       "a\\u0085b");
	/* U+0080 (C2 80) and U+009F (C2 9F), the ends of C1. */
	expect("\xc2\x80\xc2\x9f", "\\u0080\\u009f");
	/* U+00A0, just past C1, is kept (C2 A0). */
	expect("a\xc2\xa0"
	       "b",
	       "a\xc2\xa0"
	       "b");
}

static void test_bidi_controls_shown(void)
{
	/* U+202E (RIGHT-TO-LEFT OVERRIDE, E2 80 AE) would show "exe.txt" as
	 * "txt.exe"; it becomes \u202e and the text keeps its order. */
	expect("exe\xe2\x80\xae"
	       "txt.exe",
	       "exe\\u202etxt.exe");
	/* The other embeddings and overrides, U+202A to U+202D (E2 80 AA to
	 * AD), and the isolates U+2066 to U+2069 (E2 81 A6 to A9). */
	expect("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", "\\u202a\\u202b\\u202c\\u202d");
	expect("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", "\\u2066\\u2067\\u2068\\u2069");
	/* U+2028 and U+2029 (E2 80 A8, A9) break lines; U+2027 (E2 80 A7)
	 * and U+202F (E2 80 AF), beside them, are ordinary and kept. */
	expect("a\xe2\x80\xa8"
	       "b\xe2\x80\xa9"
	       "c",
	       "a\\u2028b\\u2029c");
	expect("\xe2\x80\xa7\xe2\x80\xaf", "\xe2\x80\xa7\xe2\x80\xaf");
	/* The marks LRM U+200E and RLM U+200F (E2 80 8E, 8F) and ALM U+061C
	 * (D8 9C) steer the same algorithm invisibly; U+200D (ZWJ, E2 80 8D)
	 * and U+061B (Arabic semicolon, D8 9B), beside them, are kept. */
	expect("a\xe2\x80\x8e"
	       "b\xe2\x80\x8f"
	       "c\xd8\x9c"
	       "d",
	       "a\\u200eb\\u200fc\\u061cd");
	expect("\xe2\x80\x8d\xd8\x9b", "\xe2\x80\x8d\xd8\x9b");
	/* A backslash in the text stays one backslash. */
	expect("a\\u202eb", "a\\u202eb");
}

static void test_invalid_utf8_replaced(void)
{
	/* 0xFF is never UTF-8: it becomes U+FFFD (EF BF BD). */
	expect("a\xff"
	       "b",
	       "a\xef\xbf\xbd"
	       "b");
}

/*
 * ft_text_non_ascii: "RU" is all ASCII (0, ""); "РУ" is U+0420 U+0423 (2);
 * "РРU" names U+0420 once but counts it twice; C1 and bidi controls are
 * not counted (the sanitiser shows them); nine Greek letters alpha..iota
 * (U+03B1..U+03B9) list eight, then "...".
 */
static void test_non_ascii(void)
{
	char buf[FT_TEXT_NON_ASCII_SIZE];
	CU_ASSERT_EQUAL(ft_text_non_ascii("RU", buf, sizeof buf), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(ft_text_non_ascii(NULL, buf, sizeof buf), 0);
	CU_ASSERT_EQUAL(ft_text_non_ascii("\xd0\xa0\xd0\xa3", buf, sizeof buf), 2);
	CU_ASSERT_STRING_EQUAL(buf, "it holds non-ASCII characters: U+0420 U+0423");
	CU_ASSERT_EQUAL(ft_text_non_ascii("\xd0\xa0\xd0\xa0U", buf, sizeof buf), 2);
	CU_ASSERT_STRING_EQUAL(buf, "it holds non-ASCII characters: U+0420");
	CU_ASSERT_EQUAL(ft_text_non_ascii("donb\xd0\xb0s", buf, sizeof buf), 1);
	CU_ASSERT_STRING_EQUAL(buf, "it holds a non-ASCII character: U+0430");
	CU_ASSERT_EQUAL(ft_text_non_ascii("a\xc2\x9b"
	                                  "b\xe2\x80\xae",
	                                  buf, sizeof buf),
	                0);
	CU_ASSERT_EQUAL(
	    ft_text_non_ascii("\xce\xb1\xce\xb2\xce\xb3\xce\xb4\xce\xb5\xce\xb6\xce\xb7\xce\xb8\xce\xb9", buf,
	                      sizeof buf),
	    9);
	CU_ASSERT_STRING_EQUAL(buf,
	                       "it holds non-ASCII characters: U+03B1 U+03B2 U+03B3 U+03B4 U+03B5 U+03B6 "
	                       "U+03B7 U+03B8 ...");
	/* A small buffer is cut, still terminated. */
	char small[12];
	CU_ASSERT_EQUAL(ft_text_non_ascii("\xd0\xa0", small, sizeof small), 1);
	CU_ASSERT_STRING_EQUAL(small, "it holds a ");
}

static const ft_test tests[] = {
    {"plain text kept", test_plain_text_kept},
    {"escape sequences removed", test_escape_sequences_removed},
    {"control characters", test_controls},
    {"bidirectional controls shown", test_bidi_controls_shown},
    {"invalid UTF-8 replaced", test_invalid_utf8_replaced},
    {"non-ASCII characters named", test_non_ascii},
    {NULL, NULL},
};

int main(void)
{
	return ft_test_run("text", tests);
}
