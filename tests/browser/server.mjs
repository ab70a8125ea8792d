// A throwaway `proofdesk serve` for the browser tests: its own data folder under the system temp dir, a free
// port chosen by the server, stopped with SIGTERM and removed afterwards, also when a test fails or the
// runner exits early.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The binary under test: PROOFDESK_BINARY (set by ctest), else build/proofdesk for manual runs. */
export const proofdeskBinary = process.env.PROOFDESK_BINARY || path.join(repoRoot, 'build', 'proofdesk');

export const reviewerPassword = 'Lantern#Quartz2026';

const running = new Set();

// Last resort: whatever a crashed test left behind is killed and deleted when node exits, also when the test
// runner or ctest stops this process with a signal.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
process.on('exit', () => {
  for (const server of running) {
    try {
      server.child.kill('SIGKILL');
    } catch {
      // already gone
    }
    rmSync(server.root, { recursive: true, force: true });
  }
});

/**
 * Starts a server. `reviewers` are added first ({id, name}); all get reviewerPassword.
 * Returns {baseUrl, port, dataDir, outbox, log(), stop()}.
 */
export async function startServer({ reviewers = [] } = {}) {
  if (!existsSync(proofdeskBinary)) {
    throw new Error(`proofdesk binary not found at ${proofdeskBinary}; build it or set PROOFDESK_BINARY`);
  }
  const root = mkdtempSync(path.join(tmpdir(), 'proofdesk-browser-'));
  const dataDir = path.join(root, 'data');
  try {
    for (const reviewer of reviewers) {
      const added = spawnSync(
        proofdeskBinary,
        ['user', 'add', reviewer.id, '--data-dir', dataDir, '--role', 'reviewer', '--name', reviewer.name ?? reviewer.id],
        { env: { ...process.env, PROOFDESK_NEW_PASSWORD: reviewerPassword }, encoding: 'utf8', timeout: 30000 },
      );
      if (added.status !== 0) {
        throw new Error(`proofdesk user add ${reviewer.id} failed (${added.status}): ${added.stdout}${added.stderr}`);
      }
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const child = spawn(proofdeskBinary, ['serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, root };
  running.add(server);
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let stopped = false;

  const stop = async () => {
    if (stopped) return server.exitStatus;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      server.exitStatus = await exited;
      clearTimeout(timer);
    } else {
      server.exitStatus = await exited;
    }
    running.delete(server);
    rmSync(root, { recursive: true, force: true });
    return server.exitStatus;
  };

  let port;
  try {
    port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`proofdesk did not report its port in 20 s:\n${output}`)), 20000);
      const onData = (chunk) => {
        output += chunk;
        const match = /proofdesk: listening port (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout.setEncoding('utf8').on('data', onData);
      child.stderr.setEncoding('utf8').on('data', (chunk) => {
        output += chunk;
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`proofdesk exited (${code ?? signal}) before listening:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    outbox: path.join(dataDir, 'outbox'),
    log: () => output,
    stop,
  };
}

/** Decodes a quoted-printable body (soft line breaks and =XX escapes) as UTF-8. */
export function decodeQuotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The messages written so far: [{file, subject, to, raw, text}] where text is the decoded message. */
export function readOutbox(outbox) {
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox)
    .filter((name) => name.endsWith('.eml') && !name.startsWith('.'))
    .sort()
    .map((name) => {
      const raw = readFileSync(path.join(outbox, name), 'utf8');
      const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
      const header = (field) => {
        const match = new RegExp(`^${field}: (.*)$`, 'mi').exec(head);
        return match ? match[1].trim() : '';
      };
      return { file: name, subject: header('Subject'), to: header('To'), raw, text: decodeQuotedPrintable(raw) };
    });
}

/** Polls `probe` (sync or async) until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor(what, probe, timeoutMs = 15000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
