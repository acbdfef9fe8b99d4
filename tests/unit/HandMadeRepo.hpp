// Writes a small rpm-md repository by hand (primary.xml, optional filelists, repomd.xml with
// real checksums) so unit tests can load real metadata through the real stack in milliseconds.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "TempDir.hpp"
#include "repodata/Checksum.hpp"

namespace mpm::test {

struct FakePkg {
    std::string name, epoch = "0", version, release = "1", arch = "noarch";
    std::string summary = "summary";
    std::vector<std::string> provides,
        requires_;  // "name" or "name OP evr" with OP in LT LE EQ GE GT
    std::vector<std::string> files;
};

inline std::string depEntry(const std::string& dep) {
    size_t sp = dep.find(' ');
    if (sp == std::string::npos) return "<rpm:entry name=\"" + dep + "\"/>";
    std::string name = dep.substr(0, sp);
    std::string rest = dep.substr(sp + 1);
    std::string flags = rest.substr(0, 2);
    std::string ver = rest.substr(3);
    return "<rpm:entry name=\"" + name + "\" flags=\"" + flags + "\" ver=\"" + ver + "\"/>";
}

// How filelists.xml lists the packages: createrepo_c's way (primary's order), or reversed.
enum class FilelistsOrder { AsPrimary, Reversed };

// Returns the repo directory (use as file:// baseurl).
inline std::string writeRepo(const TempDir& dir, const std::string& rel,
                             const std::vector<FakePkg>& pkgs,
                             FilelistsOrder order = FilelistsOrder::AsPrimary) {
    std::string primary =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata "
        "xmlns=\"http://linux.duke.edu/metadata/common\" "
        "xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"" +
        std::to_string(pkgs.size()) + "\">\n";
    std::string filelists =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<filelists "
        "xmlns=\"http://linux.duke.edu/metadata/filelists\" "
        "packages=\"" +
        std::to_string(pkgs.size()) + "\">\n";
    std::vector<std::string> listed;  // filelists.xml's <package> elements
    for (const auto& p : pkgs) {
        std::string nevra = p.name + "-" + p.version + "-" + p.release + "." + p.arch;
        std::string pkgid = repodata::Checksum::ofString(nevra, "sha256");
        primary +=
            "<package type=\"rpm\"><name>" + p.name + "</name><arch>" + p.arch +
            "</arch><version epoch=\"" + p.epoch + "\" ver=\"" + p.version + "\" rel=\"" +
            p.release + "\"/><checksum type=\"sha256\" pkgid=\"YES\">" + pkgid +
            "</checksum><summary>" + p.summary +
            "</summary><description>d</description><packager/><url/><time file=\"1\" build=\"1\"/>"
            "<size package=\"10\" installed=\"20\" archive=\"30\"/><location href=\"" +
            nevra + ".rpm\"/><format><rpm:license>MIT</rpm:license><rpm:provides>";
        primary += "<rpm:entry name=\"" + p.name + "\" flags=\"EQ\" epoch=\"" + p.epoch +
                   "\" ver=\"" + p.version + "\" rel=\"" + p.release + "\"/>";
        for (const auto& d : p.provides) primary += depEntry(d);
        primary += "</rpm:provides><rpm:requires>";
        for (const auto& d : p.requires_) primary += depEntry(d);
        primary += "</rpm:requires>";
        // createrepo lists these files in primary too, and libsolv relies on that: for such
        // paths it treats primary's list as complete.
        for (const auto& f : p.files)
            if (f.find("bin/") != std::string::npos || f.starts_with("/etc/"))
                primary += "<file>" + f + "</file>";
        primary += "</format></package>\n";
        std::string& entry = listed.emplace_back();
        entry = "<package pkgid=\"" + pkgid + "\" name=\"" + p.name + "\" arch=\"" + p.arch +
                "\"><version epoch=\"" + p.epoch + "\" ver=\"" + p.version + "\" rel=\"" +
                p.release + "\"/>";
        for (const auto& f : p.files) entry += "<file>" + f + "</file>";
        entry += "</package>\n";
    }
    if (order == FilelistsOrder::Reversed) std::reverse(listed.begin(), listed.end());
    for (const auto& entry : listed) filelists += entry;
    primary += "</metadata>\n";
    filelists += "</filelists>\n";
    dir.write(rel + "/repodata/primary.xml", primary);
    dir.write(rel + "/repodata/filelists.xml", filelists);
    auto entry = [](const std::string& type, const std::string& content) {
        return "<data type=\"" + type + "\"><checksum type=\"sha256\">" +
               repodata::Checksum::ofString(content, "sha256") +
               "</checksum><location href=\"repodata/" + type + ".xml\"/><size>" +
               std::to_string(content.size()) + "</size></data>";
    };
    dir.write(rel + "/repodata/repomd.xml",
              "<?xml version=\"1.0\"?><repomd><revision>1</revision>" + entry("primary", primary) +
                  entry("filelists", filelists) + "</repomd>");
    return dir.path() + "/" + rel;
}

}  // namespace mpm::test
