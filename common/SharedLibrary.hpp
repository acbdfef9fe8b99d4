// A shared library loaded with dlopen when first needed (libcurl, libarchive, gpgme): linked,
// each maps its own dependencies into every run, also the runs that never use it. Never
// dlclose()d: the process uses it until exit. Failures throw E (an Error) naming the library and
// the Debian package that brings it.
#pragma once

#include <dlfcn.h>

#include <string>

#include "common/Error.hpp"

namespace mpm {

template <typename E = Error>
class SharedLibrary {
  public:
    SharedLibrary(const char* soname, const char* package) : soname_(soname), package_(package) {
        handle_ = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
        if (!handle_)
            throw E(std::string("cannot load ") + soname + " (" + dlerror() + "); install the " +
                    package + " package");
    }

    // Sets `out` to the function `name`.
    template <typename F>
    void bind(const char* name, F& out) const {
        void* sym = dlsym(handle_, name);
        if (!sym) throw E(std::string(soname_) + " has no " + name + "; reinstall " + package_);
        out = reinterpret_cast<F>(sym);
    }
    // The function `name`, of type F.
    template <typename F>
    F function(const char* name) const {
        F f = nullptr;
        bind(name, f);
        return f;
    }

  private:
    const char* soname_;
    const char* package_;
    void* handle_ = nullptr;
};

}  // namespace mpm
