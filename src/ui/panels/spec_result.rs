//! A specification's last run on its card: passed with the number of
//! orderings tried, or failed with the first failing ordering,
//! where it came in the list tried, and expected against actual commands.
use yew::prelude::*;

use crate::core::spec::{SpecReport, list_commands};
use crate::core::words::counted;

/// The result of a run, or why it could not run.
pub fn result_view(result: &Result<SpecReport, String>) -> Html {
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            return html! {
                <div class="spec-result failed"><span class="badge bad">{ "Could not run" }</span>{ " " }{ error.clone() }</div>
            };
        }
    };
    let strategies = report.strategies.len();
    let orders = report.strategies.first().map_or(0, |s| s.orders_run);
    let sample = if report.strategies.iter().all(|s| s.exhaustive) {
        String::new()
    } else {
        format!(
            " (a seeded sample of the {} possible)",
            report.possible_orders_text()
        )
    };
    let against = report
        .implementation
        .map(|implementation| format!(", against {implementation}"))
        .unwrap_or_default();
    let tried = format!(
        "{} of the givens{sample} × {strategies} strategies{against}",
        counted(orders, "ordering", "orderings")
    );
    let Some((strategy, failure)) = report.first_failure() else {
        return html! {
            <div class="spec-result passed"><span class="badge ok">{ "Passed" }</span>{ format!(" {tried}") }</div>
        };
    };
    let failures: usize = report.strategies.iter().map(|s| s.failures).sum();
    let order: Vec<String> = failure
        .given_in_order
        .iter()
        .map(ToString::to_string)
        .collect();
    html! {
        <div class="spec-result failed">
            <p><span class="badge bad">{ "Failed" }</span>{ format!(" in {failures} of {} runs ({tried})", report.orders_run()) }</p>
            <p>{ format!("First failing ordering ({strategy}), #{} of {orders} tried:", failure.tried_as) }</p>
            <ol class="givens mono">{ for order.into_iter().map(|fact| html! { <li>{ fact }</li> }) }</ol>
            <p>{ "Expected: " }<span class="mono">{ list_commands(&failure.expected) }</span></p>
            <p>{ "Actual: " }<span class="mono">{ list_commands(&failure.actual) }</span></p>
            if let Some(error) = &failure.error { <p>{ format!("Error: {error}") }</p> }
        </div>
    }
}
