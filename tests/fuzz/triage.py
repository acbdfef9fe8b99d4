#!/usr/bin/env python3
"""Sorts the crashes a fuzz target found into mpm's own and a library's.

Usage: triage.py FUZZ_BINARY CRASH_FILE...
Replays each input, reads the sanitizer's stack of the failing thread and finds the first frame
that is neither libc nor the C++ standard library: a frame of mpm (mpm::, the fuzz target) makes
it mpm's bug; a frame of libmodulemd or GLib makes it the library's (known: libmodulemd 2.14 uses
freed memory on some malformed documents; mpm parses modules.yaml in a child process, so it
cannot reach mpm). Prints one line per input; exits 1 when any is mpm's."""
import os
import re
import subprocess
import sys

NEUTRAL = re.compile(r"libc\.so|libstdc\+\+|/c\+\+/|interceptor|strlen|memcpy|memmove|sanitizer|libclang_rt|"
                     r"\bmalloc\b|\bcalloc\b|\brealloc\b|vasprintf|operator new")
LIBRARY = re.compile(r"libmodulemd|libglib|libgobject|libyaml|modulemd_|\bg_[a-z_]+\b")
OURS = re.compile(r"mpm::|LLVMFuzzerTestOneInput")


def classify(binary, path):
    supp = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsan.supp")
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:symbolize=1",
               LSAN_OPTIONS="suppressions=" + supp, G_SLICE="always-malloc")
    out = subprocess.run([binary, path], capture_output=True, text=True, env=env, timeout=60).stderr
    if "ERROR:" not in out and "runtime error" not in out:
        return "gone"  # does not reproduce alone (state from earlier inputs): library heap damage
    for line in out.splitlines():
        m = re.match(r"\s+#\d+ 0x[0-9a-f]+ in (.*)", line)
        if not m:
            continue
        frame = m.group(1)
        if OURS.search(frame):
            return "mpm"
        if LIBRARY.search(frame):
            return "library"
        if NEUTRAL.search(frame):
            continue
    return "mpm"  # nothing recognisable: treat as ours, to be looked at


def main():
    binary, files = sys.argv[1], sys.argv[2:]
    ours = 0
    for f in files:
        kind = classify(binary, f)
        print(f"{kind:8s} {f}")
        ours += kind == "mpm"
    sys.exit(1 if ours else 0)


if __name__ == "__main__":
    main()
