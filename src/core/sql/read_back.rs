//! The differential check: PostgreSQL's tables read back and compared with
//! the core's, row by row.
//!
//! [`READ_BACK`] is one query that returns every table as one JSON
//! document, each context with the last position its sequence gave (so a
//! rolled-back transaction's gap is PostgreSQL's own). [`HeldTables`]
//! reads that document; [`differences`] lists every row where the core and
//! PostgreSQL disagree. The page runs this after every action it mirrors
//! into PostgreSQL, and shows any difference as an error.

use std::cmp::Ordering;
use std::fmt;

use serde_json::{Map, Value};

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

/// The tables PostgreSQL holds, as [`READ_BACK`] returns them: each
/// table's rows as JSON objects, in the fields of [`Tables`]' rows.
#[derive(Clone, Debug, PartialEq)]
pub struct HeldTables(Map<String, Value>);

impl HeldTables {
    /// The tables in the JSON document [`READ_BACK`] returns.
    pub fn from_json(text: &str) -> Result<HeldTables, String> {
        let unreadable = |why: String| format!("PostgreSQL's tables could not be read: {why}");
        let held =
            match serde_json::from_str(text).map_err(|error| unreadable(error.to_string()))? {
                Value::Object(tables) => tables,
                _ => return Err(unreadable("not a JSON object".to_owned())),
            };
        for (table, _) in TABLES {
            if !held.get(table).is_some_and(Value::is_array) {
                return Err(unreadable(format!("no list of {table}")));
            }
        }
        Ok(HeldTables(held))
    }

    /// The rows of `table` (none for a table `schema.sql` does not have).
    pub fn rows(&self, table: &str) -> &[Value] {
        self.0
            .get(table)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
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

/// Each table and the fields that order its rows: contexts by name, events
/// by context and position, stream rows by context, stream and version,
/// state rows by process and key, cursors by reader and context. The
/// outbox has no key: its rows are compared in the order they were queued.
const TABLES: [(&str, &[&str]); 6] = [
    ("contexts", &["name"]),
    ("events", &["context", "position"]),
    ("stream_events", &["context", "stream", "version"]),
    ("state_rows", &["process", "key"]),
    ("cursors", &["reader", "context"]),
    ("outbox", &[]),
];

/// Every row where PostgreSQL's tables differ from the core's, each table
/// in its key order. Rows are compared as JSON values: the same fields on
/// both sides.
pub fn differences(core: &Tables, postgres: &HeldTables) -> Vec<Difference> {
    let core = match serde_json::to_value(core) {
        Ok(Value::Object(tables)) => HeldTables(tables),
        _ => HeldTables(Map::new()),
    };
    let mut found = Vec::new();
    for (table, key) in TABLES {
        let (ours, theirs) = (
            in_order(core.rows(table), key),
            in_order(postgres.rows(table), key),
        );
        for row in 0..ours.len().max(theirs.len()) {
            let (ours, theirs) = (ours.get(row), theirs.get(row));
            if ours != theirs {
                found.push(Difference {
                    table,
                    row: row + 1,
                    core: ours.map(ToString::to_string),
                    postgres: theirs.map(ToString::to_string),
                });
            }
        }
    }
    found
}

/// `rows` sorted by the fields of `key`, in turn.
fn in_order<'a>(rows: &'a [Value], key: &[&str]) -> Vec<&'a Value> {
    let mut sorted: Vec<&Value> = rows.iter().collect();
    sorted.sort_by(|a, b| {
        key.iter()
            .map(|field| field_order(&a[*field], &b[*field]))
            .find(|order| order.is_ne())
            .unwrap_or(Ordering::Equal)
    });
    sorted
}

/// Numbers by value, everything else by its text.
fn field_order(a: &Value, b: &Value) -> Ordering {
    match (a.as_u64(), b.as_u64()) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => a.as_str().cmp(&b.as_str()),
    }
}
