// The comps groups and environments of the enabled repositories, merged by id as dnf merges
// them (a later repository's name and description win; package lists are united).
#pragma once

#include <climits>
#include <optional>
#include <string>
#include <vector>

namespace mpm::base {
class Sack;
}

namespace mpm::comps {

// How a group lists a package; the types a group install takes are group_package_types
// (mandatory, default, conditional unless configured otherwise) plus optional with
// --with-optional.
enum class PackageType { Mandatory, Default, Optional, Conditional };
// "mandatory", "default", "optional", "conditional"
const char* packageTypeName(PackageType type);
std::optional<PackageType> parsePackageType(const std::string& name);

struct GroupPackage {
    std::string name;
    PackageType type = PackageType::Default;
    std::string condition;  // Conditional: installed only with (or once there is) this package
};

struct Group {
    std::string id, name, description;
    bool visible = true;  // uservisible: shown by group list without --hidden
    int order = INT_MAX;  // display_order
    std::vector<GroupPackage> packages;
    std::vector<std::string> repos;  // the repositories that describe it
    // Its packages of the given types, in the order the metadata lists them.
    std::vector<const GroupPackage*> packagesOf(const std::vector<PackageType>& types) const;
};

struct Environment {
    std::string id, name, description;
    int order = INT_MAX;
    std::vector<std::string> groups;          // installed with it
    std::vector<std::string> optionalGroups;  // offered, not installed
    std::vector<std::string> repos;
};

class Comps {
  public:
    // From the comps metadata of every repository the sack loaded (cached as comps.solv in
    // each repository's metadata generation: a warm run parses no XML). Throws RepoError
    // naming the repository when its comps metadata is damaged.
    static Comps load(const base::Sack& sack);

    bool empty() const { return groups_.empty() && environments_.empty(); }
    // By display_order, then as the repositories list them (dnf's order).
    const std::vector<Group>& groups() const { return groups_; }
    const std::vector<Environment>& environments() const { return environments_; }
    const Group* group(const std::string& id) const;
    const Environment* environment(const std::string& id) const;

    // dnf's matching: the groups whose id or name is `pattern`; when none, those whose id or
    // name the glob matches, ignoring case.
    std::vector<const Group*> groupsMatching(const std::string& pattern) const;
    std::vector<const Environment*> environmentsMatching(const std::string& pattern) const;

    // Adds one repository's parsed comps (merging what is already there).
    void merge(const std::string& repo, std::vector<Group> groups,
               std::vector<Environment> environments);
    // Puts groups and environments in display order; call after the last merge.
    void sort();

  private:
    std::vector<Group> groups_;
    std::vector<Environment> environments_;
};

// Whether `pattern` names or glob-matches (ignoring case) `id` or `name`: dnf's rule.
bool matchesExactly(const std::string& pattern, const std::string& id, const std::string& name);
bool matchesGlob(const std::string& pattern, const std::string& id, const std::string& name);

// The items (anything with an id and a name: groups, environments, installed records) that
// `pattern` names, by dnf's rule: exact matches, else glob matches.
template <typename T>
std::vector<const T*> matching(const std::vector<T>& all, const std::string& pattern) {
    std::vector<const T*> out;
    for (const auto& t : all)
        if (matchesExactly(pattern, t.id, t.name)) out.push_back(&t);
    if (!out.empty()) return out;
    for (const auto& t : all)
        if (matchesGlob(pattern, t.id, t.name)) out.push_back(&t);
    return out;
}

}  // namespace mpm::comps
