# Conan 2 recipe for ipwire, built from this source tree:
#   conan create . --build=missing -s compiler.cppstd=20
# The version is not written here: set_version() reads include/ipwire/version.hpp.
# Unless tools.build:skip_test is set, the package build also builds and runs
# the unit tests (doctest comes as a test requirement); the package itself is
# only the headers and the licence, and Conan writes its own CMake and
# pkg-config files for consumers (find_package(ipwire), ipwire::ipwire).
import os
import re

from conan import ConanFile
from conan.errors import ConanException
from conan.tools.build import build_jobs, check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir

required_conan_version = ">=2.0"


class IpwireConan(ConanFile):
    name = "ipwire"
    description = ("Header-only C++20 IP addresses, prefixes, endpoints and wire headers "
                   "(IPv4, IPv6, TCP, UDP), packet decoding and pcap/pcapng reading")
    license = "BSL-1.0"
    topics = ("ip-address", "ipv4", "ipv6", "cidr", "network", "packet", "pcap", "pcapng", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    no_copy_source = True
    # What CMakeLists.txt reads at configure time with the tests off (the
    # headers, cmake/ for the package files and warnings.cmake, the LICENSE),
    # plus tests/ and fuzz/: with the tests on, CMakeLists.txt adds fuzz/ and
    # the tests read fuzz/corpus/fuzz_text. examples/ and bench/ stay out.
    exports_sources = ("CMakeLists.txt", "LICENSE", "cmake/*", "include/*", "tests/*", "fuzz/*")

    @property
    def _min_cppstd(self):
        return "20"

    @property
    def _run_tests(self):
        return not self.conf.get("tools.build:skip_test", default=False, check_type=bool)

    def set_version(self):
        text = load(self, os.path.join(self.recipe_folder, "include", "ipwire", "version.hpp"))
        found = re.search(r'^#define[ \t]+IPWIRE_VERSION_STRING[ \t]+"([^"]+)"', text, re.MULTILINE)
        if not found:
            raise ConanException("ipwire: IPWIRE_VERSION_STRING not found in include/ipwire/version.hpp")
        if self.version and str(self.version) != found.group(1):
            raise ConanException(f"ipwire: --version {self.version} differs from version.hpp ({found.group(1)})")
        self.version = found.group(1)

    def layout(self):
        cmake_layout(self)

    def validate(self):
        if self.settings.compiler.get_safe("cppstd"):
            check_min_cppstd(self, self._min_cppstd)

    def build_requirements(self):
        if self._run_tests:
            self.test_requires("doctest/2.4.11")

    def package_id(self):
        self.info.clear()

    def generate(self):
        tc = CMakeToolchain(self)
        tc.cache_variables["IPWIRE_BUILD_TESTS"] = self._run_tests
        tc.cache_variables["IPWIRE_BUILD_EXAMPLES"] = False
        tc.cache_variables["IPWIRE_BUILD_FUZZ"] = False
        tc.cache_variables["IPWIRE_BUILD_BENCHMARKS"] = False
        # A newer compiler than ours may warn where ours does not; that must
        # not stop a package build.
        tc.cache_variables["IPWIRE_WERROR"] = False
        tc.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        if self._run_tests:
            cmake.build()
            # The tests labelled "package" check this repository's own install,
            # its consumers and its manifests (they need the whole git tree and
            # pkg-config); test_package/ is Conan's check of the package.
            build_type = self.settings.get_safe("build_type") or "Release"
            self.run(f"ctest --output-on-failure --label-exclude package -C {build_type} -j {build_jobs(self)}",
                     cwd=self.build_folder)

    def package(self):
        copy(self, "LICENSE", src=self.source_folder, dst=os.path.join(self.package_folder, "licenses"))
        cmake = CMake(self)
        cmake.install()
        # share/ipwire (CMake config) and share/pkgconfig: Conan's CMakeDeps
        # and PkgConfigDeps write their own from package_info().
        rmdir(self, os.path.join(self.package_folder, "share"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "ipwire")
        self.cpp_info.set_property("cmake_target_name", "ipwire::ipwire")
        self.cpp_info.set_property("pkg_config_name", "ipwire")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
