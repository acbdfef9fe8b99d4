#include "libmodule/transaction/PayloadUnpacker.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "common/Error.hpp"
#include "common/Process.hpp"
#include "common/UniqueFd.hpp"
#include "libmodule/rpm/RpmHandles.hpp"
#include "libmodule/transaction/ArchiveLibrary.hpp"
#include "libmodule/transaction/CheckedPayload.hpp"
#include "libmodule/transaction/FileCapabilities.hpp"
#include "libmodule/transaction/RootPath.hpp"

namespace mpm::transaction {

namespace {

struct ArchiveFree {
    void operator()(archive* a) const noexcept { libarchive().read_free(a); }
};

// libarchive returns null for an entry without a name and for an error it has no words for.
std::string normalize(const char* name) {
    std::string p = name ? name : "";
    if (p.starts_with("./")) p = p.substr(1);
    if (!p.starts_with("/")) p = "/" + p;
    return p;
}

// A directory's mode. A root built without privileges keeps its directories writable by its
// builder: a 0555 /usr/bin (Fedora's filesystem package) would refuse every later package's
// files, which only root may write there regardless.
mode_t directoryMode(uint32_t mode, bool asRoot) {
    return (mode & 07777) | (asRoot ? 0 : S_IRWXU);
}

std::string errorOf(archive* a) {
    const char* why = libarchive().error_string(a);
    return why ? why : "unreadable archive";
}

}  // namespace

std::string stagingPath(const std::string& finalPath) {
    const size_t slash = finalPath.rfind('/');
    return finalPath.substr(0, slash + 1) + "." + finalPath.substr(slash + 1) + ".mpm~";
}

namespace {

std::unique_ptr<archive, ArchiveFree> newReader() {
    std::unique_ptr<archive, ArchiveFree> a(libarchive().read_new());
    // the compressors, and the rpm filter (it skips lead and headers) for a whole file
    libarchive().read_support_filter_all(a.get());
    libarchive().read_support_format_cpio(a.get());
    return a;
}

std::unique_ptr<archive, ArchiveFree> openPayload(const std::string& rpmPath) {
    std::unique_ptr<archive, ArchiveFree> a = newReader();
    if (libarchive().read_open_filename(a.get(), rpmPath.c_str(), 1 << 16) != ARCHIVE_OK)
        throw Error(std::string("cannot read the payload of ") + rpmPath + ": " + errorOf(a.get()));
    return a;
}

// The payload alone, as `payload` hands it over.
std::unique_ptr<archive, ArchiveFree> openPayload(CheckedPayload& payload,
                                                  const std::string& rpmPath) {
    std::unique_ptr<archive, ArchiveFree> a = newReader();
    if (libarchive().read_open(a.get(), &payload, nullptr, CheckedPayload::read, nullptr) !=
        ARCHIVE_OK)
        throw Error(std::string("cannot read the payload of ") + rpmPath + ": " + errorOf(a.get()));
    return a;
}

}  // namespace

void PayloadUnpacker::checkPayloadNames(const std::string& rpmPath, const rpm::RpmHeader& header) {
    std::set<std::string> listed;
    for (const auto& f : header.package.files) listed.insert(f.path);
    const std::string damaged =
        "cannot unpack " + header.package.nevra() + ": payload is damaged (";
    std::unique_ptr<archive, ArchiveFree> a;
    try {
        a = openPayload(rpmPath);
    } catch (const Error& e) {
        throw Error("cannot unpack " + header.package.nevra() + ": " + e.what());
    }
    archive_entry* entry = nullptr;
    int rc;
    while ((rc = libarchive().read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        const std::string path = normalize(libarchive().entry_pathname(entry));
        if (!listed.count(path))
            throw Error("package " + header.package.nevra() + " is refused: its payload has '" +
                        path + "', which the header does not list; nothing was written");
    }
    if (rc != ARCHIVE_EOF)
        throw Error(damaged + errorOf(a.get()) + "); delete " + rpmPath + " and download it again");
}

PayloadUnpacker::PayloadUnpacker(std::string root)
    : root_(std::move(root)), paths_(root_), chown_(geteuid() == 0), users_(root_) {}

void PayloadUnpacker::discard(const std::vector<StagedFile>& staged) {
    for (const auto& f : staged)
        if (!f.tempPath.empty()) unlink(f.tempPath.c_str());
    // Created directories, deepest first (they were created parent first).
    for (auto it = staged.rbegin(); it != staged.rend(); ++it)
        if (it->createdDir) rmdir(it->finalPath.c_str());
}

namespace {

// One payload being staged: what it wrote so far, so that a failure undoes exactly that.
class Staging {
  public:
    Staging(const rpm::RpmHeader& header, archive* a, bool chown, bool caps, RootUsers& users,
            std::vector<LateMetadata>& late)
        : header_(header), a_(a), chown_(chown), caps_(caps), users_(users), late_(late) {}

    std::vector<StagedFile> staged;

    // An error naming the package; what was staged so far is removed first.
    Error fail(const std::string& why) {
        PayloadUnpacker::discard(staged);
        return Error("cannot unpack " + header_.package.nevra() + ": " + why);
    }

    void directory(const std::string& path, const std::string& finalPath,
                   const rpm::FileRecord& meta) {
        struct stat st {};
        if (lstat(finalPath.c_str(), &st) == 0) {
            struct stat target {};
            if (S_ISLNK(st.st_mode) && stat(finalPath.c_str(), &target) == 0 &&
                S_ISDIR(target.st_mode)) {
                // a link to a directory stands for it, as rpm takes it (left as it is)
                staged.push_back({path, finalPath, "", false});
                return;
            }
            if (!S_ISDIR(st.st_mode)) throw fail(finalPath + " exists and is not a directory");
            staged.push_back({path, finalPath, "", false});
            // rpm gives an existing directory the package's mode and owner: once the files are
            // in place (a refused transaction leaves it as it was)
            later(finalPath, meta);
            return;
        }
        const mode_t mode = directoryMode(meta.mode, chown_);
        if (mkdir(finalPath.c_str(), mode) != 0)
            throw fail("cannot create directory " + finalPath + ": " + std::strerror(errno));
        chmod(finalPath.c_str(), mode);
        if (ownerKnown(meta))
            lchown(finalPath.c_str(), uid(meta), gid(meta));
        else if (chown_)
            later(finalPath, meta);
        staged.push_back({path, finalPath, "", true});
    }

    void symbolicLink(const std::string& path, const std::string& finalPath,
                      const rpm::FileRecord& meta) {
        const std::string temp = stagingPath(finalPath);
        if (!fresh(temp, [&] { return ::symlink(meta.linkto.c_str(), temp.c_str()); }))
            throw fail("cannot create symlink " + finalPath + ": " + std::strerror(errno));
        if (ownerKnown(meta))
            lchown(temp.c_str(), uid(meta), gid(meta));
        else if (chown_)
            later(finalPath, meta);
        staged.push_back({path, finalPath, temp, false});
    }

    // cpio keeps a hard-linked file's data with the last entry of its link set; libarchive
    // reports the later entries as links to the first, the last one still carrying the data,
    // which goes into the shared inode.
    void regular(const std::string& path, const std::string& finalPath, const rpm::FileRecord& meta,
                 archive_entry* entry) {
        const std::string temp = stagingPath(finalPath);
        const std::string set = linkSetOf(path, entry);
        auto written = linkSets_.find(set);
        const bool linked = written != linkSets_.end();
        if (linked) {
            if (!fresh(temp, [&] { return ::link(written->second.temp.c_str(), temp.c_str()); }))
                throw fail("cannot create hard link " + finalPath + ": " + std::strerror(errno));
            staged.push_back({path, finalPath, temp, false});
        }
        if (!linked || libarchive().entry_size(entry) > 0) {
            UniqueFd out;
            fresh(temp, [&] {
                out.reset(::open(temp.c_str(), linked ? kRewrite : kCreate, 0600));
                return out ? 0 : -1;
            });
            if (!out) throw fail("cannot create " + temp + ": " + std::strerror(errno));
            if (!linked) staged.push_back({path, finalPath, temp, false});  // discard() cleans up
            writeFile(out.get(), temp, finalPath, meta);
        }
        if (!linked) linkSets_[set] = {temp, finalPath};
    }

    // A file left out (--nodocs, another language, the user's copy kept) is not written; but
    // when it carries the data of a hard link set another member of which is written, the
    // data goes there (otherwise that member would stay empty).
    void leftOut(const std::string& path, const rpm::FileRecord& meta, archive_entry* entry) {
        if (!S_ISREG(meta.mode) || libarchive().entry_size(entry) <= 0) return;
        auto written = linkSets_.find(linkSetOf(path, entry));
        if (written == linkSets_.end()) return;
        const LinkSet& to = written->second;
        UniqueFd out(::open(to.temp.c_str(), kRewrite, 0600));
        if (!out) throw fail("cannot write " + to.temp + ": " + std::strerror(errno));
        writeFile(out.get(), to.temp, to.finalPath, meta);
    }

    // The set-user/group-ID bits of the files staged, held back until the payload was checked.
    void setIds() {
        for (const auto& f : setIds_)
            if (::chmod(f.temp.c_str(), f.mode) != 0)
                throw fail("cannot set mode of " + f.finalPath + ": " + std::strerror(errno));
    }

  private:
    static constexpr int kCreate = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    static constexpr int kRewrite = O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC;

    // The staged file `temp` gets the entry's data, then its owner, mode, capabilities and time.
    void writeFile(int fd, const std::string& temp, const std::string& finalPath,
                   const rpm::FileRecord& meta) {
        copyData(fd, finalPath);
        const bool ownerNow = ownerKnown(meta);
        if (ownerNow && fchown(fd, uid(meta), gid(meta)) != 0)
            throw fail("cannot set owner of " + finalPath + ": " + std::strerror(errno));
        // set-user/group-ID bits once the payload is known to be the one checked (setIds), and
        // never on a file whose owner is still to come (settle): it is root's until then
        const mode_t setIds = meta.mode & (S_ISUID | S_ISGID);
        if (fchmod(fd, meta.mode & 07777 & ~setIds) != 0)
            throw fail("cannot set mode of " + finalPath + ": " + std::strerror(errno));
        // %caps, after the owner (a change of owner clears them); as rpm, only as root
        if (ownerNow && caps_ && !meta.caps.empty()) try {
                setFileCapabilities(fd, meta.caps);
            } catch (const Error& e) {
                throw fail(finalPath + ": " + e.what());
            }
        if (chown_ && !ownerNow) later(finalPath, meta);
        if (setIds && (ownerNow || !chown_))
            setIds_.push_back({temp, finalPath, meta.mode & 07777});
        struct timespec times[2] = {{meta.mtime, 0}, {meta.mtime, 0}};
        futimens(fd, times);
    }

    // The link set of an entry: the payload path of its first member (itself for a file that
    // links to nothing).
    static std::string linkSetOf(const std::string& path, archive_entry* entry) {
        const char* hardlink = libarchive().entry_hardlink(entry);
        return hardlink ? normalize(hardlink) : path;
    }

    struct LinkSet {
        std::string temp, finalPath;  // its first member written
    };

    struct HeldMode {
        std::string temp, finalPath;
        mode_t mode;
    };

    uid_t uid(const rpm::FileRecord& meta) { return users_.uid(meta.user); }
    gid_t gid(const rpm::FileRecord& meta) { return users_.gid(meta.group); }
    // Whether the owner is set now: as root, when the root has the user and the group (a %pre
    // of the transaction may add them: the file waits for them, see `later`).
    bool ownerKnown(const rpm::FileRecord& meta) const {
        return chown_ && users_.knownUser(meta.user) && users_.knownGroup(meta.group);
    }
    void later(const std::string& finalPath, const rpm::FileRecord& meta) {
        late_.push_back({finalPath, meta.user, meta.group, meta.caps, meta.mode});
    }

    // Makes `temp` with `create` (0 on success, errno set otherwise). A leftover of an
    // interrupted run that recovery did not see is removed, and made again.
    template <typename Create>
    static bool fresh(const std::string& temp, Create create) {
        if (create() == 0) return true;
        if (errno != EEXIST) return false;
        unlink(temp.c_str());
        return create() == 0;
    }

    void copyData(int fd, const std::string& finalPath) {
        const void* buf;
        size_t len;
        la_int64_t offset;
        la_int64_t at = 0;  // where the file's offset is: a seek only for a sparse file's holes
        int r;
        while ((r = libarchive().read_data_block(a_, &buf, &len, &offset)) == ARCHIVE_OK) {
            if (offset != at && lseek(fd, offset, SEEK_SET) < 0)
                throw fail(std::string("seek: ") + std::strerror(errno));
            at = offset + static_cast<la_int64_t>(len);
            if (!writeAll(fd, {static_cast<const char*>(buf), len}))
                throw fail("cannot write " + finalPath + ": " + std::strerror(errno));
        }
        if (r != ARCHIVE_EOF) throw fail(std::string("payload is damaged: ") + errorOf(a_));
    }

    const rpm::RpmHeader& header_;
    archive* a_;
    bool chown_;
    bool caps_;  // file capabilities set (not with tsflags=nocaps)
    RootUsers& users_;
    std::vector<LateMetadata>& late_;
    std::map<std::string, LinkSet> linkSets_;  // by linkSetOf
    std::vector<HeldMode> setIds_;
};

}  // namespace

std::vector<StagedFile> PayloadUnpacker::stage(const std::string& rpmPath,
                                               const rpm::RpmHeader& header,
                                               const StageOptions& options) {
    std::map<std::string, const rpm::FileRecord*> byPath;
    for (const auto& f : header.package.files) byPath[f.path] = &f;

    // Read from the file again: what is unpacked is checked to be what was checked.
    std::optional<CheckedPayload> payload;
    std::unique_ptr<archive, ArchiveFree> a;
    try {
        payload.emplace(rpmPath, header.fileDigests);
        a = openPayload(*payload, rpmPath);
    } catch (const Error& e) {
        throw Error("cannot unpack " + header.package.nevra() + ": " + e.what());
    }
    Staging staging(header, a.get(), chown_, caps_, users_, late_);
    archive_entry* entry = nullptr;
    int rc;
    while ((rc = libarchive().read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        const std::string path = normalize(libarchive().entry_pathname(entry));
        auto it = byPath.find(path);
        if (it == byPath.end())
            throw staging.fail("payload has '" + path + "', which the header does not list");
        const rpm::FileRecord& meta = *it->second;
        if (meta.flags & rpm::fileflag::kGhost) continue;
        if (options.leftOut.count(path) || options.keepOnDisk.count(path)) {
            staging.leftOut(path, meta, entry);
            continue;
        }

        std::string finalPath;
        try {
            std::vector<std::string> createdDirs;
            finalPath = paths_.resolve(path, &createdDirs);
            for (const auto& d : createdDirs) staging.staged.push_back({"", d, "", true});
            if (options.asRpmnew.count(path)) finalPath += ".rpmnew";
        } catch (const UnsafePathError& e) {
            throw staging.fail(e.what());
        }
        if (S_ISDIR(meta.mode))
            staging.directory(path, finalPath, meta);
        else if (S_ISLNK(meta.mode))
            staging.symbolicLink(path, finalPath, meta);
        else if (S_ISREG(meta.mode))
            staging.regular(path, finalPath, meta, entry);
        else  // device nodes and FIFOs need privileges an installroot build rarely has
            throw staging.fail("'" + path + "' is a special file, which mpm does not create");
    }
    if (rc != ARCHIVE_EOF)
        throw staging.fail(std::string("payload is damaged: ") + errorOf(a.get()));
    try {
        payload->finish();
    } catch (const Error& e) {
        throw staging.fail(e.what());
    }
    staging.setIds();
    return std::move(staging.staged);
}

void PayloadUnpacker::settleRecovered(const CommitPlan& plan) {
    std::set<std::string> placed;
    for (const auto& [temp, final] : plan.renames) placed.insert(final);
    for (const auto& add : plan.rpmdbAdd) {
        const rpm::Hdr h = rpm::importHeader(add.header);
        if (!h) continue;
        const rpm::RpmHeader header = rpm::RpmHeader::of(h.get());
        const std::set<std::string> notInstalled(add.notInstalled.begin(), add.notInstalled.end());
        for (const auto& f : header.package.files) {
            if ((f.flags & rpm::fileflag::kGhost) || notInstalled.count(f.path)) continue;
            std::string host;
            try {
                host = paths_.resolve(f.path);
            } catch (const UnsafePathError&) {
                continue;
            }
            if (!S_ISDIR(f.mode) && !placed.count(host)) {
                if (!placed.count(host + ".rpmnew")) continue;
                host += ".rpmnew";
            }
            late_.push_back({host, f.user, f.group, f.caps, f.mode});
        }
    }
    settle();
}

void PayloadUnpacker::settle() {
    users_.reload();
    for (const auto& m : late_) {
        const char* path = m.finalPath.c_str();
        struct stat st {};
        if (lstat(path, &st) != 0) continue;  // a scriptlet removed it
        const uid_t uid = chown_ ? users_.uid(m.user) : st.st_uid;
        const gid_t gid = chown_ ? users_.gid(m.group) : st.st_gid;
        const bool link = S_ISLNK(m.mode);
        // as rpm: a file that falls back to root for want of its user (group) is not
        // set-user (group)-ID
        mode_t mode = S_ISDIR(m.mode) ? directoryMode(m.mode, chown_) : m.mode & 07777;
        if (chown_ && !users_.knownUser(m.user)) mode &= ~S_ISUID;
        if (chown_ && !users_.knownGroup(m.group)) mode &= ~S_ISGID;
        if ((st.st_uid != uid || st.st_gid != gid) && lchown(path, uid, gid) != 0)
            users_.warnings.push_back("cannot set the owner of " + m.finalPath + ": " +
                                      std::strerror(errno));
        // (a change of owner cleared the set-user/group-ID bits and the capabilities)
        if (!link && chmod(path, mode) != 0)
            users_.warnings.push_back("cannot set the mode of " + m.finalPath + ": " +
                                      std::strerror(errno));
        if (chown_ && caps_ && !m.caps.empty() && S_ISREG(m.mode)) try {
                setFileCapabilities(m.finalPath, m.caps);
            } catch (const Error& e) {
                users_.warnings.push_back(m.finalPath + ": " + e.what());
            }
    }
    late_.clear();
}

}  // namespace mpm::transaction
