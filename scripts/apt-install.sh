#!/usr/bin/env bash
# Installs the Debian packages named, if any are named: the one place the test scripts
# install a system tool they need and do not find (`bash scripts/apt-install.sh valgrind`).
set -euo pipefail
(($# > 0)) || exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "$@" >/dev/null
