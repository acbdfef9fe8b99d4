#include "libmodule/module/ArtifactIndex.hpp"

#include "libmodule/module/ModuleMetadata.hpp"

namespace mpm::module {

bool ArtifactIndex::parse(std::string_view nevra, Parts& parts) {
    // "name-epoch:version-release.arch"; source artifacts name no binary package.
    const size_t dot = nevra.rfind('.');
    if (dot == nevra.npos) return false;
    parts.arch = nevra.substr(dot + 1);
    if (parts.arch == "src" || parts.arch == "nosrc") return false;
    const size_t dash2 = nevra.rfind('-', dot);
    if (dash2 == nevra.npos || dash2 == 0) return false;
    const size_t dash1 = nevra.rfind('-', dash2 - 1);
    if (dash1 == nevra.npos) return false;
    parts.name = nevra.substr(0, dash1);
    parts.evr = withoutEpochZero(nevra.substr(dash1 + 1, dot - dash1 - 1));
    return true;
}

ArtifactIndex::ArtifactIndex(const std::vector<ModuleStream>& streams, ::Pool* pool)
    : pool_(pool), solvables_(pool->nsolvables), strings_(pool->ss.nstrings) {
    std::unordered_map<std::string_view, Id> names;  // each name looked up in the pool once
    for (const auto& stream : streams)
        for (const std::string_view nevra : stream.artifacts) {
            Parts parts;
            if (!parse(nevra, parts)) continue;
            auto [it, fresh] = names.try_emplace(parts.name, 0);
            if (fresh)
                it->second = pool_strn2id(pool, parts.name.data(),
                                          static_cast<unsigned>(parts.name.size()), 0);
            if (!it->second) continue;  // no package has this name
            byName_[it->second].push_back({parts.evr, parts.arch, &stream});
        }
    modular_.resize(pool->ss.nstrings);
    for (const auto& [name, artifacts] : byName_) modular_[name] = true;
}

std::vector<const ModuleStream*> ArtifactIndex::scanListing(
    const std::vector<ModuleStream>& streams, ::Pool* pool, const ::Solvable* s) {
    const std::string_view name = pool_id2str(pool, s->name);
    const std::string_view evr = withoutEpochZero(pool_id2str(pool, s->evr));
    const std::string_view arch = pool_id2str(pool, s->arch);
    std::vector<const ModuleStream*> builds;
    for (const auto& stream : streams)
        for (const std::string_view nevra : stream.artifacts) {
            // (most artifacts are told apart by their first characters)
            if (!nevra.starts_with(name) || nevra.size() <= name.size() ||
                nevra[name.size()] != '-')
                continue;
            Parts parts;
            if (parse(nevra, parts) && parts.name == name && parts.evr == evr && parts.arch == arch)
                builds.push_back(&stream);
        }
    return builds;
}

std::vector<const ModuleStream*> ArtifactIndex::listing(const ::Solvable* s) const {
    std::vector<const ModuleStream*> builds;
    eachListing(s, [&](const ModuleStream* b) { builds.push_back(b); });
    return builds;
}

}  // namespace mpm::module
