"""The seed scenarios written the FastAPI way: the reference for `--policy fastapi`.

Run by apps/example/test/fastapi.test.ts with Debian's python3-fastapi and python3-uvicorn.
"""
from fastapi import BackgroundTasks, FastAPI, HTTPException, Response
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from pydantic import BaseModel, Field


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0)


class Item(BaseModel):
    id: int
    name: str
    price: float


app = FastAPI()
items = {1: {"id": 1, "name": "Hammer", "price": 9.5}}
tasks = []
next_id = [2]


def find(item_id: int):
    item = items.get(item_id)
    if item is None:
        raise HTTPException(404, "Item not found")
    return item


def create(body: ItemIn):
    item = {"id": next_id[0], "name": body.name, "price": body.price}
    next_id[0] += 1
    items[item["id"]] = item
    return item


@app.get("/items/{item_id}", response_model=Item)
def read_item(item_id: int):
    return find(item_id)


@app.post("/items")
def create_item(body: ItemIn):
    return create(body)


@app.post("/items/declared", status_code=201, response_model=Item)
def create_declared(body: ItemIn):
    return {**create(body), "internal": "dropped by the model"}


@app.delete("/items/{item_id}")
def delete_item(item_id: int):
    find(item_id)
    del items[item_id]


@app.put("/items/{item_id}/touch", status_code=204)
def touch(item_id: int):
    return find(item_id)


@app.get("/status")
def status_empty():
    return Response(status_code=404)


@app.get("/status/number")
def status_number():
    return 404


@app.get("/accepted")
def accepted():
    return JSONResponse({"msg": "ok"}, status_code=202)


@app.get("/text")
def plain_text():
    return PlainTextResponse("ok")


@app.get("/old-items/{item_id}")
def old_items(item_id: str):
    return RedirectResponse(f"/items/{item_id}")


@app.get("/moved")
def moved():
    return RedirectResponse("/items/1", status_code=301)


@app.get("/override", status_code=201)
def override():
    return JSONResponse({"msg": "explicit"}, status_code=202)


@app.get("/override/raise", status_code=201)
def override_raise():
    raise HTTPException(409, "Conflict")


@app.get("/teapot")
def teapot():
    raise HTTPException(418, {"reason": "short and stout"}, headers={"x-error": "teapot"})


@app.get("/boom")
def boom():
    raise ValueError("secret")


@app.post("/process", status_code=202)
def process(background: BackgroundTasks):
    background.add_task(lambda: tasks.append("process"))
    return {"message": "Accepted for processing"}


@app.get("/items/{item_id}/maybe", response_model=Item, responses={404: {"description": "Item not found"}})
def maybe(item_id: int):
    return find(item_id)


@app.get("/auth")
def auth():
    raise HTTPException(401, "Not authenticated", headers={"www-authenticate": "Bearer"})
