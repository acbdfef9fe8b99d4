// The floor of an install: one process that only unpacks the payloads of the given RPM files
// into ROOT with libarchive (the rpm filter, cpio, archive_write_disk with modes, owners and
// times), as fast as a package manager could possibly write the same files. No dependency
// resolution, no checks of any kind, no database, no scriptlets, no crash safety.
//
//   mpm_unpack_floor ROOT FILE.rpm...
#include <archive.h>
#include <archive_entry.h>

#include <cstdio>
#include <memory>
#include <string>

namespace {

struct ReadFree {
    void operator()(archive* a) const noexcept { archive_read_free(a); }
};
struct WriteFree {
    void operator()(archive* a) const noexcept { archive_write_free(a); }
};

bool unpack(const char* rpm, const std::string& root, archive* disk) {
    std::unique_ptr<archive, ReadFree> in(archive_read_new());
    archive_read_support_filter_all(in.get());
    archive_read_support_format_cpio(in.get());
    if (archive_read_open_filename(in.get(), rpm, 1 << 16) != ARCHIVE_OK) return false;
    archive_entry* entry = nullptr;
    int rc;
    while ((rc = archive_read_next_header(in.get(), &entry)) == ARCHIVE_OK) {
        std::string path = archive_entry_pathname(entry);
        if (path.starts_with(".")) path.erase(0, 1);
        archive_entry_set_pathname(entry, (root + path).c_str());
        if (const char* link = archive_entry_hardlink(entry)) {
            std::string target = link;
            if (target.starts_with(".")) target.erase(0, 1);
            archive_entry_set_hardlink(entry, (root + target).c_str());
        }
        if (archive_write_header(disk, entry) != ARCHIVE_OK) return false;
        const void* buf;
        size_t len;
        la_int64_t offset;
        while (archive_read_data_block(in.get(), &buf, &len, &offset) == ARCHIVE_OK)
            if (archive_write_data_block(disk, buf, len, offset) != ARCHIVE_OK) return false;
        if (archive_write_finish_entry(disk) != ARCHIVE_OK) return false;
    }
    return rc == ARCHIVE_EOF;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: mpm_unpack_floor ROOT FILE.rpm...\n");
        return 2;
    }
    const std::string root = argv[1];
    std::unique_ptr<archive, WriteFree> disk(archive_write_disk_new());
    archive_write_disk_set_options(disk.get(), ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM |
                                                   ARCHIVE_EXTRACT_OWNER |
                                                   ARCHIVE_EXTRACT_SECURE_NODOTDOT);
    archive_write_disk_set_standard_lookup(disk.get());
    for (int i = 2; i < argc; ++i)
        if (!unpack(argv[i], root, disk.get())) {
            std::fprintf(stderr, "cannot unpack %s: %s\n", argv[i],
                         archive_error_string(disk.get()) ? archive_error_string(disk.get())
                                                          : "unreadable payload");
            return 1;
        }
    return 0;
}
