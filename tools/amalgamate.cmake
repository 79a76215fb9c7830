# SPDX-License-Identifier: MIT
# @file tools/amalgamate.cmake
# Generates sipref as one header: starting from include/sipref/sipref.hpp, every
# `#include "x.hpp"` of a sipref header is replaced by that header's text, once per header,
# depth first (so each header's dependencies come before it); a repeated include becomes a
# comment. System includes (`<...>`) stay. The output keeps one SPDX line, at the top.
#   cmake -DROOT=<include dir> -DOUTPUT=<file> -P amalgamate.cmake
cmake_minimum_required(VERSION 3.16)
foreach(_v ROOT OUTPUT)
  if(NOT ${_v})
    message(FATAL_ERROR "amalgamate.cmake: ${_v} not set")
  endif()
endforeach()

set_property(GLOBAL PROPERTY _sipref_amalgamated "")

# _sipref_expand(<absolute header path> <output variable>)
function(_sipref_expand path out_var)
  file(READ "${path}" text)
  string(REGEX REPLACE "^// SPDX-License-Identifier: MIT\n" "" text "${text}")
  string(REPLACE "/// @file " "// file: " text "${text}")
  get_filename_component(dir "${path}" DIRECTORY)
  string(REGEX MATCHALL "\n#include \"[^\"]+\"" includes "\n${text}")
  foreach(inc IN LISTS includes)
    string(REGEX REPLACE "^\n#include \"([^\"]+)\"$" "\\1" rel "${inc}")
    get_filename_component(abs "${dir}/${rel}" ABSOLUTE)
    file(RELATIVE_PATH shown "${ROOT}" "${abs}")
    if(NOT EXISTS "${abs}")
      message(FATAL_ERROR "amalgamate.cmake: ${path} includes ${rel}, which does not exist")
    endif()
    get_property(done GLOBAL PROPERTY _sipref_amalgamated)
    if(abs IN_LIST done)
      set(replacement "\n// (${shown}: already included above)")
    else()
      set_property(GLOBAL APPEND PROPERTY _sipref_amalgamated "${abs}")
      _sipref_expand("${abs}" inner)
      set(replacement "\n// ---- begin ${shown} ----\n${inner}// ---- end ${shown} ----")
    endif()
    string(REPLACE "${inc}" "${replacement}" text "${text}")
  endforeach()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

set(_top "${ROOT}/sipref/sipref.hpp")
set_property(GLOBAL APPEND PROPERTY _sipref_amalgamated "${_top}")
_sipref_expand("${_top}" _body)
get_property(_count GLOBAL PROPERTY _sipref_amalgamated)
list(LENGTH _count _count)
file(WRITE "${OUTPUT}.tmp"
  "// SPDX-License-Identifier: MIT\n"
  "/// @file sipref_single.hpp\n"
  "/// sipref in one header: ${_count} headers of include/sipref inlined by tools/amalgamate.cmake\n"
  "/// (target sipref_amalgamate). Generated; edit include/sipref instead.\n"
  "${_body}")
# Rewrite only on change, so dependents are not rebuilt for nothing.
configure_file("${OUTPUT}.tmp" "${OUTPUT}" COPYONLY)
file(REMOVE "${OUTPUT}.tmp")
message(STATUS "sipref_single.hpp: ${_count} headers -> ${OUTPUT}")
