//! The panels of the page, one file each: `Streams` (`streams.rs`, with the
//! selected event's `details.rs`), `Cursors` (`cursors.rs`), `Process state`
//! (`process_state.rs`, with the order list `order_index.rs`, lesson 6's
//! `kept_state.rs` and the causation `graph.rs`), `Commands` (`commands.rs`)
//! `Specifications` (`specs.rs`, `spec_result.rs`) and, while PostgreSQL in
//! the page is on, `SQL` (`sql.rs`); `compare.rs` puts
//! Commands and Process state of two settings side by side.
//!
//! [`Panel`] is their frame: a `<section>` region named by its
//! `aria-label`; the panels an open lesson is about come first (CSS `order`).
mod commands;
mod compare;
mod cursors;
mod details;
mod graph;
mod kept_state;
pub mod order_index;
mod process_state;
mod spec_result;
mod specs;
mod sql;
mod streams;

pub use commands::CommandsPanel;
pub use compare::{CompareBar, ComparisonView, LessonCompareOffer};
pub use cursors::CursorsPanel;
pub use process_state::ProcessStatePanel;
pub use specs::Specifications;
pub use sql::SqlPanel;
pub use streams::StreamsPanel;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The region's accessible name and visible heading.
    pub label: AttrValue,
    /// One sentence saying what the panel shows.
    pub hint: AttrValue,
    /// Its place among the open lesson's panels (0 first), if the lesson
    /// is about it: such a panel comes before the others.
    #[prop_or_default]
    pub focus: Option<usize>,
    #[prop_or_default]
    pub children: Html,
}

/// One of the four main panels (`Streams`, `Cursors`, `Process state`, `Commands`).
#[function_component(Panel)]
pub fn panel(props: &PanelProps) -> Html {
    html! {
        <section class={classes!("panel", props.focus.map(|_| "focus"))}
            aria-label={props.label.clone()}
            style={props.focus.map(|place| format!("order: {place}"))}>
            <h2>{ props.label.clone() }</h2>
            <p class="hint">{ props.hint.clone() }</p>
            { props.children.clone() }
        </section>
    }
}
