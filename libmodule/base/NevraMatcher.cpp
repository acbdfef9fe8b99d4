#include "libmodule/base/NevraMatcher.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "common/Strings.hpp"

namespace mpm::base {

NevraMatcher::NevraMatcher(std::vector<std::string> specs) {
    for (auto& s : specs) specs_.push_back({s, hasGlob(s)});
}

bool NevraMatcher::knownNames(::Pool* pool) const {
    if (pool == namesPool_ && pool->ss.nstrings == namesStrings_) return namesKnown_;
    namesPool_ = pool;
    namesStrings_ = pool->ss.nstrings;
    namesKnown_ = false;
    names_.clear();
    for (const auto& spec : specs_) {
        const std::string& t = spec.text;
        if (spec.glob || t.empty() || std::isdigit(static_cast<unsigned char>(t[0]))) return false;
        for (size_t end = 1; end <= t.size(); ++end)
            if (end == t.size() || t[end] == '-' || t[end] == '.')
                if (const Id id = pool_strn2id(pool, t.data(), static_cast<unsigned>(end), 0))
                    names_.push_back(id);
    }
    namesKnown_ = true;
    return true;
}

bool NevraMatcher::matches(const Package& pkg) const {
    if (specs_.empty()) return true;
    // Queries run this over every package of the pool: look at the pool's own strings and
    // build the spec forms only for packages whose name can match.
    ::Solvable* s = pkg.solvable();
    ::Pool* pool = s->repo->pool;
    if (const auto* names = candidateNames(pool);
        names && std::find(names->begin(), names->end(), s->name) == names->end())
        return false;
    const std::string_view name = pool_id2str(pool, s->name);
    const std::string_view evr = pool_id2str(pool, s->evr);
    bool anyCandidate = false;
    for (const auto& spec : specs_) {
        if (spec.glob || std::string_view(spec.text).starts_with(name) ||
            (!spec.text.empty() && std::isdigit(static_cast<unsigned char>(spec.text[0])))) {
            anyCandidate = true;
            break;
        }
    }
    if (!anyCandidate) return false;

    const std::string n(name), arch = pool_id2str(pool, s->arch);
    size_t colon = evr.find(':');
    const std::string e = colon == std::string_view::npos ? "0" : std::string(evr.substr(0, colon));
    const std::string_view vr = colon == std::string_view::npos ? evr : evr.substr(colon + 1);
    size_t dash = vr.rfind('-');
    const std::string v(vr.substr(0, dash)),
        r(dash == std::string_view::npos ? "" : vr.substr(dash + 1));
    const std::string forms[] = {
        n,
        n + "." + arch,
        n + "-" + v,
        n + "-" + v + "-" + r,
        n + "-" + v + "-" + r + "." + arch,
        n + "-" + e + ":" + v + "-" + r,
        n + "-" + e + ":" + v + "-" + r + "." + arch,
        e + ":" + n + "-" + v + "-" + r + "." + arch,
    };
    for (const auto& spec : specs_)
        for (const auto& form : forms)
            if (spec.glob ? globMatch(spec.text, form) : spec.text == form) return true;
    return false;
}

}  // namespace mpm::base
