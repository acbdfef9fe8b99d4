"""The --json contract: every command's output has the shape mpm(8) documents under JSON OUTPUT
(read from the man page itself, so the page and the program cannot drift apart), failures
included, and every command has a documented shape."""
import os
import re
import shutil
import tempfile
import unittest

import harness
from harness import MpmTestCase, fixture
import test_trust

MAN = os.path.join(harness.HERE, "..", "..", "man", "mpm.8")


# The shapes mini-language of mpm(8): STRING NUMBER BOOLEAN NULL, [T], {"k": T, "k"?: T},
# {STRING: T}, A + B (merged objects), A | B, NAME (defined in the list).
def tokenize(text):
    return re.findall(r'"[^"]*"|[A-Z_]+|[{}\[\]:,+|?]', text)


class Parser:
    def __init__(self, text):
        self.tokens = tokenize(text)
        self.at = 0

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if expected is not None and token != expected:
            raise ValueError(f"expected {expected!r}, got {token!r} in {self.tokens}")
        self.at += 1
        return token

    def union(self):
        options = [self.merge()]
        while self.peek() == "|":
            self.take()
            options.append(self.merge())
        return options[0] if len(options) == 1 else ("union", options)

    def merge(self):
        parts = [self.atom()]
        while self.peek() == "+":
            self.take()
            parts.append(self.atom())
        return parts[0] if len(parts) == 1 else ("merge", parts)

    def atom(self):
        token = self.take()
        if token == "[":
            inner = self.union()
            self.take("]")
            return ("list", inner)
        if token == "{":
            if self.peek() == "STRING":
                self.take()
                self.take(":")
                value = self.union()
                self.take("}")
                return ("map", value)
            fields = {}
            while self.peek() != "}":
                key = self.take()[1:-1]
                optional = self.peek() == "?"
                if optional:
                    self.take()
                self.take(":")
                fields[key] = (self.union(), optional)
                if self.peek() == ",":
                    self.take()
            self.take("}")
            return ("object", fields)
        if token in ("STRING", "NUMBER", "BOOLEAN", "NULL"):
            return ("type", token)
        return ("ref", token)


def documented_shapes():
    with open(MAN) as f:
        text = f.read()
    section = text.split(".SH JSON OUTPUT", 1)[1].split("\n.SH ", 1)[0]
    block = section.split("\n.nf\n", 1)[1].split("\n.fi\n", 1)[0]
    definitions = []
    for line in block.splitlines():
        if not line.strip():
            continue
        if line.startswith("      "):
            definitions[-1] += " " + line.strip()
        else:
            definitions.append(line.strip())
    shapes, commands = {}, {}
    for d in definitions:
        left, right = d.split(" = ", 1)
        shape = Parser(right).union()
        if left.startswith("mpm "):
            for command in left.split(", "):
                commands[command] = shape
        else:
            shapes[left] = shape
    return shapes, commands


class Checker:
    def __init__(self, shapes):
        self.shapes = shapes

    def resolve(self, shape):
        while shape[0] == "ref":
            shape = self.shapes[shape[1]]
        if shape[0] == "merge":
            fields = {}
            for part in shape[1]:
                resolved = self.resolve(part)
                assert resolved[0] == "object", f"only objects merge: {part}"
                fields.update(resolved[1])
            return ("object", fields)
        return shape

    def check(self, value, shape, path="$"):
        shape = self.resolve(shape)
        kind = shape[0]
        if kind == "union":
            errors = []
            for option in shape[1]:
                try:
                    return self.check(value, option, path)
                except AssertionError as e:
                    errors.append(str(e))
            raise AssertionError(f"{path}: none of the alternatives fits: {errors}")
        if kind == "type":
            expected = {"STRING": str, "BOOLEAN": bool, "NULL": type(None)}.get(shape[1])
            if shape[1] == "NUMBER":
                assert isinstance(value, (int, float)) and not isinstance(value, bool), f"{path}: {value!r} is not a number"
            else:
                assert isinstance(value, expected), f"{path}: {value!r} is not {shape[1]}"
            return
        if kind == "list":
            assert isinstance(value, list), f"{path}: {value!r} is not a list"
            for i, item in enumerate(value):
                self.check(item, shape[1], f"{path}[{i}]")
            return
        if kind == "map":
            assert isinstance(value, dict), f"{path}: {value!r} is not an object"
            for k, v in value.items():
                self.check(v, shape[1], f"{path}.{k}")
            return
        assert kind == "object", shape
        assert isinstance(value, dict), f"{path}: {value!r} is not an object"
        fields = shape[1]
        undocumented = set(value) - set(fields)
        assert not undocumented, f"{path}: keys not in mpm(8): {sorted(undocumented)}"
        for key, (field, optional) in fields.items():
            if key not in value:
                assert optional, f"{path}: documented key '{key}' is missing"
                continue
            self.check(value[key], field, f"{path}.{key}")


class JsonContract(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        cls.shapes, cls.commands = documented_shapes()
        cls.checker = Checker(cls.shapes)
        cls.keys = tempfile.mkdtemp(prefix="mpm-json-keys-")
        _, cls.key_file, _ = test_trust.gpg_home(cls.keys, "json@example.org", "json")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.keys, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.write_platform()
        self.write_repo("base", fixture("base"))
        self.write_repo("modular", fixture("modular"))
        self.write_repo("updates", fixture("updates"), enabled="0")

    def shaped(self, documented, *args, rc=0, nonempty=True):
        r = self.mpm("--json", *args)
        self.assertEqual(r.rc, rc, r)
        value = r.json()
        try:
            self.checker.check(value, self.commands[documented])
        except AssertionError as e:
            self.fail(f"mpm {' '.join(args)}: {e}\n{r.out}")
        if nonempty:
            self.assertTrue(value, f"mpm {' '.join(args)} printed an empty result: it shows nothing of its shape")
        self.checked.add(documented)
        return value

    def test_every_command_prints_its_documented_shape(self):
        self.checked = set()
        self.shaped("mpm install", "-y", "install", "hello-1.0", "tool")
        self.shaped("mpm upgrade", "-y", "--enablerepo=updates", "upgrade", "hello")
        self.shaped("mpm downgrade", "-y", "--enablerepo=updates", "downgrade", "hello")
        self.assertIn("nothing_to_do", self.shaped("mpm downgrade", "-y", "downgrade", "bash-lite"))
        self.shaped("mpm reinstall", "-y", "reinstall", "hello")
        self.shaped("mpm remove", "-y", "remove", "tool", "nosuch")
        self.shaped("mpm swap", "-y", "swap", "hello", "unicode-pkg")
        self.shaped("mpm history undo", "-y", "history", "undo", "last")
        self.shaped("mpm install", "-y", "install", "hello")
        self.shaped("mpm distro-sync", "-y", "distro-sync")
        self.shaped("mpm mark", "mark", "remove", "bash-lite")
        self.shaped("mpm autoremove", "-y", "autoremove")
        self.shaped("mpm module enable", "-y", "module", "enable", "nodejs:20")
        self.shaped("mpm module install", "-y", "module", "install", "nodejs:20/development")
        self.shaped("mpm module remove", "-y", "module", "remove", "nodejs:20/development")
        self.shaped("mpm module switch-to", "-y", "module", "switch-to", "nodejs:18")
        self.shaped("mpm module reset", "-y", "module", "reset", "nodejs")
        self.shaped("mpm module disable", "-y", "module", "disable", "tool")
        for command in ("list", "search", "repoquery"):
            self.shaped(f"mpm {command}", command, "hello")
        self.shaped("mpm check-update", "--enablerepo=updates", "check-update", rc=100)
        self.shaped("mpm info", "info", "hello")
        self.shaped("mpm repoquery --requires", "repoquery", "--requires", "hello")
        self.shaped("mpm repoquery --qf", "repoquery", "--qf", "%{name}", "hello")
        self.shaped("mpm repoquery --info", "repoquery", "--info", "hello")
        self.shaped("mpm repoquery --deplist", "repoquery", "--deplist", "hello")
        self.shaped("mpm provides", "provides", "/usr/bin/hello")
        history = self.shaped("mpm history", "history")
        self.shaped("mpm history list", "history", "list")
        self.shaped("mpm history info", "history", "info", "1")
        self.assertEqual(history[-1]["items"][0]["action"], "install")
        self.shaped("mpm check", "check", nonempty=False)
        self.assertEqual(self.rpm("-e", "--nodeps", "libgreet").rc, 0)
        self.shaped("mpm check", "check", rc=1)
        self.shaped("mpm repolist", "repolist")
        self.shaped("mpm makecache", "makecache")
        self.shaped("mpm key import", "-y", "key", "import", self.key_file)
        self.shaped("mpm key", "key")
        self.shaped("mpm key list", "key", "list")
        fingerprint = self.mpm("--json", "key").json()[0]["fingerprint"]
        self.shaped("mpm key remove", "key", "remove", fingerprint)
        self.shaped("mpm clean", "clean", "expire-cache")
        self.shaped("mpm rebuilddb", "rebuilddb")
        lock = os.path.join(self.tmp, "rpms.lock.yaml")
        self.shaped("mpm lock", "lock", "-o", lock, "greet-config")
        self.shaped("mpm lock --check", "lock", "--check", lock)
        self.shaped("mpm module list", "module", "list")
        self.shaped("mpm module info", "module", "info", "nodejs")
        self.shaped("mpm module provides", "module", "provides", "nodejs")
        self.write_repo("advisories", fixture("advisories"))
        self.ok("-y", "install", "sec-app-1.0", "crit-lib-1.0")
        self.shaped("mpm updateinfo", "updateinfo")
        self.shaped("mpm updateinfo summary", "updateinfo", "summary")
        self.shaped("mpm updateinfo list", "updateinfo", "list", "--all")
        self.shaped("mpm updateinfo info", "updateinfo", "info")
        self.shaped("mpm upgrade-minimal", "-y", "upgrade-minimal", "--security")
        self.write_repo("groups", fixture("groups"))
        self.shaped("mpm group list", "group", "list")
        self.shaped("mpm group info", "group", "info", "core", "server-env")
        self.shaped("mpm group", "group")
        self.shaped("mpm group summary", "group", "summary")
        self.assertIn("warnings", self.shaped("mpm group install", "-y", "group", "install", "devtools"))
        self.shaped("mpm group install", "-y", "group", "install", "core")
        self.shaped("mpm group upgrade", "-y", "group", "upgrade", "core")
        self.shaped("mpm group remove", "-y", "group", "remove", "core")
        self.shaped("mpm group mark install", "-y", "group", "mark", "install", "extras")
        self.shaped("mpm group mark remove", "-y", "group", "mark", "remove", "extras")
        state = os.path.join(self.tmp, "state.yaml")
        with open(state, "w") as f:
            f.write("packages: [unicode-pkg]\nmodules: {tool: disabled}\n")
        self.assertTrue(self.shaped("mpm apply --check", "apply", "--check", state, rc=100)["changed"])
        self.assertTrue(self.shaped("mpm apply", "-y", "apply", state)["changed"])
        self.assertFalse(self.shaped("mpm apply", "-y", "apply", state)["changed"])
        self.assertEqual(set(self.commands) - self.checked, set(), "documented shapes no test runs")

    def test_failures_print_the_error_object(self):
        for args, rc in ((["install", "nosuch"], 1), (["instal"], 2), (["history", "info", "last"], 1),
                         (["module", "install", "nodejs:99"], 1), (["--setopt=frob=1", "list"], 2),
                         (["install", "@nosuch"], 1),
                         # nothing matches: the error, as the text's exit status says (an empty
                         # list was printed before, or exit 0)
                         (["list", "nosuch"], 1), (["provides", "/no/such"], 1), (["info", "nosuch"], 1),
                         (["module", "list", "nosuch"], 1), (["module", "provides", "nosuch"], 1)):
            with self.subTest(args=args):
                r = self.mpm("--json", "-y", *args)
                self.assertEqual(r.rc, rc, r)
                self.checker.check(r.json(), self.shapes["ERROR"])
                self.assertEqual(r.json()["error"]["exit_code"], rc)

    def test_errors_name_the_package_the_stream_and_the_fix(self):
        error = self.mpm("--json", "-y", "install", "nodejs-20.1").json()["error"]
        self.assertEqual((error["package"], error["stream"], error["command"]),
                         ("nodejs-0:20.1-1.noarch", "nodejs:20", "mpm module enable nodejs:20"))
        self.assertEqual(self.mpm("--json", "install", "nosuch").json()["error"]["package"], "nosuch")

    def test_every_command_has_a_documented_shape(self):
        listing = self.mpm().err
        commands = re.findall(r"^  (\S+) ", listing, re.M)
        self.assertIn("install", commands)
        for command in commands:
            with self.subTest(command=command):
                self.assertTrue(any(c == f"mpm {command}" or c.startswith(f"mpm {command} ")
                                    for c in self.commands), f"mpm {command} has no shape in mpm(8)")


if __name__ == "__main__":
    unittest.main()
