//! One handling, in order: read the event, change the state, send the
//! commands, save the cursor; an armed crash stops it between two of these.
//!
//! With atomic tracking the state change, the outbox and the cursor are one
//! commit, followed by the dispatch of the outbox and its mark; with the
//! outbox stream the commands are appended to the own outbox stream before
//! the cursor is saved, and the dispatcher sends them (see [`CrashPoint`]).

use super::super::manager::ProcessManager;
use super::super::strategy::load_state;
use super::super::trace::{EventSummary, HandlingOutcome, TraceEntry};
use super::super::{CrashPoint, IdempotencyMode, StrategyKind};
use super::read::{Content, Head};
use super::{Runner, RunnerError, RunnerStatus, StepReport};
use crate::core::domain::{Command, Commands};
use crate::core::store::{EventStore, ExpectedVersion, StoreError};

/// The trace entry of the handling under way, boxed: it is large, and the
/// handling passes it along (as `None` when not tracing) at every stage.
pub(super) type Entry<P> =
    Box<TraceEntry<<P as ProcessManager>::State, <P as ProcessManager>::Event>>;

impl<P: ProcessManager> Runner<P> {
    /// Handles the next unread event of any context (the earliest recorded).
    ///
    /// Refused while crashed. A refused state change (a link in single-stream
    /// mode) is an error: the event is not handled and its cursor does not
    /// move, so the next step tries it again.
    pub fn step(&mut self, store: &mut EventStore) -> Result<StepReport, RunnerError> {
        self.step_telling_more(store).map(|(report, _)| report)
    }

    /// [`Runner::step`], and whether another event was unread when this one
    /// was read (false when idle): catching up stops without one more
    /// empty read when there was none.
    pub(super) fn step_telling_more(
        &mut self,
        store: &mut EventStore,
    ) -> Result<(StepReport, bool), RunnerError> {
        if let RunnerStatus::Crashed {
            point,
            context,
            position,
            ..
        } = &self.status
        {
            return Err(RunnerError::Crashed {
                point: *point,
                context: context.clone(),
                position: *position,
            });
        }
        if self.config.idempotency == IdempotencyMode::OutboxStream {
            // The dispatcher catches up first: after a restart without the
            // store (see `Runner::restart`), commands may wait after its cursor.
            self.dispatch_outbox_stream(store, false);
        }
        let Some((head, content, summary, more)) =
            self.read_next(store).map_err(RunnerError::Store)?
        else {
            return Ok((StepReport::Idle, false));
        };
        let report = self.step_on(store, head, content, summary)?;
        Ok((report, more))
    }

    /// Handles the event just read (see [`Runner::step`]).
    fn step_on(
        &mut self,
        store: &mut EventStore,
        head: Head,
        content: Content<P::Event>,
        summary: Option<EventSummary>,
    ) -> Result<StepReport, RunnerError> {
        if let Some((_, cursor)) = self.read_cursors.get_mut(head.source) {
            *cursor = head.position;
        }
        let crash = self.armed.take();
        let entry = summary.map(|event| self.new_entry(event));
        if crash == Some(CrashPoint::AfterRead) {
            return Ok(self.crash(CrashPoint::AfterRead, head, entry));
        }
        match content {
            Content::Handled(fact) => self.handle(store, head, fact, crash, entry),
            Content::NotHandled => {
                // Nothing but the cursor is written for such an event: a
                // crash at any point stops it right after the read.
                if crash.is_some() {
                    return Ok(self.crash(CrashPoint::AfterRead, head, entry));
                }
                self.storage.save_cursor(head.context, head.position);
                self.finish(entry, HandlingOutcome::Ignored, false);
                Ok(StepReport::Ignored {
                    event_id: head.id,
                    context: head.context,
                    position: head.position,
                })
            }
            Content::Invalid(error) => {
                if crash.is_some() {
                    return Ok(self.crash(CrashPoint::AfterRead, head, entry));
                }
                let reason = error.to_string();
                self.storage.save_cursor(head.context, head.position);
                let outcome = HandlingOutcome::Skipped {
                    reason: reason.clone(),
                };
                self.finish(entry, outcome, false);
                Ok(StepReport::Skipped {
                    event_id: head.id,
                    reason,
                })
            }
        }
    }

    /// Loads, applies, decides, changes the state, then sends the commands
    /// and saves the cursor as the idempotency mode does it.
    fn handle(
        &mut self,
        store: &mut EventStore,
        head: Head,
        fact: P::Event,
        crash: Option<CrashPoint>,
        mut entry: Option<Entry<P>>,
    ) -> Result<StepReport, RunnerError> {
        let mode = self.config.idempotency;
        let atomic = mode == IdempotencyMode::AtomicTracking;
        let key = self.pm.key(&fact);
        let changed = if self.config.strategy == StrategyKind::StateRow && !atomic {
            self.change_row_in_place(key, &fact, &mut entry)
        } else {
            self.change_and_save(store, head, key, &fact, &mut entry, atomic)
        };
        let commands = match changed {
            Ok(commands) => commands,
            Err(error) => {
                // The handling stopped before any crash point: the crash stays armed.
                self.armed = crash;
                return Err(self.fail(head, entry, error));
            }
        };
        if crash == Some(CrashPoint::AfterStateChange) {
            return Ok(self.crash(CrashPoint::AfterStateChange, head, entry));
        }

        let sent = commands.len();
        let tracing = entry.is_some();
        let sending = match mode {
            IdempotencyMode::None | IdempotencyMode::DeterministicIds => {
                Ok(self.send_directly(head, commands, crash, tracing))
            }
            IdempotencyMode::AtomicTracking => self.send_through_outbox(head, commands, crash),
            IdempotencyMode::OutboxStream => {
                self.send_through_outbox_stream(store, head, commands, crash)
            }
        };
        let sending = match sending {
            Ok(sending) => sending,
            Err(error) => {
                // Nothing was sent and the cursor did not move: the crash stays armed.
                self.armed = crash;
                return Err(self.fail(head, entry, error));
            }
        };
        if let Some(entry) = entry.as_mut() {
            entry.deliveries = sending.deliveries;
        }
        if let Some(point) = sending.crashed {
            return Ok(self.crash_deciding(point, head, entry, sent > 0));
        }
        self.finish(entry, HandlingOutcome::Handled, true);
        Ok(StepReport::Handled {
            event_id: head.id,
            context: head.context,
            position: head.position,
            commands: sent,
            delivered: sending.delivered,
        })
    }

    /// State row without atomic tracking: the row is changed in place by one
    /// autocommitted statement (lock, change, commit, release at once), and
    /// the decision is taken on it.
    fn change_row_in_place(
        &mut self,
        key: &str,
        fact: &P::Event,
        entry: &mut Option<Entry<P>>,
    ) -> Result<Commands, RunnerError> {
        let pm = &self.pm;
        self.storage
            .table
            .update(key, |row| {
                let before = entry.as_ref().map(|_| row.clone());
                pm.evolve(row, fact);
                let commands = pm.decide(row, fact);
                observe(pm, entry, key, fact, before, row, &commands);
                commands
            })
            .map_err(RunnerError::Lock)
    }

    /// Every other case: load the state, apply, decide, then write it (a
    /// row left uncommitted under atomic tracking, or a link into the own
    /// stream, which the event store keeps at once in every mode).
    #[inline(never)]
    fn change_and_save(
        &mut self,
        store: &mut EventStore,
        head: Head,
        key: &str,
        fact: &P::Event,
        entry: &mut Option<Entry<P>>,
        atomic: bool,
    ) -> Result<Commands, RunnerError> {
        let strategy = self.config.strategy;
        let mut state = load_state(strategy, &self.pm, store, &self.storage, key)
            .map_err(RunnerError::Store)?;
        let before = entry.as_ref().map(|_| state.clone());
        self.pm.evolve(&mut state, fact);
        // Deciding is pure, so it may run before the state is written; the
        // commands are sent only after the state change, as the lesson says.
        let commands = self.pm.decide(&state, fact);
        observe(&self.pm, entry, key, fact, before, &state, &commands);
        match strategy {
            StrategyKind::StateRow => self.write_row(key, state, !atomic)?,
            StrategyKind::EventSourced => self.link(store, head, key)?,
            StrategyKind::Projection => {}
        }
        Ok(commands)
    }

    /// Writes the row of `key` under its lock; commits now unless the commit
    /// is part of a larger step.
    fn write_row(&mut self, key: &str, state: P::State, commit: bool) -> Result<(), RunnerError> {
        let table = &mut self.storage.table;
        table.begin(key).map_err(RunnerError::Lock)?;
        table.write(key, state).map_err(RunnerError::Lock)?;
        if commit {
            table.commit().map_err(RunnerError::Lock)?;
        }
        Ok(())
    }

    /// Links the event into the process manager's own stream of `key`, in
    /// the event's context. An event linked already (a re-delivery) counts
    /// as applied.
    fn link(&self, store: &mut EventStore, head: Head, key: &str) -> Result<(), RunnerError> {
        let stream = self.pm.own_stream(key);
        match store.link(head.context, &stream, ExpectedVersion::Any, head.id) {
            Ok(_) | Err(StoreError::AlreadyLinked { .. }) => Ok(()),
            Err(cause) => Err(RunnerError::StateNotSaved {
                event_id: head.id,
                context: head.context.to_owned(),
                position: head.position,
                cause: Box::new(cause),
            }),
        }
    }
}

/// Records the key, event, states and decision in the trace entry, if
/// tracing (only the check is inlined into the handling).
#[inline(always)]
fn observe<P: ProcessManager>(
    pm: &P,
    entry: &mut Option<Entry<P>>,
    key: &str,
    fact: &P::Event,
    before: Option<P::State>,
    after: &P::State,
    commands: &[Command],
) {
    if let Some(entry) = entry.as_mut() {
        record(pm, entry, key, fact, before, after, commands);
    }
}

/// Fills the trace entry (see [`observe`]).
#[cold]
#[inline(never)]
fn record<P: ProcessManager>(
    pm: &P,
    entry: &mut Entry<P>,
    key: &str,
    fact: &P::Event,
    before: Option<P::State>,
    after: &P::State,
    commands: &[Command],
) {
    entry.key = Some(key.to_owned());
    entry.fact = Some(fact.clone());
    entry.state_before = before;
    entry.decision = Some(pm.explain(after, fact, commands));
    entry.commands = commands.to_vec();
    entry.state_after = Some(after.clone());
}
