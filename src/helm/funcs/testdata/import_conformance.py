#!/usr/bin/env python3
"""Extracts the Sprig and Helm-function cases of tests/conformance (outputs recorded there from real Helm by
its record.py) into conformance.jsonl for funcs_test: wrapped group cases whose template only needs .Values.
Each line: {"id", "t", "out", "values", "set"}."""
import json, os, re, sys
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CONF = os.path.join(HERE, "..", "..", "..", "..", "tests", "conformance")
GROUPS = ["sprig_conv", "sprig_dates", "sprig_dicts", "sprig_encoding", "sprig_lists", "sprig_math", "sprig_misc",
          "sprig_regex_semver", "sprig_strings", "helm_funcs"]
# Engine-bound or context-bound names: these cases belong to the engine's tests.
ENGINE = re.compile(r"\b(include|tpl|required|lookup|fail|getHostByName)\b|\.(Release|Chart|Capabilities|Files|Template)\b|\$\.")

out = []
for g in GROUPS:
    spec = yaml.safe_load(open(os.path.join(CONF, "cases", g + ".yaml")))
    exp = json.load(open(os.path.join(CONF, "expected", g + ".json")))
    for key, c in spec["cases"].items():
        if isinstance(c, str):
            c = {"tpl": c}
        if c.get("raw") or any(k in c for k in ("error", "values", "set", "files", "chart", "own")):
            continue
        if ENGINE.search(c["tpl"]):
            continue
        e = exp.get(g + "/" + key)
        if not e or e["rc"] != 0:
            continue
        m = re.search(r"^out: (.*)$", e["out"], re.M)
        if not m:
            continue
        text = json.loads(m.group(1))
        out.append({"id": g + "/" + key, "t": c["tpl"], "out": text, "values": spec.get("values", ""),
                    "set": spec.get("set", [])})
with open(os.path.join(HERE, "conformance.jsonl"), "w") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(out), "cases")
