// The lockfile format: what mpm writes reads back the same, values YAML would take for numbers
// or booleans stay strings, and locks written by other tools (rpm-lockfile-prototype's layout,
// with fields mpm does not use) are read.
#include <doctest/doctest.h>

#include "common/Error.hpp"
#include "common/Yaml.hpp"
#include "libmodule/lockfile/LockFile.hpp"

using namespace mpm;
using namespace mpm::lockfile;

TEST_CASE("LockFile: what mpm writes reads back the same, and stably") {
    LockFile lock;
    LockedArch a;
    a.arch = "x86_64";
    a.packages.push_back({"https://example.org/os/Packages/yes-1.0-1.noarch.rpm", "baseos", 6217,
                          "sha256:00ff", "yes", "1.0-1", "yes-1.0-1.src.rpm"});
    a.packages.push_back({"file:///srv/repo dir/a-2:3-4.x86_64.rpm", "local: repo", 1, "sha256:ab",
                          "a", "2:3-4", ""});
    a.moduleMetadata.push_back(
        {"https://example.org/os/repodata/x-modules.yaml.gz", "appstream", 502, "sha256:cd"});
    a.reasons["yes-1.0-1.noarch"] = db::InstallReason::User;
    a.reasons["a-2:3-4.x86_64"] = db::InstallReason::WeakDependency;
    db::ModuleState m;
    m.name = "nodejs";
    m.stream = "20";
    m.status = db::ModuleStatus::Enabled;
    m.profiles = {"common", "development"};
    a.modules.push_back(m);
    lock.arches.push_back(a);

    const std::string yaml = lock.toYaml();
    const LockFile back = LockFile::parse(yaml, "test.yaml");
    REQUIRE(back.arches.size() == 1);
    const LockedArch& b = back.arches[0];
    REQUIRE(b.packages.size() == 2);
    // Sorted by URL: file:// before https://.
    CHECK(b.packages[0].url == "file:///srv/repo dir/a-2:3-4.x86_64.rpm");
    CHECK(b.packages[0].repoid == "local: repo");
    CHECK(b.packages[0].evr == "2:3-4");
    CHECK(b.packages[0].arch() == "x86_64");
    CHECK(b.packages[1].name == "yes");  // not a boolean
    CHECK(b.packages[1].evr == "1.0-1");
    CHECK(b.packages[1].size == 6217);
    CHECK(b.packages[1].nevra() == "yes-1.0-1.noarch");
    CHECK(b.moduleMetadata.size() == 1);
    CHECK(b.modules.size() == 1);
    CHECK(b.modules[0].stream == "20");  // not a number
    CHECK(b.modules[0].profiles == std::set<std::string>{"common", "development"});
    CHECK(b.reasons.at("a-2:3-4.x86_64") == db::InstallReason::WeakDependency);
    CHECK(back.toYaml() == yaml);
    CHECK(yaml.find("lockfileVendor: redhat") != std::string::npos);
}

TEST_CASE("LockFile: rpm-lockfile-prototype's layout and bad files") {
    const std::string theirs = R"(---
lockfileVersion: 1
lockfileVendor: redhat
arches:
- arch: aarch64
  packages:
  - url: https://cdn.example.com/bash-5.1.8-9.el9.aarch64.rpm
    repoid: ubi-9-baseos-rpms
    size: 1757473
    checksum: sha256:8d3d3a1b
    name: bash
    evr: 5.1.8-9.el9
    sourcerpm: bash-5.1.8-9.el9.src.rpm
  source: []
  module_metadata: []
  something_new: [1, 2]
)";
    const LockFile lock = LockFile::parse(theirs, "rpms.lock.yaml");
    REQUIRE(lock.forArch("aarch64"));
    CHECK(lock.forArch("x86_64") == nullptr);
    CHECK(lock.forArch("aarch64")->packages.at(0).nevra() == "bash-5.1.8-9.el9.aarch64");
    CHECK(lock.forArch("aarch64")->reasons.empty());

    CHECK_THROWS_WITH_AS(LockFile::parse("lockfileVersion: 2\narches: []\n", "x.yaml"),
                         "x.yaml is not a usable lockfile: lockfileVersion 2 is not one mpm reads "
                         "(it reads 1)",
                         Error);
    CHECK_THROWS_AS(LockFile::parse("lockfileVersion: 1\narches: [\n", "x.yaml"), Error);
    CHECK_THROWS_AS(LockFile::parse("", "x.yaml"), Error);
    CHECK_THROWS_WITH_AS(
        LockFile::parse("lockfileVersion: 1\narches:\n- arch: x86_64\n  packages:\n  - url: "
                        "https://e/x.txt\n",
                        "x.yaml"),
        "x.yaml is not a usable lockfile: a package of arch x86_64: https://e/x.txt is not an RPM "
        "file",
        Error);
    // Deep nesting (a YAML bomb's shape) is refused, not recursed into without end.
    std::string deep = "a: " + std::string(200, '[') + std::string(200, ']') + "\n";
    CHECK_THROWS_AS(parseYaml(deep, "deep.yaml"), Error);
}

TEST_CASE("yamlScalar quotes what YAML would read as something else") {
    CHECK(yamlScalar("hello") == "hello");
    CHECK(yamlScalar("https://example.org/a-1.0.rpm") == "https://example.org/a-1.0.rpm");
    CHECK(yamlScalar("sha256:00ff") == "sha256:00ff");
    CHECK(yamlScalar("20") == "\"20\"");
    CHECK(yamlScalar("1.0-1") == "\"1.0-1\"");
    CHECK(yamlScalar("yes") == "\"yes\"");
    CHECK(yamlScalar("") == "\"\"");
    CHECK(yamlScalar("a: b") == "\"a: b\"");
    CHECK(yamlScalar("say \"hi\"") == "\"say \\\"hi\\\"\"");
}
