#include "libmodule/transaction/ArchiveLibrary.hpp"

#include <dlfcn.h>

#include <string>

#include "common/Error.hpp"

namespace mpm::transaction {

namespace {

template <typename F>
void bind(void* handle, const char* name, F& out) {
    void* sym = dlsym(handle, name);
    if (!sym)
        throw Error(std::string("libarchive.so.13 has no ") + name + "; reinstall libarchive13");
    out = reinterpret_cast<F>(sym);
}

ArchiveLibrary load() {
    // Deliberately never dlclose()d: the process uses it until exit.
    void* h = dlopen("libarchive.so.13", RTLD_NOW | RTLD_LOCAL);
    if (!h)
        throw Error(std::string("cannot load libarchive (") + dlerror() +
                    "); install the libarchive13 package");
    ArchiveLibrary a{};
    bind(h, "archive_read_new", a.read_new);
    bind(h, "archive_read_free", a.read_free);
    bind(h, "archive_read_support_filter_all", a.read_support_filter_all);
    bind(h, "archive_read_support_format_cpio", a.read_support_format_cpio);
    bind(h, "archive_read_open_filename", a.read_open_filename);
    bind(h, "archive_read_next_header", a.read_next_header);
    bind(h, "archive_read_data_block", a.read_data_block);
    bind(h, "archive_error_string", a.error_string);
    bind(h, "archive_entry_pathname", a.entry_pathname);
    bind(h, "archive_entry_hardlink", a.entry_hardlink);
    bind(h, "archive_entry_size", a.entry_size);
    return a;
}

}  // namespace

const ArchiveLibrary& libarchive() {
    static const ArchiveLibrary lib = load();
    return lib;
}

}  // namespace mpm::transaction
