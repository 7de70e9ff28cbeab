//! The machinery of the idempotency model check (`process_model_check.rs`):
//! the walk of the handlings through the promise table, the runs with
//! crashes and restarts, the plans of up to two crashes, and the checks of
//! one order's commands.

use std::collections::{BTreeMap, BTreeSet};

use es_playground::core::domain::{Command, Fact};
use es_playground::core::process::{
    CrashPoint, IdempotencyMode, ProcessManager, Runner, RunnerConfig, RunnerStatus, StepReport,
    StrategyKind,
};

use crate::process_common::World;

/// What a crash at a point does, in a mode, to a handling whose event
/// decides a command (the promise of the mode).
#[derive(Clone, Copy, Debug)]
pub struct Promise {
    /// The cursor was not saved: the same event is handled again.
    pub handled_again: bool,
    /// The decided command was sent before the crash.
    pub sent_before_crash: bool,
    /// The command waits in an outbox (or the outbox stream), and the
    /// restart sends it (again, if it was sent before the crash).
    pub sent_by_restart: bool,
    /// Handled again, the event sends its command again (it is not found
    /// written already).
    pub handled_again_sends: bool,
}

/// The promises of the modes: what a crash at a point does to a deciding
/// handling, and whether the receiver executes a repeated command again.
pub struct Promises {
    pub promise: fn(IdempotencyMode, CrashPoint) -> Promise,
    pub receiver_repeats_the_effect: fn(IdempotencyMode) -> bool,
}

/// The commands sent per target, as the promises say, for events that
/// decide `decides` (by index), with crashes `plan` (handling index, point).
pub fn expected_sends(
    promises: &Promises,
    mode: IdempotencyMode,
    decides: &[Option<Command>],
    plan: &[(usize, CrashPoint)],
) -> BTreeMap<String, usize> {
    let mut sent: BTreeMap<String, usize> = BTreeMap::new();
    let mut send = |command: &Command| *sent.entry(command.target().to_owned()).or_default() += 1;
    // Events whose command was written where handling them again finds it.
    let mut written = vec![false; decides.len()];
    let (mut event, mut handling) = (0, 0);
    while event < decides.len() {
        let decided = decides[event].as_ref();
        let already_written = written[event];
        let crash = plan.iter().find(|(at, _)| *at == handling).map(|(_, p)| *p);
        handling += 1;
        let Some(point) = crash else {
            if let Some(command) = decided
                && !already_written
            {
                send(command);
            }
            event += 1;
            continue;
        };
        let promise = (promises.promise)(mode, point);
        if let Some(command) = decided
            && !already_written
        {
            if promise.sent_before_crash {
                send(command);
            }
            if promise.sent_by_restart {
                send(command);
            }
            written[event] = promise.handled_again && !promise.handled_again_sends;
        }
        if !promise.handled_again {
            event += 1;
        }
    }
    sent
}

/// One scenario: the facts in handling order, and what each one decides.
pub struct Scenario<P> {
    pub pm: P,
    pub facts: Vec<Fact>,
    pub decides: Vec<Option<Command>>,
    /// Every target the scenario is about (some may get no command).
    pub targets: Vec<&'static str>,
}

/// Handles every fact, crashing as `plan` says and restarting after each
/// crash. With `live`, each fact is appended and caught up with first.
fn run<P: ProcessManager + Clone>(
    scenario: &Scenario<P>,
    plan: &[(usize, CrashPoint)],
    config: RunnerConfig,
    live: bool,
) -> Runner<P> {
    let mut world = World::new();
    let mut runner = Runner::new(scenario.pm.clone(), config);
    let mut handling = 0;
    let mut drain = |world: &mut World, runner: &mut Runner<P>| loop {
        if let Some((_, point)) = plan.iter().find(|(at, _)| *at == handling) {
            runner.arm_crash(*point);
        }
        match runner.step(&mut world.store).unwrap() {
            StepReport::Idle => {
                runner.disarm_crash();
                break;
            }
            StepReport::Crashed { .. } => {
                runner.restart_in(&world.store);
            }
            _ => {}
        }
        handling += 1;
    };
    if live {
        for fact in &scenario.facts {
            world.record(fact);
            drain(&mut world, &mut runner);
        }
    } else {
        for fact in &scenario.facts {
            world.record(fact);
        }
        drain(&mut world, &mut runner);
    }
    runner
}

/// Every plan of up to two crashes at handlings `0..handlings`.
fn crash_plans(handlings: usize) -> Vec<Vec<(usize, CrashPoint)>> {
    let mut plans = vec![Vec::new()];
    for first in 0..handlings {
        for point in CrashPoint::ALL {
            plans.push(vec![(first, point)]);
            for second in first + 1..handlings {
                for other in CrashPoint::ALL {
                    plans.push(vec![(first, point), (second, other)]);
                }
            }
        }
    }
    plans
}

/// Runs the whole product for a scenario; returns the number of cases.
pub fn check<P: ProcessManager + Clone>(promises: &Promises, scenario: &Scenario<P>) -> usize {
    assert_eq!(scenario.facts.len(), scenario.decides.len());
    // Two crashes can add two re-handlings.
    let plans = crash_plans(scenario.facts.len() + 2);
    let mut cases = 0;
    for plan in &plans {
        for mode in IdempotencyMode::ALL {
            let sends = expected_sends(promises, mode, &scenario.decides, plan);
            for strategy in StrategyKind::ALL {
                for live in [false, true] {
                    let config = RunnerConfig::with_strategy(strategy).idempotency(mode);
                    let runner = run(scenario, plan, config, live);
                    let case = format!("{mode} {strategy} live {live} crashes {plan:?}");
                    assert_eq!(runner.status(), &RunnerStatus::Running, "{case}");
                    for target in &scenario.targets {
                        check_target(promises, &runner, scenario, target, mode, &sends, &case);
                    }
                    cases += 1;
                }
            }
        }
    }
    cases
}

/// The receiver's effect and the sends of one target.
fn check_target<P: ProcessManager>(
    promises: &Promises,
    runner: &Runner<P>,
    scenario: &Scenario<P>,
    target: &str,
    mode: IdempotencyMode,
    sends: &BTreeMap<String, usize>,
    case: &str,
) {
    let bus = runner.bus();
    let expected_distinct: BTreeSet<&Command> = scenario
        .decides
        .iter()
        .flatten()
        .filter(|command| command.target() == target)
        .collect();
    let executed: BTreeSet<&Command> = bus
        .delivered()
        .map(|delivery| &delivery.envelope.command)
        .filter(|command| command.target() == target)
        .collect();
    assert_eq!(
        executed, expected_distinct,
        "distinct commands of {target}: {case}"
    );
    let sent = sends.get(target).copied().unwrap_or(0);
    let attempts = bus
        .attempts()
        .iter()
        .filter(|attempt| attempt.envelope.command.target() == target)
        .count();
    assert_eq!(attempts, sent, "commands sent for {target}: {case}");
    let executions = bus
        .delivered()
        .filter(|delivery| delivery.envelope.command.target() == target)
        .count();
    let expected_executions = if (promises.receiver_repeats_the_effect)(mode) {
        sent
    } else {
        expected_distinct.len()
    };
    assert_eq!(
        executions, expected_executions,
        "executions for {target}: {case}"
    );
}

pub fn report(name: &str, cases: usize, at_least: usize) {
    println!("model check {name}: {cases} cases checked");
    assert!(cases >= at_least, "{name}: only {cases} cases");
}

/// Cases for `events` facts: (1 + 4h + 16 h(h-1)/2) plans with h = events
/// + 2 handlings, x 4 modes x 3 strategies x 2 (live or not).
pub fn cases_for(events: usize) -> usize {
    let h = events + 2;
    (1 + 4 * h + 16 * h * (h - 1) / 2) * 4 * 3 * 2
}
