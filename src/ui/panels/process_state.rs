//! The Process state panel: what the active strategy keeps for one order
//! (`kept_state.rs`), every order's state, time travel over the handlings,
//! and the fold of the selected order step by step with its causation graph.
use std::rc::Rc;

use yew::prelude::*;

use super::graph::CausationGraph;
use super::kept_state::KeptStateView;
use super::order_index::OrderIndex;
use crate::core::domain::{CATERING, MenuId, SALES, order_stream};
use crate::core::process::ProcessManager;
use crate::core::process::handling_order::handling_key;
use crate::core::process::{
    CatererAnswer, CateringMatch, Cursors, HandlingOutcome, MatchState, MatchStatus, time_travel,
};
use crate::core::store::{EventStore, StreamVersion};
use crate::ui::state::{AppHandle, UiAction};
use crate::ui::virtual_list::VirtualList;

#[derive(Properties, PartialEq)]
pub struct ProcessProps {
    pub state: AppHandle,
}

/// `matched menu 1`, `declined`, `pending`; a matched order whose menu the
/// caterer declined afterwards also says that the decline came too late.
pub fn status_badge(state: &MatchState<MenuId>) -> Html {
    match state.status() {
        MatchStatus::Matched(menu) => html! {
            <>
                <span class="badge ok">{ format!("matched · menu {menu}") }</span>
                if state.late_decline().is_some() {
                    <span class="badge bad late-decline" title={CateringMatch::TOO_LATE}
                          aria-label={CateringMatch::TOO_LATE}>{ "declined too late" }</span>
                }
            </>
        },
        MatchStatus::Declined => html! { <span class="badge bad">{ "declined" }</span> },
        MatchStatus::Pending => html! { <span class="badge pending">{ "pending" }</span> },
    }
}

/// The menus of a state: `menu 1: customer ✓ caterer ✗`.
pub fn menus_text(state: &MatchState<MenuId>) -> String {
    if state.menu_count() == 0 {
        return "nothing known".to_owned();
    }
    state
        .menus()
        .map(|m| {
            let caterer = match m.caterer {
                CatererAnswer::NotYet => "…",
                CatererAnswer::Confirmed => "✓",
                CatererAnswer::Declined => "✗",
            };
            let customer = if m.customer_confirmed { "✓" } else { "…" };
            format!("menu {}: customer {customer} caterer {caterer}", m.menu_id)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[function_component(ProcessStatePanel)]
pub fn process_panel(props: &ProcessProps) -> Html {
    let revision = props.state.revision;
    // The sorted orders, brought up to date with only the streams created
    // since the last render.
    let index = use_mut_ref(OrderIndex::default);
    index.borrow_mut().refresh(&props.state.session_rc());
    let order_count = index.borrow().orders().len();
    let session = props.state.session();
    let total = session.events_in_time();
    drop(session);
    let at = props.state.time_travel.filter(|k| *k < total);
    // One position per context for the chosen point (None: now).
    let travel = at.map(|k| (k, Rc::new(props.state.session().positions_after(k))));
    let on_travel = {
        let state = props.state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let k = input.value().parse::<usize>().unwrap_or(total);
                state.dispatch(UiAction::TimeTravel((k < total).then_some(k)));
            }
        })
    };
    let render_row = {
        let (state, index, travel) = (props.state.clone(), index.clone(), travel.clone());
        Callback::from(move |i: usize| match index.borrow().orders().get(i) {
            Some(order) => order_row(&state, order, travel.as_ref().map(|(_, p)| p.as_ref())),
            None => html! {},
        })
    };
    html! {
        <>
            <KeptStateView state={props.state.clone()} />
            <label class="travel">
                { match &travel {
                    Some((k, positions)) => format!("Time travel: as of the first {k} of {total} events ({})",
                        positions.iter().map(|(c, p)| format!("{c} position {}", p.0)).collect::<Vec<_>>().join(", ")),
                    None => format!("Now: all {total} events"),
                } }
                <input type="range" min="0" max={total.to_string()} value={at.unwrap_or(total).to_string()}
                    oninput={on_travel} aria-label="Time travel over positions" disabled={total == 0} />
            </label>
            if order_count == 0 { <p class="empty">{ "No orders yet." }</p> }
            <VirtualList label="Orders and their state" count={order_count} render_row={render_row} revision={revision.wrapping_mul(31).wrapping_add(at.map_or(0, |k| k as u64 + 1))} visible_rows={7} />
            <OrderFold state={props.state.clone()} />
        </>
    }
}

fn order_row(state: &AppHandle, order: &str, as_of: Option<&Cursors>) -> Html {
    let session = state.session();
    let current = match as_of {
        Some(positions) => {
            time_travel::state_as_of(&CateringMatch, session.store(), positions, order).ok()
        }
        None => Some(
            session
                .runner()
                .state_of(session.store(), order)
                .unwrap_or_default(),
        ),
    };
    let selected = state.selected_order.as_deref() == Some(order);
    let onclick = {
        let (state, order) = (state.clone(), order.to_owned());
        Callback::from(move |_: MouseEvent| {
            state.dispatch(UiAction::SelectOrder(Some(order.clone())))
        })
    };
    html! {
        <button type="button" class={classes!("order-row", selected.then_some("selected"))} {onclick}
                aria-pressed={selected.to_string()}>
            <span class="mono order-id">{ format!("Order {order}") }</span>
            if let Some(current) = &current {
                { status_badge(current) }
                <span class="muted menus">{ menus_text(current) }</span>
            } else {
                <span class="badge muted">{ "unreadable" }</span>
            }
        </button>
    }
}

/// The fold of an order's own events (both contexts, in handling order),
/// for orders the trace does not cover: (event, state before, state after).
fn fold_without_trace(
    store: &EventStore,
    order: &str,
) -> Vec<(String, MatchState<MenuId>, MatchState<MenuId>)> {
    let stream = order_stream(order);
    let mut events: Vec<_> = [SALES, CATERING]
        .iter()
        .filter_map(|c| {
            store
                .read_stream_forward(c, &stream, StreamVersion::FIRST, 40)
                .ok()
        })
        .flatten()
        .collect();
    events.sort_by(|a, b| handling_key(a).cmp(&handling_key(b)));
    let mut state = MatchState::default();
    events
        .into_iter()
        .filter_map(|e| {
            let fact = CateringMatch.decode(e).ok()?;
            let before = state.clone();
            CateringMatch.evolve(&mut state, &fact);
            Some((
                format!("{} ({} position {})", e.event_type, e.context, e.position.0),
                before,
                state.clone(),
            ))
        })
        .collect()
}

/// The selected order's fold: each handled event with state before and after.
#[function_component(OrderFold)]
fn order_fold(props: &ProcessProps) -> Html {
    let Some(order) = props.state.selected_order.clone() else {
        return html! { <p class="hint">{ "Select an order to step through how its state was folded." }</p> };
    };
    let session = props.state.session();
    let entries: Vec<_> = session
        .runner()
        .trace()
        .entries()
        .iter()
        .filter(|e| e.key.as_deref() == Some(order.as_str()))
        .take(40)
        .cloned()
        .collect();
    let untraced = if entries.is_empty() {
        fold_without_trace(session.store(), &order)
    } else {
        Vec::new()
    };
    drop(session);
    html! {
        <div class="fold" role="group" aria-label={format!("Fold of order {order}")}>
            <h3>{ format!("Order {order}, step by step") }</h3>
            if !untraced.is_empty() {
                <p class="hint">{ "This order was handled in bulk, without a trace: here is the fold of its events." }</p>
                <ol class="steps">
                    { for untraced.iter().map(|(label, before, after)| html! {
                        <li>
                            <div class="mono">{ label }</div>
                            <div class="before-after">
                                <span>{ "before: " }{ status_badge(before) }<span class="muted">{ menus_text(before) }</span></span>
                                <span>{ "after: " }{ status_badge(after) }<span class="muted">{ menus_text(after) }</span></span>
                            </div>
                        </li>
                    }) }
                </ol>
            }
            <ol class="steps">
                { for entries.iter().map(|e| {
                    let before = e.state_before.clone().unwrap_or_default();
                    let after = e.state_after.clone().unwrap_or_default();
                    let outcome = match &e.outcome {
                        HandlingOutcome::Handled => String::new(),
                        HandlingOutcome::Ignored => " (ignored)".to_owned(),
                        HandlingOutcome::Skipped { reason } => format!(" (skipped: {reason})"),
                        HandlingOutcome::Crashed(point) => format!(" — crashed {point}"),
                        HandlingOutcome::Failed { reason } => format!(" — failed: {reason}"),
                    };
                    html! {
                        <li>
                            <div class="mono">{ format!("#{} {} ({} position {}){outcome}", e.index + 1, e.event.event_type, e.event.context, e.event.position.0) }</div>
                            <div class="before-after">
                                <span>{ "before: " }{ status_badge(&before) }<span class="muted">{ menus_text(&before) }</span></span>
                                <span>{ "after: " }{ status_badge(&after) }<span class="muted">{ menus_text(&after) }</span></span>
                            </div>
                            if let Some(decision) = &e.decision { <div class="decision">{ decision }</div> }
                        </li>
                    }
                }) }
            </ol>
            <CausationGraph state={props.state.clone()} order={order.clone()} />
        </div>
    }
}
