#!/usr/bin/env bash
# Prepares a machine for the platform: checks PostgreSQL and RabbitMQ (starting them if they
# are installed but stopped), then builds .venv with every Python dependency.
# Sourced by run.sh and test.sh; safe to run again (it skips what is done).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mxx %s\033[0m\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  local host=$1 port=$2 seconds=$3
  for _ in $(seq "$seconds"); do port_open "$host" "$port" && return 0; sleep 1; done
  return 1
}

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
AMQP_HOST=${AMQP_HOST:-127.0.0.1}
AMQP_PORT=${AMQP_PORT:-5672}

# --- PostgreSQL -------------------------------------------------------------------
if ! port_open "$PG_HOST" "$PG_PORT"; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    say "PostgreSQL is not running: starting cluster $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_port "$PG_HOST" "$PG_PORT" 30 || die "PostgreSQL did not start on $PG_HOST:$PG_PORT"
  else
    die "PostgreSQL is not installed or not reachable on $PG_HOST:$PG_PORT.
   Install it:  sudo apt-get install -y postgresql   (the default setup uses user 'postgres' with trust auth on 127.0.0.1;
   or set DATABASE_URL to a server you have)."
  fi
fi

# --- RabbitMQ ---------------------------------------------------------------------
if ! port_open "$AMQP_HOST" "$AMQP_PORT"; then
  if command -v rabbitmqctl >/dev/null 2>&1 && rabbitmqctl -q -t 10 status >/dev/null 2>&1; then
    say "RabbitMQ's node runs but its application is stopped: starting it"
    rabbitmqctl -q start_app || true
    wait_port "$AMQP_HOST" "$AMQP_PORT" 60 || die "RabbitMQ did not start on $AMQP_HOST:$AMQP_PORT"
  elif command -v rabbitmq-server >/dev/null 2>&1; then
    say "RabbitMQ is not running: starting it"
    rabbitmq-server -detached || true
    wait_port "$AMQP_HOST" "$AMQP_PORT" 90 || die "RabbitMQ did not start on $AMQP_HOST:$AMQP_PORT"
  else
    die "RabbitMQ is not installed or not reachable on $AMQP_HOST:$AMQP_PORT.
   Install it:  sudo apt-get install -y rabbitmq-server   (or set BROKER_URL to a broker you have)."
  fi
fi
if command -v rabbitmqctl >/dev/null 2>&1; then
  # The port opens before the broker accepts connections; wait for the application itself.
  for _ in $(seq 60); do rabbitmqctl -q await_startup >/dev/null 2>&1 && break; sleep 1; done
fi

# --- Python environment -------------------------------------------------------------
PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null 2>&1 || die "python3 (3.11 or newer) is needed: sudo apt-get install -y python3 python3-venv"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python 3.11 or newer is needed"
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PYTHON" -m venv .venv || die "could not create a virtual environment: sudo apt-get install -y python3-venv"
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  say "installing the platform and its dependencies into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
