// The engine's vocabulary as the CLI uses it: each name says which room of libmodule it comes
// from, and the commands write it unqualified.
#pragma once

#include "libmodule/base/Package.hpp"
#include "libmodule/base/PackageQuery.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/db/History.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/db/KeyStore.hpp"
#include "libmodule/module/ModuleRequest.hpp"
#include "libmodule/module/Modules.hpp"
#include "libmodule/rpm/PgpKey.hpp"
#include "libmodule/solve/Goal.hpp"
#include "libmodule/trust/KeySource.hpp"
#include "libmodule/trust/TrustedKeys.hpp"

namespace mpm::cli {

using base::InstalledInfo;
using base::LoadedRepo;
using base::Package;
using base::PackageQuery;
using base::Sack;
using db::History;
using db::HistoryTransaction;
using db::InstalledDb;
using db::KeyStore;
using db::ModuleState;
using db::ModuleStatus;
using module::ModuleDefaults;
using module::ModuleObsoletes;
using module::ModuleRequest;
using module::Modules;
using module::ModuleSpec;
using module::ModuleStream;
using module::normalizeArtifact;
using module::Platform;
using rpm::PgpKey;
using solve::Goal;
using solve::PlanStep;
using solve::StepKind;
using solve::TransactionPlan;
using trust::fetchKeys;
using trust::TrustedKeys;

}  // namespace mpm::cli
