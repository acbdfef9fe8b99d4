// One run of mpm-modulemd-parser over the repositories' module documents.
//
// libmodulemd 2.14 uses freed memory on some malformed documents (found by fuzzing), so the YAML
// is parsed in another process: whatever a hostile file does to the parser cannot reach mpm.
// That process is mpm-modulemd-parser (ModulemdParserMain.cpp), the only program linking
// libmodulemd and GLib; it reads the request on stdin and answers the encoded merge ('O'), a
// RepoError's sentence ('E'), or nothing when it crashed. The child reads the modules files
// itself (mpm never holds the YAML) and answers into a memory file, not a pipe, so it can run on
// while mpm does other work: a refresh starts it as soon as the new modules file is downloaded,
// beside the parse of the package lists (ModuleMetadata::parseEarly).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/Process.hpp"
#include "common/UniqueFd.hpp"
#include "libmodule/module/ModuleMetadata.hpp"

namespace mpm::module {

class ModuleParse {
  public:
    // A repository's modules file, and what reading it may cost.
    struct Source {
        std::string repoid;
        int priority = 99;
        std::string path;
        int64_t sizeLimit = 0;
    };
    // Starts the parser on the documents of `sources`; the merge is stamped with `key`.
    // `program`: mpm-modulemd-parser's path, when not the one installed with mpm.
    ModuleParse(std::string key, std::vector<Source> sources, std::string program = {});
    // A parse nobody finished is stopped (the child is killed and reaped).
    ~ModuleParse() = default;

    const std::string& key() const { return key_; }
    // Waits for the parser: its encoded merge. Throws RepoError when a file cannot be read,
    // Error with the parser's sentence, or saying that the documents crashed it. Once.
    std::string finish();

  private:
    std::string key_;
    std::string names_;  // the repositories, for the sentence of a crash
    UniqueFd answer_;
    std::optional<ChildProcess> child_;
};

}  // namespace mpm::module
