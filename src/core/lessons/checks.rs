//! The live checks of the lessons: a rule a lesson makes visible, evaluated
//! on the current [`Session`] (its store, runner and bus) after every action.
//!
//! Each [`Rule`] says in one sentence what should be true and, when
//! evaluated, whether it holds and why, in numbers read from the session.
//! Because a setting switch replays the session, a check follows the
//! switch: lesson 5's "confirmed once" stops holding under no idempotency.

mod evaluate;

use serde::{Deserialize, Serialize};

use crate::core::process::{IdempotencyMode, StrategyKind};
use crate::core::session::Session;
use crate::core::words::counted;
use evaluate::*;

/// A rule a lesson checks on its session (also chosen by a trainer's
/// challenge, so it is saved by its kebab-case name: keep the names stable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Lesson 1: a duplicate id was refused and nothing was written.
    DuplicateIdRefused,
    /// Lesson 1's task: refused twice, still nothing written.
    DuplicateIdRefusedTwice,
    /// Lesson 2: the Sales log has a gap.
    SalesLogHasGap,
    /// Lesson 2: the Sales cursor stands past the gap, on the log's head.
    CursorSteppedOverGap,
    /// Lesson 2's task: two rollbacks in Sales, the cursor still on the head.
    CursorSteppedOverTwoGaps,
    /// Lesson 3: the process manager was restarted.
    Restarted,
    /// Lesson 3: after a restart it caught up from its cursors, no event twice.
    CaughtUpFromCursors,
    /// Lesson 3's task: restarted twice and still no event twice.
    CaughtUpAfterTwoRestarts,
    /// Lessons 4 and 5: the process manager crashed while handling.
    Crashed,
    /// Lesson 4: order 42 was confirmed twice.
    #[serde(rename = "order-42-confirmed-twice")]
    Order42ConfirmedTwice,
    /// Lesson 4's task: two duplicates delivered.
    TwoDuplicates,
    /// Lesson 5: every confirmed order was confirmed exactly once.
    ConfirmedOncePerOrder,
    /// The outbox stream, and still once per order (lesson 5's mode).
    OnceWithOutboxStream,
    /// Lesson 5's task: atomic tracking, and still once per order.
    OnceWithAtomicTracking,
    /// Lesson 6: the single-stream store refused a link (unique id).
    LinkRefusedUniqueId,
    /// Lesson 6: after the fix, CateringMatch$42 holds the linked events.
    LinksWritten,
    /// Lesson 6's task: a state row per order, order 42 confirmed once.
    OnceWithStateRows,
    /// Lesson 7: a declined order was not confirmed.
    DeclinedNotConfirmed,
    /// Lesson 7's task: four orders confirmed, each once.
    FourOrdersConfirmedOnce,
    /// Lesson 8: the caterer's confirmation is stored in business words.
    StoredInBusinessWords,
    /// Lesson 8's task: a decline was fired.
    DeclineFired,
}

/// A rule evaluated on a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub rule: Rule,
    pub holds: bool,
    /// Why it holds or not yet, in numbers from the session.
    pub why: String,
}

impl Rule {
    /// The rule in one sentence.
    pub fn says(self) -> &'static str {
        match self {
            Rule::DuplicateIdRefused => "A duplicate id was refused and nothing was written",
            Rule::DuplicateIdRefusedTwice => "A duplicate id was refused twice, nothing written",
            Rule::SalesLogHasGap => "The Sales log has a gap in its positions",
            Rule::CursorSteppedOverGap => "The Sales cursor stepped over the gap",
            Rule::CursorSteppedOverTwoGaps => "The Sales cursor stepped over two rollbacks",
            Rule::Restarted => "The process manager restarted",
            Rule::CaughtUpFromCursors => {
                "It caught up from its cursors without handling an event twice"
            }
            Rule::CaughtUpAfterTwoRestarts => "Restarted twice, still no event handled twice",
            Rule::Crashed => "The process manager crashed while handling",
            Rule::Order42ConfirmedTwice => "Order 42 was confirmed twice",
            Rule::TwoDuplicates => "Two duplicate commands were delivered",
            Rule::ConfirmedOncePerOrder => {
                "Every confirmed order was confirmed exactly once under this mode"
            }
            Rule::OnceWithOutboxStream => "With the outbox stream, one ConfirmOrder per order",
            Rule::OnceWithAtomicTracking => "With atomic tracking, one ConfirmOrder per order",
            Rule::LinkRefusedUniqueId => {
                "The single-stream store refused the link with a unique-id error"
            }
            Rule::LinksWritten => "After the fix, CateringMatch$42 holds the linked events",
            Rule::OnceWithStateRows => "With a state row per order, order 42 is confirmed once",
            Rule::DeclinedNotConfirmed => "A declined order was not confirmed",
            Rule::FourOrdersConfirmedOnce => "Four orders confirmed, each exactly once",
            Rule::StoredInBusinessWords => "The caterer's answer is stored as a business event",
            Rule::DeclineFired => "A caterer's decline was fired",
        }
    }

    /// Whether the rule holds on `session`, and why.
    pub fn check(self, session: &Session) -> Check {
        let (holds, why) = match self {
            Rule::DuplicateIdRefused => duplicates_refused(session, 1),
            Rule::DuplicateIdRefusedTwice => duplicates_refused(session, 2),
            Rule::SalesLogHasGap => {
                let (head, count) = sales_log(session);
                (
                    head > count,
                    format!("Sales holds {count} events and its last position is {head}"),
                )
            }
            Rule::CursorSteppedOverGap => cursor_over_gaps(session, 1),
            Rule::CursorSteppedOverTwoGaps => cursor_over_gaps(session, 2),
            Rule::Restarted => {
                let restarts = session.runner().trace().restarts().len();
                (
                    restarts >= 1,
                    format!("{} so far", counted(restarts, "restart", "restarts")),
                )
            }
            Rule::CaughtUpFromCursors => caught_up(session, 1),
            Rule::CaughtUpAfterTwoRestarts => caught_up(session, 2),
            Rule::Crashed => {
                let crashes = crashes(session);
                (
                    crashes >= 1,
                    format!("{} in the trace", counted(crashes, "crash", "crashes")),
                )
            }
            Rule::Order42ConfirmedTwice => {
                let sent = session.runner().bus().confirm_orders_delivered("42");
                (
                    sent >= 2,
                    format!(
                        "ConfirmOrder 42 delivered {}",
                        counted(sent, "time", "times")
                    ),
                )
            }
            Rule::TwoDuplicates => {
                let duplicates = session.runner().bus().duplicates_delivered();
                (
                    duplicates >= 2,
                    format!(
                        "{} delivered",
                        counted(duplicates, "duplicate", "duplicates")
                    ),
                )
            }
            Rule::ConfirmedOncePerOrder => once_per_order(session, 1),
            Rule::OnceWithOutboxStream => with_setting(
                session,
                IdempotencyMode::OutboxStream == idempotency(session),
            ),
            Rule::OnceWithAtomicTracking => with_setting(
                session,
                IdempotencyMode::AtomicTracking == idempotency(session),
            ),
            Rule::LinkRefusedUniqueId => link_refused(session),
            Rule::LinksWritten => links_written(session),
            Rule::OnceWithStateRows => {
                let rows = session.settings().strategy == StrategyKind::StateRow;
                let sent = session.runner().bus().confirm_orders_delivered("42");
                (
                    rows && sent == 1,
                    format!(
                        "strategy {}; ConfirmOrder 42 delivered {}",
                        session.settings().strategy.label(),
                        counted(sent, "time", "times")
                    ),
                )
            }
            Rule::DeclinedNotConfirmed => declined_not_confirmed(session),
            Rule::FourOrdersConfirmedOnce => once_per_order(session, 4),
            Rule::StoredInBusinessWords => fired(session, "CatererConfirmedMenu"),
            Rule::DeclineFired => fired(session, "CatererDeclinedMenu"),
        };
        Check {
            rule: self,
            holds,
            why,
        }
    }
}
