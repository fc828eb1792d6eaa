#!/usr/bin/env python3
"""Check ipwire's Conan recipe and vcpkg manifests without Conan or vcpkg.

Neither tool is installed where CI runs, so this checks what can be checked
from the files alone:
  - conanfile.py and test_package/conanfile.py compile;
  - vcpkg.json and ports/ipwire/vcpkg.json are JSON;
  - every version (both vcpkg.json, the recipe's set_version(), the CMake
    project version when given, and "ipwire/X.Y.Z" in README.md) equals
    IPWIRE_VERSION_STRING in include/ipwire/version.hpp, whose MAJOR, MINOR
    and PATCH must agree with it;
  - every licence field is BSL-1.0 and LICENSE is the Boost licence;
  - the portfile and the recipe make the calls a header-only package needs.
The recipe is imported with a stand-in for the `conan` module, so its own
set_version() and package_info() run.

Usage: check_manifests.py [--root DIR] [--cmake-version X.Y.Z]
Exits 1 and names every failed check; 0 when all pass.
"""

import argparse
import importlib.util
import json
import py_compile
import re
import sys
import tempfile
import types
from pathlib import Path

sys.dont_write_bytecode = True  # importing the recipe must leave no __pycache__ in the tree

LICENSE_ID = "BSL-1.0"
LICENSE_FIRST_LINE = "Boost Software License - Version 1.0"


class Checker:
    def __init__(self, root):
        self.root = root
        self.failures = []
        self.passed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)
        return ok

    def read(self, rel):
        path = self.root / rel
        if not self.check(path.is_file(), f"{rel} is missing"):
            return None
        return path.read_text(encoding="utf-8")


# --- the version, as version.hpp writes it ------------------------------------

def header_version(c):
    text = c.read("include/ipwire/version.hpp")
    if text is None:
        return None
    parts = {}
    for name in ("MAJOR", "MINOR", "PATCH"):
        m = re.search(rf"^#define[ \t]+IPWIRE_VERSION_{name}[ \t]+([0-9]+)[ \t]*$", text, re.MULTILINE)
        if c.check(m is not None, f"version.hpp: IPWIRE_VERSION_{name} not found"):
            parts[name] = int(m.group(1))
    m = re.search(r'^#define[ \t]+IPWIRE_VERSION_STRING[ \t]+"([^"]*)"[ \t]*$', text, re.MULTILINE)
    if not c.check(m is not None, "version.hpp: IPWIRE_VERSION_STRING not found"):
        return None
    version = m.group(1)
    if len(parts) == 3:
        numbers = f"{parts['MAJOR']}.{parts['MINOR']}.{parts['PATCH']}"
        c.check(numbers == version,
                f"version.hpp: MAJOR.MINOR.PATCH is {numbers} but IPWIRE_VERSION_STRING is \"{version}\"")
    return version


# --- vcpkg ------------------------------------------------------------------------

def check_vcpkg_manifest(c, rel, version, port):
    text = c.read(rel)
    if text is None:
        return
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as e:
        c.check(False, f"{rel}: not valid JSON: {e}")
        return
    c.check(isinstance(manifest, dict), f"{rel}: not a JSON object")
    if not isinstance(manifest, dict):
        return
    c.check(manifest.get("name") == "ipwire", f"{rel}: name is {manifest.get('name')!r}, not 'ipwire'")
    keys = [k for k in ("version", "version-semver", "version-string", "version-date") if k in manifest]
    if c.check(len(keys) == 1, f"{rel}: needs exactly one version field, has {keys or 'none'}"):
        found = manifest[keys[0]]
        c.check(found == version, f"{rel}: \"{keys[0]}\" is {found!r} but version.hpp says {version!r}")
    c.check(manifest.get("license") == LICENSE_ID,
            f"{rel}: license is {manifest.get('license')!r}, not {LICENSE_ID!r}")
    deps = manifest.get("dependencies", [])
    host = {d.get("name") for d in deps if isinstance(d, dict) and d.get("host") is True}
    if port:
        for helper in ("vcpkg-cmake", "vcpkg-cmake-config"):
            c.check(helper in host, f"{rel}: needs {{\"name\": \"{helper}\", \"host\": true}} in dependencies")
    else:
        # The project manifest: the library itself needs nothing.
        c.check(not deps, f"{rel}: the library has no dependencies; put test needs in a feature")
        tests = manifest.get("features", {}).get("tests", {}).get("dependencies", [])
        names = {d if isinstance(d, str) else d.get("name") for d in tests}
        c.check("doctest" in names, f"{rel}: the \"tests\" feature must bring doctest")


def check_portfile(c):
    rel = "ports/ipwire/portfile.cmake"
    text = c.read(rel)
    if text is None:
        return
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())  # comments out
    for call in ("vcpkg_cmake_configure", "vcpkg_cmake_install", "vcpkg_cmake_config_fixup",
                 "vcpkg_fixup_pkgconfig", "vcpkg_install_copyright"):
        c.check(re.search(rf"\b{call}\s*\(", code) is not None, f"{rel}: does not call {call}()")
    c.check(re.search(r"file\s*\(\s*REMOVE_RECURSE\s+\"?\$\{CURRENT_PACKAGES_DIR\}/debug\"?", code) is not None,
            f"{rel}: does not remove ${{CURRENT_PACKAGES_DIR}}/debug")
    c.check(re.search(r"set\s*\(\s*VCPKG_BUILD_TYPE\s+release\s*\)", code) is not None,
            f"{rel}: a header-only port sets VCPKG_BUILD_TYPE release")
    for option in ("IPWIRE_BUILD_TESTS", "IPWIRE_BUILD_EXAMPLES"):
        c.check(re.search(rf"-D{option}=OFF\b", code) is not None, f"{rel}: does not pass -D{option}=OFF")
    c.check(re.search(r'SOURCE_PATH\s+"\$\{CMAKE_CURRENT_LIST_DIR\}/\.\./\.\."', code) is not None,
            f"{rel}: SOURCE_PATH must be the source tree, ${{CMAKE_CURRENT_LIST_DIR}}/../..")
    # The fixup must look where CMakeLists.txt installs the CMake package.
    cmakelists = c.read("CMakeLists.txt")
    if cmakelists is not None:
        c.check(re.search(r'set\(IPWIRE_CMAKE_DIR\s+"\$\{CMAKE_INSTALL_DATADIR\}/ipwire"\)', cmakelists)
                is not None, "CMakeLists.txt: IPWIRE_CMAKE_DIR is no longer share/ipwire; update the portfile")
    c.check(re.search(r"vcpkg_cmake_config_fixup\s*\([^)]*CONFIG_PATH\s+\"?share/ipwire\"?", code) is not None,
            f"{rel}: vcpkg_cmake_config_fixup must take CONFIG_PATH share/ipwire")
    c.check(re.search(r'vcpkg_install_copyright\s*\(\s*FILE_LIST\s+"\$\{SOURCE_PATH\}/LICENSE"', code) is not None,
            f"{rel}: vcpkg_install_copyright must install ${{SOURCE_PATH}}/LICENSE")
    c.check(re.search(r'file\s*\(\s*INSTALL\s+"\$\{CMAKE_CURRENT_LIST_DIR\}/usage"', code) is not None,
            f"{rel}: does not install the usage file")
    usage = c.read("ports/ipwire/usage")
    if usage is not None:
        c.check("find_package(ipwire CONFIG REQUIRED)" in usage and "ipwire::ipwire" in usage,
                "ports/ipwire/usage: must show find_package(ipwire CONFIG REQUIRED) and ipwire::ipwire")


# --- Conan ------------------------------------------------------------------------

def compiles(c, rel):
    path = c.root / rel
    if not c.check(path.is_file(), f"{rel} is missing"):
        return False
    with tempfile.TemporaryDirectory() as scratch:  # no __pycache__ in the tree
        try:
            py_compile.compile(str(path), cfile=str(Path(scratch) / "out.pyc"), doraise=True)
        except py_compile.PyCompileError as e:
            c.check(False, f"{rel}: does not compile: {e.msg}")
            return False
    c.check(True, "")
    return True


def stand_in_conan():
    """Just enough of the `conan` package to import a recipe and run the
    methods that need no Conan: set_version() and package_info()."""

    class ConanException(Exception):
        pass

    class ConanFile:
        pass

    def load(conanfile, path, encoding="utf-8"):
        with open(path, encoding=encoding) as f:
            return f.read()

    def anything(*args, **kwargs):
        return None

    class LooseModule(types.ModuleType):
        def __getattr__(self, name):
            if name.startswith("__"):
                raise AttributeError(name)
            return anything

    modules = {}
    for name in ("conan", "conan.errors", "conan.tools", "conan.tools.build", "conan.tools.cmake",
                 "conan.tools.files", "conan.tools.scm", "conan.tools.layout", "conan.tools.microsoft"):
        modules[name] = LooseModule(name)
    modules["conan"].ConanFile = ConanFile
    modules["conan.errors"].ConanException = ConanException
    modules["conan.errors"].ConanInvalidConfiguration = ConanException
    modules["conan.tools.files"].load = load
    return modules, ConanFile


class CppInfo:
    def __init__(self):
        self.properties = {}
        self.bindirs = ["bin"]
        self.libdirs = ["lib"]

    def set_property(self, name, value):
        self.properties[name] = value


def load_recipe(c, rel):
    modules, base = stand_in_conan()
    saved = {name: sys.modules.get(name) for name in modules}
    sys.modules.update(modules)
    try:
        spec = importlib.util.spec_from_file_location("ipwire_recipe_under_check", c.root / rel)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception as e:  # the recipe's import or top level failed
        c.check(False, f"{rel}: cannot be imported with the stand-in conan module: {type(e).__name__}: {e}")
        return None
    finally:
        for name, old in saved.items():
            if old is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = old
    recipes = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, base) and v is not base]
    if not c.check(len(recipes) == 1, f"{rel}: expected one ConanFile class, found {len(recipes)}"):
        return None
    return recipes[0]


def check_conan(c, version):
    rel = "conanfile.py"
    ok = compiles(c, rel)
    compiles(c, "test_package/conanfile.py")
    if not ok:
        return
    recipe = load_recipe(c, rel)
    if recipe is None:
        return
    c.check(getattr(recipe, "name", None) == "ipwire", f"{rel}: name is {getattr(recipe, 'name', None)!r}")
    c.check(getattr(recipe, "license", None) == LICENSE_ID,
            f"{rel}: license is {getattr(recipe, 'license', None)!r}, not {LICENSE_ID!r}")
    c.check(getattr(recipe, "package_type", None) == "header-library",
            f"{rel}: package_type must be \"header-library\"")
    c.check(getattr(recipe, "no_copy_source", None) is True, f"{rel}: no_copy_source must be True")
    c.check(getattr(recipe, "version", None) is None, f"{rel}: must not write a version; set_version() reads it")
    settings = getattr(recipe, "settings", ())
    c.check(set(settings) == {"os", "arch", "compiler", "build_type"},
            f"{rel}: settings must be os, arch, compiler, build_type (got {settings})")
    exported = getattr(recipe, "exports_sources", ())
    exported = (exported,) if isinstance(exported, str) else tuple(exported)
    for needed in ("CMakeLists.txt", "LICENSE", "cmake/*", "include/*"):
        c.check(needed in exported, f"{rel}: exports_sources lacks {needed!r}, which CMakeLists.txt needs")

    # Run the recipe's own set_version(), as `conan create .` would.
    instance = recipe()
    instance.recipe_folder = str(c.root)
    instance.version = None
    try:
        instance.set_version()
        c.check(str(instance.version) == version,
                f"{rel}: set_version() gives {instance.version!r} but version.hpp says {version!r}")
    except Exception as e:
        c.check(False, f"{rel}: set_version() failed: {type(e).__name__}: {e}")

    instance.cpp_info = CppInfo()
    try:
        instance.package_info()
        props = instance.cpp_info.properties
        for name, want in (("cmake_file_name", "ipwire"), ("cmake_target_name", "ipwire::ipwire"),
                           ("pkg_config_name", "ipwire")):
            c.check(props.get(name) == want, f"{rel}: package_info() sets {name} to {props.get(name)!r}, not {want!r}")
        c.check(instance.cpp_info.bindirs == [] and instance.cpp_info.libdirs == [],
                f"{rel}: package_info() must empty bindirs and libdirs (header-only)")
    except Exception as e:
        c.check(False, f"{rel}: package_info() failed: {type(e).__name__}: {e}")

    text = c.read(rel) or ""
    for needle, why in (("self.info.clear()", "package_id() must call self.info.clear()"),
                        ("check_min_cppstd(self", "validate() must call check_min_cppstd"),
                        ("tools.build:skip_test", "the tests must honour tools.build:skip_test"),
                        ("cmake_layout(self", "layout() must use cmake_layout"),
                        ("cmake.install()", "package() must install through CMake"),
                        ("test_requires(", "doctest must be a test requirement")):
        c.check(needle in text, f"{rel}: {why}")
    min_std = getattr(instance, "_min_cppstd", None)
    c.check(str(min_std) == "20" or re.search(r'check_min_cppstd\(self,\s*"?20"?\)', text) is not None,
            f"{rel}: the minimum C++ standard checked must be 20")

    tp = c.read("test_package/conanfile.py") or ""
    c.check("tested_reference_str" in tp, "test_package/conanfile.py: must require self.tested_reference_str")
    c.check("can_run(self)" in tp, "test_package/conanfile.py: must run the program only when can_run(self)")
    c.check((c.root / "test_package/test_package.cpp").is_file(), "test_package/test_package.cpp is missing")
    tp_cmake = c.read("test_package/CMakeLists.txt") or ""
    c.check("find_package(ipwire CONFIG REQUIRED)" in tp_cmake and "ipwire::ipwire" in tp_cmake,
            "test_package/CMakeLists.txt: must use find_package(ipwire CONFIG REQUIRED) and ipwire::ipwire")


# --- licence and README -------------------------------------------------------------

def check_license(c):
    text = c.read("LICENSE")
    if text is not None:
        c.check(text.startswith(LICENSE_FIRST_LINE), f"LICENSE does not start with \"{LICENSE_FIRST_LINE}\"")


def check_readme(c, version):
    text = c.read("README.md")
    if text is None:
        return
    for found in sorted(set(re.findall(r"\bipwire/([0-9]+\.[0-9]+\.[0-9]+)\b", text))):
        c.check(found == version, f"README.md: names ipwire/{found} but version.hpp says {version}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2],
                        help="the ipwire source tree (default: two folders above this script)")
    parser.add_argument("--cmake-version", help="PROJECT_VERSION from CMake, to compare too")
    args = parser.parse_args()

    c = Checker(args.root.resolve())
    version = header_version(c)
    if version is not None:
        if args.cmake_version is not None:
            c.check(args.cmake_version == version,
                    f"CMake project version is {args.cmake_version} but version.hpp says {version}")
        check_vcpkg_manifest(c, "vcpkg.json", version, port=False)
        check_vcpkg_manifest(c, "ports/ipwire/vcpkg.json", version, port=True)
        check_portfile(c)
        check_conan(c, version)
        check_license(c)
        check_readme(c, version)

    if c.failures:
        for failure in c.failures:
            print(f"check_manifests: FAIL: {failure}", file=sys.stderr)
        print(f"check_manifests: {len(c.failures)} failed, {c.passed} passed (root {c.root})", file=sys.stderr)
        return 1
    print(f"check_manifests: all {c.passed} checks passed for ipwire {version} (root {c.root})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
