#include "libmodule/rpm/TransactionOrder.hpp"

#include <rpm/rpmte.h>
#include <rpm/rpmts.h>

#include <cstdint>

#include "common/Error.hpp"
#include "libmodule/rpm/RpmHandles.hpp"

namespace mpm::rpm {

namespace {

using TsIterator = Handle<rpmtsi, rpmtsiFree>;

// The indexes (kept as each element's userdata, plus one) of the ordered elements of `type`.
std::vector<size_t> ordered(rpmts ts, rpmElementType type, size_t count) {
    if (rpmtsOrder(ts) != 0) throw Error("librpm cannot order the packages of this transaction");
    std::vector<size_t> order;
    TsIterator it(rpmtsiInit(ts));
    while (rpmte te = rpmtsiNext(it.get(), type))
        order.push_back(reinterpret_cast<uintptr_t>(rpmteUserdata(te)) - 1);
    if (order.size() != count) throw Error("librpm lost packages while ordering this transaction");
    return order;
}

// Marks the element just added as the index-th (plus one: null reads as "none").
void tag(rpmts ts, size_t index) {
    rpmte te = rpmtsElement(ts, static_cast<int>(index));
    if (!te) throw Error("librpm cannot order the packages of this transaction");
    rpmteSetUserdata(te, reinterpret_cast<void*>(static_cast<uintptr_t>(index + 1)));
}

// Only the order is wanted: no plugins (they load with the first element), and no database
// is opened for it (plain installs, erasures of headers already read).
Ts orderingSet() {
    initRpm();
    Ts ts(rpmtsCreate());
    rpmtsSetFlags(ts.get(), RPMTRANS_FLAG_NOPLUGINS);
    return ts;
}

}  // namespace

std::vector<size_t> installOrder(const std::vector<const std::string*>& headers) {
    if (headers.size() < 2) return headers.empty() ? std::vector<size_t>{} : std::vector<size_t>{0};
    Ts ts = orderingSet();
    for (size_t i = 0; i < headers.size(); ++i) {
        Hdr h = importHeader(*headers[i]);
        if (!h || rpmtsAddInstallElement(ts.get(), h.get(), nullptr, 0, nullptr) != 0)
            throw Error("librpm cannot order a package header of this transaction");
        tag(ts.get(), i);
    }
    return ordered(ts.get(), TR_ADDED, headers.size());
}

std::vector<size_t> eraseOrder(const std::vector<Header>& headers) {
    if (headers.size() < 2) return headers.empty() ? std::vector<size_t>{} : std::vector<size_t>{0};
    Ts ts = orderingSet();
    for (size_t i = 0; i < headers.size(); ++i) {
        if (!headers[i] ||
            rpmtsAddEraseElement(ts.get(), headers[i], headerGetInstance(headers[i])) != 0)
            throw Error("librpm cannot order an installed package of this transaction");
        tag(ts.get(), i);
    }
    return ordered(ts.get(), TR_REMOVED, headers.size());
}

}  // namespace mpm::rpm
