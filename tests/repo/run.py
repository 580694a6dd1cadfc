#!/usr/bin/env python3
"""Runs the chart-repository cases (helm repo add/list/update/remove/index, helm search repo) against our helm
and compares with the results recorded from real Helm by record.py, byte for byte.

Usage: run.py --helm build/helm [--jobs N] [--update-known-failures] [CASE ...]
Starts loopback servers on 127.0.0.1:18879/18880 for the run (see lib.py) and stops them at the end.
Prints a diff per failure, then "N passed, N failed". Exits non-zero only when a case not listed in
known_failures.txt fails, or the binary is missing.
"""
import argparse
import concurrent.futures
import difflib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import known_failures  # noqa: E402
import lib  # noqa: E402

KNOWN = os.path.join(lib.HERE, "known_failures.txt")


def diff_text(name, want, got):
    if want == got:
        return []
    if not isinstance(want, str) or not isinstance(got, str):
        return ["  %s: want %r, got %r" % (name, want, got)]
    return ["  " + ln.rstrip("\n") for ln in difflib.unified_diff(
        want.splitlines(True), got.splitlines(True), "want " + name, "got " + name, n=1)]


def describe(want, got, limit=40):
    lines = []
    if len(want["steps"]) != len(got["steps"]):
        lines.append("  step count: want %d, got %d" % (len(want["steps"]), len(got["steps"])))
    for n, (w, g) in enumerate(zip(want["steps"], got["steps"])):
        for field in ("rc", "out", "err"):
            lines += diff_text("step %d %s" % (n + 1, field), w[field], g[field])
    for rel in sorted(set(want["files"]) | set(got["files"])):
        lines += diff_text(rel, want["files"].get(rel), got["files"].get(rel))
    lines += diff_text("cache listing", "\n".join(want["listing"]) + "\n", "\n".join(got["listing"]) + "\n")
    if len(lines) > limit:
        lines = lines[:limit] + ["  ... (%d more lines)" % (len(lines) - limit)]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", default="build/helm")
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--update-known-failures", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    helm = os.path.abspath(a.helm)
    if not (os.path.isfile(helm) and os.access(helm, os.X_OK)):
        print("repo: %s does not exist or is not executable; build it first (scripts/build)" % a.helm,
              file=sys.stderr)
        return 2
    expected = lib.load_expected()
    ids = a.cases or sorted(lib.CASES)
    missing = [i for i in ids if i not in expected]
    for i in missing:
        print("warning: %s has no recorded result (run record.py)" % i, file=sys.stderr)
    ids = [i for i in ids if i in expected]
    with lib.Servers():
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
            results = dict(zip(ids, pool.map(lambda i: lib.run_case(helm, i), ids)))
    failed = [i for i in ids if results[i] != expected[i]]
    return known_failures.conclude(
        KNOWN, results, failed, lambda i: describe(expected[i], results[i]),
        "# Repository cases our helm does not pass yet (ids, one a line). Written by\n"
        "# `run.py --update-known-failures`; remove ids as they pass. run.py fails only on others.\n",
        update=a.update_known_failures, partial=bool(a.cases), exists=lambda i: i in lib.CASES)


if __name__ == "__main__":
    sys.exit(main())
