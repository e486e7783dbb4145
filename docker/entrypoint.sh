#!/bin/sh
# The container's entry point: `docker run IMAGE <command>`.
#
#   web            (default) serve the site with gunicorn on $PORT (gent/gunicorn.conf.py)
#   migrate        apply the database migrations, then exit
#   load-content   load the shipped content (safe to repeat: never overwrites an editor's text)
#   manage ARGS    any manage.py command, e.g. `manage createsuperuser`
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
  *) exec "$command" "$@" ;;
esac
