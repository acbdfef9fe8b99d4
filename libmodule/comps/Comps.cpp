#include "libmodule/comps/Comps.hpp"

#include <fnmatch.h>

#include <algorithm>

#include "common/EnumNames.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/comps/CompsLoader.hpp"

namespace mpm::comps {

namespace {

constexpr EnumNames<PackageType, 4> kTypeNames({{
    {PackageType::Mandatory, "mandatory"},
    {PackageType::Default, "default"},
    {PackageType::Optional, "optional"},
    {PackageType::Conditional, "conditional"},
}});

void addRepo(std::vector<std::string>& repos, const std::string& repo) {
    if (std::find(repos.begin(), repos.end(), repo) == repos.end()) repos.push_back(repo);
}

// libcomps' union, which dnf uses: what the later repository says of a group wins, and its
// packages (or groups) join those already listed.
void mergeInto(Group& into, Group&& from, const std::string& repo) {
    if (!from.name.empty()) into.name = std::move(from.name);
    if (!from.description.empty()) into.description = std::move(from.description);
    into.visible = from.visible;
    if (from.order != INT_MAX) into.order = from.order;
    for (auto& p : from.packages)
        if (std::none_of(into.packages.begin(), into.packages.end(),
                         [&](const GroupPackage& q) { return q.name == p.name; }))
            into.packages.push_back(std::move(p));
    addRepo(into.repos, repo);
}

void unite(std::vector<std::string>& into, const std::vector<std::string>& from) {
    for (const auto& id : from)
        if (std::find(into.begin(), into.end(), id) == into.end()) into.push_back(id);
}

void mergeInto(Environment& into, Environment&& from, const std::string& repo) {
    if (!from.name.empty()) into.name = std::move(from.name);
    if (!from.description.empty()) into.description = std::move(from.description);
    if (from.order != INT_MAX) into.order = from.order;
    unite(into.groups, from.groups);
    unite(into.optionalGroups, from.optionalGroups);
    addRepo(into.repos, repo);
}

template <typename T>
void mergeAll(std::vector<T>& into, std::vector<T>&& from, const std::string& repo) {
    for (auto& item : from) {
        auto it =
            std::find_if(into.begin(), into.end(), [&](const T& t) { return t.id == item.id; });
        if (it != into.end()) {
            mergeInto(*it, std::move(item), repo);
        } else {
            item.repos = {repo};
            into.push_back(std::move(item));
        }
    }
}

}  // namespace

const char* packageTypeName(PackageType type) {
    return kTypeNames.name(type);
}

std::optional<PackageType> parsePackageType(const std::string& name) {
    return kTypeNames.parse(name);
}

std::vector<const GroupPackage*> Group::packagesOf(const std::vector<PackageType>& types) const {
    std::vector<const GroupPackage*> out;
    for (const auto& p : packages)
        if (std::find(types.begin(), types.end(), p.type) != types.end()) out.push_back(&p);
    return out;
}

bool matchesExactly(const std::string& pattern, const std::string& id, const std::string& name) {
    return pattern == id || pattern == name;
}

bool matchesGlob(const std::string& pattern, const std::string& id, const std::string& name) {
    return fnmatch(pattern.c_str(), id.c_str(), FNM_CASEFOLD) == 0 ||
           (!name.empty() && fnmatch(pattern.c_str(), name.c_str(), FNM_CASEFOLD) == 0);
}

Comps Comps::load(const base::Sack& sack) {
    Comps comps;
    for (const auto& repo : sack.repos()) {
        auto parsed = CompsLoader::read(repo.metadata);
        if (!parsed) continue;
        comps.merge(repo.metadata.repoid, std::move(parsed->groups),
                    std::move(parsed->environments));
    }
    comps.sort();
    return comps;
}

void Comps::merge(const std::string& repo, std::vector<Group> groups,
                  std::vector<Environment> environments) {
    mergeAll(groups_, std::move(groups), repo);
    mergeAll(environments_, std::move(environments), repo);
}

void Comps::sort() {
    auto byOrder = [](const auto& a, const auto& b) { return a.order < b.order; };
    std::stable_sort(groups_.begin(), groups_.end(), byOrder);
    std::stable_sort(environments_.begin(), environments_.end(), byOrder);
}

const Group* Comps::group(const std::string& id) const {
    for (const auto& g : groups_)
        if (g.id == id) return &g;
    return nullptr;
}

const Environment* Comps::environment(const std::string& id) const {
    for (const auto& e : environments_)
        if (e.id == id) return &e;
    return nullptr;
}

std::vector<const Group*> Comps::groupsMatching(const std::string& pattern) const {
    return matching(groups_, pattern);
}

std::vector<const Environment*> Comps::environmentsMatching(const std::string& pattern) const {
    return matching(environments_, pattern);
}

}  // namespace mpm::comps
