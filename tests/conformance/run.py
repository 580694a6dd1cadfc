#!/usr/bin/env python3
"""Runs the conformance cases against our helm and compares with the recorded results of real Helm, byte for byte.

Usage: run.py --helm build/helm [--jobs N] [--max-diffs N] [--update-known-failures] [GROUP ...]
Prints a diff per failure (truncated), then the line "N passed, N failed". Case ids listed in
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
from record import case_hash  # noqa: E402

KNOWN = os.path.join(lib.HERE, "known_failures.txt")


def describe(want, got, limit=40):
    lines = []
    for field in ("rc", "out", "err"):
        if want[field] == got[field]:
            continue
        if field == "rc":
            lines.append("  exit status: want %s, got %s" % (want["rc"], got["rc"]))
            continue
        d = list(difflib.unified_diff(str(want[field]).splitlines(True), str(got[field]).splitlines(True),
                                      "want " + field, "got " + field, n=1))
        lines.extend("  " + ln.rstrip("\n") for ln in d)
    if len(lines) > limit:
        lines = lines[:limit] + ["  ... (%d more lines)" % (len(lines) - limit)]
    return "\n".join(lines)


def same(want, got):
    return all(want[k] == got[k] for k in ("out", "err", "rc"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", default="build/helm")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-diffs", type=int, default=40)
    ap.add_argument("--update-known-failures", action="store_true")
    ap.add_argument("groups", nargs="*")
    a = ap.parse_args()
    helm = os.path.abspath(a.helm)
    if not (os.path.isfile(helm) and os.access(helm, os.X_OK)):
        print("conformance: %s does not exist or is not executable; build it first (scripts/build)" % a.helm,
              file=sys.stderr)
        return 2

    groups = lib.load_groups(set(a.groups) or None)
    results, expected, stale = {}, {}, []
    with tempfile.TemporaryDirectory(prefix="conf-run-") as work:
        for g in groups:
            path = lib.expected_path(g.name)
            exp = {}
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    exp = json.load(f)
            recorded = [c for c in g.cases if c.id in exp]
            for c in g.cases:
                if c.id not in exp:
                    print("warning: %s has no recorded result (run record.py)" % c.id, file=sys.stderr)
                elif exp[c.id].get("hash") != case_hash(c):
                    stale.append(c.id)
            expected.update({c.id: exp[c.id] for c in recorded})
            grouped = [c for c in recorded if not c.own]
            got = {}
            if grouped:
                got = lib.render_group(helm, g, grouped, work)
                first = exp[grouped[0].id]
                if any(r["rc"] != first["rc"] or r["err"] != first["err"] for r in got.values()):
                    # One failing template fails the whole chart, and stderr is the chart's: render each case
                    # alone to attribute results.
                    got = lib.parallel([lambda c=c: lib.render_alone(helm, c, work, whole_stdout=False)
                                        for c in grouped], a.jobs)
            got.update(lib.parallel([lambda c=c: lib.render_alone(helm, c, work)
                                     for c in recorded if c.own], a.jobs))
            results.update(got)

    failed = [i for i in results if not same(expected[i], results[i])]
    if stale:
        print("warning: %d cases changed since they were recorded (re-run record.py): %s"
              % (len(stale), " ".join(stale[:20])), file=sys.stderr)
    return known_failures.conclude(
        KNOWN, results, failed, lambda i: describe(expected[i], results[i]),
        "# Conformance cases our helm does not pass yet (ids, one a line). Written by\n"
        "# `run.py --update-known-failures`; remove ids as they pass. run.py fails only on others.\n",
        update=a.update_known_failures, max_diffs=a.max_diffs, partial=bool(a.groups))


if __name__ == "__main__":
    sys.exit(main())
