#include "libmodule/module/ModuleFailsafe.hpp"

#include <algorithm>
#include <filesystem>

#include "common/BinaryCodec.hpp"
#include "common/CacheFile.hpp"
#include "common/Strings.hpp"
#include "repodata/Config.hpp"

namespace mpm::module {

namespace {

constexpr const char* kFormat = "mpm-module-failsafe-3";

}  // namespace

std::string ModuleFailsafe::contentOf(const std::vector<const ModuleStream*>& builds) {
    std::string out;
    for (const ModuleStream* b : builds)
        out += b->name + ":" + b->stream + ":" + std::to_string(b->version) + ":" + b->context +
               "." + b->arch + "\n";
    return out;
}

ModuleFailsafe::ModuleFailsafe(const repodata::Config& config)
    : path_(config.persistDir() + "/module-failsafe.bin") {}

// The file is the copy and, last, a digest of it: a damaged or cut copy is no copy (the next
// change writes it again), never a part of one.
const std::string& ModuleFailsafe::bytes() const {
    if (!read_) {
        bytes_ = readCacheFile(path_);
        read_ = true;
        const size_t digestSize = 16;  // fingerprint(): a query loads no gcrypt for it
        if (bytes_.size() <= digestSize ||
            fingerprint(std::string_view(bytes_).substr(0, bytes_.size() - digestSize)) !=
                bytes_.substr(bytes_.size() - digestSize))
            bytes_.clear();
        else
            bytes_.resize(bytes_.size() - digestSize);
    }
    return bytes_;
}

std::pair<std::string, std::string> ModuleFailsafe::header() const {
    if (bytes().empty()) return {};
    try {
        BinaryReader r(bytes());
        if (r.str() != kFormat) return {};
        std::string key = r.str();
        return {std::move(key), r.str()};
    } catch (const CodecError&) {
        return {};
    }
}

std::string ModuleFailsafe::keptKey() const {
    return header().first;
}

std::string ModuleFailsafe::content() const {
    return header().second;
}

std::vector<ModuleStream> ModuleFailsafe::missingFrom(const ModuleMetadata& md,
                                                      const ModuleStates& states) const {
    std::vector<ModuleStream> out;
    auto enabledWithoutBuilds = [&](const ModuleStream& kept) {
        const ModuleState st = states.get(kept.name);
        return st.status == ModuleStatus::Enabled && st.stream == kept.stream &&
               std::none_of(md.streams().begin(), md.streams().end(), [&](const ModuleStream& s) {
                   return s.name == kept.name && s.stream == kept.stream;
               });
    };
    if (bytes().empty()) return out;
    try {
        BinaryReader r(bytes());
        if (r.str() != kFormat) return out;
        r.str();  // the key and the content's names
        r.str();
        for (size_t n = r.count(); n > 0; --n) {
            ModuleStream s = ModuleMetadata::decodeStream(r);
            if (!enabledWithoutBuilds(s)) continue;
            s.repo = kFailsafeRepo;
            out.push_back(std::move(s));
        }
    } catch (const CodecError&) {
        return {};  // a damaged copy is no copy; the next change writes it again
    }
    return out;
}

void ModuleFailsafe::keep(const std::string& key,
                          const std::vector<const ModuleStream*>& builds) const {
    if (builds.empty()) {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
        return;
    }
    BinaryWriter w;
    w.str(kFormat);
    w.str(key);
    w.str(contentOf(builds));
    w.u64(builds.size());
    for (const ModuleStream* b : builds) ModuleMetadata::encodeStream(w, *b);
    writeCacheFile(path_, w.bytes() + fingerprint(w.bytes()),
                   [](const std::string&) { return false; });
    read_ = false;
}

}  // namespace mpm::module
