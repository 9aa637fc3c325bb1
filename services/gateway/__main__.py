"""``python -m services.gateway``: the public gateway (grpc.aio on 50051)."""

import asyncio

from services.gateway.app import build
from services.gateway.config import GatewaySettings
from services.platform.logs import configure_logging
from services.platform.metrics import metrics_host, metrics_port, serve_metrics
from services.platform.runner import run_until_signal
from services.platform.settings import load_environ


async def serve(settings: GatewaySettings) -> None:
    app = build(settings)
    await app.start()
    await run_until_signal(app.stop)


def main() -> None:
    environ = load_environ()
    settings = GatewaySettings.from_env(environ)
    configure_logging("gateway", settings.log_level)
    serve_metrics(metrics_port(environ, "gateway"),
                  metrics_host(settings.endpoints.listen_host, settings.endpoints.gateway))
    asyncio.run(serve(settings))


if __name__ == "__main__":
    main()
