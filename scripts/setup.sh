#!/usr/bin/env bash
# Installs what Agentry builds, runs and is tested against. Safe to run again: it installs only what is missing,
# and runs `apt-get update` only when a Debian package is.
#   1. Debian packages (C libraries behind the .systemLibrary targets, bubblewrap, Python).
#   2. `.venv/`: a Python virtualenv with the reference peers the tests compare against (cedarpy, PyJWT,
#      jwcrypto, authlib). Test tooling only: the server never loads Python.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libmicrohttpd-dev bubblewrap libsqlite3-dev libssl-dev python3 python3-venv)
python_peers=(cedarpy==4.12.2 PyJWT==2.15.1 jwcrypto==1.6.1 authlib==1.9.10 cryptography==50.0.2 requests==2.34.2)

install_packages() {
    local missing=()
    for package in "${packages[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

make_venv() {
    local stamp=".venv/.agentry-peers"
    local wanted="${python_peers[*]}"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        return 0
    fi
    echo "setup: creating .venv with ${wanted}"
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check "${python_peers[@]}"
    echo "$wanted" > "$stamp"
}

install_packages
make_venv
