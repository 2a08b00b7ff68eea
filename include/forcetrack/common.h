/*
 * What every part of the public API shares: the export macro, the error
 * codes, the caller-allocated error record (modelled on Jansson's
 * json_error_t: fixed size, the first error wins) and the library's
 * version at run time.
 *
 * Allocation failure is not an error code: like GLib, libforcetrack aborts
 * the process when memory runs out.
 */
#ifndef FORCETRACK_COMMON_H
#define FORCETRACK_COMMON_H

#include <stddef.h>

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

/* Error codes: 0 is success, every failure is negative. */
typedef enum ft_error_code {
	FT_OK = 0,
	FT_EINVAL = -1,     /* a programmer error: NULL or out-of-range argument */
	FT_EIO = -2,        /* the operating system refused a read or write */
	FT_ESYNTAX = -3,    /* the text is not well-formed JSON */
	FT_EFORMAT = -4,    /* well-formed JSON that breaks a rule of docs/format.md */
	FT_EVERSION = -5,   /* a format version this library does not read */
	FT_EREF = -6,       /* a reference to an entity that does not exist */
	FT_EDUPLICATE = -7, /* an id used twice within one kind */
	FT_ELOOP = -8,      /* a parent chain that returns to where it started */
	FT_ELIMIT = -9,     /* input beyond a configured or built-in limit */
	FT_ETORN = -10,     /* a JSON Lines file ends in a torn (unfinished) line */
	FT_ESUSPECT = -11   /* a warning: valid, but probably not what was meant */
} ft_error_code;

#define FT_ERROR_FILE_SIZE 256
#define FT_ERROR_PATH_SIZE 160
#define FT_ERROR_TEXT_SIZE 320

/*
 * One error. Fields that are not known are empty strings or 0. `path` is a
 * JSON path into the dataset ("claims[17].region"); `line` and `column`
 * (1-based) are set for JSON syntax errors. `text` names the rule broken.
 */
typedef struct ft_error {
	int code;
	int line;
	int column;
	char file[FT_ERROR_FILE_SIZE];
	char path[FT_ERROR_PATH_SIZE];
	char text[FT_ERROR_TEXT_SIZE];
} ft_error;

/* A function that hears about one problem (see ft_load_options.on_error). */
typedef void (*ft_error_fn)(const ft_error *err, void *payload);

/* The name of an error code ("unknown reference"); never NULL. */
FT_EXTERN const char *ft_strerror(int code);

/*
 * Writes the error as the one line a person reads, without a newline:
 * "FILE:LINE:COLUMN: TEXT" for syntax errors, "FILE: PATH: TEXT" for rule
 * errors; parts that are unknown are left out. Returns the length the full
 * line has (as snprintf does), so a result >= size means it was cut.
 */
FT_EXTERN size_t ft_error_format(const ft_error *err, char *buf, size_t size);

/* Resets an error record to "no error". */
FT_EXTERN void ft_error_clear(ft_error *err);

/* The library's version at run time, "MAJOR.MINOR.PATCH". */
FT_EXTERN const char *ft_version(void);

/*
 * The one of `candidates` (n strings) that `word` is most likely a typo of,
 * as the "did you mean" of the library's own messages chooses it: the
 * nearest by edit distance (a swap of neighbours counts as one edit),
 * within one edit for words of up to four characters and a third of the
 * length for longer ones; a match ignoring ASCII case wins outright.
 * Returns one of `candidates`, or NULL when none is close enough.
 */
FT_EXTERN const char *ft_suggest(const char *word, const char *const *candidates, size_t n);

/* Releases memory the library handed to the caller (strings from
 * ft_dataset_save_string, for instance). NULL is allowed. */
FT_EXTERN void ft_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif
