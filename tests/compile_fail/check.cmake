# cmake -DCXX=<compiler> -DFLAGS="<flags>" -DINCLUDE_DIR=<ipwire's include/>
#       -DSOURCE=<file.cpp> -DEXPECT=pass|fail
#       [-DREGEX=<text the diagnostics must contain>] -P check.cmake
# Compiles SOURCE; passes when the compiler's verdict is EXPECT and, for a
# failure, its output names REGEX (the reason), so it cannot pass for another one.
foreach(_var CXX FLAGS INCLUDE_DIR SOURCE EXPECT)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "check.cmake: -D${_var}=... is required")
  endif()
endforeach()

separate_arguments(_flags UNIX_COMMAND "${FLAGS}")
execute_process(
  COMMAND "${CXX}" ${_flags} "-I${INCLUDE_DIR}" "${SOURCE}"
  RESULT_VARIABLE _rc
  OUTPUT_VARIABLE _out
  ERROR_VARIABLE _out)

if(EXPECT STREQUAL "pass")
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE} should compile but did not (exit ${_rc}):\n${_out}")
  endif()
elseif(EXPECT STREQUAL "fail")
  if(_rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE} compiled but must be rejected")
  endif()
  if(DEFINED REGEX AND NOT _out MATCHES "${REGEX}")
    message(FATAL_ERROR "${SOURCE} was rejected, but the diagnostics do not name '${REGEX}':\n${_out}")
  endif()
  message(STATUS "${SOURCE} rejected as expected (exit ${_rc}, names '${REGEX}')")
else()
  message(FATAL_ERROR "check.cmake: EXPECT must be pass or fail, not '${EXPECT}'")
endif()
