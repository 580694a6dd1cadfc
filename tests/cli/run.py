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
import lib  # noqa: E402

KNOWN = os.path.join(lib.HERE, "known_failures.txt")
FIELDS = ("rc", "out", "err", "files")


def read_known(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


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


def abbreviate(ids, limit=60):
    more = " ... and %d more" % (len(ids) - limit) if len(ids) > limit else ""
    return " ".join(ids[:limit]) + more


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

    failed = sorted(n for n in results if any(expected[n][k] != results[n][k] for k in FIELDS))
    passed = len(results) - len(failed)
    known = read_known(KNOWN)
    known_set = set(known)
    regressions = [n for n in failed if n not in known_set]
    now_passing = sorted(n for n in known_set if n in results and n not in failed)
    shown = 0
    for n in regressions + [n for n in failed if n in known_set]:
        if shown >= a.max_diffs:
            print("... diffs of %d more failures not shown (--max-diffs)" % (len(failed) - shown))
            break
        print("%s %s\n%s" % ("KNOWN" if n in known_set else "FAIL", n, describe(expected[n], results[n])))
        shown += 1
    if stale:
        print("warning: %d cases changed since they were recorded (re-run record.py): %s"
              % (len(stale), " ".join(stale[:20])), file=sys.stderr)
    unknown = sorted(n for n in known_set if n not in results) if not a.cases else []
    if unknown:
        print("warning: known_failures.txt lists cases that do not exist (remove them): " + abbreviate(unknown))
    print("known failures: %d listed, %d still failing, %d now pass" %
          (len(known_set), len([n for n in failed if n in known_set]), len(now_passing)))
    if now_passing and not a.update_known_failures:
        print("now passing (remove from known_failures.txt): " + abbreviate(now_passing))
    if regressions and not a.update_known_failures:
        print("regressions (failing, not in known_failures.txt): " + abbreviate(regressions))
    print("%d passed, %d failed" % (passed, len(failed)))
    if a.update_known_failures:
        keep = [n for n in known if n not in results]
        with open(KNOWN, "w", encoding="utf-8") as f:
            f.write("# CLI cases our helm does not pass yet (names, one a line). Written by\n"
                    "# `run.py --update-known-failures`; remove names as they pass. run.py fails only on others.\n")
            for n in sorted(set(keep + failed)):
                f.write(n + "\n")
        print("wrote %s (%d names)" % (os.path.relpath(KNOWN), len(set(keep + failed))))
        return 0
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
