#!/usr/bin/env python3
"""Every project include names its room from the top ("libmodule/db/Sqlite.hpp"): an include
relative to the including file ("../solve/Goal.hpp") would bypass the rooms' include paths, so
it is refused here."""
import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1])
bad = []
for path in sorted(top.rglob("*.[ch]pp")):
    if "build" in path.relative_to(top).parts[:1]:
        continue
    for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
        if m and (m.group(1).startswith(".") or "/../" in m.group(1)):
            bad.append(f"{path.relative_to(top)}:{n}: {line.strip()}")
for b in bad:
    print(b)
print(f"{len(bad)} relative includes")
sys.exit(1 if bad else 0)
