/**
 * @file
 * What every part of the public API shares: the export macro, the error
 * codes, the caller-allocated error record (modelled on Jansson's
 * json_error_t: fixed size, the first error wins) and the library's
 * version at run time.
 *
 * Allocation failure is not an error code: like GLib, libforcetrack aborts
 * the process when memory runs out.
 *
 * Ownership, everywhere in the API: a pointer returned as a function's
 * value is borrowed and lives as long as the object it came from, unless
 * its documentation says the caller releases it (with ft_free or the
 * object's own _free or _clear function). Arguments are only read during
 * the call, unless their documentation says otherwise.
 */
#ifndef FORCETRACK_COMMON_H
#define FORCETRACK_COMMON_H

#include <stddef.h>

/**
 * @def FT_EXTERN
 * Marks a function the shared library exports (lib/forcetrack.sym lists
 * them); the library is built with every other symbol hidden.
 */
#if defined(_WIN32) && defined(FT_BUILDING_LIBRARY)
#define FT_EXTERN __declspec(dllexport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define FT_EXTERN __attribute__((visibility("default")))
#else
#define FT_EXTERN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Error codes: 0 is success, every failure is negative. ft_strerror() names each. */
typedef enum ft_error_code {
	FT_OK = 0,          /**< success */
	FT_EINVAL = -1,     /**< a programmer error: NULL or out-of-range argument */
	FT_EIO = -2,        /**< the operating system refused a read or write */
	FT_ESYNTAX = -3,    /**< the text is not well-formed JSON */
	FT_EFORMAT = -4,    /**< well-formed JSON that breaks a rule of docs/format.md */
	FT_EVERSION = -5,   /**< a format version this library does not read */
	FT_EREF = -6,       /**< a reference to an entity that does not exist */
	FT_EDUPLICATE = -7, /**< an id used twice within one kind */
	FT_ELOOP = -8,      /**< a parent chain that returns to where it started */
	FT_ELIMIT = -9,     /**< input beyond a configured or built-in limit */
	FT_ETORN = -10,     /**< a JSON Lines file ends in a torn (unfinished) line */
	FT_ESUSPECT = -11   /**< a warning: valid, but probably not what was meant */
} ft_error_code;

/** The size of ft_error.file, with its NUL; a longer name is cut. */
#define FT_ERROR_FILE_SIZE 256
/** The size of ft_error.path, with its NUL; a longer path is cut. */
#define FT_ERROR_PATH_SIZE 160
/** The size of ft_error.text, with its NUL; a longer message is cut. */
#define FT_ERROR_TEXT_SIZE 320

/**
 * One error, in a record the caller allocates (on the stack, typically).
 * Fields that are not known are empty strings or 0. Functions that take
 * an `ft_error *err` clear it first and fill it on failure; NULL is always
 * allowed for callers that only want the return value.
 */
typedef struct ft_error {
	int code;   /**< an ft_error_code: FT_OK, or the failure */
	int line;   /**< 1-based line of a JSON syntax error or of a JSON Lines line; 0 when unknown */
	int column; /**< 1-based column of a JSON syntax error; 0 when unknown */
	char file[FT_ERROR_FILE_SIZE]; /**< the input's name ("buildup.json"), or "" */
	char path[FT_ERROR_PATH_SIZE]; /**< a JSON path into the dataset ("claims[17].region"), or "" */
	char text[FT_ERROR_TEXT_SIZE]; /**< the rule broken, in words a person can act on */
} ft_error;

/**
 * A function that hears about one problem (see ft_load_options.on_error).
 * @param err     the problem; borrowed for the duration of the call only
 * @param payload what the caller put in ft_load_options.payload
 */
typedef void (*ft_error_fn)(const ft_error *err, void *payload);

/**
 * The name of an error code.
 * @param code an ft_error_code (any int is accepted)
 * @return a static string such as "unknown reference" ("unknown error
 *         code" for a value outside ft_error_code); never NULL
 */
FT_EXTERN const char *ft_strerror(int code);

/**
 * Writes the error as the one line a person reads, without a newline:
 * "FILE:LINE:COLUMN: TEXT" for syntax errors, "FILE: PATH: TEXT" for rule
 * errors; parts that are unknown are left out, and an empty text is
 * replaced by ft_strerror() of the code.
 * @param err  the error; NULL writes nothing and returns 0
 * @param buf  where the line goes, always NUL-terminated when `size` > 0;
 *             may be NULL when `size` is 0, to measure the line
 * @param size the size of `buf` in bytes
 * @return the length the full line has (as snprintf does), so a result
 *         >= `size` means it was cut
 */
FT_EXTERN size_t ft_error_format(const ft_error *err, char *buf, size_t size);

/**
 * Resets an error record to "no error": code FT_OK, every field empty.
 * @param err the record; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_error_clear(ft_error *err);

/**
 * The library's version at run time, which may differ from
 * FT_VERSION_STRING of the headers a program was compiled with.
 * @return a static string "MAJOR.MINOR.PATCH"
 */
FT_EXTERN const char *ft_version(void);

/**
 * The one of `candidates` that `word` is most likely a typo of, as the "did
 * you mean" of the library's own messages chooses it: the nearest by edit
 * distance (a swap of neighbours counts as one edit), within one edit for
 * words of up to four characters and a third of the length for longer
 * ones; a match ignoring ASCII case wins outright.
 * @param word       the word that was not found; NULL gives NULL
 * @param candidates `n` strings to choose from (none of them NULL);
 *                   may be NULL when `n` is 0
 * @param n          the number of candidates
 * @return one of `candidates` (the caller's own pointer), or NULL when
 *         none is close enough
 */
FT_EXTERN const char *ft_suggest(const char *word, const char *const *candidates, size_t n);

/**
 * Releases memory the library handed to the caller: the strings of
 * ft_dataset_save_string(), ft_dataset_save_lines_string(),
 * ft_text_sanitize_terminal() and the ft_*_render_* functions of report.h.
 * @param ptr the memory; NULL is allowed (nothing happens)
 */
FT_EXTERN void ft_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif
