#include "libmodule/module/ModuleMetadata.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iterator>

#include "common/BinaryCodec.hpp"
#include "common/CacheFile.hpp"
#include "common/Error.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/module/ModuleParse.hpp"
#include "repodata/Checksum.hpp"

namespace mpm::module {

namespace {

constexpr const char* kCacheFormat = "mpm-modules-4";

// A repository whose module documents are read: its configuration and metadata.
struct Source {
    const repodata::RepoConfig* config;
    const repodata::RepoMetadata* metadata;
};

std::vector<Source> sourcesOf(const base::Sack& sack) {
    std::vector<Source> sources;
    for (const auto& repo : sack.repos())
        if (!repo.metadata.path("modules").empty())
            sources.push_back({repo.config, &repo.metadata});
    return sources;
}

// What the merged metadata depends on: every repo with modules, its metadata and priority.
std::string mergeKey(const std::vector<Source>& sources) {
    std::string key = kCacheFormat;
    for (const auto& s : sources)
        key += "|" + s.config->id + "@" + s.metadata->repomdDigest + "#" +
               std::to_string(s.config->priority);
    return key;
}

std::string cachePath(const base::Sack& sack, const std::string& key) {
    return sack.config().cacheDir() + "/modules-" +
           repodata::Checksum::ofString(key, "sha256").substr(0, 16) + ".bin";
}

// What the parser reads: every source's modules file.
std::vector<ModuleParse::Source> parseSources(const std::vector<Source>& sources) {
    std::vector<ModuleParse::Source> out;
    for (const auto& s : sources)
        out.push_back(
            {s.config->id, s.config->priority, s.metadata->path("modules"), s.metadata->sizeLimit});
    return out;
}

void write(BinaryWriter& w, const ModuleObsoletes& o) {
    for (const auto* f : {&o.module, &o.stream, &o.context, &o.message, &o.byModule, &o.byStream})
        w.str(*f);
    w.u64(o.modified);
    w.u64(o.eolDate);
    w.u64(o.reset ? 1 : 0);
}

ModuleObsoletes readObsoletes(BinaryReader& r) {
    ModuleObsoletes o;
    for (auto* f : {&o.module, &o.stream, &o.context, &o.message, &o.byModule, &o.byStream})
        *f = r.str();
    o.modified = r.u64();
    o.eolDate = r.u64();
    o.reset = r.u64() != 0;
    return o;
}

// Now as YYYYMMDDhhmm (UTC), the form libmodulemd gives dates in.
uint64_t nowStamp() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return (((static_cast<uint64_t>(tm.tm_year + 1900) * 100 + tm.tm_mon + 1) * 100 + tm.tm_mday) *
                100 +
            tm.tm_hour) *
               100 +
           tm.tm_min;
}

void write(BinaryWriter& w, const ModuleStream& s) {
    for (const auto* f :
         {&s.name, &s.stream, &s.context, &s.arch, &s.summary, &s.description, &s.repo})
        w.str(*f);
    w.u64(s.version);
    w.stringLists(s.profiles);
    w.strings(s.artifacts);
    w.strings(s.demodularized);
    w.u64(s.requires_.size());
    for (const auto& block : s.requires_) w.stringLists(block);
}

ModuleStream readStream(BinaryReader& r) {
    ModuleStream s;
    for (auto* f : {&s.name, &s.stream, &s.context, &s.arch, &s.summary, &s.description, &s.repo})
        *f = r.str();
    s.version = r.u64();
    s.profiles = r.stringLists();
    s.artifacts = r.strings();
    s.demodularized = r.strings();
    s.requires_.resize(r.count());
    for (auto& block : s.requires_) block = r.stringLists();
    return s;
}

}  // namespace

void ModuleMetadata::encodeStream(BinaryWriter& w, const ModuleStream& s) {
    write(w, s);
}

ModuleStream ModuleMetadata::decodeStream(BinaryReader& r) {
    return readStream(r);
}

std::string ModuleMetadata::encode(const std::string& key,
                                   const std::vector<std::string>& warnings) const {
    BinaryWriter w;
    w.str(key);
    w.u64(streams_.size());
    for (const auto& st : streams_) write(w, st);
    w.u64(defaults_.size());
    for (const auto& [name, d] : defaults_) {
        w.str(name);
        w.str(d.stream);
        w.stringLists(d.profiles);
    }
    w.u64(obsoletes_.size());
    for (const auto& o : obsoletes_) write(w, o);
    w.strings(warnings);
    return w.bytes();
}

bool ModuleMetadata::decode(const std::string& bytes, const std::string& key, ModuleMetadata& md,
                            std::vector<std::string>& warnings) {
    if (bytes.empty()) return false;
    try {
        BinaryReader r(bytes);
        if (r.str() != key) return false;
        ModuleMetadata out;
        out.streams_.resize(r.count());
        for (auto& st : out.streams_) st = readStream(r);
        for (size_t n = r.count(); n > 0; --n) {
            std::string name = r.str();
            ModuleDefaults d;
            d.stream = r.str();
            d.profiles = r.stringLists();
            out.defaults_.emplace(std::move(name), std::move(d));
        }
        out.obsoletes_.resize(r.count());
        for (auto& o : out.obsoletes_) o = readObsoletes(r);
        std::vector<std::string> cached = r.strings();
        if (!r.atEnd()) return false;
        md = std::move(out);
        warnings.insert(warnings.end(), cached.begin(), cached.end());
        return true;
    } catch (const CodecError&) {
        return false;  // a damaged cache is rebuilt
    }
}

std::string ModuleMetadata::encodeRequest(const std::string& key,
                                          const std::vector<RepoModules>& inputs) {
    BinaryWriter w;
    w.str(key);
    w.u64(inputs.size());
    for (const auto& in : inputs) {
        w.str(in.repoid);
        w.u64(static_cast<uint64_t>(static_cast<int64_t>(in.priority)));
        w.str(in.yaml);
    }
    return w.bytes();
}

bool ModuleMetadata::decodeRequest(const std::string& bytes, std::string& key,
                                   std::vector<RepoModules>& inputs) {
    try {
        BinaryReader r(bytes);
        key = r.str();
        const uint64_t n = r.u64();
        for (uint64_t i = 0; i < n; ++i) {
            RepoModules in;
            in.repoid = r.str();
            in.priority = static_cast<int>(static_cast<int64_t>(r.u64()));
            in.yaml = r.str();
            inputs.push_back(std::move(in));
        }
        return true;
    } catch (const CodecError&) {
        return false;
    }
}

std::unique_ptr<ModuleParse> ModuleMetadata::parseEarly(const base::Sack& sack,
                                                        const repodata::RepoConfig& repo,
                                                        const repodata::RepoMetadata& candidate) {
    // Only the last repository knows every other's metadata (the cache key needs them all).
    const auto enabled = sack.config().enabledRepos();
    if (enabled.empty() || enabled.back() != &repo || candidate.path("modules").empty())
        return nullptr;
    std::vector<Source> sources = sourcesOf(sack);
    sources.push_back({&repo, &candidate});
    const std::string key = mergeKey(sources);
    std::error_code ec;
    if (std::filesystem::exists(cachePath(sack, key), ec)) return nullptr;
    try {
        return std::make_unique<ModuleParse>(key, parseSources(sources));
    } catch (const std::exception&) {
        return nullptr;  // load() tries again, and says what is wrong
    }
}

std::string ModuleMetadata::keyOf(const base::Sack& sack) {
    const std::vector<Source> sources = sourcesOf(sack);
    return sources.empty() ? std::string() : mergeKey(sources);
}

ModuleMetadata ModuleMetadata::load(const base::Sack& sack, std::vector<std::string>& warnings,
                                    ModuleParse* early) {
    const std::vector<Source> sources = sourcesOf(sack);
    if (sources.empty()) return {};
    const std::string key = mergeKey(sources);
    const std::string path = cachePath(sack, key);
    // Warm: the cached merge, if it was made from exactly these repos.
    ModuleMetadata md;
    if (decode(readCacheFile(path), key, md, warnings)) return md;
    const std::string bytes = early && early->key() == key
                                  ? early->finish()
                                  : ModuleParse(key, parseSources(sources)).finish();
    if (!decode(bytes, key, md, warnings))
        throw Error("internal: the module metadata parser returned damaged data");
    // Older merges go (and what was derived from them).
    writeCacheFile(path, bytes, [](const std::string& name) {
        return name.starts_with("modules-") && (name.ends_with(".bin") || name.ends_with(".cbor"));
    });
    return md;
}

const ModuleObsoletes* ModuleMetadata::obsoletes(const std::string& module,
                                                 const std::string& stream) const {
    const uint64_t now = nowStamp();
    const ModuleObsoletes* best = nullptr;
    for (const auto& o : obsoletes_)
        if (o.module == module && o.stream == stream && o.activeAt(now) &&
            (!best || o.modified > best->modified))
            best = &o;
    return best;
}

bool ModuleMetadata::hasObsoletes(const std::string& module, const std::string& stream) const {
    return std::any_of(obsoletes_.begin(), obsoletes_.end(), [&](const ModuleObsoletes& o) {
        return o.module == module && o.stream == stream;
    });
}

const ModuleDefaults* ModuleMetadata::defaults(const std::string& module) const {
    auto it = defaults_.find(module);
    return it == defaults_.end() ? nullptr : &it->second;
}

}  // namespace mpm::module
