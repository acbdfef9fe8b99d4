// Unpacks an RPM's cpio payload (gzip, xz, zstd, bzip2) with libarchive into the installroot.
// Every file is first written under a temporary name beside its destination ("staged"); the
// transaction renames them into place only once every package of it has been staged, so a
// failure while unpacking leaves the system as it was.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "libmodule/rpm/RpmHeader.hpp"
#include "libmodule/transaction/CommitPlan.hpp"
#include "libmodule/transaction/RootPath.hpp"
#include "libmodule/transaction/RootUsers.hpp"

namespace mpm::transaction {

struct StagedFile {
    std::string path;         // as the package names it
    std::string finalPath;    // host path
    std::string tempPath;     // host path of the staged copy; empty for directories
    bool createdDir = false;  // a directory this staging created (removed again on failure)
};

struct StageOptions {
    std::set<std::string> leftOut;     // paths not written (FileFilter: recorded as not installed)
    std::set<std::string> asRpmnew;    // paths to write as PATH.rpmnew (the user's file stays)
    std::set<std::string> keepOnDisk;  // paths not written at all (the user's file stays)
};

// What a file or directory gets once the files are in place (PayloadUnpacker::settle): the
// owner when a %pre of the transaction may still add the user or group (rpm looks them up
// after each package's %pre), and the mode and owner of a directory that existed.
struct LateMetadata {
    std::string finalPath;
    std::string user, group, caps;
    uint32_t mode;  // with the file type
};

// Where a file is staged before it is renamed to `finalPath`: deterministic, so that recovery
// after a crash can find and remove staged files from the journal alone.
std::string stagingPath(const std::string& finalPath);

class PayloadUnpacker {
  public:
    explicit PayloadUnpacker(std::string root);

    // Stages the payload of `rpmPath`. On error, removes what it staged and throws Error.
    std::vector<StagedFile> stage(const std::string& rpmPath, const rpm::RpmHeader& header,
                                  const StageOptions& options);
    // Reads the payload's entry names only (nothing is written) and throws Error unless every
    // one is a file the header lists: a payload that names anything else ("..", an absolute
    // path, a file the header hides) is refused before the transaction touches the system.
    static void checkPayloadNames(const std::string& rpmPath, const rpm::RpmHeader& header);
    // Removes staged temporaries and the directories staging created (after a failure).
    static void discard(const std::vector<StagedFile>& staged);

    // Once the files are in place and the %pre scriptlets ran: the owners (and the modes and
    // capabilities a change of owner clears) that waited for them, and the existing directories'
    // modes and owners. Past the point of no return: a failure is a warning.
    void settle();
    // tsflags=nocaps: file capabilities are not set (rpm's RPMTRANS_FLAG_NOCAPS).
    void withoutCapabilities() { caps_ = false; }
    // The same for a transaction a crash interrupted past its renames (its recovery does not
    // know which files waited): every placed file and every directory of the plan's packages
    // gets its header's owner, mode and capabilities.
    void settleRecovered(const CommitPlan& plan);

    std::vector<std::string> warnings() const { return users_.warnings; }

  private:
    std::string root_;
    RootResolver paths_;  // directories resolved once for all the payloads of a transaction
    bool chown_;
    bool caps_ = true;
    RootUsers users_;
    std::vector<LateMetadata> late_;
};

}  // namespace mpm::transaction
