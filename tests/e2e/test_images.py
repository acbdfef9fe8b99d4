"""Image builds: empty roots whose platform the repos tell, host paths on the command line, one
host cache shared by concurrent builds, and the dnf options build tools pass."""
import os
import unittest

import harness
from harness import fixture


class Platform(harness.MpmTestCase):
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


class Demodularized(harness.MpmTestCase):
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


if __name__ == "__main__":
    unittest.main()
