//! Cursors: how far a process manager has got in each log it reads.
//!
//! A process manager reads the logs of its source contexts (`Sales` and
//! `Catering` for the catering match) and keeps, per context, the position
//! of the last event it has finished handling: its cursor. The cursor is
//! saved in its durable storage ([`super::ProcessStorage`]), so after a
//! crash it resumes after that position. When the cursor is saved relative
//! to the state and the commands is what the idempotency modes are about
//! (`idempotency.rs`). A position a rolled-back transaction never filled is
//! a gap: the cursor steps over it (lesson 2).
//!
//! The outbox stream mode has one more cursor, the dispatcher's, on the
//! process manager's own context: the last queued command it sent.

use std::collections::BTreeMap;

use crate::core::store::Position;

/// A position per context.
pub type Cursors = BTreeMap<String, Position>;

/// Every cursor of `contexts` at the start of its log: nothing handled yet.
pub fn at_start(contexts: &[&str]) -> Cursors {
    contexts
        .iter()
        .map(|context| ((*context).to_owned(), Position::START))
        .collect()
}

/// Moves the cursor of `context` to `position`.
pub fn save(cursors: &mut Cursors, context: &str, position: Position) {
    match cursors.get_mut(context) {
        Some(cursor) => *cursor = position,
        None => {
            cursors.insert(context.to_owned(), position);
        }
    }
}
