//! Compare settings: the same actions under two settings side by side, each
//! side with its own Commands and Process state panels (the same panels as
//! the page's, given another session). The core says what each side is
//! (`core::session::Comparison`): a side with the session's own settings is
//! the session itself, the other its replay. Opening, changing or closing
//! the comparison never touches the session or its log.
use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::{CommandsPanel, Panel, ProcessStatePanel};
use crate::core::ids::EventId;
use crate::core::lessons::lessons;
use crate::core::process::{IdempotencyMode, StrategyKind};
use crate::core::session::{Comparison, Settings, Side};
use crate::ui::state::SessionView;

#[derive(Properties, PartialEq)]
pub struct CompareBarProps {
    pub session: SessionView,
    /// The comparison shown, if open.
    pub comparison: Option<Comparison>,
    /// The open lesson: if it contrasts two settings, its callout offers them.
    pub lesson: Option<u8>,
    pub on_compare: Callback<Option<Comparison>>,
}

/// The button that opens the comparison of the session's settings, or,
/// while it is open, the one that closes it. A lesson that contrasts two
/// settings offers its own in its callout ([`LessonCompareOffer`]), so this
/// one steps aside and the lesson's panels keep their place on a projector.
#[function_component(CompareBar)]
pub fn compare_bar(props: &CompareBarProps) -> Html {
    let lesson_offers = use_memo(props.lesson, |lesson| {
        lesson.is_some_and(|number| {
            lessons()
                .into_iter()
                .any(|l| l.number == number && l.comparison().is_some())
        })
    });
    if props.comparison.is_some() {
        let close = props.on_compare.reform(|_: MouseEvent| None);
        return html! {
            <div class="compare-bar open">
                <span>{ "The same events under two settings. Your session is unchanged." }</span>
                <button type="button" onclick={close}>{ "Close comparison" }</button>
            </div>
        };
    }
    if *lesson_offers {
        return Html::default();
    }
    let first = Comparison::first_for(props.session.session().settings());
    let open = props.on_compare.reform(move |_: MouseEvent| Some(first));
    html! {
        <div class="compare-bar">
            <button type="button" onclick={open}
                title={format!("{} beside {}", first.name(Side::Left), first.name(Side::Right))}>
                { "Compare settings" }
            </button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonCompareOfferProps {
    /// The open lesson.
    pub lesson: u8,
    pub on_compare: Callback<Option<Comparison>>,
}

/// In a lesson's callout: the button that opens the two settings the
/// lesson contrasts, and what they are. Nothing for a lesson without one.
#[function_component(LessonCompareOffer)]
pub fn lesson_compare_offer(props: &LessonCompareOfferProps) -> Html {
    let offer = use_memo(props.lesson, |number| {
        lessons()
            .into_iter()
            .find(|l| l.number == *number)
            .and_then(|l| l.comparison())
    });
    let Some(comparison) = *offer else {
        return Html::default();
    };
    let open = props
        .on_compare
        .reform(move |_: MouseEvent| Some(comparison));
    html! {
        <div class="lesson-compare">
            <button type="button" class="small" onclick={open}>{ "Compare settings" }</button>
            <span class="muted">{ format!("{} beside {}",
                comparison.name(Side::Left), comparison.name(Side::Right)) }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// The person's session (the comparison's sides are made from it).
    pub session: SessionView,
    pub comparison: Comparison,
    pub on_compare: Callback<Option<Comparison>>,
    /// The order shown on both sides.
    pub selected_order: Option<AttrValue>,
    pub time_travel: Option<usize>,
    pub on_select_order: Callback<Option<String>>,
    pub on_time_travel: Callback<Option<usize>>,
    pub on_select_event: Callback<Option<EventId>>,
    /// The places of Commands and Process state among the open lesson's
    /// panels, if it names them: each side shows them in that order.
    #[prop_or_default]
    pub focus: (Option<usize>, Option<usize>),
}

/// The two sides of the comparison.
#[function_component(ComparisonView)]
pub fn comparison_view(props: &ComparisonProps) -> Html {
    let side = |side: Side| {
        html! {
            <ComparisonSide session={props.session.clone()} comparison={props.comparison} {side}
                on_compare={props.on_compare.clone()} selected_order={props.selected_order.clone()}
                time_travel={props.time_travel} on_select_order={props.on_select_order.clone()}
                on_time_travel={props.on_time_travel.clone()} on_select_event={props.on_select_event.clone()}
                focus={props.focus} />
        }
    };
    html! {
        <div class="comparison">
            { side(Side::Left) }
            { side(Side::Right) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SideProps {
    session: SessionView,
    comparison: Comparison,
    side: Side,
    on_compare: Callback<Option<Comparison>>,
    selected_order: Option<AttrValue>,
    time_travel: Option<usize>,
    on_select_order: Callback<Option<String>>,
    on_time_travel: Callback<Option<usize>>,
    on_select_event: Callback<Option<EventId>>,
    focus: (Option<usize>, Option<usize>),
}

/// One side: its settings to choose, then its Commands and Process state.
#[function_component(ComparisonSide)]
fn comparison_side(props: &SideProps) -> Html {
    let (comparison, side) = (props.comparison, props.side);
    let settings = comparison.settings(side);
    // The side's session: the person's own, or the replay under the side's
    // settings, made again only when the session or the settings change.
    let shown = use_memo(
        (props.session.clone(), settings),
        move |(view, _)| match comparison.replay(&view.session(), side) {
            Ok(None) => Ok((view.clone(), true)),
            Ok(Some(replayed)) => Ok((
                SessionView::new(Rc::new(RefCell::new(replayed)), view.revision()),
                false,
            )),
            Err(error) => Err(error.to_string()),
        },
    );
    let name = comparison.name(side);
    let (place, where_) = match side {
        Side::Left => ("Left", "left"),
        Side::Right => ("Right", "right"),
    };
    let choose = |change: fn(Settings, &str) -> Option<Settings>| {
        let on_compare = props.on_compare.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            if let Some(chosen) = change(settings, &value) {
                on_compare.emit(Some(comparison.with(side, chosen)));
            }
        })
    };
    let on_strategy = choose(|settings, value| {
        StrategyKind::ALL
            .into_iter()
            .find(|k| k.label() == value)
            .map(|strategy| Settings {
                strategy,
                ..settings
            })
    });
    let on_idempotency = choose(|settings, value| {
        IdempotencyMode::ALL
            .into_iter()
            .find(|m| m.label() == value)
            .map(|idempotency| Settings {
                idempotency,
                ..settings
            })
    });
    html! {
        <div class="compare-side" role="group" aria-label={format!("{place} side: {name}")}>
            <div class="compare-side-head">
                <strong>{ &name }</strong>
                { match &*shown {
                    Ok((_, true)) => html! { <span class="muted">{ "your session" }</span> },
                    Ok((view, false)) => html! { <span class="muted">{
                        format!("your {} action(s) replayed", view.session().actions().len()) }</span> },
                    Err(_) => html! {},
                } }
                <label><span class="visually-hidden">{ "Strategy" }</span>
                    <select key={settings.strategy.label()} onchange={on_strategy}
                        aria-label={format!("Strategy of the {where_} side")}>
                        { for StrategyKind::ALL.into_iter().map(|k| html! {
                            <option value={k.label()} selected={k == settings.strategy}>{ k.name() }</option>
                        }) }
                    </select></label>
                <label><span class="visually-hidden">{ "Idempotency" }</span>
                    <select key={settings.idempotency.label()} onchange={on_idempotency}
                        aria-label={format!("Idempotency of the {where_} side")}>
                        { for IdempotencyMode::ALL.into_iter().map(|m| html! {
                            <option value={m.label()} selected={m == settings.idempotency}>{ m.name() }</option>
                        }) }
                    </select></label>
            </div>
            { match &*shown {
                Ok((view, _)) => html! {
                    <>
                        <Panel label={AttrValue::from(format!("Commands with {name}"))} focus={props.focus.0}
                            hint="This side's command bus, newest first.">
                            <CommandsPanel session={view.clone()} on_select_event={props.on_select_event.clone()} />
                        </Panel>
                        <Panel label={AttrValue::from(format!("Process state with {name}"))} focus={props.focus.1}
                            hint="Per order, as this side's strategy keeps it.">
                            <ProcessStatePanel session={view.clone()} selected_order={props.selected_order.clone()}
                                time_travel={props.time_travel} on_select_order={props.on_select_order.clone()}
                                on_time_travel={props.on_time_travel.clone()} />
                        </Panel>
                    </>
                },
                Err(error) => html! { <p class="empty" role="status">{ format!("This side could not be replayed: {error}") }</p> },
            } }
        </div>
    }
}
