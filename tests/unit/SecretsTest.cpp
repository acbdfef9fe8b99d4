#include <doctest/doctest.h>

#include "common/Secrets.hpp"

using namespace mpm;

TEST_CASE("URL passwords are masked wherever they appear, user names kept") {
    CHECK(secrets::redact("http://alice:SECRET@mirror/repo") == "http://alice:***@mirror/repo");
    CHECK(secrets::redact("download failed (https://bob:p%40ss@h:8080/x/repomd.xml: 404); "
                          "ftp://c:d@e") ==
          "download failed (https://bob:***@h:8080/x/repomd.xml: 404); ftp://c:***@e");
    // a user name alone, an address in a path, no URL at all: unchanged
    CHECK(secrets::redact("http://alice@mirror/repo") == "http://alice@mirror/repo");
    CHECK(secrets::redact("http://mirror/a:b@c") == "http://mirror/a:b@c");
    CHECK(secrets::redact("user@example.org: hello") == "user@example.org: hello");
    CHECK(secrets::redact("http://alice:***@mirror/") == "http://alice:***@mirror/");
}

TEST_CASE("remembered secrets are masked in any text, the longest first") {
    secrets::remember("");
    secrets::remember("hunter2");
    secrets::remember("hunter2hunter2");
    CHECK(secrets::redact("pw=hunter2hunter2 and hunter2") == "pw=*** and ***");
    CHECK(secrets::redact("nothing here") == "nothing here");
}

TEST_CASE("a remembered secret is masked in JSON too, where it reads escaped") {
    secrets::remember("pa\"ss\\word");
    CHECK(secrets::redact("{\"message\": \"bad pa\\\"ss\\\\word\"}") ==
          "{\"message\": \"bad ***\"}");
}

TEST_CASE("settings of secret keys lose their value") {
    CHECK(secrets::isSecretKey("password"));
    CHECK(secrets::isSecretKey("base.proxy_password"));
    CHECK_FALSE(secrets::isSecretKey("proxy_username"));
    CHECK(secrets::redactSetting("base.password=abc") == "base.password=***");
    CHECK(secrets::redactSetting("proxy_password=") == "proxy_password=***");
    CHECK(secrets::redactSetting("base.baseurl=http://a:b@c/") == "base.baseurl=http://a:***@c/");
    CHECK(secrets::redactSetting("gpgcheck=0") == "gpgcheck=0");
}
