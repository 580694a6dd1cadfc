#!/usr/bin/env python3
"""Run reference helm over many string inputs: run.py EXPR < cases.json > results.json
cases.json: list of input strings. EXPR is a template expression using $in (the input string)."""
import json, os, subprocess, sys, tempfile, shutil
HELM = os.environ.get("HELM") or subprocess.run([os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../../../shared/tools/reference-helm")], capture_output=True, text=True, check=True).stdout.strip()
def run(expr, inputs, values=None):
    d = tempfile.mkdtemp()
    c = os.path.join(d, "c")
    os.makedirs(os.path.join(c, "templates"))
    os.makedirs(os.path.join(c, "cases"))
    open(os.path.join(c, "Chart.yaml"), "w").write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
    open(os.path.join(c, "values.yaml"), "w").write(values or "")
    for i, s in enumerate(inputs):
        open(os.path.join(c, "cases", "%06d" % i), "wb").write(s.encode("utf-8", "surrogateescape"))
    tpl = ('results:\n{{- range $p, $_ := .Files.Glob "cases/*" }}{{ $in := $.Files.Get $p }}'
           '\n- {{ (' + expr + ') | toString | b64enc | quote }}{{ end }}\n')
    open(os.path.join(c, "templates", "t.yaml"), "w").write(tpl)
    env = dict(os.environ, HOME=d)
    r = subprocess.run([HELM, "template", "r", c], capture_output=True, env=env)
    shutil.rmtree(d)
    out = r.stdout.decode("utf-8", "surrogateescape")
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode())
        sys.exit(1)
    import yaml, base64
    docs = [d for d in yaml.safe_load_all(out) if d]
    return [base64.b64decode(x).decode("utf-8", "surrogateescape") for x in docs[0]["results"]]
if __name__ == "__main__":
    inputs = json.load(sys.stdin)
    vals = open(sys.argv[2]).read() if len(sys.argv) > 2 else None
    json.dump(run(sys.argv[1], inputs, vals), sys.stdout, indent=0, ensure_ascii=False)
