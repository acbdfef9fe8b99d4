#include "libmodule/module/ArtifactIndex.hpp"

#include <string>

#include "libmodule/module/ModuleMetadata.hpp"

namespace mpm::module {

ArtifactIndex::ArtifactIndex(const std::vector<ModuleStream>& streams, ::Pool* pool)
    : pool_(pool), solvables_(pool->nsolvables), strings_(pool->ss.nstrings) {
    for (const auto& stream : streams)
        for (const auto& a : stream.artifacts) add(a, &stream);
}

size_t ArtifactIndex::KeyHash::operator()(const Key& k) const {
    return (static_cast<size_t>(k.name) * 0x9E3779B97F4A7C15ULL) ^
           (static_cast<size_t>(k.evr) << 20) ^ static_cast<size_t>(k.arch);
}

Id ArtifactIndex::id(std::string_view text) const {
    return pool_strn2id(pool_, text.data(), static_cast<unsigned>(text.size()), 0);
}

const std::vector<const ModuleStream*>& ArtifactIndex::listing(const ::Solvable* s) const {
    static const std::vector<const ModuleStream*> none;
    auto it = packages_.find(Key{s->name, s->evr, s->arch});
    return it == packages_.end() ? none : it->second;
}

void ArtifactIndex::add(std::string_view nevra, const ModuleStream* build) {
    const size_t dot = nevra.rfind('.');
    if (dot == nevra.npos) return;
    const std::string_view arch = nevra.substr(dot + 1);
    if (arch == "src" || arch == "nosrc") return;
    const size_t dash2 = nevra.rfind('-', dot);
    if (dash2 == nevra.npos || dash2 == 0) return;
    const size_t dash1 = nevra.rfind('-', dash2 - 1);
    if (dash1 == nevra.npos) return;
    const Id name = id(nevra.substr(0, dash1));
    if (!name) return;  // no package has this name
    names_.insert(name);
    const Id archId = id(arch);
    if (!archId) return;
    const std::string_view evr = nevra.substr(dash1 + 1, dot - dash1 - 1);
    std::string other;  // the same evr with epoch 0 spelled the other way
    if (evr.find(':') == evr.npos)
        other = "0:" + std::string(evr);
    else if (evr.starts_with("0:"))
        other = evr.substr(2);
    for (const Id e : {id(evr), other.empty() ? Id(0) : id(other)})
        if (e) packages_[Key{name, e, archId}].push_back(build);
}

}  // namespace mpm::module
