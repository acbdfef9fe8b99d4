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
RESOLVE = "pkg00010-libs"  # a generated package with a few levels of dependencies


def timed(cmd, runs, before=None, ok=(0,)):
    samples = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        samples.append(time.perf_counter() - t)
        if r.returncode not in ok:
            sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return statistics.median(samples)


def timed_pair(cmd_a, cmd_b, runs, ok_a=(0,), ok_b=(0,), before_a=None, before_b=None, minimum=15):
    """Medians of two commands run alternately, so machine noise hits both alike (their ratio
    is what matters)."""
    a, b = [], []
    for _ in range(max(runs, minimum)):
        for cmd, acc, ok, before in ((cmd_a, a, ok_a, before_a), (cmd_b, b, ok_b, before_b)):
            if before:
                before()
            t = time.perf_counter()
            r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            acc.append(time.perf_counter() - t)
            if r.returncode not in ok:
                sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return statistics.median(a), statistics.median(b)


def small_repo(path, count=300, prefix="bench"):
    """`count` small real RPMs (rpmbuild + createrepo_c), chained by dependencies."""
    sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
    import mkrepo
    pkgs = []
    for i in range(count):
        n = f"{prefix}{i:03d}"
        files = {f"/usr/share/{n}/file{j}.txt": f"package {i} file {j}\n" * 20 for j in range(5)}
        files[f"/usr/bin/{n}"] = {"content": f"#!/bin/sh\necho {i}\n", "mode": "0755"}
        pkgs.append({"name": n, "version": "1.0", "release": "1", "arch": "noarch",
                     "requires": [f"{prefix}{i + 1:03d}"] if i + 1 < count and i % 10 else [],
                     "files": files, "symlinks": {f"/usr/lib/{n}.link": f"../bin/{n}"}})
    return mkrepo.build_repo({"packages": pkgs}, path)


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
    # Debian's librpm (dnf's, rpm's) keeps its database in ~/.rpmdb; like mpm, write the root's.
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    with open(os.path.join(home, ".rpmmacros"), "w") as f:
        f.write("%_dbpath /usr/lib/sysimage/rpm\n")
    os.environ["HOME"] = home
    mroot, droot = os.path.join(tmp, "mpm-root"), os.path.join(tmp, "dnf-root")
    for r in (mroot, droot):
        os.makedirs(os.path.join(r, "etc", "yum.repos.d"))
        with open(os.path.join(r, "etc", "yum.repos.d", "bench.repo"), "w") as f:
            f.write(f"[bench]\nname=bench\nbaseurl={url}\ngpgcheck=0\n")
        # The EL8 module metadata needs platform:el8; both read it from the root.
        with open(os.path.join(r, "etc", "os-release"), "w") as f:
            f.write('NAME="Bench"\nPLATFORM_ID="platform:el8"\n')
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
    gen = glob.glob(os.path.join(mroot, "var/cache/mpm/bench-*/gen-*"))[0]
    res["mpm warm (repoquery bash)"], res["raw libsolv (load .solv)"] = timed_pair(
        M + ["-C", "repoquery", "bash"], [raw, gen + "/primary.solv", gen + "/filelists.solvx"], args.runs)
    res["mpm warm (repoquery --whatprovides file)"] = timed(M + ["-C", "repoquery", "--whatprovides", "/bin/sh"], args.runs)
    if have_dnf:
        res["dnf cold (makecache)"] = timed(D + ["makecache"], args.runs,
                                            lambda: subprocess.run(D + ["clean", "all"], stdout=subprocess.DEVNULL))
        res["dnf warm (repoquery bash)"] = timed(D + ["-C", "repoquery", "bash"], args.runs)
        res["dnf warm (repoquery --whatprovides file)"] = timed(D + ["-C", "repoquery", "--whatprovides", "/bin/sh"], args.runs)

    # Module metadata: the repo carries the real EL8 AppStream modules.yaml and defaults.
    res["mpm warm (module list)"] = timed(M + ["-C", "module", "list"], args.runs)
    res["mpm warm (module info nodejs)"] = timed(M + ["-C", "module", "info", "nodejs"], args.runs)
    # A modular package: nodejs of the default stream (10), the other streams filtered out.
    res["mpm resolve modular (install nodejs)"], res["raw libsolv (load + solve nodejs)"] = timed_pair(
        M + ["-C", "--assumeno", "install", "nodejs"],
        [raw, gen + "/primary.solv", gen + "/filelists.solvx", "--install", "nodejs"], args.runs, ok_a=(1,))
    if have_dnf:
        res["dnf warm (module list)"] = timed(D + ["-C", "module", "list"], args.runs)
        res["dnf warm (module info nodejs)"] = timed(D + ["-C", "module", "info", "nodejs"], args.runs)
        res["dnf resolve modular (install nodejs)"] = timed(D + ["-C", "--assumeno", "install", "nodejs"],
                                                            args.runs, ok=(1,))

    # Resolve only: what install would do, answered no. Exit 1 is "aborted" for both.
    res["mpm resolve (install --assumeno)"], res["raw libsolv (load + solve)"] = timed_pair(
        M + ["-C", "--assumeno", "install", RESOLVE],
        [raw, gen + "/primary.solv", gen + "/filelists.solvx", "--install", RESOLVE], args.runs, ok_a=(1,))
    if have_dnf:
        res["dnf resolve (install --assumeno)"] = timed(D + ["-C", "--assumeno", "install", RESOLVE], args.runs, ok=(1,))

    # The same warm queries with 1,000 packages installed (recorded with rpm --justdb, the same
    # database for both): a warm mpm run reads @System from its cache, not 1,000 headers.
    many = small_repo(os.path.join(work, "many"), count=1000, prefix="inst")
    for root in (mroot, droot):
        r = subprocess.run(["rpm", "--root", root, "--dbpath", "/usr/lib/sysimage/rpm", "-i", "--justdb",
                            "--nodeps", "--noscripts", "--nosignature"] + sorted(glob.glob(many + "/*.rpm")),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit("cannot record 1,000 installed packages: " + r.stderr)
    subprocess.run(M + ["-C", "list", "--installed"], stdout=subprocess.DEVNULL, check=True)  # fills the cache
    if have_dnf:
        res["mpm warm, 1000 installed (repoquery bash)"], res["dnf warm, 1000 installed (repoquery bash)"] = \
            timed_pair(M + ["-C", "repoquery", "bash"], D + ["-C", "repoquery", "bash"], args.runs, minimum=args.runs)
        res["mpm warm, 1000 installed (list --installed)"], res["dnf warm, 1000 installed (list --installed)"] = \
            timed_pair(M + ["-C", "list", "--installed"], D + ["-C", "list", "--installed"], args.runs,
                       minimum=args.runs)
    rpmdb_file = os.path.join(mroot, "usr/lib/sysimage/rpm/rpmdb.sqlite")
    res["mpm, 1000 installed, @System changed (list --installed)"] = timed(
        M + ["-C", "list", "--installed"], args.runs, lambda: os.utime(rpmdb_file))

    # Install 300 small real RPMs into an empty root, from a local repository.
    small = small_repo(os.path.join(work, "small"))
    def fresh(root):
        def make():
            shutil.rmtree(root, ignore_errors=True)
            os.makedirs(os.path.join(root, "etc", "yum.repos.d"))
            with open(os.path.join(root, "etc", "yum.repos.d", "small.repo"), "w") as f:
                f.write(f"[small]\nname=small\nbaseurl=file://{small}\ngpgcheck=0\nmetadata_expire=never\n")
        return make
    # The roots live on a tmpfs when one can be mounted: on ext4, creating the 2,100 files of a
    # run right after deleting the previous run's spends most of the time in the kernel's inode
    # allocator (ext4's recently_deleted, 95% of mpm's time in perf), which measures the disk
    # rather than the package manager, and swings the ratio between 1.7x and 6x.
    roots = os.path.join(tmp, "roots")
    os.makedirs(roots)
    on_tmpfs = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2g", "tmpfs", roots],
                              stderr=subprocess.DEVNULL).returncode == 0
    sroot_m, sroot_d = os.path.join(roots, "small-mpm"), os.path.join(roots, "small-dnf")
    SM = [mpm, "--installroot", sroot_m, "-q", "-y"]
    SD = ["dnf", "-q", "-y", f"--installroot={sroot_d}", "--releasever=8", f"--config={dconf}",
          f"--setopt=reposdir={sroot_d}/etc/yum.repos.d", f"--setopt=cachedir={sroot_d}/var/cache/dnf"]
    # Each run starts with the other tool's writes on disk (os.sync, not timed): otherwise the
    # kernel writes back one tool's 300 packages while the other is being timed.
    def mpm_ready():
        fresh(sroot_m)()
        subprocess.run(SM + ["makecache"], check=True, stdout=subprocess.DEVNULL)
        os.sync()
    def dnf_ready():
        fresh(sroot_d)()
        subprocess.run(SD + ["makecache"], check=True, stdout=subprocess.DEVNULL)
        os.sync()
    if have_dnf:
        res["mpm install 300 RPMs"], res["dnf install 300 RPMs"] = timed_pair(
            SM + ["install", "bench*"], SD + ["install", "bench*"], args.runs,
            before_a=mpm_ready, before_b=dnf_ready, minimum=max(args.runs, 9))
    else:
        res["mpm install 300 RPMs"] = timed(SM + ["install", "bench*"], args.runs, mpm_ready)

    httpd.shutdown()
    if on_tmpfs:
        subprocess.run(["umount", roots])
    shutil.rmtree(tmp, ignore_errors=True)

    rows = [(k, v) for k, v in res.items()]
    print(f"\n{args.count}-package repo over http on loopback, median of {args.runs} runs "
          f"(mpm vs raw libsolv: {max(args.runs, 15)} alternating pairs); 300-RPM install roots "
          f"on {'a tmpfs' if on_tmpfs else 'the build disk'}\n")
    for k, v in rows:
        print(f"  {k:45s} {v * 1000:8.1f} ms")
    print()
    ratios = {}
    if have_dnf:
        ratios["dnf/mpm cold"] = res["dnf cold (makecache)"] / res["mpm cold (makecache)"]
        ratios["dnf/mpm warm"] = res["dnf warm (repoquery bash)"] / res["mpm warm (repoquery bash)"]
        ratios["dnf/mpm warm whatprovides"] = (res["dnf warm (repoquery --whatprovides file)"] /
                                               res["mpm warm (repoquery --whatprovides file)"])
        ratios["dnf/mpm module list"] = res["dnf warm (module list)"] / res["mpm warm (module list)"]
        ratios["dnf/mpm module info"] = res["dnf warm (module info nodejs)"] / res["mpm warm (module info nodejs)"]
        ratios["dnf/mpm modular resolve"] = (res["dnf resolve modular (install nodejs)"] /
                                             res["mpm resolve modular (install nodejs)"])
        ratios["dnf/mpm resolve"] = res["dnf resolve (install --assumeno)"] / res["mpm resolve (install --assumeno)"]
        ratios["dnf/mpm install 300"] = res["dnf install 300 RPMs"] / res["mpm install 300 RPMs"]
        ratios["dnf/mpm warm, 1000 installed"] = (res["dnf warm, 1000 installed (repoquery bash)"] /
                                                  res["mpm warm, 1000 installed (repoquery bash)"])
        ratios["dnf/mpm list --installed, 1000 installed"] = (
            res["dnf warm, 1000 installed (list --installed)"] / res["mpm warm, 1000 installed (list --installed)"])
    ratios["mpm warm / raw libsolv"] = res["mpm warm (repoquery bash)"] / res["raw libsolv (load .solv)"]
    ratios["mpm resolve / raw libsolv"] = res["mpm resolve (install --assumeno)"] / res["raw libsolv (load + solve)"]
    ratios["mpm modular resolve / raw libsolv"] = (res["mpm resolve modular (install nodejs)"] /
                                                   res["raw libsolv (load + solve nodejs)"])
    for k, v in ratios.items():
        print(f"  {k:45s} {v:8.2f}x")
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"seconds": res, "ratios": ratios, "runs": args.runs, "packages": args.count}, f, indent=2)


if __name__ == "__main__":
    main()
