#!/usr/bin/env bash
# Installs what the remote chart-source tests need (test/plugin/remote-sources.test.ts):
# Debian's docker-registry (CNCF distribution 2.8), htpasswd, openssl, and helm v3 for
# `helm package` / `helm repo index` / `helm push`. The tests skip with a reason when absent.
set -euo pipefail
if ! command -v docker-registry >/dev/null || ! command -v htpasswd >/dev/null || ! command -v openssl >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq docker-registry apache2-utils openssl
fi
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../../../shared/tools/get-helm.sh"
