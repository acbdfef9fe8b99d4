// Stream selection, module specs and artifact names, on metadata made in memory.
#include <doctest/doctest.h>

#include "TempDir.hpp"
#include "common/Error.hpp"
#include "libmodule/module/ModuleParse.hpp"
#include "libmodule/module/ModuleRequest.hpp"
#include "libmodule/module/Modules.hpp"
#include "libmodule/module/StreamSelector.hpp"

using namespace mpm;
using namespace mpm::module;

namespace {

ModuleStream build(const std::string& name, const std::string& stream, uint64_t version,
                   std::map<std::string, std::vector<std::string>> requires_ = {{"platform",
                                                                                 {"el8"}}},
                   const std::string& context = "c0ffee42") {
    ModuleStream s;
    s.name = name;
    s.stream = stream;
    s.version = version;
    s.context = context;
    s.arch = "x86_64";
    s.repo = "test";
    s.requires_ = {std::move(requires_)};
    return s;
}

Platform el8() {
    Platform p;
    p.name = "platform";
    p.stream = "el8";
    p.source = "test";
    return p;
}

ModuleStates enabled(const std::string& name, const std::string& stream) {
    ModuleStates states;
    ModuleState st;
    st.name = name;
    st.status = ModuleStatus::Enabled;
    st.stream = stream;
    states.set(st);
    return states;
}

std::string chosen(const ModuleSelection& sel, const std::string& name) {
    const ModuleStream* s = sel.chosenFor(name);
    return s ? s->stream + ":" + std::to_string(s->version) + ":" + s->context : "none";
}

}  // namespace

TEST_CASE("the default stream is chosen, its newest version, and an enabled stream overrides it") {
    ModuleMetadata md(
        {build("nodejs", "18", 1), build("nodejs", "18", 2), build("nodejs", "20", 9)},
        {{"nodejs", {"18", {}}}});
    StreamSelector selector(md, el8(), "x86_64");
    CHECK(chosen(selector.select({}), "nodejs") == "18:2:c0ffee42");
    CHECK(chosen(selector.select(enabled("nodejs", "20")), "nodejs") == "20:9:c0ffee42");
    ModuleStates disabled;
    disabled.set({"nodejs", ModuleStatus::Disabled, "", {}});
    CHECK(chosen(selector.select(disabled), "nodejs") == "none");
}

TEST_CASE("a stream without a default and not enabled is not active") {
    ModuleMetadata md({build("tool", "1", 1)}, {});
    StreamSelector selector(md, el8(), "x86_64");
    CHECK(chosen(selector.select({}), "tool") == "none");
    CHECK(chosen(selector.select(enabled("tool", "1")), "tool") == "1:1:c0ffee42");
}

TEST_CASE("a context for another platform drops out even when its version is newer") {
    ModuleMetadata md({build("ctx", "1", 10, {{"platform", {"el8"}}}, "el8ctx"),
                       build("ctx", "1", 20, {{"platform", {"el9"}}}, "el9ctx")},
                      {{"ctx", {"1", {}}}});
    StreamSelector selector(md, el8(), "x86_64");
    CHECK(chosen(selector.select({}), "ctx") == "1:10:el8ctx");
    CHECK(chosen(selector.select(enabled("ctx", "1")), "ctx") == "1:10:el8ctx");
    CHECK(selector.whyUnusable("ctx", "1", {}).empty());
}

TEST_CASE("module dependencies: OR lists, any stream, and a conflict with an enabled stream") {
    ModuleMetadata md({build("nodejs", "18", 1), build("nodejs", "20", 1),
                       build("app", "1", 1, {{"platform", {"el8"}}, {"nodejs", {"20", "22"}}}),
                       build("any", "1", 1, {{"platform", {}}, {"nodejs", {}}})},
                      {{"nodejs", {"18", {}}}});
    StreamSelector selector(md, el8(), "x86_64");
    ModuleStates states = enabled("app", "1");
    ModuleSelection sel = selector.select(states);
    CHECK(chosen(sel, "app") == "1:1:c0ffee42");
    CHECK(chosen(sel, "nodejs") == "20:1:c0ffee42");  // the dependency beats the default
    states.set({"nodejs", ModuleStatus::Enabled, "18", {}});
    CHECK(selector.whyUnusable("app", "1", states) ==
          "app:1 needs nodejs:20 or nodejs:22, but nodejs:18 is enabled");
    sel = selector.select(states);
    CHECK(chosen(sel, "nodejs") == "18:1:c0ffee42");
    CHECK(chosen(sel, "app") == "none");
    CHECK_FALSE(sel.problems.empty());
    CHECK(chosen(selector.select(enabled("any", "1")), "any") == "1:1:c0ffee42");
}

TEST_CASE("a stream built for another platform is explained") {
    ModuleMetadata md({build("future", "1", 1, {{"platform", {"el9"}}})}, {});
    StreamSelector selector(md, el8(), "x86_64");
    const std::string why = selector.whyUnusable("future", "1", {});
    CHECK(why.find("is built for platform:el9, but this system is platform:el8") !=
          std::string::npos);
    CHECK(chosen(selector.select(enabled("future", "1")), "future") == "none");
    CHECK(selector.whyUnusable("nosuch", "1", {}) != "");
}

TEST_CASE("module specs parse as dnf's and bad ones are refused") {
    ModuleSpec s = ModuleSpec::parse("nodejs:18:3:abc:x86_64/development");
    CHECK(s.name == "nodejs");
    CHECK(s.stream == "18");
    CHECK(s.version == "3");
    CHECK(s.context == "abc");
    CHECK(s.arch == "x86_64");
    CHECK(s.profile == "development");
    CHECK(ModuleSpec::parse("nodejs/common").stream.empty());
    CHECK(ModuleSpec::parse("nodejs/common").profile == "common");
    for (const char* bad : {"", "nodejs:", "nodejs/", ":18", "nodejs:18:"})
        CHECK_THROWS_AS(ModuleSpec::parse(bad), ModuleError);
}

TEST_CASE("artifacts get their epoch and obsoletes are in force from their EOL date") {
    CHECK(normalizeArtifact("nodejs-18.1-1.noarch") == "nodejs-0:18.1-1.noarch");
    CHECK(normalizeArtifact("nodejs-1:18.1-1.el8.x86_64") == "nodejs-1:18.1-1.el8.x86_64");
    ModuleObsoletes now{"nodejs", "18", "", 202401010000, 0, "gone", "nodejs", "20", false};
    ModuleObsoletes later = now;
    later.eolDate = 299901010000;
    later.modified = 202501010000;
    CHECK(now.activeAt(202611250000));
    CHECK_FALSE(later.activeAt(202611250000));
    ModuleMetadata md({build("nodejs", "18", 1)}, {}, {now, later});
    REQUIRE(md.obsoletes("nodejs", "18") != nullptr);
    CHECK(md.obsoletes("nodejs", "18")->eolDate == 0);  // the newer one is not in force yet
    CHECK(md.obsoletes("nodejs", "20") == nullptr);
}

TEST_CASE("the module metadata parser: a missing program and an unreadable file are one sentence") {
    test::TempDir dir;
    const std::string yaml = dir.write(
        "modules.yaml", "---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  module: m\n...\n");
    CHECK_THROWS_WITH(
        ModuleParse("key", {{"r", 99, yaml, 0}}, dir.path() + "/no-such-parser").finish(),
        ("cannot run the module metadata parser " + dir.path() +
         "/no-such-parser (No such file or directory); reinstall mpm, whose package installs it")
            .c_str());
    try {
        ModuleParse("key", {{"r", 99, dir.path() + "/gone.yaml", 0}}).finish();
        FAIL("no error");
    } catch (const RepoError& e) {
        CHECK(e.repoid() == "r");
        CHECK(std::string(e.what()).find("cannot read its module metadata: No such file or "
                                         "directory; run 'mpm clean metadata' and retry") !=
              std::string::npos);
    }
    // The parser found, the same file is parsed (a defaults document: no stream, no warning).
    CHECK(!ModuleParse("key", {{"r", 99, yaml, 0}}).finish().empty());
}
