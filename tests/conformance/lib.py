"""Shared code of the conformance recorder (record.py) and runner (run.py).

A case file tests/conformance/cases/<group>.yaml holds:
  values: values.yaml text of the group chart (optional)
  set:    extra `helm template` arguments of the group chart, e.g. [--set, a=1] (optional)
  files:  {path: text} extra files of the group chart, paths relative to the chart root (optional)
  chart:  Chart.yaml text (optional; default: apiVersion v2, name conf, version 0.1.0, appVersion 1.16.0)
  cases:  {key: case}, where a case is either a template string or a mapping with
          tpl:   the template text
          raw:   true to use the template as the whole file (default: wrapped, see below)
          own:   true to render it in a chart of its own (implied by error/values/set/files/chart)
          error: true when Helm is expected to fail (always rendered alone: one error fails a whole chart)
          values/set/files/chart: as above, for its own chart (files are added to the group's files)

A wrapped case's template T becomes templates/<key>.yaml:
    {{ define "conf.case.<key>" }}T{{ end }}
    out: {{ include "conf.case.<key>" . | toJson }}
so any output, whatever its shape, is a valid YAML document and is recorded exactly (as JSON).
A raw case must itself render to YAML mappings (Helm parses every rendered manifest), and the names it
defines must be unique in its group (all templates of a chart share one namespace).

Case ids are <group>/<key>. The expected result of a case is {"out": ..., "err": ..., "rc": ...}: for a case
rendered in the group chart, "out" is the part of stdout under its `# Source:` header(s) and err/rc are those of
the group run; for a case rendered alone, "out" is the whole stdout. "hash" fingerprints the case's inputs, so
run.py can warn about cases edited since they were recorded.

Every chart is written to a fresh temporary directory and rendered from there as
`helm template rel conf -n ns --kube-version 1.33.0 ARGS` (so `set` may name chart files as conf/<file>), with
an empty HOME, TZ=UTC and LC_ALL=C.
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
EXPECTED_DIR = os.path.join(HERE, "expected")
CHART_NAME = "conf"
DEFAULT_CHART_YAML = ("apiVersion: v2\nname: conf\nversion: 0.1.0\nappVersion: \"1.16.0\"\n"
                      "description: conformance cases\ntype: application\n")
BASE_ARGS = ["template", "rel", "{chart}", "-n", "ns", "--kube-version", "1.33.0"]
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
OWN_KEYS = ("error", "values", "set", "files", "chart", "own")


class Case:
    def __init__(self, group, key, spec):
        if not KEY_RE.match(key):
            raise SystemExit("bad case key %r in group %s" % (key, group.name))
        if isinstance(spec, str):
            spec = {"tpl": spec}
        unknown = set(spec) - {"tpl", "raw"} - set(OWN_KEYS)
        if unknown or "tpl" not in spec:
            raise SystemExit("case %s/%s: bad fields %s" % (group.name, key, sorted(unknown) or "(no tpl)"))
        self.group = group
        self.key = key
        self.id = "%s/%s" % (group.name, key)
        self.tpl = spec["tpl"]
        self.raw = bool(spec.get("raw"))
        self.error = bool(spec.get("error"))
        self.own = any(k in spec for k in OWN_KEYS if k != "own") or bool(spec.get("own"))
        self.values = spec.get("values", group.values)
        self.set = list(group.set) + list(spec.get("set", []))
        self.files = dict(group.files)
        self.files.update(spec.get("files", {}))
        self.chart = spec.get("chart", group.chart)

    @property
    def template_path(self):
        return "templates/%s.yaml" % self.key

    @property
    def source(self):
        return "%s/%s" % (CHART_NAME, self.template_path)

    def template_text(self):
        if self.raw:
            return self.tpl
        name = "conf.case." + self.key  # every template of a chart shares one namespace of defines
        return ('{{ define "%s" }}%s{{ end }}\nout: {{ include "%s" . | toJson }}\n' % (name, self.tpl, name))


class Group:
    def __init__(self, name, data):
        self.name = name
        self.values = data.get("values", "")
        self.set = data.get("set", [])
        self.files = data.get("files", {}) or {}
        self.chart = data.get("chart", DEFAULT_CHART_YAML)
        self.cases = [Case(self, k, v) for k, v in (data.get("cases") or {}).items()]

    @property
    def grouped(self):
        return [c for c in self.cases if not c.own]

    @property
    def alone(self):
        return [c for c in self.cases if c.own]


def load_groups(only=None):
    groups = []
    for fn in sorted(os.listdir(CASES_DIR)):
        if not fn.endswith(".yaml"):
            continue
        name = fn[:-5]
        if only and name not in only:
            continue
        with open(os.path.join(CASES_DIR, fn), encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        groups.append(Group(name, data))
    ids = [c.id for g in groups for c in g.cases]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate case ids")
    return groups


def write_chart(root, chart_yaml, values, files, templates):
    """Writes a chart directory `root` (named conf) and returns its path."""
    d = os.path.join(root, CHART_NAME)
    os.makedirs(os.path.join(d, "templates"))
    entries = {"Chart.yaml": chart_yaml, "values.yaml": values}
    entries.update(files)
    entries.update(templates)
    for rel, text in sorted(entries.items()):
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return d


def helm_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELM_") and k != "KUBECONFIG"}
    env.update({"HOME": home, "TZ": "UTC", "LC_ALL": "C", "XDG_CACHE_HOME": os.path.join(home, ".cache"),
                "XDG_CONFIG_HOME": os.path.join(home, ".config"), "XDG_DATA_HOME": os.path.join(home, ".data")})
    return env


def run_helm(helm, chart_dir, extra_args, home, timeout=120):
    """Runs `helm template` in the chart's parent directory with the chart given as a relative path, so that
    messages naming paths are the same on every machine; extra args may name chart files as conf/<file>."""
    rel = os.path.basename(chart_dir)
    args = [helm] + [a.replace("{chart}", rel) for a in BASE_ARGS] + list(extra_args)
    try:
        p = subprocess.run(args, capture_output=True, env=helm_env(home), timeout=timeout,
                           cwd=os.path.dirname(chart_dir))
        return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), p.returncode
    except subprocess.TimeoutExpired:
        return "", "timeout after %ds\n" % timeout, -1


_SOURCE_RE = re.compile(r"^---\n# Source: (.*)\n", re.M)


def split_sources(stdout):
    """Maps each `# Source:` path to the concatenation of its blocks (header included), in stdout order."""
    out = {}
    starts = list(_SOURCE_RE.finditer(stdout))
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(stdout)
        # Helm trims the trailing newlines of the last document only: normalize so that a case's block does not
        # depend on its position in the group.
        out[m.group(1)] = out.get(m.group(1), "") + stdout[m.start():end].rstrip("\n") + "\n"
    return out


def render_group(helm, group, cases, workdir):
    """Renders `cases` together in the group's chart; returns {case id: result}."""
    root = tempfile.mkdtemp(dir=workdir)
    d = write_chart(root, group.chart, group.values, group.files,
                    {c.template_path: c.template_text() for c in cases})
    stdout, stderr, rc = run_helm(helm, d, group.set, root)
    blocks = split_sources(stdout)
    res = {c.id: {"out": blocks.get(c.source, ""), "err": stderr, "rc": rc} for c in cases}
    shutil.rmtree(root, ignore_errors=True)
    return res


def render_alone(helm, case, workdir, whole_stdout=True):
    root = tempfile.mkdtemp(dir=workdir)
    d = write_chart(root, case.chart, case.values, case.files, {case.template_path: case.template_text()})
    stdout, stderr, rc = run_helm(helm, d, case.set, root)
    shutil.rmtree(root, ignore_errors=True)
    out = stdout if whole_stdout else split_sources(stdout).get(case.source, "")
    return {case.id: {"out": out, "err": stderr, "rc": rc}}


def parallel(jobs, workers):
    """Runs callables concurrently; returns the merged dicts they return."""
    merged = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as ex:
        for r in ex.map(lambda f: f(), jobs):
            merged.update(r)
    return merged


def expected_path(group_name):
    return os.path.join(EXPECTED_DIR, group_name + ".json")


def dump_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)
