//! The causation graph of one order, drawn as SVG: its events on the left,
//! the process manager in the middle, the commands it sent on the right,
//! each command joined to the event that caused it.
use yew::prelude::*;

use super::streams::{kind_class, short_type};
use crate::core::domain::{CATERING, Command, SALES, order_stream};
use crate::core::process::handling_order::handling_key;
use crate::core::store::StreamVersion;
use crate::core::words::counted;
use crate::ui::state::SessionView;

/// Most events or commands drawn; a busy order is cut with a note.
const MOST: usize = 12;
const ROW: f64 = 34.0;
const WIDTH: f64 = 640.0;

#[derive(Properties, PartialEq)]
pub struct GraphProps {
    pub session: SessionView,
    pub order: AttrValue,
}

#[function_component(CausationGraph)]
pub fn causation_graph(props: &GraphProps) -> Html {
    let session = props.session.session();
    let store = session.store();
    let stream = order_stream(&props.order);
    let mut events: Vec<_> = [SALES, CATERING]
        .iter()
        .filter_map(|c| {
            store
                .read_stream_forward(c, &stream, StreamVersion::FIRST, MOST)
                .ok()
        })
        .flatten()
        .collect();
    // In the order the process manager handles them.
    events.sort_by(|a, b| handling_key(a).cmp(&handling_key(b)));
    events.truncate(MOST);
    let commands: Vec<_> = session
        .runner()
        .bus()
        .attempts()
        .iter()
        .filter(|d| matches!(&d.envelope.command, Command::ConfirmOrder { order_id, .. } if order_id.as_str() == props.order.as_str()))
        .take(MOST)
        .collect();
    let rows = events.len().max(commands.len()).max(1);
    let height = rows as f64 * ROW + 20.0;
    let pm_y = height / 2.0;
    let event_y = |i: usize| 20.0 + i as f64 * ROW;
    let ex = 170.0;
    let (pm_x, cx) = (WIDTH / 2.0, WIDTH - 244.0);
    html! {
        <figure class="graph" tabindex="0">
            <figcaption>{ format!("Causation for order {}: events → CateringMatch → commands", props.order) }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                 aria-label={format!("Causation graph of order {}: {}, {}", props.order, counted(events.len(), "event", "events"), counted(commands.len(), "command attempt", "command attempts"))}>
                { for events.iter().enumerate().map(|(i, e)| html! {
                    <g>
                        <line x1={ex.to_string()} y1={event_y(i).to_string()} x2={(pm_x - 60.0).to_string()} y2={pm_y.to_string()} class="edge" />
                        <rect x="4" y={(event_y(i) - 12.0).to_string()} width={(ex - 4.0).to_string()} height="24" rx="6" class={classes!("node", kind_class(&e.event_type))} />
                        <text x="12" y={(event_y(i) + 5.0).to_string()}>{ format!("{} #{} {}", e.context, e.position.0, short_type(&e.event_type)) }</text>
                    </g>
                }) }
                <rect x={(pm_x - 60.0).to_string()} y={(pm_y - 16.0).to_string()} width="120" height="32" rx="8" class="node process" />
                <text x={pm_x.to_string()} y={(pm_y + 5.0).to_string()} text-anchor="middle">{ "CateringMatch" }</text>
                { for commands.iter().enumerate().map(|(i, d)| {
                    let cause = events.iter().position(|e| e.id == d.envelope.causation_id);
                    let class = if !d.was_delivered() { "dropped" } else if d.is_duplicate { "duplicate" } else { "delivered" };
                    html! {
                        <g>
                            <line x1={(pm_x + 60.0).to_string()} y1={pm_y.to_string()} x2={cx.to_string()} y2={event_y(i).to_string()} class={classes!("edge", class)} />
                            if let Some(c) = cause {
                                <path d={format!("M {ex} {} C {} {}, {} {}, {cx} {}", event_y(c), pm_x, event_y(c) - 30.0, pm_x, event_y(i) + 30.0, event_y(i))} class="edge cause" />
                            }
                            <rect x={cx.to_string()} y={(event_y(i) - 12.0).to_string()} width="240" height="24" rx="6" class={classes!("node", "command", class)} />
                            <text x={(cx + 8.0).to_string()} y={(event_y(i) + 5.0).to_string()}>
                                { format!("#{} {}{}", d.attempt + 1, d.envelope.command.to_string().replace("ConfirmOrder", "Confirm"),
                                    match class { "duplicate" => " DUP", "dropped" => " dropped", _ => "" }) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
