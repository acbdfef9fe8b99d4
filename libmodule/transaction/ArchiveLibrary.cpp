#include "libmodule/transaction/ArchiveLibrary.hpp"

#include <string>

#include "common/SharedLibrary.hpp"

namespace mpm::transaction {

namespace {

ArchiveLibrary load() {
    const SharedLibrary<Error> lib("libarchive.so.13", "libarchive13");
    ArchiveLibrary a{};
    lib.bind("archive_read_new", a.read_new);
    lib.bind("archive_read_free", a.read_free);
    lib.bind("archive_read_support_filter_all", a.read_support_filter_all);
    lib.bind("archive_read_support_format_cpio", a.read_support_format_cpio);
    lib.bind("archive_read_open_filename", a.read_open_filename);
    lib.bind("archive_read_open", a.read_open);
    lib.bind("archive_read_next_header", a.read_next_header);
    lib.bind("archive_read_data_block", a.read_data_block);
    lib.bind("archive_error_string", a.error_string);
    lib.bind("archive_set_error", a.set_error);
    lib.bind("archive_entry_pathname", a.entry_pathname);
    lib.bind("archive_entry_hardlink", a.entry_hardlink);
    lib.bind("archive_entry_size", a.entry_size);
    return a;
}

}  // namespace

const ArchiveLibrary& libarchive() {
    static const ArchiveLibrary lib = load();
    return lib;
}

}  // namespace mpm::transaction
