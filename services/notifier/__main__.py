"""``python -m services.notifier``: the notifier (grpc.aio on 50054)."""

import asyncio

from services.notifier.app import build
from services.notifier.config import NotifierSettings
from services.platform.logs import configure_logging
from services.platform.metrics import metrics_host, metrics_port, serve_metrics
from services.platform.runner import run_until_signal
from services.platform.settings import load_environ


async def serve(settings: NotifierSettings) -> None:
    app = await build(settings)
    await app.start()
    await run_until_signal(app.stop)


def main() -> None:
    environ = load_environ()
    settings = NotifierSettings.from_env(environ)
    configure_logging("notifier", settings.log_level)
    serve_metrics(metrics_port(environ, "notifier"),
                  metrics_host(settings.endpoints.listen_host, settings.endpoints.notifier))
    asyncio.run(serve(settings))


if __name__ == "__main__":
    main()
