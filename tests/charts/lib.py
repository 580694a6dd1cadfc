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


class Variant:
    def __init__(self, chart, variant, base_args):
        self.chart = chart["id"]
        self.variant = variant["id"]
        self.id = "%s/%s" % (self.chart, self.variant)
        d = os.path.join(CHARTS_REL, chart["dir"])
        self.args = [a.replace("{chart}", d) for a in list(base_args) + list(variant["args"])]

    def expected_paths(self):
        base = os.path.join(EXPECTED_DIR, self.chart, self.variant)
        return base + ".out", base + ".err", base + ".rc"


def variants(only=None):
    m = load_manifest()
    out = []
    for c in m["charts"]:
        for v in c["variants"]:
            var = Variant(c, v, m["base_args"])
            if only and var.chart not in only and var.id not in only:
                continue
            out.append(var)
    return sorted(out, key=lambda v: v.id)


def run(helm, variant, timeout=300):
    with tempfile.TemporaryDirectory(prefix="charts-home-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HELM_") and k != "KUBECONFIG"}
        env.update({"HOME": home, "TZ": "UTC", "LC_ALL": "C", "XDG_CACHE_HOME": os.path.join(home, ".cache"),
                    "XDG_CONFIG_HOME": os.path.join(home, ".config"), "XDG_DATA_HOME": os.path.join(home, ".data")})
        try:
            p = subprocess.run([helm] + variant.args, capture_output=True, env=env, cwd=REPO, timeout=timeout)
            return p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired:
            return b"", b"timeout after %ds\n" % timeout, -1


def run_all(helm, vs, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        return dict(zip([v.id for v in vs], ex.map(lambda v: run(helm, v), vs)))


def read_expected(variant):
    out, err, rc = variant.expected_paths()
    if not os.path.exists(rc):
        return None
    with open(out, "rb") as f1, open(err, "rb") as f2, open(rc) as f3:
        return f1.read(), f2.read(), int(f3.read().strip())
