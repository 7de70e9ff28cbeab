//! Specifications run in slices, so the page never freezes: a [`Batch`] is
//! the specifications of one click, each a [`SpecRun`] taken an event at a
//! time; [`Running`] does a batch with [`run_in_slices`], shows how far it
//! is, and hands the reports over only when every one is done. Cancel drops
//! the batch, and with it every report: the cards keep their last results.
use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::spec::{Spec, SpecOptions, SpecReport, SpecRun};
use crate::ui::slices::{Slices, Tick, run_in_slices};

/// What running one specification gave: its report, or why it could not
/// run.
pub type Outcome = Result<SpecReport, String>;

/// What the status line says after Cancel.
pub const CANCELLED: &str = "Cancelled: the results are as they were.";

enum Item {
    Running(SpecRun),
    /// With the number of events its run counted.
    Ended(Outcome, usize),
}

/// Most events one call of [`Batch::work`] handles, whatever its budget.
/// An event's cost varies a hundredfold (a fold of two events, or of a
/// thousand: the 999 registrations with the event-sourced strategy), and
/// [`run_in_slices`] learns its budget on the cheap ones (it doubles while
/// a call takes under a millisecond): spent on dear ones, it held the page
/// for 80-100 ms in a release build. The dearest event takes about 2 ms in
/// a debug build, so 8 of them still leave the page a turn every ~20 ms;
/// the cheap ones lose little to the extra calls.
const MOST_EVENTS_A_CALL: usize = 8;

/// The specifications of one click, run one after the other.
pub struct Batch {
    options: SpecOptions,
    specs: Vec<Rc<Spec>>,
    /// Empty until the first slice starts them all.
    items: Vec<Item>,
    /// The first specification not ended.
    at: usize,
}

impl Batch {
    pub fn new(specs: Vec<Rc<Spec>>, options: SpecOptions) -> Self {
        Batch {
            options,
            specs,
            items: Vec::new(),
            at: 0,
        }
    }

    /// Handles at most `budget` events (see [`SpecRun::advance`]). The first
    /// call only starts the runs (it works out every ordering to try).
    pub fn work(&mut self, budget: usize) -> Tick {
        if self.items.len() < self.specs.len() {
            self.items = self
                .specs
                .iter()
                .map(|spec| start(spec, &self.options))
                .collect();
            return Tick::More;
        }
        let mut left = budget.min(MOST_EVENTS_A_CALL);
        while let Some(item) = self.items.get_mut(self.at) {
            if let Item::Running(run) = item {
                let (before, events) = run.progress();
                if !run.advance(left) {
                    return Tick::More;
                }
                left = left.saturating_sub(events.saturating_sub(before));
                let ended = std::mem::replace(item, Item::Ended(Err(String::new()), events));
                if let Item::Running(run) = ended {
                    *item = Item::Ended(Ok(run.into_report()), events);
                }
            }
            self.at += 1;
        }
        Tick::Done
    }

    /// Specifications ended, of all, and the events handled, in percent.
    pub fn progress(&self) -> Progress {
        let (done, all) = self
            .items
            .iter()
            .map(|item| match item {
                Item::Running(run) => run.progress(),
                Item::Ended(_, events) => (*events, *events),
            })
            .fold((0_u64, 0_u64), |(done, all), (d, a)| {
                (done + d as u64, all + a as u64)
            });
        Progress {
            specs_done: self.at,
            specs: self.specs.len(),
            percent: (done * 100)
                .checked_div(all)
                .map_or(0, |p| p.min(100) as u8),
        }
    }

    /// Each specification with what its run gave, once [`Batch::work`] said
    /// [`Tick::Done`] (a specification not ended yet has none).
    pub fn take_results(&mut self) -> Vec<(Rc<Spec>, Outcome)> {
        let items = std::mem::take(&mut self.items);
        self.specs
            .iter()
            .cloned()
            .zip(items)
            .filter_map(|(spec, item)| match item {
                Item::Ended(outcome, _) => Some((spec, outcome)),
                Item::Running(_) => None,
            })
            .collect()
    }
}

fn start(spec: &Spec, options: &SpecOptions) -> Item {
    match spec.start_run(options) {
        Ok(run) => Item::Running(run),
        Err(error) => Item::Ended(Err(error.to_string()), 0),
    }
}

/// How far a batch is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub specs_done: usize,
    pub specs: usize,
    /// Of the events all the runs handle.
    pub percent: u8,
}

impl Progress {
    /// "Running specifications: 3 of 18, 45 %".
    pub fn text(&self) -> String {
        format!(
            "Running specifications: {} of {}, {} %",
            self.specs_done, self.specs, self.percent
        )
    }
}

/// The run going on in the panel, if any: its progress (drawn), its
/// [`Slices`] (dropping them cancels; they live as long as the panel, so
/// closing it cancels too), the last word (after Cancel) and the button
/// that started it (focus goes back there).
#[derive(Clone)]
pub struct Running {
    pub progress: UseStateHandle<Option<Progress>>,
    pub note: UseStateHandle<Option<&'static str>>,
    slices: Rc<RefCell<Option<Slices>>>,
    opener: Rc<RefCell<Option<web_sys::HtmlElement>>>,
    cancel_button: NodeRef,
}

#[hook]
pub fn use_running() -> Running {
    let running = Running {
        progress: use_state_eq(|| None),
        note: use_state(|| None),
        slices: use_mut_ref(|| None),
        opener: use_mut_ref(|| None),
        cancel_button: use_node_ref(),
    };
    // Keyboard users keep their place: the Run buttons are disabled while
    // the run goes, so focus moves to Cancel, and back when it is gone.
    let was_busy = use_mut_ref(|| false);
    {
        let running = running.clone();
        use_effect_with(running.is_busy(), move |busy| {
            let before = std::mem::replace(&mut *was_busy.borrow_mut(), *busy);
            let to = if *busy && !before {
                running.cancel_button.cast::<web_sys::HtmlElement>()
            } else if !*busy && before && focus_lost() {
                running.opener.borrow_mut().take()
            } else {
                None
            };
            if let Some(element) = to {
                let _ = element.focus();
            }
        });
    }
    running
}

/// Nothing on the page has focus (it was on a button that went away).
fn focus_lost() -> bool {
    gloo::utils::document()
        .active_element()
        .is_none_or(|element| element.tag_name() == "BODY")
}

impl Running {
    pub fn is_busy(&self) -> bool {
        self.progress.is_some()
    }

    /// Runs `specs` in slices; `done` gets every result once all are run
    /// (never, if cancelled).
    pub fn start(
        &self,
        specs: Vec<Rc<Spec>>,
        options: SpecOptions,
        done: impl FnOnce(Vec<(Rc<Spec>, Outcome)>) + 'static,
    ) {
        *self.opener.borrow_mut() = gloo::utils::document()
            .active_element()
            .and_then(|element| element.dyn_into().ok());
        let batch = Rc::new(RefCell::new(Batch::new(specs, options)));
        self.note.set(None);
        self.progress.set(Some(batch.borrow().progress()));
        let work = {
            let (batch, progress) = (batch.clone(), self.progress.clone());
            let mut done = Some(done);
            move |budget| {
                let tick = batch.borrow_mut().work(budget);
                if tick == Tick::Done {
                    let results = batch.borrow_mut().take_results();
                    progress.set(None);
                    if let Some(done) = done.take() {
                        done(results);
                    }
                }
                tick
            }
        };
        let paused = {
            let progress = self.progress.clone();
            move || progress.set(Some(batch.borrow().progress()))
        };
        *self.slices.borrow_mut() = Some(run_in_slices(work, paused));
    }

    /// Stops the run: nothing it found is kept.
    pub fn cancel(&self) {
        self.slices.borrow_mut().take();
        self.progress.set(None);
        self.note.set(Some(CANCELLED));
    }

    /// The progress bar and the Cancel button, while a run goes.
    pub fn view(&self) -> Html {
        let Some(progress) = *self.progress else {
            return Html::default();
        };
        let cancel = {
            let running = self.clone();
            Callback::from(move |_: MouseEvent| running.cancel())
        };
        html! {
            <div class="spec-tools spec-running">
                <progress aria-label="Specifications run so far" max="100" value={progress.percent.to_string()}></progress>
                <span>{ progress.text() }</span>
                <button type="button" ref={self.cancel_button.clone()} onclick={cancel}>{ "Cancel running specifications" }</button>
            </div>
        }
    }
}
