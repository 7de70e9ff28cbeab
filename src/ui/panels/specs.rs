//! The Specifications panel: the lessons' Given/When/Then specifications,
//! one that is wrong on purpose, and the ones people build from their own
//! session; each runs over every ordering of its givens that keeps each
//! stream's order (the count is on each card) with all three state
//! strategies (see [`crate::core::spec`]). The catering specs run against
//! the process manager chosen here: the real `CateringMatch` or
//! `CustomerFirstMatch`, which has an order bug.
//!
//! A run can take seconds (the 999 registrations; a session's spec with
//! 40,320 orderings), so every run, of all the specs, one card or a new
//! spec from the session, goes in slices with a progress bar and a Cancel
//! (`running.rs`). The controls that start or change runs are disabled
//! meanwhile, so the list a run started from is the list it ends on; its
//! results are applied only when all of them are in.
mod running;

use std::rc::Rc;

use yew::prelude::*;

use crate::core::domain::Fact;
use crate::core::lessons::{deliberately_wrong_spec, lesson_specs};
use crate::core::process::IdempotencyMode;
use crate::core::spec::{
    MatchImplementation, Spec, SpecOptions, SpecProcess, SpecReport, list_commands,
};
use crate::core::words::counted;
use crate::ui::state::{AppHandle, UiAction};
use running::{Outcome, use_running};

/// Givens listed on a card; the rest are counted.
const GIVENS_SHOWN: usize = 4;

/// Where a specification on the list comes from.
#[derive(Clone, Copy, PartialEq)]
enum Origin {
    Lesson(Option<u8>),
    /// Wrong on purpose, to show what a failure looks like.
    Wrong,
    /// Built from the session with "Turn this session into a spec".
    Session,
}

#[derive(Clone, PartialEq)]
struct Entry {
    spec: Rc<Spec>,
    origin: Origin,
    /// The last run: a report, or why it could not run.
    result: Option<Rc<Outcome>>,
}

impl Entry {
    fn new(spec: Spec, origin: Origin) -> Self {
        Entry {
            spec: Rc::new(spec),
            origin,
            result: None,
        }
    }

    fn passed(&self) -> Option<bool> {
        self.result
            .as_deref()
            .map(|result| result.as_ref().is_ok_and(SpecReport::passed))
    }
}

/// The entries with the results of a run applied (an entry not run keeps
/// its last result).
fn with_results(entries: &[Entry], results: Vec<(Rc<Spec>, Outcome)>) -> Vec<Entry> {
    let mut next = entries.to_vec();
    for (spec, outcome) in results {
        let outcome = Rc::new(outcome);
        for entry in next
            .iter_mut()
            .filter(|entry| Rc::ptr_eq(&entry.spec, &spec))
        {
            entry.result = Some(outcome.clone());
        }
    }
    next
}

fn initial_entries() -> Vec<Entry> {
    let mut entries: Vec<Entry> = lesson_specs()
        .into_iter()
        .map(|spec| {
            let lesson = spec.lesson;
            Entry::new(spec, Origin::Lesson(lesson))
        })
        .collect();
    entries.extend(deliberately_wrong_spec().map(|spec| Entry::new(spec, Origin::Wrong)));
    entries
}

#[derive(Properties, PartialEq)]
pub struct SpecificationsProps {
    pub state: AppHandle,
}

/// The list of specifications with their Run buttons and results.
#[function_component(Specifications)]
pub fn specifications(props: &SpecificationsProps) -> Html {
    let entries = use_state(initial_entries);
    let made = use_state(|| 0_u32);
    let implementation = use_state(MatchImplementation::default);
    let chosen = *implementation;
    let running = use_running();
    let busy = running.is_busy();
    let on_implementation = {
        let (implementation, entries) = (implementation.clone(), entries.clone());
        let note = running.note.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|select| select.value())
                .unwrap_or_default();
            if let Some(picked) = MatchImplementation::ALL
                .into_iter()
                .find(|candidate| format!("{candidate:?}") == value)
            {
                implementation.set(picked);
                // Results of the other process manager would mislead.
                let mut next = (*entries).clone();
                next.iter_mut().for_each(|entry| entry.result = None);
                entries.set(next);
                note.set(None);
            }
        })
    };
    let options = SpecOptions {
        implementation: chosen,
        ..SpecOptions::default()
    };
    // Runs `specs`; when all are run, applies their results.
    let run = |specs: Vec<Rc<Spec>>| {
        let (running, entries, options) = (running.clone(), entries.clone(), options.clone());
        Callback::from(move |_: MouseEvent| {
            let entries = entries.clone();
            running.start(specs.clone(), options.clone(), move |results| {
                entries.set(with_results(&entries, results));
            });
        })
    };
    let run_all = run(entries.iter().map(|entry| entry.spec.clone()).collect());
    let from_session = {
        let (state, entries, made) = (props.state.clone(), entries.clone(), made.clone());
        let (running, options) = (running.clone(), options.clone());
        Callback::from(move |_: MouseEvent| {
            let spec = state.session().to_spec();
            let Some(mut spec) = spec else {
                state.dispatch(UiAction::Refuse(
                    "This session has no fired event yet: fire one or more events, then turn the session into a spec.".to_owned(),
                ));
                return;
            };
            let number = *made + 1;
            let when = spec
                .when
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            spec.name = format!("Your session #{number}: when {when}");
            let entry = Entry::new(spec, Origin::Session);
            let (entries, made) = (entries.clone(), made.clone());
            running.start(vec![entry.spec.clone()], options.clone(), move |results| {
                let mut next = vec![entry];
                next.extend(entries.iter().cloned());
                entries.set(with_results(&next, results));
                made.set(number);
            });
        })
    };
    let ran: Vec<bool> = entries.iter().filter_map(Entry::passed).collect();
    let passed = ran.iter().filter(|passed| **passed).count();
    html! {
        <section class="panel specs" aria-label="Specifications">
            <h2>{ "Specifications" }</h2>
            <p class="hint">{ "Given past events, when one more arrives, then these commands are sent. A log never reorders a stream, so each run tries every ordering of the givens that keeps each stream's own order (a seeded sample past 40,320; the count is on each card), with all three state strategies." }</p>
            <div class="spec-tools">
                <label>{ "Process manager under test" }
                    <select aria-label="Process manager under test" onchange={on_implementation} disabled={busy}>
                        { for MatchImplementation::ALL.into_iter().map(|m| html! {
                            <option value={format!("{m:?}")} selected={m == chosen}>{ m.label() }</option>
                        }) }
                    </select></label>
                <button type="button" class="primary" onclick={run_all} disabled={busy}>{ "Run all specifications" }</button>
                <button type="button" onclick={from_session} disabled={busy}>{ "Turn this session into a spec" }</button>
                <span class="spec-summary" role="status">
                    if passed > 0 {
                        <span class="badge ok">{ format!("{passed} passed") }</span>
                    }
                    if ran.len() > passed {
                        <span class="badge bad">{ format!("{} failed", ran.len() - passed) }</span>
                    }
                    if let Some(note) = *running.note { <span>{ note }</span> }
                </span>
            </div>
            { running.view() }
            <p class={classes!("hint", (chosen != MatchImplementation::CateringMatch).then_some("warning"))}>{ chosen.description() }</p>
            <div class="spec-list">
                { for entries.iter().map(|entry| spec_card(entry, run(vec![entry.spec.clone()]), busy)) }
            </div>
        </section>
    }
}

fn spec_card(entry: &Entry, on_run: Callback<MouseEvent>, busy: bool) -> Html {
    let spec = &entry.spec;
    let (origin, origin_class) = match entry.origin {
        Origin::Lesson(Some(lesson)) => (format!("lesson {lesson}"), "muted"),
        Origin::Lesson(None) => ("example".to_owned(), "muted"),
        Origin::Wrong => ("deliberately wrong".to_owned(), "pending"),
        Origin::Session => ("from your session".to_owned(), "muted"),
    };
    let verdict = entry
        .passed()
        .map(|ok| if ok { "passed" } else { "failed" });
    html! {
        // Keyed by the spec itself, so a card stays the same element (and its
        // Run button keeps focus) when a spec from the session comes above it.
        <article key={Rc::as_ptr(spec) as usize} class={classes!("spec", verdict, (entry.origin == Origin::Wrong).then_some("wrong"))} aria-label={spec.name.clone()}>
            <header class="spec-head">
                <h3>{ spec.name.clone() }</h3>
                <span class={classes!("badge", origin_class)}>{ origin }</span>
                <button type="button" class="small" aria-label={format!("Run {}", spec.name)} onclick={on_run} disabled={busy}>{ "Run" }</button>
            </header>
            <p class="spec-explanation">{ spec.explanation.clone() }</p>
            <dl class="gwt">
                <dt>{ "Given" }</dt>
                <dd>{ givens(&spec.given) }</dd>
                <dt>{ "When" }</dt>
                <dd><span class="mono">{ spec.when.as_ref().map(ToString::to_string).unwrap_or_else(|| "nothing".to_owned()) }</span>
                    { for setup(spec).map(|text| html! { <span class="spec-setup">{ text }</span> }) }</dd>
                <dt>{ "Then" }</dt>
                <dd class="mono">{ list_commands(&spec.then) }</dd>
                <dt>{ "Over" }</dt>
                <dd class="spec-orders">{ orders(spec) }</dd>
            </dl>
            // One node with a result or without, so the header before it is
            // kept, not drawn again, when a result comes.
            { entry.result.as_deref().map(super::spec_result::result_view).unwrap_or_default() }
        </article>
    }
}

fn givens(facts: &[Fact]) -> Html {
    if facts.is_empty() {
        return html! { <span class="muted">{ "nothing: a fresh start" }</span> };
    }
    let more = facts.len().saturating_sub(GIVENS_SHOWN);
    html! {
        <ol class="givens mono">
            { for facts.iter().take(GIVENS_SHOWN).map(|fact| html! { <li>{ fact.to_string() }</li> }) }
            if more > 0 { <li class="more muted">{ format!("… and {more} more") }</li> }
        </ol>
    }
}

/// The number of orderings of the givens, and how it comes about.
fn orders(spec: &Spec) -> String {
    let count = spec
        .possible_orders()
        .map_or_else(|| "more than 2^128".to_owned(), |count| count.to_string());
    format!(
        "{} ({})",
        counted(count, "ordering", "orderings"),
        spec.orders_formula()
    )
}

/// How the "when" event is handled, when it is not plain.
fn setup(spec: &Spec) -> Option<String> {
    let mut parts = Vec::new();
    if let SpecProcess::RoomAllocation { threshold } = spec.process {
        parts.push(format!("room allocation, threshold {threshold}"));
    }
    if let Some(point) = spec.crash {
        parts.push(format!("crash {point}, then restart"));
    }
    if spec.idempotency != IdempotencyMode::None {
        parts.push(format!("idempotency: {}", spec.idempotency));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
