#!/usr/bin/env bash
# Installs / checks the peer linters the benchmark compares iaclint with.
#
#   tests/bench/peers.sh            install (if missing) and print the peers' versions
#   tests/bench/peers.sh --env      print shell assignments CFN_GUARD=... CFN_LINT=... (for run.sh)
#   tests/bench/peers.sh --check-guard   also self-test baseline.guard: it must pass on a good
#                                   template and fail on one without retention / lifecycle / CWL
#
# Nothing fetched here goes into the repository: the npm package lands in
# ${IACLINT_BENCH_CACHE:-$HOME/.cache/iaclint/bench}/npm.
#
# Peers:
#   cfn-lint   the Python linter, expected on PATH (pip install cfn-lint); only checked.
#   cfn-guard  the native binary bundled in the npm package @cdklabs/cdk-validator-cfnguard
#              (bin/ubuntu/x86_64/cfn-guard); run with tests/bench/baseline.guard.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${IACLINT_BENCH_CACHE:-$HOME/.cache/iaclint/bench}"
CFNGUARD_PKG="${CFNGUARD_PKG:-@cdklabs/cdk-validator-cfnguard}"
NPM_DIR="$CACHE/npm"
mode="${1:-install}"

log() { if [[ "$mode" != "--env" ]]; then echo "$@"; else echo "$@" >&2; fi; }

find_guard() {
  local p
  p="$(find "$NPM_DIR/node_modules" -path '*/bin/ubuntu/x86_64/cfn-guard' -type f 2>/dev/null | head -n1 || true)"
  [[ -n "$p" ]] && echo "$p"
}

guard="$(find_guard || true)"
if [[ -z "$guard" ]]; then
  if ! command -v npm >/dev/null; then
    log "peers: npm not found; cfn-guard unavailable"
  else
    mkdir -p "$NPM_DIR"
    log "peers: npm install $CFNGUARD_PKG into $NPM_DIR"
    [[ -f "$NPM_DIR/package.json" ]] || echo '{"name":"iaclint-bench-peers","private":true}' >"$NPM_DIR/package.json"
    (cd "$NPM_DIR" && npm install --no-audit --no-fund --loglevel=error "$CFNGUARD_PKG" >&2)
    guard="$(find_guard || true)"
  fi
fi
if [[ -n "$guard" ]]; then
  chmod +x "$guard" 2>/dev/null || true
  guard_pkg_version="$(node -p "require('$NPM_DIR/node_modules/$CFNGUARD_PKG/package.json').version" 2>/dev/null || echo '?')"
  guard_version="$("$guard" --version 2>/dev/null | head -n1 || echo '?')"
  log "cfn-guard: $guard ($guard_version; $CFNGUARD_PKG $guard_pkg_version)"
else
  log "cfn-guard: NOT AVAILABLE"
fi

lint="$(command -v cfn-lint || true)"
if [[ -n "$lint" ]]; then
  lint_version="$(cfn-lint --version 2>/dev/null | head -n1 || echo '?')"
  log "cfn-lint: $lint ($lint_version)"
else
  log "cfn-lint: NOT AVAILABLE (pip install cfn-lint)"
fi

if [[ "$mode" == "--env" ]]; then
  printf 'CFN_GUARD=%q\nCFN_GUARD_VERSION=%q\nCFN_LINT=%q\nCFN_LINT_VERSION=%q\n' \
    "${guard:-}" "${guard_version:-} (${CFNGUARD_PKG} ${guard_pkg_version:-})" \
    "${lint:-}" "${lint_version:-}"
fi

if [[ "$mode" == "--check-guard" ]]; then
  [[ -n "$guard" ]] || { echo "check-guard: cfn-guard not available" >&2; exit 1; }
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # Small templates from the generator: a good one and three that each break one check,
  # in short-form YAML and long-form JSON.
  python3 - "$HERE" "$tmp" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
import gen
out = sys.argv[2]
def variant(drop):
    t = gen.cfn_template(9, 1)
    if drop:
        res, prop = drop
        del t["Resources"][res]["Properties"][prop]
    return t
cases = {
    "good": None,
    "no-retention": ("TrailLogGroup00000", "RetentionInDays"),
    "no-lifecycle": ("TrailBucket00000", "LifecycleConfiguration"),
    "no-cwl": ("Trail00000", "CloudWatchLogsLogGroupArn"),
}
for name, drop in cases.items():
    t = variant(drop)
    open(f"{out}/{name}.yaml", "w").write(gen.to_yaml(t))
    open(f"{out}/{name}.json", "w").write(json.dumps(gen.to_long(t), indent=2))
PY
  fail=0
  for f in "$tmp"/*.yaml "$tmp"/*.json; do
    name="$(basename "$f")"
    set +e
    "$guard" validate -r "$HERE/baseline.guard" -d "$f" -z -S none -o json >/dev/null 2>&1
    rc=$?
    set -e
    case "$name" in
      good.*) want=0 ;;
      *) want=19 ;;
    esac
    if [[ "$rc" == "$want" ]]; then
      echo "check-guard: $name exit $rc (ok)"
    else
      echo "check-guard: $name exit $rc, expected $want" >&2
      fail=1
    fi
  done
  exit "$fail"
fi
