#!/usr/bin/env bash
# Install the Debian 12 packages newsfact builds and tests with, when any is
# missing.  Runs apt-get as root, or through sudo.
set -euo pipefail

packages=(
	build-essential cmake pkg-config python3
	libcurl4-openssl-dev libxml2-dev libpcre2-dev libicu-dev
	libsqlite3-dev zlib1g-dev libssl-dev libcjson-dev
	python3-jsonschema jq sqlite3
)
if [ "${NF_WITH_CLANG:-0}" = 1 ]; then
	packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
