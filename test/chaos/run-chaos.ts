import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess } from './bot-process.ts';
import { ChaosRedis } from './redis-server.ts';
import { postMessage, sendsPerUser, startZalo } from './zalo-traffic.ts';

/**
 * `npm run chaos`: real processes on 127.0.0.1 only: a private redis-server (append-only file, fsync always),
 * a fake Zalo OA (the bot's real client sends to it) and `src/main.ts`. Webhooks flow at a steady rate while
 * Redis is hung (SIGSTOP), killed (kill -9) and restarted, and while the bot is stopped (SIGTERM) and killed
 * (SIGKILL) with Redis down. A webhook that is not acknowledged is delivered again, as the platforms do.
 * Prints, per scenario, the messages acknowledged / answered / answered twice / lost, then the worst
 * event-loop stall of the bot (prom-client's monitorEventLoopDelay, read from /metrics every 250 ms) and the
 * slowest /healthz and /metrics. Exits 1 when an acknowledged message was lost. About two minutes.
 */

const RATE_PER_S = 20;
const REDELIVERIES = 20;
const REDELIVERY_MS = 500;
const SETTLE_MS = 45_000;

const t0 = Date.now();
const say = (text: string) =>
  process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const root = mkdtempSync(join(tmpdir(), 'hoidap-chaos-'));
const redis = await ChaosRedis.start({ dir: mkdtempSync(join(root, 'redis-')) });
const { zalo, env: zaloEnv } = await startZalo();
const botEnv = {
  ...zaloEnv,
  REDIS_URL: redis.url,
  REDIS_COMMAND_TIMEOUT_MS: '1000',
  SHUTDOWN_DRAIN_MS: '10000',
  // Short, so a message left pending by a killed process is taken over within the run.
  QUEUE_LEASE_MS: '5000',
  QUEUE_CONCURRENCY: '4',
  RATE_LIMIT_PER_MINUTE: '1000',
  DATA_DIR: join(root, 'data'),
  KNOWLEDGE_WATCH: 'false',
  LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'info',
};

let bot = await BotProcess.start(botEnv);
const allBots = [bot];
say(`bot on ${bot.url}, Redis on ${redis.url}, Zalo on ${zalo.url}`);

// --- traffic: one message per user, redelivered until acknowledged -------------------------------------------

interface Sent {
  scenario: string;
  acknowledged: boolean;
}
const sent = new Map<string, Sent>();
let scenario = 'warm-up';
let sequence = 0;

async function deliver(id: string): Promise<void> {
  for (let attempt = 0; attempt <= REDELIVERIES; attempt++) {
    if ((await postMessage(bot.url, id, 3000)) === 200) {
      sent.get(id)!.acknowledged = true;
      return;
    }
    await sleep(REDELIVERY_MS);
  }
}

const inFlight = new Set<Promise<void>>();
function send(count = 1): void {
  for (let i = 0; i < count; i++) {
    const id = `${scenario}-${++sequence}`;
    sent.set(id, { scenario, acknowledged: false });
    const work = deliver(id).finally(() => inFlight.delete(work));
    inFlight.add(work);
  }
}

let flowing = true;
const traffic = (async () => {
  while (flowing) {
    send();
    await sleep(1000 / RATE_PER_S);
  }
})();

// --- probes: /healthz and /metrics every 250 ms --------------------------------------------------------------

/** The first reading of each bot process covers its start (loading the knowledge), not serving: kept apart. */
const worst = { stallS: 0, stallScenario: '', startStallS: 0, healthzMs: 0, metricsMs: 0 };
const readOnce = new Set<BotProcess>();
const healthSeen = new Map<string, Map<string, number>>();
let probing = true;

function countHealth(body: string): void {
  const seen = healthSeen.get(scenario) ?? new Map<string, number>();
  seen.set(body, (seen.get(body) ?? 0) + 1);
  healthSeen.set(scenario, seen);
}

async function timedFetch(url: string): Promise<{ ms: number; response: Response | null; text: string }> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
  const text = response ? await response.text() : '';
  return { ms: performance.now() - started, response, text };
}

const probes = (async () => {
  while (probing) {
    const health = await timedFetch(`${bot.url}/healthz`);
    if (health.response) {
      worst.healthzMs = Math.max(worst.healthzMs, health.ms);
      const body = JSON.parse(health.text) as { status: string; redis: string };
      countHealth(`${health.response.status} ${body.status}/${body.redis}`);
    } else {
      countHealth('no answer');
    }
    const probed = bot;
    const metrics = await timedFetch(`${probed.url}/metrics`);
    if (metrics.response) {
      worst.metricsMs = Math.max(worst.metricsMs, metrics.ms);
      const stall = Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(metrics.text)?.[1] ?? 0);
      if (!readOnce.has(probed)) {
        readOnce.add(probed);
        worst.startStallS = Math.max(worst.startStallS, stall);
      } else if (stall > worst.stallS) {
        worst.stallS = stall;
        worst.stallScenario = scenario;
      }
    }
    await sleep(250);
  }
})();

// --- scenarios ---------------------------------------------------------------------------------------------

/** Where each scenario starts among the requests Zalo received: a second send is counted where it happened. */
const phaseStarts: Array<[name: string, firstSeq: number]> = [];

async function phase(name: string, run: () => Promise<void>): Promise<void> {
  scenario = name;
  phaseStarts.push([name, zalo.requests.length + 1]);
  say(`${name}…`);
  await run();
}

async function restartBot(): Promise<void> {
  bot = await BotProcess.start(botEnv);
  allBots.push(bot);
  say(`  bot back on ${bot.url}`);
}

await phase('warm-up', async () => {
  await sleep(4000);
});

await phase('redis-sigstop', async () => {
  await sleep(1500);
  redis.pause();
  say('  Redis stopped (SIGSTOP) for 8 s');
  await sleep(8000);
  redis.resume();
  say('  Redis resumed (SIGCONT)');
  await sleep(3000);
});

await phase('redis-kill-9', async () => {
  await sleep(1500);
  await redis.kill();
  say('  Redis killed (kill -9); restarting in 5 s');
  await sleep(5000);
  await redis.restart();
  say('  Redis restarted from its append-only file');
  await sleep(3000);
});

await phase('bot-sigterm', async () => {
  await redis.kill();
  say('  Redis down; Zalo slowed to 100 ms a send, 40 more messages at once');
  zalo.sendDelayMs = 100;
  await sleep(1500);
  send(40);
  await sleep(300);
  const stopping = bot;
  stopping.signal('SIGTERM');
  say('  bot: SIGTERM');
  const { code } = await stopping.exited;
  say(`  bot exited with ${code}`);
  await restartBot();
  await sleep(3000);
});

await phase('bot-sigkill', async () => {
  send(40);
  await sleep(1000);
  bot.signal('SIGKILL');
  await bot.exited;
  say('  bot: SIGKILL with messages waiting (Redis still down)');
  await sleep(1000);
  await restartBot();
  await sleep(2000);
  zalo.sendDelayMs = 0;
  await redis.restart();
  say('  Redis restarted');
  await sleep(3000);
});

flowing = false;
await traffic;
scenario = 'settle';
say('traffic stopped; waiting for the redeliveries and the answers');
await Promise.all([...inFlight]);
const settleBy = Date.now() + SETTLE_MS;
const answered = () => sendsPerUser(zalo);
while (Date.now() < settleBy) {
  const sends = answered();
  if ([...sent].every(([id, entry]) => !entry.acknowledged || sends.has(id))) break;
  await sleep(250);
}
// A duplicate, if any, would come after a lease (5 s).
await sleep(6000);
probing = false;
await probes;

// --- report ------------------------------------------------------------------------------------------------

const sends = answered();
type Row = { sent: number; acknowledged: number; answered: number; duplicated: number; lost: number };
const rows = new Map<string, Row>();
const rowOf = (name: string): Row => {
  const row = rows.get(name) ?? { sent: 0, acknowledged: 0, answered: 0, duplicated: 0, lost: 0 };
  rows.set(name, row);
  return row;
};
for (const [name] of phaseStarts) rowOf(name);
for (const [id, entry] of sent) {
  const row = rowOf(entry.scenario);
  const count = sends.get(id) ?? 0;
  row.sent++;
  if (entry.acknowledged) row.acknowledged++;
  if (count > 0) row.answered++;
  if (entry.acknowledged && count === 0) row.lost++;
}
// A message answered twice counts in the scenario whose event caused the second send (a SIGKILL mid-send
// shows in the scenario of the kill, even for a message sent before it).
const secondSends = new Map<string, number>();
for (const send of zalo.sends()) secondSends.set(send.userId, secondSends.has(send.userId) ? send.seq : -1);
for (const [, seq] of secondSends) {
  if (seq < 0) continue;
  const [name] = [...phaseStarts].reverse().find(([, first]) => first <= seq) ?? ['settle'];
  rowOf(name).duplicated++;
}
const total = { sent: 0, acknowledged: 0, answered: 0, duplicated: 0, lost: 0 };
const lines = [
  '| scenario | webhooks sent | acknowledged | answered | answered twice | lost |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
];
for (const [name, row] of rows) {
  lines.push(`| ${name} | ${row.sent} | ${row.acknowledged} | ${row.answered} | ${row.duplicated} | ${row.lost} |`);
  for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += row[key];
}
lines.push(
  `| **all** | ${total.sent} | ${total.acknowledged} | ${total.answered} | ${total.duplicated} | ${total.lost} |`,
);
process.stdout.write(`\n${lines.join('\n')}\n\n`);
process.stdout.write(
  `worst event-loop stall of the bot while serving: ${(worst.stallS * 1000).toFixed(0)} ms (${worst.stallScenario}); ` +
    `at start (loading the knowledge): ${(worst.startStallS * 1000).toFixed(0)} ms\n`,
);
process.stdout.write(
  `slowest /healthz: ${worst.healthzMs.toFixed(0)} ms; slowest /metrics: ${worst.metricsMs.toFixed(0)} ms\n`,
);
process.stdout.write('/healthz answers seen:\n');
for (const [name, seen] of healthSeen) {
  process.stdout.write(`  ${name}: ${[...seen].map(([body, count]) => `${body} ×${count}`).join(', ')}\n`);
}
const warnings = allBots.flatMap((one) => one.logs.filter((line) => line.level >= 40).map((line) => line.msg));
const distinct = new Map<string, number>();
for (const warning of warnings) distinct.set(warning, (distinct.get(warning) ?? 0) + 1);
process.stdout.write(`warnings and errors logged by the bots (${warnings.length}):\n`);
for (const [warning, count] of distinct) process.stdout.write(`  ${count} × ${warning}\n`);
process.stdout.write(`wall time: ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);

const twice = [...sends].filter(([, count]) => count > 1).map(([id]) => id);
if (twice.length > 0) process.stdout.write(`answered twice: ${twice.join(', ')}\n`);
if (process.env.CHAOS_LOGS) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    process.env.CHAOS_LOGS,
    allBots.map((one, i) => one.logs.map((line) => JSON.stringify({ bot: i, ...line })).join('\n')).join('\n'),
  );
}

for (const one of allBots) one.signal('SIGKILL');
await redis.kill();
await zalo.close();
rmSync(root, { recursive: true, force: true });
process.exit(total.lost > 0 ? 1 : 0);
