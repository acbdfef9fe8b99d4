#include "cli/Prompt.hpp"

#include <unistd.h>

#include <iostream>

#include "common/Error.hpp"
#include "common/Secrets.hpp"
#include "common/Strings.hpp"

namespace mpm::cli {

namespace {

// A yes/no answer from the terminal; `what` is why we ask, for the no-terminal error.
bool ask(Context& ctx, const std::string& what) {
    const auto& o = ctx.options;
    if (o.assumeno) return false;
    if (o.assumeyes || ctx.config().main.assumeyes) return true;
    if (!isatty(STDIN_FILENO))
        throw Error(what +
                    " needs confirmation and there is no terminal to ask on; run again with -y");
    const bool defaultYes = ctx.config().main.defaultyes;
    std::cerr << (defaultYes ? "Is this ok [Y/n]: " : "Is this ok [y/N]: ") << std::flush;
    std::string answer;
    if (!std::getline(std::cin, answer)) return false;
    answer = toLower(trim(answer));
    if (answer.empty()) return defaultYes;
    return answer == "y" || answer == "yes";
}

std::string grouped(const std::string& hex) {
    std::string out;
    for (size_t i = 0; i < hex.size(); i += 4) {
        if (i) out += i == hex.size() / 2 ? "  " : " ";
        out += hex.substr(i, 4);
    }
    return out;
}

}  // namespace

bool confirm(Context& ctx) {
    return ask(ctx, "this transaction");
}

bool confirmKeyImport(Context& ctx, const PgpKey& key, const std::string& repoid) {
    // On stderr: stdout carries only the result (--json).
    std::cerr << "Importing GPG key 0x" << key.shortId() << " for repository '" << repoid
              << "':\n Userid     : \"" << key.userid
              << "\"\n Fingerprint: " << grouped(key.fingerprint)
              << "\n From       : " << secrets::redact(key.source) << "\n";
    return ask(ctx, "importing the key 0x" + key.shortId() + " of repository '" + repoid + "'");
}

}  // namespace mpm::cli
