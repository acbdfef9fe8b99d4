"""Shared machinery of the end-to-end tests: the mpm binary, fixture repositories built by
rpmbuild + createrepo_c, temporary installroots, and a loopback HTTP server."""
import functools
import http.server
import json
import os
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
import mkrepo  # noqa: E402
import repos  # noqa: E402

MPM = os.environ.get("MPM_BIN", os.path.join(HERE, "..", "..", "build", "cli", "mpm"))
FIXTURE_CACHE = os.environ.get("MPM_FIXTURE_CACHE", os.path.join(tempfile.gettempdir(), "mpm-fixtures"))
DNF = shutil.which("dnf")


@functools.lru_cache(maxsize=None)
def fixture(name):
    """Path of a built fixture repository (see tests/fixtures/repos.py)."""
    return mkrepo.build_repo(repos.ALL[name], FIXTURE_CACHE)


def build(desc):
    return mkrepo.build_repo(desc, FIXTURE_CACHE)


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        try:
            self._get()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away (the Ctrl-C test aborts downloads on purpose)

    def _get(self):
        if self.path.startswith("http://"):
            # A request through us as a proxy: check its credentials, serve it from our directory.
            want = getattr(self.server, "proxy_auth", None)
            if want is not None:
                import base64
                got = self.headers.get("Proxy-Authorization", "")
                if got != "Basic " + base64.b64encode(want.encode()).decode():
                    self.send_response(407)
                    self.send_header("Proxy-Authenticate", 'Basic realm="test"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            self.server.proxied.append(self.path)
            self.path = "/" + self.path.split("/", 3)[3]
        want = getattr(self.server, "basic_auth", None)
        if want is not None:  # the server itself asks for credentials (a repo's username/password)
            import base64
            if self.headers.get("Authorization", "") != "Basic " + base64.b64encode(want.encode()).decode():
                self.server.refused.append(self.path)
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="repo"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        self.server.requests.append(self.path)
        for prefix, seconds in self.server.slow_prefixes:
            if self.path.startswith(prefix):
                import time
                time.sleep(seconds)
        if any(self.path.startswith(p) for p in self.server.fail_prefixes):
            self.send_error(503, "injected failure")
            return
        rng = self.headers.get("Range", "")
        if rng.startswith("bytes=") and rng.endswith("-"):
            # Enough of RFC 7233 for resumed downloads: "bytes=N-".
            path = self.translate_path(self.path)
            if os.path.isfile(path):
                start = int(rng[6:-1])
                data = Path(path).read_bytes()
                self.server.ranges.append((self.path, start))
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                self.send_header("Content-Length", str(len(data) - start))
                self.end_headers()
                self.wfile.write(data[start:])
                return
        super().do_GET()


class HttpServer:
    """Serves `root` on 127.0.0.1 (an ephemeral port) from a thread; records request paths."""

    def __init__(self, root, tls=None):
        handler = functools.partial(_Handler, directory=root)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if tls is not None:  # an ssl.SSLContext: https on the same port
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.httpd.requests = []
        self.httpd.fail_prefixes = []
        self.httpd.slow_prefixes = []
        self.httpd.ranges = []
        self.httpd.proxied = []  # absolute URLs requested through this server as a proxy
        self.httpd.refused = []  # paths asked for without the credentials basic_auth wants
        self.httpd.basic_auth = None  # "user:password" to require (HTTP basic authentication)
        scheme = "https" if tls is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def requests(self):
        return self.httpd.requests

    @property
    def ranges(self):
        return self.httpd.ranges

    def require_auth(self, credentials):
        self.httpd.basic_auth = credentials

    @property
    def refused(self):
        return self.httpd.refused

    def fail(self, prefix):
        self.httpd.fail_prefixes.append(prefix)

    def slow(self, prefix, seconds):
        self.httpd.slow_prefixes.append((prefix, seconds))

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


SKIP_MARKER = "SKIPPED (whole class): "


def skip_class_unless(condition, reason):
    """For setUpClass: a class that cannot run at all says so in a line ctest recognises
    (SKIP_REGULAR_EXPRESSION), so its entry is reported as skipped, not as passed."""
    if not condition:
        print(SKIP_MARKER + reason, file=sys.stderr, flush=True)
        raise unittest.SkipTest(reason)


class MpmTestCase(unittest.TestCase):
    """Each test gets its own installroot under a temporary directory."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mpm-e2e-")
        self.root = os.path.join(self.tmp, "root")
        os.makedirs(os.path.join(self.root, "etc", "yum.repos.d"))
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def serve(self, directory, tls=None):
        s = HttpServer(directory, tls)
        self.servers.append(s)
        return s

    def copy_repo(self, name):
        """A private, mutable copy of a fixture repo."""
        dest = os.path.join(self.tmp, "repo-" + name)
        shutil.copytree(fixture(name), dest)
        return dest

    def write_repo(self, repoid, baseurl=None, filename=None, **options):
        lines = [f"[{repoid}]", f"name=Repo {repoid}"]
        if baseurl is not None:
            urls = baseurl if isinstance(baseurl, list) else [baseurl]
            lines.append("baseurl=" + " ".join(u if "://" in u else "file://" + u for u in urls))
        options.setdefault("gpgcheck", "0")
        for k, v in options.items():
            lines.append(f"{k}={v}")
        path = os.path.join(self.root, "etc", "yum.repos.d", (filename or repoid) + ".repo")
        with open(path, "a") as f:
            f.write("\n".join(lines) + "\n\n")
        return path

    def write_platform(self, platform="el8"):
        """The root's os-release, naming the platform module streams are built for."""
        with open(os.path.join(self.root, "etc", "os-release"), "w") as f:
            f.write(f'NAME="Fixture Linux"\nPLATFORM_ID="platform:{platform}"\n')

    def write_conf(self, text):
        path = os.path.join(self.root, "etc", "mpm", "mpm.conf")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def mpm(self, *args, root=True, env=None):
        cmd = [MPM]
        if root:
            cmd += ["--installroot", self.root]
        cmd += list(args)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, **(env or {})),
                              stdin=subprocess.DEVNULL, timeout=120)
        return Result(proc)

    def ok(self, *args, **kw):
        r = self.mpm(*args, **kw)
        self.assertEqual(r.rc, 0, r)
        return r

    def fails(self, rc, *args, **kw):
        r = self.mpm(*args, **kw)
        self.assertEqual(r.rc, rc, r)
        self.assertEqual(len(r.err.strip().splitlines()), 1, f"expected one line of error: {r}")
        return r

    RPMDB = "/usr/lib/sysimage/rpm"

    def rpm(self, *args, root=None):
        """The real rpm on the root's RPM database (Debian's rpm points %_dbpath elsewhere)."""
        cmd = ["rpm", "--root", root or self.root, "--dbpath", self.RPMDB] + list(args)
        proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
        return Result(proc)

    def rpm_qa(self, root=None):
        r = self.rpm("-qa", "--qf", "%{name}-%{epochnum}:%{version}-%{release}.%{arch}\n", root=root)
        self.assertEqual(r.rc, 0, r)
        return sorted(r.out.split())

    def dnf(self, *args):
        """Debian's dnf 4 on the same installroot and repo files: the reference."""
        conf = os.path.join(self.tmp, "dnf.conf")
        if not os.path.exists(conf):
            with open(conf, "w") as f:
                f.write("[main]\n")
        cmd = [DNF, "-q", f"--installroot={self.root}", "--releasever=1", f"--config={conf}",
               f"--setopt=reposdir={self.root}/etc/yum.repos.d", f"--setopt=cachedir={self.tmp}/dnf-cache"] + list(args)
        proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
                              env=dict(os.environ, HOME=self.rpm_home()))
        return Result(proc)

    def on_dnf_root(self, *args):
        """dnf on the twin root (self.dnf_root) of a test that compares mpm with dnf."""
        saved, self.root = self.root, self.dnf_root
        try:
            return self.dnf(*args)
        finally:
            self.root = saved

    def rpm_home(self):
        """A HOME whose .rpmmacros points librpm (dnf's, Debian's rpm's) at the root's RPM
        database where Fedora and mpm keep it, instead of Debian's ~/.rpmdb."""
        home = os.path.join(self.tmp, "home")
        if not os.path.exists(home):
            os.makedirs(home)
            Path(home, ".rpmmacros").write_text(f"%_dbpath {self.RPMDB}\n")
        return home

    # What mpm keeps for itself in a root: its caches and its database (whose pages a refused
    # transaction's journal touched; tests compare its rows through queries). A fresh root has
    # no database to compare: there only the lock file, held by every command that changes a
    # root, is mpm's.
    MPM_STATE = ("var/cache", "var/lib/mpm")
    MPM_STATE_FRESH = ("var/cache", "var/lib/mpm/lock")

    def root_tree(self, leave_out=MPM_STATE):
        """tree() of the root without what mpm keeps for itself there (see MPM_STATE)."""
        return {k: v for k, v in self.tree(self.root).items() if not k.startswith(leave_out)}

    def tree(self, path):
        """{relative path: (size, mtime_ns, content digest)} of every file below path. The RPM
        database's rpmdb.sqlite-shm is left out: SQLite's shared-memory index, rewritten by every
        reader (rpm -q too), not data; the database file itself is compared like any other."""
        import hashlib
        out = {}
        for base, dirs, files in os.walk(path):
            for n in files + [d for d in dirs if os.path.islink(os.path.join(base, d))]:
                if n == "rpmdb.sqlite-shm":
                    continue
                p = os.path.join(base, n)
                rel = os.path.relpath(p, path)
                if os.path.islink(p):
                    out[rel] = ("link", os.readlink(p))
                else:
                    with open(p, "rb") as f:
                        out[rel] = (os.path.getsize(p), hashlib.sha256(f.read()).hexdigest())
        return out


def replace_repomd_entry(repo, mdtype, new_file, checksum=None):
    """Points repomd.xml's `mdtype` entry at new_file (inside repo/repodata), with its real
    sha256 and size unless `checksum` is given: a repo whose index agrees with its files."""
    import hashlib
    import re
    path = os.path.join(repo, "repodata", "repomd.xml")
    text = Path(path).read_text()
    data = Path(new_file).read_bytes()
    digest = checksum or hashlib.sha256(data).hexdigest()
    href = "repodata/" + os.path.basename(new_file)

    def fix(m):
        block = m.group(0)
        block = re.sub(r'<checksum type="[^"]+">[^<]*</checksum>', f'<checksum type="sha256">{digest}</checksum>', block)
        block = re.sub(r'<location href="[^"]+"/>', f'<location href="{href}"/>', block)
        block = re.sub(r"<size>\d+</size>", f"<size>{len(data)}</size>", block)
        return block

    text, n = re.subn(rf'<data type="{mdtype}">.*?</data>', fix, text, flags=re.S)
    assert n == 1, f"no {mdtype} entry in {path}"
    Path(path).write_text(text)
