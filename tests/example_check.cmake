# cmake -DPROGRAM=<exe> [-DARGS=<a|b|...>] -DEXIT=<code> [-DSTDOUT=<regex>]
#       [-DSTDERR=<regex>] [-DSTDERR_LINES=<n>] -P example_check.cmake
# Runs an example and checks its exit code exactly (an abort is not a failure
# exit), that standard output matches STDOUT, and that standard error matches
# STDERR and has exactly STDERR_LINES lines. CTest alone checks either the
# exit code or the output, not both. ARGS are separated by '|'.
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND "${PROGRAM}" ${args}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "exit: ${status}\nstdout: ${out}\nstderr: ${err}")
if(NOT status STREQUAL "${EXIT}")
  message(FATAL_ERROR "exit code ${status}, expected ${EXIT}")
endif()
if(DEFINED STDOUT AND NOT out MATCHES "${STDOUT}")
  message(FATAL_ERROR "standard output does not match: ${STDOUT}")
endif()
if(DEFINED STDERR AND NOT err MATCHES "${STDERR}")
  message(FATAL_ERROR "standard error does not match: ${STDERR}")
endif()
if(DEFINED STDERR_LINES)
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines lines)
  string(LENGTH "${err}" length)
  if(length GREATER 0 AND NOT err MATCHES "\n$")
    math(EXPR lines "${lines} + 1")
  endif()
  if(NOT lines EQUAL STDERR_LINES)
    message(FATAL_ERROR "standard error has ${lines} lines, expected ${STDERR_LINES}")
  endif()
endif()
