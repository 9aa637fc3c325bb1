"""Building gRPC servers: health, reflection, and one place that maps errors to statuses.

Servicers raise ``ServiceError``; a database that cannot be reached becomes UNAVAILABLE
with RetryInfo; anything else is a defect and becomes INTERNAL (logged with its trace).
Calls to other services that fail are answered with the same status and details.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import Callable, Iterable
from concurrent import futures
from pathlib import Path

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2, reflection_pb2_grpc
from grpc_status import rpc_status
from sqlalchemy import exc as sa_exc

from services.platform.errors import InvalidArgument, ServiceError, Unavailable
from services.platform.internal import AioTokenCheck, TokenCheck
from services.platform.metrics import observe_rpc

log = logging.getLogger(__name__)

_STATUS_DETAILS_KEY = "grpc-status-details-bin"

# Keepalive that clients and servers agree on (no GOAWAY "too_many_pings").
KEEPALIVE_OPTIONS = [
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 10_000),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.min_ping_interval_without_data_ms", 20_000),
    ("grpc.http2.max_pings_without_data", 0),
]
SERVER_OPTIONS = [
    *KEEPALIVE_OPTIONS,
    ("grpc.http2.min_recv_ping_interval_without_data_ms", 10_000),
    ("grpc.max_receive_message_length", 8 * 1024 * 1024),
    ("grpc.so_reuseport", 0),
]
CHANNEL_OPTIONS = [*KEEPALIVE_OPTIONS, ("grpc.max_receive_message_length", 8 * 1024 * 1024)]


def translate(error: BaseException) -> ServiceError | None:
    """The status a non-gRPC exception stands for, or None for a defect."""
    if isinstance(error, ServiceError):
        return error
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.DisconnectionError):
        return Unavailable("the database is unreachable; try again shortly", 1.0)
    if isinstance(error, sa_exc.TimeoutError):
        return Unavailable("the database is busy; try again shortly", 1.0)
    return None


def forwarded_status(error: grpc.RpcError, caller_time_left: float | None = None) -> tuple[grpc.StatusCode, str, tuple]:
    """Code, message and detail trailer of a failed call to another service, to pass on.
    ``caller_time_left``: what remains of our own caller's deadline (None: it has none)."""
    code = error.code()
    trailers = tuple((k, v) for k, v in (error.trailing_metadata() or ()) if k == _STATUS_DETAILS_KEY)
    if code == grpc.StatusCode.DEADLINE_EXCEEDED and not trailers and (
            caller_time_left is None or caller_time_left > 0.05):
        # Our backend timeout ran out, not the caller's deadline: the backend is hanging.
        status = Unavailable("a backend service did not answer in time; try again shortly").to_status()
        return grpc.StatusCode.UNAVAILABLE, status.message, ((_STATUS_DETAILS_KEY, status.SerializeToString()),)
    if code == grpc.StatusCode.UNAVAILABLE and not trailers:
        status = Unavailable("a backend service is unavailable; try again shortly").to_status()
        trailers = ((_STATUS_DETAILS_KEY, status.SerializeToString()),)
        return code, status.message, trailers
    if code == grpc.StatusCode.UNKNOWN:
        code = grpc.StatusCode.INTERNAL
    return code, error.details() or code.name, trailers


# --- synchronous servers (users, correction) ---------------------------------------


def _abort_sync(context: grpc.ServicerContext, error: BaseException) -> None:
    if isinstance(error, grpc.Call):  # a failed call to another service
        context.abort_with_status(_Status(*forwarded_status(error, context.time_remaining())))
    mapped = translate(error)
    if mapped is None:
        log.exception("unhandled error in %s", getattr(context, "_method", "rpc"), exc_info=error)
        context.abort(grpc.StatusCode.INTERNAL, "internal error")
    context.abort_with_status(rpc_status.to_status(mapped.to_status()))


class _Status(grpc.Status):
    def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata: tuple):
        self.code, self.details, self.trailing_metadata = code, details, trailing_metadata


class _Undecodable:
    """Stands for a request that did not parse (invalid UTF-8 in a string, truncated bytes)."""

    def __init__(self, error: Exception):
        self.error = error


def _parse_or_mark(deserializer):
    if deserializer is None:
        return None

    def parse(data: bytes):
        try:
            return deserializer(data)
        except Exception as error:  # noqa: BLE001 - reported as INVALID_ARGUMENT by the guard
            return _Undecodable(error)
    return parse


def _check_decoded(request) -> None:
    if isinstance(request, _Undecodable):
        raise InvalidArgument({"request": "could not be parsed as this method's request message "
                                          "(malformed bytes, or a string field that is not valid UTF-8)"})


def _guard_unary(fn):
    def handler(request, context):
        try:
            _check_decoded(request)
            return fn(request, context)
        except Exception as error:  # noqa: BLE001 - every error is mapped to a status
            if type(error) is Exception:  # context.abort() raised it: already a status
                raise
            _abort_sync(context, error)
    return handler


def _guard_stream(fn):
    def handler(request, context):
        try:
            _check_decoded(request)
            yield from fn(request, context)
        except Exception as error:  # noqa: BLE001
            if type(error) is Exception:
                raise
            _abort_sync(context, error)
    return handler


def _code_name(context) -> str:
    code = context.code()
    if code is None:
        return "OK"
    return code.name if isinstance(code, grpc.StatusCode) else str(code)


def _timed_unary(method: str, fn):
    def handler(request, context):
        started = time.perf_counter()
        try:
            return fn(request, context)
        finally:
            observe_rpc(method, _code_name(context), time.perf_counter() - started)
    return handler


def _ended_early(context) -> str:
    """The code of a stream its client left: its deadline passed, or it cancelled."""
    remaining = context.time_remaining()  # a little left as the client's cancel arrives
    return "DEADLINE_EXCEEDED" if remaining is not None and remaining <= 0.25 else "CANCELLED"


def _timed_stream(method: str, fn):
    def handler(request, context):
        started = time.perf_counter()
        code = None
        try:
            yield from fn(request, context)
        except GeneratorExit:
            code = _ended_early(context)
            raise
        finally:
            observe_rpc(method, code or _code_name(context), time.perf_counter() - started)
    return handler


class _ErrorInterceptor(grpc.ServerInterceptor):
    def intercept_service(self, continuation, handler_call_details):
        handler = continuation(handler_call_details)
        method = handler_call_details.method
        return _wrap(handler, lambda fn: _timed_unary(method, _guard_unary(fn)),
                     lambda fn: _timed_stream(method, _guard_stream(fn)))


def _wrap(handler, guard_unary, guard_stream):
    if handler is None:
        return None
    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(
            guard_unary(handler.unary_unary), _parse_or_mark(handler.request_deserializer),
            handler.response_serializer)
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(
            guard_stream(handler.unary_stream), _parse_or_mark(handler.request_deserializer),
            handler.response_serializer)
    if handler.stream_stream:  # server reflection: each request message is checked as it is read
        bidi = _guard_bidi_aio(handler.stream_stream) if inspect.isasyncgenfunction(handler.stream_stream) \
            else _guard_bidi(handler.stream_stream) if inspect.isgeneratorfunction(handler.stream_stream) else None
        if bidi is not None:
            return grpc.stream_stream_rpc_method_handler(
                bidi, _parse_or_mark(handler.request_deserializer), handler.response_serializer)
    return handler


def _guard_bidi(fn):
    def handler(request_iterator, context):
        def checked():
            for request in request_iterator:
                _check_decoded(request)
                yield request
        try:
            yield from fn(checked(), context)
        except Exception as error:  # noqa: BLE001
            if type(error) is Exception:
                raise
            _abort_sync(context, error)
    return handler


def _guard_bidi_aio(fn):
    async def handler(request_iterator, context):
        async def checked():
            async for request in request_iterator:
                _check_decoded(request)
                yield request
        try:
            async for message in fn(checked(), context):
                yield message
        except grpc.aio.AbortError:
            raise
        except Exception as error:  # noqa: BLE001
            await _abort_aio(context, error)
    return handler


def build_sync_server(max_workers: int, internal_token: str = "") -> tuple[grpc.Server, health.HealthServicer]:
    """``internal_token``: answer only calls that carry it (services/platform/internal.py)."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="grpc"),
        interceptors=[*([TokenCheck(internal_token)] if internal_token else []), _ErrorInterceptor()],
        options=SERVER_OPTIONS,
        maximum_concurrent_rpcs=max_workers * 128,  # beyond it: RESOURCE_EXHAUSTED, not unbounded queues
    )
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    return server, health_servicer


# --- asyncio servers (gateway, notifier) -------------------------------------------


async def _abort_aio(context: grpc.aio.ServicerContext, error: BaseException) -> None:
    if isinstance(error, grpc.aio.AioRpcError):
        code, message, trailers = forwarded_status(error, context.time_remaining())
        await context.abort(code, message, trailing_metadata=trailers)
    mapped = translate(error)
    if mapped is None:
        log.error("unhandled error", exc_info=error)
        await context.abort(grpc.StatusCode.INTERNAL, "internal error")
    status = mapped.to_status()
    await context.abort(mapped.code, mapped.message,
                        trailing_metadata=((_STATUS_DETAILS_KEY, status.SerializeToString()),))


def _guard_unary_aio(fn):
    async def handler(request, context):
        try:
            _check_decoded(request)
            return await fn(request, context)
        except grpc.aio.AbortError:
            raise
        except Exception as error:  # noqa: BLE001
            await _abort_aio(context, error)
    return handler


def _guard_stream_aio(fn):
    if not inspect.isasyncgenfunction(fn):
        # A streaming handler that writes with ``context.write`` and returns (grpc's own aio
        # HealthServicer.Watch): awaited, not iterated, like a unary one.
        return _guard_unary_aio(fn)

    async def handler(request, context):
        try:
            _check_decoded(request)
            async for message in fn(request, context):
                yield message
        except grpc.aio.AbortError:
            raise
        except Exception as error:  # noqa: BLE001
            await _abort_aio(context, error)
    return handler


def _timed_unary_aio(method: str, fn):
    async def handler(request, context):
        started = time.perf_counter()
        try:
            return await fn(request, context)
        finally:
            observe_rpc(method, _code_name(context), time.perf_counter() - started)
    return handler


def _timed_stream_aio(method: str, fn):
    if not inspect.isasyncgenfunction(fn):
        return _timed_unary_aio(method, fn)

    async def handler(request, context):
        started = time.perf_counter()
        code = None
        try:
            async for message in fn(request, context):
                yield message
        except (asyncio.CancelledError, GeneratorExit):
            code = _ended_early(context)
            raise
        finally:
            observe_rpc(method, code or _code_name(context), time.perf_counter() - started)
    return handler


class _AioErrorInterceptor(grpc.aio.ServerInterceptor):
    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        return _wrap(handler, lambda fn: _timed_unary_aio(method, _guard_unary_aio(fn)),
                     lambda fn: _timed_stream_aio(method, _guard_stream_aio(fn)))


def build_aio_server(internal_token: str = "") -> tuple[grpc.aio.Server, health.aio.HealthServicer]:
    checks = [AioTokenCheck(internal_token)] if internal_token else []
    server = grpc.aio.server(interceptors=[*checks, _AioErrorInterceptor()], options=SERVER_OPTIONS)
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    return server, health_servicer


REFLECTION_V1 = "grpc.reflection.v1.ServerReflection"
_REFLECTION_V1_FILE = "grpc/reflection/v1/reflection.proto"


def _register_reflection_v1() -> None:
    """Puts a descriptor of ``grpc.reflection.v1`` (v1alpha's, renamed: the two are the same on
    the wire) in the default pool, so that reflection can list and describe it too."""
    pool = descriptor_pool.Default()
    try:
        pool.FindServiceByName(REFLECTION_V1)
        return
    except KeyError:
        pass
    file = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(file)
    old, new = file.package, "grpc.reflection.v1"
    file.name, file.package = _REFLECTION_V1_FILE, new

    def rename(messages) -> None:
        for message in messages:
            for field in message.field:
                if field.HasField("type_name"):  # assigning "" would set it on a scalar field
                    field.type_name = field.type_name.replace(f".{old}.", f".{new}.")
            rename(message.nested_type)

    rename(file.message_type)
    for service in file.service:
        for method in service.method:
            method.input_type = method.input_type.replace(f".{old}.", f".{new}.")
            method.output_type = method.output_type.replace(f".{old}.", f".{new}.")
    pool.Add(file)


_DESCRIPTORS = "descriptors.binpb"  # written by scripts/gen-protos.sh beside the generated code


def _drop_json_names(messages) -> None:
    """protoc writes each field's JSON name (accessToken) into a descriptor set; the generated
    code's descriptors have none, and grpcurl then prints the proto names (access_token), as it
    always has for this API."""
    for message in messages:
        for field in message.field:
            field.ClearField("json_name")
        _drop_json_names(message.nested_type)


def _commented_files() -> dict[str, bytes]:
    """The project's proto files as protoc wrote them, with their comments, by file name;
    empty (files served without comments) if the descriptor set is missing or unreadable."""
    import essay

    try:
        files = descriptor_pb2.FileDescriptorSet.FromString(
            (Path(essay.__file__).parent / _DESCRIPTORS).read_bytes())
    except (OSError, ValueError) as error:
        log.warning("reflection serves the protos without their comments: %s", error)
        return {}
    commented = {}
    for file in files.file:
        if file.name.startswith("essay/"):
            _drop_json_names(file.message_type)
            commented[file.name] = file.SerializeToString()
    return commented


class _WithComments:
    """Reflection that answers with the commented files where it has them: grpcio-reflection
    copies descriptors out of the pool, which keeps no comments."""

    _commented: dict[str, bytes] = {}

    def _answer(self, request, descriptor):
        files, stack, seen = [], [descriptor], set()
        while stack:
            file = stack.pop(0)
            if file.name in seen:
                continue
            seen.add(file.name)
            raw = self._commented.get(file.name)
            if raw is None:
                proto = descriptor_pb2.FileDescriptorProto()
                file.CopyToProto(proto)
                raw = proto.SerializeToString()
            files.append(raw)
            stack.extend(file.dependencies)
        return reflection_pb2.ServerReflectionResponse(
            file_descriptor_response=reflection_pb2.FileDescriptorResponse(file_descriptor_proto=files),
            original_request=request)

    def _file_by_filename(self, request, filename):
        try:
            return self._answer(request, self._pool.FindFileByName(filename))
        except KeyError:
            return super()._file_by_filename(request, filename)

    def _file_containing_symbol(self, request, fully_qualified_name):
        try:
            return self._answer(request, self._file_of(fully_qualified_name))
        except KeyError:
            return super()._file_containing_symbol(request, fully_qualified_name)

    def _file_of(self, name: str):
        """The file that defines ``name``. The pool of the C++/upb protobuf finds services,
        messages and enums by name, but not a method, a field or an enum value
        (``grpcurl describe essay.gateway.v1.GatewayService.SubmitEssay``): those are found
        through their parent."""
        try:
            return self._pool.FindFileContainingSymbol(name)
        except KeyError:
            parent, _, last = name.rpartition(".")
            if not parent:
                raise
        try:
            return self._pool.FindMethodByName(name).containing_service.file
        except KeyError:
            pass
        try:
            message = self._pool.FindMessageTypeByName(parent)
        except KeyError:
            enum = self._pool.FindEnumTypeByName(parent)  # KeyError: no such symbol
            if last in enum.values_by_name:
                return enum.file
            raise KeyError(name) from None
        if last in message.fields_by_name or last in message.enum_values_by_name:
            return message.file
        raise KeyError(name)


class _CommentedReflection(_WithComments, reflection.ReflectionServicer):
    pass


class _CommentedAioReflection(_WithComments, reflection.aio.ReflectionServicer):
    pass


def enable_reflection(server, service_names: Iterable[str]) -> None:
    """Server reflection under both names clients use: ``grpc.reflection.v1alpha`` (grpcurl
    before 1.9, grpcio-reflection's own) and the stable ``grpc.reflection.v1``, whose messages
    are the same on the wire, served by the same servicer."""
    names = (*service_names, health.SERVICE_NAME, reflection.SERVICE_NAME)
    try:
        _register_reflection_v1()
        names = (*names, REFLECTION_V1)
    except (TypeError, ValueError) as error:  # served all the same; only not listed
        log.warning("grpc.reflection.v1 is served but cannot be described: %s", error)
    aio = isinstance(server, grpc.aio.Server)
    if not _WithComments._commented:
        _WithComments._commented = _commented_files()
    servicer = _CommentedAioReflection(names) if aio else _CommentedReflection(names)
    reflection_pb2_grpc.add_ServerReflectionServicer_to_server(servicer, server)
    v1 = grpc.method_handlers_generic_handler(REFLECTION_V1, {
        "ServerReflectionInfo": grpc.stream_stream_rpc_method_handler(
            servicer.ServerReflectionInfo,
            request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
            response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString),
    })
    server.add_generic_rpc_handlers((v1,))


SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


def health_reporter(health_servicer: health.HealthServicer, service_name: str) -> Callable[[bool], None]:
    """Sets the overall and the service's own status of a synchronous server's health."""
    def report(ok: bool) -> None:
        for name in ("", service_name):
            health_servicer.set(name, SERVING if ok else NOT_SERVING)
    return report
