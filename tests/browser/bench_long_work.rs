//! Long work in the real app, at a million events: how long it takes and
//! the longest time it holds the page (the main thread) in one piece.
//!
//! The **longest block** is watched from outside the app: a loop of 0 ms
//! timers runs beside the work and records the longest gap between two of
//! its turns. A gap is the time the page could not answer anything (a
//! slice of work, a render, a layout), plus the browser's own timer delay
//! (about 4 ms once timers nest). Measured, in this order, on one page:
//!
//! 1. **Load**: `Fire random orders` clicked until the page shows all the
//!    events (at most 250 000 orders a click, so a million events take two
//!    clicks; the time and block are of both together).
//! 2. **Memory**: the wasm memory's size over the events (the page's memory
//!    for the session, the store and everything drawn; it never shrinks).
//!    Also after the first click alone: then the page has held one session
//!    only (built beside an empty one), so that figure is what a session
//!    itself takes; the second click builds its session beside the first.
//! 3. **Slider**: steps of the time-travel slider at that size
//!    (`bench_ui::slider_steps`).
//! 4. **Switch**: `State strategy` set to event-sourced until the
//!    replayed session is shown; then the memory again; then back to
//!    state-row (timed too: the event-sourced strategy does the most work
//!    per event) and to event-sourced again, and the memory once more
//!    (freed memory is used again).
//! 5. **Specifications**: `Run all specifications` until the run ends.
//! 6. **Restore**: the app unmounted and mounted again, as a reload does,
//!    until the restored session is shown.
use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::bench_catering::now_ms;
use crate::bench_ui::{ClickTimes, events_shown, slider_steps, summary};
use crate::support::{
    choose, click, fresh_app, long_work_done, mount_app, saved, specifications_run, type_into,
    unmount,
};

/// Random orders a click may load at most (`MAX_RANDOM_ORDERS`).
const PER_CLICK: u32 = 250_000;

/// The longest gap between turns of a 0 ms timer loop, while it watches.
pub struct BlockWatch {
    longest_ms: Rc<Cell<f64>>,
    watching: Rc<Cell<bool>>,
}

impl BlockWatch {
    pub fn start() -> Self {
        let (longest_ms, watching) = (Rc::new(Cell::new(0.0_f64)), Rc::new(Cell::new(true)));
        let (longest, on) = (Rc::clone(&longest_ms), Rc::clone(&watching));
        wasm_bindgen_futures::spawn_local(async move {
            while on.get() {
                let before = now_ms();
                gloo::timers::future::TimeoutFuture::new(0).await;
                longest.set(longest.get().max(now_ms() - before));
            }
        });
        BlockWatch {
            longest_ms,
            watching,
        }
    }

    /// Stops watching: the longest gap seen, in ms.
    pub fn stop(self) -> f64 {
        self.watching.set(false);
        self.longest_ms.get()
    }
}

/// One piece of long work: its time and its longest block, in ms.
pub struct Timed {
    pub ms: f64,
    pub longest_block_ms: f64,
}

/// Times `work` with a block watch beside it.
pub async fn timed(
    work: impl std::future::Future<Output = Result<(), String>>,
) -> Result<Timed, String> {
    let watch = BlockWatch::start();
    let started = now_ms();
    work.await?;
    let ms = now_ms() - started;
    Ok(Timed {
        ms,
        longest_block_ms: watch.stop(),
    })
}

/// What one run measured.
pub struct LongWorkReport {
    pub events: usize,
    pub load: Timed,
    pub bytes_per_event: f64,
    /// After the first click: one session held, none beside it.
    pub one_session_events: usize,
    pub bytes_per_event_one_session: f64,
    pub slider: ClickTimes,
    /// The switch to event-sourced.
    pub switch: Timed,
    /// The switch back to state-row.
    pub switch_back: Timed,
    pub bytes_per_event_after_switch: f64,
    /// After switching back, then again: freed memory is used again, so
    /// switches do not keep growing the page.
    pub bytes_per_event_after_three_switches: f64,
    pub specifications: Timed,
    pub restore: Timed,
    pub events_restored: usize,
}

/// The wasm memory's size in bytes.
fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| memory.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |buffer| f64::from(buffer.byte_length()))
}

/// Waits until the page shows `events` events.
async fn shown(app: &Element, events: usize) -> Result<(), String> {
    long_work_done(app).await;
    match events_shown(app) {
        Some(seen) if seen == events => Ok(()),
        seen => Err(format!("the page shows {seen:?} events, not {events}")),
    }
}

/// Sets `State strategy` to `strategy` and waits until the replayed
/// session's `events` events are shown.
async fn switched(app: &Element, strategy: &str, events: usize) -> Result<(), String> {
    choose(app, "State strategy", strategy).await;
    shown(app, events).await
}

/// Loads `orders` random orders (two events each), measures, then switches,
/// runs the specifications and restores; `steps` slider steps.
pub async fn measure_long_work(orders: u32, steps: usize) -> Result<LongWorkReport, String> {
    let app = fresh_app().await;
    type_into(&app, "Menu id", "1").await;
    let events = orders as usize * 2;
    let mut one_session = None;
    let load = timed(async {
        let mut left = orders;
        while left > 0 {
            let now = left.min(PER_CLICK);
            type_into(&app, "Random orders", &now.to_string()).await;
            click(&app, "Fire random orders").await;
            long_work_done(&app).await;
            left -= now;
            if one_session.is_none() {
                let so_far = (orders - left) as usize * 2;
                one_session = Some((so_far, wasm_memory_bytes() / so_far as f64));
            }
        }
        shown(&app, events).await
    })
    .await?;
    let (one_session_events, bytes_per_event_one_session) = one_session.unwrap_or_default();
    let bytes_per_event = wasm_memory_bytes() / events as f64;
    let slider = slider_steps(&app, steps).await?;

    let switch = timed(switched(&app, "event-sourced", events)).await?;
    let bytes_per_event_after_switch = wasm_memory_bytes() / events as f64;
    let switch_back = timed(switched(&app, "state-row", events)).await?;
    switched(&app, "event-sourced", events).await?;
    let bytes_per_event_after_three_switches = wasm_memory_bytes() / events as f64;
    let specifications = timed(async {
        click(&app, "Run all specifications").await;
        specifications_run(&app).await;
        Ok(())
    })
    .await?;
    saved().await;
    unmount(&app);
    // A reload starts a new page: the old page's session is not freed in
    // it. Here the same page goes on, so let it free the old one first.
    gloo::timers::future::TimeoutFuture::new(1_000).await;

    let mut again = None;
    let restore = timed(async {
        let app = mount_app().await;
        let result = shown(&app, events).await;
        again = Some(app);
        result
    })
    .await?;
    let events_restored = again.as_ref().and_then(events_shown).unwrap_or(0);
    if let Some(app) = again {
        unmount(&app);
    }
    Ok(LongWorkReport {
        events,
        load,
        bytes_per_event,
        one_session_events,
        bytes_per_event_one_session,
        slider,
        switch,
        switch_back,
        bytes_per_event_after_switch,
        bytes_per_event_after_three_switches,
        specifications,
        restore,
        events_restored,
    })
}

impl LongWorkReport {
    /// One JSON line per kind of long work, then the slider and memory.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = [
            ("load", &self.load),
            ("switch", &self.switch),
            ("switch-back", &self.switch_back),
            ("specifications", &self.specifications),
            ("restore", &self.restore),
        ]
        .into_iter()
        .map(|(work, timed)| {
            format!(
                "{{\"system\":\"es-playground\",\"runtime\":\"wasm-chromium\",\"phase\":\"long-work\",\
                 \"work\":\"{work}\",\"events\":{},\"ms\":{:.1},\"longest_block_ms\":{:.1}}}",
                self.events, timed.ms, timed.longest_block_ms
            )
        })
        .collect();
        let slider = summary(&self.slider.to_layout_ms);
        lines.push(format!(
            "{{\"system\":\"es-playground\",\"runtime\":\"wasm-chromium\",\"phase\":\"long-slider\",\
             \"events\":{},\"steps\":{},\"median_ms\":{:.2},\"p95_ms\":{:.2},\"max_ms\":{:.2}}}",
            self.events,
            self.slider.to_layout_ms.len(),
            slider.median,
            slider.p95,
            slider.max
        ));
        lines.push(format!(
            "{{\"system\":\"es-playground\",\"runtime\":\"wasm-chromium\",\"phase\":\"page-memory\",\
             \"events\":{},\"bytes_per_event\":{:.0},\"bytes_per_event_after_switch\":{:.0},\
             \"bytes_per_event_after_three_switches\":{:.0},\"one_session_events\":{},\
             \"bytes_per_event_one_session\":{:.0}}}",
            self.events,
            self.bytes_per_event,
            self.bytes_per_event_after_switch,
            self.bytes_per_event_after_three_switches,
            self.one_session_events,
            self.bytes_per_event_one_session
        ));
        lines
    }
}
