//! The Cursors panel: each context's log as a lane of positions, the
//! process manager's saved cursor as a pointer on it (on its own outbox
//! context: the dispatcher's cursor), and the lag.
use yew::prelude::*;

use crate::core::store::{EventStore, Position};
use crate::ui::state::SessionView;

/// Positions drawn per lane.
const LANE: u64 = 24;

#[derive(Properties, PartialEq)]
pub struct CursorsProps {
    /// The session whose logs and cursors are drawn.
    pub session: SessionView,
}

#[function_component(CursorsPanel)]
pub fn cursors_panel(props: &CursorsProps) -> Html {
    let session = props.session.session();
    let store = session.store();
    let saved = session.runner().saved_cursors().clone();
    let read = session.runner().read_cursors();
    // The outbox stream's context is read by the dispatcher, not the handler.
    let (outbox, dispatcher) = session.runner().dispatcher_cursor();
    let lanes = store.contexts().into_iter().map(|info| {
        let dispatched = info.name == outbox;
        let cursor = if dispatched {
            dispatcher
        } else {
            saved.get(&info.name).copied().unwrap_or(Position(0))
        };
        let reading = read.get(&info.name).copied().unwrap_or(cursor);
        lane(
            store,
            &info.name,
            info.head_position.0,
            cursor.0,
            reading.0,
            dispatched,
        )
    });
    html! { <div class="lanes">{ for lanes }</div> }
}

fn lane(
    store: &EventStore,
    context: &str,
    head: u64,
    cursor: u64,
    reading: u64,
    dispatched: bool,
) -> Html {
    let unread = store
        .read_log_forward(context, Position(cursor), usize::MAX)
        .map(|l| l.len())
        .unwrap_or(0);
    // Show the cursor with some history before it, and as much after as fits.
    let first = cursor
        .saturating_sub(LANE / 3)
        .min(head.saturating_sub(LANE - 1))
        .max(1);
    let last = (first + LANE - 1).min(head.max(1));
    let present: Vec<u64> = store
        .read_log_forward(context, Position(first - 1), (last - first + 1) as usize)
        .map(|events| events.iter().map(|e| e.position.0).collect())
        .unwrap_or_default();
    let cells = (first..=last).filter(|_| head > 0).map(|p| {
        let has_event = present.binary_search(&p).is_ok();
        let class = classes!(
            "cell",
            if has_event { "event" } else { "gap" },
            (p <= cursor).then_some("handled"),
            (p == cursor).then_some("at-cursor"),
        );
        // The outbox stream's lane is the dispatcher's: its cursor is what was sent.
        let (done, waiting) = if dispatched {
            ("sent", "not sent yet")
        } else {
            ("handled", "not handled yet")
        };
        let title = match (has_event, p <= cursor) {
            (false, _) => format!("position {p}: no event (a rolled-back transaction)"),
            (true, true) => format!("position {p}: {done}"),
            (true, false) => format!("position {p}: {waiting}"),
        };
        html! { <span {class} {title}>{ p }</span> }
    });
    let lag_text = match (unread, dispatched) {
        (0, _) => "up to date".to_owned(),
        (1, false) => "1 event not handled yet".to_owned(),
        (n, false) => format!("{n} events not handled yet"),
        (1, true) => "1 command not sent yet".to_owned(),
        (n, true) => format!("{n} commands not sent yet"),
    };
    html! {
        <div class="lane" role="group" aria-label={format!("{context} log")}>
            <div class="lane-head">
                <strong>{ context }</strong>
                if dispatched { <span class="muted" title="The outbox stream's dispatcher reads this log, not the handler">{ "dispatcher's" }</span> }
                <span class="mono">{ format!("cursor {cursor}") }</span>
                if reading != cursor { <span class="mono warn">{ format!("read up to {reading}, not saved") }</span> }
                <span class="mono muted">{ format!("head {head}") }</span>
                <span class={classes!("lag", (unread > 0).then_some("behind"))}>{ lag_text }</span>
            </div>
            <div class="cells">
                if first > 1 { <span class="cell more">{ "…" }</span> }
                { for cells }
                if head == 0 { <span class="muted">{ "empty log" }</span> }
            </div>
        </div>
    }
}
