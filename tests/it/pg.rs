//! Every test file again on PostgreSQL, and the drills only a shared store has: several
//! daemons on one database (`cluster`), `pulse store copy` between the two stores (`copy`).

/// The store every daemon in this module runs on.
pub const BACKEND: &str = "postgres";

every_store!();

#[path = "cluster.rs"]
mod cluster;
#[path = "copy.rs"]
mod copy;
