//! A session as a specification: what the session fired, and what its
//! command bus delivered for the last event fired (see
//! [`crate::core::spec::spec_from_record`]).

use super::{Action, Session};
use crate::core::domain::{Command, Fact};
use crate::core::spec::{Spec, spec_from_record};

impl Session {
    /// The facts fired with `Fire` actions, in order (random orders and
    /// other actions are left out).
    pub fn fired_facts(&self) -> Vec<Fact> {
        self.actions
            .iter()
            .filter_map(|action| match action {
                Action::Fire { fact } => Some(fact.clone()),
                _ => None,
            })
            .collect()
    }

    /// The `ConfirmOrder` commands the bus delivered because of the event
    /// of the latest `Fire` action (a duplicate delivery counts twice:
    /// it is what a receiver without deduplication saw).
    pub fn delivered_for_last_fired(&self) -> Vec<Command> {
        let Some(event) = self.last_fired else {
            return Vec::new();
        };
        self.runner
            .bus()
            .attempts()
            .iter()
            .filter(|delivery| delivery.was_delivered() && delivery.envelope.causation_id == event)
            .map(|delivery| delivery.envelope.command.clone())
            .filter(|command| matches!(command, Command::ConfirmOrder { .. }))
            .collect()
    }

    /// The session as a specification: given the facts fired before the
    /// last, when the last, then what the bus delivered for it. `None`
    /// when nothing was fired.
    pub fn to_spec(&self) -> Option<Spec> {
        spec_from_record(&self.fired_facts(), self.delivered_for_last_fired())
    }
}
