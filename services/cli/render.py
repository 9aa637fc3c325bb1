"""Readable text for essays, events, results and errors."""

from __future__ import annotations

from google.rpc import error_details_pb2
from grpc_status import rpc_status

from essay.common.v1 import common_pb2


def state_name(value: int) -> str:
    return common_pb2.EssayState.Name(value).removeprefix("ESSAY_STATE_")


def event_line(event: common_pb2.EssayEvent) -> str:
    stamp = event.time.ToDatetime().strftime("%H:%M:%S.%f")[:-3]
    bar = "#" * (event.progress_percent // 10)
    return (f"  [{event.seq:>2}] {stamp} {state_name(event.state):<10} {bar:<10} "
            f"{event.progress_percent:>3}%  {event.message}")


def essay_summary(essay: common_pb2.Essay) -> str:
    lines = [
        f"essay    {essay.essay_id}",
        f"task     {essay.task_id}",
        f"title    {essay.title}",
        f"state    {state_name(essay.state)} (attempt {essay.attempt})",
        f"grade    {essay.grade or '-'}",
        f"submitted {essay.submit_time.ToDatetime():%Y-%m-%d %H:%M:%S} UTC",
    ]
    if essay.error:
        lines.append(f"error    {essay.error}")
    if essay.HasField("result"):
        lines.append(result_text(essay.result))
    return "\n".join(lines)


def result_text(result: common_pb2.CorrectionResult) -> str:
    s = result.score
    lines = [
        "",
        f"Score {s.total:.1f}/100  (content {s.content:.0f}, organization {s.organization:.0f}, "
        f"language {s.language:.0f}, mechanics {s.mechanics:.0f})",
        f"{result.word_count} words, language {result.language}, grade "
        f"{result.grade or '-'} ({result.grade_description}), engine {result.engine}, "
        f"{result.processing_seconds * 1000:.0f} ms",
    ]
    for advisory in result.advisories:
        lines.append(f"! {advisory}")
    if result.feedback.overall:
        lines += ["", "Feedback:", f"  {result.feedback.overall}"]
        for name in ("content", "organization", "language", "mechanics"):
            text = getattr(result.feedback, name)
            if text:
                lines.append(f"  {name}: {text}")
    if result.errors:
        lines += ["", f"Issues ({len(result.errors)}):"]
        for error in result.errors:
            fix = f" -> {', '.join(repr(r) for r in error.replacements[:3])}" if error.replacements else ""
            lines.append(f"  @{error.offset}+{error.length} {error.category}/{error.rule_id}: "
                         f"{error.message}{fix}")
    if result.improvement_suggestions:
        lines += ["", "Suggestions:"] + [f"  - {s}" for s in result.improvement_suggestions]
    if result.corrected_text:
        lines += ["", "Corrected text:", result.corrected_text]
    return "\n".join(lines)


def rpc_error(error) -> str:
    """``CODE: message`` and the details a client can act on."""
    lines = [f"error: {error.code().name}: {error.details()}"]
    status = rpc_status.from_call(error)
    for detail in status.details if status else ():
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            lines += [f"  {v.field}: {v.description}" for v in bad.field_violations]
        elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            lines.append(f"  retry after {info.retry_delay.ToTimedelta().total_seconds():.1f}s")
        elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            lines.append(f"  reason: {info.reason}")
    return "\n".join(lines)
