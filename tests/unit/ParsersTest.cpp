#include <doctest/doctest.h>

#include "TempDir.hpp"
#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "repodata/Checksum.hpp"
#include "repodata/IniFile.hpp"
#include "repodata/MirrorList.hpp"
#include "repodata/OptionValue.hpp"
#include "repodata/Repomd.hpp"
#include "repodata/Variables.hpp"

using namespace mpm;
using namespace mpm::repodata;

TEST_CASE("IniFile parses sections, comments and continuation lines") {
    auto ini = IniFile::parse(
        "# comment\n[main]\ngpgcheck = 1\n; other comment\n\n[repo-a]\nbaseurl=http://a/\n  "
        "http://b/\nname: A\n",
        "t.repo");
    REQUIRE(ini.sections.size() == 2);
    CHECK(ini.sections[0].name == "main");
    CHECK(ini.sections[0].entries[0].key == "gpgcheck");
    CHECK(ini.sections[0].entries[0].value == "1");
    CHECK(ini.sections[1].entries[0].value == "http://a/\nhttp://b/");
    CHECK(ini.sections[1].entries[1].key == "name");
    CHECK(ini.sections[1].entries[1].line == 9);
}

TEST_CASE("IniFile errors name the file and the line") {
    auto msg = [](const std::string& text) {
        try {
            IniFile::parse(text, "/etc/x.repo");
        } catch (const ConfigError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(msg("[a]\nk=v\njunk\n").starts_with("/etc/x.repo:3:"));
    CHECK(msg("key=value\n").find("before any [section]") != std::string::npos);
    CHECK(msg("[unterminated\n").starts_with("/etc/x.repo:1:"));
    CHECK(msg("[a]\n=value\n").find("no key") != std::string::npos);
    CHECK_THROWS_AS(IniFile::load("/nonexistent/file.conf"), ConfigError);
}

TEST_CASE("option values as dnf writes them") {
    CHECK(parseBoolOption("Yes"));
    CHECK_FALSE(parseBoolOption("off"));
    CHECK_THROWS_AS(parseBoolOption("maybe"), std::invalid_argument);
    CHECK(parseDurationOption("90") == 90);
    CHECK(parseDurationOption("2m") == 120);
    CHECK(parseDurationOption("6h") == 21600);
    CHECK(parseDurationOption("1d") == 86400);
    CHECK(parseDurationOption("never") == kNever);
    CHECK(parseDurationOption("-1") == kNever);
    CHECK_THROWS_AS(parseDurationOption("soon"), std::invalid_argument);
    CHECK(parseIntOption("7", 1, 10) == 7);
    CHECK_THROWS_AS(parseIntOption("11", 1, 10), std::invalid_argument);
    CHECK_THROWS_AS(parseIntOption("7x", 1, 10), std::invalid_argument);
    CHECK(parseListOption("a, b c,,d") == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("variables substitute both forms and leave unknown ones") {
    Variables v;
    v.set("releasever", "9");
    v.set("basearch", "x86_64");
    CHECK(v.substitute("http://x/$releasever/${basearch}/os") == "http://x/9/x86_64/os");
    CHECK(v.substitute("$unknown/${nope}/$") == "$unknown/${nope}/$");
    CHECK(v.substitute("${releasever") == "${releasever");
    CHECK(Variables::baseArchOf("i686") == "i386");
    CHECK(Variables::baseArchOf("x86_64") == "x86_64");
    test::TempDir dir;
    dir.write("vars/stage", "beta\nignored second line\n");
    v.loadDir(dir.path() + "/vars");
    v.loadDir(dir.path() + "/missing");
    CHECK(v.substitute("$stage") == "beta");
}

TEST_CASE("checksums match known vectors") {
    CHECK(Checksum::ofString("abc", "sha256") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Checksum::ofString("abc", "sha1") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(Checksum::ofString("abc", "sha") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK_THROWS_AS(Checksum("crc32"), std::invalid_argument);
    test::TempDir dir;
    auto p = dir.write("f", "abc");
    CHECK(Checksum::ofFile(p, "sha256") == Checksum::ofString("abc", "sha256"));
    CHECK_THROWS(Checksum::ofFile(dir.path() + "/missing", "sha256"));
}

TEST_CASE("mirrorlists and metalinks") {
    CHECK(parseMirrorList("# c\n\nhttp://a/\nnot a url\nhttps://b/x\n") ==
          std::vector<std::string>{"http://a/", "https://b/x"});
    const char* metalink = R"(<metalink><files><file name="repomd.xml"><resources>
      <url protocol="https" preference="100">https://m1/os/repodata/repomd.xml</url>
      <url protocol="rsync">rsync://m2/os/repodata/repomd.xml</url>
      <url>https://m3/other.xml</url></resources></file></files></metalink>)";
    CHECK(parseMetalink(metalink) == std::vector<std::string>{"https://m1/os/", "rsync://m2/os/"});
}

TEST_CASE("repomd.xml is read through libsolv") {
    test::TempDir dir;
    auto good = dir.write("repomd.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<repomd xmlns="http://linux.duke.edu/metadata/repo"><revision>7</revision>
<data type="primary"><checksum type="sha256">0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef</checksum>
<location href="repodata/p.xml.gz"/><timestamp>1</timestamp><size>42</size></data>
<data type="modules"><checksum type="sha1">a9993e364706816aba3e25717850c26c9cd0d89d</checksum>
<location href="repodata/m.yaml.xz"/><size>7</size></data></repomd>)");
    Repomd md = Repomd::parseFile(good);
    REQUIRE(md.find("primary"));
    CHECK(md.find("primary")->location == "repodata/p.xml.gz");
    CHECK(md.find("primary")->checksumType == "sha256");
    CHECK(md.find("primary")->checksum ==
          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    CHECK(md.find("primary")->size == 42);
    CHECK(md.find("modules")->checksumType == "sha1");
    CHECK(md.find("filelists") == nullptr);

    auto broken = dir.write("broken.xml", "<repomd><data type='primary'>");
    CHECK_THROWS_AS(Repomd::parseFile(broken), std::runtime_error);
    auto noPrimary = dir.write("np.xml", "<repomd><revision>1</revision></repomd>");
    CHECK_THROWS_WITH_AS(Repomd::parseFile(noPrimary), "it lists no primary metadata",
                         std::runtime_error);
}

TEST_CASE("string helpers") {
    CHECK(trim("  a b \n") == "a b");
    CHECK(globMatch("lib*", "libgreet"));
    CHECK_FALSE(globMatch("lib?", "libgreet"));
    CHECK(globMatch("LIB*", "libgreet", true));
    CHECK(humanSize(500) == "500");
    CHECK(humanSize(6144) == "6.0 k");
    CHECK(humanSize(3 * 1024 * 1024) == "3.0 M");
    CHECK(splitList("a,b", ",") == std::vector<std::string>{"a", "b"});
}
