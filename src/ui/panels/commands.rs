//! The Commands panel: every delivery attempt on the command bus, with the
//! event that caused it, duplicates highlighted, and ConfirmOrder per order
//! as the bus tallied it (`CommandBus::tally`).
use yew::prelude::*;

use crate::core::ids::EventId;
use crate::core::process::DeliveryOutcome;
use crate::core::words::counted;
use crate::ui::state::SessionView;
use crate::ui::virtual_list::VirtualList;

#[derive(Properties, PartialEq)]
pub struct CommandsProps {
    /// The session whose command bus is drawn.
    pub session: SessionView,
    /// Shows an event (a command's cause or its conversation's first event).
    pub on_select_event: Callback<Option<EventId>>,
}

#[function_component(CommandsPanel)]
pub fn commands_panel(props: &CommandsProps) -> Html {
    let revision = props.session.revision();
    let session = props.session.session();
    let bus = session.runner().bus();
    let count = bus.attempts().len();
    // The bus counted as the attempts came: nothing is counted again here.
    // (The catering match sends only ConfirmOrder, one per order: the first
    // menu both sides confirm stays the order's match.)
    let tally = bus.tally();
    let (once, dropped) = (tally.once, tally.dropped);
    let more: Vec<(String, usize)> = tally
        .more
        .iter()
        .map(|(command, n)| (command.target().to_owned(), *n))
        .collect();
    drop(session);
    let render_row = {
        let (view, select) = (props.session.clone(), props.on_select_event.clone());
        // Newest first.
        Callback::from(move |i: usize| attempt_row(&view, &select, count.saturating_sub(i + 1)))
    };
    html! {
        <>
            <div class="tally" role="status" aria-label="ConfirmOrder per order">
                if once > 0 {
                    <span class="badge ok">{ format!("{} confirmed once", counted(once, "order", "orders")) }</span>
                }
                if !more.is_empty() {
                    <span class="badge bad">{ format!("{} confirmed more than once", counted(more.len(), "order", "orders")) }</span>
                }
                if dropped > 0 {
                    <span class="badge muted">{ format!("{} dropped by the receiver", counted(dropped, "duplicate", "duplicates")) }</span>
                }
            </div>
            if !more.is_empty() {
                <p class="duplicates-list">{ "ConfirmOrder more than once: " }
                    { for more.iter().take(8).map(|(o, n)| html! { <span class="tag duplicate mono">{ format!("order {o} × {n}") }</span> }) }
                </p>
            }
            if count == 0 {
                <p class="empty">{ "No command sent yet: an order needs both confirmations of the same menu." }</p>
            }
            <VirtualList label="Command bus deliveries, newest first" {count} render_row={render_row} revision={revision} row_em={3.4} visible_rows={5} />
        </>
    }
}

fn attempt_row(view: &SessionView, select: &Callback<Option<EventId>>, index: usize) -> Html {
    let session = view.session();
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
    let select = |id| select.reform(move |_: MouseEvent| Some(id));
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
                <span class="mono command-name">{ delivery.envelope.command.to_string() }</span>
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
