# cmake -DTSHARK=<tshark> -DDIR=<dir> [-DPROGRAM=<exe> -DARGS=<a|b|...>] [-DFILES=<a|b|...>] -P tshark_written.cmake
# Issue 15: captures ipwire wrote are read by tshark with no expert warning
# or error, the IPv4, TCP and UDP checksums checked (ICMP and ICMPv6 always
# are). PROGRAM, when given, is run first with IPWIRE_CAPTURE_WRITER_OUT=DIR
# to write them; FILES (in DIR) are then read, each with at least one frame.
if(DEFINED PROGRAM)
  string(REPLACE "|" ";" args "${ARGS}")
  file(MAKE_DIRECTORY "${DIR}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "IPWIRE_CAPTURE_WRITER_OUT=${DIR}" "${PROGRAM}" ${args}
    WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} failed (${status}):\n${out}\n${err}")
  endif()
endif()
string(REPLACE "|" ";" files "${FILES}")
foreach(f IN LISTS files)
  set(path "${DIR}/${f}")
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "${path} was not written")
  endif()
  execute_process(COMMAND "${TSHARK}" -n -r "${path}" -q -z expert,warn
      -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "tshark could not read ${path} (${status}): ${err}")
  endif()
  if(out MATCHES "(Errors|Warns) \\(")
    message(FATAL_ERROR "tshark's expert info on ${path}:\n${out}")
  endif()
  execute_process(COMMAND "${TSHARK}" -n -r "${path}" RESULT_VARIABLE status OUTPUT_VARIABLE frames ERROR_QUIET)
  if(NOT frames MATCHES "^ *1 ")
    message(FATAL_ERROR "tshark read no frame from ${path}:\n${frames}")
  endif()
  message(STATUS "${f}: no expert warning\n${frames}")
endforeach()
