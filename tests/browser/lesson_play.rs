//! Each of the eight lessons opened through its button and played with the
//! player's buttons from its first step to its last, one Next at a time:
//! every step says what it did, the checks the lesson lists do not hold at
//! step 0 and all hold at the end; lessons 1, 3 and 5's points on screen.
//! Every expectation below is written by hand from the lesson's scenario.
//! (The tasks and the keys: `lesson_tasks.rs`.)
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::support::{click, fresh_app, text_at, text_of, unmount};

/// What playing one lesson must show.
struct Play {
    button: &'static str,
    steps: usize,
    /// The checks the lesson lists, in order, with whether each holds at
    /// step 0 (the empty session).
    checks: &'static [(&'static str, bool)],
    /// Words the line of a step must contain.
    lines: &'static [(usize, &'static str)],
}

const DUPLICATE: &str = "A duplicate id was refused and nothing was written";
const GAP: &str = "The Sales log has a gap in its positions";
const OVER_GAP: &str = "The Sales cursor stepped over the gap";
const RESTARTED: &str = "The process manager restarted";
const CAUGHT_UP: &str = "It caught up from its cursors without handling an event twice";
const CRASHED: &str = "The process manager crashed while handling";
const TWICE: &str = "Order 42 was confirmed twice";
const ONCE: &str = "Every confirmed order was confirmed exactly once under this mode";
const REFUSED_LINK: &str = "The single-stream store refused the link with a unique-id error";
const LINKED: &str = "After the fix, CateringMatch$42 holds the linked events";
const DECLINED: &str = "A declined order was not confirmed";
const WORDS: &str = "The caterer's answer is stored as a business event";

const LESSONS: [Play; 8] = [
    Play {
        button: "1. Event store basics",
        steps: 7,
        checks: &[(DUPLICATE, false)],
        lines: &[
            (
                4,
                "CatererConfirmedMenu(order 42, menu 1) stored in Catering",
            ),
            (5, "is already stored"),
            (6, "wrong expected version"),
            (7, "appears twice in the batch"),
        ],
    },
    Play {
        button: "2. Positions and gaps",
        steps: 5,
        checks: &[(GAP, false), (OVER_GAP, false)],
        lines: &[
            (3, "A transaction in Sales was rolled back"),
            (4, "stored in Sales at position 5"),
        ],
    },
    Play {
        button: "3. One cursor per log",
        steps: 11,
        checks: &[(RESTARTED, false), (CAUGHT_UP, false)],
        lines: &[
            (5, "Handled Sales position 1"),
            (6, "Handled Catering position 1"),
            (8, "crashed after reading the event"),
            (9, "Restarted after the crash"),
            (9, "reading resumes from the saved cursors"),
            (11, "Caught up 2 events"),
        ],
    },
    Play {
        button: "4. At-least-once: the duplicate",
        steps: 4,
        checks: &[(CRASHED, false), (TWICE, false)],
        lines: &[
            (2, "will crash after sending"),
            (
                3,
                "crashed after sending the commands, before saving the cursor",
            ),
            (4, "Restarted after the crash"),
        ],
    },
    Play {
        button: "5. Exactly-once effects",
        steps: 4,
        checks: &[(CRASHED, false), (ONCE, false)],
        lines: &[
            (
                3,
                "crashed after the dispatcher sent a command from the outbox stream",
            ),
            (4, "which the receiver drops"),
        ],
    },
    Play {
        button: "6. Three ways to keep state",
        steps: 5,
        checks: &[(REFUSED_LINK, false), (LINKED, false)],
        lines: &[
            (1, "Single-stream store"),
            (2, "unique index violation"),
            (4, "Links allowed"),
            (5, "Caught up 2 events"),
        ],
    },
    Play {
        button: "7. Order does not matter",
        steps: 8,
        checks: &[(ONCE, false), (DECLINED, false)],
        lines: &[(
            8,
            "CatererDeclinedMenu(order 45, menu 1) stored in Catering",
        )],
    },
    Play {
        button: "8. Words matter",
        steps: 2,
        checks: &[(WORDS, false)],
        lines: &[(
            2,
            "CatererConfirmedMenu(order 42, menu 1) stored in Catering",
        )],
    },
];

/// The open lesson's checks as the page draws them: the rule's words and
/// whether the row says it holds (its class and its verdict agree).
fn checks(app: &Element) -> Vec<(String, bool)> {
    let rows = app
        .query_selector_all(r#"[aria-label="Lesson checks"] li"#)
        .expect("query");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .map(|row| {
            let part = |selector: &str| {
                row.query_selector(selector)
                    .ok()
                    .flatten()
                    .and_then(|found| found.text_content())
                    .unwrap_or_default()
            };
            let holds = row.class_list().contains("holds");
            let verdict = part(".lesson-verdict");
            assert_eq!(
                verdict,
                if holds { "✓ holds" } else { "○ not yet" },
                "{}",
                part(".lesson-rule")
            );
            (part(".lesson-rule"), holds)
        })
        .collect()
}

fn expected(play: &Play, at_end: bool) -> Vec<(String, bool)> {
    play.checks
        .iter()
        .map(|(rule, at_start)| ((*rule).to_owned(), at_end || *at_start))
        .collect()
}

pub(crate) fn next_disabled(app: &Element) -> bool {
    crate::support::button(app, "Next step").has_attribute("disabled")
}

#[wasm_bindgen_test]
async fn each_lesson_played_with_next_from_its_first_step_ends_with_every_check_holding() {
    let app = fresh_app().await;
    let player = || text_at(&app, r#"[aria-label="Play the lesson step by step"]"#);
    for play in &LESSONS {
        click(&app, play.button).await;
        click(&app, "First step").await;
        assert!(
            player().contains(&format!("Step 0 of {}", play.steps)),
            "{}: {}",
            play.button,
            player()
        );
        assert_eq!(
            checks(&app),
            expected(play, false),
            "{} at step 0",
            play.button
        );
        assert!(
            checks(&app).iter().any(|(_, holds)| !holds),
            "{}: the point is not made yet at step 0",
            play.button
        );

        for step in 1..=play.steps {
            assert!(!next_disabled(&app), "{} before step {step}", play.button);
            click(&app, "Next step").await;
            assert!(
                player().contains(&format!("Step {step} of {}", play.steps)),
                "{}: {}",
                play.button,
                player()
            );
            let did = text_at(&app, ".lesson-did");
            assert!(
                did.starts_with(&format!("Step {step}: ")),
                "{}: {did}",
                play.button
            );
            assert!(!did.contains('\n'), "{}: one line: {did}", play.button);
            for (at, words) in play.lines.iter().filter(|(at, _)| *at == step) {
                assert!(did.contains(words), "{} step {at}: {did}", play.button);
            }
        }

        assert!(
            next_disabled(&app),
            "{}: Next after the last step",
            play.button
        );
        assert_eq!(
            checks(&app),
            expected(play, true),
            "{} at its end",
            play.button
        );
        let task = text_at(&app, r#"[aria-label="Your task"]"#);
        assert!(task.contains("○ not yet"), "{}: {task}", play.button);
    }
    assert!(text_at(&app, ".lesson-progress").contains("Tasks done: 0 of 8"));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn the_point_of_lessons_1_3_and_5_is_on_screen_at_their_steps() {
    let app = fresh_app().await;
    let did = || text_at(&app, ".lesson-did");

    // Lesson 1: the store's refusal is said by the step and listed.
    click(&app, "1. Event store basics").await;
    let said = text_at(&app, r#"[aria-label="What the store said"]"#);
    assert!(said.contains("is already stored"), "{said}");

    // Lesson 3: the crash, the restart and the catch-up are steps of their
    // own; before the catch-up, events wait behind the cursors.
    click(&app, "3. One cursor per log").await;
    click(&app, "First step").await;
    for _ in 0..10 {
        click(&app, "Next step").await;
    }
    assert!(
        did().starts_with("Step 10: CatererConfirmedMenu(order 43"),
        "{}",
        did()
    );
    let cursors = text_of(&app, "Cursors");
    assert!(cursors.contains("1 event not handled yet"), "{cursors}");
    click(&app, "Next step").await;
    let cursors = text_of(&app, "Cursors");
    assert!(!cursors.contains("not handled yet"), "{cursors}");

    // Lesson 5: the outbox stream and its dispatcher's cursor, and the
    // repeat the receiver dropped.
    click(&app, "5. Exactly-once effects").await;
    let streams = text_of(&app, "Streams");
    assert!(streams.contains("CateringMatch-outbox"), "{streams}");
    let cursors = text_of(&app, "Cursors");
    assert!(cursors.contains("dispatcher's"), "{cursors}");
    let commands = text_of(&app, "Commands");
    assert!(commands.contains("dropped: same command id"), "{commands}");

    // What happens next for a pending order: lesson 5 at step 1.
    click(&app, "First step").await;
    click(&app, "Next step").await;
    let next = text_at(&app, r#"[aria-label="What happens next"]"#);
    assert!(
        next.contains("Waiting for CatererConfirmedMenu for menu 1"),
        "{next}"
    );
    unmount(&app);
}
