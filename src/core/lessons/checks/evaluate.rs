//! The evaluation of each rule: numbers read from a session's store,
//! runner, bus and action log, and a sentence saying what they are.

use crate::core::domain::{CATERING, Command, Fact, SALES};
use crate::core::process::{HandlingOutcome, IdempotencyMode};
use crate::core::session::{Action, Session};
use crate::core::words::counted;

pub(super) fn idempotency(session: &Session) -> IdempotencyMode {
    session.settings().idempotency
}

pub(super) fn with_setting(session: &Session, setting: bool) -> (bool, String) {
    let (once, why) = once_per_order(session, 1);
    (
        setting && once,
        format!("idempotency {}; {why}", idempotency(session).label()),
    )
}

/// Events the attendee fired into Sales and Catering.
pub(super) fn fired_count(session: &Session) -> usize {
    session
        .actions()
        .iter()
        .map(|action| match action {
            Action::Fire { fact } if [SALES, CATERING].contains(&fact.context()) => 1,
            Action::FireRandomOrders { orders } => 2 * *orders as usize,
            _ => 0,
        })
        .sum()
}

/// Events stored in Sales and Catering.
pub(super) fn stored_count(session: &Session) -> usize {
    session
        .store()
        .contexts()
        .iter()
        .filter(|context| context.name == SALES || context.name == CATERING)
        .map(|context| context.event_count)
        .sum()
}

pub(super) fn duplicates_refused(session: &Session, at_least: usize) -> (bool, String) {
    let refused = session
        .actions()
        .iter()
        .filter(|action| matches!(action, Action::AppendAgainWithId { .. }))
        .count();
    let (fired, stored) = (fired_count(session), stored_count(session));
    (
        refused >= at_least && fired == stored,
        format!(
            "{} of a stored id refused; {} stored for {fired} fired",
            counted(refused, "append", "appends"),
            counted(stored, "event", "events")
        ),
    )
}

/// The Sales log's last position and its number of events.
pub(super) fn sales_log(session: &Session) -> (u64, u64) {
    let contexts = session.store().contexts();
    let sales = contexts.iter().find(|context| context.name == SALES);
    sales.map_or((0, 0), |info| {
        (info.head_position.0, info.event_count as u64)
    })
}

pub(super) fn cursor_over_gaps(session: &Session, rollbacks_needed: usize) -> (bool, String) {
    let rollbacks = session
        .actions()
        .iter()
        .filter(|action| matches!(action, Action::RollBack { context, .. } if context == SALES))
        .count();
    let (head, count) = sales_log(session);
    let cursor = session
        .runner()
        .saved_cursors()
        .get(SALES)
        .map_or(0, |position| position.0);
    let events_after_gap = head > count && cursor == head && head > 0;
    (
        rollbacks >= rollbacks_needed && events_after_gap,
        format!(
            "{} in Sales; log ends at {head} with {}; cursor at {cursor}",
            counted(rollbacks, "rollback", "rollbacks"),
            counted(count, "event", "events")
        ),
    )
}

pub(super) fn caught_up(session: &Session, restarts_needed: usize) -> (bool, String) {
    let runner = session.runner();
    let restarts = runner.trace().restarts().len();
    let mut handled: Vec<_> = runner
        .trace()
        .entries()
        .iter()
        .filter(|entry| entry.outcome == HandlingOutcome::Handled)
        .map(|entry| entry.event.id)
        .collect();
    let all = handled.len();
    handled.sort();
    handled.dedup();
    let twice = all - handled.len();
    let behind: Vec<&str> = session
        .store()
        .contexts()
        .iter()
        .filter(|context| context.name == SALES || context.name == CATERING)
        .filter(|context| {
            runner
                .saved_cursors()
                .get(&context.name)
                .map_or(0, |position| position.0)
                < context.head_position.0
        })
        .map(|context| {
            if context.name == SALES {
                SALES
            } else {
                CATERING
            }
        })
        .collect();
    let why = if behind.is_empty() {
        format!(
            "{}; both cursors on their log's head; {} handled twice",
            counted(restarts, "restart", "restarts"),
            counted(twice, "event", "events")
        )
    } else {
        format!(
            "{}; cursor behind in {}",
            counted(restarts, "restart", "restarts"),
            behind.join(" and ")
        )
    };
    (
        restarts >= restarts_needed && behind.is_empty() && twice == 0,
        why,
    )
}

pub(super) fn crashes(session: &Session) -> usize {
    let entries = session.runner().trace().entries();
    entries
        .iter()
        .filter(|entry| matches!(entry.outcome, HandlingOutcome::Crashed(_)))
        .count()
}

pub(super) fn once_per_order(session: &Session, orders_needed: usize) -> (bool, String) {
    let bus = session.runner().bus();
    let mut orders = 0;
    let mut more_than_once = Vec::new();
    for (command, count) in bus.delivered_counts() {
        let Command::ConfirmOrder { order_id, .. } = command else {
            continue;
        };
        orders += 1;
        if count > 1 {
            more_than_once.push(format!("{} ({count} times)", order_id));
        }
    }
    let why = if orders == 0 {
        "no order confirmed yet".to_owned()
    } else if more_than_once.is_empty() {
        format!(
            "{} confirmed, each once",
            counted(orders, "order", "orders")
        )
    } else {
        format!("confirmed more than once: {}", more_than_once.join(", "))
    };
    (orders >= orders_needed && more_than_once.is_empty(), why)
}

pub(super) fn link_refused(session: &Session) -> (bool, String) {
    let entries = session.runner().trace().entries();
    let refused = entries.iter().find_map(|entry| match &entry.outcome {
        HandlingOutcome::Failed { reason } if reason.contains("unique") => Some(reason.clone()),
        _ => None,
    });
    match refused {
        Some(reason) => (true, format!("the store said: {reason}")),
        None => (false, "no link refused yet".to_owned()),
    }
}

pub(super) fn links_written(session: &Session) -> (bool, String) {
    let store = session.store();
    let linked: usize = [SALES, CATERING]
        .iter()
        .filter_map(|context| store.stream_version(context, "CateringMatch$42").ok())
        .flatten()
        .map(|version| version.0 as usize + 1)
        .sum();
    let off = !store.single_stream();
    (
        off && linked >= 2,
        format!(
            "{} linked into CateringMatch$42; single-stream store {}",
            counted(linked, "event", "events"),
            if off { "off" } else { "on" }
        ),
    )
}

pub(super) fn declined_not_confirmed(session: &Session) -> (bool, String) {
    let bus = session.runner().bus();
    let declined: Vec<String> = fired_facts(session)
        .filter_map(|fact| match fact {
            Fact::CatererDeclinedMenu(declined) => Some(declined.order_id.to_string()),
            _ => None,
        })
        .collect();
    let unconfirmed: Vec<&String> = declined
        .iter()
        .filter(|order| bus.confirm_orders_delivered(order) == 0)
        .collect();
    match unconfirmed.first() {
        Some(order) => (
            true,
            format!("order {order} was declined and not confirmed"),
        ),
        None if declined.is_empty() => (false, "no decline fired yet".to_owned()),
        None => (
            false,
            "every declined order was confirmed (before its decline, or after the caterer confirmed again)".to_owned(),
        ),
    }
}

pub(super) fn fired(session: &Session, event_type: &str) -> (bool, String) {
    let count = fired_facts(session)
        .filter(|fact| fact.event_type() == event_type)
        .count();
    (count >= 1, format!("{count} {event_type} fired"))
}

/// The facts the attendee fired one by one, without copying them.
fn fired_facts(session: &Session) -> impl Iterator<Item = &Fact> {
    session.actions().iter().filter_map(|action| match action {
        Action::Fire { fact } => Some(fact),
        _ => None,
    })
}
