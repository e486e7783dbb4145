#!/bin/sh
# The container's entry point: `docker run IMAGE <command>`.
#
#   web            (default) serve the site with gunicorn on $PORT (gent/gunicorn.conf.py)
#   migrate        apply the database migrations, then exit
#   load-content   load the shipped content (safe to repeat: never overwrites an editor's text)
#   manage ARGS    any manage.py command, e.g. `manage createsuperuser`
#   scheduler      the site's clock, in one container: every $SCHEDULER_INTERVAL seconds (60)
#                  publishes the changes editors scheduled; once a day purges old feedback
#                  (SCHEDULER_ONCE=1: one round, then exit)
#
# Migrations are an explicit step, run once per release before the new web containers start:
# several replicas migrating at start-up would race each other, and a failed migration should
# stop a release, not leave containers restarting in a loop.
set -eu

command="${1:-web}"
[ "$#" -gt 0 ] && shift
case "$command" in
  web) exec gunicorn -c gent/gunicorn.conf.py gent.wsgi ;;
  migrate) exec python manage.py migrate --noinput ;;
  load-content) exec python manage.py load_content ;;
  manage) exec python manage.py "$@" ;;
  scheduler)
    # A shell loop rather than cron: no daemon to install in the image, and its output goes to the
    # container's log like the web's. A failed round is logged and the next one tries again.
    purged=""
    while :; do
      python manage.py publish_scheduled_changes || echo "scheduler: publishing failed" >&2
      today="$(date -u +%F)"
      if [ "$today" != "$purged" ]; then
        python manage.py purge_feedback && purged="$today" || echo "scheduler: purge failed" >&2
      fi
      [ "${SCHEDULER_ONCE:-0}" = 1 ] && exit 0
      sleep "${SCHEDULER_INTERVAL:-60}"
    done ;;
  *) exec "$command" "$@" ;;
esac
