#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into a fresh database and the media store.
# docs/backups.md has the whole procedure (stop the app, create the database, then the steps
# this script prints at the end).
#
#   createdb -O cms cms_restored
#   DATABASE_URL=postgres://cms@127.0.0.1/cms_restored MEDIA_ROOT=/srv/cms/media \
#     deploy/restore.sh /var/backups/cms/cms-20261204T031500Z
#
# Argument: the backup's directory; without one, the newest cms-* under BACKUP_DIR.
# Environment:
#   DATABASE_URL     the database to restore into: it must exist and be empty (this script
#                    never overwrites a database; drop and re-create it, or restore into a new
#                    one and point the app at it).
#   MEDIA_ROOT       the local media directory to restore into (created if missing; files of
#                    the backup replace files of the same name, other files are left), or
#   MEDIA_S3_BUCKET  the bucket to restore into (and MEDIA_S3_* as for backup.sh), with
#                    `aws s3 sync` (objects of the backup replace those of the same key).
#   RESTORE_MEDIA    "0" to restore the database only; default 1.
set -euo pipefail

die() {
  echo "restore.sh: $*" >&2
  exit 1
}

: "${DATABASE_URL:?DATABASE_URL must name the (empty) PostgreSQL database to restore into}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) die "DATABASE_URL must be a PostgreSQL URL (postgres://...)" ;;
esac
RESTORE_MEDIA="${RESTORE_MEDIA:-1}"

backup="${1:-}"
if [ -z "$backup" ]; then
  : "${BACKUP_DIR:?give the backup directory as the argument, or set BACKUP_DIR to restore its newest}"
  backup="$(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'cms-*' | sort | tail -n 1)"
  [ -n "$backup" ] || die "no backup (cms-*) in $BACKUP_DIR"
fi
[ -f "$backup/database.dump" ] && [ -f "$backup/SHA256SUMS" ] ||
  die "$backup is not a backup made by deploy/backup.sh (no database.dump or SHA256SUMS)"
echo "Restoring $backup" >&2

# The files are the ones backup.sh wrote: not truncated, not altered.
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || die "$backup fails its checksums"

if [ "$RESTORE_MEDIA" != 0 ]; then
  [ -f "$backup/media.tar.gz" ] || die "$backup holds no media (made with BACKUP_MEDIA=0); set RESTORE_MEDIA=0"
  [ -n "${MEDIA_S3_BUCKET:-}" ] || [ -n "${MEDIA_ROOT:-}" ] ||
    die "set MEDIA_ROOT (local media) or MEDIA_S3_BUCKET (object storage), or RESTORE_MEDIA=0"
fi

tables="$(psql --dbname="$DATABASE_URL" --no-psqlrc --tuples-only --no-align --command \
  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
     AND c.relkind IN ('r', 'p', 'v', 'm', 'S')")"
[ "$tables" = 0 ] || die "the database in DATABASE_URL is not empty ($tables relations): restore into a fresh one (createdb)"

echo "Restoring the database..." >&2
# One transaction: the database ends up with the whole dump or with nothing.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$backup/database.dump"

if [ "$RESTORE_MEDIA" != 0 ]; then
  if [ -n "${MEDIA_S3_BUCKET:-}" ]; then
    command -v aws >/dev/null || die "the AWS CLI (aws) is needed to restore into MEDIA_S3_BUCKET"
    target_url="s3://$MEDIA_S3_BUCKET/${MEDIA_S3_LOCATION:+$MEDIA_S3_LOCATION/}"
    echo "Restoring media into $target_url..." >&2
    staging="$(mktemp -d)"
    trap 'rm -rf "$staging"' EXIT
    tar -C "$staging" -xzf "$backup/media.tar.gz"
    AWS_ACCESS_KEY_ID="${MEDIA_S3_ACCESS_KEY_ID:-${AWS_ACCESS_KEY_ID:-}}" \
      AWS_SECRET_ACCESS_KEY="${MEDIA_S3_SECRET_ACCESS_KEY:-${AWS_SECRET_ACCESS_KEY:-}}" \
      AWS_DEFAULT_REGION="${MEDIA_S3_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}" \
      aws s3 sync --only-show-errors ${MEDIA_S3_ENDPOINT_URL:+--endpoint-url "$MEDIA_S3_ENDPOINT_URL"} \
      "$staging" "$target_url"
  else
    echo "Restoring media into $MEDIA_ROOT..." >&2
    mkdir -p "$MEDIA_ROOT"
    # Owned by whoever restores (run this as the app's user), not by the backup's owner ids.
    tar -C "$MEDIA_ROOT" --no-same-owner -xzf "$backup/media.tar.gz"
  fi
fi

cat >&2 <<'EOF'
Restored. Before the app serves it:
  1. manage.py migrate        (when the code is newer than the backup)
  2. clear the shared cache and the edge cache if they outlived the old database
     (docs/backups.md, "After a restore"): cached answers would show the old content
  3. start the app, the worker and the scheduler against this DATABASE_URL
EOF
