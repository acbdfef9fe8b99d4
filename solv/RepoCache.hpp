// .solv caches stamped with what they were made from (repomd digest, rpmdb change marker,
// libsolv version): a file made from anything else is not read, and writing one is atomic and
// quiet on failure (a cache that cannot be written only costs speed).
#pragma once

#include "solv/libsolv.hpp"

#include <functional>
#include <memory>
#include <string>

#include "solv/File.hpp"
#include "solv/Queue.hpp"

namespace mpm::solv {

// Adds the cached repodata to `repo` when `path` carries exactly `stamp`.
bool readStampedSolv(::Repo* repo, const std::string& path, const std::string& stamp, int flags);
// A cache file open at its start for repo_add_solv, read through a buffer of its own: stdio's
// 4 KiB meant 1,300 read(2) calls for the 5 MB primary.solv. (Not larger: libsolv also seeks
// to read pages of it.)
struct StampedFile {
    std::unique_ptr<char[]> buffer;  // outlives the FILE that reads through it
    FilePtr file;
    std::string fingerprint;  // what it was written with
    explicit operator bool() const { return file != nullptr; }
    // Whether it has the fingerprint it was written with (read whole: for a file opened with
    // Verify::Later, or one kept open since it was checked).
    bool unchanged() const;
};
// When a cache file's fingerprint (size and CRC-32) is compared with the one written with it:
// before it is opened, or by whoever reads it later (StampedFile::unchanged), which spares
// reading it whole for a file that may never be read.
enum class Verify { Now, Later };
// `path` when it carries exactly `stamp` (and, Verify::Now, its fingerprint is the one written
// with it); an empty StampedFile otherwise.
StampedFile openStampedSolv(const std::string& path, const std::string& stamp,
                            Verify verify = Verify::Now);
// The stamp `path` carries, empty when it has none (not checked: readStampedSolv checks).
std::string storedStamp(const std::string& path);
// Which keys a cache file is written with, by name (every key when empty).
using KeySelection = std::function<bool(Id keyname)>;
// Writes repodata [first, last) of `repo` (all of it with last = -1) with `stamp` to `f`;
// repowriter_write's result (0 when written).
int writeSolv(::Repo* repo, FILE* f, const std::string& stamp, int first = 0, int last = -1,
              int writerFlags = 0, const KeySelection& keys = {});
// The same into the file `path`, atomically, with its fingerprint beside it. Returns why
// it could not ("No space left on device"), empty when written: a cache is only speed, so
// callers say it at most once and go on.
std::string writeStampedSolv(::Repo* repo, const std::string& path, const std::string& stamp,
                             int first = 0, int last = -1, int writerFlags = 0,
                             const KeySelection& keys = {});
// The same for a cache file whose content `write` puts into the FILE (true when it could): one
// already made by writeSolv, say.
std::string writeStampedFile(const std::string& path, const std::function<bool(FILE*)>& write);

// File provides in a cache, as libdnf keeps them: once libsolv has added the provides of the
// `files` some package depends on (Pool::indexProvides), a cache written from `repo` carries
// them, and its first repodata lists the files (REPOSITORY_ADDEDFILEPROVIDES): libsolv then
// skips scanning its file lists while every file a run depends on is listed. Records the union
// of what was listed and `files` (so roots sharing a cache with different file dependencies do
// not undo each other); returns whether that changed anything, i.e. the cache should be
// written again.
bool recordFileProvides(::Repo* repo, const Queue& files);
// Whether the cache `repo` was read from lists `file` among its added file provides: every
// package of `repo` holding the file then provides it, without libsolv indexing anything.
bool listsFileProvides(::Repo* repo, Id file);

}  // namespace mpm::solv
