"""Scriptlets as rpm runs them: Lua scriptlets in rpm's own interpreter (arg, posix, rpm),
compared with dnf 4 (librpm) on a twin root, effects and order included."""
import os
import unittest

import harness

from harness import DNF, MpmTestCase, fixture, skip_class_unless


class LuaScriptlets(MpmTestCase):
    def setUp(self):
        super().setUp()
        skip_class_unless(os.geteuid() == 0, "scriptlets run chrooted into the root: needs root")
        self.write_repo("scripts", fixture("scripts"))

    def log(self, root=None):
        path = os.path.join(root or self.root, "var/log/lua.log")
        if not os.path.exists(path):
            return []
        with open(path) as f:
            return f.read().splitlines()

    def test_every_kind_runs_with_rpms_arguments_and_extensions(self):
        r = self.ok("-y", "install", "lua-all-1.0")
        self.assertEqual(self.log(), ["pretrans 1.0 <lua> 1 -1 /", "pre 1.0 <lua> 1 -1 /",
                                      "post 1.0 <lua> 1 -1 /", "posttrans 1.0 <lua> 1 -1 /"])
        self.assertNotIn("Lua", r.err)
        self.ok("-y", "upgrade", "lua-all")
        self.assertEqual(self.log()[4:], ["pretrans 2.0 <lua> 2 -1 /", "pre 2.0 <lua> 2 -1 /",
                                          "post 2.0 <lua> 2 -1 /", "preun 1.0 <lua> 1 -1 /",
                                          "postun 1.0 <lua> 1 -1 /", "posttrans 2.0 <lua> 2 -1 /"])
        self.ok("-y", "remove", "lua-all")
        self.assertEqual(self.log()[10:], ["preun 2.0 <lua> 0 -1 /", "postun 2.0 <lua> 0 -1 /"])

    def test_scriptlets_get_the_callers_environment_as_in_rpm(self):
        """rpm passes its caller's environment (with its own PATH): SOURCE_DATE_EPOCH reaches
        the scriptlets a reproducible build runs."""
        script = ("local f = io.open('/usr/share/envdump/env.log', 'w') "
                  "for _, k in ipairs({'SOURCE_DATE_EPOCH', 'LANG', 'PATH', 'TMPDIR'}) do "
                  "f:write(k .. '=' .. (os.getenv(k) or '') .. '\\n') end f:close()")
        self.write_repo("envdump", harness.build({"packages": [harness.repos.pkg(
            "envdump", "1.0", files={"/usr/share/envdump/f": "x\n"}, scripts={"post -p <lua>": script})]}))
        self.ok("-y", "install", "envdump", env={"SOURCE_DATE_EPOCH": "1700000000", "LANG": "C.UTF-8",
                                                 "TMPDIR": self.tmp})
        with open(os.path.join(self.root, "usr/share/envdump/env.log")) as f:
            self.assertEqual(f.read().splitlines(), ["SOURCE_DATE_EPOCH=1700000000", "LANG=C.UTF-8",
                                                     "PATH=/sbin:/bin:/usr/sbin:/usr/bin", "TMPDIR="])

    def test_print_goes_to_standard_error(self):
        r = self.ok("-y", "install", "lua-post")
        self.assertIn("hello from lua", r.err)
        self.assertNotIn("hello from lua", r.out)

    def test_a_failing_lua_pre_refuses_and_changes_nothing(self):
        self.ok("-y", "install", "lua-post")  # a root with something in it (and its databases)
        before = self.root_tree()
        history = self.ok("--json", "history").json()
        r = self.mpm("-y", "install", "lua-refuses")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("lua-refuses does not want to be installed", r.err)
        self.assertIn("%pre scriptlet of lua-refuses-1.0-1.noarch", r.err)
        # The cache and mpm's database (its rows are compared through history) aside, nothing
        # was written.
        self.assertEqual(self.root_tree(), before)
        self.assertEqual(self.ok("--json", "history").json(), history)
        self.assertEqual(self.rpm_qa(), ["lua-post-0:1.0-1.noarch"])

    def test_a_refusal_in_a_fresh_root_leaves_no_database(self):
        before = self.root_tree(self.MPM_STATE_FRESH)
        self.assertEqual(self.mpm("-y", "install", "lua-refuses").rc, 1)
        # Only the cache and mpm's lock file (held by every command that changes a root) are new.
        self.assertEqual(self.root_tree(self.MPM_STATE_FRESH), before)

    def test_a_failing_lua_post_warns_even_when_quiet(self):
        r = self.ok("-q", "-y", "install", "lua-post-fails")
        self.assertEqual(self.rpm_qa(), ["lua-post-fails-0:1.0-1.noarch"])
        self.assertIn("lua-post-fails could not finish", r.err)
        self.assertIn("Warning: %post scriptlet of lua-post-fails-1.0-1.noarch exited with status 1", r.err)

    def test_noscripts_skips_lua_too(self):
        self.ok("-y", "--setopt=tsflags=noscripts", "install", "lua-all-1.0")
        self.assertEqual(self.log(), [])


class TwinRootCase(harness.MpmTestCase):
    """The same packages through dnf 4 (librpm's own scriptlet runner) and through mpm, on twin
    roots with the scripts repository."""

    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")
        skip_class_unless(os.geteuid() == 0, "scriptlets run chrooted into the root: needs root")

    def setUp(self):
        super().setUp()
        self.write_repo("scripts", fixture("scripts"))
        self.dnf_root = os.path.join(self.tmp, "dnf-root")
        os.makedirs(os.path.join(self.dnf_root, "etc", "yum.repos.d"))
        saved, self.root = self.root, self.dnf_root
        self.write_repo("scripts", fixture("scripts"))
        self.root = saved

    LOG = None  # the file in the roots' /var/log that the class's scriptlets write

    def records(self, root):
        path = os.path.join(root, "var/log", self.LOG)
        if not os.path.exists(path):
            return []
        with open(path) as f:
            return f.read().splitlines()

    def both(self, *args):
        """The same command through dnf and mpm: the same records and the same packages."""
        ref = self.on_dnf_root("-y", *args)
        self.assertEqual(ref.rc, 0, ref)
        mine = self.ok("-y", *args)
        self.assertEqual(self.records(self.root), self.records(self.dnf_root), args)
        self.assertEqual(self.rpm_qa(), self.rpm_qa(root=self.dnf_root))
        return mine


class LuaSameAsDnf(TwinRootCase):
    """Lua scriptlets: the same records, in the same order."""

    LOG = "lua.log"

    def test_install_upgrade_remove_match_dnf(self):
        for args in (["install", "lua-all-1.0"], ["upgrade", "lua-all"], ["remove", "lua-all"]):
            with self.subTest(args=args):
                self.both(*args)
        self.assertEqual(len(self.records(self.root)), 12)

    def test_failing_lua_post_installs_as_in_dnf(self):
        ref = self.on_dnf_root("-y", "install", "lua-post-fails")
        mine = self.mpm("-y", "install", "lua-post-fails")
        self.assertEqual(mine.rc, ref.rc, (mine, ref))
        self.assertEqual(self.rpm_qa(), self.rpm_qa(root=self.dnf_root))

    def test_failing_lua_pre_refuses_as_in_dnf(self):
        ref = self.on_dnf_root("-y", "install", "lua-refuses")
        mine = self.mpm("-y", "install", "lua-refuses")
        self.assertEqual((mine.rc, ref.rc), (1, 1), (mine, ref))
        self.assertEqual(self.rpm_qa(), [])
        self.assertEqual(self.rpm_qa(root=self.dnf_root), [])


class OrderSameAsDnf(TwinRootCase):
    """Several packages in one transaction run their %post and %preun in rpm's order (librpm's
    own sort, fed as dnf feeds it), not in libsolv's."""

    LOG = "order.log"

    def test_post_order(self):
        self.both("install", "busybox-sh", "ord-1", "ord-2", "ord-3", "ord-4", "ord-5")
        # rpm's order as dnf runs it; libsolv's transaction order would be ord-5, ord-3, ord-2,
        # ord-1, ord-4
        self.assertEqual(self.records(self.root),
                         ["post ord-2 1", "post ord-3 1", "post ord-1 1", "post ord-4 1", "post ord-5 1"])

    def test_requires_pre_comes_first(self):
        """A %pre that uses what a package of the same transaction brings (Requires(pre)) runs
        once that package is in place, as under rpm, instead of failing."""
        self.both("install", "busybox-sh")
        self.both("install", "uses-pre-tool", "pre-tool")
        self.assertEqual(self.records(self.root), ["pre-tool from-pre", "post uses-pre-tool 1"])

    def test_preun_order(self):
        self.both("install", "busybox-sh", "ord-1", "ord-2", "ord-3", "ord-4", "ord-5")
        self.both("remove", "ord-1", "ord-2", "ord-3", "ord-4", "ord-5")
        # what needs another leaves before it, in rpm's order as dnf runs it (in the order
        # they were installed, as mpm took them before, ord-2 and ord-3 went first)
        self.assertEqual(self.records(self.root)[5:],
                         ["preun ord-4 0", "preun ord-1 0", "preun ord-3 0", "preun ord-2 0", "preun ord-5 0"])


class TriggersSameAsDnf(TwinRootCase):
    """rpm's classic triggers, fired both ways (the watched package arriving or leaving later,
    or the watching one), with their arguments and order, against dnf 4 on a twin root."""

    LOG = "triggers.log"

    def test_the_watched_package_comes_and_goes(self):
        self.both("install", "busybox-sh")
        self.both("install", "trigger-watcher")
        self.assertEqual(self.records(self.root), ["lua-triggerin 1 1"])
        self.both("install", "trigger-target-1.0")
        self.both("upgrade", "trigger-target")
        self.both("remove", "trigger-target")
        # Spelled out once, so that a change on both sides would still be seen.
        self.assertEqual(self.records(self.root),
                         ["lua-triggerin 1 1", "triggerprein 1 0", "triggerprein 1 1", "triggerin 1 2",
                          "triggerun 1 1", "triggerpostun 1 1", "triggerun 1 0", "triggerpostun 1 0"])

    def test_the_watching_package_comes_and_goes(self):
        self.both("install", "busybox-sh", "trigger-target-2.0")
        self.both("install", "trigger-watcher")
        self.both("remove", "trigger-watcher")
        self.assertTrue(self.records(self.root))

    def test_failing_triggers_warn_as_in_dnf(self):
        self.both("install", "busybox-sh", "trigger-fails")
        r = self.both("install", "trigger-target-1.0")
        self.assertIn("%triggerprein scriptlet of trigger-fails-1.0-1.noarch (set off by trigger-target-1.0-1.noarch) "
                      "exited with status 1", r.err)
        r = self.both("remove", "trigger-target")
        self.assertIn("%triggerun scriptlet of trigger-fails-1.0-1.noarch", r.err)

    def test_an_upgrade_runs_the_new_versions_triggers_on_the_old(self):
        self.both("install", "busybox-sh", "selftrig-1.0")
        self.both("upgrade", "selftrig")
        self.assertEqual(self.records(self.root), ["selftrig-triggerun 2 1", "selftrig-triggerpostun 2 1"])

    def test_watcher_and_target_removed_together(self):
        self.both("install", "busybox-sh", "trigger-watcher")
        self.both("install", "trigger-target-2.0")
        self.both("remove", "trigger-target", "trigger-watcher")
        self.assertIn("triggerun 0 1", self.records(self.root))

    def test_file_triggers_on_both_sides_of_the_priority_line(self):
        self.both("install", "busybox-sh", "prio-watcher")
        self.both("install", "prio-data")
        self.assertEqual(self.records(self.root), ["prio-50000 0 ", "prio-data-post 1 ", "prio-5000 0 "])

    def test_notriggers(self):
        self.ok("-y", "install", "busybox-sh", "trigger-watcher")
        self.ok("-y", "--setopt=tsflags=notriggers", "install", "trigger-target")
        self.assertEqual(self.records(self.root), ["lua-triggerin 1 1"])


class FileTriggersSameAsDnf(TwinRootCase):
    """File triggers and transaction file triggers, with the matching paths on standard input,
    against dnf 4 on a twin root: the same runs, paths and order."""

    LOG = "ftrig.log"

    def test_watched_files_come_and_go_then_the_watcher(self):
        for args in (["install", "busybox-sh"], ["install", "ftrig-data-1.0"], ["install", "ftrig-watcher"],
                     ["remove", "ftrig-data"], ["install", "ftrig-data-1.0"], ["remove", "ftrig-watcher"]):
            self.both(*args)
        log = self.records(self.root)
        # Spelled out in part, so that a change on both sides would still be seen.
        self.assertEqual(log[:3], ["filetriggerin 0 ", "  /usr/share/ftrig/watcher", "filetriggerin 0 "])
        self.assertIn("transfiletriggerpostun 0 ", log)
        self.assertNotIn("  /usr/share/other/c", log)

    def test_an_upgrade_of_watched_files(self):
        self.both("install", "busybox-sh", "ftrig-watcher")
        self.both("install", "ftrig-data-1.0")
        self.both("upgrade", "ftrig-data")
        self.both("remove", "ftrig-data")
        log = self.records(self.root)
        self.assertIn("  /usr/share/ftrig/d", log)
        # A file trigger of default priority (1000000, over rpm's line of 100000) runs before
        # the %post of the package that sets it off, and %filetriggerpostun before %postun.
        self.assertLess(log.index("pre ftrig-data 2"), log.index("post ftrig-data 2"))
        self.assertLess(log.index("filetriggerin 0 ", log.index("pre ftrig-data 2")), log.index("post ftrig-data 2"))
        self.assertLess(log.index("filetriggerpostun 0 ", log.index("preun ftrig-data 0")),
                        log.index("postun ftrig-data 0"))

    def test_a_lua_file_trigger_reads_its_paths_with_next_file(self):
        self.both("install", "ftrig-lua-watcher")
        self.both("install", "ftrig-data-1.0")
        # rpm's prefixes are plain string prefixes: /usr/share/ftrig matches the watcher's own
        # /usr/share/ftrig-lua/f too.
        self.assertEqual(self.records(self.root), ["lua-filetriggerin 0", "  /usr/share/ftrig-lua/f",
                                                   "lua-filetriggerin 0", "  /usr/share/ftrig/a",
                                                   "  /usr/share/ftrig/b"])

    def test_watcher_and_files_in_one_transaction(self):
        self.both("install", "busybox-sh")
        # ftrig-data 1.0 has no scriptlets of its own: rpm interleaves several packages' %pre
        # and %post with their files, mpm runs every %pre first (see README).
        self.both("install", "ftrig-watcher", "ftrig-data-1.0")
        self.both("remove", "ftrig-watcher", "ftrig-data")
        self.assertTrue(self.records(self.root))


if __name__ == "__main__":
    unittest.main()


class OwnersSameAsDnf(TwinRootCase):
    """A service's files owned by the user its own %pre adds, file capabilities (%caps) and a
    directory that exists already: on disk as rpm makes them (dnf on a twin root), and rpm -V
    finds nothing to say."""

    LOG = "svc.log"  # (none: the records compared are the files' own)
    PATHS = ("usr/bin/svc-ping", "usr/bin/svc-suid", "usr/bin/svc-orphan", "etc/svc.conf", "var/lib/svc",
             "var/lib/svc/state", "var/lib/svc/current", "var/spool/svc")

    def metadata(self, root):
        out = {}
        for p in self.PATHS:
            path = os.path.join(root, p)
            st = os.lstat(path)
            try:
                caps = os.getxattr(path, "security.capability", follow_symlinks=False)
            except OSError:
                caps = None
            out[p] = (oct(st.st_mode), st.st_uid, st.st_gid, caps)
        return out

    def check_same(self):
        mine = self.metadata(self.root)
        self.assertEqual(mine, self.metadata(self.dnf_root))
        self.assertEqual(mine["var/lib/svc/state"][1:3], (990, 990), "owned by the %pre's user")
        self.assertEqual(mine["usr/bin/svc-suid"][:3], (oct(0o104750), 0, 990), "set-user-ID kept")
        self.assertIsNotNone(mine["usr/bin/svc-ping"][3], "file capabilities set")
        self.assertEqual(mine["usr/bin/svc-orphan"][:3], (oct(0o100755), 0, 0), "root's, not set-ID")
        self.assertEqual(self.rpm("-Va").out, "")

    def test_user_added_by_pre_in_a_fresh_root(self):
        # the shell comes in the same transaction: the %pre runs once the files are in place
        self.both("install", "busybox-sh", "svc-daemon")
        self.check_same()

    def test_user_added_by_pre_and_an_existing_directory(self):
        for root in (self.root, self.dnf_root):
            os.makedirs(os.path.join(root, "var/spool/svc"))
            os.chmod(os.path.join(root, "var/spool/svc"), 0o777)
        self.both("install", "busybox-sh")
        self.both("install", "svc-daemon")  # the %pre runs before the files are staged
        self.check_same()
        self.assertEqual(self.metadata(self.root)["var/spool/svc"][:3], (oct(0o40700), 990, 990))

    def test_nocaps_sets_no_file_capabilities_as_in_dnf(self):
        self.both("--setopt=tsflags=nocaps", "install", "busybox-sh", "svc-daemon")
        mine = self.metadata(self.root)
        self.assertEqual(mine, self.metadata(self.dnf_root))
        self.assertIsNone(mine["usr/bin/svc-ping"][3])

    def test_a_crash_after_the_renames_still_gives_the_owners(self):
        # The owners that waited for the %pre's user are given by the run that completes the
        # transaction (they were lost, and set-ID files stayed root's)
        self.both("install", "busybox-sh")
        self.assertEqual(self.on_dnf_root("-y", "install", "svc-daemon").rc, 0)
        r = self.mpm("-y", "install", "svc-daemon", env={"MPM_FAULT": "renaming"})
        self.assertNotEqual(r.rc, 0, r)
        self.assertIn("completed the interrupted transaction", self.ok("list", "--installed").err)
        self.check_same()

    def test_a_directory_two_packages_give_different_modes_is_a_conflict(self):
        # rpm's rule: a shared directory must agree in mode and owner (mpm took the second and
        # then changed the first one's directory)
        self.both("install", "share-a")
        for args in (["install", "share-b"], ["install", "share-a", "share-b"]):
            self.assertNotEqual(self.on_dnf_root("-y", *args).rc, 0)
        r = self.fails(1, "-y", "install", "share-b")
        self.assertIn("directory /opt/shared of share-b-1.0-1.noarch conflicts with the directory of "
                      "installed package share-a-1.0-1.noarch (mode 0711 against 0755)", r.err)
        self.ok("-y", "remove", "share-a")
        r = self.fails(1, "-y", "install", "share-a", "share-b")
        self.assertRegex(r.err, r"directory /opt/shared of share-[ab]-1.0-1.noarch conflicts with the directory "
                                r"of share-[ab]-1.0-1.noarch \(mode 07[15][15] against 07[15][15]\)")
        self.assertNotIn("share-b", " ".join(self.rpm_qa()))
