#!/usr/bin/env python3
"""Generates a realistic large rpm-md repository for benchmarks (metadata only, no RPM files).

Packages: every RPM artifact named by the real EL8 AppStream module metadata in
../shared/data/el8-appstream (11.6k NEVRAs, source RPMs skipped), plus plain packages up to
--count (default 28,000). Each has provides (incl. sonames), requires on other packages
(some versioned, some rich, some on files: /bin/sh, another package's /usr/bin program, which
primary.xml lists, or one of its library files, which only filelists.xml lists), and 5-40 files,
so primary and filelists have the shape of a distribution repo.

The requires are layered as a distribution's are: a core (the first 2% of the plain names)
requires only earlier core packages; three tiers of libraries require the core and the tier
below; applications (the rest, and every modular artifact) require libraries and the core,
never each other. So every package can be installed, and an install pulls what one pulls from
a distribution (tens to a few hundred packages), not most of the repository. (Requires on
random packages made every install need most of the repository, and none could be installed:
each pulled in some package with no version new enough for a requirement.) modules.yaml and
defaults go in too, for the modularity benches. Deterministic: the same arguments give the same
repo.
"""
import argparse
import gzip
import hashlib
import os
import random
import re
import shutil
from xml.sax.saxutils import escape

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "el8-appstream")
NEVRA = re.compile(r"^\s+- ([^\s]+)-(\d+):([^-\s]+)-([^\s]+)\.(x86_64|noarch|i686)$")


def modular_artifacts(path):
    out = []
    with open(path) as f:
        for line in f:
            m = NEVRA.match(line)
            if m:
                out.append(m.groups())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=28000)
    ap.add_argument("--data", default=DATA)
    args = ap.parse_args()
    rnd = random.Random(42)

    pkgs = []
    seen = set()
    for name, epoch, ver, rel, arch in modular_artifacts(os.path.join(args.data, "modules.yaml")):
        key = (name, epoch, ver, rel, arch)
        if key not in seen:
            seen.add(key)
            pkgs.append(key)
    i = 0
    while len(pkgs) < args.count:
        name = f"pkg{i:05d}" + rnd.choice(["", "-libs", "-devel", "-doc", "-tools", "-common"])
        for v in range(rnd.choice([1, 1, 1, 2, 3])):
            if len(pkgs) >= args.count:
                break
            pkgs.append((name, "0", f"{rnd.randint(1, 9)}.{rnd.randint(0, 30)}.{v}", f"{rnd.randint(1, 9)}.el8",
                         rnd.choice(["x86_64", "x86_64", "noarch", "i686"])))
        i += 1

    plain = sorted({p[0] for p in pkgs if p[0].startswith("pkg")})
    # Files other packages may depend on, decided before the packages are written.
    programs = [n for i, n in enumerate(plain) if i % 3 == 0]
    libfiles = [f"/usr/lib64/{n}/f0.dat" for n in plain[::7]]
    files_of = {}
    primary, filelists = [], []
    programset, libset = set(programs), set(libfiles)
    # The layers: what each name may require.
    core_end = max(2, len(plain) // 50)
    tier_size = (len(plain) // 2 - core_end) // 3
    tiers = [plain[core_end + t * tier_size:core_end + (t + 1) * tier_size] for t in range(3)]
    core = plain[:core_end]
    position = {n: i for i, n in enumerate(plain)}
    level_of = {n: 0 for n in core}
    for t, names in enumerate(tiers):
        for n in names:
            level_of[n] = t + 1

    def candidates(name):
        """The names `name` may require, as (a pool to draw from, how many)."""
        level = level_of.get(name, 4)  # 4: an application (or a modular artifact)
        if level == 0:
            lower = core[:position[name]]
            return [(lower, rnd.randint(1, 3))] if lower else []
        if level == 1:
            return [(core, rnd.randint(1, 3))]
        if level in (2, 3):
            return [(core, rnd.randint(1, 2)), (tiers[level - 2], rnd.randint(1, 3))]
        return [(core, rnd.randint(1, 2)), (tiers[2], rnd.randint(1, 3)), (tiers[1], rnd.randint(0, 2))]
    for idx, (name, epoch, ver, rel, arch) in enumerate(pkgs):
        pkgid = hashlib.sha256(f"{name}-{epoch}:{ver}-{rel}.{arch}".encode()).hexdigest()
        libdir = "/usr/lib64" if arch == "x86_64" else "/usr/lib"
        files = [f"/usr/share/doc/{name}/README"] + [f"{libdir}/{name}/f{j}.dat" for j in range(rnd.randint(3, 38))]
        if f"/usr/lib64/{name}/f0.dat" in libset and f"/usr/lib64/{name}/f0.dat" not in files:
            files.append(f"/usr/lib64/{name}/f0.dat")
        if idx % 3 == 0 or name in programset:
            files.append(f"/usr/bin/{name}")
        if idx % 4 == 0:
            files.append(f"{libdir}/lib{name}.so.{ver.split('.')[0]}")
        files_of[name] = files
        provides = [f'<rpm:entry name="{escape(name)}" flags="EQ" epoch="{epoch}" ver="{escape(ver)}" rel="{escape(rel)}"/>']
        if idx % 4 == 0:
            provides.append(f'<rpm:entry name="lib{escape(name)}.so.{ver.split(".")[0]}()(64bit)"/>')
        reqs = []
        for pool, count in candidates(name):
            for _ in range(count):
                dep = rnd.choice(pool)
                kind = rnd.random()
                if kind < 0.15:
                    reqs.append(f'<rpm:entry name="{escape(dep)}" flags="GE" epoch="0" ver="0.1"/>')
                elif kind < 0.20:
                    reqs.append('<rpm:entry name="/bin/sh"/>')
                elif kind < 0.25 and dep in programset:
                    reqs.append(f'<rpm:entry name="/usr/bin/{escape(dep)}"/>')
                elif kind < 0.28 and f"/usr/lib64/{dep}/f0.dat" in libset:
                    reqs.append(f'<rpm:entry name="/usr/lib64/{escape(dep)}/f0.dat"/>')
                elif kind < 0.31:
                    reqs.append(f'<rpm:entry name="({escape(dep)} if {escape(rnd.choice(pool))})"/>')
                else:
                    reqs.append(f'<rpm:entry name="{escape(dep)}"/>')
        primary.append(
            f'<package type="rpm"><name>{escape(name)}</name><arch>{arch}</arch>'
            f'<version epoch="{epoch}" ver="{escape(ver)}" rel="{escape(rel)}"/>'
            f'<checksum type="sha256" pkgid="YES">{pkgid}</checksum>'
            f'<summary>The {escape(name)} package</summary><description>{escape(name)} is generated for benchmarks. '
            f'It stands for a real package of a distribution repository.</description>'
            f'<packager>bench</packager><url>https://example.org/{escape(name)}</url>'
            f'<time file="1700000000" build="1700000000"/><size package="{rnd.randint(5000, 5000000)}" '
            f'installed="{rnd.randint(10000, 20000000)}" archive="0"/>'
            f'<location href="Packages/{escape(name[0])}/{escape(name)}-{escape(ver)}-{escape(rel)}.{arch}.rpm"/>'
            f'<format><rpm:license>MIT</rpm:license><rpm:vendor>bench</rpm:vendor><rpm:group>Unspecified</rpm:group>'
            f'<rpm:buildhost>bench</rpm:buildhost><rpm:sourcerpm>{escape(name)}-{escape(ver)}-{escape(rel)}.src.rpm</rpm:sourcerpm>'
            f'<rpm:header-range start="4504" end="20000"/>'
            f'<rpm:provides>{"".join(provides)}</rpm:provides><rpm:requires>{"".join(reqs)}</rpm:requires>'
            + "".join(f"<file>{escape(f)}</file>" for f in files if f.startswith("/usr/bin/"))
            + "</format></package>")
        filelists.append(
            f'<package pkgid="{pkgid}" name="{escape(name)}" arch="{arch}"><version epoch="{epoch}" ver="{escape(ver)}" rel="{escape(rel)}"/>'
            + "".join(f"<file>{escape(f)}</file>" for f in files) + "</package>")
    # Something must provide /bin/sh.
    primary.append('<package type="rpm"><name>bash</name><arch>x86_64</arch><version epoch="0" ver="4.4.20" rel="4.el8"/>'
                   '<checksum type="sha256" pkgid="YES">' + hashlib.sha256(b"bash").hexdigest() + '</checksum>'
                   '<summary>The GNU Bourne Again shell</summary><description>bash</description><packager/><url/>'
                   '<time file="1" build="1"/><size package="1" installed="1" archive="0"/><location href="Packages/b/bash.rpm"/>'
                   '<format><rpm:provides><rpm:entry name="bash"/><rpm:entry name="/bin/sh"/></rpm:provides><file>/bin/sh</file></format></package>')
    filelists.append(f'<package pkgid="{hashlib.sha256(b"bash").hexdigest()}" name="bash" arch="x86_64">'
                     '<version epoch="0" ver="4.4.20" rel="4.el8"/><file>/bin/sh</file><file>/usr/bin/bash</file></package>')

    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(os.path.join(args.out, "repodata"))
    entries = []

    def write(mdtype, text, suffix):
        data = gzip.compress(text.encode(), compresslevel=6, mtime=0) if suffix.endswith(".gz") else text.encode()
        digest = hashlib.sha256(data).hexdigest()
        href = f"repodata/{digest}-{mdtype}{suffix}"
        with open(os.path.join(args.out, href), "wb") as f:
            f.write(data)
        entries.append(f'<data type="{mdtype}"><checksum type="sha256">{digest}</checksum>'
                       f'<location href="{href}"/><timestamp>1700000000</timestamp><size>{len(data)}</size></data>')

    n = len(primary)
    write("primary", '<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" '
          f'xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="{n}">\n' + "\n".join(primary) + "\n</metadata>\n", ".xml.gz")
    write("filelists", '<?xml version="1.0" encoding="UTF-8"?>\n<filelists xmlns="http://linux.duke.edu/metadata/filelists" '
          f'packages="{n}">\n' + "\n".join(filelists) + "\n</filelists>\n", ".xml.gz")
    with open(os.path.join(args.data, "modules.yaml")) as m, open(os.path.join(args.data, "defaults.yaml")) as d:
        write("modules", m.read() + d.read(), ".yaml.gz")
    with open(os.path.join(args.out, "repodata", "repomd.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<repomd xmlns="http://linux.duke.edu/metadata/repo" '
                'xmlns:rpm="http://linux.duke.edu/metadata/rpm"><revision>1700000000</revision>' + "".join(entries) + "</repomd>\n")
    print(f"{n} packages in {args.out}")


if __name__ == "__main__":
    main()
