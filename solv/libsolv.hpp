// The only way mpm includes libsolv's C headers.
//
// libsolv's Solvable has a member called `requires`, a keyword since C++20. Renaming the token
// while the headers are read keeps the struct layout (and so the ABI) identical; mpm code that
// needs a solvable's requirements goes through solvable_lookup_deparray, never the member.
#pragma once

#define requires solv_requires_
extern "C" {
#include <solv/bitmap.h>
#include <solv/chksum.h>
#include <solv/dataiterator.h>
#include <solv/evr.h>
#include <solv/knownid.h>
#include <solv/pool.h>
#include <solv/pool_parserpmrichdep.h>
#include <solv/poolarch.h>
#include <solv/queue.h>
#include <solv/repo.h>
#include <solv/repo_comps.h>
#include <solv/repo_repomdxml.h>
#include <solv/repo_rpmdb.h>
#include <solv/repo_rpmmd.h>
#include <solv/repo_solv.h>
#include <solv/repo_updateinfoxml.h>
#include <solv/repo_write.h>
#include <solv/selection.h>
#include <solv/solv_xfopen.h>
#include <solv/solvable.h>
#include <solv/solver.h>
#include <solv/solvversion.h>
#include <solv/transaction.h>
#include <solv/util.h>
}
#undef requires
