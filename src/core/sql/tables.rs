//! What the relational store's tables must hold for a session: the core's
//! own state (store, cursors, state rows, outbox) laid out as the rows of
//! `schema.sql`. The statements are derived from the change of these rows
//! across each action, and the check compares them with what PostgreSQL
//! holds after running the script (`scripts/sql-check.mjs`).

use serde::Serialize;
use serde_json::Value;

use crate::core::ids::EventId;
use crate::core::process::ProcessManager;
use crate::core::session::Session;
use crate::core::store::{EventStore, RecordedEvent};

/// A context and the sequence its positions come from; `head` is the last
/// position taken (the sequence's value; 0 before the first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContextRow {
    pub name: String,
    pub position_sequence: String,
    pub head: u64,
}

/// A row of `events`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    pub event_id: EventId,
    pub context: String,
    pub position: u64,
    #[serde(rename = "type")]
    pub event_type: String,
    pub data: Value,
    pub metadata: Value,
    /// Milliseconds since 1970, UTC.
    pub recorded_at_ms: u64,
    /// The order the core stored the events in (every context together).
    #[serde(skip)]
    pub stored_rank: u32,
}

/// A row of `stream_events`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StreamEventRow {
    pub context: String,
    pub stream: String,
    pub version: u64,
    pub event_id: EventId,
    pub linked: bool,
}

/// A row of `state_rows`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateRowRow {
    pub process: String,
    pub key: String,
    pub state: Value,
}

/// A row of `cursors`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CursorRow {
    pub reader: String,
    pub context: String,
    pub position: u64,
}

/// A row of `outbox` (in the order the rows were queued).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutboxRow {
    pub process: String,
    pub command_id: EventId,
    pub command: Value,
    pub causation_id: EventId,
    pub correlation_id: EventId,
}

/// Every table's rows, in a fixed order (contexts by creation; events by
/// context, then position; memberships by context, stream creation,
/// version; state rows by key; cursors by reader, then context).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tables {
    pub contexts: Vec<ContextRow>,
    pub events: Vec<EventRow>,
    pub stream_events: Vec<StreamEventRow>,
    pub state_rows: Vec<StateRowRow>,
    pub cursors: Vec<CursorRow>,
    pub outbox: Vec<OutboxRow>,
}

/// The reader name of the outbox stream's dispatcher in `cursors`.
pub fn dispatcher_reader(process: &str) -> String {
    format!("{process}-outbox dispatcher")
}

/// The sequence of the `index`-th context (from 0): `position_in_sales`;
/// the context's place is added when its name has no letter or digit, or
/// another context already took the name.
pub fn sequence_name(contexts: &[ContextRow], index: usize, name: &str) -> String {
    let slug: String = name
        .chars()
        .filter(char::is_ascii)
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let plain = format!("position_in_{slug}");
    let taken = contexts.iter().any(|row| row.position_sequence == plain);
    if slug.chars().any(|c| c.is_ascii_alphanumeric()) && !taken {
        plain
    } else {
        format!("{plain}_{}", index + 1)
    }
}

impl Tables {
    /// The rows the session's store and process manager hold now.
    pub fn of(session: &Session) -> Tables {
        let store = session.store();
        let runner = session.runner();
        let process = runner.process_manager().name();
        let mut tables = Tables::default();
        store_rows(store, &mut tables);
        for (key, state) in runner.storage().table().rows() {
            tables.state_rows.push(StateRowRow {
                process: process.to_owned(),
                key: key.to_owned(),
                state: serde_json::to_value(state).unwrap_or(Value::Null),
            });
        }
        for (context, position) in runner.saved_cursors() {
            tables.cursors.push(CursorRow {
                reader: process.to_owned(),
                context: context.clone(),
                position: position.0,
            });
        }
        let (outbox_context, dispatched) = runner.dispatcher_cursor();
        tables.cursors.push(CursorRow {
            reader: dispatcher_reader(process),
            context: outbox_context.to_owned(),
            position: dispatched.0,
        });
        for envelope in runner.storage().outbox() {
            tables.outbox.push(OutboxRow {
                process: process.to_owned(),
                command_id: EventId(envelope.command_id.0),
                command: serde_json::to_value(&envelope.command).unwrap_or(Value::Null),
                causation_id: envelope.causation_id,
                correlation_id: envelope.correlation_id,
            });
        }
        tables
    }

    /// The context row named `name`.
    pub fn context(&self, name: &str) -> Option<&ContextRow> {
        self.contexts.iter().find(|row| row.name == name)
    }

    /// The event row of `id`.
    pub fn event(&self, id: EventId) -> Option<&EventRow> {
        self.events.iter().find(|row| row.event_id == id)
    }
}

/// Contexts, events and memberships of the store.
fn store_rows(store: &EventStore, tables: &mut Tables) {
    for (index, info) in store.contexts().into_iter().enumerate() {
        let position_sequence = sequence_name(&tables.contexts, index, &info.name);
        let events = store
            .read_log_forward(&info.name, crate::core::store::Position::START, usize::MAX)
            .unwrap_or_default();
        tables.events.extend(events.iter().map(event_row));
        for stream in store.streams(&info.name).unwrap_or_default() {
            let members = store
                .stream_events(&info.name, &stream.name)
                .map(Iterator::collect::<Vec<_>>)
                .unwrap_or_default();
            for (version, event) in (0u64..).zip(members) {
                tables.stream_events.push(StreamEventRow {
                    context: info.name.clone(),
                    stream: stream.name.clone(),
                    version,
                    event_id: event.id,
                    linked: event.stream.as_str() != stream.name,
                });
            }
        }
        tables.contexts.push(ContextRow {
            name: info.name,
            position_sequence,
            head: info.head_position.0,
        });
    }
}

fn event_row(event: &RecordedEvent) -> EventRow {
    EventRow {
        event_id: event.id,
        context: event.context.as_str().to_owned(),
        position: event.position.0,
        event_type: event.event_type.as_str().to_owned(),
        data: event.data.to_value(),
        metadata: metadata_of(event),
        recorded_at_ms: event.metadata.recorded_at.0,
        stored_rank: event.stored_rank,
    }
}

/// The `metadata` column: correlation and causation ids (`null` if none).
fn metadata_of(event: &RecordedEvent) -> Value {
    serde_json::json!({
        "correlation_id": event.metadata.correlation_id,
        "causation_id": event.metadata.causation_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, sequence: &str) -> ContextRow {
        ContextRow {
            name: name.to_owned(),
            position_sequence: sequence.to_owned(),
            head: 0,
        }
    }

    #[test]
    fn a_sequence_is_named_after_its_context_and_never_twice() {
        assert_eq!(sequence_name(&[], 0, "Sales"), "position_in_sales");
        let taken = [row("Sales", "position_in_sales")];
        assert_eq!(sequence_name(&taken, 1, "sales"), "position_in_sales_2");
        assert_eq!(
            sequence_name(&taken, 1, "Küche 'x'"),
            "position_in_kche__x_"
        );
        assert_eq!(sequence_name(&taken, 2, "☕"), "position_in__3");
    }
}
