// A package's scriptlet (%pre, %post, ...): what the RPM header carries and what the database
// keeps for when the package leaves.
#pragma once

#include <optional>
#include <string>

namespace mpm::rpm {

enum class ScriptletKind { PreTrans, Pre, Post, PreUn, PostUn, PostTrans };

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

}  // namespace mpm::rpm
