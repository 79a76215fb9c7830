# SPDX-License-Identifier: MIT
# @file tests/consumer/install.cmake
# ctest fixture step: installs the build tree BUILD_DIR into a fresh PREFIX and checks the
# layout of a header-only, architecture-independent package.
#   cmake -DBUILD_DIR=... -DPREFIX=... -DSOURCE_DIR=... -P install.cmake
cmake_minimum_required(VERSION 3.16)
foreach(_v BUILD_DIR PREFIX SOURCE_DIR)
  if(NOT ${_v})
    message(FATAL_ERROR "install.cmake: ${_v} not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${_rc})")
endif()

set(_expected
  share/cmake/sipref/sipref-config.cmake
  share/cmake/sipref/sipref-config-version.cmake
  share/cmake/sipref/sipref-targets.cmake
  share/pkgconfig/sipref.pc)
# Every header of the source tree, detail/ included.
file(GLOB_RECURSE _headers RELATIVE "${SOURCE_DIR}/include" "${SOURCE_DIR}/include/sipref/*.hpp")
foreach(_h IN LISTS _headers)
  list(APPEND _expected "include/${_h}")
endforeach()
foreach(_f IN LISTS _expected)
  if(NOT EXISTS "${PREFIX}/${_f}")
    message(FATAL_ERROR "not installed: ${_f}")
  endif()
endforeach()

# Header-only: nothing may land in an architecture-specific directory.
file(GLOB _libdirs "${PREFIX}/lib*")
if(_libdirs)
  message(FATAL_ERROR "a header-only package installed into ${_libdirs}")
endif()
# ARCH_INDEPENDENT version file: a 32-bit consumer asking for this version must accept it.
file(STRINGS "${SOURCE_DIR}/include/sipref/config.hpp" _lines REGEX "#define SIPREF_VERSION_(MAJOR|MINOR|PATCH) ")
foreach(_line IN LISTS _lines)
  if(_line MATCHES "#define SIPREF_VERSION_(MAJOR|MINOR|PATCH) ([0-9]+)")
    set(PACKAGE_FIND_VERSION_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  endif()
endforeach()
set(PACKAGE_FIND_NAME sipref)
set(PACKAGE_FIND_VERSION_COUNT 3)
set(PACKAGE_FIND_VERSION
    "${PACKAGE_FIND_VERSION_MAJOR}.${PACKAGE_FIND_VERSION_MINOR}.${PACKAGE_FIND_VERSION_PATCH}")
set(CMAKE_SIZEOF_VOID_P 4)
include("${PREFIX}/share/cmake/sipref/sipref-config-version.cmake")
if(NOT PACKAGE_VERSION_COMPATIBLE OR PACKAGE_VERSION_UNSUITABLE)
  message(FATAL_ERROR "sipref-config-version.cmake (${PACKAGE_VERSION}) rejects a 32-bit consumer "
                      "asking for ${PACKAGE_FIND_VERSION}: not ARCH_INDEPENDENT")
endif()
list(LENGTH _headers _n)
message(STATUS "installed sipref into ${PREFIX} (${_n} headers)")
