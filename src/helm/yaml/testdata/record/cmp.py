#!/usr/bin/env python3
# cmp.py MODE EXPR cases.json  -> compares reference helm with ytool
import json, subprocess, sys
sys.path.insert(0, "/tmp/yh")
import run as R
mode, expr, path = sys.argv[1], sys.argv[2], sys.argv[3]
cases = json.load(open(path))
ref = R.run(expr, cases)
mine = json.loads(subprocess.run(["/tmp/ytool/ytool", mode], input=json.dumps(cases).encode(), capture_output=True).stdout)
bad = 0
for c, a, b in zip(cases, ref, mine):
    if a != b:
        bad += 1
        print("CASE:", repr(c)); print("  ref :", repr(a)); print("  mine:", repr(b))
print(f"{len(cases)-bad}/{len(cases)} match")
if len(sys.argv) > 4:
    json.dump([{"in": c, "out": a} for c, a in zip(cases, ref)], open(sys.argv[4], "w"), ensure_ascii=False, indent=0)
