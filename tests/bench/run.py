#!/usr/bin/env python3
"""Benchmarks mpm against Debian's dnf 4 and raw libsolv on the same generated 28k-package repo,
served over http on 127.0.0.1, in one run. Reports medians and ratios (absolute times drift on
shared machines; ratios measured side by side do not). Not a test: it asserts nothing.

  tests/bench/run.py BUILD_DIR [--runs N]
"""
import argparse
import functools
import glob
import hashlib
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
PEAK = {}  # label -> peak resident memory (KiB) over its runs


def run_once(cmd, ok):
    """Runs cmd; returns its wall time."""
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode not in ok:
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return elapsed


def peak_of(cmd, ok, before=None):
    """Peak resident memory (KiB) of one run, measured by GNU time: a child of this Python
    process would count Python's own memory, which it had before exec, as its peak."""
    if before:
        before()
    with tempfile.NamedTemporaryFile(mode="r") as f:
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name] + cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        if r.returncode not in ok:
            sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
        return int(f.read().split()[-1])


def timed(cmd, runs, before=None, ok=(0,), label=None):
    if label:
        PEAK[label] = peak_of(cmd, ok, before)
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(run_once(cmd, ok))
    return statistics.median(samples)


def timed_pair(cmd_a, cmd_b, runs, ok_a=(0,), ok_b=(0,), before_a=None, before_b=None, minimum=15,
               labels=(None, None)):
    """Medians of two commands run alternately, so machine noise hits both alike (their ratio
    is what matters)."""
    for label, cmd, ok, before in zip(labels, (cmd_a, cmd_b), (ok_a, ok_b), (before_a, before_b)):
        if label:
            PEAK[label] = peak_of(cmd, ok, before)
    a, b = [], []
    for _ in range(max(runs, minimum)):
        for cmd, acc, ok, before in ((cmd_a, a, ok_a, before_a), (cmd_b, b, ok_b, before_b)):
            if before:
                before()
            acc.append(run_once(cmd, ok))
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
    # Generated again when the generator or the count changed.
    with open(os.path.join(HERE, "gen_repo.py"), "rb") as f:
        made_by = hashlib.sha256(f.read()).hexdigest() + f" {args.count}\n"
    stamp = os.path.join(work, "repo.generator")
    if (not os.path.exists(os.path.join(repo, "repodata", "repomd.xml")) or not os.path.exists(stamp)
            or open(stamp).read() != made_by):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_repo.py"), repo, "--count", str(args.count)], check=True)
        with open(stamp, "w") as f:
            f.write(made_by)

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
    clean_mpm = lambda: subprocess.run(M + ["clean", "all"], stdout=subprocess.DEVNULL)
    if have_dnf:
        # Alternately, as every ratio here: a cold refresh is long enough for the machine's
        # noise to move one tool's median and not the other's.
        res["mpm cold (makecache)"], res["dnf cold (makecache)"] = timed_pair(
            M + ["makecache"], D + ["makecache"], args.runs, before_a=clean_mpm,
            before_b=lambda: subprocess.run(D + ["clean", "all"], stdout=subprocess.DEVNULL),
            minimum=args.runs, labels=("mpm cold (makecache)", "dnf cold (makecache)"))
    else:
        res["mpm cold (makecache)"] = timed(M + ["makecache"], args.runs, clean_mpm,
                                            label="mpm cold (makecache)")
    gen = glob.glob(os.path.join(mroot, "var/cache/mpm/bench-*/gen-*"))[0]
    # mpm loads filelists.solvx only when a command first looks up a file list, which none of
    # the timed warm commands does (their file dependencies are in primary.solv's file
    # provides): the floor loads what mpm loads.
    caches = [gen + "/primary.solv"]
    # What the resolves install: one application (it pulls in libraries and the core), and 100
    # packages of every layer (their requires include files of other packages, some listed only
    # in filelists.xml).
    listed = subprocess.run(M + ["-C", "list", "--available", "--json"], capture_output=True, text=True, check=True)
    plain = sorted({p["name"] for p in json.loads(listed.stdout) if p["name"].startswith("pkg")})
    resolve_one = plain[(len(plain) * 3) // 4]
    resolve_many = plain[::max(1, len(plain) // 100)][:100]
    # The first resolve records the file provides in primary.solv (as dnf's first run does in
    # its cache); every timed run, and the floor program, then reads them from there. Every
    # resolve timed must succeed: one that nothing can satisfy measures the explaining of it.
    for what in ([resolve_one], resolve_many, ["nodejs"]):
        r = subprocess.run(M + ["-C", "--assumeno", "--json", "install"] + what, capture_output=True, text=True)
        try:
            plan = json.loads(r.stdout)
        except json.JSONDecodeError:
            plan = {}
        if plan.get("result") != "aborted" or not plan.get("transaction") or plan.get("skipped"):
            sys.exit(f"the benchmark repository cannot install {' '.join(what)[:80]}: {r.stdout[:300]}{r.stderr[:300]}")
    # mpm's modular filtering keeps the packages of streams not in use out of the solver's
    # sight; the floor hides the same ones (what mpm shows, made into libsolv's considered map).
    visible, hidden = os.path.join(tmp, "visible.txt"), os.path.join(tmp, "hidden.bin")
    with open(visible, "w") as f:
        subprocess.run(M + ["-C", "repoquery"], stdout=f, check=True)
    subprocess.run([raw, "--visible", visible, "--write-hidden", hidden] + caches, check=True,
                   stdout=subprocess.DEVNULL)
    solve = [raw, "--hidden", hidden] + caches

    res["mpm warm (repoquery bash)"], res["raw libsolv (load .solv)"] = timed_pair(
        M + ["-C", "repoquery", "bash"], [raw, "--no-provides"] + caches, args.runs,
        labels=("mpm warm (repoquery bash)", None))
    # /bin/sh is a file dependency the caches record: mpm compares it with each package's
    # provides, as the floor's --whatprovides does, and builds no whatprovides index.
    res["mpm warm (repoquery --whatprovides file)"], res["raw libsolv (load + match provides)"] = timed_pair(
        M + ["-C", "repoquery", "--whatprovides", "/bin/sh"], [raw, "--whatprovides", "/bin/sh"] + caches, args.runs,
        labels=("mpm warm (repoquery --whatprovides file)", None))
    if have_dnf:
        res["dnf warm (repoquery bash)"] = timed(D + ["-C", "repoquery", "bash"], args.runs,
                                                 label="dnf warm (repoquery bash)")
        res["dnf warm (repoquery --whatprovides file)"] = timed(
            D + ["-C", "repoquery", "--whatprovides", "/bin/sh"], args.runs,
            label="dnf warm (repoquery --whatprovides file)")

    # Module metadata: the repo carries the real EL8 AppStream modules.yaml and defaults.
    res["mpm warm (module list)"] = timed(M + ["-C", "module", "list"], args.runs, label="mpm warm (module list)")
    res["mpm warm (module info nodejs)"] = timed(M + ["-C", "module", "info", "nodejs"], args.runs,
                                                 label="mpm warm (module info nodejs)")
    # A modular package: nodejs of the default stream (10), the other streams filtered out.
    res["mpm resolve modular (install nodejs)"], res["raw libsolv (load + solve nodejs)"] = timed_pair(
        M + ["-C", "--assumeno", "install", "nodejs"], solve + ["--install", "nodejs"], args.runs,
        ok_a=(1,), labels=("mpm resolve modular (install nodejs)", None))
    if have_dnf:
        res["dnf warm (module list)"] = timed(D + ["-C", "module", "list"], args.runs, label="dnf warm (module list)")
        res["dnf warm (module info nodejs)"] = timed(D + ["-C", "module", "info", "nodejs"], args.runs,
                                                     label="dnf warm (module info nodejs)")
        res["dnf resolve modular (install nodejs)"] = timed(D + ["-C", "--assumeno", "install", "nodejs"],
                                                            args.runs, ok=(1,),
                                                            label="dnf resolve modular (install nodejs)")

    # Resolve only: what install would do, answered no. Exit 1 is "aborted" for both.
    res["mpm resolve (install --assumeno)"], res["raw libsolv (load + solve)"] = timed_pair(
        M + ["-C", "--assumeno", "install", resolve_one], solve + ["--install", resolve_one],
        args.runs, ok_a=(1,), labels=("mpm resolve (install --assumeno)", None))
    res["mpm resolve 100 (install --assumeno)"], res["raw libsolv (load + solve 100)"] = timed_pair(
        M + ["-C", "--assumeno", "install"] + resolve_many,
        solve + [a for n in resolve_many for a in ("--install", n)],
        args.runs, ok_a=(1,), labels=("mpm resolve 100 (install --assumeno)", None))
    if have_dnf:
        res["dnf resolve (install --assumeno)"] = timed(D + ["-C", "--assumeno", "install", resolve_one], args.runs,
                                                        ok=(1,), label="dnf resolve (install --assumeno)")
        res["dnf resolve 100 (install --assumeno)"] = timed(D + ["-C", "--assumeno", "install"] + resolve_many,
                                                            args.runs, ok=(1,),
                                                            label="dnf resolve 100 (install --assumeno)")

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
        for what in (["repoquery", "bash"], ["list", "--installed"], ["module", "list"]):
            label = f"warm, 1000 installed ({' '.join(what)})"
            res["mpm " + label], res["dnf " + label] = timed_pair(
                M + ["-C"] + what, D + ["-C"] + what, args.runs, minimum=args.runs,
                labels=("mpm " + label, "dnf " + label))
    rpmdb_file = os.path.join(mroot, "usr/lib/sysimage/rpm/rpmdb.sqlite")
    res["mpm, 1000 installed, @System changed (list --installed)"] = timed(
        M + ["-C", "list", "--installed"], args.runs, lambda: os.utime(rpmdb_file))

    # Install 300 small real RPMs into an empty root, from a local repository.
    small = small_repo(os.path.join(work, "small"))
    def fresh(root, baseurl=small, checks="gpgcheck=0\n"):
        def make():
            shutil.rmtree(root, ignore_errors=True)
            os.makedirs(os.path.join(root, "etc", "yum.repos.d"))
            with open(os.path.join(root, "etc", "yum.repos.d", "small.repo"), "w") as f:
                f.write(f"[small]\nname=small\nbaseurl=file://{baseurl}\n{checks}metadata_expire=never\n")
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
    def ready(root, tool, baseurl=small, checks="gpgcheck=0\n"):
        """A fresh root with the repository's metadata made by `tool`."""
        def make():
            fresh(root, baseurl, checks)()
            subprocess.run(tool + ["makecache"], check=True, stdout=subprocess.DEVNULL)
            os.sync()
        return make
    def empty(root):
        """An empty root, for a program that reads no repository."""
        def make():
            shutil.rmtree(root, ignore_errors=True)
            os.makedirs(root)
            os.sync()
        return make
    mpm_ready, dnf_ready = ready(sroot_m, SM), ready(sroot_d, SD)
    if have_dnf:
        res["mpm install 300 RPMs"], res["dnf install 300 RPMs"] = timed_pair(
            SM + ["install", "bench*"], SD + ["install", "bench*"], args.runs,
            before_a=mpm_ready, before_b=dnf_ready, minimum=max(args.runs, 9),
            labels=("mpm install 300 RPMs", "dnf install 300 RPMs"))
    else:
        res["mpm install 300 RPMs"] = timed(SM + ["install", "bench*"], args.runs, mpm_ready,
                                            label="mpm install 300 RPMs")
    # The floor: one process unpacking the same 300 payloads with libarchive, nothing else, into
    # the same kind of empty root (mpm/floor is the ratio the issue asks about).
    floor = os.path.join(build, "tests", "bench", "mpm_unpack_floor")
    sroot_f = os.path.join(roots, "small-floor")
    rpms = sorted(glob.glob(os.path.join(small, "*.rpm")))
    floor_ready = empty(sroot_f)
    res["mpm install 300 RPMs (again, vs floor)"], res["libarchive floor (unpack 300 RPMs)"] = timed_pair(
        SM + ["install", "bench*"], [floor, sroot_f] + rpms, args.runs, before_a=mpm_ready,
        before_b=floor_ready, minimum=max(args.runs, 9), labels=(None, "libarchive floor (unpack 300 RPMs)"))
    # What rpm itself takes for the same files (no resolving, no scriptlets, no signature or
    # digest checks): the work an install that rpm and dnf can read afterwards cannot skip
    # (headers, rpm's order, the RPM database), which the libarchive floor leaves out.
    if shutil.which("rpm"):
        sroot_r = os.path.join(roots, "small-rpm")
        rpm_ready = empty(sroot_r)
        res["mpm install 300 RPMs (again, vs rpm -i)"], res["rpm -i of the 300 RPMs"] = timed_pair(
            SM + ["install", "bench*"],
            ["rpm", "--root", sroot_r, "-i", "--nodeps", "--noscripts", "--nosignature", "--nodigest"] + rpms,
            args.runs, before_a=mpm_ready, before_b=rpm_ready, minimum=max(args.runs, 9),
            labels=(None, "rpm -i of the 300 RPMs"))

    # The same 300 RPMs into a root with the 1,000 packages above installed (rpm --justdb): an
    # install on a system in use also asks which installed packages own the paths it brings
    # (their files share names: file0.txt ... file4.txt), which an empty root never asks. Each
    # run starts from a copy of a root made once, its metadata and @System caches made.
    iroot_m, iroot_d = os.path.join(roots, "inst-mpm"), os.path.join(roots, "inst-dnf")
    IM = [mpm, "--installroot", iroot_m, "-q", "-y"]
    ID = [a.replace(sroot_d, iroot_d) for a in SD]
    def with_installed(root, tool):
        fresh(root)()
        r = subprocess.run(["rpm", "--root", root, "--dbpath", "/usr/lib/sysimage/rpm", "-i", "--justdb",
                            "--nodeps", "--noscripts", "--nosignature"] + sorted(glob.glob(many + "/*.rpm")),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit("cannot record 1,000 installed packages: " + r.stderr)
        subprocess.run(tool + ["makecache"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(tool + ["-C", "list", "--installed"], check=True, stdout=subprocess.DEVNULL)
        os.rename(root, root + ".made")
        def make():
            shutil.rmtree(root, ignore_errors=True)
            subprocess.run(["cp", "-a", root + ".made", root], check=True)
            os.sync()
        return make
    if have_dnf:
        res["mpm install 300 RPMs, 1000 installed"], res["dnf install 300 RPMs, 1000 installed"] = timed_pair(
            IM + ["install", "bench*"], ID + ["install", "bench*"], args.runs,
            before_a=with_installed(iroot_m, IM), before_b=with_installed(iroot_d, ID),
            minimum=max(args.runs, 9),
            labels=("mpm install 300 RPMs, 1000 installed", "dnf install 300 RPMs, 1000 installed"))

    # The same 300 RPMs signed (with a key made for the run), installed with gpgcheck on: both
    # tools import the repository's key (-y) and check every package's signature, as installs
    # from a distribution's repositories do.
    if have_dnf and shutil.which("rpmsign") and shutil.which("gpg"):
        signed = os.path.join(tmp, "signed")
        shutil.copytree(small, signed)
        gnupg = os.path.join(tmp, "gnupg")
        os.makedirs(gnupg, mode=0o700)
        subprocess.run(["gpg", "--batch", "--homedir", gnupg, "--passphrase", "", "--quick-gen-key",
                        "Bench Signer <bench@example.org>", "rsa2048", "sign", "never"],
                       check=True, capture_output=True)
        key = os.path.join(tmp, "bench-key.asc")
        with open(key, "w") as f:
            f.write(subprocess.run(["gpg", "--homedir", gnupg, "--armor", "--export", "bench@example.org"],
                                   check=True, capture_output=True, text=True).stdout)
        subprocess.run(["rpmsign", "--addsign", "--define", "__gpg /usr/bin/gpg", "--define",
                        "_gpg_name bench@example.org", "--define", f"_gpg_path {gnupg}"]
                       + sorted(glob.glob(os.path.join(signed, "*.rpm"))),
                       check=True, capture_output=True, stdin=subprocess.DEVNULL)
        subprocess.run(["createrepo_c", "--quiet", "--no-database", signed], check=True)
        checks = f"gpgcheck=1\ngpgkey=file://{key}\n"
        mpm_signed_ready, dnf_signed_ready = ready(sroot_m, SM, signed, checks), ready(sroot_d, SD, signed, checks)
        res["mpm install 300 signed RPMs"], res["dnf install 300 signed RPMs"] = timed_pair(
            SM + ["install", "bench*"], SD + ["install", "bench*"], args.runs,
            before_a=mpm_signed_ready, before_b=dnf_signed_ready, minimum=max(args.runs, 9),
            labels=("mpm install 300 signed RPMs", "dnf install 300 signed RPMs"))

    httpd.shutdown()
    if on_tmpfs:
        subprocess.run(["umount", roots])
    shutil.rmtree(tmp, ignore_errors=True)

    rows = [(k, v) for k, v in res.items()]
    print(f"\n{args.count}-package repo over http on loopback, median of {args.runs} runs "
          f"(mpm vs raw libsolv: {max(args.runs, 15)} alternating pairs); 300-RPM install roots "
          f"on {'a tmpfs' if on_tmpfs else 'the build disk'}\n")
    for k, v in rows:
        peak = f"{PEAK[k] / 1024:7.1f} MiB peak" if k in PEAK else ""
        print(f"  {k:55s} {v * 1000:8.1f} ms  {peak}")
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
        ratios["dnf/mpm resolve 100"] = (res["dnf resolve 100 (install --assumeno)"] /
                                         res["mpm resolve 100 (install --assumeno)"])
        ratios["dnf/mpm install 300"] = res["dnf install 300 RPMs"] / res["mpm install 300 RPMs"]
        ratios["dnf/mpm install 300, 1000 installed"] = (res["dnf install 300 RPMs, 1000 installed"] /
                                                         res["mpm install 300 RPMs, 1000 installed"])
        for what in ("repoquery bash", "list --installed", "module list"):
            label = f"warm, 1000 installed ({what})"
            ratios[f"dnf/mpm {what}, 1000 installed"] = res["dnf " + label] / res["mpm " + label]
    ratios["mpm install 300 / libarchive floor"] = (res["mpm install 300 RPMs (again, vs floor)"] /
                                                     res["libarchive floor (unpack 300 RPMs)"])
    if "dnf install 300 signed RPMs" in res:
        ratios["dnf/mpm install 300 signed"] = (res["dnf install 300 signed RPMs"] /
                                                res["mpm install 300 signed RPMs"])
    if "rpm -i of the 300 RPMs" in res:
        ratios["rpm -i / mpm install 300"] = (res["rpm -i of the 300 RPMs"] /
                                              res["mpm install 300 RPMs (again, vs rpm -i)"])
    ratios["mpm warm / raw libsolv"] = res["mpm warm (repoquery bash)"] / res["raw libsolv (load .solv)"]
    ratios["mpm whatprovides / raw libsolv"] = (res["mpm warm (repoquery --whatprovides file)"] /
                                                res["raw libsolv (load + match provides)"])
    ratios["mpm resolve / raw libsolv"] = res["mpm resolve (install --assumeno)"] / res["raw libsolv (load + solve)"]
    ratios["mpm resolve 100 / raw libsolv"] = (res["mpm resolve 100 (install --assumeno)"] /
                                               res["raw libsolv (load + solve 100)"])
    ratios["mpm modular resolve / raw libsolv"] = (res["mpm resolve modular (install nodejs)"] /
                                                   res["raw libsolv (load + solve nodejs)"])
    for k, v in ratios.items():
        print(f"  {k:55s} {v:8.2f}x")
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"seconds": res, "ratios": ratios, "peak_kib": PEAK, "runs": args.runs, "packages": args.count},
                  f, indent=2)


if __name__ == "__main__":
    main()
