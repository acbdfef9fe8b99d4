"""Secrets stay secret: passwords given as options or inside URLs never reach the output,
errors, --json, history, the database, lockfiles or key sources; downloads never follow a
symlink planted where their .part file goes."""

import glob
import json
import os
import unittest
from pathlib import Path

from harness import MpmTestCase, fixture

SECRETS = ("PW1SECRET", "PW2SECRET", "URLSECRET")


class SecretsStaySecret(MpmTestCase):

    def assert_nowhere(self, *texts):
        for text in texts:
            for secret in SECRETS:
                self.assertNotIn(secret, text)

    def database_bytes(self):
        out = b""
        for path in glob.glob(os.path.join(self.root, "var/lib/mpm/mpm.sqlite*")):
            with open(path, "rb") as f:
                out += f.read()
        return out.decode("latin-1")

    def test_option_passwords_are_not_recorded(self):
        self.write_repo("base", fixture("base"))
        r = self.ok("-y", "-v", "install", "hello", "--setopt=base.password=PW1SECRET",
                    "--setopt", "base.proxy_password=PW2SECRET", "--comment", "set PW1SECRET up")
        self.assert_nowhere(r.out, r.err)
        hist = self.ok("history", "list")
        self.assertIn("--setopt=base.password=*** --setopt base.proxy_password=***", hist.out)
        info = self.ok("--json", "history", "info", "last")
        self.assert_nowhere(hist.out, info.out, self.ok("history", "info", "last").out,
                            self.database_bytes())
        self.assertIn("install", info.json()["cmdline"])

    def test_url_passwords_are_masked(self):
        server = self.serve(fixture("base"))
        port = server.url.rsplit(":", 1)[1]
        self.write_repo("down", "http://alice:URLSECRET@127.0.0.1:9/repo")
        r = self.fails(1, "--json", "list", "hello")
        message = json.loads(r.out)["error"]["message"]
        self.assertIn("http://alice:***@127.0.0.1:9/repo", message)
        self.assert_nowhere(r.out, r.err)
        for args in (["--json", "repolist", "all"], ["repolist", "-v", "all"], ["-v", "repolist"]):
            out = self.mpm(*args)
            self.assert_nowhere(out.out, out.err)
        self.assertIn("alice:***@", self.mpm("--json", "repolist", "all").out)

    def test_repository_credentials_authenticate_and_stay_secret(self):
        server = self.serve(fixture("base"))
        server.require_auth("alice:PW1SECRET")
        self.write_repo("base", server.url, username="alice", password="PW1SECRET")
        r = self.ok("-y", "-v", "install", "hello")
        self.assertTrue(any(p.endswith(".rpm") for p in server.requests), server.requests)
        self.assert_nowhere(r.out, r.err, self.ok("history", "info", "last").out, self.database_bytes())
        # without the password the server refuses, and says so without the secret
        os.remove(os.path.join(self.root, "etc/yum.repos.d/base.repo"))
        self.write_repo("base", server.url, username="alice", password="wrong")
        r = self.fails(1, "--refresh", "list", "hello")
        self.assertTrue(server.refused)
        self.assertIn("401", r.err)

    def test_lockfiles_keep_no_password(self):
        server = self.serve(fixture("base"))
        server.require_auth("alice:URLSECRET")
        url = server.url.replace("http://", "http://alice:URLSECRET@")
        self.write_repo("base", url)
        lock = os.path.join(self.tmp, "rpms.lock.yaml")
        self.ok("lock", "-o", lock, "hello")
        text = Path(lock).read_text()
        self.assert_nowhere(text)
        self.assertIn("alice:***@127.0.0.1", text)
        # installing from the lock takes the password from the repository's configuration
        self.ok("-y", "install", "--from-lock", lock)
        self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa())

    def test_planted_symlink_is_not_followed(self):
        server = self.serve(fixture("base"))
        self.write_repo("base", server.url)
        self.ok("makecache")
        victim = os.path.join(self.tmp, "victim")
        Path(victim).write_text("precious\n")
        pkgdir = glob.glob(os.path.join(self.root, "var/cache/mpm/base-*"))[0] + "/packages"
        os.makedirs(pkgdir, exist_ok=True)
        rpm = os.path.basename(glob.glob(os.path.join(fixture("base"), "bash-lite-*.rpm"))[0])
        os.symlink(victim, os.path.join(pkgdir, rpm + ".part"))
        r = self.mpm("-y", "install", "bash-lite")
        self.assertEqual(Path(victim).read_text(), "precious\n")
        self.assertNotEqual(r.rc, 0, r)
        self.assertIn("symbolic link", r.err)
        self.assertEqual(self.rpm_qa(), [])


if __name__ == "__main__":
    unittest.main()
