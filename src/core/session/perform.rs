//! Performing one [`Action`] on a [`Session`]: check, change, let the
//! process manager catch up, record.
//!
//! [`Session::perform`] does it all at once. The same three parts are public
//! so long work can be done in slices (see [`super::work`]):
//! [`Session::begin`] checks the action and makes its change, except for
//! what can be long (storing many random orders, the process manager
//! catching up on many events), which [`Session::go_on`] does a slice at a
//! time; [`Session::finish`] records the action in the session's log.
use super::work::{CatchingUp, Left, Work};
use super::{
    Action, MAX_RANDOM_ORDERS, MAX_ROLLBACK, MAX_SESSION_EVENTS, Outcome, Session, SessionError,
};
use crate::core::domain::Fact;
use crate::core::ids::EventId;
use crate::core::process::conversation::correlation_for;
use crate::core::process::{CatchUp, CatchUpEnd, RunnerStatus, StepReport};
use crate::core::store::{ExpectedVersion, Metadata};
use crate::core::words::counted;

impl Session {
    /// Performs an action. On success it is added to the session's log; on
    /// error the session is exactly as it was.
    pub fn perform(&mut self, action: Action) -> Result<Outcome, SessionError> {
        let mut work = self.begin(action)?;
        while !self.go_on(&mut work, usize::MAX)? {}
        Ok(self.finish(work))
    }

    /// Checks `action` and makes its change; what may be long is left in
    /// the returned [`Work`] for [`Session::go_on`]. On error the session is
    /// exactly as it was.
    pub fn begin(&mut self, action: Action) -> Result<Work, SessionError> {
        let (outcome, left) = match &action {
            Action::Fire { fact } => (self.fire(fact)?, Left::FOLLOW_UP),
            Action::FireRandomOrders { orders } => self.fire_random_orders(*orders)?,
            Action::RollBack { context, positions } => {
                (self.roll_back(context, *positions)?, Left::Nothing)
            }
            Action::Step => (self.step()?, Left::Nothing),
            Action::CatchUp => match self.still_crashed() {
                Some(outcome) => (outcome, Left::Nothing),
                None => (info(String::new()), Left::CatchingUp(CatchingUp::asked())),
            },
            Action::ArmCrash { point } => {
                self.runner.arm_crash(*point);
                let text = format!("The process manager will crash {point} on its next event.");
                (info(text), Left::Nothing)
            }
            Action::DisarmCrash => {
                self.runner.disarm_crash();
                (
                    info("No crash is armed any more.".to_owned()),
                    Left::Nothing,
                )
            }
            Action::Restart => (self.restart(), Left::FOLLOW_UP),
            Action::SetSingleStream { on } => {
                self.store.set_single_stream(*on);
                let text = if *on {
                    "Single-stream store: an event can live in one stream only, so links fail."
                } else {
                    "Links allowed: an event can be put into more streams."
                };
                (info(text.to_owned()), Left::Nothing)
            }
            Action::SetAutoHandle { on } => {
                self.auto_handle = *on;
                if *on {
                    let text = "The process manager handles events as they arrive.";
                    (info(text.to_owned()), Left::FOLLOW_UP)
                } else {
                    let text = "The process manager waits: use Step or Catch up.";
                    (info(text.to_owned()), Left::Nothing)
                }
            }
            Action::AppendAgainWithId { event_id } => {
                (self.append_again_with_id(*event_id)?, Left::Nothing)
            }
            Action::AppendWithStaleVersion { fact } => {
                (self.append_with_stale_version(fact)?, Left::Nothing)
            }
            Action::AppendInvalidBatch { fact } => {
                (self.append_invalid_batch(fact)?, Left::Nothing)
            }
            Action::SetChallenge { challenge } => {
                self.challenge = challenge.clone();
                let text = match challenge {
                    Some(challenge) => format!(
                        "Challenge set: \"{}\", {} on this session.",
                        challenge.title(),
                        counted(challenge.rules().len(), "check", "checks")
                    ),
                    None => "The challenge was removed.".to_owned(),
                };
                (info(text), Left::Nothing)
            }
        };
        Ok(Work::new(action, outcome, left))
    }

    /// Does at most `budget` units of what `work` has left (an event stored
    /// or handled is a unit); `true` once nothing is left.
    pub fn go_on(&mut self, work: &mut Work, budget: usize) -> Result<bool, SessionError> {
        let mut budget = budget;
        loop {
            match work.left_mut() {
                Left::Nothing => return Ok(true),
                Left::Appending { facts, next } => {
                    let end = facts.events().min(next.saturating_add(budget));
                    for i in *next..end {
                        // Fresh ids into the session's own contexts with
                        // `Any`: the store has no reason to refuse them.
                        if let Some(fact) = facts.fact(i) {
                            self.append_fact(&fact?)?;
                        }
                    }
                    let stored = end - *next;
                    *next = end;
                    let all_stored = end == facts.events();
                    work.did(stored);
                    budget -= stored;
                    if all_stored {
                        // A bulk load's handling is left out of the trace
                        // (later clicks are traced again).
                        self.runner.set_record_trace(false);
                        work.set_left(Left::CatchingUp(CatchingUp::untraced()));
                    } else if budget == 0 {
                        return Ok(false);
                    }
                }
                Left::CatchingUp(catching_up) => {
                    let catching_up = *catching_up;
                    if !catching_up.asked
                        && (!self.auto_handle || self.runner.status() != &RunnerStatus::Running)
                    {
                        self.end_catch_up(work, catching_up, None);
                        return Ok(true);
                    }
                    match self.runner.catch_up_at_most(&mut self.store, budget) {
                        None => {
                            work.did(budget);
                            work.set_left(Left::CatchingUp(catching_up.after(budget)));
                            return Ok(false);
                        }
                        Some(report) => {
                            work.did(report.steps);
                            let report = CatchUp {
                                steps: catching_up.steps + report.steps,
                                ..report
                            };
                            self.end_catch_up(work, catching_up, Some(&report));
                            return Ok(true);
                        }
                    }
                }
            }
        }
    }

    /// Records the action of finished `work` in the session's log and
    /// says what it did.
    pub fn finish(&mut self, work: Work) -> Outcome {
        let (action, outcome) = work.into_parts();
        self.actions.push(action);
        outcome
    }

    /// The catch-up of `work` is over: its words go into the outcome.
    fn end_catch_up(&mut self, work: &mut Work, catching_up: CatchingUp, report: Option<&CatchUp>) {
        if !catching_up.traced {
            self.runner.set_record_trace(true);
        }
        work.set_left(Left::Nothing);
        let Some(report) = report else {
            return;
        };
        if catching_up.asked {
            work.set_outcome(describe_catch_up(report, "Caught up"));
        } else if report.steps > 0 || !report.is_up_to_date() {
            let more = describe_catch_up(report, "The process manager handled");
            work.add_to_outcome(more);
        }
    }

    fn fire(&mut self, fact: &Fact) -> Result<Outcome, SessionError> {
        if matches!(fact, Fact::ParticipantRegistered(_)) {
            return Err(SessionError::NotThisExample {
                event_type: fact.event_type().to_owned(),
            });
        }
        self.check_room(1)?;
        let (position, id) = self.append_fact(fact)?;
        self.last_fired = Some(id);
        Ok(info(format!(
            "{fact} stored in {} at position {position}.",
            fact.context()
        )))
    }

    fn fire_random_orders(&mut self, orders: u32) -> Result<(Outcome, Left), SessionError> {
        self.check_random_orders(orders)?;
        let mut rng = self.rng;
        let facts = super::RandomOrders::new(self.random_orders_made + 1, orders, &mut rng)?;
        self.reserve_random_orders(u64::from(orders))?;
        self.rng = rng;
        self.random_orders_made += u64::from(orders);
        let message = format!(
            "{} events of {orders} new orders stored, interleaved (their handling is not traced, to keep memory small).",
            facts.events()
        );
        Ok((info(message), Left::Appending { facts, next: 0 }))
    }

    /// Whether `orders` random orders may be fired now (the request is
    /// checked before any long work starts).
    pub fn check_random_orders(&self, orders: u32) -> Result<(), SessionError> {
        if orders == 0 {
            return Err(SessionError::NothingRequested { what: "orders" });
        }
        if orders > MAX_RANDOM_ORDERS {
            return Err(SessionError::TooManyOrders {
                requested: orders,
                most: MAX_RANDOM_ORDERS,
            });
        }
        self.check_room(orders as usize * 2)
    }

    fn roll_back(&mut self, context: &str, positions: u64) -> Result<Outcome, SessionError> {
        if positions == 0 {
            return Err(SessionError::NothingRequested { what: "positions" });
        }
        if positions > MAX_ROLLBACK {
            return Err(SessionError::RollbackTooLarge {
                requested: positions,
                most: MAX_ROLLBACK,
            });
        }
        self.store.roll_back_transaction(context, positions)?;
        let head = self.store.head_position(context)?;
        Ok(info(format!(
            "A transaction in {context} was rolled back: {} up to {} {} empty.",
            counted(positions, "position", "positions"),
            head.0,
            if positions == 1 { "stays" } else { "stay" }
        )))
    }

    fn step(&mut self) -> Result<Outcome, SessionError> {
        if let Some(outcome) = self.still_crashed() {
            return Ok(outcome);
        }
        Ok(match self.runner.step(&mut self.store) {
            Ok(StepReport::Idle) => info("Nothing to handle: every log has been read.".to_owned()),
            Ok(StepReport::Handled {
                context,
                position,
                delivered,
                ..
            }) => info(format!(
                "Handled {context} position {}; {} delivered.",
                position.0,
                counted(delivered, "command", "commands")
            )),
            Ok(StepReport::Ignored {
                context, position, ..
            }) => info(format!(
                "{context} position {} is not for this process manager; its cursor moved on.",
                position.0
            )),
            Ok(StepReport::Skipped { reason, .. }) => {
                warning(format!("An event was passed over: {reason}"))
            }
            Ok(StepReport::Crashed { point, .. }) => {
                warning(format!("The process manager crashed {point}."))
            }
            Err(error) => warning(format!(
                "The process manager could not handle the event: {error}"
            )),
        })
    }

    fn restart(&mut self) -> Outcome {
        let report = self.runner.restart_in(&self.store);
        let mut text = match report.recovered_from {
            Some(point) => format!(
                "Restarted after the crash {point}; reading resumes from the saved cursors."
            ),
            None => "Restarted; reading resumes from the saved cursors.".to_owned(),
        };
        if let Some(row) = report.rolled_back_row {
            text.push_str(&format!(" The open change of row {row} was rolled back."));
        }
        if report.dispatched > 0 {
            text.push_str(&format!(
                " {} sent from the outbox.",
                counted(report.dispatched, "command", "commands")
            ));
        }
        info(text)
    }

    fn append_fact(&mut self, fact: &Fact) -> Result<(u64, EventId), SessionError> {
        let mut ids = self.ids.clone();
        let mut clock = self.clock.clone();
        let id = ids.next_id();
        // The order's conversation: the id of its first event (this one's
        // own id if it is the first). Nothing caused it but a person.
        let correlation = correlation_for(&self.store, fact).unwrap_or(id);
        let metadata = Metadata {
            correlation_id: Some(correlation),
            causation_id: None,
            recorded_at: clock.tick(),
        };
        let event = fact.to_new_event(id, metadata);
        let appended = self.store.append(
            fact.context(),
            &fact.stream(),
            ExpectedVersion::Any,
            vec![event],
        )?;
        self.ids = ids;
        self.clock = clock;
        Ok((appended.last_position.0, id))
    }

    fn check_room(&self, more: usize) -> Result<(), SessionError> {
        let events = self.store.event_count().saturating_add(more);
        if events > MAX_SESSION_EVENTS {
            return Err(SessionError::SessionFull {
                events,
                most: MAX_SESSION_EVENTS,
            });
        }
        Ok(())
    }

    /// Step and Catch up on a crashed process manager do nothing and say
    /// so. They are accepted (and kept in the log) rather than refused:
    /// the same clicks replayed under another strategy or idempotency mode
    /// may leave the runner running where it had crashed, or the other way
    /// round, and a settings switch must never be refused.
    fn still_crashed(&self) -> Option<Outcome> {
        match self.runner.status() {
            RunnerStatus::Running => None,
            RunnerStatus::Crashed { .. } => Some(warning(
                "The process manager has crashed and handles nothing until it is restarted: use Restart."
                    .to_owned(),
            )),
        }
    }
}

fn describe_catch_up(report: &CatchUp, lead: &str) -> Outcome {
    match &report.end {
        CatchUpEnd::UpToDate => info(format!(
            "{lead} {}; it is up to date.",
            counted(report.steps, "event", "events")
        )),
        CatchUpEnd::Crashed(point) => warning(format!(
            "{lead} {}, then crashed {point}. Restart it.",
            counted(report.steps, "event", "events")
        )),
        CatchUpEnd::Failed(error) => warning(format!(
            "{lead} {}, then stopped: {error}",
            counted(report.steps, "event", "events")
        )),
    }
}

pub(super) fn info(message: String) -> Outcome {
    Outcome {
        message,
        warning: false,
    }
}

pub(super) fn warning(message: String) -> Outcome {
    Outcome {
        message,
        warning: true,
    }
}
