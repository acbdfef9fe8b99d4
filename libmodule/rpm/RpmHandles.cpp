#include "libmodule/rpm/RpmHandles.hpp"

#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>

#include <mutex>

namespace mpm::rpm {

void initRpm() {
    static std::once_flag once;
    std::call_once(once, [] {
        rpmReadConfigFiles(nullptr, nullptr);
        // librpm talks on stderr about keys and digests; mpm reports problems itself.
        rpmlogSetMask(RPMLOG_UPTO(RPMLOG_CRIT));
    });
}

PackageRead readPackage(const std::string& path, rpmVSFlags flags, rpmKeyring keyring) {
    initRpm();
    PackageRead out;
    Ts ts(rpmtsCreate());
    if (keyring) rpmtsSetKeyring(ts.get(), keyring);
    rpmtsSetVSFlags(ts.get(), flags);
    out.fd.reset(Fopen(path.c_str(), "r.ufdio"));
    if (!out.fd || Ferror(out.fd.get())) return out;
    out.opened = true;
    Header raw = nullptr;
    out.rc = rpmReadPackageFile(ts.get(), out.fd.get(), path.c_str(), &raw);
    out.header.reset(raw);
    return out;
}

}  // namespace mpm::rpm
