/* librpmio exports its Lua interpreter; Debian does not ship rpmlua.h, so its declarations
   (rpm 4.18, rpmio/rpmlua.h) are written here. C, for scripts/lazy-stubs too. */
#pragma once

#include <rpm/argv.h>

#ifdef __cplusplus
extern "C" {
#endif
typedef struct rpmlua_s* rpmlua;
rpmlua rpmluaGetGlobalState(void);
int rpmluaRunScript(rpmlua lua, const char* script, const char* name, const char* opts,
                    ARGV_t args);
#ifdef __cplusplus
}
#endif
