// The module metadata of every loaded repository (modulemd v2 streams, modulemd-defaults v1 and
// modulemd-obsoletes v1), read with libmodulemd. Streams keep the repo they came from; defaults are
// merged across repos with libmodulemd's merger (a higher-priority repo wins; equal priorities that
// disagree leave no default).
#pragma once

#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mpm {
class BinaryReader;
class BinaryWriter;
}  // namespace mpm
namespace mpm::base {
class Sack;
}
namespace mpm::repodata {
struct RepoConfig;
struct RepoMetadata;
}  // namespace mpm::repodata

namespace mpm::module {

class ModuleParse;

// One build of a stream: name:stream:version:context.arch.
struct ModuleStream {
    std::string name, stream, context, arch, summary, description, repo;
    uint64_t version = 0;
    std::map<std::string, std::vector<std::string>> profiles;  // profile -> rpm names
    std::vector<std::string> artifacts;                        // rpm NEVRAs
    // Names of the stream's former packages that are now plain packages (modulemd 2.13+).
    std::vector<std::string> demodularized;
    // Runtime requirements, one map per dependency block: module -> streams ([] = any).
    std::vector<std::map<std::string, std::vector<std::string>>> requires_;
};

struct ModuleDefaults {
    std::string stream;                                        // empty: no default stream
    std::map<std::string, std::vector<std::string>> profiles;  // stream -> default profiles
};

// modulemd-obsoletes v1: a stream reaches its end of life and may name its successor.
struct ModuleObsoletes {
    std::string module, stream, context;  // context empty: every context
    uint64_t modified = 0;                // YYYYMMDDhhmm, as libmodulemd stores dates
    uint64_t eolDate = 0;                 // 0: effective at once
    std::string message;
    std::string byModule, byStream;  // the successor; empty: none
    bool reset = false;              // the stream's module is reset rather than switched
    // In force at `now` (YYYYMMDDhhmm): no EOL date, or that date has passed.
    bool activeAt(uint64_t now) const { return eolDate == 0 || eolDate <= now; }
};

class ModuleMetadata {
  public:
    ModuleMetadata() = default;
    // Metadata made in memory (tests; what load() would have merged).
    ModuleMetadata(std::vector<ModuleStream> streams,
                   std::map<std::string, ModuleDefaults> defaults,
                   std::vector<ModuleObsoletes> obsoletes = {})
        : streams_(std::move(streams)),
          defaults_(std::move(defaults)),
          obsoletes_(std::move(obsoletes)) {}

    // Reads the modules file of every loaded repo. Invalid documents are skipped with a warning
    // naming the repo; an unreadable file throws RepoError. The merged result is cached in the
    // cache directory, keyed by every repo's id, repomd digest and priority, so a warm run
    // parses no YAML (warnings about invalid documents are cached with it).
    // `early`: a parse started before, used when it was started for exactly these repos.
    static ModuleMetadata load(const base::Sack& sack, std::vector<std::string>& warnings,
                               ModuleParse* early = nullptr);
    // The key of the merge load() would give (every repo with modules: id, repomd digest,
    // priority; and the cache format), without reading any module document; empty when no
    // loaded repo has modules. Caches derived from the merge are keyed by it.
    static std::string keyOf(const base::Sack& sack);
    // For a refresh that has just downloaded `candidate`, the new metadata of `repo`, before
    // parsing its package lists: starts the parse load() will need, on the core that parse leaves
    // idle. Null when it cannot know load()'s repos yet (`repo` is not the last enabled one), the
    // merge is already cached, or the documents cannot be read (load() then says why).
    static std::unique_ptr<ModuleParse> parseEarly(const base::Sack& sack,
                                                   const repodata::RepoConfig& repo,
                                                   const repodata::RepoMetadata& candidate);

    // One repository's modules document, as read from its modules file.
    struct RepoModules {
        std::string repoid;
        int priority = 99;
        std::string yaml;
    };
    // Parses and merges documents in this process (what load() has mpm-modulemd-parser do,
    // without the cache). Throws RepoError for a document that is not YAML at all; invalid
    // subdocuments become warnings. Only in programs that link mpm_modulemd (libmodulemd).
    static ModuleMetadata fromDocuments(const std::vector<RepoModules>& inputs,
                                        std::vector<std::string>& warnings);
    // What mpm-modulemd-parser reads on stdin (the cache key and every repository's documents)
    // and what it answers: "O" and the encoded merge, or "E" and a RepoError's sentence.
    static std::string encodeRequest(const std::string& key,
                                     const std::vector<RepoModules>& inputs);
    static bool decodeRequest(const std::string& bytes, std::string& key,
                              std::vector<RepoModules>& inputs);
    static std::string parseEncoded(const std::vector<RepoModules>& inputs, const std::string& key);

    const std::vector<ModuleStream>& streams() const { return streams_; }
    // Builds no repository has any more, kept from an earlier run (ModuleFailsafe).
    void addStreams(std::vector<ModuleStream> more) {
        std::move(more.begin(), more.end(), std::back_inserter(streams_));
    }
    // Builds in the cache's encoding (the failsafe copy keeps them so).
    static void encodeStream(BinaryWriter& w, const ModuleStream& s);
    static ModuleStream decodeStream(BinaryReader& r);
    const ModuleDefaults* defaults(const std::string& module) const;
    // The newest (by modified) obsoletes of module:stream in force now, or null.
    const ModuleObsoletes* obsoletes(const std::string& module, const std::string& stream) const;
    // Whether module:stream has any obsoletes document, in force now or from a later date.
    bool hasObsoletes(const std::string& module, const std::string& stream) const;

  private:
    std::string encode(const std::string& key, const std::vector<std::string>& warnings) const;
    static bool decode(const std::string& bytes, const std::string& key, ModuleMetadata& md,
                       std::vector<std::string>& warnings);
    std::vector<ModuleStream> streams_;
    std::map<std::string, ModuleDefaults> defaults_;
    std::vector<ModuleObsoletes> obsoletes_;
};

}  // namespace mpm::module
