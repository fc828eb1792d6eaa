// ipwire version: the one place it is written; CMake, Conan and vcpkg read it from here.
#pragma once
#define IPWIRE_VERSION_MAJOR 0
#define IPWIRE_VERSION_MINOR 2
#define IPWIRE_VERSION_PATCH 0
#define IPWIRE_VERSION_STRING "0.2.0"
