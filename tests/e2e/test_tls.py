"""TLS and proxies against local servers: a CA, a server certificate for 127.0.0.1 and a client
certificate made at test time with openssl. Verification is on by default; sslcacert,
sslverify=0, sslclientcert/sslclientkey and proxy/proxy_username/proxy_password work for
metadata and for packages."""
import os
import shutil
import ssl
import subprocess
import tempfile
import unittest

from harness import MpmTestCase, fixture


def openssl(*args, cwd):
    subprocess.run(["openssl"] + list(args), cwd=cwd, check=True, capture_output=True)


def make_pki(d):
    """ca.pem/ca.key, server.pem/server.key (SAN IP 127.0.0.1), client.pem/client.key."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=mpm test CA", cwd=d)
    for name, ext in (("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"),
                      ("client", "extendedKeyUsage=clientAuth\n")):
        with open(os.path.join(d, name + ".ext"), "w") as f:
            f.write(ext)
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", f"/CN=mpm test {name}", cwd=d)
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext", cwd=d)


class Tls(MpmTestCase):
    @classmethod
    def setUpClass(cls):
        cls.pki = tempfile.mkdtemp(prefix="mpm-pki-")
        make_pki(cls.pki)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.pki, ignore_errors=True)

    def pem(self, name):
        return os.path.join(self.pki, name)

    def https(self, client_cert=False):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.pem("server.pem"), self.pem("server.key"))
        if client_cert:
            ctx.verify_mode = ssl.CERT_REQUIRED
            ctx.load_verify_locations(self.pem("ca.pem"))
        return self.serve(fixture("base"), tls=ctx)

    def installs_hello(self):
        self.ok("-y", "install", "hello")
        self.assertTrue(os.path.exists(os.path.join(self.root, "usr/bin/hello")))

    def test_untrusted_certificate_is_refused_by_default(self):
        server = self.https()
        self.write_repo("secure", server.url)
        r = self.fails(1, "makecache")
        self.assertIn("repository 'secure'", r.err)
        self.assertIn("SSL certificate problem", r.err)
        self.assertIn("set sslcacert= to the CA that signed it", r.err)
        self.assertFalse([p for p in self.tree(self.root) if p.endswith("repomd.xml")],
                         "metadata from an untrusted server was kept")

    def test_sslcacert_trusts_the_server_for_metadata_and_packages(self):
        server = self.https()
        self.write_repo("secure", server.url, sslcacert=self.pem("ca.pem"))
        self.installs_hello()
        self.assertTrue(any(p.endswith(".rpm") for p in server.requests), server.requests)

    def test_sslverify_off(self):
        server = self.https()
        self.write_repo("secure", server.url, sslverify="0")
        self.installs_hello()

    def test_client_certificate(self):
        server = self.https(client_cert=True)
        self.write_repo("secure", server.url, sslcacert=self.pem("ca.pem"))
        r = self.fails(1, "makecache")
        self.assertIn("repository 'secure'", r.err)
        os.remove(os.path.join(self.root, "etc/yum.repos.d/secure.repo"))
        self.write_repo("secure", server.url, sslcacert=self.pem("ca.pem"),
                        sslclientcert=self.pem("client.pem"), sslclientkey=self.pem("client.key"))
        self.installs_hello()

    def test_proxy_with_credentials(self):
        proxy = self.serve(fixture("base"))
        proxy.httpd.proxy_auth = "alice:s3cret"
        # The repo's own host does not exist: everything must go through the proxy.
        self.write_repo("far", "http://repo.invalid/", proxy=proxy.url)
        r = self.fails(1, "makecache")
        self.assertIn("repository 'far'", r.err)
        os.remove(os.path.join(self.root, "etc/yum.repos.d/far.repo"))
        self.write_repo("far", "http://repo.invalid/", proxy=proxy.url, proxy_username="alice",
                        proxy_password="s3cret")
        self.installs_hello()
        self.assertIn("http://repo.invalid/repodata/repomd.xml", proxy.httpd.proxied)
        self.assertTrue(any(u.endswith(".rpm") for u in proxy.httpd.proxied), proxy.httpd.proxied)


if __name__ == "__main__":
    unittest.main()
