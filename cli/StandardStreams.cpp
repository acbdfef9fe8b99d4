#include "cli/StandardStreams.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <initializer_list>

namespace mpm::cli {

namespace {
bool outputClosed = false;
}  // namespace

void openClosedStandardStreams() {
    for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (fcntl(fd, F_GETFD) != -1) continue;
        if (fd == STDOUT_FILENO) outputClosed = true;
        // open() takes the lowest free descriptor, this one (they are opened in order), and it
        // stays open for the whole run on purpose.
        static_cast<void>(open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY));
    }
}

bool standardOutputWasClosed() {
    return outputClosed;
}

}  // namespace mpm::cli
