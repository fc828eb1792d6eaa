# vcpkg overlay port for ipwire, built from the source tree two folders up:
#   vcpkg install ipwire --overlay-ports=<ipwire>/ports
# Header-only: one release configure, nothing compiled. The version in
# vcpkg.json beside this file must equal include/ipwire/version.hpp
# (tests/package/check_manifests.py checks it).
#
# vcpkg's binary cache keys on the port's own files, not on the source tree:
# after editing ipwire's headers without changing this port, reinstall with
# --no-binarycaching (or bump "port-version") to get the new headers.

get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
if(NOT EXISTS "${SOURCE_PATH}/include/ipwire/version.hpp")
    message(FATAL_ERROR "ipwire port: expected the ipwire source tree at ${SOURCE_PATH}")
endif()

set(VCPKG_BUILD_TYPE release) # header-only: a debug build would install the same files

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        -DIPWIRE_BUILD_TESTS=OFF
        -DIPWIRE_BUILD_EXAMPLES=OFF
        -DIPWIRE_BUILD_FUZZ=OFF
        -DIPWIRE_BUILD_BENCHMARKS=OFF
        -DIPWIRE_WERROR=OFF
)
vcpkg_cmake_install()

# ipwire installs its CMake package to share/ipwire (it is arch-independent),
# already where vcpkg wants it; the fixup checks it and fixes the prefix.
vcpkg_cmake_config_fixup(PACKAGE_NAME ipwire CONFIG_PATH share/ipwire)
# share/pkgconfig/ipwire.pc: Cflags only, no Libs.
vcpkg_fixup_pkgconfig()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug")

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
