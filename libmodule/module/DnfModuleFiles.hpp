// dnf's module state: one etc/dnf/modules.d/NAME.module file per module it was told about. mpm
// keeps its own state in mpm.sqlite, and keeps these files in step with it, so that dnf on the
// same root (an image serviced with dnf later) keeps the streams the user chose; and it takes
// back what dnf changed there since. Which files dnf changed is told by a digest of each file
// as mpm last wrote or saw it (var/lib/mpm/dnf-modules.seen); in a root with no such record
// (made by an older mpm), by a file newer than mpm's database.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "libmodule/db/ModuleState.hpp"

namespace mpm::module {

class DnfModuleFiles {
  public:
    DnfModuleFiles(const std::string& installroot, const std::string& persistDir);

    // Every file's state; a module dnf reset is Unset. `warnings` gets a line for each file that
    // cannot be read.
    std::vector<db::ModuleState> readAll(std::vector<std::string>& warnings) const;
    // The states of the files dnf changed since mpm last wrote or saw them.
    std::vector<db::ModuleState> changedByDnf(std::vector<std::string>& warnings) const;
    // Brings the files in step with `committed`, mpm's stored states, except those dnf changed
    // that this run did not take (`taken`: they are taken at the next run), and records what
    // they are. A file that cannot be written is a warning, and counts as mpm's: mpm's own
    // state stays what the next run uses.
    void sync(const std::vector<db::ModuleState>& committed, const std::set<std::string>& taken,
              std::vector<std::string>& warnings) const;
    // After a run that changed the root: sync() with the states stored under persistDir, when
    // mpm has stored any. Returns what could not be done, as warnings.
    static std::vector<std::string> syncStored(const std::string& installroot,
                                               const std::string& persistDir,
                                               const std::set<std::string>& taken);
    // What mpm writes for a module: dnf's own layout.
    static std::string render(const db::ModuleState& state);

  private:
    struct File {
        std::string bytes;
        std::vector<db::ModuleState> states;  // one per section
    };
    std::map<std::string, File> files(std::vector<std::string>& warnings) const;
    std::optional<std::map<std::string, std::string>> seen() const;  // name -> digest
    // Whether dnf changed a module's file since mpm last wrote or saw it.
    bool changedSince(const std::string& name, const File& file,
                      const std::optional<std::map<std::string, std::string>>& recorded) const;

    std::string dir_, seenPath_, dbPath_;
};

}  // namespace mpm::module
