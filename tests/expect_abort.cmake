# cmake -DPROGRAM=<exe> [-DARGS=<a;b>] -DREGEX=<stderr must match> -P expect_abort.cmake
# Passes when PROGRAM ends abnormally (a signal or a non-zero exit) and its
# standard error matches REGEX. CTest alone cannot say this: a test killed by
# a signal fails whatever its pass regex says.
execute_process(COMMAND "${PROGRAM}" ${ARGS}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "exit: ${status}\nstdout: ${out}\nstderr: ${err}")
if(status STREQUAL "0")
  message(FATAL_ERROR "${PROGRAM} exited normally; it should have aborted")
endif()
if(NOT err MATCHES "${REGEX}")
  message(FATAL_ERROR "${PROGRAM}'s standard error does not match: ${REGEX}")
endif()
