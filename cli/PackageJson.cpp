#include "cli/PackageJson.hpp"

namespace mpm::cli {

nlohmann::json identityJson(const Package& pkg) {
    return {{"name", pkg.name()},       {"epoch", std::stoul(pkg.epoch())},
            {"version", pkg.version()}, {"release", pkg.release()},
            {"arch", pkg.arch()},       {"nevra", pkg.fullNevra()}};
}

nlohmann::json identityJson(const std::string& nevra) {
    // name-[epoch:]version-release.arch: the arch after the last dot, the release after the
    // last dash before it, the version after the dash before that.
    const size_t dot = nevra.rfind('.');
    const size_t releaseDash = nevra.rfind('-', dot);
    const size_t versionDash = releaseDash == std::string::npos || releaseDash == 0
                                   ? std::string::npos
                                   : nevra.rfind('-', releaseDash - 1);
    if (dot == std::string::npos || versionDash == std::string::npos)
        return {{"name", nevra}, {"epoch", 0}, {"version", ""},
                {"release", ""}, {"arch", ""}, {"nevra", nevra}};
    const std::string name = nevra.substr(0, versionDash);
    std::string version = nevra.substr(versionDash + 1, releaseDash - versionDash - 1);
    unsigned long epoch = 0;
    if (const size_t colon = version.find(':'); colon != std::string::npos) {
        epoch = std::stoul(version.substr(0, colon));
        version = version.substr(colon + 1);
    }
    const std::string release = nevra.substr(releaseDash + 1, dot - releaseDash - 1);
    const std::string arch = nevra.substr(dot + 1);
    return {
        {"name", name},
        {"epoch", epoch},
        {"version", version},
        {"release", release},
        {"arch", arch},
        {"nevra", name + "-" + std::to_string(epoch) + ":" + version + "-" + release + "." + arch}};
}

nlohmann::json packageJson(const Sack& sack, const Package& pkg, bool details) {
    nlohmann::json j = identityJson(pkg);
    j["repo"] = pkg.repoId();
    j["installed"] = pkg.installed();
    j["summary"] = pkg.summary();
    if (const InstalledInfo* info = sack.installedInfo(pkg.id())) {
        j["reason"] = db::reasonName(info->reason);
        j["from_repo"] = info->fromRepo;
        j["install_time"] = pkg.installTime();
    }
    if (details) {
        j["description"] = pkg.description();
        j["url"] = pkg.url();
        j["license"] = pkg.license();
        j["sourcerpm"] = pkg.sourceRpm();
        j["download_size"] = pkg.downloadSize();
        j["install_size"] = pkg.installSize();
        j["buildtime"] = pkg.buildTime();
        j["location"] = pkg.location();
        j["checksum"] = pkg.checksumType().empty() ? "" : pkg.checksumType() + ":" + pkg.checksum();
    }
    return j;
}

nlohmann::json groupChangeJson(const db::GroupChange& change) {
    return {{"kind", db::compsKindName(change.group.kind)},
            {"id", change.group.id},
            {"name", change.group.name},
            {"action", db::groupActionName(change)}};
}

}  // namespace mpm::cli
