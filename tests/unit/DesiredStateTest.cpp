// The desired-state format of mpm apply: every section in its long and short forms, the lines
// kept for messages, and the contradictions refused with the line that makes them.
#include <doctest/doctest.h>

#include "common/Error.hpp"
#include "libmodule/provision/DesiredState.hpp"

using namespace mpm;
using namespace mpm::provision;

namespace {

std::string failure(const std::string& text) {
    try {
        DesiredState::parse(text, "s.yaml");
    } catch (const Error& e) {
        return e.what();
    }
    return "parsed";
}

}  // namespace

TEST_CASE("DesiredState: every section, long and short forms") {
    const DesiredState s = DesiredState::parse(R"(# a host
packages:
  present: [hello, "@nodejs:20/common"]
  latest:
    - bash
  absent: nano
modules:
  nodejs: 20
  perl: {stream: "5.30", profiles: [common, minimal]}
  postgresql: disabled
  ruby: {state: reset}
  php: enabled
groups:
  present: ["@core", "^server-env"]
  absent: [games]
repos:
  enable: [updates*]
  disable: [extras]
)",
                                               "s.yaml");
    CHECK(s.source == "s.yaml");
    REQUIRE(s.packages.size() == 4);
    CHECK(s.packages[0].spec == "hello");
    CHECK(s.packages[0].line == 3);
    CHECK(s.packages[1].spec == "@nodejs:20/common");
    CHECK(s.packages[2].spec == "bash");
    CHECK(s.packages[2].state == PackageState::Latest);
    CHECK(s.packages[2].line == 5);
    CHECK(s.packages[3].spec == "nano");
    CHECK(s.packages[3].state == PackageState::Absent);
    REQUIRE(s.modules.size() == 5);
    CHECK(s.modules[0].stream == "20");  // a number in YAML, a stream here
    CHECK(s.modules[0].state == ModuleGoal::Enabled);
    CHECK(s.modules[1].stream == "5.30");
    CHECK(s.modules[1].profiles == std::vector<std::string>{"common", "minimal"});
    CHECK(s.modules[2].state == ModuleGoal::Disabled);
    CHECK(s.modules[3].state == ModuleGoal::Reset);
    CHECK(s.modules[4].state == ModuleGoal::Enabled);
    CHECK(s.modules[4].stream.empty());
    CHECK(s.modules[4].line == 12);
    REQUIRE(s.groups.size() == 3);
    CHECK(s.groups[0].spec() == "core");
    CHECK_FALSE(s.groups[0].environment);
    CHECK(s.groups[1].spec() == "^server-env");
    CHECK(s.groups[1].environment);
    CHECK_FALSE(s.groups[2].present);
    REQUIRE(s.repoToggles.size() == 2);
    // Disabled first, then enabled (dnf's order), whatever the order of the keys.
    CHECK(s.repoToggles[0] == std::pair<bool, std::string>{false, "extras"});
    CHECK(s.repoToggles[1] == std::pair<bool, std::string>{true, "updates*"});
}

TEST_CASE("DesiredState: a list of packages is all present, empty sections are nothing") {
    const DesiredState s = DesiredState::parse("packages: [a, b]\nmodules:\ngroups: ~\n", "s.yaml");
    REQUIRE(s.packages.size() == 2);
    CHECK(s.packages[1].state == PackageState::Present);
    CHECK(s.modules.empty());
    CHECK(s.groups.empty());
    CHECK(DesiredState::parse("{}", "s.yaml").packages.empty());
    CHECK(DesiredState::parse("# nothing yet\n", "s.yaml").packages.empty());
    CHECK(DesiredState::parse("---\n", "s.yaml").modules.empty());
    // JSON is YAML: what the Ansible module writes.
    const DesiredState j = DesiredState::parse(
        R"({"packages": {"latest": ["x"]}, "modules": {"m": {"stream": 2}}})", "s.yaml");
    CHECK(j.packages[0].state == PackageState::Latest);
    CHECK(j.modules[0].stream == "2");
}

TEST_CASE("DesiredState: what is not a state is refused with its line") {
    CHECK(failure("packages: [a, b, a]\n") == "s.yaml:1: a is listed twice (first on line 1)");
    CHECK(failure("a: 1\n---\nb: 2\n") ==
          "s.yaml:3: a second YAML document; a desired state is one document");
    CHECK(failure("repos:\n  enable: [x]\n  disable: [x]\n") ==
          "s.yaml:2: repository x is enabled here and disabled on line 3; give it one state");
    CHECK(failure("modules: {m: null}\n") == "s.yaml:1: module m has an empty value");
    CHECK(failure("packages:\n  present: [a]\n  latest: [a]\n") ==
          "s.yaml:3: a is latest here and present on line 2; give it one state");
    CHECK(failure("modules:\n  m:\n    stream: 1\n    state: reset\n") ==
          "s.yaml:2: module m is reset, so it takes no stream or profiles");
    CHECK(failure("modules:\n  m: {profiles: {a: b}}\n") ==
          "s.yaml:2: profiles is a list of names, not a mapping");
    CHECK(failure("packages: [[a]]\n") == "s.yaml:1: packages takes a value here, not a list");
    CHECK(failure("packages: ['']\n") == "s.yaml:1: packages has an empty value");
    CHECK(failure("groups: ['^']\n") == "s.yaml:1: '^' names no group");
    CHECK(failure("repos: [a]\n") ==
          "s.yaml:1: repos is a mapping with 'enable' and 'disable' lists");
    CHECK(failure("modules: [a]\n") ==
          "s.yaml:1: modules is a mapping of module names to streams or states (nodejs: \"20\")");
    CHECK(failure("packages: [a]\npackages: [b]\n") ==
          "s.yaml:2: 'packages' is given twice in a desired state (first on line 1)");
    CHECK(failure("plain text") ==
          "s.yaml:1: a desired state is a mapping with packages, modules, groups or repos");
}
