//! What each lesson is for: its goal in one sentence, the rules it checks
//! live on the session, and a task for the attendee, checked the same way.
//!
//! A lesson's checks hold at its last step; its task does not, until the
//! attendee does it (`tests/lesson_checks.rs`). A lesson also names the
//! panels its point is in (`Lesson::focus`), which the page shows first.

use super::{Check, Lesson, Rule};
use crate::core::session::Session;

/// Something for the attendee to try, and the rule that says it is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Task {
    pub text: &'static str,
    pub rule: Rule,
}

/// A panel of the page, named as the page labels it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelName {
    Streams,
    Cursors,
    ProcessState,
    Commands,
    Specifications,
}

impl PanelName {
    /// Every panel, in the page's own order.
    pub const ALL: [PanelName; 5] = [
        PanelName::Streams,
        PanelName::Cursors,
        PanelName::ProcessState,
        PanelName::Commands,
        PanelName::Specifications,
    ];

    /// The panel's heading and accessible name.
    pub fn label(self) -> &'static str {
        match self {
            PanelName::Streams => "Streams",
            PanelName::Cursors => "Cursors",
            PanelName::ProcessState => "Process state",
            PanelName::Commands => "Commands",
            PanelName::Specifications => "Specifications",
        }
    }
}

impl Lesson {
    /// The panels the lesson's point is in, most important first: the page
    /// shows them first while the lesson is open.
    pub fn focus(&self) -> &'static [PanelName] {
        use PanelName::*;
        match self.number {
            1 => &[Streams],
            2 => &[Cursors, Streams],
            3 => &[Cursors, Commands],
            4 => &[Commands, Cursors],
            5 => &[Commands, Cursors],
            6 => &[ProcessState, Streams],
            7 => &[Specifications],
            _ => &[Streams],
        }
    }

    /// The lesson's point, in one sentence.
    pub fn goal(&self) -> &'static str {
        match self.number {
            1 => {
                "An event store refuses an event id it already holds, and a refused append writes nothing."
            }
            2 => {
                "Positions only grow and may have gaps; a cursor just reads on from the last position it handled."
            }
            3 => {
                "A process manager keeps one cursor per log it reads, and after a restart it goes on from them."
            }
            4 => {
                "Sending a command and moving the cursor are two steps, so a crash between them sends the command twice."
            }
            5 => {
                "An idempotency mode makes the effect happen once, even when a crash makes the same command be sent again."
            }
            6 => {
                "Event-sourced state links each handled event into the process manager's own stream, which a single-stream store refuses."
            }
            7 => {
                "For one menu, the process manager sends the same ConfirmOrder whichever side confirms first; the specifications check every ordering that keeps each stream's order."
            }
            _ => {
                "An event names what happened in the business's words; a CRUD update keeps only a new value."
            }
        }
    }

    /// The rules this lesson checks on its session.
    pub fn rules(&self) -> &'static [Rule] {
        match self.number {
            1 => &[Rule::DuplicateIdRefused],
            2 => &[Rule::SalesLogHasGap, Rule::CursorSteppedOverGap],
            3 => &[Rule::Restarted, Rule::CaughtUpFromCursors],
            4 => &[Rule::Crashed, Rule::Order42ConfirmedTwice],
            5 => &[Rule::Crashed, Rule::ConfirmedOncePerOrder],
            6 => &[Rule::LinkRefusedUniqueId, Rule::LinksWritten],
            7 => &[Rule::ConfirmedOncePerOrder, Rule::DeclinedNotConfirmed],
            _ => &[Rule::StoredInBusinessWords],
        }
    }

    /// The lesson's rules evaluated on `session`.
    pub fn checks(&self, session: &Session) -> Vec<Check> {
        self.rules()
            .iter()
            .map(|rule| rule.check(session))
            .collect()
    }

    /// What the attendee can try next.
    pub fn task(&self) -> Task {
        let (text, rule) = match self.number {
            1 => (
                "Select an event and press Append again with this event's id: the store refuses it once more and still holds one event per event fired.",
                Rule::DuplicateIdRefusedTwice,
            ),
            2 => (
                "Press Roll back a transaction for Sales, then fire a CustomerConfirmedMenu: the cursor steps over the new gap too.",
                Rule::CursorSteppedOverTwoGaps,
            ),
            3 => (
                "Fire an event, press Restart, then Catch up: the process manager goes on from its cursors again and handles no event twice.",
                Rule::CaughtUpAfterTwoRestarts,
            ),
            4 => (
                "Fire the customer's confirmation of order 43, choose Crash after sending and press Arm crash, fire the caterer's, then Restart: order 43 is confirmed twice too.",
                Rule::TwoDuplicates,
            ),
            5 => (
                "Switch Idempotency to Atomic tracking (outbox): CateringMatch-outbox is gone, the outbox is committed with the state and the cursor instead, and order 42 is still confirmed once.",
                Rule::OnceWithAtomicTracking,
            ),
            6 => (
                "Switch State strategy to State row (table, lock): nothing is linked, and order 42 is still confirmed once.",
                Rule::OnceWithStateRows,
            ),
            7 => (
                "Fire both confirmations of order 46, caterer first: four orders are confirmed, each once.",
                Rule::FourOrdersConfirmedOnce,
            ),
            _ => (
                "Fire a caterer decline and read its CRUD statement: caterer_confirmed = false, like no answer at all.",
                Rule::DeclineFired,
            ),
        };
        Task { text, rule }
    }
}
