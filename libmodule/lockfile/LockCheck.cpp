#include "libmodule/lockfile/LockCheck.hpp"

namespace mpm::lockfile {

LockStatus checkLock(const base::Sack& sack, const LockedArch& arch) {
    LockStatus status;
    ::Pool* pool = sack.raw();
    for (const auto& locked : arch.packages) {
        const Id name = pool_str2id(pool, locked.name.c_str(), 0);
        const Id archId = pool_str2id(pool, locked.arch().c_str(), 0);
        bool served = false, sameVersion = false;
        Id newest = 0;
        if (name && archId) {
            Id p;
            ::Solvable* s;
            FOR_POOL_SOLVABLES(p) {
                s = pool_id2solvable(pool, p);
                if (s->name != name || s->arch != archId || !s->repo ||
                    s->repo == pool->installed || !sack.repoOf(p))
                    continue;
                const base::Package pkg = sack.package(p);
                if (pkg.evr() == locked.evr) {
                    sameVersion = true;
                    served = served || pkg.checksumType() + ":" + pkg.checksum() == locked.checksum;
                }
                if (sack.considered(p) &&
                    (!newest || pool_evrcmp(pool, s->evr, pool_id2solvable(pool, newest)->evr,
                                            EVRCMP_COMPARE) > 0))
                    newest = p;
            }
        }
        if (!served) (sameVersion ? status.changed : status.gone).push_back(locked.nevra());
        if (newest) {
            const Id lockedEvr = pool_str2id(pool, locked.evr.c_str(), 1);
            if (pool_evrcmp(pool, pool_id2solvable(pool, newest)->evr, lockedEvr, EVRCMP_COMPARE) >
                0)
                status.newer.emplace_back(locked.nevra(), sack.package(newest).evr());
        }
    }
    return status;
}

}  // namespace mpm::lockfile
