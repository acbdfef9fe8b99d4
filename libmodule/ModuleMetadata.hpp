// The module metadata of every loaded repository (modulemd v2 streams and modulemd-defaults
// v1), read with libmodulemd. Streams keep the repo they came from; defaults are merged across
// repos with libmodulemd's merger (a higher-priority repo wins; equal priorities that disagree
// leave no default).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mpm {

class Sack;

// One build of a stream: name:stream:version:context.arch.
struct ModuleStream {
    std::string name, stream, context, arch, summary, description, repo;
    uint64_t version = 0;
    std::map<std::string, std::vector<std::string>> profiles;  // profile -> rpm names
    std::vector<std::string> artifacts;                        // rpm NEVRAs
    // Runtime requirements, one map per dependency block: module -> streams ([] = any).
    std::vector<std::map<std::string, std::vector<std::string>>> requires_;
};

struct ModuleDefaults {
    std::string stream;                                        // empty: no default stream
    std::map<std::string, std::vector<std::string>> profiles;  // stream -> default profiles
};

class ModuleMetadata {
  public:
    // Reads the modules file of every loaded repo. Invalid documents are skipped with a warning
    // naming the repo; an unreadable file throws RepoError. The merged result is cached in the
    // cache directory, keyed by every repo's id, repomd digest and priority, so a warm run
    // parses no YAML (warnings about invalid documents are cached with it).
    static ModuleMetadata load(const Sack& sack, std::vector<std::string>& warnings);

    const std::vector<ModuleStream>& streams() const { return streams_; }
    const ModuleDefaults* defaults(const std::string& module) const;

  private:
    static ModuleMetadata parse(const Sack& sack, std::vector<std::string>& warnings);
    std::vector<ModuleStream> streams_;
    std::map<std::string, ModuleDefaults> defaults_;
};

}  // namespace mpm
