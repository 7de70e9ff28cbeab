//! The bar under the notice while long work runs (`long_work.rs`): what is
//! being done, how far, and Cancel.
use yew::prelude::*;

use super::long_work::Working;

#[derive(Properties, PartialEq)]
pub struct WorkingBarProps {
    pub working: Option<Working>,
    pub on_cancel: Callback<()>,
}

/// The long work under way: what it is, how far, and Cancel. The slot is
/// always there so that screen readers hear the work start (only its
/// words are live, not every step of the bar).
#[function_component(WorkingBar)]
pub fn working_bar(props: &WorkingBarProps) -> Html {
    let bar = props.working.as_ref().map(|working| {
        let percent = working.progress.percent();
        let cancel = props.on_cancel.reform(|_: MouseEvent| ());
        html! {
            <div class="working">
                <span class="working-what">{ format!("{}…", working.what) }</span>
                <progress aria-label="Long work done so far" max="100" value={percent.to_string()}></progress>
                <span class="working-percent" aria-hidden="true">{ format!("{percent} %") }</span>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        }
    });
    html! { <div class="working-slot" aria-live="polite">{ for bar }</div> }
}
