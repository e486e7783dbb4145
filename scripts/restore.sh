#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into DATABASE_URL and DJANGO_MEDIA_ROOT.
#
#   DATABASE_URL=postgres://... DJANGO_MEDIA_ROOT=/data/media scripts/restore.sh /backups/2026-11-30
#
# Stop the web containers first. The database named in DATABASE_URL must exist (empty, or the
# site's: --clean drops what the dump holds before restoring it). The media directory is emptied
# and filled from the tarball, so it holds exactly what was backed up. Afterwards: run `migrate`
# (the dump may be from an older release) and clear the page cache (docs/operations.md).
set -euo pipefail
source="${1:?usage: scripts/restore.sh DIRECTORY}"
: "${DATABASE_URL:?set DATABASE_URL}"
: "${DJANGO_MEDIA_ROOT:?set DJANGO_MEDIA_ROOT}"
(cd "$source" && sha256sum --check --quiet SHA256SUMS)
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
  --single-transaction --dbname "$DATABASE_URL" "$source/gent.dump"
mkdir -p "$DJANGO_MEDIA_ROOT"
find "$DJANGO_MEDIA_ROOT" -mindepth 1 -delete
tar -C "$DJANGO_MEDIA_ROOT" -xzf "$source/gent-media.tar.gz"
echo "Restored from $source: now run migrate and clear the page cache."
