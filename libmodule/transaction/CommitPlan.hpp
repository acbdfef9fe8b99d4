// What a transaction does once it is past its point of no return, as its journal keeps it:
// renames, removals, the RPM database's changes (headers included) and what mpm's database
// records. Written before the first file is touched, read back by the run that completes or
// undoes it, and handed to mpm-rpmdb-writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "libmodule/db/InstalledDb.hpp"

namespace mpm::transaction {

// A package header the RPM database gets, with what identifies it there afterwards.
struct RpmDbAdd {
    db::PackageKey key;
    std::string header;                     // as exported by librpm
    std::vector<std::string> notInstalled;  // its paths left out (--nodocs, %_install_langs)
};

struct CommitPlan {
    // The root's host path when the plan was made (empty in plans of earlier versions): the
    // paths below are host paths inside it.
    std::string root;
    std::vector<std::pair<std::string, std::string>> renames;  // staged temp -> final host path
    std::vector<std::string> removals;                         // host paths of files to delete
    std::vector<std::string> dirRemovals;                      // host dirs to remove when empty
    std::vector<std::string> stagedExtras;  // made while staging (.rpmsave links)
    // The RPM database: instances that leave, headers that come, and how they are stamped.
    std::vector<unsigned> rpmdbErase;
    std::vector<RpmDbAdd> rpmdbAdd;
    uint32_t tid = 0;
    uint32_t installTime = 0;
    // The root had no RPM database and mpm-rpmdb-writer makes one: what it makes
    // (RpmDb::wouldCreate), removed again when the transaction is undone, with the database if
    // it holds no package (the writer, stopped before its commit, leaves it empty).
    std::optional<std::vector<std::string>> rpmDbMade;
    db::TransactionRecord record;  // what mpm's database records at the end

    // The plan as the journal keeps it, and back: a length-prefixed binary form, package headers
    // and paths as bytes exactly as they are (JSON text spent a tenth of an install escaping
    // base64 headers and could not hold a path that is not UTF-8; CBOR spent 3.5 ms of a
    // 300-package install building its document). decode also reads the CBOR and JSON of
    // earlier versions (journals left by a crash before an upgrade), and throws on damage.
    std::string encode() const;
    // The same plan for the root now at `newRoot` (moved or copied since a crash): its paths
    // inside the old place are put inside the new one. Nothing for a plan without a root.
    void moveTo(const std::string& newRoot);
    std::string encodeCbor() const;  // the form of the versions before, for their tests
    static CommitPlan decode(const std::string& bytes);
    // Whether `bytes` claim to be a plan of this version's form (then a failure to decode them
    // is damage, not another version's plan).
    static bool isOwnForm(const std::string& bytes);
    // Whether `bytes` claim to be a plan of a later version's form (an earlier version's form
    // decodes: a plan that does not, and is of no later form, is damaged).
    static bool isLaterVersionsForm(const std::string& bytes);
};

}  // namespace mpm::transaction
