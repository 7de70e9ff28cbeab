//! Performing one [`Action`] on a [`Session`]: validate, change, record.
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
        let outcome = match &action {
            Action::Fire { fact } => self.fire(fact)?,
            Action::FireRandomOrders { orders } => self.fire_random_orders(*orders)?,
            Action::RollBack { context, positions } => self.roll_back(context, *positions)?,
            Action::Step => self.step()?,
            Action::CatchUp => self.catch_up_now()?,
            Action::ArmCrash { point } => {
                self.runner.arm_crash(*point);
                info(format!(
                    "The process manager will crash {point} on its next event."
                ))
            }
            Action::DisarmCrash => {
                self.runner.disarm_crash();
                info("No crash is armed any more.".to_owned())
            }
            Action::Restart => self.restart(),
            Action::SetSingleStream { on } => {
                self.store.set_single_stream(*on);
                info(if *on {
                    "Single-stream store: an event can live in one stream only, so links fail."
                        .to_owned()
                } else {
                    "Links allowed: an event can be put into more streams.".to_owned()
                })
            }
            Action::SetAutoHandle { on } => {
                self.auto_handle = *on;
                let mut outcome = info(if *on {
                    "The process manager handles events as they arrive.".to_owned()
                } else {
                    "The process manager waits: use Step or Catch up.".to_owned()
                });
                if *on {
                    outcome = self.follow_up(outcome);
                }
                outcome
            }
            Action::AppendAgainWithId { event_id } => self.append_again_with_id(*event_id)?,
            Action::AppendWithStaleVersion { fact } => self.append_with_stale_version(fact)?,
            Action::AppendInvalidBatch { fact } => self.append_invalid_batch(fact)?,
            Action::SetChallenge { challenge } => {
                self.challenge = challenge.clone();
                info(match challenge {
                    Some(challenge) => format!(
                        "Challenge set: \"{}\", {} on this session.",
                        challenge.title(),
                        counted(challenge.rules().len(), "check", "checks")
                    ),
                    None => "The challenge was removed.".to_owned(),
                })
            }
        };
        self.actions.push(action);
        Ok(outcome)
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
        let message = format!(
            "{fact} stored in {} at position {position}.",
            fact.context()
        );
        Ok(self.follow_up(info(message)))
    }

    fn fire_random_orders(&mut self, orders: u32) -> Result<Outcome, SessionError> {
        if orders == 0 {
            return Err(SessionError::NothingRequested { what: "orders" });
        }
        if orders > MAX_RANDOM_ORDERS {
            return Err(SessionError::TooManyOrders {
                requested: orders,
                most: MAX_RANDOM_ORDERS,
            });
        }
        self.check_room(orders as usize * 2)?;
        let mut rng = self.rng;
        let facts = super::random_orders(self.random_orders_made + 1, orders, &mut rng)?;
        // Each append gives a fresh id from the session's generator to one of
        // the session's own contexts with `Any`: the store has no reason to
        // refuse it, so the loop cannot stop half way. (`?` stays as a guard.)
        for fact in &facts {
            self.append_fact(fact)?;
        }
        self.rng = rng;
        self.random_orders_made += u64::from(orders);
        let message = format!(
            "{} events of {orders} new orders stored, interleaved (their handling is not traced, to keep memory small).",
            facts.len()
        );
        // Bulk handling is left out of the trace; later clicks are traced again.
        self.runner.set_record_trace(false);
        let outcome = self.follow_up(info(message));
        self.runner.set_record_trace(true);
        Ok(outcome)
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

    fn catch_up_now(&mut self) -> Result<Outcome, SessionError> {
        if let Some(outcome) = self.still_crashed() {
            return Ok(outcome);
        }
        let report = self.runner.catch_up(&mut self.store);
        Ok(describe_catch_up(&report, "Caught up"))
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
        self.follow_up(info(text))
    }

    /// With auto-handle on and the runner running, catch up and add what
    /// happened to `outcome`.
    fn follow_up(&mut self, outcome: Outcome) -> Outcome {
        if !self.auto_handle || self.runner.status() != &RunnerStatus::Running {
            return outcome;
        }
        let report = self.runner.catch_up(&mut self.store);
        if report.steps == 0 && report.is_up_to_date() {
            return outcome;
        }
        let more = describe_catch_up(&report, "The process manager handled");
        Outcome {
            message: format!("{} {}", outcome.message, more.message),
            warning: outcome.warning || more.warning,
        }
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
