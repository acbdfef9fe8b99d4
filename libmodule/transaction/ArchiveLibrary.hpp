// libarchive, loaded with dlopen the first time a payload is read. Linked normally it maps
// libxml2, ICU (libicuuc and its 30 MB of data), nettle, acl and lz4 into every run, queries
// included, which never unpack anything.
#pragma once

#include <archive.h>
#include <archive_entry.h>

namespace mpm::transaction {

struct ArchiveLibrary {
    archive* (*read_new)();
    int (*read_free)(archive*);
    int (*read_support_filter_all)(archive*);
    int (*read_support_format_cpio)(archive*);
    int (*read_open_filename)(archive*, const char*, size_t);
    int (*read_open)(archive*, void*, archive_open_callback*, archive_read_callback*,
                     archive_close_callback*);
    int (*read_next_header)(archive*, archive_entry**);
    int (*read_data_block)(archive*, const void**, size_t*, la_int64_t*);
    const char* (*error_string)(archive*);
    void (*set_error)(archive*, int, const char*, ...);
    const char* (*entry_pathname)(archive_entry*);
    const char* (*entry_hardlink)(archive_entry*);
    la_int64_t (*entry_size)(archive_entry*);
};

// Loads libarchive (once) or throws Error saying why.
const ArchiveLibrary& libarchive();

}  // namespace mpm::transaction
