# cmake -DSCDOC=... -DGZIP=... -DGIT=... -DSOURCE_DIR=... -DIN=page.N.scd
#       -DOUT=build/page.N -P ForceTrackManPage.cmake
#
# Makes one man page from its scdoc source (docs/CMakeLists.txt runs it):
# OUT, for `man -l`, and OUT.gz, which is installed. scdoc's parser is
# strict: bad markup stops the build, named FILE:LINE:COLUMN. The date in
# the page is SOURCE_DATE_EPOCH's, or else the last commit's, so that the
# same sources give the same page (scdoc would use today's); gzip -n leaves
# out the name and the time stamp it would otherwise store.
if(NOT DEFINED ENV{SOURCE_DATE_EPOCH} AND GIT)
  execute_process(COMMAND ${GIT} -C ${SOURCE_DIR} log -1 --format=%ct
    OUTPUT_VARIABLE _epoch OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _epoch MATCHES "^[0-9]+$")
    set(ENV{SOURCE_DATE_EPOCH} ${_epoch})
  endif()
endif()

execute_process(COMMAND ${SCDOC} INPUT_FILE ${IN} OUTPUT_FILE ${OUT}.tmp
  ERROR_VARIABLE _err RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  string(STRIP "${_err}" _err)
  string(REGEX REPLACE "^Error at ([0-9]+):([0-9]+): " "\\1:\\2: " _err "${_err}")
  message(FATAL_ERROR "${IN}:${_err}")
endif()
file(RENAME ${OUT}.tmp ${OUT})

execute_process(COMMAND ${GZIP} -n -9 -c ${OUT} OUTPUT_FILE ${OUT}.gz RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  file(REMOVE ${OUT}.gz)
  message(FATAL_ERROR "${GZIP} -n -9 ${OUT} failed")
endif()
