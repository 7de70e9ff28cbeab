//! A soak test: many random actions through the real app's controls, from a
//! seeded generator, with the page's invariants checked after each one.
//! Among them: sharing a link and opening the page again with it, whole,
//! cut short or with a character changed (a refused link leaves the session
//! as it was; an opened one shows exactly the shared session, and the one it
//! replaced comes back from the library).
//!
//! `SOAK_ACTIONS` (default 300) and `SOAK_SEED` are read at compile time, so
//! a failure names everything needed to replay it:
//! `SOAK_SEED=<seed> SOAK_ACTIONS=<n> cargo test --target wasm32-unknown-unknown --test browser soak`.
use std::collections::BTreeMap;
use std::fmt;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use es_playground::core::lessons::lessons;

use es_playground::ui::SHARE_PREFIX;

use crate::support::{
    button, choose, choose_file, click, fresh_app, mount_app, number_or, open_with_fragment,
    region, saved, settle, slide_to, slider, text_of, toggle, type_into, unmount,
};

/// How many actions one run performs.
const ACTIONS: u64 = number_or(option_env!("SOAK_ACTIONS"), 300);
/// The generator's seed.
const SEED: u64 = number_or(option_env!("SOAK_SEED"), 20_261_123);

const PANELS: [&str; 4] = ["Streams", "Cursors", "Process state", "Commands"];
const ORDERS: [&str; 6] = ["1", "2", "3", "4", "5", "6"];
const MENUS: [&str; 2] = ["1", "2"];
const CRASH_POINTS: [&str; 4] = [
    "after-read",
    "after-state-change",
    "after-send",
    "after-dispatch",
];
const STRATEGIES: [&str; 3] = ["state-row", "event-sourced", "projection"];
const IDEMPOTENCY: [&str; 4] = [
    "none",
    "deterministic-ids",
    "atomic-tracking",
    "outbox-stream",
];
const CONTEXTS: [&str; 2] = ["Sales", "Catering"];
const FIRE_BUTTONS: [&str; 3] = [
    "CustomerConfirmedMenu",
    "CatererConfirmedMenu",
    "CatererDeclinedMenu",
];
/// Pieces of almost-session files: never a whole valid one.
const JUNK: [&str; 16] = [
    "{",
    "}",
    "[",
    "]",
    ",",
    "\"format\":",
    "\"es-playground/session\"",
    "\"version\":1",
    "\"version\":99",
    "\"seed\":",
    "18446744073709551616",
    "\"actions\":[",
    "{\"Fire\":{\"fact\":",
    "null",
    "\u{0}\u{feff}é😀",
    "\"strategy\":\"nope\"",
];
/// What a damaged link's changed character becomes: some are in a link's
/// alphabet (the checksum must catch them), some are not.
const LINK_CHARS: [char; 8] = ['A', 'z', '0', '-', '_', '!', '.', '~'];

/// xorshift64: small and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A value in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// One thing a person can do on the page.
#[derive(Clone, Debug)]
enum Act {
    Fire {
        button: &'static str,
        order: &'static str,
        menu: &'static str,
    },
    ArmCrash(&'static str),
    Restart,
    Step,
    CatchUp,
    ToggleAuto,
    Strategy(&'static str),
    Idempotency(&'static str),
    ToggleSingleStream,
    RollBack(&'static str),
    RandomOrders(u32),
    TimeTravel(u32),
    ImportJunk(String),
    Reset,
    /// Opens lesson `n` (1–8).
    Lesson(u8),
    CloseLesson,
    /// "Back to my session" in the notice, when it is offered.
    BackToMySession,
    /// Opens the Sessions control and reopens the `n`-th other entry.
    ReopenFromLibrary(usize),
    /// Renames (`true`) or deletes the `n`-th entry of the Sessions list.
    TidyLibrary(usize, bool),
    /// `Share link`, one more event, then the page opened again with the
    /// link (or a damaged copy of it) in the address bar; `back` presses
    /// "Back to my session" once the link opened.
    ShareAndReopen {
        damage: Damage,
        back: bool,
    },
}

/// What happens to a shared link before it is opened.
#[derive(Clone, Copy, Debug)]
enum Damage {
    /// Opened as shared.
    Whole,
    /// Cut short by this many characters (at least one, at most all).
    Cut(usize),
    /// The character at this place (modulo the length) becomes another.
    Changed(usize, char),
}

impl Damage {
    fn apply(self, code: &str) -> String {
        let chars: Vec<char> = code.chars().collect();
        match self {
            Damage::Whole => code.to_owned(),
            Damage::Cut(n) => chars[..chars.len() - (1 + n % chars.len())]
                .iter()
                .collect(),
            Damage::Changed(at, c) => {
                let at = at % chars.len();
                let mut chars = chars;
                chars[at] = c;
                chars.into_iter().collect()
            }
        }
    }
}

impl Act {
    fn kind(&self) -> &'static str {
        match self {
            Act::Fire { button, .. } => button,
            Act::ArmCrash(_) => "Arm crash",
            Act::Restart => "Restart",
            Act::Step => "Step",
            Act::CatchUp => "Catch up",
            Act::ToggleAuto => "Handle automatically",
            Act::Strategy(_) => "State strategy",
            Act::Idempotency(_) => "Idempotency",
            Act::ToggleSingleStream => "Single-stream store",
            Act::RollBack(_) => "Roll back a transaction",
            Act::RandomOrders(_) => "Fire random orders",
            Act::TimeTravel(_) => "Time travel",
            Act::ImportJunk(_) => "Import junk",
            Act::Reset => "Reset",
            Act::Lesson(_) => "Lesson",
            Act::CloseLesson => "Close lesson",
            Act::BackToMySession => "Back to my session",
            Act::ReopenFromLibrary(_) => "Reopen from Sessions",
            Act::TidyLibrary(_, true) => "Rename in Sessions",
            Act::TidyLibrary(_, false) => "Delete in Sessions",
            Act::ShareAndReopen {
                damage: Damage::Whole,
                ..
            } => "Open a shared link",
            Act::ShareAndReopen { .. } => "Open a damaged shared link",
        }
    }

    /// A random action; weights out of 117.
    fn random(rng: &mut Rng) -> Act {
        match rng.below(117) {
            113..=116 => Act::ShareAndReopen {
                damage: match rng.below(4) {
                    0 | 1 => Damage::Whole,
                    2 => Damage::Cut(rng.below(40)),
                    _ => Damage::Changed(rng.below(4000), rng.pick(&LINK_CHARS)),
                },
                back: rng.below(2) == 0,
            },
            110..=112 => Act::TidyLibrary(rng.below(4), rng.below(2) == 0),
            100..=102 => Act::Lesson(1 + rng.below(8) as u8),
            103..=104 => Act::CloseLesson,
            105..=107 => Act::BackToMySession,
            108..=109 => Act::ReopenFromLibrary(rng.below(4)),
            0..=33 => Act::Fire {
                button: rng.pick(&FIRE_BUTTONS),
                order: rng.pick(&ORDERS),
                menu: rng.pick(&MENUS),
            },
            34..=40 => Act::ArmCrash(rng.pick(&CRASH_POINTS)),
            41..=47 => Act::Restart,
            48..=55 => Act::Step,
            56..=62 => Act::CatchUp,
            63..=67 => Act::ToggleAuto,
            68..=71 => Act::Strategy(rng.pick(&STRATEGIES)),
            72..=76 => Act::Idempotency(rng.pick(&IDEMPOTENCY)),
            77..=79 => Act::ToggleSingleStream,
            80..=83 => Act::RollBack(rng.pick(&CONTEXTS)),
            84..=87 => Act::RandomOrders(1 + rng.below(5) as u32),
            88..=93 => Act::TimeTravel(rng.next() as u32),
            94..=98 => Act::ImportJunk(junk(rng)),
            _ => Act::Reset,
        }
    }
}

impl fmt::Display for Act {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A file that is not a session: pieces of one, and random characters.
fn junk(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(12) {
        if rng.below(3) == 0 {
            for _ in 0..1 + rng.below(8) {
                let c = char::from_u32(0x20 + rng.below(0x5f) as u32).unwrap_or('?');
                text.push(c);
            }
        } else {
            text.push_str(rng.pick(&JUNK));
        }
    }
    text
}

/// One lane of the Cursors panel.
#[derive(Debug)]
struct Lane {
    cursor: u64,
    head: u64,
}

/// Each context's cursor and head, as the Cursors panel shows them.
fn lanes(app: &Element) -> Result<BTreeMap<String, Lane>, String> {
    let nodes = region(app, "Cursors")
        .query_selector_all(".lane")
        .map_err(|_| "query .lane".to_owned())?;
    let mut lanes = BTreeMap::new();
    for i in 0..nodes.length() {
        let Some(lane) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let context = lane
            .query_selector(".lane-head strong")
            .ok()
            .flatten()
            .and_then(|s| s.text_content())
            .ok_or_else(|| "a lane without a context name".to_owned())?;
        let spans = lane
            .query_selector_all(".lane-head .mono")
            .map_err(|_| "query .mono".to_owned())?;
        let (mut cursor, mut head) = (None, None);
        for j in 0..spans.length() {
            let text = spans
                .item(j)
                .and_then(|s| s.text_content())
                .unwrap_or_default();
            let number = |prefix: &str| {
                text.strip_prefix(prefix)
                    .map(|n| n.trim().parse::<u64>().map_err(|_| text.clone()))
            };
            if let Some(n) = number("cursor ") {
                cursor = Some(n.map_err(|t| format!("{context}: unreadable {t:?}"))?);
            } else if let Some(n) = number("head ") {
                head = Some(n.map_err(|t| format!("{context}: unreadable {t:?}"))?);
            }
        }
        match (cursor, head) {
            (Some(cursor), Some(head)) => {
                lanes.insert(context, Lane { cursor, head });
            }
            _ => return Err(format!("{context}: no `cursor C` and `head H`")),
        }
    }
    Ok(lanes)
}

/// A cause ("caused by Sales #4") shared by two delivered commands among
/// the rows the Commands list draws (the newest ones).
fn delivered_twice(app: &Element) -> Option<String> {
    let rows = region(app, "Commands")
        .query_selector_all(".command-row")
        .ok()?;
    let mut causes = std::collections::BTreeSet::new();
    for i in 0..rows.length() {
        let row = rows.item(i)?.dyn_into::<Element>().ok()?;
        let text_at = |selector: &str| {
            row.query_selector(selector)
                .ok()
                .flatten()
                .and_then(|e| e.text_content())
                .unwrap_or_default()
        };
        let badge = text_at(".badge");
        let cause = text_at("button.link");
        if badge.ends_with("delivered")
            && cause != "caused by an event"
            && !causes.insert(cause.clone())
        {
            return Some(cause);
        }
    }
    None
}

/// The value of the select labelled `label` (e.g. "Idempotency").
fn value_of(app: &Element, label: &str) -> String {
    let labels = app.query_selector_all("label").expect("query");
    (0..labels.length())
        .filter_map(|i| labels.item(i)?.dyn_into::<Element>().ok())
        .find(|l| {
            l.text_content()
                .unwrap_or_default()
                .trim()
                .starts_with(label)
        })
        .and_then(|l| l.query_selector("select").ok().flatten())
        .and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_else(|| panic!("no select labelled {label}"))
}

/// The page's current status notice, or "".
fn notice(app: &Element) -> String {
    app.query_selector(".notice[role=status]")
        .ok()
        .flatten()
        .and_then(|n| n.text_content())
        .unwrap_or_default()
}

fn console_errors() -> f64 {
    js_sys::Reflect::get(&gloo::utils::window(), &"__consoleErrors".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(-1.0)
}

/// Counts `console.error` calls into `window.__consoleErrors` (and keeps the
/// last message in `window.__lastConsoleError`).
fn watch_console_errors() {
    js_sys::eval(
        "window.__consoleErrors = 0;
         window.__lastConsoleError = '';
         if (!window.__soakOriginalError) {
           window.__soakOriginalError = console.error;
           console.error = function (...args) {
             window.__consoleErrors += 1;
             window.__lastConsoleError = args.map(String).join(' ');
             return window.__soakOriginalError.apply(console, args);
           };
         }",
    )
    .expect("wrap console.error");
}

fn unwatch_console_errors() {
    js_sys::eval(
        "if (window.__soakOriginalError) {
           console.error = window.__soakOriginalError;
           delete window.__soakOriginalError;
         }",
    )
    .expect("unwrap console.error");
}

fn last_console_error() -> String {
    js_sys::Reflect::get(&gloo::utils::window(), &"__lastConsoleError".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn panic_banners() -> u32 {
    gloo::utils::document()
        .query_selector_all(".panic-banner")
        .map(|l| l.length())
        .unwrap_or(0)
}

/// What one action must leave unchanged, and why it failed if it did not.
struct Check<'a> {
    number: u64,
    act: &'a Act,
}

impl Check<'_> {
    fn fail(&self, what: &str, dom: &str) -> ! {
        panic!(
            "soak (SOAK_SEED={SEED}, SOAK_ACTIONS={ACTIONS}) action #{} {}: {what}\n--- DOM ---\n{dom}",
            self.number, self.act
        )
    }
}

/// Does `act` through the page's controls.
async fn perform(app: &Element, act: &Act) {
    match act {
        Act::Fire {
            button,
            order,
            menu,
        } => {
            type_into(app, "Order id", order).await;
            type_into(app, "Menu id", menu).await;
            click(app, button).await;
        }
        Act::ArmCrash(point) => {
            choose(app, "Crash point", point).await;
            click(app, "Arm crash").await;
        }
        Act::Restart => click(app, "Restart").await,
        Act::Step => click(app, "Step").await,
        Act::CatchUp => click(app, "Catch up").await,
        Act::ToggleAuto => toggle(app, "Handle automatically").await,
        Act::Strategy(value) => choose(app, "State strategy", value).await,
        Act::Idempotency(value) => choose(app, "Idempotency", value).await,
        Act::ToggleSingleStream => toggle(app, "Single-stream store").await,
        Act::RollBack(context) => {
            choose(app, "Context", context).await;
            click(app, "Roll back a transaction").await;
        }
        Act::RandomOrders(count) => {
            type_into(app, "Random orders", &count.to_string()).await;
            click(app, "Fire random orders").await;
        }
        Act::TimeTravel(r) => {
            const SLIDER: &str = "Time travel over positions";
            let max: u32 = slider(app, SLIDER).max().parse().unwrap_or(0);
            slide_to(app, SLIDER, &(r % (max + 1)).to_string()).await;
        }
        Act::ImportJunk(content) => {
            // The last refusal stays until dismissed: dismiss it, to see this one's.
            if let Some(dismiss) = app
                .query_selector(r#"button[aria-label="Dismiss refusal"]"#)
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                dismiss.click();
                settle().await;
            }
            choose_file(app, "Import", "junk.json", content).await
        }
        Act::Reset => click(app, "Reset").await,
        Act::Lesson(number) => {
            let lesson = lessons()
                .into_iter()
                .find(|l| l.number == *number)
                .expect("lessons 1 to 8");
            click(app, &lesson.label()).await;
        }
        Act::CloseLesson => {
            if has_button(app, "Close lesson") {
                click(app, "Close lesson").await;
            }
        }
        Act::BackToMySession => {
            if has_button(app, "Back to my session") {
                click(app, "Back to my session").await;
            }
        }
        Act::ReopenFromLibrary(n) => {
            saved().await;
            click(app, "Sessions").await;
            saved().await;
            let openable: Vec<web_sys::HtmlElement> = buttons_named(app, "Open")
                .into_iter()
                .filter(|b| !b.has_attribute("disabled"))
                .collect();
            if !openable.is_empty() {
                openable[n % openable.len()].click();
                saved().await;
            }
            click(app, "Sessions").await;
        }
        Act::TidyLibrary(n, rename) => {
            saved().await;
            click(app, "Sessions").await;
            saved().await;
            let name = if *rename { "Rename" } else { "Delete" };
            let usable: Vec<web_sys::HtmlElement> = buttons_named(app, name)
                .into_iter()
                .filter(|b| !b.has_attribute("disabled"))
                .collect();
            if !usable.is_empty() {
                let chosen = &usable[n % usable.len()];
                if let Some(input) = chosen
                    .parent_element()
                    .and_then(|row| row.query_selector("input").ok().flatten())
                    .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    input.set_value(&format!("Renamed {n}"));
                }
                chosen.click();
                saved().await;
            }
            click(app, "Sessions").await;
        }
        // Done by `share_and_reopen`, which mounts the page again.
        Act::ShareAndReopen { .. } => {}
    }
}

/// Presses `Share link` and returns the code after `#s=` in the link shown.
async fn share_code(app: &Element, check: &Check<'_>) -> String {
    click(app, "Share link").await;
    let url = app
        .query_selector(".share-link input")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_else(|| check.fail("Share link showed no link", &notice(app)));
    url.split_once(&format!("#{SHARE_PREFIX}"))
        .map(|(_, code)| code.to_owned())
        .unwrap_or_else(|| check.fail("the shared link has no #s= code", &url))
}

/// Shares the session, adds one event to it, then opens the page again
/// with the link, damaged as `damage` says, in the address bar. A refused
/// link shows its refusal and leaves the session as it was (with the new
/// event); an opened one shows exactly the shared session, and the one it
/// replaced comes back with "Back to my session". Returns the new page.
async fn share_and_reopen(app: Element, damage: Damage, back: bool, check: &Check<'_>) -> Element {
    let shared = share_code(&app, check).await;
    type_into(&app, "Order id", "after-sharing").await;
    click(&app, "CustomerConfirmedMenu").await;
    let mine = share_code(&app, check).await;
    // A refusal shown now would still be on screen: dismiss it, to see the link's.
    if let Some(dismiss) = app
        .query_selector(r#"button[aria-label="Dismiss refusal"]"#)
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        dismiss.click();
        settle().await;
    }
    saved().await;
    unmount(&app);

    let code = damage.apply(&shared);
    open_with_fragment(&format!("{SHARE_PREFIX}{code}"));
    let app = mount_app().await;
    settle().await;
    let fragment = gloo::utils::window().location().hash().unwrap_or_default();
    if !fragment.is_empty() {
        check.fail("the link stayed in the address bar", &fragment);
    }
    let alert = refusal(&app);
    let status = notice(&app);
    let now = share_code(&app, check).await;
    if alert.starts_with("The shared link") {
        if matches!(damage, Damage::Whole) {
            check.fail("a whole link was refused", &alert);
        }
        if !alert.contains("Your session is unchanged") {
            check.fail(
                "a refused link does not say the session is unchanged",
                &alert,
            );
        }
        if now != mine {
            check.fail(
                "a refused link changed the session",
                &format!("{code}\n{alert}"),
            );
        }
    } else {
        // A changed character may still be a link to the same session (a
        // base64 character's unused low bits); then it opens like the whole one.
        if !status.contains("Opened the shared session") {
            check.fail(
                "a shared link was neither opened nor refused",
                &format!("{code}\n{status}\n{alert}"),
            );
        }
        if now != shared {
            check.fail(
                "the opened session is not the shared one",
                &format!("shared {shared}\nshown  {now}"),
            );
        }
        if back {
            if !has_button(&app, "Back to my session") {
                check.fail("an opened link offers no way back", &notice(&app));
            }
            click(&app, "Back to my session").await;
            let again = share_code(&app, check).await;
            if again != mine {
                check.fail(
                    "the session a link replaced did not come back from the library",
                    &format!("mine {mine}\nback {again}"),
                );
            }
        }
    }
    app
}

fn buttons_named(app: &Element, name: &str) -> Vec<web_sys::HtmlElement> {
    let all = app.query_selector_all("button").expect("query");
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|b| b.text_content().as_deref().map(str::trim) == Some(name))
        .collect()
}

fn has_button(app: &Element, name: &str) -> bool {
    !buttons_named(app, name).is_empty()
}

/// The refusal on screen, or "".
fn refusal(app: &Element) -> String {
    app.query_selector("[role=alert]")
        .ok()
        .flatten()
        .and_then(|n| n.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn random_actions_through_the_controls_keep_the_page_consistent() {
    let mut app = fresh_app().await;
    let banners_before = panic_banners();
    watch_console_errors();
    let started = js_sys::Date::now();
    let mut rng = Rng::new(SEED);
    let mut done: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut heads: BTreeMap<String, u64> = BTreeMap::new();

    for number in 1..=ACTIONS {
        let act = Act::random(&mut rng);
        let check = Check { number, act: &act };
        let streams_before = text_of(&app, "Streams");
        let commands_before = text_of(&app, "Commands");
        let cursors_before = text_of(&app, "Cursors");
        // Step and Catch up are disabled while the process manager is crashed.
        let disabled = match act {
            Act::Step => button(&app, "Step").has_attribute("disabled"),
            Act::CatchUp => button(&app, "Catch up").has_attribute("disabled"),
            _ => false,
        };

        let refusal_before = refusal(&app);

        perform(&app, &act).await;
        if let Act::ShareAndReopen { damage, back } = act {
            app = share_and_reopen(app, damage, back, &check).await;
        }
        *done.entry(act.kind()).or_default() += 1;

        // A refusal stays on screen until it is dismissed.
        if !refusal_before.is_empty()
            && !matches!(act, Act::ImportJunk(_) | Act::ShareAndReopen { .. })
            && refusal(&app).is_empty()
        {
            check.fail(
                "a refusal vanished without being dismissed",
                &refusal_before,
            );
        }

        // The page is whole: four regions, no panic banner, no console error.
        for label in PANELS {
            if app
                .query_selector(&format!(r#"section[aria-label="{label}"]"#))
                .ok()
                .flatten()
                .is_none()
            {
                check.fail(&format!("the {label} region is gone"), &app.inner_html());
            }
        }
        if panic_banners() != banners_before {
            check.fail("a panic banner appeared", &notice(&app));
        }
        if console_errors() != 0.0 {
            check.fail(
                &format!("{} console error(s)", console_errors()),
                &last_console_error(),
            );
        }

        let streams = text_of(&app, "Streams");
        let commands = text_of(&app, "Commands");
        let cursors = text_of(&app, "Cursors");

        // A disabled button does nothing.
        if disabled
            && (streams != streams_before
                || commands != commands_before
                || cursors != cursors_before)
        {
            check.fail(
                "a disabled button changed the page",
                &format!("{cursors_before}\n=> {cursors}"),
            );
        }

        // Renaming or deleting in the library never changes the session shown.
        if matches!(act, Act::TidyLibrary(..))
            && (streams != streams_before || commands != commands_before)
        {
            check.fail(
                "tidying the library changed the session shown",
                &format!("{streams_before}\n=> {streams}"),
            );
        }

        // A setting switch replays the same actions and is never refused.
        if matches!(act, Act::Strategy(_) | Act::Idempotency(_))
            && !notice(&app).starts_with("Replayed the same")
        {
            check.fail("a setting switch was not replayed", &notice(&app));
        }

        // Junk is never imported, and changes nothing but the notice.
        if let Act::ImportJunk(_) = act {
            let message = refusal(&app);
            if !message.contains("junk.json was not imported") {
                check.fail("junk was not refused", &message);
            }
            if streams != streams_before {
                check.fail(
                    "a refused import changed Streams",
                    &format!("{streams_before}\n=> {streams}"),
                );
            }
            if commands != commands_before {
                check.fail(
                    "a refused import changed Commands",
                    &format!("{commands_before}\n=> {commands}"),
                );
            }
        }

        // Cursors: cursor ≤ head in each context; heads never go back
        // (except when a Reset starts a new session).
        let lanes = lanes(&app).unwrap_or_else(|e| check.fail(&e, &cursors));
        // (or another session is shown: a lesson, the way back, the library).
        if matches!(
            act,
            Act::Reset
                | Act::Lesson(_)
                | Act::CloseLesson
                | Act::BackToMySession
                | Act::ReopenFromLibrary(_)
                | Act::ShareAndReopen { .. }
        ) {
            heads.clear();
        }
        for (context, lane) in &lanes {
            if lane.cursor > lane.head {
                check.fail(&format!("{context}: cursor past head"), &cursors);
            }
        }
        // A setting switch replays the session in another mode: the process
        // manager's own context (its outbox stream) exists only in some.
        let switched = matches!(act, Act::Strategy(_) | Act::Idempotency(_));
        for (context, before) in &heads {
            if switched && !lanes.contains_key(context) {
                continue;
            }
            let now = lanes.get(context).map_or(0, |l| l.head);
            if now < *before {
                check.fail(
                    &format!("{context}: head went back from {before} to {now}"),
                    &cursors,
                );
            }
        }
        heads = lanes.into_iter().map(|(c, l)| (c, l.head)).collect();

        // With idempotency on, exactly one ConfirmOrder per matched order:
        // only the event that completed a match answers it, and each mode
        // removes the answer a re-delivery of that event would repeat.
        let idempotency = value_of(&app, "Idempotency");
        let idempotent = idempotency != "none";
        if idempotent && commands.contains("confirmed more than once") {
            check.fail(
                &format!("an order confirmed twice with {idempotency}"),
                &commands,
            );
        }
        if idempotency == "deterministic-ids" && commands.contains("DUPLICATE delivered") {
            check.fail("a duplicate delivered with deterministic-ids", &commands);
        }
        if matches!(idempotency.as_str(), "atomic-tracking" | "outbox-stream")
            && let Some(cause) = delivered_twice(&app)
        {
            check.fail(
                &format!("with {idempotency}, {cause} caused two deliveries"),
                &commands,
            );
        }
    }

    let seconds = (js_sys::Date::now() - started) / 1000.0;
    let kinds: Vec<String> = done.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    web_sys::console::log_1(
        &format!(
            "soak: {ACTIONS} actions (seed {SEED}) in {seconds:.1} s; {}",
            kinds.join(", ")
        )
        .into(),
    );
    assert_eq!(console_errors(), 0.0, "{}", last_console_error());
    unwatch_console_errors();
    unmount(&app);
}
