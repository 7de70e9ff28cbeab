//! The Process state panel: what the active strategy keeps for one order
//! (`kept_state.rs`), every order's state, time travel over the handlings,
//! and the fold of the selected order step by step with its causation graph
//! (from the trace, or, for an order handled without one, the core's
//! `order_fold::fold_steps`).
use std::rc::Rc;

use yew::prelude::*;

use super::graph::CausationGraph;
use super::kept_state::KeptStateView;
use super::order_index::OrderIndex;
use crate::core::domain::MenuId;
use crate::core::process::{
    CatererAnswer, CateringMatch, Cursors, HandlingOutcome, MatchState, MatchStatus, fold_steps,
    time_travel,
};
use crate::ui::state::SessionView;
use crate::ui::virtual_list::VirtualList;

/// Most steps of an order's fold drawn.
const MOST_STEPS: usize = 40;

#[derive(Properties, PartialEq)]
pub struct ProcessProps {
    /// The session whose process state is drawn.
    pub session: SessionView,
    /// The order whose state, fold and causation graph are shown.
    pub selected_order: Option<AttrValue>,
    /// Time travel: the state after this many events (`None`: now).
    pub time_travel: Option<usize>,
    /// Selects an order (or none).
    pub on_select_order: Callback<Option<String>>,
    /// Travels to the first k events (`None`: now).
    pub on_time_travel: Callback<Option<usize>>,
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
    let revision = props.session.revision();
    // The sorted orders, brought up to date with only the streams created
    // since the last render.
    let index = use_mut_ref(OrderIndex::default);
    index.borrow_mut().refresh(props.session.cell());
    let order_count = index.borrow().orders().len();
    let session = props.session.session();
    let total = session.events_in_time();
    drop(session);
    let at = props.time_travel.filter(|k| *k < total);
    // One position per context for the chosen point (None: now).
    let travel = at.map(|k| (k, Rc::new(props.session.session().positions_after(k))));
    let on_travel = props.on_time_travel.reform(move |e: InputEvent| {
        let k = e
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .and_then(|input| input.value().parse::<usize>().ok())
            .unwrap_or(total);
        (k < total).then_some(k)
    });
    let render_row = {
        let (view, index, travel) = (props.session.clone(), index.clone(), travel.clone());
        let (selected, on_select) = (props.selected_order.clone(), props.on_select_order.clone());
        Callback::from(move |i: usize| match index.borrow().orders().get(i) {
            Some(order) => {
                let chosen = selected.as_deref() == Some(order.as_str());
                let positions = travel.as_ref().map(|(_, p)| p.as_ref());
                order_row(&view, order, chosen, &on_select, positions)
            }
            None => html! {},
        })
    };
    html! {
        <>
            <KeptStateView session={props.session.clone()} selected_order={props.selected_order.clone()} />
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
            <OrderFold session={props.session.clone()} order={props.selected_order.clone()} />
        </>
    }
}

fn order_row(
    view: &SessionView,
    order: &str,
    selected: bool,
    on_select: &Callback<Option<String>>,
    as_of: Option<&Cursors>,
) -> Html {
    let session = view.session();
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
    let onclick = {
        let order = order.to_owned();
        on_select.reform(move |_: MouseEvent| Some(order.clone()))
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

#[derive(Properties, PartialEq)]
struct FoldProps {
    session: SessionView,
    order: Option<AttrValue>,
}

/// The selected order's fold: each handled event with state before and after.
#[function_component(OrderFold)]
fn order_fold(props: &FoldProps) -> Html {
    let Some(order) = props.order.clone() else {
        return html! { <p class="hint">{ "Select an order to step through how its state was folded." }</p> };
    };
    let session = props.session.session();
    let entries: Vec<_> = session
        .runner()
        .trace()
        .entries()
        .iter()
        .filter(|e| e.key.as_deref() == Some(order.as_str()))
        .take(MOST_STEPS)
        .cloned()
        .collect();
    let untraced = if entries.is_empty() {
        // Handled in bulk, without a trace: the core folds its events.
        fold_steps(&CateringMatch, session.store(), &order, MOST_STEPS).unwrap_or_default()
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
                    { for untraced.iter().map(|step| html! {
                        <li>
                            <div class="mono">{ format!("{} ({} position {})", step.event.event_type, step.event.context, step.event.position.0) }</div>
                            <div class="before-after">
                                <span>{ "before: " }{ status_badge(&step.before) }<span class="muted">{ menus_text(&step.before) }</span></span>
                                <span>{ "after: " }{ status_badge(&step.after) }<span class="muted">{ menus_text(&step.after) }</span></span>
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
            <CausationGraph session={props.session.clone()} order={order.clone()} />
        </div>
    }
}
