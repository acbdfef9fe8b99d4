#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "TempDir.hpp"
#include "libmodule/RootPath.hpp"

using namespace mpm;

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
