#include "libmodule/rpm/Scriptlet.hpp"

#include "common/EnumNames.hpp"

namespace mpm::rpm {

namespace {

constexpr EnumNames<ScriptletKind, 6> kNames({{
    {ScriptletKind::PreTrans, "pretrans"},
    {ScriptletKind::Pre, "pre"},
    {ScriptletKind::Post, "post"},
    {ScriptletKind::PreUn, "preun"},
    {ScriptletKind::PostUn, "postun"},
    {ScriptletKind::PostTrans, "posttrans"},
}});

}  // namespace

const char* scriptletName(ScriptletKind kind) {
    return kNames.name(kind);
}

std::optional<ScriptletKind> parseScriptletKind(const std::string& name) {
    return kNames.parse(name);
}

bool scriptletCanRefuse(ScriptletKind kind) {
    return kind == ScriptletKind::PreTrans || kind == ScriptletKind::Pre ||
           kind == ScriptletKind::PreUn;
}

}  // namespace mpm::rpm
