#include "libmodule/rpm/LuaScript.hpp"

#include <rpm/argv.h>
#include <rpm/rpmlog.h>

#include "libmodule/rpm/RpmHandles.hpp"

// librpmio exports its interpreter; Debian does not ship rpmlua.h, so its declarations (rpm
// 4.18, rpmio/rpmlua.h) are written here.
extern "C" {
typedef struct rpmlua_s* rpmlua;
rpmlua rpmluaGetGlobalState(void);
int rpmluaRunScript(rpmlua lua, const char* script, const char* name, const char* opts,
                    ARGV_t args);
}

namespace mpm::rpm {

bool runLuaScript(const std::string& body, const std::string& name,
                  const std::vector<std::string>& args) {
    initRpm();  // the macros rpm.expand reads
    // A failing script says why on stderr, as rpm does (mpm keeps librpm quiet otherwise).
    rpmlogSetMask(RPMLOG_UPTO(RPMLOG_WARNING));
    ARGV_t argv = nullptr;
    for (const auto& a : args) argvAdd(&argv, a.c_str());
    const int rc =
        rpmluaRunScript(rpmluaGetGlobalState(), body.c_str(), name.c_str(), nullptr, argv);
    argvFree(argv);
    return rc == 0;
}

}  // namespace mpm::rpm
