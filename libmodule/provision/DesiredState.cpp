#include "libmodule/provision/DesiredState.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "common/EnumNames.hpp"
#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "common/Yaml.hpp"

namespace mpm::provision {

namespace {

constexpr EnumNames<PackageState, 3> kPackageStates({{{PackageState::Present, "present"},
                                                      {PackageState::Latest, "latest"},
                                                      {PackageState::Absent, "absent"}}});
constexpr EnumNames<ModuleGoal, 3> kModuleGoals({{{ModuleGoal::Enabled, "enabled"},
                                                  {ModuleGoal::Disabled, "disabled"},
                                                  {ModuleGoal::Reset, "reset"}}});

}  // namespace

const char* packageStateName(PackageState state) {
    return kPackageStates.name(state);
}

const char* moduleGoalName(ModuleGoal goal) {
    return kModuleGoals.name(goal);
}

namespace {

Error lineError(const std::string& file, int line, const std::string& what) {
    return Error(file + ":" + std::to_string(line) + ": " + what);
}

// One document read top-down; every complaint names the file and the line.
class Reader {
  public:
    explicit Reader(std::string name) : name_(std::move(name)) {}

    [[noreturn]] void fail(int line, const std::string& what) const {
        throw lineError(name_, line, what);
    }

    // A list of values: a sequence of scalars, or one scalar standing for a list of one.
    std::vector<std::pair<std::string, int>> values(const YamlNode& node,
                                                    const std::string& what) const {
        std::vector<std::pair<std::string, int>> out;
        if (node.kind == YamlNode::Kind::Scalar) {
            if (!isNull(node)) out.emplace_back(scalar(node, what), node.line);
            return out;  // "absent:" with nothing after it: an empty list
        }
        if (node.kind != YamlNode::Kind::Sequence)
            fail(node.line, what + " is a list of names, not a mapping");
        for (const auto& item : node.items) out.emplace_back(scalar(item, what), item.line);
        return out;
    }

    std::string scalar(const YamlNode& node, const std::string& what) const {
        if (node.kind != YamlNode::Kind::Scalar)
            fail(node.line, what + " takes a value here, not a " +
                                (node.kind == YamlNode::Kind::Sequence ? "list" : "mapping"));
        if (node.scalar.empty() || isNull(node)) fail(node.line, what + " has an empty value");
        return node.scalar;
    }

    // YAML's null: nothing, "~" or "null", unquoted.
    static bool isNull(const YamlNode& node) {
        return node.kind == YamlNode::Kind::Scalar && !node.quoted &&
               (node.scalar.empty() || node.scalar == "~" || node.scalar == "null" ||
                node.scalar == "Null" || node.scalar == "NULL");
    }

    // The keys of a mapping, each checked against those allowed.
    void checkKeys(const YamlNode& map, const std::string& what,
                   const std::vector<std::string>& allowed) const {
        for (size_t i = 0; i < map.keys.size(); ++i) {
            if (std::find(allowed.begin(), allowed.end(), map.keys[i]) == allowed.end())
                fail(map.keyLines[i], "'" + map.keys[i] + "' is not a key of " + what +
                                          " (the keys are " + join(allowed, ", ") + ")");
            for (size_t j = 0; j < i; ++j)
                if (map.keys[j] == map.keys[i])
                    fail(map.keyLines[i], "'" + map.keys[i] + "' is given twice in " + what +
                                              " (first on line " + std::to_string(map.keyLines[j]) +
                                              ")");
        }
    }

    void packages(const YamlNode& node, DesiredState& out) const {
        if (node.kind != YamlNode::Kind::Mapping) {
            for (auto& [spec, line] : values(node, "packages"))
                out.packages.push_back({spec, PackageState::Present, line});
            refuseTwice(out.packages);
            return;
        }
        checkKeys(node, "packages", {"present", "latest", "absent"});
        for (size_t i = 0; i < node.keys.size(); ++i) {
            const PackageState state = *kPackageStates.parse(node.keys[i]);  // keys checked
            for (auto& [spec, line] : values(node.values[i], "packages: " + node.keys[i]))
                out.packages.push_back({spec, state, line});
        }
        refuseTwice(out.packages);
    }

    // A package in two states is a contradiction, not a sequence of steps; in one, a slip.
    void refuseTwice(const std::vector<PackageEntry>& packages) const {
        std::map<std::string, const PackageEntry*> seen;
        for (const auto& p : packages) {
            auto [it, fresh] = seen.emplace(p.spec, &p);
            if (fresh) continue;
            const std::string first = std::to_string(it->second->line);
            if (it->second->state == p.state)
                fail(p.line, p.spec + " is listed twice (first on line " + first + ")");
            fail(p.line, p.spec + " is " + packageStateName(p.state) + " here and " +
                             packageStateName(it->second->state) + " on line " + first +
                             "; give it one state");
        }
    }

    void groups(const YamlNode& node, DesiredState& out) const {
        auto add = [&](const std::string& text, int line, bool present) {
            std::string id = text.starts_with("@") ? text.substr(1) : text;
            GroupEntry g;
            g.environment = id.starts_with("^");
            g.id = g.environment ? id.substr(1) : id;
            g.present = present;
            g.line = line;
            if (g.id.empty()) fail(line, "'" + text + "' names no group");
            for (const auto& o : out.groups)
                if (o.spec() == g.spec())
                    fail(line, text + " is listed twice in groups (first on line " +
                                   std::to_string(o.line) + ")");
            out.groups.push_back(g);
        };
        if (node.kind != YamlNode::Kind::Mapping) {
            for (auto& [id, line] : values(node, "groups")) add(id, line, true);
            return;
        }
        checkKeys(node, "groups", {"present", "absent"});
        for (size_t i = 0; i < node.keys.size(); ++i)
            for (auto& [id, line] : values(node.values[i], "groups: " + node.keys[i]))
                add(id, line, node.keys[i] == "present");
    }

    ModuleEntry module(const std::string& name, int line, const YamlNode& node) const {
        ModuleEntry m;
        m.name = name;
        m.line = line;
        if (node.kind == YamlNode::Kind::Scalar) {
            // The short forms: a stream, or one of the states.
            const std::string v = scalar(node, "module " + name);
            if (const auto goal = kModuleGoals.parse(v))
                m.state = *goal;
            else
                m.stream = v;
            return m;
        }
        if (node.kind != YamlNode::Kind::Mapping)
            fail(node.line, "module " + name +
                                " takes a stream, 'disabled', 'reset', or a mapping of stream, "
                                "profiles and state; not a list");
        checkKeys(node, "module " + name, {"stream", "profiles", "state"});
        if (const YamlNode* s = node.find("state")) {
            const std::string v = scalar(*s, "state");
            const auto goal = kModuleGoals.parse(v);
            if (!goal)
                fail(s->line,
                     "module " + name + ": state '" + v + "' is none of enabled, disabled, reset");
            m.state = *goal;
        }
        if (const YamlNode* s = node.find("stream")) m.stream = scalar(*s, "stream");
        if (const YamlNode* p = node.find("profiles"))
            for (auto& [profile, l] : values(*p, "profiles")) m.profiles.push_back(profile);
        if (m.state != ModuleGoal::Enabled && (!m.stream.empty() || !m.profiles.empty()))
            fail(line, "module " + name + " is " + moduleGoalName(m.state) +
                           ", so it takes no stream or profiles");
        return m;
    }

    void modules(const YamlNode& node, DesiredState& out) const {
        if (node.kind != YamlNode::Kind::Mapping)
            fail(node.line,
                 "modules is a mapping of module names to streams or states (nodejs: \"20\")");
        checkKeys(node, "modules", node.keys);  // only for names given twice
        for (size_t i = 0; i < node.keys.size(); ++i) {
            if (node.keys[i].empty()) fail(node.keyLines[i], "a module name is empty");
            if (node.keys[i].find_first_of(":/@ ") != std::string::npos)
                fail(node.keyLines[i], "'" + node.keys[i] +
                                           "' is not a module name (give the stream and "
                                           "profiles under it: stream: ..., profiles: [...])");
            out.modules.push_back(module(node.keys[i], node.keyLines[i], node.values[i]));
        }
    }

    void repos(const YamlNode& node, DesiredState& out) const {
        if (node.kind != YamlNode::Kind::Mapping)
            fail(node.line, "repos is a mapping with 'enable' and 'disable' lists");
        checkKeys(node, "repos", {"enable", "disable"});
        // dnf's order whatever the mapping's: what is disabled first, then what is enabled
        // ("disable: ['*'], enable: [base]" leaves base alone).
        std::map<std::string, int> disabled;
        if (const YamlNode* d = node.find("disable"))
            for (auto& [id, line] : values(*d, "repos: disable")) {
                out.repoToggles.emplace_back(false, id);
                disabled.emplace(id, line);
            }
        if (const YamlNode* e = node.find("enable"))
            for (auto& [id, line] : values(*e, "repos: enable")) {
                if (auto it = disabled.find(id); it != disabled.end())
                    fail(line, "repository " + id + " is enabled here and disabled on line " +
                                   std::to_string(it->second) + "; give it one state");
                out.repoToggles.emplace_back(true, id);
            }
    }

  private:
    std::string name_;
};

}  // namespace

Error DesiredState::errorAt(int line, const std::string& what) const {
    return lineError(source, line, what);
}

DesiredState DesiredState::parse(const std::string& text, const std::string& name) {
    // Every key may be left out: a document with none (or only comments) asks for nothing.
    const std::optional<YamlNode> document = parseYamlDocument(text, name, "a desired state");
    DesiredState out;
    out.source = name;
    if (!document || Reader::isNull(*document)) return out;  // "---" alone: a null document
    const YamlNode& root = *document;
    Reader reader(name);
    if (root.kind != YamlNode::Kind::Mapping)
        reader.fail(root.line,
                    "a desired state is a mapping with packages, modules, groups or repos");
    reader.checkKeys(root, "a desired state", {"packages", "modules", "groups", "repos"});
    // "modules:" with nothing after it is YAML's null: an empty section.
    auto section = [&](const char* key) -> const YamlNode* {
        const YamlNode* n = root.find(key);
        return n && Reader::isNull(*n) ? nullptr : n;
    };
    // In the order a run uses them: repositories first, then what comes from them.
    if (const YamlNode* n = section("repos")) reader.repos(*n, out);
    if (const YamlNode* n = section("modules")) reader.modules(*n, out);
    if (const YamlNode* n = section("groups")) reader.groups(*n, out);
    if (const YamlNode* n = section("packages")) reader.packages(*n, out);
    return out;
}

}  // namespace mpm::provision
