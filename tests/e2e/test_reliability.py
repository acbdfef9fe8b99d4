"""Reliability under concurrency and damage (the issue's list, item by item as it lands)."""

import glob
import os
import subprocess
import time
import unittest

import harness
from harness import MpmTestCase, build, fixture, skip_class_unless


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
                      "--cacheonly", r.err)
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

    def test_damaged_solv_cache_is_rebuilt_quietly(self):
        with open(os.path.join(self.gen, "primary.solv"), "r+b") as f:
            f.seek(200)
            f.write(b"\xff" * 64)
        r = self.ok("-C", "list", "hello")
        self.assertIn("hello", r.out)


if __name__ == "__main__":
    unittest.main()
