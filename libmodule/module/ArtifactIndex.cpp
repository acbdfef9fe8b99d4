#include "libmodule/module/ArtifactIndex.hpp"

#include "libmodule/module/ModuleMetadata.hpp"

namespace mpm::module {

ArtifactIndex::ArtifactIndex(const std::vector<ModuleStream>& streams, ::Pool* pool)
    : pool_(pool), solvables_(pool->nsolvables), strings_(pool->ss.nstrings) {
    std::unordered_map<std::string_view, Id> names;  // each name looked up in the pool once
    for (const auto& stream : streams)
        for (const std::string_view nevra : stream.artifacts) {
            // "name-epoch:version-release.arch"; source artifacts name no binary package.
            const size_t dot = nevra.rfind('.');
            if (dot == nevra.npos) continue;
            const std::string_view arch = nevra.substr(dot + 1);
            if (arch == "src" || arch == "nosrc") continue;
            const size_t dash2 = nevra.rfind('-', dot);
            if (dash2 == nevra.npos || dash2 == 0) continue;
            const size_t dash1 = nevra.rfind('-', dash2 - 1);
            if (dash1 == nevra.npos) continue;
            const std::string_view name = nevra.substr(0, dash1);
            auto [it, fresh] = names.try_emplace(name, 0);
            if (fresh)
                it->second = pool_strn2id(pool, name.data(), static_cast<unsigned>(name.size()), 0);
            if (!it->second) continue;  // no package has this name
            byName_[it->second].push_back(
                {withoutEpochZero(nevra.substr(dash1 + 1, dot - dash1 - 1)), arch, &stream});
        }
    modular_.resize(pool->ss.nstrings);
    for (const auto& [name, artifacts] : byName_) modular_[name] = true;
}

std::vector<const ModuleStream*> ArtifactIndex::listing(const ::Solvable* s) const {
    std::vector<const ModuleStream*> builds;
    eachListing(s, [&](const ModuleStream* b) { builds.push_back(b); });
    return builds;
}

}  // namespace mpm::module
