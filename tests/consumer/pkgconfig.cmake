# SPDX-License-Identifier: MIT
# @file tests/consumer/pkgconfig.cmake
# Builds main.cpp with nothing but `pkg-config --cflags sipref` against an installed PREFIX,
# then runs it. Checks that --modversion matches VERSION.
#   cmake -DPREFIX=... -DCXX=... -DVERSION=... -DWORK_DIR=... -P pkgconfig.cmake
cmake_minimum_required(VERSION 3.16)
foreach(_v PREFIX CXX VERSION WORK_DIR)
  if(NOT ${_v})
    message(FATAL_ERROR "pkgconfig.cmake: ${_v} not set")
  endif()
endforeach()
find_program(_pkg_config NAMES pkgconf pkg-config)
if(NOT _pkg_config)
  message(FATAL_ERROR "pkg-config not found: install pkgconf (tests/run_all.sh does)")
endif()

# Only the test prefix: a sipref.pc installed elsewhere on the machine must not be found.
set(ENV{PKG_CONFIG_LIBDIR} "${PREFIX}/share/pkgconfig")
unset(ENV{PKG_CONFIG_PATH})

execute_process(COMMAND "${_pkg_config}" --modversion sipref
                OUTPUT_VARIABLE _version OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0 OR NOT _version STREQUAL VERSION)
  message(FATAL_ERROR "pkg-config --modversion sipref gave '${_version}' (${_rc}), expected ${VERSION}")
endif()
execute_process(COMMAND "${_pkg_config}" --cflags sipref
                OUTPUT_VARIABLE _cflags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags sipref failed (${_rc})")
endif()
message(STATUS "pkg-config --cflags sipref: ${_cflags}")
separate_arguments(_cflags UNIX_COMMAND "${_cflags}")

file(MAKE_DIRECTORY "${WORK_DIR}")
set(_exe "${WORK_DIR}/consumer")
execute_process(COMMAND "${CXX}" -std=c++17 ${_cflags} "${CMAKE_CURRENT_LIST_DIR}/main.cpp" -o "${_exe}"
                RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "compiling with pkg-config's flags failed (${_rc})")
endif()
execute_process(COMMAND "${_exe}" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "the pkg-config consumer failed (${_rc})")
endif()
