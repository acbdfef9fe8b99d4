#include "libmodule/transaction/InstalledFileOwners.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "libmodule/base/Sack.hpp"
#include "solv/DataIterator.hpp"

namespace mpm::transaction {

FileOwners installedFileOwners(const base::Sack& sack, const std::vector<std::string>& paths,
                               const PlaceInRoot& place) {
    FileOwners out;
    ::Pool* pool = sack.raw();
    if (!pool->installed || pool->installed->nsolvables == 0 || paths.empty()) return out;
    // The wanted paths by their place (parent directories resolved; the name stays what it is,
    // so names filter first: a path is joined and placed only for a file whose name some wanted
    // path has).
    std::unordered_map<std::string, std::vector<const std::string*>> wanted;
    std::unordered_set<std::string_view> names;
    for (const auto& path : paths) {
        wanted[place(path)].push_back(&path);
        names.insert(std::string_view(path).substr(path.rfind('/') + 1));
    }
    // (each file as its directory's Id and its name: no path joined for each file)
    for (solv::DataIterator it(pool, pool->installed, 0, SOLVABLE_FILELIST); it.step();) {
        const Dataiterator& di = it.at();
        if (!names.count(di.kv.str)) continue;
        const std::string listed = repodata_dir2str(di.data, di.kv.id, di.kv.str);
        const auto hit = wanted.find(place(listed));
        if (hit == wanted.end()) continue;
        if (const base::InstalledInfo* info = sack.installedInfo(di.solvid))
            for (const std::string* path : hit->second)
                out[*path].push_back({info->rpmdbId, listed});
    }
    // Once each (a package may list a path twice), in the database's order.
    for (auto& [path, owners] : out) {
        std::sort(owners.begin(), owners.end());
        owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
    }
    return out;
}

}  // namespace mpm::transaction
