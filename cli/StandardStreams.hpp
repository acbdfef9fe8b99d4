// mpm started with standard input, output or error closed (`>&-`): the next file mpm opens would
// take that descriptor, and what it prints would be written into it (a database, a lock).
// Each closed one is opened on /dev/null at start; a closed standard output is remembered, as
// a result that cannot be written.
#pragma once

namespace mpm::cli {

void openClosedStandardStreams();
// Whether standard output was closed when mpm started.
bool standardOutputWasClosed();

}  // namespace mpm::cli
