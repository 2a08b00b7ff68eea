# Run by cpack after it has installed the components into its staging
# directory and before it packages them (CPACK_PRE_BUILD_SCRIPTS): strips
# the debug information from the static library, as Debian's dh_strip
# does, keeping the symbols a linker needs. -D (deterministic) keeps the
# archive free of time stamps, user and group ids.
if(NOT CPACK_FT_STRIP)
  message(FATAL_ERROR "No strip program was found at configure time (CMAKE_STRIP)")
endif()
file(GLOB_RECURSE _ft_static_libs "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*.a")
foreach(_lib IN LISTS _ft_static_libs)
  execute_process(COMMAND ${CPACK_FT_STRIP} --strip-debug --enable-deterministic-archives "${_lib}"
    RESULT_VARIABLE _ft_rc)
  if(NOT _ft_rc EQUAL 0)
    message(FATAL_ERROR "${CPACK_FT_STRIP} --strip-debug ${_lib} failed")
  endif()
endforeach()
