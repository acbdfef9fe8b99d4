// SQLite's process-wide settings. SQLite is loaded when first used, by mpm's database (mpm.sqlite,
// libmodule/db) or by librpm's (the RPM database; librpm links SQLite): a run that uses neither,
// a query in a root mpm has not written, never maps it (0.4 ms of loading and relocating). Both
// loaders call this first, since SQLite takes its settings only before its first use.
#pragma once

namespace mpm::rpm {

// Loads SQLite and sets it up, once per process. Statement journals stay in memory: librpm's
// inserts of a transaction's headers spilled them past SQLite's 64 KiB threshold into a file in
// the host's /var/tmp (16,600 writes for 300 packages, on the host's disk even when the root is
// elsewhere).
void configureSqlite();

}  // namespace mpm::rpm
