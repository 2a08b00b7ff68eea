/**
 * @file
 * The version of libforcetrack these headers belong to. CMake reads the
 * three numbers below, so this file is the one place the version is set.
 * Before 1.0 every minor release may break the ABI, so the shared library's
 * SONAME is libforcetrack.so.0.MINOR; from 1.0 on it is libforcetrack.so.MAJOR
 * and changes with FT_VERSION_MAJOR only. ft_version() gives the version of
 * the library a program runs with, which may be newer than the headers it
 * was compiled with.
 */
#ifndef FORCETRACK_VERSION_H
#define FORCETRACK_VERSION_H

/** The major version: a new one may break the API and the ABI. */
#define FT_VERSION_MAJOR 0
/** The minor version: before 1.0 a new one may break the ABI (see the SONAME). */
#define FT_VERSION_MINOR 2
/** The patch version: fixes only. */
#define FT_VERSION_PATCH 0
/** The three numbers as "MAJOR.MINOR.PATCH"; CMake checks that they agree. */
#define FT_VERSION_STRING "0.2.0"

/** The major version of the dataset format this library reads and writes
 * (docs/format.md). */
#define FT_FORMAT_MAJOR 1
/** The minor version of the dataset format this library reads and writes. */
#define FT_FORMAT_MINOR 0
/** The dataset format version as the "forcetrack" member of a document spells it. */
#define FT_FORMAT_STRING "1.0"

#endif
