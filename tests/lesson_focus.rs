#![cfg(not(target_arch = "wasm32"))]
//! What each lesson is about: the panels it names (`Lesson::focus`), which
//! the page shows first while the lesson is open.

use es_playground::core::lessons::{PanelName, lessons};

/// The panels' headings as the page shows them, written out by hand.
const PAGE_PANELS: [&str; 5] = [
    "Streams",
    "Cursors",
    "Process state",
    "Commands",
    "Specifications",
];

#[test]
fn every_lesson_names_at_least_one_panel_and_each_is_a_panel_of_the_page() {
    let all = lessons();
    assert_eq!(all.len(), 8);
    for lesson in &all {
        assert!(
            !lesson.focus().is_empty(),
            "lesson {} names no panel",
            lesson.number
        );
        for panel in lesson.focus() {
            assert!(
                PAGE_PANELS.contains(&panel.label()),
                "lesson {} names {:?}, which is no panel of the page",
                lesson.number,
                panel.label()
            );
        }
        let mut seen = lesson.focus().to_vec();
        seen.dedup();
        assert_eq!(
            seen.len(),
            lesson.focus().len(),
            "lesson {} repeats a panel",
            lesson.number
        );
    }
}

#[test]
fn every_panel_of_the_page_has_its_own_label() {
    let labels: Vec<&str> = PanelName::ALL.iter().map(|p| p.label()).collect();
    assert_eq!(labels, PAGE_PANELS);
}

#[test]
fn the_duplicate_lesson_is_about_commands_then_cursors_and_the_order_lesson_about_specifications() {
    let all = lessons();
    let focus = |n: u8| -> Vec<&str> {
        all.iter()
            .find(|l| l.number == n)
            .map(|l| l.focus().iter().map(|p| p.label()).collect())
            .unwrap_or_default()
    };
    assert_eq!(focus(4), ["Commands", "Cursors"]);
    assert_eq!(focus(2), ["Cursors", "Streams"]);
    assert_eq!(focus(7), ["Specifications"]);
}
