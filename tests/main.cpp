// The doctest runner for ipwire_tests: every tests/*_test.cpp links into it.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
