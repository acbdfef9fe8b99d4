"""Installing for real: install, remove, upgrade into an installroot, with dnf as reference,
and the failures that must change nothing."""
import fcntl
import glob
import hashlib
import os
import shutil
import sqlite3
import stat
import struct
import subprocess
import time
import unittest
from pathlib import Path

import harness
import repos
from harness import DNF, MpmTestCase, fixture, skip_class_unless

IGNORED_TOP = {"var", "root", "tmp"}  # database, caches, dnf's rpmdb on Debian


def disk_state(root, rpmdb=True):
    """{path: (type, mode, content digest or link target)} of what packages put in the root
    (without the RPM database's files when rpmdb=False: two tools write different bytes)."""
    out = {}
    for base, dirs, files in os.walk(root):
        rel_base = os.path.relpath(base, root)
        if rel_base == ".":
            dirs[:] = [d for d in dirs if d not in IGNORED_TOP]
        for name in dirs + files:
            p = os.path.join(base, name)
            rel = "/" + os.path.relpath(p, root)
            if rel.startswith(("/etc/yum.repos.d", "/etc/dnf", "/etc/mpm")):
                continue
            # SQLite's shared-memory index of the RPM database: rewritten by every reader (rpm -q
            # too), not data. The database file itself is compared like any other.
            if rel.endswith("/rpmdb.sqlite-shm"):
                continue
            if not rpmdb and rel.startswith("/usr/lib/sysimage/rpm/"):
                continue
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(p))
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = ("dir",)
            else:
                out[rel] = ("file", oct(st.st_mode & 0o7777), hashlib.sha256(Path(p).read_bytes()).hexdigest())
    return out


def many_files():
    """A repository of one package with 300 files in 30 directories."""
    return harness.build({"packages": [
        {"name": "manyfiles", "version": "1.0", "release": "1", "arch": "noarch",
         "files": {f"/usr/share/manyfiles/d{i % 30:02d}/f{i:03d}.txt": f"{i}\n" for i in range(300)}}]})



def payload_offset(rpm):
    """Where an RPM file's payload begins: after the lead, the signature header (padded to 8
    bytes) and the header."""
    def header_end(at):
        tags, size = struct.unpack(">II", rpm[at + 8:at + 16])
        return at + 16 + tags * 16 + size
    signature_end = header_end(96)
    return header_end(signature_end + (8 - signature_end % 8) % 8)

class Install(MpmTestCase):
    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))

    def installed(self):
        return sorted(p["nevra"] for p in self.ok("list", "--installed", "--json").json())

    def db_rows(self, sql):
        with sqlite3.connect(os.path.join(self.root, "var/lib/mpm/mpm.sqlite")) as db:
            return db.execute(sql).fetchall()

    def test_a_file_two_packages_own_goes_with_the_last(self):
        # twin-a and twin-b ship the same file; twin-b also one of its own. Removing one keeps
        # what the other still owns (rpm's answer too); removing the other takes it.
        shared = {"/usr/share/twins/shared.txt": "the same\n"}
        self.write_repo("twins", harness.build({"packages": [
            repos.pkg("twin-a", "1.0", files=shared),
            repos.pkg("twin-b", "1.0", files=dict(shared, **{"/usr/share/twins/b.txt": "b\n"}))]}))
        self.ok("-y", "install", "twin-a", "twin-b")
        self.ok("-y", "remove", "twin-a")
        self.assertEqual(Path(self.root, "usr/share/twins/shared.txt").read_text(), "the same\n")
        self.assertEqual(self.rpm("-V", "twin-b").out, "")
        self.ok("-y", "remove", "twin-b")
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/share/twins/shared.txt")))
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/share/twins/b.txt")))

    def test_a_directory_where_a_file_goes_is_refused_before_anything_changes(self):
        # Renamed into place after the point of no return, the file failed there, and every
        # later command failed on the transaction it could neither finish nor undo.
        self.ok("-y", "install", "bash-lite")
        os.makedirs(os.path.join(self.root, "usr/bin/hello/sub"))
        before = disk_state(self.root)
        r = self.fails(1, "-y", "install", "hello")
        self.assertIn("/usr/bin/hello is a directory in", r.err)
        self.assertIn("move the directory away", r.err)
        self.assertEqual(disk_state(self.root), before)
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64"])
        self.assertEqual(self.ok("list", "--installed", "--json").json()[0]["name"], "bash-lite")
        shutil.rmtree(os.path.join(self.root, "usr/bin/hello"))
        self.ok("-y", "install", "hello")
        self.assertEqual(self.rpm("-Va").out, "")

    def test_a_file_left_out_is_no_packages_to_keep_or_to_conflict_with(self):
        # doc-a left its README out (--nodocs: rpm records it not installed). doc-b, shipping
        # another README there, does not conflict with it; removing doc-a keeps doc-b's copy;
        # removing doc-b then takes it although doc-a, installed again left out, lists it.
        readme = "/usr/share/doc/shared/README"
        self.write_repo("docs", harness.build({"packages": [
            repos.pkg("doc-a", "1.0", files={readme: {"content": "a\n", "doc": True},
                                              "/usr/share/doc-a/data": "a\n"}),
            repos.pkg("doc-b", "1.0", files={readme: {"content": "b\n", "doc": True}})]}))
        self.ok("-y", "install", "--nodocs", "doc-a")
        self.ok("-y", "install", "doc-b")
        self.assertEqual(Path(self.root, readme[1:]).read_text(), "b\n")
        self.ok("-y", "remove", "doc-a")
        self.assertEqual(Path(self.root, readme[1:]).read_text(), "b\n")
        self.ok("-y", "install", "--nodocs", "doc-a")
        self.ok("-y", "remove", "doc-b")
        self.assertFalse(os.path.exists(os.path.join(self.root, readme[1:])))
        # And a file the user put where a left-out copy would be stays with the package's removal.
        Path(self.root, readme[1:]).write_text("mine\n")
        self.ok("-y", "remove", "doc-a")
        self.assertEqual(Path(self.root, readme[1:]).read_text(), "mine\n")

    def test_a_path_through_a_symlinked_directory_is_the_same_file(self):
        # With /lib -> usr/lib, /lib/one.txt is /usr/lib/one.txt: another content there
        # conflicts, the same content does not, and the file stays while one of its owners does
        # (rpm's answers, whose fingerprints resolve directories the same way).
        self.write_repo("links", harness.build({"packages": [
            repos.pkg("usrlink", "1.0", symlinks={"/lib": "usr/lib"}, files={"/usr/lib/.keep": "k\n"}),
            repos.pkg("libone", "1.0", files={"/usr/lib/one.txt": "one\n"}),
            repos.pkg("libone-compat", "1.0", files={"/lib/one.txt": "compat\n"}),
            repos.pkg("libone-same", "1.0", files={"/lib/one.txt": "one\n"})]}))
        self.ok("-y", "install", "usrlink", "libone")
        r = self.fails(1, "-y", "install", "libone-compat")
        self.assertIn("file /lib/one.txt of libone-compat-1.0-1.noarch conflicts with the file of "
                      "installed package libone-1.0-1.noarch (/usr/lib/one.txt)", r.err)
        self.ok("-y", "install", "libone-same")
        self.ok("-y", "remove", "libone")
        self.assertEqual(Path(self.root, "usr/lib/one.txt").read_text(), "one\n")
        self.ok("-y", "remove", "libone-same")
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/lib/one.txt")))

    def test_install_puts_files_modes_and_links_in_place(self):
        r = self.ok("-y", "install", "hello")
        self.assertRegex(r.out, r"Installing:\n hello\s+noarch\s+2\.0-1\s+base")
        self.assertRegex(r.out, r"Installing dependencies:\n( \S+.*\n)*? libgreet\s+x86_64\s+2\.0-1")
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch", "libgreet-0:2.0-1.x86_64"])
        hello = os.path.join(self.root, "usr/bin/hello")
        self.assertEqual(Path(hello).read_text(), "#!/bin/sh\necho hello 2\n")
        self.assertEqual(stat.S_IMODE(os.stat(hello).st_mode), 0o755)
        self.assertEqual(os.readlink(os.path.join(self.root, "bin/sh")), "../usr/bin/bash-lite")
        self.assertEqual(os.readlink(os.path.join(self.root, "usr/lib64/libgreet.so")), "libgreet.so.2")
        self.assertEqual(glob.glob(os.path.join(self.root, "**/*.mpm~"), recursive=True), [])
        reasons = dict(self.db_rows("SELECT name, reason FROM installed"))
        self.assertEqual(reasons, {"hello": "user", "libgreet": "dependency", "bash-lite": "dependency"})
        # The RPM database is the record: rpm sees the same packages and verifies their files.
        self.assertEqual(self.rpm_qa(), self.installed())
        self.assertEqual(self.rpm("-Va").out, "")
        self.assertRegex(self.ok("list", "--installed").out, r"hello\.noarch\s+2\.0-1\s+@base")
        # @System now answers queries, file dependencies included.
        self.assertEqual(self.ok("repoquery", "--installed", "--whatprovides", "/usr/bin/hello", "--qf", "%{name}").out,
                         "hello\n")

    def test_json_transaction_and_nothing_to_do(self):
        r = self.ok("-y", "install", "bash-lite", "--json")
        self.assertEqual(r.json()["result"], "done")
        self.assertEqual([(s["action"], s["name"], s["reason"]) for s in r.json()["transaction"]],
                         [("install", "bash-lite", "user")])
        again = self.ok("-y", "install", "bash-lite", "--json")
        self.assertEqual(again.json()["result"], "nothing-to-do")
        self.assertIn("Nothing to do", self.ok("-y", "install", "bash-lite").out)

    def test_weak_dependencies_follow_install_weak_deps(self):
        r = self.ok("-y", "install", "greet-extras", "--json")
        self.assertIn(("greet-config", "weak-dependency"), [(s["name"], s["reason"]) for s in r.json()["transaction"]])
        self.tmp_root2 = None
        r = self.ok("-y", "--setopt=install_weak_deps=0", "remove", "greet-config", "--json")
        r = self.ok("-y", "--setopt=install_weak_deps=0", "install", "greet-extras", "--json")
        self.assertEqual(r.json()["result"], "nothing-to-do")

    def test_remove_takes_dependents_and_unused_dependencies(self):
        self.ok("-y", "install", "hello", "greet-config", "greet-extras")
        r = self.ok("-y", "remove", "hello")
        self.assertIn("Removing dependent packages:\n greet-config", r.out)
        self.assertIn("Removing unused dependencies:\n libgreet", r.out)
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64", "greet-extras-0:1.0-1.noarch"])
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/bin/hello")))
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/lib64/libgreet.so.2")))
        self.assertTrue(os.path.exists(os.path.join(self.root, "usr/share/greet/extras.txt")))
        # dnf's contract, which `set -e` scripts rely on: removing what is not there succeeds,
        # says so, and changes nothing.
        before = self.installed()
        r = self.ok("-y", "remove", "nosuch")
        self.assertEqual(r.err, "Warning: no match for argument: nosuch (no installed package matches it)\n")
        self.assertIn("Nothing to do.", r.out)
        self.assertEqual(self.installed(), before)

    def test_remove_keeps_what_the_user_installed_on_purpose(self):
        self.ok("-y", "install", "hello")
        self.ok("-y", "install", "libgreet")  # already there as a dependency: now the user's
        r = self.ok("-y", "remove", "hello", "--json")
        # bash-lite was only there for hello's /bin/sh: it goes; libgreet is the user's: it stays.
        self.assertEqual(sorted((s["name"], s["reason"]) for s in r.json()["transaction"]),
                         [("bash-lite", "unused-dependency"), ("hello", "user")])
        self.assertEqual(self.installed(), ["libgreet-0:2.0-1.x86_64"])

    def test_upgrade_replaces_files_and_keeps_reason(self):
        # hello-1.0 alone would get libgreet 2.0 (the best match of "libgreet >= 1.0").
        self.ok("-y", "install", "hello-1.0", "libgreet-1.0")
        self.assertTrue(os.path.exists(os.path.join(self.root, "usr/share/doc/hello/README")))
        self.assertTrue(os.path.exists(os.path.join(self.root, "usr/lib64/libgreet.so.1")))
        r = self.ok("-y", "upgrade")
        self.assertIn("Upgrading:", r.out)
        self.assertIn("replacing hello-1.0-1.noarch", r.out)
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch", "libgreet-0:2.0-1.x86_64"])
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/share/doc/hello/README")), "file the new version no longer ships")
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/lib64/libgreet.so.1")))
        self.assertEqual(os.readlink(os.path.join(self.root, "usr/lib64/libgreet.so")), "libgreet.so.2")
        # Both were named by the user; an upgrade keeps that (it would say "dependency" otherwise).
        reasons = dict(self.db_rows("SELECT name, reason FROM installed"))
        self.assertEqual((reasons["hello"], reasons["libgreet"], reasons["bash-lite"]), ("user", "user", "dependency"))
        self.assertEqual(self.rpm_qa(), self.installed())
        self.assertEqual(self.ok("-y", "upgrade", "--json").json()["result"], "nothing-to-do")

    def test_hard_links_and_ghosts(self):
        self.write_repo("scripts", fixture("scripts"))
        self.ok("-y", "install", "linked")
        a, b = Path(self.root, "usr/share/linked/a"), Path(self.root, "usr/share/linked/b")
        self.assertEqual(os.stat(a).st_ino, os.stat(b).st_ino)
        self.assertEqual(b.read_text(), "same inode\n")
        ghost = Path(self.root, "var/log/linked.log")
        self.assertFalse(ghost.exists(), "%ghost files are recorded, not written")
        self.assertEqual(self.rpm("-qf", "/var/log/linked.log").out, "linked-1.0-1.noarch\n")
        self.assertEqual(self.rpm("-V", "linked").out, "")
        ghost.parent.mkdir(parents=True, exist_ok=True)
        ghost.write_text("written by the program\n")
        self.ok("-y", "remove", "linked")
        self.assertFalse(ghost.exists() or a.exists() or b.exists())

    def test_skip_broken(self):
        self.write_repo("trouble", fixture("trouble"))
        r = self.fails(1, "-y", "install", "needs-missing", "bash-lite")
        self.assertIn("libnowhere", r.err)
        r = self.ok("-y", "install", "--skip-broken", "needs-missing", "bash-lite", "--json")
        self.assertEqual(r.json()["skipped"], ["needs-missing-1.0-1.noarch"])
        self.assertIn("skipped needs-missing-1.0-1.noarch", r.err)
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64"])

    def test_nodocs(self):
        self.ok("-y", "install", "--nodocs", "hello-1.0")
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr/share/doc/hello/README")))
        self.assertTrue(os.path.exists(os.path.join(self.root, "usr/bin/hello")))
        # rpm records the left-out documentation as not installed, so rpm -V does not miss it.
        states = self.rpm("-q", "--qf", "[%{FILENAMES} %{FILESTATES:fstate}\n]", "hello").out
        self.assertIn("/usr/share/doc/hello/README not installed", states)
        self.assertEqual(self.rpm("-V", "hello").out, "")

    def test_config_files_the_user_changed_are_kept(self):
        self.write_repo("updates", fixture("updates"), enabled="0")
        self.ok("-y", "install", "greet-config")
        conf = Path(self.root, "etc/greet.conf")
        conf.write_text("greeting=mine\n")
        r = self.ok("-y", "--enablerepo=updates", "upgrade", "greet-config")
        self.assertIn("/etc/greet.conf.rpmnew", r.err)
        self.assertEqual(conf.read_text(), "greeting=mine\n")
        self.assertEqual(Path(self.root, "etc/greet.conf.rpmnew").read_text(), "greeting=hello there\n")
        # A plain %config file changed by the user is saved as .rpmsave on removal.
        plain = Path(self.root, "etc/greet.d/plain.conf")
        plain.write_text("plain=mine\n")
        self.ok("-y", "remove", "greet-config")
        self.assertEqual(Path(self.root, "etc/greet.d/plain.conf.rpmsave").read_text(), "plain=mine\n")
        self.assertFalse(plain.exists())

    def test_a_config_file_the_package_did_not_change_stays_the_users(self):
        """rpm's rule: the old and the new package ship the same file, so the user's edit is
        kept as it is, with no .rpmnew nor .rpmsave (mpm wrote a .rpmnew)."""
        files = lambda v: {"/etc/keep.conf": {"content": "a=1\n", "config": "noreplace"},
                           "/etc/keep-plain.conf": {"content": "b=1\n", "config": True},
                           "/usr/share/keep/version": f"{v}\n"}
        self.write_repo("keep", harness.build({"packages": [
            harness.repos.pkg("keepconf", v, files=files(v)) for v in ("1.0", "2.0")]}))
        self.ok("-y", "install", "keepconf-1.0")
        for name in ("keep.conf", "keep-plain.conf"):
            Path(self.root, "etc", name).write_text("mine\n")
        r = self.ok("-y", "upgrade", "keepconf")
        self.assertNotIn("rpmnew", r.err)
        for name in ("keep.conf", "keep-plain.conf"):
            self.assertEqual(Path(self.root, "etc", name).read_text(), "mine\n")
        self.assertEqual(sorted(os.listdir(os.path.join(self.root, "etc"))),
                         ["keep-plain.conf", "keep.conf", "yum.repos.d"])
        self.assertEqual(self.rpm_qa(), ["keepconf-0:2.0-1.noarch"])

    def test_unchanged_config_is_replaced_silently(self):
        self.write_repo("updates", fixture("updates"), enabled="0")
        self.ok("-y", "install", "greet-config")
        r = self.ok("-y", "--enablerepo=updates", "upgrade", "greet-config")
        self.assertNotIn("rpmnew", r.err)
        self.assertEqual(Path(self.root, "etc/greet.conf").read_text(), "greeting=hello there\n")


class OverHttp(MpmTestCase):
    def setUp(self):
        super().setUp()
        self.srv = self.serve(fixture("base"))
        self.write_repo("web", self.srv.url)

    def packages_dir(self):
        return glob.glob(os.path.join(self.root, "var/cache/mpm/web-*/packages"))

    def test_install_downloads_verifies_and_drops_the_cache(self):
        self.ok("-y", "install", "hello")
        got = sorted(p for p in self.srv.requests if p.endswith(".rpm"))
        self.assertEqual(got, ["/bash-lite-5.1-1.x86_64.rpm", "/hello-2.0-1.noarch.rpm", "/libgreet-2.0-1.x86_64.rpm"])
        self.assertEqual(Path(self.root, "usr/bin/hello").read_text(), "#!/bin/sh\necho hello 2\n")
        self.assertEqual([os.listdir(d) for d in self.packages_dir()], [[]], "keepcache=0 drops them after success")

    def test_keepcache_and_downloadonly(self):
        self.ok("-y", "--setopt=keepcache=1", "install", "bash-lite")
        self.assertEqual([os.listdir(d) for d in self.packages_dir()], [["bash-lite-5.1-1.x86_64.rpm"]])
        dest = os.path.join(self.tmp, "dl")
        r = self.ok("-y", "install", "--downloadonly", "--downloaddir", dest, "greet-config", "--json")
        self.assertEqual(r.json()["result"], "downloaded")
        self.assertEqual(sorted(os.listdir(dest)), ["greet-config-1.0-1.noarch.rpm", "hello-2.0-1.noarch.rpm",
                                                    "libgreet-2.0-1.x86_64.rpm"])
        self.assertEqual(sorted(p["name"] for p in self.ok("list", "--installed", "--json").json()), ["bash-lite"])

    def test_unreachable_packages_change_nothing(self):
        self.ok("makecache")
        self.srv.fail("/hello-")
        r = self.fails(1, "-y", "install", "hello")
        self.assertIn("hello-2.0-1.noarch.rpm", r.err)
        self.assertIn("HTTP 503", r.err)
        self.assertFalse(os.path.exists(os.path.join(self.root, "var/lib/mpm/mpm.sqlite")) and
                         self.ok("list", "--installed", "--json").json())


    def test_partial_download_is_resumed(self):
        self.ok("makecache")
        rpm = Path(fixture("base"), "bash-lite-5.1-1.x86_64.rpm").read_bytes()
        pkgdir = Path(glob.glob(os.path.join(self.root, "var/cache/mpm/web-*"))[0], "packages")
        pkgdir.mkdir()
        Path(pkgdir, "bash-lite-5.1-1.x86_64.rpm.part").write_bytes(rpm[:2000])
        self.ok("-y", "--setopt=keepcache=1", "install", "bash-lite")
        self.assertEqual(self.srv.ranges, [("/bash-lite-5.1-1.x86_64.rpm", 2000)])
        self.assertEqual(Path(pkgdir, "bash-lite-5.1-1.x86_64.rpm").read_bytes(), rpm)
        self.assertFalse(Path(pkgdir, "bash-lite-5.1-1.x86_64.rpm.part").exists())

    def test_progress_only_on_a_terminal(self):
        import pty
        from harness import MPM
        piped = self.ok("-y", "install", "bash-lite")
        self.assertNotIn("\r", piped.err + piped.out)
        self.assertNotIn("Downloading", piped.err)
        master, slave = pty.openpty()
        try:
            proc = subprocess.run([MPM, "--installroot", self.root, "-y", "install", "hello"], stdout=subprocess.PIPE,
                                  stderr=slave, stdin=subprocess.DEVNULL, timeout=60)
            os.close(slave)
            slave = -1
            seen = b""
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
        finally:
            os.close(master)
            if slave >= 0:
                os.close(slave)
        self.assertEqual(proc.returncode, 0)
        text = seen.decode()
        self.assertIn("\rDownloading [", text)
        self.assertIn("100%", text)
        self.assertIn("2/2 files", text)  # hello and libgreet; bash-lite is installed
        self.assertNotIn("Downloading", proc.stdout.decode())

    def test_ctrl_c_while_downloading_cancels_cleanly(self):
        import signal
        import time
        from harness import MPM
        self.ok("-y", "install", "bash-lite")
        before = disk_state(self.root)
        self.srv.slow("/hello-", 5)
        proc = subprocess.Popen([MPM, "--installroot", self.root, "-y", "install", "hello"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
        deadline = time.time() + 20
        while not any(p.startswith("/hello-") for p in self.srv.requests) and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn("interrupted while downloading packages; nothing was changed", err)
        self.assertEqual(disk_state(self.root), before)
        # Complete, verified packages stay for the next attempt (as in dnf); partial ones do not.
        self.assertEqual(glob.glob(os.path.join(self.root, "var/cache/mpm/*/packages/*.part")), [])
        self.assertEqual(glob.glob(os.path.join(self.root, "var/cache/mpm/*/packages/hello-*")), [])
        self.assertEqual(sorted(p["name"] for p in self.ok("list", "--installed", "--json").json()), ["bash-lite"])


class MoreCommands(MpmTestCase):
    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))
        self.write_repo("updates", fixture("updates"), enabled="0")

    def installed(self):
        return sorted(p["nevra"] for p in self.ok("list", "--installed", "--json").json())

    def test_upgrade_reinstall_and_downgrade_take_package_files(self):
        # dnf's "upgrade ./x.rpm", "reinstall ./x.rpm", "downgrade ./x.rpm" (mpm said no
        # installed package matches the path)
        rpm = lambda nvr: os.path.join(fixture("base"), nvr + ".rpm")
        self.ok("-y", "install", "hello-1.0", "libgreet-1.0", "bash-lite")
        self.ok("-y", "upgrade", rpm("hello-2.0-1.noarch"))  # its libgreet >= 2.0 from the repository
        self.assertIn("hello-0:2.0-1.noarch", self.installed())
        self.assertIn("libgreet-0:2.0-1.x86_64", self.installed())
        r = self.ok("-y", "upgrade", rpm("hello-2.0-1.noarch"))
        self.assertIn("hello-2.0-1.noarch is not newer than the installed hello-2.0-1.noarch: nothing to upgrade",
                      r.err)
        Path(self.root, "usr/bin/hello").write_text("changed\n")
        self.ok("-y", "reinstall", rpm("hello-2.0-1.noarch"))
        self.assertEqual(Path(self.root, "usr/bin/hello").read_text(), "#!/bin/sh\necho hello 2\n")
        r = self.fails(1, "-y", "reinstall", rpm("hello-1.0-1.noarch"))
        self.assertIn("hello-1.0-1.noarch is not installed (installed: hello-2.0-1.noarch), so", r.err)
        self.ok("-y", "downgrade", rpm("hello-1.0-1.noarch"))
        self.assertIn("hello-0:1.0-1.noarch", self.installed())
        # not installed: refused, as dnf refuses it (exit 1), naming what is installed
        r = self.fails(1, "-y", "upgrade", rpm("old-greeter-0.9-1.noarch"))
        self.assertIn("old-greeter.noarch is not installed, so ", r.err)
        r = self.fails(1, "-y", "downgrade", rpm("unicode-pkg-1.0-1.noarch"))
        self.assertIn("unicode-pkg.noarch is not installed, so ", r.err)
        self.assertEqual(self.rpm("-Va").out, "")
        # a file obsoleting the installed package upgrades it, as dnf's upgrade does
        ng = glob.glob(os.path.join(fixture("obsoleting"), "hello-ng-4.0*.rpm"))[0]
        self.ok("-y", "upgrade", ng)
        self.assertIn("hello-ng-0:4.0-1.noarch", self.installed())
        self.assertNotIn("hello-0:1.0-1.noarch", self.installed())

    def test_obsoletes_replace_on_upgrade(self):
        self.ok("-y", "install", "hello")
        self.write_repo("obsoleting", fixture("obsoleting"))
        r = self.ok("-y", "upgrade", "--json")
        steps = [(s["action"], s["name"], s["replaces"]) for s in r.json()["transaction"]]
        # installed, replacing hello, as dnf shows it (an upgrade is of the same name)
        self.assertIn(("install", "hello-ng", ["hello-0:2.0-1.noarch"]), steps)
        history = self.ok("history", "info", "--json").json()
        self.assertEqual(sorted((i["action"], i["nevra"]) for i in history["items"]),
                         [("install", "hello-ng-0:4.0-1.noarch"), ("replaced", "hello-0:2.0-1.noarch")])
        names = [p["name"] for p in self.ok("list", "--installed", "--json").json()]
        self.assertIn("hello-ng", names)
        self.assertNotIn("hello", names)
        self.assertFalse(Path(self.root, "usr/bin/hello").exists())

    def test_conflicts_need_allowerasing(self):
        self.write_repo("trouble", fixture("trouble"))
        self.ok("-y", "install", "hello")
        r = self.fails(1, "-y", "install", "conflicts-hello")
        self.assertIn("conflicts with hello", r.err)
        self.assertIn("--allowerasing", r.err)
        r = self.ok("-y", "install", "--allowerasing", "conflicts-hello", "--json")
        self.assertIn(("remove", "hello"), [(s["action"], s["name"]) for s in r.json()["transaction"]])
        self.assertNotIn("hello", [p["name"] for p in self.ok("list", "--installed", "--json").json()])

    def test_check_update_exit_codes(self):
        self.ok("-y", "install", "hello")
        self.assertEqual(self.ok("check-update").out, "")
        r = self.mpm("--enablerepo=updates", "check-update")
        self.assertEqual(r.rc, 100, r)
        self.assertRegex(r.out, r"hello\.noarch\s+3\.0-1\s+updates")
        r = self.mpm("--enablerepo=updates", "check-update", "--json")
        self.assertEqual(r.rc, 100, r)
        self.assertEqual([p["nevra"] for p in r.json()], ["hello-0:3.0-1.noarch"])

    def test_an_upgrade_left_out_without_best_is_said(self):
        self.ok("-y", "install", "hello")
        self.write_repo("broken", harness.build({"packages": [
            {"name": "hello", "version": "9.0", "release": "1", "arch": "noarch", "requires": ["libnowhere"],
             "files": {"/usr/bin/hello": "#!/bin/sh\necho 9\n"}}]}))
        r = self.fails(1, "--assumeno", "upgrade")
        self.assertIn("nothing provides libnowhere needed by hello-9.0-1.noarch", r.err)
        self.assertIn("--nobest takes the newest version that can be installed", r.err)
        # dnf lists it as skipped; mpm said "Nothing to do." only, while check-update said 100
        for args in (["--nobest", "upgrade"], ["--nobest", "upgrade", "hello"], ["--skip-broken", "upgrade"]):
            r = self.ok("-y", *args, "--json")
            self.assertEqual(r.json()["skipped"], ["hello-9.0-1.noarch"], args)
            self.assertIn("not upgraded to hello-9.0-1.noarch: its dependencies are broken", r.err)
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch",
                                            "libgreet-0:2.0-1.x86_64"])

    def test_install_of_an_obsoleted_name_installs_what_obsoletes_it(self):
        # dnf's candidates for a bare name include the packages that obsolete it (mpm installed
        # the obsoleted hello; dnf 4 installs hello-ng here, checked by hand); a version named
        # is that version
        self.write_repo("obsoleting", fixture("obsoleting"))
        plan = self.mpm("--assumeno", "install", "hello", "--json").json()["transaction"]
        self.assertEqual([(s["action"], s["name"]) for s in plan], [("install", "hello-ng")])
        plan = self.mpm("--assumeno", "install", "hello-2.0", "--json").json()["transaction"]
        self.assertIn(("install", "hello"), [(s["action"], s["name"]) for s in plan])
        self.ok("-y", "install", "hello")
        reasons = {p["name"]: p["reason"] for p in self.ok("list", "--installed", "--json").json()}
        self.assertEqual(reasons, {"hello-ng": "user"})

    def test_check_update_lists_obsoleting_packages(self):
        # An upgrade replaces hello with hello-ng: check-update said 0 and nothing, as if
        # there were no update (dnf lists it under "Obsoleting Packages" and exits 100).
        self.ok("-y", "install", "hello")
        self.write_repo("obsoleting", fixture("obsoleting"))
        r = self.mpm("check-update")
        self.assertEqual(r.rc, 100, r)
        self.assertRegex(r.out, r"Obsoleting Packages\nhello-ng\.noarch\s+4\.0-1\s+obsoleting\n\s+hello\.noarch\s+2\.0-1\s+@System\n")
        r = self.mpm("check-update", "--json")
        self.assertEqual((r.rc, [p["nevra"] for p in r.json()]), (100, ["hello-ng-0:4.0-1.noarch"]))
        # with specs, as dnf: what replaces the installed packages they name
        for spec, rc in (("hello", 100), ("hello-ng", 0), ("bash-lite", 0)):
            self.assertEqual(self.mpm("check-update", spec).rc, rc, spec)
        self.assertIn("hello-ng", [s["name"] for s in self.mpm("--assumeno", "upgrade", "--json").json()["transaction"]])

    def test_downgrade_and_distro_sync(self):
        self.ok("-y", "--enablerepo=updates", "install", "hello")
        self.assertIn("hello-0:3.0-1.noarch", self.installed())
        self.assertTrue(Path(self.root, "usr/share/hello/new-in-3.txt").exists())
        r = self.ok("-y", "--enablerepo=updates", "downgrade", "hello")
        self.assertIn("Downgrading:", r.out)
        self.assertIn("hello-0:2.0-1.noarch", self.installed())
        self.assertFalse(Path(self.root, "usr/share/hello/new-in-3.txt").exists())
        # At the lowest version: said, nothing to do, success (dnf's answer; scripts rely on it).
        r = self.ok("-y", "downgrade", "bash-lite")
        self.assertIn("no version of bash-lite lower than 5.1-1", r.err)
        self.assertIn("Nothing to do.", r.out)
        # distro-sync goes to what the enabled repos have, up or down.
        self.ok("-y", "--enablerepo=updates", "distro-sync")
        self.assertIn("hello-0:3.0-1.noarch", self.installed())
        self.ok("-y", "distro-sync")
        self.assertIn("hello-0:2.0-1.noarch", self.installed())

    def test_reinstall_restores_a_deleted_file(self):
        self.ok("-y", "install", "hello")
        os.remove(os.path.join(self.root, "usr/bin/hello"))
        r = self.ok("-y", "reinstall", "hello", "--json")
        self.assertEqual([(s["action"], s["name"]) for s in r.json()["transaction"]], [("reinstall", "hello")])
        self.assertEqual(Path(self.root, "usr/bin/hello").read_text(), "#!/bin/sh\necho hello 2\n")
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch", "libgreet-0:2.0-1.x86_64"])
        self.fails(1, "-y", "reinstall", "nosuch")

    def test_local_rpm_file(self):
        local = glob.glob(os.path.join(fixture("base"), "greet-config-1.0-1.noarch.rpm"))[0]
        # An unsigned fixture repo: --repofrompath repos take gpgcheck from the main config.
        r = self.ok("-y", "--repofrompath", f"deps,{fixture('base')}", "--repo", "deps",
                    "--setopt=deps.gpgcheck=0", "install", local, "--json")
        steps = {s["name"]: (s["repo"], s["reason"]) for s in r.json()["transaction"]}
        self.assertEqual(steps["greet-config"], ("@commandline", "user"))
        self.assertEqual(steps["hello"], ("deps", "dependency"))
        self.assertTrue(Path(self.root, "etc/greet.conf").exists())
        # A path to a file that is not there: said so (it was "no package matches ... see mpm list")
        r = self.fails(1, "-y", "install", "./no-such-file.rpm")
        self.assertIn("cannot read package file ./no-such-file.rpm: No such file or directory", r.err)
        junk = Path(self.tmp, "junk.rpm")
        junk.write_text("not an rpm\n")
        r = self.fails(1, "-y", "install", str(junk))
        self.assertIn("is not a readable RPM package", r.err)

    def test_history_and_undo(self):
        self.ok("-y", "install", "hello")
        self.ok("-y", "--enablerepo=updates", "upgrade")
        hist = self.ok("history", "--json").json()
        self.assertEqual([t["id"] for t in hist], [2, 1])
        self.assertEqual([(i["action"], i["nevra"]) for i in hist[0]["items"]],
                         [("upgrade", "hello-0:3.0-1.noarch"), ("replaced", "hello-0:2.0-1.noarch")])
        self.assertIn("upgrade", hist[0]["cmdline"])
        info = self.ok("history", "info", "1").out
        self.assertRegex(info, r"Install\s+libgreet-2\.0-1\.x86_64\s+@base\s+dependency")
        # Undo the upgrade: the exact replaced version comes back.
        self.ok("-y", "--enablerepo=updates", "history", "undo", "2")
        self.assertIn("hello-0:2.0-1.noarch", self.installed())
        # Undo the install: everything it brought goes.
        self.ok("-y", "history", "undo", "1")
        self.assertEqual(self.installed(), [])
        self.assertEqual(len(self.ok("history", "list", "--json").json()), 4)
        r = self.fails(1, "history", "info", "99")
        self.assertIn("no transaction 99", r.err)

    def test_undo_of_what_is_gone_since_says_so(self):
        self.ok("-y", "install", "hello-2.0")
        self.ok("-y", "--enablerepo=updates", "upgrade", "hello")
        # transaction 1 installed hello-2.0, since upgraded: its undo takes what it brought
        # that is still there (libgreet, and hello 3.0 that needs it, as dnf's) and says why
        # hello-2.0 is not among it (it said nothing of it)
        r = self.ok("-y", "history", "undo", "1")
        self.assertIn("hello-2.0-1.noarch, which transaction 1 brought, is no longer installed: "
                      "nothing to undo for it", r.err)
        self.assertEqual(self.installed(), [])

    def test_undo_needs_the_old_version(self):
        self.ok("-y", "--enablerepo=updates", "install", "hello-2.0")
        self.ok("-y", "--enablerepo=updates", "upgrade")
        r = self.fails(1, "-y", "--disablerepo=base", "--enablerepo=updates", "history", "undo", "2")
        self.assertIn("hello-2.0-1.noarch is no longer available", r.err)

    def test_installonly_versions_and_limit(self):
        self.write_repo("kernels", fixture("kernels"))
        self.ok("-y", "install", "kernel-5.1")
        self.ok("-y", "install", "kernel-5.2")
        self.ok("-y", "upgrade")
        kernels = lambda: sorted(p["version"] for p in self.ok("list", "--installed", "kernel", "--json").json())
        self.assertEqual(kernels(), ["5.1", "5.2", "5.4"], "installed side by side, the default limit is 3")
        r = self.ok("-y", "--setopt=installonly_limit=2", "install", "kernel-5.3")
        self.assertIn("Removing old versions (installonly_limit):", r.out)
        self.assertEqual(kernels(), ["5.3", "5.4"])
        self.assertEqual(sorted(os.listdir(os.path.join(self.root, "boot"))), ["vmlinuz-5.3", "vmlinuz-5.4"])
        # The version directories are not owned by the package: like rpm, mpm leaves them.
        self.assertEqual(sorted(glob.glob(os.path.join(self.root, "lib/modules/*/modules.dep"))),
                         [os.path.join(self.root, f"lib/modules/{v}/modules.dep") for v in ("5.3", "5.4")])

    def test_an_upgrade_at_the_installonly_limit_installs_the_new_version(self):
        self.write_repo("kernels", fixture("kernels"))
        for v in ("5.1", "5.2", "5.3"):
            self.ok("-y", "install", f"kernel-{v}")
        kernels = lambda: sorted(p["version"] for p in self.ok("list", "--installed", "kernel", "--json").json())
        # The solve again with the oldest erased satisfied the updates by installing nothing:
        # "upgrade" failed on best, "--nobest upgrade" and distro-sync removed 5.1 for none.
        for command in (["upgrade"], ["--nobest", "upgrade"], ["distro-sync"]):
            r = self.mpm("--assumeno", *command, "--json")
            self.assertEqual(r.rc, 1, r)  # --assumeno: declined
            steps = sorted((s["action"], s["name"] + "-" + s["version"]) for s in r.json()["transaction"])
            self.assertEqual(steps, [("install", "kernel-5.4"), ("remove", "kernel-5.1")], command)
        self.ok("-y", "upgrade")
        self.assertEqual(kernels(), ["5.2", "5.3", "5.4"])
        # A kernel an upgrade brings is the user's as the one it follows was (dnf records the
        # installed version's reason): autoremove does not take the newest kernel.
        reasons = {p["version"]: p["reason"] for p in self.ok("list", "--installed", "kernel", "--json").json()}
        self.assertEqual(reasons, {"5.2": "user", "5.3": "user", "5.4": "user"})
        self.assertEqual(self.ok("-y", "autoremove", "--json").json()["result"], "nothing-to-do")

    def test_noautoremove_removes_only_what_is_named(self):
        self.ok("-y", "install", "hello")
        for where in (["--noautoremove", "remove", "hello"], ["remove", "hello", "--noautoremove"]):
            with self.subTest(where=where):
                plan = self.mpm("--assumeno", "--json", *where).json()
                self.assertEqual([s["name"] for s in plan["transaction"]], ["hello"])
        plan = self.mpm("--assumeno", "--json", "remove", "hello").json()
        self.assertEqual(sorted(s["name"] for s in plan["transaction"]), ["bash-lite", "hello", "libgreet"])
        # The newest installed: no upgrade, none left out (the repository's 5.4 was taken for
        # an upgrade of 5.3, and said to be broken)
        self.assertEqual(self.mpm("check-update").rc, 0)
        r = self.ok("--assumeno", "--nobest", "upgrade", "--json")
        self.assertNotIn("skipped", r.json())
        self.assertNotIn("not upgraded", r.err)

    def test_a_package_reinstalled_or_downgraded_keeps_its_reason(self):
        # named, as reinstall and downgrade name it, it became the user's (dnf keeps it)
        self.ok("-y", "--enablerepo=updates", "install", "hello-3.0")
        self.ok("-y", "--enablerepo=updates", "reinstall", "libgreet")
        self.ok("-y", "--enablerepo=updates", "downgrade", "hello")
        reasons = {p["name"]: p["reason"] for p in self.ok("list", "--installed", "--json").json()}
        self.assertEqual((reasons["libgreet"], reasons["hello"]), ("dependency", "user"))

    def test_a_named_package_that_obsoletes_a_dependency_is_the_users(self):
        self.ok("-y", "install", "hello")
        self.ok("mark", "remove", "hello")
        self.write_repo("obsoleting", fixture("obsoleting"))
        self.ok("-y", "install", "hello-ng")
        reasons = {p["name"]: p["reason"] for p in self.ok("list", "--installed", "--json").json()}
        self.assertEqual(reasons["hello-ng"], "user", "named: not the dependency it replaced")
        plan = self.mpm("--assumeno", "autoremove", "--json").json()
        self.assertIn("libgreet", [s["name"] for s in plan["transaction"]], "hello's own dependency is unused now")
        self.assertNotIn("hello-ng", [s["name"] for s in plan["transaction"]])

    def test_autoremove(self):
        self.ok("-y", "install", "hello")
        self.ok("-y", "--setopt=clean_requirements_on_remove=0", "remove", "hello")
        self.assertEqual(self.installed(), ["bash-lite-0:5.1-1.x86_64", "libgreet-0:2.0-1.x86_64"])
        r = self.ok("-y", "autoremove", "--json")
        self.assertEqual(sorted(s["name"] for s in r.json()["transaction"]), ["bash-lite", "libgreet"])
        self.assertEqual(self.installed(), [])
        self.assertEqual(self.ok("-y", "autoremove", "--json").json()["result"], "nothing-to-do")


class Scriptlets(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        skip_class_unless(os.geteuid() == 0, "scriptlets run chrooted, which needs root")

    def setUp(self):
        super().setUp()
        self.write_repo("scripts", fixture("scripts"))

    def log(self, root=None):
        p = Path(root or self.root, "var/log/scripted.log")
        return p.read_text().split("\n")[:-1] if p.exists() else []

    def test_order_and_arguments_match_rpm(self):
        self.ok("-y", "install", "busybox-sh", "scripted-1.0")
        self.assertEqual(self.log(), ["pre 1", "post 1"])
        self.ok("-y", "upgrade", "scripted")
        self.assertEqual(self.log()[2:], ["pre 2", "post 2", "preun 1", "postun 1"])
        self.ok("-y", "remove", "scripted")
        self.assertEqual(self.log()[6:], ["preun 0", "postun 0"])

    @unittest.skipUnless(DNF, "Debian's dnf is not installed")
    def test_same_log_as_dnf(self):
        self.ok("-y", "install", "busybox-sh", "scripted-1.0")
        self.ok("-y", "upgrade")
        self.ok("-y", "remove", "scripted")
        mine = self.log()
        self.root = os.path.join(self.tmp, "dnf-root")
        os.makedirs(os.path.join(self.root, "etc/yum.repos.d"))
        self.write_repo("scripts", fixture("scripts"))
        for step in (["install", "busybox-sh", "scripted-1.0"], ["upgrade"], ["remove", "scripted"]):
            r = self.dnf("-y", *step)
            self.assertEqual(r.rc, 0, r)
        self.assertEqual(mine, self.log())

    @unittest.skipUnless(DNF, "Debian's dnf is not installed")
    def test_a_postun_runs_before_its_shell_leaves_in_the_same_transaction(self):
        # busybox-sh comes as scripted's dependency (rpmbuild's Requires(postun): /bin/sh) and
        # goes with it: every %postun ran after every leaving file was gone, so it was skipped.
        logs = []
        for root in (self.root, os.path.join(self.tmp, "dnf-root")):
            self.root = root
            if logs:  # (setUp wrote mpm's)
                os.makedirs(os.path.join(self.root, "etc/yum.repos.d"))
                self.write_repo("scripts", fixture("scripts"))
            run = self.ok if not logs else self.dnf
            for step in (["install", "scripted-1.0"], ["remove", "scripted"]):
                r = run("-y", *step)
                self.assertEqual(r.rc, 0, r)
                self.assertNotIn("skipped", r.err)
            self.assertEqual(self.rpm_qa(), [], "the shell went too")
            logs.append(self.log())
        self.assertEqual(logs[0], ["pre 1", "post 1", "preun 0", "postun 0"])
        self.assertEqual(logs[0], logs[1])

    @unittest.skipUnless(DNF, "Debian's dnf is not installed")
    def test_a_package_obsoleting_another_gets_rpms_arguments(self):
        # $1 counted 2 for the new package and 1 for the one it replaced, as for an upgrade of
        # the same name; rpm counts the packages of each name: 1 and 0.
        successor = harness.build({"packages": [
            {"name": "scripted-ng", "version": "3.0", "release": "1", "arch": "noarch", "obsoletes": ["scripted < 3"],
             "files": {"/usr/share/scripted-ng/v3": "3\n"},
             "scripts": {w: f"mkdir -p /var/log; echo \"{w} ng $1\" >> /var/log/scripted.log"
                         for w in ("pre", "post", "preun", "postun")}}]})
        logs = []
        for root in (self.root, os.path.join(self.tmp, "dnf-root")):
            self.root = root
            if logs:
                os.makedirs(os.path.join(self.root, "etc/yum.repos.d"))
                self.write_repo("scripts", fixture("scripts"))
            self.write_repo("successor", successor)
            run = self.ok if not logs else self.dnf
            for step in (["install", "busybox-sh", "scripted-1.0"], ["install", "scripted-ng"]):
                r = run("-y", *step)
                self.assertEqual(r.rc, 0, r)
            logs.append(self.log())
        self.assertEqual(logs[0], ["pre 1", "post 1", "pre ng 1", "post ng 1", "preun 0", "postun 0"])
        self.assertEqual(logs[0], logs[1])

    @unittest.skipUnless(DNF, "Debian's dnf is not installed")
    def test_a_directory_that_becomes_a_symlink_as_fedoras_guidelines_do_it(self):
        # The guideline's %pretrans moves the directory away; mpm refused the upgrade before
        # running it ("is a directory ... move it away"), and once moved by hand, unlinked the
        # old data/a through the new data -> real link: the new real/a was gone.
        pretrans = (
            'path = "/usr/share/dirsym/data"\n'
            'st = posix.stat(path)\n'
            'if st and st.type == "directory" then\n'
            '  status = os.rename(path, path .. ".rpmmoved")\n'
            'end\n')
        v1 = harness.build({"packages": [
            {"name": "dirsym", "version": "1", "release": "1", "arch": "noarch",
             "dirs": ["/usr/share/dirsym", "/usr/share/dirsym/data"],
             "files": {"/usr/share/dirsym/data/a": "a\n"}}]})
        v2 = harness.build({"packages": [
            {"name": "dirsym", "version": "2", "release": "1", "arch": "noarch",
             "dirs": ["/usr/share/dirsym", "/usr/share/dirsym/real"],
             "files": {"/usr/share/dirsym/real/a": "r\n"}, "symlinks": {"/usr/share/dirsym/data": "real"},
             "ghosts": ["/usr/share/dirsym/data.rpmmoved"], "scripts": {"pretrans -p <lua>": pretrans}}]})
        states = []
        for root in (self.root, os.path.join(self.tmp, "dnf-root")):
            self.root = root
            os.makedirs(os.path.join(self.root, "etc/yum.repos.d"), exist_ok=True)
            self.write_repo("v1", v1, filename="dirsym")
            run = self.ok if not states else self.dnf
            self.assertEqual(run("-y", "install", "dirsym").rc, 0)
            self.write_repo("v2", v2, filename="dirsym")
            r = run("-y", "upgrade", "dirsym")
            self.assertEqual(r.rc, 0, r)
            self.assertEqual(Path(self.root, "usr/share/dirsym/data/a").read_text(), "r\n")
            # (rpm -V says the %ghost data.rpmmoved is a directory, not a file, in both)
            states.append((self.rpm("-Va").out, disk_state(self.root, rpmdb=False)))
        self.assertEqual(states[0][0], states[1][0])
        self.assertEqual(states[0][1], states[1][1])

    def test_pretrans_and_posttrans(self):
        self.ok("-y", "install", "busybox-sh")
        self.ok("-y", "install", "trans-scripted")
        self.assertEqual(self.log(), ["pretrans 1", "pre 1", "post 1", "posttrans 1"])

    def test_failing_pre_refuses_and_changes_nothing(self):
        self.ok("-y", "install", "busybox-sh")
        before = disk_state(self.root)
        r = self.mpm("-y", "install", "bad-pre")
        self.assertEqual(r.rc, 1, r)
        # The scriptlet's own stderr passes through; mpm's message is the one last line.
        lines = r.err.strip().splitlines()
        self.assertEqual(lines[0], "refusing")
        self.assertEqual(len(lines), 2, r)
        self.assertIn("%pre scriptlet of bad-pre-1.0-1.noarch exited with status 3", lines[-1])
        self.assertEqual(disk_state(self.root), before)
        self.assertEqual(sorted(p["name"] for p in self.ok("list", "--installed", "--json").json()), ["busybox-sh"])
        self.ok("-y", "install", "--noscripts", "bad-pre")  # the explicit way out

    def test_noscripts_and_lua(self):
        self.ok("-y", "install", "--noscripts", "busybox-sh", "scripted-1.0")
        self.assertEqual(self.log(), [])
        # Lua scriptlets run in rpm's interpreter (they used to be skipped with a warning).
        r = self.ok("-y", "install", "lua-post")
        self.assertIn("hello from lua", r.err)
        self.assertNotIn("Warning", r.err)


    def test_scriptlet_longer_than_a_pipe_buffer_runs_whole(self):
        self.ok("-y", "install", "busybox-sh")
        self.ok("-y", "install", "long-post")
        self.assertEqual(self.log(), ["long-post ran whole 1"])

    def test_scriptlet_that_cannot_be_written_whole_is_not_run(self):
        # The scriptlet file goes to the root's /var/tmp: a 64 KiB tmpfs there holds only part
        # of a 100 KiB %post. Running what fits would run a different script; mpm says so instead.
        self.ok("-y", "install", "busybox-sh")
        tmp = os.path.join(self.root, "var/tmp")
        os.makedirs(tmp, exist_ok=True)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tmp]).returncode != 0:
            self.skipTest("cannot mount tmpfs here")
        try:
            r = self.ok("-y", "install", "long-post")
        finally:
            subprocess.run(["umount", "-l", tmp])
        self.assertEqual(self.log(), [])
        self.assertIn("%post scriptlet of long-post-1.0-1.noarch was not run: cannot write it", r.err)
        self.assertIn("No space left on device", r.err)

    def test_ctrl_c_during_pre_refuses_and_stops_the_scriptlet(self):
        import signal
        import time
        from harness import MPM
        self.ok("-y", "install", "busybox-sh")
        before = disk_state(self.root)
        started = Path(self.root, "var/tmp/slow-pre.started")
        finished = Path(self.root, "var/tmp/slow-pre.finished")
        proc = subprocess.Popen([MPM, "--installroot", self.root, "-y", "install", "slow-pre"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
        deadline = time.time() + 30
        while not started.exists() and time.time() < deadline:
            time.sleep(0.05)
        self.assertTrue(started.exists(), "the %pre never started")
        proc.send_signal(signal.SIGINT)  # to mpm only, as `kill -INT` or a service manager would
        out, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 1, err)
        time.sleep(4)  # longer than the scriptlet would have taken: it must not still be running
        self.assertFalse(finished.exists(), "the %pre went on running after mpm had refused")
        self.assertIn("interrupted during the %pre scriptlet of slow-pre-1.0-1.noarch; nothing was changed", err)
        self.assertEqual(disk_state(self.root), before)
        self.assertEqual(glob.glob(os.path.join(self.root, "**/*.mpm~"), recursive=True), [])
        self.assertEqual(sorted(p["name"] for p in self.ok("list", "--installed", "--json").json()), ["busybox-sh"])


class RefusedChangesNothing(MpmTestCase):
    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))
        self.write_repo("trouble", fixture("trouble"))
        self.ok("-y", "install", "hello")
        self.before = disk_state(self.root)
        self.db = Path(self.root, "var/lib/mpm/mpm.sqlite")
        self.db_before = self.dump_db()

    def dump_db(self):
        with sqlite3.connect(self.db) as db:
            return sorted(db.execute("SELECT name, version, reason FROM installed").fetchall()), \
                self.rpm_qa(), db.execute("SELECT count(*) FROM journal").fetchall()

    def assert_unchanged(self):
        self.assertEqual(disk_state(self.root), self.before)
        self.assertEqual(self.dump_db(), self.db_before)

    def test_a_local_package_that_does_not_match_its_checksum(self):
        # A local repository whose files changed under its metadata: every package it gives
        # is checked before anything is read or written, and the one that differs is named.
        repo = self.copy_repo("base")
        self.write_repo("mine", repo)
        for bad in ("greet-extras-1.0-1.noarch.rpm", "unicode-pkg-1.0-1.noarch.rpm"):
            shutil.copy(os.path.join(repo, "old-greeter-0.9-1.noarch.rpm"), os.path.join(repo, bad))
            r = self.fails(1, "-y", "--disablerepo=base", "install", "greet-extras", "unicode-pkg",
                           "old-greeter")
            self.assertIn(f"{repo}/{bad} does not match the checksum in the repository metadata "
                          "(sha256); the repository is damaged or out of sync", r.err)
            self.assert_unchanged()
            shutil.copy(os.path.join(fixture("base"), bad), os.path.join(repo, bad))
        self.ok("-y", "--disablerepo=base", "install", "greet-extras", "unicode-pkg", "old-greeter")

    def test_a_package_whose_header_fails_its_own_digests_is_refused(self):
        # The repository's checksum names the altered file (its metadata was made after the
        # change), so only the header's own digests can tell: checked as rpm checks them.
        repo = os.path.join(self.tmp, "repo-altered")
        os.makedirs(repo)
        rpm = os.path.join(repo, "plain-config-1.0-1.noarch.rpm")
        data = bytearray(Path(fixture("trouble"), "plain-config-1.0-1.noarch.rpm").read_bytes())
        at = data.find(b"Has a plain %config file")
        self.assertGreater(at, 0)
        data[at] ^= 0x20  # "has a plain...": the header's SHA-256 and SHA-1 no longer match
        Path(rpm).write_bytes(bytes(data))
        subprocess.run(["createrepo_c", "--quiet", "--no-database", repo], check=True)
        self.write_repo("altered", repo)
        r = self.fails(1, "-y", "--disablerepo=trouble", "install", "plain-config")
        self.assertIn(f"package {rpm} is not a valid RPM (damaged or truncated); delete it and "
                      "download it again", r.err)
        self.assert_unchanged()

    def test_a_package_whose_payload_is_not_the_one_its_header_names_is_refused(self):
        # One package's header and lead, another's payload (a file of the same name in both):
        # the repository's checksum names the file as made, the header is intact and rpm reads
        # it; only the payload digest in the header tells. mpm checked it only with gpgcheck
        # on, before it unpacked the file again; now what it unpacks is what it hashed.
        made = harness.build({"packages": [
            harness.repos.pkg("spliced", "1.0", files={"/usr/bin/spliced": {"content": "checked\n", "mode": "0755"}}),
            harness.repos.pkg("other", "1.0", files={"/usr/bin/spliced": {"content": "not checked\n", "mode": "0755"}})]})
        checked = Path(made, "spliced-1.0-1.noarch.rpm").read_bytes()
        other = Path(made, "other-1.0-1.noarch.rpm").read_bytes()
        repo = os.path.join(self.tmp, "repo-spliced")
        os.makedirs(repo)
        rpm = os.path.join(repo, "spliced-1.0-1.noarch.rpm")
        Path(rpm).write_bytes(checked[:payload_offset(checked)] + other[payload_offset(other):])
        subprocess.run(["createrepo_c", "--quiet", "--no-database", repo], check=True)
        self.write_repo("spliced", repo)
        r = self.fails(1, "-y", "install", "spliced")
        self.assertIn(f"cannot unpack spliced-1.0-1.noarch: the payload of {rpm} does not match the "
                      "digest in its header (the file is damaged, or changed since it was checked); "
                      "delete it and download it again", r.err)
        self.assert_unchanged()
        # rpm refuses it as well (into a root of its own)
        r = self.rpm("-i", "--nodeps", "--justdb", rpm, root=os.path.join(self.tmp, "rpm-root"))
        self.assertNotEqual(r.rc, 0)
        self.assertIn("package spliced-1.0-1.noarch does not verify: Payload SHA256", r.err)

    def test_unsatisfiable_is_explained(self):
        r = self.fails(1, "-y", "install", "needs-missing")
        self.assertIn("nothing provides libnowhere >= 2 needed by needs-missing-1.0-1.noarch", r.err)
        self.assert_unchanged()

    def test_unknown_package(self):
        r = self.fails(1, "-y", "install", "nosuchthing")
        self.assertIn("no package matches 'nosuchthing'", r.err)
        self.assert_unchanged()

    def test_file_conflict_is_refused_before_writing(self):
        r = self.fails(1, "-y", "install", "clashes-hello")
        self.assertIn("/usr/bin/hello", r.err)
        self.assertIn("conflicts", r.err)
        self.assert_unchanged()

    def test_assumeno_and_no_terminal(self):
        r = self.fails(1, "--assumeno", "install", "greet-config")
        self.assertIn("greet-config", r.out)  # the plan is shown
        self.assertIn("aborted", r.err)
        r = self.fails(1, "install", "greet-config")
        self.assertIn("-y", r.err)
        self.assert_unchanged()

    def test_held_lock(self):
        lock = Path(self.root, "var/lib/mpm/lock")
        with open(lock, "w") as f:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            f.write("4242\n")
            f.flush()
            # A script that prefers failing to waiting says so (mpm waits by default, as dnf).
            r = self.fails(3, "--setopt=lock_wait=0", "-y", "install", "greet-config")
            self.assertIn("another mpm (pid 4242) is changing this system", r.err)
            f.seek(0)
            f.write("4242\ninstall something\n")
            f.flush()
            r = self.mpm("--setopt=lock_wait=1", "-y", "install", "greet-config")
            self.assertEqual(r.rc, 3, r)
            self.assertIn("Waiting for another mpm", r.err)
            self.assertIn("another mpm (pid 4242: mpm install something) is changing this system; "
                          "mpm waited 1 s for it", r.err)
        self.assert_unchanged()

    def test_waits_for_the_holder(self):
        lock = Path(self.root, "var/lib/mpm/lock")
        f = open(lock, "w")
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        f.write("4242\ninstall something\n")
        f.flush()
        proc = subprocess.Popen([harness.MPM, "--installroot", self.root, "-y", "install", "greet-config"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        self.assertIsNone(proc.poll(), "mpm did not wait for the lock")
        self.assert_unchanged()
        f.close()  # the holder ends
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn("Waiting for another mpm (pid 4242: mpm install something) to finish", err)
        self.assertTrue(any(p.startswith("greet-config-") for p in self.rpm_qa()))

    def test_checksum_mismatch_of_a_package(self):
        repo = self.copy_repo("trouble")
        self.write_repo("trouble", repo, filename="trouble")  # same id, overridden below
        os.remove(os.path.join(self.root, "etc/yum.repos.d/trouble.repo"))
        self.write_repo("trouble2", repo)
        rpm = glob.glob(os.path.join(repo, "plain-config-*.rpm"))[0]
        data = Path(rpm).read_bytes()
        Path(rpm).write_bytes(data[: len(data) // 2])
        r = self.fails(1, "-y", "install", "plain-config")
        self.assertIn("checksum", r.err)
        self.assert_unchanged()

    def test_truncated_header_is_refused(self):
        src = glob.glob(os.path.join(fixture("trouble"), "plain-config-1.0-1.noarch.rpm"))[0]
        cut = Path(self.tmp, "plain-config-1.0-1.noarch.rpm")
        cut.write_bytes(Path(src).read_bytes()[:1000])
        r = self.fails(1, "-y", "install", str(cut))
        self.assertIn("is not a readable RPM package (damaged or truncated)", r.err)
        self.assert_unchanged()

    def test_truncated_payload_is_refused(self):
        # Header intact, payload cut: only the payload reader can notice.
        src = glob.glob(os.path.join(fixture("trouble"), "plain-config-1.0-1.noarch.rpm"))[0]
        data = Path(src).read_bytes()
        cut = Path(self.tmp, "plain-config-1.0-1.noarch.rpm")
        cut.write_bytes(data[: len(data) - 60])
        r = self.fails(1, "-y", "install", str(cut))
        self.assertIn("cannot unpack plain-config-1.0-1.noarch", r.err)
        self.assertIn("truncated", r.err)
        self.assert_unchanged()
        self.assertEqual(glob.glob(os.path.join(self.root, "**/*.mpm~"), recursive=True), [])

    def small_disk(self):
        """A 2 MiB tmpfs as the root: room for bash-lite's install (rpm's and mpm's databases
        with their WAL files take about 1 MiB), never for bigpkg and bigpkg2 (2 MiB each)."""
        if os.geteuid() != 0:
            self.skipTest("mounting a small tmpfs needs root")
        small = os.path.join(self.tmp, "small")
        os.makedirs(small)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small]).returncode != 0:
            self.skipTest("cannot mount tmpfs here")
        self.addCleanup(subprocess.run, ["umount", "-l", small])
        self.root = os.path.join(small, "root")
        os.makedirs(os.path.join(self.root, "etc/yum.repos.d"))
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "bash-lite")  # the cache in the root, on the small disk

    def test_full_disk(self):
        big = self.build_big_package()
        self.small_disk()
        self.write_repo("big", big)  # a local repository: no download, the unpacking fails
        before = disk_state(self.root)
        r = self.fails(1, "-y", "install", "bigpkg")
        self.assertIn("No space left on device", r.err)
        self.assertEqual(disk_state(self.root), before)
        self.assertEqual(glob.glob(os.path.join(self.root, "**/*.mpm~"), recursive=True), [])
        self.assertEqual(sorted(p["name"] for p in self.ok("list", "--installed", "--json").json()), ["bash-lite"])

    def test_full_disk_while_downloading(self):
        server = self.serve(self.build_big_package())
        self.small_disk()
        self.write_repo("big", server.url)
        before = disk_state(self.root)
        r = self.fails(1, "-y", "install", "bigpkg", "bigpkg2")
        # said once, with the directory, whatever the number of packages
        self.assertEqual(r.err.count("No space left on device"), 1, r.err)
        self.assertRegex(r.err, r"2 files could not be written in \S+/packages: No space left on device")
        self.assertEqual(disk_state(self.root), before)
        # nothing of the failed transaction (journal, logs) keeps the disk full: queries work
        self.assertEqual(self.ok("-C", "list", "--installed", "-q").rc, 0)

    def test_a_disk_too_full_for_sqlites_shared_memory_is_said_to_be_full(self):
        self.small_disk()
        free = os.statvfs(self.root)
        with open(os.path.join(self.root, "filler"), "wb") as f:
            f.write(b"\0" * (free.f_bavail * free.f_frsize))
        r = self.fails(1, "-C", "list", "--installed")
        # (it was "disk I/O error": SQLite's -shm file could not grow)
        self.assertIn("the disk is full (No space left on device); free some space and retry", r.err)

    def test_full_disk_while_downloading_small_packages(self):
        # Files smaller than stdio's buffer fail at its last flush, not at a write: each was
        # said on its own, without its name ("cannot write: No space left on device").
        if os.geteuid() != 0:
            self.skipTest("mounting a small tmpfs needs root")
        server = self.serve(fixture("base"))
        self.write_repo("web", server.url)
        self.ok("--repo", "web", "makecache")
        packages = os.path.join(glob.glob(os.path.join(self.root, "var/cache/mpm/web-*"))[0], "packages")
        os.makedirs(packages)
        # (room for a package and the first 4 KiB of the next: its last flush fails)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", packages]).returncode != 0:
            self.skipTest("cannot mount tmpfs here")
        self.addCleanup(subprocess.run, ["umount", "-l", packages])
        before = self.rpm_qa()
        r = self.fails(1, "-y", "--repo", "web", "install", "hello", "greet-config", "greet-extras")
        self.assertEqual(r.err.count("No space left on device"), 1, r.err)
        self.assertRegex(r.err, r"\d+ files? could not be written in \S+/packages: No space left on device")
        self.assertEqual(self.rpm_qa(), before)

    def build_big_package(self):
        from harness import build
        import random
        rnd = random.Random(7)
        blob = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(3_000_000))
        return build({"packages": [{"name": name, "version": "1.0", "release": "1", "arch": "noarch",
                                    "files": {f"/usr/share/{name}/blob.txt": blob}}
                                   for name in ("bigpkg", "bigpkg2")]})


class CrashRecovery(MpmTestCase):
    """kill -9 at each point of a multi-package transaction: the next run repairs, and the
    database agrees with the disk."""

    # rpmdb-writing: one header added in the RPM database's batch, nothing of it committed.
    # rpmdb-written: the RPM database has the transaction, mpm's own database does not yet.
    POINTS = ["staging", "staged", "renaming", "renamed", "rpmdb-writing", "rpmdb-written"]

    def check_db_matches_disk(self, changed_by_user=""):
        """Files, the RPM database and mpm's database agree (but for rpm -V's lines about
        configuration files the test changed itself)."""
        with sqlite3.connect(os.path.join(self.root, "var/lib/mpm/mpm.sqlite")) as db:
            rows = sorted(f"{n}-{e}:{v}-{r}.{a}" for n, e, v, r, a in
                          db.execute("SELECT name, epoch, version, release, arch FROM installed"))
            journal = db.execute("SELECT count(*) FROM journal").fetchone()[0]
        self.assertEqual(journal, 0)
        in_rpmdb = self.rpm_qa()
        self.assertEqual(rows, in_rpmdb, "mpm's reasons are for exactly what the RPM database has")
        self.assertEqual(sorted(p["nevra"] for p in self.ok("list", "--installed", "--json").json()), in_rpmdb)
        # Every file the RPM database lists is on disk as it says (content, mode, links).
        verify = self.rpm("-Va")
        self.assertEqual(verify.out, changed_by_user, verify)
        self.assertEqual(glob.glob(os.path.join(self.root, "**/*.mpm~"), recursive=True), [])
        # the journal's plan files go with their entries
        self.assertEqual(glob.glob(os.path.join(self.root, "var/lib/mpm/journal-*")), [])

    def test_kill_at_every_point(self):
        for point in self.POINTS:
            with self.subTest(point=point):
                self.setUp_root(point)
                self.write_repo("base", fixture("base"))
                self.ok("-y", "install", "bash-lite")
                r = self.mpm("-y", "install", "hello", "greet-config", env={"MPM_FAULT": point})
                self.assertEqual(r.rc, -9, r)
                after = self.ok("list", "--installed", "--json")
                self.assertIn("interrupted transaction", after.err)
                names = sorted(p["name"] for p in after.json())
                if point in ("staging", "staged"):
                    self.assertEqual(names, ["bash-lite"], "undone: it had not reached the point of no return")
                else:
                    self.assertEqual(names, ["bash-lite", "greet-config", "hello", "libgreet"], "completed")
                    self.assertEqual(Path(self.root, "usr/bin/hello").read_text(), "#!/bin/sh\necho hello 2\n")
                self.check_db_matches_disk()

    def test_a_recovery_that_cannot_be_made_leaves_queries_answering(self):
        self.setUp_root("recovery-fails")
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "bash-lite")
        r = self.mpm("-y", "install", "hello", env={"MPM_FAULT": "renamed"})
        self.assertEqual(r.rc, -9, r)
        plan = glob.glob(os.path.join(self.root, "var/lib/mpm/journal-*"))[0]
        original = Path(plan).read_bytes()
        Path(plan).write_bytes(b"\xa5" * len(original))  # the same size, scribbled over
        # A query answers what was last committed (the RPM database's commit had not come),
        # saying why the recovery could not be made; it failed, and so did every query.
        r = self.ok("list", "--installed", "--json")
        self.assertEqual([p["name"] for p in r.json()], ["bash-lite"])
        self.assertIn("is damaged, so mpm can neither finish nor undo it", r.err)
        self.assertIn("(this answer is what was last committed)", r.err)
        # A change is refused until the recovery is made.
        r = self.fails(1, "-y", "install", "greet-config")
        self.assertIn("neither finish nor undo it", r.err)
        Path(plan).write_bytes(original)
        self.assertIn("completed the interrupted transaction", self.ok("list", "--installed").err)
        self.check_db_matches_disk()

    def test_a_root_copied_or_moved_after_a_crash_is_recovered_where_it_is(self):
        # The plan named the files where the root was: the copy's recovery removed the
        # original's staged files and left its own, the moved root's took its own for gone.
        self.setUp_root("copied")
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "bash-lite")
        r = self.mpm("-y", "install", "hello", "greet-config", env={"MPM_FAULT": "staged"})
        self.assertEqual(r.rc, -9, r)
        original = self.root
        staged = lambda root: sorted(os.path.relpath(p, root) for p in glob.glob(
            os.path.join(root, "**/.*.mpm~"), recursive=True))
        left = staged(original)
        self.assertIn("usr/bin/.hello.mpm~", left)
        copy = os.path.join(self.tmp, "copy")
        shutil.copytree(original, copy, symlinks=True)
        moved = os.path.join(self.tmp, "moved")
        for root in (copy, moved):
            if root == moved:
                os.rename(original, moved)
            self.root = root
            after = self.ok("list", "--installed", "--json")
            self.assertIn(f"undid the interrupted transaction '--installroot {original} -y install hello "
                          f"greet-config' (nothing had been changed, planned at {original})", after.err)
            self.assertEqual([p["name"] for p in after.json()], ["bash-lite"])
            self.assertEqual(staged(root), [])
            self.check_db_matches_disk()
            if root == copy:
                self.assertEqual(staged(original), left, "the original is not the copy's to touch")
            self.ok("-y", "install", "hello")

    def test_a_journal_shared_by_roots_is_recovered_only_in_its_own(self):
        shared = os.path.join(self.tmp, "shared-persistdir")
        opt = f"--setopt=persistdir={shared}"
        self.setUp_root("a")
        self.write_repo("base", fixture("base"))
        a = self.root
        r = self.mpm(opt, "-y", "install", "hello", env={"MPM_FAULT": "staged"})
        self.assertEqual(r.rc, -9, r)
        staged_in_a = glob.glob(os.path.join(a, "**/.*.mpm~"), recursive=True)
        self.assertTrue(staged_in_a)
        self.setUp_root("b")
        self.write_repo("base", fixture("base"))
        # B's run finds A's plan: it is not B's to recover (its paths moved into B were B's files)
        r = self.ok(opt, "list", "--installed")
        self.assertIn(f"was made for the root at {a}, not {self.root}; run mpm --installroot {a}", r.err)
        self.assertEqual(glob.glob(os.path.join(a, "**/.*.mpm~"), recursive=True), staged_in_a)
        self.fails(1, opt, "-y", "install", "bash-lite")
        self.root = a
        self.assertIn("undid the interrupted transaction", self.ok(opt, "list", "--installed").err)
        self.assertEqual(glob.glob(os.path.join(a, "**/.*.mpm~"), recursive=True), [])

    def test_kill_while_renaming_many_files(self):
        # 300 files are renamed in two halves side by side: whatever mix of the two a kill -9
        # leaves renamed, the next run completes it.
        self.setUp_root("renaming-many")
        self.write_repo("base", fixture("base"))
        self.write_repo("many", many_files())
        self.ok("-y", "install", "bash-lite")
        r = self.mpm("-y", "install", "manyfiles", "hello", env={"MPM_FAULT": "renaming"})
        self.assertEqual(r.rc, -9, r)
        # killed once the first half was renamed (the second half's thread may be done too)
        staged = glob.glob(os.path.join(self.root, "usr/share/manyfiles/**/.*.mpm~"), recursive=True)
        self.assertLess(len(staged), 300)
        after = self.ok("list", "--installed", "--json")
        self.assertIn("completed the interrupted transaction", after.err)
        self.assertEqual(sorted(p["name"] for p in after.json()),
                         ["bash-lite", "hello", "libgreet", "manyfiles"])
        for i in range(300):
            self.assertEqual(Path(self.root, f"usr/share/manyfiles/d{i % 30:02d}/f{i:03d}.txt").read_text(),
                             f"{i}\n")
        self.check_db_matches_disk()

    # The RPM database's writes are made by mpm-rpmdb-writer while the payloads are staged, and
    # committed at the point of no return. rpmdb-prepared: the writer dies with every write made,
    # nothing committed; rpmdb-committed: it dies right after its commit, before saying so.
    def test_a_writer_that_dies_before_it_is_done_changes_nothing(self):
        self.setUp_root("writer-dies")
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "bash-lite")
        before = self.root_tree()
        r = self.mpm("-y", "install", "hello", "greet-config", env={"MPM_FAULT": "rpmdb-prepared"})
        self.assertEqual(r.rc, 1, r)
        self.assertIn("was killed by signal 9 before its writes were made; nothing was changed", r.err)
        self.assertEqual(self.root_tree(), before)
        self.check_db_matches_disk()
        self.ok("-y", "install", "hello")

    def test_a_writer_that_dies_in_a_fresh_root_leaves_no_database(self):
        self.setUp_root("writer-dies-fresh")
        self.write_repo("base", fixture("base"))
        before = self.root_tree(self.MPM_STATE_FRESH)
        r = self.mpm("-y", "install", "hello", env={"MPM_FAULT": "rpmdb-prepared"})
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(self.root_tree(self.MPM_STATE_FRESH), before)
        self.assertEqual(sorted(os.listdir(self.root)), ["etc", "var"])
        self.assertFalse(os.path.lexists(os.path.join(self.root, "var/lib/rpm")))

    def install_despite_the_writer(self, root, fault):
        """An install into a fresh root whose RPM database writer fails at `fault`: it completes
        all the same, and the database matches the disk."""
        self.setUp_root(root)
        self.write_repo("base", fixture("base"))
        r = self.mpm("-y", "install", "hello", "greet-config", env={"MPM_FAULT": fault})
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64", "greet-config-2:1.0-1.noarch",
                                         "hello-0:2.0-1.noarch", "libgreet-0:2.0-1.x86_64"])
        self.check_db_matches_disk()
        return r

    def test_a_writer_that_dies_while_mpm_stages_is_replaced(self):
        # Past the point of no return mpm finds its writer gone (it once died of SIGPIPE there,
        # leaving the transaction for the next run without its scriptlets): it makes the writes
        # itself, and says nothing, since nothing went wrong for the user.
        r = self.install_despite_the_writer("writer-waiting", "rpmdb-waiting")
        self.assertNotIn("interrupted", r.err)

    def test_a_crash_before_the_commit_in_a_fresh_root_leaves_no_database(self):
        # mpm is killed with everything staged and the writer's database made, not committed:
        # the writer dies with it, and the next run undoes the transaction, that database too.
        self.setUp_root("fresh-crash")
        self.write_repo("base", fixture("base"))
        before = self.root_tree()
        r = self.mpm("-y", "install", "hello", env={"MPM_FAULT": "staged"})
        self.assertEqual(r.rc, -9, r)
        self.assertTrue(os.path.exists(os.path.join(self.root, "usr/lib/sysimage/rpm/rpmdb.sqlite")))
        after = self.mpm("list", "--installed")
        self.assertIn("undid the interrupted transaction", after.err)
        self.assertEqual(self.root_tree(), before)
        self.assertFalse(os.path.lexists(os.path.join(self.root, "var/lib/rpm")))
        self.assertEqual(glob.glob(os.path.join(self.root, "var/lib/mpm/journal-*")), [])

    def test_a_writer_that_dies_after_its_commit_is_not_repeated(self):
        # A fresh root: the database the writer made and committed is kept; mpm writes what it
        # cannot know was committed again, and nothing is there twice.
        self.install_despite_the_writer("writer-committed", "rpmdb-committed")

    def test_rpm_holding_its_lock_is_found_before_anything_changes(self):
        # rpm (or dnf) in another terminal holds the RPM database's lock. librpm does not wait
        # for it; the writer takes it before the point of no return, so the transaction is
        # refused whole (it once failed after the files were in place, for the next run to
        # complete).
        self.setUp_root("rpm-lock")
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "bash-lite")
        before = self.root_tree()
        with open(os.path.join(self.root, "usr/lib/sysimage/rpm/.rpm.lock"), "r+") as lock:
            fcntl.lockf(lock, fcntl.LOCK_EX)
            r = self.mpm("-y", "install", "hello", "greet-config")
            self.assertEqual(r.rc, 1, r)
            self.assertIn("cannot lock the RPM database", r.err)
            self.assertTrue(r.err.rstrip().endswith("(is rpm running?); nothing was changed"), r.err)
            self.assertEqual(self.root_tree(), before)
            self.check_db_matches_disk()
        self.ok("-y", "install", "hello", "greet-config")  # once rpm is done
        self.check_db_matches_disk()

    def test_kill_while_saving_a_changed_config(self):
        self.setUp_root("config")
        self.write_repo("base", fixture("base"))
        self.write_repo("updates", fixture("updates"))
        self.ok("-y", "install", "greet-config")
        plain = Path(self.root, "etc/greet.d/plain.conf")
        plain.write_text("plain=mine\n")
        r = self.mpm("-y", "remove", "greet-config", env={"MPM_FAULT": "staged"})
        self.assertEqual(r.rc, -9, r)
        self.ok("list", "--installed")  # recovery: rolled back
        self.assertEqual(plain.read_text(), "plain=mine\n")
        self.assertFalse(Path(self.root, "etc/greet.d/plain.conf.rpmsave").exists())
        self.check_db_matches_disk(changed_by_user="S.5....T.  c /etc/greet.d/plain.conf\n")
        self.ok("-y", "remove", "greet-config")
        self.assertEqual(Path(self.root, "etc/greet.d/plain.conf.rpmsave").read_text(), "plain=mine\n")
        self.assertFalse(plain.exists())

    def setUp_root(self, name):
        self.root = os.path.join(self.tmp, "root-" + name)
        os.makedirs(os.path.join(self.root, "etc", "yum.repos.d"))


class WithoutPrivileges(MpmTestCase):
    """A root built by a user without privileges stays writable by that user: a directory the
    package makes read-only (Fedora's filesystem has 0555 /usr/bin) keeps its owner's write bit,
    which root alone could do without."""

    NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    def test_a_read_only_directory_does_not_lock_its_builder_out(self):
        skip_class_unless(os.geteuid() == 0, "needs root to become another user")
        probe = subprocess.run(self.NOBODY + [harness.MPM, "--version"], capture_output=True)
        skip_class_unless(probe.returncode == 0, "the mpm binary is not reachable by nobody")
        os.chmod(self.tmp, 0o755)
        self.write_repo("ro", harness.build({"packages": [
            repos.pkg("ro-dir", "1.0", dirs=[{"path": "/opt/ro", "mode": "0555"}], files={"/opt/ro/f": "f\n"}),
            repos.pkg("ro-more", "1.0", files={"/opt/ro/g": "g\n"})]}))
        os.makedirs(os.path.join(self.root, "opt/ro"))  # and an existing one takes the mode too
        subprocess.run(["chown", "-R", "65534:65534", self.root], check=True)
        for names in (["ro-dir"], ["ro-more"]):
            r = harness.Result(subprocess.run(self.NOBODY + [harness.MPM, "--installroot", self.root, "-y",
                                                             "install"] + names,
                                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL))
            self.assertEqual(r.rc, 0, r)
        self.assertEqual(oct(os.stat(os.path.join(self.root, "opt/ro")).st_mode & 0o7777), "0o755")
        self.assertEqual(sorted(os.listdir(os.path.join(self.root, "opt/ro"))), ["f", "g"])


class ProcessLimit(MpmTestCase):
    """A user whose process limit leaves mpm no second thread or process (prlimit --nproc=1)
    gets the same install, made on one core: the payload checks in line, the RPM database
    written by mpm itself instead of mpm-rpmdb-writer."""

    NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    def test_install_with_no_process_to_spare(self):
        skip_class_unless(os.geteuid() == 0, "needs root to become another user")
        # (LeakSanitizer needs a thread of its own to check at exit, which the limit forbids:
        # an ASan build checks leaks in every other test.)
        env = dict(os.environ, ASAN_OPTIONS=":".join(filter(None, [os.environ.get("ASAN_OPTIONS"),
                                                                    "detect_leaks=0"])))
        probe = subprocess.run(self.NOBODY + ["prlimit", "--nproc=1", harness.MPM, "--version"],
                               capture_output=True, env=env)
        skip_class_unless(probe.returncode == 0, "the mpm binary is not reachable by nobody")
        os.chmod(self.tmp, 0o755)
        self.write_repo("base", fixture("base"))
        subprocess.run(["chown", "-R", "65534:65534", self.root], check=True)
        run = lambda *args, limit=[]: harness.Result(subprocess.run(
            self.NOBODY + limit + [harness.MPM, "--installroot", self.root] + list(args),
            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, env=env))
        self.assertEqual(run("makecache").rc, 0)  # (a refresh has a thread of its own)
        r = run("-y", "install", "hello", "greet-config", limit=["prlimit", "--nproc=1"])
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64", "greet-config-2:1.0-1.noarch",
                                         "hello-0:2.0-1.noarch", "libgreet-0:2.0-1.x86_64"])
        # (owned by the user who installed them: rpm -V's U and G say so, as for any such root)
        self.assertEqual(self.rpm("-Va", "--nouser", "--nogroup").out, "")


class SameAsDnf(MpmTestCase):
    """The same command sequence through dnf 4 and mpm: same packages, same files on disk."""

    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")

    SEQUENCE = [
        ["install", "hello-1.0", "greet-extras"],
        ["-x", "hello", "distro-sync"],  # an excluded name the repository has stays as it is
        ["upgrade"],
        ["remove", "hello"],
        ["install", "old-greeter", "unicode-pkg"],
    ]

    # Commands dnf takes specs (and package files) for, which mpm refused or misread.
    WITH_SPECS = [
        ["install", "hello-1.0", "libgreet-1.0", "greet-extras"],
        ["distro-sync", "hello"],
        ["autoremove", "greet-extras"],
        ["reinstall", "BASE/hello-2.0-1.noarch.rpm"],
        ["downgrade", "BASE/hello-1.0-1.noarch.rpm"],
        ["upgrade", "BASE/hello-2.0-1.noarch.rpm"],
        ["autoremove", "not-installed"],
    ]

    def test_same_result_as_dnf(self):
        self.same_as_dnf(self.SEQUENCE)

    def test_commands_with_specs_and_files_same_as_dnf(self):
        self.same_as_dnf([[a.replace("BASE", fixture("base")) for a in step] for step in self.WITH_SPECS])

    def same_as_dnf(self, sequence):
        mpm_root = self.root
        dnf_root = os.path.join(self.tmp, "dnf-root")
        os.makedirs(os.path.join(dnf_root, "etc/yum.repos.d"))
        for root in (mpm_root, dnf_root):
            self.root = root
            self.write_repo("base", fixture("base"))
        for step in sequence:
            with self.subTest(step=step):
                self.root = dnf_root
                ref = self.dnf("-y", *step)
                self.assertEqual(ref.rc, 0, ref)
                dnf_pkgs = self.rpm_qa(root=dnf_root)
                self.root = mpm_root
                self.ok("-y", *step)
                mine = sorted(p["nevra"] for p in self.ok("list", "--installed", "--json").json())
                self.assertEqual(mine, dnf_pkgs)
                self.assertEqual(self.rpm_qa(root=mpm_root), dnf_pkgs)
                self.assertEqual(disk_state(mpm_root, rpmdb=False), disk_state(dnf_root, rpmdb=False))


if __name__ == "__main__":
    unittest.main()
