"""Image builds: empty roots whose platform the repos tell, host paths on the command line, one
host cache shared by concurrent builds, and the dnf options build tools pass."""
import glob
import os
import re
import shutil
import subprocess
import time
import unittest
from pathlib import Path

from harness import MPM, MpmTestCase, build, fixture
import repos


class Platform(MpmTestCase):
    """An empty root (no os-release, no module_platform_id) with the modular fixture repo: the
    platform comes from a release package providing base-module(platform:X), installed or in
    an enabled repo, and is never guessed."""

    def setUp(self):
        super().setUp()
        self.write_repo("modular", fixture("modular"))

    def active_ctx(self, *opts):
        rows = self.ok(*opts, "module", "list", "ctx", "--json").json()
        return [(x["context"], x["active"]) for x in rows]

    def test_platform_from_an_available_release_package(self):
        self.write_repo("release", fixture("release-el8"))
        r = self.ok("-v", "module", "list", "ctx")
        self.assertIn("platform: platform:el8 (from fixture-release-8-1.noarch in 'release')", r.err)
        self.assertEqual(self.active_ctx(), [("el8ctx", True)])
        self.ok("-y", "install", "fixture-release", "ctxpkg")
        self.assertEqual(self.rpm_qa(), ["ctxpkg-0:1.0-1.el8.noarch", "fixture-release-0:8-1.noarch"])
        # Installed, the release package says it on its own: the repo that had it is gone.
        os.remove(os.path.join(self.root, "etc/yum.repos.d/release.repo"))
        r = self.ok("-v", "module", "info", "ctx:1")
        self.assertIn("platform: platform:el8 (from fixture-release-8-1.noarch in '@System')", r.err)

    def test_el9_release_picks_the_el9_context(self):
        self.write_repo("release", fixture("release-el9"))
        self.assertEqual(self.active_ctx(), [("el9ctx", True)])
        self.ok("-y", "install", "ctxpkg")
        self.assertEqual(self.rpm_qa(), ["ctxpkg-0:1.0-1.el9.noarch"])
        self.ok("-y", "module", "enable", "future:1")  # built for el9 only

    def test_configured_platform_wins_over_packages(self):
        self.write_repo("release", fixture("release-el9"))
        self.assertEqual(self.active_ctx("--setopt=module_platform_id=platform:el8"), [("el8ctx", True)])

    def test_no_platform_is_reported_not_guessed(self):
        r = self.ok("module", "list", "ctx", "--json")
        before = self.tree(self.root)
        self.assertEqual([(x["context"], x["active"]) for x in r.json()], [("el9ctx", False)],
                         "neither context is taken as fitting an unknown platform")
        warning = "the platform is unknown (no module_platform_id, no PLATFORM_ID in "
        self.assertEqual(r.err.count(warning), 1, r.err)
        self.assertIn("module streams built for a platform are not used; name it with "
                      "--setopt=module_platform_id=platform:STREAM", r.err)
        r = self.mpm("-y", "module", "enable", "ctx:1")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("cannot enable ctx:1: ctx:1 (context el8ctx) is built for platform:el8; ctx:1 (context "
                      "el9ctx) is built for platform:el9; this system's platform is unknown (no "
                      "module_platform_id", r.err.splitlines()[-1])
        self.assertTrue(r.err.splitlines()[-1].endswith(
            "name it with --setopt=module_platform_id=platform:STREAM"), r.err)
        after = self.tree(self.root)
        after.pop("var/lib/mpm/lock", None)  # the lock a refused change took, empty
        self.assertEqual(after, before)

    def test_invalid_platform_id_in_os_release_is_named(self):
        Path(self.root, "etc/os-release").write_text('NAME="Fixture"\nPLATFORM_ID="el8"\n')
        r = self.ok("module", "list", "ctx")
        self.assertIn(f"the platform is unknown (no module_platform_id, PLATFORM_ID 'el8' in {self.root}/etc/"
                      "os-release is not NAME:STREAM, no package providing", r.err)

    def test_two_platforms_in_the_repos_are_named(self):
        self.write_repo("el8", fixture("release-el8"))
        self.write_repo("el9", fixture("release-el9"))
        r = self.ok("module", "list", "ctx", "--json")
        self.assertIn("the platform is unknown (the enabled repositories are for several platforms: "
                      "platform:el8 (fixture-release-8-1.noarch in 'el8'), platform:el9 "
                      "(fixture-release-9-1.noarch in 'el9'))", r.err)
        self.assertEqual([x["active"] for x in r.json()], [False])
        # Naming it settles it.
        self.assertEqual(self.active_ctx("--setopt=module_platform_id=platform:el9"), [("el9ctx", True)])


class Demodularized(MpmTestCase):
    """dm:1's newest build says dmpkg is a plain package now: the plain dmpkg 2.0 is no longer
    hidden behind the older build's dmpkg 1.0."""

    def test_demodularized_package_is_plain(self):
        self.write_repo("dm", fixture("demodularized"))
        self.write_conf("[main]\nmodule_platform_id=platform:el8\n")
        versions = self.ok("repoquery", "dmpkg", "--qf", "%{version}").out.split()
        self.assertEqual(sorted(versions), ["1.0", "2.0"])
        self.ok("-y", "install", "dmpkg")
        self.assertEqual(self.rpm_qa(), ["dmpkg-0:2.0-1.noarch"])
        # The build before (version 1 only) still hides it: no demodularized list there.
        self.ok("-y", "remove", "dmpkg")
        self.ok("-y", "install", "dmpkg-1.0")
        self.assertEqual(self.rpm_qa(), ["dmpkg-0:1.0-1.noarch"])


class HostPaths(MpmTestCase):
    """dnf's rule: a path on the command line (-c, --setopt of cachedir, reposdir, varsdir,
    persistdir, --repofrompath, --downloaddir, key files) is a host path; the root's own
    configuration names paths inside the root."""

    def setUp(self):
        super().setUp()
        self.host = os.path.join(self.tmp, "host")
        os.makedirs(os.path.join(self.host, "repos"))

    def no_cache_in_root(self):
        self.assertFalse(os.path.exists(os.path.join(self.root, "var/cache")),
                         os.listdir(os.path.join(self.root, "var")) if os.path.isdir(os.path.join(self.root, "var")) else "")

    def test_setopt_cachedir_is_on_the_host(self):
        srv = self.serve(fixture("base"))
        self.write_repo("web", srv.url)
        cache = os.path.join(self.host, "cache")
        self.ok("-y", f"--setopt=cachedir={cache}", "install", "hello")
        self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa())
        self.assertTrue(glob.glob(os.path.join(cache, "web-*", "gen-*", "repomd.xml")))
        self.no_cache_in_root()

    def test_config_file_named_with_c_is_read_with_host_paths(self):
        Path(self.host, "repos", "host.repo").write_text(
            f"[hostrepo]\nname=On the host\nbaseurl=file://{fixture('base')}\ngpgcheck=0\n")
        self.write_repo("inroot", fixture("extra"))  # the root's own: not read with reposdir set
        conf = Path(self.host, "mpm.conf")
        conf.write_text(f"[main]\nreposdir={self.host}/repos\ncachedir={self.host}/cache\n")
        rows = self.ok("-c", str(conf), "repolist", "--json").json()
        self.assertEqual([r["id"] for r in rows], ["hostrepo"])
        self.ok("-y", "-c", str(conf), "install", "bash-lite")
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64"])
        self.no_cache_in_root()

    def test_setopt_reposdir_and_varsdir_are_on_the_host(self):
        os.makedirs(os.path.join(self.host, "vars"))
        Path(self.host, "vars", "fixture").write_text(os.path.dirname(fixture("base")) + "\n")
        Path(self.host, "repos", "v.repo").write_text(
            f"[v]\nname=v\nbaseurl=file://$fixture/{os.path.basename(fixture('base'))}\ngpgcheck=0\n")
        r = self.ok(f"--setopt=reposdir={self.host}/repos", f"--setopt=varsdir={self.host}/vars",
                    "repoquery", "bash-lite")
        self.assertIn("bash-lite-0:5.1-1.x86_64", r.out)

    def test_varsdir_in_the_roots_config_is_inside_the_root(self):
        os.makedirs(os.path.join(self.root, "etc/mpm/vars"))
        Path(self.root, "etc/mpm/vars", "where").write_text(fixture("base") + "\n")
        self.write_conf("[main]\nvarsdir=/etc/mpm/vars\n")
        self.write_repo("v", "$where")
        self.assertIn("bash-lite", self.ok("repoquery", "bash-lite").out)

    def test_where_repositories_were_looked_for(self):
        r = self.ok(f"--setopt=reposdir={self.host}/nothing-here", "repolist")
        self.assertIn(f"no repository is configured: mpm looked for *.repo files in {self.host}/nothing-here, "
                      "which does not exist; "
                      "name a host directory with --setopt=reposdir=DIR or a repository with "
                      "--repofrompath=ID,PATH", r.err)
        r = self.fails(1, "install", "hello")
        self.assertIn(f"no package matches 'hello': no repository is configured: mpm looked for *.repo files "
                      f"in {self.root}/etc/yum.repos.d, and in {self.root}/etc/yum/repos.d, "
                      f"{self.root}/etc/distro.repos.d, {self.root}/etc/mpm/repos.d, which do not exist", r.err)
        r = self.fails(2, "-c", self.host, "repolist")
        self.assertIn(f"--config: {self.host} is a directory, not a configuration file", r.err)
        self.write_repo("off", fixture("base"), enabled="0")
        r = self.fails(1, "install", "hello")
        self.assertIn("no package matches 'hello': no repository is enabled (1 disabled; mpm repolist --all "
                      "lists them, --enablerepo=ID enables one)", r.err)

    def test_repofrompath_and_downloaddir_are_on_the_host(self):
        srv = self.serve(fixture("base"))
        dl = os.path.join(self.host, "dl")
        self.ok("-y", f"--repofrompath=web,{srv.url}", f"--setopt=cachedir={self.host}/cache",
                "install", "--downloadonly", f"--downloaddir={dl}", "bash-lite")
        self.assertEqual(os.listdir(dl), ["bash-lite-5.1-1.x86_64.rpm"])
        self.no_cache_in_root()
        # A relative --repofrompath is taken from where mpm runs, as a shell would.
        link = os.path.join(self.host, "rel")
        os.symlink(fixture("base"), link)
        r = subprocess.run([MPM, "--installroot", self.root, "--repofrompath=rel,rel", "repoquery", "bash-lite"],
                           capture_output=True, text=True, cwd=self.host)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("bash-lite", r.stdout)

    def test_repositories_in_the_config_file(self):
        # mock's way: the repositories in the file given with -c, reposdir=/dev/null.
        conf = Path(self.host, "dnf.conf")
        conf.write_text(f"[main]\nreposdir=/dev/null\ncachedir={self.host}/cache\n\n"
                        f"[fromconf]\nname=In the config file\nbaseurl=file://{fixture('base')}\ngpgcheck=0\n")
        self.write_repo("inroot", fixture("extra"))
        rows = self.ok("-c", str(conf), "repolist", "--json").json()
        self.assertEqual([(r["id"], r["file"]) for r in rows], [("fromconf", str(conf))])
        self.ok("-y", "-c", str(conf), "install", "bash-lite")
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64"])

    def test_offline_rebuild_from_the_host_cache(self):
        srv = self.serve(fixture("base"))
        self.write_repo("web", srv.url)
        cache = os.path.join(self.host, "cache")
        opts = [f"--setopt=cachedir={cache}", "--setopt=keepcache=1"]
        self.ok("-y", *opts, "install", "hello")
        first = self.rpm_qa()
        srv.stop()
        self.servers.remove(srv)
        # A second root, no network: -C uses the host cache's metadata and packages.
        second = os.path.join(self.tmp, "root2")
        os.makedirs(os.path.join(second, "etc/yum.repos.d"))
        shutil.copy(os.path.join(self.root, "etc/yum.repos.d/web.repo"), os.path.join(second, "etc/yum.repos.d"))
        r = self.mpm("--installroot", second, "-y", "-C", *opts, "install", "hello", root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.rpm_qa(root=second), first)
        self.assertFalse(os.path.exists(os.path.join(second, "var/cache")))
        # keepcache=0 deletes only what a run downloaded itself: a third offline build works.
        third = os.path.join(self.tmp, "root3")
        shutil.copytree(os.path.join(self.root, "etc"), os.path.join(third, "etc"))
        r = self.mpm("--installroot", third, "-y", "-C", f"--setopt=cachedir={cache}", "install", "hello",
                     root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.rpm_qa(root=third), first)

    def test_cacheonly_downloads_no_package(self):
        srv = self.serve(fixture("base"))
        self.write_repo("web", srv.url)
        cache = os.path.join(self.host, "cache")
        self.ok(f"--setopt=cachedir={cache}", "makecache")
        before = len(srv.requests)
        r = self.fails(1, "-y", "-C", f"--setopt=cachedir={cache}", "install", "bash-lite")
        self.assertIn("package bash-lite-5.1-1.x86_64 is not in the cache and -C (--cacheonly) downloads "
                      "nothing; run without -C, with keepcache=1 to keep packages for offline runs", r.err)
        self.assertEqual(srv.requests[before:], [])
        self.assertEqual(self.rpm_qa(), [])
        # One that is there but damaged is not said to be missing.
        packages = glob.glob(os.path.join(cache, "web-*", "packages"))[0]
        shutil.copy(os.path.join(fixture("base"), "bash-lite-5.1-1.x86_64.rpm"), packages)
        with open(os.path.join(packages, "bash-lite-5.1-1.x86_64.rpm"), "r+b") as f:
            f.seek(200)
            f.write(b"damage")
        r = self.fails(1, "-y", "-C", f"--setopt=cachedir={cache}", "install", "bash-lite")
        self.assertIn("package bash-lite-5.1-1.x86_64 in the cache", r.err)
        self.assertIn("does not match the repository's checksum, and -C (--cacheonly) downloads nothing", r.err)
        self.assertEqual(self.rpm_qa(), [])


    def test_an_install_writes_nothing_outside_the_root(self):
        # Every file an install creates, renames or removes is under the root (its cache
        # included): SQLite's statement journals for the RPM database's inserts once went to
        # the host's /var/tmp. strace -y names the directory of every *at() call.
        if subprocess.run(["strace", "-o", os.devnull, "true"], capture_output=True).returncode != 0:
            self.skipTest("strace cannot trace processes here")
        self.write_repo("base", fixture("base"))
        log = os.path.join(self.tmp, "strace.log")
        calls = "openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,symlink,symlinkat,link,linkat"
        # (LeakSanitizer cannot run under ptrace: an ASan build checks leaks in every other test.)
        env = dict(os.environ, ASAN_OPTIONS=":".join(filter(None, [os.environ.get("ASAN_OPTIONS"),
                                                                    "detect_leaks=0"])))
        # -ff: a log per process (mpm writes the RPM database from a helper running beside it),
        # so that no call is split across lines by another process's.
        r = subprocess.run(["strace", "-ff", "-y", "-qq", "-o", log, "-e", "trace=" + calls, MPM,
                            "--installroot", self.root, "-y", "install", "hello", "bash-lite"],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sorted(self.rpm_qa()), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch",
                                                 "libgreet-0:2.0-1.x86_64"])
        logs = glob.glob(log + ".*")
        self.assertGreaterEqual(len(logs), 2, "the writer of the RPM database is traced too")
        calls_made = [line for f in logs for line in Path(f).read_text().splitlines()
                      if re.match(r"\w+\(", line)]
        self.assertTrue(any("rpmdb.sqlite" in c and "O_CREAT" in c for c in calls_made), "the log has the writes")
        # (/dev/null opened for writing is no file written: the writer's stdout goes there.)
        writes = [line for line in calls_made
                  if ("O_CREAT" in line or "O_WRONLY" in line or "O_RDWR" in line or not line.startswith("open"))
                  and self.root not in line and "= -1" not in line and '"/dev/null"' not in line]
        self.assertEqual(writes, [])


class SharedCache(MpmTestCase):
    """Four builds into four empty roots at once, one host cache, an http repo."""

    WANT = ["bash-lite-0:5.1-1.x86_64", "greet-config-2:1.0-1.noarch", "hello-0:2.0-1.noarch",
            "libgreet-0:2.0-1.x86_64"]

    def start(self, root, cache, *extra):
        os.makedirs(os.path.join(root, "etc/yum.repos.d"), exist_ok=True)
        Path(root, "etc/yum.repos.d/web.repo").write_text(f"[web]\nname=web\nbaseurl={self.srv.url}\ngpgcheck=0\n")
        return subprocess.Popen([MPM, "--installroot", root, "-y", f"--setopt=cachedir={cache}", *extra,
                                 "install", "greet-config"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)

    def check_root(self, root):
        self.assertEqual(self.rpm_qa(root=root), self.WANT)
        v = self.rpm("-Va", root=root)
        self.assertEqual((v.rc, v.out), (0, ""), v)
        self.assertFalse(os.path.exists(os.path.join(root, "var/cache")))

    def test_four_builds_one_cache(self):
        self.srv = self.serve(fixture("base"))
        self.srv.slow("/repodata/repomd.xml", 0.3)   # all four are waiting on the first refresh
        self.srv.slow("/libgreet", 0.5)              # and overlap on the downloads
        cache = os.path.join(self.tmp, "cache")
        roots = [os.path.join(self.tmp, f"img{i}") for i in range(4)]
        procs = [self.start(r, cache, "--setopt=keepcache=1") for r in roots]
        for p in procs:
            out, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        for r in roots:
            self.check_root(r)
        reqs = self.srv.requests
        self.assertEqual(reqs.count("/repodata/repomd.xml"), 1, reqs)
        self.assertEqual(sum("primary" in q for q in reqs), 1, reqs)
        rpms = [q for q in reqs if q.endswith(".rpm")]
        self.assertEqual(sorted(rpms), sorted(set(rpms)), "each package downloaded once")
        self.assertEqual(len(rpms), 4)
        # Nothing half-written or stale is left behind: the packages, no locks, no temps.
        pkgs = glob.glob(os.path.join(cache, "web-*", "packages", "*"))
        self.assertEqual(sorted(os.path.basename(x) for x in pkgs),
                         sorted(os.path.basename(q) for q in rpms))
        self.assertEqual(glob.glob(os.path.join(cache, "web-*", ".tmp-*")), [])

    def test_keepcache_off_never_deletes_what_another_uses(self):
        self.srv = self.serve(fixture("base"))
        self.srv.slow("/libgreet", 0.5)
        cache = os.path.join(self.tmp, "cache")
        roots = [os.path.join(self.tmp, f"img{i}") for i in range(4)]
        procs = [self.start(r, cache) for r in roots]
        for p in procs:
            out, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        for r in roots:
            self.check_root(r)

    def test_clean_while_others_build(self):
        self.srv = self.serve(fixture("base"))
        self.srv.slow("/", 0.4)  # every request: the build takes a few seconds
        cache = os.path.join(self.tmp, "cache")
        root = os.path.join(self.tmp, "img")
        proc = self.start(root, cache)
        in_use = 0
        while proc.poll() is None:
            r = self.mpm(f"--setopt=cachedir={cache}", "clean", "all", "--json")
            self.assertEqual(r.rc, 0, r)
            in_use += r.json()["in_use"]
            time.sleep(0.1)
        out, err = proc.communicate()
        self.assertEqual(proc.returncode, 0, err)
        self.check_root(root)
        self.assertGreater(in_use, 0, "clean ran while the build used the cache and left its files")
        self.ok(f"--setopt=cachedir={cache}", "clean", "all")
        self.assertEqual(os.listdir(cache), [], "once nobody uses it, clean all empties the cache")


class DnfOptions(MpmTestCase):
    """The options build tools (mkosi, mock, kickstarts, Ansible) pass to dnf."""

    def test_best_and_nobest(self):
        self.write_repo("r", build({"packages": [
            repos.pkg("picky", "1.0"), repos.pkg("picky", "2.0", requires=["libnowhere"])]}))
        r = self.mpm("-y", "--best", "install", "picky")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("libnowhere", r.err)
        r = self.mpm("-y", "--nobest", "--best", "install", "picky")
        self.assertEqual(r.rc, 1, "the last one wins, as in dnf")
        self.ok("-y", "--best", "--nobest", "install", "picky")
        self.assertEqual(self.rpm_qa(), ["picky-0:1.0-1.noarch"])

    def test_plugins_options_are_accepted_and_noted(self):
        self.write_repo("base", fixture("base"))
        r = self.ok("--noplugins", "--disableplugin=subscription-manager", "--disableplugin", "product-id,versionlock",
                    "--enableplugin=x", "-v", "repoquery", "hello")
        self.assertIn("mpm has no plugins: --noplugins, --disableplugin and --enableplugin change nothing", r.err)
        r = self.ok("--noplugins", "repoquery", "hello")
        self.assertNotIn("plugins", r.err, "said only with -v")

    def test_harmless_dnf_setopts_are_noted(self):
        self.write_repo("base", fixture("base"))
        r = self.ok("--setopt=deltarpm=0", "--setopt=install_weak_deps=False", "-v", "repoquery", "hello")
        self.assertIn("--setopt deltarpm: a dnf option mpm accepts and ignores", r.err)

    def test_cacheonly_in_the_configuration_is_minus_c(self):
        """dnf.conf's cacheonly=True: a hermetic build that sets it downloads nothing."""
        self.write_repo("base", fixture("base"))
        r = self.mpm("--setopt=cacheonly=True", "repoquery", "hello")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("no cached metadata", r.err)
        self.assertFalse(glob.glob(os.path.join(self.root, "var/cache/mpm/*/repodata")), "nothing downloaded")
        self.ok("makecache")
        self.assertEqual(self.ok("--setopt=cacheonly=1", "repoquery", "--qf", "%{name}", "hello-1.0").out, "hello\n")

    def test_global_nodocs(self):
        self.write_repo("base", fixture("base"))
        self.ok("-y", "--nodocs", "install", "hello-1.0")
        self.assertTrue(os.path.exists(os.path.join(self.root, "usr/bin/hello")))
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/share/doc/hello/README")))
        self.assertEqual(self.rpm("-V", "hello").rc, 0)

    def test_global_options_after_the_command_take_one_value(self):
        self.write_repo("base", fixture("base"))
        # dnf's "install -x PKG NAME": -x takes old-greeter, greet-config is a package to install.
        def planned(*args):
            r = self.mpm("--assumeno", *args, "--json")
            self.assertEqual((r.rc, r.json()["result"]), (1, "aborted"), r)
            return {p["name"] for p in r.json()["transaction"]}
        self.assertTrue({"hello", "greet-config"} <= planned("install", "hello", "-x", "old-greeter", "greet-config"))
        self.assertIn("hello", planned("install", "--setopt=tsflags=nodocs", "--repo", "base", "hello"))

    def test_transaction_options_before_the_command(self):
        self.write_repo("base", fixture("base"))
        self.write_repo("trouble", fixture("trouble"))
        self.ok("-y", "install", "hello")
        r = self.fails(1, "-y", "install", "conflicts-hello")
        self.assertIn("--allowerasing", r.err)
        self.ok("-y", "--allowerasing", "install", "conflicts-hello")  # mock passes it so
        self.assertNotIn("hello-0:2.0-1.noarch", self.rpm_qa())
        dl = os.path.join(self.tmp, "dl")
        self.ok("-y", "--downloadonly", f"--downloaddir={dl}", "install", "greet-extras")
        self.assertIn("greet-extras-1.0-1.noarch.rpm", os.listdir(dl))
        self.ok("-y", "--skip-broken", "install", "needs-missing", "unicode-pkg")
        self.assertIn("unicode-pkg-0:1.0-1.noarch", self.rpm_qa())

    def test_exclude(self):
        self.write_repo("base", fixture("base"))
        r = self.fails(1, "-y", "-x", "hello", "install", "hello")
        self.assertIn("no package matches 'hello' (excluded by excludepkgs/includepkgs)", r.err)
        r = self.fails(1, "-y", "--exclude=libgreet*,unicode-pkg", "install", "hello")
        self.assertIn("libgreet", r.err)
        self.assertNotIn("unicode-pkg", self.ok("-x", "x", "--exclude", "unicode-*", "repoquery").out)
        self.ok("-y", "--exclude=unicode-pkg", "install", "hello-2.0")
        # An exclude that breaks a dependency is named as such, and --disableexcludes lifts it.
        self.write_conf("[main]\nexcludepkgs=libgreet-2*\n")
        self.ok("-y", "remove", "hello")
        r = self.fails(1, "-y", "install", "hello-2.0")
        self.assertIn("package libgreet-2.0-1.x86_64 is filtered out by excludepkgs/includepkgs", r.err)
        self.ok("-y", "--disableexcludes=main", "install", "hello-2.0")
        r = self.fails(2, "--disableexcludes=nosuch", "repolist")
        self.assertIn("--disableexcludes: 'nosuch' is neither all, main nor a repository id", r.err)

    def test_forcearch_installs_another_architecture(self):
        if os.path.exists("/proc/sys/fs/binfmt_misc/qemu-aarch64"):
            self.skipTest("this host runs aarch64 programs (binfmt_misc): scriptlets would run")
        self.write_repo("f", fixture("foreign"))
        r = self.fails(1, "-y", "install", "armtool")
        self.assertIn("cannot install 'armtool': the repositories have it only for aarch64, which does not fit "
                      "this system's x86_64 (--forcearch=aarch64 builds a root for aarch64)", r.err)
        self.assertNotIn("armtool", self.ok("list").out, "another architecture's packages are not offered")
        r = self.ok("-y", "--forcearch=aarch64", "install", "armtool", "anytool")
        self.assertEqual(self.rpm_qa(), ["anytool-0:1.0-1.noarch", "armtool-0:1.0-1.aarch64"])
        self.assertIn("scriptlets were not run: the packages are for aarch64 (--forcearch), which this host "
                      "cannot run", r.err)
        self.assertFalse(os.path.exists(os.path.join(self.root, "var/tmp/armtool.post")))
        r = self.fails(1, "-y", "--forcearch=aarch64", "install", "hosttool")
        self.assertIn("hosttool", r.err)
        for arch in ("m68k", "noarch"):
            r = self.fails(2, f"--forcearch={arch}", "repoquery")
            self.assertIn(f"--forcearch: '{arch}' is not an architecture mpm knows", r.err)

    def test_unknown_options_fail_in_mpms_words(self):
        for args in (["--frobnicate", "repolist"], ["--frobnicate-more", "never", "repolist"]):
            r = self.fails(2, *args)
            self.assertEqual(r.err.strip(), f"Error: mpm does not know the option '{args[0]}'; mpm --help lists "
                                            "the options (dnf's that mpm takes are in mpm(8))")


class Reproducible(MpmTestCase):
    """SOURCE_DATE_EPOCH: two builds of a root from the same repositories compare equal byte for
    byte, databases included, whatever path the roots are at and whatever order the
    repositories are listed in."""

    EPOCH = "1700000000"

    def build(self, root, repo_order, epoch=EPOCH):
        os.makedirs(os.path.join(root, "etc"))
        Path(root, "etc/os-release").write_text('PLATFORM_ID="platform:el8"\n')
        repos_dir = root + "-repos"  # on the host, beside the root: not part of it
        os.makedirs(repos_dir)
        Path(repos_dir, "all.repo").write_text("".join(
            f"[{rid}]\nname={rid}\nbaseurl=file://{fixture(rid)}\ngpgcheck=0\n\n" for rid in repo_order))
        env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
        common = ["--installroot", root, "-y", f"--setopt=reposdir={repos_dir}",
                  f"--setopt=cachedir={root}-cache"]
        # unicode-pkg in and out: a change that keeps the RPM database's size and (clamped)
        # mtime must still be seen by the next command.
        for args in (["install", "busybox-sh", "hello", "greet-extras", "nodejs", "scripted"],
                     ["install", "unicode-pkg"], ["remove", "unicode-pkg"],
                     ["remove", "greet-extras"]):
            r = self.mpm(*common, *args, root=False, env=env)
            self.assertEqual(r.rc, 0, r)
        # Queries leave the root as it was (no -wal/-shm, no directory times moved).
        for args in (["list", "--installed"], ["history"], ["module", "list"], ["lock", "hello"]):
            r = self.mpm(*common, *args, root=False, env=env)
            self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.rpm("-qa", root=root).rc, 0)

    def walk(self, root):
        """{path: (mode, uid, gid, mtime in ns, content digest or link target)} of everything."""
        import hashlib
        out = {}
        for base, dirs, files in os.walk(root):
            for n in dirs + files:
                p = os.path.join(base, n)
                st = os.lstat(p)
                if os.path.islink(p):
                    what = os.readlink(p)
                elif os.path.isfile(p):
                    what = hashlib.sha256(Path(p).read_bytes()).hexdigest()
                else:
                    what = None
                out[os.path.relpath(p, root)] = (st.st_mode, st.st_uid, st.st_gid, st.st_mtime_ns, what)
        return out

    def test_two_builds_are_byte_identical(self):
        one, two = os.path.join(self.tmp, "one"), os.path.join(self.tmp, "somewhere", "else", "two")
        self.build(one, ["base", "modular", "scripts"])
        self.build(two, ["scripts", "modular", "base"])
        a, b = self.walk(one), self.walk(two)
        self.assertEqual(sorted(a), sorted(b))
        self.assertEqual({k: v for k, v in a.items() if v != b[k]}, {}, "every file, directory and link equal")
        self.assertIn("usr/lib/sysimage/rpm/rpmdb.sqlite", a)
        self.assertIn("var/lib/mpm/mpm.sqlite", a)
        self.assertIn("var/log/scripted.log", a, "the scriptlets ran")
        self.assertEqual([k for k in a if k.endswith(("-wal", "-shm", "-journal"))], [], "databases closed")
        # No time past the epoch, but a package's file at the time its package gives it: as
        # reproducible, and what rpm -V checks.
        packaged = {f.lstrip("/") for f in self.rpm("-qal", root=one).out.split()}
        self.assertEqual(max(v[3] for k, v in a.items() if k not in packaged or not os.path.isfile(os.path.join(one, k))),
                         int(self.EPOCH) * 10**9, "no time past the epoch")
        self.assertGreater(a["usr/bin/hello"][3], int(self.EPOCH) * 10**9, "the fixtures were built after it")
        r = self.rpm("-Va", root=one)
        self.assertEqual((r.rc, r.out), (0, ""), r)
        self.assertEqual(self.rpm("-q", "--qf", "%{INSTALLTIME} %{INSTALLTID}\n", "hello", root=one).out.strip(),
                         f"{self.EPOCH} {self.EPOCH}")
        import sqlite3
        with sqlite3.connect(os.path.join(one, "var/lib/mpm/mpm.sqlite")) as c:
            rows = c.execute("SELECT begin_time, end_time, cmdline FROM history ORDER BY rowid").fetchall()
        e = int(self.EPOCH)
        self.assertEqual(rows, [(e, e, "-y install busybox-sh hello greet-extras nodejs scripted"),
                                (e, e, "-y install unicode-pkg"), (e, e, "-y remove unicode-pkg"),
                                (e, e, "-y remove greet-extras")],
                         "history holds no host path")
        self.assertNotIn("unicode-pkg-0:1.0-1.noarch", self.rpm_qa(root=one))
        self.assertEqual(self.rpm_qa(root=one), self.rpm_qa(root=two))

    def test_a_root_given_as_a_link(self):
        """--installroot LINK: the directory it points at is settled, the link (a host file)
        keeps its time."""
        real, link = os.path.join(self.tmp, "real"), os.path.join(self.tmp, "link")
        os.makedirs(real)
        os.symlink(real, link)
        before = os.lstat(link).st_mtime_ns
        self.build(link, ["base", "modular", "scripts"])
        self.assertEqual(os.lstat(link).st_mtime_ns, before, "the host's link is left alone")
        packaged = {f.lstrip("/") for f in self.rpm("-qal", root=real).out.split()}
        times = [v[3] for k, v in self.walk(real).items()
                 if k not in packaged or not os.path.isfile(os.path.join(real, k))]
        self.assertEqual(max(times + [os.lstat(real).st_mtime_ns]), int(self.EPOCH) * 10**9,
                         "no time past the epoch but the packages' own")
        self.assertEqual(self.rpm("-Va", root=real).out, "")

    def test_history_does_not_depend_on_paths_or_output_options(self):
        rpm = next(f for f in os.listdir(fixture("base")) if f.startswith("unicode-pkg"))
        lines = []
        conf = os.path.join(self.tmp, "empty.conf")
        Path(conf).write_text("[main]\n")
        for n, extra in enumerate((["-q"], ["--json", "-v", "--setopt=keepcache=1", "-qv", f"-c{conf}", "-d3"])):
            root, where = os.path.join(self.tmp, f"r{n}"), os.path.join(self.tmp, f"rpms{n}")
            os.makedirs(where)
            shutil.copy(os.path.join(fixture("base"), rpm), where)
            r = self.mpm("--installroot", root, "-y", *extra, "--setopt=reposdir=/nonexistent",
                         f"--setopt=x.sslcacert={where}/ca.pem", "--comment", "built from a/b.rpm", "install",
                         os.path.join(where, rpm), root=False, env={"SOURCE_DATE_EPOCH": self.EPOCH})
            self.assertEqual(r.rc, 0, r)
            import sqlite3
            with sqlite3.connect(os.path.join(root, "var/lib/mpm/mpm.sqlite")) as c:
                lines.append(c.execute("SELECT cmdline, comment FROM history").fetchall())
        self.assertEqual(lines[0], [(f"-y --comment built from a/b.rpm install {rpm}", "built from a/b.rpm")])
        self.assertEqual(lines[0], lines[1])

    def test_bind_mounts_in_the_root_are_left_alone(self):
        one = os.path.join(self.tmp, "one")
        os.makedirs(os.path.join(one, "mnt", "data"))
        hostdata = os.path.join(self.tmp, "hostdata")
        os.makedirs(hostdata)
        Path(hostdata, "keep.txt").write_text("host\n")
        before = os.lstat(os.path.join(hostdata, "keep.txt")).st_mtime_ns
        if subprocess.run(["mount", "--bind", hostdata, os.path.join(one, "mnt", "data")],
                          capture_output=True).returncode != 0:
            self.skipTest("cannot bind-mount here (not root, or no mount namespace)")
        try:
            self.build(one, ["base", "modular", "scripts"])
        finally:
            subprocess.run(["umount", os.path.join(one, "mnt", "data")], check=True)
        self.assertEqual(os.lstat(os.path.join(hostdata, "keep.txt")).st_mtime_ns, before,
                         "a host file seen through a bind mount keeps its time")
        self.assertEqual(os.lstat(os.path.join(one, "usr/bin/hello")).st_mtime_ns,
                         int(self.rpm("-q", "--qf", "[%{FILEMTIMES}\n]", "hello", root=one).out.split()[0]) * 10**9)
        self.assertEqual(os.lstat(os.path.join(one, "usr/bin")).st_mtime_ns, int(self.EPOCH) * 10**9)

    def test_without_source_date_epoch_nothing_changes(self):
        import time
        one = os.path.join(self.tmp, "one")
        self.build(one, ["base", "modular", "scripts"], epoch=None)
        installed = int(self.rpm("-q", "--qf", "%{INSTALLTIME}", "hello", root=one).out)
        self.assertLess(abs(installed - time.time()), 3600)
        import sqlite3
        with sqlite3.connect(os.path.join(one, "var/lib/mpm/mpm.sqlite")) as c:
            cmdline = c.execute("SELECT cmdline FROM history ORDER BY rowid").fetchone()[0]
        self.assertIn(f"--installroot {one}", cmdline)

    def test_malformed_source_date_epoch_is_refused(self):
        self.write_repo("base", fixture("base"))
        r = self.mpm("-y", "install", "hello", env={"SOURCE_DATE_EPOCH": "yesterday"})
        self.assertEqual(r.rc, 2, r)
        self.assertIn("SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970", r.err)
        self.assertEqual(self.rpm_qa(), [])


class Lockfiles(MpmTestCase):
    """mpm lock writes rpms.lock.yaml; install --from-lock installs exactly that, verified,
    offline when the packages are at hand; lock --check says whether it is still current."""

    SPECS = ["hello", "greet-extras", "@nodejs:20/common"]

    def setUp(self):
        super().setUp()
        self.host = os.path.join(self.tmp, "host")
        os.makedirs(os.path.join(self.host, "repos"))
        Path(self.root, "etc/os-release").write_text('PLATFORM_ID="platform:el8"\n')

    def repos(self, **urls):
        Path(self.host, "repos", "all.repo").write_text("".join(
            f"[{rid}]\nname={rid}\nbaseurl={url}\ngpgcheck=0\n\n" for rid, url in urls.items()))

    def host_opts(self):
        return [f"--setopt=reposdir={self.host}/repos", f"--setopt=cachedir={self.host}/cache"]

    def fresh_root(self, name):
        root = os.path.join(self.tmp, name)
        os.makedirs(os.path.join(root, "etc"))
        Path(root, "etc/os-release").write_text('PLATFORM_ID="platform:el8"\n')
        return root

    def installed(self, root):
        rows = self.mpm("--installroot", root, f"--setopt=cachedir={self.host}/query-cache", "list",
                        "--installed", "--json", root=False).json()
        return sorted((p["nevra"], p["reason"], p["from_repo"]) for p in rows)

    def test_lock_then_install_offline_gives_the_direct_root(self):
        self.repos(base=f"file://{fixture('base')}", modular=f"file://{fixture('modular')}")
        lock = os.path.join(self.host, "rpms.lock.yaml")
        before = self.tree(self.root)
        r = self.ok(*self.host_opts(), "lock", "-o", lock, *self.SPECS)
        self.assertIn("Locked 6 packages for x86_64 in " + lock, r.out)
        self.assertEqual({k: v for k, v in self.tree(self.root).items() if not k.startswith("var/")},
                         {k: v for k, v in before.items() if not k.startswith("var/")}, "lock changes nothing")
        self.assertEqual(self.rpm_qa(), [])
        # The format other tools read (PyYAML stands in for Hermeto's reader).
        import yaml
        doc = yaml.safe_load(Path(lock).read_text())
        self.assertEqual((doc["lockfileVersion"], doc["lockfileVendor"]), (1, "redhat"))
        arch = doc["arches"][0]
        self.assertEqual(arch["arch"], "x86_64")
        hello = next(p for p in arch["packages"] if p["name"] == "hello")
        self.assertEqual(sorted(hello), ["checksum", "evr", "name", "repoid", "size", "sourcerpm", "url"])
        self.assertEqual((hello["evr"], hello["repoid"], hello["sourcerpm"]), ("2.0-1", "base", "hello-2.0-1.src.rpm"))
        self.assertTrue(hello["checksum"].startswith("sha256:"))
        self.assertEqual([m["repoid"] for m in arch["module_metadata"]], ["modular"])
        self.assertEqual(arch["mpm"]["modules"], [{"name": "nodejs", "stream": "20", "profiles": ["common"]}])
        self.assertEqual(arch["source"], [])
        # Stable: the same inputs give the same bytes.
        again = os.path.join(self.host, "again.yaml")
        self.ok(*self.host_opts(), "lock", "-o", again, *reversed(self.SPECS))
        self.assertEqual(Path(again).read_bytes(), Path(lock).read_bytes())

        # The direct install, and the lock's install offline (file:// packages used in place).
        direct = self.fresh_root("direct")
        r = self.mpm("--installroot", direct, "-y", *self.host_opts(), "install", *self.SPECS, root=False)
        self.assertEqual(r.rc, 0, r)
        locked = self.fresh_root("locked")
        r = self.mpm("--installroot", locked, "-y", "-C", "--setopt=reposdir=/nonexistent",
                     f"--setopt=cachedir={self.host}/other-cache", "install", "--from-lock", lock, root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Installing module packages:", r.out)
        self.assertRegex(r.out, r"nodejs\s+noarch\s+20.1-1\s+modular")
        self.assertEqual(self.rpm_qa(root=locked), self.rpm_qa(root=direct))
        self.assertEqual(self.installed(locked), self.installed(direct), "reasons and origins as the direct install")
        files = lambda root: {k: v for k, v in self.tree(root).items()
                              if not k.startswith(("var/lib/mpm", "usr/lib/sysimage/rpm"))}
        self.assertEqual(files(locked), files(direct))
        enabled = lambda root: self.mpm("--installroot", root, *self.host_opts(), "module", "list", "--enabled",
                                        "--json", root=False).json()
        self.assertEqual([(m["name"], m["stream"]) for m in enabled(locked)], [("nodejs", "20")])
        self.assertEqual(enabled(locked), enabled(direct))
        self.assertEqual(self.rpm("-Va", root=locked).out, "")
        # Again: nothing to do (not a reinstall of everything).
        r = self.mpm("--installroot", locked, "-y", "-C", "--setopt=reposdir=/nonexistent",
                     f"--setopt=cachedir={self.host}/other-cache", "install", "--from-lock", lock, root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Nothing to do", r.out + r.err)
        # A lock enabling nodejs:20 into a root on nodejs:18 is a switch, which is asked for.
        on18 = self.fresh_root("on18")
        r = self.mpm("--installroot", on18, "-y", *self.host_opts(), "install", "@nodejs:18/common", root=False)
        self.assertEqual(r.rc, 0, r)
        r = self.mpm("--installroot", on18, "-y", *self.host_opts(), "install", "--from-lock", lock, root=False)
        self.assertEqual(r.rc, 1, r)
        self.assertIn(f"{lock} enables nodejs:20, but nodejs:18 is enabled in this root; switch first (mpm "
                      "module switch-to nodejs:20), or install the lock into an empty root", r.err)
        # The root already has it all: nothing to lock, said.
        r = self.mpm("--installroot", direct, *self.host_opts(), "lock", *self.SPECS, root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertIn("nothing to lock for x86_64: this root already has what", r.err)

    def test_http_lock_downloads_once_then_rebuilds_offline(self):
        srv = self.serve(fixture("base"))
        self.repos(web=srv.url)
        lock = os.path.join(self.host, "rpms.lock.yaml")
        self.ok(*self.host_opts(), "lock", "-o", lock, "hello")
        first = self.fresh_root("first")
        r = self.mpm("--installroot", first, "-y", *self.host_opts(), "install", "--from-lock", lock, root=False)
        self.assertEqual(r.rc, 0, r)
        rpms = [q for q in srv.requests if q.endswith(".rpm")]
        self.assertEqual(len(rpms), 3)
        self.assertIn("Locked 3 packages", self.ok(*self.host_opts(), "lock", "-o", lock + ".2", "hello").out)
        srv.stop()
        self.servers.remove(srv)
        second = self.fresh_root("second")
        r = self.mpm("--installroot", second, "-y", "-C", *self.host_opts(), "install", "--from-lock", lock, root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.rpm_qa(root=second), self.rpm_qa(root=first))
        # Offline with nothing cached: every missing package named, nothing changed.
        third = self.fresh_root("third")
        r = self.mpm("--installroot", third, "-y", "-C", f"--setopt=cachedir={self.tmp}/empty-cache",
                     f"--setopt=reposdir={self.host}/repos", "install", "--from-lock", lock, root=False)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("-C downloads nothing, and these locked packages are in no local directory or cache: "
                      "bash-lite-5.1-1.x86_64, hello-2.0-1.noarch, libgreet-2.0-1.x86_64", r.err)
        self.assertEqual(os.listdir(third), ["etc"])

    def test_prefetch_with_downloadonly_then_install_offline_from_the_directory(self):
        # README's flow: the packages fetched into a directory (as dnf --downloadonly
        # --downloaddir puts them), then a root built offline from it with no cache at all.
        srv = self.serve(fixture("base"))
        self.repos(web=srv.url)
        lock = os.path.join(self.host, "rpms.lock.yaml")
        self.ok(*self.host_opts(), "lock", "-o", lock, "hello")
        pkgs = os.path.join(self.host, "prefetch")
        r = self.mpm("--installroot", self.fresh_root("fetching"), "-y", *self.host_opts(), "--downloaddir", pkgs,
                     "install", "--from-lock", lock, "--downloadonly", root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(sorted(os.listdir(pkgs)), ["bash-lite-5.1-1.x86_64.rpm", "hello-2.0-1.noarch.rpm",
                                                    "libgreet-2.0-1.x86_64.rpm"])
        self.assertEqual(self.rpm_qa(root=os.path.join(self.tmp, "fetching")), [], "downloaded only")
        # an interrupted or damaged prefetch is mended by running it again (it wedged every retry)
        Path(pkgs, "hello-2.0-1.noarch.rpm").write_text("garbage\n")
        r = self.mpm("--installroot", os.path.join(self.tmp, "fetching"), "-y", *self.host_opts(), "--downloaddir",
                     pkgs, "install", "--from-lock", lock, "--downloadonly", root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertIn("hello-2.0-1.noarch.rpm does not match the lock's checksum: hello-2.0-1.noarch.rpm is "
                      "downloaded again", r.err)
        srv.stop()
        self.servers.remove(srv)
        offline = self.fresh_root("offline")
        r = self.mpm("--installroot", offline, "-y", "-C", f"--setopt=cachedir={self.tmp}/empty-cache",
                     "install", "--from-lock", lock, "--downloaddir", pkgs, root=False)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.rpm_qa(root=offline), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch",
                                                     "libgreet-0:2.0-1.x86_64"])

    def test_tampered_package_is_refused(self):
        self.repos(base=f"file://{fixture('base')}")
        lock = os.path.join(self.host, "rpms.lock.yaml")
        self.ok(*self.host_opts(), "lock", "-o", lock, "hello")
        pkgs = os.path.join(self.tmp, "pkgs")
        os.makedirs(pkgs)
        for f in ("hello-2.0-1.noarch.rpm", "libgreet-2.0-1.x86_64.rpm", "bash-lite-5.1-1.x86_64.rpm"):
            shutil.copy(os.path.join(fixture("base"), f), pkgs)
        with open(os.path.join(pkgs, "libgreet-2.0-1.x86_64.rpm"), "r+b") as f:
            f.seek(-10, 2)
            f.write(b"0123456789")
        r = self.fails(1, "-y", "-C", "install", "--from-lock", lock, f"--downloaddir={pkgs}")
        self.assertIn(f"these files do not match the lock's checksums (changed since the lock was made, or from "
                      f"another build): {pkgs}/libgreet-2.0-1.x86_64.rpm; nothing was installed", r.err)
        self.assertEqual(self.rpm_qa(), [])
        # Hermeto's layout (ARCH/REPOID/FILE) is read too.
        hermeto = os.path.join(self.tmp, "deps", "rpm")
        os.makedirs(os.path.join(hermeto, "x86_64", "base"))
        for f in ("hello-2.0-1.noarch.rpm", "libgreet-2.0-1.x86_64.rpm", "bash-lite-5.1-1.x86_64.rpm"):
            shutil.copy(os.path.join(fixture("base"), f), os.path.join(hermeto, "x86_64", "base"))
        moved = os.path.join(self.host, "moved.yaml")  # the repository is gone: URLs that do not resolve
        Path(moved).write_text(Path(lock).read_text().replace("file://" + fixture("base"), "file:///nonexistent"))
        self.ok("-y", "-C", f"--setopt=cachedir={self.tmp}/c2", "install", "--from-lock", moved,
                f"--downloaddir={hermeto}")
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch", "libgreet-0:2.0-1.x86_64"])
        self.ok("-y", "remove", "hello", "libgreet", "bash-lite")
        # A name or version edited by hand is caught (the checksum says which file it is).
        edited = os.path.join(self.host, "edited.yaml")
        Path(edited).write_text(Path(lock).read_text().replace("name: hello", "name: hallo"))
        r = self.fails(1, "-y", "-C", "install", "--from-lock", edited)
        self.assertIn(f"but it is hello-2.0-1.noarch: the lock was edited; make it again with mpm lock", r.err)
        # An incomplete lock (libgreet taken out) is refused naming what is missing.
        text = Path(lock).read_text()
        start = text.index("  - url: file://" + fixture("base") + "/libgreet")
        end = min(i for i in (text.find("  - url:", start + 1), text.find("  source:", start)) if i > 0)
        Path(lock).write_text(text[:start] + text[end:])
        r = self.fails(1, "-y", "-C", "install", "--from-lock", lock)
        self.assertIn(f"{lock} cannot be installed into this root as it is:", r.err)
        self.assertIn("libgreet >= 2.0", r.err)
        self.assertEqual(self.rpm_qa(), [])
        r = self.fails(2, "-y", "install", "--from-lock", lock, "hello")
        self.assertIn("install --from-lock installs exactly the lock: give no package specs with it", r.err)
        Path(lock).write_text("lockfileVersion: 7\narches: []\n")
        r = self.fails(1, "-y", "install", "--from-lock", lock)
        self.assertIn(f"{lock} is not a usable lockfile: lockfileVersion 7 is not one mpm reads", r.err)

    def test_two_locked_builds_share_one_download(self):
        srv = self.serve(fixture("base"))
        srv.slow("/libgreet", 0.5)
        self.repos(web=srv.url)
        lock = os.path.join(self.host, "rpms.lock.yaml")
        self.ok(*self.host_opts(), "lock", "-o", lock, "hello")
        roots = [self.fresh_root(f"img{i}") for i in range(2)]
        procs = [subprocess.Popen([MPM, "--installroot", r, "-y", *self.host_opts(), "install",
                                   "--from-lock", lock], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, stdin=subprocess.DEVNULL) for r in roots]
        for p in procs:
            out, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        rpms = [q for q in srv.requests if q.endswith(".rpm")]
        self.assertEqual(sorted(rpms), sorted(set(rpms)), "each locked package downloaded once")
        for r in roots:
            self.assertEqual(self.rpm_qa(root=r), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch",
                                                   "libgreet-0:2.0-1.x86_64"])

    def test_lock_output_and_arguments(self):
        self.repos(base=f"file://{fixture('base')}")
        r = self.ok(*self.host_opts(), "lock", "-o", "-", "hello")
        self.assertTrue(r.out.startswith("---\nlockfileVersion: 1\n"))
        r = self.fails(1, *self.host_opts(), "lock", "-o", self.host, "hello")
        self.assertIn(f"cannot write the lockfile to {self.host}: a directory", r.err)
        r = self.fails(1, *self.host_opts(), "lock", "-o", "/nonexistent/dir/x.yaml", "hello")
        self.assertIn("cannot write the lockfile to /nonexistent/dir/x.yaml: No such file or directory", r.err)
        r = self.fails(2, *self.host_opts(), "lock", "--arch", "bogus", "hello")
        self.assertIn("--arch: 'bogus' is not an architecture mpm knows", r.err)
        r = self.fails(2, "lock", "--check")
        self.assertEqual(r.err.strip(), "Error: --check needs a value (mpm --help lists the options)")

    def test_lock_for_several_architectures(self):
        if os.path.exists("/proc/sys/fs/binfmt_misc/qemu-aarch64"):
            self.skipTest("this host runs aarch64 programs (binfmt_misc): scriptlets would run")
        self.repos(foreign=f"file://{fixture('foreign')}")
        lock = os.path.join(self.host, "rpms.lock.yaml")
        self.ok(*self.host_opts(), "lock", "-o", lock, "--arch", "x86_64", "--arch", "aarch64", "anytool")
        import yaml
        doc = yaml.safe_load(Path(lock).read_text())
        self.assertEqual([a["arch"] for a in doc["arches"]], ["aarch64", "x86_64"])
        r = self.fails(1, *self.host_opts(), "lock", "--arch", "aarch64", "hosttool")
        self.assertIn("cannot install 'hosttool': the repositories have it only for x86_64", r.err)
        r = self.ok(*self.host_opts(), "lock", "--json", "--arch", "aarch64", "armtool", "anytool")
        self.assertEqual(sorted(p["name"] for p in r.json()["arches"][0]["packages"]), ["anytool", "armtool"])
        arm = os.path.join(self.host, "arm.lock.yaml")
        self.ok(*self.host_opts(), "lock", "-o", arm, "--arch", "aarch64", "armtool", "anytool")
        # Each root takes its architecture's entry.
        r = self.fails(1, "-y", "install", "--from-lock", arm)
        self.assertIn(f"{arm} locks no packages for x86_64 (it has aarch64); --forcearch=ARCH installs "
                      "another architecture's", r.err)
        self.ok("-y", "--forcearch=aarch64", "install", "--from-lock", arm)
        self.assertEqual(self.rpm_qa(), ["anytool-0:1.0-1.noarch", "armtool-0:1.0-1.aarch64"])

    def test_check_says_current_newer_or_gone(self):
        base = self.copy_repo("base")
        self.repos(base=f"file://{base}")
        lock = os.path.join(self.host, "rpms.lock.yaml")
        self.ok(*self.host_opts(), "lock", "-o", lock, "greet-config")
        r = self.ok(*self.host_opts(), "lock", "--check", lock)
        self.assertIn("is current", r.out)
        # A newer hello and greet-config arrive: exit 100, as check-update.
        self.repos(base=f"file://{base}", updates=f"file://{fixture('updates')}")
        r = self.mpm(*self.host_opts(), "lock", "--check", lock, "--json")
        self.assertEqual(r.rc, 100, r)
        newer = r.json()["arches"][0]["newer"]
        self.assertEqual(sorted((n["locked"], n["available"]) for n in newer),
                         [("greet-config-2:1.0-1.noarch", "2:1.1-1"), ("hello-2.0-1.noarch", "3.0-1")])
        # A locked package is gone from the repository: exit 1.
        for f in glob.glob(os.path.join(base, "libgreet-2.0-*.rpm")):
            os.remove(f)
        import subprocess as sp
        sp.run(["createrepo_c", "--quiet", "--no-database", "--update", base], check=True)
        r = self.mpm(*self.host_opts(), "--refresh", "lock", "--check", lock)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("x86_64: libgreet-2.0-1.x86_64 is no longer served by the enabled repositories", r.out)
        # The same version with other bytes is said as such.
        changed = os.path.join(self.host, "changed.yaml")
        text = Path(lock).read_text()
        start = text.index("name: hello")
        cs = text.rindex("checksum: sha256:", 0, start)
        Path(changed).write_text(text[:cs] + "checksum: sha256:" + "0" * 64 + text[cs + 17 + 64:])
        r = self.mpm(*self.host_opts(), "lock", "--check", changed)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("x86_64: hello-2.0-1.noarch is served with other content than locked (the same version, "
                      "another checksum)", r.out)


if __name__ == "__main__":
    unittest.main()
