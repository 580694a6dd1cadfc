#!/usr/bin/env python3
"""Records the repository cases' results with the reference helm into expected.json.

Usage: record.py [--helm PATH] [CASE ...]   (default helm: what ../shared/tools/reference-helm prints)
Never record with our own build: the expectations must come from real Helm v4.2.4.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    reference = os.path.join(lib.HERE, "..", "..", "..", "shared", "tools", "reference-helm")
    helm = a.helm or subprocess.run([reference], capture_output=True, text=True, check=True).stdout.strip()
    exp = lib.load_expected()
    with lib.Servers():
        for cid in a.cases or sorted(lib.CASES):
            exp[cid] = lib.run_case(helm, cid)
    exp = {k: v for k, v in exp.items() if k in lib.CASES}
    with open(lib.EXPECTED, "w", encoding="utf-8") as f:
        json.dump(exp, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("recorded %d cases" % len(exp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
