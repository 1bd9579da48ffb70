//! `pulse store`: work on a store directly, with no daemon running on it — copy one into
//! another (sled to PostgreSQL when moving to several daemons, or back).

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Subcommand};

use super::Ctx;
use crate::error::CliError;
use crate::store::{Backend, Store, copy};

/// `pulse store …`.
#[derive(Debug, Subcommand)]
pub enum StoreCmd {
    /// Copy every record of one store into another (stop the daemons on both first)
    Copy(CopyArgs),
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The store to read: a sled data dir, or a postgres:// URL
    #[arg(long, value_name = "DIR|URL")]
    from: String,
    /// The store to write: a sled data dir, or a postgres:// URL
    #[arg(long, value_name = "DIR|URL")]
    to: String,
    /// Copy into a store that already holds projects (records there are overwritten)
    #[arg(long)]
    force: bool,
}

/// A data dir or a URL as a backend.
fn backend(spec: &str) -> (Backend, PathBuf) {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        (Backend::Postgres { url: spec.into(), pool_size: 4 }, PathBuf::new())
    } else {
        (Backend::Embedded, PathBuf::from(spec))
    }
}

/// Where a store is, for messages (never a URL's password).
fn describe(spec: &str) -> String {
    match spec.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://…@{host}"),
            None => spec.into(),
        },
        None => spec.into(),
    }
}

async fn open(spec: &str, which: &str) -> Result<Arc<dyn Store>, CliError> {
    let (b, dir) = backend(spec);
    if b == Backend::Embedded && which == "--from" && !dir.join("db").exists() {
        return Err(CliError::Usage(format!("--from {spec}: no pulse store there (no `db` in that directory)")));
    }
    // A store made here is as private as one the daemon makes.
    crate::dirs::private_umask();
    crate::store::open(&b, &dir, 64).await.map_err(|e| CliError::Other(format!("{which} {}: {e}", describe(spec))))
}

pub async fn run(ctx: &Ctx, cmd: StoreCmd) -> Result<(), CliError> {
    match cmd {
        StoreCmd::Copy(a) => {
            if a.from == a.to {
                return Err(CliError::Usage("--from and --to are the same store".into()));
            }
            let from = open(&a.from, "--from").await?;
            let to = open(&a.to, "--to").await?;
            let fail = |e: crate::store::StoreError| CliError::Other(e.to_string());
            if !a.force && !copy::is_empty(to.as_ref()).await.map_err(fail)? {
                return Err(CliError::Usage(format!(
                    "--to {}: the target already holds projects; pass --force to copy into it anyway",
                    describe(&a.to)
                )));
            }
            let total = copy::total(from.as_ref()).await.map_err(fail)?;
            let bar = if ctx.out.quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                indicatif::ProgressBar::hidden()
            } else {
                indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::stderr())
            };
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} records ({per_sec}, {eta} left)")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let done = copy::copy(from.as_ref(), to.as_ref(), |n| bar.inc(n)).await.map_err(fail)?;
            bar.finish_and_clear();
            from.close().await.map_err(fail)?;
            to.close().await.map_err(fail)?;
            let summary = serde_json::json!({
                "from": describe(&a.from),
                "to": describe(&a.to),
                "records": done.records,
                "events_already_there": done.kept_events,
            });
            ctx.out.one(&summary, &done.records.to_string())
        }
    }
}
