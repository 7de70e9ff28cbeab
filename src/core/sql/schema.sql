-- The event store and the process manager's storage, as a relational
-- database keeps them. Positions come from one sequence per context, so a
-- transaction that is rolled back leaves a gap; versions of a stream are
-- rows of stream_events, where a link is one more row.

-- The bounded contexts, each with the sequence its positions come from.
CREATE TABLE contexts (
    name              text PRIMARY KEY,
    position_sequence text NOT NULL UNIQUE
);

-- Every stored event, once, at its position in its context's log.
CREATE TABLE events (
    event_id    uuid        NOT NULL CONSTRAINT events_event_id_key UNIQUE,
    context     text        NOT NULL REFERENCES contexts (name),
    position    bigint      NOT NULL CHECK (position > 0),
    type        text        NOT NULL,
    data        jsonb       NOT NULL,
    metadata    jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL,
    CONSTRAINT events_context_position_key UNIQUE (context, position)
);

-- Which events each stream holds, at which version: the stream an event
-- was appended to (linked = false), and each stream it was linked into.
CREATE TABLE stream_events (
    context  text    NOT NULL REFERENCES contexts (name),
    stream   text    NOT NULL,
    version  bigint  NOT NULL CHECK (version >= 0),
    event_id uuid    NOT NULL REFERENCES events (event_id),
    linked   boolean NOT NULL,
    CONSTRAINT stream_events_pkey PRIMARY KEY (context, stream, version),
    CONSTRAINT stream_events_event_once_key UNIQUE (context, stream, event_id)
);

-- The state-row strategy: one row per key, changed under SELECT ... FOR UPDATE.
CREATE TABLE state_rows (
    process text  NOT NULL,
    key     text  NOT NULL,
    state   jsonb NOT NULL,
    PRIMARY KEY (process, key)
);

-- Tracking: each reader's last handled position in each log it reads (the
-- process manager's cursors, and the outbox stream dispatcher's, whose log
-- may not exist yet: no reference to contexts).
CREATE TABLE cursors (
    reader   text   NOT NULL,
    context  text   NOT NULL,
    position bigint NOT NULL CHECK (position >= 0),
    PRIMARY KEY (reader, context)
);

-- Atomic tracking's outbox: commands committed with the state and the
-- cursor, deleted once dispatched.
CREATE TABLE outbox (
    queued         bigserial PRIMARY KEY,
    process        text  NOT NULL,
    command_id     uuid  NOT NULL UNIQUE,
    command        jsonb NOT NULL,
    causation_id   uuid  NOT NULL,
    correlation_id uuid  NOT NULL
);
