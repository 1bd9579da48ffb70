//! End-to-end tests: the real `pulse` binary against the real daemon (in-process, 127.0.0.1:0)
//! and a fake LiveKit that speaks Twirp like livekit-server, on both stores. The same test
//! files (not copies) are compiled into `sled` and `pg`, whose `BACKEND` tells the harness which
//! store to give each daemon; one binary, so they link once and the two stores' tests run side
//! by side (`cargo test sled::`, `cargo test pg::` for one of them). Outside CI, a machine
//! without a PostgreSQL server skips the `pg` tests, saying so.

// Loading each test file twice, once per store, is the point (clippy would have one copy).
#![allow(clippy::duplicate_mod)]

mod machine;
mod pg;
mod sled;
