#!/usr/bin/env python3
"""iaclint against the public corpus (../shared/corpus): detection, parse errors, expected
verdicts, and a report.

Run by ctest (test "corpus"); exits 77 (ctest: skipped) when the corpus is not there.

  run_corpus.py --binary build/analyzer/iaclint --corpus ../shared/corpus [--report FILE]

What it asserts, per category of the corpus (CATEGORIES below):
  * no run crashes: exit status 0, 1 or 2, never a signal (a crashing category is re-run file
    by file to name the culprits);
  * in a category whose formats this build reads ("strict"), every file is detected as one of
    the category's types, or skipped with the tool's own reason and listed in skipped.tsv with
    a reviewer's reason (so a template that stops being detected is caught);
  * every file read as CloudFormation has an IAC0001 parse error exactly when cfn-lint cannot
    parse it (cfnlint-parse.tsv, made by cfnlint_parse.py); a file cfn-lint rejects that
    iaclint skips as "not a template" agrees too (cfn-lint was told it was one);
  * every expectation in expected/*.txt holds (see expected/README.md).
Then it prints the report: files per type, skip reasons, findings per rule, UNKNOWN results per
rule, unresolved values per reason, the slowest files, and the expectation results.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# category -> the input types its files should be read as, and whether this build reads them
# (strict: every file must be detected or listed in skipped.tsv). Flip a category to strict,
# and list its skipped files, when its format lands.
CATEGORIES = {
    "cloudformation": {"types": {"cfn"}, "strict": True},
    "terraform": {"types": {"tf", "tfplan", "scp"}, "strict": False},
    "terraform-plan": {"types": {"tfplan", "tf"}, "strict": False},
    "organizations": {"types": {"lza", "scp", "cfn"}, "strict": False},
}


class Failures:
    def __init__(self):
        self.items = []

    def add(self, what):
        self.items.append(what)


def read_tsv(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition("\t")
            rows[key] = value
    return rows


def run(binary, args, cwd):
    start = time.monotonic()
    p = subprocess.run([binary] + args, cwd=cwd, capture_output=True, text=True)
    return p, time.monotonic() - start


def crashed(p):
    return p.returncode < 0 or p.returncode > 2


def check_category(binary, corpus, category, tmp, failures):
    """Runs iaclint once over a category; returns (json report, traces) or (None, None)."""
    out_json = os.path.join(tmp, category + ".json")
    out_tsv = os.path.join(tmp, category + ".tsv")
    p, seconds = run(binary, ["check", category, "--format", "json=" + out_json,
                              "--debug-inputs", out_tsv, "--fail-on", "never"], corpus)
    if crashed(p):
        failures.add(f"{category}: iaclint exited with {p.returncode}: {p.stderr.strip()[:500]}")
        find_crashing_files(binary, corpus, category, failures)
        return None, None, seconds
    with open(out_json, encoding="utf-8") as f:
        report = json.load(f)
    traces = []
    with open(out_tsv, encoding="utf-8") as f:
        for line in f:
            path, ftype, millis, detail = line.rstrip("\n").split("\t", 3)
            traces.append({"path": path, "type": None if ftype == "-" else ftype,
                           "millis": float(millis), "detail": detail})
    return report, traces, seconds


def find_crashing_files(binary, corpus, category, failures):
    for dirpath, dirnames, filenames in os.walk(os.path.join(corpus, category)):
        dirnames.sort()
        for name in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, name), corpus)
            p, _ = run(binary, ["check", rel, "--format", "json", "--fail-on", "never"], corpus)
            if crashed(p):
                failures.add(f"{rel}: iaclint exited with {p.returncode} on this file alone")


def check_detection(category, traces, skipped_expected, failures, stats):
    spec = CATEGORIES[category]
    for t in traces:
        stats["types"][(category, t["type"] or "skipped")] += 1
        if t["type"] is None:
            stats["skip_reasons"][t["detail"].split(" (")[0]] += 1
        if not spec["strict"]:
            continue
        if t["type"] is None:
            if not t["detail"]:
                failures.add(f"{t['path']}: skipped without a reason")
            if t["path"] not in skipped_expected:
                failures.add(f"{t['path']}: skipped ({t['detail']}), but not listed in "
                             "tests/corpus/skipped.tsv")
        elif t["type"] not in spec["types"]:
            failures.add(f"{t['path']}: detected as {t['type']}, expected one of "
                         f"{sorted(spec['types'])}")
        elif t["path"] in skipped_expected:
            failures.add(f"{t['path']}: listed in skipped.tsv but detected as {t['type']}")


def check_parse_agreement(traces, report, verdicts, failures, stats):
    parse_errors = collections.defaultdict(list)
    for f in report["findings"]:
        if f["rule_id"] == "IAC0001":
            parse_errors[f["file"]].append(f"{f['line']}:{f['column']} {f['message']}")
    for t in traces:
        path = t["path"]
        verdict = verdicts.get(path)
        if t["type"] != "cfn" and not (t["type"] is None and verdict and verdict.startswith("E0000")):
            continue
        if verdict is None:
            failures.add(f"{path}: read as CloudFormation but has no cfn-lint verdict in "
                         "cfnlint-parse.tsv (regenerate it with cfnlint_parse.py)")
            continue
        ours = parse_errors.get(path)
        theirs = verdict.startswith("E0000")
        if t["type"] is None:
            stats["parse"]["cfn-lint rejects, iaclint skips: not a template"] += 1
        elif ours and theirs:
            stats["parse"]["both reject"] += 1
        elif not ours and not theirs:
            stats["parse"]["both parse"] += 1
        elif ours:
            failures.add(f"{path}: iaclint IAC0001 ({ours[0]}) but cfn-lint parses it")
        else:
            failures.add(f"{path}: cfn-lint rejects it ({verdict}) but iaclint reports no IAC0001")


def parse_expectation(path):
    """expected/NAME.txt -> (paths, options, [(outcome, rule, resource, reason, line)])."""
    paths, options, checks = [], [], []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            word, _, rest = line.partition(" ")
            if word == "corpus:":
                paths += rest.split()
            elif word == "options:":
                options += rest.split()
            elif word in ("fail", "pass", "unknown"):
                target, _, reason = rest.strip().partition(" ")
                rule, _, resource = target.partition("[")
                if not reason.strip():
                    raise ValueError(f"{path}:{number}: every expectation needs a reason")
                checks.append((word, rule, resource.rstrip("]"), reason.strip(), number))
            else:
                raise ValueError(f"{path}:{number}: expected 'corpus:', 'options:', "
                                 "'fail', 'pass' or 'unknown'")
    if not paths:
        raise ValueError(f"{path}: the first line must name the corpus path ('corpus: PATH')")
    return paths, options, checks


def actual_outcome(findings, rule, resource):
    hits = [f for f in findings if f["rule_id"] == rule and not f["suppressed"]
            and (not resource or f["resource"] == resource)]
    if any(f.get("status") != "UNKNOWN" for f in hits):
        return "fail", hits
    if hits:
        return "unknown", hits
    return "pass", hits


def check_expectations(binary, corpus, known_rules, failures, stats):
    directory = os.path.join(HERE, "expected")
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        spec = os.path.join(directory, name)
        try:
            paths, options, checks = parse_expectation(spec)
        except ValueError as e:
            failures.add(str(e))
            continue
        missing = [p for p in paths if not os.path.exists(os.path.join(corpus, p))]
        if missing:
            failures.add(f"expected/{name}: corpus path {missing[0]} does not exist")
            continue
        p, _ = run(binary, ["check"] + paths + options + ["--format", "json", "--fail-on",
                                                          "never"], corpus)
        if crashed(p) or p.returncode == 2:
            failures.add(f"expected/{name}: iaclint exited with {p.returncode}: {p.stderr[:300]}")
            continue
        findings = json.loads(p.stdout)["findings"]
        stats["expectation_files"] += 1
        for outcome, rule, resource, reason, number in checks:
            if rule not in known_rules:
                stats["expectations"]["not checked (rule not in this build)"] += 1
                continue
            got, hits = actual_outcome(findings, rule, resource)
            if got == outcome:
                stats["expectations"]["hold"] += 1
                continue
            stats["expectations"]["broken"] += 1
            shown = "; ".join(f"{h['file']}:{h['line']} [{h['resource']}]: {h['message']}"
                              for h in hits[:2])
            failures.add(f"expected/{name}:{number}: {outcome} {rule}"
                         f"{'[' + resource + ']' if resource else ''} ({reason}), but iaclint "
                         f"gives {got}{': ' + shown if shown else ''}")


def unresolved_counts(traces):
    counts = collections.Counter()
    for t in traces:
        if t["type"] is None:
            continue
        for word in t["detail"].split():
            reason, _, n = word.partition("=")
            if n.isdigit():
                counts[reason] += int(n)
    return counts


def print_report(stats, out):
    def section(title, counter, limit=None):
        out.write(f"\n{title}\n")
        for key, n in (counter.most_common(limit) if limit else sorted(counter.items())):
            label = " / ".join(key) if isinstance(key, tuple) else key
            out.write(f"  {n:6d}  {label}\n")
        if not counter:
            out.write("       -\n")

    out.write("iaclint corpus report\n")
    for category, seconds in stats["seconds"].items():
        out.write(f"  {category}: whole-category run {seconds:.2f} s\n")
    section("Files per category and type", stats["types"])
    section("Skipped files per reason", stats["skip_reasons"])
    section("CloudFormation parse verdicts (iaclint IAC0001 vs cfn-lint E0000)", stats["parse"])
    section("Findings per rule (whole-category runs)", stats["rules"])
    section("UNKNOWN results per rule", stats["unknown_rules"])
    section("Unresolved values per reason (Unknown categories; choice = undecided "
            "Fn::If/Condition; existence = resource exists only under a condition)",
            stats["unresolved"])
    out.write("\nSlowest files (read, parse, normalise)\n")
    for millis, path in stats["slowest"][:10]:
        out.write(f"  {millis:9.1f} ms  {path}\n")
    section(f"Expectations ({stats['expectation_files']} files)", stats["expectations"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--report", help="also write the report to this file")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    binary = os.path.abspath(args.binary)
    if not os.path.isdir(corpus):
        print(f"corpus test skipped: no corpus at {corpus}")
        return 77

    failures = Failures()
    stats = {"types": collections.Counter(), "skip_reasons": collections.Counter(),
             "parse": collections.Counter(), "rules": collections.Counter(),
             "unknown_rules": collections.Counter(), "unresolved": collections.Counter(),
             "slowest": [], "seconds": {}, "expectations": collections.Counter(),
             "expectation_files": 0}
    skipped_expected = read_tsv(os.path.join(HERE, "skipped.tsv"))
    verdicts = read_tsv(os.path.join(HERE, "cfnlint-parse.tsv"))
    rules = json.loads(subprocess.run([binary, "rules", "--format", "json"], check=True,
                                      capture_output=True, text=True).stdout)
    known_rules = {r["id"] for r in rules} | {f"IAC000{i}" for i in range(1, 7)}

    with tempfile.TemporaryDirectory() as tmp:
        for category in CATEGORIES:
            if not os.path.isdir(os.path.join(corpus, category)):
                failures.add(f"corpus category {category} is missing")
                continue
            report, traces, seconds = check_category(binary, corpus, category, tmp, failures)
            stats["seconds"][category] = seconds
            if report is None:
                continue
            check_detection(category, traces, skipped_expected, failures, stats)
            check_parse_agreement(traces, report, verdicts, failures, stats)
            for f in report["findings"]:
                stats["rules"][f["rule_id"]] += 1
                if f.get("status") == "UNKNOWN":
                    stats["unknown_rules"][f["rule_id"]] += 1
            stats["unresolved"].update(unresolved_counts(traces))
            stats["slowest"] += [(t["millis"], t["path"]) for t in traces]
        listed = [p for p in skipped_expected if not os.path.exists(os.path.join(corpus, p))]
        for p in listed:
            failures.add(f"skipped.tsv lists {p}, which is not in the corpus")
    stats["slowest"].sort(reverse=True)
    check_expectations(binary, corpus, known_rules, failures, stats)

    print_report(stats, sys.stdout)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            print_report(stats, f)
    if failures.items:
        print(f"\n{len(failures.items)} disagreements:")
        for item in failures.items:
            print("  " + item)
    print("\ncorpus test: " + ("FAILED" if failures.items else "OK"))
    return 1 if failures.items else 0


if __name__ == "__main__":
    sys.exit(main())
