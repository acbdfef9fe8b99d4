// mpm repoquery: dnf's query language over the package universe.
#include <algorithm>
#include <map>
#include <set>

#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

void RepoqueryCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("spec", specs_, "Package specs (NEVRA forms, globs allowed)");
    cmd->add_option("--whatprovides", whatprovides_, "Packages providing a capability or file")
        ->delimiter(',');
    cmd->add_option("--whatrequires", whatrequires_, "Packages requiring a capability or package")
        ->delimiter(',');
    cmd->add_option("--arch,--archlist", arch_, "Only these architectures")->delimiter(',');
    auto* req =
        cmd->add_flag("--requires", requires_, "Show the requirements of the matching packages");
    auto* prov = cmd->add_flag("--provides", provides_, "Show what the matching packages provide");
    auto* files =
        cmd->add_flag("--files,-l,--list", files_, "Show the files of the matching packages");
    auto* loc = cmd->add_flag("--location", location_, "Show where the packages can be downloaded");
    auto* qf = cmd->add_option("--qf,--queryformat", queryformat_,
                               "Output format, e.g. '%{name} %{version}'");
    req->excludes(prov, files, loc, qf);
    prov->excludes(files, loc, qf);
    files->excludes(loc, qf);
    loc->excludes(qf);
    auto* inst = cmd->add_flag("--installed", installed_, "Only installed packages");
    cmd->add_flag("--available", available_, "Only available packages")->excludes(inst);
    cmd->add_option("--latest-limit", latestLimit_, "Only the N newest versions of each name.arch");
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
    // Dependency lists, one per line, as dnf prints them.
    static const std::pair<const char*, Id> lists[] = {
        {"requires", SOLVABLE_REQUIRES},       {"provides", SOLVABLE_PROVIDES},
        {"conflicts", SOLVABLE_CONFLICTS},     {"obsoletes", SOLVABLE_OBSOLETES},
        {"recommends", SOLVABLE_RECOMMENDS},   {"suggests", SOLVABLE_SUGGESTS},
        {"supplements", SOLVABLE_SUPPLEMENTS}, {"enhances", SOLVABLE_ENHANCES}};
    for (const auto& [list, key] : lists)
        if (name == list) return join(p.deps(key), "\n");
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
        if (!r || r->metadata.baseUrls.empty()) return p.location();
        std::string base = r->metadata.baseUrls.front();
        if (!base.ends_with('/')) base += '/';
        return base + p.location();
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

ExitCode RepoqueryCommand::run(Context& ctx) {
    const bool onlyInstalled = installed_ || userInstalled_ || unsatisfied_;
    Sack& sack = ctx.sack(!onlyInstalled, true);
    PackageQuery q(sack);
    // Names first: only the packages of those names are then tested for the rest.
    if (!specs_.empty()) q.matching(specs_);
    if (onlyInstalled) q.installed();
    if (userInstalled_) q.userInstalled();
    if (unsatisfied_) q.unsatisfied();
    if (available_) q.available();
    if (!arch_.empty()) q.withArch(arch_);
    if (!whatprovides_.empty()) q.whatProvides(whatprovides_);
    if (!whatrequires_.empty()) q.whatRequires(whatrequires_);
    if (latestLimit_ > 0) q.latestVersions(latestLimit_);
    // One line per NEVRA, as dnf: a package installed and available shows as available.
    if (!onlyInstalled && !available_) q.notAlsoAvailable();
    std::vector<Package> pkgs = q.packages();

    // dnf prints a sorted set of lines: duplicates (same NEVRA in two repos) collapse.
    std::set<std::string> lines;
    if (requires_ || provides_ || files_) {
        for (const auto& p : pkgs) {
            if (files_)
                for (auto& f : p.files()) lines.insert(f);
            else
                for (auto& d : requires_ ? p.requires_() : p.provides()) lines.insert(d);
        }
    } else if (location_ || !queryformat_.empty() || !ctx.out.json()) {
        const std::string fmt = location_ ? "%{location}"
                                : queryformat_.empty()
                                    ? "%{name}-%{epoch}:%{version}-%{release}.%{arch}"
                                    : queryformat_;
        for (const auto& p : pkgs) lines.insert(format(sack, p, fmt));
    }

    if (ctx.out.json()) {
        nlohmann::json arr = nlohmann::json::array();
        if (requires_ || provides_ || files_ || location_ || !queryformat_.empty()) {
            for (const auto& l : lines) arr.push_back(l);
        } else {
            std::set<std::string> seen;
            for (const auto& p : pkgs)
                if (seen.insert(p.fullNevra() + "@" + p.repoId()).second)
                    arr.push_back(packageJson(sack, p));
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
