"""Package signatures (gpgcheck) with keys made at test time: signed packages install once the
repository's key is trusted; unsigned, wrong-key and tampered packages are refused and change
nothing; the key prompt with and without a terminal; --nogpgcheck; mpm key list/import/remove."""
import glob
import os
import pty
import shutil
import subprocess
import tempfile
import unittest

import harness
from harness import MpmTestCase, fixture

GOOD, OTHER = "good@example.org", "other@example.org"


def gpg_home(base, email, name):
    home = os.path.join(base, "gnupg-" + name)
    os.makedirs(home, mode=0o700)
    subprocess.run(["gpg", "--batch", "--homedir", home, "--passphrase", "", "--quick-gen-key",
                    f"{name.title()} Signer <{email}>", "rsa2048", "sign", "never"],
                   check=True, capture_output=True)
    armored = subprocess.run(["gpg", "--homedir", home, "--armor", "--export", email],
                             check=True, capture_output=True, text=True).stdout
    fpr = subprocess.run(["gpg", "--homedir", home, "--with-colons", "--fingerprint", email],
                         check=True, capture_output=True, text=True).stdout
    fingerprint = next(l.split(":")[9] for l in fpr.splitlines() if l.startswith("fpr"))
    path = os.path.join(base, name + ".asc")
    with open(path, "w") as f:
        f.write(armored)
    return home, path, fingerprint


def sign(rpms, home, email):
    subprocess.run(["rpmsign", "--addsign", "--define", "__gpg /usr/bin/gpg",
                    "--define", f"_gpg_name {email}", "--define", f"_gpg_path {home}"] + rpms,
                   check=True, capture_output=True, stdin=subprocess.DEVNULL)


def detach_sign(path, home, email):
    subprocess.run(["gpg", "--batch", "--homedir", home, "--yes", "--local-user", email, "--armor",
                    "--detach-sign", "--output", path + ".asc", path], check=True, capture_output=True)


def payload_offset(path):
    """Where the payload starts: after the lead, the signature header (padded to 8) and the
    header."""
    with open(path, "rb") as f:
        data = f.read()
    def header_end(at):
        n = int.from_bytes(data[at + 8:at + 12], "big")
        size = int.from_bytes(data[at + 12:at + 16], "big")
        return at + 16 + 16 * n + size
    sig_end = header_end(96)
    sig_end += (8 - sig_end % 8) % 8
    return header_end(sig_end)


def createrepo(path):
    subprocess.run(["createrepo_c", "-q", path], check=True, capture_output=True)


class Signatures(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        cls.keys = tempfile.mkdtemp(prefix="mpm-trust-")
        cls.good_home, cls.good_key, cls.good_fpr = gpg_home(cls.keys, GOOD, "good")
        cls.other_home, cls.other_key, cls.other_fpr = gpg_home(cls.keys, OTHER, "other")
        cls.repos = {}
        for name, signer in (("signed", "good"), ("wrongkey", "other"), ("unsigned", None)):
            repo = os.path.join(cls.keys, name)
            os.makedirs(repo)
            rpms = [shutil.copy(p, repo) for p in glob.glob(os.path.join(fixture("base"), "*.rpm"))]
            if signer == "good":
                sign(rpms, cls.good_home, GOOD)
            elif signer == "other":
                sign(rpms, cls.other_home, OTHER)
            createrepo(repo)
            cls.repos[name] = repo
        # Tampered: a signed package with one payload byte flipped, and the repository's
        # checksums regenerated, so that only the signature can tell.
        tampered = os.path.join(cls.keys, "tampered")
        shutil.copytree(cls.repos["signed"], tampered, ignore=shutil.ignore_patterns("repodata"))
        victim = os.path.join(tampered, "hello-2.0-1.noarch.rpm")
        at = payload_offset(victim) + 20
        with open(victim, "r+b") as f:
            f.seek(at)
            b = f.read(1)
            f.seek(at)
            f.write(bytes([b[0] ^ 0x01]))
        # And one whose signed header was changed (its summary), caught by librpm itself.
        victim = os.path.join(tampered, "unicode-pkg-1.0-1.noarch.rpm")
        with open(victim, "rb") as f:
            data = f.read()
        assert data.count(b"Second line.") == 1
        with open(victim, "wb") as f:
            f.write(data.replace(b"Second line.", b"Second linE."))
        createrepo(tampered)
        cls.repos["tampered"] = tampered

        # Signed metadata: repomd.xml.asc by the good key, and by the other key.
        for name, home, email in (("mdgood", cls.good_home, GOOD), ("mdother", cls.other_home, OTHER)):
            repo = os.path.join(cls.keys, name)
            shutil.copytree(cls.repos["signed"], repo)
            detach_sign(os.path.join(repo, "repodata", "repomd.xml"), home, email)
            cls.repos[name] = repo

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.keys, ignore_errors=True)

    def use(self, name, gpgkey=True):
        opts = {"gpgcheck": "1"}
        if gpgkey:
            opts["gpgkey"] = "file://" + self.good_key
        self.write_repo(name, self.repos[name], **opts)

    def installed(self):
        return self.ok("list", "--installed", "--json").json()

    def state(self):
        """What a refused run must leave exactly as it was: the root's files and the trusted keys."""
        files = {p: v for p, v in self.tree(self.root).items()
                 if not p.startswith("var/cache/") and p != "var/lib/mpm/lock"}
        return files, self.ok("key", "list", "--json").json()

    def test_signed_package_installs_after_the_key_is_accepted(self):
        self.use("signed")
        r = self.ok("-y", "install", "hello")
        self.assertIn("Importing GPG key 0x" + self.good_fpr[-8:], r.err)
        self.assertIn("Good Signer <good@example.org>", r.err)
        self.assertIn(" ".join([self.good_fpr[i:i + 4] for i in range(0, 20, 4)]), r.err)
        self.assertIn("From       : file://" + self.good_key, r.err)
        self.assertIn("hello", {p["name"] for p in self.installed()})
        keys = self.ok("key", "list", "--json").json()
        self.assertEqual([(k["fingerprint"], k["userid"]) for k in keys],
                         [(self.good_fpr, "Good Signer <good@example.org>")])
        # Trusted now: the next install asks nothing.
        r = self.ok("-y", "install", "greet-config")
        self.assertNotIn("Importing GPG key", r.err)
        # rpm inside the root trusts the same key (its gpg-pubkey entry) and so agrees with mpm.
        self.assertEqual(self.rpm("-q", "gpg-pubkey", "--qf", "%{VERSION}").out, self.good_fpr[-8:].lower())
        import glob
        signed = glob.glob(os.path.join(self.repos["signed"], "hello-2.0*.rpm"))[0]
        check = self.rpm("-K", signed)
        self.assertEqual(check.rc, 0, check)
        self.assertIn("signatures OK", check.out)
        unsigned = glob.glob(os.path.join(self.repos["unsigned"], "hello-2.0*.rpm"))[0]
        self.assertNotIn("signatures OK", self.rpm("-K", unsigned).out)

    def test_unsigned_package_is_refused(self):
        self.use("unsigned")
        before = self.state()
        r = self.fails(1, "-y", "install", "hello")
        self.assertRegex(r.err, r"package \S+ from repository 'unsigned' is not signed")
        self.assertIn("--nogpgcheck", r.err)
        self.assertEqual(self.state(), before)
        # The explicit way out.
        self.ok("-y", "--nogpgcheck", "install", "hello")
        self.assertIn("hello", {p["name"] for p in self.installed()})

    def test_package_signed_by_another_key_is_refused(self):
        self.use("wrongkey")
        r = self.mpm("-y", "install", "hello")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("is signed with key 0x" + self.other_fpr[-8:] + ", which is not trusted", r.err)
        self.assertIn("not among the keys of the repository's gpgkey=", r.err)
        self.assertIn("--nogpgcheck", r.err)
        self.assertEqual(self.installed(), [])

    def test_tampered_package_is_refused(self):
        self.use("tampered")
        self.ok("key", "import", self.good_key)
        before = self.state()
        r = self.fails(1, "-y", "install", "hello")
        self.assertIn("hello-2.0-1.noarch from repository 'tampered' was changed after it was signed", r.err)
        self.assertIn("key 0x" + self.good_fpr[-8:], r.err)
        self.assertEqual(self.state(), before)
        r = self.fails(1, "-y", "install", "unicode-pkg")
        self.assertIn("unicode-pkg-1.0-1.noarch from repository 'tampered' fails its signature check "
                      "(signed by key 0x" + self.good_fpr[-8:] + "): its header was changed", r.err)
        self.assertEqual(self.state(), before)
        # An untouched package of the same repository still installs.
        self.ok("-y", "install", "libgreet")

    def test_no_terminal_and_no_yes_refuses(self):
        self.use("signed")
        before = self.state()
        r = self.fails(1, "install", "hello")
        self.assertIn("no terminal to ask on", r.err)
        self.assertEqual(self.state(), before)

    def run_on_terminal(self, answers, *args):
        """mpm with a pseudo-terminal on stdin, answering `answers` in order."""
        master, slave = pty.openpty()
        os.write(master, "".join(a + "\n" for a in answers).encode())
        proc = subprocess.run([harness.MPM, "--installroot", self.root] + list(args), stdin=slave,
                              capture_output=True, text=True, timeout=120)
        os.close(slave)
        os.close(master)
        return proc

    def test_key_prompt_on_a_terminal(self):
        self.use("signed")
        before = self.state()
        # Yes to the transaction, no to the key: nothing is installed and no key is trusted.
        p = self.run_on_terminal(["y", "n"], "install", "hello")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("Importing GPG key 0x" + self.good_fpr[-8:], p.stderr)
        self.assertIn("was not imported", p.stderr)
        self.assertEqual(self.state(), before)
        p = self.run_on_terminal(["y", "y"], "install", "hello")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("hello", {q["name"] for q in self.installed()})
        self.assertEqual(len(self.ok("key", "list", "--json").json()), 1)

    def test_key_import_list_remove(self):
        r = self.ok("key", "import", self.good_key, self.other_key, "--json")
        self.assertEqual(sorted(k["fingerprint"] for k in r.json()), sorted([self.good_fpr, self.other_fpr]))
        # as stored: with the time it was trusted (it said 0), as key list says it
        self.assertEqual(r.json(), self.ok("key", "list", "--json").json())
        self.assertGreater(r.json()[0]["imported_at"], 0)
        self.assertIn("is already trusted", self.ok("key", "import", self.good_key).out)
        table = self.ok("key", "list").out
        self.assertIn("0x" + self.good_fpr[-8:], table)
        self.assertIn("Other Signer <other@example.org>", table)
        # Trusting the other key makes the wrong-key repository's packages acceptable.
        self.use("wrongkey")
        self.ok("-y", "install", "hello")
        self.ok("key", "remove", "0x" + self.other_fpr[-8:].lower())
        self.assertEqual([k["fingerprint"] for k in self.ok("key", "list", "--json").json()], [self.good_fpr])
        r = self.fails(1, "key", "remove", "DEADBEEF")
        self.assertIn("no trusted key matches 'DEADBEEF'", r.err)
        r = self.fails(1, "key", "import", os.path.join(self.tmp, "missing.asc"))
        self.assertIn("cannot read the key", r.err)
        junk = os.path.join(self.tmp, "junk.asc")
        with open(junk, "w") as f:
            f.write("not a key\n")
        r = self.fails(1, "key", "import", self.good_key, junk)
        self.assertIn("holds no armored OpenPGP public key", r.err)

    def test_keys_rpm_trusts_or_erases_are_mpms(self):
        """The RPM database is the truth about trusted keys, as for rpm and dnf: a key `rpm
        --import` put there is trusted (no question asked), one `rpm -e gpg-pubkey` erased is
        not."""
        self.use("signed", gpgkey=False)  # the repository offers no key: only a trusted one will do
        self.fails(1, "-y", "install", "hello")
        self.ok("makecache")  # (the root has its RPM database once mpm made one)
        self.assertEqual(self.rpm("--import", self.good_key).rc, 0)
        keys = self.ok("key", "list", "--json").json()
        self.assertEqual([(k["fingerprint"], k["source"]) for k in keys], [(self.good_fpr, "rpmdb")])
        self.assertGreater(keys[0]["imported_at"], 0)
        r = self.ok("-y", "install", "hello")
        self.assertNotIn("Importing GPG key", r.err)
        self.assertIn("is already trusted", self.ok("key", "import", self.good_key).out)
        # erased by rpm: no longer trusted, and what mpm recorded of it does not bring it back
        self.assertEqual(self.rpm("-e", "gpg-pubkey-" + self.good_fpr[-8:].lower()).rc, 0)
        self.assertEqual(self.ok("key", "list", "--json").json(), [])
        r = self.fails(1, "-y", "install", "greet-config")
        self.assertIn("not trusted", r.err)
        # imported by mpm, removed by mpm: gone for rpm too
        self.ok("key", "import", self.other_key)
        self.assertEqual(self.rpm("-q", "gpg-pubkey", "--qf", "%{VERSION}").out, self.other_fpr[-8:].lower())
        self.assertEqual(self.rpm("--import", self.good_key).rc, 0)
        self.ok("key", "remove", self.good_fpr)
        self.assertEqual(self.rpm("-q", "gpg-pubkey", "--qf", "%{VERSION}").out, self.other_fpr[-8:].lower())

    def test_key_over_http(self):
        server = self.serve(self.keys)
        self.write_repo("signed", self.repos["signed"], gpgcheck="1", gpgkey=server.url + "/good.asc")
        r = self.ok("-y", "install", "hello")
        self.assertIn("From       : " + server.url + "/good.asc", r.err)

    def test_local_rpm_file_follows_localpkg_gpgcheck(self):
        local = os.path.join(self.repos["unsigned"], "bash-lite-5.1-1.x86_64.rpm")
        r = self.fails(1, "-y", "--setopt=localpkg_gpgcheck=1", "install", local)
        self.assertIn("is not signed", r.err)
        self.ok("-y", "install", local)  # dnf's default: command-line files are not checked

    def use_md(self, name, path=None):
        self.write_repo("md", path or self.repos[name], gpgcheck="1", repo_gpgcheck="1",
                        gpgkey="file://" + self.good_key)

    def test_repo_gpgcheck_accepts_a_good_signature(self):
        self.use_md("mdgood")
        r = self.ok("-y", "makecache")
        self.assertIn("Importing GPG key 0x" + self.good_fpr[-8:], r.err)
        self.ok("-y", "install", "hello")  # the same key then covers the packages
        # Cached and verified: a cache-only run trusts it without asking again.
        self.ok("-C", "repoquery", "hello")

    def test_repo_gpgcheck_refuses_a_bad_signature_and_keeps_the_last_good_metadata(self):
        repo = os.path.join(self.tmp, "md")
        shutil.copytree(self.repos["mdgood"], repo)
        self.use_md("", repo)
        self.ok("-y", "makecache")
        before = self.ok("-C", "repoquery", "--json").json()
        # The metadata changes (a package goes) but the signature stays the old one.
        os.remove(os.path.join(repo, "greet-extras-1.0-1.noarch.rpm"))
        asc = os.path.join(repo, "repodata", "repomd.xml.asc")
        with open(asc) as f:
            saved = f.read()
        createrepo(repo)
        with open(asc, "w") as f:
            f.write(saved)
        r = self.fails(1, "-y", "--refresh", "makecache")
        self.assertIn("repository 'md': repomd.xml does not match its signature repomd.xml.asc", r.err)
        self.assertIn("the previous metadata is kept", r.err)
        self.assertEqual(self.ok("-C", "repoquery", "--json").json(), before)
        # No signature at all: the same.
        os.remove(asc)
        r = self.fails(1, "-y", "--refresh", "makecache")
        self.assertIn("repo_gpgcheck is on, but the signature repomd.xml.asc cannot be had", r.err)
        self.assertEqual(self.ok("-C", "repoquery", "--json").json(), before)

    def test_repo_gpgcheck_refuses_metadata_signed_by_another_key(self):
        self.use_md("mdother")
        # The repo's gpgkey= is offered (and taken with -y), as dnf does, but it is not the signer.
        r = self.mpm("-y", "makecache")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("repomd.xml is signed with key 0x" + self.other_fpr[-8:] + ", which is not trusted", r.err)
        self.assertFalse([p for p in self.tree(self.root) if p.endswith("primary.solv")])

    def test_metadata_cached_before_repo_gpgcheck_is_checked(self):
        self.write_repo("md", self.repos["signed"], gpgcheck="1", gpgkey="file://" + self.good_key)
        self.ok("makecache")
        os.remove(os.path.join(self.root, "etc/yum.repos.d/md.repo"))
        self.use_md("", self.repos["signed"])  # unsigned metadata, now with repo_gpgcheck
        r = self.fails(1, "-C", "repoquery", "hello")
        self.assertIn("never checked against its signature", r.err)
        r = self.fails(1, "-y", "repoquery", "hello")
        self.assertIn("repomd.xml.asc cannot be had", r.err)


if __name__ == "__main__":
    unittest.main()
