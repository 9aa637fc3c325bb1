"""``python -m services.users``: the users service (gRPC on 50052)."""

from services.platform.logs import configure_logging
from services.platform.metrics import metrics_host, metrics_port, serve_metrics
from services.platform.runner import wait_for_shutdown_signal
from services.platform.settings import load_environ
from services.users.app import build
from services.users.config import UsersSettings


def main() -> None:
    environ = load_environ()
    settings = UsersSettings.from_env(environ)
    configure_logging("users", settings.log_level)
    serve_metrics(metrics_port(environ, "users"),
                  metrics_host(settings.endpoints.listen_host, settings.endpoints.users))
    app = build(settings)
    app.start()
    wait_for_shutdown_signal()
    app.stop()


if __name__ == "__main__":
    main()
