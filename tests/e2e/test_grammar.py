"""dnf's command forms, as a dnf user types them and as scripts run them: positional selectors,
history references, removals of what is not there, name globs, unknown commands and options,
the plan before the prompt, and the JSON error object."""
import json
import os
import re
import shlex
import subprocess
import unittest

import harness
from harness import DNF, MPM, MpmTestCase, fixture, skip_class_unless


def packages(text):
    """The package column of list's sections (the headings left out)."""
    return [line.split()[0] for line in text.splitlines() if line and not line.endswith("Packages")
            and not line.endswith("Upgrades")]


class CommandWords(MpmTestCase):
    """Unknown commands and options are said in mpm's words, with the near miss named."""

    def test_mpm_alone_lists_the_commands(self):
        r = self.mpm()
        self.assertEqual(r.rc, 2, r)
        self.assertEqual(r.out, "")
        self.assertIn("Error: mpm needs a command", r.err)
        for command in ("install", "remove", "module", "history", "repolist"):
            self.assertRegex(r.err, rf"\n  {command} +\S")

    def test_help_is_dnfs_help_command(self):
        # `dnf help [COMMAND]` (mpm said "no such command: help")
        self.assertEqual(self.ok("help", root=False).out, self.ok("--help", root=False).out)
        self.assertEqual(self.ok("help", "install", root=False).out,
                         self.ok("install", "--help", root=False).out)
        self.assertEqual(self.ok("-y", "help", "module", root=False).out,
                         self.ok("module", "--help", root=False).out)

    def test_a_typo_names_the_command_meant(self):
        r = self.fails(2, "instal", "hello")
        self.assertEqual(r.err, "Error: no such command: instal; did you mean mpm install? "
                                "(mpm alone lists the commands)\n")
        r = self.fails(2, "frobnicate", "a", "b")
        self.assertEqual(r.err, "Error: no such command: frobnicate (mpm alone lists the commands)\n")
        r = self.fails(2, "module", "instal", "nodejs")
        self.assertIn("mpm module does not take 'instal'; did you mean mpm module install?", r.err)
        r = self.fails(2, "module")
        self.assertIn("mpm module needs a subcommand", r.err)
        r = self.fails(2, "--instalroot", "/x", "list")
        self.assertIn("mpm does not know the option '--instalroot' (did you mean --installroot?)", r.err)

    def test_the_command_is_found_past_the_values_of_global_options(self):
        # Only the command named gets its options declared: a global option's value that is a
        # command's name ("list" here) is not the command.
        r = self.ok("--comment", "list", "--color", "never", "-d", "2", "--installroot=" + self.root,
                    "repolist", "--all", root=False)
        self.assertIn("no repository is configured", r.err)
        # A cluster of short options whose last one takes the next word: "-yx info" excludes
        # info; the command is history (it took "info" for the command and crashed).
        r = self.ok("-yx", "info", "--installroot=" + self.root, "history", root=False)
        self.assertTrue(r.out.startswith("ID  Command line"), r.out)
        self.ok("-qx", "module", "--installroot=" + self.root, "history", "list", root=False)
        self.assertIn("--whatprovides", self.ok("rq", "--help").out)
        self.assertIn("--all", self.ok("--comment=x", "repolist", "--help").out)

    def test_missing_and_conflicting_arguments(self):
        for args, sentence in (
                (["remove"], "Error: mpm remove needs its spec argument (see mpm remove --help)\n"),
                (["history", "undo"], "Error: mpm history undo needs its id argument (see mpm history undo --help)\n"),
                (["list", "--installed", "--available"], "Error: --installed and --available cannot be given together\n"),
                (["clean", "foo"], "Error: 'foo' is not one of all, metadata, packages, dbcache, expire-cache (see mpm clean --help)\n"),
                (["--installroot"], "Error: --installroot needs a value (mpm --help lists the options)\n"),
                (["history", "frob"], "Error: mpm history does not take 'frob' (see mpm history --help)\n"),
                (["history", "info", "1", "2"], "Error: mpm history info does not take '2' (see mpm history info --help)\n"),
                (["history", "redo", "1"], "Error: mpm does not have dnf's 'history redo' yet (README.md, \"Coming from dnf\", lists what mpm takes)\n"),
                (["config-manager"], "Error: mpm does not have dnf's 'config-manager' yet (README.md, \"Coming from dnf\", lists what mpm takes)\n"),
                (["groupinstall", "core"], "Error: dnf's 'groupinstall' is two words in mpm (see mpm group install)\n")):
            with self.subTest(args=args):
                r = self.fails(2, *args)
                self.assertEqual((r.out, r.err), ("", sentence))
                error = json.loads(self.mpm("--json", *args).out)["error"]
                self.assertEqual("Error: " + error["message"] + "\n", sentence)
                # The command a sentence points to is the help it names, never prose.
                command = re.search(r"\(see (mpm [^)]*)\)", sentence)
                self.assertEqual(error.get("command"), command.group(1) if command else None)
        # A suggestion is the command, not the sentence that starts with "mpm".
        self.assertEqual(json.loads(self.mpm("--json", "instal").out)["error"]["command"], "mpm install")
        self.assertNotIn("command", json.loads(self.mpm("--json", "list", "recent").out)["error"])

    def test_json_failures_print_an_error_object(self):
        self.write_repo("base", fixture("base"))
        for args, rc in ((["instal", "hello"], 2), (["install", "nosuch"], 1), (["history", "info", "last"], 1)):
            with self.subTest(args=args):
                r = self.mpm("--json", "-y", *args)
                self.assertEqual(r.rc, rc, r)
                error = json.loads(r.out)["error"]
                self.assertEqual(error["exit_code"], rc)
                self.assertEqual("Error: " + error["message"] + "\n", r.err)
        error = json.loads(self.mpm("--json", "-y", "install", "nosuch").out)["error"]
        self.assertEqual(error["command"], "mpm list")
        # A result already printed is not followed by a second document.
        r = self.mpm("--json", "--assumeno", "install", "hello")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.json()["result"], "aborted")


class PositionalSelectors(MpmTestCase):
    """list/info/repolist take dnf's first word as the scope."""

    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "hello-1.0")

    def test_list_words_equal_the_options(self):
        for word, option in (("installed", "--installed"), ("available", "--available"),
                             ("updates", "--upgrades"), ("upgrades", "--upgrades"), ("all", "--all")):
            with self.subTest(word=word):
                self.assertEqual(self.ok("list", word).out, self.ok("list", option).out)
        self.assertEqual(packages(self.ok("list", "installed").out),
                         ["bash-lite.x86_64", "hello.noarch", "libgreet.x86_64"])
        self.assertEqual(packages(self.ok("list", "updates").out), ["hello.noarch"])
        self.assertEqual(packages(self.ok("list", "installed", "hello").out), ["hello.noarch"])
        self.assertEqual(self.ok("info", "installed", "hello").out, self.ok("info", "--installed", "hello").out)
        self.assertIn("Name         : bash-lite", self.ok("info", "installed").out)  # dnf's layout

    def test_extras_are_installed_packages_no_repository_has(self):
        self.assertEqual(self.ok("list", "extras").out, "")
        r = self.ok("--disablerepo=base", "list", "extras")
        self.assertEqual(packages(r.out), ["bash-lite.x86_64", "hello.noarch", "libgreet.x86_64"])
        self.assertTrue(r.out.startswith("Extra Packages\n"), r)

    def test_unsupported_and_contradicting_words(self):
        self.assertIn("mpm list recent is not supported yet", self.fails(2, "list", "recent").err)
        self.assertIn("contradicts", self.fails(2, "list", "installed", "--available").err)

    def test_repolist_words(self):
        self.write_repo("off", fixture("extra"), enabled="0")
        ids = lambda r: [l.split()[0] for l in r.out.splitlines()[1:]]
        self.assertEqual(ids(self.ok("repolist", "all")), ["base", "off"])
        self.assertEqual(ids(self.ok("repolist", "disabled")), ["off"])
        self.assertEqual(ids(self.ok("repolist", "enabled")), ["base"])
        self.assertEqual(ids(self.ok("repolist", "all", "o*")), ["off"])


class HistoryReferences(MpmTestCase):
    """history info/undo take last and last-N, as in dnf."""

    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))

    def test_last_and_last_n(self):
        self.assertIn("the history is empty", self.fails(1, "history", "info", "last").err)
        self.ok("-y", "install", "bash-lite")
        self.ok("-y", "install", "unicode-pkg")
        self.assertIn("install unicode-pkg", self.ok("history", "info", "last").out)
        self.assertIn("install unicode-pkg", self.ok("history", "info").out)
        self.assertIn("install bash-lite", self.ok("history", "info", "last-1").out)
        self.assertEqual(self.ok("history", "info", "1").out, self.ok("history", "info", "last-1").out)
        self.assertIn("there is no transaction last-2: the history has 2",
                      self.fails(1, "history", "info", "last-2").err)
        self.assertIn("'lastx' is not a transaction", self.fails(2, "history", "info", "lastx").err)
        self.ok("-y", "history", "undo", "last")
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64"])


class RemoveWhatIsNotThere(MpmTestCase):
    def test_removal_of_a_missing_package_removes_the_rest(self):
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "unicode-pkg", "bash-lite")
        r = self.ok("-y", "remove", "nosuch", "unicode-pkg")
        self.assertIn("no match for argument: nosuch", r.err)
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64"])
        r = self.ok("-y", "--json", "remove", "nosuch")
        self.assertEqual(r.json()["not_installed"], ["nosuch"])
        self.assertEqual(r.json()["result"], "nothing-to-do")
        # upgrade of what is not installed still fails, as in dnf.
        self.fails(1, "-y", "upgrade", "hello")


class WhatDnfUsersMeet(MpmTestCase):
    """Rough edges a dnf user found, each checked against what dnf does."""

    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))

    def test_showduplicates_lists_every_available_version(self):
        self.ok("-y", "install", "hello")
        rows = self.ok("list", "available", "--showduplicates", "hello").out.splitlines()[1:]
        self.assertEqual([r.split()[1] for r in rows], ["1.0-1", "2.0-1"])

    def test_repoquery_prints_one_line_per_nevra(self):
        self.ok("-y", "install", "hello")
        self.assertEqual(self.ok("repoquery", "--qf", "%{name}-%{evr} %{repoid} %{reason}", "hello").out,
                         "hello-1.0-1 base (none)\nhello-2.0-1 base (none)\n")
        self.assertEqual(self.ok("repoquery", "--installed", "--qf", "%{name} %{reason}", "hello").out,
                         "hello user\n")

    def test_swap_and_skip_broken_leave_out_what_matches_nothing(self):
        self.ok("-y", "swap", "nosuch", "unicode-pkg")
        self.assertEqual(self.rpm_qa(), ["unicode-pkg-0:1.0-1.noarch"])
        r = self.ok("-y", "--skip-broken", "install", "bash-lite", "hello-ng")
        self.assertIn("no package matches 'hello-ng': left out (--skip-broken)", r.err)
        self.ok("-y", "--setopt=strict=0", "install", "old-greeter", "hello-ng")
        self.assertEqual(len(self.rpm_qa()), 3)
        self.assertIn("no package matches 'hello-ng'", self.fails(1, "-y", "install", "hello-ng").err)

    def test_epoch_first_nevra_is_a_spec_everywhere(self):
        # dnf's E:N-V-R.A, as repoquery --envra prints it: remove said "no match" and left the
        # package installed, install found nothing
        self.ok("-y", "install", "0:unicode-pkg-1.0-1.noarch")
        envra = self.ok("repoquery", "--installed", "--envra", "unicode-pkg").out.strip()
        self.assertEqual(envra, "0:unicode-pkg-1.0-1.noarch")
        self.ok("-y", "remove", envra)
        self.assertEqual(self.rpm_qa(), [])
        self.ok("-y", "install", "2:greet-config-1.0-1.noarch")
        self.assertIn("greet-config-2:1.0-1.noarch", self.rpm_qa())

    def test_multilib_architectures_stay_side_by_side(self):
        # foo.i686 beside foo.x86_64 is no reinstall of it (it replaced it), and both upgrade
        self.write_repo("multilib", fixture("multilib"))
        self.ok("-y", "install", "multi-1.0.x86_64")
        self.ok("-y", "install", "multi-1.0.i686")
        self.assertEqual(self.rpm_qa(), ["multi-0:1.0-1.i686", "multi-0:1.0-1.x86_64"])
        self.ok("-y", "upgrade")
        self.assertEqual(self.rpm_qa(), ["multi-0:2.0-1.i686", "multi-0:2.0-1.x86_64"])

    def test_dnf_tsflags_mpm_does_not_do_are_refused(self):
        # tsflags=test is dnf's dry run: ignored, it installed for real
        r = self.fails(2, "-y", "--setopt=tsflags=test", "install", "unicode-pkg")
        self.assertIn("--assumeno shows the plan and changes nothing", r.err)
        self.fails(2, "-y", "--setopt=tsflags=justdb", "install", "unicode-pkg")
        self.assertEqual(self.rpm_qa(), [])
        self.ok("-y", "--setopt=tsflags=nodocs,nocontexts", "install", "unicode-pkg")

    def test_a_tight_umask_leaves_the_root_readable(self):
        # what mpm creates itself (directories no package lists, its database) was 0700/0600
        # under umask 077; rpm makes them 0755
        import stat
        proc = subprocess.run([MPM, "--installroot", self.root, "-y", "install", "hello-1.0"],
                              capture_output=True, text=True, preexec_fn=lambda: os.umask(0o077))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for path in ("usr", "usr/bin", "var/lib/mpm/mpm.sqlite"):
            mode = stat.S_IMODE(os.stat(os.path.join(self.root, path)).st_mode)
            self.assertEqual(mode & 0o055, 0o044 if path.endswith("sqlite") else 0o055, (path, oct(mode)))

    def test_repolist_glob_matching_nothing(self):
        r = self.ok("repolist", "nosuch")
        self.assertEqual((r.out, r.err), ("", "Warning: no enabled repository matches nosuch (mpm repolist all lists them)\n"))

    def test_reinstall_does_not_replace_itself_in_the_table(self):
        self.ok("-y", "install", "bash-lite")
        r = self.ok("-y", "reinstall", "bash-lite")
        self.assertIn("Reinstalling:\n bash-lite", r.out)
        self.assertNotIn("replacing", r.out)

    def test_upgrade_to_a_named_version(self):
        self.write_repo("updates", fixture("updates"))
        self.ok("-y", "install", "hello-1.0")
        r = self.ok("-y", "upgrade", "hello-2.0")
        self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa())
        r = self.ok("-y", "upgrade", "hello-1.0")
        self.assertIn("hello-1.0 is not newer than the installed hello-2.0-1.noarch: nothing to upgrade", r.err)
        self.assertIn("Nothing to do.", r.out)
        # a version no repository has: said of the installed package (it said none was installed)
        r = self.fails(1, "-y", "upgrade", "hello-9.0")
        self.assertIn("no version of hello matches 'hello-9.0' (installed: hello-2.0-1.noarch", r.err)
        self.assertIn("no installed package matches 'nosuch-1.0'", self.fails(1, "-y", "upgrade", "nosuch-1.0").err)
        self.assertIn("no upgrade for libgreet in the enabled repositories",
                      self.fails(1, "list", "updates", "libgreet").err)


class NameGlobs(MpmTestCase):
    def test_a_glob_installs_the_best_of_every_name(self):
        self.write_repo("base", fixture("base"))
        r = self.ok("-y", "install", "*libgreet*")
        self.assertEqual(self.rpm_qa(), ["libgreet-0:2.0-1.x86_64"])
        self.ok("-y", "install", "greet-*")
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64", "greet-config-2:1.0-1.noarch",
                                         "greet-extras-0:1.0-1.noarch", "hello-0:2.0-1.noarch",
                                         "libgreet-0:2.0-1.x86_64"])


class SameAsDnf(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")

    def test_glob_install_matches_dnf(self):
        self.write_repo("base", fixture("base"))
        for spec in ("*libgreet*", "*greet*", "lib*"):
            with self.subTest(spec=spec):
                for f in ("usr/lib/sysimage/rpm", "var/lib/mpm", "var/lib/dnf"):
                    subprocess.run(["rm", "-rf", os.path.join(self.root, f)])
                ref = self.dnf("-y", "install", spec)
                self.assertEqual(ref.rc, 0, ref)
                expected = self.rpm_qa()
                subprocess.run(["rm", "-rf", os.path.join(self.root, "usr/lib/sysimage/rpm")])
                self.ok("-y", "install", spec)
                self.assertEqual(self.rpm_qa(), expected)

    def test_scope_words_match_dnf(self):
        self.write_repo("base", fixture("base"))
        self.write_repo("off", fixture("extra"), enabled="0")
        self.ok("-y", "install", "hello-1.0")
        # name.arch and version of each package row (dnf's headings and repo columns aside).
        rows = lambda text: sorted(tuple(l.split()[:2]) for l in text.splitlines() if len(l.split()) == 3)
        for args in (["list", "installed"], ["list", "available"], ["list", "updates"], ["list", "all"],
                     ["list", "installed", "hello"], ["list", "extras"]):
            with self.subTest(args=args):
                ref = self.dnf(*args)
                mine = self.mpm(*args)
                self.assertEqual(mine.rc, ref.rc, (ref, mine))
                self.assertEqual(rows(mine.out), rows(ref.out))
                if args[1] != "extras":
                    self.assertTrue(rows(mine.out), mine)
        status = lambda text: sorted((l.split()[0], l.split()[-1]) for l in text.splitlines()[1:] if l.strip())
        ref = self.dnf("repolist", "all")
        self.assertEqual(status(self.ok("repolist", "all").out), status(ref.out))
        self.assertEqual(status(self.ok("repolist", "all").out), [("base", "enabled"), ("off", "disabled")])

    def test_exit_codes_of_nothing_to_do_match_dnf(self):
        """What scripts under `set -e` meet: the same exit status as dnf's."""
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "hello")  # hello-2.0, the newest; bash-lite at its only version
        for args in (["remove", "unicode-pkg"], ["downgrade", "bash-lite"], ["install", "hello"],
                     ["upgrade", "hello"], ["upgrade", "unicode-pkg"], ["upgrade", "nosuch"],
                     ["install", "nosuch"], ["reinstall", "unicode-pkg"]):
            with self.subTest(args=args):
                before = self.rpm_qa()
                ref = self.dnf("-y", *args)
                mine = self.mpm("-y", *args)
                self.assertEqual(mine.rc, ref.rc, (ref, mine))
                self.assertEqual(self.rpm_qa(), before)


class NotRoot(MpmTestCase):
    """A user who is not root can query a root that root filled, and is told in one sentence
    why changing it needs root."""

    NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    def setUp(self):
        super().setUp()
        skip_class_unless(os.geteuid() == 0, "needs root to become another user")
        probe = subprocess.run(self.NOBODY + [harness.MPM, "--version"], capture_output=True)
        skip_class_unless(probe.returncode == 0, "the mpm binary is not reachable by nobody")
        os.chmod(self.tmp, 0o755)
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "hello")

    def as_nobody(self, *args):
        proc = subprocess.run(self.NOBODY + [harness.MPM, "--installroot", self.root] + list(args),
                              capture_output=True, text=True, timeout=120)
        return harness.Result(proc)

    def test_queries_work_and_changes_say_why_not(self):
        before = self.tree(self.root)
        r = self.as_nobody("list", "installed")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("hello.noarch", r.out)
        self.assertEqual(self.as_nobody("history").rc, 0)
        self.assertEqual(self.as_nobody("-C", "list", "available").rc, 0)
        for args in (["-y", "install", "unicode-pkg"], ["-y", "remove", "hello"], ["--refresh", "list", "hello"],
                     ["clean", "all"]):
            with self.subTest(args=args):
                r = self.as_nobody(*args)
                self.assertEqual(r.rc, 1, r)
                self.assertEqual(len(r.err.splitlines()), 1, r)
                self.assertRegex(r.err, r"needs root: uid 65534 may not write .* \(run mpm as root")
        self.assertEqual(self.tree(self.root), before)


class CheckSameAsDnf(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        skip_class_unless(DNF, "Debian's dnf is not installed")

    def test_check_matches_dnf(self):
        self.write_repo("base", fixture("base"))
        self.ok("-y", "install", "hello", "greet-extras")
        self.assertEqual(self.rpm("-e", "--nodeps", "libgreet", "bash-lite").rc, 0)
        ref = self.dnf("check")
        mine = self.mpm("check")
        self.assertEqual((mine.rc, ref.rc), (1, 1), (mine, ref))
        self.assertEqual(mine.out.splitlines(), sorted(ref.out.splitlines()))


class ThePlan(MpmTestCase):
    """Every package and every stream change is shown before the prompt; what changed after."""

    def setUp(self):
        super().setUp()
        self.write_platform()
        self.write_repo("modular", fixture("modular"))

    def test_module_profile_plan(self):
        r = self.mpm("--assumeno", "module", "install", "nodejs:20/development")
        self.assertEqual(r.rc, 1, r)
        plan = r.out
        self.assertIn("Installing module packages:\n nodejs", plan)
        self.assertIn(" npm", plan)
        # Stream changes come before the summary, in the plan.
        self.assertLess(plan.index("Enabling module streams:"), plan.index("Transaction Summary"))
        self.assertLess(plan.index("Installing module profiles:"), plan.index("Transaction Summary"))

    def test_installed_list_after_the_transaction(self):
        r = self.ok("-y", "install", "tool")
        self.assertIn("Installed:\n  tool-0.5-1.noarch\n", r.out)
        self.assertTrue(r.out.endswith("Complete!\n"), r)
        r = self.ok("-y", "remove", "tool")
        self.assertIn("Removed:\n  tool-0.5-1.noarch\n", r.out)


if __name__ == "__main__":
    unittest.main()


class MoreDnfCommands(MpmTestCase):
    """check, mark, swap, repoquery's reason options and tags, --comment, -d/-e, --color."""

    def setUp(self):
        super().setUp()
        self.write_repo("base", fixture("base"))

    def break_hello(self):
        self.ok("-y", "install", "hello")
        r = self.rpm("-e", "--nodeps", "libgreet")
        self.assertEqual(r.rc, 0, r)

    def test_check_names_what_is_missing(self):
        self.ok("-y", "install", "hello")
        self.assertEqual(self.ok("check").out, "")
        self.break_hello()
        r = self.mpm("check")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.out, "hello-2.0-1.noarch has missing requires of libgreet >= 2.0\n")
        self.assertIn("the installed system has 1 problem", r.err)
        problems = self.mpm("--json", "check").json()
        self.assertEqual([(p["kind"], p["nevra"], p["detail"]) for p in problems],
                         [("dependency", "hello-0:2.0-1.noarch", "libgreet >= 2.0")])
        self.assertEqual(self.ok("repoquery", "--unsatisfied", "--qf", "%{name}").out, "hello\n")

    def test_check_finds_duplicates(self):
        self.ok("-y", "install", "libgreet-1.0")
        repo = fixture("base")
        import glob
        newer = glob.glob(os.path.join(repo, "libgreet-2.0-*.rpm"))[0]
        self.assertEqual(self.rpm("-i", "--force", "--nodeps", "--replacefiles", newer).rc, 0)
        r = self.mpm("check", "--duplicates")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.out, "libgreet-1.0-1.x86_64 is a duplicate with libgreet-2.0-1.x86_64\n")

    def test_mark_changes_what_autoremove_takes(self):
        self.ok("-y", "install", "hello")
        self.assertEqual(self.ok("repoquery", "--userinstalled", "--qf", "%{name}").out, "hello\n")
        self.assertEqual(self.ok("mark", "install", "libgreet").out, "libgreet-2.0-1.x86_64 marked as installed by the user.\n")
        self.assertEqual(self.ok("repoquery", "--installed", "--qf", "%{name} %{reason}", "libgreet").out,
                         "libgreet user\n")
        self.ok("mark", "remove", "hello", "libgreet")
        self.assertEqual(self.ok("repoquery", "--userinstalled").out, "")
        self.ok("-y", "autoremove")
        self.assertEqual(self.rpm_qa(), [])
        self.assertIn("no installed package matches 'nosuch'", self.fails(1, "mark", "install", "nosuch").err)
        # a group's: autoremove keeps it
        self.ok("-y", "install", "hello")
        self.ok("mark", "remove", "hello")
        self.assertEqual(self.ok("mark", "group", "hello").out, "hello-2.0-1.noarch marked as installed by a group.\n")
        self.assertEqual(self.ok("repoquery", "--installed", "--qf", "%{name} %{reason}", "hello").out,
                         "hello group\n")
        self.ok("-y", "autoremove")
        self.assertIn("hello", " ".join(self.rpm_qa()))

    def test_repoquery_tags_of_installed_packages(self):
        self.ok("-y", "install", "hello")
        r = self.ok("repoquery", "--installed", "--qf", "%{name} %{from_repo} %{reason} %{installtime}")
        lines = sorted(r.out.splitlines())
        self.assertEqual([l.rsplit(" ", 1)[0] for l in lines],
                         ["bash-lite base dependency", "hello base user", "libgreet base dependency"])
        self.assertTrue(all(int(l.rsplit(" ", 1)[1]) > 1_600_000_000 for l in lines), lines)
        self.assertEqual(self.ok("repoquery", "--available", "--qf", "[%{from_repo}%{reason}]", "hello").out,
                         "[(none)]\n")

    def test_swap(self):
        self.ok("-y", "install", "old-greeter")
        r = self.ok("-y", "swap", "old-greeter", "unicode-pkg")
        self.assertEqual(self.rpm_qa(), ["unicode-pkg-0:1.0-1.noarch"])
        self.assertIn("Removed:\n  old-greeter-0.9-1.noarch", r.out)
        self.assertIn("takes two packages", self.fails(2, "swap", "unicode-pkg").err)

    def test_comment_debuglevel_errorlevel(self):
        self.ok("-y", "--comment", "ticket 42", "install", "unicode-pkg")
        self.assertIn("Comment         : ticket 42", self.ok("history", "info", "last").out)
        self.assertEqual(self.ok("--json", "history", "info", "last").json()["comment"], "ticket 42")
        r = self.ok("-d", "0", "-e", "1", "-y", "install", "bash-lite")
        self.assertEqual(r.out, "")
        verbose = self.ok("-v", "--noplugins", "repolist").err
        self.assertNotEqual(verbose, "")
        self.assertEqual(self.ok("-d", "10", "--noplugins", "repolist").err, verbose)
        self.assertEqual(self.ok("-d", "2", "--noplugins", "repolist").err, "")
        self.assertIn("11 is not in range 0 to 10", self.fails(2, "-d", "11", "list").err)

    def test_makecache_timer(self):
        self.assertEqual(self.ok("makecache", "--timer").out, "Metadata cache created.\n")

    def test_colour(self):
        r = self.mpm("--color=always", "install", "nosuch")
        self.assertTrue(r.err.startswith("\x1b[1;31mError:\x1b[0m no package matches"), r)
        for args, env in ((["--color=never"], {}), ([], {}), (["--color=auto"], {"NO_COLOR": "1"})):
            self.assertTrue(self.mpm(*args, "install", "nosuch", env=env).err.startswith("Error: "))
        self.assertIn("--color takes always, never or auto", self.fails(2, "--color=sometimes", "list").err)


class TerminalWidth(MpmTestCase):
    """On a terminal, tables fit its width; into a pipe, every cell is whole."""

    def run_on_terminal(self, columns, *args):
        import fcntl
        import pty
        import struct
        import termios
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        env = dict(os.environ)
        env.pop("COLUMNS", None)
        proc = subprocess.Popen([harness.MPM, "--installroot", self.root] + list(args), stdout=slave,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=60)
        proc.stderr.close()
        os.close(master)
        return b"".join(chunks).decode().replace("\r\n", "\n")

    def test_history_fits_80_columns(self):
        self.write_repo("base", fixture("base"))
        long_comment = ["--setopt=base.name=" + "x" * 150]
        self.ok(*long_comment, "-y", "install", "unicode-pkg")
        text = self.run_on_terminal(80, "history")
        self.assertTrue(all(len(l) <= 80 for l in text.splitlines()), text)
        self.assertIn("...", text)
        self.assertIn("Install", text)  # the columns after the command line are whole
        whole = self.ok("history").out
        self.assertIn("x" * 150, whole)


class Completion(MpmTestCase):
    """bash completion: the script asks mpm __complete, which reads only the cache (-C)."""

    SCRIPT = os.path.join(harness.HERE, "..", "..", "completion", "mpm.bash")

    def setUp(self):
        super().setUp()
        self.write_platform()
        self.write_repo("base", fixture("base"))
        self.write_repo("modular", fixture("modular"))
        self.write_repo("off", fixture("extra"), enabled="0")

    def complete(self, *words, root_option=None):
        """COMPREPLY for a command line whose last word is being completed, through bash with
        readline's usual word breaks (so "nodejs:2" completes after its colon)."""
        root = root_option or ["--installroot", self.root]
        line = " ".join(["mpm"] + root + list(words))
        script = (f"source {self.SCRIPT}\nPATH={os.path.dirname(os.path.abspath(harness.MPM))}:$PATH\n"
                  "COMP_WORDBREAKS=$' \\t\\n\"><=;|&(:'\n"
                  f"COMP_LINE={shlex.quote(line)}; COMP_POINT=${{#COMP_LINE}}; _mpm; "
                  "printf '%s\\n' \"${COMPREPLY[@]}\"")
        r = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        return [l for l in r.stdout.splitlines() if l]

    def test_commands_options_and_arguments(self):
        # No cache yet: commands and options complete, packages do not (nothing is downloaded).
        self.assertEqual(self.complete("in"), ["info", "install"])
        self.assertEqual(self.complete("install", "he"), [])
        import glob
        self.assertEqual(glob.glob(os.path.join(self.root, "var/cache/mpm/base-*/gen-*")), [])
        self.ok("makecache")
        self.assertNotEqual(glob.glob(os.path.join(self.root, "var/cache/mpm/base-*/gen-*")), [])
        self.assertEqual(self.complete("install", "he"), ["hello"])
        self.assertEqual(self.complete("--instal"), ["--installroot"])
        self.assertIn("--allowerasing", self.complete("install", "--allow"))
        self.assertEqual(self.complete("list", "inst"), ["installed"])
        self.assertEqual(self.complete("--enablerepo", ""), ["base", "modular", "off"])
        self.assertEqual(self.complete("repolist", "d"), ["disabled"])
        self.assertEqual(self.complete("module", "sw"), ["switch-to"])
        # After readline's break at ':' only the rest of the word is offered.
        self.assertEqual(self.complete("module", "install", "nodejs:2"),
                         ["20", "20/common", "20/development"])
        self.assertIn("@nodejs:18/common", self.complete("install", "@node"))
        self.assertEqual(self.complete("install", "hel", root_option=["--installroot=" + self.root]),
                         ["hello"])
        self.assertEqual(self.complete("--color=al"), ["always"])
        self.assertEqual(self.complete("-d", ""), [])  # a number, not a file name
        self.assertIn("unicode-pkg", self.complete("swap", "hello", "u"))
        self.ok("-y", "install", "hello")
        self.assertEqual(self.complete("remove", ""), ["bash-lite", "hello", "libgreet"])
        self.assertEqual(self.complete("history", "info", ""), ["1", "last"])
        self.assertEqual(self.complete("--color", ""), ["always", "auto", "never"])

    def test_the_hidden_command_is_hidden(self):
        self.assertNotIn("__complete", self.mpm().err)
        self.assertNotIn("__complete", self.mpm("--help").out)
        self.assertEqual(self.complete("__comp"), [])
