//! A list that renders only the rows in view, so a panel stays responsive
//! with hundreds of thousands of entries.
//!
//! Rows have a fixed height (in `em`, so large type scales them). The
//! scroll container is focusable, so arrow keys and Page Up/Down scroll it.
use yew::prelude::*;

/// Rows drawn beyond the visible ones, above and below, to hide flicker.
const OVERSCAN: usize = 6;

#[derive(Properties, PartialEq)]
pub struct VirtualListProps {
    /// The accessible name of the list.
    pub label: AttrValue,
    /// How many rows there are.
    pub count: usize,
    /// Row height in `em` of the list's font size.
    #[prop_or(1.9)]
    pub row_em: f64,
    /// Visible height in rows.
    #[prop_or(10)]
    pub visible_rows: usize,
    /// Draws row `i` (0-based).
    pub render_row: Callback<usize, Html>,
    /// Compared to decide whether to redraw when `count` is unchanged.
    #[prop_or_default]
    pub revision: u64,
}

/// The first and one-past-last row to draw for a scroll offset.
pub fn window(scroll_rows: f64, visible: usize, count: usize) -> (usize, usize) {
    let first = if scroll_rows.is_finite() && scroll_rows > 0.0 {
        scroll_rows.floor() as usize
    } else {
        0
    };
    let start = first.saturating_sub(OVERSCAN).min(count);
    let end = first
        .saturating_add(visible)
        .saturating_add(OVERSCAN)
        .min(count);
    (start, end.max(start))
}

#[function_component(VirtualList)]
pub fn virtual_list(props: &VirtualListProps) -> Html {
    // Scroll offset measured in rows (scrollTop / row height in px).
    let scroll_rows = use_state(|| 0.0_f64);
    let onscroll = {
        let scroll_rows = scroll_rows.clone();
        let row_em = props.row_em;
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let font_px = font_size_px(&el);
                let row_px = (row_em * font_px).max(1.0);
                scroll_rows.set(f64::from(el.scroll_top()) / row_px);
            }
        })
    };
    let (start, end) = window(*scroll_rows, props.visible_rows, props.count);
    let rows = (start..end).map(|i| {
        let top = i as f64 * props.row_em;
        html! {
            <div class="vrow" role="listitem" key={i}
                 style={format!("top:{top}em;height:{}em", props.row_em)}>
                { props.render_row.emit(i) }
            </div>
        }
    });
    if props.count == 0 {
        return html! {};
    }
    let height = props.visible_rows.min(props.count.max(1)) as f64 * props.row_em;
    html! {
        <div class="vlist" tabindex="0" role="list" aria-label={props.label.clone()}
             {onscroll} style={format!("height:{height}em")}>
            <div class="vlist-inner" style={format!("height:{}em", props.count as f64 * props.row_em)}>
                { for rows }
            </div>
        </div>
    }
}

/// The computed font size of an element in px (16 if unknown).
fn font_size_px(el: &web_sys::Element) -> f64 {
    web_sys::window()
        .and_then(|w| w.get_computed_style(el).ok().flatten())
        .and_then(|style| style.get_property_value("font-size").ok())
        .and_then(|size| size.trim_end_matches("px").parse::<f64>().ok())
        .filter(|px| *px > 0.0)
        .unwrap_or(16.0)
}
