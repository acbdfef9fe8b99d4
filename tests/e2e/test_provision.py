"""Provisioning: `mpm apply` brings a root to the state a YAML file describes in one transaction
(again: nothing to do), `--check` reports without changing anything, bad files change nothing;
the Ansible module (contrib/ansible) drives it from ansible-playbook."""

import hashlib
import json
import os
import shutil
import subprocess
import textwrap
import unittest

import harness
from harness import MPM, Result, fixture, skip_class_unless

ROOT = os.path.join(harness.HERE, "..", "..")
ANSIBLE_PLAYBOOK = shutil.which("ansible-playbook")
ANSIBLE_DOC = shutil.which("ansible-doc")


class ProvisionCase(harness.MpmTestCase):
    """A root with plain, modular and comps repositories (platform el8)."""

    def setUp(self):
        super().setUp()
        self.setup_root()

    def setup_root(self):
        self.write_platform("el8")
        self.write_repo("base", fixture("base"))
        self.write_repo("modular", fixture("modular"))
        self.write_repo("groups", fixture("groups"))
        self.write_repo("updates", fixture("updates"), enabled="0")

    def state(self, text, name="state.yaml"):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(textwrap.dedent(text))
        return path

    def apply(self, text, *args, rc=0):
        r = self.mpm("--json", "-y", "apply", self.state(text), *args)
        self.assertEqual(r.rc, rc, r)
        return r.json()

    def names(self):
        return sorted(n.split("-0:")[0].split("-2:")[0] for n in self.rpm_qa())

    def reasons(self):
        return {p["name"]: p["reason"] for p in self.ok("--json", "list", "--installed").json()}

    def streams(self):
        return self.ok("module", "list", "--enabled").out + self.ok("module", "list", "--disabled").out

    def snapshot(self):
        """What a run that changes nothing must leave as it was: the packages, mpm's database
        and the module states."""
        db = os.path.join(self.root, "var", "lib", "mpm", "mpm.sqlite")
        digest = None
        if os.path.exists(db):
            with open(db, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
        return self.rpm_qa(), digest


class ApplyStates(ProvisionCase):
    STATE = """\
        packages:
          present: [hello, unicode-pkg]
          latest: [bash-lite]
          absent: [old-greeter]
        modules:
          nodejs:
            stream: "20"
            profiles: [common]
          tool: disabled
        groups: [core]
        """

    def test_apply_reaches_the_state_and_a_second_run_changes_nothing(self):
        first = self.apply(self.STATE)
        self.assertTrue(first["changed"])
        self.assertEqual(first["result"], "done")
        self.assertEqual(self.names(), ["bash-lite", "g-base", "g-editor", "g-editor-doc", "g-shell",
                                        "hello", "libgreet", "nodejs", "unicode-pkg"])
        self.assertIn("nodejs-0:20.1-1.noarch", self.rpm_qa())
        reasons = self.reasons()
        self.assertEqual((reasons["hello"], reasons["nodejs"], reasons["g-base"], reasons["libgreet"]),
                         ("user", "module", "group", "dependency"))
        self.assertRegex(self.streams(), r"nodejs +20 \[e\] +common \[d\] \[i\]")
        self.assertRegex(self.streams(), r"tool +1 \[x\]")
        before = self.snapshot()
        again = self.apply(self.STATE)
        self.assertEqual((again["changed"], again["result"], again["transaction"], again["modules"],
                          again["groups"]), (False, "nothing-to-do", [], [], []))
        self.assertEqual(self.snapshot(), before)
        text = self.ok("apply", "--check", self.state(self.STATE))
        self.assertEqual(text.out, "Nothing to do: the system is in the described state.\n")

    def test_present_leaves_an_installed_older_version_as_it_is(self):
        # mpm-apply(8): an installed package satisfies present as it is (it was upgraded, and
        # a dependency among them became the user's only through the upgrade)
        self.ok("-y", "install", "hello-1.0", "libgreet-1.0", "bash-lite")
        self.ok("mark", "remove", "libgreet")
        r = self.mpm("apply", "--check", self.state("packages:\n  present: [hello]\n"))
        self.assertEqual(r.rc, 0, r)
        applied = self.apply("packages:\n  present: [hello, libgreet]\n")
        self.assertEqual(applied["transaction"], [])
        self.assertIn("hello-0:1.0-1.noarch", self.rpm_qa())
        self.assertEqual(self.reasons()["libgreet"], "user", "named in the state: the user's")

    def test_check_of_an_empty_root_writes_no_state(self):
        r = self.mpm("--json", "apply", "--check", self.state(self.STATE))
        self.assertEqual(r.rc, 100, r)
        self.assertFalse(os.path.exists(os.path.join(self.root, "var", "lib", "mpm")))
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr", "lib", "sysimage")))

    def test_check_says_what_would_change_and_changes_nothing(self):
        self.ok("-y", "install", "greet-config")  # hello comes as a dependency
        before = self.snapshot()
        r = self.mpm("--json", "apply", "--check", self.state(self.STATE))
        self.assertEqual(r.rc, 100, r)
        report = r.json()
        self.assertEqual((report["changed"], report["result"]), (True, "checked"))
        self.assertIn(("install", "unicode-pkg"), {(s["action"], s["name"]) for s in report["transaction"]})
        self.assertEqual([(m["name"], m["state"], m["stream"]) for m in report["modules"]],
                         [("nodejs", "enabled", "20"), ("tool", "disabled", "")])
        self.assertEqual([g["id"] for g in report["groups"]], ["core"])
        self.assertIn("would be marked as installed by you", r.err)  # hello, a dependency now
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.reasons()["hello"], "dependency")
        self.assertNotIn("[e]", self.streams())
        text = self.mpm("apply", "--check", self.state(self.STATE))
        self.assertEqual(text.rc, 100, text)
        self.assertIn("Installing module packages:", text.out)
        self.assertTrue(text.out.endswith("Check: the changes above would be made; nothing was changed.\n"), text)
        # --assumeno changes nothing either: not even the reason of a dependency the state names.
        self.assertEqual(self.mpm("--assumeno", "apply", self.state(self.STATE)).rc, 1)
        r = self.mpm("--assumeno", "install", "hello")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("would be marked as installed by you (--assumeno: nothing was changed)", r.err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.reasons()["hello"], "dependency")
        # A dependency the state names becomes the user's: that is a change, once.
        self.apply(self.STATE)
        self.assertEqual(self.reasons()["hello"], "user")
        self.assertEqual(self.mpm("apply", "--check", self.state(self.STATE)).rc, 0)

    def test_latest_upgrades_absent_removes_and_absent_of_nothing_is_no_change(self):
        self.ok("-y", "install", "hello-1.0")
        state = """\
            repos:
              enable: [updates]
            packages:
              latest: [hello]
              absent: [nosuch-package, unicode-pkg]
            """
        report = self.apply(state)
        self.assertEqual([(s["action"], s["nevra"]) for s in report["transaction"]],
                         [("upgrade", "hello-0:3.0-1.noarch")])
        self.assertNotIn("not_installed", report)
        self.assertFalse(self.apply(state)["changed"])
        # The command line's --disablerepo comes after the state's repos and wins.
        self.ok("-y", "downgrade", "hello")
        self.assertFalse(self.apply(state, "--check", "--disablerepo=updates")["changed"])
        gone = self.apply("packages:\n  absent: [hello, greet-config]\n")
        self.assertEqual({s["name"] for s in gone["transaction"] if s["action"] == "remove"},
                         {"hello", "libgreet", "bash-lite"})  # with the dependencies nothing else needs
        self.assertNotIn("hello", self.names())

    def test_latest_of_everything_upgrades_and_installs_nothing(self):
        self.assertFalse(self.apply("packages:\n  latest: ['*']\n")["changed"])
        self.assertEqual(self.rpm_qa(), [])
        self.ok("-y", "install", "hello-1.0")
        report = self.apply("repos: {enable: [updates]}\npackages:\n  latest: ['*']\n")
        self.assertEqual([(s["action"], s["name"]) for s in report["transaction"]], [("upgrade", "hello")])

    def test_an_exact_version_is_reached_from_above(self):
        self.ok("-y", "install", "hello")
        report = self.apply("packages: [hello-1.0]\n")
        self.assertEqual([(s["action"], s["nevra"]) for s in report["transaction"] if s["name"] == "hello"],
                         [("downgrade", "hello-0:1.0-1.noarch")])
        self.assertFalse(self.apply("packages: [hello-1.0]\n")["changed"])

    def test_streams_switch_and_profiles_follow_disable_and_reset(self):
        self.ok("-y", "module", "install", "nodejs:18/common")
        report = self.apply("modules:\n  nodejs: 20\n")
        self.assertEqual([(s["action"], s["nevra"]) for s in report["transaction"]],
                         [("upgrade", "nodejs-0:20.1-1.noarch")])
        self.assertRegex(self.streams(), r"nodejs +20 \[e\] +common \[d\] \[i\]")
        # dnf's spelling among the packages: a profile of another stream switches too.
        report = self.apply('packages: ["@nodejs:18/development"]\n')
        self.assertEqual(sorted(s["nevra"] for s in report["transaction"]),
                         ["nodejs-0:18.1-1.noarch", "npm-0:18.1-1.noarch"])
        self.assertFalse(self.apply('packages: ["@nodejs:18/development"]\n')["changed"])
        report = self.apply('packages:\n  absent: ["@nodejs/development"]\n')
        self.assertEqual([s["name"] for s in report["transaction"]], ["npm"])
        self.apply("modules:\n  nodejs: {state: disabled}\n  tool: enabled\n")
        self.assertRegex(self.streams(), r"nodejs +18 \[d\]\[x\]")
        self.assertRegex(self.streams(), r"tool +1 \[e\]")
        self.apply("modules:\n  nodejs: reset\n  tool: reset\n")
        self.assertNotIn("[x]", self.streams())
        self.assertFalse(self.apply("modules:\n  nodejs: reset\n  tool: reset\n")["changed"])

    def test_a_reset_stream_whose_package_comes_is_enabled_as_the_default(self):
        # The selection kept for nodejs:20 enabled is chosen again once the state resets it: the
        # nodejs that comes is the default stream's, whose stream it enables, as an install does.
        self.ok("-y", "module", "enable", "nodejs:20")
        self.ok("repoquery", "nodejs")
        self.apply("modules:\n  nodejs: reset\npackages: [nodejs]\n")
        self.assertEqual(self.rpm_qa(), ["nodejs-0:18.1-1.noarch"])
        self.assertRegex(self.streams(), r"nodejs +18 \[d\]\[e\]")

    def test_groups_come_and_go(self):
        report = self.apply("groups:\n  present: [extras, '^server-env']\n")
        self.assertEqual(sorted((g["kind"], g["id"], g["action"]) for g in report["groups"]),
                         [("environment", "server-env", "install"), ("group", "core", "install"),
                          ("group", "devtools", "install"), ("group", "extras", "install")])
        self.assertFalse(self.apply("groups: [extras, '^server-env']\n")["changed"])
        report = self.apply("groups:\n  absent: [extras]\n")
        self.assertEqual([s["name"] for s in report["transaction"]], ["extra-a"])
        self.assertNotIn("extra-a", self.names())

    def test_repositories_are_disabled_before_they_are_enabled(self):
        report = self.apply("repos:\n  enable: [base]\n  disable: ['*']\npackages: [unicode-pkg]\n")
        self.assertEqual([s["name"] for s in report["transaction"]], ["unicode-pkg"])

    def test_a_profile_removed_while_its_stream_switches_goes(self):
        self.ok("-y", "module", "install", "nodejs:20/common")
        state = "modules: {nodejs: '18'}\npackages:\n  absent: ['@nodejs/common']\n"
        report = self.apply(state)
        self.assertEqual([(s["action"], s["nevra"]) for s in report["transaction"]],
                         [("remove", "nodejs-0:20.1-1.noarch")])
        self.assertEqual(report["modules"][0]["previous"], {"state": "enabled", "stream": "20", "profiles": ["common"]})
        self.assertNotIn("nodejs", self.names())
        self.assertRegex(self.streams(), r"nodejs +18 \[d\]\[e\] +common \[d\], development ")
        self.assertFalse(self.apply(state)["changed"])

    def test_standard_input(self):
        proc = subprocess.run([MPM, "--installroot", self.root, "--json", "-y", "apply", "-"],
                              input="packages: [unicode-pkg]\n", capture_output=True, text=True, timeout=120)
        r = Result(proc)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.names(), ["unicode-pkg"])


class ApplyRefuses(ProvisionCase):
    """A file that is not a desired state, or one that cannot be reached: one sentence naming the
    file and line, and the root as it was."""

    BAD = [
        ("packages: [hello\n", "state.yaml:2: not valid YAML"),
        ("pakages: [hello]\n", "state.yaml:1: 'pakages' is not a key of a desired state (the keys are packages, modules, groups, repos)"),
        ("- hello\n", "state.yaml:1: a desired state is a mapping with packages, modules, groups or repos"),
        ("packages:\n  present: [hello]\n  absent: [hello]\n", "state.yaml:3: hello is absent here and present on line 2; give it one state"),
        ("packages:\n  presnt: [hello]\n", "state.yaml:2: 'presnt' is not a key of packages (the keys are present, latest, absent)"),
        ("packages:\n  latest:\n    x: y\n", "state.yaml:3: packages: latest is a list of names, not a mapping"),
        ("modules:\n  nodejs: {stream: 20, state: disabled}\n", "state.yaml:2: module nodejs is disabled, so it takes no stream or profiles"),
        ("modules:\n  nodejs: [20]\n", "state.yaml:2: module nodejs takes a stream, 'disabled', 'reset', or a mapping"),
        ("modules:\n  nodejs: {state: gone}\n", "state.yaml:2: module nodejs: state 'gone' is none of enabled, disabled, reset"),
        ("modules:\n  nodejs:20: common\n", "state.yaml:2: 'nodejs:20' is not a module name"),
        ("modules:\n  nodejs: 18\n  nodejs: 20\n", "state.yaml:3: 'nodejs' is given twice in modules (first on line 2)"),
        ("groups: [core, core]\n", "state.yaml:1: core is listed twice in groups (first on line 1)"),
        ("groups:\n  absent: [core]\n  present: ['^server-env']\n",
         "state.yaml:2: group core is absent, but environment server-env (present, line 3) installs it"),
        ("packages:\n  latest: [hello-2.0]\n",
         "state.yaml:2: hello-2.0 names a version, and latest takes names; for exactly that version, list it under present"),
        ("packages:\n  present: [old-greeter]\n  absent: ['old*']\n",
         "state.yaml:2: old-greeter is present, but old*, absent on line 3, matches the same package (old-greeter)"),
        ("packages:\n  present: [greet-config]\n  absent: [libgreet]\n",
         "package hello-2.0-1.noarch requires libgreet >= 2.0, but none of the providers can be installed"),
        ("packages: [unicode-pkg]\n---\npackages: {absent: [unicode-pkg]}\n",
         "state.yaml:3: a second YAML document; a desired state is one document"),
        ("repos: {enable: [base], disable: [base]}\n",
         "state.yaml:1: repository base is enabled here and disabled on line 1; give it one state"),
        ("modules:\n  nodejs: ~\n", "state.yaml:2: module nodejs has an empty value"),
        ("modules:\n  '': 20\n", "state.yaml:2: a module name is empty"),
        ("packages: [unicode-pkg, unicode-pkg]\n", "state.yaml:1: unicode-pkg is listed twice (first on line 1)"),
        ("modules: {nodejs: '20'}\npackages: ['@nodejs:18']\n",
         "state.yaml:2: @nodejs:18 wants stream 18, but module nodejs is on stream 20 on line 1; give it one stream"),
        ("repos:\n  enable: [nosuch]\n", "state.yaml: repos: enable: no repository matches 'nosuch'"),
        ("packages: [hello, nosuch-package]\n", "no package matches 'nosuch-package'"),
        ("modules:\n  nodejs: 99\n", "module nodejs has no stream '99'"),
        ("groups: [nosuch-group]\n", "no group or environment matches 'nosuch-group'"),
        ("packages: [hello]\n" + "x:\n " + "[" * 40 + "\n", "state.yaml is nested too deeply to be a desired state"),
    ]

    def test_bad_states_change_nothing(self):
        self.ok("-y", "install", "hello-1.0", "tool")
        before = self.snapshot()
        streams = self.streams()
        for text, sentence in self.BAD:
            with self.subTest(state=text):
                path = self.state(text)
                r = self.mpm("-y", "apply", path, env={"COLUMNS": "500"})
                self.assertEqual(r.rc, 1, r)
                self.assertEqual(len(r.err.strip().splitlines()), 1, r)
                self.assertIn(sentence.replace("state.yaml", path), r.err)
                error = self.mpm("--json", "-y", "apply", path).json()["error"]
                self.assertEqual(error["exit_code"], 1)
                self.assertEqual(self.snapshot(), before)
                self.assertEqual(self.streams(), streams)

    def test_nothing_is_a_state_too(self):
        for text in ("", "# only a comment\n", "---\n", "packages:\nmodules: ~\n"):
            with self.subTest(state=text):
                report = self.apply(text)
                self.assertEqual((report["changed"], report["result"]), (False, "nothing-to-do"))

    def test_a_missing_file_and_a_terminal(self):
        r = self.fails(1, "apply", os.path.join(self.tmp, "nosuch.yaml"))
        self.assertIn("cannot read the desired state", r.err)
        self.assertIn("no such file", r.err)
        r = self.fails(1, "apply", self.tmp)
        self.assertIn("not a readable file", r.err)


class ApplyEqualsCommands(ProvisionCase):
    """A realistic state (10 packages, 2 streams, a group) applied to an empty root gives the root
    the equivalent commands give: packages, reasons, streams, profiles and groups."""

    STATE = """\
        # The web host
        packages:
          present: [hello, greet-config, greet-extras, unicode-pkg, extra-tool, dt-01, dt-lib-b, needs-base]
          latest: [bash-lite, g-games]
        modules:
          nodejs: {stream: "20", profiles: [development]}
          app: {stream: "1", profiles: [default]}
        groups: [core]
        repos:
          enable: [extra]
        """

    def setup_root(self):
        super().setup_root()
        self.write_repo("extra", fixture("extra"), enabled="0")

    def picture(self):
        return (self.rpm_qa(), self.reasons(), self.streams(),
                self.ok("--json", "group", "list", "--installed").json())

    def test_apply_equals_the_commands(self):
        report = self.apply(self.STATE)
        self.assertEqual(len([s for s in report["transaction"] if s["reason"] == "user"]), 10)
        applied = self.picture()
        self.root = os.path.join(self.tmp, "by-commands")
        os.makedirs(os.path.join(self.root, "etc", "yum.repos.d"))
        self.setup_root()
        self.ok("-y", "module", "enable", "nodejs:20")
        self.ok("-y", "module", "install", "nodejs:20/development", "app:1/default")
        self.ok("-y", "group", "install", "core")
        self.ok("-y", "--enablerepo=extra", "install", "hello", "greet-config", "greet-extras", "unicode-pkg",
                "extra-tool", "dt-01", "dt-lib-b", "needs-base", "bash-lite", "g-games")
        self.assertEqual(self.picture(), applied)
        self.assertIn("webapp-0:1.0-1.noarch", applied[0])
        self.assertRegex(applied[2], r"app +1 \[e\] +default \[d\] \[i\]")


def ansible_env(tmp):
    home = os.path.join(tmp, "ansible-home")
    os.makedirs(home, exist_ok=True)
    collections = os.path.join(tmp, "collections", "ansible_collections", "mpm")
    os.makedirs(collections, exist_ok=True)
    link = os.path.join(collections, "packaging")
    if not os.path.exists(link):
        os.symlink(os.path.abspath(os.path.join(ROOT, "contrib", "ansible")), link)
    return dict(os.environ, HOME=home, ANSIBLE_HOME=home, ANSIBLE_LOCAL_TEMP=os.path.join(home, "tmp"),
                ANSIBLE_REMOTE_TEMP=os.path.join(home, "tmp"), ANSIBLE_NOCOLOR="1",
                ANSIBLE_LIBRARY=os.path.abspath(os.path.join(ROOT, "contrib", "ansible", "plugins", "modules")),
                ANSIBLE_COLLECTIONS_PATH=os.path.join(tmp, "collections"),
                ANSIBLE_PYTHON_INTERPRETER="/usr/bin/python3", ANSIBLE_LOCALHOST_WARNING="0",
                ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_RETRY_FILES_ENABLED="0")


class AnsibleModule(ProvisionCase):
    """contrib/ansible's module run by Debian's ansible-core against the root: playbooks with -c
    local, their results read from the json callback."""

    @classmethod
    def setUpClass(cls):
        skip_class_unless(ANSIBLE_PLAYBOOK and ANSIBLE_DOC, "ansible-core is not installed (scripts/deps)")

    def play(self, tasks, *args):
        """Runs the tasks in one play; returns each task's registered result (by task name) and
        the process (ansible-core's own callbacks print no JSON: a last task writes them)."""
        defaults = {"installroot": self.root, "executable": os.path.abspath(MPM)}
        for i, t in enumerate(tasks):
            t["register"] = f"r{i}"
            for key in ("mpm", "mpm.packaging.mpm"):
                if key in t:
                    t[key] = dict(defaults, **t[key])
        out = os.path.join(self.tmp, "results.json")
        registered = ", ".join(f"{json.dumps(t['name'])}: r{i}" for i, t in enumerate(tasks))
        tasks = tasks + [{"name": "results", "check_mode": False,
                          "copy": {"content": "{{ {" + registered + "} | to_json }}", "dest": out}}]
        playbook = os.path.join(self.tmp, "play.yml")
        with open(playbook, "w") as f:
            json.dump([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}], f)
        proc = subprocess.run([ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", playbook, *args],
                              capture_output=True, text=True, env=ansible_env(self.tmp), timeout=300)
        self.assertTrue(os.path.exists(out), f"the play did not finish (rc={proc.returncode}):\n"
                                             f"{proc.stdout[-4000:]}\n{proc.stderr}")
        with open(out) as f:
            return json.load(f), proc

    def test_documentation(self):
        for name in ("mpm", "mpm.packaging.mpm"):
            with self.subTest(module=name):
                proc = subprocess.run([ANSIBLE_DOC, "-t", "module", name], capture_output=True, text=True,
                                      env=ansible_env(self.tmp), timeout=120)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                for option in ("installroot", "enablerepo", "disable_gpg_check", "modules", "apply"):
                    self.assertIn(option, proc.stdout)
                self.assertNotIn("WARNING", proc.stderr)

    def test_the_collection_builds_and_installs(self):
        galaxy = shutil.which("ansible-galaxy")
        env = ansible_env(self.tmp)
        out = os.path.join(self.tmp, "built")
        built = subprocess.run([galaxy, "collection", "build", os.path.join(ROOT, "contrib", "ansible"),
                                "--output-path", out], capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(built.returncode, 0, built.stderr)
        installed = os.path.join(self.tmp, "installed")
        inst = subprocess.run([galaxy, "collection", "install", os.path.join(out, "mpm-packaging-0.1.0.tar.gz"),
                               "-p", installed], capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(inst.returncode, 0, inst.stderr)
        doc = subprocess.run([ANSIBLE_DOC, "-t", "module", "mpm.packaging.mpm"], capture_output=True, text=True,
                             env=dict(env, ANSIBLE_COLLECTIONS_PATH=installed), timeout=120)
        self.assertEqual(doc.returncode, 0, doc.stderr)
        self.assertIn(os.path.join(installed, "ansible_collections", "mpm", "packaging"), doc.stdout)

    def test_a_playbook_installs_reports_unchanged_checks_switches_and_removes(self):
        results, proc = self.play([
            {"name": "install", "mpm": {"name": ["hello", "@nodejs:18/common"]}},
            {"name": "again", "mpm": {"name": ["hello", "@nodejs:18/common"]}},
            {"name": "check", "check_mode": True, "diff": True, "mpm": {"name": ["unicode-pkg"]}},
            {"name": "switch", "diff": True, "mpm": {"modules": {"nodejs": 20}}},
            {"name": "latest", "mpm.packaging.mpm": {"name": "hello", "state": "latest", "enablerepo": ["updates"]}},
            {"name": "absent", "mpm": {"name": ["hello", "nosuch-package"], "state": "absent"}},
            {"name": "absent again", "mpm": {"name": ["hello"], "state": "removed"}},
            {"name": "a file", "mpm": {"apply": self.state("groups: [core]\n")}},
            {"name": "error", "ignore_errors": True, "mpm": {"name": ["nosuch-package"]}},
        ])
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:] + proc.stderr)
        self.assertEqual({name: r.get("changed") for name, r in results.items()},
                         {"install": True, "again": False, "check": True, "switch": True, "latest": True,
                          "absent": True, "absent again": False, "a file": True, "error": False})
        self.assertIn("Installed: hello-0:2.0-1.noarch", results["install"]["results"])
        self.assertEqual(results["check"]["diff"]["after"], "unicode-pkg-0:1.0-1.noarch\n")
        self.assertNotIn("unicode-pkg", self.names())
        self.assertEqual(results["switch"]["diff"],
                         {"before": "module nodejs: enabled 18 (profiles: common)\nnodejs-0:18.1-1.noarch\n",
                          "after": "module nodejs: enabled 20 (profiles: common)\nnodejs-0:20.1-1.noarch\n"})
        self.assertIn("Upgraded: hello-0:3.0-1.noarch", results["latest"]["results"])
        self.assertTrue(results["error"]["failed"])
        self.assertEqual(results["error"]["msg"], "no package matches 'nosuch-package' (see mpm list, mpm repolist)")
        self.assertEqual(self.names(), ["g-base", "g-editor", "g-editor-doc", "g-shell", "nodejs"])

    def test_options_as_dnf_takes_them_and_values_yaml_would_bend(self):
        state = self.state("packages: [unicode-pkg]\n")
        results, proc = self.play([
            {"name": "one repository", "mpm": {"name": ["unicode-pkg"], "disablerepo": "*", "enablerepo": ["base"]}},
            {"name": "refresh only", "mpm": {"update_cache": True}},
            # dnf's module options a playbook carries over (Ansible refuses unknown ones)
            {"name": "dnf options", "mpm": {"name": ["unicode-pkg"], "skip_broken": True, "nobest": True,
                                            "install_weak_deps": False, "lock_timeout": 0,
                                            "validate_certs": False}},
            {"name": "float stream", "ignore_errors": True, "mpm": {"modules": {"nodejs": 20.10}}},
            {"name": "apply and state", "ignore_errors": True, "mpm": {"apply": state, "state": "absent"}},
            {"name": "nothing", "ignore_errors": True, "mpm": {}},
        ])
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:])
        self.assertTrue(results["one repository"]["changed"])
        self.assertFalse(results["refresh only"]["changed"])
        self.assertFalse(results["dnf options"]["changed"])
        self.assertFalse(results["dnf options"].get("failed", False), results["dnf options"])
        self.assertEqual(results["float stream"]["msg"],
                         "module nodejs: the stream 20.1 is not text; quote it in the task (nodejs: \"20.1\") "
                         "so that YAML keeps it as written")
        self.assertEqual(results["apply and state"]["msg"],
                         "state does not go with apply: the file gives each package its state")
        self.assertEqual(results["nothing"]["msg"], "one of name, modules, apply or update_cache is required")
        self.assertEqual(self.names(), ["unicode-pkg"])

    def test_check_mode_of_a_whole_play(self):
        results, proc = self.play([{"name": "install", "mpm": {"name": ["hello"], "modules": {"tool": "disabled"}}}],
                                  "--check")
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:])
        self.assertTrue(results["install"]["changed"])
        self.assertEqual(self.rpm_qa(), [])
        self.assertNotIn("[x]", self.streams())


if __name__ == "__main__":
    unittest.main()
