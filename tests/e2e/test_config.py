"""Configuration: mpm.conf, .repo files, variables, --setopt, repo selection."""
import os
import subprocess
import unittest
from pathlib import Path

import harness
from harness import MpmTestCase, fixture


class RepoFiles(MpmTestCase):
    def test_repolist_lists_enabled_repos_and_all(self):
        self.write_repo("base", fixture("base"))
        self.write_repo("off", fixture("extra"), enabled="0")
        r = self.ok("repolist")
        self.assertIn("base", r.out)
        self.assertNotIn("off", r.out)
        r = self.ok("repolist", "--all")
        self.assertRegex(r.out, r"off\s+Repo off\s+disabled")
        r = self.ok("repolist", "--disabled", "--json")
        self.assertEqual([x["id"] for x in r.json()], ["off"])
        self.assertFalse(r.json()[0]["enabled"])

    def test_missing_reposdir_is_empty(self):
        os.rmdir(os.path.join(self.root, "etc", "yum.repos.d"))
        r = self.ok("repolist", "--json")
        self.assertEqual(r.json(), [])

    def test_repo_files_in_both_default_dirs(self):
        self.write_repo("base", fixture("base"))
        d = os.path.join(self.root, "etc", "mpm", "repos.d")
        os.makedirs(d)
        with open(os.path.join(d, "x.repo"), "w") as f:
            f.write(f"[x]\nbaseurl=file://{fixture('extra')}\n")
        ids = [x["id"] for x in self.ok("repolist", "--json").json()]
        self.assertEqual(ids, ["base", "x"])

    # A broken repository file costs what it concerns, with a warning naming the file and line
    # (as dnf skips it): one vendor's file stopped every command, updates from the other
    # repositories included.
    def ids(self, r):
        return [x["id"] for x in r.json()]

    def test_syntax_error_names_file_and_line_and_skips_the_file(self):
        path = self.write_repo("broken", fixture("extra"))
        self.write_repo("base", fixture("base"))
        with open(path, "a") as f:
            f.write("this line is garbage\n")
        r = self.ok("repolist", "--json")
        self.assertIn(f"{path}:6: 'this line is garbage' is neither a [section] nor key=value; "
                      "the file is skipped", r.err)
        self.assertEqual(self.ids(r), ["base"])
        self.ok("-y", "install", "hello")

    def test_bad_value_names_file_line_and_key_and_keeps_the_default(self):
        # (as dnf: the option is ignored, the repository stays)
        path = self.write_repo("maybe", fixture("extra"), enabled="maybe")
        self.write_repo("base", fixture("base"))
        r = self.ok("repolist", "--json")
        self.assertIn(f"{path}:", r.err)
        self.assertIn("enabled: 'maybe' is not a boolean (use 1/0, yes/no, true/false); the option is ignored", r.err)
        self.assertEqual(self.ids(r), ["base", "maybe"])

    def test_a_platform_id_not_of_the_form_name_stream_is_a_usage_error(self):
        # (it failed later, with exit 1, as if the system were at fault)
        r = self.fails(2, "--setopt=module_platform_id=el8", "repolist")
        self.assertIn("--setopt module_platform_id: 'el8' is not of the form NAME:STREAM (e.g. platform:el8)", r.err)
        self.write_conf("[main]\nmodule_platform_id=platform:\n")
        r = self.fails(1, "repolist")
        self.assertIn("mpm.conf:2: module_platform_id: 'platform:' is not of the form NAME:STREAM", r.err)

    def test_repo_without_url_is_skipped_unless_setopt_gives_one(self):
        self.write_repo("nourl")
        self.write_repo("base", fixture("base"))
        r = self.ok("repolist", "--json")
        self.assertIn("repository 'nourl' has none of baseurl, mirrorlist or metalink", r.err)
        self.assertEqual(self.ids(r), ["base"])
        r = self.ok(f"--setopt=nourl.baseurl=file://{fixture('extra')}", "repolist", "--json")
        self.assertEqual((self.ids(r), r.err), (["base", "nourl"], ""))

    def test_duplicate_repo_id_keeps_the_first_in_path_order(self):
        a = self.write_repo("base", fixture("base"), filename="a")
        b = self.write_repo("base", fixture("extra"), filename="b")
        r = self.ok("repolist", "--json")
        self.assertIn(f"{b}:1: repository 'base' is already defined in {a} (that one is used); "
                      "[base] is skipped", r.err)
        self.assertEqual([x["baseurl"] for x in r.json()], [[f"file://{fixture('base')}"]])
        # across directories too, as dnf sorts every reposdir's files by path: distro.repos.d
        # before yum.repos.d
        os.makedirs(os.path.join(self.root, "etc/distro.repos.d"))
        Path(self.root, "etc/distro.repos.d/z.repo").write_text(f"[base]\nbaseurl=file://{fixture('extra')}\n")
        r = self.ok("repolist", "--json")
        self.assertEqual([x["baseurl"] for x in r.json()], [[f"file://{fixture('extra')}"]])

    def test_a_bare_path_is_a_local_directory_as_in_dnf(self):
        with open(os.path.join(self.root, "etc/yum.repos.d/p.repo"), "w") as f:
            f.write(f"[p]\nbaseurl={fixture('base')}\ngpgcheck=0\n")
        self.assertEqual(self.ok("repolist", "--json").json()[0]["baseurl"], [f"file://{fixture('base')}"])
        self.assertIn("hello.noarch", self.ok("list", "hello").out)

    def test_unknown_repo_key_warns_but_loads(self):
        self.write_repo("base", fixture("base"), frobnicate="1")
        r = self.ok("repolist")
        self.assertIn("unknown option 'frobnicate'", r.err)
        self.assertIn("base", r.out)


class Options(MpmTestCase):
    def test_unknown_setopt_key_is_a_usage_error(self):
        r = self.fails(2, "--setopt", "nosuchkey=1", "repolist")
        self.assertIn("unknown option 'nosuchkey'", r.err)

    def test_unknown_repo_setopt_key_is_a_usage_error(self):
        self.write_repo("base", fixture("base"))
        r = self.fails(2, "--setopt=base.nosuchkey=1", "repolist")
        self.assertIn("nosuchkey", r.err)

    def test_bad_setopt_value_is_a_usage_error(self):
        r = self.fails(2, "--setopt=max_parallel_downloads=lots", "repolist")
        self.assertIn("max_parallel_downloads", r.err)

    def test_setopt_without_equals_is_a_usage_error(self):
        self.fails(2, "--setopt", "keepcache", "repolist")

    def test_setopt_repo_glob_both_forms(self):
        self.write_repo("base", fixture("base"))
        self.write_repo("extra", fixture("extra"))
        r = self.ok("--setopt=*.enabled=0", "--setopt", "extra.enabled=1", "repolist", "--json")
        self.assertEqual([x["id"] for x in r.json()], ["extra"])
        r = self.ok("--setopt", "base.priority=7", "repolist", "--json")
        self.assertEqual({x["id"]: x["priority"] for x in r.json()}, {"base": 7, "extra": 99})

    def test_mpm_conf_main_options_and_unknown_key_warning(self):
        self.write_conf("[main]\ngpgcheck=0\nfancy_option=1\n")
        with open(os.path.join(self.root, "etc/yum.repos.d/b.repo"), "w") as f:
            f.write(f"[b]\nbaseurl=file://{fixture('base')}\n")
        r = self.ok("repolist", "--json")
        self.assertFalse(r.json()[0]["gpgcheck"])  # inherited from [main]
        self.assertIn("unknown option 'fancy_option'", r.err)

    def test_broken_mpm_conf(self):
        path = self.write_conf("[main\n")
        r = self.fails(1, "repolist")
        self.assertIn(f"{path}:1:", r.err)

    def test_explicit_config_must_exist(self):
        r = self.fails(1, "--config", "/nonexistent/mpm.conf", "repolist")
        self.assertIn("/nonexistent/mpm.conf", r.err)

    def test_releasever_and_basearch_substitution(self):
        link = os.path.join(self.tmp, "42-x86_64")
        os.symlink(fixture("base"), link)
        with open(os.path.join(self.root, "etc/yum.repos.d/v.repo"), "w") as f:
            f.write(f"[v]\nname=Release $releasever\nbaseurl=file://{self.tmp}/${{releasever}}-$basearch\ngpgcheck=0\n")
        r = self.ok("--releasever", "42", "repolist", "--json")
        self.assertEqual(r.json()[0]["name"], "Release 42")
        self.assertEqual(r.json()[0]["baseurl"], [f"file://{self.tmp}/42-x86_64"])
        self.ok("--releasever", "42", "list", "hello")

    def test_releasever_from_installroot_os_release(self):
        with open(os.path.join(self.root, "etc/os-release"), "w") as f:
            f.write('NAME="Test"\nVERSION_ID="9"\n')
        with open(os.path.join(self.root, "etc/yum.repos.d/v.repo"), "w") as f:
            f.write("[v]\nname=R$releasever\nbaseurl=file:///x\n")
        self.assertEqual(self.ok("repolist", "--json").json()[0]["name"], "R9")

    def test_releasever_from_the_installed_release_package_as_dnf(self):
        """dnf's $releasever is what the installed release package provides, not os-release's
        VERSION_ID: RHEL 9.3 follows "9" (9.3 would pin the root to a minor release that
        stops getting updates); Amazon Linux pins its exact release."""
        from repos import pkg
        releases = harness.build({"packages": [
            pkg("redhat-release", "9.3", provides=["system-release(releasever) = 9", "system-release = 9.3"]),
            pkg("amzn-release", "2023.6.20241010", provides=["system-release(releasever) = 2023.6.20241010"],
                conflicts=["redhat-release"]),
            pkg("plain-release", "7.1", provides=["system-release"], conflicts=["redhat-release", "amzn-release"])]})
        with open(os.path.join(self.root, "etc/os-release"), "w") as f:
            f.write('NAME="Test"\nVERSION_ID="9.3"\n')
        with open(os.path.join(self.root, "etc/yum.repos.d/v.repo"), "w") as f:
            f.write(f"[v]\nname=R$releasever\nbaseurl=file://{releases}\ngpgcheck=0\n")
        name = lambda *args: self.ok(*args, "repolist", "--json").json()[0]["name"]

        def dnfs():  # dnf 4's own detection on the root
            code = ("import rpm, sys, dnf.rpm; rpm.addMacro('_dbpath', '/usr/lib/sysimage/rpm'); "
                    "print(dnf.rpm.detect_releasever(sys.argv[1]))")
            return "R" + subprocess.run(["/usr/bin/python3", "-c", code, self.root], capture_output=True, text=True,
                                        check=True).stdout.strip()
        self.assertEqual(name(), "R9.3", "nothing installed says: os-release")
        self.ok("-y", "install", "redhat-release")
        self.assertEqual(name(), "R9")
        self.assertEqual(name(), dnfs())
        self.assertEqual(name("--releasever", "9.2"), "R9.2", "the command line first")
        self.ok("-y", "--allowerasing", "install", "amzn-release")
        self.assertEqual(name(), "R2023.6.20241010")
        self.assertEqual(name(), dnfs())
        self.ok("-y", "--allowerasing", "install", "plain-release")
        self.assertEqual(name(), "R7.1", "a provide without a version: the package's")
        self.assertEqual(name(), dnfs())
        # repository files that never name $releasever: the RPM database is not read for it
        import glob
        for f in glob.glob(os.path.join(self.root, "var/cache/mpm/system-*.releasever")):
            os.remove(f)
        with open(os.path.join(self.root, "etc/yum.repos.d/v.repo"), "w") as f:
            f.write(f"[v]\nname=R\nbaseurl=file://{releases}\ngpgcheck=0\n")
        self.ok("list", "--installed")
        self.assertEqual(glob.glob(os.path.join(self.root, "var/cache/mpm/system-*.releasever")), [])

    def test_the_roots_own_files_are_read_through_its_links(self):
        """An absolute link in the root points inside the root, as in a chroot: the host's
        os-release (Debian 12 here) or repository files are never read in its place."""
        os.makedirs(os.path.join(self.root, "usr/lib"))
        with open(os.path.join(self.root, "usr/lib/os-release"), "w") as f:
            f.write('NAME="Test"\nVERSION_ID="9"\nPLATFORM_ID="platform:el9"\n')
        with open(os.path.join(self.root, "etc/yum.repos.d/v.repo"), "w") as f:
            f.write("[v]\nname=R$releasever\nbaseurl=file:///x\n")
        # only /usr/lib/os-release: read, as systemd reads it
        self.assertEqual(self.ok("repolist", "--json").json()[0]["name"], "R9")
        os.symlink("/usr/lib/os-release", os.path.join(self.root, "etc/os-release"))
        self.assertEqual(self.ok("repolist", "--json").json()[0]["name"], "R9")
        # a reposdir that is an absolute link inside the root
        os.rename(os.path.join(self.root, "etc/yum.repos.d"), os.path.join(self.root, "usr/lib/repos"))
        os.symlink("/usr/lib/repos", os.path.join(self.root, "etc/yum.repos.d"))
        self.assertEqual(self.ok("repolist", "--json").json()[0]["name"], "R9")
        # a repository file that is an absolute link: the root's file, never the host's
        host = os.path.join(self.tmp, "host.repo")
        with open(host, "w") as f:
            f.write("[hostonly]\nbaseurl=file:///x\n")
        os.symlink(host, os.path.join(self.root, "usr/lib/repos/h.repo"))
        self.assertEqual([r["id"] for r in self.ok("repolist", "--json").json()], ["v"])
        # a loop of links names nothing (a chroot's ELOOP), never the host's os-release
        os.remove(os.path.join(self.root, "etc/os-release"))
        os.remove(os.path.join(self.root, "usr/lib/os-release"))
        os.symlink("/etc/loop2", os.path.join(self.root, "etc/os-release"))
        os.symlink("/etc/os-release", os.path.join(self.root, "etc/loop2"))
        self.assertEqual(self.ok("repolist", "--json").json()[0]["name"], "R$releasever")

    def test_unknown_releasever_is_explained(self):
        with open(os.path.join(self.root, "etc/yum.repos.d/v.repo"), "w") as f:
            f.write("[v]\nbaseurl=file:///srv/$releasever\ngpgcheck=0\n")
        r = self.fails(1, "list")
        self.assertIn("--releasever", r.err)

    def test_custom_variable_files(self):
        os.makedirs(os.path.join(self.root, "etc/dnf/vars"))
        with open(os.path.join(self.root, "etc/dnf/vars/flavour"), "w") as f:
            f.write("spicy\n")
        with open(os.path.join(self.root, "etc/yum.repos.d/v.repo"), "w") as f:
            f.write("[v]\nname=$flavour\nbaseurl=file:///x\n")
        self.assertEqual(self.ok("repolist", "--json").json()[0]["name"], "spicy")

    def test_dnf_var_environment_and_a_pinned_releasever(self):
        # DNF_VAR_name as dnf reads it (the vars files over it); a releasever file in the vars
        # directory pins a minor release over os-release's VERSION_ID (it was overridden)
        os.makedirs(os.path.join(self.root, "etc/dnf/vars"))
        with open(os.path.join(self.root, "etc/dnf/vars/releasever"), "w") as f:
            f.write("8.6\n")
        with open(os.path.join(self.root, "etc/os-release"), "w") as f:
            f.write('VERSION_ID="8.9"\n')
        with open(os.path.join(self.root, "etc/yum.repos.d/v.repo"), "w") as f:
            f.write("[v]\nname=$flavour $releasever\nbaseurl=file:///x\n")
        r = self.ok("repolist", "--json", env={"DNF_VAR_flavour": "mild"})
        self.assertEqual(r.json()[0]["name"], "mild 8.6")
        self.assertEqual(self.ok("--releasever", "8.8", "repolist", "--json").json()[0]["name"], "$flavour 8.8")

    def test_proxy_none_means_no_proxy(self):
        server = self.serve(fixture("base"))
        self.write_conf("[main]\nproxy=http://127.0.0.1:9\n")
        self.write_repo("base", server.url, proxy="_none_")
        self.ok("list", "available", "hello")

    def test_repo_selection_order_and_globs(self):
        self.write_repo("base", fixture("base"))
        self.write_repo("extra", fixture("extra"), enabled="0")
        ids = lambda r: [x["id"] for x in r.json()]
        self.assertEqual(ids(self.ok("--disablerepo=*", "--enablerepo=ext*", "repolist", "--json")), ["extra"])
        # dnf applies the toggles in command-line order: the last word wins.
        self.assertEqual(ids(self.ok("--enablerepo=ext*", "--disablerepo=*", "repolist", "--json")), [])
        self.assertEqual(ids(self.ok("--repo", "extra", "repolist", "--json")), ["extra"])
        r = self.fails(2, "--repo", "nosuch", "repolist")
        self.assertIn("nosuch", r.err)
        self.fails(2, "--enablerepo", "nosuch", "repolist")

    def test_repofrompath_adds_a_repo(self):
        r = self.ok("--repofrompath", f"local,{fixture('extra')}", "--repo", "local", "list", "--json")
        self.assertEqual(sorted({p["name"] for p in r.json()}), ["extra-tool", "hello"])
        self.fails(2, "--repofrompath", "nocomma", "repolist")

    def test_use_host_config_ignores_installroot_repos(self):
        self.write_repo("inroot", fixture("base"))
        host = os.path.join(self.tmp, "host.conf")
        hostrepos = os.path.join(self.tmp, "hostrepos")
        os.makedirs(hostrepos)
        with open(os.path.join(hostrepos, "h.repo"), "w") as f:
            f.write(f"[hostrepo]\nbaseurl=file://{fixture('extra')}\n")
        with open(host, "w") as f:
            f.write(f"[main]\nreposdir={hostrepos}\n")
        r = self.ok("--use-host-config", "--config", host, "repolist", "--json")
        self.assertEqual([x["id"] for x in r.json()], ["hostrepo"])
        # A file named with --config is a host file, and so are the paths in it (dnf's rule for
        # command-line paths; the root's own etc/mpm/mpm.conf names paths inside the root).
        r = self.ok("--config", host, "repolist", "--json")
        self.assertEqual([x["id"] for x in r.json()], ["hostrepo"])

    def test_usage_errors_exit_2(self):
        self.assertEqual(self.mpm("nosuchcommand").rc, 2)
        self.assertEqual(self.mpm().rc, 2)
        self.assertEqual(self.mpm("-y", "--assumeno", "repolist").rc, 2)

    def test_help_exits_0(self):
        r = self.ok("--help", root=False)
        self.assertIn("repoquery", r.out)


if __name__ == "__main__":
    unittest.main()
