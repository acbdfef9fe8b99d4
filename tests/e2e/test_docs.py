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
        src = Path(ROOT, "repodata", "RepoConfig.cpp").read_text()
        keys = re.findall(r'\{"([a-z_]+)", (?:stringSetter|boolSetter|intSetter|listSetter|durationSetter)', src)
        self.assertGreater(len(keys), 15)
        for k in keys:
            with self.subTest(key=k):
                self.assertRegex(man, rf"\b{k}\b")


if __name__ == "__main__":
    unittest.main()
