#![cfg(not(target_arch = "wasm32"))]
//! A specification run in slices (`Spec::start_run`, then `advance` with
//! any budget) gives the report of the plain run the lesson describes: for
//! each strategy, for each ordering, a fresh store, the givens in that
//! order, one catch-up, the "when" event, one more catch-up, the commands
//! compared. That plain run is written again below, from the runner's
//! public API, as the reference the sliced one must agree with; the
//! verdicts themselves (the lessons pass, the wrong spec fails, how many
//! orderings) are written by hand.

mod process_common;

use es_playground::core::domain::{CATERING, Command, Fact, REGISTRATIONS, SALES};
use es_playground::core::ids::{IdGenerator, LogicalClock, Timestamp, XorShift32};
use es_playground::core::lessons::{deliberately_wrong_spec, lesson_specs};
use es_playground::core::process::{
    CatchUpEnd, CateringMatch, CrashPoint, CustomerFirstMatch, IdempotencyMode, ProcessManager,
    RoomAllocation, Runner, RunnerConfig, StrategyKind,
};
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use es_playground::core::spec::{
    Failure, MatchImplementation, Spec, SpecError, SpecOptions, SpecProcess, SpecReport,
    StrategyReport,
};
use es_playground::core::store::{EventStore, ExpectedVersion, Metadata};
use process_common::{caterer, confirm, customer};
use proptest::prelude::*;

/// The specification run in slices of `budget` events, checking on the way
/// that progress never goes back and is complete exactly when `advance`
/// says the run is finished.
fn sliced(spec: &Spec, options: &SpecOptions, mut budget: impl FnMut() -> usize) -> SpecReport {
    let mut run = spec.start_run(options).unwrap();
    let (mut done, total) = run.progress();
    assert_eq!(done, 0, "{}", spec.name);
    loop {
        let finished = run.advance(budget());
        let (now, now_total) = run.progress();
        assert_eq!(now_total, total, "{}: the total never changes", spec.name);
        assert!(now >= done, "{}: progress went back", spec.name);
        assert!(now <= total, "{}", spec.name);
        assert_eq!(finished, now == total, "{}: {now} of {total}", spec.name);
        assert_eq!(finished, run.is_finished(), "{}", spec.name);
        done = now;
        if finished {
            return run.into_report();
        }
    }
}

/// Lesson specs, the wrong one, and specs from random sessions (all but
/// the 999 registrations, a second of work each time in a debug build:
/// they have their own test).
fn every_kind_of_spec() -> Vec<Spec> {
    let mut specs: Vec<Spec> = lesson_specs()
        .into_iter()
        .filter(|spec| spec.given.len() < 999)
        .collect();
    specs.extend(deliberately_wrong_spec());
    let mut random = XorShift32::seeded(2024);
    specs.extend((0..24).filter_map(|_| random_session(&mut random).to_spec()));
    specs
}

/// What a person might do in the playground: fire confirmations and
/// declines, crash and restart, in any strategy and idempotency mode.
fn random_session(random: &mut XorShift32) -> Session {
    let mut pick = |n: usize| random.next_value() as usize % n;
    let settings = Settings {
        strategy: StrategyKind::ALL[pick(3)],
        idempotency: IdempotencyMode::ALL[pick(4)],
    };
    let mut session = Session::new(DEFAULT_SEED, settings);
    for _ in 0..1 + pick(11) {
        let (order, menu) = (["1", "2", "42"][pick(3)], ["1", "2", "fish"][pick(3)]);
        let action = match pick(5) {
            0 => Action::Fire {
                fact: customer(order, menu),
            },
            1 => Action::Fire {
                fact: caterer(order, menu),
            },
            2 => Action::Fire {
                fact: Fact::caterer_declined(order, menu).unwrap(),
            },
            3 => Action::ArmCrash {
                point: CrashPoint::AfterSend,
            },
            _ => Action::Restart,
        };
        // A refused action changes nothing; the rest goes on.
        let _ = session.perform(action);
    }
    session
}

/// The options the page uses, against either process manager, and a small
/// cap that makes specs with three givens or more sampled.
fn every_kind_of_options() -> Vec<SpecOptions> {
    let mut options: Vec<SpecOptions> = MatchImplementation::ALL
        .into_iter()
        .map(|implementation| SpecOptions {
            implementation,
            ..SpecOptions::default()
        })
        .collect();
    options.push(SpecOptions {
        strategies: vec![StrategyKind::Projection, StrategyKind::StateRow],
        max_exhaustive_orders: 2,
        max_samples: 5,
        seed: 9,
        ..SpecOptions::default()
    });
    options
}

#[test]
fn given_any_spec_run_in_slices_of_1_2_7_or_random_events_then_the_report_is_the_plain_runs() {
    let mut random = XorShift32::seeded(7);
    for spec in every_kind_of_spec() {
        for options in every_kind_of_options() {
            let expected = reference_report(&spec, &options);
            assert_eq!(spec.run_with(&options).unwrap(), expected, "{}", spec.name);
            for budget in [1, 2, 7] {
                assert_eq!(
                    sliced(&spec, &options, || budget),
                    expected,
                    "{}",
                    spec.name
                );
            }
            let report = sliced(&spec, &options, || 1 + random.next_value() as usize % 50);
            assert_eq!(report, expected, "{}", spec.name);
        }
    }
}

#[test]
fn given_the_lesson_specs_run_in_slices_then_they_all_pass_over_every_ordering() {
    for spec in lesson_specs() {
        let report = sliced(&spec, &SpecOptions::default(), || 3);
        assert!(report.passed(), "{report}");
        let all = spec.possible_orders().unwrap();
        for strategy in &report.strategies {
            assert!(strategy.exhaustive, "{}", spec.name);
            assert_eq!(strategy.orders_run as u128, all, "{}", spec.name);
        }
    }
}

#[test]
fn given_the_deliberately_wrong_spec_run_in_slices_then_all_three_orderings_fail_everywhere() {
    let spec = deliberately_wrong_spec().unwrap();
    let report = sliced(&spec, &SpecOptions::default(), || 1);
    assert!(!report.passed());
    assert_eq!(report.orders_run(), 9, "3 orderings × 3 strategies");
    for strategy in &report.strategies {
        assert_eq!(strategy.failures, 3, "{:?}", strategy.strategy);
        let first = strategy.first_failure.as_ref().unwrap();
        assert_eq!(first.tried_as, 1);
        assert_eq!(first.expected, [confirm("42", "fish")]);
        assert!(first.actual.is_empty());
    }
}

#[test]
fn given_999_registrations_then_progress_counts_each_event_of_each_strategy() {
    let spec = lesson_specs()
        .into_iter()
        .find(|spec| spec.given.len() == 999)
        .unwrap();
    let mut run = spec.start_run(&SpecOptions::default()).unwrap();
    // One ordering × 3 strategies, each 999 givens and the "when" event.
    assert_eq!(run.progress(), (0, 3_000));
    assert!(!run.advance(10));
    assert_eq!(run.progress(), (10, 3_000));
    assert!(!run.advance(1_000));
    assert_eq!(run.progress(), (1_010, 3_000));
    assert!(run.advance(usize::MAX));
    assert_eq!(run.progress(), (3_000, 3_000));
    assert!(run.advance(1), "a finished run stays finished");
    let report = run.into_report();
    assert!(report.passed(), "{report}");
    assert_eq!(report, reference_report(&spec, &SpecOptions::default()));
}

#[test]
fn given_a_budget_of_zero_then_nothing_is_run() {
    let spec = deliberately_wrong_spec().unwrap();
    let mut run = spec.start_run(&SpecOptions::default()).unwrap();
    assert!(!run.advance(0));
    assert_eq!(
        run.progress(),
        (0, 36),
        "3 orderings × 3 strategies × 4 events"
    );
}

#[test]
fn given_no_strategy_then_the_run_is_finished_before_it_starts() {
    let spec = deliberately_wrong_spec().unwrap();
    let options = SpecOptions {
        strategies: Vec::new(),
        ..SpecOptions::default()
    };
    let mut run = spec.start_run(&options).unwrap();
    assert_eq!(run.progress(), (0, 0));
    assert!(run.advance(0));
    assert!(run.into_report().strategies.is_empty());
}

#[test]
fn given_a_report_asked_for_half_way_then_it_is_the_whole_runs() {
    let spec = deliberately_wrong_spec().unwrap();
    let mut run = spec.start_run(&SpecOptions::default()).unwrap();
    assert!(!run.advance(5));
    assert_eq!(run.into_report(), spec.run().unwrap());
}

#[test]
fn a_spec_that_cannot_run_cannot_start() {
    let no_when = Spec::named("no when").given([customer("42", "vegan")]);
    assert!(matches!(
        no_when.start_run(&SpecOptions::default()),
        Err(SpecError::NoWhen { .. })
    ));
    let zero = Spec::named("zero rooms")
        .for_rooms(0)
        .when(Fact::participant_registered("rustconf", "p").unwrap());
    assert!(matches!(
        zero.start_run(&SpecOptions::default()),
        Err(SpecError::ZeroThreshold { .. })
    ));
}

/// A random action a person can take from the controls.
fn action() -> impl Strategy<Value = Action> {
    let order = prop::sample::select(vec!["1", "2", "42"]);
    let menu = prop::sample::select(vec!["1", "2", "fish"]);
    prop_oneof![
        8 => (0..3u8, order, menu).prop_map(|(kind, order, menu)| {
            let fact = match kind {
                0 => Fact::customer_confirmed(order, menu),
                1 => Fact::caterer_confirmed(order, menu),
                _ => Fact::caterer_declined(order, menu),
            };
            Action::Fire { fact: fact.expect("ids") }
        }),
        1 => Just(Action::ArmCrash { point: CrashPoint::AfterSend }),
        1 => Just(Action::Restart),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn slicing_never_changes_the_report(
        actions in prop::collection::vec(action(), 1..12),
        strategy in 0..3usize,
        mode in 0..4usize,
        buggy in any::<bool>(),
        budgets in prop::collection::vec(0..20usize, 1..8),
    ) {
        let settings = Settings {
            strategy: StrategyKind::ALL[strategy],
            idempotency: IdempotencyMode::ALL[mode],
        };
        let mut session = Session::new(DEFAULT_SEED, settings);
        for action in actions {
            let _ = session.perform(action);
        }
        let Some(spec) = session.to_spec() else { return Ok(()) };
        let options = SpecOptions {
            implementation: MatchImplementation::ALL[usize::from(buggy)],
            ..SpecOptions::default()
        };
        let mut next = budgets.iter().cycle().map(|budget| budget + 1);
        let report = sliced(&spec, &options, || next.next().unwrap_or(1));
        prop_assert_eq!(&report, &reference_report(&spec, &options));
        prop_assert_eq!(report, spec.run_with(&options).unwrap());
    }
}

// The reference: the plain run, in one go, as the lesson tells it.

fn reference_report(spec: &Spec, options: &SpecOptions) -> SpecReport {
    let strategies = match (spec.process, options.implementation) {
        (SpecProcess::CateringMatch, MatchImplementation::CateringMatch) => {
            reference_strategies(CateringMatch, spec, options)
        }
        (SpecProcess::CateringMatch, MatchImplementation::CustomerFirstMatch) => {
            reference_strategies(CustomerFirstMatch, spec, options)
        }
        (SpecProcess::RoomAllocation { threshold }, _) => reference_strategies(
            RoomAllocation::with_threshold(threshold).unwrap(),
            spec,
            options,
        ),
    };
    SpecReport {
        name: spec.name.clone(),
        explanation: spec.explanation.clone(),
        lesson: spec.lesson,
        givens: spec.given.len(),
        streams: spec.stream_lengths(),
        implementation: match spec.process {
            SpecProcess::CateringMatch => Some(options.implementation),
            SpecProcess::RoomAllocation { .. } => None,
        },
        expected: spec.then.clone(),
        strategies,
    }
}

fn reference_strategies<P: ProcessManager + Clone>(
    pm: P,
    spec: &Spec,
    options: &SpecOptions,
) -> Vec<StrategyReport> {
    let (orders, exhaustive) = options.orders(&spec.stream_labels());
    let mut reports = Vec::new();
    for &strategy in &options.strategies {
        let mut report = StrategyReport {
            strategy,
            orders_run: orders.len(),
            exhaustive,
            failures: 0,
            first_failure: None,
        };
        for (tried, order) in orders.iter().enumerate() {
            let (actual, error) = reference_once(pm.clone(), spec, strategy, order);
            if actual != spec.then || error.is_some() {
                report.failures += 1;
                report.first_failure.get_or_insert_with(|| Failure {
                    order: order.clone(),
                    tried_as: tried + 1,
                    given_in_order: order
                        .iter()
                        .map(|index| spec.given[*index].clone())
                        .collect(),
                    expected: spec.then.clone(),
                    actual,
                    error,
                });
            }
        }
        reports.push(report);
    }
    reports
}

/// One ordering with one strategy: the commands delivered because of the
/// "when" event, and the error that stopped the run, if any.
fn reference_once<P: ProcessManager>(
    pm: P,
    spec: &Spec,
    strategy: StrategyKind,
    order: &[usize],
) -> (Vec<Command>, Option<String>) {
    let mut store = EventStore::new();
    for context in [SALES, CATERING, REGISTRATIONS] {
        store.add_context(context).unwrap();
    }
    let mut ids = IdGenerator::seeded(0x5bec);
    let mut clock = LogicalClock::new(Timestamp(1_000), 10);
    let mut record = |store: &mut EventStore, fact: &Fact| {
        let event = fact.to_new_event(ids.next_id(), Metadata::at(clock.tick()));
        store
            .append(
                fact.context(),
                &fact.stream(),
                ExpectedVersion::Any,
                vec![event],
            )
            .unwrap();
    };
    let config = RunnerConfig::with_strategy(strategy)
        .idempotency(spec.idempotency)
        .trace(false);
    let mut runner = Runner::new(pm, config);
    for index in order {
        record(&mut store, &spec.given[*index]);
    }
    if let CatchUpEnd::Failed(error) = runner.catch_up(&mut store).end {
        return (
            Vec::new(),
            Some(format!("while handling the givens: {error}")),
        );
    }
    let mark = runner.bus().attempts().len();
    record(&mut store, spec.when.as_ref().unwrap());
    if let Some(point) = spec.crash {
        runner.arm_crash(point);
    }
    let mut end = runner.catch_up(&mut store).end;
    if let CatchUpEnd::Crashed(_) = end {
        runner.restart();
        end = runner.catch_up(&mut store).end;
    }
    let delivered = runner
        .bus()
        .attempts_since(mark)
        .iter()
        .filter(|delivery| delivery.was_delivered())
        .map(|delivery| delivery.envelope.command.clone())
        .collect();
    match end {
        CatchUpEnd::Failed(error) => (delivered, Some(error.to_string())),
        CatchUpEnd::UpToDate | CatchUpEnd::Crashed(_) => (delivered, None),
    }
}
