"""Metadata download, cache and the failure modes that must leave the cache untouched."""
import glob
import gzip
import os
from pathlib import Path
import shutil
import subprocess
import unittest

from harness import MpmTestCase, build, fixture, replace_repomd_entry


def write_metalink(path, mirrors, digests=()):
    """A metalink document naming repomd.xml on each mirror (base URLs, in preference order),
    with the (type, hex) digests it allows."""
    hashes = "".join(f'<hash type="{t}">{h}</hash>' for t, h in digests)
    urls = "".join(f'<url protocol="http" type="http" preference="{100 - i}">{m}/repodata/repomd.xml</url>\n'
                   for i, m in enumerate(mirrors))
    Path(path).write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<metalink version="3.0" xmlns="http://www.metalinker.org/"><files><file name="repomd.xml">
<verification>{hashes}</verification><resources>
{urls}</resources></file></files></metalink>""")
    return path


def names(result):
    return sorted({p["name"] for p in result.json()})


class Download(MpmTestCase):
    def cache_dir(self):
        return os.path.join(self.root, "var", "cache", "mpm")

    def test_http_and_file_give_the_same_answer(self):
        srv = self.serve(fixture("base"))
        self.write_repo("web", srv.url)
        web = self.ok("repoquery").out
        self.assertIn("hello-0:2.0-1.noarch", web)
        self.assertIn("/repodata/repomd.xml", srv.requests)
        root2 = self.root
        self.root = os.path.join(self.tmp, "root2")
        os.makedirs(os.path.join(self.root, "etc/yum.repos.d"))
        self.write_repo("disk", fixture("base"))
        self.assertEqual(self.ok("repoquery").out, web)
        self.root = root2

    def test_warm_run_downloads_nothing_and_cacheonly_needs_no_server(self):
        srv = self.serve(fixture("base"))
        self.write_repo("web", srv.url)
        first = self.ok("repoquery").out
        n = len(srv.requests)
        self.assertEqual(self.ok("repoquery").out, first)
        self.assertEqual(len(srv.requests), n, "a fresh cache must not be re-checked")
        srv.stop()
        self.servers.remove(srv)
        self.assertEqual(self.ok("-C", "repoquery").out, first)
        # Within metadata_expire no network is needed either.
        self.assertEqual(self.ok("repoquery").out, first)

    def test_unchanged_repomd_downloads_only_repomd(self):
        srv = self.serve(fixture("base"))
        self.write_repo("web", srv.url, metadata_expire="0")
        self.ok("makecache")
        before = len(srv.requests)
        self.ok("makecache")
        self.assertEqual(srv.requests[before:], ["/repodata/repomd.xml"])

    def test_changed_repo_downloads_only_changed_files(self):
        repo = self.copy_repo("base")
        srv = self.serve(repo)
        self.write_repo("web", srv.url)
        self.ok("makecache")
        # Rebuild the repo with one package less: primary and filelists change.
        for rpm in glob.glob(os.path.join(repo, "unicode-pkg-*.rpm")):
            os.remove(rpm)
        subprocess.run(["createrepo_c", "--quiet", "--no-database", "--update", repo], check=True)
        before = len(srv.requests)
        self.assertNotIn("unicode-pkg", self.ok("--refresh", "repoquery").out)
        fetched = srv.requests[before:]
        self.assertEqual(fetched[0], "/repodata/repomd.xml")
        self.assertTrue(any("primary" in f for f in fetched), fetched)
        self.assertEqual(len(glob.glob(os.path.join(self.cache_dir(), "web-*", "gen-*"))), 1,
                         "the old generation is removed once the new one is current")

    def test_metadata_expire_zero_rechecks_every_run(self):
        srv = self.serve(fixture("base"))
        self.write_repo("web", srv.url, metadata_expire="0")
        self.ok("list")
        n = len(srv.requests)
        self.ok("list")
        self.assertGreater(len(srv.requests), n)

    def test_mirror_failover(self):
        srv = self.serve(fixture("base"))
        self.write_repo("web", [srv.url + "/nosuchdir", "http://127.0.0.1:1/", srv.url])
        self.assertIn("hello", names(self.ok("list", "--json")))

    def test_transient_errors_are_retried(self):
        srv = self.serve(fixture("base"))
        srv.fail("/repodata/repomd.xml")  # every attempt fails with 503
        self.write_repo("web", srv.url, retries="2")
        r = self.fails(1, "list")
        self.assertIn("HTTP 503", r.err)
        self.assertEqual(srv.requests.count("/repodata/repomd.xml"), 3, "1 try + 2 retries")

    def test_mirrorlist_and_metalink(self):
        srv = self.serve(fixture("base"))
        ml = os.path.join(self.tmp, "mirrors.txt")
        with open(ml, "w") as f:
            f.write(f"# comment\nhttp://127.0.0.1:1/dead\n{srv.url}/\n")
        with open(os.path.join(self.root, "etc/yum.repos.d/m.repo"), "w") as f:
            f.write(f"[m]\nmirrorlist=file://{ml}\ngpgcheck=0\n")
        self.assertIn("hello", names(self.ok("list", "--json")))
        link = write_metalink(os.path.join(self.tmp, "metalink.xml"), [srv.url])
        with open(os.path.join(self.root, "etc/yum.repos.d/m.repo"), "w") as f:
            f.write(f"[k]\nmetalink=file://{link}\ngpgcheck=0\n")
        r = self.ok("list", "--json")
        self.assertEqual({p["repo"] for p in r.json()}, {"k"})
        # --cacheonly uses the mirrors remembered from the last refresh.
        self.ok("-C", "repoquery", "--location", "hello-2.0")

    def test_metalink_digest_skips_a_stale_mirror(self):
        # The metalink's digest of repomd.xml is what tells a current mirror from a stale (or
        # altered) one: mpm took the first mirror that answered, an older repository
        import hashlib
        stale, current = self.serve(fixture("extra")), self.serve(fixture("base"))
        repomd = Path(fixture("base"), "repodata", "repomd.xml").read_bytes()
        link = os.path.join(self.tmp, "metalink.xml")
        write_link = lambda digests: write_metalink(link, [stale.url, current.url], digests)
        write_link([("md5", hashlib.md5(repomd).hexdigest()), ("sha256", hashlib.sha256(repomd).hexdigest())])
        with open(os.path.join(self.root, "etc/yum.repos.d/m.repo"), "w") as f:
            f.write(f"[k]\nmetalink=file://{link}\ngpgcheck=0\n")
        self.assertIn("bash-lite", names(self.ok("list", "--json")))
        write_link([("sha256", "0" * 64)])
        r = self.fails(1, "--refresh", "list")
        self.assertIn("no mirror serves the repomd.xml the metalink names", r.err)
        self.assertIn(stale.url, r.err)

    def test_a_mirrorlist_serving_a_metalink_and_baseurl_before_the_mirrors(self):
        # mirrorlist= pointing at a metalink (MirrorManager's metalink URL under the older
        # option) is read as a metalink, as librepo reads it; it listed no mirror.
        srv = self.serve(fixture("base"))
        link = write_metalink(os.path.join(self.tmp, "metalink.xml"), [srv.url])
        with open(os.path.join(self.root, "etc/yum.repos.d/m.repo"), "w") as f:
            f.write(f"[m]\nmirrorlist=file://{link}\ngpgcheck=0\n")
        self.assertIn("hello", names(self.ok("list", "--json")))
        # baseurl and a mirrorlist: the baseurl first; when it fails, the list's mirrors (the
        # mirrorlist was ignored), for the metadata and the packages alike.
        dead = "http://127.0.0.1:1/dead/"
        with open(os.path.join(self.root, "etc/yum.repos.d/m.repo"), "w") as f:
            f.write(f"[b]\nbaseurl={dead}\nmirrorlist=file://{link}\ngpgcheck=0\n")
        self.assertIn("hello", names(self.ok("list", "--json")))
        self.ok("-y", "install", "hello")
        self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa())
        # both failing: both said
        os.remove(link)
        r = self.fails(1, "--refresh", "list")
        self.assertRegex(r.err, r"cannot download metadata: .*/dead/repodata/repomd.xml.*; and the mirrorlist: "
                                r"cannot download the mirrorlist: .*; the previous metadata is kept")

    def test_baseurl_and_a_list_are_one_set_of_mirrors(self):
        import hashlib
        import shutil
        good, stale = self.serve(fixture("base")), self.serve(fixture("extra"))
        repomd = Path(fixture("base"), "repodata", "repomd.xml").read_bytes()
        link = write_metalink(os.path.join(self.tmp, "metalink.xml"), [good.url],
                              [("sha256", hashlib.sha256(repomd).hexdigest())])
        # a metalink checks the baseurl's repomd.xml too: a stale baseurl is passed over
        repo = os.path.join(self.root, "etc/yum.repos.d/m.repo")
        Path(repo).write_text(f"[m]\nbaseurl={stale.url}/\nmetalink=file://{link}\ngpgcheck=0\n")
        self.assertIn("bash-lite", names(self.ok("list", "--json")))
        # a baseurl in the middle of a sync (repomd.xml, nothing else): the metadata's files and
        # the packages come from the list's mirror
        partial = os.path.join(self.tmp, "partial")
        os.makedirs(os.path.join(partial, "repodata"))
        shutil.copy(os.path.join(fixture("base"), "repodata", "repomd.xml"), os.path.join(partial, "repodata"))
        mirrors = os.path.join(self.tmp, "mirrors.txt")
        Path(mirrors).write_text(f"{good.url}/\n")
        Path(repo).write_text(f"[p]\nbaseurl={self.serve(partial).url}/\nmirrorlist=file://{mirrors}\ngpgcheck=0\n")
        self.ok("-y", "install", "hello")
        self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa())
        # a dead baseurl: what the cached metadata names first is the mirror that answered
        Path(repo).write_text(f"[d]\nbaseurl=http://127.0.0.1:1/dead/\nmirrorlist=file://{mirrors}\ngpgcheck=0\n")
        for _ in range(2):  # (the refresh, then the cached metadata)
            self.assertEqual(self.ok("repoquery", "--location", "hello-2.0").out.strip(),
                             good.url + "/hello-2.0-1.noarch.rpm")

    def test_packages_kept_at_the_xml_base_the_metadata_names(self):
        # createrepo_c --baseurl: the metadata served in one place, the packages in another
        # (<location xml:base=...>); mpm fetched them from the metadata's mirror, a 404.
        import glob
        import shutil
        import subprocess
        pkgs = os.path.join(self.tmp, "pkgs")
        os.makedirs(pkgs)
        for f in glob.glob(os.path.join(fixture("base"), "*.rpm")):
            shutil.copy(f, pkgs)
        files = self.serve(pkgs)
        meta = os.path.join(self.tmp, "meta")
        os.makedirs(meta)
        subprocess.run(["createrepo_c", "-q", "--baseurl", files.url + "/", "--outputdir", meta, pkgs],
                       check=True, capture_output=True)
        shutil.rmtree(pkgs + "/repodata", ignore_errors=True)
        self.write_repo("split", self.serve(meta).url)
        self.assertEqual(self.ok("repoquery", "--location", "hello-2.0").out.strip(),
                         files.url + "/hello-2.0-1.noarch.rpm")
        # (dnf 4 downloads from there too; its repoquery --location names the metadata's
        # mirror, where the file is not)
        self.ok("-y", "install", "hello")
        self.assertIn("hello-0:2.0-1.noarch", self.rpm_qa())
        self.assertIn("/hello-2.0-1.noarch.rpm", files.requests)

    def test_a_mirror_that_does_not_answer_is_waited_for_once_per_run(self):
        # A mirror that takes connections and never answers cost its timeout for every package
        # (librepo stops trying a failing mirror): now once, then the next mirror for the rest.
        import socket
        import threading
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        accepted = []

        def take():
            while True:
                try:
                    conn, _ = silent.accept()
                except OSError:
                    return
                accepted.append(conn)  # kept open, never answered
        threading.Thread(target=take, daemon=True).start()
        self.addCleanup(silent.close)
        live = self.serve(fixture("base"))
        self.write_repo("m", f"http://127.0.0.1:{silent.getsockname()[1]}/ {live.url}/", timeout="1")
        self.ok("makecache")
        before = len(accepted)
        # three packages, one after the other (those started together all meet it)
        self.ok("-y", "--setopt=max_parallel_downloads=1", "install", "hello")
        self.assertEqual(self.rpm_qa(), ["bash-lite-0:5.1-1.x86_64", "hello-0:2.0-1.noarch",
                                         "libgreet-0:2.0-1.x86_64"])
        self.assertEqual(len(accepted) - before, 1, "one wait for the silent mirror, not one per package")

    def test_empty_mirrorlist_is_explained(self):
        ml = os.path.join(self.tmp, "mirrors.txt")
        Path(ml).touch()
        with open(os.path.join(self.root, "etc/yum.repos.d/m.repo"), "w") as f:
            f.write(f"[m]\nmirrorlist=file://{ml}\n")
        r = self.fails(1, "list")
        self.assertIn("lists no usable mirror", r.err)

    def test_cacheonly_without_cache(self):
        self.write_repo("base", fixture("base"))
        r = self.fails(1, "-C", "list")
        self.assertIn("repository 'base'", r.err)
        self.assertIn("makecache", r.err)

    def test_makecache_json_and_clean(self):
        self.write_repo("base", fixture("base"))
        r = self.ok("makecache", "--json")
        self.assertEqual(r.json()[0]["id"], "base")
        self.assertEqual(r.json()[0]["packages"], 9)
        solv = glob.glob(os.path.join(self.cache_dir(), "base-*", "gen-*", "*.solv*"))
        # each cache with its fingerprint (CRC-32 and size, checked before libsolv reads it);
        # repomd.solv is repomd.xml as libsolv read it (warm runs need no XML reader); the
        # package details (summaries...) are kept apart from what resolving reads (info.solvx)
        self.assertEqual(sorted(os.path.basename(s) for s in solv),
                         ["filelists.solvx", "filelists.solvx.crc", "info.solvx", "info.solvx.crc",
                          "primary.solv", "primary.solv.crc", "repomd.solv", "repomd.solv.crc"])
        files = self.ok("-C", "repoquery", "-l", "hello-1.0").out
        self.ok("clean", "dbcache")
        self.assertFalse(any(os.path.exists(s) for s in solv))
        self.assertEqual(self.ok("-C", "repoquery", "-l", "hello-1.0").out, files)  # rebuilt from the cached XML
        self.assertTrue(all(os.path.exists(s) for s in solv))
        self.ok("clean", "expire-cache")
        self.assertFalse(glob.glob(os.path.join(self.cache_dir(), "base-*", "last-check")))
        self.ok("clean", "metadata")
        self.fails(1, "-C", "list")
        self.ok("makecache")
        self.ok("clean", "all")
        self.assertEqual(os.listdir(self.cache_dir()), [])

    def test_clean_rejects_unknown_kind(self):
        self.assertEqual(self.mpm("clean", "everything").rc, 2)

    def test_compressions(self):
        from harness import build
        import repos
        for comp in ("xz", "bz2"):
            path = build(dict(repos.EXTRA, compress=comp))
            self.assertTrue(glob.glob(os.path.join(path, "repodata", f"*primary.xml.{comp}")))
            r = self.ok("--repofrompath", f"{comp},{path}", "--repo", comp, "repoquery")
            self.assertIn("extra-tool-0:3.1-1.x86_64", r.out)
        # Fedora publishes zstd; Debian's createrepo_c cannot, so recompress primary by hand.
        repo = self.copy_repo("extra")
        gz = glob.glob(os.path.join(repo, "repodata", "*primary.xml.gz"))[0]
        xml = os.path.join(repo, "repodata", "primary.xml")
        Path(xml).write_bytes(gzip.decompress(Path(gz).read_bytes()))
        subprocess.run(["zstd", "-q", "--rm", xml], check=True)
        os.remove(gz)
        replace_repomd_entry(repo, "primary", xml + ".zst")
        r = self.ok("--repofrompath", f"zst,{repo}", "--repo", "zst", "repoquery")
        self.assertIn("extra-tool-0:3.1-1.x86_64", r.out)


class BrokenRepos(MpmTestCase):
    """Every failure: one sentence naming the repo, exit 1, the previous cache exactly as it was."""

    def setUp(self):
        super().setUp()
        self.repo = self.copy_repo("base")
        self.srv = self.serve(self.repo)
        self.write_repo("web", self.srv.url)
        self.good = self.ok("repoquery").out
        self.cache = os.path.join(self.root, "var/cache/mpm")
        self.before = self.tree(self.cache)

    def assert_cache_untouched(self):
        self.assertEqual(self.tree(self.cache), self.before)
        self.assertEqual(self.ok("-C", "repoquery").out, self.good)

    def primary(self):
        return glob.glob(os.path.join(self.repo, "repodata", "*primary.xml.gz"))[0]

    def test_missing_repo(self):
        shutil.rmtree(self.repo)
        r = self.fails(1, "--refresh", "list")
        self.assertIn("repository 'web'", r.err)
        self.assertIn("HTTP 404", r.err)
        self.assertIn("previous metadata is kept", r.err)
        self.assert_cache_untouched()

    def test_missing_local_repo_without_cache(self):
        self.write_repo("gone", os.path.join(self.tmp, "nonexistent"))
        r = self.fails(1, "list")
        self.assertIn("repository 'gone'", r.err)

    def test_corrupt_repomd(self):
        with open(os.path.join(self.repo, "repodata/repomd.xml"), "w") as f:
            f.write("<repomd><data type='primary'><location href=")
        r = self.fails(1, "--refresh", "list")
        self.assertIn("repomd.xml is not valid repository metadata", r.err)
        self.assert_cache_untouched()

    def test_checksum_mismatch(self):
        # repomd.xml announces a new primary, but the mirror still serves other bytes under
        # that name (a mirror out of sync).
        p = self.primary()
        data = gzip.decompress(Path(p).read_bytes()).replace(b"friendly", b"fiendish")
        Path(p).write_bytes(gzip.compress(data))
        replace_repomd_entry(self.repo, "primary", p, checksum="ab" * 32)
        r = self.fails(1, "--refresh", "list")
        self.assertIn("checksum mismatch", r.err)
        self.assertIn("primary", r.err)
        self.assert_cache_untouched()

    def truncated_with_matching_checksum(self, mdtype):
        """Truncates the file and regenerates repomd.xml, so that only parsing can catch it."""
        p = glob.glob(os.path.join(self.repo, "repodata", f"*{mdtype}.xml.gz"))[0]
        data = Path(p).read_bytes()
        Path(p).write_bytes(data[: len(data) // 2])
        replace_repomd_entry(self.repo, mdtype, p)
        r = self.fails(1, "--refresh", "list")
        self.assert_cache_untouched()
        return r

    def test_truncated_primary_with_matching_checksum(self):
        r = self.truncated_with_matching_checksum("primary")
        self.assertIn("primary metadata is corrupt", r.err)

    def test_truncated_filelists_with_matching_checksum(self):
        # filelists.xml is parsed on a second core while primary.xml is: its error is the
        # refresh's all the same.
        r = self.truncated_with_matching_checksum("filelists")
        self.assertIn("filelists metadata is corrupt", r.err)

    def test_unsafe_location(self):
        path = os.path.join(self.repo, "repodata/repomd.xml")
        text = Path(path).read_text()
        import re
        text = re.sub(r'href="repodata/([^"]*primary[^"]*)"', r'href="../../etc/\1"', text)
        Path(path).write_text(text.replace("<revision>1</revision>", "<revision>3</revision>"))
        r = self.fails(1, "--refresh", "list")
        self.assertIn("unsafe location", r.err)
        self.assert_cache_untouched()

    def test_skip_if_unavailable(self):
        shutil.rmtree(self.repo)
        self.write_repo("good", fixture("extra"))
        # without it, the failure names the way on without the repository, once per cause
        r = self.fails(1, "--refresh", "list")
        self.assertIn("; --disablerepo=web (or skip_if_unavailable=1) goes on without it", r.err)
        self.assertEqual(r.err.count("repository 'web'"), 1, r.err)
        # the same refusal on every round is said once, with its count (it was said four times)
        closed = self.write_repo("closed", "http://127.0.0.1:9/repo")
        r = self.fails(1, "--repo", "closed", "--refresh", "list")
        self.assertEqual(r.err.count("Couldn't connect to server"), 1, r.err)
        self.assertRegex(r.err, r"Couldn't connect to server \(\d+ attempts\)")
        os.remove(closed)
        with open(os.path.join(self.root, "etc/yum.repos.d/web.repo"), "a") as f:
            f.write("skip_if_unavailable=1\n")
        r = self.ok("--refresh", "list", "--json")
        self.assertIn("skipped", r.err)
        self.assertEqual({p["repo"] for p in r.json()}, {"good"})

    def test_interrupted_refresh_leaves_no_trace(self):
        # A refresh killed midway leaves a .tmp directory; the next run ignores and removes it.
        d = glob.glob(os.path.join(self.cache, "web-*"))[0]
        os.makedirs(os.path.join(d, ".tmp-99999/repodata"))
        self.assertEqual(self.ok("-C", "repoquery").out, self.good)
        self.ok("--refresh", "list")
        self.assertFalse(os.path.exists(os.path.join(d, ".tmp-99999")))


class FilelistsOrder(MpmTestCase):
    """filelists.xml is parsed on a second core, beside primary.xml, and joined to primary's
    packages by position when it lists them in primary's order (createrepo_c's); in any other
    order each file list still goes to its own package, by checksum, as libsolv joins them."""

    # Files under /usr/share are in no primary.xml file list: only filelists.xml names them.
    PACKAGES = {"packages": [
        {"name": f"p{i}", "version": "1.0", "release": "1", "arch": "noarch",
         "files": {f"/usr/share/p{i}/{'f' * (i + 1)}": f"{i}\n"}}
        for i in range(6)
    ]}

    def files_of_each(self, *opts):
        return {f"p{i}": self.ok(*opts, "repoquery", "-l", f"p{i}").out for i in range(6)}

    def test_another_order_gives_each_package_its_own_files(self):
        repo = build(self.PACKAGES)
        shutil.copytree(repo, os.path.join(self.tmp, "reordered"))
        repo = os.path.join(self.tmp, "reordered")
        p = glob.glob(os.path.join(repo, "repodata", "*filelists.xml.gz"))[0]
        text = gzip.decompress(Path(p).read_bytes()).decode()
        import re
        entries = re.findall(r"<package .*?</package>\s*", text, flags=re.S)
        self.assertEqual(len(entries), 6)
        head, tail = text[: text.index(entries[0])], text[text.index(entries[-1]) + len(entries[-1]):]
        Path(p).write_bytes(gzip.compress((head + "".join(reversed(entries)) + tail).encode()))
        replace_repomd_entry(repo, "filelists", p)
        self.write_repo("r", repo)
        for opts in [(), ("-C",)]:  # as parsed, then from the caches written
            files = self.files_of_each(*opts)
            for i in range(6):
                self.assertEqual(files[f"p{i}"].split(), [f"/usr/share/p{i}/{'f' * (i + 1)}"])
            owner = self.ok(*opts, "repoquery", "--whatprovides", "/usr/share/p4/fffff").out
            self.assertIn("p4-0:1.0-1.noarch", owner)
            self.assertNotIn("p1-", owner)


def tool_pkg(name, **kw):
    d = {"name": name, "version": "1.0", "release": "1", "arch": "noarch"}
    d.update(kw)
    return d


class FileProvidesCache(MpmTestCase):
    """File provides are cached with the repository's primary.solv and @System's cache (libsolv's
    REPOSITORY_ADDEDFILEPROVIDES, as libdnf keeps them): a warm resolve scans no file list, a new
    file dependency widens what the cache holds once, and a query that matches nothing by
    dependency does not index provides at all."""

    # /opt/tool/lib/* are in no primary.xml file list (createrepo_c keeps /etc and */bin/ there):
    # only filelists.xml, i.e. libsolv's scan of the file lists, can find their owner.
    TOOLS = {"packages": [
        tool_pkg("tool", files={"/opt/tool/lib/a": "a\n", "/opt/tool/lib/b": "b\n"}),
        tool_pkg("app", requires=["/opt/tool/lib/a"], files={"/usr/share/app/x": "x\n"}),
    ]}
    LATER = {"packages": [tool_pkg("plugin", requires=["/opt/tool/lib/b"], files={"/usr/share/plugin/x": "x\n"})]}

    def cache_file(self, pattern):
        found = glob.glob(os.path.join(self.root, "var/cache/mpm", pattern))
        self.assertEqual(len(found), 1, pattern)
        st = os.stat(found[0])
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def primary(self):
        return self.cache_file("tools-*/gen-*/primary.solv")

    def plan(self, *specs):
        r = self.mpm("--assumeno", "install", *specs)
        self.assertEqual(r.rc, 1, r)  # answered no
        return r.out

    def test_whatprovides_of_a_file_with_and_without_dependents(self):
        # /opt/tool/lib/a is a file app depends on: whatprovides lists its holder (libsolv
        # added the provides, so no file list is scanned); /opt/tool/lib/b, which nothing
        # needs, is found by scanning the file lists. Both are in filelists.xml only.
        self.write_repo("tools", build(self.TOOLS))
        for path in ["/opt/tool/lib/a", "/opt/tool/lib/b"]:
            for opts in [(), ("-C",)]:
                out = self.ok(*opts, "repoquery", "--whatprovides", path).out.split()
                self.assertEqual(out, ["tool-0:1.0-1.noarch"], path)
        self.assertEqual(self.ok("-C", "repoquery", "--whatprovides", "/opt/tool/lib/c").out, "")

    def test_whatprovides_of_a_file_only_installed_packages_depend_on(self):
        # A file only an installed package depends on: its available holders are found all the
        # same (libsolv looks for every package's file dependencies in every repository).
        holders = {"packages": [
            tool_pkg("tool", files={"/opt/tool/lib/a": "a\n", "/opt/tool/lib/b": "b\n"}),
            tool_pkg("tool2", files={"/opt/tool/lib/b": "b2\n"}),
        ]}
        needs = {"packages": [tool_pkg("needs-b", requires=["/opt/tool/lib/b"],
                                       files={"/usr/share/needs-b/x": "x\n"})]}
        self.write_repo("tools", build(holders))
        self.write_repo("extra", build(needs))
        self.ok("-y", "install", "needs-b")
        out = self.ok("--disablerepo=extra", "repoquery", "--whatprovides", "/opt/tool/lib/b").out
        self.assertEqual(out.split(), ["tool-0:1.0-1.noarch", "tool2-0:1.0-1.noarch"])

    def test_file_provides_are_cached_and_widened_once(self):
        self.write_repo("tools", build(self.TOOLS))
        self.ok("makecache")
        made = self.primary()
        # A query by name needs no provides: the cache is not touched.
        self.assertIn("tool", self.ok("-C", "list", "--available").out)
        self.assertEqual(self.primary(), made, "a listing indexed file provides")
        # The first resolve finds tool by its file list and records that in primary.solv.
        self.assertIn("tool", self.plan("app"))
        recorded = self.primary()
        self.assertNotEqual(recorded, made)
        self.assertIn("tool", self.plan("app"))
        self.assertEqual(self.primary(), recorded, "a covered cache was written again")

        # A new repository depends on another file of tool: found (the cache's list does not
        # cover it, so tool's file lists are scanned again) and recorded, once.
        self.write_repo("later", build(self.LATER))
        self.assertIn("tool", self.plan("plugin"))
        widened = self.primary()
        self.assertNotEqual(widened, recorded)
        self.assertIn("tool", self.plan("plugin"))
        self.assertEqual(self.primary(), widened)
        # Without that repository the list still covers what is needed (the union was kept):
        # roots sharing one cache with different file dependencies do not rewrite it in turn.
        os.remove(os.path.join(self.root, "etc/yum.repos.d/later.repo"))
        self.assertIn("tool", self.plan("app"))
        self.assertEqual(self.primary(), widened)

    def test_installed_file_provides_are_cached(self):
        self.write_repo("tools", build(self.TOOLS))
        self.ok("-y", "install", "app")
        # app needs /opt/tool/lib/a of the installed tool: removing tool must take app along,
        # which only a scan of @System's file lists (or its cache's record) can tell.
        first = self.mpm("--assumeno", "remove", "tool")
        self.assertEqual(first.rc, 1, first)
        self.assertIn("app", first.out)
        recorded = self.cache_file("system-*.solv")
        again = self.mpm("--assumeno", "remove", "tool")
        self.assertEqual(again.out, first.out)
        self.assertEqual(self.cache_file("system-*.solv"), recorded, "a covered @System cache was written again")

    def test_file_lists_that_cannot_be_read_are_said_and_not_recorded_as_read(self):
        self.write_repo("tools", build(self.TOOLS))
        self.ok("makecache")
        gen = glob.glob(os.path.join(self.root, "var/cache/mpm/tools-*/gen-*"))[0]
        with open(os.path.join(gen, "filelists.solvx"), "r+b") as f:
            f.seek(300)
            f.write(b"\xff" * 64)
        for xml in glob.glob(os.path.join(gen, "repodata", "*filelists*")):
            os.remove(xml)
        made = self.primary()
        # app needs /opt/tool/lib/a, which only the file lists know: without them nothing
        # provides it, and the reason is said (also when the command fails for it).
        r = self.mpm("-C", "--assumeno", "install", "app")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("nothing provides /opt/tool/lib/a", r.err)
        self.assertIn("Warning: the file lists of repository 'tools' could not be read", r.err)
        # libsolv added no provides for it: primary.solv must not record it as added, or every
        # later run would skip the file lists and say "nothing provides" for good.
        self.assertEqual(self.primary(), made)

    def test_a_header_read_again_gets_the_file_provides_again(self):
        repo = build(self.TOOLS)
        self.write_repo("tools", repo)
        self.ok("-y", "install", "app")
        self.assertIn("app", self.mpm("--assumeno", "remove", "tool").out)  # recorded for @System
        # Another tool installs tool again: the next run reads that header alone and keeps app
        # from the cache, and the file provides recorded for the tool it had must not be taken
        # as the new one's.
        self.assertEqual(self.rpm("-e", "--nodeps", "tool").rc, 0)
        r = self.rpm("-i", "--nodeps", "--nosignature", glob.glob(os.path.join(repo, "**", "tool-1.0*.rpm"),
                                                                   recursive=True)[0])
        self.assertEqual(r.rc, 0, r)
        r = self.mpm("-v", "--assumeno", "remove", "tool")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("installed packages: 1 from the cache, 1 headers read", r.err)
        self.assertIn("app", r.out, "removing tool takes app, which needs its /opt/tool/lib/a")
        self.assertIn("/opt/tool/lib/a", self.ok("-C", "repoquery", "--installed", "--requires", "app").out)
        self.assertEqual(self.ok("-C", "repoquery", "--installed", "--whatprovides", "/opt/tool/lib/a").out.split(),
                         ["tool-0:1.0-1.noarch"])


if __name__ == "__main__":
    unittest.main()
