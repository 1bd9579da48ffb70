//! End-to-end tests: the real `pulse` binary against the real daemon (in-process, 127.0.0.1:0)
//! and a fake LiveKit that speaks Twirp like livekit-server, on both stores. The same test
//! files (not copies) are compiled into `sled` and `pg`, whose `BACKEND` tells the harness which
//! store to give each daemon; one binary, so they link once and the two stores' tests run side
//! by side (`cargo test sled::`, `cargo test pg::` for one of them). Outside CI, a machine
//! without a PostgreSQL server skips the `pg` tests, saying so.

// Loading each test file twice, once per store, is the point (clippy would have one copy).
#![allow(clippy::duplicate_mod)]

/// The test files every store runs, declared in `sled.rs` and in `pg.rs` (each of which adds
/// its own), so that one list says what both halves hold.
macro_rules! every_store {
    () => {
        #[path = "api.rs"]
        mod api;
        #[path = "cli.rs"]
        mod cli;
        #[path = "contract.rs"]
        mod contract;
        #[path = "crash.rs"]
        mod crash;
        #[path = "daemon_process.rs"]
        mod daemon_process;
        #[path = "egress.rs"]
        mod egress;
        #[path = "endpoints.rs"]
        mod endpoints;
        #[path = "events.rs"]
        mod events;
        #[path = "hardening.rs"]
        mod hardening;
        #[path = "idempotency.rs"]
        mod idempotency;
        #[path = "ingress.rs"]
        mod ingress;
        #[path = "projects.rs"]
        mod projects;
        #[path = "recordings.rs"]
        mod recordings;
        #[path = "rules.rs"]
        mod rules;
        #[path = "support/mod.rs"]
        pub mod support;
        #[path = "usage.rs"]
        mod usage;
        #[path = "webhooks.rs"]
        mod webhooks;
        #[path = "webhooks_cli.rs"]
        mod webhooks_cli;
    };
}

mod machine;
mod pg;
mod sled;
