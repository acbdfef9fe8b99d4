"""Package queries: list, info, search, repoquery, provides — and dnf's answers as reference."""
import os
import re
import subprocess
import unittest

import harness
import repos
from harness import DNF, MpmTestCase, fixture, skip_class_unless


class Queries(MpmTestCase):
    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))
        self.write_repo("extra", fixture("extra"), priority="50")

    def test_list_shows_newest_per_name_arch(self):
        r = self.ok("list")
        self.assertIn("Available Packages", r.out)
        self.assertRegex(r.out, r"hello\.noarch\s+2\.0-1\s+extra")  # priority 50 beats 99 on a tie
        self.assertRegex(r.out, r"greet-config\.noarch\s+2:1\.0-1\s+base")
        self.assertNotRegex(r.out, r"hello\.noarch\s+1\.0")
        dup = self.ok("list", "--showduplicates", "hello", "--json").json()
        self.assertEqual(sorted((p["version"], p["repo"]) for p in dup),
                         [("1.0", "base"), ("2.0", "base"), ("2.0", "extra")])

    def test_list_specs_and_no_match(self):
        r = self.ok("list", "lib*", "--json")
        self.assertEqual({(p["name"], p["arch"]) for p in r.json()}, {("libgreet", "x86_64")})
        r = self.fails(1, "list", "nosuchpkg")
        self.assertIn("nosuchpkg", r.err)
        self.assertEqual(r.out, "")

    def test_list_installed_and_upgrades_on_empty_system(self):
        self.assertEqual(self.ok("list", "--installed", "--json").json(), [])
        self.assertEqual(self.ok("list", "--upgrades", "--json").json(), [])

    def test_info(self):
        r = self.ok("info", "greet-config")
        self.assertRegex(r.out, r"Name\s+: greet-config")
        self.assertRegex(r.out, r"Epoch\s+: 2")
        self.assertRegex(r.out, r"Repository\s+: base")
        j = self.ok("info", "unicode-pkg", "--json").json()[0]
        self.assertEqual(j["summary"], "Ünïcödé summary ✓")
        self.assertEqual(j["description"], "Déscription with ünïcode.\nSecond line.")
        self.assertTrue(j["checksum"].startswith("sha256:"))
        self.assertTrue(j["location"].endswith("unicode-pkg-1.0-1.noarch.rpm"))
        self.fails(1, "info", "nosuch")

    def test_search(self):
        r = self.ok("search", "GREET")
        for n in ("greet-config.noarch", "greet-extras.noarch", "hello.noarch", "libgreet.x86_64"):
            self.assertIn(n, r.out)
        self.assertNotIn("bash-lite", r.out)
        names = {p["name"] for p in self.ok("search", "greet", "library", "--json").json()}
        self.assertEqual(names, {"libgreet"})
        self.assertEqual({p["name"] for p in self.ok("search", "--all", "second line", "--json").json()}, {"unicode-pkg"})
        # --all: any term, as dnf's (every term without it)
        self.assertEqual({p["name"] for p in self.ok("search", "--all", "zzznothing", "second line", "--json").json()},
                         {"unicode-pkg"})
        self.fails(1, "search", "zzznothing", "greet")
        self.fails(1, "search", "zzznothing")

    def test_repoquery_forms(self):
        q = lambda *a: self.ok("repoquery", *a).out.splitlines()
        self.assertEqual(q("hello"), ["hello-0:1.0-1.noarch", "hello-0:2.0-1.noarch"])
        self.assertEqual(q("hello-1.0"), ["hello-0:1.0-1.noarch"])
        self.assertEqual(q("hello-2.0-1.noarch"), ["hello-0:2.0-1.noarch"])
        self.assertEqual(q("greet-config-2:1.0-1.noarch"), ["greet-config-2:1.0-1.noarch"])
        self.assertEqual(q("libgreet.x86_64", "--latest-limit", "1"), ["libgreet-0:2.0-1.x86_64"])
        self.assertEqual(q("--whatprovides", "greeting(api) >= 2"), ["libgreet-0:2.0-1.x86_64"])
        self.assertEqual(q("--whatprovides", "/usr/lib64/libgreet.so.1"), ["libgreet-0:1.0-1.x86_64"])
        # greeting(api) matches too: globs apply to every provide's name, as in dnf.
        self.assertEqual(q("--whatprovides", "greet*"), ["greet-config-2:1.0-1.noarch", "greet-extras-0:1.0-1.noarch",
                                                         "libgreet-0:1.0-1.x86_64", "libgreet-0:2.0-1.x86_64"])
        self.assertEqual(q("--whatrequires", "hello"), ["greet-config-2:1.0-1.noarch", "greet-extras-0:1.0-1.noarch"])
        self.assertEqual(q("--requires", "greet-extras"), ["(hello or bash-lite)"])
        self.assertEqual(q("--provides", "libgreet-1.0"), ["greeting(api) = 1", "libgreet = 1.0-1", "libgreet(x86-64) = 1.0-1"])
        self.assertEqual(q("-l", "libgreet-2.0"), ["/usr/lib64/libgreet.so", "/usr/lib64/libgreet.so.2"])
        self.assertEqual(q("--qf", "%{name}|%{epoch}|%{repoid}|%-6{arch}|", "greet-config"), ["greet-config|2|base|noarch|"])
        self.assertEqual(q("--arch", "x86_64", "--qf", "%{name}"), ["bash-lite", "extra-tool", "libgreet"])
        loc = q("--location", "extra-tool")
        self.assertEqual(loc, [f"file://{fixture('extra')}/extra-tool-3.1-1.x86_64.rpm"])
        self.assertTrue(os.path.exists(loc[0][len("file://"):]))
        self.assertEqual(self.mpm("repoquery", "--qf", "%{nosuch}").rc, 2)

    def test_repoquery_dependency_forms(self):
        q = lambda *a: self.ok("repoquery", *a).out.splitlines()
        self.assertEqual(q("--whatobsoletes", "hello"), ["old-greeter-0:0.9-1.noarch"])
        self.assertEqual(q("--whatconflicts", "hello = 0.5"), ["greet-extras-0:1.0-1.noarch"])
        self.assertEqual(q("--whatconflicts", "hello-2.0"), [], "conflicts with hello < 1.0 only")
        self.assertEqual(q("--whatdepends", "greet-config"), ["greet-extras-0:1.0-1.noarch"])
        self.assertEqual(q("--depends", "greet-extras"), ["(hello or bash-lite)", "greet-config"])
        self.assertEqual(q("--requires", "--resolve", "hello-1.0", "--qf", "%{name}"), ["bash-lite", "libgreet"])
        self.assertEqual(q("--nvr", "greet-config"), ["greet-config-1.0-1"])
        self.assertEqual(q("--envra", "greet-config"), ["2:greet-config-1.0-1.noarch"])
        self.assertEqual(self.mpm("repoquery", "--resolve", "hello").rc, 2)
        self.assertEqual(self.mpm("repoquery", "--requires", "--provides", "hello").rc, 2)
        self.assertEqual(self.mpm("repoquery", "--nvr", "--qf", "%{name}", "hello").rc, 2)
        deplist = self.ok("repoquery", "--deplist", "hello-1.0", "--json").json()
        self.assertEqual(deplist, [{"package": "hello-0:1.0-1.noarch", "dependencies": [
            {"dependency": "/bin/sh", "providers": ["bash-lite-0:5.1-1.x86_64"]},
            {"dependency": "libgreet >= 1.0", "providers": ["libgreet-0:2.0-1.x86_64"]}]}])
        # the same NEVRA in two repositories is two builds, each said (dnf's)
        self.assertEqual(self.ok("repoquery", "-i", "hello-2.0").out.count("Name         : hello"), 2)
        info = self.ok("repoquery", "-i", "greet-config", "--json").json()
        self.assertEqual([(p["nevra"], p["license"]) for p in info], [("greet-config-2:1.0-1.noarch", "MIT")])

    def test_repoquery_filters_on_the_installed_system(self):
        self.write_repo("kernels", fixture("kernels"))
        self.ok("-y", "install", "hello-1.0")
        q = lambda *a: self.ok("repoquery", *a, "--qf", "%{name}-%{version}").out.split()
        self.assertEqual(q("--upgrades"), ["hello-2.0"])
        self.assertEqual(q("--upgrades", "libgreet"), [])
        self.assertEqual(q("--extras"), [])
        self.assertEqual(self.ok("--disablerepo=base", "--disablerepo=extra", "repoquery", "--extras",
                                 "--qf", "%{name}").out.split(), ["bash-lite", "hello", "libgreet"])
        self.ok("-y", "install", "kernel-5.1", "kernel-5.2")
        self.assertEqual(q("--installonly"), ["kernel-5.1", "kernel-5.2"])
        self.assertEqual(q("--duplicates"), [], "install-only packages are meant to be there twice")
        rpm = os.path.join(fixture("base"), "hello-2.0-1.noarch.rpm")  # beside 1.0, as rpm -i can
        self.assertEqual(self.rpm("-i", "--nodeps", "--justdb", "--replacefiles", rpm).rc, 0)
        self.assertEqual(q("--duplicates"), ["hello-1.0", "hello-2.0"])
        # greet-config's header requires config(greet-config), its own provide: not listed
        self.ok("-y", "install", "greet-config")
        self.assertEqual(q("--installed", "--whatrequires", "greet-config"), [])
        self.assertEqual(q("--recent", "hello"), ["hello-1.0", "hello-2.0"])
        self.assertEqual(self.ok("--setopt=recent=0", "repoquery", "--recent", "hello").out, "",
                         "built before this second")

    def test_repoquery_json(self):
        pkgs = self.ok("repoquery", "hello", "--json").json()
        self.assertEqual(sorted((p["nevra"], p["repo"]) for p in pkgs),
                         [("hello-0:1.0-1.noarch", "base"), ("hello-0:2.0-1.noarch", "base"),
                          ("hello-0:2.0-1.noarch", "extra")])
        self.assertEqual(self.ok("repoquery", "--requires", "hello-1.0", "--json").json(), ["/bin/sh", "libgreet >= 1.0"])

    def test_provides(self):
        r = self.ok("provides", "/usr/bin/hello")
        self.assertIn("hello-2.0-1.noarch : Prints a friendly greeting (extra build)", r.out)
        # dnf's exact layout
        self.assertIn("Repo        : extra\nMatched from:\nFilename    : /usr/bin/hello\n", r.out)
        j = self.ok("provides", "greeting(api)", "--json").json()
        self.assertEqual(sorted(p["matched"]["value"] for p in j), ["greeting(api) = 1", "greeting(api) = 2"])
        self.fails(1, "provides", "/no/such/file")
        # A glob with a slash is a file glob, as dnf takes it ("*/" is what dnf's own hint
        # suggests): it matched no capability and found nothing.
        j = self.ok("provides", "*/hello", "--json").json()
        self.assertEqual({(p["name"], p["matched"]["kind"], p["matched"]["value"]) for p in j},
                         {("hello", "filename", "/usr/bin/hello")})
        r = self.ok("repoquery", "--whatprovides", "*/hel?o", "--qf", "%{name}")
        self.assertEqual(set(r.out.split()), {"hello"})

    def test_queryformat_tags_as_dnf_gives_them(self):
        rpm = next(f for f in os.listdir(fixture("base")) if f.startswith("hello-1.0"))
        size = os.path.getsize(os.path.join(fixture("base"), rpm))
        r = self.ok("repoquery", "--qf", "%{reponame} %{size}|%{requires}|%{provides}", "hello-1.0")
        # reponame is the id (its name is "Repo base"), size what is downloaded, lists one per
        # line
        self.assertEqual(r.out, f"base {size}|/bin/sh\nlibgreet >= 1.0|hello = 1.0-1\n")

    def test_excludepkgs_hide_packages(self):
        r = self.ok("--setopt=excludepkgs=hello", "list", "--json")
        self.assertNotIn("hello", {p["name"] for p in r.json()})
        r = self.ok("--setopt=extra.excludepkgs=hello*", "list", "hello", "--json")
        self.assertEqual({p["repo"] for p in r.json()}, {"base"})
        r = self.ok("--setopt=base.includepkgs=hello,libgreet", "--repo", "base", "repoquery", "--qf", "%{name}")
        self.assertEqual(sorted(set(r.out.split())), ["hello", "libgreet"])

    def test_nothing_but_the_result_on_stdout(self):
        self.write_repo("junk", fixture("base"), frobnicate="1", filename="junk")
        r = self.ok("repoquery", "--qf", "%{name}", "bash-lite")
        self.assertEqual(r.out, "bash-lite\n")
        self.assertIn("frobnicate", r.err)
        self.assertEqual(self.ok("-q", "repoquery", "bash-lite", "--qf", "%{name}").err, "")

    def test_a_result_that_cannot_be_written_is_a_failure(self):
        self.ok("makecache")
        cmd = [harness.MPM, "--installroot", self.root, "-C", "list", "--json"]
        with open("/dev/full", "w") as full:
            r = subprocess.run(cmd, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("cannot write the result to standard output (No space left on device)", r.stderr)
        r = subprocess.run(cmd + ["--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)
        self.assertEqual((r.returncode, r.stderr), (0, ""), "written where it goes: a success")
        closed = subprocess.run(cmd, stderr=subprocess.PIPE, text=True, timeout=120,
                                preexec_fn=lambda: os.close(1))
        self.assertEqual(closed.returncode, 1, closed.stderr)

    def test_a_transaction_whose_result_cannot_be_written(self):
        """Found before the change (the plan could not be written, stdout is closed): refused,
        nothing changed. Found only after it (--json writes at the end): the failure says the
        changes were made."""
        install = [harness.MPM, "--installroot", self.root, "-y", "install", "hello"]
        run = lambda cmd, **kw: subprocess.run(cmd, stderr=subprocess.PIPE, text=True, timeout=120, **kw)
        with open("/dev/full", "w") as full:
            r = run(install, stdout=full)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("cannot write to standard output (No space left on device); nothing was changed", r.stderr)
        self.assertEqual(r.stderr.count("Error:"), 1, r.stderr)
        r = run(install, preexec_fn=lambda: os.close(1))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("standard output is closed", r.stderr)
        self.assertEqual(r.stderr.count("Error:"), 1, r.stderr)
        self.assertEqual(self.rpm_qa(), [])
        with open("/dev/full", "w") as full:
            r = run(install + ["--json"], stdout=full)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("the changes were made (mpm history info last shows them)", r.stderr)
        self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa())


class LibrariesLoaded(MpmTestCase):
    """A warm query maps neither librpm (with librpmio, Lua, popt, libcap and the compressors)
    nor libsolvext: they are loaded when first called (scripts/lazy-stubs), which queries
    answered from the caches never do. The dynamic loader says what it maps (LD_DEBUG=files)."""

    def loaded(self, *args):
        r = self.mpm(*args, env={"LD_DEBUG": "files"})
        self.assertEqual(r.rc, 0, r)
        return {m.split(".so")[0] for m in re.findall(r"file=(\S+) \[", r.err)}

    def test_warm_queries_do_not_load_rpm_and_a_transaction_does(self):
        self.write_repo("base", fixture("base"))
        first = self.loaded("-y", "install", "hello")  # a refresh, an install
        self.assertTrue({"librpm", "libsolvext"} <= first, first)
        # The first run after the RPM database changed reads its headers (librpm) into the
        # cache of the installed packages; the runs after it are warm.
        self.assertIn("librpm", self.loaded("-C", "list", "--installed"))
        for query in (["-C", "repoquery", "hello"], ["-C", "list", "--installed"], ["-C", "info", "bash-lite"],
                      ["-C", "repoquery", "--whatprovides", "/usr/bin/hello"], ["-C", "search", "greet"]):
            self.assertFalse({"librpm", "librpmio", "libsolvext", "liblua5.3"} & self.loaded(*query), query)


class SameAsDnf(MpmTestCase):
    """The same query on the same repos through dnf 4 and through mpm gives the same lines."""

    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")

    QUERIES = [
        [],
        ["hello"],
        ["hello-1.0"],
        ["greet-config-2:1.0-1.noarch"],
        ["lib*"],
        ["--whatprovides", "/bin/sh"],
        ["--whatprovides", "greeting(api) >= 2"],
        ["--whatprovides", "/usr/lib64/libgreet.so.1"],
        ["--whatprovides", "greet*"],
        ["--whatprovides", "/usr/lib64/libgreet.so*"],
        ["--whatrequires", "libgreet"],
        ["--whatrequires", "hello"],
        ["--requires", "hello"],
        ["--provides", "libgreet"],
        ["-l", "libgreet"],
        ["--arch", "x86_64"],
        ["--latest-limit", "1"],
        ["--qf", "%{name} %{epoch} %{version} %{release} %{arch} %{repoid}"],
        ["--location", "hello"],
        ["--whatobsoletes", "hello"],
        ["--whatconflicts", "hello"],
        ["--whatrecommends", "greet-config"],
        ["--whatdepends", "hello"],
        ["--obsoletes", "old-greeter"],
        ["--conflicts", "greet-extras"],
        ["--recommends", "greet-extras"],
        ["--depends", "greet-extras"],
        ["--requires", "--resolve", "hello", "greet-extras"],
        ["--provides", "--resolve", "hello"],
        ["--nvr", "hello"],
        ["--envra", "greet-config"],
        ["--source", "hello"],
        ["--whatrequires", "libgreet", "--nvr"],
        ["--recent"],
        ["--showduplicates", "hello"],
        ["--latest-limit=-1"],
        # an option takes one value: the words after it are specs
        ["--arch", "x86_64", "lib*"],
        ["--whatrequires", "libgreet", "hello-1.0"],
        ["--whatprovides", "libgreet", "hello"],
    ]

    def test_repoquery_matches_dnf(self):
        self.write_repo("base", fixture("base"))
        self.write_repo("extra", fixture("extra"), priority="50")
        for q in self.QUERIES:
            with self.subTest(query=q):
                ref = self.dnf("repoquery", *q)
                self.assertEqual(ref.rc, 0, ref)
                mine = self.ok("repoquery", *q)
                self.assertEqual(mine.out.splitlines(), sorted(set(ref.out.splitlines())))

    def test_blocks_match_dnf(self):
        # Blocks, not sorted lines: the same text (one repository: dnf prints a package two
        # repositories have twice, mpm once).
        self.write_repo("base", fixture("base"))
        for q in (["repoquery", "--deplist", "hello", "greet-extras"], ["repoquery", "-i", "hello"],
                  ["repoquery", "--info"], ["info", "unicode-pkg", "greet-config"], ["info"]):
            with self.subTest(query=q):
                ref = self.dnf(*q)
                self.assertEqual(ref.rc, 0, ref)
                self.assertEqual(self.ok(*q).out, ref.out)

    def test_list_matches_dnf(self):
        self.write_repo("base", fixture("base"))
        self.write_repo("extra", fixture("extra"), priority="50")
        ref = self.dnf("list", "--available")
        mine = self.ok("list", "--available")
        rows = lambda text: [l.split() for l in text.splitlines() if l and not l.endswith("Packages")]
        self.assertEqual(rows(mine.out), rows(ref.out))


if __name__ == "__main__":
    unittest.main()


class PriorityAsDnf(MpmTestCase):
    """A repository pinned by priority keeps check-update and list to the versions `upgrade`
    would take, as dnf's upgrades_by_priority and latest_per_arch_by_priority do (check-update
    said 100 for an upgrade that upgrade then refused to make: a fleet's script looped)."""

    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")

    def names(self, out):
        return sorted(line.split()[0] for line in out.splitlines()
                      if line.strip() and not line.startswith(("Installed", "Available", "Last")))

    def test_a_pinned_repository_keeps_the_upgrades_to_its_versions(self):
        pinned = harness.build({"packages": [repos.pkg(
            "hello", "1.0", requires=["libgreet >= 1.0"],
            files={"/usr/bin/hello": {"content": "#!/bin/sh\necho hello\n", "mode": "0755"}})]})
        self.write_repo("pinned", pinned, priority="1")
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "hello-1.0", "libgreet-1.0", "bash-lite")
        for args in (["check-update"], ["list", "--upgrades"], ["list", "available"], ["list"]):
            with self.subTest(args=args):
                mine, ref = self.mpm(*args), self.dnf(*args)
                self.assertEqual(self.names(mine.out), self.names(ref.out), (mine, ref))
                if args == ["check-update"]:
                    self.assertEqual((mine.rc, ref.rc), (100, 100), "libgreet has an upgrade")
        self.assertNotIn("hello.noarch", self.mpm("check-update").out)
        self.assertNotIn("hello", self.ok("-y", "upgrade").out)
        self.assertIn("hello-0:1.0-1.noarch", self.rpm_qa())

    def test_obsoleting_packages_follow_priority_too(self):
        # check-update's Obsoleting Packages named the low-priority repository's newer one,
        # which upgrade does not take (dnf's obsoletes_by_priority)
        old = repos.pkg("oldpkg", "1.0")
        new = lambda v: repos.pkg("newpkg", v, obsoletes=["oldpkg < 2"])
        inst = harness.build({"packages": [old]})
        self.write_repo("hi", harness.build({"packages": [new("0.9")]}), priority="10")
        self.write_repo("lo", harness.build({"packages": [new("1.0")]}))
        # (by file: an install of the name would take the package that obsoletes it)
        self.ok("-y", "install", os.path.join(inst, "oldpkg-1.0-1.noarch.rpm"))
        mine, ref = self.mpm("check-update"), self.dnf("check-update")
        self.assertEqual((mine.rc, ref.rc), (100, 100), (mine, ref))
        self.assertEqual([l.split() for l in mine.out.splitlines() if l.startswith("newpkg")],
                         [["newpkg.noarch", "0.9-1", "hi"]])
        self.assertEqual(self.names(mine.out), self.names(ref.out), (mine, ref))
        self.ok("-y", "upgrade")
        self.assertIn("newpkg-0:0.9-1.noarch", self.rpm_qa())
