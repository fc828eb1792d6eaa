# cmake -DCXX=<compiler> -DFLAGS="<flags>" -DINCLUDE_DIR=<ipwire's include/>
#       -DSOURCE=<file.cpp> -DEXPECT=pass|fail
#       [-DREGEX=<text the diagnostics must contain>]
#       [-DMAX_LINES=<n>] [-DMAX_LINE_LENGTH=<n>] [-DMAX_CHARS=<n>] -P check.cmake
# Compiles SOURCE; passes when the compiler's verdict is EXPECT and, for a
# failure, its output names REGEX (the reason), so it cannot pass for another one.
# The MAX_ bounds keep a failure's diagnostics short; they are measured with
# the include and source folders written as <inc> and <src>, so where the tree
# lies does not count.
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
  get_filename_component(_src_dir "${SOURCE}" DIRECTORY)
  string(REPLACE "${INCLUDE_DIR}" "<inc>" _short "${_out}")
  string(REPLACE "${_src_dir}" "<src>" _short "${_short}")
  string(LENGTH "${_short}" _chars)
  # Lines counted with string(FIND), not as a CMake list: the compiler's
  # brackets and semicolons would split or join list items.
  set(_rest "${_short}")
  set(_line_count 0)
  set(_longest 0)
  string(LENGTH "${_rest}" _left)
  while(_left GREATER 0)
    string(FIND "${_rest}" "\n" _n)
    if(_n EQUAL -1)
      set(_n ${_left})
    endif()
    math(EXPR _next "${_n} + 1")
    if(_next GREATER_EQUAL _left)
      set(_rest "")
    else()
      string(SUBSTRING "${_rest}" ${_next} -1 _rest)
    endif()
    math(EXPR _line_count "${_line_count} + 1")
    if(_n GREATER _longest)
      set(_longest ${_n})
    endif()
    string(LENGTH "${_rest}" _left)
  endwhile()
  foreach(_bound LINES:_line_count LINE_LENGTH:_longest CHARS:_chars)
    string(REPLACE ":" ";" _pair "${_bound}")
    list(GET _pair 0 _name)
    list(GET _pair 1 _measured)
    if(DEFINED MAX_${_name} AND ${_measured} GREATER MAX_${_name})
      message(FATAL_ERROR "${SOURCE} was rejected for the right reason, but its diagnostics are too long: "
                          "${_name} ${${_measured}} above ${MAX_${_name}}:\n${_out}")
    endif()
  endforeach()
  message(STATUS "${SOURCE} rejected as expected (exit ${_rc}, names '${REGEX}'; "
                 "${_line_count} lines, longest ${_longest}, ${_chars} characters)")
else()
  message(FATAL_ERROR "check.cmake: EXPECT must be pass or fail, not '${EXPECT}'")
endif()
