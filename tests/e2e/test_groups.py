"""Comps groups and environments: listed, shown, installed, removed and recorded as dnf 4 does
(twin roots: the same command through dnf and mpm gives the same packages)."""

import json
import os
import unittest

import harness
import test_grammar
from harness import DNF, MpmTestCase, fixture, skip_class_unless


class GroupRootCase(harness.MpmTestCase):
    """A root with the groups repositories; `both` runs a command through dnf on a twin root."""

    def setUp(self):
        super().setUp()
        self.dnf_root = os.path.join(self.tmp, "dnf-root")
        os.makedirs(os.path.join(self.dnf_root, "etc", "yum.repos.d"))
        for root in (self.root, self.dnf_root):
            saved, self.root = self.root, root
            self.write_repo("groups", fixture("groups"))
            self.write_repo("groups-extra", fixture("groups-extra"))
            self.root = saved

    def both(self, *args):
        """The same command through dnf and mpm: the same packages afterwards."""
        ref = self.on_dnf_root("-y", *args)
        self.assertEqual(ref.rc, 0, ref)
        mine = self.ok("-y", *args)
        self.assertEqual(self.rpm_qa(), self.rpm_qa(root=self.dnf_root), args)
        return mine

    def installed(self):
        return {p["name"]: p["reason"] for p in self.ok("--json", "list", "--installed").json()}

    def names(self):
        return sorted(n.split("-0:")[0] for n in self.rpm_qa())


class GroupListing(GroupRootCase):
    """list, info and summary: dnf's words, ids and order; hidden groups only with --hidden."""

    def setUp(self):
        super().setUp()
        skip_class_unless(DNF, "Debian's dnf is not installed")

    def same_output(self, *args):
        ref = self.on_dnf_root(*args)
        self.assertEqual(ref.rc, 0, ref)
        mine = self.ok(*args)
        self.assertEqual(mine.out, ref.out, args)
        return mine

    def test_list_as_dnf(self):
        r = self.same_output("group", "list")
        self.assertIn("Available Environment Groups:\n   Server\n", r.out)
        self.assertNotIn("Hidden Stuff", r.out)
        r = self.same_output("group", "list", "--hidden")
        self.assertIn("   Hidden Stuff\n", r.out)
        # display_order first: Core (10) before Development Tools (20) before the others
        self.assertLess(r.out.index("Core"), r.out.index("Development Tools"))
        ids = self.same_output("group", "list", "--ids")
        self.assertIn("   Development Tools (devtools)\n", ids.out)
        # dnf takes --ids or --hidden, not both; mpm takes them together
        r = self.ok("group", "list", "--ids", "--hidden")
        self.assertIn("   Hidden Stuff (hidden-stuff)\n", r.out)

    def test_info_as_dnf(self):
        r = self.same_output("group", "info", "core")
        # the package of the second repository's description of core is there too (merged)
        self.assertIn(" Default Packages:\n   g-editor\n   g-extra-tool\n", r.out)
        self.assertIn(" Conditional Packages:\n   g-editor-doc\n   g-locale-de\n", r.out)
        r = self.same_output("group", "info", "Server")
        self.assertIn(" Mandatory Groups:\n   Core\n   Development Tools\n", r.out)

    def test_installed_and_available(self):
        self.ok("-y", "group", "install", "core")
        r = self.ok("group", "list", "--installed")
        self.assertEqual(r.out, "Installed Groups:\n   Core\n")
        r = self.ok("group", "list", "--available", "--ids")
        self.assertNotIn("Core", r.out)
        self.assertIn("   Development Tools (devtools)\n", r.out)
        self.assertEqual(self.ok("group", "summary").out, "Installed Groups: 1\nAvailable Groups: 3\n")

    def test_json(self):
        rows = self.ok("--json", "group", "list", "--hidden").json()
        by_id = {r["id"]: r for r in rows}
        self.assertEqual(by_id["server-env"]["kind"], "environment")
        self.assertFalse(by_id["hidden-stuff"]["visible"])
        self.assertEqual(by_id["core"]["repos"], ["groups", "groups-extra"])
        self.assertFalse(by_id["core"]["installed"])
        info = self.ok("--json", "group", "info", "core").json()
        self.assertEqual(info[0]["packages"]["conditional"][0], {"name": "g-editor-doc", "requires": "g-editor"})
        self.assertEqual([p["name"] for p in info[0]["packages"]["mandatory"]], ["g-base", "g-shell"])

    def test_errors(self):
        r = self.fails(1, "group", "info", "nosuch")
        self.assertIn("no group or environment matches 'nosuch'", r.err)
        r = self.fails(1, "--json", "group", "install", "nosuch")
        self.assertEqual(json.loads(r.out)["error"]["group"], "nosuch")
        r = self.fails(1, "install", "@nosuch")
        self.assertIn("no module named 'nosuch', and no group or environment either", r.err)
        # removing what is not installed is nothing to do (dnf: exit 0), said; upgrading it fails
        r = self.ok("group", "remove", "core")
        self.assertIn("no installed group or environment matches 'core'", r.err)
        r = self.fails(1, "group", "upgrade", "core")
        self.assertIn("no installed group or environment matches 'core'", r.err)
        r = self.fails(2, "groupinstall", "core")
        self.assertIn("(see mpm group install)", r.err)
        self.assertEqual(self.rpm_qa(), [])

    def test_no_comps(self):
        os.remove(os.path.join(self.root, "etc/yum.repos.d/groups.repo"))
        os.remove(os.path.join(self.root, "etc/yum.repos.d/groups-extra.repo"))
        self.write_repo("base", fixture("base"))
        r = self.fails(1, "group", "list")
        self.assertIn("none of the enabled repositories has comps", r.err)


class GroupsSameAsDnf(GroupRootCase):
    """Installs and removals through groups give dnf's packages; mpm records which group
    brought what."""

    def setUp(self):
        super().setUp()
        skip_class_unless(DNF, "Debian's dnf is not installed")

    def test_install_core(self):
        r = self.both("group", "install", "core")
        self.assertIn("g-editor-doc", self.names())  # conditional on g-editor, which came too
        self.assertNotIn("g-locale-de", self.names())  # conditional on g-locale: absent
        self.assertNotIn("g-games", self.names())  # optional
        reasons = self.installed()
        self.assertEqual(reasons["g-base"], "group")
        self.assertEqual(reasons["g-editor-doc"], "group")

    def test_install_realistic_group(self):
        """The 30-package group: every mandatory, default and conditional member, their
        dependencies outside the group, and a warning for the name no repository has."""
        r = self.both("group", "install", "devtools")
        names = self.names()
        # 26 members, dt-30-doc (its condition dt-01 is there), and what they need: dt-lib-a,
        # dt-lib-b, g-shell and its g-base
        self.assertEqual(len(names), 31, names)
        self.assertIn("no match for group package 'dt-missing'", r.err)
        reasons = self.installed()
        self.assertEqual(reasons["dt-01"], "group")
        self.assertEqual(reasons["dt-lib-a"], "dependency")

    def test_with_optional(self):
        self.both("group", "install", "--with-optional", "core")
        self.assertIn("g-games", self.names())

    def test_group_package_types(self):
        self.both("--setopt=group_package_types=mandatory", "group", "install", "core")
        self.assertEqual(self.names(), ["g-base", "g-shell"])
        r = self.fails(2, "--setopt=group_package_types=mandatory,frob", "group", "install", "core")
        self.assertIn("'frob' is no comps package type", r.err)

    def test_groups_dnf_installed_are_mpms_to_remove(self):
        """A host moving from dnf: the groups dnf installed are installed for mpm too, and
        removing one takes what dnf would take; dnf's other groups stay recorded."""
        for root in (self.root, self.dnf_root):
            self.root, saved = root, self.root
            r = self.dnf("-y", "group", "install", "core", "extras")
            self.assertEqual(r.rc, 0, r)
            self.root = saved
        r = self.ok("--json", "group", "list", "--installed").json()
        self.assertEqual(sorted(g["id"] for g in r), ["core", "extras"])
        self.assertEqual(self.installed()["g-base"], "group")
        self.both("group", "remove", "core")
        self.assertEqual([g["id"] for g in self.ok("--json", "group", "list", "--installed").json()], ["extras"])
        self.both("group", "remove", "extras")
        self.assertEqual(self.names(), [])

    def drop_extra_repository(self):
        # core no longer lists g-extra-tool: it came from the second repository's comps
        for root in (self.root, self.dnf_root):
            os.remove(os.path.join(root, "etc/yum.repos.d/groups-extra.repo"))

    def test_plain_upgrade_leaves_the_groups_alone(self):
        """dnf 4's `upgrade` upgrades packages only: a member its group no longer lists (here:
        the repository whose comps listed it is gone, as in a mirror outage) stays."""
        self.both("group", "install", "core")
        self.drop_extra_repository()
        self.both("upgrade")
        self.assertIn("g-extra-tool", self.names())
        self.assertTrue(self.ok("--json", "history", "info", "last").json()["cmdline"].endswith("group install core"),
                        "nothing to do, nothing recorded")

    def test_group_upgrade_removes_nothing(self):
        """dnf 4's group upgrade installs what the group lists now and upgrades its members;
        what it no longer lists stays installed."""
        self.both("group", "install", "core")
        self.drop_extra_repository()
        self.both("group", "upgrade", "core")
        self.assertIn("g-extra-tool", self.names())
        self.both("upgrade", "@core")  # dnf's other spelling of it
        self.assertIn("no installed group or environment matches 'nosuch'",
                      self.fails(1, "-y", "upgrade", "@nosuch").err)
        self.assertTrue(self.ok("--json", "history", "info", "last").json()["cmdline"].endswith("group install core"),
                        "the group lists nothing new: nothing to do, nothing recorded")

    def test_environment(self):
        self.both("group", "install", "server-env")
        self.assertIn("dt-01", self.names())
        self.assertIn("g-base", self.names())
        self.assertNotIn("extra-a", self.names())  # an optional group of the environment
        groups = {(g["kind"], g["id"]) for g in self.ok("--json", "group", "list", "--installed").json()}
        self.assertEqual(groups, {("environment", "server-env"), ("group", "core"), ("group", "devtools")})

    def test_at_group_and_environment_specs(self):
        self.both("install", "@core", "extra-b")
        self.assertEqual(self.installed()["extra-b"], "user")
        self.both("install", "@server-env")
        self.assertIn("dt-20", self.names())

    def test_caret_names_an_environment(self):
        """@^name (kickstart's and dnf 5's spelling; dnf 4 does not take it) is an environment
        only."""
        self.ok("-y", "install", "@^server-env")
        self.assertIn("dt-20", self.names())
        r = self.fails(1, "install", "@^core")
        self.assertIn("no environment matches 'core'", r.err)

    def test_remove_takes_what_the_group_brought(self):
        self.both("group", "install", "core")
        # naming an installed group package does not make it the user's (dnf keeps "group")
        self.both("install", "needs-base", "g-editor")
        self.assertEqual(self.installed()["g-editor"], "group")
        self.both("group", "remove", "core")
        # g-base stays: needs-base needs it
        self.assertEqual(self.names(), ["g-base", "needs-base"])
        self.assertEqual(self.installed()["g-base"], "dependency")
        self.assertEqual(self.ok("group", "list", "--installed").out, "")
        # a second run: nothing to do, as dnf (and as removing a package that is not there)
        self.both("group", "remove", "core")
        r = self.ok("-y", "--json", "group", "remove", "core")
        self.assertEqual((r.json()["changed"], r.json()["transaction"]), (False, []))
        self.assertIn("no installed group or environment matches 'core'", r.err)

    def test_remove_keeps_what_another_group_needs(self):
        self.both("group", "install", "core", "devtools")
        self.both("group", "remove", "core")
        self.assertIn("g-shell", self.names())  # dt-07 needs it
        self.assertNotIn("g-editor", self.names())
        self.both("group", "remove", "devtools")
        self.assertEqual(self.names(), [])

    def test_remove_environment(self):
        self.both("group", "install", "server-env")
        self.both("group", "remove", "server-env")
        self.assertEqual(self.names(), [])
        self.assertEqual(self.ok("--json", "group", "list", "--installed").json(), [])


class GroupRecords(GroupRootCase):
    """What mpm records: mark, upgrade, the plan's group lines, JSON, a group whose packages are
    all there already."""

    def test_mark_install_and_remove(self):
        r = self.ok("-y", "--json", "group", "mark", "install", "core")
        self.assertEqual(r.json()["groups"], [{"kind": "group", "id": "core", "name": "Core", "action": "install"}])
        self.assertEqual(self.rpm_qa(), [])
        self.assertIn("Core", self.ok("group", "list", "--installed").out)
        self.ok("-y", "group", "mark", "remove", "core")
        self.assertEqual(self.ok("group", "list", "--installed").out, "")

    def test_plan_shows_groups(self):
        r = self.mpm("--assumeno", "group", "install", "core")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("Installing group packages:", r.out)
        self.assertIn("Installing Groups:\n Core", r.out)
        self.assertEqual(self.rpm_qa(), [])
        self.assertEqual(self.ok("group", "list", "--installed").out, "")

    def test_group_of_installed_packages_is_recorded(self):
        self.ok("-y", "install", "g-base", "g-shell", "g-editor", "g-editor-doc", "g-extra-tool")
        r = self.ok("-y", "--json", "group", "install", "core")
        self.assertEqual(r.json()["transaction"], [])
        self.assertEqual(r.json()["groups"][0]["action"], "install")
        self.assertIn("Core", self.ok("group", "list", "--installed").out)
        # what the user named stays theirs: removing the group takes nothing
        self.ok("-y", "group", "remove", "core")
        self.assertEqual(len(self.rpm_qa()), 5)

    def test_upgrade_keeps_what_the_group_brought(self):
        """A name the group no longer lists stays installed (dnf 4), and in the group's record:
        removing the group later takes it, as it takes what else the group brought."""
        self.ok("-y", "group", "install", "core")
        self.assertIn("g-extra-tool", self.names())
        os.remove(os.path.join(self.root, "etc/yum.repos.d/groups-extra.repo"))
        r = self.ok("-y", "--json", "group", "upgrade", "core")
        self.assertEqual((r.json()["groups"], r.json()["changed"]), ([], False))
        self.assertIn("g-extra-tool", self.names())
        self.ok("-y", "group", "remove", "core")
        self.assertEqual(self.names(), [])

    def test_a_second_run_changes_nothing(self):
        self.ok("-y", "group", "install", "core")
        for again in (["group", "install", "core"], ["install", "@core"], ["group", "upgrade", "core"], ["upgrade"]):
            with self.subTest(again=again):
                r = self.ok("-y", "--json", *again).json()
                self.assertEqual((r["changed"], r["groups"], r["transaction"]), (False, [], []))

    def test_history_and_undo(self):
        self.ok("-y", "group", "install", "extras")
        r = self.ok("--json", "history", "info", "last").json()
        self.assertEqual([(i["name"], i["reason"]) for i in r["items"]], [("extra-a", "group")])
        self.assertEqual(r["groups"], [{"kind": "group", "id": "extras", "name": "Extras", "action": "install"}])
        self.assertIn("    Install  @extras", self.ok("history", "info", "last").out)
        # undo: the package goes and the group is forgotten
        self.ok("-y", "history", "undo", "last")
        self.assertEqual(self.rpm_qa(), [])
        self.assertEqual(self.ok("group", "list", "--installed").out, "")
        # undo of the undo's inverse: a removal brings the group back
        self.ok("-y", "group", "install", "server-env")
        self.ok("-y", "group", "remove", "server-env")
        r = self.ok("--json", "history", "info", "last").json()
        self.assertEqual(sorted((g["kind"], g["id"], g["action"]) for g in r["groups"]),
                         [("environment", "server-env", "remove"), ("group", "core", "remove"),
                          ("group", "devtools", "remove")])
        self.ok("-y", "history", "undo", "last")
        self.assertIn("dt-01", self.names())
        installed = {(g["kind"], g["id"]) for g in self.ok("--json", "group", "list", "--installed").json()}
        self.assertEqual(installed, {("environment", "server-env"), ("group", "core"), ("group", "devtools")})
        # and a remove of the restored groups takes the packages again: the reasons came back
        self.ok("-y", "group", "remove", "server-env")
        self.assertEqual(self.rpm_qa(), [])


class CompsCache(GroupRootCase):
    """Comps are parsed once per metadata generation: later runs read comps.solv; a damaged
    cache file is rebuilt, damaged metadata named."""

    def gen_dir(self, repo):
        import glob
        return glob.glob(os.path.join(self.root, f"var/cache/mpm/{repo}-*/gen-*"))[0]

    def test_warm_runs_read_the_cache(self):
        self.ok("group", "list")
        gen = self.gen_dir("groups")
        solv = os.path.join(gen, "comps.solv")
        self.assertTrue(os.path.exists(solv))
        # with the XML gone, the cache alone answers
        import glob
        for xml in glob.glob(os.path.join(gen, "repodata", "*comps*")):
            os.remove(xml)
        self.assertIn("Development Tools", self.ok("-C", "group", "list").out)
        # a damaged cache file is not read; without the XML that is said, naming the repo
        with open(solv, "r+b") as f:
            f.truncate(40)
        r = self.fails(1, "-C", "group", "list")
        self.assertIn("groups", r.err)
        self.assertIn("comps metadata", r.err)
        # clean metadata makes it right again
        self.ok("clean", "metadata")
        self.assertIn("Development Tools", self.ok("group", "list").out)

    def test_a_generation_without_comps_is_completed(self):
        """What an mpm before groups cached: the same repomd.xml, no comps file, no comps.solv."""
        self.ok("makecache")
        gen = self.gen_dir("groups")
        import glob
        for f in glob.glob(os.path.join(gen, "repodata", "*comps*")) + [os.path.join(gen, "comps.solv")]:
            os.remove(f)
        self.fails(1, "-C", "group", "list")
        self.assertIn("Development Tools", self.ok("group", "list").out)

    def test_damaged_comps_is_named(self):
        self.ok("makecache")
        gen = self.gen_dir("groups")
        import glob
        import gzip
        os.remove(os.path.join(gen, "comps.solv"))
        xml = [x for x in glob.glob(os.path.join(gen, "repodata", "*comps*")) if x.endswith(".gz")][0]
        with open(xml, "wb") as f:
            f.write(gzip.compress(b"<comps><group><id>broken</id>"))
        r = self.fails(1, "group", "list")
        self.assertIn("repository groups", r.err.replace("'", ""))
        self.assertIn("comps (group) metadata is damaged (repo_comps: no element found", r.err)
        self.assertIn("mpm clean metadata", r.err)

    def test_a_refresh_with_damaged_comps_keeps_the_last_good_metadata(self):
        import gzip
        repo = self.copy_repo("groups")
        os.remove(os.path.join(self.root, "etc/yum.repos.d/groups.repo"))
        self.write_repo("groups", repo)
        self.ok("makecache")
        broken = os.path.join(repo, "repodata", "broken-comps.xml.gz")
        with open(broken, "wb") as f:
            f.write(gzip.compress(b"<comps><group><id>broken</id>"))
        harness.replace_repomd_entry(repo, "group_gz", broken)
        r = self.fails(1, "--refresh", "makecache")
        self.assertIn("comps (group) metadata is damaged", r.err)
        self.assertIn("Development Tools", self.ok("-C", "group", "list").out)


class GroupCompletion(GroupRootCase):
    """bash completion offers group and environment ids (from the cache only)."""

    SCRIPT = test_grammar.Completion.SCRIPT
    complete = test_grammar.Completion.complete

    def test_ids(self):
        self.ok("makecache")
        self.assertEqual(self.complete("group", "install", "d"), ["devtools"])
        self.assertIn("server-env", self.complete("group", "info", ""))
        self.assertEqual(self.complete("install", "@^s"), ["@^server-env"])
        self.assertIn("@core", self.complete("install", "@c"))
        self.assertEqual(self.complete("group", "remove", ""), [])
        self.ok("-y", "group", "install", "extras")
        self.assertEqual(self.complete("group", "remove", ""), ["extras"])


if __name__ == "__main__":
    unittest.main()
