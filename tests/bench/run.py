#!/usr/bin/env python3
"""Benchmarks mpm against Debian's dnf 4 and raw libsolv on the same generated 28k-package repo,
served over http on 127.0.0.1, in one run. Reports medians and ratios (absolute times drift on
shared machines; ratios measured side by side do not). Not a test: it asserts nothing.

  tests/bench/run.py BUILD_DIR [--runs N]
"""
import argparse
import functools
import glob
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, runs, before=None):
    samples = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        samples.append(time.perf_counter() - t)
        if r.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--count", type=int, default=28000)
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    mpm = os.path.join(build, "cli", "mpm")
    raw = os.path.join(build, "tests", "bench", "mpm_solv_load")
    work = os.path.join(build, "bench")
    repo = os.path.join(work, "repo")
    if not os.path.exists(os.path.join(repo, "repodata", "repomd.xml")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_repo.py"), repo, "--count", str(args.count)], check=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    handler = functools.partial(Quiet, directory=repo)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"

    tmp = tempfile.mkdtemp(prefix="mpm-bench-")
    mroot, droot = os.path.join(tmp, "mpm-root"), os.path.join(tmp, "dnf-root")
    for r in (mroot, droot):
        os.makedirs(os.path.join(r, "etc", "yum.repos.d"))
        with open(os.path.join(r, "etc", "yum.repos.d", "bench.repo"), "w") as f:
            f.write(f"[bench]\nname=bench\nbaseurl={url}\ngpgcheck=0\n")
    dconf = os.path.join(tmp, "dnf.conf")
    with open(dconf, "w") as f:
        f.write("[main]\n")
    M = [mpm, "--installroot", mroot, "-q"]
    D = ["dnf", "-q", f"--installroot={droot}", "--releasever=8", f"--config={dconf}",
         f"--setopt=reposdir={droot}/etc/yum.repos.d", f"--setopt=cachedir={droot}/var/cache/dnf"]
    have_dnf = shutil.which("dnf") is not None

    res = {}
    res["mpm cold (makecache)"] = timed(M + ["makecache"], args.runs,
                                        lambda: subprocess.run(M + ["clean", "all"], stdout=subprocess.DEVNULL))
    res["mpm warm (repoquery bash)"] = timed(M + ["-C", "repoquery", "bash"], args.runs)
    res["mpm warm (repoquery --whatprovides file)"] = timed(M + ["-C", "repoquery", "--whatprovides", "/bin/sh"], args.runs)
    gen = glob.glob(os.path.join(mroot, "var/cache/mpm/bench-*/gen-*"))[0]
    res["raw libsolv (load .solv)"] = timed([raw, gen + "/primary.solv", gen + "/filelists.solvx"], args.runs)
    if have_dnf:
        res["dnf cold (makecache)"] = timed(D + ["makecache"], args.runs,
                                            lambda: subprocess.run(D + ["clean", "all"], stdout=subprocess.DEVNULL))
        res["dnf warm (repoquery bash)"] = timed(D + ["-C", "repoquery", "bash"], args.runs)
        res["dnf warm (repoquery --whatprovides file)"] = timed(D + ["-C", "repoquery", "--whatprovides", "/bin/sh"], args.runs)

    httpd.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)

    rows = [(k, v) for k, v in res.items()]
    print(f"\n{args.count}-package repo over http on loopback, median of {args.runs} runs\n")
    for k, v in rows:
        print(f"  {k:45s} {v * 1000:8.1f} ms")
    print()
    ratios = {}
    if have_dnf:
        ratios["dnf/mpm cold"] = res["dnf cold (makecache)"] / res["mpm cold (makecache)"]
        ratios["dnf/mpm warm"] = res["dnf warm (repoquery bash)"] / res["mpm warm (repoquery bash)"]
        ratios["dnf/mpm warm whatprovides"] = (res["dnf warm (repoquery --whatprovides file)"] /
                                               res["mpm warm (repoquery --whatprovides file)"])
    ratios["mpm warm / raw libsolv"] = res["mpm warm (repoquery bash)"] / res["raw libsolv (load .solv)"]
    for k, v in ratios.items():
        print(f"  {k:45s} {v:8.2f}x")
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"seconds": res, "ratios": ratios, "runs": args.runs, "packages": args.count}, f, indent=2)


if __name__ == "__main__":
    main()
