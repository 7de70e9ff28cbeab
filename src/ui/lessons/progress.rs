//! The lessons whose task was seen done, kept in this tab's session storage
//! so a reload keeps the progress (a new tab starts again at none). A value
//! that does not read as lesson numbers counts as none done.
use std::collections::BTreeSet;

/// Where the tab keeps the numbers of the lessons whose task is done.
const TASKS_DONE_KEY: &str = "es-playground/tasks-done";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The lessons (1 to 8) whose task this tab saw done.
pub fn load() -> BTreeSet<u8> {
    let text = session_storage()
        .and_then(|storage| storage.get_item(TASKS_DONE_KEY).ok().flatten())
        .unwrap_or_default();
    text.split(',')
        .filter_map(|number| number.trim().parse::<u8>().ok())
        .filter(|number| (1..=8).contains(number))
        .collect()
}

/// Keeps `done` for a reload; a storage that refuses only loses that.
pub fn save(done: &BTreeSet<u8>) {
    let text: Vec<String> = done.iter().map(u8::to_string).collect();
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(TASKS_DONE_KEY, &text.join(","));
    }
}
