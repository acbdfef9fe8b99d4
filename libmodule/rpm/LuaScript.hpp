// rpm's own Lua interpreter (librpmio's rpmlua, with rpm's posix and rpm extensions), for
// scriptlets written `-p <lua>`: the same environment rpm and dnf run them in, so
// `rpm.expand`, `posix.mkdir` and `arg` behave as they do there.
#pragma once

#include <string>
#include <vector>

namespace mpm::rpm {

// Runs a Lua scriptlet in this process as rpm does: `arg` holds `args` (rpm passes "<lua>",
// then $1 and $2), `print` writes to standard output, errors go to standard error. Returns
// whether it succeeded. The caller forks first and chroots into the root: a Lua scriptlet can
// change the working directory, the umask and anything else of its process.
bool runLuaScript(const std::string& body, const std::string& name,
                  const std::vector<std::string>& args);

}  // namespace mpm::rpm
