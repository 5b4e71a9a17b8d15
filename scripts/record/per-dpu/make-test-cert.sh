#!/bin/sh
# Writes the TLS pair the fake Kubernetes API server of test/plugin/per-dpu uses (HTTPS on
# 127.0.0.1): a self-signed EC P-256 certificate, SAN IP:127.0.0.1, valid 100 years, so tests
# never need openssl. Re-run only to replace the pair: ./scripts/record/per-dpu/make-test-cert.sh
set -eu
out="$(dirname "$0")/../../../test/plugin/per-dpu/fixtures/kube-api-tls"
mkdir -p "$out"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
  -subj '/CN=fake-kube-apiserver' -addext 'subjectAltName=IP:127.0.0.1' \
  -addext 'basicConstraints=critical,CA:TRUE' \
  -keyout "$out/tls.key" -out "$out/tls.crt"
