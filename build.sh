#!/usr/bin/env bash
# iaclint's build helper: installs what is missing on Debian, builds, runs the example or tests.
#
#   ./build.sh example   install missing packages, build, run iaclint on fixtures/example
#   ./build.sh test      install missing packages, build, run every test (ctest)
#   ./build.sh build     install missing packages and build only
#   ./build.sh deps      install missing packages only
#
# BUILD_DIR (default: build) and CMAKE_ARGS are honoured.
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
)

present() {
  local package=$1 check=${2:-}
  case "$check" in
    cmd:*) command -v "${check#cmd:}" >/dev/null 2>&1 ;;
    py:*) python3 -c "import ${check#py:}" >/dev/null 2>&1 ;;
    *) dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ;;
  esac
}

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
    ;;
  *)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
