// A package's scriptlet (%pre, %post, ...): what the RPM header carries and what the database
// keeps for when the package leaves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mpm::rpm {

enum class ScriptletKind {
    PreTrans,
    Pre,
    Post,
    PreUn,
    PostUn,
    PostTrans,
    // Triggers: scripts of one package that another package's arrival or departure sets off.
    TriggerPreIn,
    TriggerIn,
    TriggerUn,
    TriggerPostUn,
    // File triggers: set off by files under a path prefix arriving or leaving, per package or
    // once per transaction.
    FileTriggerIn,
    FileTriggerUn,
    FileTriggerPostUn,
    TransFileTriggerIn,
    TransFileTriggerUn,
    TransFileTriggerPostUn,
};

// "pretrans", "pre", ...: rpm's own names (as in %pre), also what the database stores.
const char* scriptletName(ScriptletKind kind);
std::optional<ScriptletKind> parseScriptletKind(const std::string& name);
// Whether a failure of this scriptlet refuses the package (rpm's rule: %pretrans, %pre, %preun).
bool scriptletCanRefuse(ScriptletKind kind);

struct Scriptlet {
    ScriptletKind kind = ScriptletKind::Post;
    std::string interpreter;  // "/bin/sh" when the header names none; "<lua>" for Lua
    std::string body;
    bool isLua() const { return interpreter == "<lua>"; }
};

// One %trigger* entry of a header: its kind, the package name it watches with an optional
// version condition (rpm's sense flags and EVR), and its script. Entries of one
// "%triggerin -- a, b" share their script (and `index`).
struct Trigger {
    std::string target;
    uint32_t senseFlags = 0;  // RPMSENSE_LESS/GREATER/EQUAL bits of the condition
    std::string version;      // empty: any version
    int index = 0;
    Scriptlet script;  // script.kind is the trigger's kind
};

// One %filetrigger*/%transfiletrigger* script with the path prefixes that set it off.
struct FileTrigger {
    std::vector<std::string> prefixes;
    uint32_t priority = 1000000;  // rpm's default; higher runs first
    Scriptlet script;             // script.kind is the file trigger's kind
    // Whether a path is under one of the prefixes (rpm's rule: a plain string prefix).
    bool matches(const std::string& path) const;
};

// Whether a package of this name and [epoch:]version-release sets the trigger off.
bool triggerMatches(const Trigger& trigger, const std::string& name, const std::string& evr);

}  // namespace mpm::rpm
