//! `pulse daemon`: the control plane. Opens the store, binds the port, serves the API and
//! shuts down cleanly on SIGTERM/SIGINT (README "Running under systemd").

pub mod auth;
pub mod console;
pub mod contract;
pub mod handlers;
pub mod idempotent;
pub mod intake;
pub mod metrics;
pub mod openapi;
pub mod reject;
pub mod routes;
pub mod server;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::config::{LogFormat, Settings};
use crate::core::Core;
use crate::dirs::{admin_token_path, write_private};
use crate::store::{Store, StoreError};
use crate::worker::Worker;

/// What the HTTP layer holds: the core, who may call, and how the daemon is doing.
pub struct AppState {
    pub core: Arc<Core>,
    pub admin_token: String,
    pub started: Instant,
    pub limits: auth::RateLimits,
    pub worker: Arc<Worker>,
    /// Becomes true when shutdown starts: long-lived streams end, the worker drains.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

/// The log filter unless `PULSE_LOG`/`RUST_LOG` say otherwise.
pub const DEFAULT_LOG: &str = "info,warp=warn";

/// How long shutdown waits for open connections before closing them.
const DRAIN: std::time::Duration = std::time::Duration::from_secs(10);

/// Why the daemon could not start.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error("admin token file {path}: {reason}")]
    AdminToken { path: PathBuf, reason: String },
    #[error("encryption key file {path}: {reason} (or set daemon.encryption_key)")]
    EncryptionKey { path: PathBuf, reason: String },
    #[error("cannot start the delivery worker's threads: {0}")]
    Worker(std::io::Error),
}

/// A daemon serving in the background of the current runtime.
pub struct Handle {
    pub addr: SocketAddr,
    pub admin_token: String,
    pub store: Arc<dyn Store>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
    /// The shared state (tests poke the reconciler through it).
    pub state: Arc<AppState>,
}

impl Handle {
    /// Stops accepting, lets requests in flight finish, flushes the store.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// The shortest admin token the daemon accepts, from any source.
const MIN_ADMIN_TOKEN: usize = 16;

/// The admin token from config; else, on a shared store, the one every daemon on it shares
/// (copied to `<data_dir>/admin_token` for the local CLI); else from `<data_dir>/admin_token`,
/// generated (mode 0600) on first start.
async fn admin_token(settings: &Settings, store: &dyn Store) -> Result<String, DaemonError> {
    let token = find_admin_token(settings, store).await?;
    if token.trim().len() < MIN_ADMIN_TOKEN {
        return Err(DaemonError::AdminToken {
            path: admin_token_path(&settings.data_dir),
            reason: format!(
                "the admin token is shorter than {MIN_ADMIN_TOKEN} characters (an empty or whitespace-only file, or a short \
                 daemon.admin_token); delete the file to have a new one generated, or set a longer one"
            ),
        });
    }
    Ok(token.trim().to_string())
}

async fn find_admin_token(settings: &Settings, store: &dyn Store) -> Result<String, DaemonError> {
    if let Some(t) = &settings.admin_token {
        tracing::info!("admin token: from configuration (daemon.admin_token / PULSE_ADMIN_TOKEN)");
        return Ok(t.clone());
    }
    let path = admin_token_path(&settings.data_dir);
    let fail = |e: std::io::Error| DaemonError::AdminToken { path: path.clone(), reason: e.to_string() };
    if let Some(shared) = store.shared_admin_token(&crate::util::new_secret("pulse_admin_")).await? {
        if std::fs::read_to_string(&path).map(|t| t.trim() != shared).unwrap_or(true) {
            crate::dirs::create_private_dir(&settings.data_dir).map_err(fail)?;
            write_private(&path, &shared).map_err(fail)?;
        }
        tracing::info!(path = %path.display(), "admin token: shared by every daemon on this store; copied to the data dir");
        return Ok(shared);
    }
    if let Ok(t) = std::fs::read_to_string(&path) {
        tracing::info!(path = %path.display(), "admin token: read from file");
        return Ok(t.trim().to_string());
    }
    let token = crate::util::new_secret("pulse_admin_");
    write_private(&path, &token).map_err(fail)?;
    tracing::info!(path = %path.display(), "admin token: generated on first start; `pulse projects` finds it there");
    Ok(token)
}

/// The key sealed values are kept under: `daemon.encryption_key`, else
/// `<data_dir>/encryption_key`, made (mode 0600) on first start. Daemons sharing a store must
/// be given the same one.
fn encryption_key(settings: &Settings) -> Result<[u8; 32], DaemonError> {
    if let Some(k) = settings.encryption_key {
        return Ok(k);
    }
    let path = settings.data_dir.join("encryption_key");
    let fail = |reason: String| DaemonError::EncryptionKey { path: path.clone(), reason };
    match std::fs::read_to_string(&path) {
        Ok(text) => crate::seal::parse_key(&text).map_err(|e| fail(format!("the encryption key file: {e}"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let text = crate::seal::new_key();
            crate::dirs::create_private_dir(&settings.data_dir).map_err(|e| fail(e.to_string()))?;
            write_private(&path, &text).map_err(|e| fail(e.to_string()))?;
            if matches!(settings.store, crate::store::Backend::Postgres { .. }) {
                tracing::warn!(path = %path.display(), "encryption key: generated for this daemon; daemons sharing \
                    the database need the same daemon.encryption_key to read each other's sealed values");
            }
            crate::seal::parse_key(&text).map_err(fail)
        }
        Err(e) => Err(fail(e.to_string())),
    }
}

/// The embedded store's page cache: enough for the hot records and indexes; the rest is a
/// read away. sled counts it in the bytes its pages take in the log (compressed), and holds
/// them ~4x bigger in memory: in the 60,000-event storm 8 MB peaked at 118 MB of RSS and
/// 16 MB at 152 (over the 150 MB budget). With random LiveKit event ids (their dedupe reads
/// land anywhere in the index), 200,000 events took the same CPU per event at 8 and 16 MB.
/// 12 MB keeps a margin both ways.
const STORE_CACHE_MB: u64 = 12;

/// Opens the configured store.
pub async fn open_store(settings: &Settings) -> Result<Arc<dyn Store>, DaemonError> {
    Ok(crate::store::open(&settings.store, &settings.data_dir, STORE_CACHE_MB).await?)
}

/// Opens the store and starts serving on `listener` in the background.
pub async fn spawn(settings: Settings, listener: tokio::net::TcpListener) -> Result<Handle, DaemonError> {
    let store = open_store(&settings).await?;
    start(settings, store, listener).await
}

/// Starts serving on `listener` over an open store, in the background.
pub async fn start(
    mut settings: Settings,
    store: Arc<dyn Store>,
    listener: tokio::net::TcpListener,
) -> Result<Handle, DaemonError> {
    let admin_token = admin_token(&settings, store.as_ref()).await?;
    settings.encryption_key = Some(encryption_key(&settings)?);
    let addr = listener.local_addr().map_err(|e| DaemonError::Bind { addr: settings.listen, reason: e.to_string() })?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let limits =
        auth::RateLimits::new(settings.rate_limit.per_ip_per_minute, settings.rate_limit.per_project_per_minute);
    let core = Arc::new(Core::new(store.clone(), settings));
    let worker = Arc::new(Worker::new(core.clone()));
    let state = Arc::new(AppState {
        core: core.clone(),
        worker: worker.clone(),
        stopping: stop_rx.clone(),
        limits,
        admin_token: admin_token.clone(),
        started: Instant::now(),
    });
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let worker_task = worker.spawn(stop_rx.clone()).map_err(DaemonError::Worker)?;
    let upkeep_task = tokio::spawn(upkeep(core.clone(), crate::model::now_ms(), stop_rx.clone()));
    let verify_task = tokio::spawn(verifier(core.clone(), stop_rx.clone()));
    let start_task = tokio::spawn(starter(core.clone(), stop_rx.clone()));
    let cluster_task = tokio::spawn(core.follow_other_daemons(stop_rx.clone()));
    let evict_state = state.clone();
    let mut evict_stop = stop_rx.clone();
    let evict_task = tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = every.tick() => evict_state.limits.evict(),
                _ = evict_stop.changed() => break,
            }
        }
    });
    let routes = routes::routes(state.clone());
    let limits = state.core.settings.connections;
    let flush_store = store.clone();
    let mut stopped = stop_rx;
    let task = tokio::spawn(async move {
        let server = server::serve(routes, listener, limits, async move {
            let _ = rx.await;
            // Ends event streams (which never end by themselves) and starts the worker's
            // drain while requests in flight finish.
            let _ = stop_tx.send(true);
        });
        tokio::select! {
            _ = server => {}
            _ = async {
                let _ = stopped.wait_for(|s| *s).await;
                tokio::time::sleep(DRAIN).await;
            } => tracing::warn!("connections still open {} s after shutdown began: closing them", DRAIN.as_secs()),
        }
        let _ = worker_task.await;
        let _ = upkeep_task.await;
        let _ = cluster_task.await;
        let _ = verify_task.await;
        let _ = start_task.await;
        let _ = evict_task.await;
        if let Err(e) = flush_store.close().await {
            tracing::error!(error = %e, "final store flush failed");
        }
    });
    Ok(Handle { addr, admin_token, store, shutdown: Some(tx), task, state })
}

/// The reconciliation poller, the usage aggregation and the retention pruner, until `stop`
/// fires. On a shared store only the daemon that leads runs them; another takes over when it
/// dies.
async fn upkeep(core: Arc<Core>, booted_ms: crate::model::Millis, mut stop: tokio::sync::watch::Receiver<bool>) {
    // The embedded store is this process's alone: any start still pending from before it
    // began was cut off by the previous run, so it is settled now, not ORPHAN_AFTER_MS later.
    if core.store.backend() == "sled" {
        core.retry_due_starts(true, true).await;
        core.resolve_orphans(booted_ms).await;
    }
    let mut poll = tokio::time::interval(core.settings.livekit.reconcile_interval);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut prune = tokio::time::interval(std::time::Duration::from_secs(3600));
    let mut aggregate = tokio::time::interval(core.settings.usage_interval);
    aggregate.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = poll.tick() => if core.store.lead().await {
                core.reconcile_once().await;
                core.usage_thresholds().await;
            },
            _ = prune.tick() => if core.store.lead().await { core.prune().await },
            _ = aggregate.tick() => if core.store.lead().await
                && let Err(e) = core.aggregate_usage().await
            {
                tracing::warn!(error = %e, "usage aggregation failed; the next pass retries");
            },
            _ = stop.changed() => break,
        }
    }
}

/// Every second: makes the egress starts that are due again (see `core::starts`; on the
/// leading daemon all of them, on the others those whose stream keys they hold), and on the
/// leader stops what ran past its `max_duration`.
async fn starter(core: Arc<Core>, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(1));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = every.tick() => core.egress_tick(core.store.lead().await).await,
            _ = stop.changed() => break,
        }
    }
}

/// Checks ended recordings in the object store: at once when this daemon ends one, and every
/// second for what is due (a retry, or one a crashed daemon left), on the leading daemon.
async fn verifier(core: Arc<Core>, mut stop: tokio::sync::watch::Receiver<bool>) {
    let wake = core.verify_wake();
    let mut every = tokio::time::interval(std::time::Duration::from_secs(1));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = wake.notified() => { core.verify_due().await; }
            _ = every.tick() => if core.store.lead().await { core.verify_due().await; },
            _ = stop.changed() => break,
        }
    }
}

/// Sets up logging on stderr: pretty or JSON, ANSI only on a terminal, filter from
/// `PULSE_LOG` or `RUST_LOG`. The default, `info,warp=warn`, leaves out warp's two lines per
/// request (a LiveKit join storm would be a log storm); `PULSE_LOG=info` brings them back.
pub fn init_logging(format: LogFormat) {
    use std::io::IsTerminal;
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::prelude::*;
    let filter =
        std::env::var("PULSE_LOG").or_else(|_| std::env::var("RUST_LOG")).unwrap_or_else(|_| DEFAULT_LOG.into());
    // `target=level` directives (what RUST_LOG is nearly always): tracing-subscriber's
    // `Targets`, not its `EnvFilter`, whose span and field matching needs the regex crates
    // (about 25 s of every cold build) for nothing the daemon's logs use.
    let filter: Targets = filter.parse().unwrap_or_else(|_| DEFAULT_LOG.parse().expect("the default filter parses"));
    // A global filter, as `with_env_filter` was: per-layer filtering would make the registry
    // keep filter state for every span and event it is asked about.
    let layer = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let logs = tracing_subscriber::registry().with(filter);
    let _ = match format {
        LogFormat::Json => logs.with(layer.json()).try_init(),
        LogFormat::Pretty => logs.with(layer.with_ansi(std::io::stderr().is_terminal())).try_init(),
    };
}

/// Runs the daemon in the foreground until SIGTERM or SIGINT.
pub async fn run(settings: Settings) -> Result<(), DaemonError> {
    let listen = settings.listen;
    let data_dir = settings.data_dir.clone();
    // The store first: a second daemon on this data dir must fail before touching the port.
    let store = open_store(&settings).await?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| DaemonError::Bind { addr: listen, reason: e.to_string() })?;
    let handle = start(settings, store, listener).await?;
    tracing::info!(addr = %handle.addr, data_dir = %data_dir.display(), version = env!("CARGO_PKG_VERSION"), "pulse daemon listening");
    // systemd Type=notify: ready once the store is open and the port bound.
    let _ = sd_notify::notify(false, &[sd_notify::NotifyState::Ready]);
    shutdown_signal().await;
    tracing::info!("shutting down: finishing requests in flight and flushing the store");
    let _ = sd_notify::notify(false, &[sd_notify::NotifyState::Stopping]);
    handle.shutdown().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler installs");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
