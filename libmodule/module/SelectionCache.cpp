#include "libmodule/module/SelectionCache.hpp"

#include <algorithm>

#include <solv/solvversion.h>

#include "common/BinaryCodec.hpp"
#include "common/CacheFile.hpp"
#include "libmodule/base/Sack.hpp"
#include "repodata/Checksum.hpp"

namespace mpm::module {

namespace {

// Bumped whenever what selection or filtering computes from the same inputs changes.
constexpr const char* kFormat = "mpm-selection-4";
constexpr size_t kDigestSize = 64;  // sha256, hex: a damaged file is not trusted
constexpr size_t kKeepOthers = 7;

// Length-prefixed fields: two different sets of inputs never spell the same key.
std::string keyOf(const base::Sack& sack, const std::string& metadataKey, const Platform& platform,
                  const ModuleStates& states) {
    BinaryWriter w;
    w.str(kFormat);
    w.str(solv_version);  // it parsed the packages whose positions are kept
    w.str(metadataKey);
    for (const auto* f : {&platform.name, &platform.stream, &platform.source, &platform.unknownWhy})
        w.str(*f);
    w.str(sack.config().arch);
    w.u64(states.all().size());
    for (const auto& [name, st] : states.all()) {
        w.str(name);
        w.u64(static_cast<uint64_t>(st.status));
        w.str(st.stream);
        w.strings({st.profiles.begin(), st.profiles.end()});
    }
    w.u64(sack.repos().size());
    for (const auto& r : sack.repos()) {
        w.str(r.config->id);
        w.str(r.metadata.repomdDigest);
        w.u64(static_cast<uint64_t>(r.repo->end - r.repo->start));
        w.u64(static_cast<uint64_t>(r.repo->nsolvables));
        w.u64(r.config->module_hotfixes ? 1 : 0);
    }
    return w.bytes();
}

}  // namespace

SelectionCache::SelectionCache(const base::Sack& sack, const std::string& metadataKey,
                               const Platform& platform, const ModuleStates& states)
    : sack_(sack) {
    if (metadataKey.empty()) return;
    key_ = keyOf(sack, metadataKey, platform, states);
    path_ = sack.config().cacheDir() + "/modules-selection-" +
            repodata::Checksum::ofString(key_, "sha256").substr(0, 16) + ".bin";
}

std::optional<KeptSelection> SelectionCache::read() const {
    if (key_.empty()) return std::nullopt;
    const std::string bytes = readCacheFile(path_);
    if (bytes.size() < kDigestSize) return std::nullopt;
    const std::string payload = bytes.substr(0, bytes.size() - kDigestSize);
    if (repodata::Checksum::ofString(payload, "sha256") != bytes.substr(payload.size()))
        return std::nullopt;
    try {
        BinaryReader r(payload);
        if (r.str() != key_) return std::nullopt;
        KeptSelection e;
        for (size_t n = r.count(); n > 0; --n) {
            std::string name = r.str();
            e.chosen.emplace(std::move(name), r.u64());
        }
        e.active.resize(r.count());
        for (auto& index : e.active) index = r.u64();
        e.problems = r.strings();
        e.metadataWarnings = r.strings();
        e.platformWarnings = r.strings();
        e.endOfLifeNotices = r.u64() != 0;
        e.modularNames = r.strings();
        // (looked up by binary search: a list out of order is a damaged file)
        if (!std::is_sorted(e.modularNames.begin(), e.modularNames.end())) return std::nullopt;
        if (r.u64()) {
            ::Pool* pool = sack_.raw();
            solv::Map& hidden = e.hidden.emplace(pool->nsolvables);
            for (const auto& repo : sack_.repos()) {
                const std::string bits = r.str();
                const Id start = repo.repo->start, size = repo.repo->end - start;
                if (bits.size() != (static_cast<size_t>(size) + 7) / 8) return std::nullopt;
                for (size_t byte = 0; byte < bits.size(); ++byte) {
                    if (!bits[byte]) continue;
                    for (int bit = 0; bit < 8; ++bit)
                        if (bits[byte] & (1 << bit)) {
                            const Id p = start + static_cast<Id>(byte * 8 + bit);
                            if (p >= repo.repo->end || pool->solvables[p].repo != repo.repo)
                                return std::nullopt;
                            hidden.set(p);
                        }
                }
            }
        }
        e.activeListing = r.str();
        if (!r.atEnd()) return std::nullopt;
        return e;
    } catch (const CodecError&) {
        return std::nullopt;
    }
}

void SelectionCache::write(const KeptSelection& kept) const {
    if (key_.empty()) return;
    BinaryWriter w;
    w.str(key_);
    w.u64(kept.chosen.size());
    for (const auto& [name, index] : kept.chosen) {
        w.str(name);
        w.u64(index);
    }
    w.u64(kept.active.size());
    for (const uint64_t index : kept.active) w.u64(index);
    w.strings(kept.problems);
    w.strings(kept.metadataWarnings);
    w.strings(kept.platformWarnings);
    w.u64(kept.endOfLifeNotices ? 1 : 0);
    w.strings(kept.modularNames);
    w.u64(kept.hidden ? 1 : 0);
    if (kept.hidden)
        for (const auto& repo : sack_.repos()) {
            const Id start = repo.repo->start, size = repo.repo->end - start;
            std::string bits((static_cast<size_t>(size) + 7) / 8, '\0');
            for (Id i = 0; i < size; ++i)
                if (kept.hidden->test(start + i)) bits[i / 8] |= static_cast<char>(1 << (i % 8));
            w.str(bits);
        }
    w.str(kept.activeListing);
    std::string bytes = w.bytes();
    bytes += repodata::Checksum::ofString(bytes, "sha256");
    // A few are kept: roots with other module states may share this cache directory.
    writeCacheFile(
        path_, bytes,
        [](const std::string& name) {
            return name.starts_with("modules-selection-") && name.ends_with(".bin");
        },
        kKeepOthers);
}

}  // namespace mpm::module
