# Warning and sanitizer flags for the targets ipwire builds itself.
#
# ipwire_use_dev_flags() sets them on the calling directory (and so on its
# subdirectories), not on any one target: that also reaches
# ipwire_verify_interface_header_sets, which CMake creates only at generate
# time. They are never usage requirements of ipwire::ipwire, so a consumer of
# the library does not see them.

set(IPWIRE_GNU_WARNINGS -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow)

function(ipwire_use_dev_flags)
  if(MSVC)
    add_compile_options(/W4 /permissive-)
    if(IPWIRE_WERROR)
      add_compile_options(/WX)
    endif()
  else()
    add_compile_options(${IPWIRE_GNU_WARNINGS})
    if(IPWIRE_WERROR)
      add_compile_options(-Werror)
    endif()
  endif()

  if(IPWIRE_SANITIZE)
    if(MSVC)
      message(FATAL_ERROR "IPWIRE_SANITIZE needs GCC or Clang")
    endif()
    set(_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    add_compile_options(${_san})
    add_link_options(${_san})
  endif()

  # Users who build without exceptions get result::value() aborting with a
  # message instead of throwing; this build proves the headers and tests agree.
  if(IPWIRE_NO_EXCEPTIONS)
    if(MSVC)
      add_compile_options(/EHs-c-)
      add_compile_definitions(_HAS_EXCEPTIONS=0)
    else()
      add_compile_options(-fno-exceptions)
    endif()
  endif()
endfunction()
