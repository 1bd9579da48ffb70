//! The end-to-end suite of `tests/it` again, every test of it, on the PostgreSQL backend: the
//! same modules (not copies), with `BACKEND` telling the harness which store to give each
//! daemon. Outside CI, a machine without a PostgreSQL server skips this binary, saying so.

/// The store every daemon in this binary runs on.
pub const BACKEND: &str = "postgres";

#[path = "../it/api.rs"]
mod api;
#[path = "../it/cli.rs"]
mod cli;
mod cluster;
#[path = "../it/console.rs"]
mod console;
#[path = "../it/contract.rs"]
mod contract;
mod copy;
#[path = "../it/crash.rs"]
mod crash;
#[path = "../it/daemon_process.rs"]
mod daemon_process;
#[path = "../it/egress.rs"]
mod egress;
#[path = "../it/endpoints.rs"]
mod endpoints;
#[path = "../it/events.rs"]
mod events;
#[path = "../it/hardening.rs"]
mod hardening;
#[path = "../it/idempotency.rs"]
mod idempotency;
#[path = "../it/ingress.rs"]
mod ingress;
#[path = "../it/projects.rs"]
mod projects;
#[path = "../it/recordings.rs"]
mod recordings;
#[path = "../it/rules.rs"]
mod rules;
#[path = "../it/support/mod.rs"]
mod support;
#[path = "../it/usage.rs"]
mod usage;
#[path = "../it/webhooks.rs"]
mod webhooks;
#[path = "../it/webhooks_cli.rs"]
mod webhooks_cli;
