"""Advisories (updateinfo): mpm updateinfo, upgrade --security and its kin, upgrade-minimal,
check-update --security; the same answers as dnf 4 on the same repository."""
import glob
import os
import subprocess
import unittest

from harness import DNF, MpmTestCase, build, fixture, replace_repomd_entry, skip_class_unless
import repos

# What the tests install before asking: sec-app has a security fix (1.1), a bugfix (1.2) and a
# newer version no advisory names (2.0); an older fix (0.9) is already in what is installed.
INSTALLED = ("sec-app-1.0", "bug-app-1.0", "enh-app-1.0", "crit-lib-1.0", "quiet-app")


class Advisories(MpmTestCase):
    def setUp(self):
        super().setUp()
        self.write_repo("adv", fixture("advisories"))
        self.ok("-y", "install", *INSTALLED)

    def installed(self):
        return [p for p in self.rpm_qa() if p.split("-")[0] in ("sec", "bug", "enh", "crit", "quiet")]

    def test_list_says_which_fixes_are_missing(self):
        r = self.ok("updateinfo", "list")
        self.assertEqual(r.out.splitlines(), [
            "MPM-2026-0002 bugfix         bug-app-1.5-1.noarch",
            "MPM-2026-0004 Critical/Sec.  crit-lib-1.1-1.x86_64",
            "MPM-2026-0003 enhancement    enh-app-1.1-1.noarch",
            "MPM-2026-0001 Important/Sec. sec-app-1.1-1.noarch",
            "MPM-2026-0002 bugfix         sec-app-1.2-1.noarch",
        ])
        # the fix the system already has, and every advisory with an installed mark
        self.assertEqual(self.ok("updateinfo", "list", "--installed").out,
                         "MPM-2025-0005 Low/Sec. sec-app-0.9-1.noarch\n")
        marks = [l[:2] + l.split()[-1] for l in self.ok("updateinfo", "list", "all").out.splitlines()]
        self.assertIn("i sec-app-0.9-1.noarch", marks)
        self.assertIn("  sec-app-1.1-1.noarch", marks)
        # a new package's advisory concerns nothing installed
        self.assertNotIn("new-app", self.ok("updateinfo", "list", "--all").out)

    def test_filters_combine_as_dnf_does(self):
        ids = lambda *a: sorted({l.split()[0] for l in self.ok("updateinfo", "list", *a).out.splitlines()})
        self.assertEqual(ids("--security"), ["MPM-2026-0001", "MPM-2026-0004"])
        self.assertEqual(ids("--sec-severity", "Critical"), ["MPM-2026-0004"])
        self.assertEqual(ids("--cve", "CVE-2026-0001"), ["MPM-2026-0001"])
        self.assertEqual(ids("--bz", "1002"), ["MPM-2026-0002"])
        # any of them (dnf ORs its advisory options)
        self.assertEqual(ids("--bugfix", "--enhancement"), ["MPM-2026-0002", "MPM-2026-0003"])
        self.assertEqual(ids("--advisory", "MPM-2026-0003,MPM-2026-0004"), ["MPM-2026-0003", "MPM-2026-0004"])
        # words name advisories (globs) or packages
        self.assertEqual(ids("MPM-2026-000[13]"), ["MPM-2026-0001", "MPM-2026-0003"])
        self.assertEqual(ids("crit-*"), ["MPM-2026-0004"])
        self.assertEqual(ids("security"), ["MPM-2026-0001", "MPM-2026-0004"])
        # listed by CVE
        self.assertEqual(ids("--with-cve"), ["CVE-2026-0001", "CVE-2026-0004"])

    def test_summary_counts_each_advisory_once(self):
        self.assertEqual(self.ok("updateinfo").out, (
            "Updates Information Summary: available\n"
            "    2 Security notice(s)\n"
            "        1 Critical Security notice(s)\n"
            "        1 Important Security notice(s)\n"
            "    1 Bugfix notice(s)\n"
            "    1 Enhancement notice(s)\n"))

    def test_info_shows_references(self):
        out = self.ok("updateinfo", "info", "MPM-2026-0001").out
        self.assertEqual(out.splitlines()[1], "  sec-app security update")
        for line in ("  Update ID: MPM-2026-0001", "       Type: security", "    Updated: 2026-01-02 03:04:05",
                     "       Bugs: 1001 - sec-app overflow", "       CVEs: CVE-2026-0001",
                     "Description: sec-app security update: the details.", "   Severity: Important"):
            self.assertIn(line, out.splitlines())
        self.assertNotIn("Installed:", out)  # (only with --all)

    def test_json(self):
        summary = self.ok("--json", "updateinfo").json()
        self.assertEqual((summary["scope"], summary["security"], summary["bugfix"]), ("available", 2, 1))
        self.assertEqual(summary["security_severities"]["Critical"], 1)
        rows = self.ok("--json", "updateinfo", "list", "--all").json()
        old = [r for r in rows if r["package"]["nevra"] == "sec-app-0:0.9-1.noarch"]
        self.assertEqual(old, [{"id": "MPM-2025-0005", "listed_as": "MPM-2025-0005", "type": "security",
                                "severity": "Low", "title": "an old sec-app fix", "repo": "adv",
                                "updated": 1767323045, "installed": True,
                                "package": {"name": "sec-app", "epoch": 0, "version": "0.9", "release": "1",
                                            "arch": "noarch", "nevra": "sec-app-0:0.9-1.noarch"}}])
        [crit] = self.ok("--json", "updateinfo", "info", "MPM-2026-0004").json()
        self.assertEqual((crit["id"], crit["type"], crit["severity"], crit["repo"]),
                         ("MPM-2026-0004", "security", "Critical", "adv"))
        self.assertTrue(crit["reboot_suggested"])
        self.assertEqual([(p["nevra"], p["filename"]) for p in crit["packages"]],
                         [("crit-lib-0:1.1-1.x86_64", "crit-lib-1.1-1.x86_64.rpm")])
        self.assertEqual(crit["references"], [{"type": "cve", "id": "CVE-2026-0004", "title": "CVE-2026-0004",
                                               "href": "https://cve.example.org/CVE-2026-0004"}])

    def test_upgrade_security_takes_the_newest_version(self):
        r = self.ok("-y", "upgrade", "--security")
        # sec-app: to 2.0, the newest (its 1.1 fixes a security issue); bugfix and enhancement
        # fixes stay out
        self.assertEqual(self.installed(), ["bug-app-0:1.0-1.noarch", "crit-lib-0:1.1-1.x86_64",
                                            "enh-app-0:1.0-1.noarch", "quiet-app-0:1.0-1.noarch",
                                            "sec-app-0:2.0-1.noarch"], r)

    def test_upgrade_minimal_takes_the_fixing_versions(self):
        self.ok("-y", "upgrade-minimal")
        self.assertEqual(self.installed(), ["bug-app-0:1.5-1.noarch", "crit-lib-0:1.1-1.x86_64",
                                            "enh-app-0:1.1-1.noarch", "quiet-app-0:1.0-1.noarch",
                                            "sec-app-0:1.2-1.noarch"])

    def test_upgrade_minimal_security_of_one_package(self):
        self.ok("-y", "upgrade-minimal", "--security", "sec-app")
        self.assertIn("sec-app-0:1.1-1.noarch", self.installed())
        self.assertIn("crit-lib-0:1.0-1.x86_64", self.installed())

    def test_no_advisory_no_change_and_said(self):
        before = self.rpm_qa()
        r = self.ok("-y", "upgrade", "--newpackage")
        self.assertIn("no newpackage advisories concern the installed packages", r.err)
        self.assertEqual(self.rpm_qa(), before)

    def test_check_update_security(self):
        r = self.mpm("check-update", "--security")
        self.assertEqual(r.rc, 100, r)
        self.assertEqual([l.split()[:2] for l in r.out.splitlines()],
                         [["crit-lib.x86_64", "1.1-1"], ["sec-app.noarch", "2.0-1"]])
        self.assertEqual(self.mpm("check-update", "--sec-severity", "Moderate").rc, 0)

    def test_damaged_advisories_fail_only_what_reads_them(self):
        repo = self.copy_repo("advisories")
        bad = os.path.join(repo, "repodata", "bad-updateinfo.xml")
        with open(bad, "w") as f:
            f.write("<updates><update type='security'><id>X</id>\n")
        replace_repomd_entry(repo, "updateinfo", bad)
        os.remove(os.path.join(self.root, "etc/yum.repos.d/adv.repo"))
        self.write_repo("adv", repo)
        self.ok("--refresh", "-y", "upgrade", "bug-app")  # the refresh does not read them
        r = self.fails(1, "updateinfo", "list")
        self.assertIn("repository 'adv'", r.err)
        self.assertIn("advisory (updateinfo) metadata is damaged", r.err)

    def test_cache_made_before_advisories_is_completed(self):
        # A generation without its updateinfo file (as an mpm before advisories left it) stays
        # usable, with -C too; a refresh of the unchanged repository fetches what it lacks.
        [file] = glob.glob(os.path.join(self.root, "var/cache/mpm/adv-*/gen-*/repodata/*updateinfo*"))
        os.remove(file)
        for f in glob.glob(os.path.join(self.root, "var/cache/mpm/adv-*/gen-*/updateinfo.solv")):
            os.remove(f)
        r = self.ok("-C", "updateinfo", "list")
        self.assertEqual(r.out, "")
        self.assertIn("'mpm --refresh makecache' fetches them", r.err)
        self.ok("-C", "list", "installed")  # the rest of the cache is as good as before
        self.ok("--refresh", "makecache")
        self.assertTrue(os.path.exists(file))
        r = self.ok("-C", "updateinfo", "list", "--security")
        self.assertEqual(len(r.out.splitlines()), 2, r)
        self.assertEqual(r.err, "")


class ModularAdvisories(MpmTestCase):
    """A collection for module streams applies only while one of them is in use (libdnf's rule)."""

    def test_only_the_enabled_streams_fixes(self):
        self.write_platform()
        self.write_repo("modular", fixture("modular"))
        self.write_repo("modular-updates", fixture("modular-updates"))
        self.write_repo("errata", build({"packages": [], "updateinfo": repos.updateinfo_xml([
            ("MPM-M-18", "security", "Important", "nodejs 18 fix", [], [("nodejs", "18.2", "1", "noarch")],
             {"modules": [("nodejs", "18")]}),
            ("MPM-M-22", "security", "Moderate", "nodejs 22 fix", [], [("nodejs", "22.0", "1", "noarch")],
             {"modules": [("nodejs", "22")]}),
        ])}))
        self.ok("-y", "module", "enable", "nodejs:18")
        self.ok("-y", "install", "nodejs-18.1")
        self.assertEqual(self.ok("updateinfo", "list").out, "MPM-M-18 Important/Sec. nodejs-18.2-1.noarch\n")
        self.ok("-y", "upgrade", "--security")
        self.assertIn("nodejs-0:18.2-1.noarch", self.rpm_qa())


class SameAsDnf(MpmTestCase):
    """dnf 4 on a twin root, with the same repository: the same lines and the same packages."""

    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")

    def setUp(self):
        super().setUp()
        self.write_repo("adv", fixture("advisories"))
        self.ok("-y", "install", *INSTALLED)

    def test_updateinfo_lines(self):
        for args in (["updateinfo"], ["updateinfo", "list"], ["updateinfo", "list", "--all"],
                     ["updateinfo", "list", "--installed"], ["updateinfo", "list", "--updates"],
                     ["updateinfo", "info"], ["updateinfo", "info", "--all"], ["updateinfo", "--all"],
                     ["updateinfo", "list", "--security"], ["updateinfo", "list", "sec-app"],
                     ["updateinfo", "list", "--with-cve"], ["updateinfo", "list", "--with-bz"],
                     ["updateinfo", "list", "all", "bugfix"], ["updateinfo", "list", "--sec-severity", "Low", "--all"],
                     ["-v", "updateinfo", "info", "MPM-2026-0002"]):
            with self.subTest(args=args):
                ref = self.dnf(*args)
                mine = self.mpm(*args)
                self.assertEqual((mine.rc, ref.rc), (0, 0), (ref, mine))
                # (dnf -v says its version and cache first)
                expected = ref.out if args[0] != "-v" else ref.out[ref.out.index("====="):]
                self.assertEqual(mine.out, expected)

    def test_upgrades_take_the_same_packages(self):
        base = os.path.join(self.tmp, "base-rpmdb")
        subprocess.run(["cp", "-a", self.root + "/usr/lib/sysimage/rpm", base], check=True)
        for args in (["upgrade", "--security"], ["upgrade-minimal"], ["upgrade-minimal", "--security"],
                     ["upgrade", "--bugfix", "bug-app"], ["upgrade", "--advisory", "MPM-2026-0002"],
                     ["upgrade", "--cve", "CVE-2026-0001"], ["upgrade", "--sec-severity", "Critical"]):
            with self.subTest(args=args):
                for who in ("dnf", "mpm"):
                    subprocess.run(["rm", "-rf", self.root + "/usr/lib/sysimage/rpm"], check=True)
                    subprocess.run(["cp", "-a", base, self.root + "/usr/lib/sysimage/rpm"], check=True)
                    r = (self.dnf if who == "dnf" else self.mpm)("-y", *args)
                    self.assertEqual(r.rc, 0, r)
                    if who == "dnf":
                        expected = self.rpm_qa()
                self.assertEqual(self.rpm_qa(), expected)


if __name__ == "__main__":
    unittest.main()
