#!/usr/bin/env bash
# iaclint benchmark runner: wall time, CPU time and peak memory of iaclint and its peers on the
# real CloudFormation corpus and on generated inputs; prints a Markdown table with the machine.
#
#   tests/bench/run.sh [options]
#
#   --iaclint PATH       iaclint binary (default $IACLINT, else build/analyzer/iaclint)
#   --runs N             counted runs after 1 warm-up (default 5; env IACLINT_BENCH_RUNS)
#   --slow SEC           a command whose warm-up takes longer than SEC is not repeated: the
#                        warm-up is its one measured run, marked "1 run" (default 60)
#   --timeout SEC        kill one run after SEC seconds (default 900)
#   --wait-quiet SEC     before each measured command, wait up to SEC seconds for the machine to
#                        be idle (other runnable tasks < 0.5); rows measured on a busy machine
#                        are marked in the notes either way (default 0: do not wait)
#   --nice N             run at scheduling priority N (e.g. -15; needs root for N < 0). On a
#                        shared machine start run.sh with `setsid`: Linux's autogroup scheduler
#                        shares the CPU between sessions, so the runner also sets its
#                        session's autogroup nice (/proc/self/autogroup) to N
#   --peers-only         only the peers (and the read floor); no iaclint rows
#   --no-peers           only iaclint (and the read floor)
#   --only LIST          comma-separated workloads (default: all):
#                        corpus,cfn-100,cfn-1000,cfn-10000,cfn-dir,plan-1mb,plan-10mb,
#                        plan-100mb,tf-dir,tf-10mb
#   --skip LIST          comma-separated TOOL:WORKLOAD cells to leave out, e.g.
#                        cfn-lint:cfn-10000 (about 10 minutes)
#   --data DIR           generated inputs (default $IACLINT_BENCH_DATA, else
#                        $IACLINT_BENCH_CACHE/data); generated with gen.py when missing
#   --corpus DIR         CloudFormation corpus (default ../shared/corpus/cloudformation next to
#                        the repository; env IACLINT_BENCH_CORPUS)
#   --parse-bench PATH   also run the Google Benchmark parse floor (iaclint_parse_bench, built
#                        with -DIACLINT_BENCH=ON), one benchmark per process
#   --parse-timeout SEC  kill one parse benchmark after SEC seconds (default 300)
#   --out FILE           also write the report to FILE (default: the cache directory)
#   --report RUNDIR      only print the report of an earlier run ($CACHE/runs/STAMP)
#
# Env IACLINT_BENCH_GUARD_RULES: another Guard file for cfn-guard (default tests/bench/baseline.guard).
#
# Cache: ${IACLINT_BENCH_CACHE:-$HOME/.cache/iaclint/bench} (peers, generated data, logs).
# Nothing is written into the repository.
#
# iaclint is run as `$IACLINT check --format json -o /dev/null PATH`; exit 0 (clean) and 1
# (findings) are success, anything else (exit >= 2, a signal) is a failure of the run.
# Peers: exit codes are recorded; only a signal or a time-out is a failure.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE="${IACLINT_BENCH_CACHE:-$HOME/.cache/iaclint/bench}"
IACLINT="${IACLINT:-$REPO/build/analyzer/iaclint}"
RUNS="${IACLINT_BENCH_RUNS:-5}"
SLOW=60
TIMEOUT=900
WAIT_QUIET=0
NICE=""
PARSE_TIMEOUT=300
DO_OURS=1
DO_PEERS=1
ONLY=""
SKIP=""
DATA="${IACLINT_BENCH_DATA:-$CACHE/data}"
CORPUS="${IACLINT_BENCH_CORPUS:-$REPO/../shared/corpus/cloudformation}"
PARSE_BENCH=""
OUT=""
REPORT_DIR=""
GUARD_RULES="${IACLINT_BENCH_GUARD_RULES:-$HERE/baseline.guard}"
ALL_WORKLOADS="corpus,cfn-100,cfn-1000,cfn-10000,cfn-dir,plan-1mb,plan-10mb,plan-100mb,tf-dir,tf-10mb"

die() { echo "run.sh: $*" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --iaclint) IACLINT="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --slow) SLOW="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --wait-quiet) WAIT_QUIET="$2"; shift 2 ;;
    --nice) NICE="$2"; shift 2 ;;
    --peers-only) DO_OURS=0; shift ;;
    --no-peers) DO_PEERS=0; shift ;;
    --only) ONLY="$2"; shift 2 ;;
    --skip) SKIP="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --corpus) CORPUS="$2"; shift 2 ;;
    --parse-bench) PARSE_BENCH="$2"; shift 2 ;;
    --parse-timeout) PARSE_TIMEOUT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --report) REPORT_DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is required: apt-get install time"
WORKLOADS="${ONLY:-$ALL_WORKLOADS}"
PRIORITY="default"
if [[ -n "$NICE" ]]; then
  renice -n "$NICE" -p $$ >/dev/null || die "renice $NICE failed"
  PRIORITY="nice $NICE"
  if [[ -w /proc/$$/autogroup ]] && echo "$NICE" >/proc/$$/autogroup 2>/dev/null; then
    PRIORITY="$PRIORITY, autogroup $(cat /proc/$$/autogroup)"
  fi
fi

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$CACHE/runs/$STAMP"
RESULTS="$WORK/results.tsv"
if [[ -z "$REPORT_DIR" ]]; then
  mkdir -p "$WORK"
  : >"$RESULTS"
fi
[[ -n "$OUT" ]] || OUT="$CACHE/results-$STAMP.md"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

wants() { [[ ",$WORKLOADS," == *",$1,"* ]]; }
skipped() { [[ ",$SKIP," == *",$1:$2,"* ]]; }

# render RUNDIR: the Markdown report of one run directory (also: run.sh --report RUNDIR).
render() {
  echo "## iaclint benchmark"
  echo
  cat "$1/machine.md"
  echo
  python3 - "$1/results.tsv" "$1/files.tsv" "$1/parse_bench.tsv" <<'PY'
import sys, os, re
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
files_note = {}
if os.path.exists(sys.argv[2]):
    for l in open(sys.argv[2]):
        tool, wl, text = l.rstrip("\n").split("\t")
        files_note[(tool, wl)] = text
by = {}
for r in rows:
    r += [""] * (11 - len(r))
    by[(r[0], r[1])] = r

def fnum(s, unit="s"):
    return "–" if s == "" else f"{float(s):.3f} {unit}" if float(s) < 10 else f"{float(s):.1f} {unit}"

print("| workload | tool | files | runs | wall (median) [min–max] | CPU (median) | peak RSS | × iaclint wall | exit | notes |")
print("|---|---|---:|---:|---|---|---:|---:|---|---|")
for r in rows:
    wl, tool, files, n, med, mn, mx, cpu, kb, codes, note = r[:11]
    if med == "":
        print(f"| {wl} | {tool} | {files} | 0 | – | – | – | – | – | {note} |")
        continue
    ours = by.get((wl, "iaclint"))
    ratio = "–"
    if ours and ours[4] and tool != "iaclint" and not tool.startswith("read floor"):
        base = float(ours[4])
        ratio = f"{float(med) / base:.1f}×" if base > 0 else "–"
    spread = f" [{float(mn):.3f}–{float(mx):.3f}]" if int(n) > 1 else ""
    extra = files_note.get((tool, wl), "")
    note = re.sub(r"machine busy: ([0-9.]+) other runnable tasks before the runs", r"busy: \1 other runnable", note)
    notes = "; ".join(x for x in (note, extra) if x)
    print(f"| {wl} | {tool} | {files} | {n} | {fnum(med)}{spread} | {fnum(cpu)} | {int(kb) / 1024:.0f} MiB | {ratio} | {codes} | {notes} |")

def wall(wl, tool):
    r = by.get((wl, tool))
    return float(r[4]) if r and r[4] else None

print()
print("Derived ratios (medians of wall time):")
print()
tools = sorted({r[1] for r in rows if r[0] in ("cfn-1000", "cfn-10000") and not r[1].startswith("read floor")})
for t in tools:
    a, b = wall("cfn-1000", t), wall("cfn-10000", t)
    if a and b:
        print(f"- t(cfn-10000) / t(cfn-1000), {t}: {b / a:.1f} (linear = 10; target for iaclint ≤ 12)")
# Plans of many accounts repeat the same alarms and filters: a quadratic join in the rules
# shows here first (it once turned 10 MB in 0.5 s into 100 MB in 49 s).
a, b = wall("plan-10mb", "iaclint"), wall("plan-100mb", "iaclint")
if a and b:
    print(f"- t(plan-100mb) / t(plan-10mb), iaclint: {b / a:.1f} (linear = 10; target ≤ 12)")
a, b = wall("cfn-dir", "iaclint --jobs 1"), wall("cfn-dir", "iaclint")
if a and b:
    print(f"- cfn-dir, iaclint --jobs 1 / default: {a / b:.2f} (2 cores: ideal 2.0)")
for peer in ("cfn-lint", "cfn-guard"):
    a, b = wall("corpus", peer), wall("corpus", "iaclint")
    if a and b:
        print(f"- corpus, {peer} / iaclint: {a / b:.0f}× (target for cfn-lint ≥ 100×)")
if len(sys.argv) > 3 and sys.argv[3] and os.path.exists(sys.argv[3]):
    import json
    print()
    print("Parse floor (`iaclint_parse_bench`, Google Benchmark, one process per benchmark; "
          "Parse* start from text in memory, ReadFile is the I/O floor):")
    print()
    print("| benchmark | input | files | MB | time per pass (real) | CPU | MB/s | values | failed | peak RSS | status |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for line in open(sys.argv[3]):
        name, status, rss_kb, ms, path = line.rstrip("\n").split("\t")
        fam, inp = name.split("/")[:2]
        b = None
        if os.path.exists(path):
            try:
                runs = [x for x in json.load(open(path)).get("benchmarks", []) if x.get("run_type") != "aggregate"]
                b = runs[0] if runs else None
            except ValueError:
                b = None
        rss = f"{int(rss_kb) / 1024:.0f} MiB" if rss_kb.isdigit() else "–"
        if not b or b.get("error_occurred"):
            why = b.get("error_message", "") if b else ""
            print(f"| {fam} | {inp} | – | – | – | – | – | – | – | {rss} | {status}{'; ' + why if why else ''} (process {int(ms) / 1000:.1f} s) |")
            continue
        unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
        real = b["real_time"] * unit
        cpu = b["cpu_time"] * unit
        mbs = b.get("bytes_per_second", 0) / 1e6
        mbs_text = f"{mbs:.1f}" if mbs >= 1 else f"{mbs:.2g}"
        mb = mbs * real
        files = int(b.get("files", 0))
        values = b.get("values")
        failed = b.get("failed")
        fmt_t = lambda t: (f"{t * 1e6:.0f} µs" if t < 1e-3 else f"{t * 1000:.2f} ms" if t < 0.1
                           else f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s")
        print(f"| {fam} | {inp} | {files} | {mb:.2f} | {fmt_t(real)} | {fmt_t(cpu)} | {mbs_text} | "
              f"{'' if values is None else int(values)} | {'' if failed is None else int(failed)} | {rss} | {status} |")
PY
}

if [[ -n "$REPORT_DIR" ]]; then
  [[ -f "$REPORT_DIR/results.tsv" && -f "$REPORT_DIR/machine.md" ]] || die "$REPORT_DIR is not a run directory"
  render "$REPORT_DIR"
  exit 0
fi

# ---- peers and inputs ------------------------------------------------------------------------
CFN_GUARD=""; CFN_GUARD_VERSION=""; CFN_LINT=""; CFN_LINT_VERSION=""
if [[ "$DO_PEERS" == 1 ]]; then
  eval "$("$HERE/peers.sh" --env)"
fi
TERRAFORM="$(command -v terraform || true)"
if [[ "$DO_OURS" == 1 ]]; then
  [[ -x "$IACLINT" ]] || command -v "$IACLINT" >/dev/null || die "iaclint not found at $IACLINT (build it, or pass --iaclint / --peers-only)"
fi

if [[ ! -f "$DATA/MANIFEST.txt" ]]; then
  log "generating inputs into $DATA"
  python3 "$HERE/gen.py" "$DATA" >&2 || die "gen.py failed"
fi
[[ -d "$CORPUS" ]] && CORPUS="$(cd "$CORPUS" && pwd -P)"
[[ -d "$CORPUS" ]] || { log "corpus $CORPUS not found: skipping the corpus workload"; WORKLOADS="${WORKLOADS//corpus/}"; }

# ---- measurement -----------------------------------------------------------------------------
# Other work on the machine: the mean number of runnable tasks besides this shell, sampled 10
# times over a second between two measurements (field 4 of /proc/loadavg counts the reader).
busy_level() {
  local i=0 sum=0 run
  while (( i < 10 )); do
    read -r _ _ _ run _ </proc/loadavg
    sum=$((sum + ${run%%/*} - 1))
    sleep 0.1
    i=$((i + 1))
  done
  awk -v s="$sum" 'BEGIN{printf "%.1f", s / 10}'
}

# With --wait-quiet SEC, wait up to SEC seconds for the machine to be idle before a measurement.
wait_quiet() {
  local level waited=0
  level="$(busy_level)"
  while [[ "$WAIT_QUIET" -gt 0 ]] && awk -v l="$level" 'BEGIN{exit !(l >= 0.5)}' && (( waited < WAIT_QUIET )); do
    sleep 5
    waited=$((waited + 6))
    level="$(busy_level)"
  done
  echo "$level"
}

# measure WORKLOAD TOOL FILES MODE CMD...   (MODE: ours | peer | floor)
measure() {
  local workload="$1" tool="$2" files="$3" mode="$4"; shift 4
  if skipped "$tool" "$workload"; then
    log "skip $tool on $workload (--skip)"
    printf '%s\t%s\t%s\t0\t\t\t\t\t\t\t%s\n' "$workload" "$tool" "$files" "skipped (--skip)" >>"$RESULTS"
    return
  fi
  local busy; busy="$(wait_quiet)"
  local slug="${workload}__${tool//[^A-Za-z0-9_.-]/_}"
  local tfile="$WORK/$slug.time" outf="$WORK/$slug.out" errf="$WORK/$slug.err"
  local walls=() cpus=() rss=() codes=() note="" i=0 total
  total=$((RUNS + 1))
  while (( i < total )); do
    local t0 t1
    t0="$(date +%s%N)"
    timeout --signal=KILL "$TIMEOUT" /usr/bin/time -f '%e %U %S %M' -o "$tfile" "$@" >"$outf" 2>"$errf"
    local rc=$?
    t1="$(date +%s%N)"
    local last; last="$(tail -n1 "$tfile" 2>/dev/null)"
    local sig=""
    if grep -q "terminated by signal" "$tfile" 2>/dev/null; then
      sig="$(grep -o 'signal [0-9]*' "$tfile" | head -n1)"
    elif (( rc == 137 )) && ! [[ "$last" =~ ^[0-9.]+\ [0-9.]+\ [0-9.]+\ [0-9]+$ ]]; then
      sig="time-out after ${TIMEOUT}s"
    fi
    if [[ -n "$sig" ]] || { [[ "$mode" == ours ]] && (( rc >= 2 )); }; then
      note="FAILED: ${sig:-exit $rc} (see $errf)"
      log "$tool on $workload: $note"
      break
    fi
    read -r wall user sys maxkb <<<"$last"
    # GNU time's %e has 10 ms resolution: take the wall time from the clock instead (this adds
    # the start-up of `timeout` and `time`, about 1-2 ms).
    wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", (b - a) / 1e9}')"
    local cpu; cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')"
    if (( i == 0 )); then
      log "$tool on $workload: warm-up ${wall}s (exit $rc)"
      if awk -v w="$wall" -v s="$SLOW" 'BEGIN{exit !(w > s)}'; then
        walls=("$wall"); cpus=("$cpu"); rss=("$maxkb"); codes=("$rc")
        note="1 run (warm-up > ${SLOW}s)"
        break
      fi
    else
      walls+=("$wall"); cpus+=("$cpu"); rss+=("$maxkb"); codes+=("$rc")
    fi
    i=$((i + 1))
  done
  local n=${#walls[@]}
  if awk -v l="$busy" 'BEGIN{exit !(l >= 0.3)}'; then
    note="${note:+$note; }machine busy: ${busy} other runnable tasks before the runs"
  fi
  if (( n == 0 )); then
    printf '%s\t%s\t%s\t0\t\t\t\t\t\t\t%s\n' "$workload" "$tool" "$files" "$note" >>"$RESULTS"
    return
  fi
  local stats
  stats="$(python3 - "${walls[*]}" "${cpus[*]}" "${rss[*]}" <<'PY'
import statistics, sys
w = [float(x) for x in sys.argv[1].split()]
c = [float(x) for x in sys.argv[2].split()]
r = [int(x) for x in sys.argv[3].split()]
print(f"{statistics.median(w):.3f}\t{min(w):.3f}\t{max(w):.3f}\t{statistics.median(c):.3f}\t{max(r)}")
PY
)"
  local uniq_codes; uniq_codes="$(printf '%s\n' "${codes[@]}" | sort -un | paste -sd/ -)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$tool" "$files" "$n" "$stats" "$uniq_codes" "$note" >>"$RESULTS"
  log "$tool on $workload: median $(cut -f1 <<<"$stats")s over $n run(s)"
}

# Template files of a directory, as cfn-lint and cfn-guard select them.
template_files() {
  find "$1" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) | LC_ALL=C sort
}

# The files of a list that cfn-guard can parse at all (one unparsable file aborts its whole run,
# exit 255): checked one by one, untimed, and cached per list. A one-file list is not checked.
guard_accepts() {
  local list="$1" key
  if [[ "$(wc -l <"$list")" -le 1 ]]; then echo "$list"; return; fi
  key="$(cat "$list" "$GUARD_RULES" | sha256sum | cut -c1-16)"
  local accepted="$CACHE/guard-accepts-$key"
  if [[ ! -f "$accepted" ]]; then
    : >"$accepted.tmp"
    while IFS= read -r f; do
      timeout 120 "$CFN_GUARD" validate -r "$GUARD_RULES" -z -S none -o json -d "$f" >/dev/null 2>&1
      (( $? != 255 )) && printf '%s\n' "$f" >>"$accepted.tmp"
    done <"$list"
    mv "$accepted.tmp" "$accepted"
  fi
  echo "$accepted"
}

floor() {  # the I/O floor: read every byte once (warm page cache)
  local workload="$1" path="$2" n
  n="$(find "$path" -type f | wc -l)"
  measure "$workload" "read floor (cat)" "$n" floor sh -c 'find "$1" -type f -exec cat {} + >/dev/null' sh "$path"
}

ours() {
  local workload="$1" path="$2" n="$3"; shift 3
  [[ "$DO_OURS" == 1 ]] || return 0
  measure "$workload" "iaclint${1:+ $*}" "$n" ours "$IACLINT" check "$@" --format json -o /dev/null "$path"
}

cfn_lint() {  # cfn_lint WORKLOAD LISTFILE
  [[ "$DO_PEERS" == 1 && -n "$CFN_LINT" ]] || return 0
  local workload="$1" list="$2" n
  n="$(wc -l <"$list")"
  local -a files; mapfile -t files <"$list"
  measure "$workload" "cfn-lint" "$n" peer "$CFN_LINT" --format parseable -- "${files[@]}"
  local out="$WORK/${workload}__cfn-lint.out"
  if [[ -f "$out" ]]; then  # files cfn-lint could not parse (E0000) and files with findings
    local bad found
    bad="$(awk -F: '$6 ~ /^E0000$/ {print $1}' "$out" | sort -u | wc -l)"
    found="$(cut -d: -f1 "$out" | sort -u | wc -l)"
    printf 'cfn-lint\t%s\t%s files given, %s not parsed (E0000), %s with findings\n' "$workload" "$n" "$bad" "$found" >>"$WORK/files.tsv"
  fi
}

cfn_guard() {  # cfn_guard WORKLOAD LISTFILE
  [[ "$DO_PEERS" == 1 && -n "$CFN_GUARD" ]] || return 0
  local workload="$1" list="$2" n ok
  n="$(wc -l <"$list")"
  local accepted; accepted="$(guard_accepts "$list")"
  ok="$(wc -l <"$accepted")"
  local -a args=()
  while IFS= read -r f; do args+=(-d "$f"); done <"$accepted"
  measure "$workload" "cfn-guard" "$ok" peer "$CFN_GUARD" validate -r "$GUARD_RULES" -z -S none -o json "${args[@]}"
  if (( n > 1 )); then
    printf 'cfn-guard\t%s\t%s of %s files (%s rejected by its parser, left out: one aborts the run)\n' \
      "$workload" "$ok" "$n" "$((n - ok))" >>"$WORK/files.tsv"
  fi
}

cfn_workload() {  # cfn_workload NAME PATH [dir]
  local name="$1" path="$2"
  wants "$name" || return 0
  [[ -e "$path" ]] || { log "missing $path: skipping $name"; return 0; }
  local list="$WORK/$name.files"
  if [[ -d "$path" ]]; then template_files "$path" >"$list"; else echo "$path" >"$list"; fi
  local n; n="$(wc -l <"$list")"
  log "== $name ($n files)"
  floor "$name" "$path"
  ours "$name" "$path" "$n"
  if [[ "$name" == cfn-dir ]]; then ours "$name" "$path" "$n" --jobs 1; fi
  cfn_guard "$name" "$list"
  cfn_lint "$name" "$list"
}

other_workload() {  # other_workload NAME PATH
  local name="$1" path="$2"
  wants "$name" || return 0
  [[ -e "$path" ]] || { log "missing $path: skipping $name"; return 0; }
  local n; n="$(find "$path" -type f | wc -l)"
  log "== $name ($n files)"
  floor "$name" "$path"
  ours "$name" "$path" "$n"
  # Not a linter: terraform's own HCL parser + formatter, as a speed reference for .tf input.
  if [[ "$name" == tf-* && "$DO_PEERS" == 1 && -n "$TERRAFORM" ]]; then
    measure "$name" "terraform fmt -check (parse only)" "$n" peer \
      env TF_CLI_CONFIG_FILE=/dev/null "$TERRAFORM" fmt -check -recursive "$path"
  fi
}

START=$SECONDS
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
cfn_workload corpus "$CORPUS"
cfn_workload cfn-100 "$DATA/cfn-100.yaml"
cfn_workload cfn-1000 "$DATA/cfn-1000.yaml"
cfn_workload cfn-10000 "$DATA/cfn-10000.yaml"
cfn_workload cfn-dir "$DATA/cfn-dir"
other_workload plan-1mb "$DATA/plan-1mb.json"
other_workload plan-10mb "$DATA/plan-10mb.json"
other_workload plan-100mb "$DATA/plan-100mb.json"
other_workload tf-dir "$DATA/tf-dir"
other_workload tf-10mb "$DATA/tf-10mb.tf"

# Parse floor: each Google Benchmark in its own process (so its peak RSS is its own), under
# GNU time and a time-out (a reader that is quadratic on some input must not stall the run).
PARSE_OUT=""
if [[ -n "$PARSE_BENCH" ]]; then
  log "== parse floor ($PARSE_BENCH)"
  PARSE_OUT="$WORK/parse_bench.tsv"
  : >"$PARSE_OUT"
  IACLINT_BENCH_DATA="$DATA" IACLINT_BENCH_CORPUS="$CORPUS" "$PARSE_BENCH" --benchmark_list_tests \
    >"$WORK/parse_bench.list" 2>"$WORK/parse_bench.err" || log "parse bench: listing failed"
  while IFS= read -r name; do
    [[ -n "$name" ]] || continue
    bench_input="$(cut -d/ -f2 <<<"$name")"
    wants "$bench_input" || continue
    json="$WORK/parse__${name//\//_}.json"
    t0="$(date +%s%N)"
    IACLINT_BENCH_DATA="$DATA" IACLINT_BENCH_CORPUS="$CORPUS" timeout --signal=KILL "$PARSE_TIMEOUT" \
      /usr/bin/time -f '%M' -o "$json.time" "$PARSE_BENCH" --benchmark_filter="^${name}\$" \
      --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json >/dev/null 2>>"$WORK/parse_bench.err"
    rc=$?
    t1="$(date +%s%N)"
    status=ok
    (( rc == 0 )) || status="FAILED (exit $rc)"
    (( rc == 137 )) && status="time-out: killed after ${PARSE_TIMEOUT}s"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$status" "$(tail -n1 "$json.time" 2>/dev/null)" \
      "$(( (t1 - t0) / 1000000 ))" "$json" >>"$PARSE_OUT"
    log "parse floor $name: $status"
  done <"$WORK/parse_bench.list"
fi

# ---- report ----------------------------------------------------------------------------------
machine() {
  local cpu mem
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  mem="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "- Machine: $(nproc) CPUs ($cpu), $mem RAM, kernel $(uname -r), $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); total benchmark time $((SECONDS - START)) s; load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Scheduling: $PRIORITY"
  echo "- Method: 1 warm-up + $RUNS counted runs (median wall, median user+sys CPU, max RSS of the runs, GNU time); commands slower than ${SLOW}s once are run once"
  if [[ "$DO_OURS" == 1 ]]; then
    echo "- iaclint: $IACLINT ($("$IACLINT" --version 2>/dev/null | head -n1 || echo '?'))"
  else
    echo "- iaclint: not run (--peers-only)"
  fi
  [[ -n "$CFN_LINT" ]] && echo "- cfn-lint: $CFN_LINT_VERSION"
  [[ -n "$CFN_GUARD" ]] && echo "- cfn-guard: $CFN_GUARD_VERSION, rules ${GUARD_RULES#"$REPO/"}"
  [[ -n "$TERRAFORM" && "$DO_PEERS" == 1 ]] && echo "- terraform: $("$TERRAFORM" version 2>/dev/null | head -n1) (fmt -check only: a parse-speed reference, not a linter)"
  echo "- Inputs: $DATA (tests/bench/gen.py; sha256 in MANIFEST.txt), corpus $CORPUS"
}

machine >"$WORK/machine.md"
render "$WORK" | tee "$OUT"
log "report: $OUT (raw runs and logs: $WORK)"
if grep -q $'\tFAILED' "$RESULTS" || grep -q 'FAILED' "$RESULTS"; then
  log "some runs FAILED (see the notes column)"
  exit 1
fi
