"""Shared by run.py and record.py: the loopback chart-repository servers, the cases and how one runs.

Every case is a sequence of helm invocations sharing one fresh HOME (HELM_CONFIG_HOME, HELM_CACHE_HOME and
HELM_DATA_HOME inside it, TZ=UTC). A case's result is each step's stdout/stderr/exit status plus the
files named in `files` (relative to HOME) and the list of files in the repository cache, normalised:
the HOME path becomes $HOME, the testdata path $TESTDATA, `generated:`/`created:` timestamps become <TIME>, and our own binary index
cache (*.hcache, which Helm never reads) is left out of the listing.
Servers: 127.0.0.1:18879 serves testdata/ as is; 127.0.0.1:18880 serves it behind basic auth bob:secret.
Nothing but 127.0.0.1 is ever contacted (port 18899 is the "unreachable" one).
"""
import base64
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(HERE, "testdata")
EXPECTED = os.path.join(HERE, "expected.json")
PORT, AUTH_PORT = 18879, 18880
URL = "http://127.0.0.1:%d" % PORT
AUTH_URL = "http://127.0.0.1:%d" % AUTH_PORT


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Auth(_Quiet):
    def do_GET(self):
        want = "Basic " + base64.b64encode(b"bob:secret").decode()
        if self.headers.get("Authorization") != want:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="charts"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()


class Servers:
    """Context manager running both servers in threads; they stop on exit."""

    def __enter__(self):
        self.servers = []
        for port, handler in ((PORT, _Quiet), (AUTH_PORT, _Auth)):
            h = functools.partial(handler, directory=TESTDATA)
            s = http.server.ThreadingHTTPServer(("127.0.0.1", port), h)
            threading.Thread(target=s.serve_forever, daemon=True).start()
            self.servers.append(s)
        return self

    def __exit__(self, *exc):
        for s in self.servers:
            s.shutdown()
            s.server_close()


def _add(name, url):
    return ["repo", "add", name, url]


MAIN, OTHER = URL + "/main", URL + "/other"
SETUP2 = [_add("main", MAIN), _add("other", OTHER)]
REPOS_YAML = "config/repositories.yaml"

# id -> steps. A step is a list of arguments, or a dict: {"args": [...], "stdin": "...", "env": {...}},
# {"rm": path}, {"copy": [testdata dir, HOME-relative dir]}. "$HOME" and "$TESTDATA" are substituted.
CASES = {
    "list-empty": [["repo", "list"], ["repo", "list", "-o", "json"], ["repo", "list", "-o", "yaml"],
                   ["repo", "ls"]],
    "list-bad-format": [["repo", "list", "-o", "xml"]],
    "list-args": [["repo", "list", "extra"]],
    "add-basic": [_add("main", MAIN), ["repo", "list"], ["repo", "list", "-o", "json"],
                  ["repo", "list", "-o", "yaml"], ["repo", "list", "--no-headers"]],
    "add-two": SETUP2 + [["repo", "list"]],
    "add-twice-same": [_add("main", MAIN), _add("main", MAIN)],
    "add-conflict": [_add("main", MAIN), _add("main", OTHER), ["repo", "add", "--force-update", "main", OTHER],
                     ["repo", "list"]],
    "add-unreachable": [_add("x", "http://127.0.0.1:18899/"), ["repo", "list"]],
    "add-404": [_add("x", URL + "/nope")],
    "add-bad-index": [_add("x", URL + "/bad")],
    "add-slash-name": [_add("a/b", MAIN)],
    "add-bad-scheme": [_add("x", "ftp://127.0.0.1/charts")],
    "add-no-scheme": [_add("x", "127.0.0.1/charts")],
    "add-bad-url": [_add("x", "http://%zz")],
    "add-missing-args": [["repo", "add", "main"]],
    "add-too-many-args": [["repo", "add", "main", MAIN, "extra"]],
    "add-deprecated": [_add("stable", "https://kubernetes-charts.storage.googleapis.com")],
    "add-trailing-slash": [_add("main", MAIN + "/"), ["search", "repo", "beta"]],
    "add-auth-missing": [_add("secure", AUTH_URL + "/main")],
    "add-auth-password": [["repo", "add", "secure", AUTH_URL + "/main", "--username", "bob", "--password",
                           "secret"], ["search", "repo", "alpha"]],
    "add-auth-wrong": [["repo", "add", "secure", AUTH_URL + "/main", "--username", "bob", "--password", "nope"]],
    "add-auth-stdin": [{"args": ["repo", "add", "secure", AUTH_URL + "/main", "--username", "bob",
                                 "--password-stdin"], "stdin": "secret\n"}],
    "add-auth-no-tty": [{"args": ["repo", "add", "secure", AUTH_URL + "/main", "--username", "bob"],
                         "stdin": ""}],
    "add-flags-recorded": [["repo", "add", "main", MAIN, "--pass-credentials", "--insecure-skip-tls-verify"],
                           ["repo", "add", "main", MAIN]],
    "add-custom-config": [["repo", "add", "main", MAIN, "--repository-config", "$HOME/custom/repos.yaml",
                           "--repository-cache", "$HOME/rc"],
                          ["repo", "list", "--repository-config", "$HOME/custom/repos.yaml"],
                          {"args": ["search", "repo", "beta"],
                           "env": {"HELM_REPOSITORY_CONFIG": "$HOME/custom/repos.yaml",
                                   "HELM_REPOSITORY_CACHE": "$HOME/rc"}}],
    "update-none": [["repo", "update"]],
    "update-one": SETUP2 + [["repo", "update", "main"], ["repo", "up", "other"]],
    "update-all-single": [_add("main", MAIN), ["repo", "update"]],
    "update-missing-name": SETUP2 + [["repo", "update", "main", "nope"]],
    "update-failing": [["repo", "update", "broken", "--repository-config", "$TESTDATA/configs/bad.yaml"]],
    "update-restores-cache": [_add("main", MAIN), {"rm": "cache/repository/main-index.yaml"},
                              ["search", "repo", "alpha"], ["repo", "update"], ["search", "repo", "alpha"]],
    "remove-one": SETUP2 + [["repo", "remove", "main"], ["repo", "list"]],
    "remove-many": SETUP2 + [["repo", "rm", "main", "other"], ["repo", "list"]],
    "remove-missing": SETUP2 + [["repo", "remove", "main", "nope"], ["repo", "list"]],
    "remove-none": [["repo", "remove", "x"]],
    "remove-no-args": [["repo", "remove"]],
    "search-no-repos": [["search", "repo"]],
    "search-all": SETUP2 + [["search", "repo"]],
    "search-keyword": SETUP2 + [["search", "repo", "alpha"], ["search", "repo", "database"],
                                ["search", "repo", "test"], ["search", "repo", "Web", "server"],
                                ["search", "repo", "other/"]],
    "search-versions": SETUP2 + [["search", "repo", "-l"], ["search", "repo", "alpha", "--versions"]],
    "search-devel": SETUP2 + [["search", "repo", "--devel"], ["search", "repo", "alpha", "--devel", "-l"]],
    "search-version": SETUP2 + [["search", "repo", "--version", "^0.1"], ["search", "repo", "--version", "~0.2.0"],
                                ["search", "repo", "alpha", "--version", ">=0.1.0", "-l"],
                                ["search", "repo", "--version", ">>1"]],
    "search-regexp": SETUP2 + [["search", "repo", "-r", "al.*a"], ["search", "repo", "--regexp", "^main/b"],
                               ["search", "repo", "-r", "("]],
    "search-no-result": SETUP2 + [["search", "repo", "nothing"],
                                  ["search", "repo", "nothing", "--fail-on-no-result"],
                                  ["search", "repo", "nothing", "-o", "json"],
                                  ["search", "repo", "nothing", "-o", "yaml"],
                                  ["search", "repo", "nothing", "-o", "json", "--fail-on-no-result"]],
    "search-output": SETUP2 + [["search", "repo", "-o", "json"], ["search", "repo", "-o", "yaml", "-l"],
                               ["search", "repo", "-o", "bogus"]],
    "search-col-width": SETUP2 + [["search", "repo", "--max-col-width", "10", "-l"],
                                  ["search", "repo", "--max-col-width", "0"],
                                  ["search", "repo", "--max-col-width", "-1"]],
    "search-missing-cache": SETUP2 + [{"rm": "cache/repository/other-index.yaml"}, ["search", "repo", "beta"]],
    "index-basic": [{"copy": ["main", "charts"]}, ["repo", "index", "$HOME/charts"]],
    "index-url": [{"copy": ["main", "charts"]}, ["repo", "index", "$HOME/charts", "--url", "https://x.example/c"]],
    "index-json": [{"copy": ["main", "charts"]}, ["repo", "index", "$HOME/charts", "--json"]],
    "index-merge": [{"copy": ["main", "charts"]}, {"copy": ["other", "more"]},
                    ["repo", "index", "$HOME/charts", "--merge", "$HOME/more/index.yaml"]],
    "index-merge-missing": [{"copy": ["other", "more"]},
                            ["repo", "index", "$HOME/more", "--merge", "$HOME/more/new.yaml"]],
    "index-no-args": [["repo", "index"]],
    "broken-config": [[*c, "--repository-config", "$TESTDATA/configs/broken.yaml"] for c in (
        ["repo", "list"], ["repo", "update"], ["repo", "remove", "x"], ["search", "repo"])],
    "broken-config-add": [{"copy": ["configs", "cfg"]},
                          ["repo", "add", "main", MAIN, "--repository-config", "$HOME/cfg/broken.yaml"]],
    "empty-config": [[*c, "--repository-config", "$TESTDATA/configs/empty.yaml"] for c in (
        ["repo", "list"], ["repo", "list", "-o", "json"], ["repo", "update"], ["repo", "remove", "x"],
        ["search", "repo"])],
    "help-subcommands": [["repo", "add", "--help"], ["repo", "list", "--help"], ["repo", "update", "--help"],
                         ["repo", "remove", "--help"], ["repo", "index", "--help"], ["search", "repo", "--help"],
                         ["repo", "ls", "-h"]],
    "help-groups": [["repo", "--help"], ["search", "--help"], ["repo"], ["search"], ["repo", "bogus"]],
}

# Files compared after the case, relative to HOME (absent ones are recorded as absent).
FILES = {
    "index-basic": ["charts/index.yaml"],
    "index-url": ["charts/index.yaml"],
    "index-json": ["charts/index.yaml"],
    "index-merge": ["charts/index.yaml"],
    "index-merge-missing": ["more/index.yaml", "more/new.yaml"],
    "add-custom-config": ["custom/repos.yaml"],
}

TIME = re.compile(r'("?(?:generated|created)"?: )"[0-9T:.\-+Z]+"')


def normalise(text, home):
    # Paths under the checkout differ from machine to machine (CI clones elsewhere).
    text = text.replace(home, "$HOME").replace(TESTDATA, "$TESTDATA")
    return TIME.sub(r'\1"<TIME>"', text)


def cache_listing(home):
    out = []
    for root, _, files in os.walk(home):
        for f in files:
            if f.endswith(".hcache"):
                continue
            rel = os.path.relpath(os.path.join(root, f), home)
            if rel.startswith(("charts/", "more/", "cfg/")):
                continue
            out.append(rel)
    return sorted(out)


def run_case(helm, case_id):
    home = tempfile.mkdtemp(prefix="repo-case-")
    try:
        env = {"HOME": home, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": "UTC",
               "HELM_CONFIG_HOME": os.path.join(home, "config"), "HELM_CACHE_HOME": os.path.join(home, "cache"),
               "HELM_DATA_HOME": os.path.join(home, "data"), "NO_PROXY": "*", "no_proxy": "*"}
        sub = lambda s: s.replace("$HOME", home).replace("$TESTDATA", TESTDATA)  # noqa: E731
        steps = []
        for step in CASES[case_id]:
            if isinstance(step, list):
                step = {"args": step}
            if "rm" in step:
                os.remove(os.path.join(home, step["rm"]))
                continue
            if "copy" in step:
                src, dst = step["copy"]
                shutil.copytree(os.path.join(TESTDATA, src), os.path.join(home, dst))
                continue
            e = dict(env)
            e.update({k: sub(v) for k, v in step.get("env", {}).items()})
            p = subprocess.run([helm] + [sub(a) for a in step["args"]], env=e, cwd=home,
                               input=step.get("stdin", "").encode(), capture_output=True, timeout=60)
            steps.append({"out": normalise(p.stdout.decode("utf-8", "replace"), home),
                          "err": normalise(p.stderr.decode("utf-8", "replace"), home), "rc": p.returncode})
        files = {}
        for rel in [REPOS_YAML] + FILES.get(case_id, []):
            path = os.path.join(home, rel)
            files[rel] = normalise(open(path, encoding="utf-8").read(), home) if os.path.exists(path) else None
        return {"steps": steps, "files": files, "listing": cache_listing(home)}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def load_expected():
    if not os.path.exists(EXPECTED):
        return {}
    with open(EXPECTED, encoding="utf-8") as f:
        return json.load(f)
