#include "solv/RepoCache.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "solv/File.hpp"
#include "solv/Owned.hpp"

namespace mpm::solv {

bool readStampedSolv(::Repo* repo, const std::string& path, const std::string& stamp, int flags) {
    FilePtr f = openPlain(path, "rb");
    if (!f) return false;
    unsigned char* raw = nullptr;
    int len = 0;
    const bool read = solv_read_userdata(f.get(), &raw, &len) == 0;
    SolvBuffer<unsigned char> data(raw);
    if (!read || len != static_cast<int>(stamp.size()) ||
        std::memcmp(data.get(), stamp.data(), stamp.size()) != 0)
        return false;
    std::rewind(f.get());
    return repo_add_solv(repo, f.get(), flags) == 0;
}

std::string writeStampedSolv(::Repo* repo, const std::string& path, const std::string& stamp,
                             int first, int last, int writerFlags) {
    const std::string tmp = path + ".tmp-" + std::to_string(getpid());
    FilePtr f = openPlain(tmp, "wb");
    if (!f) return std::strerror(errno);
    RepoWriter writer(repowriter_create(repo));
    repowriter_set_repodatarange(writer.get(), first, last < 0 ? repo->nrepodata : last);
    if (writerFlags) repowriter_set_flags(writer.get(), writerFlags);
    repowriter_set_userdata(writer.get(), stamp.data(), static_cast<int>(stamp.size()));
    errno = 0;
    const int rc = repowriter_write(writer.get(), f.get());
    writer.reset();
    // No fsync: a torn file fails repo_add_solv's own checks and is rebuilt.
    const bool ok = rc == 0 && std::fflush(f.get()) == 0;
    const int err = errno;
    f.reset();
    std::error_code ec;
    if (ok) std::filesystem::rename(tmp, path, ec);
    if (ok && !ec) return {};
    const std::string why = ec    ? ec.message()
                            : err ? std::string(std::strerror(err))
                                  : std::string("it could not be written");
    std::filesystem::remove(tmp, ec);
    return why;
}

}  // namespace mpm::solv
