#include "libmodule/SystemRepo.hpp"

namespace mpm {

::Repo* loadSystemRepo(solv::Pool& pool, const repodata::Config& /*config*/) {
    ::Repo* repo = pool.addRepo("@System");
    pool_set_installed(pool.raw(), repo);
    return repo;
}

}  // namespace mpm
