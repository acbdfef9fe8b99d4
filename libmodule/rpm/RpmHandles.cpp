#include "libmodule/rpm/RpmHandles.hpp"

#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>

#include <mutex>

namespace mpm::rpm {

Digest::Digest(int algo) {
    initRpm();  // librpm's hashes are set up with its configuration
    ctx_.reset(rpmDigestInit(algo, RPMDIGEST_NONE));
}

void Digest::Final::operator()(DIGEST_CTX c) const noexcept {
    rpmDigestFinal(c, nullptr, nullptr, 0);
}

void Digest::update(const void* data, size_t len) {
    if (ctx_) rpmDigestUpdate(ctx_.get(), data, len);
}

std::string Digest::hex() {
    if (!ctx_) return "";
    void* out = nullptr;
    rpmDigestFinal(ctx_.release(), &out, nullptr, 1);
    Malloced<char> text(static_cast<char*>(out));
    return text ? text.get() : "";
}

void initRpm() {
    static std::once_flag once;
    std::call_once(once, [] {
        rpmReadConfigFiles(nullptr, nullptr);
        // librpm talks on stderr about keys and digests; mpm reports problems itself.
        rpmlogSetMask(RPMLOG_UPTO(RPMLOG_CRIT));
    });
}

rpmstrPool sharedStrings() {
    static rpmstrPool pool = rpmstrPoolCreate();  // lives as long as the process
    return pool;
}

PackageRead readPackage(const std::string& path, rpmVSFlags flags, rpmKeyring keyring) {
    initRpm();
    PackageRead out;
    // Reads that check no signature share one transaction set per thread, with an empty
    // keyring of its own: a set made for each of an install's packages (its macros read, its
    // keyring loaded) cost a fifth of reading the headers.
    thread_local Ts unsigned_([] {
        Ts ts(rpmtsCreate());
        Keyring none(rpmKeyringNew());
        rpmtsSetKeyring(ts.get(), none.get());
        return ts;
    }());
    Ts own(keyring ? rpmtsCreate() : nullptr);
    rpmts ts = keyring ? own.get() : unsigned_.get();
    if (keyring) rpmtsSetKeyring(ts, keyring);
    rpmtsSetVSFlags(ts, flags);
    out.fd.reset(Fopen(path.c_str(), "r.ufdio"));
    if (!out.fd || Ferror(out.fd.get())) return out;
    out.opened = true;
    Header raw = nullptr;
    out.rc = rpmReadPackageFile(ts, out.fd.get(), path.c_str(), &raw);
    out.header.reset(raw);
    return out;
}

namespace {

int collect(rpmlogRec rec, rpmlogCallbackData data) {
    if (rpmlogRecPriority(rec) <= RPMLOG_ERR && rpmlogRecMessage(rec))
        static_cast<LogCapture*>(data)->add(rpmlogRecMessage(rec));
    return 0;
}

}  // namespace

LogCapture::LogCapture() : mask_(rpmlogSetMask(RPMLOG_UPTO(RPMLOG_ERR))) {
    rpmlogSetCallback(collect, this);
}

LogCapture::~LogCapture() {
    rpmlogSetCallback(nullptr, nullptr);
    rpmlogSetMask(mask_);
}

void LogCapture::add(const std::string& message) {
    std::string m = message;
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    if (!m.empty()) text_ += (text_.empty() ? "" : "; ") + m;
}

std::string LogCapture::detail() const {
    return text_.empty() ? std::string() : " (librpm: " + text_ + ")";
}

std::string exportHeader(Header h) {
    unsigned int size = 0;
    Malloced<char> bytes(static_cast<char*>(headerExport(h, &size)));
    return bytes ? std::string(bytes.get(), size) : std::string();
}

Hdr importHeader(const std::string& blob) {
    if (blob.empty()) return nullptr;
    return Hdr(headerImport(const_cast<char*>(blob.data()), static_cast<unsigned int>(blob.size()),
                            HEADERIMPORT_COPY));
}

}  // namespace mpm::rpm
