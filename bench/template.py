#!/usr/bin/env python3
"""Times `helm template` with our build/helm and the reference (Go) Helm side by side, and checks that both print
the same output (reported, never fatal).

Usage: bench/template.py [--helm build/helm] [--reference PATH] [--runs N] [--inputs kps,umbrella-10,umbrella-80]

Inputs (built in a temporary directory, nothing is written to the repository):
  kps          kube-prometheus-stack from ../shared/charts, completed with its vendored dependencies
               (kube-state-metrics and prometheus-node-exporter from ../shared/charts/prometheus/charts, grafana
               from ../shared/charts/grafana); prometheus-windows-exporter is not available there, so that
               dependency (disabled by default) is dropped from Chart.yaml.
  umbrella-N   ../shared/bench-data/make_umbrella.py N: N real Bitnami subcharts under one umbrella chart.
Each command runs --runs times per binary, alternating between the binaries; the table shows the median and
minimum wall time, the median user+system CPU time and the peak resident set size (from wait4, per process).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, ".."))
SHARED = os.path.abspath(os.path.join(REPO, "..", "shared"))
BASE_ARGS = ["template", "rel", "{chart}", "-n", "ns", "--kube-version", "1.33.0"]


def reference_helm():
    tool = os.path.join(SHARED, "tools", "reference-helm")
    return subprocess.run([tool], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]


def build_kps(work):
    sys.path.insert(0, os.path.join(REPO, "tests", "charts"))
    import lib as charts_lib  # the same assembly as the kube-prometheus-stack-assembled chart goldens
    return charts_lib.assemble("kube-prometheus-stack", work), ["--set", "grafana.adminPassword=prom-operator"]


def build_umbrella(work, n):
    subprocess.run([sys.executable, os.path.join(SHARED, "bench-data", "make_umbrella.py"), work, str(n)],
                   check=True, capture_output=True)
    return os.path.join(work, "umbrella-%d" % n), []


def measure(helm, args, cwd, env):
    """Runs helm once under wait4 to get its own CPU time and peak RSS."""
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.execve(helm, [helm] + args, env)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", default=os.path.join(REPO, "build", "helm"))
    ap.add_argument("--reference")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--inputs", default="kps,umbrella-10,umbrella-80")
    a = ap.parse_args()
    ref = a.reference or reference_helm()
    ours = os.path.abspath(a.helm)
    binaries = [("reference", ref)]
    if os.access(ours, os.X_OK):
        binaries.insert(0, ("ours", ours))
    else:
        print("note: %s is not built; timing the reference helm only" % a.helm)

    rows, checks = [], []
    with tempfile.TemporaryDirectory(prefix="helm-bench-") as work:
        home = os.path.join(work, "home")
        os.makedirs(home)
        env = {k: v for k, v in os.environ.items() if not k.startswith("HELM_") and k != "KUBECONFIG"}
        env.update({"HOME": home, "TZ": "UTC", "LC_ALL": "C"})
        for name in a.inputs.split(","):
            if name == "kps":
                chart, extra = build_kps(work)
            elif name.startswith("umbrella-"):
                chart, extra = build_umbrella(work, int(name.split("-", 1)[1]))
            else:
                raise SystemExit("unknown input " + name)
            args = [x.replace("{chart}", os.path.basename(chart)) for x in BASE_ARGS] + extra
            cwd = os.path.dirname(chart)
            outputs = {}
            for label, helm in binaries:
                p = subprocess.run([helm] + args, cwd=cwd, env=env, capture_output=True)  # warm-up + output
                outputs[label] = (p.stdout, p.stderr, p.returncode)
            samples = {label: [] for label, _ in binaries}
            for _ in range(a.runs):
                for label, helm in binaries:
                    samples[label].append(measure(helm, args, cwd, env))
            for label, _ in binaries:
                s = samples[label]
                rows.append((name, label, statistics.median(x[0] for x in s), min(x[0] for x in s),
                             statistics.median(x[1] for x in s), max(x[2] for x in s), outputs[label][2],
                             len(outputs[label][0])))
            if "ours" in outputs:
                o, r = outputs["ours"], outputs["reference"]
                if o == r:
                    checks.append("%s: identical output (%d bytes, exit %d)" % (name, len(r[0]), r[2]))
                else:
                    a_lines, b_lines = r[0].split(b"\n"), o[0].split(b"\n")
                    first = next((i for i, (x, y) in enumerate(zip(a_lines, b_lines)) if x != y),
                                 min(len(a_lines), len(b_lines)))
                    checks.append("%s: DIFFERENT (stdout %d vs %d bytes, exit %d vs %d, stderr %s; first differing "
                                  "stdout line %d)" % (name, len(o[0]), len(r[0]), o[2], r[2],
                                                       "same" if o[1] == r[1] else "differs", first + 1))

    print("\nhelm template, %d runs each (wall: median/min seconds; cpu: median user+sys seconds)" % a.runs)
    print("%-12s %-10s %9s %9s %9s %10s %5s %10s" % ("input", "helm", "wall-med", "wall-min", "cpu-med",
                                                      "peak-MiB", "exit", "out-bytes"))
    for r in rows:
        print("%-12s %-10s %9.3f %9.3f %9.3f %10.1f %5d %10d" % r)
    by = {(r[0], r[1]): r for r in rows}
    for name in a.inputs.split(","):
        if (name, "ours") in by:
            o, r = by[(name, "ours")], by[(name, "reference")]
            print("%-12s speed-up %.1fx (wall median), memory %.1fx less" % (name, r[2] / o[2] if o[2] else 0,
                                                                              r[5] / o[5] if o[5] else 0))
    if checks:
        print("\noutput check (ours vs reference):")
        for c in checks:
            print("  " + c)
    return 0


if __name__ == "__main__":
    sys.exit(main())
