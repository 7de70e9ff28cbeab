//! Shared links in the page: making one (the `Share link` button and the
//! box showing the link and its length) and opening one (the `#s=…`
//! fragment the page was opened with).
//!
//! A link is read once: [`take_link_from_address`] removes the fragment
//! from the address bar at once (`history.replaceState`), so a reload
//! restores the autosave, not the link. Making a link never puts it in the
//! address bar either. Encoding, decoding and every refusal are the core's
//! ([`Session::to_share_code`], [`Session::from_share_code`]).
use yew::prelude::*;

use super::browser;
use super::state::{AppHandle, Tone, UiAction};
use crate::core::session::{LINK_LENGTH_CHAT_TOOLS_KEEP, Session};

/// The URL fragment prefix of a shared session.
pub const SHARE_PREFIX: &str = "s=";

/// What the address bar held when the page was opened.
pub enum LinkAtOpen {
    /// No shared link.
    Absent,
    /// A shared session, read and replayed whole.
    Opened(Box<Session>),
    /// A shared link that was refused, with the sentence saying why.
    Refused(String),
}

/// Reads the shared link in the address bar, if any, and removes it from
/// the address bar whatever it holds.
pub fn take_link_from_address() -> LinkAtOpen {
    let hash = browser::location_hash();
    let Some(code) = hash.strip_prefix(SHARE_PREFIX) else {
        return LinkAtOpen::Absent;
    };
    browser::replace_hash("");
    match Session::from_share_code(code) {
        Ok(session) => LinkAtOpen::Opened(Box::new(session)),
        Err(error) => LinkAtOpen::Refused(format!(
            "{}. Your session is unchanged.",
            sentence(&error.to_string())
        )),
    }
}

/// Acts on a link read by [`take_link_from_address`]. Call it after the
/// autosaved session was restored, so its notice comes last and stays: an
/// opened session goes through `replace_current` (which keeps the session
/// it replaces), a refusal is shown as one.
pub fn open_link(
    state: &AppHandle,
    link: LinkAtOpen,
    replace_current: impl FnOnce(Box<Session>, String),
) {
    match link {
        LinkAtOpen::Absent => {}
        LinkAtOpen::Opened(session) => {
            replace_current(session, "Opened the shared session.".to_owned())
        }
        LinkAtOpen::Refused(message) => state.dispatch(UiAction::Refuse(message)),
    }
}

/// A link made by `Share link`, for the session at `revision`.
#[derive(Clone, PartialEq)]
struct Made {
    url: String,
    revision: u64,
}

#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    pub state: AppHandle,
}

/// The `Share link` button and, once pressed, the link with its length
/// (closed when the session changes: a new link is then needed).
#[function_component(ShareLink)]
pub fn share_link(props: &ShareLinkProps) -> Html {
    let made = use_state(|| None::<Made>);
    let on_share = {
        let (state, made) = (props.state.clone(), made.clone());
        Callback::from(move |_: MouseEvent| {
            let code = state.session().to_share_code();
            let url = format!("{}#{SHARE_PREFIX}{code}", browser::page_url_without_hash());
            made.set(Some(Made {
                url,
                revision: state.revision,
            }));
        })
    };
    let on_close = {
        let made = made.clone();
        Callback::from(move |_: MouseEvent| made.set(None))
    };
    let on_export = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            let json = state.session().to_json();
            if let Err(message) =
                browser::download("es-playground-session.json", "application/json", &json)
            {
                state.dispatch(UiAction::Inform(message, Tone::Warning));
            }
        })
    };
    let open = (*made)
        .clone()
        .filter(|m| m.revision == props.state.revision);
    html! {
        <>
            <button type="button" aria-expanded={open.is_some().to_string()} onclick={on_share}>{ "Share link" }</button>
            if let Some(made) = open {
                { link_box(&made.url, on_export, on_close) }
            }
        </>
    }
}

/// The made link, its length, and past what chat tools keep, a warning
/// with `Export` offered instead.
fn link_box(url: &str, on_export: Callback<MouseEvent>, on_close: Callback<MouseEvent>) -> Html {
    let length = url.chars().count();
    let too_long = length > LINK_LENGTH_CHAT_TOOLS_KEEP;
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    });
    html! {
        <div class={classes!("notice", "share-link", if too_long { "warning" } else { "info" })}
             role="group" aria-label="Shared link">
            <label class="share-url">{ "Link to this session" }
                <input type="text" readonly=true value={url.to_owned()} onfocus={select_all} /></label>
            if too_long {
                <p class="share-length">
                    { format!("This link is {} characters long. Chat tools and mail often cut links past about {} characters, and a cut link cannot be opened: send the session as a file instead.",
                        thousands(length), thousands(LINK_LENGTH_CHAT_TOOLS_KEEP)) }
                    { " " }<button type="button" class="small" onclick={on_export}>{ "Export" }</button>
                </p>
            } else {
                <p class="share-length">
                    { format!("This link is {} characters long: copy it and send it. Opening it starts a copy of this session as it is now.", thousands(length)) }
                </p>
            }
            <button type="button" class="small" onclick={on_close} aria-label="Close the shared link">{ "×" }</button>
        </div>
    }
}

/// `text` with a capital first letter.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `12345` as `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
