//! The reducer's part for "PostgreSQL in the page" (`ui/postgres/`):
//! switching it on and off, and what the follower reports.
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{AppState, Notice, Tone, refused};
use crate::core::sql::MOST_EVENTS_AS_SQL;
use crate::core::words::counted;
use crate::ui::postgres::{
    CrudRan, KEPT_CRUD_RUNS, Phase, PostgresMode, PostgresUpdate, RunReport,
};

/// Each switching on gets its own id, so that what an older one sends
/// after being switched off is ignored.
static SWITCHED_ON: AtomicU64 = AtomicU64::new(0);

impl AppState {
    pub(super) fn postgres_update(&self, update: PostgresUpdate) -> AppState {
        let mode = self.postgres.as_ref();
        let ours = |id: u64| mode.filter(|mode| mode.id == id);
        match update {
            PostgresUpdate::On => self.postgres_on(),
            PostgresUpdate::Off => AppState {
                postgres: None,
                notice: Some(Notice::info(
                    "PostgreSQL in the page is off: the playground goes on in memory.".to_owned(),
                )),
                ..self.shallow()
            },
            PostgresUpdate::Ready { id, ms } => match ours(id) {
                Some(mode) => self.with_mode(PostgresMode {
                    ready_ms: Some(ms),
                    phase: Phase::Running {
                        what: "Giving PostgreSQL the session".to_owned(),
                        done: 0,
                        total: 0,
                    },
                    ..mode.clone()
                }),
                None => self.shallow(),
            },
            PostgresUpdate::Running { id, phase } => match ours(id) {
                Some(mode) => self.with_mode(PostgresMode {
                    phase,
                    ..mode.clone()
                }),
                None => self.shallow(),
            },
            PostgresUpdate::Ran { id, report } => match ours(id) {
                Some(mode) => self.with_mode(PostgresMode {
                    phase: Phase::Following,
                    runs: mode.runs + 1,
                    crud: kept_crud(mode, &report),
                    last: Some(report),
                    ..mode.clone()
                }),
                None => self.shallow(),
            },
            PostgresUpdate::Failed { id, text } => match ours(id) {
                Some(_) => AppState {
                    postgres: None,
                    ..refused(self, text)
                },
                None => self.shallow(),
            },
        }
    }

    /// Switched on, unless the session is too large for it.
    fn postgres_on(&self) -> AppState {
        if self.postgres.is_some() {
            return self.shallow();
        }
        let events = self.session.borrow().store().event_count();
        if events > MOST_EVENTS_AS_SQL {
            return refused(
                self,
                format!(
                    "PostgreSQL in the page was not switched on: it follows a session of up to {MOST_EVENTS_AS_SQL} events, and this one holds {}. Nothing was changed.",
                    counted(events, "event", "events")
                ),
            );
        }
        let id = SWITCHED_ON.fetch_add(1, Ordering::Relaxed) + 1;
        AppState {
            postgres: Some(PostgresMode::new(id)),
            notice: Some(Notice {
                text: "Starting PostgreSQL in the page: its files load once (about 5 MB), then it creates a database.".to_owned(),
                tone: Tone::Info,
                offer: None,
            }),
            ..self.shallow()
        }
    }

    fn with_mode(&self, mode: PostgresMode) -> AppState {
        AppState {
            postgres: Some(mode),
            ..self.shallow()
        }
    }
}

/// The CRUD runs lesson 8 can show after `report`: a fresh database's
/// alone, else the earlier ones and the report's, the latest kept.
fn kept_crud(mode: &PostgresMode, report: &RunReport) -> Rc<Vec<CrudRan>> {
    let mut kept = if report.fresh {
        Vec::new()
    } else {
        mode.crud.as_ref().clone()
    };
    kept.extend(report.crud.iter().cloned());
    let surplus = kept.len().saturating_sub(KEPT_CRUD_RUNS);
    kept.drain(..surplus);
    Rc::new(kept)
}
