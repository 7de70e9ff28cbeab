//! What the active strategy keeps for one order, drawn from the core
//! (`core::process::kept_state`): the state row as a table row with its
//! lock, the own streams `CateringMatch$<order>` with the events linked
//! into them, or the order streams the projection folds; and, above it,
//! the links the single-stream store refused (lesson 6), shown without any
//! selection.

use std::rc::Rc;

use yew::prelude::*;

use super::process_state::menus_text;
use crate::core::domain::MenuId;
use crate::core::process::kept_state::{kept_state, last_handled_key, refused_links};
use crate::core::process::{KeptRow, KeptState, KeptStream, MatchState, RefusedLink, RowLock};
use crate::ui::state::SessionView;

#[derive(Properties, PartialEq)]
pub struct KeptProps {
    pub session: SessionView,
    /// The order chosen, if any.
    pub selected_order: Option<AttrValue>,
}

/// The refused links and what the strategy keeps for the selected order
/// (or, with none selected, the order handled last).
#[function_component(KeptStateView)]
pub fn kept_state_view(props: &KeptProps) -> Html {
    // The trace only grows within a session, so the refused links change
    // only with the session or the trace's length: a click does not scan
    // the whole trace again.
    let cell = props.session.cell().clone();
    let trace_len = cell.borrow().runner().trace().len();
    let refused = use_memo((Rc::as_ptr(&cell) as usize, trace_len), move |_| {
        refused_links(cell.borrow().runner())
    });
    let session = props.session.session();
    let runner = session.runner();
    let selected = props.selected_order.as_ref().map(ToString::to_string);
    let chosen = selected.is_some();
    let key = selected.or_else(|| last_handled_key(runner));
    let strategy = session.settings().strategy;
    let kept = key
        .as_deref()
        .map(|key| (key.to_owned(), kept_state(runner, session.store(), key)));
    drop(session);
    html! {
        <>
            if let Some(first) = refused.first() { { refused_view(first, refused.len()) } }
            if let Some((key, kept)) = kept {
                <div class="kept" role="group" aria-label={format!("What the strategy keeps for order {key}")}>
                    <h3>
                        { format!("What {} keeps for order {key}", strategy.name()) }
                        if !chosen { <span class="muted">{ " (handled last; select an order to see another)" }</span> }
                    </h3>
                    { match kept {
                        Ok(KeptState::Row(row)) => row_view(&row),
                        Ok(KeptState::OwnStreams(streams)) => html! {
                            <>
                                <p class="hint">{ "No row of its own: the state is the fold of the events linked into its own streams, one per context (a link stays in its context)." }</p>
                                { for streams.iter().map(stream_view) }
                            </>
                        },
                        Ok(KeptState::Projection(streams)) => html! {
                            <>
                                <p class="hint">{ "Nothing kept at all: each handling folds the order's streams up to the saved cursors. Those streams belong to the Sales and Catering aggregates, not to the process manager." }</p>
                                { for streams.iter().map(stream_view) }
                            </>
                        },
                        Err(error) => html! { <p class="empty">{ format!("Not readable: {error}") }</p> },
                    } }
                </div>
            } else {
                <p class="strategy-line">{ "Kept as: " }<strong>{ strategy.name() }</strong></p>
            }
        </>
    }
}

/// The store's refusal, as the trace recorded it, and what happened next.
fn refused_view(first: &RefusedLink, count: usize) -> Html {
    let after = match first.handled_again_at {
        Some(at) => format!(
            "Handled again at handling #{}, once the store accepted the link.",
            at + 1
        ),
        None => {
            "Not handled since: the cursor stays on this event until the store accepts the link."
                .to_owned()
        }
    };
    let more = (count > 1).then(|| format!(" ({count} refused handlings in all.)"));
    html! {
        <div class="refused-link" role="group" aria-label="Link refused by the store">
            <strong>{ format!("The store refused a link at handling #{}: ", first.handling + 1) }</strong>
            <span>{ &first.reason }</span>
            <p>{ after }{ more }</p>
        </div>
    }
}

fn lock_text(lock: &RowLock<MatchState<MenuId>>) -> String {
    match lock {
        RowLock::Released => "released".to_owned(),
        RowLock::HeldOnThisRow { uncommitted: None } => "held, nothing written yet".to_owned(),
        RowLock::HeldOnThisRow {
            uncommitted: Some(state),
        } => format!("held; uncommitted: {}", menus_text(state)),
        RowLock::HeldOnRow(other) => format!("free (the row of {other} is locked)"),
    }
}

fn row_view(row: &KeptRow<MatchState<MenuId>>) -> Html {
    let cells = row.committed.as_ref().map(|state| {
        let matched = state
            .matched()
            .map_or_else(|| "none".to_owned(), |menu| menu.to_string());
        let late = if state.late_decline().is_some() {
            "yes"
        } else {
            "no"
        };
        (menus_text(state), matched, late)
    });
    html! {
        <>
            <table class="kept-table">
                <caption>{ format!("Table catering_match, the row of order {}", row.key) }</caption>
                <thead><tr>
                    <th scope="col">{ "order_id" }</th><th scope="col">{ "menus (customer, caterer)" }</th>
                    <th scope="col">{ "matched_menu" }</th><th scope="col">{ "declined_too_late" }</th>
                    <th scope="col">{ "lock" }</th>
                </tr></thead>
                <tbody>
                    if let Some((menus, matched, late)) = cells {
                        <tr>
                            <td class="mono">{ &row.key }</td><td>{ menus }</td><td class="mono">{ matched }</td>
                            <td>{ late }</td><td>{ lock_text(&row.lock) }</td>
                        </tr>
                    } else {
                        <tr><td class="mono">{ &row.key }</td><td colspan="3">{ "no row yet" }</td><td>{ lock_text(&row.lock) }</td></tr>
                    }
                </tbody>
            </table>
            <p class="hint">{ format!("Lock: {}. No version and no history: each change overwrites the row in place.", row.how_locked) }</p>
        </>
    }
}

fn stream_view(stream: &KeptStream) -> Html {
    let whose = if stream.owned {
        "the process manager's own stream"
    } else {
        "the order's stream, not the process manager's"
    };
    let caption = format!("{} · {} ({whose})", stream.context, stream.stream);
    html! {
        <table class={classes!("kept-table", (!stream.owned).then_some("peeked"))}>
            <caption>{ caption }</caption>
            <thead><tr>
                <th scope="col">{ "version here" }</th><th scope="col">{ "event" }</th>
                <th scope="col">{ format!("position in {}", stream.context) }</th>
                if stream.owned {
                    <th scope="col">{ "linked from" }</th>
                } else {
                    <th scope="col">{ "read by the fold" }</th>
                }
            </tr></thead>
            <tbody>
                if stream.events.is_empty() {
                    <tr><td colspan="4">{ if stream.owned { "nothing linked yet" } else { "no event yet" } }</td></tr>
                }
                { for stream.events.iter().map(|e| html! {
                    <tr>
                        <td class="mono">{ e.version.0 }</td><td class="mono">{ &e.event_type }</td>
                        <td class="mono">{ e.position.0 }</td>
                        if stream.owned {
                            <td class="mono">{ format!("⤴ {} version {}", e.original_stream, e.original_version.0) }</td>
                        } else if e.read {
                            <td>{ "read" }</td>
                        } else {
                            <td class="muted">{ "not yet (past the cursor)" }</td>
                        }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
