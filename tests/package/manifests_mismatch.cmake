# Shows check_manifests.py can fail: copies the files it reads into WORK,
# checks the untouched copy passes, then breaks one thing at a time (a version,
# a licence, a portfile call, the recipe) and expects a failure naming it.
# cmake -DPYTHON=... -DSCRIPT=.../check_manifests.py -DSOURCE=<ipwire> -DWORK=<dir> -P manifests_mismatch.cmake
cmake_minimum_required(VERSION 3.25)

set(files
  include/ipwire/version.hpp CMakeLists.txt LICENSE README.md conanfile.py
  test_package/conanfile.py test_package/CMakeLists.txt test_package/test_package.cpp
  vcpkg.json ports/ipwire/vcpkg.json ports/ipwire/portfile.cmake ports/ipwire/usage)

function(restore)
  file(REMOVE_RECURSE "${WORK}")
  foreach(f IN LISTS files)
    configure_file("${SOURCE}/${f}" "${WORK}/${f}" COPYONLY)
  endforeach()
endfunction()

function(check expect_pass expect_regex)
  execute_process(COMMAND "${PYTHON}" "${SCRIPT}" --root "${WORK}" ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(expect_pass AND NOT rc EQUAL 0)
    message(FATAL_ERROR "the untouched copy should pass:\n${out}")
  elseif(NOT expect_pass AND rc EQUAL 0)
    message(FATAL_ERROR "check_manifests.py passed, but ${CASE} should have failed it:\n${out}")
  elseif(NOT expect_pass AND NOT out MATCHES "${expect_regex}")
    message(FATAL_ERROR "check_manifests.py failed on ${CASE}, but not with /${expect_regex}/:\n${out}")
  endif()
  message(STATUS "${CASE}: ok")
endfunction()

# Replace text in one copied file; the case is stale if the text is gone.
function(mutate file from to)
  file(READ "${WORK}/${file}" text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${CASE}: '${from}' not found in ${file}; update manifests_mismatch.cmake")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  file(WRITE "${WORK}/${file}" "${text}")
endfunction()

file(READ "${SOURCE}/include/ipwire/version.hpp" hpp)
if(NOT hpp MATCHES "IPWIRE_VERSION_STRING \"(([0-9]+)\\.([0-9]+)\\.([0-9]+))\"")
  message(FATAL_ERROR "IPWIRE_VERSION_STRING not found in version.hpp")
endif()
set(version "${CMAKE_MATCH_1}")
math(EXPR next_patch "${CMAKE_MATCH_4} + 1")
set(bumped "${CMAKE_MATCH_2}.${CMAKE_MATCH_3}.${next_patch}")
string(REGEX MATCH "IPWIRE_VERSION_PATCH [0-9]+" patch_line "${hpp}")

set(CASE "the untouched copy")
restore()
check(TRUE "" --cmake-version "${version}")

set(CASE "a port version of ${bumped}")
restore()
mutate(ports/ipwire/vcpkg.json "\"version\": \"${version}\"" "\"version\": \"${bumped}\"")
check(FALSE "ports/ipwire/vcpkg.json: \"version\" is '${bumped}'")

set(CASE "a manifest version of ${bumped}")
restore()
mutate(vcpkg.json "\"version\": \"${version}\"" "\"version\": \"${bumped}\"")
check(FALSE "FAIL: vcpkg.json: \"version\" is '${bumped}'")

set(CASE "IPWIRE_VERSION_STRING alone moved to ${bumped}")
restore()
mutate(include/ipwire/version.hpp "\"${version}\"" "\"${bumped}\"")
check(FALSE "MAJOR.MINOR.PATCH is ${version} but IPWIRE_VERSION_STRING is \"${bumped}\"")

set(CASE "IPWIRE_VERSION_PATCH alone moved")
restore()
mutate(include/ipwire/version.hpp "${patch_line}" "IPWIRE_VERSION_PATCH ${next_patch}")
check(FALSE "MAJOR.MINOR.PATCH is ${bumped} but IPWIRE_VERSION_STRING is \"${version}\"")

set(CASE "a CMake project version of ${bumped}")
restore()
check(FALSE "CMake project version is ${bumped}" --cmake-version "${bumped}")

set(CASE "README naming ipwire/${bumped}")
restore()
file(APPEND "${WORK}/README.md" "\nrequires = \"ipwire/${bumped}\"\n")
check(FALSE "README.md: names ipwire/${bumped}")

set(CASE "the recipe's licence MIT")
restore()
mutate(conanfile.py "license = \"BSL-1.0\"" "license = \"MIT\"")
check(FALSE "conanfile.py: license is 'MIT'")

set(CASE "the port's licence MIT")
restore()
mutate(ports/ipwire/vcpkg.json "\"license\": \"BSL-1.0\"" "\"license\": \"MIT\"")
check(FALSE "ports/ipwire/vcpkg.json: license is 'MIT'")

set(CASE "another LICENSE")
restore()
mutate(LICENSE "Boost Software License - Version 1.0" "MIT License")
check(FALSE "LICENSE does not start with")

set(CASE "a portfile without vcpkg_fixup_pkgconfig")
restore()
mutate(ports/ipwire/portfile.cmake "vcpkg_fixup_pkgconfig()" "")
check(FALSE "does not call vcpkg_fixup_pkgconfig")

set(CASE "a recipe without self.info.clear()")
restore()
mutate(conanfile.py "self.info.clear()" "pass")
check(FALSE "package_id\\(\\) must call self.info.clear\\(\\)")

set(CASE "a recipe that does not compile")
restore()
mutate(conanfile.py "class IpwireConan(ConanFile):" "class IpwireConan(ConanFile)")
check(FALSE "conanfile.py: does not compile")

set(CASE "a manifest that is not JSON")
restore()
mutate(vcpkg.json "\"license\": \"BSL-1.0\"," "\"license\": \"BSL-1.0\",,")
check(FALSE "vcpkg.json: not valid JSON")

file(REMOVE_RECURSE "${WORK}")
