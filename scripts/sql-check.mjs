// The differential check of the exported SQL, by real PostgreSQL (PGlite
// under Node): `node scripts/sql-check.mjs [DIR]` (`make test`). Without
// DIR it writes the sessions into a temporary directory first, with
// `cargo test --locked --test sql_lessons`, and removes it afterwards.
//
// DIR holds NAME.sql (a session's script, written by the core) and
// NAME.json (the tables the core holds after the session, and the
// refusals the script must meet) for each session, from
// `tests/sql_lessons.rs` with SQL_CHECK_DIR=DIR: every lesson, and the
// crash lessons under the other idempotency modes and strategies. Each script runs, statement by statement as psql
// sends them, in a fresh database; then every table is read back and
// compared with the core's rows: contexts and the last position each
// sequence gave, events with their positions, stream memberships and
// versions, state rows, cursors and the outbox. Each refused attempt must
// have been refused by PostgreSQL with a unique violation of the expected
// constraint; every event PostgreSQL kept got its position from the
// sequence (nextval), so a gap in the positions is the sequence's own.
// Prints each difference and exits non-zero on any.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const REFUSED_NOTICE = "refused as the core's store refused it:";

/** Splits a script into statements as psql does: at `;` outside quotes,
 * dollar quotes and comments. */
export function splitStatements(script) {
  const statements = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i];
    if (c === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === "'" || c === '"') {
      i += 1;
      while (i < n) {
        if (script[i] === c) {
          if (script[i + 1] === c) {
            i += 2;
            continue;
          }
          break;
        }
        i += 1;
      }
      i += 1;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_0-9]*\$/.exec(script.slice(i));
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? n : end + tag[0].length;
      } else {
        i += 1;
      }
    } else if (c === ';') {
      statements.push(script.slice(start, i + 1));
      i += 1;
      start = i;
    } else {
      i += 1;
    }
  }
  const rest = script.slice(start);
  if (withoutComments(rest).trim() !== '') statements.push(rest);
  return statements.filter((statement) => withoutComments(statement).trim() !== '');
}

function withoutComments(text) {
  return text.replace(/--[^\n]*/g, '');
}

/** JSON with object keys sorted, so equal values print equally. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const TABLES = {
  contexts: {
    key: (row) => row.name,
    sql: 'SELECT name, position_sequence FROM contexts',
  },
  events: {
    key: (row) => `${row.context}\u0000${String(row.position).padStart(20, '0')}`,
    sql: `SELECT event_id::text AS event_id, context, position, type, data, metadata,
            (extract(epoch FROM recorded_at) * 1000)::bigint AS recorded_at_ms FROM events`,
  },
  stream_events: {
    key: (row) => `${row.context}\u0000${row.stream}\u0000${String(row.version).padStart(20, '0')}`,
    sql: 'SELECT context, stream, version, event_id::text AS event_id, linked FROM stream_events',
  },
  state_rows: {
    key: (row) => `${row.process}\u0000${row.key}`,
    sql: 'SELECT process, key, state FROM state_rows',
  },
  cursors: {
    key: (row) => `${row.reader}\u0000${row.context}`,
    sql: 'SELECT reader, context, position FROM cursors',
  },
  outbox: {
    key: null,
    sql: `SELECT process, command_id::text AS command_id, command, causation_id::text AS causation_id,
            correlation_id::text AS correlation_id FROM outbox ORDER BY queued`,
  },
};

async function readTables(db) {
  const tables = {};
  for (const [name, table] of Object.entries(TABLES)) {
    tables[name] = (await db.query(table.sql)).rows;
  }
  for (const context of tables.contexts) {
    const sequence = (await db.query(`SELECT last_value, is_called FROM ${context.position_sequence}`)).rows[0];
    context.head = sequence.is_called ? Number(sequence.last_value) : 0;
  }
  return tables;
}

function sorted(rows, key) {
  if (!key) return rows;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function compareTables(expected, actual) {
  const differences = [];
  for (const [name, table] of Object.entries(TABLES)) {
    const want = sorted(expected[name], table.key).map(canonical);
    const got = sorted(actual[name], table.key).map(canonical);
    const length = Math.max(want.length, got.length);
    for (let i = 0; i < length; i += 1) {
      if (want[i] !== got[i]) {
        differences.push(`${name} row ${i + 1}:\n      core:       ${want[i] ?? '(none)'}\n      PostgreSQL: ${got[i] ?? '(none)'}`);
      }
    }
  }
  return differences;
}

/** Positions of each context's log that hold no event, as "3-4". */
function gaps(tables) {
  const found = [];
  for (const context of tables.contexts) {
    const taken = new Set(tables.events.filter((e) => e.context === context.name).map((e) => Number(e.position)));
    let run = null;
    for (let p = 1; p <= context.head + 1; p += 1) {
      if (p <= context.head && !taken.has(p)) {
        run = run ?? [p, p];
        run[1] = p;
      } else if (run) {
        found.push(`${context.name} ${run[0] === run[1] ? run[0] : `${run[0]}-${run[1]}`}`);
        run = null;
      }
    }
  }
  return found;
}

async function checkLesson(pristine, dir, name) {
  const script = readFileSync(join(dir, `${name}.sql`), 'utf8');
  const expected = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const problems = [];
  const statements = splitStatements(script);
  for (const statement of statements) {
    const code = withoutComments(statement).trim();
    if (!code.startsWith('DO ') && /^INSERT INTO events\b/m.test(code) && !code.includes('nextval(')) {
      problems.push(`an event kept by PostgreSQL does not take its position from the sequence:\n      ${statement.trim().slice(0, 200)}`);
    }
  }
  const db = await pristine.clone();
  const refusals = [];
  const onNotice = (notice) => {
    if (notice.message.startsWith(REFUSED_NOTICE)) {
      const constraint = /unique constraint "([^"]+)"/.exec(notice.message);
      refusals.push({ constraint: constraint ? constraint[1] : null, message: notice.message.slice(REFUSED_NOTICE.length).trim() });
    }
  };
  let ran = 0;
  for (const statement of statements) {
    try {
      await db.exec(statement, { onNotice });
      ran += 1;
    } catch (error) {
      problems.push(`statement ${ran + 1} of ${statements.length} failed: ${error.message}\n      ${statement.trim().slice(0, 300)}`);
      break;
    }
  }
  const wanted = expected.refusals.join(', ') || '(none)';
  const met = refusals.map((r) => r.constraint).join(', ') || '(none)';
  if (wanted !== met) problems.push(`refusals: core expects ${wanted}; PostgreSQL refused with ${met}`);
  const actual = await readTables(db);
  problems.push(...compareTables(expected.tables, actual));
  const coreGaps = gaps(expected.tables).join(', ');
  const pgGaps = gaps(actual).join(', ');
  if (coreGaps !== pgGaps) problems.push(`gaps: core ${coreGaps || '(none)'}; PostgreSQL ${pgGaps || '(none)'}`);
  await db.close();
  const summary = [
    `${statements.length} statements`,
    `${actual.events.length} events`,
    `${actual.stream_events.length} stream rows`,
    `${actual.state_rows.length} state rows`,
    `${actual.outbox.length} outbox rows`,
  ];
  if (pgGaps) summary.push(`gaps from PostgreSQL's sequence: ${pgGaps}`);
  return { problems, summary, refusals };
}

/** The sessions' scripts and tables, written by the core into a new
 * temporary directory. */
function writeSessions() {
  const dir = mkdtempSync(join(tmpdir(), 'es-playground-sql-'));
  console.log(`sql-check: writing the sessions' SQL with cargo test --test sql_lessons into ${dir}`);
  execFileSync('cargo', ['test', '--locked', '--quiet', '--test', 'sql_lessons'], {
    env: { ...process.env, SQL_CHECK_DIR: dir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}

async function main() {
  const given = process.argv[2];
  const dir = given ?? writeSessions();
  try {
    await check(dir);
  } finally {
    if (!given) rmSync(dir, { recursive: true, force: true });
  }
}

async function check(dir) {
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => file.replace(/\.sql$/, ''))
    .sort();
  if (names.length === 0) {
    console.error(`sql-check: no .sql script in ${dir}`);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const pristine = await PGlite.create();
  const version = (await pristine.query('SHOW server_version')).rows[0].server_version;
  console.log(`sql-check: PostgreSQL ${version} (PGlite) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let failed = 0;
  for (const name of names) {
    const t0 = Date.now();
    const { problems, summary, refusals } = await checkLesson(pristine, dir, name);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    if (problems.length === 0) {
      console.log(`  ${name}: PostgreSQL holds what the core holds (${summary.join(', ')}; ${seconds} s)`);
    } else {
      failed += 1;
      console.log(`  ${name}: ${problems.length} difference(s) (${seconds} s)`);
      for (const problem of problems) console.log(`    - ${problem}`);
    }
    const counts = new Map();
    for (const refusal of refusals) counts.set(refusal.message, (counts.get(refusal.message) ?? 0) + 1);
    for (const [message, count] of counts) {
      console.log(`      refused by PostgreSQL${count > 1 ? ` (${count} times)` : ''}: ${message}`);
    }
  }
  await pristine.close();
  const total = ((Date.now() - started) / 1000).toFixed(1);
  if (failed > 0) {
    console.log(`sql-check: ${failed} of ${names.length} session(s) differ (${total} s)`);
    process.exitCode = 1;
    return;
  }
  console.log(`sql-check: all ${names.length} sessions agree (${total} s)`);
}

await main();
