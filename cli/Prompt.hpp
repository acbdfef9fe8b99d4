// Questions to the user on the terminal. Without a terminal and without -y they refuse with
// an error that says what to run instead: a script never hangs and never gets a guess.
#pragma once

#include <string>

#include "cli/Context.hpp"
#include "libmodule/rpm/PgpKey.hpp"

namespace mpm::cli {

// "Is this ok" for a transaction; true to go on.
bool confirm(Context& ctx);
// Shows a key a repository offers (user id, fingerprint, where from) and asks to trust it.
bool confirmKeyImport(Context& ctx, const PgpKey& key, const std::string& repoid);

}  // namespace mpm::cli
