"""``python -m services.correction``: the correction service (gRPC on 50053 and the outbox relay)."""

from services.correction.app import build
from services.correction.config import CorrectionSettings
from services.platform.logs import configure_logging
from services.platform.metrics import metrics_host, metrics_port, serve_metrics
from services.platform.runner import wait_for_shutdown_signal
from services.platform.settings import load_environ


def main() -> None:
    environ = load_environ()
    settings = CorrectionSettings.from_env(environ)
    configure_logging("correction", settings.log_level)
    serve_metrics(metrics_port(environ, "correction"),
                  metrics_host(settings.endpoints.listen_host, settings.endpoints.correction))
    app = build(settings)
    app.start()
    wait_for_shutdown_signal()
    app.stop()


if __name__ == "__main__":
    main()
