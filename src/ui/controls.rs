//! The controls: fire events, drive the process manager, change the store.
//! Every button is a real `<button>` named by what it does.
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{AppHandle, UiAction};
use crate::core::domain::typed_ids::IdError;
use crate::core::domain::{CATERING, Fact, SALES};
use crate::core::process::{CrashPoint, IdempotencyMode, RunnerStatus, StrategyKind};
use crate::core::session::{Action, Settings};

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub state: AppHandle,
}

/// A text input's current value, from its change event.
pub fn input_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

fn checked(e: &Event) -> bool {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.checked())
        .unwrap_or(false)
}

/// Event firing: ids, the three event buttons, random orders.
#[function_component(FireControls)]
pub fn fire_controls(props: &ControlsProps) -> Html {
    let order = use_state(|| "42".to_owned());
    let menu = use_state(|| "1".to_owned());
    let count = use_state(|| "100".to_owned());
    let fire = |make: fn(&str, &str) -> Result<Fact, IdError>| {
        let (state, order, menu) = (props.state.clone(), order.clone(), menu.clone());
        Callback::from(move |_: MouseEvent| match make(&order, &menu) {
            Ok(fact) => state.dispatch(UiAction::Perform(Action::Fire { fact })),
            Err(error) => state.dispatch(UiAction::Refuse(error.to_string())),
        })
    };
    let on_random = {
        let (state, count) = (props.state.clone(), count.clone());
        Callback::from(move |_: MouseEvent| match count.trim().parse::<u32>() {
            Ok(orders) => state.dispatch(UiAction::Perform(Action::FireRandomOrders { orders })),
            Err(_) => state.dispatch(UiAction::Refuse(format!(
                "{:?} is not a number of orders: type a whole number such as 100",
                count.as_str()
            ))),
        })
    };
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: Event| s.set(input_value(&e)))
    };
    let live = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                s.set(i.value());
            }
        })
    };
    html! {
        <fieldset class="group">
            <legend>{ "Fire an event" }</legend>
            <div class="group-body">
            <label>{ "Order id" }
                <input type="text" value={(*order).clone()} onchange={set(&order)} oninput={live(&order)} maxlength="64" /></label>
            <label>{ "Menu id" }
                <input type="text" value={(*menu).clone()} onchange={set(&menu)} oninput={live(&menu)} maxlength="64" /></label>
            <button type="button" class="event customer" title="Sales: the customer accepts the menu"
                onclick={fire(Fact::customer_confirmed)}>{ "CustomerConfirmedMenu" }</button>
            <button type="button" class="event caterer" title="Catering: the caterer can deliver the menu"
                onclick={fire(Fact::caterer_confirmed)}>{ "CatererConfirmedMenu" }</button>
            <button type="button" class="event declined" title="Catering: the caterer cannot deliver the menu"
                onclick={fire(Fact::caterer_declined)}>{ "CatererDeclinedMenu" }</button>
                        <label>{ "Random orders" }
                <input type="number" min="1" value={(*count).clone()} onchange={set(&count)} oninput={live(&count)} class="narrow" /></label>
            <button type="button" onclick={on_random}>{ "Fire random orders" }</button>
            </div>
        </fieldset>
    }
}

/// The process manager: strategy, idempotency, stepping, crashes.
#[function_component(ProcessControls)]
pub fn process_controls(props: &ControlsProps) -> Html {
    let crash_point = use_state(|| CrashPoint::AfterSend);
    let session = props.state.session();
    let settings = session.settings();
    let auto = session.auto_handle();
    let activity = session.runner().activity(session.store());
    drop(session);
    let crashed = matches!(activity.status, RunnerStatus::Crashed { .. });
    let dispatch = |action: Action| {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(UiAction::Perform(action.clone())))
    };
    let on_strategy = {
        let state = props.state.clone();
        Callback::from(move |e: Event| {
            if let Some(strategy) = StrategyKind::ALL
                .into_iter()
                .find(|k| k.label() == select_value(&e))
            {
                state.dispatch(UiAction::ChangeSettings(Settings {
                    strategy,
                    ..settings
                }));
            }
        })
    };
    let on_idempotency = {
        let state = props.state.clone();
        Callback::from(move |e: Event| {
            if let Some(idempotency) = IdempotencyMode::ALL
                .into_iter()
                .find(|m| m.label() == select_value(&e))
            {
                state.dispatch(UiAction::ChangeSettings(Settings {
                    idempotency,
                    ..settings
                }));
            }
        })
    };
    let on_auto = {
        let state = props.state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(UiAction::Perform(Action::SetAutoHandle { on: checked(&e) }))
        })
    };
    let on_point = {
        let crash_point = crash_point.clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e);
            if let Some(point) = CrashPoint::ALL.into_iter().find(|p| p.label() == value) {
                crash_point.set(point);
            }
        })
    };
    html! {
        <fieldset class="group">
            <legend>{ "Process manager" }</legend>
            <div class="group-body">
            // Keyed by the setting: a select the person changed keeps its own
            // choice over `selected`, so a new setting (a lesson, the way back)
            // draws a new select.
            <label>{ "State strategy" }
                <select key={settings.strategy.label()} onchange={on_strategy}>
                    { for StrategyKind::ALL.into_iter().map(|k| html! {
                        <option value={k.label()} selected={k == settings.strategy}>{ k.name() }</option>
                    }) }
                </select></label>
            <label>{ "Idempotency" }
                <select key={settings.idempotency.label()} onchange={on_idempotency} title={settings.idempotency.guarantee()}>
                    { for IdempotencyMode::ALL.into_iter().map(|m| html! {
                        <option value={m.label()} selected={m == settings.idempotency} title={m.guarantee()}>{ m.name() }</option>
                    }) }
                </select></label>
            <label class="check"><input type="checkbox" checked={auto} onchange={on_auto} />{ "Handle automatically" }</label>
            <button type="button" onclick={dispatch(Action::Step)} disabled={crashed}>{ "Step" }</button>
            <button type="button" onclick={dispatch(Action::CatchUp)} disabled={crashed}>{ "Catch up" }</button>
                        <label>{ "Crash point" }
                <select onchange={on_point}>
                    { for CrashPoint::ALL.into_iter().map(|p| html! {
                        <option value={p.label()} selected={p == *crash_point}>{ format!("Crash {p}") }</option>
                    }) }
                </select></label>
            <button type="button" class="danger" onclick={dispatch(Action::ArmCrash { point: *crash_point })}>{ "Arm crash" }</button>
            <button type="button" onclick={dispatch(Action::Restart)}>{ "Restart" }</button>
            <span class={classes!("status", crashed.then_some("crashed"))} role="status">{ activity.to_string() }</span>
            </div>
        </fieldset>
    }
}

/// The store: single-stream switch, rolled-back transactions, the session
/// as SQL and lesson 1's refused appends.
#[function_component(StoreControls)]
pub fn store_controls(props: &ControlsProps) -> Html {
    let context = use_state(|| SALES.to_owned());
    let single = props.state.session().store().single_stream();
    let on_single = {
        let state = props.state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(UiAction::Perform(Action::SetSingleStream {
                on: checked(&e),
            }))
        })
    };
    let on_context = {
        let context = context.clone();
        Callback::from(move |e: Event| context.set(select_value(&e)))
    };
    let on_rollback = {
        let (state, context) = (props.state.clone(), context.clone());
        Callback::from(move |_: MouseEvent| {
            state.dispatch(UiAction::Perform(Action::RollBack {
                context: (*context).clone(),
                positions: 2,
            }))
        })
    };
    html! {
        <fieldset class="group">
            <legend>{ "Event store" }</legend>
            <div class="group-body">
            <label class="check" title="Like a table with a unique index on the event id: an event cannot be put into a second stream">
                <input type="checkbox" checked={single} onchange={on_single} />{ "Single-stream store" }</label>
            <label>{ "Context" }
                <select onchange={on_context}>
                    { for [SALES, CATERING].into_iter().map(|c| html! { <option value={c} selected={*context == c}>{ c }</option> }) }
                </select></label>
            <button type="button" onclick={on_rollback} title="Two positions are consumed by a transaction that is rolled back: a gap">
                { "Roll back a transaction" }</button>
            <super::sql_export::SqlExport state={props.state.clone()} />
            <super::postgres::PostgresSwitch state={props.state.clone()} />
            <super::store_refusals::StoreRefusals state={props.state.clone()} />
            </div>
        </fieldset>
    }
}
