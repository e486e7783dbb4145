#!/usr/bin/env bash
# A self-signed certificate for a local run of compose.yaml (never for production):
#   scripts/selfsigned_certificate.sh docker/nginx/certs localhost
set -euo pipefail
target="${1:?usage: scripts/selfsigned_certificate.sh DIRECTORY HOSTNAME}"
host="${2:-localhost}"
mkdir -p "$target"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host" -keyout "$target/key.pem" -out "$target/cert.pem"
chmod 644 "$target/cert.pem" "$target/key.pem"  # read by nginx's workers in the container
