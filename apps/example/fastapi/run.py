"""Binds 127.0.0.1 on an ephemeral port, prints it, and serves seed_app with uvicorn."""
import os
import socket
import sys

import uvicorn

sys.path.insert(0, os.path.dirname(__file__))

# IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets it knows are TCP; without it each
# response waits ~40 ms for a delayed ACK.
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind(("127.0.0.1", 0))
# Listening before the port is printed: a client that connects before uvicorn
# starts accepting waits in the backlog instead of being refused.
sock.listen(128)
print(f"listening on http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
config = uvicorn.Config("seed_app:app", log_level="warning", lifespan="off")
uvicorn.Server(config).run(sockets=[sock])
