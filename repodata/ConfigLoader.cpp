#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include "common/Error.hpp"
#include "common/RootedPath.hpp"
#include "common/Strings.hpp"
#include "repodata/Config.hpp"
#include "repodata/IniFile.hpp"

namespace fs = std::filesystem;

namespace mpm::repodata {

std::string Config::rootPath(const std::string& path) const {
    if (installroot.empty() || installroot == "/") return path;
    std::string root = installroot;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    return root + (path.starts_with('/') ? "" : "/") + path;
}

std::string Config::rootFile(const std::string& path) const {
    if (installroot.empty() || installroot == "/") return path;
    return followInRoot(installroot, path.starts_with('/') ? path : "/" + path);
}

std::vector<const RepoConfig*> Config::enabledRepos() const {
    std::vector<const RepoConfig*> out;
    for (const auto& r : repos)
        if (r.enabled) out.push_back(&r);
    return out;
}

std::string Config::noRepositoryReason() const {
    if (!enabledRepos().empty()) return {};
    if (!repos.empty())
        return "no repository is enabled (" + std::to_string(repos.size()) +
               " disabled; mpm repolist --all lists them, --enablerepo=ID enables one)";
    std::vector<std::string> there, missing;
    for (const auto& dir : reposDirsRead) {
        std::error_code ec;
        if (fs::is_directory(dir, ec))
            there.push_back(dir);
        else if (fs::exists(dir, ec))
            there.push_back(dir + " (not a directory)");
        else
            missing.push_back(dir);
    }
    std::string where = join(there, ", ");
    if (!missing.empty())
        where += (where.empty() ? "" : ", and in ") + join(missing, ", ") +
                 (missing.size() == 1 ? ", which does not exist" : ", which do not exist");
    return "no repository is configured: mpm looked for *.repo files in " +
           (where.empty() ? std::string("no directory (reposdir is empty)") : where) +
           "; name a host directory with --setopt=reposdir=DIR or a repository with "
           "--repofrompath=ID,PATH";
}

namespace {

std::string readOsReleaseField(const std::string& path, const std::string& field) {
    std::ifstream f(path);
    std::string line;
    while (std::getline(f, line)) {
        if (!line.starts_with(field + "=")) continue;
        std::string v = trim(line.substr(field.size() + 1));
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
        return v;
    }
    return {};
}

// The [main] options whose values are paths.
bool isPathKey(const std::string& key) {
    return key == "cachedir" || key == "persistdir" || key == "reposdir" || key == "varsdir";
}

// Relative paths on the host side are taken from the current directory, as a shell would.
std::string absoluteOnHost(const std::string& path) {
    std::error_code ec;
    return fs::absolute(path, ec).lexically_normal().string();
}

// `hostFile`: a file named with -c, whose paths are host paths.
void applyMainSection(Config& cfg, const IniFile& ini, bool hostFile) {
    for (const auto& section : ini.sections) {
        if (section.name != "main") continue;  // a repository, as dnf.conf may hold (mock's)
        for (const auto& e : section.entries) {
            try {
                if (!cfg.main.set(e.key, e.value))
                    cfg.warnings.push_back(ini.path + ":" + std::to_string(e.line) +
                                           ": unknown option '" + e.key + "' ignored");
                else if (hostFile && isPathKey(e.key))
                    cfg.hostPathKeys.insert(e.key);
                if (const std::string d = MainConfig::ignoredDifference(e.key, e.value); !d.empty())
                    cfg.warnings.push_back(ini.path + ":" + std::to_string(e.line) + ": " + e.key +
                                           "=" + e.value + " is dnf's and ignored: " + d);
            } catch (const std::invalid_argument& err) {
                throw ConfigError(ini.path, e.line, e.key + ": " + err.what());
            }
        }
    }
}

// A repository starts from [main]'s RepoOptions (not its FilterOptions: those apply globally).
RepoConfig repoDefaults(const MainConfig& m) {
    RepoConfig r;
    static_cast<RepoOptions&>(r) = m;
    return r;
}

bool validRepoId(const std::string& id) {
    if (id.empty()) return false;
    return std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
    });
}

// One repository file. As dnf does, what is wrong in it costs only what it concerns, said
// in a warning naming the file and line: an unreadable or unparsable file is skipped, a bad
// value leaves its option at the default, a section with a bad id is skipped, and so is an id
// another file defined before (the first in path order stays; a section repeated in one file
// adds to it). A vendor's broken file must not stop every update of a fleet.
void loadRepoFile(Config& cfg, const std::string& path) {
    IniFile ini;
    try {
        ini = IniFile::load(path);
    } catch (const ConfigError& e) {
        cfg.warnings.push_back(std::string(e.what()) + "; the file is skipped");
        return;
    }
    for (const auto& section : ini.sections) {
        if (section.name == "main") continue;  // dnf tolerates [main] in .repo files
        const std::string id = cfg.vars.substitute(section.name);  // ([fedora-$releasever])
        auto warn = [&](int line, const std::string& what) {
            cfg.warnings.push_back(path + ":" + std::to_string(line) + ": " + what);
        };
        if (!validRepoId(id)) {
            warn(section.line, "'" + id +
                                   "' is not a valid repository id (letters, digits, -_.: only); "
                                   "[" +
                                   section.name + "] is skipped");
            continue;
        }
        auto existing = std::find_if(cfg.repos.begin(), cfg.repos.end(),
                                     [&](const RepoConfig& r) { return r.id == id; });
        if (existing != cfg.repos.end() && existing->source != path) {
            warn(section.line, "repository '" + id + "' is already defined in " + existing->source +
                                   " (that one is used); [" + section.name + "] is skipped");
            continue;
        }
        RepoConfig fresh;
        RepoConfig& repo = existing != cfg.repos.end() ? *existing : fresh;
        if (existing == cfg.repos.end()) {
            repo = repoDefaults(cfg.main);
            repo.id = id;
            repo.source = path;
            repo.sourceLine = section.line;
        }
        for (const auto& e : section.entries) {
            try {
                if (!repo.set(e.key, cfg.vars.substitute(e.value)))
                    warn(e.line, "unknown option '" + e.key + "' in [" + repo.id + "] ignored");
            } catch (const std::invalid_argument& err) {
                warn(e.line, e.key + ": " + err.what() + "; the option is ignored");
            }
        }
        if (existing == cfg.repos.end()) cfg.repos.push_back(std::move(fresh));
    }
}

std::string localPathToUrl(const std::string& pathOrUrl) {
    if (pathOrUrl.find("://") != std::string::npos) return pathOrUrl;
    std::error_code ec;
    fs::path abs = fs::absolute(pathOrUrl, ec);
    return "file://" + abs.lexically_normal().string();
}

}  // namespace

Config ConfigLoader::load(const ConfigRequest& req) {
    Config cfg;
    // A relative root is the working directory's (rpm and librpm take only absolute ones).
    cfg.installroot = "/";
    if (!req.installroot.empty()) {
        cfg.installroot = absoluteOnHost(req.installroot);
        while (cfg.installroot.size() > 1 && cfg.installroot.back() == '/')
            cfg.installroot.pop_back();
    }
    // --use-host-config: configuration and repos from the host; otherwise the root's own.
    // A path given on the command line, or written in a file named with -c, is a host path.
    auto configPath = [&](const std::string& key, const std::string& p) {
        return req.useHostConfig ? p : cfg.configDirOf(key, p);
    };

    // [main]: the file first, then --setopt KEY=VALUE (main keys only, repo keys come later).
    cfg.configFile = req.configFile ? absoluteOnHost(*req.configFile)
                                    : (req.useHostConfig ? std::string("/etc/mpm/mpm.conf")
                                                         : cfg.rootFile("/etc/mpm/mpm.conf"));
    const bool configRead = req.configFile || fs::exists(cfg.configFile);
    if (req.configFile && fs::is_directory(cfg.configFile))
        throw UsageError("--config: " + cfg.configFile +
                         " is a directory, not a configuration file");
    if (configRead)
        applyMainSection(cfg, IniFile::load(cfg.configFile), req.configFile.has_value());
    for (const auto& [key, value] : req.setopts) {
        if (key.find('.') != std::string::npos) continue;
        try {
            if (!cfg.main.set(key, value))
                throw UsageError("--setopt: unknown option '" + key +
                                 "' (see mpm.conf(5) for the options mpm knows)");
            if (isPathKey(key)) cfg.hostPathKeys.insert(key);
            if (MainConfig::isIgnoredDnfKey(key)) {
                if (const std::string d = MainConfig::ignoredDifference(key, value); !d.empty())
                    cfg.warnings.push_back("--setopt " + key + "=" + value +
                                           " is dnf's and ignored: " + d);
                else
                    cfg.notes.push_back("--setopt " + key +
                                        ": a dnf option mpm accepts and ignores");
            }
        } catch (const std::invalid_argument& err) {
            throw UsageError("--setopt " + key + ": " + err.what());
        }
    }
    // Host paths from the command line may be relative to where mpm was started.
    if (cfg.hostPathKeys.count("cachedir")) cfg.main.cachedir = absoluteOnHost(cfg.main.cachedir);
    if (cfg.hostPathKeys.count("persistdir"))
        cfg.main.persistdir = absoluteOnHost(cfg.main.persistdir);
    for (const char* key : {"reposdir", "varsdir"})
        if (cfg.hostPathKeys.count(key))
            for (auto& dir : key == std::string("reposdir") ? cfg.main.reposdir : cfg.main.varsdir)
                dir = absoluteOnHost(dir);

    // dnf's command-line shorthands for [main] options.
    for (const auto& glob : req.excludes) cfg.main.excludepkgs.push_back(glob);
    if (req.nodocs && std::find(cfg.main.tsflags.begin(), cfg.main.tsflags.end(), "nodocs") ==
                          cfg.main.tsflags.end())
        cfg.main.tsflags.push_back("nodocs");

    // Variables.
    cfg.arch = Variables::hostArch();
    if (!req.forcearch.empty()) {
        if (!Variables::isKnownArch(req.forcearch) || req.forcearch == "noarch")
            throw UsageError("--forcearch: '" + req.forcearch +
                             "' is not an architecture mpm knows (x86_64, i686, aarch64, "
                             "ppc64le, s390x, armv7hl, riscv64)");
        cfg.arch = req.forcearch;
        cfg.foreignArch = !Variables::canRun(req.forcearch);
    }
    cfg.vars.set("arch", cfg.arch);
    cfg.vars.set("basearch", Variables::baseArchOf(cfg.arch));
    // dnf's order: DNF_VAR_name (and DNF0..DNF9) from the environment, then the vars
    // directories' files over them.
    for (char** e = environ; e && *e; ++e) {
        const std::string entry = *e;
        const size_t eq = entry.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = entry.substr(0, eq);
        if (key.starts_with("DNF_VAR_") && key.size() > 8)
            cfg.vars.set(key.substr(8), entry.substr(eq + 1));
        else if (key.size() == 4 && key.starts_with("DNF") && std::isdigit(key[3]))
            cfg.vars.set(key, entry.substr(eq + 1));
    }
    for (const auto& dir : cfg.main.varsdir) cfg.vars.loadDir(configPath("varsdir", dir));
    std::string releasever = req.releasever ? *req.releasever : cfg.main.releasever;
    // A releasever file in a vars directory (a minor release pinned) comes before os-release.
    if (const std::string* pinned = cfg.vars.get("releasever"); releasever.empty() && pinned)
        releasever = *pinned;
    if (!releasever.empty()) {
        cfg.vars.set("releasever", releasever);
    } else {
        // Else what the installed release package says (as dnf detects it), else os-release
        // as the root has it (/etc/os-release, else /usr/lib/os-release, as systemd reads it,
        // followed inside the root: an absolute link must not read the host's). Asked only
        // when a file names $releasever: the RPM database is not read for runs that never do.
        cfg.vars.setLazy("releasever", [root = cfg, detect = req.detectReleasever] {
            std::string found = detect ? detect(root) : "";
            for (const char* file : {"/etc/os-release", "/usr/lib/os-release"})
                if (found.empty()) found = readOsReleaseField(root.rootFile(file), "VERSION_ID");
            return found;
        });
    }
    cfg.main.releasever = releasever;

    // Repos: those of the configuration file itself (as dnf.conf may hold them: mock's do),
    // then every *.repo file of every reposdir, in name order; a missing reposdir is empty.
    if (configRead) loadRepoFile(cfg, cfg.configFile);
    // Every reposdir's files in the order of their paths, as dnf reads them (which decides
    // what an id defined twice means): path -> the file to read.
    std::map<std::string, std::string> files;
    for (const auto& dir : cfg.main.reposdir) {
        std::error_code ec;
        cfg.reposDirsRead.push_back(configPath("reposdir", dir));
        // A link in the root's own reposdir points inside the root, as in a chroot.
        const bool inRoot = !req.useHostConfig && !cfg.hostPathKeys.count("reposdir");
        for (const auto& entry : fs::directory_iterator(cfg.reposDirsRead.back(), ec)) {
            if (entry.path().extension() != ".repo") continue;
            const std::string name = entry.path().filename().string();
            std::string path = entry.path().string();
            if (inRoot && entry.is_symlink()) path = cfg.rootFile(dir + "/" + name);
            std::error_code fileEc;
            if (!path.empty() && fs::exists(path, fileEc) && !fs::is_directory(path, fileEc))
                files.emplace(entry.path().string(), path);
        }
    }
    for (const auto& [where, f] : files) loadRepoFile(cfg, f);
    for (const auto& [id, path] : req.repofrompath) {
        if (!validRepoId(id))
            throw UsageError("--repofrompath: '" + id + "' is not a valid repository id");
        RepoConfig repo = repoDefaults(cfg.main);
        repo.id = id;
        repo.name = id;
        repo.baseurl = {localPathToUrl(cfg.vars.substitute(path))};
        repo.source = "--repofrompath";
        const std::string newId = id;  // (clang 14 cannot capture a structured binding)
        std::erase_if(cfg.repos, [&](const RepoConfig& r) { return r.id == newId; });
        cfg.repos.push_back(std::move(repo));
    }

    // --setopt REPOID.KEY=VALUE; REPOID may be a glob. The key is split at the last dot
    // because repo ids may themselves contain dots.
    for (const auto& [key, value] : req.setopts) {
        size_t dot = key.rfind('.');
        if (dot == std::string::npos) continue;
        std::string idGlob = key.substr(0, dot), option = key.substr(dot + 1);
        if (!RepoConfig::isKnownKey(option))
            throw UsageError("--setopt: unknown repository option '" + option + "' in '" + key +
                             "'");
        for (auto& repo : cfg.repos) {
            if (!globMatch(idGlob, repo.id)) continue;
            try {
                repo.set(option, cfg.vars.substitute(value));
            } catch (const std::invalid_argument& err) {
                throw UsageError("--setopt " + key + ": " + err.what());
            }
        }
    }

    // A repository without a URL, once --setopt could give it one: skipped, said.
    std::erase_if(cfg.repos, [&](const RepoConfig& r) {
        if (!r.baseurl.empty() || !r.mirrorlist.empty() || !r.metalink.empty()) return false;
        cfg.warnings.push_back(r.source + ":" + std::to_string(r.sourceLine) + ": repository '" +
                               r.id +
                               "' has none of baseurl, mirrorlist or metalink; add one of them (or "
                               "--setopt=" +
                               r.id + ".baseurl=URL); [" + r.id + "] is skipped");
        return true;
    });

    // --disableexcludes: all (or *), main ([main]'s and -x's), or repository ids (globs).
    for (const auto& which : req.disableExcludes) {
        const bool all = which == "all" || which == "*";
        if (all || which == "main") {
            cfg.main.excludepkgs.clear();
            cfg.main.includepkgs.clear();
        }
        if (all) {
            for (auto& r : cfg.repos) r.excludepkgs.clear(), r.includepkgs.clear();
        } else if (which != "main") {
            bool any = false;
            for (auto& r : cfg.repos)
                if (globMatch(which, r.id)) {
                    r.excludepkgs.clear(), r.includepkgs.clear();
                    any = true;
                }
            if (!any)
                throw UsageError("--disableexcludes: '" + which +
                                 "' is neither all, main nor a repository id");
        }
    }

    // --nogpgcheck: the user's explicit way out of every signature check, for this run only.
    if (req.nogpgcheck) {
        cfg.main.gpgcheck = cfg.main.repo_gpgcheck = cfg.main.localpkg_gpgcheck = false;
        for (auto& repo : cfg.repos) repo.gpgcheck = repo.repo_gpgcheck = false;
    }

    // Repo selection: --repo narrows to exactly these; --enablerepo/--disablerepo in order.
    if (!req.onlyRepos.empty()) {
        for (auto& repo : cfg.repos) repo.enabled = false;
        for (const auto& glob : req.onlyRepos) {
            bool any = false;
            for (auto& repo : cfg.repos)
                if (globMatch(glob, repo.id)) repo.enabled = any = true;
            if (!any)
                throw UsageError("--repo: no repository matches '" + glob +
                                 "' (see mpm repolist --all)");
        }
    }
    auto toggle = [&](bool enable, const std::string& glob, const std::string& where) {
        bool any = false;
        for (auto& repo : cfg.repos)
            if (globMatch(glob, repo.id)) {
                repo.enabled = enable;
                any = true;
            }
        // On the command line a usage error; in a desired state, the file's.
        const std::string sentence =
            where + ": no repository matches '" + glob + "' (see mpm repolist --all)";
        if (!any && enable) {
            if (where.starts_with("--")) throw UsageError(sentence);
            throw Error(sentence);
        }
        if (!any) cfg.warnings.push_back(where + ": no repository matches '" + glob + "'");
    };
    for (const auto& [enable, glob] : req.stateToggles)
        toggle(enable, glob, req.stateFile + ": repos: " + (enable ? "enable" : "disable"));
    for (const auto& [enable, glob] : req.repoToggles)
        toggle(enable, glob, enable ? "--enablerepo" : "--disablerepo");
    std::sort(cfg.repos.begin(), cfg.repos.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return cfg;
}

}  // namespace mpm::repodata
