#include "solv/Pool.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "solv/libsolv.hpp"

#include "common/Strings.hpp"

namespace mpm::solv {

Pool::Pool(const std::string& arch) : pool_(pool_create()) {
    pool_setdisttype(pool_, DISTTYPE_RPM);
    pool_setarch(pool_, arch.c_str());
    // A package of another architecture color (foo.i686 beside foo.x86_64: multilib) does not
    // replace the installed one of the same name, as in rpm and libdnf.
    pool_set_flag(pool_, POOL_FLAG_IMPLICITOBSOLETEUSESCOLORS, 1);
}

Pool::~Pool() {
    pool_free(pool_);
}

Id parseDep(::Pool* pool, const std::string& depIn) {
    const std::string dep = trim(depIn);
    if (dep.empty()) return 0;
    if (dep[0] == '(') return pool_parserpmrichdep(pool, dep.c_str());
    // name [op evr]
    size_t sp = dep.find_first_of(" <>=!");
    if (sp == std::string::npos) return pool_str2id(pool, dep.c_str(), 1);
    std::string name = dep.substr(0, sp);
    std::string rest = trim(dep.substr(sp));
    int flags = 0;
    size_t i = 0;
    for (; i < rest.size(); ++i) {
        char c = rest[i];
        if (c == '<')
            flags |= REL_LT;
        else if (c == '>')
            flags |= REL_GT;
        else if (c == '=')
            flags |= REL_EQ;
        else
            break;
    }
    std::string evr = trim(rest.substr(i));
    if (!flags || evr.empty()) return 0;
    Id nameId = pool_str2id(pool, name.c_str(), 1);
    Id evrId = pool_str2id(pool, evr.c_str(), 1);
    return pool_rel2id(pool, nameId, evrId, flags, 1);
}

void Pool::deferRepodata(::Repo* repo, const std::vector<std::pair<Id, Id>>& keys,
                         DeferredLoad load) {
    for (const auto& [name, type] : keys)
        if (deferred(repo, name) || failed(repo, name))
            throw std::logic_error("a repository's key deferred twice");
    // A repodata naming the deferred one (REPOSITORY_EXTERNAL, with the keys it holds); libsolv
    // makes the stub from it. Both are made over no solvable, and the stub then extended over
    // every solvable of the repo: a repodata is internalized entry by entry over its range
    // (6.4 M instructions for the two over 28,000 packages, 5% of a query), and a stub's
    // entries are never read (a lookup of its keys loads it first, which replaces it whole).
    Repodata* meta = repo_add_repodata(repo, 0);
    const Id handle = repodata_new_handle(meta);
    for (const auto& [name, type] : keys) {
        repodata_add_idarray(meta, handle, REPOSITORY_KEYS, name);
        repodata_add_idarray(meta, handle, REPOSITORY_KEYS, type);
    }
    repodata_add_flexarray(meta, SOLVID_META, REPOSITORY_EXTERNAL, handle);
    repodata_internalize(meta);
    const int before = repo->nrepodata;
    repodata_create_stubs(meta);  // appends the stub (and may move `meta`)
    Repodata* stub = repo_id2repodata(repo, repo->nrepodata - 1);
    if (repo->nrepodata != before + 1 || stub->state != REPODATA_STUB)
        throw std::logic_error("libsolv made no stub for a deferred repodata");
    if (repo->end > repo->start) repodata_extend_block(stub, repo->start, repo->end - repo->start);
    std::vector<Id> names;
    for (const auto& [name, type] : keys) names.push_back(name);
    deferred_.emplace(std::pair(repo, stub->repodataid),
                      Deferred{std::move(names), std::move(load)});
    pool_setloadcallback(pool_, &Pool::loadDeferred, this);
}

namespace {

// Every pool's problems, for the end of the run.
std::mutex everyProblemMutex;
std::vector<std::string> everyProblemSaid;

}  // namespace

void Pool::problem(std::string sentence) {
    {
        std::lock_guard lock(everyProblemMutex);
        everyProblemSaid.push_back(sentence);
    }
    problems_.push_back(std::move(sentence));
}

std::vector<std::string> Pool::everyProblem() {
    std::lock_guard lock(everyProblemMutex);
    // Package sets sharing a cache (lock's one per architecture) meet the same problem: once.
    std::vector<std::string> once;
    for (const auto& p : everyProblemSaid)
        if (std::find(once.begin(), once.end(), p) == once.end()) once.push_back(p);
    return once;
}

int Pool::loadDeferred(::Pool*, ::Repodata* stub, void* self) noexcept {
    Pool& pool = *static_cast<Pool*>(self);
    ::Repo* repo = stub->repo;
    auto it = pool.deferred_.find({repo, stub->repodataid});
    if (it == pool.deferred_.end()) return 0;
    const Deferred deferred = std::move(it->second);
    pool.deferred_.erase(it);
    const DeferredLoad& load = deferred.load;
    const int packages = repo->nsolvables;
    // No exception may cross libsolv's frames (noexcept: one that still would ends mpm).
    bool loaded = false;
    std::vector<std::string> notes;
    try {
        loaded = load(stub, notes);
    } catch (const std::exception& e) {
        notes.push_back(e.what());
    } catch (...) {
    }
    if (!loaded) {
        for (Id key : deferred.keys) pool.failed_.insert({repo, key});
        if (notes.empty())
            notes.push_back("the deferred data of repository '" + std::string(repo->name) +
                            "' could not be read");
    }
    // libsolv freed the repository's packages: an index built over them is stale.
    if (repo->nsolvables != packages) {
        pool.indexedSolvables_ = -1;
        pool.lost_.insert(repo);
    }
    for (auto& n : notes) pool.problem(std::move(n));
    return loaded ? 1 : 0;
}

bool Pool::deferred(::Repo* repo, Id key) const {
    for (auto it = deferred_.lower_bound({repo, 0});
         it != deferred_.end() && it->first.first == repo; ++it)
        if (std::find(it->second.keys.begin(), it->second.keys.end(), key) != it->second.keys.end())
            return true;
    return false;
}

bool Pool::indexProvides(Queue* files, Queue* installedFiles) {
    if (pool_->whatprovides && indexedSolvables_ == pool_->nsolvables &&
        indexedRepos_ == pool_->nrepos)
        return false;
    ::Map* considered = pool_->considered;
    pool_->considered = nullptr;
    Queue all, installed;
    pool_addfileprovides_queue(pool_, all.raw(), installed.raw());
    pool_createwhatprovides(pool_);
    pool_->considered = considered;
    indexedSolvables_ = pool_->nsolvables;
    indexedRepos_ = pool_->nrepos;
    if (files) *files = std::move(all);
    if (installedFiles) *installedFiles = std::move(installed);
    return true;
}

}  // namespace mpm::solv
