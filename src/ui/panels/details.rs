//! The selected event's details: data, metadata, every stream it is in with
//! its version there, and the commands it caused.
use yew::prelude::*;

use super::streams::kind_class;
use crate::core::ids::EventId;
use crate::ui::state::SessionView;

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub session: SessionView,
    /// The event to show, if one is selected.
    pub selected: Option<EventId>,
    /// Selects another event, or none (Close).
    pub on_select_event: Callback<Option<EventId>>,
}

/// The selected event: data, metadata, streams, and the commands it caused.
#[function_component(EventDetails)]
pub fn event_details(props: &DetailsProps) -> Html {
    let Some(id) = props.selected else {
        return html! { <p class="hint">{ "Select an event to see its data, its streams and the commands it caused." }</p> };
    };
    let session = props.session.session();
    let store = session.store();
    let Some(event) = store.event(id) else {
        return html! {};
    };
    let data = serde_json::to_string_pretty(&event.data).unwrap_or_default();
    let streams = store.streams_of(id);
    // An event stored without a correlation id starts its own conversation.
    let correlation = event.metadata.correlation_id.unwrap_or(event.id);
    let first_text = store
        .event(correlation)
        .map(|e| format!("{} {} position {}", e.event_type, e.context, e.position.0))
        .unwrap_or_else(|| "no longer stored".to_owned());
    let caused: Vec<_> = session
        .runner()
        .bus()
        .attempts()
        .iter()
        .filter(|d| d.envelope.causation_id == id)
        .collect();
    let close = props.on_select_event.reform(|_: MouseEvent| None);
    html! {
        <div class="details" aria-label="Event details" role="group">
            <div class="details-head">
                <strong class={classes!("mono", kind_class(&event.event_type))}>{ event.event_type.as_str() }</strong>
                <span class="muted">{ format!("{} position {}", event.context, event.position.0) }</span>
                <button type="button" class="small" onclick={close}>{ "Close" }</button>
            </div>
            <dl>
                <dt>{ "Event id" }</dt><dd class="mono">{ event.id.to_string() }</dd>
                <dt>{ "Data" }</dt><dd><pre>{ data }</pre></dd>
                <dt>{ "Recorded at" }</dt><dd class="mono" title={format!("{} on the session's logical clock (UTC)", event.metadata.recorded_at)}>{ event.metadata.recorded_at.time_of_day() }</dd>
                <dt>{ "Correlation id" }</dt>
                <dd>
                    <span class="mono">{ correlation.to_string() }</span>
                    <span class="muted">{ if correlation == event.id {
                        " (this event started its conversation)".to_owned()
                    } else {
                        format!(" (the conversation's first event: {first_text})")
                    } }</span>
                </dd>
                <dt>{ "Causation id" }</dt>
                <dd>
                    if let Some(cause) = event.metadata.causation_id {
                        <span class="mono">{ cause.to_string() }</span>
                    } else {
                        <span class="muted">{ "none recorded: no event or command caused it" }</span>
                    }
                </dd>
                <dt>{ "In streams" }</dt>
                <dd>{ for streams.iter().map(|(s, v)| html! { <span class="tag mono">{ format!("{s} @ version {}", v.0) }</span> }) }</dd>
                <dt>{ "Commands it caused" }</dt>
                <dd>
                    if caused.is_empty() { <span class="muted">{ "none" }</span> }
                    { for caused.iter().map(|d| html! {
                        <span class={classes!("tag", d.is_duplicate.then_some("duplicate"))}
                              title={format!("correlation id {}", d.envelope.correlation_id)}>
                            { format!("#{} {}{}", d.attempt + 1, d.envelope.command.name(),
                                if d.was_delivered() { "" } else { " (dropped)" }) }
                        </span>
                    }) }
                </dd>
            </dl>
        </div>
    }
}
