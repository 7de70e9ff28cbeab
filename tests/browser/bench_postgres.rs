//! PostgreSQL in the page, in the real app (release build, real PGlite):
//!
//! 1. **Ready**: `PostgreSQL in the page` clicked on an empty session until
//!    the SQL panel shows its first check (PGlite started from its files,
//!    a database created, the schema run, the tables read back), its files
//!    fetched from `scripts/pglite-server.mjs` inside the timed start.
//! 2. **Load**: `Fire random orders` until PostgreSQL holds those events
//!    and has checked them (one action of many statements).
//! 3. **Actions**: a `CustomerConfirmedMenu` for a new order, clicked until
//!    PostgreSQL has run its statements, read every table back and found
//!    them equal to the core's: what one more action costs at that size.
//!
//! Each with the longest block of the page (`bench_long_work::timed`).
use web_sys::Element;

use crate::bench_catering::now_ms;
use crate::bench_long_work::{Timed, timed};
use crate::bench_ui::summary;
use crate::pglite_support::{caught_up_now, point_at_pglite};
use crate::support::{click, fresh_app, type_into, unmount};

/// The longest any step may take before the run gives up.
const GIVE_UP_MS: f64 = 180_000.0;

/// What one run measured.
pub struct PostgresReport {
    pub ready: Timed,
    /// Events in the session while the actions were timed.
    pub events: usize,
    pub load: Timed,
    /// Each action, click until checked.
    pub action_ms: Vec<f64>,
    /// The longest block of the page over all the actions.
    pub actions_longest_block_ms: f64,
    /// Every check after an action said PostgreSQL holds what the core holds.
    pub every_check_held: bool,
}

/// Waits, a turn of the page at a time, until PostgreSQL has run and
/// checked everything up to `title`; the SQL panel's text.
async fn checked(app: &Element, title: &str) -> Result<String, String> {
    let started = now_ms();
    loop {
        if let Some(panel) = caught_up_now(app, title) {
            return Ok(panel);
        }
        if now_ms() - started > GIVE_UP_MS {
            return Err(format!("PostgreSQL did not run {title:?} in time"));
        }
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
}

fn holds(panel: &str) -> bool {
    panel.contains("PostgreSQL holds what the playground holds")
}

/// Switches PostgreSQL on, loads `orders` random orders (two events each),
/// then times `actions` more actions.
pub async fn measure_postgres(orders: u32, actions: usize) -> Result<PostgresReport, String> {
    let app = fresh_app().await;
    point_at_pglite();
    let ready = timed(async {
        click(&app, "PostgreSQL in the page").await;
        checked(&app, "").await.map(|_| ())
    })
    .await?;
    type_into(&app, "Menu id", "1").await;
    type_into(&app, "Random orders", &orders.to_string()).await;
    let mut every_check_held = true;
    let load = timed(async {
        click(&app, "Fire random orders").await;
        every_check_held &= holds(&checked(&app, "Action 1: ").await?);
        Ok(())
    })
    .await?;
    let mut action_ms = Vec::with_capacity(actions);
    let watch = crate::bench_long_work::BlockWatch::start();
    for i in 0..actions {
        type_into(&app, "Order id", &format!("pg-{i}")).await;
        let started = now_ms();
        click(&app, "CustomerConfirmedMenu").await;
        let panel = checked(&app, &format!("Action {}: ", i + 2)).await?;
        action_ms.push(now_ms() - started);
        every_check_held &= holds(&panel);
    }
    let actions_longest_block_ms = watch.stop();
    unmount(&app);
    Ok(PostgresReport {
        ready,
        events: orders as usize * 2,
        load,
        action_ms,
        actions_longest_block_ms,
        every_check_held,
    })
}

impl PostgresReport {
    /// The JSON lines `make bench` reads.
    pub fn lines(&self) -> Vec<String> {
        let action = summary(&self.action_ms);
        vec![
            format!(
                "{{\"system\":\"es-playground\",\"runtime\":\"wasm-chromium\",\"phase\":\"postgres-ready\",\
                 \"ms\":{:.1},\"longest_block_ms\":{:.1}}}",
                self.ready.ms, self.ready.longest_block_ms
            ),
            format!(
                "{{\"system\":\"es-playground\",\"runtime\":\"wasm-chromium\",\"phase\":\"postgres-load\",\
                 \"events\":{},\"ms\":{:.1},\"longest_block_ms\":{:.1}}}",
                self.events, self.load.ms, self.load.longest_block_ms
            ),
            format!(
                "{{\"system\":\"es-playground\",\"runtime\":\"wasm-chromium\",\"phase\":\"postgres-action\",\
                 \"events\":{},\"actions\":{},\"median_ms\":{:.2},\"p95_ms\":{:.2},\"max_ms\":{:.2},\
                 \"longest_block_ms\":{:.1},\"every_check_held\":{}}}",
                self.events,
                self.action_ms.len(),
                action.median,
                action.p95,
                action.max,
                self.actions_longest_block_ms,
                self.every_check_held
            ),
        ]
    }
}
