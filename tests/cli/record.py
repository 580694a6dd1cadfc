#!/usr/bin/env python3
"""Records the expected results of the CLI cases (cases.txt) with the reference (Go) Helm.

Usage: record.py [--helm PATH] [--jobs N]
Without --helm it uses ../shared/tools/reference-helm (relative to the repository root). Writes
expected.json (sorted, stable). Never edit that file by hand.
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402


def reference_helm():
    tool = os.path.join(lib.REPO, "..", "shared", "tools", "reference-helm")
    return subprocess.run([tool], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    helm = a.helm or reference_helm()
    cases = lib.load_cases()
    with tempfile.TemporaryDirectory(prefix="cli-record-") as work:
        results = lib.run_all(helm, cases, work, a.jobs)
    for name, args in cases:
        results[name]["args"] = args
    lib.dump_json(lib.EXPECTED, results)
    print("recorded %d cases" % len(cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
