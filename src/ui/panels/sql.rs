//! The SQL panel, while PostgreSQL in the page is on (`ui/postgres/`):
//! whether PostgreSQL holds what the playground holds, then the last
//! actions' statements as they ran, each with PostgreSQL's answer.
use yew::prelude::*;

use crate::core::sql::{Answer, Ran};
use crate::core::words::counted;
use crate::ui::postgres::{Phase, PostgresMode, RanAction, RanStep, RunReport};

#[derive(Properties, PartialEq)]
pub struct SqlPanelProps {
    pub mode: PostgresMode,
}

/// What PostgreSQL is doing, the differential check, and the statements.
#[function_component(SqlPanel)]
pub fn sql_panel(props: &SqlPanelProps) -> Html {
    let mode = &props.mode;
    let status = match &mode.phase {
        Phase::Starting => html! {
            <p class="sql-status">
                <progress aria-label="PostgreSQL starting"></progress>
                { " Starting PostgreSQL: loading its files and creating a database…" }</p>
        },
        Phase::Running { what, done, total } => html! {
            <p class="sql-status">
                <progress aria-label="Statements run so far" max={total.max(&1).to_string()} value={done.to_string()}></progress>
                { format!(" {what}… {}", if *total > 0 { format!("{done} of {total}") } else { String::new() }) }</p>
        },
        Phase::Following => html! {},
    };
    let ready = mode
        .ready_ms
        .map(|ms| format!("PostgreSQL (PGlite) ready in {:.1} s", ms / 1000.0));
    html! {
        <>
            { status }
            if let Some(report) = &mode.last {
                <Check report={report.clone()} />
                <p class="sql-meta">{ run_line(report, ready.as_deref()) }</p>
                <div class="sql-run" tabindex="0" aria-label="Statements of the last actions">
                    { for report.shown.iter().map(action) }
                </div>
            } else if let Some(ready) = ready {
                <p class="sql-meta">{ ready }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CheckProps {
    report: std::rc::Rc<RunReport>,
}

/// The differential check's verdict, with every difference found.
#[function_component(Check)]
fn check(props: &CheckProps) -> Html {
    let report = &props.report;
    let [events, streams, states, cursors, outbox] = report.rows;
    if report.holds() {
        return html! {
            <p class="sql-check holds">
                <span aria-hidden="true">{ "✓ " }</span>
                { format!(
                    "PostgreSQL holds what the playground holds: {}, {}, {}, {}, {}.",
                    counted(events, "event", "events"),
                    counted(streams, "stream row", "stream rows"),
                    counted(states, "state row", "state rows"),
                    counted(cursors, "cursor", "cursors"),
                    counted(outbox, "outbox row", "outbox rows"),
                ) }</p>
        };
    }
    let more = report
        .difference_count
        .saturating_sub(report.differences.len());
    html! {
        <div class="sql-check differs" role="alert">
            <p><span aria-hidden="true">{ "✗ " }</span>
                { format!("PostgreSQL differs from the playground ({}):",
                    counted(report.troubles.len() + report.difference_count + usize::from(report.read_error.is_some()),
                        "difference", "differences")) }</p>
            <ul>
                { for report.read_error.iter().map(|e| html! { <li>{ e.clone() }</li> }) }
                { for report.troubles.iter().map(|t| html! { <li>{ t.clone() }</li> }) }
                { for report.differences.iter().map(|d| html! { <li>{ d.clone() }</li> }) }
                if more > 0 { <li>{ format!("… and {more} more rows") }</li> }
            </ul>
        </div>
    }
}

/// "The whole session: 12 actions, 140 statements in 0.3 s."
fn run_line(report: &RunReport, ready: Option<&str>) -> String {
    let what = if report.fresh {
        format!(
            "A fresh database given the whole session: {}",
            counted(report.actions, "entry", "entries")
        )
    } else {
        format!("Last run: {}", counted(report.actions, "action", "actions"))
    };
    let mut line = format!(
        "{what}, {} in {} ms.",
        counted(report.statements, "statement", "statements"),
        report.millis.round()
    );
    if let Some(ready) = ready {
        line = format!("{ready}. {line}");
    }
    line
}

fn action(ran: &RanAction) -> Html {
    html! {
        <section class="sql-action">
            <h3>{ ran.title.clone() }</h3>
            <ol class="sql-steps">{ for ran.steps.iter().map(step) }</ol>
        </section>
    }
}

fn step(step: &RanStep) -> Html {
    match step {
        RanStep::Note(text) => html! { <li class="sql-note">{ text.clone() }</li> },
        RanStep::Sent { why, ran, verdict } => html! {
            <li class={classes!("sql-step", verdict.is_err().then_some("differs"))}>
                <p class="sql-why">{ why.clone() }</p>
                <pre class="sql-code">{ for ran.iter().map(statement) }</pre>
                if let Err(trouble) = verdict {
                    <p class="sql-trouble">{ trouble.clone() }</p>
                }
            </li>
        },
    }
}

fn statement(ran: &Ran) -> Html {
    let answer = match &ran.answer {
        Answer::Done(tag) => html! { <span class="sql-answer">{ format!("→ {tag}") }</span> },
        Answer::Error { message, .. } => {
            html! { <span class="sql-error">{ format!("→ ERROR: {message}") }</span> }
        }
    };
    html! {
        <>
            <code>{ format!("{};", ran.statement) }</code>{ "  " }{ answer }{ "\n" }
        </>
    }
}
