//! The Commands panel: every delivery attempt on the command bus, with the
//! event that caused it, duplicates highlighted, and ConfirmOrder per order.
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::{Rc, Weak};

use yew::prelude::*;

use crate::core::domain::Command;
use crate::core::ids::EventId;
use crate::core::process::{Delivery, DeliveryOutcome};
use crate::core::session::Session;
use crate::core::words::counted;
use crate::ui::state::{AppHandle, UiAction};
use crate::ui::virtual_list::VirtualList;

#[derive(Properties, PartialEq)]
pub struct CommandsProps {
    pub state: AppHandle,
}

/// How many orders got ConfirmOrder once, and which got it more often,
/// counted incrementally: each render reads only the attempts recorded since
/// the last one (the bus only ever appends attempts), instead of counting
/// every delivery again. Another session, or fewer attempts than seen,
/// starts the count again from nothing.
#[derive(Default)]
struct Tally {
    /// The session counted (weak: its address cannot be reused meanwhile).
    session: Weak<RefCell<Session>>,
    /// Attempts already counted.
    seen: usize,
    /// ConfirmOrder deliveries per order.
    per_order: HashMap<String, usize>,
    /// Orders with exactly one.
    once: usize,
    /// Orders with more than one, sorted, with how many.
    more: BTreeMap<String, usize>,
    /// Attempts dropped by the receiver (a command id seen before).
    dropped: usize,
}

impl Tally {
    fn refresh(&mut self, session: &Rc<RefCell<Session>>) {
        let same_session = self
            .session
            .upgrade()
            .is_some_and(|known| Rc::ptr_eq(&known, session));
        let current = session.borrow();
        let bus = current.runner().bus();
        if !same_session || bus.attempts().len() < self.seen {
            *self = Tally {
                session: Rc::downgrade(session),
                ..Tally::default()
            };
        }
        for delivery in bus.attempts_since(self.seen) {
            self.count(delivery);
        }
        self.seen = bus.attempts().len();
    }

    fn count(&mut self, delivery: &Delivery) {
        if !delivery.was_delivered() {
            self.dropped += 1;
            return;
        }
        let Command::ConfirmOrder { order_id, .. } = &delivery.envelope.command else {
            return;
        };
        let count = self.per_order.entry(order_id.to_string()).or_default();
        *count += 1;
        match *count {
            1 => self.once += 1,
            2 => {
                self.once -= 1;
                self.more.insert(order_id.to_string(), 2);
            }
            n => {
                self.more.insert(order_id.to_string(), n);
            }
        }
    }
}

#[function_component(CommandsPanel)]
pub fn commands_panel(props: &CommandsProps) -> Html {
    let revision = props.state.revision;
    let count = props.state.session().runner().bus().attempts().len();
    let tally = use_mut_ref(Tally::default);
    tally.borrow_mut().refresh(&props.state.session_rc());
    let summary = tally.borrow();
    let render_row = {
        let state = props.state.clone();
        // Newest first.
        Callback::from(move |i: usize| attempt_row(&state, count.saturating_sub(i + 1)))
    };
    html! {
        <>
            <div class="tally" role="status" aria-label="ConfirmOrder per order">
                if summary.once > 0 {
                    <span class="badge ok">{ format!("{} confirmed once", counted(summary.once, "order", "orders")) }</span>
                }
                if !summary.more.is_empty() {
                    <span class="badge bad">{ format!("{} confirmed more than once", counted(summary.more.len(), "order", "orders")) }</span>
                }
                if summary.dropped > 0 {
                    <span class="badge muted">{ format!("{} dropped by the receiver", counted(summary.dropped, "duplicate", "duplicates")) }</span>
                }
            </div>
            if !summary.more.is_empty() {
                <p class="duplicates-list">{ "ConfirmOrder more than once: " }
                    { for summary.more.iter().take(8).map(|(o, n)| html! { <span class="tag duplicate mono">{ format!("order {o} × {n}") }</span> }) }
                </p>
            }
            if count == 0 {
                <p class="empty">{ "No command sent yet: an order needs both confirmations of the same menu." }</p>
            }
            <VirtualList label="Command bus deliveries, newest first" {count} render_row={render_row} revision={revision} row_em={3.4} visible_rows={5} />
        </>
    }
}

fn attempt_row(state: &AppHandle, index: usize) -> Html {
    let session = state.session();
    let Some(delivery) = session.runner().bus().attempts().get(index) else {
        return html! {};
    };
    let cause = delivery.envelope.causation_id;
    let correlation = delivery.envelope.correlation_id;
    let place = |id| {
        session
            .store()
            .event(id)
            .map(|e| format!("{} #{}", e.context, e.position.0))
            .unwrap_or_else(|| "an event".to_owned())
    };
    let (cause_text, conversation_text) = (place(cause), place(correlation));
    let select = |id| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(UiAction::SelectEvent(Some(id))))
    };
    let (onclick, on_conversation) = (select(cause), select(correlation));
    let (label, class) = match (delivery.outcome, delivery.is_duplicate) {
        (DeliveryOutcome::DroppedDuplicateId, _) => ("dropped: same command id", "dropped"),
        (DeliveryOutcome::Delivered, true) => ("DUPLICATE delivered", "duplicate"),
        (DeliveryOutcome::Delivered, false) => ("delivered", "delivered"),
    };
    html! {
        <div class={classes!("command-row", class)}>
            <div class="command-line">
                <span class="mono muted">{ format!("#{}", delivery.attempt + 1) }</span>
                <span class="mono command-name">{ command_text(&delivery.envelope.command) }</span>
                <span class={classes!("badge", class)}>{ label }</span>
            </div>
            <div class="command-line ids">
                <button type="button" class="link" {onclick}
                    title={format!("Show the event that caused this command (causation id {cause})")}>
                    { format!("caused by {cause_text}") }</button>
                <span class="mono muted">{ format!("causation {}", short_id(cause)) }</span>
                <button type="button" class="link" onclick={on_conversation}
                    title={format!("Show the first event of the order's conversation (correlation id {correlation})")}>
                    { format!("conversation of {conversation_text}") }</button>
                <span class="mono muted">{ format!("correlation {}", short_id(correlation)) }</span>
            </div>
        </div>
    }
}

/// The first eight hex digits of an id, enough to tell ids apart on screen
/// (the full id is in the title and in the event details).
fn short_id(id: EventId) -> String {
    id.to_string().chars().take(8).collect()
}

/// `ConfirmOrder(order 42, menu 1)`.
pub fn command_text(command: &Command) -> String {
    match command {
        Command::ConfirmOrder { order_id, menu_id } => {
            format!("ConfirmOrder(order {order_id}, menu {menu_id})")
        }
        Command::AllocateRooms { conference_id } => {
            format!("AllocateRooms(conference {conference_id})")
        }
    }
}
