#!/usr/bin/env bash
# Back up the CMS: its PostgreSQL database and its media store. docs/backups.md says what is in
# a backup, what is not (caches, Redis), how to schedule it and how to restore it.
#
#   DATABASE_URL=postgres://cms@127.0.0.1/cms MEDIA_ROOT=/srv/cms/media \
#     BACKUP_DIR=/var/backups/cms deploy/backup.sh
#
# Environment:
#   DATABASE_URL     the database to dump (postgres://...). Prefer a URL without the password
#                    and a ~/.pgpass or PGPASSWORD: the URL is on pg_dump's command line.
#   BACKUP_DIR       where backups go: each run writes BACKUP_DIR/cms-<UTC time>/ holding
#                    database.dump (pg_dump's custom format), media.tar.gz, SHA256SUMS and
#                    backup.info. A run that fails leaves nothing under that name.
#   MEDIA_ROOT       the local media directory (uploads, renditions, documents), or
#   MEDIA_S3_BUCKET  the bucket media live in (with MEDIA_S3_ENDPOINT_URL, MEDIA_S3_REGION,
#                    MEDIA_S3_LOCATION, MEDIA_S3_ACCESS_KEY_ID, MEDIA_S3_SECRET_ACCESS_KEY as
#                    the app has them); copied with `aws s3 sync` (the AWS CLI must be installed).
#   BACKUP_KEEP_DAYS after a backup succeeds, delete the backups (cms-*) in BACKUP_DIR older
#                    than this many days; default: keep every backup. A failed run deletes none.
#   BACKUP_MEDIA     "0" to skip the media copy (e.g. when the bucket's own versioning is the
#                    media backup); default 1.
#
# The database is dumped first, the media copied second: every file the dump refers to was
# already stored when the dump began (files are written before the rows that name them), so the
# copy holds all of them; files uploaded meanwhile are extra and harmless.
# Prints the backup's directory on the last line of its output.
set -euo pipefail

die() {
  echo "backup.sh: $*" >&2
  exit 1
}

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
: "${BACKUP_DIR:?BACKUP_DIR must name the directory that receives the backups}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) die "DATABASE_URL must be a PostgreSQL URL (postgres://...); SQLite is backed up by copying the file while no process writes" ;;
esac
BACKUP_MEDIA="${BACKUP_MEDIA:-1}"
[[ "${BACKUP_KEEP_DAYS:-0}" =~ ^[0-9]+$ ]] || die "BACKUP_KEEP_DAYS must be a number of days"
if [ "$BACKUP_MEDIA" != 0 ] && [ -z "${MEDIA_S3_BUCKET:-}" ] && [ -z "${MEDIA_ROOT:-}" ]; then
  die "set MEDIA_ROOT (local media) or MEDIA_S3_BUCKET (object storage), or BACKUP_MEDIA=0"
fi
if [ "$BACKUP_MEDIA" != 0 ] && [ -z "${MEDIA_S3_BUCKET:-}" ] && [ ! -d "$MEDIA_ROOT" ]; then
  die "MEDIA_ROOT $MEDIA_ROOT is not a directory"
fi

# Backups hold personal data (commenters' email addresses): readable by their owner only.
umask 077
mkdir -p "$BACKUP_DIR"
name="cms-$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/$name"
[ ! -e "$target" ] || die "$target already exists"
work="$(mktemp -d "$BACKUP_DIR/.$name.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "Dumping the database..." >&2
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" \
  --file="$work/database.dump"
# A dump pg_restore cannot read is no backup.
pg_restore --list "$work/database.dump" >/dev/null

media_source="none (BACKUP_MEDIA=0)"
if [ "$BACKUP_MEDIA" != 0 ]; then
  if [ -n "${MEDIA_S3_BUCKET:-}" ]; then
    command -v aws >/dev/null || die "the AWS CLI (aws) is needed to copy MEDIA_S3_BUCKET"
    source_url="s3://$MEDIA_S3_BUCKET/${MEDIA_S3_LOCATION:+$MEDIA_S3_LOCATION/}"
    media_source="$source_url"
    echo "Copying media from $source_url..." >&2
    mkdir "$work/media"
    AWS_ACCESS_KEY_ID="${MEDIA_S3_ACCESS_KEY_ID:-${AWS_ACCESS_KEY_ID:-}}" \
      AWS_SECRET_ACCESS_KEY="${MEDIA_S3_SECRET_ACCESS_KEY:-${AWS_SECRET_ACCESS_KEY:-}}" \
      AWS_DEFAULT_REGION="${MEDIA_S3_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}" \
      aws s3 sync --only-show-errors ${MEDIA_S3_ENDPOINT_URL:+--endpoint-url "$MEDIA_S3_ENDPOINT_URL"} \
      "$source_url" "$work/media"
    tar -C "$work/media" -czf "$work/media.tar.gz" .
    rm -rf "$work/media"
  else
    media_source="$MEDIA_ROOT"
    echo "Copying media from $MEDIA_ROOT..." >&2
    # GNU tar exits 1 when a file changed while it was read (a rendition being written): the
    # file is in the archive as it was, which is fine for a file the dump does not name yet.
    status=0
    tar -C "$MEDIA_ROOT" -czf "$work/media.tar.gz" . || status=$?
    [ "$status" -le 1 ] || die "tar failed with status $status"
  fi
fi

(
  cd "$work"
  sha256sum database.dump $([ -e media.tar.gz ] && echo media.tar.gz) >SHA256SUMS
  {
    echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "pg_dump: $(pg_dump --version)"
    echo "media: $media_source"
  } >backup.info
)
mv "$work" "$target"
trap - EXIT
if [ -n "${BACKUP_KEEP_DAYS:-}" ]; then
  find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'cms-*' ! -path "$target" \
    -mtime +"$BACKUP_KEEP_DAYS" -print -exec rm -rf {} + | sed 's/^/Deleted old backup: /' >&2
fi
echo "Backup written: $(du -sh "$target" | cut -f1)" >&2
echo "$target"
