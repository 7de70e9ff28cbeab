//! How a handling ends when it does not end well, and the trace entry it
//! leaves: a forced crash, a failure, and the bookkeeping of the entry.

use super::super::manager::ProcessManager;
use super::super::trace::{EventSummary, HandlingOutcome, TraceEntry};
use super::super::{Crash, CrashPoint, IdempotencyMode, StrategyKind};
use super::read::Head;
use super::step::Entry;
use super::{Runner, RunnerError, RunnerStatus, StepReport};
use crate::core::store::Position;

impl<P: ProcessManager> Runner<P> {
    /// Stops at `point`: the runner is crashed until restarted.
    #[cold]
    #[inline(never)]
    pub(super) fn crash(
        &mut self,
        point: CrashPoint,
        head: Head,
        entry: Option<Entry<P>>,
    ) -> StepReport {
        self.crash_deciding(point, head, entry, true)
    }

    /// [`Runner::crash`], saying whether the handling had decided commands.
    #[cold]
    #[inline(never)]
    pub(super) fn crash_deciding(
        &mut self,
        point: CrashPoint,
        head: Head,
        entry: Option<Entry<P>>,
        decided: bool,
    ) -> StepReport {
        let crash = Crash {
            decided,
            ..point.during(self.config.idempotency, self.config.strategy)
        };
        self.status = RunnerStatus::Crashed {
            point: crash,
            event_id: head.id,
            context: head.context.to_owned(),
            position: head.position,
        };
        let mode = self.config.idempotency;
        let atomic = mode == IdempotencyMode::AtomicTracking;
        let projection = self.config.strategy == StrategyKind::Projection;
        let row = self.config.strategy == StrategyKind::StateRow;
        // Whether the state after the event is what the next handling finds:
        // a row or link written, or (projection) the cursor saved.
        let kept = match point {
            CrashPoint::AfterRead => false,
            CrashPoint::AfterStateChange => !(projection || atomic && row),
            CrashPoint::AfterSend => !projection || atomic,
            CrashPoint::AfterDispatch => {
                !projection || atomic || mode == IdempotencyMode::OutboxStream
            }
        };
        self.finish(entry, HandlingOutcome::Crashed(crash), kept);
        StepReport::Crashed {
            point: crash,
            event_id: head.id,
        }
    }

    /// Gives up on the event: no half-done row stays locked and the event
    /// will be read again.
    #[cold]
    #[inline(never)]
    pub(super) fn fail(
        &mut self,
        head: Head,
        entry: Option<Entry<P>>,
        error: RunnerError,
    ) -> RunnerError {
        self.storage.table.roll_back();
        let saved = self
            .storage
            .cursors()
            .get(head.context)
            .copied()
            .unwrap_or(Position::START);
        if let Some((_, cursor)) = self.read_cursors.get_mut(head.source) {
            *cursor = saved;
        }
        let outcome = HandlingOutcome::Failed {
            reason: error.to_string(),
        };
        self.finish(entry, outcome, false);
        error
    }

    #[cold]
    #[inline(never)]
    pub(super) fn new_entry(&self, event: EventSummary) -> Entry<P> {
        Box::new(TraceEntry {
            index: self.trace.len(),
            event,
            key: None,
            fact: None,
            state_before: None,
            state_after: None,
            state_kept: false,
            decision: None,
            commands: Vec::new(),
            deliveries: Vec::new(),
            cursors_before: self.storage.cursors().clone(),
            cursors_after: Default::default(),
            outcome: HandlingOutcome::Handled,
        })
    }

    /// Completes and records the trace entry, if tracing.
    pub(super) fn finish(&mut self, entry: Option<Entry<P>>, outcome: HandlingOutcome, kept: bool) {
        if let Some(mut entry) = entry {
            entry.outcome = outcome;
            entry.state_kept = kept && entry.state_after.is_some();
            entry.cursors_after = self.storage.cursors().clone();
            self.trace.push(*entry);
        }
    }
}
