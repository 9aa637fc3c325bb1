"""Welcome emails: what they say (English or Chinese), and how they leave (SMTP)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from typing import Protocol


class Mailer(Protocol):
    sender: str

    def send(self, message: EmailMessage) -> None: ...


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    security: str = "none"  # none | starttls | tls
    username: str = ""
    password: str = ""
    sender: str = "Essay Platform <no-reply@essay.local>"
    timeout: float = 10.0


class SmtpMailer:
    def __init__(self, settings: SmtpSettings):
        if settings.security not in ("none", "starttls", "tls"):
            raise ValueError("SMTP_SECURITY must be none, starttls or tls")
        self._settings = settings
        self.sender = settings.sender

    def send(self, message: EmailMessage) -> None:
        s = self._settings
        if s.security == "tls":
            client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        with client:
            if s.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if s.username:
                client.login(s.username, s.password)
            client.send_message(message)


def is_transient(error: BaseException) -> bool:
    """Worth retrying: the server is away or says "try later" (4xx); 5xx answers are final."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | OSError | TimeoutError)


_TEXT = {
    "en": ("Welcome to the essay-correction platform, {name}!",
           "Hello {name},\n\nyour account is ready. Submit an essay and watch it being corrected "
           "live; you can correct {limit} essays a month.\n\nHappy writing!\nThe Essay Platform team\n"),
    "zh": ("欢迎加入作文批改平台，{name}！",
           "{name}，您好：\n\n您的账号已创建成功。提交作文后即可实时查看批改进度；"
           "您每月可批改 {limit} 篇作文。\n\n祝写作愉快！\n作文批改平台\n"),
}


def welcome_email(user, locale: str, sender: str) -> EmailMessage:
    subject, body = _TEXT["zh" if locale == "zh" else "en"]
    message = EmailMessage()
    message["Subject"] = subject.format(name=user.username)
    message["From"] = sender
    message["To"] = formataddr((user.username, user.email))
    message["Date"] = formatdate(localtime=False)
    domain = sender.rsplit("@", 1)[-1].rstrip(">") or "essay.local"
    # Deterministic: the same welcome is recognisably the same message if it is ever re-sent.
    message["Message-ID"] = f"<welcome.{user.user_id}@{domain}>"
    message.set_content(body.format(name=user.username, limit=user.monthly_limit))
    return message
