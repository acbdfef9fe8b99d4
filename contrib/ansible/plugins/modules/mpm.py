# -*- coding: utf-8 -*-
# Manages packages, module streams and groups with mpm: the task's desired state is handed to
# `mpm apply` as one document and solved as one transaction; this module never solves anything
# itself.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: mpm
short_description: Manages packages, module streams and groups with mpm
description:
  - Brings packages, module streams and comps groups to a desired state with
    mpm, a modular package manager that speaks dnf's grammar.
  - The options are those of M(ansible.builtin.dnf) where they apply. Everything a task asks
    for is handed to C(mpm apply) as one desired state and solved together as one transaction
    (dnf's module runs one call per kind of change); module streams are first-class state
    (I(modules)).
  - C(changed) is what mpm reports, so a second run of the same task changes nothing and says so.
version_added: "0.1.0"
options:
  name:
    description:
      - Package specs, as dnf takes them - a name, C(name-1.0), a full NEVRA, a glob, a
        provide, a file, C(@module:stream/profile), C(@group) or C(@^environment).
      - With I(state=latest), C('*') upgrades every installed package.
    aliases: [pkg]
    type: list
    elements: str
  state:
    description:
      - Whether the packages in I(name) are installed (C(present)), installed and upgraded to
        the newest version the repositories have (C(latest)), or removed (C(absent)).
      - C(installed) and C(removed) are dnf's spellings of C(present) and C(absent).
    choices: [present, installed, latest, absent, removed]
    default: present
    type: str
  modules:
    description:
      - Module streams, by module name. A value is a stream (C("20")), C(enabled) (the default
        stream), C(disabled), C(reset), or a mapping with C(stream), C(profiles) (installed,
        others are left alone) and C(state) (C(enabled), C(disabled), C(reset)).
      - A different stream than the enabled one switches the module, its installed profiles
        moving along (C(mpm module switch-to)).
      - Quote streams that look like numbers with a fraction (C("20.10"), C("5.30")); YAML
        reads them as floats and drops their digits, so the module refuses an unquoted one.
    type: dict
    default: {}
  apply:
    description:
      - Path of a desired-state file on the managed host (see C(man mpm-apply)), applied as it
        is. Cannot be combined with I(name), I(modules) or a I(state) other than C(present).
    type: path
  enablerepo:
    description: Repository ids (globs) to enable for this task only, after I(disablerepo).
    type: list
    elements: str
    default: []
  disablerepo:
    description: Repository ids (globs) to disable for this task only.
    type: list
    elements: str
    default: []
  installroot:
    description: The root the packages are installed into.
    type: str
    default: /
  releasever:
    description: The value of C($releasever) in repository files.
    type: str
  conf_file:
    description: The mpm configuration file to use instead of C(/etc/mpm/mpm.conf).
    type: path
  disable_gpg_check:
    description: Install packages without checking their signatures.
    type: bool
    default: false
  exclude:
    description: Packages (names or globs) that are neither installed nor upgraded.
    type: list
    elements: str
    default: []
  allowerasing:
    description: Remove installed packages that are in the way of the transaction.
    type: bool
    default: false
  update_cache:
    description: Refresh the repositories' metadata before the transaction (alone, only that).
    type: bool
    default: false
    aliases: [expire-cache]
  cacheonly:
    description: Use only the metadata and packages already cached; download nothing.
    type: bool
    default: false
  skip_broken:
    description: Leave out requested packages that cannot be installed, saying which.
    type: bool
    default: false
  nobest:
    description: Accept an older version when the newest cannot be installed (C(best=0)).
    type: bool
  install_weak_deps:
    description: Install the weak dependencies (recommends, supplements) of what is installed.
    type: bool
    default: true
  lock_timeout:
    description: Seconds to wait for another mpm changing the root (C(lock_wait)); C(-1)
      waits as long as it takes, C(0) fails at once.
    type: int
    default: 30
  validate_certs:
    description: Verify the repositories' TLS certificates (C(sslverify)).
    type: bool
    default: true
    aliases: [sslverify]
  executable:
    description: The mpm program; found in C(PATH) when not given.
    type: path
attributes:
  check_mode:
    support: full
    description: C(mpm apply --check) solves the task and reports what would change.
  diff_mode:
    support: full
    description: The packages (C(name-epoch:version-release.arch)), module streams and groups before and after.
  platform:
    platforms: posix
notes:
  - A package in I(name) that is already installed satisfies C(present) as it is; one that was
    installed as a dependency becomes the user's (mpm's reasons, as dnf marks them).
  - C(absent) of a package that is not installed is not a change and not an error.
requirements:
  - mpm on the managed host
author:
  - mpm developers
'''

EXAMPLES = r'''
- name: Install tmux
  mpm.packaging.mpm:
    name: [tmux]

- name: The latest bash
  mpm.packaging.mpm:
    name: bash
    state: latest

- name: Remove nano
  mpm.packaging.mpm:
    name: nano
    state: absent

- name: nodejs on stream 20 with its common profile, postgresql disabled
  mpm.packaging.mpm:
    modules:
      nodejs: {stream: "20", profiles: [common]}
      postgresql: disabled

- name: A module profile and a group in dnf's spelling
  mpm.packaging.mpm:
    name: ["@postgresql:15/server", "@core"]

- name: Only one repository for this task
  mpm.packaging.mpm:
    name: [httpd]
    disablerepo: "*"
    enablerepo: [appstream]

- name: A whole desired state kept on the host
  mpm.packaging.mpm:
    apply: /etc/mpm/state.yaml

- name: Build an image root
  mpm.packaging.mpm:
    name: [bash, coreutils]
    installroot: /var/tmp/image-root
    releasever: "8"
'''

RETURN = r'''
msg:
  description: What happened, in one sentence.
  returned: always
  type: str
results:
  description: One line per package change, as M(ansible.builtin.dnf) reports them.
  returned: always
  type: list
  elements: str
  sample: ["Installed: tmux-0:3.2a-4.el8.x86_64", "Removed: nano-0:2.9.8-1.el8.x86_64"]
mpm:
  description: mpm's own report (C(mpm apply --json), the TRANSACTION shape of C(man mpm)).
  returned: when mpm ran
  type: dict
rc:
  description: mpm's exit status (Ansible takes any other rc than 0 for a failure, so a
    successful C(--check) that would change something, status 100, is not reported as rc).
  returned: failure
  type: int
'''

import json

from ansible.module_utils.basic import AnsibleModule

STATES = {"present": "present", "installed": "present", "latest": "latest",
          "absent": "absent", "removed": "absent"}


def stream_of(module, name, value):
    """A stream as YAML wrote it. A float has lost its digits already (20.10 is 20.1, 5.30 is
    5.3) and a boolean was never a stream: both are refused, with the fix."""
    if isinstance(value, (bool, float)):
        module.fail_json(msg="module %s: the stream %r is not text; quote it in the task "
                             "(%s: \"%s\") so that YAML keeps it as written" % (name, value, name, value))
    return value if isinstance(value, str) else str(value)


def desired_state(module, params):
    """The task as a desired-state document (JSON is YAML, which mpm apply reads)."""
    doc = {}
    if params["name"]:
        doc["packages"] = {STATES[params["state"]]: params["name"]}
    if params["modules"]:
        doc["modules"] = {}
        for name, value in params["modules"].items():
            if isinstance(value, dict):
                value = dict(value)
                if "stream" in value:
                    value["stream"] = stream_of(module, name, value["stream"])
                doc["modules"][name] = value
            else:
                doc["modules"][name] = stream_of(module, name, value)
    return doc


def command(module, mpm):
    p = module.params
    cmd = [mpm, "--json", "--installroot", p["installroot"]]
    if p["releasever"]:
        cmd += ["--releasever", p["releasever"]]
    if p["conf_file"]:
        cmd += ["--config", p["conf_file"]]
    if p["disable_gpg_check"]:
        cmd.append("--nogpgcheck")
    # dnf's module order: what is disabled first, then what is enabled (disablerepo: "*").
    for repo in p["disablerepo"]:
        cmd.append("--disablerepo=" + repo)
    for repo in p["enablerepo"]:
        cmd.append("--enablerepo=" + repo)
    for pattern in p["exclude"]:
        cmd.append("--exclude=" + pattern)
    if p["update_cache"]:
        cmd.append("--refresh")
    if p["cacheonly"]:
        cmd.append("--cacheonly")
    if p["skip_broken"]:
        cmd.append("--skip-broken")
    if p["nobest"] is not None:
        cmd.append("--nobest" if p["nobest"] else "--best")
    if not p["install_weak_deps"]:
        cmd.append("--setopt=install_weak_deps=0")
    cmd.append("--setopt=lock_wait=%d" % p["lock_timeout"])
    if not p["validate_certs"]:
        cmd.append("--setopt=sslverify=0")
    # -y: a task cannot answer a prompt; --check solves and changes nothing.
    cmd += ["apply", "--check"] if module.check_mode else ["-y", "apply"]
    if p["allowerasing"]:
        cmd.append("--allowerasing")
    cmd.append(p["apply"] or "-")
    return cmd


def diff_of(report):
    """Packages and module streams before and after, one per line."""
    before, after = [], []
    for step in report.get("transaction", []):
        if step["action"] == "remove":
            before.append(step["nevra"])
        else:
            before.extend(step.get("replaces", []))
            after.append(step["nevra"])

    def stream_line(name, m):
        line = "module %s: %s" % (name, m["state"])
        if m.get("stream"):
            line += " " + m["stream"]
        if m.get("profiles"):
            line += " (profiles: %s)" % ", ".join(m["profiles"])
        return line

    for m in report.get("modules", []):
        before.append(stream_line(m["name"], m["previous"]))
        after.append(stream_line(m["name"], m))
    for g in report.get("groups", []):
        (before if g["action"] == "remove" else after).append("%s %s" % (g["kind"], g["id"]))
    return {"before": "".join(sorted(x + "\n" for x in before)),
            "after": "".join(sorted(x + "\n" for x in after))}


def results_of(report):
    words = {"install": "Installed", "upgrade": "Upgraded", "downgrade": "Downgraded",
             "reinstall": "Reinstalled", "remove": "Removed"}
    return ["%s: %s" % (words.get(s["action"], s["action"]), s["nevra"])
            for s in report.get("transaction", [])]


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type="list", elements="str", aliases=["pkg"]),
            state=dict(type="str", default="present", choices=sorted(STATES)),
            modules=dict(type="dict"),
            apply=dict(type="path"),
            enablerepo=dict(type="list", elements="str", default=[]),
            disablerepo=dict(type="list", elements="str", default=[]),
            installroot=dict(type="str", default="/"),
            releasever=dict(type="str"),
            conf_file=dict(type="path"),
            disable_gpg_check=dict(type="bool", default=False),
            exclude=dict(type="list", elements="str", default=[]),
            allowerasing=dict(type="bool", default=False),
            update_cache=dict(type="bool", default=False, aliases=["expire-cache"]),
            cacheonly=dict(type="bool", default=False),
            skip_broken=dict(type="bool", default=False),
            nobest=dict(type="bool"),
            install_weak_deps=dict(type="bool", default=True),
            lock_timeout=dict(type="int", default=30),
            validate_certs=dict(type="bool", default=True, aliases=["sslverify"]),
            executable=dict(type="path"),
        ),
        mutually_exclusive=[["apply", "name"], ["apply", "modules"]],
        supports_check_mode=True,
    )
    p = module.params
    if not (p["name"] or p["modules"] or p["apply"] or p["update_cache"]):
        module.fail_json(msg="one of name, modules, apply or update_cache is required")
    if p["apply"] and STATES[p["state"]] != "present":
        module.fail_json(msg="state does not go with apply: the file gives each package its state")
    mpm = p["executable"] or module.get_bin_path("mpm", required=True)
    cmd = command(module, mpm)
    stdin = None if p["apply"] else json.dumps(desired_state(module, p))
    rc, out, err = module.run_command(cmd, data=stdin, binary_data=True)
    try:
        report = json.loads(out) if out.strip() else {}
    except ValueError:
        report = {}
    error = report.get("error")
    # 100 under --check: the system is not in the state yet (not a failure).
    if error or rc not in (0, 100) or (rc == 100 and not module.check_mode):
        message = error["message"] if error else (err.strip() or "mpm failed with status %d" % rc)
        module.fail_json(msg=message, rc=rc, mpm=report, stderr=err, cmd=cmd, results=[])
    changed = bool(report.get("changed"))
    result = dict(changed=changed, mpm=report, results=results_of(report))
    if module.check_mode:
        result["msg"] = ("Check mode: no changes made, but would have if not in check mode"
                         if changed else "Nothing to do")
    else:
        result["msg"] = "The system is in the desired state" + ("" if changed else " already")
    if module._diff:
        result["diff"] = diff_of(report)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
