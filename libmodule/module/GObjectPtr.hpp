// RAII for the GLib/GObject handles libmodulemd hands out, so business code never calls
// g_object_unref, g_strfreev or g_error_free itself.
#pragma once

#include <glib-object.h>

#include <memory>
#include <string>
#include <vector>

namespace mpm::module {

struct GObjectUnref {
    void operator()(gpointer p) const noexcept {
        if (p) g_object_unref(p);
    }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GErrorFree {
    void operator()(GError* e) const noexcept {
        if (e) g_error_free(e);
    }
};
using GErrorPtr = std::unique_ptr<GError, GErrorFree>;

struct GPtrArrayUnref {
    void operator()(GPtrArray* a) const noexcept {
        if (a) g_ptr_array_unref(a);
    }
};
using GPtrArrayPtr = std::unique_ptr<GPtrArray, GPtrArrayUnref>;

// Takes ownership of a NULL-terminated string vector and copies it out.
inline std::vector<std::string> takeStrv(gchar** strv) {
    std::vector<std::string> out;
    for (gchar** p = strv; p && *p; ++p) out.emplace_back(*p);
    g_strfreev(strv);
    return out;
}

}  // namespace mpm::module
