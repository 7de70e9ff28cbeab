//! Long work in slices, so the page never freezes.
//!
//! A replay of a million events or a run of every specification takes
//! seconds. Done in one go it would hold the page: no click, no redraw, a
//! frozen projector. Here the work is a closure that does at most `budget`
//! units (events replayed, orderings run) and says whether it is finished;
//! [`run_in_slices`] calls it for about [`SLICE_MS`] at a time, then gives
//! the page back to the browser (a zero timeout) so it can draw and answer
//! clicks, and goes on. The budget adapts to how long a unit takes here.
//!
//! Dropping the returned [`Slices`] stops the work before its next slice:
//! that is how Cancel works (the work's result is simply never used).
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsValue;

/// How long the work may hold the page before it yields (well inside the
/// 50 ms that counts as a long task, and leaves room to draw a frame).
pub const SLICE_MS: f64 = 8.0;
/// Units a first slice may do, before the speed here is known.
const FIRST_BUDGET: usize = 64;

/// One piece of long work being done; dropping it cancels the rest.
pub struct Slices {
    _alive: Rc<()>,
}

/// What a tick of work ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tick {
    /// More to do: the page gets a turn, then the work goes on.
    More,
    /// Finished (or stopped by its own decision): nothing more is called.
    Done,
}

/// Runs `work` in slices of about [`SLICE_MS`]: `work(budget)` does at most
/// `budget` units and says whether more is left. After each slice of time,
/// `paused` runs (to draw progress) while the work is not done.
pub fn run_in_slices(
    work: impl FnMut(usize) -> Tick + 'static,
    paused: impl FnMut() + 'static,
) -> Slices {
    let alive = Rc::new(());
    let token = Rc::downgrade(&alive);
    wasm_bindgen_futures::spawn_local(async move {
        in_slices(work, paused, move || token.upgrade().is_none()).await;
    });
    Slices { _alive: alive }
}

/// Frees `items` a slice at a time, from the last: freeing half a million
/// strings at once holds the page for a few tens of milliseconds.
pub fn drop_in_slices<T: 'static>(mut items: Vec<T>) {
    if items.len() <= FIRST_BUDGET {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let free = |budget: usize| {
            items.truncate(items.len().saturating_sub(budget));
            if items.is_empty() {
                Tick::Done
            } else {
                Tick::More
            }
        };
        in_slices(free, || {}, || false).await;
    });
}

/// The same, awaited: `Tick::Done` once the work is done, `Tick::More` if
/// `cancelled` said stop first (what is left is never done).
pub async fn in_slices(
    work: impl FnMut(usize) -> Tick,
    paused: impl FnMut(),
    cancelled: impl Fn() -> bool,
) -> Tick {
    let mut job = Job {
        work: Box::new(work),
        paused: Box::new(paused),
        budget: FIRST_BUDGET,
        cancelled: Box::new(cancelled),
    };
    loop {
        // The page draws and answers clicks here.
        yield_to_page().await;
        if (job.cancelled)() {
            return Tick::More;
        }
        if job.tick() == Tick::Done {
            return Tick::Done;
        }
    }
}

struct Job<'a> {
    work: Box<dyn FnMut(usize) -> Tick + 'a>,
    paused: Box<dyn FnMut() + 'a>,
    budget: usize,
    cancelled: Box<dyn Fn() -> bool + 'a>,
}

impl Job<'_> {
    /// Works for about [`SLICE_MS`], adapting the budget so one call of
    /// the work stays well under it.
    fn tick(&mut self) -> Tick {
        let start = now_ms();
        loop {
            if (self.cancelled)() {
                return Tick::More;
            }
            let before = now_ms();
            if (self.work)(self.budget) == Tick::Done {
                return Tick::Done;
            }
            let took = now_ms() - before;
            if took < SLICE_MS / 8.0 {
                self.budget = self.budget.saturating_mul(2);
            } else if took > SLICE_MS / 2.0 {
                self.budget = (self.budget / 2).max(1);
            }
            if now_ms() - start >= SLICE_MS {
                (self.paused)();
                return Tick::More;
            }
        }
    }
}

/// Gives the page a turn: the rest runs in a task of its own, queued
/// behind what the browser has waiting (input, a frame to draw). A posted
/// message rather than a 0 ms timer, which browsers delay by 4 ms once
/// timers nest: a third of every slice lost.
pub async fn yield_to_page() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        TimeoutFuture::new(0).await;
        return;
    };
    let arrived = js_sys::Promise::new(&mut |resolve, _reject| {
        channel.port1().set_onmessage(Some(&resolve));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
    // The channel lives until its message has arrived.
    drop(channel);
}

/// A clock in milliseconds, finer than `Date` where the browser allows.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or_else(js_sys::Date::now, |performance| performance.now())
}
