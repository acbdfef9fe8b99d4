"""The documentation keeps up with the binary."""
import os
import re
import unittest
from pathlib import Path

from harness import HERE, MpmTestCase

ROOT = os.path.join(HERE, "..", "..")


class Docs(MpmTestCase):
    def commands(self):
        out = self.ok("--help", root=False).out
        section = out.split("Subcommands:")[1]
        return re.findall(r"^\s+([a-z-]+)[,\s]", section, re.M)

    def test_every_command_is_in_the_man_page_and_readme(self):
        man = Path(ROOT, "man", "mpm.8").read_text()
        readme = Path(ROOT, "README.md").read_text()
        cmds = self.commands()
        self.assertGreaterEqual(len(cmds), 8)
        for c in cmds:
            with self.subTest(command=c):
                roff = c.replace("-", "\\-")  # roff writes a hyphen as \-
                self.assertRegex(man, rf"\.B {re.escape(roff)}\b")
                self.assertIn(f"`mpm {c}", readme)

    def test_every_repo_option_is_in_mpm_conf_5(self):
        man = Path(ROOT, "man", "mpm.conf.5").read_text()
        # A repo's own keys, and those it shares with [main] (declared once, in RepoOptions.hpp).
        src = Path(ROOT, "repodata", "RepoConfig.cpp").read_text() + Path(ROOT, "repodata", "RepoOptions.hpp").read_text()
        keys = re.findall(r'\{"([a-z_]+)", (?:stringSetter|secretSetter|boolSetter|intSetter|listSetter|durationSetter|'
                          r'sizeSetter|urlSetter|urlListSetter)(?:<C>)?\(', src)
        self.assertIn("baseurl", keys)
        self.assertGreater(len(keys), 15)
        for k in keys:
            with self.subTest(key=k):
                self.assertRegex(man, rf"\b{k}\b")

    def test_man_pages_hold_no_control_characters(self):
        # (a "\\f" written through a script once became a form feed: "R[Iadvisory optionsR]")
        for page in sorted(Path(ROOT, "man").glob("*.[0-9]")):
            with self.subTest(page=page.name):
                bad = [(n, line) for n, line in enumerate(page.read_bytes().split(b"\n"), 1)
                       if re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", line)]
                self.assertEqual(bad, [])

    def test_every_test_class_is_a_ctest_entry(self):
        """tests/CMakeLists.txt registers `class X(...Case):` lines; a class spelled otherwise
        (say `harness.MpmTestCase`) would silently never run in CI."""
        for f in sorted(Path(HERE).glob("test_*.py")):
            text = f.read_text()
            registered = set(re.findall(r"^class ([A-Za-z0-9_]+)\([A-Za-z0-9_]*Case\):", text, re.M))
            tests = {c for c, body in re.findall(r"^class ([A-Za-z0-9_]+)\(.*?\):(.*?)(?=^class |\Z)", text, re.M | re.S)
                     if re.search(r"^    def test_", body, re.M)}
            with self.subTest(module=f.name):
                self.assertTrue(registered, f"{f.name} has no class ctest would run")
                self.assertEqual(tests - registered, set(), f"{f.name}: test classes ctest would not run")


if __name__ == "__main__":
    unittest.main()
