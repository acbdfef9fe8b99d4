#include "repodata/Repomd.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "solv/libsolv.hpp"

#include "solv/File.hpp"
#include "solv/Pool.hpp"

namespace mpm::repodata {

const RepomdRecord* Repomd::find(const std::string& type) const {
    for (const auto& r : records)
        if (r.type == type) return &r;
    return nullptr;
}

Repomd Repomd::parseFile(const std::string& path) {
    solv::FilePtr f = solv::openPlain(path, "r");
    if (!f)
        throw std::runtime_error(std::string("cannot read repomd.xml: ") + std::strerror(errno));
    solv::Pool pool("noarch");
    ::Repo* repo = pool.addRepo("repomd");
    if (repo_add_repomdxml(repo, f.get(), 0) != 0) throw std::runtime_error(pool.errstr());

    Repomd md;
    md.timestamp =
        static_cast<int64_t>(pool_lookup_num(pool.raw(), SOLVID_META, REPOSITORY_TIMESTAMP, 0));
    Dataiterator di;
    dataiterator_init(&di, pool.raw(), repo, SOLVID_META, REPOSITORY_REPOMD_TYPE, nullptr, 0);
    dataiterator_prepend_keyname(&di, REPOSITORY_REPOMD);
    while (dataiterator_step(&di)) {
        RepomdRecord rec;
        // Types are stored as pool Ids, not strings.
        rec.type = di.kv.str ? di.kv.str : pool_id2str(pool.raw(), di.kv.id);
        dataiterator_setpos_parent(&di);
        const char* loc = pool_lookup_str(pool.raw(), SOLVID_POS, REPOSITORY_REPOMD_LOCATION);
        Id chkType = 0;
        const unsigned char* chk =
            pool_lookup_bin_checksum(pool.raw(), SOLVID_POS, REPOSITORY_REPOMD_CHECKSUM, &chkType);
        rec.size = static_cast<int64_t>(
            pool_lookup_num(pool.raw(), SOLVID_POS, REPOSITORY_REPOMD_SIZE, 0));
        if (rec.size == 0) rec.size = -1;
        if (loc) rec.location = loc;
        if (chk && chkType) {
            rec.checksumType = solv_chksum_type2str(chkType);
            rec.checksum = pool_bin2hex(pool.raw(), chk, solv_chksum_len(chkType));
        }
        md.records.push_back(std::move(rec));
    }
    dataiterator_free(&di);
    if (!md.find("primary")) throw std::runtime_error("it lists no primary metadata");
    return md;
}

}  // namespace mpm::repodata
