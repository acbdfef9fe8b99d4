// How mpm and mpm-rpmdb-writer talk: one Unix socket, the writer's fd kChannel. The writer
// says one line for each step (a letter, and for kFailed why); mpm says one byte for each of
// its own, kBegin, kJournaled, then kCommit. The plan itself is on the writer's stdin (a memory
// file mpm fills before it says kBegin: CommitPlan::encode).
#pragma once

namespace mpm::transaction::writer {

constexpr int kChannel = 3;
// The writer's lines.
constexpr char kPrepared = 'P';  // every write made, none committed
constexpr char kFailed = 'E';    // followed by the sentence: nothing was committed
constexpr char kNotRun = 'X';    // (from mpm's own child) the program could not be started
constexpr char kCommitted = 'C';
// mpm's bytes.
constexpr char kBegin = 'G';  // the plan is there: take rpm's lock and write it
// The transaction is in mpm's journal, whose recovery undoes what the writer makes: in a root
// without a database, the writer makes none before it.
constexpr char kJournaled = 'J';
constexpr char kCommit = 'C';

}  // namespace mpm::transaction::writer
