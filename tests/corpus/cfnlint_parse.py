#!/usr/bin/env python3
"""Records cfn-lint's parse verdict for every YAML, JSON and .template file of the corpus.

The corpus test (tests/corpus/run_corpus.py) compares iaclint's IAC0001 parse errors on every
file it reads as CloudFormation with this list, so CI needs no cfn-lint. Regenerate after the corpus or cfn-lint changes:

    python3 tests/corpus/cfnlint_parse.py ../shared/corpus > tests/corpus/cfnlint-parse.tsv

A verdict is what `cfn-lint FILE` decides before any rule runs: the file either decodes to a
mapping ("parses") or cfn-lint reports E0000 (its parse error) with line, column and message.
Only cfn-lint's own decoder is used (cfnlint.decode.decode plus the runner's "Template needs to
be an object" check), so the verdict is exactly the one its command line gives for E0000.
"""
import os
import sys

import cfnlint
from cfnlint.decode import decode


def verdict(path):
    template, matches = decode(path)
    errors = [m for m in matches if m.rule.id == "E0000"]
    if errors:
        m = errors[0]
        msg = " ".join(str(m.message).split())
        return f"E0000 {m.linenumber}:{m.columnnumber} {msg}"
    if matches:  # not a parse error, but cfn-lint stopped anyway
        m = matches[0]
        return f"{m.rule.id} {' '.join(str(m.message).split())}"
    if not isinstance(template, dict):
        return "E0000 1:1 Template needs to be an object."
    return "parses"


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
    paths = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        for name in filenames:
            if os.path.splitext(name)[1] in (".yaml", ".yml", ".json", ".template"):
                paths.append(os.path.relpath(os.path.join(dirpath, name), corpus))
    print(f"# cfn-lint {cfnlint.version.__version__} parse verdicts (tests/corpus/cfnlint_parse.py)")
    for rel in sorted(paths):
        print(f"{rel}\t{verdict(os.path.join(corpus, rel))}")


if __name__ == "__main__":
    main()
