#include "repodata/Repomd.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "solv/libsolv.hpp"

#include "solv/DataIterator.hpp"
#include "solv/File.hpp"
#include "solv/Pool.hpp"
#include "solv/RepoCache.hpp"

namespace mpm::repodata {

const RepomdRecord* Repomd::find(const std::string& type) const {
    for (const auto& r : records)
        if (r.type == type) return &r;
    return nullptr;
}

namespace {

// What libsolv's repomdxml reader stored in `repo`'s meta data.
Repomd extract(::Pool* pool, ::Repo* repo) {
    Repomd md;
    md.timestamp =
        static_cast<int64_t>(pool_lookup_num(pool, SOLVID_META, REPOSITORY_TIMESTAMP, 0));
    solv::DataIterator it(pool, repo, SOLVID_META, REPOSITORY_REPOMD_TYPE);
    dataiterator_prepend_keyname(it.raw(), REPOSITORY_REPOMD);
    while (it.step()) {
        RepomdRecord rec;
        // Types are stored as pool Ids, not strings.
        const KeyValue& kv = it.at().kv;
        rec.type = kv.str ? kv.str : pool_id2str(pool, kv.id);
        dataiterator_setpos_parent(it.raw());
        const char* loc = pool_lookup_str(pool, SOLVID_POS, REPOSITORY_REPOMD_LOCATION);
        Id chkType = 0;
        const unsigned char* chk =
            pool_lookup_bin_checksum(pool, SOLVID_POS, REPOSITORY_REPOMD_CHECKSUM, &chkType);
        rec.size =
            static_cast<int64_t>(pool_lookup_num(pool, SOLVID_POS, REPOSITORY_REPOMD_SIZE, 0));
        if (rec.size == 0) rec.size = -1;
        if (loc) rec.location = loc;
        if (chk && chkType) {
            rec.checksumType = solv_chksum_type2str(chkType);
            rec.checksum = pool_bin2hex(pool, chk, solv_chksum_len(chkType));
        }
        md.records.push_back(std::move(rec));
    }
    if (!md.find("primary")) throw std::runtime_error("it lists no primary metadata");
    return md;
}

void parseXml(solv::Pool& pool, ::Repo* repo, const std::string& path) {
    solv::FilePtr f = solv::openPlain(path, "r");
    if (!f)
        throw std::runtime_error(std::string("cannot read repomd.xml: ") + std::strerror(errno));
    if (repo_add_repomdxml(repo, f.get(), 0) != 0) throw std::runtime_error(pool.errstr());
}

}  // namespace

Repomd Repomd::parseFile(const std::string& path) {
    solv::Pool pool("noarch");
    ::Repo* repo = pool.addRepo("repomd");
    parseXml(pool, repo, path);
    return extract(pool.raw(), repo);
}

Repomd Repomd::load(const std::string& path, const std::string& cache, const std::string& stamp) {
    solv::Pool pool("noarch");
    ::Repo* repo = pool.addRepo("repomd");
    if (solv::readStampedSolv(repo, cache, stamp, 0)) return extract(pool.raw(), repo);
    repo_empty(repo, 1);
    parseXml(pool, repo, path);
    Repomd md = extract(pool.raw(), repo);
    solv::writeStampedSolv(repo, cache, stamp);  // only speed when it cannot be written
    return md;
}

}  // namespace mpm::repodata
