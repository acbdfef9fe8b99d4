#include "repodata/SideFilelists.hpp"

#include <cstring>
#include <string_view>
#include <system_error>

#include "common/Interrupt.hpp"
#include "solv/libsolv.hpp"

namespace mpm::repodata {

namespace {

// libsolv's checksum type for a binary checksum of `len` bytes (0: none has that length).
Id checksumType(int len) {
    switch (len) {
        case 16:
            return REPOKEY_TYPE_MD5;
        case 20:
            return REPOKEY_TYPE_SHA1;
        case 28:
            return REPOKEY_TYPE_SHA224;
        case 32:
            return REPOKEY_TYPE_SHA256;
        case 48:
            return REPOKEY_TYPE_SHA384;
        case 64:
            return REPOKEY_TYPE_SHA512;
        default:
            return 0;
    }
}

// Calls `found` with the value of every pkgid="..." in the text read from `f`, in order. A
// scan, not a parse: what it misreads only makes stand-ins that cannot be primary's packages,
// and the caller then parses the plain way.
template <typename Found>
void scanPkgids(FILE* f, Found found) {
    constexpr std::string_view kAttr = "pkgid=";
    constexpr size_t kLongest = 2 * 64 + 2;  // a quoted SHA-512 in hex
    std::string buf;
    char chunk[1 << 16];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf.append(chunk, n);
        size_t pos = 0;  // everything before it is scanned
        // kept for the next chunk: a "pkgid=" cut in two, or a value not closed yet
        size_t keepFrom = buf.size() > kAttr.size() ? buf.size() - kAttr.size() : 0;
        while (const void* hit =
                   memmem(buf.data() + pos, buf.size() - pos, kAttr.data(), kAttr.size())) {
            const size_t at = static_cast<const char*>(hit) - buf.data();
            const size_t open = at + kAttr.size();
            if (open >= buf.size()) break;
            const char quote = buf[open];
            pos = open;
            if (quote != '"' && quote != '\'') continue;
            const size_t close = buf.find(quote, open + 1);
            if (close == buf.npos) {
                if (buf.size() - open <= kLongest) pos = keepFrom = at;
                break;
            }
            if (close - open - 1 <= kLongest)
                found(std::string_view(buf).substr(open + 1, close - open - 1));
            pos = close + 1;
        }
        buf.erase(0, std::max(keepFrom, pos));
    }
}

}  // namespace

SideFilelists::SideFilelists(std::string path, solv::ReadLimits limits, Parse parse)
    : path_(std::move(path)),
      limits_(limits),
      parse_(std::move(parse)),
      repo_(pool_.addRepo("filelists")) {
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
        addStandIns();
        first_ = repo_->nrepodata;
        parse_(repo_);
    } catch (...) {
        error_ = std::current_exception();
    }
}

void SideFilelists::addStandIns() {
    std::string exceeded;  // the parse that follows reports it, in its words
    solv::FilePtr f = solv::openCompressedLimited(path_, limits_, exceeded);
    if (!f) return;
    Repodata* data = repo_add_repodata(repo_, 0);
    scanPkgids(f.get(), [&](std::string_view hex) {
        // (read in place: the value is followed by its closing quote, which stops the reading)
        unsigned char bin[64];
        const char* p = hex.data();
        const int len = solv_hex2bin(&p, bin, sizeof bin);
        const Id type = checksumType(len);
        if (!type || p != hex.data() + hex.size()) return;
        repodata_set_bin_checksum(data, repo_add_solvable(repo_), SOLVABLE_CHECKSUM, type, bin);
    });
    repodata_internalize(data);
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
    if (error_) std::rethrow_exception(error_);
    // a package without a checksum is empty here: no stand-in is, so that is a mismatch too
    if (checksumsOf(repo_) != packages) return {};
    return {repo_, first_};
}

}  // namespace mpm::repodata
