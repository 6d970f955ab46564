// Node's side of the webhook bench: verifies the delivery that
// server/tests/webhook_bench.rs wrote (node bench.mjs DIR) the way Persona's
// Node sample does, fixed for rotation: the header split on spaces, then on
// commas; crypto.createHmac('sha256', secret) over `${t}.${body}`;
// crypto.timingSafeEqual; then JSON.parse of the body, as the Rust side
// parses its event; and refusing a forged delivery of the same body (no
// JSON.parse). Prints the median microseconds of each.

import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench.mjs DIR');
  process.exit(2);
}
const secret = readFileSync(join(dir, 'secret.txt'), 'utf8');
const header = readFileSync(join(dir, 'header.txt'), 'utf8');
const forged = readFileSync(join(dir, 'forged.txt'), 'utf8');
const body = readFileSync(join(dir, 'body.json'));
const now = Number(readFileSync(join(dir, 'now.txt'), 'utf8'));
const rounds = Number(process.env.LEPTOS_PERSONA_BENCH_ROUNDS ?? 15);
const perRound = 2000;

function verify(header, body) {
  for (const set of header.split(' ')) {
    const params = {};
    const signatures = [];
    for (const pair of set.split(',')) {
      const [key, value] = pair.split('=');
      if (key === 'v1') signatures.push(value);
      else params[key] = value;
    }
    if (!params.t || Math.abs(now - Number(params.t)) > 300) continue;
    const digest = crypto.createHmac('sha256', secret).update(`${params.t}.`).update(body).digest();
    for (const signature of signatures) {
      const given = Buffer.from(signature, 'hex');
      if (given.length === digest.length && crypto.timingSafeEqual(digest, given)) {
        return JSON.parse(body.toString('utf8'));
      }
    }
  }
  return null;
}

for (let i = 0; i < perRound; i += 1) {
  if (verify(header, body) === null) throw new Error('the bench delivery does not verify');
  if (verify(forged, body) !== null) throw new Error('the forged delivery verifies');
}
function median(header) {
  const micros = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < perRound; i += 1) sink += verify(header, body) === null ? 0 : 1;
    micros.push(Number(process.hrtime.bigint() - started) / 1000 / perRound);
  }
  micros.sort((a, b) => a - b);
  return micros[Math.floor(micros.length / 2)];
}
let sink = 0;
const verified = median(header);
const refused = median(forged);
if (sink !== rounds * perRound) throw new Error('a verification failed');
console.log(`node crypto ${verified.toFixed(2)} us per verify, ${refused.toFixed(2)} us per forged delivery refused (median of ${rounds} rounds of ${perRound}; node ${process.version})`);
