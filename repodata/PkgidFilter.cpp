#include "repodata/PkgidFilter.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "solv/libsolv.hpp"

namespace mpm::repodata {

namespace {

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

bool isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == ':' || c == '-' || c == '.';
}

enum class Scan { Done, More, Bad };
enum class Kind { Open, SelfClosing, Close, Instruction, Declaration };

// One tag: its kind, name and end (the index of its '>'), and where its pkgid attribute is
// (from the first character of its name to after its closing quote).
struct Tag {
    Kind kind = Kind::Open;
    std::string_view name;
    size_t end = 0;
    int pkgids = 0;
    size_t pkgidBegin = 0, pkgidEnd = 0;
    std::string_view pkgid;
};

// Reads the tag that begins at text[lt] ('<'): attributes by name, '=' and quoted value, so a
// value holding '>' or "pkgid=" is read as the value it is. More: the text ends inside it.
Scan scanTag(std::string_view text, size_t lt, Tag& t) {
    size_t i = lt + 1;
    if (i >= text.size()) return Scan::More;
    if (text[i] == '!') {  // a comment, CDATA or a declaration
        t.kind = Kind::Declaration;
        return Scan::Done;
    }
    if (text[i] == '?') {
        const size_t end = text.find("?>", i + 1);
        if (end == text.npos) return Scan::More;
        t.kind = Kind::Instruction;
        t.end = end + 1;
        return Scan::Done;
    }
    const bool closing = text[i] == '/';
    if (closing) ++i;
    const size_t nameAt = i;
    while (i < text.size() && isNameChar(text[i])) ++i;
    if (i == text.size()) return Scan::More;
    if (i == nameAt) return Scan::Bad;
    t.name = text.substr(nameAt, i - nameAt);
    for (;;) {
        while (i < text.size() && isSpace(text[i])) ++i;
        if (i == text.size()) return Scan::More;
        if (text[i] == '>') {
            t.kind = closing ? Kind::Close : Kind::Open;
            t.end = i;
            return Scan::Done;
        }
        if (closing) return Scan::Bad;
        if (text[i] == '/') {
            if (i + 1 == text.size()) return Scan::More;
            if (text[i + 1] != '>') return Scan::Bad;
            t.kind = Kind::SelfClosing;
            t.end = i + 1;
            return Scan::Done;
        }
        if (i == nameAt + t.name.size() || !isSpace(text[i - 1])) return Scan::Bad;
        const size_t attrAt = i;
        while (i < text.size() && isNameChar(text[i])) ++i;
        if (i == text.size()) return Scan::More;
        if (i == attrAt) return Scan::Bad;
        const std::string_view attr = text.substr(attrAt, i - attrAt);
        while (i < text.size() && isSpace(text[i])) ++i;
        if (i == text.size()) return Scan::More;
        if (text[i++] != '=') return Scan::Bad;
        while (i < text.size() && isSpace(text[i])) ++i;
        if (i == text.size()) return Scan::More;
        const char quote = text[i];
        if (quote != '"' && quote != '\'') return Scan::Bad;
        const size_t close = text.find(quote, i + 1);
        if (close == text.npos) return Scan::More;
        const std::string_view value = text.substr(i + 1, close - i - 1);
        if (value.find('<') != value.npos) return Scan::Bad;  // never in a value
        if (attr == "pkgid") {
            ++t.pkgids;
            t.pkgidBegin = attrAt;
            t.pkgidEnd = close + 1;
            t.pkgid = value;
        }
        i = close + 1;
    }
}

class Filter {
  public:
    Filter(solv::FilePtr inner, PkgidList& read) : inner_(std::move(inner)), read_(&read) {}

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

    // Not the shape looked for: what was read is of no use, and the rest passes as it is.
    void giveUp() {
        read_->usable = false;
        read_->checksums = {};
    }

    // Passes on what can be decided of `in_`: all of it at the end, else up to a tag the next
    // chunk completes.
    void pass() {
        while (read_->usable)
            if (!(inPackage_ ? passInsidePackage() : passTag())) return;
        passTo(in_.size());
    }

    // The next tag outside the packages' contents; false when the text ends inside it.
    bool passTag() {
        const size_t lt = in_.find('<', pos_);
        if (lt == in_.npos) {
            passTo(in_.size());
            return false;
        }
        Tag t;
        const Scan scan = scanTag(in_, lt, t);
        if (scan == Scan::More) {
            if (!eof_ && in_.size() - lt <= kLongestTag) {
                passTo(lt);
                return false;
            }
            giveUp();
            return true;
        }
        if (scan == Scan::Bad || t.kind == Kind::Declaration || t.end - lt > kLongestTag) {
            giveUp();
            return true;
        }
        if (t.kind == Kind::Close && --depth_ < 0) giveUp();
        if (t.kind == Kind::Open || t.kind == Kind::SelfClosing) element(t);
        if (read_->usable) passTo(t.end + 1);
        return true;
    }

    // A <filelists> root and <package> children with a pkgid each.
    void element(const Tag& t) {
        const bool expected =
            depth_ == 0 ? t.name == "filelists" : depth_ == 1 && t.name == "package";
        std::string sum = expected && depth_ == 1 && t.pkgids == 1 ? binaryChecksum(t.pkgid) : "";
        if (!expected || (depth_ == 1 && sum.empty())) return giveUp();
        if (depth_ == 1) {
            read_->checksums.push_back(std::move(sum));
            passTo(t.pkgidBegin);
            pos_ = t.pkgidEnd;
            inPackage_ = t.kind == Kind::Open;
        } else if (t.kind == Kind::Open) {
            depth_ = 1;
        }
    }

    // A package's content (<version>, <file>s) up to its </package>, read only for what could
    // hide that end or put a package inside this one: a comment, CDATA or processing
    // instruction, another <package>, an end spelled otherwise. False when the text ends
    // before it can tell.
    bool passInsidePackage() {
        constexpr std::string_view kEnd = "</package>";
        for (;;) {
            const size_t lt = in_.find('<', pos_);
            if (lt == in_.npos) {
                passTo(in_.size());
                return false;
            }
            const std::string_view rest(in_.data() + lt, in_.size() - lt);
            if (rest.size() <= kEnd.size() && !eof_) {
                passTo(lt);
                return false;
            }
            if (rest.starts_with(kEnd)) {
                inPackage_ = false;
                passTo(lt + kEnd.size());
                return true;
            }
            const bool hiding =
                rest.size() < 2 || rest[1] == '!' || rest[1] == '?' ||
                rest.starts_with("</package") ||
                (rest.starts_with("<package") && (rest.size() == 8 || !isNameChar(rest[8])));
            if (hiding) {
                giveUp();
                return true;
            }
            passTo(lt + 1);
        }
    }

    solv::FilePtr inner_;
    PkgidList* read_;
    std::string in_;  // read from inner_; in_[pos_, end) is not passed on yet
    size_t pos_ = 0;
    bool eof_ = false;
    int depth_ = 0;           // 0 before the root, 1 inside it
    bool inPackage_ = false;  // inside a <package>'s content
    std::string out_;         // passed on; out_[given_, end) is not read yet
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

solv::FilePtr withoutPkgids(solv::FilePtr inner, PkgidList& read) {
    if (!inner) return nullptr;
    auto filter = std::make_unique<Filter>(std::move(inner), read);
    const cookie_io_functions_t io{filteredRead, nullptr, nullptr, filteredClose};
    solv::FilePtr f(fopencookie(filter.get(), "r", io));
    if (f) filter.release();  // the FILE owns it now (filteredClose)
    return f;
}

}  // namespace mpm::repodata
