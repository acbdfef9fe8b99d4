#include "libmodule/rpm/LuaScript.hpp"

#include <rpm/argv.h>
#include <rpm/rpmlog.h>

#include "libmodule/rpm/RpmHandles.hpp"
#include "libmodule/rpm/RpmLua.hpp"

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
