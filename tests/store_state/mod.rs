//! Everything a store shows through its public reads, gathered in one
//! value: two stores that read alike compare equal, so a test can check
//! that a refused operation changed nothing, or that two ways of building a
//! session built the same store.
#![allow(dead_code)]

use es_playground::core::ids::EventId;
use es_playground::core::store::{
    ContextInfo, EventStore, Position, RecordedEvent, StreamInfo, StreamVersion,
};

/// What the store's reads show: its mode, its event count and every
/// context.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreState {
    pub single_stream: bool,
    pub event_count: usize,
    pub contexts: Vec<ContextState>,
}

/// One context: its summary, its whole log, and its streams.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextState {
    pub info: ContextInfo,
    pub log: Vec<RecordedEvent>,
    pub streams: Vec<StreamState>,
}

/// One stream: its summary and its entries (appended and linked), each as a
/// version and the position and id of the event there.
#[derive(Clone, Debug, PartialEq)]
pub struct StreamState {
    pub info: StreamInfo,
    pub entries: Vec<(StreamVersion, Position, EventId)>,
}

/// Reads the whole store.
pub fn store_state(store: &EventStore) -> StoreState {
    let contexts = store
        .contexts()
        .into_iter()
        .map(|info| {
            let name = info.name.as_str();
            let log = store
                .read_log_forward(name, Position::START, usize::MAX)
                .expect("a listed context reads")
                .to_vec();
            let streams = store
                .streams(name)
                .expect("a listed context lists its streams")
                .into_iter()
                .map(|info| {
                    let entries = store
                        .stream_events(name, &info.name)
                        .expect("a listed stream reads")
                        .zip(0u64..)
                        .map(|(event, version)| (StreamVersion(version), event.position, event.id))
                        .collect();
                    StreamState { info, entries }
                })
                .collect();
            ContextState { info, log, streams }
        })
        .collect();
    StoreState {
        single_stream: store.single_stream(),
        event_count: store.event_count(),
        contexts,
    }
}
