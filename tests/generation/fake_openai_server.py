"""A real HTTP server on 127.0.0.1 speaking /v1/chat/completions, with scripted faults per prompt.

A prompt's last message content is its key; `plans[key]` lists what the server does on successive
attempts for that key ("ok", "slow", "drop", "garbage" or an HTTP status such as "500"); once the plan is
used up every attempt succeeds. Answers are `"{key}|seed={seed}|choice={i}"`, so tests can see which request
produced each completion. The server also records every request and the most requests in flight at once.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeChatServer:
    def __init__(
        self, *, answer_delay_s: float = 0.0, slow_delay_s: float = 2.0, max_choices: int | None = None
    ):
        self.answer_delay_s = answer_delay_s
        self.slow_delay_s = slow_delay_s
        self.max_choices = max_choices
        self.plans: dict[str, list[str]] = {}
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.attempts: dict[str, int] = defaultdict(int)
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> FakeChatServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def begin(self, body: dict[str, Any], headers: dict[str, str]) -> str:
        key = body["messages"][-1]["content"]
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            attempt = self.attempts[key]
            self.attempts[key] += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            plan = self.plans.get(key, [])
            return plan[attempt] if attempt < len(plan) else "ok"

    def end(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def completion(self, body: dict[str, Any]) -> dict[str, Any]:
        key = body["messages"][-1]["content"]
        count = body.get("n", 1) if self.max_choices is None else min(body.get("n", 1), self.max_choices)
        choices = [
            {"index": i, "message": {"role": "assistant", "content": f"{key}|seed={body['seed']}|choice={i}"}}
            for i in range(count)
        ]
        # Reversed on purpose: clients must order choices by index, not by position.
        return {"object": "chat.completion", "model": body["model"], "choices": choices[::-1]}


def _make_handler(server: FakeChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path != "/v1/chat/completions":
                self._send(404, {"error": f"no route {self.path}"})
                return
            action = server.begin(body, {k.lower(): v for k, v in self.headers.items()})
            try:
                self._act(action, body)
            finally:
                server.end()

        def _act(self, action: str, body: dict[str, Any]) -> None:
            if action == "drop":
                self.close_connection = True  # hang up without a response
            elif action == "garbage":
                self._send(200, None, raw=b"<html>not json</html>")
            elif action.isdigit():
                self._send(int(action), {"error": {"message": f"scripted {action}"}})
            else:
                time.sleep(server.slow_delay_s if action == "slow" else server.answer_delay_s)
                self._send(200, server.completion(body))

        def _send(self, status: int, payload: Any, raw: bytes | None = None) -> None:
            data = raw if raw is not None else json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout), as the test intended

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
