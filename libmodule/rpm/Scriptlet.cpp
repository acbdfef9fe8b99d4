#include "libmodule/rpm/Scriptlet.hpp"

#include <rpm/rpmds.h>

#include "common/EnumNames.hpp"
#include "libmodule/rpm/RpmHandles.hpp"

namespace mpm::rpm {

namespace {

constexpr EnumNames<ScriptletKind, 16> kNames({{
    {ScriptletKind::PreTrans, "pretrans"},
    {ScriptletKind::Pre, "pre"},
    {ScriptletKind::Post, "post"},
    {ScriptletKind::PreUn, "preun"},
    {ScriptletKind::PostUn, "postun"},
    {ScriptletKind::PostTrans, "posttrans"},
    {ScriptletKind::TriggerPreIn, "triggerprein"},
    {ScriptletKind::TriggerIn, "triggerin"},
    {ScriptletKind::TriggerUn, "triggerun"},
    {ScriptletKind::TriggerPostUn, "triggerpostun"},
    {ScriptletKind::FileTriggerIn, "filetriggerin"},
    {ScriptletKind::FileTriggerUn, "filetriggerun"},
    {ScriptletKind::FileTriggerPostUn, "filetriggerpostun"},
    {ScriptletKind::TransFileTriggerIn, "transfiletriggerin"},
    {ScriptletKind::TransFileTriggerUn, "transfiletriggerun"},
    {ScriptletKind::TransFileTriggerPostUn, "transfiletriggerpostun"},
}});

}  // namespace

const char* scriptletName(ScriptletKind kind) {
    return kNames.name(kind);
}

std::optional<ScriptletKind> parseScriptletKind(const std::string& name) {
    return kNames.parse(name);
}

bool scriptletCanRefuse(ScriptletKind kind) {
    // rpm 4.18 counts no trigger among them: a failing trigger is a warning.
    return kind == ScriptletKind::PreTrans || kind == ScriptletKind::Pre ||
           kind == ScriptletKind::PreUn;
}

bool FileTrigger::matches(const std::string& path) const {
    for (const auto& p : prefixes)
        if (path.compare(0, p.size(), p) == 0) return true;
    return false;
}

bool triggerMatches(const Trigger& trigger, const std::string& name, const std::string& evr) {
    if (trigger.target != name) return false;
    if (trigger.version.empty() || !(trigger.senseFlags & RPMSENSE_SENSEMASK)) return true;
    // rpm's own comparison: the package provides itself at its EVR.
    Ds want(rpmdsSingle(RPMTAG_TRIGGERNAME, name.c_str(), trigger.version.c_str(),
                        static_cast<rpmsenseFlags>(trigger.senseFlags & RPMSENSE_SENSEMASK)));
    Ds have(rpmdsSingle(RPMTAG_PROVIDENAME, name.c_str(), evr.c_str(), RPMSENSE_EQUAL));
    return want && have && rpmdsCompare(have.get(), want.get()) != 0;
}

}  // namespace mpm::rpm
