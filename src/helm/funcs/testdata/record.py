#!/usr/bin/env python3
"""Records funcs goldens from the reference helm: every line of cases.txt is a template snippet executed
as a named template ("x") with the chart's values; its output (or the innermost error text) goes into
golden.jsonl (cases_NAME.txt goes to golden_NAME.jsonl). Usage: record.py [cases-file]; $HELM overrides
the reference helm path."""
import base64, concurrent.futures, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
HELM = os.environ.get("HELM", os.path.expanduser("~/.cache/helm-reference/v4.2.4/helm"))
CASES = sys.argv[1] if len(sys.argv) > 1 else "cases.txt"
GOLDEN = os.path.basename(CASES).replace("cases", "golden").replace(".txt", ".jsonl")


def render(case):
    with tempfile.TemporaryDirectory() as d:
        c = os.path.join(d, "c")
        os.makedirs(os.path.join(c, "templates"))
        open(os.path.join(c, "Chart.yaml"), "w").write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
        open(os.path.join(c, "values.yaml"), "w").write(open(os.path.join(HERE, "values.yaml")).read())
        open(os.path.join(c, "templates", "_h.tpl"), "w").write('{{ define "x" }}' + case + "{{ end }}")
        open(os.path.join(c, "templates", "t.yaml"), "w").write('v: {{ include "x" . | b64enc | quote }}\n')
        env = dict(os.environ, HOME=d, TZ="UTC")
        p = subprocess.run([HELM, "template", c], capture_output=True, text=True, env=env)
        if p.returncode == 0:
            m = re.search(r'^v: "(.*)"$', p.stdout, re.M)
            raw = base64.b64decode(m.group(1))
            try:
                return {"t": case, "out": raw.decode("utf-8")}
            except UnicodeDecodeError:
                return {"t": case, "out_b64": m.group(1)}
        # Helm 4 prints nested template errors over several lines; keep the innermost message, one line.
        err = p.stderr.split("\n\nUse --debug")[0].removeprefix("Error: ")
        i = err.rfind('executing "x" at <')
        if i >= 0:
            j = err.find(">:", i)
            err = " ".join(l.strip() for l in err[j + 2:].split("\n") if l.strip())
        return {"t": case, "err": err}


def main():
    cases = [l.rstrip("\n") for l in open(os.path.join(HERE, CASES)) if l.strip() and not l.startswith("#")]
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        results = list(ex.map(render, cases))
    with open(os.path.join(HERE, GOLDEN), "w") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(results)} cases, {sum('err' in r for r in results)} errors")


main()
