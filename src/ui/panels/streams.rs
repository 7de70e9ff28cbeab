//! The Streams panel: per context, every stream with its events in version
//! order (links marked), the context's gaps, and the selected event's details.
use std::rc::Rc;

use yew::prelude::*;

use super::details::EventDetails;
use crate::core::domain::{CatererConfirmedMenu, CatererDeclinedMenu, CustomerConfirmedMenu};
use crate::core::ids::EventId;
use crate::core::process::peek::{ProjectionPeek, last_projection_peek};
use crate::core::store::{
    ContextInfo, DomainEvent, EventStore, Position, RecordedEvent, StreamVersion,
};
use crate::core::words::counted;
use crate::ui::state::SessionView;
use crate::ui::virtual_list::VirtualList;

/// What a chip says when the projection read its event from this stream.
const PEEK_LABEL: &str = "read by the projection (not its stream)";

/// Events drawn per stream row; the rest are counted.
const EVENTS_PER_ROW: usize = 6;

#[derive(Properties, PartialEq)]
pub struct StreamsProps {
    /// The session whose streams are drawn.
    pub session: SessionView,
    /// The event whose details are shown.
    pub selected_event: Option<EventId>,
    /// Selects an event (or none).
    pub on_select_event: Callback<Option<EventId>>,
}

/// What a stream row needs besides the session: the selection and how to
/// change it.
#[derive(Clone)]
struct Selection {
    selected: Option<EventId>,
    on_select: Callback<Option<EventId>>,
}

/// Every context as the store lists it. Rows are computed from the
/// contexts' stream counts, so a click never lists every stream.
#[derive(Clone, PartialEq)]
struct Shape(Vec<ContextInfo>);

impl Shape {
    fn of(store: &EventStore) -> Shape {
        Shape(store.contexts())
    }

    fn rows(&self) -> usize {
        self.0.iter().map(|c| c.stream_count + 1).sum()
    }

    /// Row `i`: a context and, for a stream row, the stream's place in it
    /// (`None` for the context's heading).
    fn row(&self, mut i: usize) -> Option<(usize, Option<usize>)> {
        for (context, info) in self.0.iter().enumerate() {
            if i == 0 {
                return Some((context, None));
            }
            if i <= info.stream_count {
                return Some((context, Some(i - 1)));
            }
            i -= info.stream_count + 1;
        }
        None
    }

    /// Positions consumed without an event, per context. Gap positions
    /// change only when this does (a rollback), since events are never removed.
    fn missing(&self) -> Vec<u64> {
        self.0
            .iter()
            .map(|c| c.head_position.0.saturating_sub(c.event_count as u64))
            .collect()
    }
}

/// The heading of a context: counts, head and gaps.
fn context_summary(info: &ContextInfo, gaps: &str) -> String {
    format!(
        "{} in {}, head position {}{}",
        counted(info.event_count, "event", "events"),
        counted(info.stream_count, "stream", "streams"),
        info.head_position.0,
        if gaps.is_empty() {
            String::new()
        } else {
            format!("; gaps at {gaps}")
        }
    )
}

/// The positions of a context that hold no event, as ranges (`4–5, 9`),
/// at most five of them.
pub fn gaps_of(store: &EventStore, context: &str) -> String {
    let Ok(log) = store.read_log_forward(context, Position(0), usize::MAX) else {
        return String::new();
    };
    let head = store.head_position(context).map(|p| p.0).unwrap_or(0);
    let mut ranges = Vec::new();
    let mut expected = 1;
    for position in log
        .iter()
        .map(|e| e.position.0)
        .chain(std::iter::once(head + 1))
    {
        if position > expected {
            ranges.push(if position - 1 == expected {
                expected.to_string()
            } else {
                format!("{expected}–{}", position - 1)
            });
        }
        expected = position + 1;
    }
    let more = ranges.len().saturating_sub(5);
    ranges.truncate(5);
    let mut text = ranges.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

#[function_component(StreamsPanel)]
pub fn streams_panel(props: &StreamsProps) -> Html {
    let revision = props.session.revision();
    let shape = Shape::of(props.session.session().store());
    // Gap positions change only when a rollback consumes positions, i.e.
    // when head − event count changes; only then is the log scanned again.
    let gaps = {
        let view = props.session.clone();
        use_memo(
            (shape.missing(), Rc::as_ptr(props.session.cell())),
            move |_| {
                let session = view.session();
                let store = session.store();
                store
                    .contexts()
                    .into_iter()
                    .map(|c| gaps_of(store, &c.name))
                    .collect::<Vec<_>>()
            },
        )
    };
    // The events the projection read for its last handling, from streams
    // the process manager does not own (none under the other strategies).
    let peek = {
        let session = props.session.session();
        Rc::new(last_projection_peek(session.runner(), session.store()))
    };
    let selection = Selection {
        selected: props.selected_event,
        on_select: props.on_select_event.clone(),
    };
    let render_row = {
        let (view, shape, gaps) = (props.session.clone(), shape.clone(), gaps.clone());
        let peek = peek.clone();
        Callback::from(move |i: usize| {
            let Some((c, stream)) = shape.row(i) else {
                return html! {};
            };
            let Some(info) = shape.0.get(c) else {
                return html! {};
            };
            let name = info.name.as_str();
            match stream {
                None => {
                    let summary = context_summary(info, gaps.get(c).map_or("", String::as_str));
                    html! { <div class="context-row"><strong>{ name }</strong><span class="muted">{ summary }</span></div> }
                }
                Some(index) => {
                    let found = view.session().store().stream_at(name, index).ok().flatten();
                    found.map_or_else(
                        || html! {},
                        |s| stream_row(&view, &selection, name, &s.name, peek.as_ref().as_ref()),
                    )
                }
            }
        })
    };
    let empty = props.session.session().store().event_count() == 0;
    html! {
        <>
            if empty {
                <p class="empty">{ "No events yet. Fire CustomerConfirmedMenu or CatererConfirmedMenu above." }</p>
            }
            if let Some(peek) = peek.as_ref() {
                <p class="peek-note" role="note">
                    <span class="peek-mark" aria-hidden="true">{ "◉ " }</span>
                    { peek_sentence(peek) }
                </p>
            }
            <VirtualList label="Streams and their events" count={shape.rows()} render_row={render_row} revision={revision} visible_rows={9} />
            <EventDetails session={props.session.clone()} selected={props.selected_event}
                on_select_event={props.on_select_event.clone()} />
        </>
    }
}

/// The projection's last read, in a sentence.
fn peek_sentence(peek: &ProjectionPeek) -> String {
    let key = &peek.key;
    if peek.events.is_empty() {
        return format!(
            "Handling #{} (order {key}), the projection found nothing yet in the order's \
             streams, which belong to Sales and Catering, not to the process manager.",
            peek.handling + 1
        );
    }
    format!(
        "Handling #{} (order {key}), the projection read {} marked ◉ from the \
         order's streams, which belong to Sales and Catering, not to the process manager.",
        peek.handling + 1,
        counted(peek.events.len(), "event", "events")
    )
}

fn stream_row(
    view: &SessionView,
    selection: &Selection,
    context: &str,
    name: &str,
    peek: Option<&ProjectionPeek>,
) -> Html {
    let session = view.session();
    let store = session.store();
    let events = store
        .read_stream_forward(context, name, StreamVersion::FIRST, EVENTS_PER_ROW)
        .unwrap_or_default();
    let total = store
        .stream_version(context, name)
        .ok()
        .flatten()
        .map(|v| v.0 + 1)
        .unwrap_or(0);
    let more = (total as usize).saturating_sub(events.len());
    html! {
        <div class="stream-row">
            <span class="stream-name mono" title={format!("{context} / {name}")}>{ name }</span>
            { for events.iter().enumerate().map(|(version, e)| {
                let peeked = peek.is_some_and(|peek| peek.events.iter().any(|p| {
                    p.id == e.id && p.context == context && p.stream == name
                }));
                event_chip(selection, e, name, version, peeked)
            }) }
            if more > 0 { <span class="muted">{ format!("+{more}") }</span> }
        </div>
    }
}

/// A clickable event in a stream row; a linked event is marked, and so is
/// an event the projection read from this stream for its last handling.
fn event_chip(
    selection: &Selection,
    event: &RecordedEvent,
    in_stream: &str,
    version: usize,
    peeked: bool,
) -> Html {
    let linked = event.stream != in_stream;
    let selected = selection.selected == Some(event.id);
    let id = event.id;
    let onclick = selection.on_select.reform(move |_: MouseEvent| Some(id));
    let title = format!(
        "{} at position {}{}; version {version} here{}",
        event.event_type,
        event.position.0,
        if linked {
            format!(", linked from {}", event.stream)
        } else {
            String::new()
        },
        if peeked {
            format!("; {PEEK_LABEL}")
        } else {
            String::new()
        }
    );
    html! {
        <button type="button" class={classes!("chip", kind_class(&event.event_type), linked.then_some("linked"), selected.then_some("selected"), peeked.then_some("peeked"))}
                {title} {onclick} aria-pressed={selected.to_string()}>
            // The type's full name (the accessible name); where the panel is
            // narrow, the stylesheet hides it visually and shows the short form.
            { format!("{version}·") }<span class="chip-type">{ event.event_type.as_str() }</span>
            <span class="chip-short" aria-hidden="true">{ short_type(&event.event_type) }</span>
            if linked { <span class="link-mark" aria-label="linked">{ "⤴" }</span> }
            if peeked { <span class="peek-mark" role="img" aria-label={PEEK_LABEL}>{ "◉" }</span> }
        </button>
    }
}

/// A CSS class for an event type's colour.
pub fn kind_class(event_type: &str) -> &'static str {
    match event_type {
        t if t == CustomerConfirmedMenu::TYPE => "customer",
        t if t == CatererConfirmedMenu::TYPE => "caterer",
        t if t == CatererDeclinedMenu::TYPE => "declined",
        _ => "other",
    }
}

/// `CustomerConfirmedMenu` → `Customer ✓`, short enough for a chip.
pub fn short_type(event_type: &str) -> String {
    match event_type {
        t if t == CustomerConfirmedMenu::TYPE => "Customer ✓".to_owned(),
        t if t == CatererConfirmedMenu::TYPE => "Caterer ✓".to_owned(),
        t if t == CatererDeclinedMenu::TYPE => "Caterer ✗".to_owned(),
        other => other.chars().take(14).collect(),
    }
}
