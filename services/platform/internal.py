"""Calls between the platform's own services, proven by a shared secret.

The internal services (users, correction, notifier) trust the caller identity that the gateway
puts in their metadata. When ``INTERNAL_TOKEN`` is set, they answer only calls that carry it in
``x-internal-token``; health checks and server reflection stay open, for probes and grpcurl.
``essay up`` makes a token of its own for the processes it starts when none is set.
"""

from __future__ import annotations

import hmac
from collections import namedtuple

import grpc

TOKEN_KEY = "x-internal-token"
_OPEN_PREFIXES = ("/grpc.health.v1.", "/grpc.reflection.")
_REFUSAL = "internal services answer only the platform's own services (x-internal-token)"


def _allowed(token: str, handler_call_details) -> bool:
    if handler_call_details.method.startswith(_OPEN_PREFIXES):
        return True
    for key, value in handler_call_details.invocation_metadata or ():
        if key == TOKEN_KEY and isinstance(value, str):
            return hmac.compare_digest(value.encode(), token.encode())
    return False


def _refusing(handler, aio: bool):
    """A handler of the same kind as ``handler`` that answers UNAUTHENTICATED."""
    if aio:
        async def unary(_request, context):
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, _REFUSAL)

        async def stream(_request, context):
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, _REFUSAL)
            yield  # pragma: no cover - an async generator that never yields
    else:
        def unary(_request, context):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, _REFUSAL)

        def stream(_request, context):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, _REFUSAL)
            yield  # pragma: no cover

    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(stream, handler.request_deserializer,
                                                    handler.response_serializer)
    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(unary, handler.request_deserializer,
                                                   handler.response_serializer)
    return None


class TokenCheck(grpc.ServerInterceptor):
    def __init__(self, token: str):
        self._token = token

    def intercept_service(self, continuation, handler_call_details):
        handler = continuation(handler_call_details)
        if handler is None or _allowed(self._token, handler_call_details):
            return handler
        return _refusing(handler, aio=False)


class AioTokenCheck(grpc.aio.ServerInterceptor):
    def __init__(self, token: str):
        self._token = token

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        if handler is None or _allowed(self._token, handler_call_details):
            return handler
        return _refusing(handler, aio=True)


_Details = namedtuple("_Details", ("method", "timeout", "metadata", "credentials", "wait_for_ready",
                                   "compression"))


def _with_token(details, token: str):
    metadata = [*(details.metadata or ()), (TOKEN_KEY, token)]
    return _Details(details.method, details.timeout, metadata, details.credentials,
                    getattr(details, "wait_for_ready", None), getattr(details, "compression", None))


class _SyncToken(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    def __init__(self, token: str):
        self._token = token

    def intercept_unary_unary(self, continuation, client_call_details, request):
        return continuation(_with_token(client_call_details, self._token), request)

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(_with_token(client_call_details, self._token), request)


class _AioUnaryToken(grpc.aio.UnaryUnaryClientInterceptor):
    def __init__(self, token: str):
        self._token = token

    async def intercept_unary_unary(self, continuation, client_call_details, request):
        return await continuation(_aio_details(client_call_details, self._token), request)


class _AioStreamToken(grpc.aio.UnaryStreamClientInterceptor):
    def __init__(self, token: str):
        self._token = token

    async def intercept_unary_stream(self, continuation, client_call_details, request):
        return await continuation(_aio_details(client_call_details, self._token), request)


def _aio_details(details, token: str):
    metadata = grpc.aio.Metadata(*(details.metadata or ()), (TOKEN_KEY, token))
    return grpc.aio.ClientCallDetails(details.method, details.timeout, metadata, details.credentials,
                                      details.wait_for_ready)


def sync_channel(target: str, options, token: str) -> grpc.Channel:
    """A channel to another service that sends ``token`` on every call (when there is one)."""
    channel = grpc.insecure_channel(target, options=options)
    return grpc.intercept_channel(channel, _SyncToken(token)) if token else channel


def aio_channel(target: str, options, token: str) -> grpc.aio.Channel:
    interceptors = [_AioUnaryToken(token), _AioStreamToken(token)] if token else None
    return grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)
