// mpm repoquery: dnf's query language over the package universe.
#include <algorithm>
#include <cstring>
#include <ctime>
#include <map>
#include <set>

#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "cli/commands/PackageListing.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

namespace {

// The dependency kinds dnf's repoquery names: --whatNAME finds the packages with such a
// dependency, --NAME lists the dependencies, %{NAME} formats them; "depends" is dnf's union of
// the forward ones.
struct DependencyKind {
    const char* name;
    std::vector<Id> keys;
};

const std::vector<DependencyKind>& dependencyKinds() {
    static const std::vector<DependencyKind> kinds = {
        {"requires", {SOLVABLE_REQUIRES}},
        {"provides", {SOLVABLE_PROVIDES}},
        {"obsoletes", {SOLVABLE_OBSOLETES}},
        {"conflicts", {SOLVABLE_CONFLICTS}},
        {"recommends", {SOLVABLE_RECOMMENDS}},
        {"suggests", {SOLVABLE_SUGGESTS}},
        {"supplements", {SOLVABLE_SUPPLEMENTS}},
        {"enhances", {SOLVABLE_ENHANCES}},
        {"depends",
         {SOLVABLE_REQUIRES, SOLVABLE_RECOMMENDS, SOLVABLE_SUGGESTS, SOLVABLE_SUPPLEMENTS,
          SOLVABLE_ENHANCES}}};
    return kinds;
}

}  // namespace

void RepoqueryCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("spec", specs_, "Package specs (NEVRA forms, globs allowed)");
    // Each option takes one value (comma lists allowed), as dnf's: the words after it are specs.
    cmd->add_option("--whatprovides", whatprovides_, "Packages providing a capability or file")
        ->delimiter(',')
        ->allow_extra_args(false);
    // dnf's other --what* options: packages with such a dependency on a capability, or on
    // anything a package it names provides. Each option adds its own lookup; all must match.
    whatDepends_.reserve(dependencyKinds().size());  // the options keep addresses into it
    for (const auto& kind : dependencyKinds()) {
        if (std::string_view(kind.name) == "provides") continue;  // --whatprovides, above
        cmd->add_option(std::string("--what") + kind.name,
                        whatDepends_.emplace_back(WhatDepends{kind.keys, {}}).capabilities,
                        std::string("Packages whose ") + kind.name +
                            " name a capability or a package's provides")
            ->delimiter(',')
            ->allow_extra_args(false);
    }
    cmd->add_option("--arch,--archlist", arch_, "Only these architectures")
        ->delimiter(',')
        ->allow_extra_args(false);

    // What is printed instead of one line per package: at most one of these.
    std::vector<CLI::Option*> shown;
    for (const auto& kind : dependencyKinds())
        shown.push_back(cmd->add_flag_callback(
            std::string("--") + kind.name, [this, keys = kind.keys] { listed_ = keys; },
            std::string("Show the ") + kind.name + " of the matching packages"));
    shown.push_back(
        cmd->add_flag("--files,-l,--list", files_, "Show the files of the matching packages"));
    shown.push_back(
        cmd->add_flag("--location", location_, "Show where the packages can be downloaded"));
    shown.push_back(cmd->add_flag("--source", source_, "Show the packages' source RPMs"));
    shown.push_back(cmd->add_flag("-i,--info", info_, "Show the packages as info does"));
    shown.push_back(cmd->add_flag("--deplist", deplist_,
                                  "Show each requirement of the packages and what provides it"));
    // How each package is printed: at most one of these.
    std::vector<CLI::Option*> forms = {
        cmd->add_option("--qf,--queryformat", queryformat_,
                        "Output format, e.g. '%{name} %{version}'"),
        cmd->add_flag_callback(
            "--nvr", [this] { queryformat_ = "%{name}-%{version}-%{release}"; },
            "Print name-version-release"),
        cmd->add_flag_callback(
            "--nevra", [this] { queryformat_ = "%{name}-%{epoch}:%{version}-%{release}.%{arch}"; },
            "Print name-epoch:version-release.arch (the default)"),
        cmd->add_flag_callback(
            "--envra", [this] { queryformat_ = "%{epoch}:%{name}-%{version}-%{release}.%{arch}"; },
            "Print epoch:name-version-release.arch")};
    for (auto* a : forms)
        for (auto* b : forms)
            if (a != b) a->excludes(b);
    for (auto* a : shown)
        for (auto* b : shown)
            if (a != b) a->excludes(b);
    // A dependency list prints packages only with --resolve; the others never do.
    for (size_t i = dependencyKinds().size(); i < shown.size(); ++i)
        for (auto* f : forms) shown[i]->excludes(f);
    cmd->add_flag("--resolve", resolve_,
                  "With --requires and the like: the packages providing the dependencies");

    auto* inst = cmd->add_flag("--installed", installed_, "Only installed packages");
    cmd->add_flag("--available", available_, "Only available packages")->excludes(inst);
    cmd->add_flag("--upgrades,--updates", upgrades_,
                  "Only available packages newer than the installed version");
    cmd->add_flag("--extras", extras_, "Only installed packages no enabled repository has");
    cmd->add_flag("--duplicates", duplicates_,
                  "Only installed packages installed in more than one version");
    cmd->add_flag("--installonly", installonly_, "Only installed install-only packages");
    cmd->add_flag("--recent", recent_, "Only packages built in the last 'recent' days (7)");
    cmd->add_flag("--showduplicates")
        ->description("Accepted for dnf's sake: repoquery shows every version");
    cmd->add_option("--latest-limit", latestLimit_,
                    "Only the N newest versions of each name.arch (all but the -N newest)");
    cmd->add_flag("--userinstalled", userInstalled_,
                  "Only installed packages the user asked for (not dependencies)");
    cmd->add_flag("--unsatisfied", unsatisfied_,
                  "Only installed packages with requirements no installed package provides");
}

namespace {

std::string tag(const Sack& sack, const Package& p, const std::string& name) {
    if (name == "name") return p.name();
    if (name == "epoch") return p.epoch();
    if (name == "version") return p.version();
    if (name == "release") return p.release();
    if (name == "arch") return p.arch();
    if (name == "evr") return p.evr();
    if (name == "nevra" || name == "full_nevra") return p.fullNevra();
    // (dnf's reponame is the id too)
    if (name == "repoid" || name == "reponame") return p.installed() ? "@System" : p.repoId();
    if (name == "summary") return p.summary();
    if (name == "description") return p.description();
    if (name == "url") return p.url();
    if (name == "license") return p.license();
    if (name == "sourcerpm") return p.sourceRpm();
    // dnf's size: what is downloaded, or for an installed package what it takes.
    if (name == "size") return std::to_string(p.installed() ? p.installSize() : p.downloadSize());
    if (name == "installsize") return std::to_string(p.installSize());
    if (name == "downloadsize" || name == "packagesize") return std::to_string(p.downloadSize());
    // Dependency lists, one per line, as dnf prints them (its tags are the single kinds).
    for (const auto& kind : dependencyKinds())
        if (name == kind.name && kind.keys.size() == 1) return join(p.deps(kind.keys[0]), "\n");
    if (name == "buildtime") return std::to_string(p.buildTime());
    if (name == "installtime") return p.installed() ? std::to_string(p.installTime()) : "";
    if (name == "from_repo") {
        const InstalledInfo* info = sack.installedInfo(p.id());
        return info && !info->fromRepo.empty() ? info->fromRepo : "";
    }
    if (name == "reason") {
        const InstalledInfo* info = sack.installedInfo(p.id());
        return info ? db::reasonName(info->reason) : "(none)";  // dnf's word
    }
    if (name == "location") {
        const LoadedRepo* r = sack.repo(p.repoId());
        const auto urls = p.urls(r ? r->metadata.baseUrls : std::vector<std::string>{});
        return urls.empty() ? p.location() : urls.front();
    }
    throw UsageError("--queryformat: unknown tag %{" + name + "}");
}

// Expands %{tag} and %-N{tag} / %N{tag}, plus \n and \t escapes.
std::string format(const Sack& sack, const Package& p, const std::string& fmt) {
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        char c = fmt[i];
        if (c == '\\' && i + 1 < fmt.size() && (fmt[i + 1] == 'n' || fmt[i + 1] == 't')) {
            out += fmt[++i] == 'n' ? '\n' : '\t';
            continue;
        }
        if (c != '%') {
            out += c;
            continue;
        }
        size_t j = i + 1;
        bool left = j < fmt.size() && fmt[j] == '-';
        if (left) ++j;
        size_t widthStart = j;
        while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j]))) ++j;
        int width = j > widthStart ? std::stoi(fmt.substr(widthStart, j - widthStart)) : 0;
        if (j >= fmt.size() || fmt[j] != '{') {
            out += c;
            continue;
        }
        size_t close = fmt.find('}', j);
        if (close == std::string::npos) throw UsageError("--queryformat: '%{' is not closed");
        std::string value = tag(sack, p, fmt.substr(j + 1, close - j - 1));
        if (static_cast<int>(value.size()) < width) {
            std::string pad(static_cast<size_t>(width) - value.size(), ' ');
            value = left ? value + pad : pad + value;
        }
        out += value;
        i = close;
    }
    return out;
}

}  // namespace

ExitCode RepoqueryCommand::printDeplist(Context& ctx, const Sack& sack,
                                        const std::vector<Package>& pkgs) {
    // dnf's --deplist: each requirement, and the newest version of each package providing it
    // (every version with -v).
    nlohmann::json arr = nlohmann::json::array();
    std::string text;
    // (a package two repositories have is two builds, each said, as dnf says them)
    for (const auto& p : pkgs) {
        nlohmann::json deps = nlohmann::json::array();
        text += (text.empty() ? "package: " : "\npackage: ") + p.nevra() + "\n";
        const std::vector<std::string> reqs = p.requires_();
        for (const auto& req : std::set<std::string>(reqs.begin(), reqs.end())) {  // sorted
            // dnf's: what the repositories have, not what is installed
            PackageQuery providers(sack);
            providers.available();
            if (!arch_.empty()) providers.withArch(arch_);
            providers.whatProvides({req});
            if (!ctx.out.verbose()) providers.latest();
            std::set<std::string> names;
            nlohmann::json full = nlohmann::json::array();
            for (const auto& provider : providers.packages())
                if (names.insert(provider.nevra()).second) full.push_back(provider.fullNevra());
            text += "  dependency: " + req + "\n";
            for (const auto& n : names) text += "   provider: " + n + "\n";
            deps.push_back({{"dependency", req}, {"providers", full}});
        }
        arr.push_back({{"package", p.fullNevra()}, {"dependencies", deps}});
    }
    if (ctx.out.json())
        ctx.out.printJson(arr);
    else if (!text.empty())
        std::fwrite(text.data(), 1, text.size(), stdout);
    return ExitCode::Ok;
}

ExitCode RepoqueryCommand::run(Context& ctx) {
    if (resolve_ && listed_.empty())
        throw UsageError(
            "--resolve shows what provides the dependencies that --requires, "
            "--recommends and the like list: give one of them");
    const bool onlyInstalled =
        installed_ || userInstalled_ || unsatisfied_ || duplicates_ || installonly_;
    Sack& sack = ctx.sack(!onlyInstalled, true);
    PackageQuery q(sack);
    // Names first: only the packages of those names are then tested for the rest.
    if (!specs_.empty()) q.matching(specs_);
    if (onlyInstalled) q.installed();
    if (userInstalled_) q.userInstalled();
    if (unsatisfied_) q.unsatisfied();
    if (duplicates_) q.duplicates();
    if (installonly_) q.installOnly();
    if (extras_) q.extras();
    if (upgrades_) q.upgrades();
    if (available_) q.available();
    if (recent_) q.builtSince(std::time(nullptr) - sack.config().main.recent * 86400LL);
    if (!arch_.empty()) q.withArch(arch_);
    if (!whatprovides_.empty()) q.whatProvides(whatprovides_);
    for (const auto& w : whatDepends_)
        if (!w.capabilities.empty()) q.whatDependsOn(w.keys, w.capabilities);
    if (latestLimit_ != 0) q.latestVersions(latestLimit_);
    // One line per NEVRA, as dnf: a package installed and available shows as available.
    if (!onlyInstalled && !available_) q.notAlsoAvailable();
    std::vector<Package> pkgs = q.packages();
    if (deplist_) return printDeplist(ctx, sack, pkgs);

    // dnf prints a sorted set of lines: duplicates (same NEVRA in two repos) collapse.
    std::set<std::string> lines;
    bool linesAreResult = !queryformat_.empty() || location_ || source_ || files_;
    if (!listed_.empty()) {
        std::set<std::string> deps;
        for (const auto& p : pkgs)
            for (Id key : listed_)
                for (auto& d : p.deps(key)) deps.insert(d);
        if (resolve_) {
            // dnf's: the newest available providers (any, with --installed).
            PackageQuery providers(sack);
            if (!installed_) providers.available();
            if (!arch_.empty()) providers.withArch(arch_);
            providers.whatProvides({deps.begin(), deps.end()}).latest();
            pkgs = providers.packages();
        } else {
            lines = std::move(deps);
            linesAreResult = true;
        }
    } else if (files_) {
        for (const auto& p : pkgs)
            for (auto& f : p.files()) lines.insert(f);
    }
    if (info_ && !ctx.out.json()) {
        // dnf's blocks, one per build (a package two repositories have is two), an empty
        // line between them.
        std::string text;
        for (const auto& p : pkgs) text += (text.empty() ? "" : "\n") + infoBlock(sack, p);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return ExitCode::Ok;
    }
    if ((listed_.empty() || resolve_) && !files_ && (linesAreResult || !ctx.out.json())) {
        const std::string fmt = location_ ? "%{location}"
                                : source_ ? "%{sourcerpm}"
                                : !queryformat_.empty()
                                    ? queryformat_
                                    : "%{name}-%{epoch}:%{version}-%{release}.%{arch}";
        for (const auto& p : pkgs) lines.insert(format(sack, p, fmt));
    }

    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        if (linesAreResult) {
            for (const auto& l : lines) arr.push_back(l);
        } else {
            std::set<std::string> seen;
            for (const auto& p : pkgs)
                if (seen.insert(p.fullNevra() + "@" + p.repoId()).second)
                    arr.push_back(packageJson(sack, p, info_));
        }
        ctx.out.printJson(arr);
        return ExitCode::Ok;
    }
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    if (!out.empty()) std::fwrite(out.data(), 1, out.size(), stdout);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
