//! Store benchmark: append 1 000 000 small events, then read them back.
//!
//! Run with `cargo bench --bench store`. Prints one JSON line per phase and
//! exits non-zero if the events read back are not exactly those appended.
//!
//! - `append`: one event per `append` call, `ExpectedVersion::Any`, spread
//!   round-robin over 1000 streams of one context. Each event has a fresh id
//!   from the seeded generator, `{"n": i}` as data and a logical-clock time.
//!   **What is timed:** only the `append` calls. The input events are built
//!   1000 at a time just before they are appended, outside the timer; the
//!   time spent building them is reported separately as `build_seconds`,
//!   and `events_per_s_with_build` gives the rate with it included. Most of
//!   that build time is the allocator and the page faults for serde_json's
//!   object (a B-tree node of about 600 bytes for one key), which the store
//!   then owns; it is not store work, but it is not hidden either.
//! - `read`: the whole log through `read_log_forward` in pages of 1000, as a
//!   cursor would, checking every event (id, position, data, stream) against
//!   what was appended; the checks are inside the timed section.
//! - `memory`: live heap bytes after the appends minus before, per event,
//!   counted by a global allocator wrapped around the system one. It counts
//!   everything the store holds, the events' JSON data included.

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::ExitCode;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use es_playground::core::ids::{IdGenerator, LogicalClock, Timestamp};
use es_playground::core::store::{
    EventData, EventStore, ExpectedVersion, Metadata, NewEvent, Position,
};

/// Counts live heap bytes around the system allocator.
struct CountingAllocator;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the counter has no effect on the memory returned.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same contract as this function's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` came from `System` through this allocator, with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: same contract as this function's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const EVENTS: u64 = 1_000_000;
const STREAMS: u64 = 1_000;
/// Events built (outside the timer) and then appended (timed) per round.
const BUILD_CHUNK: u64 = 1_000;
/// Events per `read_log_forward` call.
const PAGE: usize = 1_000;
const CONTEXT: &str = "Bench";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("store bench failed: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut store = EventStore::new();
    store.add_context(CONTEXT).map_err(|e| e.to_string())?;
    let stream_names: Vec<String> = (0..STREAMS).map(|s| format!("Counter${s}")).collect();

    let live_before = LIVE_BYTES.load(Ordering::Relaxed);
    let (append_time, build_time) = append_all(&mut store, &stream_names)?;
    let live_after = LIVE_BYTES.load(Ordering::Relaxed);
    let append_seconds = append_time.as_secs_f64();
    let build_seconds = build_time.as_secs_f64();
    println!(
        "{{\"system\":\"es-playground\",\"runtime\":\"native\",\"phase\":\"append\",\
         \"strategy\":\"store\",\"n\":{EVENTS},\"events\":{EVENTS},\"seconds\":{append_seconds:.6},\
         \"events_per_s\":{:.0},\"build_seconds\":{build_seconds:.6},\
         \"events_per_s_with_build\":{:.0}}}",
        rate(append_seconds),
        rate(append_seconds + build_seconds),
    );

    let read_seconds = read_all(&store, &stream_names)?.as_secs_f64();
    println!(
        "{{\"system\":\"es-playground\",\"runtime\":\"native\",\"phase\":\"read\",\
         \"strategy\":\"store\",\"n\":{EVENTS},\"events\":{EVENTS},\"seconds\":{read_seconds:.6},\
         \"events_per_s\":{:.0}}}",
        rate(read_seconds),
    );

    let live_bytes = live_after - live_before;
    println!(
        "{{\"system\":\"es-playground\",\"runtime\":\"native\",\"phase\":\"memory\",\
         \"strategy\":\"store\",\"n\":{EVENTS},\"events\":{EVENTS},\"bytes_per_event\":{:.0},\
         \"live_bytes\":{live_bytes}}}",
        live_bytes as f64 / EVENTS as f64,
    );
    Ok(())
}

fn rate(seconds: f64) -> f64 {
    EVENTS as f64 / seconds
}

/// Appends every event; returns (time in `append`, time building inputs).
fn append_all(
    store: &mut EventStore,
    stream_names: &[String],
) -> Result<(Duration, Duration), String> {
    let mut ids = IdGenerator::seeded(42);
    let mut clock = LogicalClock::new(Timestamp(1_700_000_000_000), 1);
    let mut append_time = Duration::ZERO;
    let mut build_time = Duration::ZERO;
    let mut chunk: Vec<(&str, Vec<NewEvent>)> = Vec::with_capacity(BUILD_CHUNK as usize);
    for chunk_start in (0..EVENTS).step_by(BUILD_CHUNK as usize) {
        let started = Instant::now();
        for n in chunk_start..(chunk_start + BUILD_CHUNK).min(EVENTS) {
            let stream = stream_of(stream_names, n)?;
            let data = EventData::of(&Counted { n }).map_err(|e| e.to_string())?;
            let event = NewEvent::new(ids.next_id(), "Counted", data, Metadata::at(clock.tick()));
            chunk.push((stream, vec![event]));
        }
        let built = Instant::now();
        for (stream, batch) in chunk.drain(..) {
            store
                .append(CONTEXT, stream, ExpectedVersion::Any, batch)
                .map_err(|e| e.to_string())?;
        }
        append_time += built.elapsed();
        build_time += built - started;
    }
    Ok((append_time, build_time))
}

/// The data of the `n`th event.
#[derive(serde::Serialize)]
struct Counted {
    n: u64,
}

/// Whether `data` is `{"n":<n>}`, read without parsing.
fn is_count(data: &EventData, n: u64) -> bool {
    let text = data.as_json();
    text.strip_prefix("{\"n\":")
        .and_then(|rest| rest.strip_suffix('}'))
        .and_then(|digits| digits.parse::<u64>().ok())
        == Some(n)
}

/// Reads the whole log back as a cursor would, checking every event.
fn read_all(store: &EventStore, stream_names: &[String]) -> Result<Duration, String> {
    let mut ids = IdGenerator::seeded(42);
    let mut cursor = Position::START;
    let mut read = 0u64;
    let started = Instant::now();
    loop {
        let page = store
            .read_log_forward(CONTEXT, cursor, PAGE)
            .map_err(|e| e.to_string())?;
        let Some(last) = page.last() else { break };
        for event in page {
            if event.id != ids.next_id()
                || event.position != Position(read + 1)
                || !is_count(&event.data, read)
                || event.stream != stream_of(stream_names, read)?
            {
                return Err(format!("event {read} read back differs: {event:?}"));
            }
            read += 1;
        }
        cursor = last.position;
    }
    let elapsed = started.elapsed();
    if read != EVENTS {
        return Err(format!("read {read} events back, appended {EVENTS}"));
    }
    Ok(elapsed)
}

/// The stream event `n` goes to: round-robin over the streams.
fn stream_of(stream_names: &[String], n: u64) -> Result<&str, String> {
    stream_names
        .get((n % STREAMS) as usize)
        .map(String::as_str)
        .ok_or_else(|| format!("no stream for event {n}"))
}
