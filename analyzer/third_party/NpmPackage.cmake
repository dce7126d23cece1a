# iaclint_npm_package(NAME <npm name> VERSION <exact version> INTEGRITY <sha512-...>
#                     OUT_DIR <variable>)
#
# Makes the npm tarball of NAME@VERSION available and extracted under the build tree, and sets
# OUT_DIR to its `package/` directory. The tarball comes from IACLINT_DEPS_CACHE when a copy
# with the pinned integrity is there (so a second build directory configures offline), else
# from `npm pack` into that cache. Every copy is checked against INTEGRITY, the registry's
# `dist.integrity` (`npm view NAME@VERSION dist.integrity`), before it is used.
include_guard(GLOBAL)

# npm writes integrity as "sha512-<base64>"; CMake hashes in hex. Converts base64 to hex.
function(_iaclint_base64_to_hex base64 out_var)
  set(alphabet "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  set(hexdigits 0 1 2 3 4 5 6 7 8 9 a b c d e f)
  string(REGEX REPLACE "=+$" "" data "${base64}")
  string(LENGTH "${data}" len)
  set(bits 0)
  set(nbits 0)
  set(hex "")
  math(EXPR last "${len} - 1")
  foreach(i RANGE 0 ${last})
    string(SUBSTRING "${data}" ${i} 1 ch)
    string(FIND "${alphabet}" "${ch}" v)
    if(v LESS 0)
      message(FATAL_ERROR "iaclint: invalid base64 in integrity value '${base64}'")
    endif()
    math(EXPR bits "((${bits} << 6) | ${v}) & 4095")
    math(EXPR nbits "${nbits} + 6")
    while(nbits GREATER_EQUAL 4)
      math(EXPR nbits "${nbits} - 4")
      math(EXPR nibble "(${bits} >> ${nbits}) & 15")
      list(GET hexdigits ${nibble} digit)
      string(APPEND hex "${digit}")
    endwhile()
  endforeach()
  # 86 base64 characters carry 516 bits; sha512 is 512, so drop the padding nibble.
  string(SUBSTRING "${hex}" 0 128 hex)
  set(${out_var} "${hex}" PARENT_SCOPE)
endfunction()

function(_iaclint_tarball_ok file expected_hex out_var)
  set(ok FALSE)
  if(EXISTS "${file}")
    file(SHA512 "${file}" actual)
    if(actual STREQUAL expected_hex)
      set(ok TRUE)
    endif()
  endif()
  set(${out_var} ${ok} PARENT_SCOPE)
endfunction()

function(iaclint_npm_package)
  cmake_parse_arguments(PKG "" "NAME;VERSION;INTEGRITY;OUT_DIR" "" ${ARGN})
  if(NOT PKG_INTEGRITY MATCHES "^sha512-")
    message(FATAL_ERROR "iaclint: ${PKG_NAME}: INTEGRITY must be an npm sha512 value")
  endif()
  string(SUBSTRING "${PKG_INTEGRITY}" 7 -1 b64)
  _iaclint_base64_to_hex("${b64}" expected)

  # npm pack names a scoped package @scope/name as scope-name-VERSION.tgz.
  string(REGEX REPLACE "^@" "" flat "${PKG_NAME}")
  string(REPLACE "/" "-" flat "${flat}")
  set(tarball "${IACLINT_DEPS_CACHE}/${flat}-${PKG_VERSION}.tgz")

  _iaclint_tarball_ok("${tarball}" "${expected}" cached)
  if(NOT cached)
    _iaclint_npm_pack("${PKG_NAME}" "${PKG_VERSION}" "${tarball}")
    _iaclint_tarball_ok("${tarball}" "${expected}" fetched)
    if(NOT fetched)
      file(SHA512 "${tarball}" actual)
      file(REMOVE "${tarball}")
      message(FATAL_ERROR "iaclint: ${PKG_NAME}@${PKG_VERSION} from npm does not match the "
        "pinned integrity.\n  expected sha512 ${expected}\n  got      sha512 ${actual}\n"
        "Check the npm registry your npm uses (`npm config get registry`), or, when the pin "
        "was changed on purpose, the INTEGRITY in analyzer/third_party/CMakeLists.txt "
        "(`npm view ${PKG_NAME}@${PKG_VERSION} dist.integrity`).")
    endif()
  endif()

  set(dest "${CMAKE_CURRENT_BINARY_DIR}/npm/${flat}-${PKG_VERSION}")
  set(stamp "${dest}/.iaclint-extracted-${expected}")
  if(NOT EXISTS "${stamp}")
    file(REMOVE_RECURSE "${dest}")
    file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${dest}")
    file(TOUCH "${stamp}")
  endif()
  set(${PKG_OUT_DIR} "${dest}/package" PARENT_SCOPE)
endfunction()

function(_iaclint_npm_pack name version tarball)
  find_program(IACLINT_NPM npm)
  if(NOT IACLINT_NPM)
    message(FATAL_ERROR "iaclint: ${name}@${version} is not in ${IACLINT_DEPS_CACHE} and `npm` "
      "was not found to fetch it. Install npm (Debian: `apt-get install npm`), or put the "
      "tarball there (`npm pack ${name}@${version}`), or point -DIACLINT_DEPS_CACHE= at a "
      "directory that has it.")
  endif()
  get_filename_component(cache_dir "${tarball}" DIRECTORY)
  file(MAKE_DIRECTORY "${cache_dir}")
  message(STATUS "iaclint: fetching ${name}@${version} with npm pack into ${cache_dir}")
  # Pack into a private directory first so a half-written file never sits in the cache.
  string(RANDOM LENGTH 8 tag)
  set(tmp "${cache_dir}/.tmp-${tag}")
  file(MAKE_DIRECTORY "${tmp}")
  execute_process(
    COMMAND "${IACLINT_NPM}" pack "${name}@${version}" --silent --pack-destination "${tmp}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  file(GLOB packed "${tmp}/*.tgz")
  list(LENGTH packed count)
  if(NOT rc EQUAL 0 OR NOT count EQUAL 1)
    file(REMOVE_RECURSE "${tmp}")
    message(FATAL_ERROR "iaclint: `npm pack ${name}@${version}` failed (exit ${rc}):\n${err}\n"
      "Check that the npm registry is reachable (`npm view ${name}@${version} version`), or "
      "copy the tarball into ${cache_dir} from a machine that has it.")
  endif()
  file(RENAME "${packed}" "${tarball}")
  file(REMOVE_RECURSE "${tmp}")
endfunction()
