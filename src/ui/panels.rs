//! A labelled panel: a `<section>` region named by its `aria-label`.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The region's accessible name and visible heading.
    pub label: AttrValue,
    /// One sentence saying what the panel shows.
    pub hint: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

/// One of the four main panels (`Streams`, `Cursors`, `Process state`, `Commands`).
#[function_component(Panel)]
pub fn panel(props: &PanelProps) -> Html {
    html! {
        <section class="panel" aria-label={props.label.clone()}>
            <h2>{ props.label.clone() }</h2>
            <p class="hint">{ props.hint.clone() }</p>
            { props.children.clone() }
        </section>
    }
}
