"""The RPM database is the record of what is installed: what mpm installs, rpm and dnf see and
verify; what rpm and dnf install, mpm sees, upgrades and removes; roots of older mpm versions
are moved into it; trusted keys are rpm's gpg-pubkey entries too."""
import glob
import hashlib
import os
import re
import sqlite3
import subprocess
import unittest
from pathlib import Path

import harness
from harness import DNF, MpmTestCase, fixture, skip_class_unless


class RpmSeesMpm(MpmTestCase):
    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))
        self.write_repo("updates", fixture("updates"), enabled="0")

    def installed(self):
        return sorted(p["nevra"] for p in self.ok("list", "--installed", "--json").json())

    def test_rpm_lists_and_verifies_what_mpm_installed(self):
        self.ok("-y", "install", "hello-1.0", "greet-config")
        self.assertEqual(self.rpm_qa(), self.installed())
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64", "greet-config-2:1.0-1.noarch",
                                            "hello-0:1.0-1.noarch", "libgreet-0:2.0-1.x86_64"])
        verify = self.rpm("-Va")
        self.assertEqual((verify.rc, verify.out), (0, ""), verify)
        # Fedora's layout: the database in /usr/lib/sysimage/rpm, /var/lib/rpm pointing at it.
        self.assertTrue(os.path.exists(os.path.join(self.root, "usr/lib/sysimage/rpm/rpmdb.sqlite")))
        self.assertEqual(os.readlink(os.path.join(self.root, "var/lib/rpm")), "../../usr/lib/sysimage/rpm")
        # rpm's own queries agree with mpm's.
        self.assertEqual(self.rpm("-qf", "/usr/bin/hello").out, "hello-1.0-1.noarch\n")
        self.assertEqual(self.rpm("-q", "--whatprovides", "/bin/sh").out, "bash-lite-5.1-1.x86_64\n")
        self.assertEqual(self.ok("repoquery", "--installed", "--whatprovides", "/bin/sh", "--qf", "%{name}").out,
                         "bash-lite\n")
        erase = self.rpm("-e", "--test", "libgreet")
        self.assertNotEqual(erase.rc, 0)
        self.assertIn("is needed by (installed) hello-1.0-1.noarch", erase.err)
        plan = self.mpm("--assumeno", "remove", "libgreet", "--json").json()
        removed = {s["name"]: s["reason"] for s in plan["transaction"]}
        self.assertEqual(removed["hello"], "dependent", "mpm takes what rpm says needs it")

    def test_a_relative_installroot_is_the_working_directorys(self):
        # librpm takes a root relative to /: a relative one put the database under the host's /.
        unique = os.path.join(self.tmp, "relative-" + os.path.basename(self.tmp))
        os.rename(self.root, unique)
        self.root = unique
        parent, name = os.path.split(self.root)
        proc = subprocess.run([harness.MPM, "--installroot", name + "/", "-y", "install", "hello-1.0"], cwd=parent,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertFalse(os.path.exists(os.path.join("/", name)), "nothing made under the host's /")
        self.assertIn("hello-0:1.0-1.noarch", self.rpm_qa())
        self.assertEqual(self.rpm_qa(), self.installed())
        self.assertEqual(self.rpm("-Va").out, "")

    def test_a_damaged_header_is_named_with_the_command_that_repairs_it(self):
        # The header's package is left out of @System: every install said "the RPM database
        # changed while mpm was working ... run the command again", forever.
        self.ok("-y", "install", "hello-1.0")
        db = os.path.join(self.root, "usr/lib/sysimage/rpm/rpmdb.sqlite")
        with sqlite3.connect(db) as con:
            hnum = con.execute("SELECT hnum FROM Packages ORDER BY hnum LIMIT 1").fetchone()[0]
            blob = bytearray(con.execute("SELECT blob FROM Packages WHERE hnum = ?", (hnum,)).fetchone()[0])
            for i in range(200, 260):
                blob[i] ^= 0xff
            con.execute("UPDATE Packages SET blob = ? WHERE hnum = ?", (bytes(blob), hnum))
        before = self.rpm("-qa").out
        r = self.fails(1, "-y", "install", "greet-config")
        self.assertIn(f"holds a damaged package header (instance {hnum}); nothing was changed", r.err)
        self.assertIn(f"'rpm --root {self.root} --dbpath /usr/lib/sysimage/rpm --rebuilddb'", r.err)
        self.assertEqual(self.rpm("-qa").out, before)
        self.assertEqual(self.rpm("--rebuilddb").rc, 0)
        self.ok("-y", "install", "greet-config")

    def test_upgrade_and_remove_keep_rpm_in_step(self):
        self.ok("-y", "install", "hello-1.0", "greet-config")
        self.ok("-y", "--enablerepo=updates", "upgrade")
        self.assertEqual(self.rpm_qa(), self.installed())
        self.assertIn("hello-0:3.0-1.noarch", self.rpm_qa())
        self.assertEqual(self.rpm("-Va").out, "")
        self.ok("-y", "remove", "greet-config", "hello")
        self.assertEqual(self.rpm_qa(), self.installed())
        self.assertEqual(self.rpm_qa(), [], "unused dependencies went too")
        self.assertEqual(self.rpm("-qa").out, "")

    def test_nodocs_reinstall_and_downgrade(self):
        self.ok("-y", "install", "--nodocs", "hello-1.0")
        self.assertEqual(self.rpm("-Va").out, "", "left-out documentation is recorded as not installed")
        self.ok("-y", "reinstall", "hello")
        self.assertEqual(self.rpm_qa(), self.installed())
        self.assertEqual(len([p for p in self.rpm_qa() if p.startswith("hello-")]), 1)
        self.ok("-y", "install", "hello")
        self.ok("-y", "downgrade", "hello")
        self.assertIn("hello-0:1.0-1.noarch", self.rpm_qa())
        self.assertEqual(self.rpm("-Va").out, "")

    def test_a_root_with_its_own_rpm_macros_keeps_its_database_there(self):
        macros = Path(self.root, "usr/lib/rpm/macros")
        macros.parent.mkdir(parents=True)
        macros.write_text("%_var /var\n%_dbpath %{_var}/lib/rpm\n")
        self.ok("-y", "install", "bash-lite")
        self.assertTrue(os.path.exists(os.path.join(self.root, "var/lib/rpm/rpmdb.sqlite")))
        self.assertFalse(os.path.islink(os.path.join(self.root, "var/lib/rpm")))
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/lib/sysimage/rpm")))
        r = self.rpm("--dbpath", "/var/lib/rpm", "-qa")
        self.assertEqual(r.out, "bash-lite-5.1-1.x86_64\n")

    def test_the_roots_install_langs_and_excludedocs_leave_files_out_as_rpm_does(self):
        """An image's own rpm configuration (Fedora's containers keep only C.utf8): files of
        other languages, and documentation, are left out and recorded as not installed, as
        rpm given the same macros does."""
        self.write_repo("scripts", fixture("scripts"))
        rpmfile = glob.glob(os.path.join(fixture("scripts"), "i18n-pkg-1.0*.rpm"))[0]
        reference = os.path.join(self.tmp, "reference")
        # rpm reads etc/rpm/macros after etc/rpm/macros.*: its languages win
        Path(self.root, "etc/rpm").mkdir(parents=True, exist_ok=True)
        Path(self.root, "etc/rpm/macros.image-language-conf").write_text("%_install_langs fr\n%_excludedocs 1\n")
        Path(self.root, "etc/rpm/macros").write_text("%_install_langs C.utf8:de_DE.UTF-8:pt\n")
        r = self.rpm("-i", "--nodeps", "--define", "_install_langs C.utf8:de_DE.UTF-8:pt",
                     "--define", "_excludedocs 1", rpmfile, root=reference)
        self.assertEqual(r.rc, 0, r)
        self.ok("-y", "install", "i18n-pkg")

        def state(root):
            listed = self.rpm("-q", "--qf", "[%{FILESTATES:fstate} %{FILENAMES}\n]", "i18n-pkg", root=root).out
            on_disk = []
            for p in sorted(p for p in self.tree(root) if "i18n-pkg" in p):
                st = os.lstat(os.path.join(root, p))
                on_disk.append(p if not os.path.isfile(os.path.join(root, p)) else (p, st.st_size, st.st_nlink))
            return listed, on_disk
        mine = state(self.root)
        self.assertEqual(mine, state(reference))
        disk = {p if isinstance(p, str) else p[0]: p for p in mine[1]}
        self.assertIn("usr/share/locale/de/LC_MESSAGES/i18n-pkg.mo", disk)
        self.assertNotIn("usr/share/locale/fr/LC_MESSAGES/i18n-pkg.mo", disk)
        self.assertNotIn("usr/share/locale/pt_BR/LC_MESSAGES/i18n-pkg.mo", disk, "pt does not begin with pt_BR")
        self.assertNotIn("usr/share/doc/i18n-pkg/README", disk)
        self.assertNotIn("usr/share/doc/i18n-pkg", disk, "a directory only left-out files were in")
        self.assertNotIn("usr/share/i18n-pkg/fr-only", disk)
        # hard link sets keep their data when the member carrying it, or the first, is left out
        self.assertEqual(disk["usr/share/i18n-pkg/hl-a"][1:], (len("linked data\n"), 2))
        self.assertEqual(disk["usr/share/i18n-pkg/hm-m"][1:], (len("linked too\n"), 2))
        self.assertIn("not installed /usr/share/locale/fr/LC_MESSAGES/i18n-pkg.mo", mine[0])
        self.assertEqual(self.rpm("-Va").out, "")

    def test_a_damaged_database_is_refused_before_anything_changes(self):
        # A Berkeley DB "Packages" file (EL8 images keep one) that is not even that.
        bdb = Path(self.root, "usr/lib/sysimage/rpm")
        bdb.mkdir(parents=True)
        (bdb / "Packages").write_bytes(b"\0" * 4096)
        r = self.fails(1, "-y", "install", "bash-lite")
        self.assertIn("cannot read the RPM database in " + str(bdb), r.err)
        self.assertIn("not a berkeley db", r.err)
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/bin/bash-lite")))
        self.assertEqual(sorted(os.listdir(bdb)), ["Packages"])

    def test_rpmdb_path_in_mpm_conf(self):
        self.write_conf("[main]\nrpmdb_path=/opt/rpmdb\n")
        self.ok("-y", "install", "bash-lite")
        self.assertTrue(os.path.exists(os.path.join(self.root, "opt/rpmdb/rpmdb.sqlite")))
        self.assertEqual(self.rpm("--dbpath", "/opt/rpmdb", "-qa").out, "bash-lite-5.1-1.x86_64\n")
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64"])


class MpmSeesRpm(MpmTestCase):
    def setUp(self):
        super().setUp()
        self.repo = fixture("base")
        self.write_repo("base", self.repo)
        self.write_repo("trouble", fixture("trouble"))

    def rpm_install(self, *names):
        files = [glob.glob(os.path.join(self.repo, n + "*.rpm"))[0] for n in names]
        r = self.rpm("-i", "--nodeps", "--nosignature", *files)
        self.assertEqual(r.rc, 0, r)

    def info(self, name):
        return next(p for p in self.ok("list", "--installed", "--json").json() if p["name"] == name)

    def test_packages_rpm_installed_are_installed_for_mpm(self):
        self.rpm_install("bash-lite-5.1", "libgreet-1.0", "hello-1.0")
        listed = self.ok("list", "--installed", "--json").json()
        self.assertEqual(sorted(p["nevra"] for p in listed), self.rpm_qa())
        hello = self.info("hello")
        self.assertEqual((hello["reason"], hello["from_repo"]), ("external", ""))
        self.assertRegex(self.ok("info", "--installed", "hello").out, r"\nReason\s+: external\n")
        # Nothing to install: naming it only makes it the user's.
        r = self.ok("-y", "install", "hello-1.0", "--json")
        self.assertEqual(r.json()["result"], "nothing-to-do")
        self.assertIn("it is now marked as installed by you", r.err)
        self.assertEqual(self.info("hello")["reason"], "user", "named in an install: now the user's")
        # autoremove never takes what another tool installed.
        self.assertEqual(self.ok("-y", "autoremove", "--json").json()["result"], "nothing-to-do")

    def test_mpm_upgrades_and_removes_what_rpm_installed(self):
        self.rpm_install("bash-lite-5.1", "libgreet-1.0", "hello-1.0")
        r = self.ok("-y", "upgrade")
        self.assertIn("replacing hello-1.0-1.noarch", r.out)
        self.assertEqual(sorted(self.rpm_qa()),
                         ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch", "libgreet-0:2.0-1.x86_64"])
        self.assertEqual(self.rpm("-Va").out, "")
        self.assertEqual(Path(self.root, "usr/bin/hello").read_text(), "#!/bin/sh\necho hello 2\n")
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/lib64/libgreet.so.1")),
                         "the files of the version rpm installed went with it")
        self.ok("-y", "remove", "hello")
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/bin/hello")))
        self.assertNotIn("hello", " ".join(self.rpm_qa()))

    def test_a_database_in_var_lib_rpm_without_rpm_macros_is_the_roots(self):
        # A minimal image (ubi-micro): its database where EL9 keeps it, and no rpm in it to say so.
        files = [glob.glob(os.path.join(self.repo, n + "*.rpm"))[0] for n in ("bash-lite-5.1", "libgreet-1.0")]
        r = self.rpm("--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--nosignature", *files)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.installed_names(), ["bash-lite", "libgreet"])
        self.ok("-y", "install", "hello-1.0")
        self.assertEqual(sorted(self.rpm("--dbpath", "/var/lib/rpm", "-qa", "--qf", "%{name}\n").out.split()),
                         ["bash-lite", "hello", "libgreet"])
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/lib/sysimage/rpm")), "no second database")

    def installed_names(self):
        return sorted(p["name"] for p in self.ok("list", "--installed", "--json").json())

    def test_a_file_rpm_installed_is_a_conflict(self):
        self.rpm_install("bash-lite-5.1", "libgreet-2.0", "hello-2.0")
        before = Path(self.root, "usr/bin/hello").read_text()
        r = self.fails(1, "-y", "install", "clashes-hello")
        self.assertIn("file /usr/bin/hello of clashes-hello-1.0-1.noarch conflicts with the file of "
                      "installed package hello-2.0-1.noarch", r.err)
        self.assertEqual(Path(self.root, "usr/bin/hello").read_text(), before)

    def test_a_conflict_found_while_the_database_is_written_changes_nothing(self):
        # mpm-rpmdb-writer is handed the headers before the file conflicts are checked: a
        # refusal then leaves no database where there was none, and rpm's as it was.
        fresh = self.root_tree()
        r = self.fails(1, "-y", "install", "hello", "clashes-hello")
        self.assertIn("file /usr/bin/hello of ", r.err)
        self.assertIn(" conflicts with the file of ", r.err)
        self.assertEqual(self.root_tree(), fresh)
        self.rpm_install("bash-lite-5.1", "libgreet-2.0")
        before = self.root_tree()
        self.fails(1, "-y", "install", "hello", "clashes-hello")
        self.assertEqual(self.root_tree(), before)
        self.assertEqual(sorted(self.rpm_qa()), ["bash-lite-0:5.1-1.x86_64", "libgreet-0:2.0-1.x86_64"])

    def test_a_crash_while_the_writer_works_before_the_journal_changes_nothing(self):
        # rpmdb-begun: mpm killed 0.3 s after it handed the writer the headers, its journal not
        # written yet. In an empty root the writer makes no database before the journal has the
        # transaction (no recovery would know of one); in a root rpm made, its writes die
        # uncommitted with it. Either way the next run has nothing to recover.
        fresh = self.root_tree()
        r = self.mpm("-y", "install", "hello", env={"MPM_FAULT": "rpmdb-begun"})
        self.assertEqual(r.rc, -9, r)
        self.assertEqual(self.root_tree(), fresh)
        self.rpm_install("bash-lite-5.1", "libgreet-2.0")
        before = self.root_tree()
        r = self.mpm("-y", "install", "hello", env={"MPM_FAULT": "rpmdb-begun"})
        self.assertEqual(r.rc, -9, r)
        self.assertEqual(self.root_tree(), before)
        self.assertEqual(self.rpm("-Va").out, "")
        self.ok("-y", "install", "hello")
        self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa())

    def test_a_writer_that_dies_leaves_the_database_rpm_made_as_it_was(self):
        # rpm's layout has no var/lib/rpm link: the writer, which opens the database with every
        # transaction, makes none (it did, and a refused transaction left it behind).
        self.rpm_install("bash-lite-5.1", "libgreet-2.0")
        before = self.root_tree()
        r = self.mpm("-y", "install", "hello", env={"MPM_FAULT": "rpmdb-prepared"})
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(self.root_tree(), before)
        self.assertFalse(os.path.lexists(os.path.join(self.root, "var/lib/rpm")))

    def test_a_change_between_runs_is_noticed(self):
        self.rpm_install("bash-lite-5.1", "unicode-pkg-1.0")
        self.assertIn("unicode-pkg-0:1.0-1.noarch", [p["nevra"] for p in self.ok("list", "--installed", "--json").json()])
        self.assertEqual(self.rpm("-e", "unicode-pkg").rc, 0)
        self.assertNotIn("unicode-pkg", [p["name"] for p in self.ok("list", "--installed", "--json").json()])
        self.rpm_install("old-greeter-0.9")
        self.assertIn("old-greeter", [p["name"] for p in self.ok("-C", "list", "--installed", "--json").json()])


    def read(self, *args):
        """(kept from the cache, headers read) as -v says it, and the installed NEVRAs."""
        r = self.ok("-v", "-C", "list", "--installed", "--json", *args)
        m = re.search(r"installed packages: (\d+) from the cache, (\d+) headers read", r.err)
        counts = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        return counts, sorted(p["nevra"] for p in r.json())

    def test_after_a_change_only_the_changed_headers_are_read(self):
        self.rpm_install("bash-lite-5.1", "libgreet-1.0", "hello-1.0")
        self.assertEqual(self.read()[0], (0, 3), "no cache yet: every header")
        self.assertEqual(self.read()[0], (3, 0), "unchanged: the cache alone")
        # Another tool adds one package: the next run reads that one header.
        self.rpm_install("unicode-pkg-1.0")
        counts, listed = self.read()
        self.assertEqual(counts, (3, 1))
        self.assertEqual(listed, self.rpm_qa())
        # mpm upgrades two and removes one; an rpm -e beside it.
        self.ok("-y", "upgrade", "hello")
        self.ok("-y", "remove", "unicode-pkg")
        self.assertEqual(self.rpm("-e", "--nodeps", "bash-lite").rc, 0)
        counts, listed = self.read()
        self.assertEqual(listed, self.rpm_qa())
        # The removal's run read the two upgraded headers; this one drops two entries, reads none.
        self.assertEqual(counts, (2, 0))
        self.assertEqual(self.read()[0], (2, 0))
        # The same package installed again is a new instance (rpm never reuses one): read.
        self.assertEqual(self.rpm("-e", "--nodeps", "hello").rc, 0)
        self.rpm_install("hello-1.0")
        counts, listed = self.read()
        self.assertEqual(listed, self.rpm_qa())
        self.assertEqual(counts, (1, 1))
        # An instance whose header digest is not the one the cache has is read again.
        db = glob.glob(os.path.join(self.root, "usr/lib/sysimage/rpm/rpmdb.sqlite"))[0]
        with sqlite3.connect(db) as c:
            changed = c.execute("UPDATE Sha1header SET key = '0000000000000000000000000000000000000000' "
                                "WHERE hnum = (SELECT MIN(hnum) FROM Sha1header)").rowcount
        self.assertEqual(changed, 1)
        self.assertEqual(self.read(), ((1, 1), listed))

    def test_reading_the_database_keeps_the_system_cache(self):
        # rpm leaves an empty WAL beside rpmdb.sqlite, and every reader (rpm -q, or mpm reading
        # @System) truncates it again, which moves its ctime: that must not count as a change,
        # or a warm run re-reads every header after the database was once opened.
        self.ok("-y", "install", "hello")
        self.ok("-C", "list", "--installed")
        cache = glob.glob(os.path.join(self.root, "var/cache/mpm/system-*.solv"))
        self.assertEqual(len(cache), 1)
        def stamp():
            st = os.stat(cache[0])
            return (st.st_ino, st.st_mtime_ns)
        before = stamp()
        self.assertEqual(self.rpm("-qa").rc, 0)
        listed = self.ok("-C", "list", "--installed").out
        self.ok("-C", "list", "--installed")
        self.assertEqual(stamp(), before, "the @System cache was rebuilt though nothing changed")
        # A real change still is one.
        self.assertEqual(self.rpm("-e", "--nodeps", "hello").rc, 0)
        self.assertNotEqual(self.ok("-C", "list", "--installed").out, listed)


class DnfAndMpm(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")

    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))

    def test_dnf_installs_into_an_mpm_root(self):
        self.ok("-y", "install", "bash-lite")
        r = self.dnf("-y", "install", "hello")
        self.assertEqual(r.rc, 0, r)
        listed = {p["name"]: p for p in self.ok("list", "--installed", "--json").json()}
        self.assertEqual(sorted(listed), ["bash-lite", "hello", "libgreet"])
        # dnf's own reasons come along (its history.sqlite).
        self.assertEqual((listed["hello"]["reason"], listed["libgreet"]["reason"]), ("user", "dependency"))
        self.assertEqual(listed["hello"]["from_repo"], "base")
        self.assertEqual(listed["bash-lite"]["reason"], "user", "mpm's own reason for what it installed")
        self.ok("-y", "remove", "hello")
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64"], "libgreet was only needed by hello")

    def test_mpm_installs_into_a_dnf_root(self):
        r = self.dnf("-y", "install", "bash-lite")
        self.assertEqual(r.rc, 0, r)
        self.ok("-y", "install", "hello")
        r = self.dnf("list", "--installed")
        self.assertEqual(r.rc, 0, r)
        for name in ("bash-lite", "hello", "libgreet"):
            self.assertIn(name, r.out)
        r = self.dnf("-y", "remove", "hello")
        self.assertEqual(r.rc, 0, r)
        self.assertNotIn("hello", [p["name"] for p in self.ok("list", "--installed", "--json").json()])


class OlderMpmRoots(MpmTestCase):
    """A root an mpm older than the RPM database made: its packages only in mpm.sqlite (schema
    3). The next run moves them into the RPM database."""

    SCHEMA_3 = """
    CREATE TABLE packages (id INTEGER PRIMARY KEY, name TEXT NOT NULL, epoch INTEGER NOT NULL,
        version TEXT NOT NULL, release TEXT NOT NULL, arch TEXT NOT NULL, repo TEXT NOT NULL,
        reason TEXT NOT NULL, install_time INTEGER NOT NULL, download_size INTEGER NOT NULL DEFAULT 0,
        install_size INTEGER NOT NULL DEFAULT 0, buildtime INTEGER NOT NULL DEFAULT 0, checksum TEXT,
        summary TEXT, description TEXT, url TEXT, license TEXT, sourcerpm TEXT, module TEXT,
        UNIQUE (name, epoch, version, release, arch));
    CREATE TABLE deps (pkg INTEGER NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, dep TEXT NOT NULL);
    CREATE TABLE files (pkg INTEGER NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
        path TEXT NOT NULL, mode INTEGER NOT NULL, user TEXT NOT NULL, grp TEXT NOT NULL,
        digest TEXT NOT NULL, linkto TEXT NOT NULL, flags INTEGER NOT NULL, size INTEGER NOT NULL,
        mtime INTEGER NOT NULL);
    CREATE TABLE scriptlets (pkg INTEGER NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, interpreter TEXT NOT NULL, body TEXT NOT NULL);
    CREATE TABLE history (id INTEGER PRIMARY KEY, begin_time INTEGER NOT NULL, end_time INTEGER,
        cmdline TEXT NOT NULL, rc INTEGER);
    CREATE TABLE history_items (tid INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
        action TEXT NOT NULL, nevra TEXT NOT NULL, repo TEXT NOT NULL, reason TEXT NOT NULL);
    CREATE TABLE journal (id INTEGER PRIMARY KEY, tid INTEGER NOT NULL, plan TEXT NOT NULL,
        state TEXT NOT NULL);
    CREATE TABLE modules (name TEXT PRIMARY KEY, state TEXT NOT NULL, stream TEXT NOT NULL,
        profiles TEXT NOT NULL);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE gpg_keys (keyid TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, userid TEXT NOT NULL,
        armored TEXT NOT NULL, source TEXT NOT NULL, imported_at INTEGER NOT NULL);
    PRAGMA user_version = 3;
    """

    def old_root_with(self, rpm_file, reason):
        """What an older mpm left after installing rpm_file: its files on disk (unpacked by rpm
        into a scratch root) and its rows in mpm.sqlite, and no RPM database."""
        scratch = os.path.join(self.tmp, "scratch")
        os.makedirs(scratch, exist_ok=True)
        r = self.rpm("-i", "--nodeps", "--nosignature", "--noscripts", rpm_file, root=scratch)
        self.assertEqual(r.rc, 0, r)
        q = lambda fmt: self.rpm("-qp", "--qf", fmt, rpm_file, root=scratch).out
        name, epoch, version, release, arch = q("%{NAME} %{EPOCHNUM} %{VERSION} %{RELEASE} %{ARCH}").split()
        for rel in q("[%{FILENAMES}\n]").split("\n"):
            if rel:
                src = os.path.join(scratch, rel.lstrip("/"))
                dst = os.path.join(self.root, rel.lstrip("/"))
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                if os.path.islink(src):
                    os.symlink(os.readlink(src), dst)
                elif os.path.isfile(src):
                    Path(dst).write_bytes(Path(src).read_bytes())
                    st = os.stat(src)
                    os.chmod(dst, st.st_mode & 0o7777)
                    os.utime(dst, ns=(st.st_atime_ns, st.st_mtime_ns))
        db = os.path.join(self.root, "var/lib/mpm/mpm.sqlite")
        os.makedirs(os.path.dirname(db), exist_ok=True)
        with sqlite3.connect(db) as c:
            if not c.execute("SELECT name FROM sqlite_master WHERE name = 'packages'").fetchone():
                c.executescript(self.SCHEMA_3)
            cur = c.execute("INSERT INTO packages (name, epoch, version, release, arch, repo, reason, install_time,"
                            " install_size, summary, description, license) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                            (name, int(epoch), version, release, arch, "base", reason, 1700000000, 10,
                             q("%{SUMMARY}"), q("%{DESCRIPTION}"), q("%{LICENSE}")))
            pkg = cur.lastrowid
            for kind, tag in (("provides", "PROVIDES"), ("requires", "REQUIRES")):
                for dep in q(f"[%{{{tag}NEVRS}}\n]").split("\n"):
                    if dep and not dep.startswith("rpmlib("):
                        c.execute("INSERT INTO deps VALUES (?,?,?)", (pkg, kind, dep))
            rows = q("[%{FILENAMES}\t%{FILEMODES}\t%{FILEUSERNAME}\t%{FILEGROUPNAME}\t%{FILEDIGESTS}\t"
                     "%{FILELINKTOS}\t%{FILEFLAGS}\t%{FILESIZES}\t%{FILEMTIMES}\n]")
            for line in rows.split("\n"):
                if line:
                    path, mode, user, grp, digest, link, flags, size, mtime = line.split("\t")
                    c.execute("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?)",
                              (pkg, path, int(mode), user, grp, digest, link, int(flags), int(size), int(mtime)))

    def test_packages_an_older_mpm_recorded_move_into_the_rpm_database(self):
        repo = fixture("base")
        self.write_repo("base", repo)
        self.old_root_with(glob.glob(os.path.join(repo, "bash-lite-5.1*.rpm"))[0], "dependency")
        self.old_root_with(glob.glob(os.path.join(repo, "greet-extras-1.0*.rpm"))[0], "user")
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/lib/sysimage/rpm")))
        r = self.ok("list", "--installed", "--json")
        self.assertIn("moved 2 packages that an older mpm recorded only in its own database into "
                      "the RPM database at /usr/lib/sysimage/rpm", r.err)
        listed = {p["name"]: p for p in r.json()}
        self.assertEqual(sorted(listed), ["bash-lite", "greet-extras"])
        self.assertEqual(listed["bash-lite"]["reason"], "dependency")
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64", "greet-extras-0:1.0-1.noarch"])
        self.assertEqual(self.rpm("-Va").out, "", "the rebuilt headers verify against the files")
        self.assertIn("rebuilt by mpm", self.rpm("-qi", "greet-extras").out)
        # Once moved, nothing is moved again, and mpm works on them as on any package.
        self.assertNotIn("moved", self.ok("list", "--installed").err)
        self.ok("-y", "remove", "greet-extras")
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/share/greet/extras.txt")))
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64"])


class TrustedKeysForRpm(MpmTestCase):
    def test_imported_keys_are_gpg_pubkey_entries(self):
        home = os.path.join(self.tmp, "gnupg")
        os.makedirs(home, mode=0o700)
        env = dict(os.environ, GNUPGHOME=home)
        subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Rpm Test <rpm@example.org>",
                        "rsa2048", "sign", "never"], env=env, check=True, capture_output=True)
        key = os.path.join(self.tmp, "key.asc")
        Path(key).write_bytes(subprocess.run(["gpg", "--armor", "--export"], env=env, check=True,
                                             capture_output=True).stdout)
        self.ok("key", "import", key)
        short = self.ok("key", "list", "--json").json()[0]["short_id"].lower()
        self.assertEqual(self.rpm("-q", "gpg-pubkey").out.strip(), f"gpg-pubkey-{short}-" +
                         self.rpm("-q", "--qf", "%{RELEASE}", "gpg-pubkey").out.strip())
        self.assertEqual(self.ok("list", "--installed", "--json").json(), [], "a key is no package")
        self.ok("key", "remove", short)
        self.assertEqual(self.rpm("-q", "gpg-pubkey").rc, 1)


if __name__ == "__main__":
    unittest.main()
