#include "libmodule/base/Package.hpp"

#include "solv/libsolv.hpp"

#include "common/Strings.hpp"
#include "solv/DataIterator.hpp"
#include "solv/Pool.hpp"
#include "solv/Queue.hpp"

namespace mpm::base {

std::string Package::lookupStr(Id key) const {
    const char* s = solvable_lookup_str(solvable(), key);
    return s ? s : "";
}

std::string Package::name() const {
    return pool_id2str(pool_, solvable()->name);
}
std::string Package::evr() const {
    return pool_id2str(pool_, solvable()->evr);
}
std::string Package::arch() const {
    return pool_id2str(pool_, solvable()->arch);
}

std::string Package::epoch() const {
    std::string e = evr();
    size_t colon = e.find(':');
    size_t dash = e.find('-');
    if (colon == std::string::npos || (dash != std::string::npos && colon > dash)) return "0";
    return e.substr(0, colon);
}

std::string Package::version() const {
    std::string e = evr();
    size_t colon = e.find(':');
    size_t start = colon == std::string::npos ? 0 : colon + 1;
    size_t dash = e.rfind('-');
    return e.substr(start,
                    dash == std::string::npos || dash < start ? std::string::npos : dash - start);
}

std::string Package::release() const {
    std::string e = evr();
    size_t dash = e.rfind('-');
    return dash == std::string::npos ? "" : e.substr(dash + 1);
}

std::string Package::nevra() const {
    return name() + "-" + evr() + "." + arch();
}
std::string Package::fullNevra() const {
    return name() + "-" + epoch() + ":" + version() + "-" + release() + "." + arch();
}

std::string Package::repoId() const {
    return solvable()->repo ? solvable()->repo->name : "";
}
bool Package::installed() const {
    return solvable()->repo && solvable()->repo == pool_->installed;
}

std::string Package::summary() const {
    return lookupStr(SOLVABLE_SUMMARY);
}
std::string Package::description() const {
    return lookupStr(SOLVABLE_DESCRIPTION);
}
std::string Package::url() const {
    return lookupStr(SOLVABLE_URL);
}
std::string Package::license() const {
    return lookupStr(SOLVABLE_LICENSE);
}
std::string Package::sourceRpm() const {
    const char* s = solvable_lookup_sourcepkg(solvable());
    return s ? s : "";
}
std::string Package::location() const {
    const char* s = solvable_get_location(solvable(), nullptr);
    return s ? s : "";
}
std::vector<std::string> Package::urls(const std::vector<std::string>& repoBases) const {
    const std::string href = location();
    std::vector<std::string> out;
    if (const char* own = solvable_lookup_str(solvable(), SOLVABLE_MEDIABASE); own && *own)
        out.push_back(joinUrl(own, href));
    for (const auto& base : repoBases) out.push_back(joinUrl(base, href));
    return out;
}

std::string Package::checksumType() const {
    Id type = 0;
    solvable_lookup_checksum(solvable(), SOLVABLE_CHECKSUM, &type);
    return type ? solv_chksum_type2str(type) : "";
}
std::string Package::checksum() const {
    Id type = 0;
    const char* s = solvable_lookup_checksum(solvable(), SOLVABLE_CHECKSUM, &type);
    return s ? s : "";
}
uint64_t Package::downloadSize() const {
    return solvable_lookup_num(solvable(), SOLVABLE_DOWNLOADSIZE, 0);
}
uint64_t Package::installSize() const {
    return solvable_lookup_num(solvable(), SOLVABLE_INSTALLSIZE, 0);
}
uint64_t Package::buildTime() const {
    return solvable_lookup_num(solvable(), SOLVABLE_BUILDTIME, 0);
}

uint64_t Package::installTime() const {
    return solvable_lookup_num(solvable(), SOLVABLE_INSTALLTIME, 0);
}

std::string Package::provideMatching(const std::string& capability) const {
    const bool glob = hasGlob(capability);
    const Id parsed = glob ? 0 : solv::parseDep(pool_, capability);
    for (Id dep : depIds(SOLVABLE_PROVIDES)) {
        const std::string text = pool_dep2str(pool_, dep);
        if (glob ? globMatch(capability, text.substr(0, text.find(' ')))
                 : parsed && pool_match_dep(pool_, parsed, dep))
            return text;
    }
    return {};
}

std::vector<Id> Package::depIds(Id keyname) const {
    solv::Queue q;
    // Requires carry a marker separating pre-requires; solvable_lookup_deparray with marker -1
    // returns all of them without the marker itself.
    solvable_lookup_deparray(solvable(), keyname, q.raw(), -1);
    return {q.begin(), q.end()};
}

std::vector<std::string> Package::deps(Id keyname) const {
    std::vector<std::string> out;
    for (Id dep : depIds(keyname)) out.emplace_back(pool_dep2str(pool_, dep));
    return out;
}

std::vector<std::string> Package::files() const {
    std::vector<std::string> out;
    solv::DataIterator it(pool_, solvable()->repo, id_, SOLVABLE_FILELIST, nullptr,
                          SEARCH_FILES | SEARCH_COMPLETE_FILELIST);
    while (it.step()) out.emplace_back(it.at().kv.str);
    return out;
}

bool obsoletes(::Pool* pool, const ::Solvable* by, const ::Solvable* old) {
    if (!by->obsoletes) return false;
    for (const Id* obs = by->repo->idarraydata + by->obsoletes; *obs; ++obs)
        if (pool_match_nevr(pool, const_cast<::Solvable*>(old), *obs)) return true;
    return false;
}

int compareEvr(::Pool* pool, Id a, Id b) {
    return pool_evrcmp(pool, pool_id2solvable(pool, a)->evr, pool_id2solvable(pool, b)->evr,
                       EVRCMP_COMPARE);
}

}  // namespace mpm::base
