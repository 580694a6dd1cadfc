#!/usr/bin/env python3
"""Records the expected results of the conformance cases with the reference (Go) Helm.

Usage: record.py [--helm PATH] [--jobs N] [GROUP ...]
Without --helm it uses ../shared/tools/reference-helm (relative to the repository root). Writes
expected/<group>.json (sorted, stable: re-recording gives identical files). Never edit those files by hand.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402

REPO = os.path.abspath(os.path.join(lib.HERE, "..", ".."))


def reference_helm():
    tool = os.path.join(REPO, "..", "shared", "tools", "reference-helm")
    return subprocess.run([tool], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]


def case_hash(case):
    blob = json.dumps([case.template_text(), case.values, case.set, sorted(case.files.items()), case.chart,
                       case.own, case.error], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("groups", nargs="*")
    a = ap.parse_args()
    helm = a.helm or reference_helm()
    groups = lib.load_groups(set(a.groups) or None)
    problems = 0
    with tempfile.TemporaryDirectory(prefix="conf-record-") as work:
        for g in groups:
            jobs = []
            if g.grouped:
                jobs.append(lambda g=g: lib.render_group(helm, g, g.grouped, work))
            for c in g.alone:
                jobs.append(lambda c=c: lib.render_alone(helm, c, work))
            results = lib.parallel(jobs, a.jobs)
            if g.grouped and results[g.grouped[0].id]["rc"] != 0:
                # Find the culprits: render each grouped case alone.
                alone = lib.parallel([lambda c=c: lib.render_alone(helm, c, work) for c in g.grouped], a.jobs)
                for c in g.grouped:
                    if alone[c.id]["rc"] != 0:
                        print("GROUP-BREAKER %s:\n%s" % (c.id, alone[c.id]["err"][:400]), file=sys.stderr)
            broken = bool(g.grouped) and results[g.grouped[0].id]["rc"] != 0
            if broken:
                problems += 1
            for c in g.cases:
                r = results[c.id]
                if broken and not c.own:
                    r["hash"] = case_hash(c)
                    continue
                r["hash"] = case_hash(c)
                if (r["rc"] != 0) != c.error:
                    problems += 1
                    print("UNEXPECTED %s: rc=%d\n%s" % (c.id, r["rc"], r["err"][:600]), file=sys.stderr)
                elif not c.error and not c.own and not r["out"]:
                    print("note: %s rendered nothing" % c.id, file=sys.stderr)
            lib.dump_json(lib.expected_path(g.name), {c.id: results[c.id] for c in g.cases})
            print("%s: %d cases" % (g.name, len(g.cases)))
    total = sum(len(g.cases) for g in groups)
    print("recorded %d cases in %d groups, %d unexpected" % (total, len(groups), problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
