// Options that mpm.conf's [main] and .repo sections share, declared once with their parsers
// and ranges. RepoOptions are inherited: [main] gives every repository its defaults, which a
// .repo section may override. FilterOptions mean the same in both places but are not
// inherited: [main]'s apply to every repository, a section's to its own.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "repodata/OptionValue.hpp"

namespace mpm::repodata {

struct RepoOptions {
    bool gpgcheck = true;
    bool repo_gpgcheck = false;
    int64_t metadata_expire = 172800;
    bool skip_if_unavailable = false;
    bool sslverify = true;
    std::string sslcacert, sslclientcert, sslclientkey;
    std::string proxy, proxy_username, proxy_password;
    std::string username, password;  // HTTP authentication on the repository's servers
    int retries = 10;
    int timeout = 30;
    // Limits on what a mirror may cost: below minrate bytes/s for `timeout` seconds a transfer
    // is given up (dnf's minrate); a file whose size no verified metadata states (repomd.xml,
    // mirror lists, keys) may not exceed download_size_limit.
    int64_t minrate = 1000;
    int64_t download_size_limit = 64 * 1024 * 1024;
    // Seconds such a file (no stated size) may take in all, however fast it trickles.
    int64_t download_deadline = 600;
    // What parsing a metadata file may cost once decompressed: its whole size, and the text of
    // one element (a description a parser holds whole). Far above real repositories.
    int64_t metadata_size_limit = int64_t{16} * 1024 * 1024 * 1024;
    int64_t metadata_text_limit = 64 * 1024 * 1024;
};

struct FilterOptions {
    std::vector<std::string> excludepkgs;
    std::vector<std::string> includepkgs;
};

// Adds the setters of both kinds of shared options to the table of `C` (MainConfig or
// RepoConfig, which derive from both).
template <typename C>
void addSharedSetters(std::unordered_map<std::string, OptionSetter<C>>& table) {
    table.insert({
        {"gpgcheck", boolSetter<C>(&C::gpgcheck)},
        {"repo_gpgcheck", boolSetter<C>(&C::repo_gpgcheck)},
        {"metadata_expire", durationSetter<C>(&C::metadata_expire)},
        {"skip_if_unavailable", boolSetter<C>(&C::skip_if_unavailable)},
        {"sslverify", boolSetter<C>(&C::sslverify)},
        {"sslcacert", stringSetter<C>(&C::sslcacert)},
        {"sslclientcert", stringSetter<C>(&C::sslclientcert)},
        {"sslclientkey", stringSetter<C>(&C::sslclientkey)},
        // dnf's "_none_": no proxy, as an empty value (a repository's own turns off [main]'s).
        {"proxy", [](C& c, const std::string& v) { c.proxy = v == "_none_" ? std::string() : v; }},
        {"proxy_username", stringSetter<C>(&C::proxy_username)},
        {"proxy_password", secretSetter<C>(&C::proxy_password)},
        {"username", stringSetter<C>(&C::username)},
        {"password", secretSetter<C>(&C::password)},
        {"retries", intSetter<C>(&C::retries, 0, 1000)},
        {"timeout", intSetter<C>(&C::timeout, 1, 86400)},
        {"minrate", sizeSetter<C>(&C::minrate)},
        {"download_size_limit", sizeSetter<C>(&C::download_size_limit)},
        {"download_deadline", durationSetter<C>(&C::download_deadline)},
        {"metadata_size_limit", sizeSetter<C>(&C::metadata_size_limit)},
        {"metadata_text_limit", sizeSetter<C>(&C::metadata_text_limit)},
        {"excludepkgs", listSetter<C>(&C::excludepkgs)},
        {"exclude", listSetter<C>(&C::excludepkgs)},
        {"includepkgs", listSetter<C>(&C::includepkgs)},
    });
}

}  // namespace mpm::repodata
