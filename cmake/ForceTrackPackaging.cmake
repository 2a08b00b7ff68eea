# The Debian packages, made by CPack's DEB generator from the install
# components (CMakeLists.txt):
#
#   libforcetrack0.2    runtime      the shared library
#   libforcetrack-dev   development  headers, the .so link, the static library,
#                                    forcetrack.pc, the CMake package, forcetrack(3)
#   forcetrack          program      the forcetrack program, forcetrack(1),
#                                    forcetrack-format(5), the JSON Schema
#
# scripts/build-debs configures a build for them (prefix /usr, no RPATH,
# Debian's build flags, reproducible paths) and runs `cpack -G DEB`.
#
# The runtime package is named after the SONAME, as Debian policy 8.1 asks:
# libforcetrack.so.0.2 is in libforcetrack0.2. Before 1.0 every minor
# release changes the SONAME (CMakeLists.txt, FT_SOVERSION), so 0.3 will be
# libforcetrack0.3, installable beside 0.2: programs built against 0.2 keep
# their library when 0.3 arrives. A fixed name such as libforcetrack0 would
# make 0.3 replace 0.2 and break them, with every dependency still
# satisfied. From 1.0 on the name is libforcetrack1.

set(FT_DEB_RUNTIME_PACKAGE "libforcetrack${FT_SOVERSION}")
set(FT_DEB_DEV_PACKAGE "libforcetrack-dev")
set(FT_DEB_PROGRAM_PACKAGE "forcetrack")
set(FT_DEB_MAINTAINER "libforcetrack maintainers <maintainers@users.noreply.r-seed-1c973878.example>"
  CACHE STRING "The Maintainer field of the Debian packages")

# Each package carries the licence as /usr/share/doc/PACKAGE/copyright
# (Debian policy 12.5). These are installed only when a package asks for its
# component, so that a plain `cmake --install` does not grow three doc
# directories.
foreach(_pair "runtime;${FT_DEB_RUNTIME_PACKAGE}" "development;${FT_DEB_DEV_PACKAGE}"
              "program;${FT_DEB_PROGRAM_PACKAGE}")
  list(GET _pair 0 _component)
  list(GET _pair 1 _package)
  install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${_package} RENAME copyright
    COMPONENT ${_component} EXCLUDE_FROM_ALL)
endforeach()

set(CPACK_PACKAGE_NAME forcetrack)
set(CPACK_PACKAGE_VENDOR "The libforcetrack authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each package's description begins with its own summary line. CPack would
# put the project's summary above it, unless the summary is CPack's own
# default, so it is given that default.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_CONTACT "${FT_DEB_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
# Files owned by root, whoever builds (dpkg-deb's --root-owner-group).
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/cmake/ForceTrackCPackOptions.cmake)
# CPack strips the programs and the shared library (CPACK_STRIP_FILES); this
# strips the static library's debug information, as Debian's dh_strip does.
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/ForceTrackCPackStrip.cmake)
set(CPACK_FT_STRIP ${CMAKE_STRIP})
# For ForceTrackCPackOptions.cmake, which runs at cpack time.
set(CPACK_FT_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_FT_SKIP_RPATH ${CMAKE_SKIP_RPATH})

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development program)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# xz, as dpkg-deb uses by default; it writes no time stamp.
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps must find libforcetrack.so.0.2 for /usr/bin/forcetrack. It
# is not installed yet: it is in the runtime package's staging directory,
# beside the program's (CPack runs dpkg-shlibdeps in a package's staging
# directory). The dependency on the runtime package itself comes from
# CPACK_COMPONENT_PROGRAM_DEPENDS.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ../runtime${CMAKE_INSTALL_FULL_LIBDIR})

set(CPACK_COMPONENT_RUNTIME_DISPLAY_NAME "shared library")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME ${FT_DEB_RUNTIME_PACKAGE})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "claims about military force deployments: shared library
libforcetrack keeps a faithful record of contested public claims about
military force posture (who said them, who carried them, when, the words
used and the Admiralty grades, with their hedges and the precision of their
dates), loads and saves it as JSON, and computes explained estimates from
claims that conflict.

This package holds the shared library.")
# A shlibs file for the package that holds the shared library, so that
# packages built against it depend on it (>= the version they were built
# with; the SONAME covers ABI breaks). CPack adds postinst and postrm
# scripts that run ldconfig.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

set(CPACK_COMPONENT_DEVELOPMENT_DISPLAY_NAME "development files")
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS runtime)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME ${FT_DEB_DEV_PACKAGE})
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
# forcetrack.pc requires glib-2.0 and jansson (Requires.private), and the
# CMake package finds them with pkg-config: their -dev packages are needed
# to build against this one, whatever the shared library links.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS "libglib2.0-dev, libjansson-dev, pkgconf | pkg-config")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
  "claims about military force deployments: development files
libforcetrack keeps a faithful record of contested public claims about
military force posture, loads and saves it as JSON, and computes explained
estimates from claims that conflict.

This package holds what building a program against libforcetrack needs:
the headers, the static library, forcetrack.pc for pkg-config, the CMake
package for find_package(ForceTrack) and the forcetrack(3) manual page.")

set(CPACK_COMPONENT_PROGRAM_DISPLAY_NAME "forcetrack program")
set(CPACK_COMPONENT_PROGRAM_DEPENDS runtime)
set(CPACK_DEBIAN_PROGRAM_PACKAGE_NAME ${FT_DEB_PROGRAM_PACKAGE})
set(CPACK_DEBIAN_PROGRAM_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PROGRAM_DESCRIPTION
  "check, format and estimate from datasets of force deployment claims
forcetrack validates datasets of contested claims about military force
deployments (every problem on one line, naming the file, the place and the
rule), rewrites them canonically, converts between JSON documents and JSON
Lines, appends to JSON Lines files safely, and computes explained estimates
and timelines with build-up alerts.

This package holds the program, its manual pages forcetrack(1) and
forcetrack-format(5), and the JSON Schema of the dataset format.")

include(CPack)
