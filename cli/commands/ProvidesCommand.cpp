// mpm provides PATH_OR_DEP...: which packages provide a file or capability.
#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/PackageQuery.hpp"

namespace mpm::cli {

void ProvidesCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("what", what_, "A file path or a capability (globs allowed)")->required();
}

namespace {

// What of `pkg` matched `what`: the provide or the file, for the "Matched from" line.
std::pair<std::string, std::string> matchedFrom(const Package& pkg, const std::string& what) {
    if (base::isFileSpec(what)) {
        for (const auto& f : pkg.files())
            if (hasGlob(what) ? globMatch(what, f) : f == what) return {"Filename", f};
    }
    if (std::string provide = pkg.provideMatching(what); !provide.empty())
        return {"Provide", provide};
    return {"Provide", what};
}

}  // namespace

ExitCode ProvidesCommand::run(Context& ctx) {
    Sack& sack = ctx.sack();
    nlohmann::json arr = nlohmann::json::array();
    bool any = false;
    for (const auto& what : what_) {
        auto pkgs = PackageQuery(sack).whatProvides({what}).packages();
        for (const auto& p : pkgs) {
            any = true;
            auto [kind, text] = matchedFrom(p, what);
            if (ctx.out.json()) {
                auto j = packageJson(sack, p);
                j["matched"] = {{"query", what}, {"kind", toLower(kind)}, {"value", text}};
                arr.push_back(j);
                continue;
            }
            ctx.out.line(p.nevra() + " : " + p.summary());
            // dnf's layout: labels padded to 12 columns.
            auto label = [](std::string l) {
                return l + std::string(l.size() < 12 ? 12 - l.size() : 0, ' ') + ": ";
            };
            ctx.out.line(label("Repo") + (p.installed() ? std::string("@System") : p.repoId()));
            ctx.out.line("Matched from:");
            ctx.out.line(label(kind) + text);
            ctx.out.line("");
        }
    }
    if (!any) throw Error("no package provides " + join(what_, ", "));  // (JSON: the error)
    if (ctx.out.json()) ctx.out.printJson(arr);
    return ExitCode::Ok;
}

}  // namespace mpm::cli
