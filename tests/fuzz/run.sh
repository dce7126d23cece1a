#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS from seeds made now (never committed): the files of
# fixtures/ and rulesets/ and the shared corpus beside the repository (../shared/corpus) that
# suit the target, plus every regression input in fixtures/fuzz/<target>/.
#
#   tests/fuzz/run.sh BINARY TARGET SECONDS [MAX_SEEDS]
#
# Run from the repository root. IACLINT_FUZZ_WORK (default build-asan/fuzz) holds the growing
# corpus and any crash input (artifacts/<target>/crash-*); a crash makes the exit status non-zero.
set -euo pipefail
bin=$1 target=$2 seconds=$3 max_seeds=${4:-100}
work=${IACLINT_FUZZ_WORK:-build-asan/fuzz}
shared=${IACLINT_SHARED_CORPUS:-../shared/corpus}
seeds="$work/seeds/$target" corpus="$work/corpus/$target" artifacts="$work/artifacts/$target"
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"

# Candidate seed files for a target, one per line, in a stable order.
candidates() {
  local dirs=(fixtures) names=()
  [ -d "$shared" ] && dirs+=("$shared")
  case "$target" in
    json) names=(-name '*.json') ;;
    yaml) names=(-name '*.yaml' -o -name '*.yml'); dirs+=(rulesets) ;;
    cfn) names=(-name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template') ;;
    rule) dirs=(rulesets); names=(-name 'IAC*.yaml') ;;
    config) names=(-name '.iaclint.yaml' -o -name '.iaclint.yml') ;;
    hcl | terraform) names=(-name '*.tf' -o -name '*.tfvars') ;;
    plan) names=(-path '*plan*' -name '*.json') ;;
    *) return 0 ;;
  esac
  find "${dirs[@]}" -type f \( "${names[@]}" \) -size -256k -not -path '*/fuzz/*' 2>/dev/null | LC_ALL=C sort
}

# Every n-th candidate, so that at most max_seeds are used and all directories contribute.
mapfile -t files < <(candidates)
step=$(( ${#files[@]} / max_seeds + 1 ))
for ((i = 0; i < ${#files[@]}; i += step)); do
  cp "${files[$i]}" "$seeds/seed-$i"
done
if [ "$target" = confine ]; then
  i=0
  for ref in ../../etc/passwd /etc/passwd file:///etc/passwd sub/out/secret sub/up/up/x \
             child.yaml ./a/../b.yaml 'a/./b//c' '..' '.' 'sub/up/sub/up/..'; do
    printf '%s' "$ref" > "$seeds/ref-$((i++))"
  done
fi
if [ "$target" = pattern ]; then
  # Each JSON filter pattern on a line of the fixtures, the rules, the research notes (the CIS
  # canonical patterns) and the corpus: from its first '{' to its last '}'.
  research=${IACLINT_SHARED_RESEARCH:-../shared/research}
  [ -d "$research" ] || research=""
  [ -d "$shared" ] || shared=""
  { grep -rhE '\{ *\(* *\$\.' fixtures rulesets ${research:+"$research"} ${shared:+"$shared"} 2>/dev/null || true; } |
    awk 'length < 1500' | sed -E 's/^[^{]*//; s/[^}]*$//; s/\\"/"/g' | LC_ALL=C sort -u |
    head -n "$max_seeds" | {
      i=0
      while IFS= read -r line; do printf '%s' "$line" > "$seeds/pattern-$((i++))"; done
    }
fi
[ -d "fixtures/fuzz/$target" ] && cp fixtures/fuzz/"$target"/* "$seeds/" 2>/dev/null || true
echo "fuzz $target: $(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) in the corpus, ${seconds}s"

export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
exec "$bin" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds"
