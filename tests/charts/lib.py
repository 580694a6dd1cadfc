"""Shared code of the chart golden recorder (record.py) and runner (run.py).

The charts live in ../shared/charts (a sibling of the repository; never copied into it). Its MANIFEST.json
lists each chart's render variants: the `helm template` arguments are base_args with {chart} replaced by the
chart's directory, followed by the variant's args (also with {chart} replaced). Commands run from the
repository root with the chart given as the relative path ../shared/charts/<dir>, so that any message naming a
path is the same on every machine.
"""
import concurrent.futures
import json
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CHARTS_REL = os.path.join("..", "shared", "charts")
EXPECTED_DIR = os.path.join(HERE, "expected")


def load_manifest():
    path = os.path.join(REPO, CHARTS_REL, "MANIFEST.json")
    if not os.path.exists(path):
        raise SystemExit("charts: %s not found (the shared/ directory must sit beside the repository)" % path)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# Charts of the manifest whose vendored dependencies are missing in ../shared/charts, and where to find them
# there: such a chart is also tested as "<id>-assembled", a copy completed in a temporary directory.
ASSEMBLE = {
    "kube-prometheus-stack": {
        "charts/kube-state-metrics": "prometheus/charts/kube-state-metrics",
        "charts/prometheus-node-exporter": "prometheus/charts/prometheus-node-exporter",
        "charts/grafana": "grafana",
    },
}
# Dependencies not available anywhere in ../shared/charts: dropped from the assembled copy's Chart.yaml.
ASSEMBLE_DROP = {"kube-prometheus-stack": ["prometheus-windows-exporter"]}


def assemble(chart_dir_name, work):
    """Copies ../shared/charts/<chart_dir_name> into `work`, adds the dependencies listed in ASSEMBLE and drops
    the unavailable ones from Chart.yaml (textually, so the rest stays byte for byte). Returns the copy's path."""
    charts = os.path.join(REPO, CHARTS_REL)
    d = os.path.join(work, chart_dir_name)
    shutil.copytree(os.path.join(charts, chart_dir_name), d, symlinks=True)
    for root, dirs, files in os.walk(d):  # the shared tree is read-only
        os.chmod(root, 0o755)
        for n in files:
            p = os.path.join(root, n)
            if not os.path.islink(p):
                os.chmod(p, 0o644)
    for dest, src in sorted(ASSEMBLE[chart_dir_name].items()):
        shutil.copytree(os.path.join(charts, src), os.path.join(d, dest), symlinks=True)
    path = os.path.join(d, "Chart.yaml")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, skip = [], False
    for ln in lines:
        if any(ln.lstrip().startswith("- name: " + n) for n in ASSEMBLE_DROP.get(chart_dir_name, [])):
            skip = True
            continue
        if skip and ln.startswith("    ") and not ln.lstrip().startswith("- "):
            continue
        skip = False
        out.append(ln)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    return d


class Variant:
    def __init__(self, chart, variant, base_args, assembled=False):
        self.chart = chart["id"] + ("-assembled" if assembled else "")
        self.variant = variant["id"]
        self.id = "%s/%s" % (self.chart, self.variant)
        self.dir = chart["dir"]
        self.assembled = assembled
        # An assembled chart is rendered from the temporary directory that holds it (see run()).
        d = chart["dir"] if assembled else os.path.join(CHARTS_REL, chart["dir"])
        self.args = [a.replace("{chart}", d) for a in list(base_args) + list(variant["args"])]

    def expected_paths(self):
        base = os.path.join(EXPECTED_DIR, self.chart, self.variant)
        return base + ".out", base + ".err", base + ".rc"


def variants(only=None):
    m = load_manifest()
    out = []
    for c in m["charts"]:
        for v in c["variants"]:
            for assembled in ([False, True] if c["dir"] in ASSEMBLE else [False]):
                var = Variant(c, v, m["base_args"], assembled)
                if only and var.chart not in only and var.id not in only:
                    continue
                out.append(var)
    return sorted(out, key=lambda v: v.id)


def run(helm, variant, timeout=300, assembled_root=None):
    cwd = assembled_root if variant.assembled else REPO
    with tempfile.TemporaryDirectory(prefix="charts-home-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HELM_") and k != "KUBECONFIG"}
        env.update({"HOME": home, "TZ": "UTC", "LC_ALL": "C", "XDG_CACHE_HOME": os.path.join(home, ".cache"),
                    "XDG_CONFIG_HOME": os.path.join(home, ".config"), "XDG_DATA_HOME": os.path.join(home, ".data")})
        try:
            p = subprocess.run([helm] + variant.args, capture_output=True, env=env, cwd=cwd, timeout=timeout)
            return p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired:
            return b"", b"timeout after %ds\n" % timeout, -1


def run_all(helm, vs, jobs):
    with tempfile.TemporaryDirectory(prefix="charts-assembled-") as root:
        for name in sorted({v.dir for v in vs if v.assembled}):
            assemble(name, root)
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
            return dict(zip([v.id for v in vs], ex.map(lambda v: run(helm, v, assembled_root=root), vs)))


def read_expected(variant):
    out, err, rc = variant.expected_paths()
    if not os.path.exists(rc):
        return None
    with open(out, "rb") as f1, open(err, "rb") as f2, open(rc) as f3:
        return f1.read(), f2.read(), int(f3.read().strip())
