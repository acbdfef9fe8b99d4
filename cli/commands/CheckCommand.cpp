// mpm check [--dependencies] [--duplicates] [--conflicts]: problems in the installed system,
// as dnf check reports them; exit 1 when there are any.
#include "cli/PackageJson.hpp"
#include "cli/commands/Commands.hpp"
#include "common/EnumNames.hpp"
#include "libmodule/base/SystemCheck.hpp"

namespace mpm::cli {

void CheckCommand::declareArguments(CLI::App* cmd) {
    cmd->add_flag("--dependencies", dependencies_, "Requirements no installed package provides");
    cmd->add_flag("--duplicates", duplicates_, "Packages installed in two versions");
    cmd->add_flag("--conflicts", conflicts_, "Installed packages that conflict");
}

ExitCode CheckCommand::run(Context& ctx) {
    using base::CheckKind;
    std::vector<CheckKind> kinds;
    if (dependencies_) kinds.push_back(CheckKind::Dependencies);
    if (duplicates_) kinds.push_back(CheckKind::Duplicates);
    if (conflicts_) kinds.push_back(CheckKind::Conflicts);
    if (kinds.empty())
        kinds = {CheckKind::Dependencies, CheckKind::Duplicates, CheckKind::Conflicts};
    const auto problems = base::checkSystem(ctx.sack(false, true), kinds);
    if (ctx.out.json()) {
        static constexpr EnumNames<CheckKind, 3> names({{{CheckKind::Dependencies, "dependency"},
                                                         {CheckKind::Conflicts, "conflict"},
                                                         {CheckKind::Duplicates, "duplicate"}}});
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& p : problems) {
            nlohmann::json j = identityJson(p.package);
            j["kind"] = names.name(p.kind);
            j["detail"] = p.detail;
            j["message"] = p.sentence();
            arr.push_back(j);
        }
        ctx.out.printJson(arr);
    } else {
        for (const auto& p : problems) ctx.out.line(p.sentence());
    }
    if (problems.empty()) return ExitCode::Ok;
    throw Error("the installed system has " + std::to_string(problems.size()) +
                (problems.size() == 1 ? " problem" : " problems") +
                " (listed above; mpm distro-sync or installing what is missing fixes most)");
}

}  // namespace mpm::cli
