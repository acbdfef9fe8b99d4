#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "TempDir.hpp"
#include "libmodule/transaction/PackagePaths.hpp"
#include "libmodule/transaction/RootPath.hpp"

using namespace mpm;
using namespace mpm::transaction;

TEST_CASE("package paths with .. or not absolute are refused") {
    test::TempDir root;
    CHECK_THROWS_AS(resolveInRoot(root.path(), "/usr/../../etc/passwd"), UnsafePathError);
    CHECK_THROWS_AS(resolveInRoot(root.path(), "relative/path"), UnsafePathError);
    CHECK(resolveInRoot(root.path(), "/usr/bin/x") == root.path() + "/usr/bin/x");
}

TEST_CASE("symlinked directories resolve inside the root, as chroot would") {
    test::TempDir root;
    mkdir((root.path() + "/usr").c_str(), 0755);
    mkdir((root.path() + "/usr/lib").c_str(), 0755);
    symlink("usr/lib", (root.path() + "/lib").c_str());                   // usrmerge style
    symlink("/etc", (root.path() + "/usr/abs").c_str());                  // absolute target
    symlink("../../../../../../tmp", (root.path() + "/usr/up").c_str());  // climbs past the root
    CHECK(resolveInRoot(root.path(), "/lib/libfoo.so") == root.path() + "/usr/lib/libfoo.so");
    CHECK(resolveInRoot(root.path(), "/usr/abs/shadow") == root.path() + "/etc/shadow");
    CHECK(resolveInRoot(root.path(), "/usr/up/x") == root.path() + "/tmp/x");
    // The last component is never followed: a package may replace a symlink itself.
    CHECK(resolveInRoot(root.path(), "/lib") == root.path() + "/lib");
}

TEST_CASE("symlink loops and files in the way are errors") {
    test::TempDir root;
    symlink("b", (root.path() + "/a").c_str());
    symlink("a", (root.path() + "/b").c_str());
    CHECK_THROWS_AS(resolveInRoot(root.path(), "/a/x"), UnsafePathError);
    root.write("file", "x");
    CHECK_THROWS_AS(resolveInRoot(root.path(), "/file/x"), UnsafePathError);
}

TEST_CASE("created parents are reported so a failed transaction can remove them") {
    test::TempDir root;
    std::vector<std::string> created;
    resolveInRoot(root.path(), "/a/b/c/file", &created);
    CHECK(created == std::vector<std::string>{root.path() + "/a", root.path() + "/a/b",
                                              root.path() + "/a/b/c"});
    struct stat st {};
    CHECK(stat((root.path() + "/a/b/c").c_str(), &st) == 0);
}

TEST_CASE("the resolver of a transaction's many paths answers as resolveInRoot does") {
    test::TempDir root;
    mkdir((root.path() + "/usr").c_str(), 0755);
    mkdir((root.path() + "/usr/lib").c_str(), 0755);
    symlink("usr/lib", (root.path() + "/lib").c_str());
    symlink("/etc", (root.path() + "/usr/abs").c_str());
    symlink("../../../../tmp", (root.path() + "/usr/up").c_str());
    root.write("usr/file", "x");
    const std::vector<std::string> paths = {
        "/lib/libfoo.so", "/lib/x/y/z",    "/usr/abs/shadow", "/usr/up/x",      "/usr/lib/a/b",
        "/usr/lib/a/c",   "/new/dir/file", "/new/dir/other",  "/usr/./lib/dot", "/top"};
    for (const std::string& base : {root.path(), root.path() + "/"}) {
        CAPTURE(base);
        RootResolver planning(base);
        for (const auto& p : paths) CHECK(planning.resolve(p) == resolveInRoot(root.path(), p));
        CHECK_THROWS_AS(planning.resolve("/usr/file/x"), UnsafePathError);
        CHECK_THROWS_AS(planning.resolve("/usr/../etc/x"), UnsafePathError);
    }
    // Creating: parents first, each once, as resolveInRoot reports them.
    RootResolver staging(root.path());
    std::vector<std::string> created;
    CHECK(staging.resolve("/lib/x/y/file", &created) == root.path() + "/usr/lib/x/y/file");
    CHECK(staging.resolve("/lib/x/y/other", &created) == root.path() + "/usr/lib/x/y/other");
    CHECK(staging.resolve("/new/a/b", &created) == root.path() + "/new/a/b");
    CHECK(created == std::vector<std::string>{root.path() + "/usr/lib/x",
                                              root.path() + "/usr/lib/x/y", root.path() + "/new",
                                              root.path() + "/new/a"});
    struct stat st {};
    CHECK(stat((root.path() + "/new/a").c_str(), &st) == 0);
    // Links are followed when creating too.
    RootResolver again(root.path());
    CHECK(again.resolve("/usr/abs/x", &created) == root.path() + "/etc/x");
}

namespace {

rpm::RpmHeader withFiles(std::vector<std::pair<std::string, std::string>> files) {
    rpm::RpmHeader h;
    h.package.name = "crafted";
    h.package.version = "1";
    h.package.release = "1";
    h.package.arch = "noarch";
    for (auto& [path, link] : files) {
        rpm::FileRecord f;
        f.path = path;
        f.mode = link.empty() ? (S_IFREG | 0644) : (S_IFLNK | 0777);
        f.linkto = link;
        h.package.files.push_back(f);
    }
    return h;
}

}  // namespace

TEST_CASE("a package file list that climbs out or writes through its own symlink is refused") {
    CHECK_NOTHROW(checkPackagePaths(withFiles({{"/usr/bin/x", ""}, {"/lib", "usr/lib"}})));
    CHECK_THROWS_WITH_AS(checkPackagePaths(withFiles({{"/usr/../../etc/passwd", ""}})),
                         doctest::Contains("climbs out with '..'"), UnsafePathError);
    CHECK_THROWS_AS(checkPackagePaths(withFiles({{"usr/bin/x", ""}})), UnsafePathError);
    CHECK_THROWS_AS(checkPackagePaths(withFiles({{"/usr/./bin", ""}})), UnsafePathError);
    CHECK_THROWS_AS(checkPackagePaths(withFiles({{"/usr//bin", ""}})), UnsafePathError);
    CHECK_THROWS_WITH_AS(
        checkPackagePaths(withFiles({{"/opt/esc", "../../../tmp"}, {"/opt/esc/evil", ""}})),
        doctest::Contains("through the package's own symlink /opt/esc -> ../../../tmp"),
        UnsafePathError);
    // Deeper beneath the link counts too; a sibling that only shares a prefix does not.
    CHECK_THROWS_AS(checkPackagePaths(withFiles({{"/opt/esc", "/etc"}, {"/opt/esc/a/b", ""}})),
                    UnsafePathError);
    CHECK_NOTHROW(checkPackagePaths(withFiles({{"/opt/esc", "/etc"}, {"/opt/escape/b", ""}})));
}
