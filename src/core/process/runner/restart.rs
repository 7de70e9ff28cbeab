//! Restarting after a crash: what is lost, what is rolled back, and what
//! waits in an outbox to be sent.

use super::super::manager::ProcessManager;
use super::super::trace::RestartRecord;
use super::{RestartReport, Runner, RunnerStatus, read_cursors_from};
use crate::core::store::EventStore;

impl<P: ProcessManager> Runner<P> {
    /// Restarts the process manager: working memory is dropped, an open row
    /// transaction is rolled back, reading resumes from the saved cursors and
    /// the outbox of atomic tracking is dispatched. The outbox stream's
    /// dispatcher needs the store: it catches up at the next step, or at
    /// once with [`Runner::restart_in`].
    pub fn restart(&mut self) -> RestartReport {
        self.restart_with(None)
    }

    /// [`Runner::restart`], and the outbox stream's dispatcher sends what
    /// waits after its cursor in `store`.
    pub fn restart_in(&mut self, store: &EventStore) -> RestartReport {
        self.restart_with(Some(store))
    }

    fn restart_with(&mut self, store: Option<&EventStore>) -> RestartReport {
        let recovered_from = match &self.status {
            RunnerStatus::Crashed { point, .. } => Some(*point),
            RunnerStatus::Running => None,
        };
        let rolled_back_row = self.storage.table.locked_row().map(str::to_owned);
        self.storage.table.roll_back();
        self.read_cursors = read_cursors_from(self.pm.source_contexts(), self.storage.cursors());
        self.status = RunnerStatus::Running;
        let mut deliveries = self.dispatch_outbox(false).deliveries;
        if let Some(store) = store {
            deliveries.extend(self.dispatch_outbox_stream(store, false).deliveries);
        }
        let report = RestartReport {
            recovered_from,
            rolled_back_row: rolled_back_row.clone(),
            dispatched: deliveries.len(),
        };
        if self.config.record_trace {
            self.trace.push_restart(RestartRecord {
                after_handlings: self.trace.len(),
                recovered_from,
                rolled_back_row,
                deliveries,
            });
        }
        report
    }
}
