#include "repodata/SideFilelists.hpp"

#include <algorithm>
#include <system_error>

#include "common/Interrupt.hpp"
#include "solv/libsolv.hpp"

namespace mpm::repodata {

SideFilelists::SideFilelists(Parse parse)
    : parse_(std::move(parse)), repo_(pool_.addRepo("filelists")) {
    try {
        thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
        run();  // no thread to be had (a process limit): parsed here, as a single core would
    }
}

SideFilelists::~SideFilelists() {
    if (thread_.joinable()) thread_.join();
}

void SideFilelists::run() noexcept {
    HoldInterrupts hold;  // Ctrl-C is the main thread's to see
    try {
        first_ = std::max(repo_->nrepodata, 1);  // libsolv's repodata 0 is reserved
        parse_(repo_, REPO_LOCALPOOL | REPO_NO_INTERNALIZE,
               [this](solv::FilePtr f) { return withoutPkgids(std::move(f), read_); });
        for (int i = first_; i < repo_->nrepodata; ++i) {
            // libsolv marks new packages' file lists as primary's filtered ones; these are the
            // whole lists, an extension of primary (what the cache says of itself)
            ::Repodata* data = repo_id2repodata(repo_, i);
            repodata_unset(data, SOLVID_META, REPOSITORY_FILTEREDFILELIST);
            repodata_internalize(data);
        }
    } catch (...) {
        failed_ = true;  // the caller parses the plain way, and says what is wrong
    }
}

std::vector<std::string> SideFilelists::checksumsOf(::Repo* repo) {
    std::vector<std::string> sums;
    sums.reserve(repo->nsolvables);
    ::Solvable* s;
    Id p;
    FOR_REPO_SOLVABLES(repo, p, s) {
        Id type = 0;
        const unsigned char* sum = solvable_lookup_bin_checksum(s, SOLVABLE_CHECKSUM, &type);
        sums.push_back(sum ? std::string(reinterpret_cast<const char*>(sum), solv_chksum_len(type))
                           : std::string());
    }
    return sums;
}

SideFilelists::Result SideFilelists::joinTo(const std::vector<std::string>& packages) {
    if (thread_.joinable()) thread_.join();
    // (an entry the filter read is never empty: a package of primary's without a checksum is
    // a mismatch)
    if (failed_ || !read_.usable || read_.checksums != packages ||
        static_cast<size_t>(repo_->nsolvables) != packages.size())
        return {};
    return {repo_, first_};
}

}  // namespace mpm::repodata
