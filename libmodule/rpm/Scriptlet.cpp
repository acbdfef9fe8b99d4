#include "libmodule/rpm/Scriptlet.hpp"

namespace mpm::rpm {

namespace {

constexpr std::pair<ScriptletKind, const char*> kNames[] = {
    {ScriptletKind::PreTrans, "pretrans"}, {ScriptletKind::Pre, "pre"},
    {ScriptletKind::Post, "post"},         {ScriptletKind::PreUn, "preun"},
    {ScriptletKind::PostUn, "postun"},     {ScriptletKind::PostTrans, "posttrans"},
};

}  // namespace

const char* scriptletName(ScriptletKind kind) {
    for (const auto& [k, name] : kNames)
        if (k == kind) return name;
    return "?";
}

std::optional<ScriptletKind> parseScriptletKind(const std::string& name) {
    for (const auto& [k, n] : kNames)
        if (name == n) return k;
    return std::nullopt;
}

bool scriptletCanRefuse(ScriptletKind kind) {
    return kind == ScriptletKind::PreTrans || kind == ScriptletKind::Pre ||
           kind == ScriptletKind::PreUn;
}

}  // namespace mpm::rpm
