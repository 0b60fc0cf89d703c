import express, { type NextFunction, type Request, type Response } from 'express';
import { HttpError } from '../shared/http-error.js';
import { checkItem } from '../shared/item.js';
import { announce, closeServer } from '../shared/serve.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from '../shared/store.js';

const app = express();
// The adapter never sends an automatic ETag (it would turn a decided 200 into
// a 304), so the bare app skips it too and both sides do the same work.
app.set('etag', false);

app.get('/items/:id', (req, res) => {
  const item = findItem(req.params.id);
  if (item === undefined) {
    res.status(404).json({ detail: NOT_FOUND_DETAIL });
    return;
  }
  res.json(item);
});

app.post('/items', express.json(), (req, res) => {
  const r = checkItem(req.body);
  if (!r.ok) {
    res.status(422).json({ detail: r.issues });
    return;
  }
  res.status(201).json({ id: CREATED_ID, name: r.value.name, price: r.value.price });
});

app.get('/raise/:id', (req, res) => {
  const item = findItem(req.params.id);
  if (item === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  res.json(item);
});

app.get('/return/:id', (req, res) => {
  const item = findItem(req.params.id);
  if (item === undefined) {
    res.status(404).json({ detail: NOT_FOUND_DETAIL });
    return;
  }
  res.json(item);
});

app.delete('/items/:id', (req, res) => {
  if (findItem(req.params.id) === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  res.status(204).end();
});

// The JSON error middleware every Express API installs; unknown routes keep
// Express's own 404.
app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
  if (res.headersSent) return next(err);
  const status = err instanceof HttpError ? err.status : 500;
  const detail = err instanceof HttpError && err.expose ? err.message : 'Internal Server Error';
  res.status(status).json({ detail });
});

const server = app.listen(0, '127.0.0.1', () => announce(server, () => closeServer(server)));
