// RAII over librpm's handles (transaction sets, file descriptors, headers, keyrings, keys and
// parsed OpenPGP parameters), shared by everything that reads RPM files or keys with librpm.
#pragma once

#include <rpm/header.h>
#include <rpm/rpmcrypto.h>
#include <rpm/rpmds.h>
#include <rpm/rpmio.h>
#include <rpm/rpmkeyring.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmpgp.h>
#include <rpm/rpmstrpool.h>
#include <rpm/rpmts.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <type_traits>

namespace mpm::rpm {

template <typename T, auto Free>
struct Deleter {
    void operator()(T p) const noexcept { Free(p); }
};
template <typename T, auto Free>
using Handle = std::unique_ptr<std::remove_pointer_t<T>, Deleter<T, Free>>;

using Ts = Handle<rpmts, rpmtsFree>;
using Fd = Handle<FD_t, Fclose>;
using Hdr = Handle<Header, headerFree>;
using Ds = Handle<rpmds, rpmdsFree>;
using Keyring = Handle<rpmKeyring, rpmKeyringFree>;
using Pubkey = Handle<rpmPubkey, rpmPubkeyFree>;
using DigParams = Handle<pgpDigParams, pgpDigParamsFree>;

// Memory librpm hands over with malloc.
struct CFree {
    void operator()(void* p) const noexcept { std::free(p); }
};
template <typename T>
using Malloced = std::unique_ptr<T, CFree>;

// Reads rpm's configuration once and silences its own logging: mpm words every problem itself.
void initRpm();
// One string pool for the rpmds and rpmfiles this process makes: librpm creates a pool for each
// one made without (a ~200 KB table zeroed each time, 3 per package header read), which was a
// tenth of an install of 300 small packages. Strings are interned, so it grows with the distinct
// names and paths of the packages read, not with their number.
rpmstrPool sharedStrings();

// One RPM file read by librpm: its header, checked as `flags` (and `keyring`, when given) say,
// with the file left open at the start of the payload. `opened` is false when the file cannot
// be opened at all; otherwise `rc` is rpmReadPackageFile's verdict.
struct PackageRead {
    bool opened = false;
    rpmRC rc = RPMRC_FAIL;
    Fd fd;
    Hdr header;
};
PackageRead readPackage(const std::string& path, rpmVSFlags flags, rpmKeyring keyring = nullptr);

// While alive, librpm's error messages are collected instead of dropped, so that mpm's one
// sentence can say what librpm found ("No space left on device").
class LogCapture {
  public:
    LogCapture();
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;
    ~LogCapture();
    // "" or " (librpm: ...)", ready to append to a sentence.
    std::string detail() const;
    void add(const std::string& message);

  private:
    std::string text_;
    int mask_;
};

// A digest being computed with librpm's hashes (`algo`: PGPHASHALGO_*).
class Digest {
  public:
    explicit Digest(int algo);
    explicit operator bool() const { return ctx_ != nullptr; }
    void update(const void* data, size_t len);
    // The digest in lowercase hex, as rpm's headers hold them; the digest is done with.
    std::string hex();

  private:
    struct Final {
        void operator()(DIGEST_CTX c) const noexcept;
    };
    std::unique_ptr<std::remove_pointer_t<DIGEST_CTX>, Final> ctx_;
};

// A header as bytes (headerExport) and back (headerImport, a copy). Null on damaged bytes.
std::string exportHeader(Header h);
Hdr importHeader(const std::string& blob);

}  // namespace mpm::rpm
