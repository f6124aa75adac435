"""Shared helpers for the whole-program tests: run the newsfact binary and
count checks, ending with the "NAME: N passed, M failed" line."""
import json
import os
import subprocess
import sys

NEWSFACT = os.environ.get("NEWSFACT", "build/newsfact")
SHARED = os.environ.get("NF_SHARED_DIR", "../shared")
TESTS = os.environ.get("NF_TESTS_DIR", "tests")


class Checks:
    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}", file=sys.stderr)
        return cond

    def eq(self, got, want, what):
        return self.check(got == want, f"{what}: got {got!r}, want {want!r}")

    def done(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


def run(*args, stdin=None, timeout=300):
    """Run newsfact; returns (exit status, stdout text, stderr text)."""
    p = subprocess.run([NEWSFACT, *args], input=stdin, capture_output=True,
                       timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def records(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def utf8_slice(text, b0, b1):
    return text.encode("utf-8")[b0:b1].decode("utf-8")
