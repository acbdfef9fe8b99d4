#include "cli/PackageJson.hpp"

namespace mpm::cli {

nlohmann::json packageJson(const Sack& sack, const Package& pkg, bool details) {
    nlohmann::json j = {
        {"name", pkg.name()},       {"epoch", std::stoul(pkg.epoch())},
        {"version", pkg.version()}, {"release", pkg.release()},
        {"arch", pkg.arch()},       {"nevra", pkg.fullNevra()},
        {"repo", pkg.repoId()},     {"installed", pkg.installed()},
        {"summary", pkg.summary()},
    };
    if (const InstalledInfo* info = sack.installedInfo(pkg.id())) {
        j["reason"] = db::reasonName(info->reason);
        j["from_repo"] = info->fromRepo;
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

}  // namespace mpm::cli
