#!/usr/bin/env python3
"""Records `helm template` of every chart variant in ../shared/charts/MANIFEST.json with the reference (Go) Helm.

Usage: record.py [--helm PATH] [--jobs N] [CHART or CHART/VARIANT ...]
Writes expected/<chart>/<variant>.out, .err and .rc. Never edit those files by hand.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402


def reference_helm():
    tool = os.path.join(lib.REPO, "..", "shared", "tools", "reference-helm")
    return subprocess.run([tool], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("only", nargs="*")
    a = ap.parse_args()
    helm = a.helm or reference_helm()
    vs = lib.variants(set(a.only) or None)
    results = lib.run_all(helm, vs, a.jobs)
    total = 0
    for v in vs:
        stdout, stderr, rc = results[v.id]
        out, err, rcp = v.expected_paths()
        os.makedirs(os.path.dirname(out), exist_ok=True)
        for path, data in ((out, stdout), (err, stderr), (rcp, b"%d\n" % rc)):
            with open(path, "wb") as f:
                f.write(data)
        total += len(stdout) + len(stderr)
        print("%-50s rc=%d out=%7d bytes%s" % (v.id, rc, len(stdout), "  err: " + stderr.decode()[:200].strip()
                                                     if stderr else ""))
    print("recorded %d variants, %.1f MB" % (len(vs), total / 1e6))


if __name__ == "__main__":
    main()
