"""--help, help COMMAND, --version and the man page tell the truth: every
example in each command's help runs (in a scratch directory holding
examples/ and archive.warc.gz, a copy of the generated WARC fixture),
except the ones that need the network; the man page names every option
the help names, renders without warnings and is installed by
cmake --install with the binary."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from nftest import NEWSFACT, SHARED, Checks, run

c = Checks("cli_help")
ROOT = os.getcwd()
NEWSFACT = os.path.abspath(NEWSFACT)

status, main_help, _ = run("--help")
c.eq(status, 0, "--help exit status")
commands = re.findall(r"^  ([a-z]+)  ", main_help.split("commands:", 1)[1], re.M)
commands = [cmd for cmd in commands if cmd != "help"]
c.check({"extract", "facts"} <= set(commands), f"commands listed: {commands}")
status, _, err = run()
c.eq(status, 2, "no command is a usage error")
c.check("usage: newsfact" in err, "no command prints the usage on stderr")
status, _, err = run("no-such-command")
c.eq(status, 2, "unknown command is a usage error")

status, version, _ = run("--version")
c.eq(status, 0, "--version exit status")
c.check(re.fullmatch(r"newsfact \d+\.\d+\.\d+ \(.*libcurl [\d.]+.*libxml2 .*PCRE2 .*ICU .*"
                     r"cJSON .*SQLite [\d.]+\)\n", version), f"--version names the libraries: {version!r}")


def examples(text):
    """The command lines under "examples:" in a help text."""
    if "examples:" not in text:
        return []
    block = text.split("examples:", 1)[1].split("\n\n", 1)[0]
    block = re.sub(r"\\\n\s*", "", block)  # join lines continued with a backslash
    return [l.strip() for l in block.splitlines() if l.strip()]


helps = {"": main_help}
for cmd in commands:
    status, text, _ = run("help", cmd)
    c.eq(status, 0, f"help {cmd} exit status")
    c.check(text.startswith(f"usage: newsfact {cmd}"), f"help {cmd} starts with its usage")
    status, text2, _ = run(cmd, "--help")
    c.eq((status, text2), (0, text), f"{cmd} --help is help {cmd}")
    c.check(len(examples(text)) >= 2, f"help {cmd} has examples")
    helps[cmd] = text

scratch = tempfile.mkdtemp(prefix="nf_help_")
try:
    os.symlink(os.path.join(ROOT, "examples"), os.path.join(scratch, "examples"))
    warc = sorted(glob.glob(os.path.join(SHARED, "corpus", "warc", "generated", "*.warc.gz")))
    shutil.copy(warc[0], os.path.join(scratch, "archive.warc.gz"))
    env = dict(os.environ, PATH=os.path.dirname(NEWSFACT) + os.pathsep + os.environ["PATH"])
    ran = skipped = 0
    for cmd, text in helps.items():
        for line in examples(text):
            words = line.split()
            # crawl fetches from the network; extract --url only names a URL.
            if "crawl" in words[1:2] or re.search(r"https?://", line) and "--url" not in line:
                skipped += 1
                continue
            p = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=scratch, env=env,
                               capture_output=True, timeout=300)
            out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")
            ran += 1
            c.eq(p.returncode, 0, f"example `{line}` exit status (stderr: {err.strip()})")
            c.eq(err, "", f"example `{line}` stderr")
            if ">" not in line and " -o " not in line and "|" not in line:
                c.check(out.strip(), f"example `{line}` prints something")
            if out.startswith("{"):
                c.check(all(json.loads(l) is not None for l in out.splitlines()),
                        f"example `{line}` prints JSON lines")
            for m in re.finditer(r"(?:-o|>)\s*(\S+)", line):
                path = os.path.join(scratch, m.group(1))
                c.check(os.path.getsize(path) > 0 if os.path.exists(path) else False,
                        f"example `{line}` writes {m.group(1)}")
    c.check(ran >= 8, f"examples run: {ran} (skipped {skipped})")
finally:
    shutil.rmtree(scratch)

# The man page: every long option of the help texts, rendered cleanly.
with open("docs/newsfact.1", encoding="utf-8") as f:
    man = f.read().replace("\\-", "-")
for cmd, text in helps.items():
    for opt in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", text))):
        c.check(opt in man, f"man page names {opt} (from help {cmd or 'main'})")
for cmd in commands:
    c.check(f".B {cmd}" in man, f"man page describes {cmd}")
if shutil.which("man"):
    p = subprocess.run(["man", "--warnings", "-l", "docs/newsfact.1"], capture_output=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80"))
    c.eq(p.returncode, 0, "man renders the page")
    c.eq(p.stderr.decode("utf-8", "replace"), "", "man --warnings is quiet")
    c.check(b"newsfact extract" in p.stdout, "rendered page has the synopsis")

# cmake --install puts the binary and the man page in place.
build = os.path.dirname(NEWSFACT)
if shutil.which("cmake") and os.path.exists(os.path.join(build, "cmake_install.cmake")):
    prefix = tempfile.mkdtemp(prefix="nf_install_")
    try:
        p = subprocess.run(["cmake", "--install", build, "--prefix", prefix],
                           capture_output=True, timeout=120)
        c.eq(p.returncode, 0, f"cmake --install: {p.stderr.decode(errors='replace')}")
        c.check(os.access(os.path.join(prefix, "bin", "newsfact"), os.X_OK), "installs bin/newsfact")
        c.check(os.path.exists(os.path.join(prefix, "share", "man", "man1", "newsfact.1")),
                "installs share/man/man1/newsfact.1")
    finally:
        shutil.rmtree(prefix)
c.done()
