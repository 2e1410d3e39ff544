#!/usr/bin/env bash
# The Redis store tests start a real redis-server (Debian's package). On a fresh
# machine `npm test` installs it when it can (root with apt-get); otherwise it
# says how, and those tests fail with the same hint.
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "novita-migrate tests: installing redis-server (Debian package) for the Redis store tests" >&2
  (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null) || echo "novita-migrate tests: could not install redis-server" >&2
else
  echo "novita-migrate tests: redis-server not found; install it (apt-get install redis-server) for the Redis store tests" >&2
fi
exit 0
