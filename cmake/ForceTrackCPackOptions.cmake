# Read by cpack before it packages (CPACK_PROJECT_CONFIG_FILE). The packages
# install to /usr with Debian's multiarch library directory, which
# GNUInstallDirs chooses at configure time from the prefix; a build
# configured for another prefix would make packages with the wrong paths,
# so it is refused here, naming the script that configures one properly.
if(CPACK_GENERATOR STREQUAL "DEB")
  if(NOT CPACK_FT_INSTALL_PREFIX STREQUAL "/usr")
    message(FATAL_ERROR "The Debian packages need a build configured with CMAKE_INSTALL_PREFIX=/usr "
      "(this one has ${CPACK_FT_INSTALL_PREFIX}): make them with scripts/build-debs")
  endif()
  if(NOT CPACK_FT_SKIP_RPATH)
    message(FATAL_ERROR "The Debian packages need a build configured with CMAKE_SKIP_RPATH=ON "
      "(no RUNPATH into the build tree or to /usr): make them with scripts/build-debs")
  endif()
endif()
