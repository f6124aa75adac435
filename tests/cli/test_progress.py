"""Progress on stderr: drawn in place when stderr is a terminal (a pty
here), never when it is a pipe, never with -q; failure lines and the -v
summary start on a clean line; stdout carries the same records either
way."""
import os
import pty
import re
import subprocess
import tempfile

from nftest import NEWSFACT, Checks, run

c = Checks("cli_progress")
ERASE = b"\r\033[K"


def run_pty(*args):
    """Run newsfact with stderr on a pty; returns (status, stdout, stderr bytes)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([NEWSFACT, *args], stdout=subprocess.PIPE, stderr=slave,
                         stdin=subprocess.DEVNULL)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the pty
            break
        if not chunk:
            break
        err += chunk
    out = p.stdout.read()
    p.stdout.close()
    status = p.wait(timeout=300)
    os.close(master)
    return status, out.decode("utf-8"), err


status, out_pipe, err_pipe = run("extract", "examples/")
c.eq(status, 0, "pipe: exit status")
c.check("records/s" not in err_pipe and "\r" not in err_pipe and "\033" not in err_pipe,
        f"pipe: no progress on stderr: {err_pipe!r}")

status, out_tty, err_tty = run_pty("extract", "examples/")
c.eq(status, 0, "pty: exit status")
c.check(b"records/s" in err_tty, f"pty: progress line drawn: {err_tty!r}")
c.check(ERASE + b"newsfact: " in err_tty, "pty: drawn in place")
c.check(err_tty.endswith(ERASE), f"pty: erased at the end: {err_tty[-40:]!r}")
c.eq(out_tty, out_pipe, "pty: stdout is the same records, no progress in it")
lines = [l for l in err_tty.split(ERASE) if l]
c.check(lines and all(re.fullmatch(rb"newsfact: \d+ inputs, \d+ records, \d+ failed, "
                                   rb"\d+\.\d records/s, \d+ s", l) for l in lines),
        f"pty: every drawn line has the counts and the rate: {lines!r}")
c.check(all(len(l) < 80 for l in lines), "pty: the line fits 80 columns")

status, _, err = run_pty("extract", "-q", "examples/")
c.eq(err, b"", "pty -q: nothing on stderr")

status, _, err = run_pty("extract", "-v", "examples/")
summary = err.split(ERASE)[-1]
c.check(summary.startswith(b"newsfact: 5 inputs, 5 records, ") and b"facts" in summary,
        f"pty -v: summary on a clean line: {summary!r}")

with tempfile.TemporaryDirectory(prefix="nf_progress_") as tmp:
    empty = os.path.join(tmp, "empty.html")
    open(empty, "wb").close()
    status, _, err = run_pty("extract", "examples/pages/", empty, "examples/seed/")
    c.eq(status, 1, "pty: a failed input is exit status 1")
    failure = f"newsfact: {empty}: read: empty input".encode()
    c.check(failure in err, f"pty: failure line: {err!r}")
    before = err[:err.index(failure)]
    c.check(before.endswith(ERASE) or before == b"",
            f"pty: the failure line starts on a clean line: {before[-40:]!r}")
    status, _, err = run("extract", "examples/pages/", empty)
    c.eq(err.strip(), failure.decode(), "pipe: only the failure line")
c.done()
