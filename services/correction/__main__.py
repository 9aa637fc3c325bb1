"""``python -m services.correction``: the correction service (gRPC on 50053 and the outbox relay)."""

from services.correction.app import build
from services.correction.config import CorrectionSettings
from services.platform.logs import configure_logging
from services.platform.runner import wait_for_shutdown_signal
from services.platform.settings import load_environ


def main() -> None:
    settings = CorrectionSettings.from_env(load_environ())
    configure_logging("correction", settings.log_level)
    app = build(settings)
    app.start()
    wait_for_shutdown_signal()
    app.stop()


if __name__ == "__main__":
    main()
