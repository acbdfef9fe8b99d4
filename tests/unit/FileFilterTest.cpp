#include <doctest/doctest.h>
#include <sys/stat.h>

#include "TempDir.hpp"
#include "libmodule/transaction/FileFilter.hpp"

using namespace mpm;
using namespace mpm::transaction;

namespace {

rpm::FileRecord entry(const std::string& path, uint32_t type, const std::string& lang = "",
                      uint32_t flags = 0) {
    rpm::FileRecord f;
    f.path = path;
    f.mode = type | 0644;
    f.lang = lang;
    f.flags = flags;
    return f;
}

rpm::PackageRecord package() {
    rpm::PackageRecord p;
    p.files = {entry("/usr/share/doc/x", S_IFDIR),
               entry("/usr/share/doc/x/README", S_IFREG, "", rpm::fileflag::kDoc),
               entry("/usr/share/x", S_IFDIR),
               entry("/usr/share/x/fr", S_IFDIR),
               entry("/usr/share/x/fr/x.mo", S_IFREG, "fr"),
               entry("/usr/share/x/de_DE.mo", S_IFREG, "de"),
               entry("/usr/share/x/pt.mo", S_IFREG, "pt_BR|pt"),
               entry("/usr/share/x/plain", S_IFREG)};
    return p;
}

}  // namespace

TEST_CASE("the root's %_install_langs and %_excludedocs leave files out as rpm does") {
    test::TempDir root;
    FileFilter none(false, root.path());
    CHECK(none.leftOutPaths(package()).empty());

    // rpm's order: etc/rpm/macros after etc/rpm/macros.*, so it wins
    root.write("etc/rpm/macros.image-language-conf", "%_install_langs fr\n%_excludedocs yes\n");
    root.write("etc/rpm/macros", "%_install_langs de_DE.UTF-8:pt\n");
    FileFilter image(false, root.path());
    // a file is kept when one of its languages begins a language named; a directory that
    // held only left-out entries goes too (one level, as rpm), its parent stays
    CHECK(image.leftOutPaths(package()) ==
          std::set<std::string>{"/usr/share/doc/x", "/usr/share/doc/x/README", "/usr/share/x/fr",
                                "/usr/share/x/fr/x.mo"});

    // rpmExpandNumeric's reading: "no" is 0, as is anything that is not a number
    root.write("etc/rpm/macros.image-language-conf", "%_excludedocs no\n");
    root.write("etc/rpm/macros", "%_install_langs all\n");
    CHECK(FileFilter(false, root.path()).leftOutPaths(package()).empty());
    root.write("etc/rpm/macros", "%_excludedocs 1\n");
    CHECK(FileFilter(false, root.path()).leftOutPaths(package()).count("/usr/share/doc/x/README"));
    // --nodocs asks for it whatever the root says
    root.write("etc/rpm/macros", "%_excludedocs 0\n");
    CHECK(FileFilter(true, root.path()).leftOutPaths(package()).size() == 2);
}
