#!/usr/bin/env python3
"""Renders every chart variant with our helm and compares stdout, stderr and exit status with real Helm's
recordings (expected/), byte for byte.

Usage: run.py --helm build/helm [--jobs N] [--max-diffs N] [--update-known-failures] [CHART or CHART/VARIANT ...]
Prints a diff per failure (truncated), then the line "N passed, N failed". Ids (<chart>/<variant>) listed in
known_failures.txt may fail; the exit status is non-zero only when another one fails (a regression) or the binary
is missing. --update-known-failures rewrites known_failures.txt from this run's failures.
"""
import argparse
import difflib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import known_failures  # noqa: E402
import lib  # noqa: E402

KNOWN = os.path.join(lib.HERE, "known_failures.txt")


def describe(want, got, limit=30):
    lines = []
    names = ("stdout", "stderr")
    for i, name in enumerate(names):
        if want[i] == got[i]:
            continue
        a = want[i].decode("utf-8", "replace").splitlines(True)
        b = got[i].decode("utf-8", "replace").splitlines(True)
        d = list(difflib.unified_diff(a, b, "want " + name, "got " + name, n=1))
        lines.extend("  " + ln.rstrip("\n") for ln in d[:limit])
        if len(d) > limit:
            lines.append("  ... (%d more diff lines in %s)" % (len(d) - limit, name))
    if want[2] != got[2]:
        lines.append("  exit status: want %d, got %d" % (want[2], got[2]))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", default="build/helm")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-diffs", type=int, default=20)
    ap.add_argument("--update-known-failures", action="store_true")
    ap.add_argument("only", nargs="*")
    a = ap.parse_args()
    helm = os.path.abspath(a.helm)
    if not (os.path.isfile(helm) and os.access(helm, os.X_OK)):
        print("charts: %s does not exist or is not executable; build it first (scripts/build)" % a.helm,
              file=sys.stderr)
        return 2
    vs = []
    expected = {}
    for v in lib.variants(set(a.only) or None):
        e = lib.read_expected(v)
        if e is None:
            print("warning: %s has no recording (run record.py)" % v.id, file=sys.stderr)
            continue
        expected[v.id] = e
        vs.append(v)
    got = lib.run_all(helm, vs, a.jobs)
    failed = [i for i in got if got[i] != expected[i]]
    return known_failures.conclude(
        KNOWN, got, failed, lambda i: describe(expected[i], got[i]),
        "# Chart variants our helm does not render identically yet (<chart>/<variant>, one a line).\n"
        "# Written by `run.py --update-known-failures`; remove ids as they pass. run.py fails only on\n"
        "# others.\n",
        update=a.update_known_failures, max_diffs=a.max_diffs, partial=bool(a.only))


if __name__ == "__main__":
    sys.exit(main())
