"""Shared helpers of the CLI golden suite: parsing cases.txt and running one case in a sandbox.

Each case runs in a fresh directory WORK with WORK/home as HOME (HELM_CACHE_HOME, HELM_CONFIG_HOME and
HELM_DATA_HOME inside it), TZ=UTC, and WORK/cwd as the working directory. WORK/cwd holds two symlinks,
`charts` (../shared/charts) and `testdata` (tests/cli/testdata), so case arguments use relative paths.
Outputs have the helm binary's path replaced by "$HELM" (`helm env` prints it) and WORK by "$WORK". Files a command writes under WORK/cwd are recorded as a listing:
directories, files with their size and SHA-256, and for .tgz archives each entry (name, size, SHA-256),
since gzip headers carry timestamps.
"""
import concurrent.futures
import gzip
import hashlib
import io
import json
import os
import re
import shlex
import subprocess
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CASES = os.path.join(HERE, "cases.txt")
EXPECTED = os.path.join(HERE, "expected.json")
LINKS = {"charts": os.path.join(REPO, "..", "shared", "charts"), "testdata": os.path.join(HERE, "testdata")}


def load_cases():
    """Returns [(name, args)] from cases.txt ("NAME [VAR=VALUE...] ARGS...", shell-quoted; '#' starts a comment
    line)."""
    cases, seen = [], set()
    with open(CASES, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words = shlex.split(line)
            if words[0] in seen:
                raise SystemExit("cases.txt:%d: duplicate case %s" % (n, words[0]))
            seen.add(words[0])
            cases.append((words[0], words[1:]))
    return cases


def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


def archive_listing(data):
    try:
        raw = gzip.decompress(data)
        tf = tarfile.open(fileobj=io.BytesIO(raw))
    except (OSError, tarfile.TarError, EOFError):
        return None
    out = []
    for m in tf.getmembers():
        body = tf.extractfile(m).read() if m.isfile() else b""
        out.append("  %s %s %o %d %s" % (m.name, "f" if m.isfile() else m.type.decode(), m.mode, len(body),
                                         digest(body)))
    return out


def listing(root):
    lines = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(d, root)
        if rel == ".":
            dirs[:] = [x for x in dirs if x not in LINKS]
        else:
            lines.append(rel + "/")
        for name in sorted(files):
            if rel == "." and name in LINKS:
                continue
            path = os.path.join(d, name)
            if os.path.islink(path):
                lines.append(os.path.relpath(path, root) + " -> " + os.readlink(path))
                continue
            with open(path, "rb") as f:
                data = f.read()
            r = os.path.relpath(path, root)
            entries = archive_listing(data) if name.endswith(".tgz") else None
            if entries is None:
                lines.append("%s %d %s" % (r, len(data), digest(data)))
            else:
                lines.append(r + " (archive)")
                # Sorted: Helm writes subcharts in Go map order, which varies from run to run.
                lines.extend(sorted(entries))
    return lines


def run_case(helm, args, work):
    """Runs helm ARGS in a fresh sandbox under `work`; returns {"out", "err", "rc", "files"}."""
    os.makedirs(work)
    home, cwd = os.path.join(work, "home"), os.path.join(work, "cwd")
    os.makedirs(home)
    os.makedirs(cwd)
    for name, target in LINKS.items():
        os.symlink(os.path.abspath(target), os.path.join(cwd, name))
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "TZ": "UTC", "LANG": "C",
           "HELM_CACHE_HOME": os.path.join(home, "cache"), "HELM_CONFIG_HOME": os.path.join(home, "config"),
           "HELM_DATA_HOME": os.path.join(home, "data")}
    # Leading NAME=VALUE words set environment variables for the case ("$WORK" in VALUE is the sandbox).
    while args and re.match(r"^[A-Z_][A-Z0-9_]*=", args[0]):
        name, value = args[0].split("=", 1)
        env[name] = value.replace("$WORK", work)
        args = args[1:]
    # A ";;" word separates commands run one after the other in the same sandbox; outputs are concatenated
    # and the exit status is the last command's.
    steps, out, err, rc = [[]], b"", b"", 0
    for a in args:
        if a == ";;":
            steps.append([])
        else:
            steps[-1].append(a)
    for step in steps:
        p = subprocess.run([helm] + step, cwd=cwd, env=env, capture_output=True, timeout=120)
        out, err, rc = out + p.stdout, err + p.stderr, p.returncode
    norm = lambda b: b.decode("utf-8", "replace").replace(helm, "$HELM").replace(work, "$WORK")
    return {"out": norm(out), "err": norm(err), "rc": rc, "files": listing(cwd)}


def run_all(helm, cases, root, jobs=2):
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        futs = {name: ex.submit(run_case, helm, args, os.path.join(root, "%03d" % i))
                for i, (name, args) in enumerate(cases)}
        return {name: f.result() for name, f in futs.items()}


def dump_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
