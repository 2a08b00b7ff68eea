/*
 * The version of libforcetrack these headers belong to. CMake reads the
 * three numbers below, so this file is the one place the version is set.
 * Before 1.0 every minor release may break the ABI, so the shared library's
 * SONAME is libforcetrack.so.0.MINOR; from 1.0 on it is libforcetrack.so.MAJOR
 * and changes with FT_VERSION_MAJOR only.
 */
#ifndef FORCETRACK_VERSION_H
#define FORCETRACK_VERSION_H

#define FT_VERSION_MAJOR  0
#define FT_VERSION_MINOR  2
#define FT_VERSION_PATCH  0
#define FT_VERSION_STRING "0.2.0"

/* The dataset format version this library reads and writes (docs/format.md). */
#define FT_FORMAT_MAJOR  1
#define FT_FORMAT_MINOR  0
#define FT_FORMAT_STRING "1.0"

#endif
