import grpc
import pytest
from google.rpc import error_details_pb2
from sqlalchemy import exc as sa_exc

from services.platform.errors import FailedPrecondition, InvalidArgument, NotFound, Unavailable
from services.platform.grpc_server import translate
from services.platform.settings import (
    SettingsError,
    env_bool,
    env_float,
    env_int,
    listen_address,
    load_environ,
)


def unpack(status, kind):
    for detail in status.details:
        if detail.Is(kind.DESCRIPTOR):
            out = kind()
            detail.Unpack(out)
            return out
    raise AssertionError(f"no {kind.__name__}")


def test_invalid_argument_carries_field_violations():
    status = InvalidArgument({"title": "must not be empty", "grade": "bad"}).to_status()
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    bad = unpack(status, error_details_pb2.BadRequest)
    assert [(v.field, v.description) for v in bad.field_violations] == [
        ("title", "must not be empty"), ("grade", "bad")]


def test_unavailable_carries_retry_info():
    status = Unavailable("down", retry_after_seconds=1.5).to_status()
    assert unpack(status, error_details_pb2.RetryInfo).retry_delay.ToMilliseconds() == 1500


def test_failed_precondition_carries_a_reason():
    status = FailedPrecondition("reused", reason="REQUEST_ID_REUSED").to_status()
    assert unpack(status, error_details_pb2.ErrorInfo).reason == "REQUEST_ID_REUSED"


def test_database_outages_become_unavailable_and_defects_stay_unmapped():
    assert translate(sa_exc.OperationalError("s", {}, Exception("x"))).code == grpc.StatusCode.UNAVAILABLE
    assert translate(NotFound("x")).code == grpc.StatusCode.NOT_FOUND
    assert translate(ZeroDivisionError()) is None


def test_typed_settings():
    env = {"A": "3", "B": "2.5", "C": "yes", "D": ""}
    assert env_int(env, "A", 1) == 3 and env_int(env, "D", 7) == 7
    assert env_float(env, "B", 0) == 2.5
    assert env_bool(env, "C", False) is True
    with pytest.raises(SettingsError):
        env_int({"A": "x"}, "A", 1)
    with pytest.raises(SettingsError):
        env_bool({"A": "maybe"}, "A", True)


def test_listen_address():
    # The public gateway binds every interface; an internal service reached on loopback binds
    # loopback only; one reached by a name (docker-compose) binds every interface.
    assert listen_address("localhost:50051", public=True) == "[::]:50051"
    assert listen_address("localhost:50052") == "localhost:50052"
    assert listen_address("127.0.0.1:50053") == "127.0.0.1:50053"
    assert listen_address("[::1]:50054") == "[::1]:50054"
    assert listen_address("users:50052") == "[::]:50052"
    assert listen_address("localhost:50052", "0.0.0.0") == "0.0.0.0:50052"
    assert listen_address("users:50052", "::") == "[::]:50052"


def test_dotenv_is_read_beneath_the_environment(tmp_path, monkeypatch):
    dotenv = tmp_path / ".env"
    dotenv.write_text("# comment\nESSAY_TEST_ONLY_A=from-file\nexport ESSAY_TEST_ONLY_B='quoted'\n")
    monkeypatch.setenv("ESSAY_TEST_ONLY_A", "from-env")
    values = load_environ(dotenv)
    assert values["ESSAY_TEST_ONLY_A"] == "from-env"
    assert values["ESSAY_TEST_ONLY_B"] == "quoted"


def test_messages_do_not_grow_with_the_input():
    from services.correction.errors import task_not_found
    from services.platform.errors import MAX_MESSAGE
    assert len(task_not_found("x" * 60_000).message) < 100
    assert len(InvalidArgument({"title": "y" * 60_000}).to_status().SerializeToString()) < 3 * MAX_MESSAGE  # well under 8 KiB


def test_each_broker_gets_a_beat_schedule_file_of_its_own():
    from services.platform.messaging import BrokerSettings

    one = BrokerSettings.from_env({"BROKER_URL": "amqp://guest:guest@localhost:5672/one"}).beat_schedule_file
    two = BrokerSettings.from_env({"BROKER_URL": "amqp://guest:guest@localhost:5672/two"}).beat_schedule_file
    assert one != two
    assert BrokerSettings.from_env({"BEAT_SCHEDULE_FILE": "/srv/beat"}).beat_schedule_file == "/srv/beat"
