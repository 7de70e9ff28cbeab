//! The guided tour: one ready-made session per lesson of the workshop.
//!
//! Each [`Lesson`] is settings plus a short list of [`Action`]s, replayed
//! like any other session, and a few sentences telling the attendee what to
//! look at on screen and what it means. The scenarios live here, in the
//! core, so that what each lesson claims to show is tested natively
//! (`tests/session_lessons.rs`). What each lesson is for and checks is in
//! `goals.rs`; playing it step by step in `player.rs`.

use crate::core::domain::{Fact, IdError, SALES, order_stream};
use crate::core::process::{CrashPoint, IdempotencyMode, StrategyKind};
use crate::core::session::{Action, DEFAULT_SEED, Session, SessionError, Settings};

/// One lesson of the tour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// 1 to 8, as in the brief (`../shared/DOMAIN.md`).
    pub number: u8,
    pub title: &'static str,
    /// Two to four sentences: what to look at on screen, and what it means.
    pub what_to_look_at: &'static str,
    pub settings: Settings,
    pub actions: Vec<Action>,
}

impl Lesson {
    /// The button text: `1. Event store basics`.
    pub fn label(&self) -> String {
        format!("{}. {}", self.number, self.title)
    }

    /// The lesson's session: its actions replayed with the default seed.
    pub fn session(&self) -> Result<Session, SessionError> {
        Session::replay(DEFAULT_SEED, self.settings, &self.actions)
    }

    /// What the store said to each of the lesson's appends it must refuse
    /// (lesson 1), in order.
    pub fn store_refusals(&self) -> Result<Vec<String>, SessionError> {
        let mut session = Session::new(DEFAULT_SEED, self.settings);
        let mut said = Vec::new();
        for action in &self.actions {
            let attempt = action.is_store_refusal_attempt();
            let outcome = session.perform(action.clone())?;
            if attempt {
                said.push(outcome.message);
            }
        }
        Ok(said)
    }
}

/// The eight lessons, in order.
pub fn lessons() -> Vec<Lesson> {
    // Every id below is a valid literal and `build_lessons` is tested to
    // succeed, so the fallback is never taken.
    build_lessons().unwrap_or_default()
}

fn customer(order: &str, menu: &str) -> Result<Action, IdError> {
    Ok(Action::Fire {
        fact: Fact::customer_confirmed(order, menu)?,
    })
}

fn caterer(order: &str, menu: &str) -> Result<Action, IdError> {
    Ok(Action::Fire {
        fact: Fact::caterer_confirmed(order, menu)?,
    })
}

fn declined(order: &str, menu: &str) -> Result<Action, IdError> {
    Ok(Action::Fire {
        fact: Fact::caterer_declined(order, menu)?,
    })
}

fn with_idempotency(idempotency: IdempotencyMode) -> Settings {
    Settings {
        idempotency,
        ..Settings::default()
    }
}

/// The crash of lessons 4 and 5: the caterer's confirmation completes the
/// match, the process manager crashes at `point` (after sending, or after
/// the outbox's dispatcher sent), then restarts.
fn crash_then_restart(point: CrashPoint) -> Result<Vec<Action>, IdError> {
    Ok(vec![
        customer("42", "1")?,
        Action::ArmCrash { point },
        caterer("42", "1")?,
        Action::Restart,
    ])
}

/// Lesson 1: four events, then the store's three refusals. The duplicate
/// needs the id the first event was given, so the four events are replayed
/// once to read it.
fn lesson_one() -> Result<Vec<Action>, IdError> {
    let mut actions = vec![
        customer("42", "1")?,
        customer("43", "1")?,
        customer("42", "2")?,
        caterer("42", "1")?,
    ];
    let first_id = Session::replay(DEFAULT_SEED, Settings::default(), &actions)
        .ok()
        .and_then(|session| {
            let store = session.store();
            let mut events = store.stream_events(SALES, &order_stream("42")).ok()?;
            events.next().map(|event| event.id)
        });
    // The four events above are always accepted, so the id is found.
    if let Some(event_id) = first_id {
        actions.push(Action::AppendAgainWithId { event_id });
    }
    actions.push(Action::AppendWithStaleVersion {
        fact: Fact::customer_confirmed("42", "3")?,
    });
    actions.push(Action::AppendInvalidBatch {
        fact: Fact::customer_confirmed("43", "2")?,
    });
    Ok(actions)
}

fn build_lessons() -> Result<Vec<Lesson>, IdError> {
    Ok(vec![
        Lesson {
            number: 1,
            title: "Event store basics",
            what_to_look_at: "Each click appended one event to its order's stream: Order$42 exists \
                once in Sales and once in Catering. In Streams, each chip starts with the event's \
                version in its stream, counting from 0 (menu 2 is version 1 of Sales Order$42); \
                select one to see its id and its position in the context's log. The last three \
                clicks were refused by the store, each with its own message: the first event \
                appended again with its own id (a duplicate id), an append expecting an older \
                version of Sales Order$42 than its newest (a conflict), and a batch of two whose \
                second event reuses the first one's id (nothing of the batch was written). The \
                store is exactly as it was before each; try them with the buttons under \"Appends the \
                store must refuse\".",
            settings: Settings::default(),
            actions: lesson_one()?,
        },
        Lesson {
            number: 2,
            title: "Positions and gaps",
            what_to_look_at: "The Sales log holds positions 1, 2 and 5: a transaction that was \
                rolled back used up 3 and 4, and Streams names them as a gap. Positions only \
                grow; they do not have to follow each other. In Cursors the process manager \
                stepped over the gap without fuss, because it only remembers the last position \
                it handled and reads on from there.",
            settings: Settings::default(),
            actions: vec![
                customer("42", "1")?,
                customer("43", "1")?,
                Action::RollBack {
                    context: SALES.to_owned(),
                    positions: 2,
                },
                customer("44", "1")?,
                caterer("42", "1")?,
            ],
        },
        Lesson {
            number: 3,
            title: "One cursor per log",
            what_to_look_at: "Cursors shows two pointers, one for the Sales log and one for the \
                Catering log, because positions of different logs cannot be compared. Here the \
                process manager handled two events one Step at a time, then crashed after \
                reading Sales position 2, before handling it, so its Sales cursor stayed on 1; \
                after the restart, Catch up went on from the saved cursors, read position 2 \
                again and handled it and the newer Catering event, none of them twice. Handle \
                automatically is off, so press Step yourself on new events to watch one cursor \
                move at a time.",
            settings: Settings::default(),
            actions: vec![
                Action::SetAutoHandle { on: false },
                customer("42", "1")?,
                caterer("42", "1")?,
                customer("43", "1")?,
                Action::Step,
                Action::Step,
                Action::ArmCrash {
                    point: CrashPoint::AfterRead,
                },
                Action::Step,
                Action::Restart,
                caterer("43", "1")?,
                Action::CatchUp,
            ],
        },
        Lesson {
            number: 4,
            title: "At-least-once: the duplicate",
            what_to_look_at: "The process manager crashed after sending ConfirmOrder but before \
                saving its cursor. After the restart it read the caterer's confirmation again and \
                sent the command once more: Commands shows a DUPLICATE delivered for order 42. \
                Sending and moving the cursor are two steps, not one transaction, so at-least-once \
                delivery means the effect can happen twice.",
            settings: Settings::default(),
            actions: crash_then_restart(CrashPoint::AfterSend)?,
        },
        Lesson {
            number: 5,
            title: "Exactly-once effects",
            what_to_look_at: "The same crash, now with an outbox stream: the process manager \
                appended ConfirmOrder to CateringMatch-outbox (in Streams, under the \
                CateringMatch context) and a dispatcher, with its own cursor on that log (in \
                Cursors), sent it and crashed before moving its cursor. After the restart the \
                dispatcher sent it again with the same id, the outbox event's, so the receiver \
                dropped it (dropped: same command id in Commands) and order 42 is confirmed once. \
                Switch Idempotency to compare: Deterministic command ids and Atomic tracking also \
                confirm it once, None twice.",
            settings: with_idempotency(IdempotencyMode::OutboxStream),
            actions: crash_then_restart(CrashPoint::AfterDispatch)?,
        },
        Lesson {
            number: 6,
            title: "Three ways to keep state",
            what_to_look_at: "The event-sourced strategy links each event it handles into its \
                own stream, CateringMatch$42. With Single-stream store on, an event may live in \
                one stream only, so the link failed with a unique-id violation (in red in Process \
                state) and the process manager stayed on that event. Turning the switch off and \
                catching up fixed it: Process state lists the events linked into CateringMatch$42 \
                of each context, and Streams marks the links (⤴). Switch State strategy to see \
                instead one row of a table per order, changed under a lock, or a projection that \
                folds Order$42, a stream it does not own.",
            settings: Settings {
                strategy: StrategyKind::EventSourced,
                ..Settings::default()
            },
            actions: vec![
                Action::SetSingleStream { on: true },
                customer("42", "1")?,
                caterer("42", "1")?,
                Action::SetSingleStream { on: false },
                Action::CatchUp,
            ],
        },
        Lesson {
            number: 7,
            title: "Order does not matter",
            what_to_look_at: "Confirmations for orders 42 to 45 arrived mixed up, sometimes the \
                customer first, sometimes the caterer. Commands shows each of 42, 43 and 44 \
                confirmed once, and 45 not at all because the caterer declined. The \
                Specifications panel makes this a proof: a log never reorders a stream, so Run all \
                specifications tries every ordering of each specification's givens that keeps \
                each stream's order (the count is on each card) with all three strategies, and \
                Turn this session into a spec checks what was delivered here the same way. Choose \
                CustomerFirstMatch, a process manager with an order bug, and run again: \
                \"The first menu both sides agree on is the match\" passes in its written order \
                and fails in its third ordering.",
            settings: Settings::default(),
            actions: vec![
                customer("42", "1")?,
                caterer("43", "1")?,
                caterer("44", "1")?,
                caterer("42", "1")?,
                customer("43", "1")?,
                customer("45", "1")?,
                customer("44", "1")?,
                declined("45", "1")?,
            ],
        },
        Lesson {
            number: 8,
            title: "Words matter",
            what_to_look_at: "Left, the change as the business tells it: the caterer confirmed \
                menu 1 of order 42. Right, what a table-centric system would keep of the same \
                change: a flag set on a row, with no word of who did what. Select another event in \
                Streams to compare; a decline would become caterer_confirmed = false, which reads \
                just like no answer yet.",
            settings: Settings::default(),
            actions: vec![customer("42", "1")?, caterer("42", "1")?],
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_lessons_build_in_order_with_short_texts() {
        let built = build_lessons().unwrap();
        assert_eq!(built, lessons());
        let numbers: Vec<u8> = built.iter().map(|lesson| lesson.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7, 8]);
        for lesson in &built {
            let sentences = lesson.what_to_look_at.matches(". ").count() + 1;
            assert!((2..=4).contains(&sentences), "{}", lesson.label());
        }
    }
}
