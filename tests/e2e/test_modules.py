"""Module metadata: real EL8 AppStream module metadata, defaults merged across repos, bad input."""
import gzip
import os
import shutil
import subprocess
import unittest
from pathlib import Path

from harness import DNF, HERE, MpmTestCase, replace_repomd_entry, skip_class_unless

EL8 = os.path.join(HERE, "..", "..", "..", "shared", "data", "el8-appstream")


def modules_repo(path, yaml_text):
    """An rpm-md repo with no packages and this modules.yaml (createrepo_c + modifyrepo_c)."""
    os.makedirs(path)
    subprocess.run(["createrepo_c", "--quiet", "--no-database", path], check=True)
    src = os.path.join(os.path.dirname(path), os.path.basename(path) + "-modules.yaml")
    Path(src).write_text(yaml_text)
    subprocess.run(["modifyrepo_c", "--mdtype=modules", src, os.path.join(path, "repodata")], check=True,
                   capture_output=True)
    return path


def stream(name, stream, version=1, profiles=("common",), summary="s"):
    prof = "".join(f"      {p}:\n        rpms: [{name}]\n" for p in profiles)
    return (f"---\ndocument: modulemd\nversion: 2\ndata:\n  name: {name}\n  stream: \"{stream}\"\n"
            f"  version: {version}\n  context: c0ffee42\n  arch: x86_64\n  summary: {summary}\n"
            f"  description: d\n  license:\n    module: [MIT]\n  profiles:\n{prof}"
            f"  artifacts:\n    rpms:\n      - {name}-0:{stream}-1.x86_64\n...\n")


def defaults(name, default_stream, profiles):
    return (f"---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  module: {name}\n"
            f"  stream: \"{default_stream}\"\n  profiles:\n    \"{default_stream}\": [{', '.join(profiles)}]\n...\n")


class ModuleList(MpmTestCase):
    def test_defaults_merge_by_priority(self):
        a = modules_repo(os.path.join(self.tmp, "a"), stream("tool", "1") + stream("tool", "2") +
                         defaults("tool", "1", ["common"]))
        b = modules_repo(os.path.join(self.tmp, "b"), defaults("tool", "2", ["common"]))
        self.write_repo("a", a, priority="50")
        self.write_repo("b", b, priority="10")
        rows = self.ok("module", "list", "--json").json()
        self.assertEqual([x["stream"] for x in rows if x["default"]], ["2"], "the higher-priority repo wins")
        # Equal priorities that disagree leave no default (libmodulemd's merger, as dnf).
        self.ok("--setopt=b.priority=50", "module", "list")  # must not fail
        rows = self.ok("--setopt=b.priority=50", "module", "list", "--json").json()
        self.assertEqual([x["stream"] for x in rows if x["default"]], [])

    def test_filters_and_unknown_names(self):
        self.write_repo("a", modules_repo(os.path.join(self.tmp, "a"), stream("tool", "1") + stream("other", "3")))
        self.assertEqual([x["name"] for x in self.ok("module", "list", "t*", "--json").json()], ["tool"])
        self.assertEqual(self.ok("module", "list", "--enabled", "--json").json(), [], "nothing is enabled yet")
        r = self.fails(1, "module", "list", "nosuch")
        self.assertIn("no module matches nosuch", r.err)

    def test_newest_version_of_a_stream(self):
        self.write_repo("a", modules_repo(os.path.join(self.tmp, "a"), stream("tool", "1", 5) + stream("tool", "1", 9)))
        rows = self.ok("module", "list", "--json").json()
        self.assertEqual([(x["stream"], x["version"]) for x in rows], [("1", 9)])

    def test_a_parse_started_for_a_repo_that_fails_is_not_used(self):
        # A refresh starts the module parse once the last repository's files are downloaded,
        # before its package lists are parsed. Here those turn out broken and the repository is
        # skipped: the parse made with its streams must not be the one used.
        import glob
        self.write_repo("a", modules_repo(os.path.join(self.tmp, "a"), stream("tool", "1")))
        z = modules_repo(os.path.join(self.tmp, "z"), stream("other", "3"))
        primary = glob.glob(os.path.join(z, "repodata", "*primary.xml.gz"))[0]
        data = Path(primary).read_bytes()
        Path(primary).write_bytes(data[: len(data) // 2])
        replace_repomd_entry(z, "primary", primary)
        self.write_repo("z", z, skip_if_unavailable="1")
        r = self.ok("module", "list", "--json")
        self.assertEqual([x["name"] for x in r.json()], ["tool"])
        self.assertIn("repository 'z'", r.err)
        self.assertIn("skipped", r.err)

    def test_warm_runs_parse_no_yaml(self):
        import glob
        self.write_repo("a", modules_repo(os.path.join(self.tmp, "a"), stream("tool", "1") + stream("tool", "2") +
                                          defaults("tool", "2", ["common"])))
        first = self.ok("module", "list", "--json").json()
        # Take the YAML away: a warm run answers from the cached merge.
        for f in glob.glob(os.path.join(self.root, "var/cache/mpm/a-*/gen-*/repodata/*modules*")):
            os.remove(f)
        self.assertEqual(self.ok("-C", "module", "list", "--json").json(), first)
        # The cache is derived data: clean dbcache drops it, and then the missing file shows.
        self.ok("clean", "dbcache")
        r = self.fails(1, "-C", "module", "list")
        self.assertIn("repository 'a'", r.err)

    def test_streams_alone_read_no_package(self):
        import glob
        self.write_repo("a", modules_repo(os.path.join(self.tmp, "a"), stream("tool", "1") + stream("tool", "2") +
                                          defaults("tool", "2", ["common"])))
        self.write_platform("el8")
        self.ok("makecache")

        def drop_package_caches():
            found = glob.glob(os.path.join(self.root, "var/cache/mpm/a-*/gen-*/primary.solv"))
            self.assertEqual(len(found), 1)
            os.remove(found[0])
            os.remove(found[0] + ".crc")
            return found[0]

        # The root's os-release names the platform: listing and describing streams reads no
        # package (a run that did would rebuild primary.solv from the XML).
        primary = drop_package_caches()
        listed = self.ok("-C", "module", "list", "--json").json()
        self.assertEqual([(x["stream"], x["default"]) for x in listed], [("1", False), ("2", True)])
        self.assertIn("Stream            :  2 [d][a]", self.ok("-C", "module", "info", "tool").out)
        self.ok("-C", "module", "provides", "tool")
        self.assertFalse(os.path.exists(primary), "a module listing read the packages")
        # A command about packages reads them.
        self.ok("-C", "list", "--available")
        self.assertTrue(os.path.exists(primary))
        # Without a named platform an installed release package may name it: packages are read.
        os.remove(os.path.join(self.root, "etc", "os-release"))
        primary = drop_package_caches()
        self.assertEqual(self.ok("-C", "module", "list", "--json").json(), listed)
        self.assertTrue(os.path.exists(primary))

    def test_unreadable_modules_file_names_the_repo(self):
        repo = modules_repo(os.path.join(self.tmp, "a"), stream("tool", "1"))
        import glob
        path = glob.glob(os.path.join(repo, "repodata", "*modules.yaml*"))[0]
        data = Path(path).read_bytes()
        bad = os.path.join(repo, "repodata", "broken-modules.yaml.gz")
        Path(bad).write_bytes(gzip.compress(b"x" * 1000)[:40])  # truncated gzip
        os.remove(path)
        replace_repomd_entry(repo, "modules", bad)
        self.write_repo("a", repo)
        r = self.fails(1, "module", "list")
        self.assertIn("repository 'a'", r.err)
        self.assertIn("module metadata", r.err)
        del data


class El8AppStream(MpmTestCase):
    """The real EL8 AppStream module metadata from ../shared/data: without it this class does
    not run, and ctest reports it as skipped (not passed)."""

    @classmethod
    def setUpClass(cls):
        skip_class_unless(os.path.isdir(EL8), f"the shared EL8 module metadata is not at {os.path.normpath(EL8)}")

    def test_real_el8_appstream_metadata(self):
        text = Path(EL8, "modules.yaml").read_text() + Path(EL8, "defaults.yaml").read_text()
        self.write_repo("appstream", modules_repo(os.path.join(self.tmp, "el8"), text))
        r = self.ok("module", "list", "--json")
        rows = r.json()
        self.assertEqual(len({x["name"] for x in rows}), 54)
        self.assertEqual(len(rows), 82)
        # Independent count of default streams from the YAML itself (PyYAML).
        try:
            import yaml
        except ImportError:
            self.skipTest("PyYAML is not installed")
        streams = {}
        for d in yaml.safe_load_all(Path(EL8, "modules.yaml").read_text()):
            if d and d.get("document") == "modulemd":
                streams.setdefault(d["data"]["name"], set()).add(str(d["data"]["stream"]))
        expected = {(d["data"]["module"], str(d["data"]["stream"]))
                    for d in yaml.safe_load_all(Path(EL8, "defaults.yaml").read_text())
                    if d and d["data"].get("stream") and str(d["data"]["stream"]) in streams.get(d["data"]["module"], ())}
        self.assertEqual({(x["name"], x["stream"]) for x in rows if x["default"]}, expected)
        nodejs = {x["stream"]: x for x in rows if x["name"] == "nodejs"}
        self.assertEqual(sorted(nodejs), ["10", "12", "14", "16"])
        self.assertTrue(nodejs["10"]["default"])
        self.assertEqual(nodejs["10"]["default_profiles"], ["common"])
        self.assertEqual(nodejs["10"]["state"], "available")
        # One real document of the data set is invalid: skipped with a warning naming repo and module.
        self.assertIn("repository 'appstream': skipped an invalid document of module container-tools", r.err)
        table = self.ok("module", "list", "nodejs").out
        self.assertRegex(table, r"nodejs\s+10 \[d\]\s+common \[d\], development, minimal, s2i\s+Javascript runtime")
        self.assertIn("Hint: [d]efault, [e]nabled, [x]disabled, [i]nstalled", table)


class SameAsDnf(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")
        skip_class_unless(os.path.isdir(EL8), f"the shared EL8 module metadata is not at {os.path.normpath(EL8)}")

    def test_module_list_matches_dnf(self):
        text = Path(EL8, "modules.yaml").read_text() + Path(EL8, "defaults.yaml").read_text()
        self.write_repo("appstream", modules_repo(os.path.join(self.tmp, "el8"), text))

        def streams(out):
            # name, stream and its [d] marker: the first tokens of each table row (dnf runs wide
            # columns together, so only the leading tokens are compared).
            rows = set()
            for line in out.splitlines():
                tok = line.split()
                if len(tok) < 2 or tok[0] in ("Name", "Hint:") or line.startswith(("Repo", "EL8")):
                    continue
                rows.add((tok[0], tok[1] + (" [d]" if len(tok) > 2 and tok[2] == "[d]" else "")))
            return rows

        ref = self.dnf("--setopt=module_platform_id=platform:el8", "module", "list")
        self.assertEqual(ref.rc, 0, ref)
        mine = self.ok("module", "list")
        theirs = {r for r in streams(ref.out) if not r[0].startswith("Repo")}
        ours = streams(mine.out)
        self.assertEqual(len(ours), 82)
        self.assertEqual(ours, theirs)


if __name__ == "__main__":
    unittest.main()
