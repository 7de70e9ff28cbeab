//! The differential check: PostgreSQL's tables read back and compared with
//! the core's, row by row.
//!
//! [`READ_BACK`] is one query that returns every table as one JSON
//! document, each context with the last position its sequence gave (so a
//! rolled-back transaction's gap is PostgreSQL's own). [`Tables::from_json`]
//! reads that document; [`differences`] lists every row where the core and
//! PostgreSQL disagree. The page runs this after every action it mirrors
//! into PostgreSQL, and shows any difference as an error.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::tables::Tables;

/// Every table of `schema.sql` as one JSON object (`{"contexts": [...],
/// "events": [...], ...}`), in the fields of [`Tables`]' rows.
pub const READ_BACK: &str = "SELECT json_build_object(
  'contexts', coalesce((SELECT json_agg(json_build_object(
      'name', c.name, 'position_sequence', c.position_sequence,
      'head', coalesce(s.last_value, 0)))
    FROM contexts c LEFT JOIN pg_sequences s
      ON s.schemaname = current_schema() AND s.sequencename = c.position_sequence), '[]'),
  'events', coalesce((SELECT json_agg(json_build_object(
      'event_id', event_id, 'context', context, 'position', position, 'type', type,
      'data', data, 'metadata', metadata,
      'recorded_at_ms', (extract(epoch FROM recorded_at) * 1000)::bigint))
    FROM events), '[]'),
  'stream_events', coalesce((SELECT json_agg(json_build_object(
      'context', context, 'stream', stream, 'version', version,
      'event_id', event_id, 'linked', linked))
    FROM stream_events), '[]'),
  'state_rows', coalesce((SELECT json_agg(json_build_object(
      'process', process, 'key', key, 'state', state)) FROM state_rows), '[]'),
  'cursors', coalesce((SELECT json_agg(json_build_object(
      'reader', reader, 'context', context, 'position', position)) FROM cursors), '[]'),
  'outbox', coalesce((SELECT json_agg(json_build_object(
      'process', process, 'command_id', command_id, 'command', command,
      'causation_id', causation_id, 'correlation_id', correlation_id) ORDER BY queued)
    FROM outbox), '[]')
)::text AS tables";

impl Tables {
    /// The tables in the JSON document [`READ_BACK`] returns.
    pub fn from_json(text: &str) -> Result<Tables, String> {
        serde_json::from_str(text)
            .map_err(|error| format!("PostgreSQL's tables could not be read: {error}"))
    }
}

/// A row where the core and PostgreSQL disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub table: &'static str,
    /// The row's place in the table, from 1, in the table's key order.
    pub row: usize,
    /// The row as the core holds it (`None`: the core has no such row).
    pub core: Option<String>,
    /// The row as PostgreSQL holds it (`None`: PostgreSQL has no such row).
    pub postgres: Option<String>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |row: &Option<String>| row.clone().unwrap_or_else(|| "no such row".to_owned());
        write!(
            f,
            "{}, row {}: the core holds {}; PostgreSQL holds {}",
            self.table,
            self.row,
            side(&self.core),
            side(&self.postgres)
        )
    }
}

/// Every row where `postgres` differs from `core`. Rows are compared as
/// JSON values (the same fields on both sides), in each table's key order:
/// contexts by name, events by context and position, stream rows by
/// context, stream and version, state rows by process and key, cursors by
/// reader and context; the outbox in the order it was queued.
pub fn differences(core: &Tables, postgres: &Tables) -> Vec<Difference> {
    let mut found = Vec::new();
    let table = &mut found;
    compare(table, "contexts", &core.contexts, &postgres.contexts, |r| {
        (r.name.clone(), String::new(), 0)
    });
    compare(table, "events", &core.events, &postgres.events, |r| {
        (r.context.clone(), String::new(), r.position)
    });
    compare(
        table,
        "stream_events",
        &core.stream_events,
        &postgres.stream_events,
        |r| (r.context.clone(), r.stream.clone(), r.version),
    );
    compare(
        table,
        "state_rows",
        &core.state_rows,
        &postgres.state_rows,
        |r| (r.process.clone(), r.key.clone(), 0),
    );
    compare(table, "cursors", &core.cursors, &postgres.cursors, |r| {
        (r.reader.clone(), r.context.clone(), 0)
    });
    let mut queued = 0;
    compare(table, "outbox", &core.outbox, &postgres.outbox, |_| {
        queued += 1;
        (String::new(), String::new(), queued)
    });
    found
}

/// A row's place in its table: two texts, then a number.
type RowKey = (String, String, u64);

/// The rows of one table compared in `key` order.
fn compare<T: Serialize>(
    found: &mut Vec<Difference>,
    table: &'static str,
    core: &[T],
    postgres: &[T],
    mut key: impl FnMut(&T) -> RowKey,
) {
    let mut in_order = |rows: &[T]| {
        let mut keyed: Vec<(RowKey, Value)> = rows
            .iter()
            .map(|row| (key(row), serde_json::to_value(row).unwrap_or(Value::Null)))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed
            .into_iter()
            .map(|(_, value)| value)
            .collect::<Vec<_>>()
    };
    let (core, postgres) = (in_order(core), in_order(postgres));
    for row in 0..core.len().max(postgres.len()) {
        let (ours, theirs) = (core.get(row), postgres.get(row));
        if ours != theirs {
            found.push(Difference {
                table,
                row: row + 1,
                core: ours.map(Value::to_string),
                postgres: theirs.map(Value::to_string),
            });
        }
    }
}
