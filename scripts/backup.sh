#!/usr/bin/env bash
# Back up the whole state of the site: the PostgreSQL database and the uploaded images.
# (Redis holds only a cache; the static files are in the image.)
#
#   DATABASE_URL=postgres://... DJANGO_MEDIA_ROOT=/data/media scripts/backup.sh /backups/2026-11-30
#
# Writes <dir>/gent.dump (pg_dump's custom format: compressed, restorable table by table, readable
# by a newer pg_restore) and <dir>/gent-media.tar.gz, plus SHA256SUMS for both. Safe while the
# site runs: pg_dump reads one consistent snapshot; an image uploaded during the tar may be missing
# from it, but never half-written (uploads are written under new names, never in place).
set -euo pipefail
target="${1:?usage: scripts/backup.sh DIRECTORY}"
: "${DATABASE_URL:?set DATABASE_URL}"
: "${DJANGO_MEDIA_ROOT:?set DJANGO_MEDIA_ROOT}"
mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --file "$target/gent.dump" "$DATABASE_URL"
# No upload yet, no media directory: an empty archive, so a restore still finds one.
if [ -d "$DJANGO_MEDIA_ROOT" ]; then media="$DJANGO_MEDIA_ROOT"; else media="$(mktemp -d)"; fi
tar -C "$media" -czf "$target/gent-media.tar.gz" .
(cd "$target" && sha256sum gent.dump gent-media.tar.gz > SHA256SUMS)
echo "Backed up to $target"
