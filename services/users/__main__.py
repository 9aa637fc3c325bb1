"""``python -m services.users``: the users service (gRPC on 50052)."""

from services.platform.logs import configure_logging
from services.platform.runner import wait_for_shutdown_signal
from services.platform.settings import load_environ
from services.users.app import build
from services.users.config import UsersSettings


def main() -> None:
    settings = UsersSettings.from_env(load_environ())
    configure_logging("users", settings.log_level)
    app = build(settings)
    app.start()
    wait_for_shutdown_signal()
    app.stop()


if __name__ == "__main__":
    main()
