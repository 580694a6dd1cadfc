"""Known-failure bookkeeping shared by the golden-suite runners (conformance, charts, cli, repo).

Each suite keeps a known_failures.txt of case ids that may fail. conclude() prints the diffs (regressions first),
the bookkeeping lines and the closing "N passed, N failed" line, optionally rewrites the list, and returns the
runner's exit status: non-zero only when a case that is not listed fails.
"""
import os


def read(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


def abbreviate(ids, limit=60):
    more = " ... and %d more" % (len(ids) - limit) if len(ids) > limit else ""
    return " ".join(ids[:limit]) + more


def conclude(path, ran, failed, describe, header, update=False, max_diffs=20, partial=False, exists=None):
    """ran: ids run this time; failed: the ids among them that failed; describe(id) -> diff text;
    header: the comment written at the top of a rewritten list; partial: only some cases were selected, so
    listed ids that did not run are not reported as stale; exists(id): whether an id names a case at all
    (ids that don't are dropped when the list is rewritten)."""
    known = read(path)
    known_set = set(known)
    ran = set(ran)
    failed = sorted(failed)
    regressions = [i for i in failed if i not in known_set]
    now_passing = sorted(i for i in known_set if i in ran and i not in failed)
    for shown, i in enumerate(regressions + [i for i in failed if i in known_set]):
        if shown >= max_diffs:
            print("... diffs of %d more failures not shown (--max-diffs)" % (len(failed) - shown))
            break
        print("%s %s\n%s" % ("KNOWN" if i in known_set else "FAIL", i, describe(i)))
    unknown = sorted(i for i in known_set if i not in ran) if not partial else []
    if unknown:
        print("warning: known_failures.txt lists ids that do not exist (remove them): " + abbreviate(unknown))
    print("known failures: %d listed, %d still failing, %d now pass" %
          (len(known_set), len([i for i in failed if i in known_set]), len(now_passing)))
    if now_passing and not update:
        print("now passing (remove from known_failures.txt): " + abbreviate(now_passing))
    if regressions and not update:
        print("regressions (failing, not in known_failures.txt): " + abbreviate(regressions))
    print("%d passed, %d failed" % (len(ran) - len(failed), len(failed)))
    if update:
        keep = [i for i in known if i not in ran and (exists is None or exists(i))]
        ids = sorted(set(keep + failed))
        with open(path, "w", encoding="utf-8") as f:
            f.write(header)
            f.writelines(i + "\n" for i in ids)
        print("wrote %s (%d ids)" % (os.path.relpath(path), len(ids)))
        return 0
    return 1 if regressions else 0
