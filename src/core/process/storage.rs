//! The process manager's durable storage: what survives a crash.
//!
//! - the saved cursors, one per context it reads (`cursors.rs`);
//! - the state table of the state-row strategy, with an explicit row lock:
//!   a change is written under the lock and becomes visible only when
//!   committed; a crash while the lock is held rolls it back, as a database
//!   transaction would;
//! - the outbox of atomic tracking: commands committed with the state and
//!   the cursor, waiting to be dispatched (and to be marked dispatched);
//! - the dispatcher's cursor of the outbox stream mode: the last position
//!   of the process manager's own context whose command it sent and
//!   recorded as sent.
//!
//! Everything else the runner holds (the read position, the crash flag, a
//! loaded state) is working memory and is lost on restart.

use std::collections::BTreeMap;
use std::fmt;

use super::bus::CommandEnvelope;
use super::cursors::{self, Cursors};

use crate::core::store::{PlaceIndex, Position, ShortKey, fast_hash};

/// Why the state table refused a step of a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockError {
    /// Another transaction holds the lock on a row.
    Held { held: String, wanted: String },
    /// A write or commit without the lock on that row.
    NotHeld { key: String },
    /// A new row for `key` would pass the table's limit of rows.
    Full { key: String },
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Held { held, wanted } => write!(
                f,
                "the row of {held} is still locked by an unfinished transaction, \
                 so the row of {wanted} cannot be locked"
            ),
            LockError::NotHeld { key } => {
                write!(f, "the row of {key} is not locked by this transaction")
            }
            LockError::Full { key } => write!(
                f,
                "the state table holds as many rows as it can, so no row can be added for {key}"
            ),
        }
    }
}

impl std::error::Error for LockError {}

/// An open transaction: the locked row and its uncommitted new value.
#[derive(Clone, Debug, PartialEq)]
struct OpenTransaction<S> {
    key: String,
    pending: Option<S>,
}

/// Rows of state per key, changed in place under a lock.
///
/// Rows sit in one vector in order of creation, each with its key, found
/// through an index of their places by the key's hash (32-bit places: the
/// index stays small enough to sit in the cache).
#[derive(Clone, Debug)]
pub struct StateTable<S> {
    rows: Vec<(ShortKey, S)>,
    index: PlaceIndex<u32>,
    open: Option<OpenTransaction<S>>,
}

impl<S> Default for StateTable<S> {
    fn default() -> Self {
        StateTable {
            rows: Vec::new(),
            index: PlaceIndex::default(),
            open: None,
        }
    }
}

impl<S> StateTable<S> {
    /// Makes room for `more` rows.
    pub(super) fn reserve(&mut self, more: usize) {
        self.rows.reserve(more);
        self.index.reserve(more);
    }

    /// The place of the row of `key` in `rows`.
    fn place_of(&self, key: &str) -> Option<usize> {
        let rows = &self.rows;
        let is_key = |place: u32| {
            rows.get(place as usize)
                .is_some_and(|(row_key, _)| row_key == key)
        };
        self.index
            .find(fast_hash(key), is_key)
            .map(|place| place as usize)
    }

    /// Adds the row of `key`, which is not there yet; `None` if the table
    /// holds as many rows as 32-bit places can number.
    fn add_row(&mut self, key: ShortKey, state: S) -> Option<&mut S> {
        let place = u32::try_from(self.rows.len()).ok()?;
        let hash = fast_hash(key.as_str());
        self.rows.push((key, state));
        self.index.insert(hash, place);
        self.rows.last_mut().map(|(_, state)| state)
    }
}

impl<S: Clone> StateTable<S> {
    /// The committed row of `key`.
    pub fn row(&self, key: &str) -> Option<&S> {
        let place = self.place_of(key)?;
        self.rows.get(place).map(|(_, state)| state)
    }

    /// All committed rows, sorted by key.
    pub fn rows(&self) -> BTreeMap<&str, &S> {
        self.rows
            .iter()
            .map(|(key, row)| (key.as_str(), row))
            .collect()
    }

    /// Number of committed rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no row was committed yet.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The key whose row is locked by an open transaction, if any.
    pub fn locked_row(&self) -> Option<&str> {
        self.open.as_ref().map(|open| open.key.as_str())
    }

    /// The uncommitted new value of the locked row, if one was written.
    pub fn uncommitted(&self) -> Option<&S> {
        self.open.as_ref().and_then(|open| open.pending.as_ref())
    }

    /// Opens a transaction and locks the row of `key`.
    pub fn begin(&mut self, key: &str) -> Result<(), LockError> {
        if let Some(open) = &self.open {
            return Err(LockError::Held {
                held: open.key.clone(),
                wanted: key.to_owned(),
            });
        }
        self.open = Some(OpenTransaction {
            key: key.to_owned(),
            pending: None,
        });
        Ok(())
    }

    /// Writes the new value of the locked row (not visible until commit).
    pub fn write(&mut self, key: &str, state: S) -> Result<(), LockError> {
        match &mut self.open {
            Some(open) if open.key == key => {
                open.pending = Some(state);
                Ok(())
            }
            _ => Err(LockError::NotHeld {
                key: key.to_owned(),
            }),
        }
    }

    /// Makes the written value the row's value and releases the lock.
    pub fn commit(&mut self) -> Result<(), LockError> {
        let Some(open) = &self.open else {
            return Err(LockError::NotHeld { key: String::new() });
        };
        let place = self.place_of(&open.key);
        if place.is_none() && open.pending.is_some() && u32::try_from(self.rows.len()).is_err() {
            return Err(LockError::Full {
                key: open.key.clone(),
            });
        }
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        if let Some(state) = open.pending {
            match place.and_then(|place| self.rows.get_mut(place)) {
                Some((_, row)) => *row = state,
                None => {
                    self.add_row(ShortKey::from(open.key), state);
                }
            }
        }
        Ok(())
    }

    /// Changes the row of `key` in place in one autocommitted statement: the
    /// lock is taken, the change made and committed, the lock released, with
    /// nothing in between. A missing row starts from its default. Refused
    /// while a transaction holds a lock.
    pub fn update<R>(&mut self, key: &str, change: impl FnOnce(&mut S) -> R) -> Result<R, LockError>
    where
        S: Default,
    {
        if let Some(open) = &self.open {
            return Err(LockError::Held {
                held: open.key.clone(),
                wanted: key.to_owned(),
            });
        }
        let full = || LockError::Full {
            key: key.to_owned(),
        };
        let row = match self.place_of(key) {
            Some(place) => self.rows.get_mut(place).map(|(_, state)| state),
            None => self.add_row(ShortKey::new(key), S::default()),
        };
        row.map(change).ok_or_else(full)
    }

    /// Drops the uncommitted change and releases the lock; false if no
    /// transaction was open.
    pub fn roll_back(&mut self) -> bool {
        self.open.take().is_some()
    }
}

/// Everything of the process manager that survives a crash.
#[derive(Clone, Debug)]
pub struct ProcessStorage<S> {
    pub(super) cursors: Cursors,
    pub(super) table: StateTable<S>,
    pub(super) outbox: Vec<CommandEnvelope>,
    pub(super) dispatcher: Position,
}

impl<S: Clone> ProcessStorage<S> {
    /// Storage with every cursor of `contexts` at the start of its log.
    pub fn new(contexts: &[&str]) -> Self {
        ProcessStorage {
            cursors: cursors::at_start(contexts),
            table: StateTable::default(),
            outbox: Vec::new(),
            dispatcher: Position::START,
        }
    }

    /// The saved cursors.
    pub fn cursors(&self) -> &Cursors {
        &self.cursors
    }

    /// The state table (used by the state-row strategy only).
    pub fn table(&self) -> &StateTable<S> {
        &self.table
    }

    /// Commands committed and not yet marked dispatched (atomic tracking):
    /// a crash after dispatching, before the mark, leaves them here.
    pub fn outbox(&self) -> &[CommandEnvelope] {
        &self.outbox
    }

    /// The dispatcher's cursor in the process manager's own context (outbox
    /// stream mode): commands after it are not known to be sent.
    pub fn dispatcher_cursor(&self) -> Position {
        self.dispatcher
    }

    /// Saves the cursor of `context`.
    pub(super) fn save_cursor(&mut self, context: &str, position: Position) {
        cursors::save(&mut self.cursors, context, position);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_row_is_invisible_until_committed() {
        let mut table = StateTable::default();
        table.begin("42").unwrap();
        table.write("42", 7).unwrap();
        assert_eq!(table.row("42"), None);
        assert_eq!(table.locked_row(), Some("42"));
        table.commit().unwrap();
        assert_eq!(table.row("42"), Some(&7));
        assert_eq!(table.locked_row(), None);
    }

    #[test]
    fn a_rollback_keeps_the_committed_row_and_releases_the_lock() {
        let mut table = StateTable::default();
        table.begin("42").unwrap();
        table.write("42", 1).unwrap();
        table.commit().unwrap();
        table.begin("42").unwrap();
        table.write("42", 2).unwrap();
        assert!(table.roll_back());
        assert_eq!(table.row("42"), Some(&1));
        assert!(table.begin("43").is_ok());
    }

    #[test]
    fn a_second_lock_is_refused_while_one_is_held() {
        let mut table: StateTable<u8> = StateTable::default();
        table.begin("42").unwrap();
        let error = table.begin("43").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the row of 42 is still locked by an unfinished transaction, \
             so the row of 43 cannot be locked"
        );
        assert!(table.write("43", 1).is_err());
        assert!(table.update("43", |row| *row = 1).is_err());
    }

    #[test]
    fn an_autocommitted_update_changes_the_row_in_place() {
        let mut table: StateTable<u8> = StateTable::default();
        table.update("42", |row| *row += 2).unwrap();
        table.update("42", |row| *row += 3).unwrap();
        assert_eq!(table.row("42"), Some(&5));
        assert_eq!(table.locked_row(), None);
    }
}
