#include "libmodule/rpm/InstallOrder.hpp"

#include <rpm/rpmte.h>
#include <rpm/rpmts.h>

#include <cstdint>

#include "common/Error.hpp"
#include "libmodule/rpm/RpmHandles.hpp"

namespace mpm::rpm {

namespace {

using TsIterator = Handle<rpmtsi, rpmtsiFree>;

}  // namespace

std::vector<size_t> installOrder(const std::vector<const std::string*>& headers) {
    if (headers.size() < 2) return headers.empty() ? std::vector<size_t>{} : std::vector<size_t>{0};
    initRpm();
    Ts ts(rpmtsCreate());
    // Only the order is wanted: no plugins (they load when the first element is added), and
    // as plain installs ("i", not "u") rpm opens no database at all.
    rpmtsSetFlags(ts.get(), RPMTRANS_FLAG_NOPLUGINS);
    for (size_t i = 0; i < headers.size(); ++i) {
        Hdr h = importHeader(*headers[i]);
        // The key is the index plus one: librpm treats a null key as "none".
        const auto key = reinterpret_cast<fnpyKey>(static_cast<uintptr_t>(i + 1));
        if (!h || rpmtsAddInstallElement(ts.get(), h.get(), key, 0, nullptr) != 0)
            throw Error("librpm cannot order a package header of this transaction");
    }
    if (rpmtsOrder(ts.get()) != 0)
        throw Error("librpm cannot order the packages of this transaction");
    std::vector<size_t> order;
    TsIterator it(rpmtsiInit(ts.get()));
    while (rpmte te = rpmtsiNext(it.get(), TR_ADDED))
        order.push_back(reinterpret_cast<uintptr_t>(rpmteKey(te)) - 1);
    if (order.size() != headers.size())
        throw Error("librpm lost packages while ordering this transaction");
    return order;
}

}  // namespace mpm::rpm
