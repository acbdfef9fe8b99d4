#include "repodata/PkgidFilter.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "solv/libsolv.hpp"

namespace mpm::repodata {

namespace {

constexpr std::string_view kTag = "<package";
constexpr std::string_view kAttr = "pkgid=";
// A real tag holds a name, an arch and a pkgid (a SHA-512 at most): a few hundred bytes.
constexpr size_t kLongestTag = 64 * 1024;
constexpr size_t kChunk = 1 << 16;

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

// The bytes `hex` spells, when they are a checksum; else empty.
std::string binaryChecksum(std::string_view hex) {
    if (hex.size() > 2 * 64) return {};
    const std::string text(hex);  // solv_hex2bin stops at the first non-hex character
    unsigned char bin[64];
    const char* p = text.c_str();
    const int len = solv_hex2bin(&p, bin, sizeof bin);
    if (!checksumType(len) || p != text.c_str() + text.size()) return {};
    return std::string(reinterpret_cast<const char*>(bin), len);
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

class Filter {
  public:
    Filter(solv::FilePtr inner, std::vector<std::string>& checksums)
        : inner_(std::move(inner)), checksums_(&checksums) {}

    // Up to `size` bytes of the filtered text; 0 at its end, -1 when `inner` fails.
    ssize_t read(char* buf, size_t size) {
        while (given_ == out_.size()) {
            out_.clear();
            given_ = 0;
            if (eof_ && pos_ == in_.size()) return 0;
            if (!eof_ && !fill()) return -1;
            pass();
        }
        const size_t n = std::min(size, out_.size() - given_);
        std::memcpy(buf, out_.data() + given_, n);
        given_ += n;
        return static_cast<ssize_t>(n);
    }

  private:
    // Reads the next chunk of `inner` after what is still to pass.
    bool fill() {
        in_.erase(0, pos_);
        pos_ = 0;
        const size_t had = in_.size();
        in_.resize(had + kChunk);
        const size_t n = std::fread(in_.data() + had, 1, kChunk, inner_.get());
        in_.resize(had + n);
        if (n == 0) {
            if (std::ferror(inner_.get())) return false;
            eof_ = true;
        }
        return true;
    }

    void passTo(size_t end) {
        out_.append(in_, pos_, end - pos_);
        pos_ = end;
    }

    // Passes on what can be decided of `in_`: all of it at the end, else up to a tag (or the
    // beginning of one) that the next chunk completes.
    void pass() {
        for (;;) {
            const size_t at = in_.find(kTag, pos_);
            if (at == in_.npos) {
                const size_t keep = eof_ ? 0 : std::min(in_.size() - pos_, kTag.size() - 1);
                return passTo(in_.size() - keep);
            }
            const size_t next = at + kTag.size();
            if (next == in_.size() && !eof_) return passTo(at);
            if (next == in_.size() ||
                !(isSpace(in_[next]) || in_[next] == '>' || in_[next] == '/')) {
                passTo(next);  // another name (<packages), or the text's end
                continue;
            }
            const size_t end = in_.find('>', next);
            if (end == in_.npos && !eof_ && in_.size() - at <= kLongestTag) return passTo(at);
            if (end == in_.npos || end - at > kLongestTag) {
                checksums_->emplace_back();
                passTo(next);
                continue;
            }
            passTag(at, end);
        }
    }

    // The tag in_[at, end] (`end` at its '>'), passed on without its pkgid attribute.
    void passTag(size_t at, size_t end) {
        const std::string_view tag(in_.data() + at, end - at);
        size_t attr = tag.find(kAttr);
        while (attr != tag.npos && !isSpace(tag[attr - 1])) attr = tag.find(kAttr, attr + 1);
        if (attr != tag.npos) {
            const size_t open = attr + kAttr.size();
            const char quote = tag[open];  // the tag goes on up to its '>'
            const size_t close =
                quote == '"' || quote == '\'' ? tag.find(quote, open + 1) : tag.npos;
            if (close != tag.npos) {
                checksums_->push_back(binaryChecksum(tag.substr(open + 1, close - open - 1)));
                passTo(at + attr);
                pos_ = at + close + 1;
                return;
            }
        }
        checksums_->emplace_back();
        passTo(end);
    }

    solv::FilePtr inner_;
    std::vector<std::string>* checksums_;
    std::string in_;  // read from inner_; in_[pos_, end) is not passed on yet
    size_t pos_ = 0;
    bool eof_ = false;
    std::string out_;  // passed on; out_[given_, end) is not read yet
    size_t given_ = 0;
};

ssize_t filteredRead(void* cookie, char* buf, size_t size) noexcept {
    try {
        return static_cast<Filter*>(cookie)->read(buf, size);
    } catch (...) {
        errno = ENOMEM;
        return -1;
    }
}

int filteredClose(void* cookie) noexcept {
    delete static_cast<Filter*>(cookie);
    return 0;
}

}  // namespace

solv::FilePtr withoutPkgids(solv::FilePtr inner, std::vector<std::string>& checksums) {
    if (!inner) return nullptr;
    auto filter = std::make_unique<Filter>(std::move(inner), checksums);
    const cookie_io_functions_t io{filteredRead, nullptr, nullptr, filteredClose};
    solv::FilePtr f(fopencookie(filter.get(), "r", io));
    if (f) filter.release();  // the FILE owns it now (filteredClose)
    return f;
}

}  // namespace mpm::repodata
