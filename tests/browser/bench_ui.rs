//! UI latency in the real app, mounted in the page and driven through its
//! controls as a person would (the helpers of `support`).
//!
//! 1. **Load**: type the number of orders into `Random orders` and click
//!    `Fire random orders` (N orders are 2N events, both confirmations of
//!    each). The time from that click until the page shows all 2N events is
//!    reported too, for information.
//! 2. **Clicks on `CustomerConfirmedMenu`**, first each for a new order id
//!    (`bench-0`, `bench-1`, ...), then as many for an existing order (`R1`,
//!    one of the random orders). Typing the id is not timed. For each click:
//!    - the clock starts just before `HTMLElement.click()` on the button;
//!    - **DOM updated**: the effect is looked for right away and then after
//!      every task turn (a microtask first: Yew renders in one, and runs the
//!      effects, autosave included, in the same turn; then 0 ms timers);
//!      the effect is the Process state headline showing one event more
//!      (`Now: all N+1 events`) and the Streams panel's `Sales` heading
//!      counting one Sales event more. Both panels draw in the same Yew pass
//!      as the order list and the other panels;
//!    - **laid out** (the figure the floor is about): then the page's layout
//!      is forced (`offsetHeight` of the app's root), so the time includes
//!      style and layout of the new DOM. Painting is not included: a
//!      headless page paints on its own frame clock.
//!
//! 3. **Time-travel slider steps**: the `Time travel over positions` slider
//!    set to a point spread over the whole session and an `input` event
//!    sent, as a drag does; timed until the Process state headline says
//!    `Time travel: as of the first k of N events` and the page is laid out
//!    (the rows shown are then the orders' states as of that point).
//!
//! Used by `tests/wasm_bench.rs` (100 000 orders, 100 clicks each, release
//! build, in `make bench`) and by the browser suite with a few orders, which
//! proves in `make test` that every click is seen.
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::bench_catering::now_ms;
use crate::support::{button, fresh_app, region, settle, type_into, unmount};

/// Task turns to wait for an effect before giving up (0 ms timers are
/// clamped to 4 ms after a few, so this is minutes, not a speed limit).
const MAX_TURNS: u32 = 50_000;
/// Microtask turns tried before falling back to timers.
const MICROTASK_TURNS: u32 = 16;

/// The times of one kind of click, in milliseconds, in click order.
pub struct ClickTimes {
    /// `new-order` or `existing-order`.
    pub case: &'static str,
    /// Click until the DOM shows the effect.
    pub to_dom_ms: Vec<f64>,
    /// Click until the DOM shows the effect and the page is laid out.
    pub to_layout_ms: Vec<f64>,
}

/// What one UI latency run measured.
pub struct UiReport {
    pub orders: u32,
    /// Events in the store after the load, read off the page.
    pub events_loaded: usize,
    /// `Fire random orders` click until all its events are shown.
    pub load_ms: f64,
    pub new_orders: ClickTimes,
    pub existing_order: ClickTimes,
    /// Steps of the time-travel slider (`case`: `time-travel`).
    pub time_travel: ClickTimes,
}

/// Median and nearest-rank p95 and the maximum of `times` (0 if empty).
pub struct Summary {
    pub median: f64,
    pub p95: f64,
    pub max: f64,
}

/// The median (mean of the two middle values for an even count), the
/// nearest-rank 95th percentile (the value at rank ⌈0.95·n⌉) and the max.
pub fn summary(times: &[f64]) -> Summary {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        return Summary {
            median: 0.0,
            p95: 0.0,
            max: 0.0,
        };
    }
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    let rank = (n * 95).div_ceil(100).max(1);
    Summary {
        median,
        p95: sorted[rank - 1],
        max: sorted[n - 1],
    }
}

impl UiReport {
    /// The JSON lines of this report: the load, then one per kind of click.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "{{\"system\":\"es-playground\",\"runtime\":\"wasm-chromium\",\"phase\":\"ui-load\",\
             \"orders\":{},\"events\":{},\"ms\":{:.1}}}",
            self.orders, self.events_loaded, self.load_ms
        )];
        for times in [&self.new_orders, &self.existing_order, &self.time_travel] {
            let laid_out = summary(&times.to_layout_ms);
            let dom = summary(&times.to_dom_ms);
            lines.push(format!(
                "{{\"system\":\"es-playground\",\"runtime\":\"wasm-chromium\",\"phase\":\"ui-click\",\
                 \"case\":\"{}\",\"events_loaded\":{},\"clicks\":{},\"median_ms\":{:.2},\
                 \"p95_ms\":{:.2},\"max_ms\":{:.2},\"dom_median_ms\":{:.2},\"dom_p95_ms\":{:.2}}}",
                times.case,
                self.events_loaded,
                times.to_layout_ms.len(),
                laid_out.median,
                laid_out.p95,
                laid_out.max,
                dom.median,
                dom.p95,
            ));
        }
        lines
    }
}

/// Lets the current task end and the pending microtasks run (Yew's
/// scheduler runs in one).
async fn microtask() {
    let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    let _ = wasm_bindgen_futures::JsFuture::from(resolved).await;
}

/// The number in the Process state headline `Now: all N events`.
pub fn events_shown(app: &Element) -> Option<usize> {
    let label = region(app, "Process state")
        .query_selector("label.travel")
        .ok()
        .flatten()?
        .text_content()?;
    label
        .trim()
        .strip_prefix("Now: all ")?
        .strip_suffix(" events")?
        .parse()
        .ok()
}

/// The number of events in the `Sales` heading of the Streams panel.
fn sales_events_shown(app: &Element) -> Option<usize> {
    let rows = region(app, "Streams")
        .query_selector_all(".context-row")
        .ok()?;
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|row| row.text_content())
        .find_map(|text| {
            let rest = text.strip_prefix("Sales")?;
            rest.split(" event").next()?.trim().parse().ok()
        })
}

/// Waits, turn by turn, until `seen` holds; the number of turns waited.
async fn wait_until(seen: impl Fn() -> bool) -> Result<u32, String> {
    let mut turns = 0;
    while !seen() {
        if turns >= MAX_TURNS {
            return Err(format!(
                "the page did not show the effect after {MAX_TURNS} task turns"
            ));
        }
        if turns < MICROTASK_TURNS {
            microtask().await;
        } else {
            gloo::timers::future::TimeoutFuture::new(0).await;
        }
        turns += 1;
    }
    Ok(turns)
}

/// One timed click on `CustomerConfirmedMenu`: (to DOM, to layout) in ms.
async fn timed_click(app: &Element) -> Result<(f64, f64), String> {
    let total = events_shown(app).ok_or("no event count in the Process state panel")?;
    let sales = sales_events_shown(app).ok_or("no Sales heading in the Streams panel")?;
    let target = button(app, "CustomerConfirmedMenu");
    let root: HtmlElement = app
        .clone()
        .dyn_into()
        .map_err(|_| "the app's root is not an HTML element")?;

    let started = now_ms();
    target.click();
    wait_until(|| {
        events_shown(app) == Some(total + 1) && sales_events_shown(app) == Some(sales + 1)
    })
    .await?;
    let dom = now_ms();
    // Reading a layout property makes the browser compute style and layout now.
    let _ = root.offset_height();
    let laid_out = now_ms();
    Ok((dom - started, laid_out - started))
}

/// `clicks` timed clicks, each after typing the order id `order(i)`.
async fn clicks_for(
    app: &Element,
    case: &'static str,
    clicks: usize,
    order: impl Fn(usize) -> String,
) -> Result<ClickTimes, String> {
    let mut times = ClickTimes {
        case,
        to_dom_ms: Vec::with_capacity(clicks),
        to_layout_ms: Vec::with_capacity(clicks),
    };
    for i in 0..clicks {
        type_into(app, "Order id", &order(i)).await;
        let (dom, laid_out) = timed_click(app)
            .await
            .map_err(|e| format!("{case} click #{}: {e}", i + 1))?;
        times.to_dom_ms.push(dom);
        times.to_layout_ms.push(laid_out);
        // Let timers and late effects finish before the next click.
        settle().await;
    }
    Ok(times)
}

/// Whether the Process state headline shows time travel to the first `k`
/// events.
fn travelled_to(app: &Element, k: usize) -> bool {
    region(app, "Process state")
        .query_selector("label.travel")
        .ok()
        .flatten()
        .and_then(|label| label.text_content())
        .is_some_and(|text| {
            text.trim()
                .starts_with(&format!("Time travel: as of the first {k} of "))
        })
}

/// `steps` timed steps of the time-travel slider, spread over the session.
pub async fn slider_steps(app: &Element, steps: usize) -> Result<ClickTimes, String> {
    let total = events_shown(app).ok_or("no event count in the Process state panel")?;
    let slider: web_sys::HtmlInputElement = region(app, "Process state")
        .query_selector(r#"input[aria-label="Time travel over positions"]"#)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no time-travel slider")?;
    let root: HtmlElement = app
        .clone()
        .dyn_into()
        .map_err(|_| "the app's root is not an HTML element")?;
    let mut times = ClickTimes {
        case: "time-travel",
        to_dom_ms: Vec::with_capacity(steps),
        to_layout_ms: Vec::with_capacity(steps),
    };
    for i in 0..steps {
        // Points all over the session, never now (k < total).
        let k = (i * 7_919 + 1) % total.max(1);
        let input = web_sys::Event::new("input").map_err(|_| "no input event")?;
        let started = now_ms();
        slider.set_value(&k.to_string());
        slider
            .dispatch_event(&input)
            .map_err(|_| "the slider refused the input event")?;
        wait_until(|| travelled_to(app, k))
            .await
            .map_err(|e| format!("slider step #{} to {k}: {e}", i + 1))?;
        let dom = now_ms();
        let _ = root.offset_height();
        let laid_out = now_ms();
        times.to_dom_ms.push(dom - started);
        times.to_layout_ms.push(laid_out - started);
        settle().await;
    }
    Ok(times)
}

/// Mounts a fresh app, loads `orders` random orders, then times `clicks`
/// clicks for new orders, `clicks` for an existing one and `clicks` steps of
/// the time-travel slider.
pub async fn measure_ui(orders: u32, clicks: usize) -> Result<UiReport, String> {
    let app = fresh_app().await;
    type_into(&app, "Menu id", "1").await;
    type_into(&app, "Random orders", &orders.to_string()).await;
    let fire = button(&app, "Fire random orders");
    let expected = orders as usize * 2;
    let started = now_ms();
    fire.click();
    wait_until(|| events_shown(&app) == Some(expected))
        .await
        .map_err(|e| format!("loading {orders} random orders: {e}"))?;
    let load_ms = now_ms() - started;
    settle().await;
    let events_loaded = events_shown(&app).unwrap_or(0);

    let new_orders = clicks_for(&app, "new-order", clicks, |i| format!("bench-{i}")).await?;
    let existing_order = clicks_for(&app, "existing-order", clicks, |_| "R1".to_owned()).await?;
    let time_travel = slider_steps(&app, clicks).await?;
    unmount(&app);
    Ok(UiReport {
        orders,
        events_loaded,
        load_ms,
        new_orders,
        existing_order,
        time_travel,
    })
}
