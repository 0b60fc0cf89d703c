// The record moves as Lua scripts: each reads and writes one operation in one
// step on Redis, so two processes never both win a create, a begin or an end.
// Times come from Redis's own clock (TIME), one clock for every process;
// `updatedAt` never goes back. Records are hashes; input, progress and outcome
// are JSON strings Lua never parses. Every script answers the record as
// HGETALL's flat list (or nil when there is none).
import type { Redis } from 'ioredis';

const PRELUDE = `
local function clock(key)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local last = tonumber(redis.call('HGET', key, 'updatedAt') or '0')
  if last > now then now = last end
  return string.format('%d', now)
end
local function terminal(s)
  return s == 'succeeded' or s == 'failed' or s == 'canceled'
end
-- Ends a record: keeps it (and its idempotency key) for ms, drops its input,
-- takes it off the pending set and tells every process.
local function ended(key, pending, id, ms, channel, event)
  redis.call('HDEL', key, 'input')
  local record = redis.call('HGETALL', key)
  local ik = redis.call('HGET', key, 'ik')
  redis.call('PEXPIRE', key, ms)
  if ik then redis.call('PEXPIRE', ik, ms) end
  redis.call('ZREM', pending, id)
  redis.call('PUBLISH', channel, event .. ' ' .. id)
  return record
end
`;

// KEYS: record, idempotency key (the record's own key when none), pending set.
// ARGV: id, name, input, fingerprint, record key prefix, '1' when keyed.
const CREATE = `
if ARGV[6] == '1' then
  local known = redis.call('GET', KEYS[2])
  if known then
    local other = ARGV[5] .. known
    if redis.call('EXISTS', other) == 1 then
      local kind = 'conflict'
      if redis.call('HGET', other, 'fp') == ARGV[4] then kind = 'existing' end
      return { kind, redis.call('HGETALL', other) }
    end
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.error_reply('operation id ' .. ARGV[1] .. ' exists already')
end
local now = clock(KEYS[1])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'name', ARGV[2], 'status', 'notStarted',
  'createdAt', now, 'updatedAt', now, 'input', ARGV[3])
if ARGV[6] == '1' then
  redis.call('HSET', KEYS[1], 'fp', ARGV[4], 'ik', KEYS[2])
  redis.call('SET', KEYS[2], ARGV[1])
end
redis.call('ZADD', KEYS[3], now, ARGV[1])
return { 'created', redis.call('HGETALL', KEYS[1]) }
`;

// KEYS: record. A pending record (a running one too: its job is retried) becomes running.
const BEGIN = `
local s = redis.call('HGET', KEYS[1], 'status')
if not s or terminal(s) then return false end
redis.call('HSET', KEYS[1], 'status', 'running', 'updatedAt', clock(KEYS[1]))
return redis.call('HGETALL', KEYS[1])
`;

// KEYS: record. ARGV: progress JSON. Only while running.
const PROGRESS = `
if redis.call('HGET', KEYS[1], 'status') ~= 'running' then return 0 end
redis.call('HSET', KEYS[1], 'progress', ARGV[1], 'updatedAt', clock(KEYS[1]))
return 1
`;

// KEYS: record, pending set. ARGV: id, status, outcome JSON, retention ms, channel.
const FINISH = `
local s = redis.call('HGET', KEYS[1], 'status')
if not s then return false end
if terminal(s) then return redis.call('HGETALL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'outcome', ARGV[3], 'updatedAt', clock(KEYS[1]))
return ended(KEYS[1], KEYS[2], ARGV[1], ARGV[4], ARGV[5], 'ended')
`;

// KEYS: record, pending set. ARGV: id, retention ms, channel.
const CANCEL = `
local s = redis.call('HGET', KEYS[1], 'status')
if not s then return { 'unknown', {} } end
if terminal(s) then return { 'terminal', redis.call('HGETALL', KEYS[1]) } end
redis.call('HSET', KEYS[1], 'status', 'canceled', 'updatedAt', clock(KEYS[1]))
return { 'canceled', ended(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], 'canceled') }
`;

// KEYS: record, pending set. ARGV: id. Undoes a create whose job could not be queued.
const ABANDON = `
if redis.call('HGET', KEYS[1], 'status') ~= 'notStarted' then return 0 end
local ik = redis.call('HGET', KEYS[1], 'ik')
if ik then redis.call('DEL', ik) end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`;

type ScriptName =
  | 'statuskitCreate'
  | 'statuskitBegin'
  | 'statuskitProgress'
  | 'statuskitFinish'
  | 'statuskitCancel'
  | 'statuskitAbandon';

const SCRIPTS: Record<ScriptName, { readonly keys: number; readonly body: string }> = {
  statuskitCreate: { keys: 3, body: CREATE },
  statuskitBegin: { keys: 1, body: BEGIN },
  statuskitProgress: { keys: 1, body: PROGRESS },
  statuskitFinish: { keys: 2, body: FINISH },
  statuskitCancel: { keys: 2, body: CANCEL },
  statuskitAbandon: { keys: 2, body: ABANDON },
};

type Arg = string | number;
type Call = (...args: Arg[]) => Promise<unknown>;

/** The scripts, callable on one client: keys first, then arguments. */
export type Scripts = Record<ScriptName, Call>;

/** Defines the scripts on `client` (EVALSHA, loaded again when Redis forgot them). */
export function defineScripts(client: Redis): Scripts {
  const calls: Partial<Scripts> = {};
  for (const [name, script] of Object.entries(SCRIPTS)) {
    client.defineCommand(name, { numberOfKeys: script.keys, lua: PRELUDE + script.body });
    const method = (client as unknown as Record<string, Call>)[name]!;
    calls[name as keyof Scripts] = (...args) => method.apply(client, args);
  }
  return calls as Scripts;
}
