//! Lesson 1's store refusals as buttons: append the selected event again
//! with its own id, append with a stale expected version, append a batch
//! whose second event is invalid. Each is a session action; the store's
//! message appears in the notice and the store stays as it was.
use yew::prelude::*;

use super::state::{AppHandle, UiAction};
use crate::core::domain::Fact;
use crate::core::ids::EventId;
use crate::core::session::Action;

#[derive(Properties, PartialEq)]
pub struct StoreRefusalsProps {
    pub state: AppHandle,
}

/// The three refusal buttons, inside the Event store controls.
#[function_component(StoreRefusals)]
pub fn store_refusals(props: &StoreRefusalsProps) -> Html {
    let selected = props.state.selected_event;
    let (selected_fact, last_fired) = {
        let session = props.state.session();
        let selected_fact = selected
            .and_then(|id| session.store().event(id))
            .and_then(|event| Fact::from_recorded(event).ok().flatten());
        (selected_fact, session.fired_facts().last().cloned())
    };
    // The stream the stale version and the batch go to: the selected
    // event's, else the one of the latest event fired.
    let target = selected_fact.or(last_fired);
    let apply = |make: fn(Fact) -> Action| {
        let (state, target) = (props.state.clone(), target.clone());
        Callback::from(move |_: MouseEvent| {
            match &target {
            Some(fact) => state.dispatch(UiAction::Perform(make(fact.clone()))),
            None => state.dispatch(UiAction::Refuse(
                "Fire an event first: these appends go to the stream of the selected event, or of the latest event fired.".to_owned(),
            )),
        }
        })
    };
    let again = selected.map(|event_id: EventId| {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(UiAction::Perform(Action::AppendAgainWithId { event_id }))
        })
    });
    let on = target.as_ref().map_or_else(
        || "fire an event first".to_owned(),
        |fact| format!("on {} / {}", fact.context(), fact.stream()),
    );
    html! {
        <div class="store-refusals" role="group" aria-label="Store refusals">
            <span class="hint">{ format!("Appends the store must refuse ({on}):") }</span>
            if let Some(onclick) = again {
                <button type="button" {onclick} title="The same event id twice: the store refuses the duplicate">
                    { "Append again with this event's id" }</button>
            }
            <button type="button" onclick={apply(|fact| Action::AppendWithStaleVersion { fact })}
                title="Expect the stream's version before its newest, as a writer that read it before someone else appended">
                { "Append with a stale expected version" }</button>
            <button type="button" onclick={apply(|fact| Action::AppendInvalidBatch { fact })}
                title="Two events in one append, the second reusing the first one's id: all or nothing">
                { "Append a batch whose second event is invalid" }</button>
        </div>
    }
}
