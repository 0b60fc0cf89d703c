import { statuskit } from '@statuskit/koa';
import Koa from 'koa';
import { peerKit } from '../../shared/peer-kit.js';
import { announce, closeServer } from '../../shared/serve.js';

const app = new Koa();
app.use(statuskit(peerKit()));

const server = app.listen(0, '127.0.0.1', () => announce(server, () => closeServer(server)));
