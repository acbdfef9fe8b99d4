"""Packages that try to write outside the installroot, built by the test: a package that writes
through its own symlink (rpmbuild makes it), and payloads whose cpio names were changed after
the build to climb out with '..' or to be absolute. Each is refused; nothing is written inside
or outside the root."""
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

import harness
from harness import MpmTestCase

SPEC = """Name: {name}
Version: 1
Release: 1
Summary: crafted
License: MIT
BuildArch: noarch
%description
crafted
%install
{install}
%files
{files}
"""


def rpmbuild(top, name, install, files):
    spec = os.path.join(top, name + ".spec")
    with open(spec, "w") as f:
        f.write(SPEC.format(name=name, install=install, files=files))
    # An uncompressed payload, so the test can change cpio names in place.
    subprocess.run(["rpmbuild", "-bb", "--define", f"_topdir {top}", "--define", "_binary_payload w.ufdio",
                    "--define", "_unpackaged_files_terminate_build 0", "--define", "_build_id_links none", spec],
                   check=True, capture_output=True)
    return glob.glob(os.path.join(top, "RPMS", "noarch", name + "-1-1.noarch.rpm"))[0]


def rename_in_payload(rpm, old, new):
    """Changes a cpio name in place (same length; the header is left as it was built)."""
    assert len(old) == len(new)
    with open(rpm, "rb") as f:
        data = f.read()
    # The header stores dirname and basename apart; only the cpio entry has the whole name.
    assert data.count(old) == 1, old
    with open(rpm, "wb") as f:
        f.write(data.replace(old, new))


class HostilePackages(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="mpm-hostile-")
        cls.outside = os.path.join(cls.work, "outside")  # where an escape would land on the host
        top = os.path.join(cls.work, "top")
        os.makedirs(top)
        repo = os.path.join(cls.work, "repo")
        os.makedirs(repo)
        up = "../" * 40
        # Writes through its own symlink: /opt/esc -> (far up)/outside, then /opt/esc/evil.
        esc = rpmbuild(top, "through-link",
                       f"mkdir -p %{{buildroot}}/opt {cls.outside}\n"
                       f"ln -s {up}{cls.outside.lstrip('/')} %{{buildroot}}/opt/esc\n"
                       "echo evil > %{buildroot}/opt/esc/evil",
                       "/opt/esc\n/opt/esc/evil")
        shutil.rmtree(cls.outside)  # rpmbuild wrote through the link on this host; start clean
        shutil.copy(esc, repo)
        # '..' in a payload name: the header lists /opt/<long>/evil, the payload climbs out.
        long_dir = "a" * (3 * 12 - 1)  # "<long_dir>/" is as long as "../" * 12
        dd = rpmbuild(top, "dotdot", f"mkdir -p %{{buildroot}}/opt/{long_dir}\necho evil > %{{buildroot}}/opt/{long_dir}/evil",
                      f"/opt/{long_dir}/evil")
        dest = shutil.copy(dd, repo)
        rename_in_payload(dest, f"./opt/{long_dir}/evil".encode(), ("./opt/" + "../" * 12 + "evil").encode())
        # An absolute payload name.
        ab = rpmbuild(top, "absolute", "mkdir -p %{buildroot}/opt/abs\necho evil > %{buildroot}/opt/abs/evil",
                      "/opt/abs/evil")
        dest = shutil.copy(ab, repo)
        rename_in_payload(dest, b"./opt/abs/evil", b"//etc/abs/evil")
        subprocess.run(["createrepo_c", "-q", repo], check=True, capture_output=True)
        cls.repo = repo

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.write_repo("hostile", self.repo)
        self.ok("makecache")

    def refused(self, name, why):
        before = self.tree(self.root)
        r = self.fails(1, "-y", "install", name)
        self.assertIn(why, r.err)
        after = self.tree(self.root)
        after.pop("var/lib/mpm/lock", None)
        before.pop("var/lib/mpm/lock", None)
        self.assertEqual(after, before)
        self.assertFalse(os.path.exists(self.outside), "something was written outside the root")
        self.assertEqual(self.ok("list", "--installed", "--json").json(), [])
        return r

    def test_write_through_own_symlink_is_refused(self):
        r = self.refused("through-link", "would be written through the package's own symlink /opt/esc")
        self.assertIn("package through-link-1-1.noarch is refused: its file '/opt/esc/evil'", r.err)

    def test_dotdot_in_payload_is_refused(self):
        self.refused("dotdot", "payload has '/opt/" + "../" * 12 + "evil', which the header does not list")

    def test_absolute_payload_name_is_refused(self):
        self.refused("absolute", "payload has '//etc/abs/evil', which the header does not list")


class HostileModuleMetadata(MpmTestCase):
    """modules.yaml is parsed by libmodulemd in a child process: a parser that crashes or uses
    freed memory cannot take mpm down or change anything."""

    def repo_with_modules(self, yaml_path):
        repo = self.copy_repo("base")
        subprocess.run(["modifyrepo_c", "--mdtype=modules", yaml_path, os.path.join(repo, "repodata")],
                       check=True, capture_output=True)
        self.write_repo("base", repo)
        return repo

    def test_a_parser_that_dies_is_one_clean_error(self):
        good = os.path.join(self.tmp, "modules.yaml")
        with open(good, "w") as f:
            f.write("---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  module: m\n  stream: '1'\n...\n")
        self.repo_with_modules(good)
        r = self.fails(1, "repoquery", "hello", env={"MPM_FAULT": "module-parser"})
        self.assertIn("the module metadata of repository 'base' crashed the modulemd parser", r.err)
        self.assertIn("nothing of it was used", r.err)
        # Nothing of the failed parse was cached: the next run parses again, and succeeds.
        self.assertFalse([p for p in self.tree(self.root) if "/modules-" in p])
        self.assertIn("hello-0:2.0-1.noarch", self.ok("repoquery", "hello").out)

    def test_fuzz_found_libmodulemd_use_after_free(self):
        found = os.path.join(harness.HERE, "..", "fuzz", "library-findings", "modules",
                             "libmodulemd-use-after-free.yaml")
        self.repo_with_modules(found)
        r = self.mpm("repoquery", "hello")
        # Whether the freed memory crashes the child depends on the allocator (it does under
        # ASan); mpm itself never dies of it.
        self.assertIn(r.rc, (0, 1), r)
        if r.rc == 1:
            self.assertIn("crashed the modulemd parser", r.err)
            self.assertEqual(len(r.err.strip().splitlines()), 1, r)
        else:
            self.assertIn("hello-0:2.0-1.noarch", r.out)


if __name__ == "__main__":
    unittest.main()
