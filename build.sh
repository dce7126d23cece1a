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

PACKAGES=(cmake ninja-build g++ pkg-config libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libcli11-dev
          libgtest-dev libgmock-dev npm git python3 python3-jsonschema pre-commit
          zlib1g-dev)

deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
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
