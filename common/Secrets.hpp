// What must never be shown or stored: the values of secret options (password, proxy_password)
// and the password part of URLs ("http://alice:***@mirror/"). One registry for the run: the
// configuration remembers secret values as it reads them, and every text mpm prints or stores
// (output, errors, history, lockfiles, key sources) passes redact().
#pragma once

#include <string>
#include <string_view>

namespace mpm::secrets {

// Whether a configuration key ("password", "base.proxy_password") holds a secret: dnf's
// password and proxy_password.
bool isSecretKey(std::string_view key);
// A secret value to hide wherever it appears from now on (empty values are ignored).
void remember(const std::string& value);
// `text` with every remembered secret and every URL's password replaced by "***".
std::string redact(std::string text);
// A command-line argument or setting "KEY=VALUE" with VALUE hidden when KEY is secret.
std::string redactSetting(const std::string& setting);

}  // namespace mpm::secrets
