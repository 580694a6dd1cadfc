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
import lib  # noqa: E402
from record import case_hash  # noqa: E402

KNOWN = os.path.join(lib.HERE, "known_failures.txt")


def read_known(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


def write_known(path, ids, header):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for i in sorted(set(ids)):
            f.write(i + "\n")


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


def abbreviate(ids, limit=60):
    more = " ... and %d more" % (len(ids) - limit) if len(ids) > limit else ""
    return " ".join(ids[:limit]) + more


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

    failed = sorted(i for i in results if not same(expected[i], results[i]))
    passed = len(results) - len(failed)
    known = read_known(KNOWN)
    known_set = set(known)
    regressions = [i for i in failed if i not in known_set]
    now_passing = sorted(i for i in known_set if i in results and i not in failed)

    shown = 0
    for i in regressions + [i for i in failed if i in known_set]:
        if shown >= a.max_diffs:
            print("... diffs of %d more failures not shown (--max-diffs)" % (len(failed) - shown))
            break
        tag = "KNOWN" if i in known_set else "FAIL"
        print("%s %s\n%s" % (tag, i, describe(expected[i], results[i])))
        shown += 1
    if stale:
        print("warning: %d cases changed since they were recorded (re-run record.py): %s"
              % (len(stale), " ".join(stale[:20])), file=sys.stderr)
    unknown = sorted(i for i in known_set if i not in results) if not a.groups else []
    if unknown:
        print("warning: known_failures.txt lists ids that do not exist (remove them): " + abbreviate(unknown))
    print("known failures: %d listed, %d still failing, %d now pass" %
          (len(known_set), len([i for i in failed if i in known_set]), len(now_passing)))
    if now_passing and not a.update_known_failures:
        print("now passing (remove from known_failures.txt): " + abbreviate(now_passing))
    if regressions and not a.update_known_failures:
        print("regressions (failing, not in known_failures.txt): " + abbreviate(regressions))
    print("%d passed, %d failed" % (passed, len(failed)))

    if a.update_known_failures:
        ran = set(results)
        keep = [i for i in known if i not in ran]  # entries of groups not run this time
        write_known(KNOWN, keep + failed,
                    "# Conformance cases our helm does not pass yet (ids, one a line). Written by\n"
                    "# `run.py --update-known-failures`; remove ids as they pass. run.py fails only on others.\n")
        print("wrote %s (%d ids)" % (os.path.relpath(KNOWN), len(set(keep + failed))))
        return 0
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
