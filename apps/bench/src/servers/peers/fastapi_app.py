"""The peers phase's four routes in FastAPI, served by uvicorn on 127.0.0.1:<ephemeral>.

Idiomatic FastAPI: a pydantic model for the body (the same rule as the zod schema
of the JavaScript contenders), HTTPException for the 404, async handlers (none
blocks, so none needs the thread pool). No response_model: no contender validates
its answers. Prints `PORT <n>` once uvicorn serves, exits on SIGTERM (uvicorn's
own handling) or when the parent process goes away.
"""
import os
import socket
import sys
import threading
import time

import uvicorn
from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel, Field

NOT_FOUND_DETAIL = "Item not found"
ITEMS = {"1": {"id": "1", "name": "widget", "price": 9.5}}


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0)


app = FastAPI()


@app.get("/items/{item_id}")
async def get_item(item_id: str):
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail=NOT_FOUND_DETAIL)
    return item


@app.post("/items", status_code=201)
async def create_item(item: ItemIn):
    return {"id": "2", "name": item.name, "price": item.price}


@app.delete("/items/{item_id}", status_code=204)
async def delete_item(item_id: str):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail=NOT_FOUND_DETAIL)
    return Response(status_code=204)


class Server(uvicorn.Server):
    async def startup(self, sockets=None):
        await super().startup(sockets=sockets)
        # What the bench waits for; the loop and protocol say which uvicorn this is.
        print(f"PORT {sockets[0].getsockname()[1]}", flush=True)
        print(f"uvicorn loop={self.config.loop} http={self.config.http}", file=sys.stderr, flush=True)


def exit_with_parent():
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=exit_with_parent, daemon=True).start()
    # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on sockets whose
    # proto says TCP, and without it uvicorn's separate head and body writes wait on
    # the client's delayed ACK (about 40 ms a request: 250 requests/s on 10 connections).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    Server(config).run(sockets=[sock])
