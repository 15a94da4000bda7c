"""A minimal agent in another language for Runtime tests: serves the AgentCore container contract
(GET /ping, POST /invocations) on 127.0.0.1:$PORT, remembers a word in memory and in a file in its
working directory, and reports what it can see."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"word": None}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/ping":
            self.reply(200, {"status": "Healthy"})
        else:
            self.reply(404, {})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        if request.get("op") == "remember":
            STATE["word"] = request["word"]
            with open("secret.txt", "w") as handle:
                handle.write(request["word"])
        if request.get("op") == "status":
            with open("/proc/self/status") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
            self.reply(200, {"uid": os.getuid(), "cap_eff": fields.get("CapEff", "").strip()})
            return
        if request.get("op") == "write":
            try:
                with open(request["path"], "w") as handle:
                    handle.write(request["data"])
                written = True
            except OSError:
                written = False
            self.reply(200, {"written": written})
            return
        if request.get("op") == "swap":
            os.remove("i")
            os.symlink(request["target"], "i")
            self.reply(200, {"swapped": True})
            return
        if request.get("op") == "connect":
            import socket
            try:
                socket.create_connection(("127.0.0.1", int(request["port"])), timeout=2).close()
                reached = True
            except OSError:
                reached = False
            self.reply(200, {"reached": reached})
            return
        if request.get("op") == "probe":
            path = request["path"]
            try:
                readable = open(path).read()
            except OSError:
                readable = None
            self.reply(200, {"read": readable})
            return
        file_word = open("secret.txt").read() if os.path.exists("secret.txt") else None
        self.reply(200, {
            "pid": os.getpid(),
            "cwd": os.getcwd(),
            "word": STATE["word"],
            "file_word": file_word,
            "session_header": self.headers.get("X-Amzn-Bedrock-AgentCore-Runtime-Session-Id"),
            "has_token": bool(self.headers.get("WorkloadAccessToken")),
            "env_keys": sorted(os.environ.keys()),
        })


ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
