#!/usr/bin/env python3
"""Runs the CLI cases (cases.txt) against our helm and compares with real Helm's recorded results, byte for byte.

Usage: run.py --helm build/helm [--jobs N] [--max-diffs N] [--update-known-failures] [CASE ...]
Prints a diff per failure (truncated), then the line "N passed, N failed". Case names listed in
known_failures.txt may fail; the exit status is non-zero only when a case NOT listed there fails (a regression)
or the binary is missing. --update-known-failures rewrites known_failures.txt from this run's failures.
"""
import argparse
import difflib
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import known_failures  # noqa: E402
import lib  # noqa: E402

KNOWN = os.path.join(lib.HERE, "known_failures.txt")
FIELDS = ("rc", "out", "err", "files")


def describe(want, got, limit=40):
    lines = []
    for field in FIELDS:
        if want[field] == got[field]:
            continue
        if field == "rc":
            lines.append("  exit status: want %s, got %s" % (want["rc"], got["rc"]))
            continue
        w, g = want[field], got[field]
        w = [x + "\n" for x in w] if isinstance(w, list) else w.splitlines(True)
        g = [x + "\n" for x in g] if isinstance(g, list) else g.splitlines(True)
        d = list(difflib.unified_diff(w, g, "want " + field, "got " + field, n=1))
        lines.extend("  " + ln.rstrip("\n") for ln in d)
    if len(lines) > limit:
        lines = lines[:limit] + ["  ... (%d more lines)" % (len(lines) - limit)]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", default="build/helm")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-diffs", type=int, default=40)
    ap.add_argument("--update-known-failures", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    helm = os.path.abspath(a.helm)
    if not (os.path.isfile(helm) and os.access(helm, os.X_OK)):
        print("cli: %s does not exist or is not executable; build it first (scripts/build)" % a.helm,
              file=sys.stderr)
        return 2
    with open(lib.EXPECTED, encoding="utf-8") as f:
        expected = json.load(f)
    cases = [c for c in lib.load_cases() if not a.cases or c[0] in a.cases]
    stale = [n for n, args in cases if n in expected and expected[n]["args"] != args]
    for n, _ in cases:
        if n not in expected:
            print("warning: %s has no recorded result (run record.py)" % n, file=sys.stderr)
    cases = [c for c in cases if c[0] in expected]
    with tempfile.TemporaryDirectory(prefix="cli-run-") as work:
        results = lib.run_all(helm, cases, work, a.jobs)

    failed = [n for n in results if any(expected[n][k] != results[n][k] for k in FIELDS)]
    if stale:
        print("warning: %d cases changed since they were recorded (re-run record.py): %s"
              % (len(stale), " ".join(stale[:20])), file=sys.stderr)
    return known_failures.conclude(
        KNOWN, results, failed, lambda n: describe(expected[n], results[n]),
        "# CLI cases our helm does not pass yet (names, one a line). Written by\n"
        "# `run.py --update-known-failures`; remove names as they pass. run.py fails only on others.\n",
        update=a.update_known_failures, max_diffs=a.max_diffs, partial=bool(a.cases))


if __name__ == "__main__":
    sys.exit(main())
