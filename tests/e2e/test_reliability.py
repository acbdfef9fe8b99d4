"""Reliability under concurrency and damage (the issue's list, item by item as it lands)."""

import glob
import hashlib
import http.server
import threading
import os
import shutil
import subprocess
import time
import unittest
from pathlib import Path

import harness
from harness import MpmTestCase, build, fixture, skip_class_unless


class StressOneCache(MpmTestCase):
    """Four mpm processes, four roots, one cache, against a repository whose metadata changes
    between rounds: every run succeeds and the cache is consistent at the end."""

    ROUNDS = 5
    ROOTS = 4

    def test_rounds(self):
        repo = self.copy_repo("base")
        server = self.serve(repo)
        cache = os.path.join(self.tmp, "cache")
        roots = []
        for i in range(self.ROOTS):
            root = os.path.join(self.tmp, f"root{i}")
            os.makedirs(os.path.join(root, "etc", "yum.repos.d"))
            with open(os.path.join(root, "etc", "yum.repos.d", "base.repo"), "w") as f:
                f.write(f"[base]\nname=base\nbaseurl={server.url}\ngpgcheck=0\n")
            roots.append(root)
        failures = []
        for rnd in range(self.ROUNDS):
            # new metadata each round: a new repomd.xml, hence a new generation for everyone
            subprocess.run(["createrepo_c", "--quiet", "--no-database", "--revision", str(100 + rnd),
                            "--set-timestamp-to-revision", repo], check=True)
            commands = (["--refresh", "-y", "install", "hello", "greet-config"] if rnd == 0
                        else ["--refresh", "-y", "upgrade"])
            procs = [subprocess.Popen([harness.MPM, "--installroot", root, f"--setopt=cachedir={cache}",
                                       "-q"] + commands, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True) for root in roots]
            for root, p in zip(roots, procs):
                out, err = p.communicate(timeout=300)
                if p.returncode != 0:
                    failures.append((rnd, root, err))
            for root in roots:
                r = self.mpm("--installroot", root, f"--setopt=cachedir={cache}", "-C", "-q", "list", "hello",
                             root=False)
                if r.rc != 0:
                    failures.append((rnd, root, r.err))
        self.assertEqual(failures, [])
        for root in roots:
            self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa(root=root))
        # consistent: one current generation, intact; no temporary or partial files left
        repo_dirs = glob.glob(os.path.join(cache, "base-*"))
        self.assertEqual(len(repo_dirs), 1)
        current = os.path.join(repo_dirs[0], "current")
        self.assertTrue(os.path.exists(os.path.join(current, "repomd.xml")))
        import hashlib
        digest = hashlib.sha256(Path(current, "repomd.xml").read_bytes()).hexdigest()
        self.assertEqual(os.path.basename(os.readlink(current)), "gen-" + digest)
        self.assertEqual(glob.glob(os.path.join(repo_dirs[0], ".tmp-*")), [])
        self.assertEqual(glob.glob(os.path.join(cache, "**", "*.part"), recursive=True), [])
        self.assertEqual(glob.glob(os.path.join(cache, "**", "*.tmp-*"), recursive=True), [])


class ReadersDoNotWait(MpmTestCase):
    """A query during a transaction reads the last committed state at once: a journal whose
    writer is alive is a transaction under way, not a crash to recover."""

    def setUp(self):
        super().setUp()
        skip_class_unless(os.geteuid() == 0, "scriptlets run chrooted into the root: needs root")
        self.write_repo("scripts", fixture("scripts"))
        # a %post that holds the transaction open until the test lets it go
        slow = build({"packages": [{
            "name": "slow-post", "version": "1.0", "release": "1", "arch": "noarch",
            "files": {"/usr/share/slow-post/f": "x\n"},
            # busybox-sh links only sh, mkdir and echo: the rest through busybox itself
            "scripts": {"post": "echo > /var/tmp/post-started; "
                                "while ! /usr/bin/busybox test -e /var/tmp/go-on; do "
                                "/usr/bin/busybox sleep 0.05; done"}}]})
        self.write_repo("slow", slow)

    def test_query_during_a_transaction(self):
        self.ok("-y", "install", "busybox-sh")
        writer = subprocess.Popen([harness.MPM, "--installroot", self.root, "-y", "-q", "install", "slow-post"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            started = os.path.join(self.root, "var/tmp/post-started")
            deadline = time.monotonic() + 120
            while not os.path.exists(started) and writer.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertTrue(os.path.exists(started), "the writer's %post never started")
            # the writer holds the lock and its journal entry says "committing"
            # lock_wait=0: waiting for the writer would fail at once (exit 3) instead of hanging
            r = self.mpm("-C", "--setopt=lock_wait=0", "--json", "list", "--installed")
            self.assertEqual(r.rc, 0, r)
            self.assertIn("busybox-sh", [p["name"] for p in r.json()])
            self.assertIsNone(writer.poll(), "the writer must still be running")
            r = self.mpm("-C", "--setopt=lock_wait=0", "history", "list")
            self.assertEqual(r.rc, 0, r)
        finally:
            open(os.path.join(self.root, "var/tmp/go-on"), "w").close()
            out, err = writer.communicate(timeout=120)
        self.assertEqual(writer.returncode, 0, err)
        self.assertIn("slow-post-0:1.0-1.noarch", self.rpm_qa())


class DamagedCache(MpmTestCase):
    """A cached metadata file damaged after it was verified is noticed and fetched again; with
    -C, where nothing may be fetched, the sentence says so."""

    def setUp(self):
        super().setUp()
        self.server = self.serve(fixture("base"))
        self.write_repo("base", self.server.url)
        self.ok("makecache")
        self.gen = glob.glob(os.path.join(self.root, "var/cache/mpm/base-*/gen-*"))[0]

    def test_truncated_repomd(self):
        with open(os.path.join(self.gen, "repomd.xml"), "r+b") as f:
            f.truncate(40)
        r = self.fails(1, "-C", "list", "hello")
        self.assertIn("repository 'base': the cached metadata is damaged; run 'mpm makecache' without "
                      "-C (or cacheonly=1)", r.err)
        for args in (["list", "hello"], ["--refresh", "makecache"], ["-C", "list", "hello"]):
            r = self.ok(*args)
            self.assertNotIn("unexpected", r.err)
        self.assertIn("hello", self.ok("-C", "list", "hello").out)

    def test_truncated_primary(self):
        primary = glob.glob(os.path.join(self.gen, "repodata", "*primary*"))[0]
        with open(primary, "r+b") as f:
            f.truncate(100)
        os.remove(os.path.join(self.gen, "primary.solv"))
        r = self.ok("list", "hello")
        self.assertIn("hello", r.out)
        self.assertIn("repository 'base': primary metadata is corrupt", r.err)
        self.assertIn("fetched again", r.err)
        # fixed for good: the next run says nothing
        r = self.ok("-C", "list", "hello")
        self.assertEqual(r.err, "")

    def test_scribbled_or_foreign_repomd_cache_is_not_used(self):
        # repomd.solv is repomd.xml as libsolv read it, stamped with that file's digest.
        cache = os.path.join(self.gen, "repomd.solv")
        self.ok("-C", "list", "hello")
        good = Path(cache).read_bytes()
        data = bytearray(good)
        data[len(data) // 2] ^= 0xFF
        Path(cache).write_bytes(bytes(data))
        r = self.ok("-C", "repoquery", "hello")
        self.assertEqual((r.err, Path(cache).read_bytes()), ("", good), "read from the XML and written again")
        # One made from another repomd.xml (its stamp and fingerprint intact) is not used either.
        other = self.copy_repo("extra")
        sibling = os.path.join(self.tmp, "sibling")
        os.makedirs(os.path.join(sibling, "etc", "yum.repos.d"))
        self.ok("--installroot", sibling, f"--setopt=reposdir={sibling}/etc/yum.repos.d", "makecache", root=False)
        with open(os.path.join(sibling, "etc", "yum.repos.d", "x.repo"), "w") as f:
            f.write(f"[x]\nbaseurl=file://{other}\ngpgcheck=0\n")
        self.ok("--installroot", sibling, "makecache", root=False)
        foreign = glob.glob(os.path.join(sibling, "var/cache/mpm/x-*/gen-*/repomd.solv"))[0]
        for suffix in ("", ".crc"):
            shutil.copyfile(foreign + suffix, cache + suffix)
        self.assertIn("hello", self.ok("-C", "list", "hello").out)
        self.assertEqual(Path(cache).read_bytes(), good)

    def test_a_cache_that_cannot_be_written_is_said(self):
        solv = os.path.join(self.gen, "primary.solv")
        os.remove(solv)
        os.makedirs(solv)  # in the way of the cache file
        r = self.ok("-C", "list", "hello")
        self.assertIn("hello", r.out)
        self.assertIn(f"repository 'base': cannot write its cache {solv} (", r.err)
        self.assertIn("every run parses its metadata again until it can", r.err)

    def test_damaged_solv_cache_is_rebuilt_quietly(self):
        with open(os.path.join(self.gen, "primary.solv"), "r+b") as f:
            f.seek(200)
            f.write(b"\xff" * 64)
        r = self.ok("-C", "list", "hello")
        self.assertIn("hello", r.out)

    def test_damaged_file_lists_cache_is_rebuilt_by_the_run_that_reads_it(self):
        # The file lists are read, and their cache checked, only by a command that looks one
        # up: a query by name leaves a damaged cache alone; `repoquery -l` finds it damaged,
        # reads filelists.xml instead and writes the cache again.
        lists = os.path.join(self.gen, "filelists.solvx")
        expected = self.ok("-C", "repoquery", "-l", "hello").out
        self.assertIn("/usr/share/doc", expected)
        with open(lists, "r+b") as f:
            f.seek(300)
            f.write(b"\xff" * 64)
        def digest():
            return hashlib.sha256(Path(lists).read_bytes()).hexdigest()
        damaged = digest()
        self.assertIn("hello", self.ok("-C", "list", "hello").out)
        self.assertEqual(digest(), damaged, "a query by name read the file lists")
        r = self.ok("-C", "repoquery", "-l", "hello")
        self.assertEqual((r.out, r.err), (expected, ""))
        self.assertNotEqual(digest(), damaged, "the damaged file lists were kept")
        self.assertEqual(self.ok("-C", "repoquery", "-l", "hello").out, expected)


class InterruptedRefresh(MpmTestCase):
    """Ctrl-C while metadata downloads: one sentence, the cache as it was, and never a
    repository skipped as if it had failed."""

    def setUp(self):
        super().setUp()
        self.repo = self.copy_repo("base")
        self.server = self.serve(self.repo)
        self.write_repo("web", self.server.url, skip_if_unavailable="1")
        self.ok("makecache")
        self.cache = glob.glob(os.path.join(self.root, "var/cache/mpm/web-*"))[0]
        self.current = os.readlink(os.path.join(self.cache, "current"))
        # The repository changes; its new package lists come slowly.
        shutil.rmtree(self.repo)
        shutil.copytree(fixture("updates"), self.repo)
        for name in os.listdir(os.path.join(self.repo, "repodata")):
            if name != "repomd.xml":
                self.server.slow("/repodata/" + name, 10)

    def interrupt(self, *args):
        import signal
        seen = len(self.server.requests)
        proc = subprocess.Popen([harness.MPM, "--installroot", self.root, "--refresh"] + list(args),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                stdin=subprocess.DEVNULL)
        deadline = time.time() + 20
        while not any(p.startswith("/repodata/") and not p.endswith("repomd.xml")
                      for p in self.server.requests[seen:]) and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        return proc.returncode, out, err

    def unchanged(self):
        self.assertEqual(os.readlink(os.path.join(self.cache, "current")), self.current)
        self.assertEqual(sorted(n for n in os.listdir(self.cache) if n.startswith((".tmp-", "gen-"))),
                         [self.current])

    def test_makecache_stops_with_a_sentence(self):
        rc, out, err = self.interrupt("makecache")
        self.assertEqual(rc, 1, err)
        self.assertEqual(err.strip(), "Error: interrupted while refreshing the metadata of repository "
                                      "'web'; nothing was changed")
        self.unchanged()

    def test_an_install_does_not_go_on_without_the_repository(self):
        # skip_if_unavailable is set: a refresh that failed would be skipped and the install
        # would go on without it ("no package hello"); an interrupted one stops the command.
        rc, out, err = self.interrupt("-y", "install", "hello")
        self.assertEqual(rc, 1, err)
        self.assertIn("interrupted while refreshing the metadata of repository 'web'; nothing was changed", err)
        self.assertNotIn("skipped", err)
        self.unchanged()
        self.assertEqual(self.rpm_qa(), [])


class DamagedDatabase(MpmTestCase):
    """A damaged mpm.sqlite: queries still answer from the RPM database (said once), changes are
    refused with the command that repairs it, and `mpm rebuilddb` keeps every row that can
    still be read."""

    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "hello")
        self.ok("-y", "install", "bash-lite")
        self.ok("-y", "mark", "remove", "bash-lite")
        self.db = os.path.join(self.root, "var/lib/mpm/mpm.sqlite")

    def readable_rows(self, path, table):
        """What sqlite itself can still read of a table, row by row."""
        import sqlite3
        n = 0
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                for _ in con.execute(f"SELECT * FROM {table}"):
                    n += 1
            finally:
                con.close()
        except sqlite3.DatabaseError:
            pass
        return n

    def damage(self, size):
        with open(self.db, "r+b") as f:
            f.truncate(size)

    def test_queries_answer_changes_refuse_rebuild_repairs(self):
        size = os.path.getsize(self.db)
        self.damage(size // 2)
        r = self.ok("-C", "list", "--installed")
        self.assertIn("hello", r.out)
        self.assertIn("mpm rebuilddb", r.err)
        self.assertEqual(r.err.count("is damaged"), 1, r.err)
        self.assertIn("hello", self.ok("-C", "repoquery", "hello").out)
        r = self.fails(1, "-y", "install", "greet-config")
        self.assertIn("is damaged", r.err)
        self.assertIn("run 'mpm rebuilddb'", r.err)
        self.assertNotIn("greet-config", " ".join(self.rpm_qa()))
        expected = {t: self.readable_rows(self.db, t) for t in ("installed", "history", "history_items")}
        r = self.ok("--json", "rebuilddb")
        kept = r.json()["kept"]
        for table, n in expected.items():
            self.assertEqual(kept[table], n, table)
        self.assertTrue(os.path.exists(self.db + ".damaged"))
        self.assertFalse(r.json()["intact"])
        # a healthy database rebuilt is not called damaged
        r = self.ok("rebuilddb")
        self.assertIn("(it was intact); the previous file is kept as " + self.db + ".old.", r.out)
        # repaired: no warning, changes work again
        r = self.ok("-C", "list", "--installed")
        self.assertEqual(r.err, "")
        self.ok("-y", "install", "greet-config")
        self.assertEqual(self.ok("-C", "repoquery", "--installed", "--qf", "%{name}", "greet-config").out,
                         "greet-config\n")

    def test_rows_that_survive_keep_their_meaning(self):
        """One table's pages scribbled over: the other tables' rows, the reasons among them,
        survive the rebuild."""
        import sqlite3
        con = sqlite3.connect(self.db)
        page = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'history_items'").fetchone()[0]
        con.close()
        with open(self.db, "r+b") as f:
            f.seek((root - 1) * page)
            f.write(b"\xa5" * page)
        self.assertEqual(self.readable_rows(self.db, "installed"), 3)  # the premise
        self.assertEqual(self.readable_rows(self.db, "history_items"), 0)
        kept = self.ok("--json", "rebuilddb").json()["kept"]
        self.assertEqual((kept["installed"], kept["history"], kept["history_items"]), (3, 1, 0))
        reasons = self.ok("repoquery", "--installed", "--qf", "%{name} %{reason}").out
        self.assertIn("bash-lite dependency", reasons)
        self.assertIn("hello user", reasons)

    def test_damage_in_a_table_a_transaction_writes_last_is_found_before_the_system_changes(self):
        """A table only the record after the commit touches (history) damaged: found when the
        record failed, after the files and the RPM database had changed."""
        import sqlite3
        con = sqlite3.connect(self.db)
        page = con.execute("PRAGMA page_size").fetchone()[0]
        for table in ("history_items", "history", "installed"):
            root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
            saved = Path(self.db).read_bytes()
            with open(self.db, "r+b") as f:
                f.seek((root - 1) * page)
                f.write(b"\xa5" * page)
            rpmdb_before = self.rpm_qa()
            r = self.mpm("-y", "-C", "install", "greet-config")
            self.assertEqual(r.rc, 1, r)
            errors = [l for l in r.err.splitlines() if l.startswith("Error:")]
            self.assertEqual(len(errors), 1, r)  # (the reasons' table damaged: a warning too)
            self.assertIn("is damaged", r.err, table)
            self.assertIn("run 'mpm rebuilddb'", r.err)
            self.assertEqual(self.rpm_qa(), rpmdb_before, table)
            self.assertFalse(os.path.exists(os.path.join(self.root, "etc/greet.conf")), table)
            self.assertIn("hello", self.ok("-C", "list", "--installed").out, "queries still answer")
            Path(self.db).write_bytes(saved)
        con.close()

    def test_not_a_database(self):
        with open(self.db, "r+b") as f:
            f.write(b"this is no database at all, sorry" * 4)
        r = self.fails(1, "-y", "install", "greet-config")
        self.assertIn("is damaged (file is not a database)", r.err)
        self.ok("rebuilddb")
        self.ok("-y", "install", "greet-config")

    def test_a_lost_database_is_noticed(self):
        for lose in (os.remove, lambda path: open(path, "w").close()):  # deleted, emptied
            lose(self.db)
            r = self.ok("-C", "list", "--installed")
            self.assertIn("hello", r.out)
            self.assertIn("is missing or empty, though mpm made it: install reasons are lost", r.err)
            self.ok("rebuilddb")
            self.assertEqual(self.ok("-C", "list", "--installed").err, "")
        # a root where mpm never made one (dnf's) says nothing of the kind
        os.remove(self.db)
        os.remove(self.db + ".made")
        self.assertEqual(self.ok("-C", "list", "--installed").err, "")

    def test_a_directory_in_its_place_is_named(self):
        os.remove(self.db)
        os.makedirs(self.db)
        r = self.fails(1, "-y", "install", "greet-config")
        self.assertIn(f"database {self.db} is a directory, not a file", r.err)


class HostileMetadata(MpmTestCase):
    """What parsing a repository's metadata may cost is bounded: a description blown up to
    megabytes (1 GiB in the issue's case, which took 2.1 GB of memory) or a file too big once
    decompressed is refused with the repository and the options named; nothing is cached."""

    def setUp(self):
        super().setUp()
        self.write_repo("blown", self.blown("primary", "<description>"))

    def blown(self, mdtype, element):
        """A copy of the base repo whose first `element` of `mdtype` holds 3 MiB of text."""
        import gzip
        repo = os.path.join(self.tmp, "repo-blown-" + mdtype)
        shutil.copytree(fixture("base"), repo)
        original = glob.glob(os.path.join(repo, "repodata", f"*{mdtype}.xml.gz"))[0]
        with gzip.open(original) as f:
            text = f.read().decode()
        text = text.replace(element, element + "x" * (3 * 1024 * 1024), 1)
        blown = os.path.join(repo, "repodata", f"blown-{mdtype}.xml.gz")
        with gzip.open(blown, "wb") as f:
            f.write(text.encode())
        harness.replace_repomd_entry(repo, mdtype, blown)
        return repo

    def test_one_huge_element(self):
        r = self.fails(1, "--setopt=metadata_text_limit=1M", "makecache")
        self.assertIn("repository 'blown': primary metadata is refused: one of its elements holds "
                      "more than 1048576 bytes of text (metadata_size_limit, metadata_text_limit)", r.err)
        self.assertEqual(glob.glob(os.path.join(self.root, "var/cache/mpm/blown-*/gen-*")), [])
        # the limit is what to change, for this repository (a fresh download would be refused
        # the same: "run 'mpm clean metadata'" was no help)
        self.assertIn("raise them for it: --setopt=blown.metadata_size_limit=SIZE, "
                      "--setopt=blown.metadata_text_limit=SIZE", r.err)
        self.assertNotIn("clean metadata", r.err)
        # within the default limits the same repository is fine
        self.ok("makecache")

    def test_too_big_once_decompressed(self):
        r = self.fails(1, "--setopt=metadata_size_limit=2M", "makecache")
        self.assertIn("larger than 2097152 bytes once decompressed", r.err)

    def test_one_huge_element_in_filelists(self):
        # filelists.xml is parsed on a thread of its own: its limits hold there too.
        os.remove(os.path.join(self.root, "etc", "yum.repos.d", "blown.repo"))  # setUp's
        self.write_repo("blown", self.blown("filelists", "<file>/"))
        r = self.fails(1, "--setopt=metadata_text_limit=1M", "makecache")
        self.assertIn("repository 'blown': filelists metadata is refused: one of its elements holds "
                      "more than 1048576 bytes of text (metadata_size_limit, metadata_text_limit)", r.err)
        self.assertEqual(glob.glob(os.path.join(self.root, "var/cache/mpm/blown-*/gen-*")), [])


class _Hostile(http.server.BaseHTTPRequestHandler):
    """A mirror that streams an endless repomd.xml, or trickles one at 2 bytes a second."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.end_headers()
        try:
            if self.path.startswith("/endless/"):
                self.wfile.write(b"<?xml version='1.0'?><repomd>")
                chunk = b" " * 65536
                for _ in range(100000):  # 6.5 GB at most: the client must stop long before
                    self.wfile.write(chunk)
            elif self.path.startswith("/steady/"):
                for _ in range(600):  # 4 KB a second, above minrate, for a minute at most
                    self.wfile.write(b" " * 400)
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                for _ in range(120):  # a minute at most
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            pass


class HostileMirror(MpmTestCase):
    """What a hostile mirror can cost is bounded: an endless file stops at download_size_limit,
    a trickle below minrate is given up after `timeout` seconds; each said with the option."""

    def setUp(self):
        super().setUp()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def tearDown(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        super().tearDown()

    def cache_bytes(self):
        total = 0
        for base, _, files in os.walk(os.path.join(self.root, "var/cache/mpm")):
            for n in files:
                total += os.path.getsize(os.path.join(base, n))
        return total

    def test_endless_file_stops_at_the_limit(self):
        self.write_repo("endless", self.url + "/endless/", retries="0")
        r = self.fails(1, "--setopt=download_size_limit=1M", "makecache")
        self.assertIn("repository 'endless'", r.err)
        self.assertIn("more than 1048576 bytes for a file whose size no metadata states "
                      "(download_size_limit of repository endless)", r.err)
        self.assertLess(self.cache_bytes(), 2 * 1024 * 1024)

    def test_trickle_is_given_up(self):
        self.write_repo("trickle", self.url + "/trickle/", retries="0", timeout="1")
        r = self.fails(1, "makecache")
        self.assertIn("repository 'trickle'", r.err)
        self.assertIn("minrate= and timeout=", r.err)

    def test_steady_stream_meets_the_deadline(self):
        self.write_repo("steady", self.url + "/steady/", retries="0")
        r = self.fails(1, "--setopt=download_deadline=2", "makecache")
        self.assertIn("repository 'steady'", r.err)
        self.assertIn("(download_deadline: 2 s for a file whose size no metadata states)", r.err)

    def test_sizes_are_checked(self):
        r = self.fails(2, "--setopt=minrate=fast", "repolist")
        self.assertIn("'fast' is not a size (bytes, or with k, M or G)", r.err)


if __name__ == "__main__":
    unittest.main()
