"""What `essay submit --wait` prints when the wait ends before the result (a stand-in stub)."""

from essay.common.v1 import common_pb2
from essay.gateway.v1 import gateway_pb2
from services.cli.client import Client


class Stub:
    def __init__(self, state):
        self.state = state

    def SubmitEssay(self, request, metadata, timeout):  # noqa: N802 - the gRPC method's name
        return gateway_pb2.SubmitEssayResponse(essay=common_pb2.Essay(essay_id="e-1", task_id="t-1", state=self.state))


def _submit(tmp_path, capsys, state) -> str:
    essay = tmp_path / "essay.txt"
    essay.write_text("My school is big.", encoding="utf-8")
    client = Client.__new__(Client)
    client.stub, client.environ = Stub(state), {"ESSAY_TOKEN": "token"}
    client.submit(str(essay), None, "8", wait=True, watch=False, request_id=None, timeout=1)
    return capsys.readouterr().out


def test_a_wait_that_ends_early_says_how_to_follow_the_essay(tmp_path, capsys):
    assert "essay watch e-1" in _submit(tmp_path, capsys, common_pb2.ESSAY_STATE_PROCESSING)


def test_a_finished_essay_needs_no_hint(tmp_path, capsys):
    assert "essay watch" not in _submit(tmp_path, capsys, common_pb2.ESSAY_STATE_COMPLETED)


class Recording(Stub):
    def SubmitEssay(self, request, metadata, timeout):  # noqa: N802 - the gRPC method's name
        self.request = request
        return super().SubmitEssay(request, metadata, timeout)


def _sent(tmp_path, text, title=None):
    essay = tmp_path / "my_essay.txt"
    essay.write_text(text, encoding="utf-8")
    client = Client.__new__(Client)
    stub = Recording(common_pb2.ESSAY_STATE_COMPLETED)
    client.stub, client.environ = stub, {"ESSAY_TOKEN": "token"}
    client.submit(str(essay), title, "8", wait=True, watch=False, request_id=None, timeout=1)
    return stub.request.title, stub.request.content


def test_a_heading_line_becomes_the_title_and_is_not_sent_twice(tmp_path, capsys):
    assert _sent(tmp_path, "My School\n\nMy school is big. It has a library.\n") == (
        "My School", "My school is big. It has a library.\n")


def test_without_a_heading_the_file_name_is_the_title_and_the_text_is_whole(tmp_path, capsys):
    text = "My school is big. It has a library.\n"
    assert _sent(tmp_path, text) == ("my essay", text)
    assert _sent(tmp_path, "Heading\n\nBody.\n", title="Given") == ("Given", "Heading\n\nBody.\n")
