#include "solv/RepoCache.hpp"

#include <gcrypt.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <unordered_set>
#include <vector>

#include "solv/File.hpp"
#include "solv/Owned.hpp"

namespace mpm::solv {

namespace {

// zlib's CRC-32 (ISO 3309), computed by libgcrypt, rpm's crypto library, with the CPU's
// carry-less multiply: 0.32 ms for a 5.5 MB primary.solv where zlib takes 0.75 (every warm run
// checks every cache). zlib's where libgcrypt offers none (FIPS mode).
class Crc32 {
  public:
    Crc32() {
        static std::once_flag init;
        std::call_once(init, [] { gcry_check_version(nullptr); });
        if (gcry_md_open(&md_, GCRY_MD_CRC32, 0) != 0) md_ = nullptr;
    }
    Crc32(const Crc32&) = delete;
    Crc32& operator=(const Crc32&) = delete;
    ~Crc32() {
        if (md_) gcry_md_close(md_);
    }
    void add(const unsigned char* data, size_t n) {
        if (md_)
            gcry_md_write(md_, data, n);
        else
            zlib_ = crc32(zlib_, data, static_cast<uInt>(n));
    }
    unsigned long value() {
        if (!md_) return zlib_;
        const unsigned char* r = gcry_md_read(md_, GCRY_MD_CRC32);  // big-endian
        return (static_cast<unsigned long>(r[0]) << 24) | (r[1] << 16) | (r[2] << 8) | r[3];
    }

  private:
    gcry_md_hd_t md_ = nullptr;
    uLong zlib_ = crc32(0L, Z_NULL, 0);
};

// The CRC-32 and size of a file: a .solv cache is read only when they match what was written
// (libsolv trusts a .solv file, and a scribbled one can make it read past its buffers).
// Read with pread, so that a FILE open on `fd` keeps its position.
std::string fingerprintOf(int fd) {
    Crc32 crc;
    uint64_t size = 0;
    // Small enough to stay in the CPU's cache between the copy in and the CRC (1 MiB did not:
    // 0.3-0.4 ms more on a warm query).
    std::vector<unsigned char> buf(64 << 10);
    ssize_t n;
    while ((n = ::pread(fd, buf.data(), buf.size(), static_cast<off_t>(size))) > 0) {
        crc.add(buf.data(), static_cast<size_t>(n));
        size += static_cast<uint64_t>(n);
    }
    if (n < 0) return {};
    return std::to_string(crc.value()) + " " + std::to_string(size) + "\n";
}

std::string fingerprint(const std::string& path) {
    FilePtr f = openPlain(path, "rbe");
    return f ? fingerprintOf(fileno(f.get())) : std::string();
}

std::string sidecar(const std::string& path) {
    return path + ".crc";
}

// The stamp a .solv file carries (libsolv's userdata), read from where `f` is; none when it
// has none or cannot be read.
std::optional<std::string> stampOf(FILE* f) {
    unsigned char* raw = nullptr;
    int len = 0;
    if (solv_read_userdata(f, &raw, &len) != 0) return std::nullopt;
    SolvBuffer<unsigned char> data(raw);
    return std::string(reinterpret_cast<const char*>(data.get()), static_cast<size_t>(len));
}

}  // namespace

StampedFile openStampedSolv(const std::string& path, const std::string& stamp, Verify verify) {
    char line[64] = {};
    {
        FilePtr want = openPlain(sidecar(path), "rbe");
        if (!want || !std::fgets(line, sizeof line, want.get())) return {};
    }
    // Close-on-exec: a file kept open for later is not for scriptlets to inherit.
    constexpr size_t kBuffer = 64 << 10;
    StampedFile f{std::make_unique<char[]>(kBuffer), openPlain(path, "rbe"), line};
    if (!f.file) return {};
    if (verify == Verify::Now && fingerprintOf(fileno(f.file.get())) != f.fingerprint) return {};
    std::setvbuf(f.file.get(), f.buffer.get(), _IOFBF, kBuffer);
    if (stampOf(f.file.get()) != stamp) return {};
    std::rewind(f.file.get());
    return f;
}

bool readStampedSolv(::Repo* repo, const std::string& path, const std::string& stamp, int flags) {
    const StampedFile f = openStampedSolv(path, stamp);
    return f && repo_add_solv(repo, f.file.get(), flags) == 0;
}

bool StampedFile::unchanged() const {
    return file && fingerprintOf(fileno(file.get())) == fingerprint;
}

std::string storedStamp(const std::string& path) {
    FilePtr f = openPlain(path, "rbe");
    return f ? stampOf(f.get()).value_or("") : std::string();
}

namespace {

int selectedKey(::Repo* repo, Repokey* key, void* keys) {
    if (!(*static_cast<const KeySelection*>(keys))(key->name)) return KEY_STORAGE_DROPPED;
    return repo_write_stdkeyfilter(repo, key, nullptr);
}

}  // namespace

int writeSolv(::Repo* repo, FILE* f, const std::string& stamp, int first, int last, int writerFlags,
              const KeySelection& keys) {
    RepoWriter writer(repowriter_create(repo));
    repowriter_set_repodatarange(writer.get(), first, last < 0 ? repo->nrepodata : last);
    if (writerFlags) repowriter_set_flags(writer.get(), writerFlags);
    if (keys) repowriter_set_keyfilter(writer.get(), selectedKey, const_cast<KeySelection*>(&keys));
    repowriter_set_userdata(writer.get(), stamp.data(), static_cast<int>(stamp.size()));
    return repowriter_write(writer.get(), f);
}

std::string writeStampedSolv(::Repo* repo, const std::string& path, const std::string& stamp,
                             int first, int last, int writerFlags, const KeySelection& keys) {
    return writeStampedFile(path, [&](FILE* f) {
        return writeSolv(repo, f, stamp, first, last, writerFlags, keys) == 0;
    });
}

std::string writeStampedFile(const std::string& path, const std::function<bool(FILE*)>& write) {
    const std::string tmp = path + ".tmp-" + std::to_string(getpid());
    FilePtr f = openPlain(tmp, "wb");
    if (!f) return std::strerror(errno);
    errno = 0;
    // No fsync: a torn file fails repo_add_solv's own checks and is rebuilt.
    const bool ok = write(f.get()) && std::fflush(f.get()) == 0;
    const int err = errno;
    f.reset();
    std::error_code ec;
    // The fingerprint first: a crash between the two leaves a mismatch, i.e. a rebuild.
    const std::string print = ok ? fingerprint(tmp) : std::string();
    if (ok && !print.empty()) {
        const std::string sideTmp = sidecar(path) + ".tmp-" + std::to_string(getpid());
        FilePtr side = openPlain(sideTmp, "wb");
        const bool written =
            side && std::fputs(print.c_str(), side.get()) >= 0 && std::fflush(side.get()) == 0;
        side.reset();
        if (written) std::filesystem::rename(sideTmp, sidecar(path), ec);
        if (!written || ec) std::filesystem::remove(sideTmp, ec);
        ec.clear();
    }
    if (ok) std::filesystem::rename(tmp, path, ec);
    if (ok && !ec) return {};
    const std::string why = ec    ? ec.message()
                            : err ? std::string(std::strerror(err))
                                  : std::string("it could not be written");
    std::filesystem::remove(tmp, ec);
    return why;
}

namespace {

Queue addedFileProvides(::Repo* repo) {
    Queue listed;
    if (repo->nrepodata >= 2)
        repodata_lookup_idarray(repo_id2repodata(repo, 1), SOLVID_META,
                                REPOSITORY_ADDEDFILEPROVIDES, listed.raw());
    return listed;
}

}  // namespace

bool recordFileProvides(::Repo* repo, const Queue& files) {
    if (repo->nrepodata < 2 || files.empty()) return false;
    Repodata* first = repo_id2repodata(repo, 1);
    Queue listed = addedFileProvides(repo);
    const std::unordered_set<Id> known(listed.begin(), listed.end());
    bool added = false;
    for (Id file : files)
        if (!known.count(file)) {
            listed.push_back(file);
            added = true;
        }
    if (!added) return false;
    repodata_set_idarray(first, SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES, listed.raw());
    repodata_internalize(first);
    return true;
}

bool listsFileProvides(::Repo* repo, Id file) {
    return addedFileProvides(repo).contains(file);
}

}  // namespace mpm::solv
