//! The specifications of the lessons, ready for the UI to list and run.

use crate::core::domain::{Command, ConferenceId, Fact, IdError, MenuId, OrderId};
use crate::core::process::{CrashPoint, IdempotencyMode, RoomAllocation};
use crate::core::spec::Spec;

/// The lessons' specifications, each with a one-line explanation. All of
/// them pass with every strategy.
pub fn lesson_specs() -> Vec<Spec> {
    // The ids below are valid literals; `build_lesson_specs` is tested to
    // succeed, so the fallback is never taken.
    build_lesson_specs().unwrap_or_default()
}

/// A specification that is wrong on purpose, to show what a failure looks
/// like: it fails in every ordering of its givens. `None` is never
/// returned (valid literal ids; tested).
pub fn deliberately_wrong_spec() -> Option<Spec> {
    let spec = Spec::named("Deliberately wrong: the last confirmation decides the menu")
        .explained(
            "Claims that fish wins because the caterer confirms it last. But the givens \
             already confirm vegan on both sides, whatever their order, so the order is \
             matched to vegan before the when arrives, and a late fish confirmation sends \
             nothing: the spec fails for every ordering of its givens.",
        )
        .lesson(7)
        .given([
            customer("42", "fish").ok()?,
            customer("42", "vegan").ok()?,
            caterer("42", "vegan").ok()?,
        ])
        .when(caterer("42", "fish").ok()?)
        .then([confirm("42", "fish").ok()?]);
    Some(spec)
}

fn customer(order: &str, menu: &str) -> Result<Fact, IdError> {
    Fact::customer_confirmed(order, menu)
}

fn caterer(order: &str, menu: &str) -> Result<Fact, IdError> {
    Fact::caterer_confirmed(order, menu)
}

fn declined(order: &str, menu: &str) -> Result<Fact, IdError> {
    Fact::caterer_declined(order, menu)
}

fn confirm(order: &str, menu: &str) -> Result<Command, IdError> {
    Ok(Command::ConfirmOrder {
        order_id: OrderId::parse(order)?,
        menu_id: MenuId::parse(menu)?,
    })
}

fn registrations(count: usize) -> Result<Vec<Fact>, IdError> {
    (1..=count)
        .map(|n| Fact::participant_registered("rustconf", &format!("participant-{n}")))
        .collect()
}

fn allocate() -> Result<Command, IdError> {
    Ok(Command::AllocateRooms {
        conference_id: ConferenceId::parse("rustconf")?,
    })
}

/// A crash after sending, in the given idempotency mode.
fn crash_after_send(
    name: &str,
    explanation: &str,
    lesson: u8,
    mode: IdempotencyMode,
    then: Vec<Command>,
) -> Result<Spec, IdError> {
    Ok(Spec::named(name)
        .explained(explanation)
        .lesson(lesson)
        .given([customer("42", "vegan")?])
        .when(caterer("42", "vegan")?)
        .crashing(CrashPoint::AfterSend)
        .idempotency(mode)
        .then(then))
}

/// The name of the lesson 7 specification that catches
/// [`crate::core::process::CustomerFirstMatch`] only in a later ordering.
pub const FIRST_AGREEMENT_WINS: &str = "The first menu both sides agree on is the match";

/// Vegan is agreed on in every ordering of the givens, so a later
/// agreement on fish sends nothing. The givens are written with the
/// customer's vegan confirmation last, which hides the order bug of
/// `CustomerFirstMatch`; the third ordering (customer first) shows it.
fn first_agreement_wins() -> Result<Spec, IdError> {
    Ok(Spec::named(FIRST_AGREEMENT_WINS)
        .explained(
            "Both sides confirm vegan among the givens, so the order is matched to vegan and a \
             later agreement on fish sends nothing. The written order has the customer confirm \
             vegan last; a process manager that looks for a match only when a customer confirms \
             passes that order and fails the ordering where the customer confirms vegan first.",
        )
        .lesson(7)
        .given([
            caterer("42", "vegan")?,
            caterer("42", "fish")?,
            customer("42", "vegan")?,
        ])
        .when(customer("42", "fish")?)
        .then_nothing())
}

pub(super) fn build_lesson_specs() -> Result<Vec<Spec>, IdError> {
    let threshold = RoomAllocation::DEFAULT_THRESHOLD;
    Ok(vec![
        Spec::named("Customer first, caterer second: the order is confirmed")
            .explained("The second confirmation of the same menu completes the match and sends ConfirmOrder.")
            .lesson(7)
            .given([customer("42", "vegan")?])
            .when(caterer("42", "vegan")?)
            .then([confirm("42", "vegan")?]),
        Spec::named("Caterer first, customer second: the order is confirmed")
            .explained("Which side confirms first does not matter.")
            .lesson(7)
            .given([caterer("42", "vegan")?])
            .when(customer("42", "vegan")?)
            .then([confirm("42", "vegan")?]),
        Spec::named("Confirmations of different menus do not match")
            .explained("Customer and caterer must agree on the same menu.")
            .lesson(7)
            .given([customer("42", "vegan")?])
            .when(caterer("42", "fish")?)
            .then_nothing(),
        Spec::named("Another order's confirmation does not count")
            .explained("Each order is matched on its own: the correlation key is the order id.")
            .lesson(7)
            .given([customer("42", "vegan")?, caterer("43", "vegan")?])
            .when(customer("43", "fish")?)
            .then_nothing(),
        Spec::named("A declined menu confirms nothing")
            .explained("The caterer's latest answer for that menu is no, so it cannot match unless the caterer confirms it again.")
            .lesson(7)
            .given([customer("42", "vegan")?])
            .when(declined("42", "vegan")?)
            .then_nothing(),
        Spec::named("After a decline, another menu can still match")
            .explained("A decline withdraws the caterer's answer for one menu, not the order.")
            .lesson(7)
            .given([customer("42", "vegan")?, declined("42", "vegan")?, customer("42", "fish")?])
            .when(caterer("42", "fish")?)
            .then([confirm("42", "fish")?]),
        Spec::named("A second menu confirmed after the match sends nothing")
            .explained("An order is matched once; later agreements on other menus are ignored.")
            .lesson(7)
            .given([customer("42", "vegan")?, caterer("42", "vegan")?, customer("42", "fish")?])
            .when(caterer("42", "fish")?)
            .then_nothing(),
        first_agreement_wins()?,
        crash_after_send(
            "Crash after sending, no idempotency: ConfirmOrder arrives twice",
            "The cursor was not saved, so the event is handled again after the restart and the command is sent again.",
            4,
            IdempotencyMode::None,
            vec![confirm("42", "vegan")?, confirm("42", "vegan")?],
        )?,
        Spec::named("Crash before sending: ConfirmOrder arrives once")
            .explained("Nothing was sent before the crash; handling the event again sends the command once.")
            .lesson(4)
            .given([customer("42", "vegan")?])
            .when(caterer("42", "vegan")?)
            .crashing(CrashPoint::AfterStateChange)
            .then([confirm("42", "vegan")?]),
        crash_after_send(
            "Crash after sending, deterministic ids: the receiver drops the repeat",
            "The repeated command has the same id, so the bus delivers it only once.",
            5,
            IdempotencyMode::DeterministicIds,
            vec![confirm("42", "vegan")?],
        )?,
        crash_after_send(
            "Crash after the commit, atomic tracking: the outbox is dispatched once",
            "State, outbox and cursor were committed together; the restart dispatches the outbox and reads on.",
            5,
            IdempotencyMode::AtomicTracking,
            vec![confirm("42", "vegan")?],
        )?,
        crash_after_send(
            "Crash after queueing, outbox stream: the dispatcher sends once",
            "ConfirmOrder was appended to CateringMatch-outbox before the cursor was saved; \
             handling the event again finds it there (same ids), and the restart's dispatcher \
             reads the outbox through its own cursor and sends it once.",
            5,
            IdempotencyMode::OutboxStream,
            vec![confirm("42", "vegan")?],
        )?,
        Spec::named("Given 999 registered, when one more registers, then rooms are allocated")
            .explained("The thousandth distinct participant reaches the threshold: AllocateRooms, once.")
            .lesson(7)
            .for_rooms(threshold)
            .given(registrations(threshold - 1)?)
            .when(Fact::participant_registered("rustconf", "participant-1000")?)
            .then([allocate()?]),
        Spec::named("Short of the threshold, rooms wait")
            .explained("Rooms wait until the threshold is reached.")
            .lesson(7)
            .for_rooms(3)
            .given(registrations(1)?)
            .when(Fact::participant_registered("rustconf", "participant-2")?)
            .then_nothing(),
        Spec::named("Registering twice counts once")
            .explained("The threshold counts distinct participants, so a repeated registration adds nobody.")
            .lesson(7)
            .for_rooms(3)
            .given(registrations(2)?)
            .when(Fact::participant_registered("rustconf", "participant-2")?)
            .then_nothing(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_spec_builds_and_is_explained() {
        let specs = build_lesson_specs().unwrap();
        assert_eq!(specs.len(), lesson_specs().len());
        assert!(
            specs
                .iter()
                .all(|spec| !spec.explanation.is_empty() && spec.when.is_some())
        );
        assert!(deliberately_wrong_spec().is_some());
    }
}
