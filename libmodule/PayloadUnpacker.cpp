#include "libmodule/PayloadUnpacker.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <set>

#include "common/Error.hpp"
#include "libmodule/RootPath.hpp"

namespace mpm {

namespace {

struct ArchiveFree {
    void operator()(archive* a) const noexcept { archive_read_free(a); }
};

struct FdGuard {
    int fd = -1;
    ~FdGuard() {
        if (fd >= 0) close(fd);
    }
};

// libarchive returns null for an entry without a name and for an error it has no words for.
std::string normalize(const char* name) {
    std::string p = name ? name : "";
    if (p.starts_with("./")) p = p.substr(1);
    if (!p.starts_with("/")) p = "/" + p;
    return p;
}

std::string errorOf(archive* a) {
    const char* why = archive_error_string(a);
    return why ? why : "unreadable archive";
}

}  // namespace

std::string stagingPath(const std::string& finalPath) {
    const size_t slash = finalPath.rfind('/');
    return finalPath.substr(0, slash + 1) + "." + finalPath.substr(slash + 1) + ".mpm~";
}

namespace {

std::unique_ptr<archive, ArchiveFree> openPayload(const std::string& rpmPath) {
    std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
    archive_read_support_filter_all(a.get());  // includes the rpm filter: skips lead and headers
    archive_read_support_format_cpio(a.get());
    if (archive_read_open_filename(a.get(), rpmPath.c_str(), 1 << 16) != ARCHIVE_OK)
        throw Error(std::string("cannot read the payload of ") + rpmPath + ": " + errorOf(a.get()));
    return a;
}

}  // namespace

void PayloadUnpacker::checkPayloadNames(const std::string& rpmPath, const RpmHeader& header) {
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
    while ((rc = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        const std::string path = normalize(archive_entry_pathname(entry));
        if (!listed.count(path))
            throw Error("package " + header.package.nevra() + " is refused: its payload has '" +
                        path + "', which the header does not list; nothing was written");
    }
    if (rc != ARCHIVE_EOF)
        throw Error(damaged + errorOf(a.get()) + "); delete " + rpmPath + " and download it again");
}

PayloadUnpacker::PayloadUnpacker(std::string root)
    : root_(std::move(root)), chown_(geteuid() == 0), users_(root_) {}

void PayloadUnpacker::discard(const std::vector<StagedFile>& staged) {
    for (const auto& f : staged)
        if (!f.tempPath.empty()) unlink(f.tempPath.c_str());
    // Created directories, deepest first (they were created parent first).
    for (auto it = staged.rbegin(); it != staged.rend(); ++it)
        if (it->createdDir) rmdir(it->finalPath.c_str());
}

std::vector<StagedFile> PayloadUnpacker::stage(const std::string& rpmPath, const RpmHeader& header,
                                               const StageOptions& options) {
    std::map<std::string, const InstalledFile*> byPath;
    for (const auto& f : header.package.files) byPath[f.path] = &f;

    std::vector<StagedFile> staged;
    std::map<std::string, std::string> written;  // package path -> staged host path (hardlinks)
    auto fail = [&](const std::string& why) -> Error {
        discard(staged);
        return Error("cannot unpack " + header.package.nevra() + ": " + why);
    };

    std::unique_ptr<archive, ArchiveFree> a;
    try {
        a = openPayload(rpmPath);
    } catch (const Error& e) {
        throw fail(e.what());
    }

    archive_entry* entry = nullptr;
    int rc;
    while ((rc = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        const std::string path = normalize(archive_entry_pathname(entry));
        auto it = byPath.find(path);
        if (it == byPath.end())
            throw fail("payload has '" + path + "', which the header does not list");
        const InstalledFile& meta = *it->second;
        if (options.nodocs && (meta.flags & rpmfile::kDoc)) continue;
        if (meta.flags & rpmfile::kGhost) continue;

        std::string finalPath;
        try {
            std::vector<std::string> createdDirs;
            finalPath = resolveInRoot(root_, path, &createdDirs);
            for (const auto& d : createdDirs) staged.push_back({"", d, "", true});
            if (options.asRpmnew.count(path)) finalPath += ".rpmnew";
        } catch (const UnsafePathError& e) {
            throw fail(e.what());
        }
        const mode_t mode = meta.mode & 07777;
        const uid_t uid = chown_ ? users_.uid(meta.user) : 0;
        const gid_t gid = chown_ ? users_.gid(meta.group) : 0;

        if (S_ISDIR(meta.mode)) {
            struct stat st {};
            if (lstat(finalPath.c_str(), &st) == 0) {
                if (!S_ISDIR(st.st_mode)) throw fail(finalPath + " exists and is not a directory");
                staged.push_back({path, finalPath, "", false});
            } else if (mkdir(finalPath.c_str(), mode) != 0) {
                throw fail("cannot create directory " + finalPath + ": " + std::strerror(errno));
            } else {
                chmod(finalPath.c_str(), mode);
                if (chown_) lchown(finalPath.c_str(), uid, gid);
                staged.push_back({path, finalPath, "", true});
            }
            continue;
        }

        const std::string temp = stagingPath(finalPath);
        unlink(temp.c_str());  // a leftover of an interrupted run that recovery did not see
        if (S_ISLNK(meta.mode)) {
            if (symlink(meta.linkto.c_str(), temp.c_str()) != 0)
                throw fail("cannot create symlink " + finalPath + ": " + std::strerror(errno));
            if (chown_) lchown(temp.c_str(), uid, gid);
        } else if (S_ISREG(meta.mode)) {
            // cpio keeps a hard-linked file's data with the last entry of its link set; libarchive
            // reports that entry as a link that still carries data, which goes into the shared
            // inode.
            const char* hardlink = archive_entry_hardlink(entry);
            const bool linked = hardlink && written.count(normalize(hardlink));
            if (linked && link(written[normalize(hardlink)].c_str(), temp.c_str()) != 0)
                throw fail("cannot create hard link " + finalPath + ": " + std::strerror(errno));
            if (linked) staged.push_back({path, finalPath, temp, false});
            if (!linked || archive_entry_size(entry) > 0) {
                const int flags = linked ? O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC
                                         : O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
                FdGuard out{open(temp.c_str(), flags, 0600)};
                if (out.fd < 0) throw fail("cannot create " + temp + ": " + std::strerror(errno));
                if (!linked)
                    staged.push_back({path, finalPath, temp, false});  // discard() cleans it up
                const void* buf;
                size_t len;
                la_int64_t offset;
                int r;
                while ((r = archive_read_data_block(a.get(), &buf, &len, &offset)) == ARCHIVE_OK) {
                    if (lseek(out.fd, offset, SEEK_SET) < 0)
                        throw fail(std::string("seek: ") + std::strerror(errno));
                    const char* p = static_cast<const char*>(buf);
                    while (len > 0) {
                        ssize_t n = write(out.fd, p, len);
                        if (n < 0) {
                            if (errno == EINTR) continue;
                            throw fail("cannot write " + finalPath + ": " + std::strerror(errno));
                        }
                        p += n;
                        len -= static_cast<size_t>(n);
                    }
                }
                if (r != ARCHIVE_EOF)
                    throw fail(std::string("payload is damaged: ") + errorOf(a.get()));
                if (chown_ && fchown(out.fd, uid, gid) != 0)
                    throw fail("cannot set owner of " + finalPath + ": " + std::strerror(errno));
                if (fchmod(out.fd, mode) != 0)
                    throw fail("cannot set mode of " + finalPath + ": " + std::strerror(errno));
                struct timespec times[2] = {{meta.mtime, 0}, {meta.mtime, 0}};
                futimens(out.fd, times);
            }
            written[path] = temp;
            continue;
        } else {
            // Device nodes and FIFOs need privileges an installroot build rarely has; say so.
            throw fail("'" + path + "' is a special file, which mpm does not create");
        }
        staged.push_back({path, finalPath, temp, false});
    }
    if (rc != ARCHIVE_EOF) throw fail(std::string("payload is damaged: ") + errorOf(a.get()));
    return staged;
}

}  // namespace mpm
