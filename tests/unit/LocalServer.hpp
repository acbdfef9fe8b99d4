// A real HTTP server on 127.0.0.1 for unit tests of downloads: Python's http.server serving a
// directory, in a child process that dies with the object.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "common/Process.hpp"
#include "common/UniqueFd.hpp"

namespace mpm::test {

class LocalServer {
  public:
    explicit LocalServer(const std::string& directory) : port_(freePort()) {
        const std::string port = std::to_string(port_);
        child_.emplace(ChildProcess::start(
            [&] {
                UniqueFd devnull(::open("/dev/null", O_WRONLY));
                dup2(devnull.get(), STDOUT_FILENO);
                dup2(devnull.get(), STDERR_FILENO);
                execlp("python3", "python3", "-m", "http.server", port.c_str(), "--bind",
                       "127.0.0.1", "--directory", directory.c_str(), nullptr);
                return 127;
            },
            {}));
        for (int i = 0; i < 200 && !accepting(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        if (!accepting()) throw std::runtime_error("the test HTTP server did not start");
    }
    std::string url(const std::string& path = "") const {
        return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
    }
    // A port nothing listens on (for refused connections).
    static int freePort() {
        UniqueFd s(::socket(AF_INET, SOCK_STREAM, 0));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(s.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::getsockname(s.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            throw std::runtime_error("no free port");
        return ntohs(addr.sin_port);
    }

  private:
    bool accepting() const {
        UniqueFd s(::socket(AF_INET, SOCK_STREAM, 0));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port_));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::connect(s.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    int port_;
    std::optional<ChildProcess> child_;
};

}  // namespace mpm::test
