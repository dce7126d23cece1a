#!/usr/bin/env bash
# iaclint's build helper: installs what is missing on Debian, builds, runs the example or tests.
#
#   ./build.sh example    install missing packages, build, run iaclint on fixtures/example
#   ./build.sh test       install missing packages, build, run every test (ctest), then test-asan
#   ./build.sh build      install missing packages and build only
#   ./build.sh deps       install missing packages only
#   ./build.sh test-asan  clang build with AddressSanitizer + UndefinedBehaviorSanitizer and the
#                         libFuzzer targets in build-asan/; every test there, each fuzz target
#                         for IACLINT_FUZZ_SECONDS (default 8); any sanitizer report fails it
#   ./build.sh fuzz [SECONDS] [TARGET...]   the long fuzz run: each target (default: all) for
#                         SECONDS (default 3600) from every seed; crashes in build-asan/fuzz/artifacts
#
# BUILD_DIR (default: build), ASAN_BUILD_DIR (default: build-asan) and CMAKE_ARGS are honoured;
# IACLINT_SKIP_ASAN=1 makes `test` skip the sanitizer stage.
set -euo pipefail
cd "$(dirname "$0")"
BUILD_DIR=${BUILD_DIR:-build}

# Debian package, and how to tell it is already there: a command on PATH, a Python module, or
# (by default) the package itself. Tools are checked by command so that a node/npm or Python
# installed another way is used as it is (Debian's npm conflicts with an upstream nodejs).
REQUIREMENTS=(
  "cmake cmd:cmake" "ninja-build cmd:ninja" "g++ cmd:g++" "pkg-config cmd:pkg-config"
  "git cmd:git" "libyaml-dev" "nlohmann-json3-dev" "libcli11-dev" "zlib1g-dev"
  "libgtest-dev" "libgmock-dev" "npm cmd:npm" "python3 cmd:python3"
  "python3-jsonschema py:jsonschema" "pre-commit cmd:pre-commit"
  "clang cmd:clang++" "libclang-rt-14-dev" "strace cmd:strace"
)

present() {
  local package=$1 check=${2:-}
  case "$check" in
    cmd:*) command -v "${check#cmd:}" >/dev/null 2>&1 ;;
    py:*) python3 -c "import ${check#py:}" >/dev/null 2>&1 ;;
    *) dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ;;
  esac
}
ASAN_BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}

deps() {
  local missing=() entry
  for entry in "${REQUIREMENTS[@]}"; do
    # shellcheck disable=SC2086
    present $entry || missing+=("${entry%% *}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "build.sh: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build() {
  deps
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${CMAKE_ARGS:-} >/dev/null
  cmake --build "$BUILD_DIR"
}

# The sanitizer build: clang (libFuzzer needs it), ASan + UBSan on every object, fuzz targets.
build_asan() {
  deps
  CC=clang CXX=clang++ cmake -S . -B "$ASAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DIACLINT_FUZZ=ON -DIACLINT_SANITIZE=ON -DIACLINT_FUZZ_SECONDS="${IACLINT_FUZZ_SECONDS:-8}" \
    ${CMAKE_ARGS:-} >/dev/null
  cmake --build "$ASAN_BUILD_DIR"
}

# Sanitizer reports end the process with an error (and fail the test that ran it).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

test_asan() {
  build_asan
  (cd "$ASAN_BUILD_DIR" && ctest --output-on-failure -j "$(nproc)")
}

fuzz() {
  local seconds=${1:-3600}
  shift || true
  local targets=("$@")
  build_asan
  if [ ${#targets[@]} -eq 0 ]; then
    targets=($(sed -n 's/^set(IACLINT_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt))
  fi
  for t in "${targets[@]}"; do
    IACLINT_FUZZ_WORK="$ASAN_BUILD_DIR/fuzz" \
      tests/fuzz/run.sh "$ASAN_BUILD_DIR/tests/fuzz/iaclint_fuzz_$t" "$t" "$seconds" 100000
  done
}

case "${1:-}" in
  deps) deps ;;
  build) build ;;
  example)
    build
    status=0
    "$BUILD_DIR/analyzer/iaclint" check fixtures/example || status=$?
    # The example has baseline gaps on purpose: exit status 1 means "findings", as designed.
    [ "$status" -le 1 ] || exit "$status"
    ;;
  test)
    build
    (cd "$BUILD_DIR" && ctest --output-on-failure -j "$(nproc)")
    [ "${IACLINT_SKIP_ASAN:-0}" = 1 ] || test_asan
    ;;
  test-asan) test_asan ;;
  fuzz) shift; fuzz "$@" ;;
  *)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
