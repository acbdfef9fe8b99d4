#include "cli/Context.hpp"

#include "common/Error.hpp"
#include "common/Strings.hpp"

namespace mpm::cli {

repodata::ConfigRequest GlobalOptions::toConfigRequest() const {
    repodata::ConfigRequest req;
    req.installroot = installroot;
    if (!config.empty()) req.configFile = config;
    if (!releasever.empty()) req.releasever = releasever;
    req.useHostConfig = useHostConfig;
    for (const auto& s : setopts) {
        size_t eq = s.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--setopt: '" + s +
                             "' is not of the form KEY=VALUE or REPOID.KEY=VALUE");
        req.setopts.emplace_back(trim(s.substr(0, eq)), trim(s.substr(eq + 1)));
    }
    for (const auto& r : repofrompath) {
        size_t comma = r.find(',');
        if (comma == std::string::npos || comma == 0 || comma + 1 == r.size())
            throw UsageError("--repofrompath: '" + r + "' is not of the form ID,PATH_OR_URL");
        req.repofrompath.emplace_back(r.substr(0, comma), r.substr(comma + 1));
    }
    for (const auto& r : repos)
        for (const auto& id : splitList(r, ",")) req.onlyRepos.push_back(id);
    req.repoToggles = repoToggles;
    return req;
}

const repodata::Config& Context::config() {
    if (!config_) {
        config_ = std::make_unique<repodata::Config>(
            repodata::ConfigLoader::load(options.toConfigRequest()));
        for (const auto& w : config_->warnings) out.warn(w);
    }
    return *config_;
}

repodata::RefreshPolicy Context::refreshPolicy() const {
    if (options.cacheonly) return repodata::RefreshPolicy::Never;
    if (options.refresh) return repodata::RefreshPolicy::Always;
    return repodata::RefreshPolicy::IfExpired;
}

Sack& Context::sack(bool available, bool system) {
    if (!sack_) {
        sack_ = std::make_unique<Sack>(config());
        if (system) sack_->loadSystem();
        if (available) sack_->loadAvailable(refreshPolicy());
        sack_->finalize();
        for (const auto& w : sack_->warnings()) out.warn(w);
    }
    return *sack_;
}

}  // namespace mpm::cli
