#include "libmodule/advisory/AdvisoryLoader.hpp"

#include "repodata/UpdateinfoSolv.hpp"
#include "solv/Pool.hpp"
#include "solv/libsolv.hpp"

namespace mpm::advisory {

namespace {

std::string str(::Pool* pool, Id solvid, Id key) {
    const char* v = pool_lookup_str(pool, solvid, key);
    return v ? v : "";
}

// The packages and streams of the collection at the data iterator's position.
AdvisoryCollection collectionAt(::Pool* pool) {
    AdvisoryCollection c;
    ::Dataiterator di;
    dataiterator_init(&di, pool, nullptr, SOLVID_POS, UPDATE_MODULE, nullptr, 0);
    while (dataiterator_step(&di)) {
        dataiterator_setpos(&di);
        c.streams.emplace_back(str(pool, SOLVID_POS, UPDATE_MODULE_NAME),
                               str(pool, SOLVID_POS, UPDATE_MODULE_STREAM));
    }
    dataiterator_free(&di);
    return c;
}

void addPackagesAt(::Pool* pool, AdvisoryCollection& c, bool& reboot) {
    ::Dataiterator di;
    dataiterator_init(&di, pool, nullptr, SOLVID_POS, UPDATE_COLLECTION, nullptr, 0);
    while (dataiterator_step(&di)) {
        dataiterator_setpos(&di);
        AdvisoryPackage p;
        p.name = str(pool, SOLVID_POS, UPDATE_COLLECTION_NAME);
        p.evr = str(pool, SOLVID_POS, UPDATE_COLLECTION_EVR);
        p.arch = str(pool, SOLVID_POS, UPDATE_COLLECTION_ARCH);
        p.filename = str(pool, SOLVID_POS, UPDATE_COLLECTION_FILENAME);
        if (pool_lookup_num(pool, SOLVID_POS, UPDATE_COLLECTION_FLAGS, 0) & 1) reboot = true;
        if (!p.name.empty() && !p.evr.empty()) c.packages.push_back(std::move(p));
    }
    dataiterator_free(&di);
}

std::vector<AdvisoryCollection> collectionsOf(::Pool* pool, Id solvid, bool& reboot) {
    std::vector<AdvisoryCollection> out;
    // Each <collection> is an entry of UPDATE_COLLECTIONLIST, with its streams and packages.
    ::Dataiterator di;
    dataiterator_init(&di, pool, nullptr, solvid, UPDATE_COLLECTIONLIST, nullptr, 0);
    while (dataiterator_step(&di)) {
        dataiterator_setpos(&di);
        // the entry's position is lost to the inner iterators: they each start from a copy
        ::Datapos entry = pool->pos;
        AdvisoryCollection c = collectionAt(pool);
        pool->pos = entry;
        addPackagesAt(pool, c, reboot);
        out.push_back(std::move(c));
    }
    dataiterator_free(&di);
    return out;
}

std::vector<AdvisoryReference> referencesOf(::Pool* pool, Id solvid) {
    std::vector<AdvisoryReference> out;
    ::Dataiterator di;
    dataiterator_init(&di, pool, nullptr, solvid, UPDATE_REFERENCE, nullptr, 0);
    while (dataiterator_step(&di)) {
        dataiterator_setpos(&di);
        out.push_back({str(pool, SOLVID_POS, UPDATE_REFERENCE_TYPE),
                       str(pool, SOLVID_POS, UPDATE_REFERENCE_ID),
                       str(pool, SOLVID_POS, UPDATE_REFERENCE_TITLE),
                       str(pool, SOLVID_POS, UPDATE_REFERENCE_HREF)});
    }
    dataiterator_free(&di);
    return out;
}

Advisory advisoryOf(::Pool* pool, Id p, const std::string& repoid) {
    ::Solvable* s = pool_id2solvable(pool, p);
    Advisory a;
    a.id = pool_id2str(pool, s->name) + 6;  // "patch:ID"
    a.repoid = repoid;
    a.title = str(pool, p, SOLVABLE_SUMMARY);
    a.description = str(pool, p, SOLVABLE_DESCRIPTION);
    a.severity = str(pool, p, UPDATE_SEVERITY);
    a.rights = str(pool, p, UPDATE_RIGHTS);
    a.type = advisoryTypeOf(str(pool, p, SOLVABLE_PATCHCATEGORY));
    a.updated = static_cast<int64_t>(pool_lookup_num(pool, p, SOLVABLE_BUILDTIME, 0));
    a.rebootSuggested = pool_lookup_void(pool, p, UPDATE_REBOOT);
    a.references = referencesOf(pool, p);
    a.collections = collectionsOf(pool, p, a.rebootSuggested);
    return a;
}

}  // namespace

LoadedAdvisories AdvisoryLoader::load(const base::Sack& sack) {
    LoadedAdvisories out;
    for (const auto& repo : sack.repos()) {
        if (repo.metadata.lacks("updateinfo")) {
            out.notes.push_back("repository '" + repo.metadata.repoid +
                                "' has advisories its cached metadata does not hold yet; "
                                "'mpm --refresh makecache' fetches them");
            continue;
        }
        solv::Pool pool("noarch");
        ::Repo* r = pool.addRepo(repo.metadata.repoid);
        if (!repodata::UpdateinfoSolv::load(r, repo.metadata)) continue;
        Id p;
        ::Solvable* s;
        FOR_REPO_SOLVABLES(r, p, s) {
            if (std::string_view(pool_id2str(pool.raw(), s->name)).starts_with("patch:"))
                out.advisories.push_back(advisoryOf(pool.raw(), p, repo.metadata.repoid));
        }
    }
    return out;
}

}  // namespace mpm::advisory
